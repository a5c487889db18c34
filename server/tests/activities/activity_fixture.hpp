#pragma once

// What the activity and ledger specifications share: the demo server, 第一联盟 (led by
// 区委直属机关工委, gongwei_admin) with 区审计局 (shenji_admin) among its members, 第二联盟's lead
// (zhengwu_admin), the viewer and the committee (admin); short ways to record an activity, mark
// its attendance and attach a file as the other areas would, and to run SQL as a tamperer would.
#include "ledger/chain.hpp"
#include "plans/plan_fixture.hpp"
#include "storage/database.hpp"

#include <chrono>
#include <fstream>

namespace lianjian::testing::activity_support {

using namespace plan_support;

// The unit administrators of 第一联盟's demo units, by unit name.
inline std::string admin_of(const std::string& unit_name) {
    static const std::map<std::string, std::string> names = {{"区委直属机关工委", "gongwei_admin"},
                                                             {"区审计局", "shenji_admin"},
                                                             {"区总工会", "zonggonghui_admin"},
                                                             {"区妇联", "fulian_admin"},
                                                             {"团区委", "tuanquwei_admin"}};
    return names.at(unit_name);
}

inline std::string stored_instant(std::chrono::hours offset) {
    return format_timestamp(programme_clock::now() + offset);
}

inline HttpResult patch_body(HttpClient& client, const std::string& target,
                             const boost::json::object& body) {
    return client.request(
        "PATCH", target, boost::json::serialize(body),
        {{"X-Requested-With", "XMLHttpRequest"}, {"Content-Type", "application/json"}});
}

inline std::string reason_of(const HttpResult& result) {
    const auto json = result.json();
    const auto* details = json.at("error").as_object().if_contains("details");
    if (!details || !details->is_object() || !details->as_object().contains("reason"))
        return {};
    return std::string(details->at("reason").as_string());
}

class ActivityFixture : public PlanFixture {
  protected:
    static std::string path(long long id, const std::string& action = "") {
        return "/api/v1/activities/" + std::to_string(id) + (action.empty() ? "" : "/" + action);
    }

    // A new activity of 第一联盟 hosted by 区委直属机关工委 (its lead), ended two days ago unless
    // `upcoming`: recorded after the fact, so it is held.
    boost::json::object body(bool upcoming = false) {
        const auto starts = upcoming ? stored_instant(std::chrono::hours(24 * 10))
                                     : stored_instant(-std::chrono::hours(50));
        const auto ends = upcoming ? stored_instant(std::chrono::hours(24 * 10 + 2))
                                   : stored_instant(-std::chrono::hours(48));
        return {{"alliance_id", first},
                {"linkage", "theory_study"},
                {"kind", "theme_party_day"},
                {"title", "共过主题党日"},
                {"starts_at", starts},
                {"ends_at", ends},
                {"place", "党员活动室"},
                {"host_unit_id", gongwei},
                {"host_change_reason", "轮值单位场地检修，由牵头单位承办"},
                {"participating_unit_ids", boost::json::array{gongwei, shenji}}};
    }

    long long create(const boost::json::object& sent) {
        const auto created = post_body(lead, "/api/v1/activities", sent);
        EXPECT_EQ(created.status, 201) << created.body;
        return created.status == 201 ? created.json().at("id").as_int64() : 0;
    }

    // Runs `sql` with the activity id bound as :id, as another area (or a tamperer) would.
    void execute(const std::string& sql, long long id) {
        storage::Transaction transaction(server.application().database());
        transaction.session() << sql, soci::use(id);
        transaction.commit();
    }

    void mark_everyone_present(long long id) {
        execute(
            "UPDATE attendance SET status = 'present', method = 'manual', recorded_at = "
            "'2026-01-01T00:00:00.000Z' WHERE activity_id = :id",
            id);
    }

    std::filesystem::path attachment_path(const std::string& stored_name) {
        return server.database().directory() / "attachments" / stored_name;
    }

    // Writes a photo file and its row, as the attachments area does.
    void attach_photo(long long id, const std::string& stored_name) {
        std::filesystem::create_directories(attachment_path(stored_name).parent_path());
        {
            std::ofstream file(attachment_path(stored_name), std::ios::binary);
            file << "\xFF\xD8\xFF photo bytes of " << stored_name;
        }
        const auto sha = ledger::sha256_of_file(attachment_path(stored_name)).value();
        storage::Transaction transaction(server.application().database());
        const std::string kind = "photo", media = "image/jpeg", original = "合影.jpg";
        const std::string now = now_timestamp();
        const long long size = 10;
        transaction.session()
            << "INSERT INTO attachment (activity_id, kind, media_type, original_name, "
               "stored_name, size_bytes, sha256, uploaded_at) VALUES (:activity, :kind, :media, "
               ":original, :stored, :size, :sha, :now)",
            soci::use(id), soci::use(kind), soci::use(media), soci::use(original),
            soci::use(stored_name), soci::use(size), soci::use(sha), soci::use(now);
        transaction.commit();
    }

    // A held activity with everything its ledger needs.
    long long complete_activity(const std::string& stored_name) {
        auto sent = body();
        sent["theme"] = "学习贯彻党的二十大精神";
        sent["content"] = "集中学习、交流研讨";
        sent["outcomes"] = "形成学习体会 12 篇";
        const long long id = create(sent);
        mark_everyone_present(id);
        attach_photo(id, stored_name);
        return id;
    }

    // Complete, submitted by the host and archived by the committee.
    long long archived_activity(const std::string& stored_name) {
        const long long id = complete_activity(stored_name);
        const auto submitted = lead.post(path(id, "submit-ledger"));
        EXPECT_EQ(submitted.status, 200) << submitted.body;
        const auto archived = admin.post(path(id, "archive"));
        EXPECT_EQ(archived.status, 200) << archived.body;
        return id;
    }

    // The rotation's host for an activity of 第一联盟 on the local date `date`: the quarter's
    // turn, or the next turn not yet taken.
    long long rotation_host_on(const std::string& date) {
        const auto plan = services().alliances.rotation(first, std::stoi(date.substr(0, 4)));
        for (const auto& turn : plan.turns) {
            if (plan.mode == alliances::RotationMode::per_quarter) {
                if (turn.starts_on <= date && date <= turn.ends_on)
                    return turn.host_unit_id;
            } else if (!turn.fixed) {
                return turn.host_unit_id;
            }
        }
        ADD_FAILURE() << "no rotation host on " << date;
        return 0;
    }

    boost::json::value activity_json(HttpClient& client, long long id) {
        const auto result = client.get(path(id));
        EXPECT_EQ(result.status, 200) << result.body;
        return result.json();
    }

    boost::json::value verify() {
        const auto result = admin.get("/api/v1/ledger/verify");
        EXPECT_EQ(result.status, 200) << result.body;
        return result.json();
    }

    // The verification of 第一联盟's chain.
    boost::json::value first_chain() {
        const auto verification = verify();
        for (const auto& chain : verification.at("alliances").as_array()) {
            if (chain.at("alliance").at("id").as_int64() == first)
                return chain;
        }
        ADD_FAILURE() << "no chain for 第一联盟";
        return {};
    }
};

}  // namespace lianjian::testing::activity_support
