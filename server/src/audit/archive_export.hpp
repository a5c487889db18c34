#pragma once

#include "audit/archive.hpp"
#include "audit/audit_log.hpp"
#include "crypto/archive_signing.hpp"
#include "storage/database.hpp"

#include <string>

namespace lianjian::audit {

// The signed archive (audit/archive.hpp) of the records written on the local dates `from_date`
// to `to_date` ("YYYY-MM-DD", both inclusive, the deployment's time zone through core/clock), as
// the bytes of its ZIP file. The whole chain is verified first and the result goes into the
// proof. The export is audited ("audit.archive", with the range and the count). Throws
// AppError(validation_failed) when `from_date` is after `to_date`.
std::string export_archive(storage::Database& database, AuditLog& audit,
                           const crypto::ArchiveSigningKey& key, const std::string& from_date,
                           const std::string& to_date, const Actor& actor);

// The download name of an archive: "审计归档_<from>_<to>.zip".
std::string archive_filename(const std::string& from_date, const std::string& to_date);

}  // namespace lianjian::audit
