#pragma once

#include "api/page.hpp"
#include "core/enum_text.hpp"
#include "http/router.hpp"

#include <optional>
#include <string>

namespace lianjian::api {

// The one reader of query-string parameters. The same rules everywhere: an absent or empty
// parameter takes its default; a present one that cannot be read is a 422 naming the parameter.

std::optional<std::string> query_text(const http::RequestContext& context, const char* name);
// `true`/`1` or `false`/`0`.
std::optional<bool> query_bool(const http::RequestContext& context, const char* name);
bool query_bool(const http::RequestContext& context, const char* name, bool fallback);
// An integer within [minimum, maximum].
int query_int(const http::RequestContext& context, const char* name, int fallback, int minimum,
              int maximum);
// A positive integer (an object's id).
std::optional<long long> query_id(const http::RequestContext& context, const char* name);
// A calendar date, `YYYY-MM-DD`, that exists (2024-02-30 does not).
std::optional<std::string> query_date(const http::RequestContext& context, const char* name);
// `page` (from 1) and `page_size` (1 to `maximum_size`).
PageRequest query_page(const http::RequestContext& context, int default_size = 20,
                       int maximum_size = 100);

// One of an enum's codes (see core/enum_text.hpp).
template <typename E>
std::optional<E> query_enum(const http::RequestContext& context, const char* name) {
    if (auto text = query_text(context, name)) {
        return parse_enum<E>(name, *text);
    }
    return std::nullopt;
}

// Whether `text` is a real calendar date written `YYYY-MM-DD`.
bool is_calendar_date(std::string_view text);

}  // namespace lianjian::api
