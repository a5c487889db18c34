#include "formation/formation_service.hpp"

#include "core/clock.hpp"
#include "core/error.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

namespace lianjian::formation {

namespace {

// A strength counts for the lead rule's second criterion when it is party-affairs work: its
// name mentions 党务 or 党课 (党务专家, 党课讲师 …).
bool party_affairs_tag(const std::string& name) {
    return name.find("党务") != std::string::npos || name.find("党课") != std::string::npos;
}

std::vector<long long> ids_of(const std::vector<UnitFacts>& facts, const std::vector<int>& group) {
    std::vector<long long> ids;
    for (int index : group) ids.push_back(facts[static_cast<std::size_t>(index)].profile.id);
    return ids;
}

SuggestedGroup describe(const std::vector<UnitFacts>& facts,
                        const std::vector<UnitProfile>& profiles, const Scorer& scorer,
                        const std::vector<int>& group, const std::vector<LeadCriterion>& rule) {
    SuggestedGroup result;
    result.unit_ids = ids_of(facts, group);
    result.score = scorer.score(group);
    result.lead = choose_lead(profiles, group, rule);
    for (int index : group) {
        if (auto alliance = profiles[static_cast<std::size_t>(index)].alliance_id) {
            result.alliance_id = alliance;
        }
    }
    return result;
}

}  // namespace

void check_weights(const Weights& weights) {
    for (double weight : {weights.adjacency, weights.size, weights.strengths}) {
        if (!std::isfinite(weight) || weight < 0 || weight > 1000) {
            throw field_error("weights", "权重应为 0–1000 之间的数");
        }
    }
    if (weights.adjacency + weights.size + weights.strengths <= 0) {
        throw field_error("weights", "三项权重不能都为 0");
    }
}

std::vector<UnitFacts> FormationService::load_units(const std::vector<long long>& unit_ids) {
    registry::UnitFilter filter;
    filter.page_size = 1000000;
    const auto page = registry_.list_units(filter);
    std::map<long long, const registry::Unit*> by_id;
    for (const auto& unit : page->items) by_id[unit.id] = &unit;
    std::map<long long, registry::OfficeArea> areas;
    for (auto& area : registry_.list_office_areas().items) areas[area.id] = area;
    std::map<long long, std::pair<registry::NamedRef, bool>>
        alliance_of;  // unit → (alliance, lead)
    for (const auto& alliance : alliances_.list(today_date())) {
        for (const auto& member : alliance.members) {
            alliance_of[member.unit.id] = {registry::NamedRef{alliance.id, alliance.name},
                                           member.unit.id == alliance.lead_unit.id};
        }
    }
    std::vector<UnitFacts> facts;
    std::set<long long> seen;
    for (long long id : unit_ids) {
        auto found = by_id.find(id);
        if (found == by_id.end()) {
            throw field_error("unit_ids", "单位不存在（编号 " + std::to_string(id) + "）");
        }
        if (!seen.insert(id).second) {
            throw field_error("unit_ids", "所选单位有重复");
        }
        const auto& unit = *found->second;
        UnitFacts fact;
        fact.profile.id = unit.id;
        fact.profile.name = unit.name;
        fact.short_name = unit.short_name;
        fact.office_area = unit.office_area;
        fact.organization_type = unit.party_organization_type;
        fact.strengths = unit.strengths;
        if (unit.office_area) {
            fact.profile.office_area_id = unit.office_area->id;
            if (auto area = areas.find(unit.office_area->id); area != areas.end()) {
                fact.profile.latitude = area->second.latitude;
                fact.profile.longitude = area->second.longitude;
            }
        }
        fact.profile.party_member_count = unit.party_member_count;
        fact.profile.organization_level = parse_organization_level(unit.party_organization_type)
                                              .value_or(OrganizationLevel::branch);
        for (const auto& tag : unit.strengths) {
            fact.profile.strength_tag_ids.push_back(tag.id);
            if (party_affairs_tag(tag.name))
                ++fact.profile.party_affairs_strengths;
        }
        if (auto member = alliance_of.find(unit.id); member != alliance_of.end()) {
            fact.alliance = member->second.first;
            fact.profile.alliance_id = member->second.first.id;
            fact.profile.leads_alliance = member->second.second;
        }
        facts.push_back(std::move(fact));
    }
    return facts;
}

Suggestion FormationService::suggest(const SuggestionRequest& request) {
    check_weights(request.weights);
    const auto started = std::chrono::steady_clock::now();
    Suggestion suggestion;
    suggestion.units = load_units(request.unit_ids);
    Problem problem;
    for (const auto& fact : suggestion.units) {
        problem.units.push_back(fact.profile);
        if (!request.keep_existing_alliances) {
            problem.units.back().alliance_id.reset();
            problem.units.back().leads_alliance = false;
        }
    }
    problem.min_size = request.min_size;
    problem.max_size = request.max_size;
    problem.together = request.together;
    problem.apart = request.apart;
    problem.weights = request.weights;
    const auto blocks = make_blocks(problem);
    const Scorer scorer(problem.units, problem.weights, problem.neighbour_radius_km);
    SuggestOptions options;
    options.time_limit = request.time_limit;
    options.seed = request.seed;
    const auto solution = formation::suggest(problem, blocks, scorer, options);
    if (!solution.found) {
        throw AppError(ErrorCode::validation_failed,
                       "在所给的条件下（每组单位数、必须同组或分开、现有联盟）找不到可行的分组",
                       {{"field", "unit_ids"}});
    }
    for (const auto& group : solution.groups) {
        suggestion.groups.push_back(
            describe(suggestion.units, problem.units, scorer, group, request.lead_rule));
    }
    suggestion.objective = solution.objective;
    suggestion.proven_optimal = solution.proven_optimal;
    suggestion.bound = solution.bound;
    suggestion.solver = solution.solver;
    suggestion.columns = solution.columns;
    suggestion.iterations = solution.iterations;
    suggestion.tags_total = scorer.tags_total();
    suggestion.elapsed_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                                std::chrono::steady_clock::now() - started)
                                .count();
    return suggestion;
}

ScoredGrouping FormationService::score(const ScoreRequest& request) {
    check_weights(request.weights);
    std::vector<long long> all;
    for (const auto& group : request.groups) {
        if (group.empty())
            throw field_error("groups", "分组不能为空");
        all.insert(all.end(), group.begin(), group.end());
    }
    if (all.empty())
        throw field_error("groups", "请至少给出一组单位");
    const auto facts = load_units(all);
    std::vector<UnitProfile> profiles;
    for (const auto& fact : facts) profiles.push_back(fact.profile);
    const Scorer scorer(profiles, request.weights);
    ScoredGrouping result;
    result.tags_total = scorer.tags_total();
    std::vector<std::vector<int>> groups;
    int next = 0;
    for (const auto& group : request.groups) {
        std::vector<int> indices;
        for (std::size_t i = 0; i < group.size(); ++i) indices.push_back(next++);
        result.groups.push_back(describe(facts, profiles, scorer, indices, request.lead_rule));
        groups.push_back(std::move(indices));
    }
    result.objective = scorer.objective(groups);
    return result;
}

alliances::Alliance FormationService::adopt(const accounts::Caller& caller,
                                            const AdoptRequest& request) {
    const auto facts = load_units(request.unit_ids);
    for (const auto& fact : facts) {
        if (fact.alliance) {
            throw AppError(ErrorCode::conflict,
                           "单位“" + fact.profile.name + "”已在" + fact.alliance->name + "之中",
                           {{"field", "unit_ids"}});
        }
    }
    alliances::AllianceDraft draft;
    draft.name = request.name;
    draft.batch = request.batch;
    draft.lead_unit_id = request.lead_unit_id;
    draft.member_unit_ids = request.unit_ids;
    draft.founded_on = request.founded_on;
    draft.note = request.note.empty() ? "按联盟组建建议组建" : request.note;
    if (request.office_area_id) {
        draft.office_area_id = *request.office_area_id;
    } else {
        std::map<long long, int> count;
        for (const auto& fact : facts) {
            if (fact.office_area)
                ++count[fact.office_area->id];
        }
        if (count.empty())
            throw field_error("office_area_id", "请选择联盟所在办公区");
        draft.office_area_id =
            std::max_element(count.begin(), count.end(), [](const auto& a, const auto& b) {
                return a.second < b.second;
            })->first;
    }
    storage::Transaction transaction(database_);
    const long long id = alliances_.create_in(transaction, caller, draft);
    std::string detail = "adopted suggestion: units";
    // Appended piece by piece: GCC 12's -Wrestrict misfires on `"literal" + std::to_string(…)`.
    for (long long unit : request.unit_ids) {
        detail += ' ';
        detail += std::to_string(unit);
    }
    detail += "; lead ";
    detail += std::to_string(request.lead_unit_id);
    audit_.record(transaction, {caller.actor, "formation.adopt", "alliance", std::to_string(id),
                                audit::Outcome::success, detail});
    transaction.commit();
    return alliances_.detail(id, today_date()).alliance;
}

RotationPreview FormationService::preview_rotation(const accounts::Caller& caller,
                                                   const RotationRequest& request) {
    const auto detail = alliances_.detail(request.alliance_id, today_date());
    if (!caller.may(accounts::Permission::rotation_arrange,
                    accounts::Target::alliance(detail.alliance.lead_unit.id, {}))) {
        throw AppError(ErrorCode::forbidden, "只有机关工委或牵头单位可以安排轮值");
    }
    if (detail.alliance.dissolved_on) {
        throw AppError(ErrorCode::conflict, "联盟已解散，不能再安排轮值");
    }
    RotationPreview preview;
    preview.turns = request.turns;
    if (preview.turns.empty()) {
        for (int month = 1; month <= 12; ++month) preview.turns.push_back({month, ""});
    }
    for (const auto& turn : preview.turns) {
        if (turn.month < 1 || turn.month > 12)
            throw field_error("turns", "月份应为 1–12");
        if (!turn.date.empty() &&
            (turn.date.size() != 10 || turn.date.substr(0, 4) != std::to_string(request.year) ||
             std::stoi(turn.date.substr(5, 2)) != turn.month)) {
            throw field_error("turns", "活动日期应为该年该月的日期，格式如 2026-05-01");
        }
    }
    std::set<long long> members;
    for (const auto& member : detail.alliance.members) members.insert(member.unit.id);
    for (long long unit : detail.rotation_order) {
        if (members.count(unit))
            preview.order.push_back(unit);
    }
    for (const auto& member : detail.alliance.members) {
        if (std::find(preview.order.begin(), preview.order.end(), member.unit.id) ==
            preview.order.end()) {
            preview.order.push_back(member.unit.id);
        }
    }
    for (const auto& calendar : request.calendars) {
        if (!members.count(calendar.unit_id)) {
            throw field_error("calendars",
                              "单位 " + std::to_string(calendar.unit_id) + " 不是本联盟的现有成员");
        }
        for (int month : calendar.unavailable_months) {
            if (month < 1 || month > 12)
                throw field_error("calendars", "月份应为 1–12");
        }
    }
    CalendarRotationInput input;
    input.order = preview.order;
    input.turns = preview.turns;
    input.calendars = request.calendars;
    preview.plan = plan_calendar_rotation(input);
    return preview;
}

RotationPreview FormationService::adopt_rotation(const accounts::Caller& caller,
                                                 const RotationRequest& request) {
    auto preview = preview_rotation(caller, request);
    if (!preview.plan.complete) {
        throw AppError(ErrorCode::validation_failed,
                       preview.plan.problems.empty() ? "有的轮值无人可以承办，不能采用"
                                                     : preview.plan.problems.front().message,
                       {{"field", "calendars"}});
    }
    // The plan's hosts in their first turn's order, then members that host no turn.
    std::vector<long long> order;
    for (const auto& host : preview.plan.hosts) {
        if (host && std::find(order.begin(), order.end(), *host) == order.end()) {
            order.push_back(*host);
        }
    }
    for (long long unit : preview.order) {
        if (std::find(order.begin(), order.end(), unit) == order.end())
            order.push_back(unit);
    }
    preview.order = alliances_.reorder_rotation(caller, request.alliance_id, order);
    std::string detail = "year ";
    detail += std::to_string(request.year);
    detail += " hosts:";
    for (std::size_t turn = 0; turn < preview.turns.size(); ++turn) {
        detail += ' ';
        detail += std::to_string(preview.turns[turn].month);
        detail += "月=";
        detail += std::to_string(preview.plan.hosts[turn].value_or(0));
    }
    audit_.record_alone({caller.actor, "formation.rotation_adopt", "alliance",
                         std::to_string(request.alliance_id), audit::Outcome::success,
                         detail.substr(0, 500)});
    return preview;
}

}  // namespace lianjian::formation
