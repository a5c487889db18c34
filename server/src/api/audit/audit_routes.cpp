#include "api/json_input.hpp"
#include "api/page.hpp"
#include "api/query_input.hpp"
#include "api/routes.hpp"
#include "audit/archive_export.hpp"
#include "core/clock.hpp"
#include "core/error.hpp"
#include "crypto/archive_signing.hpp"
#include "http/file_response.hpp"

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

// The archive's signing key, from the master key of the data directory the server runs on (the
// attachments' parent, as app::Services lays it out), read when an archive is asked for.
crypto::ArchiveSigningKey signing_key(app::Services& services) {
    const auto data_dir = services.attachments.store().directory().parent_path();
    return crypto::archive_signing_key(
        crypto::load_or_create_key(data_dir, crypto::KeyCreation::refused));
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
    // The auditor's signed archive of a range of local dates (audit/archive.hpp).
    router.add(verb::get, "/api/v1/audit/archive", {Permission::audit_read},
               [&services](http::RequestContext& context) {
                   // Both dates are checked before answering, so that every problem is named.
                   std::vector<FieldMessage> problems;
                   const auto date = [&](const char* name, const char* missing) {
                       std::optional<std::string> value;
                       try {
                           value = query_date(context, name);
                           if (!value) {
                               problems.push_back({name, missing});
                           }
                       } catch (const AppError& error) {
                           problems.push_back({name, error.what()});
                       }
                       return value;
                   };
                   const auto from = date("from", "请给出开始日期（YYYY-MM-DD）");
                   const auto to = date("to", "请给出结束日期（YYYY-MM-DD）");
                   if (!problems.empty()) {
                       throw fields_error(problems);
                   }
                   const auto bytes =
                       audit::export_archive(services.database, services.audit,
                                             signing_key(services), *from, *to, context.actor());
                   return http::download_response(bytes, "application/zip",
                                                  audit::archive_filename(*from, *to));
               });
}

}  // namespace lianjian::api
