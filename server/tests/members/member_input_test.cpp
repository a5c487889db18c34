// Specification (issue 8, points 1 and 2): member text goes through the one normaliser on every
// path (form and import), an import names its unit as the registry stores it, and a spreadsheet
// date reads the same whether it comes as a whole serial (43948), a fractional one (43948.0, a
// date-time cell) or text.
#include "members/member_fixture.hpp"

#include <cctype>
#include <cstdio>

namespace lianjian::testing {
namespace {

class MemberInput : public MemberFixture {
  protected:
    static boost::json::object row(const std::string& name, const std::string& phone) {
        return {{"name", name},    {"gender", "女"}, {"unit_name", "区总工会"},
                {"post", "党员"},  {"phone", phone}, {"joined_on", "2018-03-08"},
                {"status", "正式"}};
    }

    HttpResult import(boost::json::array rows) {
        return admin.post("/api/v1/members/import",
                          boost::json::serialize(boost::json::object{{"rows", std::move(rows)}}));
    }

    static std::string encoded(const std::string& text) {
        std::string out;
        for (unsigned char c : text) {
            char hex[4];
            std::snprintf(hex, sizeof hex, "%%%02X", c);
            out += std::isalnum(c) ? std::string(1, static_cast<char>(c)) : std::string(hex);
        }
        return out;
    }

    // The joined_on of the one member found by this name.
    std::string joined_on_of(const std::string& name) {
        const auto result = admin.get("/api/v1/members?q=" + encoded(name));
        EXPECT_EQ(result.status, 200) << result.body;
        const auto json = result.json();
        const auto& items = json.at("items").as_array();
        EXPECT_EQ(items.size(), 1u) << result.body;
        return items.empty() ? "" : std::string(items[0].at("joined_on").as_string());
    }
};

TEST_F(MemberInput, ImportFindsAUnitNamedWithATrailingSpace) {
    // Given a row naming "区总工会 " (a trailing space) and one with a full-width space,
    auto spaced = row("空格一号", "13700010001");
    spaced["unit_name"] = "区总工会 ";
    auto full_width = row("空格二号", "13700010002");
    full_width["unit_name"] = "\u3000区总工会";
    // when imported, then both rows join 区总工会.
    const auto result = import({spaced, full_width});
    ASSERT_EQ(result.status, 201) << result.body;
    const auto listed = admin.get("/api/v1/members?q=%E7%A9%BA%E6%A0%BC");  // 空格
    ASSERT_EQ(listed.status, 200);
    const auto json = listed.json();
    EXPECT_EQ(json.at("items").as_array().size(), 2u) << listed.body;
    for (const auto& member : json.at("items").as_array()) {
        EXPECT_EQ(member.at("unit").at("name").as_string(), "区总工会");
    }
}

TEST_F(MemberInput, WholeSerialAsIntegerIsTheSameDateAsItsDouble) {
    // Given joined_on 43948 (an integer) and 43948.0 (a double), both are 2020-04-27.
    auto whole = row("序列整数", "13700010003");
    whole["joined_on"] = 43948;
    auto fraction = row("序列小数", "13700010004");
    fraction["joined_on"] = 43948.0;
    auto date_time = row("序列时刻", "13700010005");
    date_time["joined_on"] = 43948.75;  // a date-time cell: 18:00 on that day
    auto text = row("序列文本", "13700010006");
    text["joined_on"] = "2020/4/27";
    const auto result = import({whole, fraction, date_time, text});
    ASSERT_EQ(result.status, 201) << result.body;
    EXPECT_EQ(joined_on_of("序列整数"), "2020-04-27");
    EXPECT_EQ(joined_on_of("序列小数"), "2020-04-27");
    EXPECT_EQ(joined_on_of("序列时刻"), "2020-04-27");
    EXPECT_EQ(joined_on_of("序列文本"), "2020-04-27");
}

TEST_F(MemberInput, ImportRowTextIsNormalised) {
    // A row whose name is one full-width space, or holds a zero-width space, is a problem of
    // that row (not a second member); a padded name is stored bare.
    auto blank = row("\u3000", "13700010007");
    auto invisible = row("张\u200B三", "13700010008");
    const auto preview = admin.post("/api/v1/members/import/preview",
                                    boost::json::serialize(boost::json::object{
                                        {"rows", boost::json::array{blank, invisible}}}));
    ASSERT_EQ(preview.status, 200) << preview.body;
    const auto json = preview.json();
    const auto& rows = json.at("rows").as_array();
    ASSERT_EQ(rows.size(), 2u);
    for (const auto& checked : rows) {
        ASSERT_FALSE(checked.at("errors").as_array().empty()) << checked;
        EXPECT_EQ(checked.at("errors").as_array()[0].at("field").as_string(), "name");
    }
    const auto result = import({row("\u00A0补白党员\u3000", "13700010009")});
    ASSERT_EQ(result.status, 201) << result.body;
    EXPECT_EQ(joined_on_of("补白党员"), "2018-03-08");
}

TEST_F(MemberInput, FormRefusesABlankNameAndTrimsAPaddedOne) {
    // The form's POST: a name of one U+3000 is 422; NBSP padding is trimmed.
    auto result =
        admin.post("/api/v1/members", member_body("\u3000", unit_id("区总工会"), "13700010010"));
    EXPECT_EQ(result.status, 422) << result.body;
    result = admin.post("/api/v1/members",
                        member_body("\u00A0表单党员\n", unit_id("区总工会"), "13700010011"));
    ASSERT_EQ(result.status, 201) << result.body;
    EXPECT_EQ(result.json().at("name").as_string(), "表单党员");
}

}  // namespace
}  // namespace lianjian::testing
