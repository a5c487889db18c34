#pragma once

#include "core/enum_text.hpp"

namespace lianjian::campaign {

// The three phases of a year's campaign (方法步骤, seed 五(一)). Default dates: April, May to
// November, December; the committee may move them. Stored and sent as the code.
enum class Phase { planning, implementation, summary };

// The six linkages (六联, seed 四). Every plan item, checklist item and activity has exactly one.
enum class Linkage {
    theory_study,
    resource_sharing,
    joint_practice,
    team_building,
    central_work,
    conduct_discipline
};

// Activity kinds (DOMAIN.md "Activities and the ledger"), one per activity, independent of its
// linkage. Checklist items and plan items carry one too.
enum class ActivityKind {
    theme_party_day,
    party_lecture,
    red_film,
    study_session,
    mini_training,
    affairs_observation,
    knowledge_contest,
    alliance_meeting,
    mutual_visit,
    practice,
    other
};

// The state of one version of an annual plan (活动计划, DOMAIN.md "The year's campaign"):
// draft → submitted → approved | returned → submitted …; an approved plan is revised as a new
// version that starts as a draft.
enum class PlanState { draft, submitted, approved, returned };

inline constexpr Phase all_phases[] = {Phase::planning, Phase::implementation, Phase::summary};
inline constexpr Linkage all_linkages[] = {
    Linkage::theory_study,  Linkage::resource_sharing, Linkage::joint_practice,
    Linkage::team_building, Linkage::central_work,     Linkage::conduct_discipline};

}  // namespace lianjian::campaign

namespace lianjian {

template <>
struct EnumText<campaign::Phase> {
    using P = campaign::Phase;
    static constexpr EnumName<P> names[] = {{P::planning, "planning", "制定计划阶段"},
                                            {P::implementation, "implementation", "组织实施阶段"},
                                            {P::summary, "summary", "总结提高阶段"}};
};

template <>
struct EnumText<campaign::Linkage> {
    using L = campaign::Linkage;
    static constexpr EnumName<L> names[] = {
        {L::theory_study, "theory_study", "政治理论联学"},
        {L::resource_sharing, "resource_sharing", "优势资源联享"},
        {L::joint_practice, "joint_practice", "实践活动联办"},
        {L::team_building, "team_building", "党员队伍联建"},
        {L::central_work, "central_work", "中心工作联动"},
        {L::conduct_discipline, "conduct_discipline", "作风纪律联抓"}};
};

template <>
struct EnumText<campaign::ActivityKind> {
    using K = campaign::ActivityKind;
    static constexpr EnumName<K> names[] = {
        {K::theme_party_day, "theme_party_day", "主题党日"},
        {K::party_lecture, "party_lecture", "党课"},
        {K::red_film, "red_film", "红色影视"},
        {K::study_session, "study_session", "理论学习"},
        {K::mini_training, "mini_training", "理论小轮训"},
        {K::affairs_observation, "affairs_observation", "党务观摩"},
        {K::knowledge_contest, "knowledge_contest", "知识竞赛"},
        {K::alliance_meeting, "alliance_meeting", "联盟会议"},
        {K::mutual_visit, "mutual_visit", "定期互访"},
        {K::practice, "practice", "实践活动"},
        {K::other, "other", "其他"}};
};

template <>
struct EnumText<campaign::PlanState> {
    using S = campaign::PlanState;
    static constexpr EnumName<S> names[] = {{S::draft, "draft", "草稿"},
                                            {S::submitted, "submitted", "待审核"},
                                            {S::approved, "approved", "已通过"},
                                            {S::returned, "returned", "已退回"}};
};

}  // namespace lianjian
