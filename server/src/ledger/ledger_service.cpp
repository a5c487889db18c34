#include "ledger/ledger.hpp"

#include "core/clock.hpp"
#include "storage/ledger_repository.hpp"

namespace lianjian::ledger {

AppendedEntry LedgerService::append(storage::Session& session, const NewEntry& entry) {
    const auto head = storage::chain_head(session, entry.alliance_id);
    AppendedEntry appended;
    appended.sequence = head ? head->sequence + 1 : 1;
    appended.previous_hash = head ? head->entry_hash : std::string();
    appended.entry_hash = entry_hash(key_, appended.previous_hash, entry.content);
    appended.created_at = now_timestamp();
    storage::insert_ledger_entry(session, entry.alliance_id, appended.sequence, entry.activity_id,
                                 entry.kind, entry.reason, entry.content, appended.previous_hash,
                                 appended.entry_hash, entry.user_id, appended.created_at);
    return appended;
}

std::optional<std::string> LedgerService::file_hash(const std::string& stored_name) const {
    // A stored name is a plain file name; anything that could leave the directory is refused.
    if (!data_dir_ || stored_name.empty() || stored_name.find('/') != std::string::npos ||
        stored_name.find('\\') != std::string::npos || stored_name == "." || stored_name == "..") {
        return std::nullopt;
    }
    return sha256_of_file(*data_dir_ / "attachments" / stored_name);
}

ChainCheck LedgerService::check_alliance(storage::Session& session, long long alliance_id) {
    auto check = verify_chain(key_, storage::ledger_entries(session, alliance_id),
                              [this](const std::string& name) { return file_hash(name); });
    if (check.intact()) {
        // The last entry removed leaves no gap: its archived activity has no entry any more.
        const auto orphans = storage::archived_without_entry(session, alliance_id);
        if (!orphans.empty()) {
            check.broken = Broken{check.entries + 1, orphans.front().id, orphans.front().name,
                                  BreakReason::archive_missing, ""};
        }
    }
    return check;
}

Verification LedgerService::verify() {
    storage::Connection connection(database_);
    auto& session = connection.session();
    Verification verification;
    for (const auto& alliance : storage::all_alliances(session)) {
        auto check = check_alliance(session, alliance.id);
        verification.intact = verification.intact && check.intact();
        verification.alliances.push_back({alliance, std::move(check)});
    }
    return verification;
}

}  // namespace lianjian::ledger
