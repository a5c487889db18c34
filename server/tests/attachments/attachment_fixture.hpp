#pragma once

// What the attachment and export specifications share: the demo server, one activity of 第一联盟
// written straight into the tables (the activities service is not needed for these rules) with
// 区委直属机关工委 hosting and 区审计局 taking part, its roster filled from both units' members,
// and clients for the host's admin (gongwei_admin), a participating unit's admin (shenji_admin) and
// the lead of 第二联盟, who is outside (zhengwu_admin). Also: image and document bytes to upload.
#include "alliances/alliance_fixture.hpp"
#include "attachments/media_samples.hpp"
#include "storage/roster_repository.hpp"

#include <cstdio>
#include <fstream>
#include <iterator>
#include <sstream>

namespace lianjian::testing::attachment_support {

using namespace alliance_support;

inline std::string percent_encoded(const std::string& text) {
    std::string out;
    constexpr char hex[] = "0123456789ABCDEF";
    for (const unsigned char c : text) {
        if (std::isalnum(c) || c == '.' || c == '-' || c == '_') {
            out.push_back(static_cast<char>(c));
        } else {
            out.push_back('%');
            out.push_back(hex[c >> 4]);
            out.push_back(hex[c & 15]);
        }
    }
    return out;
}

inline std::string read_file(const std::filesystem::path& path) {
    std::ifstream file(path, std::ios::binary);
    return {(std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>()};
}

inline std::size_t file_count(const std::filesystem::path& directory) {
    std::error_code error;
    if (!std::filesystem::is_directory(directory, error)) {
        return 0;
    }
    return static_cast<std::size_t>(std::distance(std::filesystem::directory_iterator(directory),
                                                  std::filesystem::directory_iterator()));
}

class AttachmentFixture : public AllianceFixture {
  protected:
    void SetUp() override {
        AllianceFixture::SetUp();
        first = alliance_id("第一联盟");
        gongwei = unit_id("区委直属机关工委");
        shenji = unit_id("区审计局");
        ASSERT_EQ(host.login("gongwei_admin").status, 200);
        ASSERT_EQ(participant.login("shenji_admin").status, 200);
        ASSERT_EQ(outsider.login("zhengwu_admin").status, 200);
        activity = new_activity("共过主题党日：重温入党誓词", "held");
    }

    const std::filesystem::path& data_dir() const { return server.database().directory(); }
    std::filesystem::path attachments_dir() const { return data_dir() / "attachments"; }
    std::filesystem::path temporary_dir() const { return data_dir() / "tmp"; }

    // An activity of 第一联盟 this year in `state`, hosted by 区委直属机关工委 with 区审计局, its
    // roster synced and every second member marked present.
    long long new_activity(const std::string& title, const std::string& state) {
        const auto year = std::to_string(current_year());
        storage::Transaction transaction(server.application().database());
        auto& session = transaction.session();
        long long id = 0;
        const int local_year = current_year();
        const std::string starts = year + "-05-20T01:30:00Z", ends = year + "-05-20T03:30:00Z";
        const std::string now = year + "-05-21T00:00:00Z";
        session << "INSERT INTO activity (alliance_id, year, linkage, kind, title, theme, content, "
                   "outcomes, minutes, place, starts_at, ends_at, host_unit_id, state, created_at, "
                   "updated_at) VALUES (:alliance, :year, 'theory_study', 'theme_party_day', "
                   ":title, '重温入党誓词，坚定理想信念', '集体学习党章并重温入党誓词。', "
                   "'参加党员撰写心得体会 20 篇。', '会议由工委书记主持。', '党员活动室', :starts, "
                   ":ends, :host, :state, :created, :updated) RETURNING id",
            soci::use(first), soci::use(local_year), soci::use(title), soci::use(starts),
            soci::use(ends), soci::use(gongwei), soci::use(state), soci::use(now), soci::use(now),
            soci::into(id);
        for (const auto unit : {gongwei, shenji}) {
            session << "INSERT INTO activity_unit (activity_id, unit_id) VALUES (:a, :u)",
                soci::use(id), soci::use(unit);
        }
        session << "INSERT INTO activity_part (activity_id, unit_id, content, outcomes, "
                   "created_at, updated_at) VALUES (:a, :u, '审计局组织青年党员分享', "
                   "'形成分享材料 3 份', :c, :u2)",
            soci::use(id), soci::use(shenji), soci::use(now), soci::use(now);
        storage::sync_roster(session, id);
        session << "UPDATE attendance SET status = 'present', method = 'manual', recorded_at = "
                   ":now WHERE activity_id = :a AND member_id % 2 = 0",
            soci::use(now), soci::use(id);
        transaction.commit();
        return id;
    }

    void set_state(long long id, const std::string& state) {
        storage::Transaction transaction(server.application().database());
        transaction.session() << "UPDATE activity SET state = :state WHERE id = :id",
            soci::use(state), soci::use(id);
        transaction.commit();
    }

    long long count(const std::string& sql) {
        storage::Connection connection(server.application().database());
        long long value = 0;
        connection.session() << sql, soci::into(value);
        return value;
    }

    static HttpResult upload(HttpClient& client, long long activity_id, const std::string& bytes,
                             const std::string& filename, const std::string& kind = "") {
        std::string target = "/api/v1/activities/" + std::to_string(activity_id) +
                             "/attachments?filename=" + percent_encoded(filename);
        if (!kind.empty()) {
            target += "&kind=" + kind;
        }
        return client.request(
            "POST", target, bytes,
            {{"X-Requested-With", "XMLHttpRequest"}, {"Content-Type", "application/octet-stream"}});
    }

    static std::string attachment_path(long long id, const std::string& what = "") {
        return "/api/v1/attachments/" + std::to_string(id) + what;
    }

    long long first = 0, gongwei = 0, shenji = 0, activity = 0;
    HttpClient host{server.port()};
    HttpClient participant{server.port()};
    HttpClient outsider{server.port()};
};

}  // namespace lianjian::testing::attachment_support
