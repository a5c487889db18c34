#include "core/collation.hpp"

#include <unicode/coll.h>
#include <unicode/locid.h>
#include <unicode/unistr.h>

#include <memory>
#include <stdexcept>
#include <vector>

namespace lianjian {

namespace {

// One collator per thread: ICU collators are cheap to clone and not meant to be shared for
// writing; each request thread keeps its own.
const icu::Collator& chinese_collator() {
    thread_local const std::unique_ptr<icu::Collator> collator = [] {
        UErrorCode status = U_ZERO_ERROR;
        std::unique_ptr<icu::Collator> made(
            icu::Collator::createInstance(icu::Locale("zh"), status));
        if (U_FAILURE(status) || !made) {
            throw std::runtime_error("ICU Chinese collator unavailable");
        }
        return made;
    }();
    return *collator;
}

}  // namespace

std::string name_sort_key(std::string_view name) {
    const auto text = icu::UnicodeString::fromUTF8(
        icu::StringPiece(name.data(), static_cast<int32_t>(name.size())));
    const auto& collator = chinese_collator();
    std::vector<uint8_t> key(64);
    auto length = collator.getSortKey(text, key.data(), static_cast<int32_t>(key.size()));
    if (length > static_cast<int32_t>(key.size())) {
        key.resize(static_cast<std::size_t>(length));
        length = collator.getSortKey(text, key.data(), length);
    }
    static constexpr char digits[] = "0123456789abcdef";
    std::string hex;
    // The key ends with a zero byte, which adds nothing to the order.
    for (int32_t i = 0; i < length && key[static_cast<std::size_t>(i)] != 0; ++i) {
        const auto byte = key[static_cast<std::size_t>(i)];
        hex += digits[byte >> 4];
        hex += digits[byte & 0x0F];
    }
    return hex;
}

}  // namespace lianjian
