#include "api/json_input.hpp"
#include "api/routes.hpp"

#include <boost/json/array.hpp>

namespace lianjian::api {

using accounts::Permission;
using http::beast_http::verb;

namespace {

// Everything waiting on the caller across the product. Applications are the first source; later
// areas (plans, inspections …) add theirs here.
boost::json::array todos_json(app::Services& services, const accounts::Caller& caller) {
    boost::json::array items;
    if (accounts::roles_grant(caller.roles, Permission::applications_read)) {
        for (const auto& todo : services.applications.todos(caller)) {
            items.emplace_back(boost::json::object{{"kind", todo.kind},
                                                   {"object_id", todo.object_id},
                                                   {"action", todo.action},
                                                   {"title", todo.title},
                                                   {"link", todo.link},
                                                   {"since", todo.since}});
        }
    }
    return items;
}

}  // namespace

void add_inbox_routes(http::Router& router, app::Services& services) {
    const http::RouteDeclaration own{Permission::signed_in};
    router.add(verb::get, "/api/v1/notifications", own, [&services](http::RequestContext& context) {
        const auto unread = query_text(context, "unread");
        const auto page = services.inbox.list(
            context.caller(), unread && (*unread == "true" || *unread == "1"),
            query_int(context, "page", 1, 1, 1000000), query_int(context, "page_size", 20, 1, 100));
        boost::json::array items;
        for (const auto& notification : page.items) {
            boost::json::object json{{"id", notification.id},
                                     {"kind", notification.kind},
                                     {"title", notification.title},
                                     {"link", notification.link},
                                     {"object_type", notification.object_type},
                                     {"object_id", notification.object_id},
                                     {"created_at", notification.created_at}};
            json["read_at"] = notification.read_at ? boost::json::value(*notification.read_at)
                                                   : boost::json::value(nullptr);
            items.emplace_back(std::move(json));
        }
        return http::json_response(
            http::Status::ok,
            {{"items", std::move(items)}, {"total", page.total}, {"unread", page.unread}});
    });
    router.add(verb::post, "/api/v1/notifications/{id}/read", own,
               [&services](http::RequestContext& context) {
                   services.inbox.mark_read(context.caller(), context.id_parameter());
                   return http::empty_response(http::Status::no_content);
               });
    router.add(verb::post, "/api/v1/notifications/read-all", own,
               [&services](http::RequestContext& context) {
                   services.inbox.mark_all_read(context.caller());
                   return http::empty_response(http::Status::no_content);
               });
    router.add(verb::get, "/api/v1/todos", own, [&services](http::RequestContext& context) {
        auto items = todos_json(services, context.caller());
        const auto total = static_cast<long long>(items.size());
        return http::json_response(http::Status::ok,
                                   {{"items", std::move(items)}, {"total", total}});
    });
    router.add(verb::get, "/api/v1/inbox/summary", own, [&services](http::RequestContext& context) {
        const auto caller = context.caller();
        const auto notifications = services.inbox.list(caller, true, 1, 1);
        const auto todos = todos_json(services, caller);
        return http::json_response(http::Status::ok,
                                   {{"unread_notifications", notifications.unread},
                                    {"pending_todos", static_cast<long long>(todos.size())}});
    });
}

}  // namespace lianjian::api
