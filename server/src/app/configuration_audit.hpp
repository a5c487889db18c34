#pragma once

#include "app/application.hpp"

#include <boost/json/object.hpp>

namespace lianjian::app {

// The server's effective configuration as it is audited: every setting of `config` that changes
// behaviour (limits, policies, time zone, the database's place without its credentials) and the
// audit retention in days, never a secret. Durations in seconds, sizes in bytes.
boost::json::object effective_configuration(const Config& config, int audit_retention_days);

// Writes a "system.config" audit record (object "system") when `current` differs from the
// configuration of the last such record, or when there is none: its detail is
// {"configuration": current, "changes": [{"field","old","new"}…]} (the structured changes every
// data change uses; on the first record every setting is a change from null). Returns whether a
// record was written.
bool record_configuration(storage::Database& database, audit::AuditLog& audit,
                          const boost::json::object& current);

}  // namespace lianjian::app
