// Specification: no phone number is ever stored in clear. On SQLite the raw database file (after
// the WAL is folded back into it) does not contain one; on PostgreSQL no column of any member
// row does. Only the sealed number and its keyed hash are there.
#include "members/member_fixture.hpp"

#include "storage/query.hpp"
#include "storage/row.hpp"

#include <iterator>

namespace lianjian::testing {
namespace {

using MemberAtRest = MemberFixture;

std::string file_bytes(const std::filesystem::path& path) {
    std::ifstream file(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>()};
}

// Every member row, each column as text, joined: what a thief of the database would read.
std::vector<std::string> member_rows_as_text(storage::Database& database) {
    std::vector<std::string> rows;
    storage::Connection connection(database);
    storage::Query("SELECT * FROM member")
        .for_each_row(connection.session(), [&](const soci::row& row) {
            std::string text;
            for (std::size_t index = 0; index < row.size(); ++index) {
                text += storage::text_at(row, index) + "|";
            }
            rows.push_back(std::move(text));
        });
    return rows;
}

TEST_F(MemberAtRest, NoPhoneNumberIsStoredInClear) {
    // Given members created one by one and by import (and the demo members),
    const std::string created = "13987654321";
    const std::string imported = "15011112222";
    create("存储测试", unit_id("区审计局"), created);
    const auto import =
        admin.post("/api/v1/members/import",
                   R"({"rows":[{"name":"导入测试","gender":"男",)"
                   R"("unit_name":"区妇联","post":"","phone":")" +
                       imported + R"(","joined_on":"2019-05-04","status":"正式"}]})");
    ASSERT_EQ(import.status, 201) << import.body;
    const std::vector<std::string> numbers = {created, imported, "13800000101", "13800001403"};
    auto& database = server.application().services().database;
    // then no column of any member row holds a number in clear, nor its masked digits in a row,
    const auto rows = member_rows_as_text(database);
    ASSERT_EQ(rows.size(), 14u * 3 + 2);
    for (const auto& row : rows) {
        for (const auto& number : numbers) {
            EXPECT_EQ(row.find(number), std::string::npos) << row;
            EXPECT_EQ(row.find(crypto::mask_phone(number)), std::string::npos) << row;
        }
    }
    if (server.database().dialect() != storage::Dialect::sqlite) {
        return;
    }
    // and on SQLite the file itself, once the write-ahead log is checkpointed into it, has no
    // number anywhere (nor in the audit trail, nor in a leftover journal).
    {
        storage::Connection connection(database);
        connection.session() << "PRAGMA wal_checkpoint(TRUNCATE)";
    }
    std::string raw;
    for (const auto& entry : std::filesystem::directory_iterator(server.database().directory())) {
        if (entry.path().filename().string().starts_with("lianjian.db")) {
            raw += file_bytes(entry.path());
        }
    }
    ASSERT_GT(raw.size(), 4096u);
    ASSERT_NE(raw.find("存储测试"), std::string::npos);  // the scan does see clear text
    for (const auto& number : numbers) {
        EXPECT_EQ(raw.find(number), std::string::npos) << number;
    }
}

TEST_F(MemberAtRest, TheSealedNumberOpensOnlyWithTheServersKey) {
    const long long id = create("密钥测试", unit_id("区审计局"), "13987650000");
    auto& services = server.application().services();
    storage::Connection connection(services.database);
    const auto stored = storage::find_member(connection.session(), id);
    ASSERT_TRUE(stored);
    EXPECT_EQ(services.cipher.open(stored->phone_sealed), "13987650000");
    EXPECT_EQ(stored->phone_hash, services.cipher.search_hash("13987650000"));
    // The key file sits in the data directory, readable by its owner only.
    const auto key_file = server.database().directory() / "secret.key";
    ASSERT_TRUE(std::filesystem::exists(key_file));
    EXPECT_EQ(std::filesystem::status(key_file).permissions() & std::filesystem::perms::all,
              std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
}

}  // namespace
}  // namespace lianjian::testing
