#include "api/page.hpp"
#include "api/query_input.hpp"
#include "api/reference.hpp"
#include "api/routes.hpp"

#include <boost/json/array.hpp>

namespace lianjian::api {

using accounts::Permission;
using http::beast_http::verb;

namespace {

// Everything waiting on the caller across the product. Applications are the first source; later
// areas (plans, inspections …) add theirs here.
std::vector<applications::Todo> todos_of(app::Services& services, const accounts::Caller& caller) {
    if (!caller.reach(Permission::applications_read)) {
        return {};
    }
    return services.applications.todos(caller);
}

boost::json::object todo_json(const applications::Todo& todo) {
    return {
        {"kind", todo.kind},   {"object_id", todo.object_id}, {"action", enum_code(todo.action)},
        {"title", todo.title}, {"link", todo.link},           {"since", todo.since}};
}

boost::json::object notification_json(const inbox::Notification& notification) {
    boost::json::object json{{"id", notification.id},
                             {"kind", notification.kind},
                             {"title", notification.title},
                             {"link", notification.link},
                             {"object_type", notification.object_type},
                             {"created_at", notification.created_at}};
    json["object_id"] = notification.object_id ? boost::json::value(*notification.object_id)
                                               : boost::json::value(nullptr);
    json["read_at"] = optional_json(notification.read_at);
    json["resolved_at"] = optional_json(notification.resolved_at);
    return json;
}

}  // namespace

void add_inbox_routes(http::Router& router, app::Services& services) {
    const http::RouteDeclaration own{Permission::signed_in};
    router.add(verb::get, "/api/v1/notifications", own, [&services](http::RequestContext& context) {
        const auto request = query_page(context);
        const auto page =
            services.inbox.list(context.caller(), query_bool(context, "unread", false),
                                request.page, request.page_size);
        return page_response(page.items, page.total, notification_json, {{"unread", page.unread}});
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
        const auto todos = todos_of(services, context.caller());
        return page_response(page_slice(todos, query_page(context)),
                             static_cast<long long>(todos.size()), todo_json);
    });
    router.add(verb::get, "/api/v1/inbox/summary", own, [&services](http::RequestContext& context) {
        const auto caller = context.caller();
        const auto notifications = services.inbox.list(caller, true, 1, 1);
        const auto todos = todos_of(services, caller);
        return http::json_response(http::Status::ok,
                                   {{"unread_notifications", notifications.unread},
                                    {"pending_todos", static_cast<long long>(todos.size())}});
    });
}

}  // namespace lianjian::api
