// Specification: a backup carries the attachment files (README "Attachments and exports"):
// `backup --to FILE` writes the database to FILE and the files to FILE.attachments/; a restore
// from FILE brings back the files the data directory lacks.
#include "app/maintenance.hpp"
#include "attachments/attachment_fixture.hpp"

#include <gtest/gtest.h>

namespace lianjian::testing {
namespace {

using namespace attachment_support;

class AttachmentBackup : public AttachmentFixture {};

TEST_F(AttachmentBackup, BackupCarriesTheFilesAndRestoreBringsThemBack) {
    if (dialect_under_test() != storage::Dialect::sqlite) {
        GTEST_SKIP() << "backup covers SQLite; PostgreSQL is backed up with pg_dump";
    }
    // Given an uploaded photo,
    const auto photo = image_bytes(16, 16);
    const auto created = upload(host, activity, photo, "合影.jpg");
    ASSERT_EQ(created.status, 201) << created.body;
    storage::Connection connection(server.application().database());
    std::string stored_name;
    connection.session() << "SELECT stored_name FROM attachment", soci::into(stored_name);
    // when the database is backed up with its files,
    const auto backup_file = data_dir() / "backups" / "lianjian-backup.db";
    app::backup_database(server.application().database(), backup_file);
    const auto copied = app::backup_attachments(data_dir(), backup_file);
    // then the photo (and its thumbnail) are beside the backup, byte for byte,
    EXPECT_EQ(copied, 2U);
    const auto kept = app::attachments_backup_of(backup_file) / stored_name;
    EXPECT_EQ(read_file(kept), photo);
    // and a restore into a data directory without them brings them back.
    const auto elsewhere = data_dir() / "restored-data";
    EXPECT_EQ(app::restore_attachments(backup_file, elsewhere), 2U);
    EXPECT_EQ(read_file(elsewhere / "attachments" / stored_name), photo);
    // A second restore copies nothing more; a second backup to the same file is refused.
    EXPECT_EQ(app::restore_attachments(backup_file, elsewhere), 0U);
    EXPECT_THROW(app::backup_attachments(data_dir(), backup_file), std::runtime_error);
}

}  // namespace
}  // namespace lianjian::testing
