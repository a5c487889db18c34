#include "audit/audit_log.hpp"

#include "audit/retention.hpp"
#include "core/clock.hpp"
#include "storage/audit_repository.hpp"

#include <sodium.h>
#include <spdlog/spdlog.h>

#include <fcntl.h>
#include <unistd.h>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace lianjian::audit {

namespace {

constexpr const char* genesis_hash =
    "0000000000000000000000000000000000000000000000000000000000000000";
constexpr const char* checkpoint_magic = "lianjian-audit-checkpoint";

void append_field(crypto_generichash_state& state, const std::string& field) {
    // Length-prefixed, so that moving text between two fields changes the hash.
    const auto length = std::to_string(field.size()) + ":";
    crypto_generichash_update(&state, reinterpret_cast<const unsigned char*>(length.data()),
                              length.size());
    crypto_generichash_update(&state, reinterpret_cast<const unsigned char*>(field.data()),
                              field.size());
}

void append_event(crypto_generichash_state& state, const AuditEvent& event) {
    append_field(state, event.occurred_at);
    append_field(state, event.user_id ? std::to_string(*event.user_id) : "");
    append_field(state, event.username);
    append_field(state, event.source_ip);
    append_field(state, event.action);
    append_field(state, event.object_type);
    append_field(state, event.object_id);
    append_field(state, event.outcome);
    append_field(state, event.detail);
}

std::string final_hex(crypto_generichash_state& state) {
    unsigned char digest[crypto_generichash_BYTES];
    crypto_generichash_final(&state, digest, sizeof digest);
    char hex[crypto_generichash_BYTES * 2 + 1];
    sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
    return hex;
}

const char* outcome_name(Outcome outcome) {
    return outcome == Outcome::success ? "success" : "failure";
}

std::string checkpoint_body(const Checkpoint& checkpoint) {
    return std::string(checkpoint_magic) + " 1 " + std::to_string(checkpoint.legacy_count) + " " +
           checkpoint.legacy_head + " " + std::to_string(checkpoint.count) + " " + checkpoint.head;
}

std::string checkpoint_tag(const ChainKey& key, const std::string& body) {
    crypto_generichash_state state;
    crypto_generichash_init(&state, key.data(), key.size(), crypto_generichash_BYTES);
    append_field(state, "checkpoint");
    append_field(state, body);
    return final_hex(state);
}

}  // namespace

ChainKey random_chain_key() {
    ChainKey key{};
    randombytes_buf(key.data(), key.size());
    return key;
}

std::string chain_hash(const ChainKey& key, const std::string& prev_hash, const AuditEvent& event) {
    crypto_generichash_state state;
    crypto_generichash_init(&state, key.data(), key.size(), crypto_generichash_BYTES);
    append_field(state, prev_hash);
    append_field(state, std::to_string(event.seq));
    append_event(state, event);
    return final_hex(state);
}

std::string legacy_chain_hash(const std::string& prev_hash, const AuditEvent& event) {
    crypto_generichash_state state;
    crypto_generichash_init(&state, nullptr, 0, crypto_generichash_BYTES);
    append_field(state, prev_hash);
    append_event(state, event);
    return final_hex(state);
}

std::optional<Checkpoint> read_checkpoint(const std::filesystem::path& path, const ChainKey& key) {
    std::ifstream file(path);
    if (!file) {
        return std::nullopt;
    }
    std::string line;
    std::getline(file, line);
    const auto space = line.rfind(' ');
    std::istringstream fields(line);
    std::string magic, version;
    Checkpoint checkpoint;
    fields >> magic >> version >> checkpoint.legacy_count >> checkpoint.legacy_head >>
        checkpoint.count >> checkpoint.head;
    if (!fields || magic != checkpoint_magic || version != "1" || space == std::string::npos) {
        throw std::runtime_error("audit checkpoint " + path.string() + " is malformed");
    }
    const auto body = line.substr(0, space);
    const auto tag = line.substr(space + 1);
    if (body != checkpoint_body(checkpoint) || tag.size() != 64 ||
        sodium_memcmp(tag.data(), checkpoint_tag(key, body).data(), tag.size()) != 0) {
        throw std::runtime_error("audit checkpoint " + path.string() +
                                 " was not written with this key or was altered");
    }
    return checkpoint;
}

void write_checkpoint(const std::filesystem::path& path, const ChainKey& key,
                      const Checkpoint& checkpoint) {
    const auto body = checkpoint_body(checkpoint);
    const auto text = body + " " + checkpoint_tag(key, body) + "\n";
    const auto staging = path.string() + ".new";
    const int descriptor = ::open(staging.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (descriptor < 0) {
        throw std::runtime_error("cannot write " + staging);
    }
    const bool written =
        ::write(descriptor, text.data(), text.size()) == static_cast<ssize_t>(text.size()) &&
        ::fsync(descriptor) == 0;
    ::close(descriptor);
    if (!written) {
        throw std::runtime_error("cannot write " + staging);
    }
    std::filesystem::rename(staging, path);
}

AuditLog::AuditLog(storage::Database& database, ChainKey key,
                   std::optional<std::filesystem::path> checkpoint_path)
    : database_(database), key_(key), checkpoint_path_(std::move(checkpoint_path)) {}

void AuditLog::record(storage::Transaction& transaction, const AuditEntry& entry) {
    auto& session = transaction.session();
    transaction.serialize(storage::WriterTopic::audit_chain);
    const auto head = storage::audit_head(session);
    AuditEvent event;
    event.occurred_at = now_timestamp();
    event.user_id = entry.actor.user_id;
    event.username = entry.actor.username;
    event.source_ip = entry.actor.source_ip;
    event.action = entry.action;
    event.object_type = entry.object_type;
    event.object_id = entry.object_id;
    event.outcome = outcome_name(entry.outcome);
    event.detail = entry.detail;
    event.prev_hash = head ? head->hash : genesis_hash;
    event.seq = head ? head->seq + 1 : 1;
    event.hash = chain_hash(key_, event.prev_hash, event);
    storage::insert_audit_event(session, event);
    if (checkpoint_path_) {
        transaction.after_commit(
            [this, seq = event.seq, hash = event.hash] { advance_checkpoint(seq, hash); });
    }
}

void AuditLog::record_alone(const AuditEntry& entry) {
    storage::Transaction transaction(database_);
    record(transaction, entry);
    transaction.commit();
}

AuditPage AuditLog::list(const AuditFilter& filter) {
    storage::Connection connection(database_);
    return storage::list_audit_events(connection.session(), filter);
}

void AuditLog::advance_checkpoint(long long seq, const std::string& hash) {
    std::lock_guard lock(checkpoint_mutex_);
    // Only forward, and only from a checkpoint this process read or wrote: a checkpoint that
    // did not verify is left as it is, as evidence.
    if (!checkpoint_ || seq <= checkpoint_->count) {
        return;
    }
    Checkpoint next = *checkpoint_;
    next.count = seq;
    next.head = hash;
    try {
        write_checkpoint(*checkpoint_path_, key_, next);
        checkpoint_ = next;
    } catch (const std::exception& error) {
        spdlog::error("audit checkpoint not advanced: {}", error.what());
    }
}

ChainVerification AuditLog::walk(const std::optional<Checkpoint>& checkpoint, bool legacy_allowed,
                                 Checkpoint& reached) {
    storage::Connection connection(database_);
    ChainVerification result;
    std::string expected_prev = genesis_hash;
    bool in_legacy = legacy_allowed;  // without a checkpoint: until the first keyed record
    reached = {0, genesis_hash, 0, genesis_hash};
    // After a purge the chain starts at the anchor: the last purged record's number and hash,
    // which must carry the tag only the key gives.
    long long base = 0;
    if (const auto anchor = storage::latest_audit_anchor(connection.session())) {
        if (anchor->tag.size() != 64 ||
            sodium_memcmp(anchor->tag.data(),
                          anchor_tag(key_, anchor->through_seq, anchor->hash).data(), 64) != 0) {
            result.ok = false;
            result.problem = "清除记录留下的锚点（第 " + std::to_string(anchor->through_seq) +
                             " 号记录）被伪造或改动";
            return result;
        }
        base = anchor->through_seq;
        expected_prev = anchor->hash;
        if (!checkpoint || checkpoint->legacy_count >= base) {
            reached.legacy_count = base;  // the purged prefix counts as verified
            reached.legacy_head = anchor->hash;
        }
    }
    storage::for_each_audit_event(connection.session(), [&](const AuditEvent& event) {
        if (!result.ok) {
            return;
        }
        const long long index = base + result.checked + 1;
        const bool legacy = checkpoint ? index <= checkpoint->legacy_count : in_legacy;
        bool sound = event.seq == index && event.prev_hash == expected_prev;
        if (sound && legacy) {
            if (legacy_chain_hash(event.prev_hash, event) == event.hash) {
                reached.legacy_count = index;
                reached.legacy_head = event.hash;
            } else if (!checkpoint && chain_hash(key_, event.prev_hash, event) == event.hash) {
                in_legacy = false;
            } else {
                sound = false;
            }
        } else if (sound) {
            sound = chain_hash(key_, event.prev_hash, event) == event.hash;
        }
        if (sound && checkpoint) {
            if (index == checkpoint->legacy_count && event.hash != checkpoint->legacy_head) {
                sound = false;
            }
            if (index == checkpoint->count && event.hash != checkpoint->head) {
                sound = false;
            }
        }
        if (!sound) {
            result.ok = false;
            result.first_broken_id = event.id;
            result.problem = "第 " + std::to_string(event.id) + " 号记录不是原样写入的记录";
            return;
        }
        ++result.checked;
        expected_prev = event.hash;
    });
    if (!result.ok) {
        return result;
    }
    reached.count = base + result.checked;
    reached.head = expected_prev;
    if (checkpoint && reached.count < checkpoint->count) {
        result.ok = false;
        result.missing = checkpoint->count - reached.count;
        result.problem = "缺少 " + std::to_string(result.missing) + " 条记录（检查点记到第 " +
                         std::to_string(checkpoint->count) + " 号，数据库只到第 " +
                         std::to_string(reached.count) + " 号）";
    }
    return result;
}

ChainVerification AuditLog::verify() {
    std::optional<Checkpoint> checkpoint;
    if (checkpoint_path_) {
        try {
            checkpoint = read_checkpoint(*checkpoint_path_, key_);
        } catch (const std::exception&) {
            ChainVerification result;
            result.ok = false;
            result.problem = "检查点文件 " + checkpoint_path_->string() + " 被改动或不是本密钥所写";
            return result;
        }
        if (!checkpoint) {
            ChainVerification result;
            result.ok = false;
            result.problem = "检查点文件 " + checkpoint_path_->string() +
                             " 缺失：请从备份中恢复它，无法判断记录是否被截断";
            return result;
        }
    }
    Checkpoint reached;
    return walk(checkpoint, false, reached);
}

void AuditLog::anchor_checkpoint() {
    if (!checkpoint_path_) {
        return;
    }
    Checkpoint reached;
    const auto result = walk(std::nullopt, true, reached);
    if (!result.ok) {
        throw std::runtime_error("the audit chain does not verify (" + result.problem +
                                 "); no checkpoint written");
    }
    std::lock_guard lock(checkpoint_mutex_);
    write_checkpoint(*checkpoint_path_, key_, reached);
    checkpoint_ = reached;
}

void AuditLog::ensure_checkpoint() {
    if (!checkpoint_path_) {
        return;
    }
    {
        std::lock_guard lock(checkpoint_mutex_);
        try {
            checkpoint_ = read_checkpoint(*checkpoint_path_, key_);
        } catch (const std::exception& error) {
            spdlog::error("{}; `lianjian audit verify` reports it and it is left as it is",
                          error.what());
            return;
        }
        if (checkpoint_) {
            return;
        }
    }
    // No checkpoint yet: anchor one only over a chain with no keyed record (a new database, or
    // a chain from before the key), re-keying from here on. A keyed chain whose checkpoint has
    // gone is not silently re-anchored: the truncation it might hide is reported by verify.
    Checkpoint reached;
    const auto result = walk(std::nullopt, true, reached);
    if (!result.ok || reached.legacy_count != reached.count) {
        spdlog::error("audit checkpoint {} is missing; restore it from the backup",
                      checkpoint_path_->string());
        return;
    }
    if (reached.count > 0) {
        spdlog::info("audit chain: {} unkeyed records verified; the chain is keyed from here on",
                     reached.count);
    }
    std::lock_guard lock(checkpoint_mutex_);
    write_checkpoint(*checkpoint_path_, key_, reached);
    checkpoint_ = reached;
}

}  // namespace lianjian::audit
