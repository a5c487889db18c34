#pragma once

#include "storage/database.hpp"

#include <optional>
#include <string>
#include <vector>

namespace lianjian::audit {

enum class Outcome { success, failure };

// Who did something, from where. A request without a signed-in user (a failed login) has no id.
struct Actor {
    std::optional<long long> user_id;
    std::string username;
    std::string source_ip;
};

struct AuditEntry {
    Actor actor;
    std::string action;       // "auth.login", "user.create", …
    std::string object_type;  // "user", "unit", …
    std::string object_id;
    Outcome outcome = Outcome::success;
    std::string detail;  // short, never a password or a full phone number
};

struct AuditEvent {
    long long id = 0;
    std::string occurred_at;
    std::optional<long long> user_id;
    std::string username;
    std::string source_ip;
    std::string action;
    std::string object_type;
    std::string object_id;
    std::string outcome;
    std::string detail;
    std::string prev_hash;
    std::string hash;
};

struct AuditFilter {
    std::optional<std::string> from;  // inclusive timestamp
    std::optional<std::string> to;    // exclusive timestamp
    std::optional<std::string> username;
    std::optional<std::string> action;  // exact, or a prefix ending in '.' ("user.")
    int page = 1;
    int page_size = 50;
};

struct AuditPage {
    std::vector<AuditEvent> items;
    long long total = 0;
};

struct ChainVerification {
    bool ok = true;
    long long checked = 0;
    std::optional<long long> first_broken_id;
};

// The append-only, hash-chained audit trail. `record` writes inside the caller's transaction,
// so the record and the change it describes commit or roll back together.
class AuditLog {
  public:
    explicit AuditLog(storage::Database& database) : database_(database) {}

    void record(storage::Transaction& transaction, const AuditEntry& entry);
    // For events with no other change to commit with (a failed login): its own transaction.
    void record_alone(const AuditEntry& entry);

    AuditPage list(const AuditFilter& filter);
    ChainVerification verify();

  private:
    storage::Database& database_;
};

// The hash of a record: BLAKE2b-256 over the previous hash and every field, hex-encoded.
std::string chain_hash(const std::string& prev_hash, const AuditEvent& event);

}  // namespace lianjian::audit
