// Specification: the field rules of a party member, and who reaches which members, without a
// server.
#include "members/member_rules.hpp"

#include <gtest/gtest.h>

namespace lianjian::testing {
namespace {

using namespace members;

TEST(MemberRules, CodesFromEnglishOrChinese) {
    EXPECT_EQ(gender_code("男"), "male");
    EXPECT_EQ(gender_code(" female "), "female");
    EXPECT_FALSE(gender_code("M"));
    EXPECT_EQ(status_code("预备"), "probationary");
    EXPECT_EQ(status_code("正式党员"), "formal");
    EXPECT_FALSE(status_code("群众"));
    EXPECT_STREQ(gender_label("female"), "女");
    EXPECT_STREQ(status_label("formal"), "正式");
}

TEST(MemberRules, PhonesAndDates) {
    EXPECT_EQ(normalise_phone("138 1234-5678"), "13812345678");
    EXPECT_TRUE(is_mobile_number("13812345678"));
    EXPECT_FALSE(is_mobile_number("1381234567"));
    EXPECT_FALSE(is_mobile_number("+8613812345678"));
    EXPECT_FALSE(is_mobile_number("028-12345678"));
    EXPECT_EQ(normalise_date("2020-7-1"), "2020-07-01");
    EXPECT_EQ(normalise_date("2020/07/01"), "2020-07-01");
    EXPECT_EQ(normalise_date("2020.07.01"), "2020-07-01");
    EXPECT_EQ(normalise_date("2024-02-29"), "2024-02-29");
    EXPECT_FALSE(normalise_date("2023-02-29"));
    EXPECT_FALSE(normalise_date("20-07-01"));
    EXPECT_FALSE(normalise_date("2020-07-01-01"));
    EXPECT_FALSE(normalise_date(""));
    // The browser's reader's text forms read the same here (memberSheet.ts normalizeDate).
    EXPECT_EQ(normalise_date("2020年7月1日"), "2020-07-01");
    EXPECT_EQ(normalise_date("20200701"), "2020-07-01");
    EXPECT_EQ(normalise_date("2020-07-01 00:00:00"), "2020-07-01");
    EXPECT_EQ(normalise_date("\u30002020/7/1\u00A0"), "2020-07-01");
    EXPECT_FALSE(normalise_date("2020-02-30"));
    EXPECT_FALSE(normalise_date("2020年13月1日"));
    EXPECT_EQ(date_of_spreadsheet_serial(43948), "2020-04-27");
    EXPECT_EQ(date_of_spreadsheet_serial(43948.75), "2020-04-27");
    EXPECT_FALSE(date_of_spreadsheet_serial(60));
    EXPECT_EQ(date_of_spreadsheet_serial(43101), "2018-01-01");
    EXPECT_EQ(date_of_spreadsheet_serial(44013.5), "2020-07-01");
    EXPECT_FALSE(date_of_spreadsheet_serial(-3));
}

TEST(MemberRules, EveryProblemIsReportedInFieldOrder) {
    MemberDraft draft;
    draft.gender = "?";
    draft.phone = "123";
    draft.joined_on = "2999-01-01";
    draft.post = std::string(65 * 3, 'x');
    ValidMember valid;
    std::vector<std::string> fields;
    for (const auto& problem : check_member_fields(draft, valid)) {
        fields.push_back(problem.field);
    }
    EXPECT_EQ(fields,
              (std::vector<std::string>{"name", "gender", "post", "phone", "joined_on", "status"}));
    // Sixty-four Chinese characters are within the limit (characters, not bytes).
    draft = {"张三", "女", 1, std::nullopt, std::string(), "13812345678", "2020-07-01", "正式", {}};
    for (int index = 0; index < 64; ++index) {
        draft.post += "职";
    }
    EXPECT_TRUE(check_member_fields(draft, valid).empty());
    EXPECT_EQ(valid.gender, "female");
    // A cell the reader could not understand replaces the check of its field.
    draft.read_problems.push_back({"phone", "无法识别此单元格的内容"});
    const auto problems = check_member_fields(draft, valid);
    ASSERT_EQ(problems.size(), 1u);
    EXPECT_EQ(problems[0].message, "无法识别此单元格的内容");
}

TEST(MemberReach, FollowsTheRoles) {
    accounts::User user;
    user.unit_id = 7;
    user.roles = {accounts::Role::committee_admin};
    auto access = member_access(user);
    EXPECT_TRUE(access.read.all_units && access.manage.all_units && access.unmask.all_units);

    user.roles = {accounts::Role::unit_admin};
    access = member_access(user);
    EXPECT_TRUE(access.read.covers(7) && access.manage.covers(7) && access.unmask.covers(7));
    EXPECT_FALSE(access.read.covers(8) || access.manage.covers(8) || access.unmask.covers(8));

    user.roles = {accounts::Role::viewer};
    user.unit_id.reset();
    access = member_access(user);
    EXPECT_TRUE(access.read.all_units);
    EXPECT_FALSE(access.manage.covers(7) || access.unmask.covers(7));

    user.roles = {accounts::Role::auditor};
    access = member_access(user);
    EXPECT_FALSE(access.read.covers(7));
}

}  // namespace
}  // namespace lianjian::testing
