// Specification: the member search finds a text anywhere in a name or post, through the index
// of pieces (member_gram) rather than by reading every member, and the index follows every
// insert and update.
#include "storage/database.hpp"
#include "storage/member_repository.hpp"
#include "storage/migrations.hpp"
#include "storage/registry_repository.hpp"
#include "support/test_database.hpp"

#include <gtest/gtest.h>

#include <algorithm>

namespace lianjian::testing {
namespace {

class MemberSearch : public ::testing::Test {
  protected:
    void SetUp() override {
        database_ = test_database_.open(2);
        storage::migrate(*database_);
        storage::Transaction transaction(*database_);
        transaction.session() << "INSERT INTO unit (name, kind, created_at, updated_at) VALUES "
                                 "('区审计局', 'unit', 'x', 'x')";
        unit_id_ = storage::find_unit_id(transaction.session(), "区审计局").value();
        add(transaction.session(), "王伟", "科员", "h1");
        add(transaction.session(), "李王伟明", "副科长", "h2");
        add(transaction.session(), "张三", "Office Director", "h3");
        std::vector<storage::StoredMember> bulk{stored("赵伟", "科长", "h4"),
                                                stored("刘洋", "党支部书记", "h5")};
        storage::insert_members(transaction.session(), bulk, true);
        transaction.commit();
    }

    storage::StoredMember stored(const std::string& name, const std::string& post,
                                 const std::string& hash) const {
        storage::StoredMember member;
        member.member.name = name;
        member.member.gender = "male";
        member.member.unit = {unit_id_, ""};
        member.member.post = post;
        member.member.joined_on = "2020-01-01";
        member.member.status = "formal";
        member.member.created_at = member.member.updated_at = "2026-01-01T00:00:00.000Z";
        member.phone_sealed = "sealed";
        member.phone_hash = hash;
        return member;
    }
    long long add(storage::Session& session, const std::string& name, const std::string& post,
                  const std::string& hash) {
        return storage::insert_member(session, stored(name, post, hash), false);
    }
    std::vector<std::string> names_found(const std::string& search) {
        storage::Connection connection(*database_);
        storage::MemberQuery query;
        query.search = search;
        query.page = 1;
        std::vector<std::string> names;
        const auto page = storage::list_members(connection.session(), query);
        for (const auto& item : page.items) {
            names.push_back(item.member.name);
        }
        std::sort(names.begin(), names.end());
        EXPECT_EQ(page.total, static_cast<long long>(names.size()));
        return names;
    }

    TestDatabase test_database_;
    std::unique_ptr<storage::Database> database_;
    long long unit_id_ = 0;
};

TEST_F(MemberSearch, FindsOneTwoAndLongerPiecesOfNamesAndPosts) {
    EXPECT_EQ(names_found("伟"), (std::vector<std::string>{"李王伟明", "王伟", "赵伟"}));
    EXPECT_EQ(names_found("王伟"), (std::vector<std::string>{"李王伟明", "王伟"}));
    EXPECT_EQ(names_found("王伟明"), (std::vector<std::string>{"李王伟明"}));
    EXPECT_EQ(names_found("科长"), (std::vector<std::string>{"李王伟明", "赵伟"}));
    EXPECT_EQ(names_found("支部书"), (std::vector<std::string>{"刘洋"}));
    EXPECT_TRUE(names_found("伟王").empty());
}

TEST_F(MemberSearch, LatinLettersMatchInAnyCaseOnSqliteAsLikeDoes) {
    const auto found = names_found("Director");
    EXPECT_EQ(found, std::vector<std::string>{"张三"});
    if (dialect_under_test() == storage::Dialect::sqlite) {
        EXPECT_EQ(names_found("office dir"), std::vector<std::string>{"张三"});
    }
}

TEST_F(MemberSearch, AnUpdatedMemberIsFoundByItsNewNameOnly) {
    storage::Transaction transaction(*database_);
    auto member = *storage::find_member(
        transaction.session(),
        storage::list_members(transaction.session(), {"王伟明"}).items.at(0).member.id);
    member.member.name = "李明";
    storage::update_member(transaction.session(), member);
    transaction.commit();
    EXPECT_EQ(names_found("王伟"), std::vector<std::string>{"王伟"});
    EXPECT_EQ(names_found("李明"), std::vector<std::string>{"李明"});
}

}  // namespace
}  // namespace lianjian::testing
