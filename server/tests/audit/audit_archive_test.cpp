// Specification: the auditor's signed archive of a range of dates (one ZIP: audit.xlsx, the chain
// proof proof.json, the Ed25519 signature proof.sig) verifies offline with nothing but its bytes,
// and one changed byte anywhere (in the workbook, in the proof, in the signature, in the ZIP's
// own structure) is refused with a message that says what is wrong.
#include "audit/archive.hpp"
#include "audit/archive_export.hpp"
#include "core/clock.hpp"
#include "core/error.hpp"
#include "storage/migrations.hpp"
#include "support/test_database.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

namespace lianjian::testing {
namespace {

class PinnedTime : public TimeSource {
  public:
    TimePoint now() const override { return at_; }
    void set(const std::string& instant) { at_ = parse_timestamp(instant, "t"); }

  private:
    TimePoint at_ = parse_timestamp("2026-03-01T02:00:00Z", "t");
};

class AuditArchive : public ::testing::Test {
  protected:
    AuditArchive() {
        programme_clock::set_time_source(&time);
        storage::migrate(*database);
        audit.ensure_checkpoint();
        // Given records on 28 February, on 1 and 2 March (Beijing time) and on 3 March,
        for (const char* instant :
             {"2026-02-28T03:00:00Z", "2026-02-28T16:30:00Z", "2026-03-01T10:00:00Z",
              "2026-03-02T15:59:00Z", "2026-03-02T16:00:00Z"}) {
            time.set(instant);
            audit.record_alone({{1, "admin", "127.0.0.1"},
                                "user.create",
                                "user",
                                instant,
                                audit::Outcome::success,
                                "{\"changes\":[]}"});
        }
        time.set("2026-03-05T02:00:00Z");
    }
    ~AuditArchive() override { programme_clock::set_time_source(nullptr); }

    std::string archive(const std::string& from, const std::string& to) {
        return audit::export_archive(*database, audit, signing, from, to,
                                     {7, "auditor", "127.0.0.1"});
    }

    // The byte at `offset` changed to another value.
    static std::string flipped(std::string bytes, std::size_t offset, char to = 0) {
        bytes[offset] = to != 0 ? to : static_cast<char>(bytes[offset] ^ 0x01);
        return bytes;
    }

    PinnedTime time;
    TestDatabase test_database;
    std::unique_ptr<storage::Database> database = test_database.open();
    audit::AuditLog audit{*database, audit::random_chain_key(),
                          test_database.directory() / "audit.checkpoint"};
    crypto::ArchiveSigningKey signing = crypto::archive_signing_key(crypto::Key{1, 2, 3});
};

TEST_F(AuditArchive, GivenARangeOfLocalDates_WhenArchived_ThenItVerifiesOfflineWithItsRecords) {
    // When the auditor archives 1 to 2 March (local dates, both inclusive),
    const auto bytes = archive("2026-03-01", "2026-03-02");
    // then the archive verifies with nothing but its bytes, and with the expected public key,
    const auto check = audit::verify_archive(bytes);
    ASSERT_TRUE(check.ok) << check.problem;
    EXPECT_TRUE(audit::verify_archive(bytes, signing.public_key_hex()).ok);
    // holding the three records of those Beijing days, in chain order,
    EXPECT_EQ(check.count, 3);
    EXPECT_EQ(check.first_seq, 2);
    EXPECT_EQ(check.last_seq, 4);
    EXPECT_EQ(check.from_date, "2026-03-01");
    EXPECT_EQ(check.to_date, "2026-03-02");
    EXPECT_EQ(check.public_key, signing.public_key_hex());
    EXPECT_TRUE(check.chain_verified);
    // and the proof names the hash before the range (record 1's) and the workbook's digest.
    const auto parts = audit::unpack_archive(bytes);
    const auto proof = boost::json::parse(parts.proof).as_object();
    EXPECT_EQ(proof.at("records").as_array().size(), 3u);
    EXPECT_EQ(proof.at("time_zone").as_string(), "Asia/Shanghai");
    EXPECT_EQ(proof.at("xlsx").as_object().at("bytes").as_int64(),
              static_cast<long long>(parts.xlsx.size()));
    EXPECT_EQ(parts.xlsx.substr(0, 2), "PK");
    // The export itself is audited.
    audit::AuditFilter filter;
    filter.action = "audit.archive";
    EXPECT_EQ(audit.list(filter).total, 1);
}

TEST_F(AuditArchive, GivenAnotherSigningKey_WhenVerifiedAgainstIt_ThenRefused) {
    const auto bytes = archive("2026-03-01", "2026-03-02");
    const auto other = crypto::archive_signing_key(crypto::Key{9});
    const auto check = audit::verify_archive(bytes, other.public_key_hex());
    EXPECT_FALSE(check.ok);
    EXPECT_NE(check.problem.find("公钥"), std::string::npos) << check.problem;
}

TEST_F(AuditArchive, GivenOneByteChangedInTheWorkbook_WhenVerified_ThenTheWorkbookIsNamed) {
    const auto bytes = archive("2026-03-01", "2026-03-02");
    const auto parts = audit::unpack_archive(bytes);
    // The entries are stored uncompressed: the workbook's bytes are in the file as they are.
    const auto at = bytes.find(parts.xlsx);
    ASSERT_NE(at, std::string::npos);
    const auto check = audit::verify_archive(flipped(bytes, at + parts.xlsx.size() / 2));
    EXPECT_FALSE(check.ok);
    EXPECT_NE(check.problem.find("audit.xlsx 与链证明不符"), std::string::npos) << check.problem;
}

TEST_F(AuditArchive, GivenOneByteChangedInTheProof_WhenVerified_ThenTheSignatureFails) {
    const auto bytes = archive("2026-03-01", "2026-03-02");
    const auto parts = audit::unpack_archive(bytes);
    const auto at = bytes.find(parts.proof);
    ASSERT_NE(at, std::string::npos);
    // A digit of the first record's hash, changed to another hex digit (the JSON stays valid).
    const auto hash_at = parts.proof.find("\"hash\":\"") + 8;
    const char replacement = parts.proof[hash_at] == 'a' ? 'b' : 'a';
    const auto check = audit::verify_archive(flipped(bytes, at + hash_at, replacement));
    EXPECT_FALSE(check.ok);
    EXPECT_NE(check.problem.find("签名不符"), std::string::npos) << check.problem;
    // A byte that breaks the JSON is refused too.
    const auto broken = audit::verify_archive(flipped(bytes, at, '['));
    EXPECT_FALSE(broken.ok);
    EXPECT_NE(broken.problem.find("proof.json"), std::string::npos) << broken.problem;
}

TEST_F(AuditArchive, GivenOneByteChangedInTheSignature_WhenVerified_ThenTheSignatureFails) {
    const auto bytes = archive("2026-03-01", "2026-03-02");
    const auto parts = audit::unpack_archive(bytes);
    const auto at = bytes.rfind(parts.signature);
    ASSERT_NE(at, std::string::npos);
    const char replacement = parts.signature[10] == '0' ? '1' : '0';
    const auto check = audit::verify_archive(flipped(bytes, at + 10, replacement));
    EXPECT_FALSE(check.ok);
    EXPECT_NE(check.problem.find("签名不符"), std::string::npos) << check.problem;
    const auto malformed = audit::verify_archive(flipped(bytes, at + 10, 'z'));
    EXPECT_FALSE(malformed.ok);
    EXPECT_NE(malformed.problem.find("proof.sig"), std::string::npos) << malformed.problem;
}

TEST_F(AuditArchive, GivenAnyOneByteChanged_WhenVerified_ThenRefused) {
    const auto bytes = archive("2026-03-01", "2026-03-02");
    ASSERT_TRUE(audit::verify_archive(bytes).ok);
    // Every 7th byte of the file, headers and central directory included, one at a time.
    for (std::size_t offset = 0; offset < bytes.size(); offset += 7) {
        const auto check = audit::verify_archive(flipped(bytes, offset));
        EXPECT_FALSE(check.ok) << "byte " << offset << " of " << bytes.size();
        EXPECT_FALSE(check.problem.empty());
    }
    // The last byte (the end of the central directory) too, and a truncated or extended file.
    EXPECT_FALSE(audit::verify_archive(flipped(bytes, bytes.size() - 1)).ok);
    EXPECT_FALSE(audit::verify_archive(bytes.substr(0, bytes.size() - 1)).ok);
    EXPECT_FALSE(audit::verify_archive(bytes + "x").ok);
    EXPECT_FALSE(audit::verify_archive("not a zip").ok);
}

TEST_F(AuditArchive, GivenAForgedProofWithItsOwnKey_WhenVerifiedAgainstTheServersKey_ThenRefused) {
    // Someone re-signs a changed proof with a key of their own: the signature holds, but not
    // with the key the server publishes.
    const auto bytes = archive("2026-03-01", "2026-03-02");
    const auto forger = crypto::archive_signing_key(crypto::Key{42});
    std::vector<audit::AuditEvent> none;
    const auto forged = audit::pack_archive(
        audit::make_archive(none, audit::unpack_archive(bytes).xlsx,
                            {"2026-03-01", "2026-03-02", "x", true, ""}, forger));
    EXPECT_TRUE(audit::verify_archive(forged).ok);
    EXPECT_FALSE(audit::verify_archive(forged, signing.public_key_hex()).ok);
}

TEST_F(AuditArchive, GivenAnEmptyRangeOrReversedDates_WhenArchived_ThenEmptyOrRefused) {
    const auto empty = audit::verify_archive(archive("2025-01-01", "2025-01-31"));
    EXPECT_TRUE(empty.ok) << empty.problem;
    EXPECT_EQ(empty.count, 0);
    EXPECT_THROW(archive("2026-03-02", "2026-03-01"), AppError);
}

}  // namespace
}  // namespace lianjian::testing
