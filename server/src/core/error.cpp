#include "core/error.hpp"

#include <boost/json/array.hpp>

namespace lianjian {

const char* error_code_name(ErrorCode code) {
    switch (code) {
        case ErrorCode::bad_request:
            return "bad_request";
        case ErrorCode::invalid_json:
            return "invalid_json";
        case ErrorCode::unauthenticated:
            return "unauthenticated";
        case ErrorCode::invalid_credentials:
            return "invalid_credentials";
        case ErrorCode::forbidden:
            return "forbidden";
        case ErrorCode::csrf_rejected:
            return "csrf_rejected";
        case ErrorCode::password_change_required:
            return "password_change_required";
        case ErrorCode::second_factor_required:
            return "second_factor_required";
        case ErrorCode::second_factor_invalid:
            return "second_factor_invalid";
        case ErrorCode::second_factor_enrolment_required:
            return "second_factor_enrolment_required";
        case ErrorCode::not_found:
            return "not_found";
        case ErrorCode::method_not_allowed:
            return "method_not_allowed";
        case ErrorCode::conflict:
            return "conflict";
        case ErrorCode::payload_too_large:
            return "payload_too_large";
        case ErrorCode::headers_too_large:
            return "headers_too_large";
        case ErrorCode::unsupported_media_type:
            return "unsupported_media_type";
        case ErrorCode::validation_failed:
            return "validation_failed";
        case ErrorCode::weak_password:
            return "weak_password";
        case ErrorCode::wrong_password:
            return "wrong_password";
        case ErrorCode::role_separation:
            return "role_separation";
        case ErrorCode::account_locked:
            return "account_locked";
        case ErrorCode::too_many_requests:
            return "too_many_requests";
        case ErrorCode::signin_mismatch:
            return "signin_mismatch";
        case ErrorCode::signin_closed:
            return "signin_closed";
        case ErrorCode::internal:
            return "internal";
    }
    return "internal";
}

AppError field_error(const std::string& field, const std::string& message) {
    return AppError(ErrorCode::validation_failed, message, {{"field", field}});
}

AppError fields_error(const std::vector<FieldMessage>& problems) {
    if (problems.size() == 1) {
        return field_error(problems.front().field, problems.front().message);
    }
    boost::json::array fields;
    std::string message;
    for (const auto& problem : problems) {
        fields.push_back({{"field", problem.field}, {"message", problem.message}});
        message += (message.empty() ? "" : "；") + problem.message;
    }
    return AppError(ErrorCode::validation_failed, message,
                    {{"field", problems.empty() ? std::string() : problems.front().field},
                     {"fields", std::move(fields)}});
}

}  // namespace lianjian
