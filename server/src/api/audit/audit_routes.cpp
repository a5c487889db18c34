#include "api/json_input.hpp"
#include "api/page.hpp"
#include "api/query_input.hpp"
#include "api/routes.hpp"
#include "core/clock.hpp"

#include <boost/json/array.hpp>

namespace lianjian::api {

using accounts::Permission;
using http::beast_http::verb;

namespace {

// Accepts a date or a timestamp and returns the stored form, so text comparison is time order.
std::optional<std::string> time_parameter(const http::RequestContext& context, const char* name) {
    auto text = query_text(context, name);
    if (!text) {
        return std::nullopt;
    }
    return format_timestamp(parse_timestamp(*text, name));
}

}  // namespace

void add_audit_routes(http::Router& router, app::Services& services) {
    auto& audit = services.audit;
    router.add(verb::get, "/api/v1/audit-events", {Permission::audit_read},
               [&audit](http::RequestContext& context) {
                   audit::AuditFilter filter;
                   filter.from = time_parameter(context, "from");
                   filter.to = time_parameter(context, "to");
                   filter.username = query_text(context, "user");
                   filter.action = query_text(context, "action");
                   const auto request = query_page(context, 50, 200);
                   filter.page = request.page;
                   filter.page_size = request.page_size;
                   const auto page = audit.list(filter);
                   return page_response(page.items, page.total, [](const auto& event) {
                       boost::json::object json{{"id", event.id},
                                                {"occurred_at", event.occurred_at},
                                                {"username", event.username},
                                                {"source_ip", event.source_ip},
                                                {"action", event.action},
                                                {"object_type", event.object_type},
                                                {"object_id", event.object_id},
                                                {"outcome", event.outcome},
                                                {"detail", event.detail},
                                                {"hash", event.hash}};
                       json["user_id"] = event.user_id ? boost::json::value(*event.user_id)
                                                       : boost::json::value(nullptr);
                       return json;
                   });
               });
    router.add(verb::get, "/api/v1/audit-events/verification", {Permission::audit_read},
               [&audit](http::RequestContext&) {
                   const auto result = audit.verify();
                   boost::json::object json{{"ok", result.ok}, {"checked", result.checked}};
                   json["first_broken_id"] = result.first_broken_id
                                                 ? boost::json::value(*result.first_broken_id)
                                                 : boost::json::value(nullptr);
                   json["missing"] = result.missing;
                   json["problem"] = result.problem;
                   return http::json_response(http::Status::ok, json);
               });
}

}  // namespace lianjian::api
