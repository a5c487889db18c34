#pragma once

#include "core/error.hpp"
#include "http/message.hpp"

namespace lianjian::http {

// The one place that decides the HTTP status of each error code.
Status status_of(ErrorCode code);
// `{"error":{"code","message","details"?}}` with that status.
Response error_response(const AppError& error);
Response error_response(ErrorCode code, const std::string& message);

}  // namespace lianjian::http
