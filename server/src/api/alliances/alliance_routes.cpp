#include "api/json_input.hpp"
#include "api/routes.hpp"
#include "core/clock.hpp"

#include <boost/json/array.hpp>

namespace lianjian::api {

using accounts::Permission;
using http::beast_http::verb;

namespace {

boost::json::object ref_json(const registry::NamedRef& ref) {
    return {{"id", ref.id}, {"name", ref.name}};
}

boost::json::object alliance_json(const alliances::Alliance& alliance) {
    boost::json::array members;
    for (const auto& member : alliance.members) {
        members.emplace_back(boost::json::object{{"unit", ref_json(member.unit)},
                                                 {"role", alliances::member_role_name(member.role)},
                                                 {"joined_on", member.joined_on}});
    }
    return {{"id", alliance.id},
            {"name", alliance.name},
            {"batch", alliance.batch},
            {"office_area", ref_json(alliance.office_area)},
            {"lead_unit", ref_json(alliance.lead_unit)},
            {"rotation_mode", alliance.rotation_mode},
            {"founded_on", alliance.founded_on},
            {"note", alliance.note},
            {"members", std::move(members)}};
}

}  // namespace

void add_alliance_routes(http::Router& router, app::Services& services) {
    auto& alliances = services.alliances;
    router.add(verb::get, "/api/v1/alliances", {Permission::alliances_read},
               [&alliances](http::RequestContext& context) {
                   // `on=YYYY-MM-DD` shows the alliances as they stood that day.
                   std::string on_date = today_date();
                   if (auto on = query_text(context, "on")) {
                       on_date = format_timestamp(parse_timestamp(*on, "on")).substr(0, 10);
                   }
                   boost::json::array items;
                   const auto list = alliances.list(on_date);
                   for (const auto& alliance : list) {
                       items.emplace_back(alliance_json(alliance));
                   }
                   return http::json_response(
                       http::Status::ok,
                       {{"items", std::move(items)}, {"total", static_cast<long long>(list.size())}});
               });
}

}  // namespace lianjian::api
