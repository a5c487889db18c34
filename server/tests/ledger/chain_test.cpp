// Specification: the ledger chain's pure rules (docs/activities.md "The chain"): canonical JSON,
// the keyed hash over the previous hash and the content, and verification that names the first
// entry that breaks the chain. No database.
#include "ledger/chain.hpp"
#include "ledger/completeness.hpp"

#include <gtest/gtest.h>
#include <boost/json/parse.hpp>

#include <map>

namespace lianjian::testing {
namespace {

using namespace ledger;

ChainKey key_of(unsigned char seed) {
    ChainKey key{};
    key.fill(seed);
    return key;
}

FrozenActivity activity_with_photo() {
    FrozenActivity activity;
    activity.id = 7;
    activity.alliance = {1, "第一联盟"};
    activity.title = "共过主题党日";
    activity.theme = "学习二十大精神";
    activity.host_unit = {3, "区审计局"};
    activity.participating_units = {{2, "区委直属机关工委"}, {3, "区审计局"}};
    activity.attendance = {{11, "张三", {3, "区审计局"}, "present"}};
    activity.attachments = {{5, "photo", "合影.jpg", "a1.jpg", "sha-of-a1"}};
    return activity;
}

// Entries 1 … n chained under `key`, each an archive of `activity` with the title numbered.
std::vector<StoredEntry> chain_of(const ChainKey& key, int count) {
    std::vector<StoredEntry> entries;
    std::string previous;
    for (int i = 1; i <= count; ++i) {
        auto activity = activity_with_photo();
        activity.id = i;
        activity.title = "活动" + std::to_string(i);
        StoredEntry entry;
        entry.id = i;
        entry.sequence = i;
        entry.activity_id = i;
        entry.activity_title = activity.title;
        entry.kind = "archive";
        entry.content = archive_content(activity);
        entry.previous_hash = previous;
        entry.entry_hash = entry_hash(key, previous, entry.content);
        previous = entry.entry_hash;
        entries.push_back(entry);
    }
    return entries;
}

FileHasher files(std::map<std::string, std::string> hashes) {
    return [hashes](const std::string& name) -> std::optional<std::string> {
        const auto found = hashes.find(name);
        return found == hashes.end() ? std::nullopt : std::optional(found->second);
    };
}

TEST(LedgerChain, CanonicalJsonSortsKeysAtEveryDepth) {
    const auto value = boost::json::parse(R"({"b":1,"a":{"d":[{"z":1,"y":2}],"c":"x"}})");
    EXPECT_EQ(canonical_json(value), R"({"a":{"c":"x","d":[{"y":2,"z":1}]},"b":1})");
}

TEST(LedgerChain, TheArchiveContentFreezesFieldsAttendanceAndAttachmentHashes) {
    const auto content = boost::json::parse(archive_content(activity_with_photo())).as_object();
    EXPECT_EQ(content.at("kind").as_string(), "archive");
    EXPECT_EQ(content.at("activity").at("title").as_string(), "共过主题党日");
    EXPECT_EQ(content.at("attendance").at(0).at("status").as_string(), "present");
    EXPECT_EQ(content.at("attachments").at(0).at("sha256").as_string(), "sha-of-a1");
    // The same record gives the same text.
    EXPECT_EQ(archive_content(activity_with_photo()), archive_content(activity_with_photo()));
}

TEST(LedgerChain, TheHashIsKeyedAndCoversThePreviousHash) {
    const auto content = archive_content(activity_with_photo());
    const auto hash = entry_hash(key_of(1), "", content);
    EXPECT_EQ(hash.size(), 64u);
    EXPECT_EQ(hash, entry_hash(key_of(1), "", content));
    EXPECT_NE(hash, entry_hash(key_of(2), "", content));
    EXPECT_NE(hash, entry_hash(key_of(1), "00", content));
}

TEST(LedgerChain, AnIntactChainVerifies) {
    const auto check =
        verify_chain(key_of(1), chain_of(key_of(1), 3), files({{"a1.jpg", "sha-of-a1"}}));
    EXPECT_TRUE(check.intact());
    EXPECT_EQ(check.entries, 3);
}

TEST(LedgerChain, ModifiedContentIsNamed) {
    auto entries = chain_of(key_of(1), 3);
    entries[1].content.replace(entries[1].content.find("活动2"), 7, "活动X");
    const auto check = verify_chain(key_of(1), entries, files({{"a1.jpg", "sha-of-a1"}}));
    ASSERT_FALSE(check.intact());
    EXPECT_EQ(check.broken->sequence, 2);
    EXPECT_EQ(check.broken->reason, BreakReason::content_modified);
    EXPECT_EQ(check.entries, 1);
}

TEST(LedgerChain, ARemovedEntryIsAGap) {
    auto entries = chain_of(key_of(1), 3);
    entries.erase(entries.begin() + 1);
    const auto check = verify_chain(key_of(1), entries, files({{"a1.jpg", "sha-of-a1"}}));
    ASSERT_FALSE(check.intact());
    EXPECT_EQ(check.broken->sequence, 2);
    EXPECT_EQ(check.broken->reason, BreakReason::entry_missing);
}

TEST(LedgerChain, ARenumberedChainStillDoesNotLinkUp) {
    auto entries = chain_of(key_of(1), 3);
    entries.erase(entries.begin() + 1);
    entries[1].sequence = 2;  // the gap closed by hand
    const auto check = verify_chain(key_of(1), entries, files({{"a1.jpg", "sha-of-a1"}}));
    ASSERT_FALSE(check.intact());
    EXPECT_EQ(check.broken->sequence, 2);
    EXPECT_EQ(check.broken->reason, BreakReason::chain_mismatch);
}

TEST(LedgerChain, AModifiedOrMissingAttachmentFileIsNamed) {
    const auto entries = chain_of(key_of(1), 2);
    auto check = verify_chain(key_of(1), entries, files({{"a1.jpg", "another-hash"}}));
    ASSERT_FALSE(check.intact());
    EXPECT_EQ(check.broken->sequence, 1);
    EXPECT_EQ(check.broken->reason, BreakReason::attachment_modified);
    EXPECT_EQ(check.broken->detail, "a1.jpg");
    check = verify_chain(key_of(1), entries, files({}));
    ASSERT_FALSE(check.intact());
    EXPECT_EQ(check.broken->reason, BreakReason::attachment_modified);
}

TEST(LedgerChain, AnotherKeyDoesNotVerify) {
    const auto check =
        verify_chain(key_of(9), chain_of(key_of(1), 1), files({{"a1.jpg", "sha-of-a1"}}));
    ASSERT_FALSE(check.intact());
    EXPECT_EQ(check.broken->reason, BreakReason::content_modified);
}

TEST(LedgerChain, AmendmentContentKeepsItsChanges) {
    const auto content = amendment_content(7, "错别字", {{"title", "旧", "新"}});
    const auto changes = changes_of(content);
    ASSERT_EQ(changes.size(), 1u);
    EXPECT_EQ(changes[0].field, "title");
    EXPECT_EQ(changes[0].before, "旧");
    EXPECT_EQ(changes[0].after, "新");
    EXPECT_TRUE(changes_of(archive_content(activity_with_photo())).empty());
}

LedgerFacts complete_facts() {
    LedgerFacts facts;
    facts.theme = "主题";
    facts.content = "内容";
    facts.outcomes = "成效";
    facts.place = "地点";
    facts.recorded_attendance = 3;
    facts.photos = 1;
    return facts;
}

TEST(LedgerCompleteness, CompleteWithFieldsAttendanceAndAPhoto) {
    const auto result = completeness_of(complete_facts());
    EXPECT_TRUE(result.complete);
    EXPECT_TRUE(result.missing.empty());
}

TEST(LedgerCompleteness, NamesEveryMissingPartInOrder) {
    LedgerFacts empty;
    empty.kind = campaign::ActivityKind::alliance_meeting;
    const auto result = completeness_of(empty);
    EXPECT_FALSE(result.complete);
    EXPECT_EQ(result.missing,
              (std::vector<std::string>{"theme", "content", "outcomes", "place", "attendance",
                                        "photo_or_minutes", "minutes"}));
}

TEST(LedgerCompleteness, MeetingsAndVisitsNeedMinutesAPhotoIsNotEnough) {
    auto facts = complete_facts();
    facts.kind = campaign::ActivityKind::mutual_visit;
    EXPECT_EQ(completeness_of(facts).missing, std::vector<std::string>{"minutes"});
    facts.minutes_attachments = 1;
    EXPECT_TRUE(completeness_of(facts).complete);
    facts.minutes_attachments = 0;
    facts.minutes = "会议纪要正文";
    EXPECT_TRUE(completeness_of(facts).complete);
}

TEST(LedgerCompleteness, MinutesStandInForAPhoto) {
    auto facts = complete_facts();
    facts.photos = 0;
    EXPECT_EQ(completeness_of(facts).missing, std::vector<std::string>{"photo_or_minutes"});
    facts.minutes_attachments = 1;
    EXPECT_TRUE(completeness_of(facts).complete);
}

}  // namespace
}  // namespace lianjian::testing
