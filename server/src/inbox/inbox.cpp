#include "inbox/inbox.hpp"

#include "core/clock.hpp"
#include "core/error.hpp"
#include "storage/notification_repository.hpp"

#include <set>

namespace lianjian::inbox {

void Notifier::notify(storage::Transaction& transaction, const std::vector<Audience>& audiences,
                      const NotificationDraft& draft) {
    std::set<long long> users;
    for (const auto& audience : audiences) {
        for (auto role : accounts::roles_holding(audience.permission)) {
            for (long long user_id : storage::users_with_role(
                     transaction.session(), accounts::role_name(role), audience.unit_id)) {
                users.insert(user_id);
            }
        }
    }
    const auto now = now_timestamp();
    for (long long user_id : users) {
        storage::insert_notification(transaction.session(), user_id, draft, now);
    }
}

void Notifier::notify_user(storage::Transaction& transaction, long long user_id,
                           const NotificationDraft& draft) {
    storage::insert_notification(transaction.session(), user_id, draft, now_timestamp());
}

long long Notifier::resolve(storage::Transaction& transaction, const std::string& object_type,
                            long long object_id, const std::string& kind,
                            std::optional<long long> unit_id) {
    return storage::resolve_notifications(transaction.session(), object_type, object_id, kind,
                                          unit_id, now_timestamp());
}

NotificationPage InboxService::list(const accounts::Caller& caller, bool unread_only, int page,
                                    int page_size) {
    storage::Connection connection(database_);
    return storage::list_notifications(connection.session(), caller.user_id(), unread_only, page,
                                       page_size);
}

void InboxService::mark_read(const accounts::Caller& caller, long long notification_id) {
    storage::Transaction transaction(database_);
    if (!storage::mark_notification_read(transaction.session(), caller.user_id(), notification_id,
                                         now_timestamp())) {
        throw AppError(ErrorCode::not_found, "通知不存在");
    }
    transaction.commit();
}

void InboxService::mark_all_read(const accounts::Caller& caller) {
    storage::Transaction transaction(database_);
    storage::mark_all_notifications_read(transaction.session(), caller.user_id(), now_timestamp());
    transaction.commit();
}

}  // namespace lianjian::inbox
