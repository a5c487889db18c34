#include "demo/campaign_demo.hpp"

#include "audit/detail.hpp"
#include "core/clock.hpp"
#include "storage/campaign_repository.hpp"

namespace lianjian::demo {

namespace {

using campaign::ActivityKind;
using campaign::Linkage;

struct DemoItem {
    Linkage linkage;
    ActivityKind kind;
    const char* title;
    const char* description;
    int month;  // 0: none
    const char* key_date;
};

// The seed's 四 "六联" and 六(三), turned into the committee's checklist for a year.
constexpr DemoItem this_year[] = {
    {Linkage::theory_study, ActivityKind::theme_party_day, "“七一”共过主题党日",
     "联盟各党组织共同重温入党誓词，共谈入党感悟。", 7, "七一"},
    {Linkage::theory_study, ActivityKind::theme_party_day, "国庆主题党日",
     "围绕国庆开展爱国主义主题党日活动。", 10, "国庆"},
    {Linkage::theory_study, ActivityKind::study_session, "宪法日联学宪法",
     "围绕国家宪法日共学宪法和党内法规。", 12, "宪法日 12月4日"},
    {Linkage::theory_study, ActivityKind::party_lecture, "共听优秀党课",
     "邀请联盟内善于讲党课的优秀人才轮流授课。", 5, ""},
    {Linkage::theory_study, ActivityKind::red_film, "共看红色影视",
     "组织党员共同观看红色影片并交流观后感。", 6, ""},
    {Linkage::theory_study, ActivityKind::study_session, "重要会议精神联学",
     "围绕重要会议精神和重要讲话开展专题学习。", 0, "重要会议之后"},
    {Linkage::resource_sharing, ActivityKind::affairs_observation, "党建活动基地共建共享",
     "依托阵地建设较完善的成员单位设立党建活动基地，定期安排共同使用。", 5, ""},
    {Linkage::resource_sharing, ActivityKind::party_lecture, "党务干部和党课人才互派",
     "经验丰富的党务干部、优秀党课人才在联盟内交流授课。", 9, ""},
    {Linkage::joint_practice, ActivityKind::practice, "助力“两区创建”实践活动",
     "围绕区委、区政府中心工作开展志愿服务等实践活动，一次活动一轮值。", 6, ""},
    {Linkage::joint_practice, ActivityKind::practice, "党员进社区志愿服务",
     "联盟党员就近到社区开展志愿服务。", 8, ""},
    {Linkage::team_building, ActivityKind::mini_training, "党员理论小轮训",
     "各成员单位轮流组织党员理论小轮训。", 5, ""},
    {Linkage::team_building, ActivityKind::affairs_observation, "党务实务小观摩",
     "互学支部班子建设和党员教育管理经验。", 7, ""},
    {Linkage::team_building, ActivityKind::knowledge_contest, "党建知识小竞赛",
     "联盟内组织党建知识竞赛，以赛促学。", 9, ""},
    {Linkage::team_building, ActivityKind::alliance_meeting, "“党员示范岗”评选交流",
     "交流“党员示范岗”“岗位标兵”的做法。", 11, ""},
    {Linkage::central_work, ActivityKind::alliance_meeting, "联盟会议：围绕中心抓党建",
     "召开联盟会议，共商服务中心工作的思路和举措。", 5, ""},
    {Linkage::central_work, ActivityKind::practice, "招商引资和营商环境联动",
     "结合招商引资、平安建设等中心工作开展联动。", 8, ""},
    {Linkage::central_work, ActivityKind::mutual_visit, "定期互访：双组双促、三联系三服务",
     "成员单位定期互访，交流双组双促、三联系三服务经验。", 10, ""},
    {Linkage::conduct_discipline, ActivityKind::affairs_observation, "作风纪律互学观摩",
     "机关中层科室、基层站所互学观摩，改进作风。", 6, ""},
    {Linkage::conduct_discipline, ActivityKind::study_session, "廉政警示教育",
     "共同开展廉政警示教育，弘扬崇尚实干、勇于担当、清正廉洁的作风。", 9, ""},
    {Linkage::conduct_discipline, ActivityKind::mutual_visit, "作风建设互查互评",
     "共查漏洞和不足，改善营商环境。", 11, ""},
};

constexpr DemoItem last_year[] = {
    {Linkage::theory_study, ActivityKind::theme_party_day, "“七一”共过主题党日",
     "联盟各党组织共同重温入党誓词。", 7, "七一"},
    {Linkage::team_building, ActivityKind::knowledge_contest, "党建知识小竞赛",
     "联盟内组织党建知识竞赛。", 9, ""},
    {Linkage::joint_practice, ActivityKind::practice, "助力“两区创建”实践活动",
     "围绕中心工作开展实践活动。", 6, ""},
    {Linkage::conduct_discipline, ActivityKind::affairs_observation, "作风纪律互学观摩",
     "机关中层科室、基层站所互学观摩。", 6, ""},
    {Linkage::central_work, ActivityKind::alliance_meeting, "年度联盟会议",
     "总结上一年度联盟工作，部署本年度任务。", 12, ""},
};

// Written straight to storage: the items are audited together (`demo.campaign`), as the
// registry's demo load is.
void add_items(storage::Transaction& transaction, int year, const auto& items) {
    const auto now = format_timestamp(programme_clock::now());
    for (const auto& item : items) {
        campaign::ChecklistItem input;
        input.year = year;
        input.linkage = item.linkage;
        input.kind = item.kind;
        input.title = item.title;
        input.description = item.description;
        if (item.month > 0) {
            input.suggested_month = item.month;
        }
        input.key_date = item.key_date;
        storage::insert_checklist_item(transaction.session(), input, now);
    }
}

}  // namespace

bool load_campaign_demo(app::Services& services) {
    const int year = programme_clock::current_year();
    const audit::Actor system_actor{std::nullopt, "system", ""};
    storage::Transaction transaction(services.database);
    if (!services.campaigns.create_default(transaction, system_actor, year)) {
        return false;
    }
    add_items(transaction, year, this_year);
    storage::ChecklistQuery previous;
    previous.year = year - 1;
    if (storage::list_checklist_items(transaction.session(), previous).total == 0) {
        add_items(transaction, year - 1, last_year);
    }
    services.audit.record(
        transaction,
        {system_actor, "demo.campaign", "demo", std::to_string(year), audit::Outcome::success,
         audit::detail({{"checklist_count", std::size(this_year)},
                        {"previous_year_checklist_count", std::size(last_year)}})});
    transaction.commit();
    return true;
}

}  // namespace lianjian::demo
