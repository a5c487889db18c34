#pragma once

#include "accounts/caller.hpp"
#include "accounts/permission.hpp"
#include "storage/database.hpp"

#include <optional>
#include <string>
#include <vector>

namespace lianjian::inbox {

// Who should hear of something: every active account holding `permission` (by the permission
// table), limited to the accounts of one unit if given.
struct Audience {
    accounts::Permission permission;
    std::optional<long long> unit_id;
};

struct NotificationDraft {
    std::string kind;  // "application.consult", "application.decided", …
    std::string title;
    std::string link;  // a web route, e.g. "/applications/12"
    std::string object_type;
    std::optional<long long> object_id;  // the id of the object it is about
};

// Writes notifications inside the caller's transaction, so they exist exactly when the change does.
class Notifier {
  public:
    void notify(storage::Transaction& transaction, const std::vector<Audience>& audiences,
                const NotificationDraft& draft);
    void notify_user(storage::Transaction& transaction, long long user_id,
                     const NotificationDraft& draft);
    // Ends the to-do notifications of `kind` about one object for everyone who got them (the
    // work was done, by whomever): they get `resolved_at` and stop counting as unread. With
    // `unit_id`, only those of that unit's accounts (its part of a shared task is done). Returns
    // how many were resolved.
    long long resolve(storage::Transaction& transaction, const std::string& object_type,
                      long long object_id, const std::string& kind,
                      std::optional<long long> unit_id = std::nullopt);
};

struct Notification {
    long long id = 0;
    std::string kind;
    std::string title;
    std::string link;
    std::string object_type;
    std::optional<long long> object_id;
    std::string created_at;
    std::optional<std::string> read_at;
    std::optional<std::string> resolved_at;  // set when the work it asked for was done
};

struct NotificationPage {
    std::vector<Notification> items;
    long long total = 0;
    long long unread = 0;  // neither read nor resolved
};

// The signed-in user's notifications; read state is kept per user.
class InboxService {
  public:
    explicit InboxService(storage::Database& database) : database_(database) {}

    NotificationPage list(const accounts::Caller& caller, bool unread_only, int page,
                          int page_size);
    void mark_read(const accounts::Caller& caller, long long notification_id);
    void mark_all_read(const accounts::Caller& caller);

  private:
    storage::Database& database_;
};

}  // namespace lianjian::inbox
