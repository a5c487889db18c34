// Specification: an attachment's type comes from its bytes (docs/activities.md "Attachments"):
// JPEG, PNG, PDF, DOCX and XLSX are accepted whatever they are called; anything else, including
// an HTML page renamed .jpg, an executable and an empty file, is refused.
#include "attachments/sniff.hpp"
#include "attachments/attachment_fixture.hpp"
#include "attachments/naming.hpp"
#include "http/file_response.hpp"

#include <gtest/gtest.h>

namespace lianjian::testing {
namespace {

using namespace attachment_support;

struct SniffCase {
    const char* name;
    std::string bytes;
    std::optional<std::string> media_type;  // nothing: refused
};

class AttachmentSniff : public ::testing::Test {
  protected:
    std::optional<attachments::Sniffed> sniff(const std::string& bytes) {
        const auto path = std::filesystem::temp_directory_path() /
                          ("lianjian-sniff-" + std::to_string(::getpid()) + ".bin");
        std::ofstream(path, std::ios::binary) << bytes;
        auto sniffed = attachments::sniff_file(path);
        std::filesystem::remove(path);
        return sniffed;
    }
};

TEST_F(AttachmentSniff, TypesComeFromTheBytes) {
    const std::vector<SniffCase> cases = {
        {"jpeg", image_bytes(8, 8, "jpeg"), "image/jpeg"},
        {"png", image_bytes(8, 8, "png"), "image/png"},
        {"pdf", pdf_bytes(), "application/pdf"},
        {"docx", docx_bytes(),
         "application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
        {"xlsx", xlsx_bytes(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
        {"html named .jpg", "<!DOCTYPE html><html><script>alert(1)</script></html>", std::nullopt},
        {"exe", std::string("MZ\x90\0\x03\0\0\0", 8) + std::string(64, '\0'), std::nullopt},
        {"empty", "", std::nullopt},
        {"zip of something else", zip_bytes({{"readme.txt", "hello"}}), std::nullopt},
        {"jpeg magic cut short", "\xFF\xD8", std::nullopt},
    };
    for (const auto& test : cases) {
        // Given the bytes, when sniffed, then the type is the expected one or none.
        const auto sniffed = sniff(test.bytes);
        if (test.media_type) {
            ASSERT_TRUE(sniffed.has_value()) << test.name;
            EXPECT_EQ(sniffed->media_type, *test.media_type) << test.name;
        } else {
            EXPECT_FALSE(sniffed.has_value()) << test.name;
        }
    }
}

TEST(AttachmentNaming, OriginalNameKeepsNoPathComponents) {
    // Given names that try to leave the directory, when normalised, then only a base name is
    // left, never a separator, a parent reference or a control character.
    EXPECT_EQ(attachments::normalise_original_name("../../etc/passwd"), "passwd");
    EXPECT_EQ(attachments::normalise_original_name("..\\x"), "x");
    EXPECT_EQ(attachments::normalise_original_name("/var/lib/photo.jpg"), "photo.jpg");
    EXPECT_EQ(attachments::normalise_original_name("C:\\Users\\李\\活动照片.jpg"), "活动照片.jpg");
    EXPECT_EQ(attachments::normalise_original_name("a\nb\x01.jpg"), "ab.jpg");
    EXPECT_EQ(attachments::normalise_original_name(".."), "附件");
    EXPECT_EQ(attachments::normalise_original_name(""), "附件");
    const auto long_name = attachments::normalise_original_name(std::string(500, 'a') + ".pdf");
    EXPECT_EQ(long_name.size(), 200U);
    EXPECT_TRUE(long_name.ends_with(".pdf"));
}

TEST(AttachmentContentDisposition, ChineseNameHasUtf8FormAndAsciiFallback) {
    // Given a Chinese file name, when offered as a download, then filename* carries it
    // percent-encoded in UTF-8 (RFC 5987) and filename an ASCII stand-in with the extension.
    EXPECT_EQ(http::content_disposition("活动 照片.jpg"),
              "attachment; filename=\"__ __.jpg\"; "
              "filename*=UTF-8''%E6%B4%BB%E5%8A%A8%20%E7%85%A7%E7%89%87.jpg");
    EXPECT_EQ(http::content_disposition("a\"b.pdf"),
              "attachment; filename=\"a_b.pdf\"; filename*=UTF-8''a%22b.pdf");
}

}  // namespace
}  // namespace lianjian::testing
