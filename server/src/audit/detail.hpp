#pragma once

#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include <optional>
#include <string>

namespace lianjian::audit {

// An audit record's `detail` as structured JSON, which the web renders in Chinese key by key
// (web/src/views/audit/log/detail.ts), e.g. {"unit":{"id":5,"name":"区科协"},"date":"2026-11-29"}.
// Keys are snake_case field names, each with a zh-CN label in the locale files (a Vitest scans
// the server's `audit::detail({…})` calls); a referenced object is {"id","name"}; codes stay codes
// (the web labels them by key); free text (a reason) is kept as the user wrote it. Issue 9:
// "details are stored as structured data and rendered in Chinese".
inline std::string detail(const boost::json::object& fields) {
    return boost::json::serialize(fields);
}

// {"id","name"} of a referenced object, for a detail field.
inline boost::json::object detail_ref(long long id, const std::string& name) {
    return {{"id", id}, {"name", name}};
}

}  // namespace lianjian::audit
