// Specification (issue 10, points 1 and 8): each deadline raises a to-do for the lead unit's
// admins 7 days and 1 day before it falls due, from a scheduler inside the server; each reminder
// is sent once, even with several app servers on one database and across restarts (the fake
// clock stands in for the passing days). Runs on SQLite and PostgreSQL (LIANJIAN_TEST_DB).
#include "campaign/campaign_fixture.hpp"
#include "demo/demo_data.hpp"

#include <thread>

namespace lianjian::testing::campaign_support {
namespace {

// Two app servers over one database, as two processes behind a load balancer would be.
class ReminderScheduler : public ::testing::Test {
  protected:
    ReminderScheduler() {
        // The demo of 2026, whatever year the tests run in (the specifications name its dates).
        clock_at("2026-11-29T02:00:00Z");
        first = std::make_unique<app::Application>(config());
        demo::load_demo(first->services(), std::string(demo_password));
        remove_demo_plans();
        second = std::make_unique<app::Application>(config());
    }

    // The demo's plans were submitted, which does the plan deadline; these tests start from an
    // April in which no alliance has submitted yet.
    void remove_demo_plans() {
        storage::Transaction transaction(first->database());
        auto& session = transaction.session();
        session << "DELETE FROM plan_item_unit";
        session << "DELETE FROM plan_item";
        session << "DELETE FROM plan_step";
        session << "DELETE FROM plan_version";
        session << "DELETE FROM plan";
        transaction.commit();
    }
    ~ReminderScheduler() override { programme_clock::set_time_source(nullptr); }

    app::Config config() const {
        app::Config config;
        config.database_url = database.url();
        config.data_dir = database.directory();
        config.database_pool = 2;
        config.account_policy.hash_cost = accounts::HashCost::minimum;
        return config;
    }

    void clock_at(const std::string& utc_instant) {
        time = std::make_unique<SetTime>(utc_instant);
        programme_clock::set_time_source(time.get());
    }

    // The reminders (title) each user got, as stored.
    std::vector<std::pair<std::string, std::string>> reminders() {
        std::vector<std::pair<std::string, std::string>> found;
        storage::Connection connection(first->database());
        soci::rowset<soci::row> rows =
            (connection.session().soci().prepare
             << "SELECT u.username, n.title FROM notification n JOIN app_user u ON u.id = "
                "n.user_id WHERE n.kind = 'deadline.reminder' ORDER BY n.id");
        for (const auto& row : rows) {
            found.emplace_back(row.get<std::string>(0), row.get<std::string>(1));
        }
        return found;
    }

    long long claims() {
        storage::Connection connection(first->database());
        long long count = 0;
        connection.session() << "SELECT COUNT(*) FROM deadline_reminder", soci::into(count);
        return count;
    }

    TestDatabase database;
    std::unique_ptr<app::Application> first;
    std::unique_ptr<app::Application> second;
    std::unique_ptr<SetTime> time;
};

TEST_F(ReminderScheduler, SevenDaysBeforeEachLeadUnitGetsOneReminderFromTwoServers) {
    // Given 23 April in Beijing, 7 days before the plan and the planning report fall due,
    clock_at("2026-04-23T01:00:00Z");
    // when both servers run their scheduler at the same moment,
    campaign::ReminderRun runs[2];
    std::thread other([&] { runs[1] = second->services().reminders.run_once(); });
    runs[0] = first->services().reminders.run_once();
    other.join();
    // then between them they sent each (deadline, alliance) reminder once: two deadlines for
    // three alliances,
    EXPECT_EQ(runs[0].sent + runs[1].sent, 6);
    const auto sent = reminders();
    ASSERT_EQ(sent.size(), 6u);
    // to the lead units' admins only,
    for (const auto& [user, title] : sent) {
        EXPECT_TRUE(user == "gongwei_admin" || user == "zhengwu_admin" || user == "bianban_admin")
            << user;
    }
    // in Chinese, with the date and the days left.
    EXPECT_NE(std::find_if(sent.begin(), sent.end(),
                           [](const auto& reminder) {
                               return reminder.second ==
                                      "「活动计划」将于 2026-04-30 截止，还有 7 天";
                           }),
              sent.end());
    // Later the same day, and after a restart (a new server), nothing is sent again.
    EXPECT_EQ(first->services().reminders.run_once().sent, 0);
    app::Application restarted(config());
    EXPECT_EQ(restarted.services().reminders.run_once().sent, 0);
    EXPECT_EQ(reminders().size(), 6u);
}

TEST_F(ReminderScheduler, OneDayBeforeComesOnceMoreAndNeverTwoAtOnce) {
    // Given the 7-day reminders went out on 23 April,
    clock_at("2026-04-23T01:00:00Z");
    first->services().reminders.run_once();
    ASSERT_EQ(reminders().size(), 6u);
    // when the servers run on 29 April (1 day before), on both servers,
    clock_at("2026-04-29T01:00:00Z");
    const auto a = first->services().reminders.run_once();
    const auto b = second->services().reminders.run_once();
    // then each lead unit gets the 1-day reminder once per deadline.
    EXPECT_EQ(a.sent + b.sent, 6);
    EXPECT_EQ(reminders().size(), 12u);
    // A server started late (on the last day, no reminder claimed yet) sends only the nearest one.
    storage::Transaction transaction(first->database());
    transaction.session() << "DELETE FROM deadline_reminder";
    transaction.session() << "DELETE FROM notification WHERE kind = 'deadline.reminder'";
    transaction.commit();
    clock_at("2026-04-30T08:00:00Z");
    const auto late = second->services().reminders.run_once();
    EXPECT_EQ(late.sent, 6);
    EXPECT_EQ(late.skipped, 6);  // the 7-day ones, claimed without sending
    for (const auto& [user, title] : reminders()) {
        EXPECT_NE(title.find("今天（2026-04-30）截止"), std::string::npos) << title;
    }
}

TEST_F(ReminderScheduler, ADoneDeadlineAndAPastOneAreNotReminded) {
    // Given 第二联盟 submitted its plan, and 27 April,
    {
        storage::Transaction transaction(first->database());
        auto& session = transaction.session();
        long long alliance = 0, plan = 0;
        session << "SELECT id FROM alliance WHERE name = '第二联盟'", soci::into(alliance);
        const std::string at = "2026-04-20T01:00:00.000Z";
        session << "INSERT INTO plan (alliance_id, year, created_at, updated_at) VALUES (:a, 2026, "
                   ":c, :u) RETURNING id",
            soci::use(alliance), soci::use(at), soci::use(at), soci::into(plan);
        session
            << "INSERT INTO plan_version (plan_id, number, state, rotation_mode, submitted_at, "
               "created_at, updated_at) VALUES (:p, 1, 'submitted', 'per_activity', :s, :c, :u)",
            soci::use(plan), soci::use(at), soci::use(at), soci::use(at);
        transaction.commit();
    }
    clock_at("2026-04-27T01:00:00Z");
    first->services().reminders.run_once();
    // then its lead unit hears only of the planning report, the others of both.
    int zhengwu = 0;
    for (const auto& [user, title] : reminders()) {
        if (user == "zhengwu_admin") {
            ++zhengwu;
            EXPECT_NE(title.find("制定计划阶段汇报"), std::string::npos) << title;
        }
    }
    EXPECT_EQ(zhengwu, 1);
    EXPECT_EQ(reminders().size(), 5u);
    // After the deadline has passed (2 May, before the next ones), nothing more is sent.
    const auto before = claims();
    clock_at("2026-05-02T01:00:00Z");
    EXPECT_EQ(first->services().reminders.run_once().sent, 0);
    EXPECT_EQ(claims(), before);
}

TEST_F(ReminderScheduler, TheServerRunsItOnStartAndOnItsTimer) {
    // Given 23 April and a server whose scheduler runs every second,
    clock_at("2026-04-23T01:00:00Z");
    auto config = this->config();
    config.scheduler_interval = std::chrono::seconds(1);
    config.limits.threads = 1;
    app::Application serving(config);
    serving.listen("127.0.0.1", 0);
    std::thread thread([&] { serving.run(false); });
    // then the reminders appear without anyone asking, once.
    for (int i = 0; i < 100 && reminders().size() < 6; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(1200));  // a second tick
    serving.stop();
    thread.join();
    EXPECT_EQ(reminders().size(), 6u);
}

}  // namespace
}  // namespace lianjian::testing::campaign_support
