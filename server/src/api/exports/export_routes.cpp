#include "api/query_input.hpp"
#include "api/routes.hpp"
#include "core/clock.hpp"
#include "http/file_response.hpp"

namespace lianjian::api {

using accounts::Permission;
using http::beast_http::verb;

namespace {

http::Response export_response(exports::ExportFile file) {
    return http::download_response(std::move(file.bytes), file.media_type, file.filename);
}

int year_of(const http::RequestContext& context) {
    return query_int(context, "year", programme_clock::current_year(), 2000, 2100);
}

}  // namespace

void add_export_routes(http::Router& router, app::Services& services) {
    auto& exports = services.ledger_exports;
    const http::RouteDeclaration read{Permission::activities_read, accounts::Scope::own_alliance};
    router.add(
        verb::get, "/api/v1/activities/{id}/ledger.pdf", read,
        [&exports](http::RequestContext& context) {
            return export_response(exports.activity_pdf(context.caller(), context.id_parameter()));
        });
    router.add(verb::get, "/api/v1/alliances/{id}/ledger.xlsx", read,
               [&exports](http::RequestContext& context) {
                   return export_response(exports.alliance_xlsx(
                       context.caller(), context.id_parameter(), year_of(context)));
               });
    router.add(verb::get, "/api/v1/alliances/{id}/ledger-binder.pdf", read,
               [&exports](http::RequestContext& context) {
                   return export_response(exports.binder_pdf(
                       context.caller(), context.id_parameter(), year_of(context)));
               });
}

}  // namespace lianjian::api
