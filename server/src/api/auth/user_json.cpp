#include "api/auth/user_json.hpp"

#include "accounts/account_service.hpp"

#include <boost/json/array.hpp>

namespace lianjian::api {

boost::json::object user_json(const accounts::User& user) {
    boost::json::array roles;
    for (auto role : user.roles) {
        roles.emplace_back(accounts::role_name(role));
    }
    boost::json::object json{{"id", user.id},
                             {"username", user.username},
                             {"display_name", user.display_name},
                             {"roles", std::move(roles)},
                             {"must_change_password", user.must_change_password},
                             {"disabled", user.disabled},
                             {"totp_enabled", user.totp_enabled}};
    json["unit_id"] =
        user.unit_id ? boost::json::value(*user.unit_id) : boost::json::value(nullptr);
    json["locked_until"] =
        user.locked_until ? boost::json::value(*user.locked_until) : boost::json::value(nullptr);
    json["locked_by"] = user.locked_until
                            ? boost::json::value(accounts::locked_by(*user.locked_until))
                            : boost::json::value(nullptr);
    return json;
}

}  // namespace lianjian::api
