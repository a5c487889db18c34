#include "api/json_input.hpp"
#include "api/reference.hpp"
#include "api/routes.hpp"
#include "core/enum_text.hpp"
#include "core/error.hpp"

#include <cctype>

namespace lianjian::api {

using accounts::Permission;
using http::beast_http::verb;

namespace {

boost::json::value rate_json(const std::optional<double>& rate) {
    return rate ? boost::json::value(*rate) : boost::json::value(nullptr);
}

boost::json::object counts_json(const attendance::Counts& counts) {
    return {{"expected", counts.expected},     {"present", counts.present},
            {"leave", counts.leave},           {"absent", counts.absent},
            {"unrecorded", counts.unrecorded}, {"rate", rate_json(counts.rate)}};
}

boost::json::object row_json(const attendance::AttendanceRow& row) {
    return {{"member_id", row.member.id},
            {"member", ref_json(row.member)},
            {"unit", ref_json(row.unit)},
            {"status",
             row.status ? boost::json::value(enum_code(*row.status)) : boost::json::value(nullptr)},
            {"method",
             row.method ? boost::json::value(enum_code(*row.method)) : boost::json::value(nullptr)},
            {"recorded_at", optional_json(row.recorded_at)},
            {"recorded_by", ref_json(row.recorded_by)}};
}

boost::json::object sheet_json(const attendance::AttendanceSheet& sheet) {
    boost::json::array items;
    for (const auto& row : sheet.items) items.push_back(row_json(row));
    boost::json::array units;
    for (const auto& unit : sheet.units) {
        auto entry = counts_json(unit.counts);
        entry["unit"] = ref_json(unit.unit);
        units.push_back(std::move(entry));
    }
    return {{"items", std::move(items)},
            {"units", std::move(units)},
            {"total", counts_json(sheet.total)}};
}

boost::json::object signin_json(const attendance::SigninResult& result) {
    return {{"member", ref_json(result.member)},
            {"unit", ref_json(result.unit)},
            {"status", enum_code(result.status)},
            {"already", result.already}};
}

// The origin the request was sent to ("https://host"), for the URL inside the QR code; empty
// when the Host header is not a plain host name.
std::string request_origin(const http::RequestContext& context) {
    const std::string host(context.request[http::beast_http::field::host]);
    if (host.empty() || host.size() > 255 || !std::all_of(host.begin(), host.end(), [](char c) {
            return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' ||
                   c == ':' || c == '[' || c == ']';
        })) {
        return {};
    }
    const bool https = context.request["X-Forwarded-Proto"] == "https";
    return (https ? "https://" : "http://") + host;
}

std::string token_of(const http::RequestContext& context) {
    return context.path_parameters.at(0);
}

}  // namespace

void add_attendance_routes(http::Router& router, app::Services& services) {
    auto& attendance = services.attendance;
    const http::RouteDeclaration read{Permission::activities_read, accounts::Scope::own_alliance};
    const http::RouteDeclaration write{Permission::activities_write, accounts::Scope::own_alliance};
    const http::RouteDeclaration public_route{Permission::public_access};

    router.add(verb::get, "/api/v1/activities/{id}/attendance", read,
               [&attendance](http::RequestContext& context) {
                   return http::json_response(
                       http::Status::ok,
                       sheet_json(attendance.sheet(context.caller(), context.id_parameter())));
               });
    router.add(verb::post, "/api/v1/activities/{id}/attendance", write,
               [&attendance](http::RequestContext& context) {
                   const auto body = json_body(context);
                   const auto member_id = required_id(body, "member_id");
                   const auto status = parse_enum<attendance::AttendanceStatus>(
                       "status", required_string(body, "status"));
                   return http::json_response(
                       http::Status::ok,
                       row_json(attendance.record(context.caller(), context.id_parameter(),
                                                  member_id, status)));
               });
    router.add(verb::put, "/api/v1/activities/{id}/roster", write,
               [&attendance](http::RequestContext& context) {
                   const auto body = json_body(context);
                   attendance::RosterChange change;
                   change.add_member_ids = id_array(body, "add_member_ids");
                   change.remove_member_ids = id_array(body, "remove_member_ids");
                   return http::json_response(
                       http::Status::ok, sheet_json(attendance.change_roster(
                                             context.caller(), context.id_parameter(), change)));
               });
    router.add(verb::post, "/api/v1/activities/{id}/attendance/me", read,
               [&attendance](http::RequestContext& context) {
                   return http::json_response(
                       http::Status::ok,
                       signin_json(attendance.tap(context.caller(), context.id_parameter())));
               });
    router.add(verb::get, "/api/v1/activities/{id}/signin-code", write,
               [&attendance](http::RequestContext& context) {
                   const auto code = attendance.signin_code(
                       context.caller(), context.id_parameter(), request_origin(context));
                   return http::json_response(http::Status::ok,
                                              boost::json::object{{"token", code.token},
                                                                  {"url", code.url},
                                                                  {"valid_from", code.valid_from},
                                                                  {"valid_until", code.valid_until},
                                                                  {"open", code.open},
                                                                  {"svg", code.svg}});
               });
    router.add(verb::get, "/api/v1/activities/{id}/signin-code.svg", write,
               [&attendance](http::RequestContext& context) {
                   const auto code = attendance.signin_code(
                       context.caller(), context.id_parameter(), request_origin(context));
                   http::Response response{http::Status::ok, 11};
                   response.set(http::beast_http::field::content_type, "image/svg+xml");
                   response.body() = code.svg;
                   response.prepare_payload();
                   return response;
               });
    router.add(
        verb::get, "/api/v1/signin/{token}", public_route,
        [&attendance](http::RequestContext& context) {
            const auto page = attendance.signin_page(token_of(context));
            const auto& activity = page.activity;
            return http::json_response(
                http::Status::ok,
                boost::json::object{
                    {"activity", boost::json::object{{"title", activity.title},
                                                     {"alliance", ref_json(activity.alliance)},
                                                     {"host_unit", ref_json(activity.host_unit)},
                                                     {"place", activity.place},
                                                     {"starts_at", activity.starts_at},
                                                     {"ends_at", activity.ends_at}}},
                    {"open", page.open},
                    {"valid_from", page.valid_from},
                    {"valid_until", page.valid_until}});
        });
    router.add(verb::post, "/api/v1/signin/{token}", public_route,
               [&attendance](http::RequestContext& context) {
                   const auto body = json_body(context);
                   const auto name = optional_string(body, "name").value_or("");
                   const auto last4 = optional_string(body, "phone_last4").value_or("");
                   return http::json_response(
                       http::Status::ok, signin_json(attendance.sign_in(
                                             context.actor(), token_of(context), name, last4)));
               });
}

}  // namespace lianjian::api
