#include "demo/plan_demo.hpp"

#include "core/clock.hpp"
#include "core/date_text.hpp"
#include "demo/demo_data.hpp"
#include "storage/member_repository.hpp"
#include "storage/plan_repository.hpp"
#include "storage/responsibility_repository.hpp"
#include "storage/user_repository.hpp"

#include <algorithm>
#include <map>

namespace lianjian::demo {

namespace {

using campaign::ActivityKind;
using campaign::Linkage;

struct DemoItem {
    const char* theme;
    Linkage linkage;
    ActivityKind kind;
    int month;
    int day;  // 0: no date yet
    const char* place;
};

// 第一联盟's first version: all six linkages.
constexpr DemoItem first_items[] = {
    {"庆祝建党节“不忘初心、牢记使命”联盟共过主题党日", Linkage::theory_study,
     ActivityKind::theme_party_day, 7, 1, "区委直属机关工委党员活动室"},
    {"优秀党务干部巡回讲党课", Linkage::resource_sharing, ActivityKind::party_lecture, 5, 20,
     "区审计局党建活动基地"},
    {"助力“两区创建”联合志愿服务", Linkage::joint_practice, ActivityKind::practice, 6, 0,
     "行政中心周边社区"},
    {"党员理论小轮训", Linkage::team_building, ActivityKind::mini_training, 9, 0,
     "区总工会职工学校"},
    {"围绕“双组双促”开展联盟中心工作联动", Linkage::central_work, ActivityKind::practice, 8, 0,
     "各成员单位"},
    {"机关中层科室互学观摩、作风纪律联查", Linkage::conduct_discipline,
     ActivityKind::affairs_observation, 10, 0, "团区委、区妇联"},
};

// 第二联盟's returned plan: four linkages, no 党员队伍联建 and no 作风纪律联抓.
constexpr DemoItem second_items[] = {
    {"共看红色影视，共谈入党感悟", Linkage::theory_study, ActivityKind::red_film, 6, 28,
     "区政务服务中心报告厅"},
    {"党史研究室专家讲授党史专题党课", Linkage::resource_sharing, ActivityKind::party_lecture, 5, 0,
     "区委党史研究室"},
    {"政务服务进社区联合实践活动", Linkage::joint_practice, ActivityKind::practice, 9, 0,
     "城市建设中心片区"},
    {"助力招商引资、优化营商环境联动", Linkage::central_work, ActivityKind::practice, 8, 0,
     "区投资促进服务中心"},
};

// 第三联盟's submitted plan: five linkages.
constexpr DemoItem third_items[] = {
    {"学习重要讲话精神联学会", Linkage::theory_study, ActivityKind::study_session, 5, 15,
     "人防大楼三楼会议室"},
    {"党建知识小竞赛", Linkage::team_building, ActivityKind::knowledge_contest, 11, 0,
     "区水建中心"},
    {"防汛保安联合实践活动", Linkage::joint_practice, ActivityKind::practice, 6, 0,
     "区水建中心工地"},
    {"金融服务助企联动", Linkage::central_work, ActivityKind::practice, 9, 0, "区金融服务中心"},
    {"基层站所互学观摩", Linkage::conduct_discipline, ActivityKind::affairs_observation, 10, 0,
     "区供销联社基层网点"},
};

// The year's active checklist item of the linkage, the first not yet used by this plan.
std::optional<long long> checklist_for(const std::vector<storage::ChecklistEntry>& checklist,
                                       Linkage linkage, std::vector<long long>& used) {
    for (const auto& entry : checklist) {
        if (entry.linkage == linkage &&
            std::find(used.begin(), used.end(), entry.id) == used.end()) {
            used.push_back(entry.id);
            return entry.id;
        }
    }
    return std::nullopt;
}

plans::PlanContent content_of(const DemoItem* begin, const DemoItem* end, int year,
                              const std::vector<storage::ChecklistEntry>& checklist,
                              const std::vector<long long>& units, const std::string& contact,
                              const std::string& phone) {
    plans::PlanContent content;
    content.contacts = {{contact, "联盟联络员", phone}};
    content.support = {"各成员单位党员活动室、党建活动基地轮流提供",
                       "各单位党建工作经费列支，机关工委以奖代补",
                       "各单位明确一名联络员，牵头单位统筹"};
    std::vector<long long> used;
    for (const auto* item = begin; item != end; ++item) {
        plans::ItemDraft draft;
        draft.theme = item->theme;
        draft.linkage = enum_code(item->linkage);
        draft.kind = enum_code(item->kind);
        draft.month = item->month;
        if (item->day > 0) {
            draft.planned_on = date_text(year, item->month, item->day);
        }
        draft.place = item->place;
        draft.participating_unit_ids = units;
        draft.checklist_item_id = checklist_for(checklist, item->linkage, used);
        content.items.push_back(std::move(draft));
    }
    return content;
}

// The sheet's texts, from the unit's place in its alliance.
responsibility::SheetInput sheet_for(const std::string& unit_name, bool lead,
                                     const std::vector<long long>& people) {
    responsibility::SheetInput input;
    input.targets = lead ? "牵头组织联盟全年“六联”活动，计划完成率100%，形成可复制的联建样板"
                         : "积极参与联盟活动，全年参加联盟活动不少于6次，轮值期间牵头承办活动";
    input.measures = unit_name +
                     "党组专题研究联盟工作，将联建活动纳入年度党建工作要点，"
                     "按季度梳理台账、反馈开展情况";
    input.duties = lead
                       ? "党组书记为第一责任人主推主抓，机关党组织书记为直接责任人牵头组织"
                       : "党组书记积极配合牵头单位工作，机关党组织书记密切协调，联络员负责日常对接";
    const auto pick = [&](std::size_t index) -> std::optional<long long> {
        if (people.empty())
            return std::nullopt;
        return people[std::min(index, people.size() - 1)];
    };
    input.first_responsible_member_id = pick(0);
    input.direct_responsible_member_id = pick(1);
    input.liaison_member_id = pick(2);
    return input;
}

void load_plans(app::Services& services, int year) {
    std::vector<storage::ChecklistEntry> checklist;
    {
        storage::Connection connection(services.database);
        storage::PlanQuery query;
        query.year = year;
        if (storage::list_plans(connection.session(), query).total > 0) {
            return;
        }
        checklist = storage::active_checklist(connection.session(), year);
    }
    const auto committee = caller_of(services, "admin");
    if (!committee) {
        return;
    }
    std::map<std::string, alliances::Alliance> alliances;
    for (auto& alliance : services.alliances.list(today_date())) {
        alliances[alliance.name] = alliance;
    }
    const auto plan_for = [&](const std::string& name, const std::string& lead_user,
                              const DemoItem* begin, const DemoItem* end,
                              const std::string& contact,
                              const std::string& phone) -> std::optional<plans::Plan> {
        const auto found = alliances.find(name);
        const auto lead = caller_of(services, lead_user);
        if (found == alliances.end() || !lead) {
            return std::nullopt;
        }
        std::vector<long long> units;
        for (const auto& member : found->second.members) units.push_back(member.unit.id);
        auto plan = services.plans.create(*lead, found->second.id, year);
        return services.plans.save(*lead, plan.id,
                                   content_of(begin, end, year, checklist, units, contact, phone));
    };
    // 第一联盟: version 1 approved, revised with one item moved and one added, approved again.
    if (auto plan = plan_for("第一联盟", "gongwei_admin", std::begin(first_items),
                             std::end(first_items), "李明（演示）", "13800000001")) {
        const auto lead = *caller_of(services, "gongwei_admin");
        services.plans.submit(lead, plan->id, "");
        services.plans.approve(*committee, plan->id, "计划覆盖“六联”全部内容，同意实施");
        auto revised = services.plans.revise(lead, plan->id, "根据工委跟进指导意见调整");
        plans::PlanContent content;
        content.contacts = revised.version.contacts;
        content.support = revised.version.support;
        content.support.funds = "各单位党建工作经费列支，机关工委以奖代补；增设知识竞赛奖品经费";
        for (const auto& item : revised.version.items) {
            plans::ItemDraft draft;
            draft.id = item.id;
            draft.theme = item.theme;
            draft.linkage = enum_code(item.linkage);
            draft.kind = enum_code(item.kind);
            draft.month = item.linkage == Linkage::team_building ? 10 : item.month;
            draft.planned_on =
                item.linkage == Linkage::team_building ? std::nullopt : item.planned_on;
            draft.place = item.place;
            if (item.host_unit)
                draft.host_unit_id = item.host_unit->id;
            for (const auto& unit : item.participating_units) {
                draft.participating_unit_ids.push_back(unit.id);
            }
            if (item.checklist_item)
                draft.checklist_item_id = item.checklist_item->id;
            content.items.push_back(std::move(draft));
        }
        plans::ItemDraft added;
        added.theme = "党建知识小竞赛";
        added.linkage = enum_code(Linkage::team_building);
        added.kind = enum_code(ActivityKind::knowledge_contest);
        added.month = 11;
        added.place = "区总工会职工之家";
        added.participating_unit_ids = content.items.front().participating_unit_ids;
        content.items.push_back(std::move(added));
        services.plans.save(lead, plan->id, content);
        services.plans.submit(lead, plan->id, "");
        services.plans.approve(*committee, plan->id, "同意调整");
    }
    // 第二联盟: submitted and returned with the committee's opinion.
    if (auto plan = plan_for("第二联盟", "zhengwu_admin", std::begin(second_items),
                             std::end(second_items), "王芳（演示）", "13800000002")) {
        const auto lead = *caller_of(services, "zhengwu_admin");
        services.plans.submit(lead, plan->id, "");
        services.plans.send_back(*committee, plan->id,
                                 "计划未安排“党员队伍联建”和“作风纪律联抓”方面的活动，请补充后"
                                 "重新提交；请按轮值顺序明确各项活动的承办单位。");
    }
    // 第三联盟: submitted, waiting for the committee.
    if (auto plan = plan_for("第三联盟", "bianban_admin", std::begin(third_items),
                             std::end(third_items), "张伟（演示）", "13800000003")) {
        services.plans.submit(*caller_of(services, "bianban_admin"), plan->id, "");
    }
}

void load_sheets(app::Services& services, int year) {
    {
        storage::Connection connection(services.database);
        storage::SheetQuery query;
        query.year = year;
        if (storage::list_sheets(connection.session(), query).total > 0) {
            return;
        }
    }
    std::map<std::string, std::string> admin_of_unit;
    for (const auto& account : demo_accounts()) {
        if (account.role == "unit_admin")
            admin_of_unit[account.unit_name] = account.username;
    }
    // Two units have not filled theirs in yet, so that the committee sees who is missing.
    const std::vector<std::string> left_out = {"区科协", "区供销联社"};
    for (const auto& alliance : services.alliances.list(today_date())) {
        for (const auto& member : alliance.members) {
            if (std::find(left_out.begin(), left_out.end(), member.unit.name) != left_out.end()) {
                continue;
            }
            const auto admin = admin_of_unit.find(member.unit.name);
            if (admin == admin_of_unit.end())
                continue;
            const auto caller = caller_of(services, admin->second);
            if (!caller)
                continue;
            std::vector<long long> people;
            {
                storage::Connection connection(services.database);
                storage::MemberQuery query;
                query.unit_id = member.unit.id;
                query.active = true;
                query.page = 1;
                query.page_size = 3;
                for (const auto& stored :
                     storage::list_members(connection.session(), query).items) {
                    people.push_back(stored.member.id);
                }
            }
            services.responsibility.save(
                *caller, year, member.unit.id,
                sheet_for(member.unit.name, member.role == alliances::MemberRole::lead, people));
        }
    }
}

}  // namespace

void load_plan_demo(app::Services& services) {
    const int year = programme_clock::current_year();
    load_plans(services, year);
    load_sheets(services, year);
}

std::optional<accounts::Caller> caller_of(app::Services& services, const std::string& username) {
    storage::Connection connection(services.database);
    const auto user = storage::find_user_by_username(connection.session(), username);
    if (!user) {
        return std::nullopt;
    }
    return accounts::Caller{{user->id, user->username, ""}, user->roles, user->unit_id};
}

}  // namespace lianjian::demo
