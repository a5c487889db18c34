// Specification: who may change a unit. A unit's own administrator edits its record but not
// another unit's, nor where its unit sits in the tree; a viewer writes nothing. The liaison's
// phone is masked everywhere, sealed at rest, and shown in full only through an audited call.
#include "registry/registry_fixture.hpp"

#include <boost/json/array.hpp>

#include <fstream>
#include <iterator>

namespace lianjian::testing {
namespace {

class UnitAccess : public RegistryWrite {
  protected:
    void SetUp() override {
        RegistryWrite::SetUp();
        ASSERT_EQ(bianban.login("bianban_admin").status, 200);
        ASSERT_EQ(viewer.login("viewer").status, 200);
    }

    // The unit's record as a PUT body, as the web form sends it back.
    boost::json::object editable(long long id) {
        auto unit = admin.get("/api/v1/units/" + std::to_string(id)).json().as_object();
        boost::json::array tags;
        for (const auto& tag : unit.at("strengths").as_array()) {
            tags.push_back(tag.at("id"));
        }
        boost::json::object body;
        for (const char* field :
             {"name", "short_name", "parent_id", "kind", "party_organization_name",
              "party_organization_type", "party_member_count", "first_responsible",
              "direct_responsible", "liaison"}) {
            body[field] = unit.at(field);
        }
        body["office_area_id"] = unit.at("office_area").at("id");
        body["strength_tag_ids"] = std::move(tags);
        return body;
    }

    HttpClient bianban{server.port()};
    HttpClient viewer{server.port()};
};

TEST_F(UnitAccess, UnitAdminEditsItsOwnUnit) {
    // Given 区委编办's administrator and its unit's record,
    const auto id = unit_id("区委编办");
    auto body = editable(id);
    body["liaison"] = "新联络员（演示）";
    body["liaison_phone"] = "13987654321";
    body["party_member_count"] = 17;
    // when it changes the liaison, then that is saved,
    const auto result = put_json(bianban, "/api/v1/units/" + std::to_string(id), body);
    ASSERT_EQ(result.status, 200) << result.body;
    EXPECT_EQ(result.json().at("liaison").as_string(), "新联络员（演示）");
    EXPECT_EQ(result.json().at("liaison_phone").as_string(), "139****4321");
    EXPECT_EQ(result.json().at("party_member_count").as_int64(), 17);
    // and the trail says who did it.
    const auto events = audit_events("unit.update");
    ASSERT_EQ(events.size(), 1u);
    EXPECT_EQ(events[0].username, "bianban_admin");
}

TEST_F(UnitAccess, UnitAdminCannotEditAnotherUnit) {
    const auto other = unit_id("区水建中心");
    const auto result =
        put_json(bianban, "/api/v1/units/" + std::to_string(other), editable(other));
    EXPECT_EQ(result.status, 403);
    EXPECT_EQ(result.error_code(), "forbidden");
    EXPECT_TRUE(audit_events("unit.update").empty());
}

TEST_F(UnitAccess, UnitAdminCannotMoveItsUnitOrChangeItsKind) {
    const auto id = unit_id("区委编办");
    auto moved = editable(id);
    moved["parent_id"] = unit_id("区委直属机关工委");
    const auto result = put_json(bianban, "/api/v1/units/" + std::to_string(id), moved);
    EXPECT_EQ(result.status, 403);
    EXPECT_EQ(result.error_code(), "forbidden");
    EXPECT_NE(std::string(result.json().at("error").at("message").as_string()).find("上级单位"),
              std::string::npos);
    auto promoted = editable(id);
    promoted["kind"] = "committee";
    EXPECT_EQ(put_json(bianban, "/api/v1/units/" + std::to_string(id), promoted).status, 403);
    // The committee may do both.
    EXPECT_EQ(put_json(admin, "/api/v1/units/" + std::to_string(id), moved).status, 200);
}

TEST_F(UnitAccess, UnitAdminCannotCreateDeactivateOrEditTheLists) {
    const auto id = unit_id("区委编办");
    EXPECT_EQ(post_json(bianban, "/api/v1/units", {{"name", "越权单位"}}).status, 403);
    EXPECT_EQ(bianban.post("/api/v1/units/" + std::to_string(id) + "/deactivate").status, 403);
    EXPECT_EQ(bianban.post("/api/v1/units/" + std::to_string(id) + "/activate").status, 403);
}

TEST_F(UnitAccess, ViewerWritesNothing) {
    const auto id = unit_id("区委编办");
    const auto target = "/api/v1/units/" + std::to_string(id);
    EXPECT_EQ(post_json(viewer, "/api/v1/units", {{"name", "越权单位"}}).status, 403);
    EXPECT_EQ(put_json(viewer, target, editable(id)).status, 403);
    EXPECT_EQ(viewer.post(target + "/deactivate").status, 403);
    EXPECT_EQ(viewer.post(target + "/liaison-phone/unmask").status, 403);
    EXPECT_EQ(post_json(viewer, "/api/v1/office-areas", {{"name", "越权办公区"}}).status, 403);
    EXPECT_EQ(
        put_json(viewer, "/api/v1/strength-tags/1", {{"name", "越权"}, {"active", true}}).status,
        403);
    // It still reads.
    EXPECT_EQ(viewer.get(target).status, 200);
    EXPECT_EQ(viewer.get("/api/v1/units/tree").status, 200);
}

TEST_F(UnitAccess, PhonesAreMaskedInListsAndDemoUnitsHaveFakeOnes) {
    const auto page = admin.get("/api/v1/units?page_size=100").json();
    for (const auto& unit : page.at("items").as_array()) {
        const std::string phone(unit.at("liaison_phone").as_string());
        EXPECT_EQ(phone.substr(0, 7), "138****") << unit.at("name").as_string();
        EXPECT_EQ(phone.size(), 11u);
    }
}

TEST_F(UnitAccess, UnmaskShowsTheFullNumberAndIsAudited) {
    const auto id = unit_id("区委编办");
    const auto target = "/api/v1/units/" + std::to_string(id) + "/liaison-phone/unmask";
    // The committee and the unit's own administrator see the full number,
    const auto by_admin = admin.post(target);
    ASSERT_EQ(by_admin.status, 200) << by_admin.body;
    EXPECT_EQ(by_admin.json().at("phone").as_string(), "13800000011");
    EXPECT_EQ(bianban.post(target).json().at("phone").as_string(), "13800000011");
    // each time audited without the number,
    const auto events = audit_events("unit.liaison_phone_unmask");
    ASSERT_EQ(events.size(), 2u);
    EXPECT_EQ(events[0].username, "bianban_admin");
    EXPECT_EQ(events[0].object_id, std::to_string(id));
    EXPECT_EQ(events[0].detail.find("13800000011"), std::string::npos);
    // but not another unit's administrator.
    const auto other = bianban.post("/api/v1/units/" + std::to_string(unit_id("区水建中心")) +
                                    "/liaison-phone/unmask");
    EXPECT_EQ(other.status, 403);
    // A unit without a phone has nothing to unmask.
    const auto bare = create_unit({{"name", "区档案馆"}}).at("id").as_int64();
    EXPECT_EQ(admin.post("/api/v1/units/" + std::to_string(bare) + "/liaison-phone/unmask").status,
              404);
}

TEST_F(UnitAccess, ThePhoneIsSealedAtRest) {
    // Given a phone written through the API,
    const std::string phone = "13912345678";
    const auto unit = create_unit({{"name", "区档案馆"}, {"liaison_phone", phone}});
    ASSERT_FALSE(unit.empty());
    // then no column of the unit's row holds it, on either database,
    {
        storage::Connection connection(server.application().database());
        std::string sealed;
        std::string hash;
        const long long id = unit.at("id").as_int64();
        connection.session()
            << "SELECT liaison_phone_sealed, liaison_phone_hash FROM unit WHERE id = :id",
            soci::use(id), soci::into(sealed), soci::into(hash);
        EXPECT_FALSE(sealed.empty());
        EXPECT_EQ(sealed.find(phone), std::string::npos);
        EXPECT_EQ(hash.find(phone), std::string::npos);
    }
    if (server.database().dialect() != storage::Dialect::sqlite) {
        return;  // PostgreSQL's files are the server's; the raw scan is for SQLite.
    }
    // and when the write-ahead log is folded into the SQLite file and the file is read raw,
    {
        storage::Connection connection(server.application().database());
        connection.session() << "PRAGMA wal_checkpoint(TRUNCATE)";
    }
    std::ifstream file(server.database().directory() / "lianjian.db", std::ios::binary);
    ASSERT_TRUE(file.good());
    const std::string bytes{std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>()};
    // neither that number nor a demo liaison's is in it, while the unit's name is.
    EXPECT_EQ(bytes.find(phone), std::string::npos);
    EXPECT_EQ(bytes.find("13800000011"), std::string::npos);
    EXPECT_NE(bytes.find("区档案馆"), std::string::npos);
}

}  // namespace
}  // namespace lianjian::testing
