// Specification: one normaliser reads every text field. It trims Unicode white space, refuses
// control characters in one-line fields, non-characters, broken UTF-8 (how an unpaired
// surrogate arrives), zero-width and direction-override characters in names, impossible dates,
// and text over the field's limit from the one table; exports write only what XML allows.
#include "core/text.hpp"
#include "core/error.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <sstream>

namespace lianjian::text {
namespace {

const FieldRule& name_rule() {
    return rule_of("name");
}

TEST(TextNormaliser, TrimsUnicodeWhiteSpace) {
    // Given names padded with a full-width space, an NBSP, newlines and tabs,
    // then each reads as the bare name.
    EXPECT_EQ(normalise("\u3000区审计局\u3000", name_rule()).text, "区审计局");
    EXPECT_EQ(normalise("\u00A0张三\u00A0", name_rule()).text, "张三");
    EXPECT_EQ(normalise("\n\t张三\r\n", name_rule()).text, "张三");
    EXPECT_EQ(normalise("\u2003第一联盟\u205F", name_rule()).text, "第一联盟");
    EXPECT_FALSE(normalise("\u3000张三", name_rule()).problem);
}

TEST(TextNormaliser, BlankTextIsEmptyForTheCallerToRefuse) {
    // A name that is one full-width space is empty after trimming (the caller's "required").
    const auto result = normalise("\u3000", name_rule());
    EXPECT_FALSE(result.problem);
    EXPECT_TRUE(result.text.empty());
}

TEST(TextNormaliser, ControlCharactersOnlyInMultiLineFields) {
    // A NUL or a newline inside a name is refused; a note may hold newlines and tabs.
    EXPECT_TRUE(normalise(std::string("区审计局\0", 13) + "x", name_rule()).problem);
    EXPECT_TRUE(normalise("第一\n联盟", name_rule()).problem);
    EXPECT_TRUE(normalise("地址\x07", rule_of("address")).problem);
    const auto note = normalise("第一行\n第二行\t缩进", rule_of("note"));
    EXPECT_FALSE(note.problem);
    EXPECT_EQ(note.text, "第一行\n第二行\t缩进");
    EXPECT_TRUE(normalise("备注\x1b[31m", rule_of("note")).problem);
}

TEST(TextNormaliser, RefusesNonCharactersAndBrokenUtf8) {
    EXPECT_TRUE(normalise("名称\uFDD0", name_rule()).problem);
    EXPECT_TRUE(normalise("备注\xEF\xBF\xBF", rule_of("note")).problem);  // U+FFFF
    // An unpaired surrogate as UTF-8 would carry it (CESU): ED A0 80 is U+D800.
    EXPECT_TRUE(normalise("名\xED\xA0\x80称", name_rule()).problem);
    EXPECT_TRUE(normalise("\xC3", rule_of("note")).problem);
    EXPECT_TRUE(normalise("\xC0\xAF", rule_of("note")).problem);  // overlong '/'
}

TEST(TextNormaliser, RefusesInvisibleCharactersInNames) {
    // "区审计局" followed by a zero-width space, or wrapped in a right-to-left override, would
    // be a second 区审计局 to the eye.
    EXPECT_TRUE(normalise("区审计局\u200B", name_rule()).problem);
    EXPECT_TRUE(normalise("\u202E区审计局", name_rule()).problem);
    EXPECT_TRUE(normalise("张\u200D三", rule_of("member.name")).problem);
    EXPECT_TRUE(normalise("admin\u2066", rule_of("username")).problem);
    // A note is not a name: a zero-width joiner in an emoji sequence stays.
    EXPECT_FALSE(normalise("👨\u200D👩", rule_of("note")).problem);
}

TEST(TextNormaliser, LimitsLengthInCharactersFromTheTable) {
    // Given the table's 100-character limit for names, 100 汉字 pass and 101 do not.
    std::string hundred;
    for (int i = 0; i < 100; ++i) hundred += "联";
    EXPECT_EQ(rule_of("name").max_length, 100u);
    EXPECT_FALSE(normalise(hundred, name_rule()).problem);
    EXPECT_TRUE(normalise(hundred + "联", name_rule()).problem);
    // 300,000 characters of a note are refused, not stored.
    EXPECT_TRUE(normalise(std::string(300000, 'a'), rule_of("note")).problem);
    // Passwords are never trimmed or changed, only limited.
    EXPECT_EQ(normalise(" Pass word ", rule_of("password")).text, " Pass word ");
    EXPECT_TRUE(normalise(std::string(257, 'a'), rule_of("password")).problem);
}

TEST(TextNormaliser, ComposesToNfc) {
    // "é" as e + combining acute is the same name as the precomposed "é".
    EXPECT_EQ(normalise("Cafe\u0301", name_rule()).text, "Caf\u00E9");
}

TEST(TextNormaliser, DatesMustExist) {
    EXPECT_TRUE(is_calendar_date("2024-02-29"));
    EXPECT_FALSE(is_calendar_date("2024-02-30"));
    EXPECT_FALSE(is_calendar_date("2025-02-29"));
    EXPECT_FALSE(is_calendar_date("2024-13-01"));
    EXPECT_FALSE(is_calendar_date("2024-1-01"));
    EXPECT_TRUE(normalise("2024-02-30", rule_of("on")).problem);
    EXPECT_TRUE(normalise("2026-04-31", rule_of("founded_on")).problem);
    EXPECT_FALSE(normalise(" 2026-04-30 ", rule_of("founded_on")).problem);
}

TEST(TextNormaliser, ThrowingFormNamesTheField) {
    try {
        normalised_or_throw("区审计局\u200B", "name");
        FAIL() << "no error";
    } catch (const AppError& error) {
        EXPECT_EQ(error.code(), ErrorCode::validation_failed);
        EXPECT_EQ(error.details().at("field").as_string(), "name");
    }
}

TEST(TextNormaliser, XmlSafeReplacesWhatXmlForbids) {
    EXPECT_EQ(xml_safe(std::string("a\0b", 3)), "a\uFFFDb");
    EXPECT_EQ(xml_safe("x\x01y\x1Fz"), "x\uFFFDy\uFFFDz");
    EXPECT_EQ(xml_safe("tab\tline\ncr\r"), "tab\tline\ncr\r");
    EXPECT_EQ(xml_safe("end\xEF\xBF\xBF"), "end\uFFFD");
    EXPECT_EQ(xml_safe("bad\xC3"), "bad\uFFFD");
    EXPECT_EQ(xml_safe("区审计局"), "区审计局");
}

// The table and docs/openapi.yaml agree: every text property the table names has the same
// `maxLength` wherever the OpenAPI document declares it, and every text property and query
// parameter in a request of the document declares one.
TEST(TextNormaliser, OpenApiDeclaresTheTablesLimits) {
    std::ifstream file(std::string(LIANJIAN_SOURCE_DIR) + "/docs/openapi.yaml");
    std::stringstream buffer;
    buffer << file.rdbuf();
    const auto document = buffer.str();
    ASSERT_FALSE(document.empty());
    // `name: {type: string, …maxLength: N…}` for each property written on one line.
    const std::regex property(R"((\w+): \{type: string,([^}\n]*)\})");
    const std::regex parameter(R"(\{name: (\w+), in: query, schema: \{type: string([^}\n]*)\})");
    const std::regex max_length(R"(maxLength: (\d+))");
    int checked = 0;
    for (const auto* pattern : {&property, &parameter}) {
        for (std::sregex_iterator it(document.begin(), document.end(), *pattern), end; it != end;
             ++it) {
            const std::string field = (*it)[1];
            const std::string rest = (*it)[2];
            std::smatch limit;
            if (!std::regex_search(rest, limit, max_length)) {
                continue;
            }
            const auto& rule = rule_of(field);
            if (rule.field.empty()) {
                continue;  // a response-only property
            }
            const auto declared = std::stoul(limit[1]);
            // A shared key may carry an area's stricter limit ("member.name", "strength_tag.name").
            bool known = declared == rule.max_length;
            for (const auto& other : field_rules()) {
                const auto dot = other.field.find('.');
                if (dot != std::string_view::npos && other.field.substr(dot + 1) == field &&
                    other.max_length == declared) {
                    known = true;
                }
            }
            EXPECT_TRUE(known) << field << " maxLength " << declared;
            ++checked;
        }
    }
    EXPECT_GT(checked, 40);
}

}  // namespace
}  // namespace lianjian::text
