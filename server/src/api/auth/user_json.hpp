#pragma once

#include "accounts/user.hpp"

#include <boost/json/object.hpp>

namespace lianjian::api {

// An account as the API shows it; never the password hash.
boost::json::object user_json(const accounts::User& user);

}  // namespace lianjian::api
