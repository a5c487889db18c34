#pragma once

#include "core/error.hpp"

#include <boost/json/array.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace lianjian {

// The one way an `enum class` meets text (JSON, query strings, database columns). An enum opts in
// by specialising `EnumText` with a table of its values, their wire codes and Chinese labels:
//
//   template <> struct EnumText<Colour> {
//       static constexpr EnumName<Colour> names[] = {{Colour::red, "red", "红"}, …};
//   };
//
// Then `enum_code(value)` prints it, and `parse_enum<Colour>("colour", text)` reads it once at
// the edge: unknown text is a 422 naming the field and listing the allowed codes.
template <typename E>
struct EnumName {
    E value;
    std::string_view code;
    std::string_view label;  // 中文
};

template <typename E>
struct EnumText;  // specialised beside each enum

template <typename E>
const char* enum_code(E value) {
    for (const auto& name : EnumText<E>::names) {
        if (name.value == value) {
            return name.code.data();
        }
    }
    return "";
}

template <typename E>
const char* enum_label(E value) {
    for (const auto& name : EnumText<E>::names) {
        if (name.value == value) {
            return name.label.data();
        }
    }
    return "";
}

template <typename E>
std::optional<E> find_enum(std::string_view code) {
    for (const auto& name : EnumText<E>::names) {
        if (name.code == code) {
            return name.value;
        }
    }
    return std::nullopt;
}

// "join（入盟）、found（组建新联盟）、leave（退出联盟）"
template <typename E>
std::string allowed_enum_codes() {
    std::string text;
    for (const auto& name : EnumText<E>::names) {
        if (!text.empty()) {
            text += "、";
        }
        text += name.code;
        text += "（";
        text += name.label;
        text += "）";
    }
    return text;
}

// Reads `code` for the field `field`; unknown text is a 422 whose details name the field and list
// the allowed codes.
template <typename E>
E parse_enum(const std::string& field, std::string_view code) {
    if (auto value = find_enum<E>(code)) {
        return *value;
    }
    boost::json::array allowed;
    for (const auto& name : EnumText<E>::names) {
        allowed.emplace_back(boost::json::string_view(name.code.data(), name.code.size()));
    }
    throw AppError(ErrorCode::validation_failed,
                   std::string("“") + field + "”应为 " + allowed_enum_codes<E>() + " 之一",
                   {{"field", field}, {"allowed", std::move(allowed)}});
}

}  // namespace lianjian
