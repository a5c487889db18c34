#include "members/member_rules.hpp"

#include "core/clock.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdio>

namespace lianjian::members {

namespace {

constexpr std::size_t max_name_length = 64;
constexpr std::size_t max_post_length = 64;

std::string_view trim(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) {
        text.remove_prefix(1);
    }
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) {
        text.remove_suffix(1);
    }
    return text;
}

// Characters as people count them (UTF-8 code points), not bytes.
std::size_t character_count(std::string_view text) {
    return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
        return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    }));
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

std::optional<std::string> gender_code(std::string_view text) {
    text = trim(text);
    if (text == "male" || text == "男")
        return "male";
    if (text == "female" || text == "女")
        return "female";
    return std::nullopt;
}

std::optional<std::string> status_code(std::string_view text) {
    text = trim(text);
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

std::optional<std::string> normalise_date(std::string_view text) {
    text = trim(text);
    std::array<std::string_view, 3> parts;
    std::size_t count = 0;
    while (count < 3) {
        const auto separator = text.find_first_of("-/.");
        parts[count++] = text.substr(0, separator);
        if (separator == std::string_view::npos) {
            text = {};
            break;
        }
        text.remove_prefix(separator + 1);
    }
    if (count != 3 || !text.empty() || parts[0].size() != 4) {
        return std::nullopt;
    }
    const auto year = number_of(parts[0]);
    const auto month = number_of(parts[1]);
    const auto day = number_of(parts[2]);
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
    return format_timestamp(Clock::now() + std::chrono::hours(8)).substr(0, 10);
}

std::vector<FieldProblem> check_member_fields(const MemberDraft& draft, ValidMember& valid) {
    std::vector<FieldProblem> problems;
    valid.name = std::string(trim(draft.name));
    if (valid.name.empty()) {
        problems.push_back({"name", "请填写姓名"});
    } else if (character_count(valid.name) > max_name_length) {
        problems.push_back({"name", "姓名不能超过 64 个字"});
    }
    if (auto gender = gender_code(draft.gender)) {
        valid.gender = *gender;
    } else {
        problems.push_back({"gender", draft.gender.empty() ? "请填写性别" : "性别应为“男”或“女”"});
    }
    valid.post = std::string(trim(draft.post));
    if (character_count(valid.post) > max_post_length) {
        problems.push_back({"post", "职务不能超过 64 个字"});
    }
    valid.phone = normalise_phone(draft.phone);
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

}  // namespace lianjian::members
