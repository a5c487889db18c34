#include "api/json_input.hpp"

#include "core/error.hpp"

#include <boost/json/parse.hpp>

#include <charconv>

namespace lianjian::api {

namespace {

AppError wrong_type(const char* field, const char* expected) {
    return field_error(field, std::string("字段“") + field + "”应为" + expected);
}

AppError missing(const char* field) {
    return field_error(field, std::string("缺少必填字段“") + field + "”");
}

}  // namespace

boost::json::object json_body(const http::RequestContext& context) {
    boost::system::error_code error;
    auto value = boost::json::parse(context.request.body(), error);
    if (error) {
        throw AppError(ErrorCode::invalid_json, "请求内容不是有效的 JSON");
    }
    if (!value.is_object()) {
        throw AppError(ErrorCode::validation_failed, "请求内容应为 JSON 对象");
    }
    return std::move(value.as_object());
}

std::string required_string(const boost::json::object& body, const char* field) {
    auto value = optional_string(body, field);
    if (!value) {
        throw missing(field);
    }
    return *value;
}

std::optional<std::string> optional_string(const boost::json::object& body, const char* field) {
    const auto* value = body.if_contains(field);
    if (!value || value->is_null()) {
        return std::nullopt;
    }
    if (!value->is_string()) {
        throw wrong_type(field, "文本");
    }
    return std::string(value->as_string());
}

std::optional<long long> optional_integer(const boost::json::object& body, const char* field) {
    const auto* value = body.if_contains(field);
    if (!value || value->is_null()) {
        return std::nullopt;
    }
    if (value->is_int64()) {
        return value->as_int64();
    }
    if (value->is_uint64() && value->as_uint64() <= static_cast<std::uint64_t>(INT64_MAX)) {
        return static_cast<long long>(value->as_uint64());
    }
    throw wrong_type(field, "整数");
}

bool required_bool(const boost::json::object& body, const char* field) {
    auto value = optional_bool(body, field);
    if (!value) {
        throw missing(field);
    }
    return *value;
}

std::optional<bool> optional_bool(const boost::json::object& body, const char* field) {
    const auto* value = body.if_contains(field);
    if (!value || value->is_null()) {
        return std::nullopt;
    }
    if (!value->is_bool()) {
        throw wrong_type(field, "布尔值（true/false）");
    }
    return value->as_bool();
}

std::vector<std::string> required_string_array(const boost::json::object& body, const char* field) {
    const auto* value = body.if_contains(field);
    if (!value || value->is_null()) {
        throw missing(field);
    }
    if (!value->is_array()) {
        throw wrong_type(field, "文本数组");
    }
    std::vector<std::string> items;
    for (const auto& item : value->as_array()) {
        if (!item.is_string()) {
            throw wrong_type(field, "文本数组");
        }
        items.emplace_back(item.as_string());
    }
    return items;
}

long long required_id(const boost::json::object& body, const char* field) {
    auto value = optional_integer(body, field);
    if (!value) {
        throw missing(field);
    }
    return *value;
}

std::vector<long long> id_array(const boost::json::object& body, const char* field) {
    std::vector<long long> ids;
    const auto* value = body.if_contains(field);
    if (!value || value->is_null()) {
        return ids;
    }
    if (!value->is_array()) {
        throw wrong_type(field, "整数数组");
    }
    for (const auto& item : value->as_array()) {
        if (!item.is_int64() || item.as_int64() <= 0) {
            throw wrong_type(field, "正整数数组");
        }
        ids.push_back(item.as_int64());
    }
    return ids;
}

}  // namespace lianjian::api
