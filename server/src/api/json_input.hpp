#pragma once

#include "http/router.hpp"

#include <boost/json/object.hpp>

#include <optional>
#include <string>
#include <vector>

namespace lianjian::api {

// Reading a JSON request body: 400 for text that is not JSON, 422 naming the field for a
// missing field or one of the wrong type.
boost::json::object json_body(const http::RequestContext& context);

std::string required_string(const boost::json::object& body, const char* field);
std::optional<std::string> optional_string(const boost::json::object& body, const char* field);
std::optional<long long> optional_integer(const boost::json::object& body, const char* field);
bool required_bool(const boost::json::object& body, const char* field);
std::optional<bool> optional_bool(const boost::json::object& body, const char* field);
std::vector<std::string> required_string_array(const boost::json::object& body, const char* field);
long long required_id(const boost::json::object& body, const char* field);
// An array of positive integers; empty when the field is absent or null.
std::vector<long long> id_array(const boost::json::object& body, const char* field);

}  // namespace lianjian::api
