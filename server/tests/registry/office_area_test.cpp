// Specification: the committee edits office areas and the managed list of strength tags; names
// are unique (409), blank names and impossible coordinates are 422 naming the field, other roles
// only read, and every write leaves its audit event.
#include "registry/registry_fixture.hpp"

#include <boost/json/array.hpp>

namespace lianjian::testing {
namespace {

class OfficeAreaWrite : public RegistryWrite {};

TEST_F(OfficeAreaWrite, CreateGetUpdate) {
    // Given a new office area with coordinates,
    const auto created = post_json(admin, "/api/v1/office-areas",
                                   {{"name", "科创园办公区"},
                                    {"address", "演示地址：科创路 9 号"},
                                    {"latitude", 30.6},
                                    {"longitude", 104.1},
                                    {"note", "新建"}});
    // when it is created, then the answer is 201 with the object,
    ASSERT_EQ(created.status, 201) << created.body;
    const auto area = created.json().as_object();
    EXPECT_EQ(area.at("name").as_string(), "科创园办公区");
    EXPECT_DOUBLE_EQ(area.at("latitude").as_double(), 30.6);
    const auto id = area.at("id").as_int64();
    const auto target = "/api/v1/office-areas/" + std::to_string(id);
    // and it can be read back and is listed.
    const auto read = admin.get(target);
    ASSERT_EQ(read.status, 200);
    EXPECT_EQ(read.json().at("address").as_string(), "演示地址：科创路 9 号");
    EXPECT_EQ(admin.get("/api/v1/office-areas").json().at("total").as_int64(), 4);

    // When it is replaced without coordinates, then they are gone and the name changed.
    const auto updated =
        put_json(admin, target, {{"name", "科创园区办公区"}, {"address", "科创路 9 号"}});
    ASSERT_EQ(updated.status, 200) << updated.body;
    EXPECT_EQ(updated.json().at("name").as_string(), "科创园区办公区");
    EXPECT_TRUE(updated.json().at("latitude").is_null());
    EXPECT_EQ(admin.get(target).json().at("name").as_string(), "科创园区办公区");

    // Both writes are in the audit trail, with the object id.
    const auto creates = audit_events("office_area.create");
    ASSERT_EQ(creates.size(), 1u);
    EXPECT_EQ(creates[0].object_id, std::to_string(id));
    EXPECT_EQ(creates[0].username, "admin");
    ASSERT_EQ(audit_events("office_area.update").size(), 1u);
}

TEST_F(OfficeAreaWrite, DuplicateNameIs409) {
    const auto result = post_json(admin, "/api/v1/office-areas", {{"name", "人防大楼办公区"}});
    EXPECT_EQ(result.status, 409);
    EXPECT_EQ(result.error_code(), "conflict");
    EXPECT_EQ(error_field(result), "name");
    // Renaming another area to a taken name is refused the same way.
    const auto other = office_area_id("机关行政中心办公区");
    const auto renamed = put_json(admin, "/api/v1/office-areas/" + std::to_string(other),
                                  {{"name", "人防大楼办公区"}});
    EXPECT_EQ(renamed.status, 409);
    // Keeping one's own name is no conflict.
    EXPECT_EQ(put_json(admin, "/api/v1/office-areas/" + std::to_string(other),
                       {{"name", "机关行政中心办公区"}})
                  .status,
              200);
    EXPECT_TRUE(audit_events("office_area.create").empty());
}

TEST_F(OfficeAreaWrite, MissingBlankOrBadFieldsAre422NamingTheField) {
    const std::pair<boost::json::object, const char*> cases[] = {
        {{{"address", "无名"}}, "name"},
        {{{"name", "  　 "}}, "name"},
        {{{"name", "甲办公区"}, {"latitude", 91}}, "latitude"},
        {{{"name", "甲办公区"}, {"latitude", -90.5}}, "latitude"},
        {{{"name", "甲办公区"}, {"longitude", 180.01}}, "longitude"},
        {{{"name", "甲办公区"}, {"longitude", "东经104度"}}, "longitude"},
    };
    for (const auto& [body, field] : cases) {
        const auto result = post_json(admin, "/api/v1/office-areas", body);
        EXPECT_EQ(result.status, 422) << result.body;
        EXPECT_EQ(error_field(result), field) << result.body;
        // The message is for the user, in Chinese.
        EXPECT_FALSE(std::string(result.json().at("error").at("message").as_string()).empty());
    }
    EXPECT_EQ(admin.get("/api/v1/office-areas").json().at("total").as_int64(), 3);
}

TEST_F(OfficeAreaWrite, UnknownAreaIs404) {
    EXPECT_EQ(admin.get("/api/v1/office-areas/999999").status, 404);
    EXPECT_EQ(put_json(admin, "/api/v1/office-areas/999999", {{"name", "无"}}).status, 404);
}

TEST_F(OfficeAreaWrite, OnlyTheCommitteeWrites) {
    for (const char* username : {"viewer", "bianban_admin", "sysadmin"}) {
        HttpClient other{server.port()};
        ASSERT_EQ(other.login(username).status, 200);
        EXPECT_EQ(post_json(other, "/api/v1/office-areas", {{"name", "越权办公区"}}).status, 403)
            << username;
        EXPECT_EQ(
            put_json(other,
                     "/api/v1/office-areas/" + std::to_string(office_area_id("人防大楼办公区")),
                     {{"name", "越权办公区"}})
                .status,
            403)
            << username;
        EXPECT_EQ(post_json(other, "/api/v1/strength-tags", {{"name", "越权标签"}}).status, 403)
            << username;
        EXPECT_EQ(other.get("/api/v1/strength-tags").status, 200) << username;
        EXPECT_EQ(
            other.get("/api/v1/office-areas/" + std::to_string(office_area_id("人防大楼办公区")))
                .status,
            200);
    }
}

class StrengthTagWrite : public RegistryWrite {};

TEST_F(StrengthTagWrite, TheNineDefaultTagsAreSeededInOrder) {
    const auto page = admin.get("/api/v1/strength-tags").json();
    EXPECT_EQ(page.at("total").as_int64(), 9);
    const std::vector<std::string> expected = {"活动阵地",     "党课讲师", "党务专家",
                                               "红色教育基地", "宣传媒体", "法律",
                                               "财务审计",     "科技",     "志愿服务"};
    const auto& items = page.at("items").as_array();
    ASSERT_EQ(items.size(), expected.size());
    for (std::size_t i = 0; i < items.size(); ++i) {
        EXPECT_EQ(items[i].at("name").as_string(), expected[i]);
        EXPECT_TRUE(items[i].at("active").as_bool());
    }
}

TEST_F(StrengthTagWrite, CreateRenameRetire) {
    // Given a new tag, when it is created, then it is 201 and last in the list.
    const auto created = post_json(admin, "/api/v1/strength-tags", {{"name", "心理服务"}});
    ASSERT_EQ(created.status, 201) << created.body;
    const auto id = created.json().at("id").as_int64();
    EXPECT_EQ(created.json().at("sort_order").as_int64(), 10);
    EXPECT_TRUE(created.json().at("active").as_bool());
    const auto items = admin.get("/api/v1/strength-tags").json().at("items").as_array();
    EXPECT_EQ(items.back().at("id").as_int64(), id);

    // When it is renamed and retired, then both stick.
    const auto updated = put_json(admin, "/api/v1/strength-tags/" + std::to_string(id),
                                  {{"name", "心理健康服务"}, {"active", false}});
    ASSERT_EQ(updated.status, 200) << updated.body;
    EXPECT_EQ(updated.json().at("name").as_string(), "心理健康服务");
    EXPECT_FALSE(updated.json().at("active").as_bool());
    EXPECT_EQ(audit_events("strength_tag.create").size(), 1u);
    EXPECT_EQ(audit_events("strength_tag.update").size(), 1u);
}

TEST_F(StrengthTagWrite, DuplicateIs409AndBlankOrIncompleteIs422) {
    const auto duplicate = post_json(admin, "/api/v1/strength-tags", {{"name", "法律"}});
    EXPECT_EQ(duplicate.status, 409);
    EXPECT_EQ(error_field(duplicate), "name");
    const auto rename =
        put_json(admin, "/api/v1/strength-tags/" + std::to_string(strength_tag_id("科技")),
                 {{"name", "法律"}, {"active", true}});
    EXPECT_EQ(rename.status, 409);
    const auto blank = post_json(admin, "/api/v1/strength-tags", {{"name", " "}});
    EXPECT_EQ(blank.status, 422);
    EXPECT_EQ(error_field(blank), "name");
    const auto no_active =
        put_json(admin, "/api/v1/strength-tags/" + std::to_string(strength_tag_id("科技")),
                 {{"name", "科技"}});
    EXPECT_EQ(no_active.status, 422);
    EXPECT_EQ(error_field(no_active), "active");
    EXPECT_EQ(
        put_json(admin, "/api/v1/strength-tags/999999", {{"name", "无"}, {"active", true}}).status,
        404);
}

}  // namespace
}  // namespace lianjian::testing
