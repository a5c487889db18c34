#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace lianjian::text {

// What a text field may hold. Every text field of every request body, query and import row is
// read through `normalise` with the rule of its field, looked up in one table (text.cpp).
enum class Kind {
    name,         // one line; no zero-width or direction-override characters (names are compared)
    single_line,  // one line: no control characters
    multi_line,   // newlines and tabs allowed
    code,         // an enumerated value or other machine text: one line
    date,         // a local date "YYYY-MM-DD" that exists in the calendar
    date_text,    // a date as people type it (2020/7/1, 2020年7月1日), read by its area's rules
    secret,       // passwords: kept byte for byte (never trimmed), only the length is limited
};

struct FieldRule {
    std::string_view field;  // the JSON key or query parameter ("name"), or "area.field"
    std::string_view label;  // Chinese, for messages
    Kind kind;
    std::size_t max_length;  // in characters (code points)
};

// The one table of text fields and their limits. docs/openapi.yaml declares the same
// `maxLength` for each (a test compares them).
std::span<const FieldRule> field_rules();
// The rule of `field`; a field missing from the table is read as one line of at most 200.
const FieldRule& rule_of(std::string_view field);

// The result of reading one text value: the normalised text, or why it was refused (Chinese).
struct Normalised {
    std::string text;
    std::optional<std::string> problem;
};

// Trims Unicode white space (U+3000, NBSP, newlines …) at both ends, applies Unicode NFC, and
// refuses: invalid UTF-8, unpaired surrogates, non-characters, control characters in one-line
// fields, zero-width and direction-override characters in names, impossible dates, and text
// longer than the rule's limit. An empty result is not a problem here: the caller knows whether
// the field is required.
Normalised normalise(std::string_view input, const FieldRule& rule);
// The same, throwing AppError(validation_failed) naming the field on a problem.
std::string normalised_or_throw(std::string_view input, const FieldRule& rule);
std::string normalised_or_throw(std::string_view input, std::string_view field);

// Characters as people count them (code points), not bytes.
std::size_t character_count(std::string_view text);

// Whether `text` is a real calendar date written "YYYY-MM-DD" (2024-02-30 is not).
bool is_calendar_date(std::string_view text);

// `text` with every character that XML 1.0 forbids (C0 controls but tab/newline/return,
// U+FFFE/U+FFFF, invalid UTF-8) replaced by U+FFFD, for files whose format is XML (xlsx).
std::string xml_safe(std::string_view text);

}  // namespace lianjian::text
