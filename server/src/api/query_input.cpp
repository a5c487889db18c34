#include "api/query_input.hpp"

#include "core/error.hpp"
#include "core/text.hpp"

#include <charconv>

namespace lianjian::api {

namespace {

std::optional<std::string_view> raw(const http::RequestContext& context, const char* name) {
    const auto found = context.query.find(name);
    if (found == context.query.end() || found->second.empty()) {
        return std::nullopt;
    }
    return std::string_view(found->second);
}

template <typename T>
std::optional<T> whole_number(std::string_view text) {
    T value{};
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc{} || end != text.data() + text.size()) {
        return std::nullopt;
    }
    return value;
}

AppError parameter_error(const char* name, const std::string& expected) {
    return field_error(name, std::string("参数“") + name + "”应为" + expected);
}

}  // namespace

std::optional<std::string> query_text(const http::RequestContext& context, const char* name) {
    if (auto text = raw(context, name)) {
        // The one text normaliser, with the parameter's length limit (core/text.cpp).
        auto value = text::normalised_or_throw(*text, name);
        if (!value.empty()) {
            return value;
        }
    }
    return std::nullopt;
}

std::optional<bool> query_bool(const http::RequestContext& context, const char* name) {
    const auto text = raw(context, name);
    if (!text) {
        return std::nullopt;
    }
    if (*text == "true" || *text == "1") {
        return true;
    }
    if (*text == "false" || *text == "0") {
        return false;
    }
    throw parameter_error(name, " true 或 false");
}

bool query_bool(const http::RequestContext& context, const char* name, bool fallback) {
    return query_bool(context, name).value_or(fallback);
}

int query_int(const http::RequestContext& context, const char* name, int fallback, int minimum,
              int maximum) {
    const auto text = raw(context, name);
    if (!text) {
        return fallback;
    }
    const auto value = whole_number<int>(*text);
    if (!value || *value < minimum || *value > maximum) {
        throw parameter_error(
            name, " " + std::to_string(minimum) + " 到 " + std::to_string(maximum) + " 之间的整数");
    }
    return *value;
}

std::optional<long long> query_id(const http::RequestContext& context, const char* name) {
    const auto text = raw(context, name);
    if (!text) {
        return std::nullopt;
    }
    const auto value = whole_number<long long>(*text);
    if (!value || *value <= 0) {
        throw parameter_error(name, "正整数");
    }
    return value;
}

bool is_calendar_date(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') {
        return false;
    }
    const auto year = whole_number<int>(text.substr(0, 4));
    const auto month = whole_number<int>(text.substr(5, 2));
    const auto day = whole_number<int>(text.substr(8, 2));
    if (!year || !month || !day || *year < 1 || *month < 1 || *month > 12 || *day < 1) {
        return false;
    }
    static constexpr int days_in_month[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (*year % 4 == 0 && *year % 100 != 0) || *year % 400 == 0;
    const int last = *month == 2 && leap ? 29 : days_in_month[*month - 1];
    return *day <= last;
}

std::optional<std::string> query_date(const http::RequestContext& context, const char* name) {
    const auto text = raw(context, name);
    if (!text) {
        return std::nullopt;
    }
    if (!is_calendar_date(*text)) {
        throw parameter_error(name, "有效日期（YYYY-MM-DD）");
    }
    return std::string(*text);
}

PageRequest query_page(const http::RequestContext& context, int default_size, int maximum_size) {
    return {query_int(context, "page", 1, 1, 1000000),
            query_int(context, "page_size", default_size, 1, maximum_size)};
}

}  // namespace lianjian::api
