#include "api/reference.hpp"
#include "api/formation/formation_routes.hpp"

#include "api/json_input.hpp"
#include "core/clock.hpp"
#include "core/error.hpp"
#include "formation/formation_service.hpp"

#include <boost/json/array.hpp>

#include <memory>

namespace lianjian::api {

using accounts::Permission;
using http::beast_http::verb;

namespace {

using namespace formation;

const boost::json::value* field(const boost::json::object& body, const char* name) {
    const auto* value = body.if_contains(name);
    return value == nullptr || value->is_null() ? nullptr : value;
}

double number(const boost::json::value& value, const char* name) {
    if (value.is_double())
        return value.get_double();
    if (value.is_int64())
        return static_cast<double>(value.get_int64());
    if (value.is_uint64())
        return static_cast<double>(value.get_uint64());
    throw field_error(name, std::string("“") + name + "”应为数字");
}

long long positive_id(const boost::json::value& value, const char* name) {
    if (value.is_int64() && value.get_int64() > 0)
        return value.get_int64();
    if (value.is_uint64() && value.get_uint64() > 0 &&
        value.get_uint64() < static_cast<std::uint64_t>(std::numeric_limits<long long>::max())) {
        return static_cast<long long>(value.get_uint64());
    }
    throw field_error(name, std::string("“") + name + "”应为正整数编号");
}

Weights weights_of(const boost::json::object& body) {
    Weights weights;
    const auto* value = field(body, "weights");
    if (value == nullptr)
        return weights;
    if (!value->is_object())
        throw field_error("weights", "“weights”应为对象");
    const auto& object = value->get_object();
    if (const auto* part = field(object, "adjacency"))
        weights.adjacency = number(*part, "weights");
    if (const auto* part = field(object, "size"))
        weights.size = number(*part, "weights");
    if (const auto* part = field(object, "strengths"))
        weights.strengths = number(*part, "weights");
    return weights;
}

int size_field(const boost::json::object& body, const char* name, int fallback) {
    const auto value = optional_integer(body, name);
    if (!value)
        return fallback;
    if (*value < 1 || *value > largest_group_size) {
        throw field_error(name, std::string("“") + name + "”应为 1–" +
                                    std::to_string(largest_group_size) + " 之间的整数");
    }
    return static_cast<int>(*value);
}

std::vector<std::pair<long long, long long>> pairs_of(const boost::json::object& body,
                                                      const char* name) {
    std::vector<std::pair<long long, long long>> pairs;
    const auto* value = field(body, name);
    if (value == nullptr)
        return pairs;
    if (!value->is_array())
        throw field_error(name, std::string("“") + name + "”应为单位编号对的数组");
    for (const auto& pair : value->get_array()) {
        if (!pair.is_array() || pair.get_array().size() != 2) {
            throw field_error(name, std::string("“") + name + "”的每一项应为两个单位编号");
        }
        pairs.emplace_back(positive_id(pair.get_array()[0], name),
                           positive_id(pair.get_array()[1], name));
    }
    return pairs;
}

std::vector<LeadCriterion> lead_rule_of(const boost::json::object& body) {
    const auto* value = field(body, "lead_rule");
    if (value == nullptr)
        return default_lead_rule();
    std::vector<LeadCriterion> rule;
    for (const auto& text : required_string_array(body, "lead_rule")) {
        auto criterion = parse_lead_criterion(text);
        if (!criterion) {
            throw AppError(
                ErrorCode::validation_failed,
                "牵头单位规则只能包含 organization_level（党组织层级）、"
                "party_affairs_strengths（党务优势）、party_member_count（党员人数）",
                {{"field", "lead_rule"},
                 {"allowed",
                  {"organization_level", "party_affairs_strengths", "party_member_count"}}});
        }
        rule.push_back(*criterion);
    }
    return rule;
}

boost::json::object score_json(const GroupScore& score) {
    boost::json::array tags;
    for (long long tag : score.tags_covered) tags.emplace_back(tag);
    return {{"total", score.total},
            {"adjacency", score.adjacency},
            {"size", score.size},
            {"strengths", score.strengths},
            {"pairs", score.pairs},
            {"pairs_same_area", score.pairs_same_area},
            {"member_count_min", score.member_count_min},
            {"member_count_max", score.member_count_max},
            {"tags_covered", std::move(tags)},
            {"tags_total", score.tags_total}};
}

boost::json::object group_json(const SuggestedGroup& group) {
    boost::json::array ids;
    for (long long id : group.unit_ids) ids.emplace_back(id);
    boost::json::object json{{"unit_ids", std::move(ids)},
                             {"lead_unit_id", group.lead.unit_id},
                             {"lead_reason", lead_reason_name(group.lead.reason)},
                             {"score", score_json(group.score)}};
    json["alliance_id"] =
        group.alliance_id ? boost::json::value(*group.alliance_id) : boost::json::value(nullptr);
    return json;
}

boost::json::object unit_json(const UnitFacts& fact) {
    boost::json::array strengths;
    for (const auto& tag : fact.strengths) strengths.emplace_back(ref_json(tag));
    boost::json::object json{{"id", fact.profile.id},
                             {"name", fact.profile.name},
                             {"short_name", fact.short_name},
                             {"party_member_count", fact.profile.party_member_count},
                             {"party_organization_type", fact.organization_type},
                             {"party_affairs_strengths", fact.profile.party_affairs_strengths},
                             {"strengths", std::move(strengths)}};
    json["office_area"] = fact.office_area ? boost::json::value(ref_json(*fact.office_area))
                                           : boost::json::value(nullptr);
    json["alliance"] =
        fact.alliance ? boost::json::value(ref_json(*fact.alliance)) : boost::json::value(nullptr);
    return json;
}

RotationRequest rotation_request(const boost::json::object& body) {
    RotationRequest request;
    request.alliance_id = required_id(body, "alliance_id");
    const auto year = optional_integer(body, "year");
    request.year = year ? static_cast<int>(*year) : std::stoi(today_date().substr(0, 4));
    if (request.year < 2000 || request.year > 2100) {
        throw field_error("year", "年份应为 2000–2100");
    }
    if (const auto* turns = field(body, "turns")) {
        if (!turns->is_array())
            throw field_error("turns", "“turns”应为数组");
        for (const auto& item : turns->get_array()) {
            if (!item.is_object())
                throw field_error("turns", "“turns”的每一项应为对象");
            const auto& object = item.get_object();
            RotationTurnSlot slot;
            const auto month = optional_integer(object, "month");
            if (!month)
                throw field_error("turns", "每次轮值须给出月份 month");
            slot.month = static_cast<int>(*month);
            slot.date = optional_string(object, "date").value_or("");
            request.turns.push_back(slot);
        }
        if (request.turns.size() > 366)
            throw field_error("turns", "一年的轮值不能超过 366 次");
    }
    if (const auto* calendars = field(body, "calendars")) {
        if (!calendars->is_array())
            throw field_error("calendars", "“calendars”应为数组");
        for (const auto& item : calendars->get_array()) {
            if (!item.is_object())
                throw field_error("calendars", "“calendars”的每一项应为对象");
            const auto& object = item.get_object();
            UnitCalendar calendar;
            calendar.unit_id = required_id(object, "unit_id");
            for (long long month : id_array(object, "unavailable_months")) {
                calendar.unavailable_months.push_back(static_cast<int>(month));
            }
            if (field(object, "unavailable_dates") != nullptr) {
                calendar.unavailable_dates = required_string_array(object, "unavailable_dates");
            }
            request.calendars.push_back(std::move(calendar));
        }
    }
    return request;
}

boost::json::object rotation_json(const RotationPreview& preview) {
    const auto& plan = preview.plan;
    boost::json::array turns, counts, problems, order;
    for (std::size_t i = 0; i < preview.turns.size(); ++i) {
        boost::json::object turn{{"month", preview.turns[i].month}};
        turn["date"] = preview.turns[i].date.empty() ? boost::json::value(nullptr)
                                                     : boost::json::value(preview.turns[i].date);
        turn["host_unit_id"] =
            plan.hosts[i] ? boost::json::value(*plan.hosts[i]) : boost::json::value(nullptr);
        turns.emplace_back(std::move(turn));
    }
    for (const auto& [unit, count] : plan.turns_per_unit) {
        counts.emplace_back(boost::json::object{{"unit_id", unit}, {"turns", count}});
    }
    for (const auto& problem : plan.problems) {
        boost::json::object json{{"kind", problem.kind}, {"message", problem.message}};
        json["turn"] =
            problem.turn ? boost::json::value(*problem.turn + 1) : boost::json::value(nullptr);
        json["unit_id"] =
            problem.unit_id ? boost::json::value(*problem.unit_id) : boost::json::value(nullptr);
        problems.emplace_back(std::move(json));
    }
    for (long long unit : preview.order) order.emplace_back(unit);
    return {{"fair", plan.fair},
            {"complete", plan.complete},
            {"fair_share", plan.fair_share},
            {"minimum_turns", plan.minimum_turns},
            {"maximum_turns", plan.maximum_turns},
            {"repeated_hosts", plan.repeated_hosts},
            {"turns", std::move(turns)},
            {"turns_per_unit", std::move(counts)},
            {"problems", std::move(problems)},
            {"order", std::move(order)},
            {"solver", "cbc"}};
}

}  // namespace

void add_formation_routes(http::Router& router, app::Services& services) {
    // One service for the server's lifetime, shared by the handlers below.
    auto formation = std::make_shared<FormationService>(services.database, services.audit,
                                                        services.registry, services.alliances);
    const http::RouteDeclaration suggest{Permission::formation_suggest};
    router.add(verb::post, "/api/v1/formation/suggestions", suggest,
               [formation](http::RequestContext& context) {
                   const auto body = json_body(context);
                   SuggestionRequest request;
                   request.unit_ids = id_array(body, "unit_ids");
                   request.min_size = size_field(body, "min_size", 4);
                   request.max_size = size_field(body, "max_size", 6);
                   request.weights = weights_of(body);
                   const auto limit = optional_integer(body, "time_limit_ms").value_or(5000);
                   if (limit < 100 || limit > 60000) {
                       throw field_error("time_limit_ms", "时间上限应为 100–60000 毫秒");
                   }
                   request.time_limit = std::chrono::milliseconds(limit);
                   request.together = pairs_of(body, "must_together");
                   request.apart = pairs_of(body, "must_apart");
                   request.lead_rule = lead_rule_of(body);
                   request.keep_existing_alliances =
                       optional_bool(body, "keep_existing_alliances").value_or(true);
                   if (auto seed = optional_integer(body, "seed")) {
                       request.seed = static_cast<std::uint64_t>(*seed);
                   }
                   const auto suggestion = formation->suggest(request);
                   boost::json::array groups, units;
                   for (const auto& group : suggestion.groups)
                       groups.emplace_back(group_json(group));
                   for (const auto& unit : suggestion.units) units.emplace_back(unit_json(unit));
                   boost::json::object json{{"groups", std::move(groups)},
                                            {"objective", suggestion.objective},
                                            {"proven_optimal", suggestion.proven_optimal},
                                            {"solver", solver_name(suggestion.solver)},
                                            {"columns", suggestion.columns},
                                            {"iterations", suggestion.iterations},
                                            {"elapsed_ms", suggestion.elapsed_ms},
                                            {"tags_total", suggestion.tags_total},
                                            {"units", std::move(units)}};
                   json["bound"] = suggestion.bound ? boost::json::value(*suggestion.bound)
                                                    : boost::json::value(nullptr);
                   return http::json_response(http::Status::ok, json);
               });
    router.add(verb::post, "/api/v1/formation/score", suggest,
               [formation](http::RequestContext& context) {
                   const auto body = json_body(context);
                   ScoreRequest request;
                   request.weights = weights_of(body);
                   request.lead_rule = lead_rule_of(body);
                   const auto* groups = field(body, "groups");
                   if (groups == nullptr || !groups->is_array()) {
                       throw field_error("groups", "“groups”应为分组数组");
                   }
                   for (const auto& group : groups->get_array()) {
                       if (!group.is_object())
                           throw field_error("groups", "每个分组应为对象");
                       request.groups.push_back(id_array(group.get_object(), "unit_ids"));
                   }
                   const auto scored = formation->score(request);
                   boost::json::array items;
                   for (const auto& group : scored.groups) items.emplace_back(group_json(group));
                   return http::json_response(http::Status::ok, {{"objective", scored.objective},
                                                                 {"tags_total", scored.tags_total},
                                                                 {"groups", std::move(items)}});
               });
    router.add(verb::post, "/api/v1/formation/adoptions", suggest,
               [formation](http::RequestContext& context) {
                   const auto body = json_body(context);
                   AdoptRequest request;
                   request.unit_ids = id_array(body, "unit_ids");
                   request.lead_unit_id = required_id(body, "lead_unit_id");
                   request.name = required_string(body, "name");
                   request.batch = static_cast<int>(optional_integer(body, "batch").value_or(1));
                   request.office_area_id = optional_integer(body, "office_area_id");
                   request.founded_on = optional_string(body, "founded_on").value_or("");
                   request.note = optional_string(body, "note").value_or("");
                   const auto alliance = formation->adopt(context.caller(), request);
                   return http::json_response(http::Status::created,
                                              {{"id", alliance.id},
                                               {"name", alliance.name},
                                               {"lead_unit", ref_json(alliance.lead_unit)},
                                               {"office_area", ref_json(alliance.office_area)}});
               });
    const http::RouteDeclaration arrange{Permission::rotation_arrange,
                                         accounts::Scope::alliance_led_by_own_unit};
    router.add(verb::post, "/api/v1/formation/rotation/preview", arrange,
               [formation](http::RequestContext& context) {
                   return http::json_response(
                       http::Status::ok,
                       rotation_json(formation->preview_rotation(
                           context.caller(), rotation_request(json_body(context)))));
               });
    router.add(verb::post, "/api/v1/formation/rotation/adoptions", arrange,
               [formation](http::RequestContext& context) {
                   return http::json_response(
                       http::Status::ok,
                       rotation_json(formation->adopt_rotation(
                           context.caller(), rotation_request(json_body(context)))));
               });
}

}  // namespace lianjian::api
