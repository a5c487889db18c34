#include "storage/ledger_repository.hpp"

#include "storage/binding.hpp"
#include "storage/query.hpp"
#include "storage/row.hpp"

namespace lianjian::storage {

std::vector<ledger::StoredEntry> ledger_entries(Session& session, long long alliance_id) {
    std::vector<ledger::StoredEntry> entries;
    Query(
        "SELECT e.id AS id, e.sequence AS sequence, e.activity_id AS activity_id, a.title AS "
        "title, e.kind AS kind, e.content AS content, e.previous_hash AS previous_hash, "
        "e.entry_hash AS entry_hash FROM ledger_entry e LEFT JOIN activity a ON a.id = "
        "e.activity_id WHERE e.alliance_id = :alliance ORDER BY e.sequence")
        .bind("alliance", alliance_id)
        .for_each_row(session, [&](const soci::row& row) {
            const Columns columns(row);
            ledger::StoredEntry entry;
            entry.id = columns.integer("id");
            entry.sequence = columns.integer("sequence");
            entry.activity_id = columns.integer("activity_id");
            entry.activity_title = columns.optional_text("title").value_or("");
            entry.kind = columns.text("kind");
            entry.content = columns.text("content");
            entry.previous_hash = columns.text("previous_hash");
            entry.entry_hash = columns.text("entry_hash");
            entries.push_back(std::move(entry));
        });
    return entries;
}

std::optional<ChainHead> chain_head(Session& session, long long alliance_id) {
    std::optional<ChainHead> head;
    Query(
        "SELECT sequence, entry_hash FROM ledger_entry WHERE alliance_id = :alliance AND "
        "sequence = (SELECT MAX(x.sequence) FROM ledger_entry x WHERE x.alliance_id = :alliance2)")
        .bind("alliance", alliance_id)
        .bind("alliance2", alliance_id)
        .for_each_row(session, [&](const soci::row& row) {
            head = ChainHead{integer_at(row, 0), text_at(row, 1)};
        });
    return head;
}

long long insert_ledger_entry(Session& session, long long alliance_id, long long sequence,
                              long long activity_id, const std::string& kind,
                              const std::string& reason, const std::string& content,
                              const std::string& previous_hash, const std::string& entry_hash,
                              long long user_id, const std::string& now) {
    long long id = 0;
    const auto user = to_boost(user_id > 0 ? std::optional<long long>(user_id) : std::nullopt);
    session << "INSERT INTO ledger_entry (alliance_id, sequence, activity_id, kind, reason, "
               "content, previous_hash, entry_hash, created_by_user_id, created_at) VALUES "
               "(:alliance, :sequence, :activity, :kind, :reason, :content, :previous, :hash, "
               ":user, :now) RETURNING id",
        soci::use(alliance_id), soci::use(sequence), soci::use(activity_id), soci::use(kind),
        soci::use(reason), soci::use(content), soci::use(previous_hash), soci::use(entry_hash),
        soci::use(user), soci::use(now), soci::into(id);
    return id;
}

std::vector<ActivityEntryRow> activity_entries(Session& session, long long activity_id) {
    std::vector<ActivityEntryRow> rows;
    Query(
        "SELECT e.sequence AS sequence, e.kind AS kind, e.reason AS reason, e.content AS "
        "content, e.entry_hash AS entry_hash, e.previous_hash AS previous_hash, "
        "e.created_by_user_id AS user_id, u.display_name AS user_name, e.created_at AS "
        "created_at FROM ledger_entry e LEFT JOIN app_user u ON u.id = e.created_by_user_id "
        "WHERE e.activity_id = :activity ORDER BY e.sequence")
        .bind("activity", activity_id)
        .for_each_row(session, [&](const soci::row& row) {
            const Columns columns(row);
            ActivityEntryRow entry;
            entry.sequence = columns.integer("sequence");
            entry.kind = columns.text("kind");
            entry.reason = columns.text("reason");
            entry.content = columns.text("content");
            entry.entry_hash = columns.text("entry_hash");
            entry.previous_hash = columns.text("previous_hash");
            if (auto user = columns.optional_integer("user_id")) {
                entry.created_by = NamedRef{*user, columns.optional_text("user_name").value_or("")};
            }
            entry.created_at = columns.text("created_at");
            rows.push_back(std::move(entry));
        });
    return rows;
}

std::vector<NamedRef> all_alliances(Session& session) {
    std::vector<NamedRef> alliances;
    Query("SELECT id, name FROM alliance ORDER BY id")
        .for_each_row(session, [&](const soci::row& row) {
            alliances.push_back({integer_at(row, 0), text_at(row, 1)});
        });
    return alliances;
}

std::vector<NamedRef> archived_without_entry(Session& session, long long alliance_id) {
    std::vector<NamedRef> activities;
    Query(
        "SELECT a.id, a.title FROM activity a WHERE a.alliance_id = :alliance AND a.state = "
        "'archived' AND NOT EXISTS (SELECT 1 FROM ledger_entry e WHERE e.activity_id = a.id AND "
        "e.kind = 'archive') ORDER BY a.id")
        .bind("alliance", alliance_id)
        .for_each_row(session, [&](const soci::row& row) {
            activities.push_back({integer_at(row, 0), text_at(row, 1)});
        });
    return activities;
}

}  // namespace lianjian::storage
