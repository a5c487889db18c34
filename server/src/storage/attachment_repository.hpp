#pragma once

#include "activities/codes.hpp"
#include "attachments/attachment.hpp"
#include "storage/session.hpp"

#include <optional>
#include <set>
#include <string>
#include <vector>

namespace lianjian::storage {

// Inserts the row (its id and uploaded_at taken from `attachment`, uploader by id); the new id.
long long insert_attachment(Session& session, const attachments::Attachment& attachment,
                            long long uploaded_by_user_id);
std::optional<attachments::Attachment> find_attachment(Session& session, long long attachment_id);
// The activity's attachments not removed, oldest first.
std::vector<attachments::Attachment> activity_attachments(Session& session, long long activity_id);
// Marks it removed; false when it was already.
bool mark_attachment_removed(Session& session, long long attachment_id, const std::string& now);
// Every stored name any row holds, removed ones included (their files are kept: the ledger chain
// may hash them).
std::set<std::string> stored_attachment_names(Session& session);

}  // namespace lianjian::storage
