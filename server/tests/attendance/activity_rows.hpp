#pragma once

// What the attendance specifications share: the demo server with its clock pinned (so that the
// sign-in window can be crossed on purpose), an activity of 第一联盟 written straight into the
// tables (the activities service is another area's), hosted by 区审计局 with 区委直属机关工委
// taking part, its roster filled by `storage::sync_roster`, and the people who act on it:
// 区审计局's administrator (the host), 区委直属机关工委's (a participating unit, not the host),
// the committee, the viewer and a party member's own account.
#include "plans/plan_fixture.hpp"

#include "storage/roster_repository.hpp"
#include "storage/row.hpp"

namespace lianjian::testing::attendance_support {

using namespace plan_support;

// A clock that stays where the test puts it.
class PinnedTime : public TimeSource {
  public:
    explicit PinnedTime(const std::string& instant) : at_(parse_timestamp(instant, "t")) {}
    TimePoint now() const override { return at_; }
    void set(TimePoint instant) { at_ = instant; }

  private:
    TimePoint at_;
};

// The clock is pinned before the fixture's server loads the demo (a base class constructed
// first), at 10:00 local on 2026-11-29.
class PinnedClock {
  protected:
    PinnedClock() { programme_clock::set_time_source(&time_); }
    ~PinnedClock() { programme_clock::set_time_source(nullptr); }

    static TimePoint at(const std::string& instant) { return parse_timestamp(instant, "t"); }

    PinnedTime time_{"2026-11-29T02:00:00Z"};
};

struct Person {
    long long id = 0;
    std::string name;
    std::string phone;  // in clear
};

class AttendanceFixture : protected PinnedClock, public PlanFixture {
  protected:
    void SetUp() override {
        PlanFixture::SetUp();
        activity = new_activity("共过主题党日", "2026-11-29T03:00:00Z", "2026-11-29T05:00:00Z");
        ASSERT_GT(activity, 0);
    }

    void clock_at(const std::string& instant) { time_.set(at(instant)); }

    // An activity of 第一联盟 hosted by 区审计局 with 区委直属机关工委 taking part, its roster
    // synchronised; its id.
    long long new_activity(const std::string& title, const std::string& starts_at,
                           const std::string& ends_at, const std::string& state = "planned") {
        storage::Transaction transaction(services().database);
        auto& session = transaction.session();
        long long id = 0;
        const std::string now = now_timestamp();
        session << "INSERT INTO activity (alliance_id, year, linkage, kind, title, place, "
                   "starts_at, ends_at, host_unit_id, state, created_at, updated_at) VALUES "
                   "(:alliance, 2026, 'theory_study', 'theme_party_day', :title, '党员活动室', "
                   ":starts, :ends, :host, :state, :created, :updated) RETURNING id",
            soci::use(first), soci::use(title), soci::use(starts_at), soci::use(ends_at),
            soci::use(shenji), soci::use(state), soci::use(now), soci::use(now), soci::into(id);
        for (const long long unit : {shenji, gongwei}) {
            session << "INSERT INTO activity_unit (activity_id, unit_id) VALUES (:a, :u)",
                soci::use(id), soci::use(unit);
        }
        storage::sync_roster(session, id);
        transaction.commit();
        return id;
    }

    void set_state(const std::string& state) { run("UPDATE activity SET state = '" + state + "'"); }

    void run(const std::string& sql) {
        storage::Transaction transaction(services().database);
        transaction.session() << sql + " WHERE id = " + std::to_string(activity);
        transaction.commit();
    }

    // The active members of a unit with their phones unsealed, by id.
    std::vector<Person> people_of(long long unit) {
        storage::Connection connection(services().database);
        std::vector<Person> people;
        soci::rowset<soci::row> rows =
            (connection.session().soci().prepare << "SELECT id, name, phone_sealed FROM member "
                                                    "WHERE unit_id = :u AND active = 1 ORDER BY id",
             soci::use(unit));
        for (const auto& row : rows) {
            people.push_back({storage::integer_at(row, 0), storage::text_at(row, 1),
                              services().cipher.open(storage::text_at(row, 2))});
        }
        return people;
    }

    static std::string last4(const Person& person) {
        return person.phone.substr(person.phone.size() - 4);
    }

    long long rows_of(long long member) {
        storage::Connection connection(services().database);
        long long count = 0;
        connection.session() << "SELECT COUNT(*) FROM attendance WHERE activity_id = :a AND "
                                "member_id = :m",
            soci::use(activity), soci::use(member), soci::into(count);
        return count;
    }

    std::string path(const std::string& rest = "attendance") const {
        return "/api/v1/activities/" + std::to_string(activity) + "/" + rest;
    }

    // The host's QR token, read while the clock is where the test put it.
    std::string token() {
        const auto code = member_unit.get(path("signin-code"));
        EXPECT_EQ(code.status, 200) << code.body;
        return code.status == 200 ? str(code.json().at("token")) : std::string();
    }

    // Signs in on the public page with no account.
    HttpResult sign_in(const std::string& token, const std::string& name,
                       const std::string& digits) {
        HttpClient anonymous(server.port());
        return post_body(anonymous, "/api/v1/signin/" + token,
                         {{"name", name}, {"phone_last4", digits}});
    }

    // The row of `member` in an attendance answer.
    static boost::json::object row_of(const boost::json::value& sheet, long long member) {
        for (const auto& item : sheet.at("items").as_array()) {
            if (item.at("member_id").as_int64() == member) {
                return item.as_object();
            }
        }
        ADD_FAILURE() << "no row for member " << member;
        return {};
    }

    long long activity = 0;
};

}  // namespace lianjian::testing::attendance_support
