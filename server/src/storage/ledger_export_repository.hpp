#pragma once

#include "core/named_ref.hpp"
#include "storage/session.hpp"

#include <optional>
#include <string>
#include <vector>

namespace lianjian::storage {

// An activity as its 台账 prints it: codes as stored (the export turns them into Chinese).
struct LedgerPart {
    NamedRef unit;
    std::string content;
    std::string outcomes;
};

struct LedgerAttendanceRow {
    NamedRef member;
    NamedRef unit;
    std::optional<std::string> status;  // present | leave | absent, or none recorded yet
};

struct LedgerPhoto {
    std::string stored_name;
    std::string original_name;
};

struct LedgerActivity {
    long long id = 0;
    NamedRef alliance;
    int year = 0;
    std::string linkage;
    std::string kind;
    std::string title;
    std::string theme;
    std::string content;
    std::string outcomes;
    std::string minutes;
    std::string place;
    std::string starts_at;
    std::string ends_at;
    NamedRef host_unit;
    std::string state;
    std::vector<NamedRef> participating_units;  // by name
    std::vector<LedgerPart> parts;
    std::vector<LedgerAttendanceRow> attendance;  // by unit name, then member name
    std::vector<LedgerPhoto> photos;              // not removed, in upload order
    int document_count = 0;                       // other attachments, not removed
};

// The activity with its units, parts, attendance and photos (five statements), or nothing.
std::optional<LedgerActivity> find_ledger_activity(Session& session, long long activity_id);
// The ids of an alliance's activities in a (local) year, not cancelled, by starts_at.
std::vector<long long> ledger_activity_ids(Session& session, long long alliance_id, int year);
std::optional<NamedRef> find_alliance_name(Session& session, long long alliance_id);

}  // namespace lianjian::storage
