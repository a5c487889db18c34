#pragma once

#include "storage/database.hpp"

#include <array>
#include <filesystem>
#include <mutex>
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
    long long seq = 0;  // 1, 2, 3 … in chain order, with no gap
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

// The secret the chain is keyed with, never stored in the database: derived from the master key
// (secret.key or LIANJIAN_SECRET_KEY), so it is kept and backed up with it.
using ChainKey = std::array<unsigned char, 32>;
ChainKey random_chain_key();

// The last record the chain had when the checkpoint was written, and where the chain became
// keyed: records 1 … legacy_count were written before the chain had a key and are checked by
// their unkeyed hash, which must end in `legacy_head`. Kept outside the database, in the data
// directory, and authenticated with the chain key.
struct Checkpoint {
    long long legacy_count = 0;
    std::string legacy_head;
    long long count = 0;
    std::string head;
};

struct ChainVerification {
    bool ok = true;
    long long checked = 0;
    std::optional<long long> first_broken_id;  // the first record that is not what was written
    long long missing = 0;                     // records the checkpoint counts and the table lacks
    std::string problem;                       // empty when ok; otherwise what is wrong, in Chinese
};

// The append-only, keyed hash chain of the audit trail. `record` writes inside the caller's
// transaction, so the record and the change it describes commit or roll back together; after
// the commit the checkpoint file is brought up to the new head.
class AuditLog {
  public:
    // Without a checkpoint path (unit tests) no checkpoint is kept and truncation of the tail
    // cannot be detected; the server always passes one.
    explicit AuditLog(storage::Database& database, ChainKey key = random_chain_key(),
                      std::optional<std::filesystem::path> checkpoint_path = std::nullopt);

    void record(storage::Transaction& transaction, const AuditEntry& entry);
    // For events with no other change to commit with (a failed login): its own transaction.
    void record_alone(const AuditEntry& entry);

    AuditPage list(const AuditFilter& filter);
    // Checks every record against the key and the checkpoint: a rewritten or forged record
    // breaks the chain at that record; a truncated or emptied table falls short of the count.
    ChainVerification verify();
    // Brings the checkpoint to the current head after checking the chain without it: at start
    // when there is no checkpoint yet (a new data directory, or a chain written before it had a
    // key: its unkeyed records become the legacy prefix) and after a restore. Throws when the
    // chain does not verify.
    void anchor_checkpoint();
    // Writes a checkpoint when none exists (see anchor_checkpoint).
    void ensure_checkpoint();

  private:
    void advance_checkpoint(long long seq, const std::string& hash);
    ChainVerification walk(const std::optional<Checkpoint>& checkpoint, bool legacy_allowed,
                           Checkpoint& reached);

    storage::Database& database_;
    ChainKey key_;
    std::optional<std::filesystem::path> checkpoint_path_;
    std::mutex checkpoint_mutex_;
    std::optional<Checkpoint> checkpoint_;  // as last read or written
};

// The keyed hash of a record: BLAKE2b-256 keyed with the chain key over the previous hash, the
// sequence number and every field, hex-encoded.
std::string chain_hash(const ChainKey& key, const std::string& prev_hash, const AuditEvent& event);
// The unkeyed hash records had before the chain was keyed (legacy prefix only).
std::string legacy_chain_hash(const std::string& prev_hash, const AuditEvent& event);

// The checkpoint file: reading returns nothing when absent and throws when it is not one this
// key wrote; writing replaces the file atomically (written, synced, renamed).
std::optional<Checkpoint> read_checkpoint(const std::filesystem::path& path, const ChainKey& key);
void write_checkpoint(const std::filesystem::path& path, const ChainKey& key,
                      const Checkpoint& checkpoint);

}  // namespace lianjian::audit
