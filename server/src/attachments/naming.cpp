#include "attachments/naming.hpp"

#include "core/text.hpp"

#include <vector>

namespace lianjian::attachments {

namespace {

constexpr std::size_t name_limit = 200;
constexpr const char* fallback_name = "附件";

// The text cut to `limit` code points (whole UTF-8 sequences).
std::string first_characters(std::string_view text, std::size_t limit) {
    std::size_t seen = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80 && seen++ == limit) {
            return std::string(text.substr(0, i));
        }
    }
    return std::string(text);
}

}  // namespace

std::string normalise_original_name(std::string_view name) {
    const auto separator = name.find_last_of("/\\");
    if (separator != std::string_view::npos) {
        name.remove_prefix(separator + 1);
    }
    std::string cleaned;
    for (const char c : name) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte < 0x20 || byte == 0x7F) {
            continue;
        }
        cleaned.push_back(c);
    }
    // Long names keep their extension: the start is cut instead.
    if (text::character_count(cleaned) > name_limit) {
        const auto dot = cleaned.rfind('.');
        std::string extension =
            dot != std::string::npos && cleaned.size() - dot <= 10 ? cleaned.substr(dot) : "";
        cleaned = first_characters(cleaned, name_limit - extension.size()) + extension;
    }
    const text::FieldRule rule{"original_name", "文件名", text::Kind::single_line, name_limit};
    auto normalised = text::normalise(cleaned, rule);
    std::string result = normalised.problem ? std::string() : std::move(normalised.text);
    if (result.empty() || result == "." || result == "..") {
        return fallback_name;
    }
    return result;
}

}  // namespace lianjian::attachments
