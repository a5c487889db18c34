#pragma once

#include "core/named_ref.hpp"
#include "ledger/chain.hpp"
#include "storage/database.hpp"

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace lianjian::ledger {

// One alliance's chain as verification found it.
struct AllianceChain {
    NamedRef alliance;
    ChainCheck check;
};

struct Verification {
    bool intact = true;
    std::vector<AllianceChain> alliances;  // every alliance, by id
};

// An entry to append to an alliance's chain.
struct NewEntry {
    long long alliance_id = 0;
    long long activity_id = 0;
    std::string kind;  // "archive" or "amendment"
    std::string reason;
    std::string content;  // canonical JSON (chain.hpp)
    long long user_id = 0;
};

struct AppendedEntry {
    long long sequence = 0;
    std::string previous_hash;
    std::string entry_hash;
    std::string created_at;
};

// The ledger chains (台账链): appends an entry inside the caller's transaction, and verifies
// every alliance's chain against its content and the archived attachments' files under
// `<data-dir>/attachments/`.
class LedgerService {
  public:
    LedgerService(storage::Database& database, const ChainKey& key,
                  std::optional<std::filesystem::path> data_dir)
        : database_(database), key_(key), data_dir_(std::move(data_dir)) {}

    // Appends after the alliance's last entry; a writer that raced for the same sequence loses
    // on the (alliance, sequence) key and is answered 409.
    AppendedEntry append(storage::Session& session, const NewEntry& entry);

    // One alliance's chain, with archived activities that lack their archive entry named.
    ChainCheck check_alliance(storage::Session& session, long long alliance_id);
    Verification verify();

  private:
    std::optional<std::string> file_hash(const std::string& stored_name) const;

    storage::Database& database_;
    ChainKey key_;
    std::optional<std::filesystem::path> data_dir_;
};

}  // namespace lianjian::ledger
