#pragma once

#include "audit/audit_log.hpp"
#include "storage/dialect.hpp"

#include <soci/soci.h>

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace lianjian::storage {

// The newest record of the audit chain: its sequence number and hash.
struct AuditHead {
    long long seq = 0;
    std::string hash;
};

std::optional<AuditHead> audit_head(soci::session& session);
void insert_audit_event(soci::session& session, const audit::AuditEvent& event);
audit::AuditPage list_audit_events(soci::session& session, const audit::AuditFilter& filter);
// Every record in the order it was written (by id).
void for_each_audit_event(soci::session& session,
                          const std::function<void(const audit::AuditEvent&)>& visit);

// Where the audit chain starts after a purge (table audit_anchor, migration 0013): the number
// and hash of the last purged record, how many records that purge removed, the local date it
// purged before, when, and the keyed tag over the number and hash (audit::anchor_tag).
struct AuditAnchorRow {
    long long through_seq = 0;
    std::string hash;
    long long purged_count = 0;
    std::string before_date;
    std::string purged_at;
    std::string tag;
};

// The anchor of the latest purge (the highest `through_seq`), if any purge happened.
std::optional<AuditAnchorRow> latest_audit_anchor(soci::session& session);
void insert_audit_anchor(soci::session& session, const AuditAnchorRow& anchor);
// The last record written before `timestamp` (stored UTC form), in chain order.
std::optional<audit::AuditEvent> last_audit_event_before(soci::session& session,
                                                         const std::string& timestamp);
// Removes the records numbered up to `through_seq`, with the append-only triggers set aside for
// this statement only, inside the caller's transaction: SQLite drops and re-creates the delete
// trigger; PostgreSQL disables and re-enables the trigger, which only the table's owner may do.
// Returns the number of records removed.
long long delete_audit_events_through(soci::session& session, Dialect dialect,
                                      long long through_seq);
// The records written in [from, to) (stored UTC timestamps), in chain order: every record
// from the first to the last of them by number, so that the range is one piece of the chain.
std::vector<audit::AuditEvent> audit_events_between(soci::session& session, const std::string& from,
                                                    const std::string& to);

}  // namespace lianjian::storage
