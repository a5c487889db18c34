// Specification: the committee creates, reads, changes, deactivates and reactivates units; names
// are unique under one parent (409) but may repeat under another; bad input is 422 naming the
// field; the tree has no cycles; every write leaves its audit event.
#include "registry/registry_fixture.hpp"

#include <boost/json/array.hpp>

namespace lianjian::testing {
namespace {

class UnitWrite : public RegistryWrite {};

TEST_F(UnitWrite, CreateReturns201WithTheWholeUnit) {
    // Given a unit with every field,
    const auto area = office_area_id("人防大楼办公区");
    const auto tag = strength_tag_id("法律");
    const auto unit = create_unit({{"name", "区司法局"},
                                   {"short_name", "司法局"},
                                   {"kind", "unit"},
                                   {"party_organization_name", "区司法局机关党委"},
                                   {"party_organization_type", "party_committee"},
                                   {"office_area_id", area},
                                   {"party_member_count", 41},
                                   {"strength_tag_ids", boost::json::array{tag}},
                                   {"first_responsible", "张三（演示）"},
                                   {"direct_responsible", "李四（演示）"},
                                   {"liaison", "王五（演示）"},
                                   {"liaison_phone", "13912345678"}});
    // then the answer carries it back, the phone masked.
    ASSERT_FALSE(unit.empty());
    EXPECT_EQ(unit.at("name").as_string(), "区司法局");
    EXPECT_EQ(unit.at("short_name").as_string(), "司法局");
    EXPECT_TRUE(unit.at("parent_id").is_null());
    EXPECT_EQ(unit.at("party_organization_type").as_string(), "party_committee");
    EXPECT_EQ(unit.at("office_area").at("id").as_int64(), area);
    EXPECT_EQ(unit.at("office_area").at("name").as_string(), "人防大楼办公区");
    EXPECT_EQ(unit.at("party_member_count").as_int64(), 41);
    ASSERT_EQ(unit.at("strengths").as_array().size(), 1u);
    EXPECT_EQ(unit.at("strengths").as_array()[0].at("name").as_string(), "法律");
    EXPECT_EQ(unit.at("liaison").as_string(), "王五（演示）");
    EXPECT_EQ(unit.at("liaison_phone").as_string(), "139****5678");
    EXPECT_TRUE(unit.at("active").as_bool());
    EXPECT_FALSE(unit.at("is_demo").as_bool());
    // and GET /units/{id} answers the same object.
    const auto id = unit.at("id").as_int64();
    const auto read = admin.get("/api/v1/units/" + std::to_string(id));
    ASSERT_EQ(read.status, 200);
    EXPECT_EQ(read.json().as_object(), unit);
    // The audit event names the unit but not the phone.
    const auto events = audit_events("unit.create");
    ASSERT_EQ(events.size(), 1u);
    EXPECT_EQ(events[0].object_id, std::to_string(id));
    EXPECT_EQ(events[0].detail.find("13912345678"), std::string::npos);
}

TEST_F(UnitWrite, MinimalUnitTakesTheDefaults) {
    const auto unit = create_unit({{"name", "区档案馆"}});
    ASSERT_FALSE(unit.empty());
    EXPECT_EQ(unit.at("kind").as_string(), "unit");
    EXPECT_EQ(unit.at("party_organization_type").as_string(), "branch");
    EXPECT_TRUE(unit.at("office_area").is_null());
    EXPECT_TRUE(unit.at("liaison_phone").is_null());
    EXPECT_TRUE(unit.at("strengths").as_array().empty());
    EXPECT_EQ(unit.at("party_member_count").as_int64(), 0);
}

TEST_F(UnitWrite, UpdateReplacesTheRecordAndKeepsALeftOutPhone) {
    const auto id = create_unit({{"name", "区档案馆"},
                                 {"liaison_phone", "13912345678"},
                                 {"strength_tag_ids", boost::json::array{strength_tag_id("科技")}}})
                        .at("id")
                        .as_int64();
    const auto target = "/api/v1/units/" + std::to_string(id);
    // When it is replaced without a phone, then the other fields change and the phone stays.
    const auto updated =
        put_json(admin, target,
                 {{"name", "区档案馆（区地方志办）"},
                  {"party_member_count", 9},
                  {"strength_tag_ids",
                   boost::json::array{strength_tag_id("宣传媒体"), strength_tag_id("党课讲师")}}});
    ASSERT_EQ(updated.status, 200) << updated.body;
    const auto unit = updated.json().as_object();
    EXPECT_EQ(unit.at("name").as_string(), "区档案馆（区地方志办）");
    EXPECT_EQ(unit.at("party_member_count").as_int64(), 9);
    EXPECT_EQ(unit.at("liaison_phone").as_string(), "139****5678");
    // Strengths come in the tag list's order.
    const auto& strengths = unit.at("strengths").as_array();
    ASSERT_EQ(strengths.size(), 2u);
    EXPECT_EQ(strengths[0].at("name").as_string(), "党课讲师");
    EXPECT_EQ(strengths[1].at("name").as_string(), "宣传媒体");
    // When the phone is sent as null, then it is removed.
    const auto cleared =
        put_json(admin, target, {{"name", "区档案馆"}, {"liaison_phone", nullptr}});
    ASSERT_EQ(cleared.status, 200) << cleared.body;
    EXPECT_TRUE(cleared.json().at("liaison_phone").is_null());
    // Each write is audited, naming the fields it changed.
    const auto events = audit_events("unit.update");
    ASSERT_EQ(events.size(), 2u);
    EXPECT_NE(events[1].detail.find("party_member_count"), std::string::npos) << events[1].detail;
    EXPECT_NE(events[1].detail.find("strength_tag_ids"), std::string::npos) << events[1].detail;
    EXPECT_NE(events[0].detail.find("liaison_phone"), std::string::npos) << events[0].detail;
}

TEST_F(UnitWrite, DeactivateAndActivateKeepTheUnit) {
    // A unit in no alliance and without sub-units (others are refused: deactivation_test.cpp).
    const auto id = create_unit({{"name", "区档案馆"}}).at("id").as_int64();
    const auto base = "/api/v1/units/" + std::to_string(id);
    const auto deactivated = admin.post(base + "/deactivate");
    ASSERT_EQ(deactivated.status, 200) << deactivated.body;
    EXPECT_FALSE(deactivated.json().at("active").as_bool());
    // It is still there to read and to list: history refers to it.
    EXPECT_EQ(admin.get(base).status, 200);
    EXPECT_EQ(admin.get("/api/v1/units").json().at("total").as_int64(), 15);
    const auto activated = admin.post(base + "/activate");
    ASSERT_EQ(activated.status, 200);
    EXPECT_TRUE(activated.json().at("active").as_bool());
    EXPECT_EQ(audit_events("unit.deactivate").size(), 1u);
    EXPECT_EQ(audit_events("unit.activate").size(), 1u);
    EXPECT_EQ(admin.post("/api/v1/units/999999/deactivate").status, 404);
}

TEST_F(UnitWrite, DuplicateNameInTheSameParentIs409ButAnotherParentIsFine) {
    // Given two districts under one city,
    const auto city =
        create_unit({{"name", "示范市委直属机关工委"}, {"kind", "committee"}}).at("id").as_int64();
    const auto east =
        create_unit({{"name", "东区委直属机关工委"}, {"kind", "committee"}, {"parent_id", city}})
            .at("id")
            .as_int64();
    const auto west =
        create_unit({{"name", "西区委直属机关工委"}, {"kind", "committee"}, {"parent_id", city}})
            .at("id")
            .as_int64();
    // each may have its own 审计局,
    create_unit({{"name", "区审计局"}, {"parent_id", east}});
    create_unit({{"name", "区审计局"}, {"parent_id", west}});
    // but not two in the same district,
    const auto twice =
        post_json(admin, "/api/v1/units", {{"name", "区审计局"}, {"parent_id", east}});
    EXPECT_EQ(twice.status, 409);
    EXPECT_EQ(twice.error_code(), "conflict");
    EXPECT_EQ(error_field(twice), "name");
    // and not a second root of a demo unit's name either.
    EXPECT_EQ(post_json(admin, "/api/v1/units", {{"name", "区审计局"}}).status, 409);
    // Renaming into a taken name is refused too.
    const auto renamed =
        put_json(admin, "/api/v1/units/" + std::to_string(unit_id("区妇联")), {{"name", "团区委"}});
    EXPECT_EQ(renamed.status, 409);
    // The tree shows the city with its two districts.
    const auto tree = admin.get("/api/v1/units/tree");
    ASSERT_EQ(tree.status, 200);
    bool found = false;
    const auto roots = tree.json();
    for (const auto& root : roots.at("items").as_array()) {
        if (root.at("id").as_int64() == city) {
            found = true;
            const auto& districts = root.at("children").as_array();
            ASSERT_EQ(districts.size(), 2u);
            EXPECT_EQ(districts[0].at("name").as_string(), "东区委直属机关工委");
            EXPECT_EQ(districts[0].at("children").as_array().size(), 1u);
        }
    }
    EXPECT_TRUE(found);
    // The parent filter lists a district's units.
    EXPECT_EQ(
        admin.get("/api/v1/units?parent_id=" + std::to_string(city)).json().at("total").as_int64(),
        2);
}

TEST_F(UnitWrite, BadInputIs422NamingTheField) {
    const auto area = office_area_id("人防大楼办公区");
    const std::pair<boost::json::object, const char*> cases[] = {
        {{{"short_name", "无名"}}, "name"},
        {{{"name", "   "}}, "name"},
        {{{"name", 7}}, "name"},
        {{{"name", "甲单位"}, {"parent_id", 999999}}, "parent_id"},
        {{{"name", "甲单位"}, {"office_area_id", 999999}}, "office_area_id"},
        {{{"name", "甲单位"}, {"office_area_id", area}, {"party_member_count", -1}},
         "party_member_count"},
        {{{"name", "甲单位"}, {"strength_tag_ids", boost::json::array{999999}}},
         "strength_tag_ids"},
        {{{"name", "甲单位"}, {"strength_tag_ids", "法律"}}, "strength_tag_ids"},
        {{{"name", "甲单位"}, {"liaison_phone", "138****5678"}}, "liaison_phone"},
        {{{"name", "甲单位"}, {"liaison_phone", "1234"}}, "liaison_phone"},
        {{{"name", "甲单位"}, {"liaison_phone", "123456789012345678901"}}, "liaison_phone"},
        {{{"name", "甲单位"}, {"kind", "department"}}, "kind"},
        {{{"name", "甲单位"}, {"party_organization_type", "党支部"}}, "party_organization_type"},
    };
    for (const auto& [body, field] : cases) {
        const auto result = post_json(admin, "/api/v1/units", body);
        EXPECT_EQ(result.status, 422) << boost::json::serialize(body) << " → " << result.body;
        EXPECT_EQ(error_field(result), field) << result.body;
    }
    EXPECT_EQ(admin.get("/api/v1/units").json().at("total").as_int64(), 14);
    EXPECT_TRUE(audit_events("unit.create").empty());
}

TEST_F(UnitWrite, AParentCannotBeTheUnitOrBelowIt) {
    const auto city =
        create_unit({{"name", "示范市委直属机关工委"}, {"kind", "committee"}}).at("id").as_int64();
    const auto district =
        create_unit({{"name", "东区委直属机关工委"}, {"parent_id", city}}).at("id").as_int64();
    const auto target = "/api/v1/units/" + std::to_string(city);
    const auto under_itself =
        put_json(admin, target, {{"name", "示范市委直属机关工委"}, {"parent_id", city}});
    EXPECT_EQ(under_itself.status, 422);
    EXPECT_EQ(error_field(under_itself), "parent_id");
    const auto under_child =
        put_json(admin, target, {{"name", "示范市委直属机关工委"}, {"parent_id", district}});
    EXPECT_EQ(under_child.status, 422);
    EXPECT_EQ(error_field(under_child), "parent_id");
}

TEST_F(UnitWrite, ARetiredTagStaysButIsGivenToNoOtherUnit) {
    const auto tag = strength_tag_id("科技");
    const auto keeper =
        create_unit({{"name", "区科技局"}, {"strength_tag_ids", boost::json::array{tag}}});
    ASSERT_EQ(put_json(admin, "/api/v1/strength-tags/" + std::to_string(tag),
                       {{"name", "科技"}, {"active", false}})
                  .status,
              200);
    const auto kept =
        put_json(admin, "/api/v1/units/" + std::to_string(keeper.at("id").as_int64()),
                 {{"name", "区科学技术局"}, {"strength_tag_ids", boost::json::array{tag}}});
    EXPECT_EQ(kept.status, 200) << kept.body;
    const auto refused =
        post_json(admin, "/api/v1/units",
                  {{"name", "区数据局"}, {"strength_tag_ids", boost::json::array{tag}}});
    EXPECT_EQ(refused.status, 422);
    EXPECT_EQ(error_field(refused), "strength_tag_ids");
}

TEST_F(UnitWrite, UnknownUnitIs404) {
    EXPECT_EQ(admin.get("/api/v1/units/999999").status, 404);
    EXPECT_EQ(put_json(admin, "/api/v1/units/999999", {{"name", "无"}}).status, 404);
    EXPECT_EQ(admin.get("/api/v1/units/abc").status, 404);
}

}  // namespace
}  // namespace lianjian::testing
