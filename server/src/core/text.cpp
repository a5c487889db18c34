#include "core/text.hpp"

#include "core/error.hpp"

#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <vector>

namespace lianjian::text {

namespace {

// The one table. Keys are the JSON keys and query parameters as the API names them; a key
// prefixed with an area ("member.name") is that area's stricter rule for a shared key.
constexpr std::array rules{
    // Accounts.
    FieldRule{"username", "用户名", Kind::name, 64},
    FieldRule{"display_name", "显示名称", Kind::name, 50},
    FieldRule{"password", "密码", Kind::secret, 256},
    FieldRule{"current_password", "当前密码", Kind::secret, 256},
    FieldRule{"new_password", "新密码", Kind::secret, 256},
    FieldRule{"roles", "角色", Kind::code, 32},
    // Names shared by units, office areas, strength tags, alliances and members.
    FieldRule{"name", "名称", Kind::name, 100},
    FieldRule{"member.name", "姓名", Kind::name, 64},
    FieldRule{"strength_tag.name", "特长标签", Kind::name, 30},
    FieldRule{"unit_name", "单位名称", Kind::name, 100},
    FieldRule{"short_name", "简称", Kind::name, 50},
    FieldRule{"party_organization_name", "党组织名称", Kind::name, 100},
    FieldRule{"first_responsible", "第一责任人", Kind::name, 50},
    FieldRule{"direct_responsible", "直接责任人", Kind::name, 50},
    FieldRule{"liaison", "联络员", Kind::name, 50},
    FieldRule{"liaison_phone", "联络员电话", Kind::single_line, 20},
    FieldRule{"phone", "手机号码", Kind::single_line, 20},
    FieldRule{"address", "地址", Kind::single_line, 200},
    FieldRule{"post", "职务", Kind::single_line, 64},
    FieldRule{"note", "备注", Kind::multi_line, 1000},
    FieldRule{"reason", "理由", Kind::multi_line, 1000},
    FieldRule{"opinion", "意见", Kind::multi_line, 1000},
    // The yearly campaign: plan items, contacts and support (活动计划), responsibility sheets.
    FieldRule{"theme", "活动主题", Kind::single_line, 100},
    FieldRule{"place", "活动地点", Kind::single_line, 200},
    FieldRule{"contact.name", "联系人", Kind::name, 50},
    FieldRule{"duty", "职责分工", Kind::single_line, 64},
    FieldRule{"venues", "场地保障", Kind::multi_line, 1000},
    FieldRule{"funds", "经费保障", Kind::multi_line, 1000},
    FieldRule{"people", "人员保障", Kind::multi_line, 1000},
    FieldRule{"targets", "工作目标", Kind::multi_line, 2000},
    FieldRule{"measures", "工作措施", Kind::multi_line, 2000},
    FieldRule{"duties", "工作职责", Kind::multi_line, 2000},
    FieldRule{"planned_on", "计划日期", Kind::date, 10},
    // Enumerated values, read as codes.
    FieldRule{"kind", "类型", Kind::code, 32},
    FieldRule{"party_organization_type", "党组织类型", Kind::code, 32},
    FieldRule{"rotation_mode", "轮值方式", Kind::code, 32},
    FieldRule{"gender", "性别", Kind::code, 16},
    FieldRule{"status", "状态", Kind::code, 16},
    FieldRule{"state", "状态", Kind::code, 32},
    FieldRule{"sort", "排序", Kind::code, 32},
    FieldRule{"columns", "导出列", Kind::code, 200},
    FieldRule{"mine", "仅看本单位", Kind::code, 8},
    FieldRule{"unread", "仅看未读", Kind::code, 8},
    FieldRule{"action", "操作", Kind::code, 64},
    FieldRule{"user", "用户名", Kind::single_line, 64},
    FieldRule{"q", "搜索词", Kind::single_line, 100},
    // The yearly campaign: checklist items and phase reports.
    FieldRule{"title", "活动名称", Kind::single_line, 100},
    FieldRule{"description", "说明", Kind::multi_line, 2000},
    FieldRule{"key_date", "重要节点", Kind::single_line, 50},
    FieldRule{"account", "汇报内容", Kind::multi_line, 10000},
    FieldRule{"linkage", "六联类别", Kind::code, 32},
    FieldRule{"phase", "阶段", Kind::code, 32},
    FieldRule{"include_retired", "含已停用", Kind::code, 8},
    // Local dates.
    FieldRule{"founded_on", "成立日期", Kind::date, 10},
    FieldRule{"joined_on", "加入日期", Kind::date_text, 10},
    FieldRule{"left_on", "退出日期", Kind::date, 10},
    FieldRule{"dissolved_on", "解散日期", Kind::date, 10},
    FieldRule{"on", "日期", Kind::date, 10},
    FieldRule{"starts_on", "开始日期", Kind::date, 10},
    FieldRule{"ends_on", "结束日期", Kind::date, 10},
    // Dates or instants (audit filters): one line, checked by the instant parser.
    FieldRule{"from", "起始时间", Kind::single_line, 32},
    FieldRule{"to", "截止时间", Kind::single_line, 32},
};

constexpr FieldRule fallback_rule{"", "字段", Kind::single_line, 200};

constexpr char32_t invalid = 0xFFFFFFFF;

// Decodes one UTF-8 sequence at `position`, advancing it; `invalid` for a malformed sequence,
// an overlong form or an encoded surrogate (which is how an unpaired surrogate arrives).
char32_t next_code_point(std::string_view text, std::size_t& position) {
    const auto byte = [&](std::size_t at) { return static_cast<unsigned char>(text[at]); };
    const unsigned char lead = byte(position);
    std::size_t length = 0;
    char32_t value = 0;
    char32_t minimum = 0;
    if (lead < 0x80) {
        ++position;
        return lead;
    } else if ((lead & 0xE0) == 0xC0) {
        length = 2, value = lead & 0x1F, minimum = 0x80;
    } else if ((lead & 0xF0) == 0xE0) {
        length = 3, value = lead & 0x0F, minimum = 0x800;
    } else if ((lead & 0xF8) == 0xF0) {
        length = 4, value = lead & 0x07, minimum = 0x10000;
    } else {
        ++position;
        return invalid;
    }
    if (position + length > text.size()) {
        position = text.size();
        return invalid;
    }
    for (std::size_t i = 1; i < length; ++i) {
        if ((byte(position + i) & 0xC0) != 0x80) {
            position += i;
            return invalid;
        }
        value = (value << 6) | (byte(position + i) & 0x3F);
    }
    position += length;
    if (value < minimum || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF)) {
        return invalid;
    }
    return value;
}

bool is_white_space(char32_t c) {
    return (c >= 0x09 && c <= 0x0D) || c == 0x20 || c == 0x85 || c == 0xA0 || c == 0x1680 ||
           (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F ||
           c == 0x205F || c == 0x3000 || c == 0xFEFF;
}

bool is_control(char32_t c) {
    return c < 0x20 || (c >= 0x7F && c <= 0x9F);
}

bool is_non_character(char32_t c) {
    return (c >= 0xFDD0 && c <= 0xFDEF) || (c & 0xFFFE) == 0xFFFE;
}

// Characters that change how text reads without being seen: zero-width characters and the
// bidirectional embeddings, overrides and isolates ("区审计局" + U+200B is another name).
bool is_invisible_format(char32_t c) {
    return c == 0x200B || c == 0x200C || c == 0x200D || c == 0x200E || c == 0x200F || c == 0x2060 ||
           c == 0xFEFF || c == 0x180E || c == 0x061C || (c >= 0x202A && c <= 0x202E) ||
           (c >= 0x2066 && c <= 0x2069);
}

struct Decoded {
    std::vector<char32_t> code_points;
    bool valid = true;
};

Decoded decode(std::string_view text) {
    Decoded decoded;
    std::size_t position = 0;
    while (position < text.size()) {
        const auto c = next_code_point(text, position);
        if (c == invalid) {
            decoded.valid = false;
        } else {
            decoded.code_points.push_back(c);
        }
    }
    return decoded;
}

void append_utf8(std::string& out, char32_t c) {
    if (c < 0x80) {
        out += static_cast<char>(c);
    } else if (c < 0x800) {
        out += static_cast<char>(0xC0 | (c >> 6));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
        out += static_cast<char>(0xE0 | (c >> 12));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (c >> 18));
        out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    }
}

std::string nfc(const std::string& text) {
    UErrorCode status = U_ZERO_ERROR;
    const auto* normalizer = icu::Normalizer2::getNFCInstance(status);
    if (U_FAILURE(status)) {
        return text;
    }
    const auto source = icu::UnicodeString::fromUTF8(text);
    if (normalizer->isNormalized(source, status) && U_SUCCESS(status)) {
        return text;
    }
    status = U_ZERO_ERROR;
    const auto normalised = normalizer->normalize(source, status);
    if (U_FAILURE(status)) {
        return text;
    }
    std::string out;
    normalised.toUTF8String(out);
    return out;
}

std::string quoted(const FieldRule& rule) {
    return "“" + std::string(rule.label) + "”";
}

}  // namespace

std::span<const FieldRule> field_rules() {
    return rules;
}

const FieldRule& rule_of(std::string_view field) {
    const auto found = std::find_if(rules.begin(), rules.end(),
                                    [&](const FieldRule& rule) { return rule.field == field; });
    return found == rules.end() ? fallback_rule : *found;
}

std::size_t character_count(std::string_view text) {
    return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
        return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    }));
}

bool is_calendar_date(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') {
        return false;
    }
    int parts[3] = {0, 0, 0};
    const std::size_t starts[3] = {0, 5, 8};
    const std::size_t lengths[3] = {4, 2, 2};
    for (int i = 0; i < 3; ++i) {
        for (std::size_t j = 0; j < lengths[i]; ++j) {
            const char c = text[starts[i] + j];
            if (c < '0' || c > '9') {
                return false;
            }
            parts[i] = parts[i] * 10 + (c - '0');
        }
    }
    const std::chrono::year_month_day date{std::chrono::year(parts[0]),
                                           std::chrono::month(static_cast<unsigned>(parts[1])),
                                           std::chrono::day(static_cast<unsigned>(parts[2]))};
    return parts[0] >= 1 && date.ok();
}

Normalised normalise(std::string_view input, const FieldRule& rule) {
    Normalised result;
    if (rule.kind == Kind::secret) {
        result.text = std::string(input);
        if (input.size() > rule.max_length) {
            result.problem =
                quoted(rule) + "不能超过 " + std::to_string(rule.max_length) + " 个字符";
        }
        return result;
    }
    const auto decoded = decode(input);
    if (!decoded.valid) {
        result.problem = quoted(rule) + "含有无效的字符编码";
        return result;
    }
    const auto& points = decoded.code_points;
    std::size_t begin = 0;
    std::size_t end = points.size();
    while (begin < end && is_white_space(points[begin])) {
        ++begin;
    }
    while (end > begin && is_white_space(points[end - 1])) {
        --end;
    }
    std::string trimmed;
    trimmed.reserve(input.size());
    for (std::size_t i = begin; i < end; ++i) {
        const char32_t c = points[i];
        if (is_non_character(c)) {
            result.problem = quoted(rule) + "含有非法字符（Unicode 非字符）";
            return result;
        }
        const bool line_break_or_tab = c == '\n' || c == '\t' || c == '\r';
        if (is_control(c) && !(rule.kind == Kind::multi_line && line_break_or_tab)) {
            result.problem =
                quoted(rule) + (line_break_or_tab ? "不能换行或含制表符" : "含有不可见的控制字符");
            return result;
        }
        if (rule.kind == Kind::name && is_invisible_format(c)) {
            result.problem = quoted(rule) + "含有零宽字符或文字方向控制字符";
            return result;
        }
        if (c == 0x2028 || c == 0x2029) {
            if (rule.kind != Kind::multi_line) {
                result.problem = quoted(rule) + "不能换行或含制表符";
                return result;
            }
        }
        append_utf8(trimmed, c);
    }
    result.text = nfc(trimmed);
    if (character_count(result.text) > rule.max_length) {
        result.problem = quoted(rule) + "不能超过 " + std::to_string(rule.max_length) + " 个字";
        return result;
    }
    if (rule.kind == Kind::date && !result.text.empty() && !is_calendar_date(result.text)) {
        result.problem = quoted(rule) + "应为有效日期，格式如 2026-05-01";
    }
    return result;
}

std::string normalised_or_throw(std::string_view input, const FieldRule& rule) {
    auto result = normalise(input, rule);
    if (result.problem) {
        throw field_error(std::string(rule.field), *result.problem);
    }
    return std::move(result.text);
}

std::string normalised_or_throw(std::string_view input, std::string_view field) {
    auto result = normalise(input, rule_of(field));
    if (result.problem) {
        throw field_error(std::string(field), *result.problem);
    }
    return std::move(result.text);
}

std::string xml_safe(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    std::size_t position = 0;
    while (position < text.size()) {
        const auto c = next_code_point(text, position);
        const bool allowed = c != invalid && (c == 0x09 || c == 0x0A || c == 0x0D ||
                                              (c >= 0x20 && c != 0xFFFE && c != 0xFFFF));
        append_utf8(out, allowed ? c : char32_t{0xFFFD});
    }
    return out;
}

}  // namespace lianjian::text
