#pragma once

#include "audit/audit_log.hpp"

#include <string>

namespace lianjian::audit {

// GB/T 22239-2019 level 3 asks that audit records be kept at least six months: 180 days, the
// floor of the configurable retention (`--audit-retention-days`), never shorter.
inline constexpr int minimum_retention_days = 180;

// Throws AppError(validation_failed, field "audit_retention_days") with a Chinese and English
// message when `days` is below minimum_retention_days.
void check_retention_days(int days);

// The first local date ("YYYY-MM-DD") the retention still keeps: `today` less `days` days.
// Records of that day and later may not be purged.
std::string retention_start(const std::string& today, int days);

// The keyed tag of a purge anchor (BLAKE2b-256 keyed with the chain key over "anchor", the
// number and the hash of the last purged record), hex-encoded: a forged or altered anchor does
// not carry the tag the key gives.
std::string anchor_tag(const ChainKey& key, long long through_seq, const std::string& hash);

struct PurgeResult {
    long long purged = 0;       // records removed
    long long through_seq = 0;  // the last removed record's number (the anchor)
    std::string hash;           // and its hash
};

// Removes the audit records written before the local day `before_date` ("YYYY-MM-DD", the
// deployment's time zone) when that day is not inside the retention window (today less
// `retention_days`, itself at least minimum_retention_days), in one transaction: the anchor
// (number and hash of the last removed record, tagged with `key`) is stored, the records are
// deleted, and an "audit.purge" record is written. A date inside the window is refused
// (AppError validation_failed, Chinese and English) and the refusal is audited as a failure.
// Nothing to purge writes no anchor and returns purged = 0. On PostgreSQL the purge needs the
// table owner's role (it disables the append-only trigger for its own statement).
PurgeResult purge_before(storage::Database& database, AuditLog& audit, const ChainKey& key,
                         const std::string& before_date, int retention_days, const Actor& actor);

}  // namespace lianjian::audit
