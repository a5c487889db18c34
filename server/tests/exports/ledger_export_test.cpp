// Specification: ledger exports (docs/activities.md "Exports"): one activity's 台账 as an A4 PDF
// with the Chinese title, fields, units, attendance and photos; an alliance's year as an xlsx
// workbook (sheets 活动 and 签到) and as a binder PDF (cover, contents with page numbers, one
// section per activity); readable only within the alliance.
#include "attachments/attachment_fixture.hpp"

#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <fstream>

namespace lianjian::testing {
namespace {

using namespace attachment_support;

// Runs a command and returns what it printed.
std::string output_of(const std::string& command) {
    std::string output;
    FILE* pipe = ::popen(command.c_str(), "r");
    if (pipe == nullptr) {
        return output;
    }
    std::array<char, 4096> buffer{};
    while (const auto count = std::fread(buffer.data(), 1, buffer.size(), pipe)) {
        output.append(buffer.data(), count);
    }
    ::pclose(pipe);
    return output;
}

class ExportLedger : public AttachmentFixture {
  protected:
    std::filesystem::path save(const std::string& bytes, const std::string& name) {
        const auto path = data_dir() / name;
        std::ofstream(path, std::ios::binary) << bytes;
        return path;
    }
    // The PDF's text with spaces removed (pdftotext joins "第 1 页" as it likes).
    std::string pdf_text(const std::filesystem::path& path) {
        auto text = output_of("pdftotext -enc UTF-8 '" + path.string() + "' - 2>/dev/null");
        std::erase(text, ' ');
        return text;
    }
    std::string pdf_info(const std::filesystem::path& path) {
        return output_of("pdfinfo '" + path.string() + "' 2>/dev/null");
    }
    std::string member_name() {
        storage::Connection connection(server.application().database());
        std::string name;
        connection.session() << "SELECT m.name FROM attendance t JOIN member m ON m.id = "
                                "t.member_id WHERE t.activity_id = :a ORDER BY m.id LIMIT 1",
            soci::use(activity), soci::into(name);
        return name;
    }
    std::string year() const { return std::to_string(current_year()); }
};

TEST_F(ExportLedger, ActivityPdfIsA4WithTheTitleUnitsAndAttendance) {
    // Given an activity with attendance and an upright-rotated photo,
    ASSERT_EQ(
        upload(host, activity, with_exif_orientation(image_bytes(120, 60), 6), "合影.jpg").status,
        201);
    const auto member = member_name();
    ASSERT_FALSE(member.empty());
    // when a participating unit exports its ledger PDF,
    const auto result =
        participant.get("/api/v1/activities/" + std::to_string(activity) + "/ledger.pdf");
    ASSERT_EQ(result.status, 200) << result.body;
    EXPECT_EQ(result.headers.at("content-type"), "application/pdf");
    EXPECT_NE(result.headers.at("content-disposition").find("filename*=UTF-8''"),
              std::string::npos);
    ASSERT_TRUE(result.body.starts_with("%PDF-"));
    const auto path = save(result.body, "activity.pdf");
    // then the page is A4,
    const auto info = pdf_info(path);
    EXPECT_NE(info.find("595.276 x 841.89 pts (A4)"), std::string::npos) << info;
    // and the text holds the title, the alliance, the Chinese linkage and kind, the units, the
    // theme, the part, a member on the roster and the Chinese attendance status.
    const auto text = pdf_text(path);
    for (const std::string expected :
         {"活动台账", "第一联盟", "理论联学", "主题党日", "区委直属机关工委", "区审计局",
          "重温入党誓词，坚定理想信念", "审计局组织青年党员分享", "出席", "第1页"}) {
        EXPECT_NE(text.find(expected), std::string::npos) << expected << "\n" << text;
    }
    EXPECT_NE(text.find(member), std::string::npos) << member;
}

TEST_F(ExportLedger, AllianceWorkbookHasBothSheetsWithChineseHeaders) {
    const auto result =
        host.get("/api/v1/alliances/" + std::to_string(first) + "/ledger.xlsx?year=" + year());
    ASSERT_EQ(result.status, 200) << result.body;
    EXPECT_EQ(result.headers.at("content-type"),
              "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    const auto path = save(result.body, "ledger.xlsx");
    const auto workbook = output_of("unzip -p '" + path.string() + "' xl/workbook.xml");
    EXPECT_NE(workbook.find("name=\"活动\""), std::string::npos) << workbook;
    EXPECT_NE(workbook.find("name=\"签到\""), std::string::npos) << workbook;
    const auto strings = output_of("unzip -p '" + path.string() + "' xl/sharedStrings.xml");
    for (const std::string expected : {"活动名称", "联动", "承办单位", "签到情况",
                                       "共过主题党日：重温入党誓词", "理论联学", "区审计局"}) {
        EXPECT_NE(strings.find(expected), std::string::npos) << expected;
    }
}

TEST_F(ExportLedger, BinderHasCoverContentsAndOneSectionPerActivity) {
    // Given a second activity the same year,
    new_activity("联合开展红色观影", "held");
    // when the binder is exported,
    const auto result = admin.get("/api/v1/alliances/" + std::to_string(first) +
                                  "/ledger-binder.pdf?year=" + year());
    ASSERT_EQ(result.status, 200) << result.body;
    const auto path = save(result.body, "binder.pdf");
    const auto info = pdf_info(path);
    EXPECT_NE(info.find("595.276 x 841.89 pts (A4)"), std::string::npos) << info;
    // then it holds the cover, the contents with both titles, and both sections.
    const auto text = pdf_text(path);
    EXPECT_NE(text.find("年度活动台账"), std::string::npos);
    EXPECT_NE(text.find("目录"), std::string::npos);
    const auto first_title = text.find("共过主题党日：重温入党誓词");
    ASSERT_NE(first_title, std::string::npos);
    EXPECT_NE(text.find("共过主题党日：重温入党誓词", first_title + 1), std::string::npos);
    EXPECT_NE(text.find("联合开展红色观影"), std::string::npos);
    // Contents start the sections on page 3 (cover, contents, …): the first entry says 3.
    const auto contents = text.substr(text.find("目录"));
    EXPECT_NE(contents.find("3"), std::string::npos);
}

TEST_F(ExportLedger, UnitOutsideTheAllianceCannotExport) {
    EXPECT_EQ(outsider.get("/api/v1/activities/" + std::to_string(activity) + "/ledger.pdf").status,
              403);
    EXPECT_EQ(outsider.get("/api/v1/alliances/" + std::to_string(first) + "/ledger.xlsx").status,
              403);
    EXPECT_EQ(
        outsider.get("/api/v1/alliances/" + std::to_string(first) + "/ledger-binder.pdf").status,
        403);
}

}  // namespace
}  // namespace lianjian::testing
