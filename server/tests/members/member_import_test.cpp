// Specification: a batch import is previewed with every row's problems, then written all rows or
// none, in one transaction, with one audit record.
#include "members/member_fixture.hpp"

namespace lianjian::testing {
namespace {

class MemberImport : public MemberFixture {
  protected:
    static boost::json::object row(const std::string& name, const std::string& phone,
                                   const std::string& unit_name = "区总工会") {
        return {{"name", name},    {"gender", "男"}, {"unit_name", unit_name},
                {"post", "党员"},  {"phone", phone}, {"joined_on", "2018-03-08"},
                {"status", "正式"}};
    }

    static std::string sheet(boost::json::array rows) {
        return boost::json::serialize(boost::json::object{{"rows", std::move(rows)}});
    }

    static std::vector<std::string> error_fields(const boost::json::value& row) {
        std::vector<std::string> fields;
        for (const auto& error : row.at("errors").as_array()) {
            fields.emplace_back(error.at("field").as_string());
            EXPECT_FALSE(error.at("message").as_string().empty());
        }
        return fields;
    }
};

TEST_F(MemberImport, PreviewShowsEachRowsProblems) {
    auto bad_gender = row("二号", "13700000002");
    bad_gender["gender"] = "未知";
    auto by_id = row("六号", "13700000006");
    by_id.erase("unit_name");
    by_id["unit_id"] = unit_id("区科协");
    auto numeric = row("七号", "");
    numeric["phone"] = 13700000007LL;  // a number cell
    numeric["joined_on"] = 43101.0;    // a date cell: 2018-01-01
    const auto before = member_total();
    const auto result = admin.post(
        "/api/v1/members/import/preview",
        sheet({row("一号", "13700000001"), bad_gender, row("三号", "13700000003", "不存在的单位"),
               row("四号", "13700000001"),              // repeats row 1
               row("五号", "13800000301", "区总工会"),  // a demo member's
               by_id, numeric}));
    ASSERT_EQ(result.status, 200) << result.body;
    const auto preview = result.json().as_object();
    const auto& rows = preview.at("rows").as_array();
    ASSERT_EQ(rows.size(), 7u);
    EXPECT_EQ(preview.at("valid_count").as_int64(), 3);
    EXPECT_EQ(preview.at("error_count").as_int64(), 4);
    EXPECT_TRUE(rows[0].at("ok").as_bool());
    EXPECT_EQ(rows[1].at("index").as_int64(), 1);
    EXPECT_EQ(error_fields(rows[1]), std::vector<std::string>{"gender"});
    EXPECT_EQ(error_fields(rows[2]), std::vector<std::string>{"unit_name"});
    EXPECT_EQ(error_fields(rows[3]), std::vector<std::string>{"phone"});
    EXPECT_EQ(error_fields(rows[4]), std::vector<std::string>{"phone"});
    EXPECT_TRUE(rows[5].at("ok").as_bool()) << rows[5];
    EXPECT_TRUE(rows[6].at("ok").as_bool()) << rows[6];
    // A preview writes nothing.
    EXPECT_EQ(member_total(), before);
}

TEST_F(MemberImport, OneBadRowWritesNothing) {
    const auto before = member_total();
    const auto events_before = audit_events("member.import").size();
    auto bad = row("坏行", "1370000");
    const auto result = admin.post(
        "/api/v1/members/import", sheet({row("甲", "13700000011"), row("乙", "13700000012"), bad}));
    ASSERT_EQ(result.status, 422) << result.body;
    EXPECT_EQ(result.error_code(), "validation_failed");
    const auto json = result.json();
    const auto& rows = json.at("error").at("details").at("rows").as_array();
    ASSERT_EQ(rows.size(), 3u);
    EXPECT_TRUE(rows[0].at("ok").as_bool());
    EXPECT_FALSE(rows[2].at("ok").as_bool());
    EXPECT_EQ(error_fields(rows[2]), std::vector<std::string>{"phone"});
    EXPECT_EQ(member_total(), before);
    EXPECT_EQ(member_total("&phone=13700000011"), 0);
    EXPECT_EQ(audit_events("member.import").size(), events_before);
}

TEST_F(MemberImport, TheTemplatesSampleRowsAreNeverImported) {
    // Given the template's sample row sent unchanged through the API, and another marked (示例),
    const auto before = member_total();
    auto sample = row("张三（示例，请删除本行）", "13800000000", "区委直属机关工委");
    auto half_width = row("李四(示例)", "13900000009");
    // when it is imported, then nothing is written and both rows say why, on 姓名,
    const auto result =
        admin.post("/api/v1/members/import", sheet({row("甲", "13700000021"), sample, half_width}));
    ASSERT_EQ(result.status, 422) << result.body;
    const auto json = result.json();
    const auto& rows = json.at("error").at("details").at("rows").as_array();
    ASSERT_EQ(rows.size(), 3u);
    EXPECT_TRUE(rows[0].at("ok").as_bool());
    for (std::size_t index : {1u, 2u}) {
        EXPECT_EQ(error_fields(rows[index]), std::vector<std::string>{"name"}) << rows[index];
        EXPECT_NE(rows[index].at("errors").at(0).at("message").as_string().find("示例"),
                  std::string::npos);
    }
    EXPECT_EQ(member_total(), before);
    // and a real name with parentheses is not mistaken for one.
    const auto real =
        admin.post("/api/v1/members/import/preview", sheet({row("王芳（大）", "13700000022")}));
    ASSERT_EQ(real.status, 200) << real.body;
    EXPECT_TRUE(real.json().at("rows").at(0).at("ok").as_bool()) << real.body;
}

TEST_F(MemberImport, AGoodSheetWritesEveryRowWithOneAuditRecord) {
    const auto before = member_total();
    boost::json::array rows;
    for (int index = 0; index < 50; ++index) {
        rows.push_back(
            row("批量" + std::to_string(index), "1360000" + std::to_string(1000 + index)));
    }
    const auto result = admin.post("/api/v1/members/import", sheet(std::move(rows)));
    ASSERT_EQ(result.status, 201) << result.body;
    EXPECT_EQ(result.json().at("created").as_int64(), 50);
    EXPECT_EQ(member_total(), before + 50);
    EXPECT_EQ(member_total("&phone=13600001049"), 1);
    const auto events = audit_events("member.import");
    ASSERT_EQ(events.size(), 1u);
    EXPECT_NE(events[0].detail.find("50"), std::string::npos);
    // Importing the same sheet again finds every number already there.
    const auto again = admin.post("/api/v1/members/import", sheet({row("批量0", "13600001000")}));
    EXPECT_EQ(again.status, 422);
}

TEST_F(MemberImport, UnitAdminImportsOnlyIntoItsOwnUnit) {
    auto bianban_admin = signed_in("bianban_admin");
    const auto before = member_total();
    const auto result = bianban_admin.post("/api/v1/members/import/preview",
                                           sheet({row("本单位", "13700000021", "区委编办"),
                                                  row("外单位", "13700000022", "区审计局")}));
    ASSERT_EQ(result.status, 200) << result.body;
    const auto json = result.json();
    const auto& rows = json.at("rows").as_array();
    EXPECT_TRUE(rows[0].at("ok").as_bool());
    EXPECT_EQ(error_fields(rows[1]), std::vector<std::string>{"unit_name"});
    EXPECT_EQ(bianban_admin
                  .post("/api/v1/members/import", sheet({row("本单位", "13700000021", "区委编办"),
                                                         row("外单位", "13700000022", "区审计局")}))
                  .status,
              422);
    EXPECT_EQ(member_total(), before);
    EXPECT_EQ(bianban_admin
                  .post("/api/v1/members/import", sheet({row("本单位", "13700000021", "区委编办")}))
                  .status,
              201);
    EXPECT_EQ(member_total(), before + 1);
}

TEST_F(MemberImport, TooManyRowsOrNoneAre422) {
    boost::json::array rows;
    for (int index = 0; index < 5001; ++index) {
        rows.push_back(boost::json::object{});
    }
    const auto result = admin.post("/api/v1/members/import/preview", sheet(std::move(rows)));
    EXPECT_EQ(result.status, 422);
    EXPECT_EQ(result.json().at("error").at("details").at("field").as_string(), "rows");
    EXPECT_EQ(admin.post("/api/v1/members/import", sheet({})).status, 422);
    EXPECT_EQ(admin.post("/api/v1/members/import", "{}").status, 422);
    EXPECT_EQ(admin.post("/api/v1/members/import", R"({"rows":[1, "x", null]})").status, 422);
}

TEST_F(MemberImport, ViewerCannotImport) {
    auto viewer = signed_in("viewer");
    EXPECT_EQ(
        viewer.post("/api/v1/members/import/preview", sheet({row("甲", "13700000031")})).status,
        403);
    EXPECT_EQ(viewer.post("/api/v1/members/import", sheet({row("甲", "13700000031")})).status, 403);
    EXPECT_EQ(viewer.get("/api/v1/members/import-template.xlsx").status, 403);
}

}  // namespace
}  // namespace lianjian::testing
