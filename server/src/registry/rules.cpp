#include "registry/rules.hpp"

#include "core/error.hpp"

#include <algorithm>

namespace lianjian::registry {

namespace {

constexpr std::string_view full_width_space = "\xE3\x80\x80";

bool is_blank_at_start(std::string_view text) {
    return (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) ||
           text.starts_with(full_width_space);
}

bool is_blank_at_end(std::string_view text) {
    return (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) ||
           text.ends_with(full_width_space);
}

// Characters, not bytes: a limit of 100 means 100 汉字 too.
std::size_t character_count(const std::string& text) {
    return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
        return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    }));
}

}  // namespace

std::string trimmed(const std::string& text) {
    std::string_view view = text;
    while (is_blank_at_start(view)) {
        view.remove_prefix(view.starts_with(full_width_space) ? full_width_space.size() : 1);
    }
    while (is_blank_at_end(view)) {
        view.remove_suffix(view.ends_with(full_width_space) ? full_width_space.size() : 1);
    }
    return std::string(view);
}

std::string required_name(const char* field, const std::string& label, const std::string& value,
                          std::size_t maximum) {
    auto name = trimmed(value);
    if (name.empty()) {
        throw field_error(field, "请填写" + label);
    }
    return optional_text(field, label, name, maximum);
}

std::string optional_text(const char* field, const std::string& label, const std::string& value,
                          std::size_t maximum) {
    auto text = trimmed(value);
    if (character_count(text) > maximum) {
        throw field_error(field, label + "不能超过 " + std::to_string(maximum) + " 个字");
    }
    return text;
}

void check_coordinates(const OfficeArea& area) {
    if (area.latitude && !(*area.latitude >= -90.0 && *area.latitude <= 90.0)) {
        throw field_error("latitude", "纬度应在 -90 到 90 之间");
    }
    if (area.longitude && !(*area.longitude >= -180.0 && *area.longitude <= 180.0)) {
        throw field_error("longitude", "经度应在 -180 到 180 之间");
    }
}

void check_phone(const std::string& phone) {
    const bool allowed = std::all_of(phone.begin(), phone.end(), [](unsigned char c) {
        return std::isdigit(c) || c == '+' || c == '-';
    });
    if (!allowed || phone.size() < 5 || phone.size() > 20) {
        throw field_error("liaison_phone", "联络员电话应为 5 到 20 位数字（可含 + 和 -）");
    }
}

void check_kind(const std::string& kind) {
    if (kind != "committee" && kind != "unit") {
        throw field_error("kind", "单位类别应为 committee（机关工委）或 unit（单位）");
    }
}

void check_party_organization_type(const std::string& type) {
    if (type != "party_committee" && type != "general_branch" && type != "branch") {
        throw field_error(
            "party_organization_type",
            "党组织类型应为 party_committee（党委）、general_branch（党总支）或 branch（党支部）");
    }
}

void check_party_member_count(long long count) {
    if (count < 0 || count > 1000000) {
        throw field_error("party_member_count", "党员人数应为 0 到 1000000 之间的整数");
    }
}

}  // namespace lianjian::registry
