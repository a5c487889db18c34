// Specification: crash safety of attachment files (docs/activities.md "Attachments"). The file
// is in place before its row commits; a failed commit removes the file; whatever a crash leaves
// without a row (and stale uploads in tmp/) is removed by the sweep, and only once it is old
// enough that an upload in progress is never touched.
#include "attachments/attachment_fixture.hpp"

#include <gtest/gtest.h>

#include <fstream>

namespace lianjian::testing {
namespace {

using namespace attachment_support;

class AttachmentSweep : public AttachmentFixture {
  protected:
    attachments::AttachmentService& service() { return services().attachments; }

    accounts::Caller host_caller() {
        storage::Connection connection(server.application().database());
        long long user_id = 0;
        connection.session() << "SELECT id FROM app_user WHERE username = 'gongwei_admin'",
            soci::into(user_id);
        return {{user_id, "gongwei_admin", "127.0.0.1"}, {accounts::Role::unit_admin}, gongwei};
    }

    std::filesystem::path write_upload(const std::string& bytes) {
        std::filesystem::create_directories(temporary_dir());
        const auto path = temporary_dir() / "upload-test.part";
        std::ofstream(path, std::ios::binary) << bytes;
        return path;
    }
};

TEST_F(AttachmentSweep, FailedCommitLeavesNeitherRowNorFile) {
    // Given the commit fails after the file was placed (a fault injected just before it),
    const auto photo = image_bytes(16, 16);
    const auto upload_file = write_upload(photo);
    service().set_before_commit([] { throw std::runtime_error("disk full (injected)"); });
    // when a photo is uploaded, then the upload fails,
    EXPECT_THROW(service().upload(host_caller(), activity,
                                  {upload_file, photo.size(), "a.jpg", std::nullopt}),
                 std::runtime_error);
    service().set_before_commit({});
    // no row (nor audit record) is left, no file is left in attachments/,
    EXPECT_EQ(count("SELECT COUNT(*) FROM attachment"), 0);
    EXPECT_EQ(count("SELECT COUNT(*) FROM audit_event WHERE action = 'attachment.upload'"), 0);
    EXPECT_EQ(file_count(attachments_dir()), 0U);
    // and a sweep finds nothing more to remove.
    const auto swept = service().sweep(std::chrono::seconds(0));
    EXPECT_EQ(swept.orphans, 0);
    // The same upload without the fault succeeds.
    const auto again = write_upload(photo);
    const auto stored =
        service().upload(host_caller(), activity, {again, photo.size(), "a.jpg", std::nullopt});
    EXPECT_TRUE(std::filesystem::exists(attachments_dir() / stored.stored_name));
    EXPECT_EQ(count("SELECT COUNT(*) FROM attachment"), 1);
}

TEST_F(AttachmentSweep, FileWithoutRowIsSweptOnceOldEnough) {
    // Given a file placed by an upload whose row never committed (a crash between the two), and
    // one that has its row,
    const auto kept = upload(host, activity, image_bytes(8, 8), "kept.jpg");
    ASSERT_EQ(kept.status, 201);
    const auto orphan_name = attachments::AttachmentStore::new_stored_name("jpg");
    std::ofstream(attachments_dir() / orphan_name, std::ios::binary) << image_bytes(8, 8);
    std::ofstream(temporary_dir() / "upload-stale.part", std::ios::binary) << "partial";
    // when swept with the hour's grace, then nothing is removed (it may be an upload underway);
    auto swept = service().sweep(std::chrono::hours(1));
    EXPECT_EQ(swept.orphans, 0);
    EXPECT_TRUE(std::filesystem::exists(attachments_dir() / orphan_name));
    // when swept once it is old enough, then the orphan and the stale upload go, and the file
    // with a row (and its thumbnail) stays.
    swept = service().sweep(std::chrono::seconds(0));
    EXPECT_EQ(swept.orphans, 1);
    EXPECT_EQ(swept.temporary, 1);
    EXPECT_FALSE(std::filesystem::exists(attachments_dir() / orphan_name));
    EXPECT_EQ(file_count(attachments_dir()), 2U);
    EXPECT_EQ(file_count(temporary_dir()), 0U);
    const auto content = host.get(attachment_path(kept.json().at("id").as_int64(), "/content"));
    EXPECT_EQ(content.status, 200);
}

}  // namespace
}  // namespace lianjian::testing
