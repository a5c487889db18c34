#include "members/member_rules.hpp"

#include "core/clock.hpp"
#include "core/text.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <regex>

namespace lianjian::members {

namespace {

// A cell's text without the white space around it (Unicode's: U+3000, NBSP …).
std::string trim(std::string_view text) {
    return text::normalise(text, text::rule_of("")).text;
}

// A text field through the one normaliser: the normalised text, or a problem of that field.
std::string checked_text(const std::string& input, std::string_view rule_name, const char* field,
                         std::vector<FieldProblem>& problems) {
    auto result = text::normalise(input, text::rule_of(rule_name));
    if (result.problem) {
        problems.push_back({field, *result.problem});
        return {};
    }
    return std::move(result.text);
}

std::optional<int> number_of(std::string_view text) {
    int value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || error != std::errc{} || end != text.data() + text.size()) {
        return std::nullopt;
    }
    return value;
}

std::string format_date(const std::chrono::year_month_day& date) {
    char text[16];
    std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(date.year()),
                  static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
    return text;
}

// A cell that could not be read says so, instead of the check of its (empty) value.
std::vector<FieldProblem> with_read_problems(const std::vector<FieldProblem>& read,
                                             std::vector<FieldProblem> checked) {
    std::vector<FieldProblem> problems = read;
    for (auto& problem : checked) {
        const bool replaced = std::any_of(read.begin(), read.end(), [&](const FieldProblem& other) {
            return other.field == problem.field;
        });
        if (!replaced) {
            problems.push_back(std::move(problem));
        }
    }
    return problems;
}

}  // namespace

std::optional<std::string> gender_code(std::string_view cell) {
    const auto text = trim(cell);
    if (text == "male" || text == "男")
        return "male";
    if (text == "female" || text == "女")
        return "female";
    return std::nullopt;
}

std::optional<std::string> status_code(std::string_view cell) {
    const auto text = trim(cell);
    if (text == "formal" || text == "正式" || text == "正式党员")
        return "formal";
    if (text == "probationary" || text == "预备" || text == "预备党员")
        return "probationary";
    return std::nullopt;
}

const char* gender_label(std::string_view code) {
    return code == "male" ? "男" : "女";
}

const char* status_label(std::string_view code) {
    return code == "formal" ? "正式" : "预备";
}

std::string normalise_phone(std::string_view text) {
    std::string phone;
    for (char c : text) {
        if (c != ' ' && c != '-' && c != '\t') {
            phone += c;
        }
    }
    return phone;
}

bool is_mobile_number(std::string_view phone) {
    return phone.size() == 11 && phone.front() == '1' &&
           std::all_of(phone.begin(), phone.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::optional<std::string> normalise_date(std::string_view cell) {
    // The same text forms as the browser's reader (web/src/views/member/list/memberSheet.ts):
    // 2020-7-1, 2020/07/01, 2020.07.01, 2020年7月1日, 20200701, and a date-time's date part.
    static const std::regex separated(
        R"(^(\d{4})\s*(?:[-/.]|年)\s*(\d{1,2})\s*(?:[-/.]|月)\s*(\d{1,2})\s*(?:日)?(?:[T\s].*)?$)");
    static const std::regex compact(R"(^(\d{4})(\d{2})(\d{2})$)");
    const auto text = trim(cell);
    std::smatch parts;
    if (!std::regex_match(text, parts, separated) && !std::regex_match(text, parts, compact)) {
        return std::nullopt;
    }
    const auto year = number_of(parts.str(1));
    const auto month = number_of(parts.str(2));
    const auto day = number_of(parts.str(3));
    if (!year || !month || !day || *month < 1 || *day < 1) {
        return std::nullopt;
    }
    const std::chrono::year_month_day date{std::chrono::year(*year),
                                           std::chrono::month(static_cast<unsigned>(*month)),
                                           std::chrono::day(static_cast<unsigned>(*day))};
    if (!date.ok()) {
        return std::nullopt;
    }
    return format_date(date);
}

std::optional<std::string> date_of_spreadsheet_serial(double serial) {
    // Spreadsheet programs count days from 1899-12-30 (which absorbs Lotus's 1900 leap-year bug
    // for every date after February 1900). Whole days only; 2958465 is 9999-12-31.
    if (!std::isfinite(serial) || serial < 61 || serial > 2958465) {
        return std::nullopt;
    }
    const auto epoch = std::chrono::sys_days{std::chrono::year(1899) / 12 / 30};
    const auto days = std::chrono::days(static_cast<long long>(std::floor(serial)));
    return format_date(std::chrono::year_month_day{epoch + days});
}

std::string today_in_china() {
    return programme_clock::today();
}

std::vector<FieldProblem> check_member_fields(const MemberDraft& draft, ValidMember& valid) {
    std::vector<FieldProblem> problems;
    const auto problems_before_name = problems.size();
    valid.name = checked_text(draft.name, "member.name", "name", problems);
    if (valid.name.empty() && problems.size() == problems_before_name) {
        problems.push_back({"name", "请填写姓名"});
    }
    if (auto gender = gender_code(draft.gender)) {
        valid.gender = *gender;
    } else {
        problems.push_back({"gender", draft.gender.empty() ? "请填写性别" : "性别应为“男”或“女”"});
    }
    valid.post = checked_text(draft.post, "post", "post", problems);
    valid.phone = normalise_phone(text::normalise(draft.phone, text::rule_of("phone")).text);
    if (valid.phone.empty()) {
        problems.push_back({"phone", "请填写手机号码"});
    } else if (!is_mobile_number(valid.phone)) {
        problems.push_back({"phone", "手机号码应为 1 开头的 11 位数字"});
    }
    if (auto date = normalise_date(draft.joined_on)) {
        valid.joined_on = *date;
        if (valid.joined_on > today_in_china()) {
            problems.push_back({"joined_on", "入党日期不能晚于今天"});
        }
    } else {
        problems.push_back({"joined_on", draft.joined_on.empty()
                                             ? "请填写入党日期"
                                             : "入党日期应为有效日期，如 2020-07-01"});
    }
    if (auto status = status_code(draft.status)) {
        valid.status = *status;
    } else {
        problems.push_back(
            {"status", draft.status.empty() ? "请填写党员状态" : "党员状态应为“正式”或“预备”"});
    }
    return with_read_problems(draft.read_problems, std::move(problems));
}

bool is_template_example(std::string_view name) {
    for (std::string_view mark : {std::string_view("（示例"), std::string_view("(示例"),
                                  std::string_view("( 示例"), std::string_view("（ 示例")}) {
        if (name.find(mark) != std::string_view::npos) {
            return true;
        }
    }
    return false;
}

}  // namespace lianjian::members
