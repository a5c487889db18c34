#include "api/json_input.hpp"

#include "core/error.hpp"
#include "core/text.hpp"

#include <boost/json/basic_parser_impl.hpp>
#include <boost/json/parse.hpp>

#include <charconv>
#include <set>

namespace lianjian::api {

namespace {

AppError wrong_type(const char* field, const char* expected) {
    return field_error(field, std::string("字段“") + field + "”应为" + expected);
}

AppError missing(const char* field) {
    return field_error(field, std::string("缺少必填字段“") + field + "”");
}

// A parse that only looks for a key given twice in one object ({"name":"a","name":"b"}), which
// boost::json would silently resolve to one of the two.
class DuplicateKeyFinder {
  public:
    constexpr static std::size_t max_object_size = std::size_t(-1);
    constexpr static std::size_t max_array_size = std::size_t(-1);
    constexpr static std::size_t max_key_size = std::size_t(-1);
    constexpr static std::size_t max_string_size = std::size_t(-1);

    std::optional<std::string> duplicate;

    bool on_document_begin(boost::system::error_code&) { return true; }
    bool on_document_end(boost::system::error_code&) { return true; }
    bool on_array_begin(boost::system::error_code&) { return true; }
    bool on_array_end(std::size_t, boost::system::error_code&) { return true; }
    bool on_object_begin(boost::system::error_code&) {
        keys_.emplace_back();
        return true;
    }
    bool on_object_end(std::size_t, boost::system::error_code&) {
        keys_.pop_back();
        return true;
    }
    bool on_string_part(boost::json::string_view, std::size_t, boost::system::error_code&) {
        return true;
    }
    bool on_string(boost::json::string_view, std::size_t, boost::system::error_code&) {
        return true;
    }
    bool on_key_part(boost::json::string_view part, std::size_t, boost::system::error_code&) {
        key_.append(part.data(), part.size());
        return true;
    }
    bool on_key(boost::json::string_view part, std::size_t, boost::system::error_code& error) {
        key_.append(part.data(), part.size());
        if (!keys_.back().insert(key_).second && !duplicate) {
            duplicate = key_;
            error = boost::json::error::syntax;
            return false;
        }
        key_.clear();
        return true;
    }
    bool on_number_part(boost::json::string_view, boost::system::error_code&) { return true; }
    bool on_int64(std::int64_t, boost::json::string_view, boost::system::error_code&) {
        return true;
    }
    bool on_uint64(std::uint64_t, boost::json::string_view, boost::system::error_code&) {
        return true;
    }
    bool on_double(double, boost::json::string_view, boost::system::error_code&) { return true; }
    bool on_bool(bool, boost::system::error_code&) { return true; }
    bool on_null(boost::system::error_code&) { return true; }
    bool on_comment_part(boost::json::string_view, boost::system::error_code&) { return true; }
    bool on_comment(boost::json::string_view, boost::system::error_code&) { return true; }

  private:
    std::vector<std::set<std::string>> keys_;
    std::string key_;
};

std::optional<std::string> duplicate_key(const std::string& body) {
    boost::json::basic_parser<DuplicateKeyFinder> parser(boost::json::parse_options{});
    boost::system::error_code error;
    parser.write_some(false, body.data(), body.size(), error);
    return parser.handler().duplicate;
}

// Normalises every text value of the body's own fields (and of arrays of text) in place, by the
// rule of its field, and reports every problem at once. Nested objects (import rows) are read
// by their own readers, which report per row.
void normalise_text_fields(boost::json::object& body) {
    std::vector<FieldMessage> problems;
    const auto normalise_value = [&](boost::json::value& value, const std::string& field,
                                     const text::FieldRule& rule) {
        auto result = text::normalise(value.as_string(), rule);
        if (result.problem) {
            problems.push_back({field, *result.problem});
        } else if ((rule.kind == text::Kind::date || rule.kind == text::Kind::date_text) &&
                   result.text.empty()) {
            problems.push_back({field, "“" + std::string(rule.label) +
                                           "”应为日期，如 2026-05-01（不填请省略此字段）"});
        } else if (result.text != value.as_string()) {
            value = result.text;
        }
    };
    for (auto& [key, value] : body) {
        const std::string field(key);
        const auto& rule = text::rule_of(field);
        if (value.is_string()) {
            normalise_value(value, field, rule);
        } else if (value.is_array()) {
            for (auto& item : value.as_array()) {
                if (item.is_string()) {
                    normalise_value(item, field, rule);
                }
            }
        }
    }
    if (!problems.empty()) {
        throw fields_error(problems);
    }
}

}  // namespace

boost::json::object json_body(const http::RequestContext& context) {
    boost::system::error_code error;
    auto value = boost::json::parse(context.request.body(), error);
    if (error) {
        throw AppError(ErrorCode::invalid_json, "请求内容不是有效的 JSON");
    }
    if (auto key = duplicate_key(context.request.body())) {
        throw AppError(ErrorCode::invalid_json, "请求内容中字段“" + *key + "”出现了不止一次",
                       {{"field", *key}});
    }
    if (!value.is_object()) {
        throw AppError(ErrorCode::validation_failed, "请求内容应为 JSON 对象");
    }
    normalise_text_fields(value.as_object());
    return std::move(value.as_object());
}

std::string required_string(const boost::json::object& body, const char* field) {
    auto value = optional_string(body, field);
    if (!value) {
        throw missing(field);
    }
    const auto& rule = text::rule_of(field);
    if (value->empty() && rule.kind != text::Kind::secret) {
        throw field_error(field, "“" + std::string(rule.label) + "”不能为空");
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
