// Specification (issue 8, point 4): deactivating a unit that others depend on — active sub-units,
// a place in an alliance that is not dissolved — is refused with 409 naming every dependant;
// once they are resolved through their own audited paths, deactivation goes through.
#include "registry/registry_fixture.hpp"

namespace lianjian::testing {
namespace {

class Deactivation : public RegistryWrite {
  protected:
    HttpResult deactivate(long long id) {
        return admin.post("/api/v1/units/" + std::to_string(id) + "/deactivate");
    }

    long long alliance_id(const std::string& name) {
        for (const auto& alliance : server.application().services().alliances.list(today_date())) {
            if (alliance.name == name) {
                return alliance.id;
            }
        }
        ADD_FAILURE() << "no alliance " << name;
        return 0;
    }

    static std::vector<std::string> dependant_names(const HttpResult& result) {
        std::vector<std::string> names;
        const auto json = result.json();
        for (const auto& item : json.at("error").at("details").at("dependants").as_array()) {
            names.push_back(std::string(item.at("kind").as_string()) + ":" +
                            std::string(item.at("name").as_string()));
        }
        return names;
    }

    bool active(long long id) {
        return admin.get("/api/v1/units/" + std::to_string(id)).json().at("active").as_bool();
    }
};

TEST_F(Deactivation, AUnitWithActiveChildrenInAnAllianceIs409NamingThem) {
    // Given 区审计局 with two active sub-units, a current member of 第一联盟,
    const auto shenji = unit_id("区审计局");
    create_unit({{"name", "审计一科"}, {"parent_id", shenji}});
    create_unit({{"name", "审计二科"}, {"parent_id", shenji}});
    // when the committee deactivates it,
    const auto result = deactivate(shenji);
    // then 409 names the two sub-units and the alliance, and the unit stays active.
    ASSERT_EQ(result.status, 409) << result.body;
    EXPECT_EQ(dependant_names(result),
              (std::vector<std::string>{"unit:审计一科", "unit:审计二科", "alliance:第一联盟"}));
    const auto message = std::string(result.json().at("error").at("message").as_string());
    EXPECT_NE(message.find("审计一科"), std::string::npos) << message;
    EXPECT_NE(message.find("第一联盟"), std::string::npos) << message;
    EXPECT_TRUE(active(shenji));
    EXPECT_TRUE(audit_events("unit.deactivate").empty());
    // Its own admin can still apply to leave: the unit is not left half-deactivated.
    HttpClient own(server.port());
    ASSERT_EQ(own.login("shenji_admin").status, 200);
    const auto leave = post_json(own, "/api/v1/applications",
                                 {{"kind", "leave"},
                                  {"unit_id", shenji},
                                  {"alliance_id", alliance_id("第一联盟")},
                                  {"reason", "机构调整"}});
    EXPECT_EQ(leave.status, 201) << leave.body;
}

TEST_F(Deactivation, OnceDependantsAreResolvedItGoesThroughAudited) {
    // Given a parent with one child and no alliance,
    const auto parent = create_unit({{"name", "停用测试上级"}}).at("id").as_int64();
    const auto child =
        create_unit({{"name", "停用测试下级"}, {"parent_id", parent}}).at("id").as_int64();
    auto refused = deactivate(parent);
    ASSERT_EQ(refused.status, 409) << refused.body;
    EXPECT_EQ(dependant_names(refused), std::vector<std::string>{"unit:停用测试下级"});
    // when the child is deactivated first, the parent may be.
    ASSERT_EQ(deactivate(child).status, 200);
    const auto done = deactivate(parent);
    ASSERT_EQ(done.status, 200) << done.body;
    EXPECT_FALSE(active(parent));
    EXPECT_EQ(audit_events("unit.deactivate").size(), 2u);
}

TEST_F(Deactivation, AUnitThatLeftItsAllianceMayBeDeactivated) {
    // Another dependant of the kind: the alliance. After the unit leaves through the alliance's
    // audited leave path, nothing depends on it.
    const auto tuanquwei = unit_id("团区委");
    ASSERT_EQ(deactivate(tuanquwei).status, 409);
    const auto left = post_json(admin,
                                "/api/v1/alliances/" + std::to_string(alliance_id("第一联盟")) +
                                    "/members/" + std::to_string(tuanquwei) + "/leave",
                                {{"reason", "机构调整"}});
    ASSERT_EQ(left.status, 200) << left.body;
    EXPECT_EQ(deactivate(tuanquwei).status, 200);
    // Activating again is never refused.
    EXPECT_EQ(admin.post("/api/v1/units/" + std::to_string(tuanquwei) + "/activate").status, 200);
}

}  // namespace
}  // namespace lianjian::testing
