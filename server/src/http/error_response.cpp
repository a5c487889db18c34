#include "http/error_response.hpp"

#include <boost/json/object.hpp>

namespace lianjian::http {

Status status_of(ErrorCode code) {
    switch (code) {
        case ErrorCode::bad_request:
        case ErrorCode::invalid_json:
            return Status::bad_request;
        case ErrorCode::unauthenticated:
        case ErrorCode::invalid_credentials:
        case ErrorCode::second_factor_required:
        case ErrorCode::second_factor_invalid:
            return Status::unauthorized;
        case ErrorCode::forbidden:
        case ErrorCode::csrf_rejected:
        case ErrorCode::password_change_required:
        case ErrorCode::second_factor_enrolment_required:
            return Status::forbidden;
        case ErrorCode::not_found:
            return Status::not_found;
        case ErrorCode::method_not_allowed:
            return Status::method_not_allowed;
        case ErrorCode::conflict:
            return Status::conflict;
        case ErrorCode::payload_too_large:
            return Status::payload_too_large;
        case ErrorCode::headers_too_large:
            return Status::request_header_fields_too_large;
        case ErrorCode::unsupported_media_type:
            return Status::unsupported_media_type;
        case ErrorCode::validation_failed:
        case ErrorCode::weak_password:
        case ErrorCode::wrong_password:
        case ErrorCode::role_separation:
        case ErrorCode::signin_mismatch:
            return Status::unprocessable_entity;
        case ErrorCode::signin_closed:
            return Status::gone;
        case ErrorCode::account_locked:
            return Status::locked;
        case ErrorCode::too_many_requests:
            return Status::too_many_requests;
        case ErrorCode::internal:
            return Status::internal_server_error;
    }
    return Status::internal_server_error;
}

Response error_response(const AppError& error) {
    boost::json::object body{{"code", error_code_name(error.code())}, {"message", error.what()}};
    if (!error.details().empty()) {
        body["details"] = error.details();
    }
    auto response =
        json_response(status_of(error.code()), boost::json::object{{"error", std::move(body)}});
    // A refusal that says when to come back (`details.retry_after`, seconds) says it in the
    // header too (RFC 9110 10.2.3).
    if (const auto* retry_after = error.details().if_contains("retry_after");
        retry_after && retry_after->is_int64()) {
        response.set(beast_http::field::retry_after, std::to_string(retry_after->as_int64()));
    }
    return response;
}

Response error_response(ErrorCode code, const std::string& message) {
    return error_response(AppError(code, message));
}

}  // namespace lianjian::http
