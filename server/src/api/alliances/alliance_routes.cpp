#include "api/json_input.hpp"
#include "api/page.hpp"
#include "api/query_input.hpp"
#include "api/reference.hpp"
#include "api/routes.hpp"
#include "core/clock.hpp"
#include "core/error.hpp"

#include <boost/json/array.hpp>

namespace lianjian::api {

using accounts::Permission;
using http::beast_http::verb;

namespace {

boost::json::object member_json(const alliances::AllianceMember& member) {
    return {{"unit", ref_json(member.unit)},
            {"role", alliances::member_role_name(member.role)},
            {"joined_on", member.joined_on},
            {"left_on", optional_json(member.left_on)},
            {"first_responsible", member.first_responsible},
            {"direct_responsible", member.direct_responsible},
            {"liaison", member.liaison}};
}

boost::json::object alliance_json(const alliances::Alliance& alliance) {
    boost::json::array members;
    for (const auto& member : alliance.members) {
        members.emplace_back(member_json(member));
    }
    return {{"id", alliance.id},
            {"name", alliance.name},
            {"batch", alliance.batch},
            {"office_area", ref_json(alliance.office_area)},
            {"lead_unit", ref_json(alliance.lead_unit)},
            {"rotation_mode", enum_code(alliance.rotation_mode)},
            {"founded_on", alliance.founded_on},
            {"dissolved_on", optional_json(alliance.dissolved_on)},
            {"note", alliance.note},
            {"members", std::move(members)}};
}

boost::json::object event_json(const alliances::AllianceEvent& event) {
    boost::json::object json{{"id", event.id},
                             {"occurred_on", event.occurred_on},
                             {"kind", enum_code(event.kind)},
                             {"reason", event.reason},
                             {"actor", event.actor}};
    json["unit"] =
        event.unit ? boost::json::value(ref_json(*event.unit)) : boost::json::value(nullptr);
    return json;
}

// `on=YYYY-MM-DD` shows the alliance as it stood that day; today by default.
std::string on_date(const http::RequestContext& context) {
    return query_date(context, "on").value_or(today_date());
}

// Unit ids as `{"id","name"}` references, named from `units` (a unit not found keeps an empty
// name rather than disappearing).
boost::json::array unit_refs(const std::vector<long long>& ids,
                             const std::vector<registry::NamedRef>& units) {
    boost::json::array refs;
    for (long long id : ids) {
        std::string name;
        for (const auto& unit : units) {
            if (unit.id == id) {
                name = unit.name;
                break;
            }
        }
        refs.emplace_back(boost::json::object{{"id", id}, {"name", name}});
    }
    return refs;
}

std::vector<registry::NamedRef> units_of(const std::vector<alliances::AllianceMember>& members) {
    std::vector<registry::NamedRef> units;
    for (const auto& member : members) {
        units.push_back(member.unit);
    }
    return units;
}

}  // namespace

void add_alliance_routes(http::Router& router, app::Services& services) {
    auto& alliances = services.alliances;
    const http::RouteDeclaration read{Permission::alliances_read};
    const http::RouteDeclaration manage{Permission::alliances_manage};
    router.add(verb::get, "/api/v1/alliances", read, [&alliances](http::RequestContext& context) {
        const auto request = query_page(context);
        const auto page = alliances.list(on_date(context), request.page, request.page_size);
        return page_response(page.items, page.total, alliance_json);
    });
    router.add(
        verb::post, "/api/v1/alliances", manage, [&alliances](http::RequestContext& context) {
            const auto body = json_body(context);
            alliances::AllianceDraft draft;
            draft.name = required_string(body, "name");
            draft.batch = static_cast<int>(optional_integer(body, "batch").value_or(1));
            draft.office_area_id = required_id(body, "office_area_id");
            draft.lead_unit_id = required_id(body, "lead_unit_id");
            draft.member_unit_ids = id_array(body, "member_unit_ids");
            if (auto mode = optional_string(body, "rotation_mode")) {
                draft.rotation_mode = parse_enum<alliances::RotationMode>("rotation_mode", *mode);
            }
            draft.founded_on = optional_string(body, "founded_on").value_or("");
            draft.note = optional_string(body, "note").value_or("");
            return http::json_response(http::Status::created,
                                       alliance_json(alliances.create(context.caller(), draft)));
        });
    router.add(verb::get, "/api/v1/alliances/{id}", read,
               [&alliances](http::RequestContext& context) {
                   const auto detail = alliances.detail(context.id_parameter(), on_date(context));
                   auto json = alliance_json(detail.alliance);
                   boost::json::array history, events, order;
                   for (const auto& member : detail.history)
                       history.emplace_back(member_json(member));
                   for (const auto& event : detail.events) events.emplace_back(event_json(event));
                   for (long long unit_id : detail.rotation_order) order.emplace_back(unit_id);
                   json["history"] = std::move(history);
                   boost::json::array lead_periods;
                   for (const auto& period : detail.lead_periods) {
                       lead_periods.emplace_back(
                           boost::json::object{{"unit", ref_json(period.unit)},
                                               {"from", period.from},
                                               {"until", optional_json(period.until)}});
                   }
                   json["lead_periods"] = std::move(lead_periods);
                   json["events"] = std::move(events);
                   json["rotation_order"] = std::move(order);
                   json["rotation_order_units"] =
                       unit_refs(detail.rotation_order, units_of(detail.history));
                   return http::json_response(http::Status::ok, json);
               });
    router.add(
        verb::put, "/api/v1/alliances/{id}", manage, [&alliances](http::RequestContext& context) {
            const auto body = json_body(context);
            alliances::AllianceChanges changes;
            changes.name = optional_string(body, "name");
            if (auto batch = optional_integer(body, "batch"))
                changes.batch = static_cast<int>(*batch);
            changes.office_area_id = optional_integer(body, "office_area_id");
            if (auto mode = optional_string(body, "rotation_mode")) {
                changes.rotation_mode = parse_enum<alliances::RotationMode>("rotation_mode", *mode);
            }
            changes.note = optional_string(body, "note");
            return http::json_response(
                http::Status::ok,
                alliance_json(alliances.update(context.caller(), context.id_parameter(), changes)));
        });
    router.add(verb::post, "/api/v1/alliances/{id}/lead", manage,
               [&alliances](http::RequestContext& context) {
                   const auto body = json_body(context);
                   return http::json_response(
                       http::Status::ok,
                       alliance_json(alliances.change_lead(
                           context.caller(), context.id_parameter(), required_id(body, "unit_id"),
                           optional_string(body, "reason").value_or(""))));
               });
    router.add(verb::post, "/api/v1/alliances/{id}/members", manage,
               [&alliances](http::RequestContext& context) {
                   const auto body = json_body(context);
                   return http::json_response(
                       http::Status::ok,
                       alliance_json(alliances.add_member(
                           context.caller(), context.id_parameter(), required_id(body, "unit_id"),
                           optional_string(body, "joined_on").value_or(""),
                           optional_string(body, "reason").value_or(""))));
               });
    router.add(verb::post, "/api/v1/alliances/{id}/members/{unit_id}/leave", manage,
               [&alliances](http::RequestContext& context) {
                   const auto body = json_body(context);
                   return http::json_response(
                       http::Status::ok,
                       alliance_json(alliances.remove_member(
                           context.caller(), context.id_parameter(0), context.id_parameter(1),
                           optional_string(body, "left_on").value_or(""),
                           optional_string(body, "reason").value_or(""))));
               });
    router.add(verb::post, "/api/v1/alliances/{id}/dissolve", manage,
               [&alliances](http::RequestContext& context) {
                   const auto body = json_body(context);
                   alliances.dissolve(context.caller(), context.id_parameter(),
                                      optional_string(body, "dissolved_on").value_or(""),
                                      optional_string(body, "reason").value_or(""));
                   return http::empty_response(http::Status::no_content);
               });
    router.add(verb::put, "/api/v1/alliances/{id}/rotation-order",
               {Permission::rotation_arrange, accounts::Scope::alliance_led_by_own_unit},
               [&alliances](http::RequestContext& context) {
                   const auto body = json_body(context);
                   const auto id = context.id_parameter();
                   const auto order =
                       alliances.reorder_rotation(context.caller(), id, id_array(body, "unit_ids"));
                   boost::json::array ids;
                   for (long long unit_id : order) ids.emplace_back(unit_id);
                   const auto detail = alliances.detail(id, today_date());
                   return http::json_response(
                       http::Status::ok, {{"unit_ids", std::move(ids)},
                                          {"units", unit_refs(order, units_of(detail.history))}});
               });
    router.add(
        verb::get, "/api/v1/alliances/{id}/rotation", read,
        [&alliances](http::RequestContext& context) {
            const int year =
                query_int(context, "year", std::stoi(today_date().substr(0, 4)), 2000, 2100);
            const auto plan = alliances.rotation(context.id_parameter(), year);
            const auto today = today_date();
            boost::json::array turns, changes, order;
            for (const auto& turn : plan.turns) {
                boost::json::object json{
                    {"sequence", turn.sequence},
                    {"host_unit_id", turn.host_unit_id},
                    {"host_unit", unit_refs({turn.host_unit_id}, plan.units)[0]},
                    {"fixed", turn.fixed || (!turn.starts_on.empty() && turn.starts_on <= today)}};
                if (plan.mode == alliances::RotationMode::per_quarter) {
                    json["quarter"] = turn.sequence;
                    json["starts_on"] = turn.starts_on;
                    json["ends_on"] = turn.ends_on;
                }
                turns.emplace_back(std::move(json));
            }
            for (const auto& event : plan.membership_changes)
                changes.emplace_back(event_json(event));
            for (long long id : plan.order) order.emplace_back(id);
            return http::json_response(http::Status::ok,
                                       {{"alliance_id", context.id_parameter()},
                                        {"year", plan.year},
                                        {"rotation_mode", enum_code(plan.mode)},
                                        {"order", std::move(order)},
                                        {"order_units", unit_refs(plan.order, plan.units)},
                                        {"turns", std::move(turns)},
                                        {"membership_changes", std::move(changes)}});
        });
}

}  // namespace lianjian::api
