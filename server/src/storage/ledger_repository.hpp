#pragma once

#include "core/named_ref.hpp"
#include "ledger/chain.hpp"
#include "storage/session.hpp"

#include <optional>
#include <string>
#include <vector>

namespace lianjian::storage {

// The alliance's chain in sequence order, each entry with its activity's title (one query).
std::vector<ledger::StoredEntry> ledger_entries(Session& session, long long alliance_id);

// The last entry of the alliance's chain: its sequence and hash.
struct ChainHead {
    long long sequence = 0;
    std::string entry_hash;
};
std::optional<ChainHead> chain_head(Session& session, long long alliance_id);

long long insert_ledger_entry(Session& session, long long alliance_id, long long sequence,
                              long long activity_id, const std::string& kind,
                              const std::string& reason, const std::string& content,
                              const std::string& previous_hash, const std::string& entry_hash,
                              long long user_id, const std::string& now);

// One activity's entries, oldest first, with who wrote them.
struct ActivityEntryRow {
    long long sequence = 0;
    std::string kind;
    std::string reason;
    std::string content;
    std::string entry_hash;
    std::string previous_hash;
    std::optional<NamedRef> created_by;
    std::string created_at;
};
std::vector<ActivityEntryRow> activity_entries(Session& session, long long activity_id);

// Every alliance, dissolved ones included, by id.
std::vector<NamedRef> all_alliances(Session& session);

// Archived activities of the alliance without an archive entry (id, title).
std::vector<NamedRef> archived_without_entry(Session& session, long long alliance_id);

}  // namespace lianjian::storage
