#pragma once

#include "inbox/inbox.hpp"

#include "storage/session.hpp"

#include <soci/soci.h>

namespace lianjian::storage {

// Active accounts holding `role`, limited to one unit if given.
std::vector<long long> users_with_role(Session& session, const std::string& role,
                                       std::optional<long long> unit_id);
void insert_notification(Session& session, long long user_id, const inbox::NotificationDraft& draft,
                         const std::string& now);
inbox::NotificationPage list_notifications(Session& session, long long user_id, bool unread_only,
                                           int page, int page_size);
// Returns false when the notification is not the user's.
bool mark_notification_read(Session& session, long long user_id, long long notification_id,
                            const std::string& now);
// Sets `resolved_at` on the unresolved notifications of `kind` about one object, whoever got them.
long long resolve_notifications(Session& session, const std::string& object_type,
                                long long object_id, const std::string& kind,
                                std::optional<long long> unit_id, const std::string& now);
long long mark_all_notifications_read(Session& session, long long user_id, const std::string& now);

}  // namespace lianjian::storage
