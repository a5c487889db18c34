#pragma once

#include "members/member.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lianjian::members {

// The rules a member's fields follow, without the database: the unit and duplicate phone
// numbers are checked by MemberService, which can see the stored members.

// "male" | "female" from male/female/男/女; nothing for anything else.
std::optional<std::string> gender_code(std::string_view text);
// "formal" | "probationary" from formal/probationary/正式/预备 (also 正式党员/预备党员).
std::optional<std::string> status_code(std::string_view text);
const char* gender_label(std::string_view code);  // 男 / 女
const char* status_label(std::string_view code);  // 正式 / 预备

// A phone number as people write it ("138 1234-5678") without its spaces and hyphens, so that
// the search hash of one number is always the same.
std::string normalise_phone(std::string_view text);
// A mainland mobile number: 11 digits starting with 1.
bool is_mobile_number(std::string_view phone);

// "2020-7-1", "2020/07/01" or "2020.07.01" → "2020-07-01" when it is a real date; nothing
// otherwise.
std::optional<std::string> normalise_date(std::string_view text);
// A spreadsheet's date serial number (days since 1899-12-30) as "YYYY-MM-DD", for a cell the
// browser sent as a number.
std::optional<std::string> date_of_spreadsheet_serial(double serial);
// Today in China Standard Time: the users' calendar, which the UTC date lags by eight hours.
std::string today_in_china();

// Every problem with the fields that need no database, in field order. On success `valid` has
// everything but the unit, which the caller resolves.
// Whether a 姓名 is the import template's sample row: it says （示例…） or (示例…), as the template
// writes it ("张三（示例，请删除本行）"). Such rows are never imported, by the web reader or the
// import API (issue 9, "The import template's example row is imported").
bool is_template_example(std::string_view name);
// The sample row's 姓名 in the template.
inline constexpr const char* template_example_name = "张三（示例，请删除本行）";

std::vector<FieldProblem> check_member_fields(const MemberDraft& draft, ValidMember& valid);

}  // namespace lianjian::members
