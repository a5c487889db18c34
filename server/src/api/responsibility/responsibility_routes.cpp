#include "api/json_input.hpp"
#include "api/page.hpp"
#include "api/query_input.hpp"
#include "api/reference.hpp"
#include "api/routes.hpp"
#include "core/clock.hpp"
#include "core/error.hpp"

namespace lianjian::api {

using accounts::Permission;
using http::beast_http::verb;

namespace {

boost::json::object sheet_json(const responsibility::Sheet& sheet) {
    return {{"id", sheet.id},
            {"year", sheet.year},
            {"alliance", ref_json(sheet.alliance)},
            {"unit", ref_json(sheet.unit)},
            {"targets", sheet.targets},
            {"measures", sheet.measures},
            {"duties", sheet.duties},
            {"first_responsible", ref_json(sheet.first_responsible)},
            {"direct_responsible", ref_json(sheet.direct_responsible)},
            {"liaison", ref_json(sheet.liaison)},
            {"updated_at", sheet.updated_at},
            {"version", sheet.version}};
}

boost::json::object missing_json(const responsibility::MissingSheet& missing) {
    return {{"unit", ref_json(missing.unit)}, {"alliance", ref_json(missing.alliance)}};
}

int year_of(const http::RequestContext& context) {
    return query_int(context, "year", programme_clock::current_year(), 2000, 2100);
}

}  // namespace

void add_responsibility_routes(http::Router& router, app::Services& services) {
    auto& sheets = services.responsibility;
    const http::RouteDeclaration read{Permission::responsibility_read,
                                      accounts::Scope::own_alliance};
    router.add(verb::get, "/api/v1/responsibility-sheets", read,
               [&sheets](http::RequestContext& context) {
                   responsibility::SheetFilter filter;
                   filter.year = year_of(context);
                   filter.alliance_id = query_id(context, "alliance_id");
                   const auto page = query_page(context);
                   filter.page = page.page;
                   filter.page_size = page.page_size;
                   const auto list = sheets.list(context.caller(), filter);
                   return page_response(list.items, list.total, sheet_json);
               });
    router.add(verb::get, "/api/v1/responsibility-sheets/missing", read,
               [&sheets](http::RequestContext& context) {
                   const auto all = sheets.missing(context.caller(), year_of(context));
                   const auto page = query_page(context);
                   return page_response(page_slice(all, page), static_cast<long long>(all.size()),
                                        missing_json);
               });
    router.add(verb::put, "/api/v1/responsibility-sheets/{year}/units/{unit_id}",
               {Permission::responsibility_write, accounts::Scope::own_unit},
               [&sheets](http::RequestContext& context) {
                   const long long year = context.id_parameter(0);
                   if (year < 2000 || year > 2100) {
                       throw field_error("year", "年度应在 2000 至 2100 之间");
                   }
                   const auto body = json_body(context);
                   responsibility::SheetInput input;
                   input.targets = optional_string(body, "targets").value_or("");
                   input.measures = optional_string(body, "measures").value_or("");
                   input.duties = optional_string(body, "duties").value_or("");
                   input.first_responsible_member_id =
                       optional_integer(body, "first_responsible_member_id");
                   input.direct_responsible_member_id =
                       optional_integer(body, "direct_responsible_member_id");
                   input.liaison_member_id = optional_integer(body, "liaison_member_id");
                   if (auto version = optional_integer(body, "version")) {
                       input.version = static_cast<int>(*version);
                   }
                   return http::json_response(
                       http::Status::ok,
                       sheet_json(sheets.save(context.caller(), static_cast<int>(year),
                                              context.id_parameter(1), input)));
               });
}

}  // namespace lianjian::api
