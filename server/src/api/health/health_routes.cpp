#include "api/health/health_routes.hpp"

#include "app/readiness.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

namespace lianjian::api {

using accounts::Permission;
using http::beast_http::verb;

void add_health_routes(http::Router& router, storage::Database& database,
                       std::filesystem::path data_dir) {
    router.add(verb::get, "/api/v1/health/ready", {Permission::public_access},
               [&database, data_dir](http::RequestContext&) {
                   const auto readiness = app::check_readiness(database, data_dir);
                   boost::json::array checks;
                   boost::json::array failed;
                   for (const auto& check : readiness.checks) {
                       checks.push_back(boost::json::object{
                           {"name", check.name}, {"ok", check.ok}, {"detail", check.detail}});
                       if (!check.ok) {
                           failed.emplace_back(check.name);
                       }
                   }
                   const bool ready = readiness.ready();
                   return http::json_response(
                       ready ? http::Status::ok : http::Status::service_unavailable,
                       boost::json::object{{"status", ready ? "ready" : "not_ready"},
                                           {"checks", std::move(checks)},
                                           {"failed", std::move(failed)}});
               });
}

}  // namespace lianjian::api
