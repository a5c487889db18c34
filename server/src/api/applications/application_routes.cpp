#include "api/json_input.hpp"
#include "api/page.hpp"
#include "api/query_input.hpp"
#include "api/reference.hpp"
#include "api/routes.hpp"
#include "core/error.hpp"

#include <boost/json/array.hpp>

namespace lianjian::api {

using accounts::Permission;
using http::beast_http::verb;

namespace {

boost::json::object application_json(const applications::Application& application) {
    boost::json::array steps, co_applicants, actions;
    for (const auto& step : application.steps) {
        boost::json::object json{{"id", step.id},
                                 {"action", enum_code(step.action)},
                                 {"unit", ref_json(step.unit)},
                                 {"user", ref_json(step.user)},
                                 {"opinion", step.opinion},
                                 {"state_after", enum_code(step.state_after)},
                                 {"created_at", step.created_at}};
        json["agree"] = step.agree ? boost::json::value(*step.agree) : boost::json::value(nullptr);
        steps.emplace_back(std::move(json));
    }
    for (const auto& co : application.co_applicants) {
        co_applicants.emplace_back(boost::json::object{
            {"unit", ref_json(co.unit)}, {"confirmation", enum_code(co.confirmation)}});
    }
    for (auto action : application.available_actions) actions.emplace_back(enum_code(action));
    boost::json::object json{{"id", application.id},
                             {"kind", enum_code(application.kind)},
                             {"state", enum_code(application.state)},
                             {"applicant_unit", ref_json(application.applicant_unit)},
                             {"applicant_user", ref_json(application.applicant_user)},
                             {"alliance", ref_json(application.alliance)},
                             {"reason", application.reason},
                             {"proposed_office_area", ref_json(application.proposed_office_area)},
                             {"proposed_lead_unit", ref_json(application.proposed_lead_unit)},
                             {"co_applicants", std::move(co_applicants)},
                             {"created_at", application.created_at},
                             {"updated_at", application.updated_at},
                             {"steps", std::move(steps)},
                             {"available_actions", std::move(actions)}};
    json["name"] = application.proposed_name ? boost::json::value(*application.proposed_name)
                                             : boost::json::value(nullptr);
    json["created_alliance_id"] = application.created_alliance_id
                                      ? boost::json::value(*application.created_alliance_id)
                                      : boost::json::value(nullptr);
    json["closed_at"] = application.closed_at ? boost::json::value(*application.closed_at)
                                              : boost::json::value(nullptr);
    json["proposed_rotation_mode"] =
        application.proposed_rotation_mode
            ? boost::json::value(enum_code(*application.proposed_rotation_mode))
            : boost::json::value(nullptr);
    return json;
}

applications::Submission submission_from(const boost::json::object& body) {
    applications::Submission submission;
    submission.kind =
        parse_enum<applications::ApplicationKind>("kind", required_string(body, "kind"));
    submission.unit_id = required_id(body, "unit_id");
    submission.alliance_id = optional_integer(body, "alliance_id");
    submission.reason = optional_string(body, "reason").value_or("");
    submission.name = optional_string(body, "name").value_or("");
    submission.office_area_id = optional_integer(body, "office_area_id");
    submission.lead_unit_id = optional_integer(body, "lead_unit_id");
    submission.co_applicant_unit_ids = id_array(body, "co_applicant_unit_ids");
    if (auto mode = optional_string(body, "rotation_mode")) {
        submission.rotation_mode = parse_enum<alliances::RotationMode>("rotation_mode", *mode);
    }
    return submission;
}

}  // namespace

void add_application_routes(http::Router& router, app::Services& services) {
    auto& applications = services.applications;
    const http::RouteDeclaration read{Permission::applications_read, accounts::Scope::own_unit};
    const http::RouteDeclaration act{Permission::applications_act, accounts::Scope::own_unit};
    router.add(verb::get, "/api/v1/applications", read,
               [&applications](http::RequestContext& context) {
                   applications::ApplicationFilter filter;
                   filter.state = query_enum<applications::ApplicationState>(context, "state");
                   filter.kind = query_enum<applications::ApplicationKind>(context, "kind");
                   filter.mine = query_bool(context, "mine", false);
                   const auto page = query_page(context);
                   filter.page = page.page;
                   filter.page_size = page.page_size;
                   const auto list = applications.list(context.caller(), filter);
                   return page_response(list.items, list.total, application_json);
               });
    router.add(
        verb::post, "/api/v1/applications", act, [&applications](http::RequestContext& context) {
            const auto body = json_body(context);
            return http::json_response(
                http::Status::created,
                application_json(applications.submit(context.caller(), submission_from(body))));
        });
    router.add(verb::get, "/api/v1/applications/{id}", read,
               [&applications](http::RequestContext& context) {
                   return http::json_response(http::Status::ok,
                                              application_json(applications.get(
                                                  context.caller(), context.id_parameter())));
               });
    router.add(verb::post, "/api/v1/applications/{id}/consult",
               {Permission::applications_consult, accounts::Scope::alliance_led_by_own_unit},
               [&applications](http::RequestContext& context) {
                   const auto body = json_body(context);
                   return http::json_response(
                       http::Status::ok,
                       application_json(applications.consult(
                           context.caller(), context.id_parameter(), required_bool(body, "agree"),
                           optional_string(body, "opinion").value_or(""))));
               });
    router.add(verb::post, "/api/v1/applications/{id}/confirm", act,
               [&applications](http::RequestContext& context) {
                   const auto body = json_body(context);
                   return http::json_response(http::Status::ok,
                                              application_json(applications.confirm(
                                                  context.caller(), context.id_parameter(),
                                                  optional_bool(body, "agree").value_or(true),
                                                  optional_string(body, "opinion").value_or(""))));
               });
    router.add(verb::post, "/api/v1/applications/{id}/decide", {Permission::applications_decide},
               [&applications](http::RequestContext& context) {
                   const auto body = json_body(context);
                   return http::json_response(
                       http::Status::ok,
                       application_json(applications.decide(
                           context.caller(), context.id_parameter(), required_bool(body, "approve"),
                           optional_string(body, "opinion").value_or(""))));
               });
    router.add(verb::post, "/api/v1/applications/{id}/withdraw", act,
               [&applications](http::RequestContext& context) {
                   const auto body =
                       context.request.body().empty() ? boost::json::object{} : json_body(context);
                   return http::json_response(http::Status::ok,
                                              application_json(applications.withdraw(
                                                  context.caller(), context.id_parameter(),
                                                  optional_string(body, "opinion").value_or(""))));
               });
}

}  // namespace lianjian::api
