#include "demo/activity_demo.hpp"

#include "core/clock.hpp"
#include "demo/demo_data.hpp"
#include "demo/demo_photo.hpp"
#include "demo/plan_demo.hpp"
#include "storage/attendance_repository.hpp"

#include <spdlog/spdlog.h>

#include <chrono>
#include <filesystem>
#include <map>

namespace lianjian::demo {

namespace {

using campaign::ActivityKind;
using campaign::Linkage;

// What a district's alliances do in a year (seed 四): twelve kinds of joint activity, dealt out
// so that each alliance covers all six linkages between May and November.
struct Template {
    Linkage linkage;
    ActivityKind kind;
    const char* title;
    const char* place;
    const char* content;
    const char* outcomes;
    const char* minutes;  // for meetings and visits
};

constexpr Template templates[] = {
    {Linkage::theory_study, ActivityKind::theme_party_day, "联盟共过主题党日",
     "区委直属机关工委党员活动室",
     "重温入党誓词，集体学习党章和重要讲话精神，各成员单位党员代表交流学习体会。",
     "形成学习心得12篇，确定下阶段联学专题。", ""},
    {Linkage::resource_sharing, ActivityKind::party_lecture, "优秀党务干部巡回讲党课",
     "区审计局党建活动基地", "邀请成员单位优秀党务干部讲授专题党课，共享党建活动基地。",
     "党课课件在联盟内共享，建立讲师库。", ""},
    {Linkage::joint_practice, ActivityKind::practice, "助力“两区创建”联合志愿服务",
     "行政中心周边社区", "各成员单位党员志愿者开展环境整治和政策宣传。",
     "清理卫生死角8处，发放宣传资料300余份。", ""},
    {Linkage::team_building, ActivityKind::mini_training, "党员理论小轮训", "区总工会职工学校",
     "围绕党务实务开展小轮训，分组研讨发展党员、组织生活会等流程。",
     "整理党务实务问答20条，供各支部使用。", ""},
    {Linkage::central_work, ActivityKind::alliance_meeting, "联盟季度工作推进会", "牵头单位会议室",
     "通报本季度共建活动开展情况，研究下季度联动事项。", "明确下季度三项联动任务和责任单位。",
     "会议由牵头单位主持。一、通报上季度活动开展情况；二、各成员单位交流；三、议定下季度联动事项及"
     "责任分工。"},
    {Linkage::conduct_discipline, ActivityKind::mutual_visit, "成员单位定期互访", "各成员单位",
     "成员单位之间互访互学，查看党建阵地和作风建设台账。", "互相提出改进建议9条。",
     "互访纪要：参观党建阵地，交流作风纪律建设做法，反馈改进建议，约定下次互访时间。"},
    {Linkage::theory_study, ActivityKind::red_film, "共看红色影视，共谈入党感悟",
     "区政务服务中心报告厅", "组织党员集中观看红色影片，开展观后交流。",
     "收集观后感15篇，择优在联盟内交流。", ""},
    {Linkage::team_building, ActivityKind::knowledge_contest, "党建知识小竞赛", "区水建中心",
     "各成员单位组队参加党建知识竞赛，以赛促学。", "评选优胜队2支，形成题库一套。", ""},
    {Linkage::conduct_discipline, ActivityKind::affairs_observation,
     "机关科室互学观摩、作风纪律联查", "团区委、区妇联",
     "组织机关中层科室互学观摩，联合开展作风纪律检查。", "查找问题6个，均已建立整改清单。", ""},
    {Linkage::central_work, ActivityKind::practice, "助力招商引资、优化营商环境联动",
     "区投资促进服务中心", "围绕营商环境开展联合走访企业，收集企业诉求。",
     "走访企业11家，协调解决诉求5项。", ""},
    {Linkage::resource_sharing, ActivityKind::study_session, "共享党建阵地联学会",
     "区档案馆党建活动室", "依托共享党建阵地开展专题学习，交流支部工作经验。",
     "形成阵地共享使用安排表。", ""},
    {Linkage::joint_practice, ActivityKind::practice, "防汛保安联合实践活动", "区水建中心工地",
     "成员单位党员突击队参与防汛隐患排查。", "排查隐患点7处，全部落实整改。", ""},
};

// `date` plus `days`, as a local date.
std::string add_days(const std::string& date, int days) {
    const auto instant = programme_clock::start_of_local_day(date) + std::chrono::hours(24 * days) +
                         std::chrono::hours(12);
    return programme_clock::local_date(instant);
}

// The stored timestamp of `hour`:`minute` local time on `date`.
std::string local_time(const std::string& date, int hour, int minute) {
    return format_timestamp(programme_clock::start_of_local_day(date) + std::chrono::hours(hour) +
                            std::chrono::minutes(minute));
}

std::string month_day(int year, int month, int day) {
    std::string text = std::to_string(year);
    text += month < 10 ? "-0" : "-";
    text += std::to_string(month);
    text += day < 10 ? "-0" : "-";
    text += std::to_string(day);
    return text;
}

// Who acts for each unit: its demo admin account.
std::map<long long, accounts::Caller> unit_admins(app::Services& services,
                                                  const alliances::Alliance& alliance) {
    std::map<std::string, std::string> by_unit_name;
    for (const auto& account : demo_accounts()) {
        if (!account.unit_name.empty()) {
            by_unit_name[account.unit_name] = account.username;
        }
    }
    std::map<long long, accounts::Caller> admins;
    for (const auto& member : alliance.members) {
        const auto username = by_unit_name.find(member.unit.name);
        if (username == by_unit_name.end()) {
            continue;
        }
        if (auto caller = caller_of(services, username->second)) {
            admins.emplace(member.unit.id, *caller);
        }
    }
    return admins;
}

void attach_photo(app::Services& services, const accounts::Caller& host,
                  const activities::Activity& activity, int variant) {
    const auto& store = services.attachments.store();
    store.prepare();
    const auto file =
        store.temporary_directory() / ("demo-photo-" + std::to_string(activity.id) + ".png");
    write_demo_photo(file, activity.title,
                     activity.place + "  " + programme_clock::local_date_time(activity.starts_at),
                     variant);
    attachments::UploadRequest request;
    request.file = file;
    request.size = std::filesystem::file_size(file);
    request.filename = "活动照片.png";
    request.kind = activities::AttachmentKind::photo;
    services.attachments.upload(host, activity.id, request);
    std::error_code ignored;
    std::filesystem::remove(file, ignored);  // moved into the store; gone already
}

}  // namespace

void load_activity_demo(app::Services& services) {
    const auto committee = caller_of(services, "admin");
    if (!committee) {
        return;
    }
    const int year = programme_clock::current_year();
    activities::ActivityFilter existing;
    existing.year = year;
    existing.page_size = 1;
    if (services.activities.list(*committee, existing).total > 0) {
        return;
    }
    const std::string today = today_date();
    const std::string last_day = add_days(today, -3);
    const auto alliances = services.alliances.list(today);
    int count = 0;
    for (std::size_t index = 0; index < alliances.size() && index < 3; ++index) {
        const auto& alliance = alliances[index];
        const auto admins = unit_admins(services, alliance);
        const auto lead = admins.find(alliance.lead_unit.id);
        if (lead == admins.end() || alliance.members.size() < 2) {
            continue;
        }
        std::vector<long long> unit_ids;
        for (const auto& member : alliance.members) {
            unit_ids.push_back(member.unit.id);
        }
        int slot = 0;
        std::vector<long long> submitted;
        for (int month = 5; month <= 11; ++month) {
            for (const int day : {10, 22}) {
                const auto date = month_day(year, month, day + static_cast<int>(index));
                if (date > last_day) {
                    continue;
                }
                const auto& pattern = templates[(slot + 4 * index) % std::size(templates)];
                const auto starts_at = local_time(date, 14, 30);
                const auto host_id = services.activities.rotation_host(alliance.id, starts_at);
                const auto host = admins.find(host_id.value_or(alliance.lead_unit.id));
                if (host == admins.end()) {
                    continue;
                }
                activities::ActivityDraft draft;
                draft.alliance_id = alliance.id;
                draft.linkage = enum_code(pattern.linkage);
                draft.kind = enum_code(pattern.kind);
                draft.title = pattern.title;
                draft.theme = pattern.title;
                draft.place = pattern.place;
                draft.content = pattern.content;
                // One in five is left as it is: held, its outcomes and photo still missing.
                const bool left_incomplete = slot % 5 == 3;
                draft.outcomes = left_incomplete ? "" : pattern.outcomes;
                draft.minutes = pattern.minutes;
                draft.starts_at = starts_at;
                draft.ends_at = local_time(date, 16, 30);
                draft.host_unit_id = host->first;
                draft.participating_unit_ids = unit_ids;
                const auto activity = services.activities.create(host->second, draft);
                {
                    storage::Transaction transaction(services.database);
                    storage::record_demo_attendance(transaction.session(), activity.id,
                                                    host->second.user_id(), now_timestamp());
                    transaction.commit();
                }
                ++count;
                if (left_incomplete) {
                    ++slot;
                    continue;
                }
                attach_photo(services, host->second, activity, slot + static_cast<int>(index));
                services.activities.submit_ledger(host->second, activity.id);
                submitted.push_back(activity.id);
                ++slot;
            }
        }
        // The latest submitted ledger waits for the lead unit; the rest are archived.
        for (std::size_t position = 0; position + 1 < submitted.size(); ++position) {
            services.activities.archive(lead->second, submitted[position]);
        }
        if (index == 0) {
            const auto date = add_days(today, 7);
            const auto starts_at = local_time(date, 9, 0);
            const auto host_id = services.activities.rotation_host(alliance.id, starts_at);
            const auto host = admins.find(host_id.value_or(alliance.lead_unit.id));
            if (host != admins.end()) {
                activities::ActivityDraft draft;
                draft.alliance_id = alliance.id;
                draft.linkage = enum_code(Linkage::theory_study);
                draft.kind = enum_code(ActivityKind::study_session);
                draft.title = "学习贯彻全会精神联学会";
                draft.theme = "学习贯彻全会精神";
                draft.place = "区委直属机关工委党员活动室";
                draft.starts_at = starts_at;
                draft.ends_at = local_time(date, 11, 0);
                draft.host_unit_id = host->first;
                draft.participating_unit_ids = unit_ids;
                services.activities.create(host->second, draft);
                ++count;
            }
        }
    }
    spdlog::info("demo: {} activities of {} recorded", count, year);
}

}  // namespace lianjian::demo
