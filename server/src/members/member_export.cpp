// Party members out to a spreadsheet: the export of a list and the import template.
#include "members/member_service.hpp"

#include "audit/detail.hpp"
#include "core/error.hpp"
#include "exports/xlsx.hpp"
#include "members/member_rules.hpp"
#include "members/scope.hpp"

#include <algorithm>
#include <iterator>

namespace lianjian::members {

namespace {

// The columns in the template's order, which an export of every column also follows, so that an
// exported sheet can be imported again.
exports::Column column_of(const std::string& name) {
    if (name == "name")
        return {"姓名", 12, {}};
    if (name == "gender")
        return {"性别", 8, {"男", "女"}};
    if (name == "unit")
        return {"单位", 24, {}};
    if (name == "post")
        return {"职务", 18, {}};
    if (name == "phone")
        return {"手机号码", 16, {}};
    if (name == "joined_on")
        return {"入党日期", 14, {}};
    return {"党员状态", 12, {"正式", "预备"}};
}

std::vector<std::string> checked_columns(const std::vector<std::string>& requested) {
    if (requested.empty()) {
        return {std::begin(export_column_names), std::end(export_column_names)};
    }
    std::vector<std::string> unknown;
    for (const auto& name : requested) {
        if (std::find(std::begin(export_column_names), std::end(export_column_names), name) ==
            std::end(export_column_names)) {
            unknown.push_back(name);
        }
    }
    if (!unknown.empty()) {
        std::string listed;
        boost::json::array names;
        for (const auto& name : unknown) {
            listed += (listed.empty() ? "" : "、") + name;
            names.push_back(boost::json::string(name));
        }
        throw AppError(ErrorCode::validation_failed,
                       "未知的导出列：" + listed +
                           "（可选 name、gender、unit、post、phone、joined_on、status）",
                       {{"field", "columns"}, {"columns", std::move(names)}});
    }
    return requested;
}

std::string cell(const std::string& column, const Member& member, const std::string& phone) {
    if (column == "name")
        return member.name;
    if (column == "gender")
        return gender_label(member.gender);
    if (column == "unit")
        return member.unit.name;
    if (column == "post")
        return member.post;
    if (column == "phone")
        return phone;
    if (column == "joined_on")
        return member.joined_on;
    return status_label(member.status);
}

}  // namespace

std::string MemberService::export_xlsx(const MemberAccess& access, const audit::Actor& actor,
                                       MemberFilter filter,
                                       const std::vector<std::string>& columns) {
    const auto chosen = checked_columns(columns);
    auto query = storage_query(access.read, filter, cipher_);
    query.page.reset();  // the whole list, not the page on screen
    storage::StoredMemberPage found;
    {
        storage::Connection connection(database_);
        found = storage::list_members(connection.session(), query);
    }
    const bool with_phone = std::find(chosen.begin(), chosen.end(), "phone") != chosen.end();
    exports::Sheet sheet{"党员名单", {}, {}, 0};
    for (const auto& name : chosen) {
        sheet.columns.push_back(column_of(name));
    }
    std::size_t unmasked = 0;
    for (const auto& stored : found.items) {
        std::string phone;
        if (with_phone) {
            phone = cipher_.open(stored.phone_sealed);
            if (access.unmask.covers(stored.member.unit.id)) {
                ++unmasked;
            } else {
                phone = crypto::mask_phone(phone);
            }
        }
        std::vector<std::string> cells;
        for (const auto& name : chosen) {
            cells.push_back(cell(name, stored.member, phone));
        }
        sheet.rows.push_back(std::move(cells));
    }
    auto bytes = exports::xlsx_bytes(sheet);
    if (unmasked > 0) {
        // Full numbers left the system: who took how many is on record.
        storage::Transaction transaction(database_);
        audit_.record(transaction, {actor, "member.export", "member", "", audit::Outcome::success,
                                    audit::detail({{"unmasked_count", unmasked}})});
        transaction.commit();
    }
    return bytes;
}

std::string MemberService::import_template_xlsx() {
    exports::Sheet sheet{"党员导入模板", {}, {}, 1000};
    for (const char* name : export_column_names) {
        sheet.columns.push_back(column_of(name));
    }
    sheet.rows.push_back({template_example_name, "男", "区委直属机关工委", "党支部书记",
                          "13800000000", "2020-07-01", "正式"});
    return exports::xlsx_bytes(sheet);
}

}  // namespace lianjian::members
