#pragma once

#include "storage/member_repository.hpp"
#include "support/test_server.hpp"

#include <gtest/gtest.h>
#include <boost/json.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>

namespace lianjian::testing {

// A demo server with the committee administrator signed in, and helpers for member requests.
class MemberFixture : public ::testing::Test {
  protected:
    void SetUp() override { ASSERT_EQ(admin.login("admin").status, 200); }

    long long unit_id(const std::string& name) {
        storage::Connection connection(server.application().services().database);
        const auto units = storage::find_member_units_by_name(connection.session(), name);
        EXPECT_EQ(units.size(), 1u) << name;
        return units.empty() ? 0 : units.front().id;
    }

    static std::string member_body(const std::string& name, long long unit,
                                   const std::string& phone, const std::string& status = "formal") {
        return boost::json::serialize(boost::json::object{{"name", name},
                                                          {"gender", "female"},
                                                          {"unit_id", unit},
                                                          {"post", "组织委员"},
                                                          {"phone", phone},
                                                          {"joined_on", "2015-07-01"},
                                                          {"status", status}});
    }

    // Creates a member as the committee administrator and returns its id.
    long long create(const std::string& name, long long unit, const std::string& phone) {
        const auto result = admin.post("/api/v1/members", member_body(name, unit, phone));
        EXPECT_EQ(result.status, 201) << result.body;
        return result.status == 201 ? result.json().at("id").as_int64() : 0;
    }

    static HttpResult put(HttpClient& client, const std::string& target, const std::string& body) {
        return client.request(
            "PUT", target, body,
            {{"X-Requested-With", "XMLHttpRequest"}, {"Content-Type", "application/json"}});
    }

    HttpClient signed_in(const std::string& username) {
        HttpClient client(server.port());
        EXPECT_EQ(client.login(username).status, 200) << username;
        return client;
    }

    long long member_total(const std::string& query = "") {
        const auto result = admin.get("/api/v1/members?page_size=1" + query);
        EXPECT_EQ(result.status, 200) << result.body;
        return result.json().at("total").as_int64();
    }

    std::vector<audit::AuditEvent> audit_events(const std::string& action) {
        audit::AuditFilter filter;
        filter.action = action;
        filter.page_size = 200;
        return server.application().services().audit.list(filter).items;
    }

    TestServer server;
    HttpClient admin{server.port()};
};

// The text of one part of a zip file (an .xlsx), through the system's unzip; nothing if it is
// not installed, so that a test can skip rather than fail on a machine without it.
inline std::optional<std::string> zip_entry(const std::string& bytes, const std::string& entry) {
    if (std::system("command -v unzip >/dev/null 2>&1") != 0) {
        return std::nullopt;
    }
    static std::mt19937_64 generator{std::random_device{}()};
    const auto path = std::filesystem::temp_directory_path() /
                      ("lianjian-xlsx-test-" + std::to_string(generator()) + ".xlsx");
    std::ofstream(path, std::ios::binary) << bytes;
    std::string text;
    if (FILE* pipe = popen(("unzip -p '" + path.string() + "' '" + entry + "'").c_str(), "r")) {
        char chunk[4096];
        std::size_t count = 0;
        while ((count = fread(chunk, 1, sizeof chunk, pipe)) > 0) {
            text.append(chunk, count);
        }
        pclose(pipe);
    }
    std::filesystem::remove(path);
    return text;
}

}  // namespace lianjian::testing
