#pragma once

#include "audit/audit_log.hpp"
#include "crypto/archive_signing.hpp"

#include <optional>
#include <string>
#include <vector>

namespace lianjian::audit {

// The signed audit archive an auditor takes away (docs/architecture.md, "Signed archive"): one
// ZIP file with three entries, stored uncompressed in this order:
//   audit.xlsx  the records of the range (exports::audit_xlsx);
//   proof.json  the chain proof: format, range (local dates, inclusive) and time zone, each
//               record's number, previous hash and hash, the hash before the range, the count,
//               the head, the SHA-256 and size of audit.xlsx, the server's own verification of
//               the whole chain at export time, and the Ed25519 public key;
//   proof.sig   the Ed25519 signature (crypto_sign_detached) of proof.json's bytes, hex, "\n".
// The ZIP itself is canonical (fixed dates, no extra fields): verification re-packs the three
// entries and requires the same bytes, so a changed byte anywhere in the file is caught.
inline constexpr const char* archive_format = "lianjian-audit-archive-1";

struct ArchiveParts {
    std::string xlsx;
    std::string proof;
    std::string signature;
};

// What the archive covers besides its records.
struct ArchiveMeta {
    std::string from_date;  // local dates, both inclusive
    std::string to_date;
    std::string generated_by;
    bool chain_verified = false;  // `AuditLog::verify` over the whole chain at export time
    std::string chain_problem;
};

// The parts of an archive over `events` (contiguous in chain order), `xlsx` their workbook,
// signed with `key`.
ArchiveParts make_archive(const std::vector<AuditEvent>& events, std::string xlsx,
                          const ArchiveMeta& meta, const crypto::ArchiveSigningKey& key);

// The canonical ZIP of the parts, and back. `unpack_archive` throws std::runtime_error (Chinese
// and English message) when the bytes are not such a ZIP with exactly those three entries.
std::string pack_archive(const ArchiveParts& parts);
ArchiveParts unpack_archive(const std::string& bytes);

struct ArchiveCheck {
    bool ok = false;
    std::string problem;  // empty when ok; what is wrong, in Chinese then English
    long long count = 0;
    long long first_seq = 0;
    long long last_seq = 0;
    std::string from_date;
    std::string to_date;
    std::string public_key;  // hex, as the proof names it
    bool chain_verified = false;
};

// Checks an archive offline, without the database or any secret: the ZIP is canonical, the
// signature of proof.json verifies with the public key it names (or with `expected_public_key`,
// hex, when given, which must be the same), audit.xlsx has the SHA-256 the proof gives, and the
// proof's records form one chain (numbers without gap, each previous hash the hash before it,
// the first's the hash before the range, the count and the head as stated).
ArchiveCheck verify_archive(const std::string& bytes,
                            const std::optional<std::string>& expected_public_key = std::nullopt);

}  // namespace lianjian::audit
