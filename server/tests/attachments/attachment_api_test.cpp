// Specification: attachments of an activity (docs/activities.md "Attachments"): uploaded by the
// host unit's admin as raw bytes, typed from the bytes, stored under a name the server makes,
// served with a safe Content-Disposition, thumbnails upright, soft removal until the ledger is
// submitted, every write audited, and nothing readable outside the alliance.
#include "attachments/attachment_fixture.hpp"

#include <gtest/gtest.h>

namespace lianjian::testing {
namespace {

using namespace attachment_support;

class AttachmentApi : public AttachmentFixture {};

TEST_F(AttachmentApi, HostUploadsAPhotoAndEveryoneInTheAllianceReadsIt) {
    // Given the host's admin, when a JPEG is uploaded under a Chinese name,
    const auto photo = image_bytes(64, 32);
    const auto created = upload(host, activity, photo, "重温誓词 合影.jpg");
    ASSERT_EQ(created.status, 201) << created.body;
    const auto json = created.json();
    // then it is a photo typed from its bytes, with its size, hash and dimensions,
    EXPECT_EQ(json.at("kind").as_string(), "photo");
    EXPECT_EQ(json.at("media_type").as_string(), "image/jpeg");
    EXPECT_EQ(json.at("original_name").as_string(), "重温誓词 合影.jpg");
    EXPECT_EQ(json.at("size_bytes").as_int64(), static_cast<long long>(photo.size()));
    EXPECT_EQ(json.at("sha256").as_string().size(), 64U);
    EXPECT_EQ(json.at("width").as_int64(), 64);
    EXPECT_EQ(json.at("height").as_int64(), 32);
    EXPECT_EQ(json.at("uploaded_by").at("name").as_string().empty(), false);
    const auto id = json.at("id").as_int64();
    // and a participating unit's admin lists and downloads the same bytes, offered under the
    // original name (RFC 5987) with the sniffed type and nosniff.
    const auto list =
        participant.get("/api/v1/activities/" + std::to_string(activity) + "/attachments");
    ASSERT_EQ(list.status, 200) << list.body;
    ASSERT_EQ(list.json().at("items").as_array().size(), 1U);
    const auto content = participant.get(attachment_path(id, "/content"));
    ASSERT_EQ(content.status, 200) << content.body;
    EXPECT_EQ(content.body, photo);
    EXPECT_EQ(content.headers.at("content-type"), "image/jpeg");
    EXPECT_EQ(content.headers.at("x-content-type-options"), "nosniff");
    EXPECT_NE(
        content.headers.at("content-disposition")
            .find("filename*=UTF-8''%E9%87%8D%E6%B8%A9%E8%AA%93%E8%AF%8D%20%E5%90%88%E5%BD%B1.jpg"),
        std::string::npos)
        << content.headers.at("content-disposition");
    EXPECT_NE(content.headers.at("content-disposition").find("attachment; filename=\""),
              std::string::npos);
    // The upload is in the audit trail.
    EXPECT_EQ(count("SELECT COUNT(*) FROM audit_event WHERE action = 'attachment.upload' AND "
                    "object_id = '" +
                    std::to_string(id) + "'"),
              1);
}

TEST_F(AttachmentApi, DocumentsAreTypedFromTheirBytes) {
    const std::vector<std::pair<std::string, std::string>> files = {
        {"会议纪要.pdf", pdf_bytes()}, {"方案.docx", docx_bytes()}, {"名单.xlsx", xlsx_bytes()}};
    for (const auto& [name, bytes] : files) {
        const auto created = upload(host, activity, bytes, name);
        ASSERT_EQ(created.status, 201) << name << created.body;
        EXPECT_EQ(created.json().at("kind").as_string(), "document");
        EXPECT_TRUE(created.json().at("thumbnail_url").is_null());
    }
    const auto minutes = upload(host, activity, pdf_bytes(), "纪要.pdf", "minutes");
    ASSERT_EQ(minutes.status, 201) << minutes.body;
    EXPECT_EQ(minutes.json().at("kind").as_string(), "minutes");
}

TEST_F(AttachmentApi, HtmlRenamedJpgIsRefusedAndLeavesNoFile) {
    // Given an HTML page named .jpg, when uploaded, then 415 unsupported_type and no file is kept.
    const auto refused =
        upload(host, activity, "<html><script>alert(1)</script></html>", "photo.jpg");
    EXPECT_EQ(refused.status, 415) << refused.body;
    EXPECT_EQ(refused.json().at("error").at("details").at("reason").as_string(),
              "unsupported_type");
    EXPECT_EQ(file_count(attachments_dir()), 0U);
    EXPECT_EQ(file_count(temporary_dir()), 0U);
    EXPECT_EQ(count("SELECT COUNT(*) FROM attachment"), 0);
    // An empty body is refused the same way.
    EXPECT_EQ(upload(host, activity, "", "empty.jpg").status, 415);
}

TEST_F(AttachmentApi, FilenamesNeverEscapeTheAttachmentDirectory) {
    for (const std::string name : {"../../etc/passwd", "..\\x", "/etc/cron.d/evil.jpg", ".."}) {
        // Given a name with path components, when uploaded,
        const auto created = upload(host, activity, image_bytes(4, 4), name);
        ASSERT_EQ(created.status, 201) << name << created.body;
        // then the name kept is a base name only
        const std::string original(created.json().at("original_name").as_string());
        EXPECT_EQ(original.find('/'), std::string::npos) << original;
        EXPECT_EQ(original.find('\\'), std::string::npos) << original;
        EXPECT_NE(original, "..");
    }
    // and every stored file is a server-made name inside attachments/ (a photo and its thumbnail).
    storage::Connection connection(server.application().database());
    soci::rowset<std::string> names =
        (connection.session().soci().prepare << "SELECT stored_name FROM attachment");
    int stored = 0;
    for (const auto& name : names) {
        ++stored;
        EXPECT_TRUE(attachments::AttachmentStore::is_stored_name(name)) << name;
        EXPECT_TRUE(std::filesystem::exists(attachments_dir() / name)) << name;
    }
    EXPECT_EQ(stored, 4);
    EXPECT_EQ(file_count(attachments_dir()), 8U);
    EXPECT_FALSE(std::filesystem::exists(data_dir().parent_path() / "etc"));
}

TEST_F(AttachmentApi, OnlyTheHostUnitsAdminUploadsAndRemoves) {
    // Given a participating unit's admin, when uploading, then 403.
    EXPECT_EQ(upload(participant, activity, image_bytes(4, 4), "a.jpg").status, 403);
    // Given the committee admin (no activities_write), 403 too.
    EXPECT_EQ(upload(admin, activity, image_bytes(4, 4), "a.jpg").status, 403);
    EXPECT_EQ(file_count(attachments_dir()), 0U);
    const auto created = upload(host, activity, image_bytes(4, 4), "a.jpg");
    ASSERT_EQ(created.status, 201);
    const auto id = created.json().at("id").as_int64();
    EXPECT_EQ(
        participant
            .request("DELETE", attachment_path(id), "", {{"X-Requested-With", "XMLHttpRequest"}})
            .status,
        403);
}

TEST_F(AttachmentApi, UnitOutsideTheAllianceCannotDownload) {
    const auto created = upload(host, activity, image_bytes(4, 4), "a.jpg");
    ASSERT_EQ(created.status, 201);
    const auto id = created.json().at("id").as_int64();
    // Given the lead of 第二联盟, when it asks for the file, the thumbnail or the list, then 403.
    EXPECT_EQ(outsider.get(attachment_path(id, "/content")).status, 403);
    EXPECT_EQ(outsider.get(attachment_path(id, "/thumbnail")).status, 403);
    EXPECT_EQ(
        outsider.get("/api/v1/activities/" + std::to_string(activity) + "/attachments").status,
        403);
    // The viewer (programme-wide reader) may.
    HttpClient viewer{server.port()};
    ASSERT_EQ(viewer.login("viewer").status, 200);
    EXPECT_EQ(viewer.get(attachment_path(id, "/content")).status, 200);
}

TEST_F(AttachmentApi, RemovalIsSoftAndRefusedOnceTheLedgerIsSubmitted) {
    const auto first_photo = upload(host, activity, image_bytes(4, 4), "a.jpg");
    const auto second_photo = upload(host, activity, image_bytes(4, 4), "b.jpg");
    ASSERT_EQ(first_photo.status, 201);
    ASSERT_EQ(second_photo.status, 201);
    const auto id = first_photo.json().at("id").as_int64();
    // Given a held activity, when the host removes a photo, then 204, it leaves the list, its
    // row is kept with removed_at, the removal is audited, and its content is gone (404).
    const auto removed =
        host.request("DELETE", attachment_path(id), "", {{"X-Requested-With", "XMLHttpRequest"}});
    EXPECT_EQ(removed.status, 204) << removed.body;
    const auto list = host.get("/api/v1/activities/" + std::to_string(activity) + "/attachments");
    EXPECT_EQ(list.json().at("items").as_array().size(), 1U);
    EXPECT_EQ(count("SELECT COUNT(*) FROM attachment WHERE removed_at IS NOT NULL"), 1);
    EXPECT_EQ(count("SELECT COUNT(*) FROM audit_event WHERE action = 'attachment.remove'"), 1);
    EXPECT_EQ(host.get(attachment_path(id, "/content")).status, 404);
    // Given the ledger submitted, when the host removes the other, then 409.
    set_state(activity, "ledger_submitted");
    const auto refused =
        host.request("DELETE", attachment_path(second_photo.json().at("id").as_int64()), "",
                     {{"X-Requested-With", "XMLHttpRequest"}});
    EXPECT_EQ(refused.status, 409) << refused.body;
    set_state(activity, "archived");
    EXPECT_EQ(upload(host, activity, image_bytes(4, 4), "c.jpg").status, 409);
}

TEST_F(AttachmentApi, ThumbnailOfAnExifRotatedPhotoIsUpright) {
    // Given a 64 × 32 JPEG whose EXIF says "rotate 90° clockwise" (orientation 6),
    const auto photo = with_exif_orientation(image_bytes(64, 32), 6);
    ASSERT_EQ(image_size(photo), std::make_pair(64, 32));
    // when uploaded, then its dimensions are the upright ones (32 × 64)
    const auto created = upload(host, activity, photo, "竖拍.jpg");
    ASSERT_EQ(created.status, 201) << created.body;
    EXPECT_EQ(created.json().at("width").as_int64(), 32);
    EXPECT_EQ(created.json().at("height").as_int64(), 64);
    // and the thumbnail is a JPEG with width and height swapped from the stored pixels.
    const auto thumbnail =
        host.get(attachment_path(created.json().at("id").as_int64(), "/thumbnail"));
    ASSERT_EQ(thumbnail.status, 200) << thumbnail.body;
    EXPECT_EQ(thumbnail.headers.at("content-type"), "image/jpeg");
    EXPECT_EQ(image_size(thumbnail.body), std::make_pair(32, 64));
}

TEST_F(AttachmentApi, LargePhotoThumbnailIsAtMost480Pixels) {
    const auto created = upload(host, activity, image_bytes(1200, 900), "大图.jpg");
    ASSERT_EQ(created.status, 201) << created.body;
    const auto thumbnail =
        host.get(attachment_path(created.json().at("id").as_int64(), "/thumbnail"));
    ASSERT_EQ(thumbnail.status, 200);
    EXPECT_EQ(image_size(thumbnail.body), std::make_pair(480, 360));
}

}  // namespace
}  // namespace lianjian::testing
