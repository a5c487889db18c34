#include "registry/rules.hpp"

#include "core/error.hpp"
#include "core/text.hpp"

#include <algorithm>

namespace lianjian::registry {

std::string trimmed(const std::string& text) {
    return text::normalise(text, text::rule_of("")).text;
}

std::string required_name(const char* field, const std::string& label, const std::string& value,
                          std::size_t maximum) {
    auto name = optional_text(field, label, value, maximum);
    if (name.empty()) {
        throw field_error(field, "请填写" + label);
    }
    return name;
}

// Through the one normaliser (core/text), with the kind of the field from its table.
std::string optional_text(const char* field, const std::string& label, const std::string& value,
                          std::size_t maximum) {
    const text::FieldRule rule{field, label, text::rule_of(field).kind, maximum};
    return text::normalised_or_throw(value, rule);
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
