// Specification (issue 14): the second factor over HTTP. An enrolled account's password alone
// answers 401 second_factor_required; the code goes in the same login body ("totp" or
// "recovery_code"); an account whose role requires a second factor reaches only enrolment until
// it has one; the demo accounts made with a known password are exempt; the system administrator
// resets a second factor (DELETE /api/v1/users/{id}/totp), audited.
#include "accounts/totp.hpp"
#include "core/clock.hpp"
#include "support/fake_clock_accounts.hpp"
#include "support/test_server.hpp"

#include <gtest/gtest.h>

namespace lianjian::testing {
namespace {

using namespace std::chrono_literals;

class SecondFactorApi : public ::testing::Test {
  protected:
    void SetUp() override {
        programme_clock::set_time_source(&time);
        ASSERT_EQ(sysadmin.login("sysadmin").status, 200);
        // Given a committee administrator the system administrator created with a password,
        const auto created = sysadmin.post(
            "/api/v1/users", R"({"username":"chair2","display_name":"新主任",)"
                             R"("roles":["committee_admin"],"password":"Chair-Pass-2026",)"
                             R"("must_change_password":false})");
        ASSERT_EQ(created.status, 201) << created.body;
        user_id = created.json().at("id").as_int64();
    }
    void TearDown() override { programme_clock::set_time_source(nullptr); }

    HttpResult login(const std::string& extra = "") {
        return chair.post("/api/v1/auth/login",
                          R"({"username":"chair2","password":"Chair-Pass-2026")" + extra + "}");
    }

    // Signs in, enrols and confirms; returns the recovery codes.
    std::vector<std::string> enrol() {
        EXPECT_EQ(login().status, 200);
        const auto enrolment = chair.post("/api/v1/auth/totp/enrol");
        EXPECT_EQ(enrolment.status, 200) << enrolment.body;
        secret = std::string(enrolment.json().at("secret").as_string());
        const auto confirmed =
            chair.post("/api/v1/auth/totp/confirm",
                       R"({"code":")" + accounts::totp_code(secret, time.now()) + R"("})");
        EXPECT_EQ(confirmed.status, 200) << confirmed.body;
        std::vector<std::string> codes;
        const auto json = confirmed.json();
        for (const auto& code : json.at("recovery_codes").as_array()) {
            codes.emplace_back(code.as_string());
        }
        return codes;
    }

    std::size_t audited(const std::string& action) {
        HttpClient auditor{server.port()};
        EXPECT_EQ(auditor.login("auditor").status, 200);
        const auto events = auditor.get("/api/v1/audit-events?action=" + action);
        EXPECT_EQ(events.status, 200) << events.body;
        return events.json().at("items").as_array().size();
    }

    FakeTime time;
    TestServer server;
    HttpClient sysadmin{server.port()};
    HttpClient chair{server.port()};
    long long user_id = 0;
    std::string secret;
};

TEST_F(SecondFactorApi, GivenTheDemoAccountsThenTheyAreExemptFromEnrolment) {
    HttpClient admin{server.port()};
    const auto login = admin.login("admin");  // committee_admin, demo password
    ASSERT_EQ(login.status, 200) << login.body;
    EXPECT_EQ(login.json().at("second_factor").at("enrolment_required").as_bool(), false);
    EXPECT_EQ(admin.get("/api/v1/alliances").status, 200);
}

TEST_F(SecondFactorApi, GivenARequiredRoleWithoutEnrolmentThenOnlyEnrolmentIsOpen) {
    const auto signed_in = login();
    ASSERT_EQ(signed_in.status, 200) << signed_in.body;
    EXPECT_EQ(signed_in.json().at("second_factor").at("enrolment_required").as_bool(), true);
    const auto refused = chair.get("/api/v1/alliances");
    EXPECT_EQ(refused.status, 403);
    EXPECT_EQ(refused.error_code(), "second_factor_enrolment_required");
    EXPECT_EQ(chair.get("/api/v1/auth/me").status, 200);
    enrol();
    EXPECT_EQ(chair.get("/api/v1/alliances").status, 200);
}

TEST_F(SecondFactorApi, GivenAnEnrolmentThenItAnswersSecretUriAndQrSvg) {
    ASSERT_EQ(login().status, 200);
    const auto enrolment = chair.post("/api/v1/auth/totp/enrol");
    ASSERT_EQ(enrolment.status, 200) << enrolment.body;
    const auto json = enrolment.json().as_object();
    EXPECT_EQ(json.size(), 3u);
    EXPECT_FALSE(json.at("secret").as_string().empty());
    EXPECT_TRUE(json.at("otpauth_uri").as_string().starts_with("otpauth://totp/"));
    EXPECT_TRUE(json.at("qr_svg").as_string().starts_with("<svg"));
}

TEST_F(SecondFactorApi, GivenAnEnrolledAccountThenTheCodeGoesInTheLoginBody) {
    const auto codes = enrol();
    ASSERT_EQ(codes.size(), 10u);
    HttpClient other{server.port()};
    const auto without =
        other.post("/api/v1/auth/login", R"({"username":"chair2","password":"Chair-Pass-2026"})");
    EXPECT_EQ(without.status, 401);
    EXPECT_EQ(without.error_code(), "second_factor_required");
    EXPECT_TRUE(without.headers.find("set-cookie") == without.headers.end());
    // The code the confirmation used is spent;
    const auto replay = login(R"(,"totp":")" + accounts::totp_code(secret, time.now()) + "\"");
    EXPECT_EQ(replay.status, 401);
    EXPECT_EQ(replay.error_code(), "second_factor_invalid");
    // the next step's code signs in,
    time.advance(30s);
    const auto with_code = login(R"(,"totp":")" + accounts::totp_code(secret, time.now()) + "\"");
    EXPECT_EQ(with_code.status, 200) << with_code.body;
    // and so does a recovery code, once.
    const auto recovery = login(R"(,"recovery_code":")" + codes.front() + "\"");
    EXPECT_EQ(recovery.status, 200) << recovery.body;
    EXPECT_EQ(login(R"(,"recovery_code":")" + codes.front() + "\"").status, 401);
}

TEST_F(SecondFactorApi, GivenALostAuthenticatorThenTheSystemAdministratorResetsItAudited) {
    enrol();
    HttpClient viewer{server.port()};
    ASSERT_EQ(viewer.login("viewer").status, 200);
    const auto path = "/api/v1/users/" + std::to_string(user_id) + "/totp";
    EXPECT_EQ(viewer.request("DELETE", path, "", {{"X-Requested-With", "XMLHttpRequest"}}).status,
              403);
    const auto reset =
        sysadmin.request("DELETE", path, "", {{"X-Requested-With", "XMLHttpRequest"}});
    ASSERT_EQ(reset.status, 200) << reset.body;
    EXPECT_EQ(reset.json().at("totp_enabled").as_bool(), false);
    EXPECT_EQ(audited("user.totp_reset"), 1u);
    // The password alone signs in again, and enrolment is due again.
    const auto again = login();
    ASSERT_EQ(again.status, 200) << again.body;
    EXPECT_EQ(again.json().at("second_factor").at("enrolment_required").as_bool(), true);
}

TEST_F(SecondFactorApi, GivenLoginAndMeThenThePasswordExpiryIsTold) {
    const auto signed_in = login();
    ASSERT_EQ(signed_in.status, 200);
    EXPECT_EQ(signed_in.json().at("password").at("expiring_soon").as_bool(), false);
    time.advance(std::chrono::hours(24 * 85));
    const auto me = login();
    ASSERT_EQ(me.status, 200);
    EXPECT_EQ(chair.get("/api/v1/auth/me").json().at("password").at("expiring_soon").as_bool(),
              true);
}

}  // namespace
}  // namespace lianjian::testing
