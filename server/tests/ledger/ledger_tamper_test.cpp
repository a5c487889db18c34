// Specification: the ledger chain over the real database (docs/activities.md "The chain"). An
// archived activity is frozen into its alliance's chain; changing an entry's content in the
// database, deleting an entry, or altering an archived attachment's file on disk is each found by
// verification, which names the alliance, the entry and the activity. The 台账 page shows the
// same chain status beside each activity's completeness.
#include "activities/activity_fixture.hpp"

namespace lianjian::testing::activity_support {
namespace {

using LedgerTamper = ActivityFixture;

TEST_F(LedgerTamper, AnUntouchedChainIsIntact) {
    archived_activity("intact-1.jpg");
    archived_activity("intact-2.jpg");
    const auto chain = first_chain();
    EXPECT_TRUE(chain.at("intact").as_bool());
    EXPECT_EQ(chain.at("entries").as_int64(), 2);
    EXPECT_TRUE(chain.at("broken").is_null());
    EXPECT_TRUE(verify().at("intact").as_bool());
}

TEST_F(LedgerTamper, ContentChangedInTheDatabaseIsNamed) {
    // Given two archived activities,
    archived_activity("content-1.jpg");
    const long long second_id = archived_activity("content-2.jpg");
    // when someone rewrites the second entry's frozen title in the database,
    execute(
        "UPDATE ledger_entry SET content = REPLACE(content, '共过主题党日', '从未举办') "
        "WHERE activity_id = :id",
        second_id);
    // then verification names entry 2 and its activity.
    const auto chain = first_chain();
    EXPECT_FALSE(chain.at("intact").as_bool());
    EXPECT_EQ(chain.at("broken").at("sequence").as_int64(), 2);
    EXPECT_EQ(chain.at("broken").at("activity_id").as_int64(), second_id);
    EXPECT_EQ(str(chain.at("broken").at("reason")), "content_modified");
    EXPECT_FALSE(verify().at("intact").as_bool());
}

TEST_F(LedgerTamper, ADeletedEntryIsNamed) {
    const long long first_id = archived_activity("deleted-1.jpg");
    archived_activity("deleted-2.jpg");
    archived_activity("deleted-3.jpg");
    execute("DELETE FROM ledger_entry WHERE activity_id = :id", first_id);
    const auto chain = first_chain();
    EXPECT_FALSE(chain.at("intact").as_bool());
    EXPECT_EQ(chain.at("broken").at("sequence").as_int64(), 1);
    EXPECT_EQ(str(chain.at("broken").at("reason")), "entry_missing");
}

TEST_F(LedgerTamper, TheLastEntryDeletedIsNamedByItsArchivedActivity) {
    archived_activity("last-1.jpg");
    const long long last = archived_activity("last-2.jpg");
    execute("DELETE FROM ledger_entry WHERE activity_id = :id", last);
    const auto chain = first_chain();
    EXPECT_FALSE(chain.at("intact").as_bool());
    EXPECT_EQ(chain.at("broken").at("activity_id").as_int64(), last);
    EXPECT_EQ(str(chain.at("broken").at("reason")), "archive_missing");
}

TEST_F(LedgerTamper, AnAlteredAttachmentFileIsNamed) {
    const long long id = archived_activity("altered.jpg");
    {
        std::ofstream file(attachment_path("altered.jpg"), std::ios::binary | std::ios::app);
        file << "retouched";
    }
    const auto chain = first_chain();
    EXPECT_FALSE(chain.at("intact").as_bool());
    EXPECT_EQ(chain.at("broken").at("activity_id").as_int64(), id);
    EXPECT_EQ(str(chain.at("broken").at("reason")), "attachment_modified");
    EXPECT_EQ(str(chain.at("broken").at("detail")), "altered.jpg");
}

TEST_F(LedgerTamper, TheLedgerPageShowsCompletenessCountsAndTheChain) {
    const long long archived = archived_activity("page-1.jpg");
    const long long incomplete = create(body());
    const auto year = current_year();
    const auto page = lead.get("/api/v1/ledger?alliance_id=" + std::to_string(first) +
                               "&year=" + std::to_string(year));
    ASSERT_EQ(page.status, 200) << page.body;
    const auto json = page.json();
    bool saw_archived = false, saw_incomplete = false;
    for (const auto& item : json.at("activities").as_array()) {
        const auto id = item.at("id").as_int64();
        if (id == archived) {
            saw_archived = true;
            EXPECT_TRUE(item.at("ledger").at("complete").as_bool());
            EXPECT_EQ(str(item.at("state")), "archived");
        }
        if (id == incomplete) {
            saw_incomplete = true;
            EXPECT_FALSE(item.at("ledger").at("complete").as_bool());
        }
    }
    // (an activity of two days ago may fall in last year on the first of January)
    if (programme_clock::local_date(programme_clock::now() - std::chrono::hours(50))
            .starts_with(std::to_string(year))) {
        EXPECT_TRUE(saw_archived);
        EXPECT_TRUE(saw_incomplete);
        EXPECT_GE(json.at("counts").at("archived").as_int64(), 1);
        EXPECT_GE(json.at("counts").at("incomplete").as_int64(), 1);
    }
    EXPECT_TRUE(json.at("chain").at("intact").as_bool());
    EXPECT_EQ(lead.get("/api/v1/ledger").status, 422);
    EXPECT_EQ(other_lead.get("/api/v1/ledger?alliance_id=" + std::to_string(first)).status, 403);
    // Verifying every chain is the committee's and the auditor's, not a unit's.
    EXPECT_EQ(lead.get("/api/v1/ledger/verify").status, 403);
}

}  // namespace
}  // namespace lianjian::testing::activity_support
