#include "http/message.hpp"

#include <boost/json/serialize.hpp>

namespace lianjian::http {

Response json_response(Status status, const boost::json::value& body) {
    return serialized_json_response(status, boost::json::serialize(body));
}

Response serialized_json_response(Status status, std::string body) {
    Response response{status, 11};
    response.set(beast_http::field::content_type, "application/json; charset=utf-8");
    response.body() = std::move(body);
    response.prepare_payload();
    return response;
}

Response empty_response(Status status) {
    Response response{status, 11};
    response.prepare_payload();
    return response;
}

}  // namespace lianjian::http
