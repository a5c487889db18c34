#pragma once

#include "audit/audit_log.hpp"

#include <soci/soci.h>

#include <functional>
#include <optional>
#include <string>

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

}  // namespace lianjian::storage
