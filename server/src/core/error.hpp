#pragma once

#include <boost/json/object.hpp>
#include <stdexcept>
#include <string>
#include <vector>

namespace lianjian {

// Every failure a user can cause has a code here. The HTTP status of each code is decided in one
// place (http/error_response.cpp); services only say what went wrong.
enum class ErrorCode {
    bad_request,
    invalid_json,
    unauthenticated,
    invalid_credentials,
    forbidden,
    csrf_rejected,
    password_change_required,
    second_factor_required,            // password right; a TOTP or recovery code is due (401)
    second_factor_invalid,             // the TOTP or recovery code at sign-in is wrong (401)
    second_factor_enrolment_required,  // the role requires a second factor not set up (403)
    not_found,
    method_not_allowed,
    conflict,
    payload_too_large,
    headers_too_large,
    unsupported_media_type,
    validation_failed,
    weak_password,
    wrong_password,
    role_separation,
    account_locked,
    too_many_requests,
    signin_mismatch,  // the QR sign-in's name and phone digits match nobody on the roster (422)
    signin_closed,    // the QR sign-in is outside its window or the activity is closed (410)
    internal,
};

// The wire name of a code, as sent in `{"error":{"code": ...}}`.
const char* error_code_name(ErrorCode code);

// A typed error carried from the service that raised it to the HTTP edge. `message` is the
// Chinese text shown to the user; `details` adds machine-readable fields (a field name, an
// unlock time) and must never hold secrets.
class AppError : public std::runtime_error {
  public:
    AppError(ErrorCode code, std::string message, boost::json::object details = {})
        : std::runtime_error(message), code_(code), details_(std::move(details)) {}

    ErrorCode code() const { return code_; }
    const boost::json::object& details() const { return details_; }

  private:
    ErrorCode code_;
    boost::json::object details_;
};

// A validation failure that names the offending field.
AppError field_error(const std::string& field, const std::string& message);

struct FieldMessage {
    std::string field;
    std::string message;
};
// Several validation failures of one request, reported at once: the message and `field` of the
// first, and `fields` listing every one as {field, message}.
AppError fields_error(const std::vector<FieldMessage>& problems);

}  // namespace lianjian
