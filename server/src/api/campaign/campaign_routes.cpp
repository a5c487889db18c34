#include "api/json_input.hpp"
#include "api/page.hpp"
#include "api/query_input.hpp"
#include "api/reference.hpp"
#include "api/routes.hpp"
#include "core/clock.hpp"
#include "core/error.hpp"
#include "core/text.hpp"

#include <boost/json/array.hpp>

namespace lianjian::api {

using accounts::Permission;
using http::beast_http::verb;

namespace {

boost::json::value optional_code(const auto& value) {
    return value ? boost::json::value(enum_code(*value)) : boost::json::value(nullptr);
}

boost::json::array deadlines_json(const std::vector<campaign::DeadlineDate>& deadlines) {
    boost::json::array array;
    for (const auto& deadline : deadlines) {
        array.emplace_back(boost::json::object{{"code", enum_code(deadline.code)},
                                               {"label", enum_label(deadline.code)},
                                               {"phase", enum_code(deadline.phase)},
                                               {"due_on", deadline.due_on}});
    }
    return array;
}

boost::json::object campaign_json(const campaign::CampaignView& view) {
    boost::json::array phases, days;
    for (const auto& phase : view.campaign.phases) {
        phases.emplace_back(boost::json::object{{"code", enum_code(phase.phase)},
                                                {"starts_on", phase.starts_on},
                                                {"ends_on", phase.ends_on}});
    }
    for (int d : view.campaign.reminder_days) {
        days.emplace_back(d);
    }
    return {
        {"year", view.campaign.year},       {"configured", view.campaign.configured},
        {"phases", std::move(phases)},      {"current_phase", optional_code(view.current_phase)},
        {"reminder_days", std::move(days)}, {"deadlines", deadlines_json(view.deadlines)},
        {"version", view.campaign.version}};
}

// The `{year}` of the path, as a year the programme can have.
int year_parameter(const http::RequestContext& context) {
    const auto year = context.id_parameter();
    if (year < 2000 || year > 2100) {
        throw field_error("year", "年度应在 2000 到 2100 之间");
    }
    return static_cast<int>(year);
}

// Reads the body of PUT /campaigns/{year}; shape problems (an unknown phase code, a date that is
// not text, a reminder day that is not a whole number) are reported together with the rules'.
campaign::CampaignInput campaign_input(const boost::json::object& body, int year) {
    campaign::CampaignInput input;
    std::vector<FieldMessage> problems;
    const auto* phases = body.if_contains("phases");
    if (!phases || !phases->is_array()) {
        problems.push_back({"phases", "请填写三个阶段的起止日期"});
    } else {
        std::size_t index = 0;
        for (const auto& value : phases->as_array()) {
            const auto where = "phases[" + std::to_string(index) + "]";
            const auto expected = index < std::size(campaign::all_phases)
                                      ? campaign::all_phases[index]
                                      : campaign::Phase::summary;
            campaign::PhaseDates dates{expected, "", ""};
            if (!value.is_object()) {
                problems.push_back({where, "阶段应为包含 code、starts_on、ends_on 的对象"});
            } else {
                const auto& phase = value.as_object();
                const auto* code = phase.if_contains("code");
                if (code && code->is_string()) {
                    if (auto known = find_enum<campaign::Phase>(std::string(code->as_string()))) {
                        dates.phase = *known;
                    } else {
                        problems.push_back(
                            {where + ".code",
                             "阶段应为 " + allowed_enum_codes<campaign::Phase>() + " 之一"});
                    }
                } else {
                    problems.push_back({where + ".code", "请填写阶段代码"});
                }
                for (const auto* name : {"starts_on", "ends_on"}) {
                    const auto* date = phase.if_contains(name);
                    if (date && date->is_string()) {
                        const auto result = text::normalise(date->as_string(), text::rule_of(name));
                        (std::string(name) == "starts_on" ? dates.starts_on : dates.ends_on) =
                            result.problem ? std::string(date->as_string()) : result.text;
                    }
                }
            }
            input.phases.push_back(std::move(dates));
            ++index;
        }
    }
    const auto* days = body.if_contains("reminder_days");
    if (!days || days->is_null()) {
        input.reminder_days.assign(std::begin(campaign::default_reminder_days),
                                   std::end(campaign::default_reminder_days));
    } else if (!days->is_array()) {
        problems.push_back({"reminder_days", "提前提醒天数应为整数列表，如 [7, 1]"});
    } else {
        for (const auto& day : days->as_array()) {
            if (day.is_int64()) {
                input.reminder_days.push_back(
                    static_cast<int>(std::clamp<std::int64_t>(day.as_int64(), -1, 1000)));
            } else {
                problems.push_back({"reminder_days", "提前提醒天数应为整数列表，如 [7, 1]"});
                break;
            }
        }
    }
    if (const auto version = optional_integer(body, "version")) {
        input.version = static_cast<int>(*version);
    }
    if (!problems.empty()) {
        for (auto& problem : campaign::campaign_problems(year, input.phases, input.reminder_days)) {
            const bool known = std::any_of(problems.begin(), problems.end(),
                                           [&](const auto& p) { return p.field == problem.field; });
            if (!known && problem.field != "phases") {
                problems.push_back(std::move(problem));
            }
        }
        throw fields_error(problems);
    }
    return input;
}

boost::json::object report_json(const campaign::PhaseReport& report) {
    return {{"id", report.id},
            {"alliance", ref_json(report.alliance)},
            {"year", report.year},
            {"phase", enum_code(report.phase)},
            {"account", report.account},
            {"submitted_by", ref_json(report.submitted_by)},
            {"submitted_at", report.submitted_at}};
}

boost::json::object item_json(const campaign::ChecklistItem& item) {
    return {{"id", item.id},
            {"year", item.year},
            {"linkage", enum_code(item.linkage)},
            {"kind", enum_code(item.kind)},
            {"title", item.title},
            {"description", item.description},
            {"suggested_month", item.suggested_month ? boost::json::value(*item.suggested_month)
                                                     : boost::json::value(nullptr)},
            {"key_date", item.key_date},
            {"copied_from_id", item.copied_from_id ? boost::json::value(*item.copied_from_id)
                                                   : boost::json::value(nullptr)},
            {"retired_at", optional_json(item.retired_at)},
            {"in_use", item.in_use},
            {"version", item.version},
            {"created_at", item.created_at},
            {"updated_at", item.updated_at}};
}

int body_year(const boost::json::object& body, const char* field,
              const http::RequestContext& context) {
    auto year = optional_integer(body, field);
    if (!year) {
        if (auto text = query_text(context, field)) {
            year = query_int(context, field, 0, 2000, 2100);
        }
    }
    if (!year) {
        throw field_error(field, std::string("缺少必填字段“") + field + "”");
    }
    if (*year < 2000 || *year > 2100) {
        throw field_error(field, "年度应在 2000 到 2100 之间");
    }
    return static_cast<int>(*year);
}

campaign::ChecklistInput checklist_input(const boost::json::object& body,
                                         const http::RequestContext& context) {
    campaign::ChecklistInput input;
    input.year = body_year(body, "year", context);
    input.linkage = parse_enum<campaign::Linkage>("linkage", required_string(body, "linkage"));
    input.kind =
        parse_enum<campaign::ActivityKind>("kind", optional_string(body, "kind").value_or("other"));
    // Missing or empty, the title is reported with the other fields by the service.
    input.title = optional_string(body, "title").value_or("");
    input.description = optional_string(body, "description").value_or("");
    if (auto month = optional_integer(body, "suggested_month")) {
        input.suggested_month = static_cast<int>(std::clamp<long long>(*month, 0, 13));
    }
    input.key_date = optional_string(body, "key_date").value_or("");
    if (auto version = optional_integer(body, "version")) {
        input.version = static_cast<int>(*version);
    }
    return input;
}

}  // namespace

void add_campaign_routes(http::Router& router, app::Services& services) {
    auto& campaigns = services.campaigns;
    auto& checklist = services.checklist;
    const http::RouteDeclaration read{Permission::campaign_read};
    const http::RouteDeclaration manage{Permission::campaign_manage};
    const http::RouteDeclaration reports_read{Permission::reports_read,
                                              accounts::Scope::own_alliance};

    router.add(verb::get, "/api/v1/campaigns/{year}", read,
               [&campaigns](http::RequestContext& context) {
                   return http::json_response(
                       http::Status::ok, campaign_json(campaigns.get(year_parameter(context))));
               });
    router.add(verb::put, "/api/v1/campaigns/{year}", manage,
               [&campaigns](http::RequestContext& context) {
                   const int year = year_parameter(context);
                   const auto body = json_body(context);
                   return http::json_response(
                       http::Status::ok, campaign_json(campaigns.update(
                                             context.caller(), year, campaign_input(body, year))));
               });
    router.add(
        verb::get, "/api/v1/campaigns/{year}/deadlines", reports_read,
        [&campaigns](http::RequestContext& context) {
            const auto overview = campaigns.deadlines(context.caller(), year_parameter(context));
            boost::json::array alliances;
            for (const auto& row : overview.alliances) {
                boost::json::array items;
                for (const auto& item : row.items) {
                    items.emplace_back(
                        boost::json::object{{"deadline", enum_code(item.deadline)},
                                            {"status", enum_code(item.status)},
                                            {"done_at", optional_json(item.done_at)}});
                }
                alliances.emplace_back(boost::json::object{{"alliance", ref_json(row.alliance)},
                                                           {"items", std::move(items)},
                                                           {"overdue", row.overdue}});
            }
            return http::json_response(
                http::Status::ok,
                boost::json::object{{"deadlines", deadlines_json(overview.deadlines)},
                                    {"alliances", std::move(alliances)}});
        });
    router.add(verb::get, "/api/v1/home/campaign",
               {Permission::signed_in, accounts::Scope::all, http::DuringPasswordChange::denied},
               [&campaigns](http::RequestContext& context) {
                   const auto home = campaigns.home(context.caller());
                   boost::json::value next = nullptr;
                   if (home.next_deadline) {
                       next = boost::json::object{
                           {"code", enum_code(home.next_deadline->code)},
                           {"label", enum_label(home.next_deadline->code)},
                           {"due_on", home.next_deadline->due_on},
                           {"days_left", home.next_deadline->days_left},
                           {"alliance", ref_json(home.next_deadline->alliance)}};
                   }
                   return http::json_response(
                       http::Status::ok,
                       boost::json::object{{"year", home.year},
                                           {"configured", home.configured},
                                           {"current_phase", optional_code(home.current_phase)},
                                           {"phase_ends_on", optional_json(home.phase_ends_on)},
                                           {"next_deadline", std::move(next)}});
               });

    router.add(verb::get, "/api/v1/phase-reports", reports_read,
               [&campaigns](http::RequestContext& context) {
                   campaign::PhaseReportFilter filter;
                   if (query_text(context, "year")) {
                       filter.year = query_int(context, "year", 0, 2000, 2100);
                   }
                   filter.alliance_id = query_id(context, "alliance_id");
                   filter.phase = query_enum<campaign::Phase>(context, "phase");
                   const auto page = query_page(context);
                   filter.page = page.page;
                   filter.page_size = page.page_size;
                   const auto list = campaigns.reports(context.caller(), filter);
                   return page_response(list.items, list.total, report_json);
               });
    router.add(verb::post, "/api/v1/phase-reports",
               {Permission::reports_submit, accounts::Scope::alliance_led_by_own_unit},
               [&campaigns](http::RequestContext& context) {
                   const auto body = json_body(context);
                   campaign::PhaseReportInput input;
                   input.alliance_id = required_id(body, "alliance_id");
                   input.year = body_year(body, "year", context);
                   input.phase =
                       parse_enum<campaign::Phase>("phase", required_string(body, "phase"));
                   input.account = required_string(body, "account");
                   return http::json_response(
                       http::Status::created,
                       report_json(campaigns.submit_report(context.caller(), input)));
               });

    router.add(
        verb::get, "/api/v1/checklist-items", read, [&checklist](http::RequestContext& context) {
            campaign::ChecklistFilter filter;
            filter.year = query_int(context, "year", programme_clock::current_year(), 2000, 2100);
            filter.linkage = query_enum<campaign::Linkage>(context, "linkage");
            filter.include_retired = query_bool(context, "include_retired", false);
            const auto page = query_page(context, 100, 200);
            filter.page = page.page;
            filter.page_size = page.page_size;
            const auto list = checklist.list(filter);
            return page_response(list.items, list.total, item_json);
        });
    router.add(
        verb::post, "/api/v1/checklist-items", manage, [&checklist](http::RequestContext& context) {
            const auto body = json_body(context);
            return http::json_response(
                http::Status::created,
                item_json(checklist.create(context.caller(), checklist_input(body, context))));
        });
    router.add(verb::post, "/api/v1/checklist-items/copy", manage,
               [&checklist](http::RequestContext& context) {
                   const auto body = json_body(context);
                   const int from = body_year(body, "from_year", context);
                   const int to = body_year(body, "to_year", context);
                   return http::json_response(
                       http::Status::created,
                       boost::json::object{{"copied", checklist.copy(context.caller(), from, to)}});
               });
    router.add(
        verb::put, "/api/v1/checklist-items/{id}", manage,
        [&checklist](http::RequestContext& context) {
            const auto id = context.id_parameter();
            const auto body = json_body(context);
            return http::json_response(
                http::Status::ok,
                item_json(checklist.update(context.caller(), id, checklist_input(body, context))));
        });
    router.add(verb::post, "/api/v1/checklist-items/{id}/retire", manage,
               [&checklist](http::RequestContext& context) {
                   return http::json_response(
                       http::Status::ok,
                       item_json(checklist.retire(context.caller(), context.id_parameter())));
               });
    router.add(verb::post, "/api/v1/checklist-items/{id}/restore", manage,
               [&checklist](http::RequestContext& context) {
                   return http::json_response(
                       http::Status::ok,
                       item_json(checklist.restore(context.caller(), context.id_parameter())));
               });
    router.add(verb::delete_, "/api/v1/checklist-items/{id}", manage,
               [&checklist](http::RequestContext& context) {
                   checklist.remove(context.caller(), context.id_parameter());
                   return http::empty_response(http::Status::no_content);
               });
}

}  // namespace lianjian::api
