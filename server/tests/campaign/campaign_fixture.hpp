#pragma once

// What the campaign specifications share: the alliance fixture's demo server with the committee
// signed in, a clock the test sets, and ways to write what the plans area would write (a
// submitted plan, a plan item that uses a checklist item) without its services.
#include "alliances/alliance_fixture.hpp"

#include <memory>

namespace lianjian::testing::campaign_support {

using namespace alliance_support;

class SetTime : public TimeSource {
  public:
    explicit SetTime(const std::string& instant) : at_(parse_timestamp(instant, "t")) {}
    TimePoint now() const override { return at_; }
    void set(const std::string& instant) { at_ = parse_timestamp(instant, "t"); }

  private:
    TimePoint at_;
};

// The programme's clock held at 29 November 2026 from before the demo server starts, so that the
// demo's campaign, checklist and plans are those of 2026 whatever year the tests run in, and the
// specifications can name 2026's dates. A test moves it with `clock_at`.
class ClockIn2026 {
  protected:
    ClockIn2026() { programme_clock::set_time_source(&pinned_); }

    SetTime pinned_{"2026-11-29T02:00:00Z"};
};

// ClockIn2026 comes first, so the clock is set before the fixture's server loads the demo.
class CampaignFixture : private ClockIn2026, public AllianceFixture {
  protected:
    // The demo's plans of the year were all submitted at least once, which does the plan
    // deadline; these specifications start from an April in which no alliance has a plan, and
    // write the plans they need themselves.
    void SetUp() override {
        AllianceFixture::SetUp();
        storage::Transaction transaction(services().database);
        auto& session = transaction.session();
        session << "DELETE FROM plan_item_unit";
        session << "DELETE FROM plan_item";
        session << "DELETE FROM plan_step";
        session << "DELETE FROM plan_version";
        session << "DELETE FROM plan";
        transaction.commit();
    }

    void TearDown() override { programme_clock::set_time_source(nullptr); }

    void clock_at(const std::string& utc_instant) {
        if (!time_) {
            time_ = std::make_unique<SetTime>(utc_instant);
        } else {
            time_->set(utc_instant);
        }
        programme_clock::set_time_source(time_.get());
    }

    // A plan of `alliance` for `year` with one version submitted at `submitted_at`.
    long long submitted_plan(long long alliance, int year, const std::string& submitted_at) {
        storage::Transaction transaction(services().database);
        auto& session = transaction.session();
        long long plan = 0;
        session << "INSERT INTO plan (alliance_id, year, created_at, updated_at) VALUES (:a, :y, "
                   ":c, :u) RETURNING id",
            soci::use(alliance), soci::use(year), soci::use(submitted_at), soci::use(submitted_at),
            soci::into(plan);
        session << "INSERT INTO plan_version (plan_id, number, state, rotation_mode, submitted_at, "
                   "created_at, updated_at) VALUES (:p, 1, 'submitted', 'per_activity', :s, :c, "
                   ":u)",
            soci::use(plan), soci::use(submitted_at), soci::use(submitted_at),
            soci::use(submitted_at);
        transaction.commit();
        return plan;
    }

    // A draft plan item that starts from checklist item `item`.
    void plan_item_using(long long alliance, int year, long long item) {
        storage::Transaction transaction(services().database);
        auto& session = transaction.session();
        long long plan = 0, version = 0;
        const std::string now = "2026-04-10T00:00:00.000Z";
        session << "INSERT INTO plan (alliance_id, year, created_at, updated_at) VALUES (:a, :y, "
                   ":c, :u) RETURNING id",
            soci::use(alliance), soci::use(year), soci::use(now), soci::use(now), soci::into(plan);
        session << "INSERT INTO plan_version (plan_id, number, state, rotation_mode, created_at, "
                   "updated_at) VALUES (:p, 1, 'draft', 'per_activity', :c, :u) RETURNING id",
            soci::use(plan), soci::use(now), soci::use(now), soci::into(version);
        session << "INSERT INTO plan_item (plan_version_id, position, theme, linkage, kind, month, "
                   "checklist_item_id) VALUES (:v, 1, '共过主题党日', 'theory_study', "
                   "'theme_party_day', 7, :i)",
            soci::use(version), soci::use(item);
        transaction.commit();
    }

    long long reminder_count() {
        storage::Connection connection(services().database);
        long long count = 0;
        connection.session()
            << "SELECT COUNT(*) FROM notification WHERE kind = 'deadline.reminder'",
            soci::into(count);
        return count;
    }

  private:
    std::unique_ptr<SetTime> time_;
};

// error.details.fields[*].field of an error answer.
inline std::vector<std::string> fields_of(const HttpResult& result) {
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

inline std::string reason_of(const HttpResult& result) {
    const auto json = result.json();
    const auto* reason = json.at("error").at("details").as_object().if_contains("reason");
    return reason ? std::string(reason->as_string()) : std::string();
}

}  // namespace lianjian::testing::campaign_support
