#include "audit/action_labels.hpp"

#include <algorithm>
#include <array>
#include <utility>

namespace lianjian::audit {

namespace {

// Sorted by code. The same labels as the web's zh-CN locale (audit.actions); a Vitest
// (web/src/views/audit/log/__tests__/auditLabels.spec.ts) keeps the two equal.
constexpr std::array<std::pair<std::string_view, std::string_view>, 91> labels{{
    {"access.refused", "越权访问被拒绝"},
    {"activity.amend", "更正已归档台账"},
    {"activity.archive", "归档活动台账"},
    {"activity.cancel", "取消活动"},
    {"activity.create", "新建活动"},
    {"activity.edit", "修改活动"},
    {"activity.hold", "活动标记为已举办"},
    {"activity.part", "填写本单位部分"},
    {"activity.record_part", "填写本单位部分"},
    {"activity.return_ledger", "退回活动台账"},
    {"activity.submit_ledger", "提交活动台账"},
    {"activity.update", "修改活动"},
    {"alliance.create", "组建联盟"},
    {"alliance.dissolve", "解散联盟"},
    {"alliance.lead_change", "更换牵头单位"},
    {"alliance.member_join", "成员单位加入"},
    {"alliance.member_leave", "成员单位退出"},
    {"alliance.rotation_reorder", "调整轮值顺序"},
    {"alliance.update", "修改联盟"},
    {"application.confirm", "单位确认"},
    {"application.consult", "牵头单位意见"},
    {"application.decide", "机关工委审批"},
    {"application.submit", "提交申请"},
    {"application.withdraw", "撤回申请"},
    {"attachment.remove", "删除附件"},
    {"attachment.upload", "上传附件"},
    {"attendance.record", "登记签到"},
    {"attendance.roster", "调整应到名单"},
    {"attendance.signin", "扫码签到"},
    {"attendance.tap", "一键签到"},
    {"audit.archive", "导出签名审计归档"},
    {"audit.purge", "清除保存期外的审计记录"},
    {"auth.lockout", "账号锁定（密码错误次数过多）"},
    {"auth.login", "登录"},
    {"auth.logout", "退出登录"},
    {"auth.password_change", "修改密码"},
    {"auth.password_expired", "密码已过期（须修改）"},
    {"auth.recovery_code", "使用恢复码登录"},
    {"auth.second_factor", "双因素验证码错误"},
    {"auth.session_cap", "超出同时在线上限，结束最早的会话"},
    {"auth.totp_confirm", "确认绑定身份验证器"},
    {"auth.totp_enrol", "开始绑定身份验证器"},
    {"campaign.create", "设立年度工作"},
    {"campaign.update", "设置阶段日期"},
    {"checklist_item.copy", "复制上一年参考清单"},
    {"checklist_item.create", "新增参考清单项"},
    {"checklist_item.delete", "删除参考清单项"},
    {"checklist_item.restore", "恢复参考清单项"},
    {"checklist_item.retire", "停用参考清单项"},
    {"checklist_item.update", "修改参考清单项"},
    {"demo.campaign", "载入演示年度工作"},
    {"demo.load", "载入演示数据"},
    {"formation.adopt", "采纳组建建议"},
    {"formation.rotation_adopt", "采纳日历轮值方案"},
    {"ledger.amend", "更正已归档台账"},
    {"member.create", "新增党员"},
    {"member.deactivate", "党员移出名册"},
    {"member.export", "导出党员"},
    {"member.import", "导入党员"},
    {"member.unmask", "查看党员完整电话"},
    {"member.update", "修改党员"},
    {"office_area.create", "新增办公区"},
    {"office_area.update", "修改办公区"},
    {"phase_report.submit", "提交阶段汇报"},
    {"plan.approve", "通过活动计划"},
    {"plan.create", "新建活动计划"},
    {"plan.edit", "编辑活动计划"},
    {"plan.return", "退回活动计划"},
    {"plan.revise", "修订活动计划"},
    {"plan.save", "保存活动计划"},
    {"plan.submit", "提交活动计划"},
    {"plan.update", "修改活动计划"},
    {"responsibility_sheet.create", "填写责任书"},
    {"responsibility_sheet.update", "修改责任书"},
    {"strength_tag.create", "新增资源优势标签"},
    {"strength_tag.update", "修改资源优势标签"},
    {"system.config", "服务器配置生效"},
    {"unit.activate", "启用单位"},
    {"unit.create", "新增单位"},
    {"unit.deactivate", "停用单位"},
    {"unit.liaison_phone_unmask", "查看联络员完整电话"},
    {"unit.update", "修改单位"},
    {"user.create", "新建账号"},
    {"user.disable", "停用账号"},
    {"user.enable", "启用账号"},
    {"user.lock", "锁定账号"},
    {"user.member_link", "关联党员"},
    {"user.password_reset", "重置密码"},
    {"user.totp_reset", "重置双因素认证"},
    {"user.unlock", "解锁账号"},
    {"user.update", "修改账号"},
}};

}  // namespace

std::string_view action_label(std::string_view code) {
    const auto found = std::lower_bound(
        labels.begin(), labels.end(), code,
        [](const auto& entry, std::string_view wanted) { return entry.first < wanted; });
    return found != labels.end() && found->first == code ? found->second : std::string_view();
}

}  // namespace lianjian::audit
