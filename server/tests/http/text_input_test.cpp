// Specification (issue 8, point 1): every text field of every request passes one normaliser;
// the JSON reader refuses duplicate keys, impossible dates and empty dates; the media type is
// matched case-insensitively; all text problems of one body come back in one 422.
#include "registry/registry_fixture.hpp"

#include <boost/json.hpp>

namespace lianjian::testing {
namespace {

using boost::json::object;

class TextInput : public RegistryWrite {
  protected:
    HttpResult create_member(const std::string& name) {
        return post_json(admin, "/api/v1/members",
                         {{"name", name},
                          {"gender", "female"},
                          {"unit_id", unit_id("区审计局")},
                          {"phone", next_phone()},
                          {"joined_on", "2015-07-01"},
                          {"status", "formal"}});
    }

    std::string next_phone() { return "1390000" + std::to_string(1000 + phone_counter_++); }

    long long alliance_id(const std::string& name) {
        for (const auto& alliance : server.application().services().alliances.list(today_date())) {
            if (alliance.name == name) {
                return alliance.id;
            }
        }
        ADD_FAILURE() << "no alliance " << name;
        return 0;
    }

    std::vector<std::string> problem_fields(const HttpResult& result) {
        std::vector<std::string> fields;
        const auto json = result.json();
        const auto& details = json.at("error").at("details").as_object();
        if (const auto* list = details.if_contains("fields")) {
            for (const auto& item : list->as_array()) {
                fields.emplace_back(item.at("field").as_string());
            }
        } else if (const auto* field = details.if_contains("field")) {
            fields.emplace_back(field->as_string());
        }
        return fields;
    }

  private:
    int phone_counter_ = 0;
};

TEST_F(TextInput, MemberNamedOneFullWidthSpaceIsRefused) {
    // Given a member whose name is a single U+3000, when created, then 422 on `name`.
    const auto result = create_member("\u3000");
    EXPECT_EQ(result.status, 422) << result.body;
    EXPECT_EQ(error_field(result), "name");
}

TEST_F(TextInput, PaddedMemberNamesAreStoredTrimmed) {
    // Names padded with U+3000, NBSP or newlines are stored bare.
    for (const std::string padded : {"\u3000张三一\u3000", "\u00A0张三二\u00A0", "\n张三三\r\n"}) {
        const auto result = create_member(padded);
        ASSERT_EQ(result.status, 201) << result.body;
        const auto name = std::string(result.json().at("name").as_string());
        EXPECT_TRUE(name == "张三一" || name == "张三二" || name == "张三三") << name;
    }
}

TEST_F(TextInput, OverlongAllianceNoteAndNameAndDisplayNameAreRefused) {
    // Given 300,000 characters in an alliance note, an alliance name and an account's display
    // name, each is 422 naming the field, and nothing is stored.
    const std::string huge(300000, 'x');
    const auto id = alliance_id("第一联盟");
    auto result = put_json(admin, "/api/v1/alliances/" + std::to_string(id), {{"note", huge}});
    EXPECT_EQ(result.status, 422);
    EXPECT_EQ(error_field(result), "note");
    result = put_json(admin, "/api/v1/alliances/" + std::to_string(id), {{"name", huge}});
    EXPECT_EQ(result.status, 422);
    EXPECT_EQ(error_field(result), "name");
    HttpClient sysadmin(server.port());
    ASSERT_EQ(sysadmin.login("sysadmin").status, 200);
    result = post_json(sysadmin, "/api/v1/users",
                       {{"username", "longname"},
                        {"display_name", huge},
                        {"roles", boost::json::array{"viewer"}}});
    EXPECT_EQ(result.status, 422);
    EXPECT_EQ(error_field(result), "display_name");
    const auto list = admin.get("/api/v1/alliances");
    EXPECT_LT(list.body.size(), 100000u);
}

TEST_F(TextInput, OfficeAreaAndUnitNamesFollowTheSameRule) {
    // A further case of the kind in another area: an office area's address over 200
    // characters, and a unit's short name with a newline.
    auto result = post_json(admin, "/api/v1/office-areas",
                            {{"name", "新办公区"}, {"address", std::string(201, 'a')}});
    EXPECT_EQ(result.status, 422);
    EXPECT_EQ(error_field(result), "address");
    result = post_json(admin, "/api/v1/units", {{"name", "新单位"}, {"short_name", "新\n单位"}});
    EXPECT_EQ(result.status, 422);
    EXPECT_EQ(error_field(result), "short_name");
}

TEST_F(TextInput, UniquenessComparesNormalisedNames) {
    // Given 区审计局 exists, "区审计局" + NBSP is the same name (409), and "区审计局" + NUL or
    // + a zero-width space is refused (422): none creates a second 区审计局.
    const auto parent = create_unit({{"name", "唯一性测试上级"}});
    const auto parent_id = parent.at("id").as_int64();
    ASSERT_EQ(
        post_json(admin, "/api/v1/units", {{"name", "区审计局"}, {"parent_id", parent_id}}).status,
        201);
    auto result =
        post_json(admin, "/api/v1/units", {{"name", "区审计局\u00A0"}, {"parent_id", parent_id}});
    EXPECT_EQ(result.status, 409) << result.body;
    result = post_json(admin, "/api/v1/units",
                       {{"name", std::string("区审计局") + '\0'}, {"parent_id", parent_id}});
    EXPECT_EQ(result.status, 422) << result.body;
    result =
        post_json(admin, "/api/v1/units", {{"name", "区审计局\u200B"}, {"parent_id", parent_id}});
    EXPECT_EQ(result.status, 422) << result.body;
    result =
        post_json(admin, "/api/v1/units", {{"name", "\u202E局计审区"}, {"parent_id", parent_id}});
    EXPECT_EQ(result.status, 422) << result.body;
    // Another area: strength tags.
    result = post_json(admin, "/api/v1/strength-tags", {{"name", "党课讲师\u3000"}});
    EXPECT_EQ(result.status, 409) << result.body;
}

TEST_F(TextInput, DuplicateKeysAre400) {
    const auto result = admin.post("/api/v1/units", R"({"name":"甲单位","name":"乙单位"})");
    EXPECT_EQ(result.status, 400) << result.body;
    EXPECT_EQ(result.error_code(), "invalid_json");
    // In a nested object too.
    const auto nested =
        admin.post("/api/v1/members/import/preview", R"({"rows":[{"name":"张三","name":"李四"}]})");
    EXPECT_EQ(nested.status, 400) << nested.body;
}

TEST_F(TextInput, ImpossibleAndEmptyDatesAreRefused) {
    // `?on=2024-02-30` is 422, and so is `founded_on: ""` (not today).
    auto result = admin.get("/api/v1/alliances?on=2024-02-30");
    EXPECT_EQ(result.status, 422) << result.body;
    EXPECT_EQ(error_field(result), "on");
    result = admin.get("/api/v1/alliances/" + std::to_string(alliance_id("第一联盟")) +
                       "?on=2026-13-01");
    EXPECT_EQ(result.status, 422) << result.body;
    result = post_json(admin, "/api/v1/alliances",
                       {{"name", "空日期联盟"},
                        {"office_area_id", office_area_id("人防大楼办公区")},
                        {"lead_unit_id", unit_id("区委编办")},
                        {"founded_on", ""}});
    EXPECT_EQ(result.status, 422) << result.body;
    EXPECT_EQ(error_field(result), "founded_on");
    // Another area: the audit filter's dates.
    result = admin.get("/api/v1/audit-events?from=2025-02-29");
    EXPECT_NE(result.status, 200) << result.body;
}

TEST_F(TextInput, MediaTypeIsCaseInsensitive) {
    const auto result = admin.request("POST", "/api/v1/units", R"({"name":"大小写单位"})",
                                      {{"X-Requested-With", "XMLHttpRequest"},
                                       {"Content-Type", "Application/JSON; Charset=UTF-8"}});
    EXPECT_EQ(result.status, 201) << result.body;
    const auto refused =
        admin.request("POST", "/api/v1/units", R"({"name":"文本单位"})",
                      {{"X-Requested-With", "XMLHttpRequest"}, {"Content-Type", "text/plain"}});
    EXPECT_EQ(refused.status, 415);
}

TEST_F(TextInput, EveryTextProblemOfOneBodyAtOnce) {
    // Given a unit body with three bad text fields, the one 422 lists all three.
    const auto result = post_json(
        admin, "/api/v1/units",
        {{"name", "坏\u200B名"}, {"short_name", std::string(51, 'a')}, {"liaison", "联络\x01员"}});
    ASSERT_EQ(result.status, 422) << result.body;
    const auto fields = problem_fields(result);
    EXPECT_EQ(fields, (std::vector<std::string>{"name", "short_name", "liaison"})) << result.body;
}

TEST_F(TextInput, QueryTextIsNormalisedToo) {
    // A search for "\u3000审计\u3000" finds 区审计局; one over 100 characters is 422.
    auto result = admin.get("/api/v1/units?q=%E3%80%80%E5%AE%A1%E8%AE%A1%E3%80%80");
    ASSERT_EQ(result.status, 200) << result.body;
    EXPECT_GE(result.json().at("total").as_int64(), 1);
    result = admin.get("/api/v1/units?q=" + std::string(101, 'a'));
    EXPECT_EQ(result.status, 422) << result.body;
}

}  // namespace
}  // namespace lianjian::testing
