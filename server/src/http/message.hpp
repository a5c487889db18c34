#pragma once

#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/json/value.hpp>

#include <string>

namespace lianjian::http {

namespace beast_http = boost::beast::http;
using Request = beast_http::request<beast_http::string_body>;
using Response = beast_http::response<beast_http::string_body>;
using Status = beast_http::status;

Response json_response(Status status, const boost::json::value& body);
// A body already serialised to JSON text.
Response serialized_json_response(Status status, std::string body);
Response empty_response(Status status);

}  // namespace lianjian::http
