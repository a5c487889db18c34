// Specification: the member list goes out as an .xlsx with the chosen columns, phones masked
// unless the user may unmask them (and then the export is audited); the import template is an
// .xlsx with the expected header row.
#include "members/member_fixture.hpp"

namespace lianjian::testing {
namespace {

class MemberExport : public MemberFixture {
  protected:
    void SetUp() override {
        MemberFixture::SetUp();
        create("导出测试", unit_id("区审计局"), "13911112222");
    }

    static void expect_xlsx(const HttpResult& result) {
        ASSERT_EQ(result.status, 200) << result.body;
        EXPECT_EQ(result.headers.at("content-type"),
                  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        EXPECT_NE(result.headers.at("content-disposition").find("attachment; "), std::string::npos);
        EXPECT_NE(result.headers.at("content-disposition").find("filename*=UTF-8''"),
                  std::string::npos);
        ASSERT_GT(result.body.size(), 4u);
        EXPECT_EQ(result.body.substr(0, 2), "PK");
    }
};

TEST_F(MemberExport, ViewerGetsAnXlsxWithMaskedPhones) {
    auto viewer = signed_in("viewer");
    const auto result = viewer.get("/api/v1/members/export.xlsx?columns=name,phone,unit");
    expect_xlsx(result);
    const auto strings = zip_entry(result.body, "xl/sharedStrings.xml");
    if (!strings) {
        FAIL() << "could not read the sheet back with unzip (make test installs it)";
    }
    EXPECT_NE(strings->find("姓名"), std::string::npos);
    EXPECT_NE(strings->find("手机号码"), std::string::npos);
    EXPECT_EQ(strings->find("性别"), std::string::npos);  // not chosen
    EXPECT_NE(strings->find("导出测试"), std::string::npos);
    EXPECT_NE(strings->find("139****2222"), std::string::npos);
    EXPECT_EQ(strings->find("13911112222"), std::string::npos);
    EXPECT_TRUE(audit_events("member.export").empty());
}

TEST_F(MemberExport, AdminExportHasFullNumbersAndIsAudited) {
    const auto result = admin.get("/api/v1/members/export.xlsx?q=%E5%AF%BC%E5%87%BA");  // 导出
    expect_xlsx(result);
    const auto events = audit_events("member.export");
    ASSERT_EQ(events.size(), 1u);
    EXPECT_NE(events[0].detail.find("unmasked"), std::string::npos);
    EXPECT_NE(events[0].detail.find("1"), std::string::npos);
    const auto strings = zip_entry(result.body, "xl/sharedStrings.xml");
    if (!strings) {
        FAIL() << "could not read the sheet back with unzip (make test installs it)";
    }
    EXPECT_NE(strings->find("13911112222"), std::string::npos);
    for (const char* header :
         {"姓名", "性别", "单位", "职务", "手机号码", "入党日期", "党员状态"}) {
        EXPECT_NE(strings->find(header), std::string::npos) << header;
    }
}

TEST_F(MemberExport, UnitAdminExportsItsOwnUnitUnmasked) {
    auto bianban_admin = signed_in("bianban_admin");
    const auto result = bianban_admin.get("/api/v1/members/export.xlsx?columns=unit,phone");
    expect_xlsx(result);
    EXPECT_EQ(audit_events("member.export").size(), 1u);
    EXPECT_EQ(bianban_admin
                  .get("/api/v1/members/export.xlsx?unit_id=" + std::to_string(unit_id("区审计局")))
                  .status,
              403);
    const auto strings = zip_entry(result.body, "xl/sharedStrings.xml");
    if (!strings) {
        FAIL() << "could not read the sheet back with unzip (make test installs it)";
    }
    EXPECT_EQ(strings->find("区审计局"), std::string::npos);
    EXPECT_NE(strings->find("区委编办"), std::string::npos);
}

TEST_F(MemberExport, UnknownColumnIs422NamingIt) {
    const auto result = admin.get("/api/v1/members/export.xlsx?columns=name,salary");
    ASSERT_EQ(result.status, 422);
    const auto json = result.json();
    const auto& details = json.at("error").at("details");
    EXPECT_EQ(details.at("field").as_string(), "columns");
    EXPECT_EQ(details.at("columns").at(0).as_string(), "salary");
    EXPECT_NE(result.json().at("error").at("message").as_string().find("salary"),
              boost::json::string::npos);
}

TEST_F(MemberExport, ImportTemplateHasTheHeaderRowAndAnExample) {
    const auto result = admin.get("/api/v1/members/import-template.xlsx");
    expect_xlsx(result);
    const auto strings = zip_entry(result.body, "xl/sharedStrings.xml");
    if (!strings) {
        FAIL() << "could not read the sheet back with unzip (make test installs it)";
    }
    for (const char* header :
         {"姓名", "性别", "单位", "职务", "手机号码", "入党日期", "党员状态"}) {
        EXPECT_NE(strings->find(header), std::string::npos) << header;
    }
    EXPECT_NE(strings->find("示例"), std::string::npos);
}

}  // namespace
}  // namespace lianjian::testing
