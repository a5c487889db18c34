#pragma once

#include "activities/codes.hpp"
#include "core/named_ref.hpp"

#include <optional>
#include <string>

namespace lianjian::attachments {

// A photo or document of an activity, as stored (`attachment` row).
struct Attachment {
    long long id = 0;
    long long activity_id = 0;
    activities::AttachmentKind kind = activities::AttachmentKind::document;
    std::string media_type;
    std::string original_name;
    std::string stored_name;
    long long size_bytes = 0;
    std::string sha256;
    std::optional<int> width;
    std::optional<int> height;
    std::optional<NamedRef> uploaded_by;
    std::string uploaded_at;
    std::optional<std::string> removed_at;
};

}  // namespace lianjian::attachments
