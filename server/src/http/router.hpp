#pragma once

#include "accounts/account_service.hpp"
#include "accounts/caller.hpp"
#include "accounts/permission.hpp"
#include "audit/audit_log.hpp"
#include "http/message.hpp"

#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace lianjian::http {

// A request body that the transport streamed to a temporary file (an upload route's body): the
// file is removed once the response is made unless the handler moved it away.
struct Upload {
    std::filesystem::path path;
    std::uintmax_t size = 0;
};

// What a handler sees of a request: parsed, authenticated, authorised. No socket.
struct RequestContext {
    const Request& request;
    std::string path;
    std::map<std::string, std::string, std::less<>> query;  // last value wins
    std::vector<std::string> path_parameters;               // the `{…}` segments, in order
    std::string client_ip;
    std::optional<accounts::Authenticated> auth;
    accounts::Scope scope = accounts::Scope::all;
    std::optional<accounts::Permission> permission;  // the route's declared permission
    std::optional<Upload> upload;                    // an upload route's body, on disk

    // The actor for audit records: the signed-in user, or an anonymous one.
    audit::Actor actor() const;
    // The signed-in caller with roles and unit, for services that decide per object.
    accounts::Caller caller() const;
    // The `{…}` segment at `index` as a positive id, or a 404.
    long long id_parameter(std::size_t index = 0) const;
    // The caller must hold the route's permission for `target` (the table's scope decides):
    // throws 403 otherwise.
    void require(const accounts::Target& target) const;
    void require_unit(long long unit_id) const { require(accounts::Target::unit(unit_id)); }
};

using Handler = std::function<Response(RequestContext&)>;

// Whether a route may be used while the account still has to change its password.
enum class DuringPasswordChange { denied, allowed };

// What a route's body is: JSON held in memory (the JSON limit), or raw bytes streamed to a
// temporary file under the upload limit (`serve --upload-limit-mb`).
enum class BodyKind { json, upload };

struct RouteDeclaration {
    std::optional<accounts::Permission> permission;  // a route without one is denied
    accounts::Scope scope = accounts::Scope::all;
    DuringPasswordChange during_password_change = DuringPasswordChange::denied;
    BodyKind body = BodyKind::json;
};

struct Route {
    beast_http::verb method;
    std::string pattern;  // "/api/v1/users/{id}/lock"
    RouteDeclaration declaration;
    Handler handler;
    std::vector<std::string> segments;  // the pattern split at '/', once, when added
};

struct RouteMatch {
    const Route* route = nullptr;
    std::vector<std::string> parameters;
    bool path_known = false;  // some route has this path, perhaps with another method
    std::string allowed_methods;
};

// One path segment with its %XX escapes decoded, or nothing when an escape is malformed.
std::optional<std::string> decode_segment(std::string_view segment);

class Router {
  public:
    void add(beast_http::verb method, std::string pattern, RouteDeclaration declaration,
             Handler handler);
    // `path` is the raw path of the request target, still percent-encoded: it is split at '/'
    // first and only `{…}` segments are decoded, so "%2F" never separates segments.
    RouteMatch match(beast_http::verb method, std::string_view path) const;
    const std::vector<Route>& routes() const { return routes_; }

  private:
    std::vector<Route> routes_;
};

}  // namespace lianjian::http
