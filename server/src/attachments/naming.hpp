#pragma once

#include <string>
#include <string_view>

namespace lianjian::attachments {

// The name a file had on the uploader's computer, kept only to be shown and offered back on
// download, never to name anything on disk: the part after the last '/' or '\', without control
// characters, trimmed and NFC (core/text.hpp, field "original_name", at most 200 characters:
// longer names are cut, keeping the extension), "附件" when nothing is left.
std::string normalise_original_name(std::string_view name);

}  // namespace lianjian::attachments
