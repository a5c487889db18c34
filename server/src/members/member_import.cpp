// Batch import of party members from a spreadsheet's rows: all rows or none.
#include "members/member_service.hpp"

#include "audit/detail.hpp"
#include "core/clock.hpp"
#include "core/error.hpp"
#include "members/member_rules.hpp"
#include "members/unit_lookup.hpp"
#include "storage/sort_key_repository.hpp"

#include <boost/json/array.hpp>

#include <map>
#include <set>

namespace lianjian::members {

namespace {

struct CheckedRows {
    ImportPreview preview;
    std::vector<ValidMember> valid;  // in row order, when every row is valid
};

// Remembers the phone numbers seen so far, per unit: in the sheet and among active members.
class DuplicateFinder {
  public:
    DuplicateFinder(storage::Session& session, const crypto::FieldCipher& cipher)
        : session_(session), cipher_(cipher) {}

    std::optional<FieldProblem> check(std::size_t index, const ValidMember& valid) {
        const auto hash = cipher_.search_hash(valid.phone);
        const auto key = std::to_string(valid.unit.id) + ":" + hash;
        if (const auto earlier = seen_.find(key); earlier != seen_.end()) {
            return FieldProblem{"phone", "与本表第 " + std::to_string(earlier->second + 1) +
                                             " 条记录的手机号码重复（同一单位）"};
        }
        seen_.emplace(key, index);
        auto stored = stored_.find(valid.unit.id);
        if (stored == stored_.end()) {
            stored =
                stored_
                    .emplace(valid.unit.id, storage::member_phone_hashes(session_, valid.unit.id))
                    .first;
        }
        if (stored->second.contains(hash)) {
            return FieldProblem{"phone", "该单位已有使用此手机号码的党员"};
        }
        return std::nullopt;
    }

  private:
    storage::Session& session_;
    const crypto::FieldCipher& cipher_;
    std::map<std::string, std::size_t> seen_;
    std::map<long long, std::set<std::string>> stored_;
};

void check_row_count(const std::vector<MemberDraft>& rows) {
    if (rows.size() > max_import_rows) {
        throw field_error(
            "rows", "一次最多导入 " + std::to_string(max_import_rows) + " 条记录，请分批导入");
    }
}

std::vector<FieldProblem> check_row(const MemberAccess& access, UnitLookup& units,
                                    DuplicateFinder& duplicates, std::size_t index,
                                    const MemberDraft& draft, ValidMember& valid) {
    auto problems = check_member_fields(draft, valid);
    if (is_template_example(draft.name)) {
        problems.push_back({"name", "这是导入模板中的示例行，不能导入，请删除本行"});
        return problems;
    }
    const bool phone_ok =
        std::none_of(problems.begin(), problems.end(),
                     [](const FieldProblem& problem) { return problem.field == "phone"; });
    if (auto problem = units.resolve(draft, valid.unit)) {
        problems.push_back(*problem);
        return problems;
    }
    if (!access.manage.covers(valid.unit.id)) {
        problems.push_back({unit_field(draft), "只能导入本单位的党员"});
        return problems;
    }
    if (phone_ok) {
        if (auto problem = duplicates.check(index, valid)) {
            problems.push_back(*problem);
        }
    }
    return problems;
}

CheckedRows check_rows(storage::Session& session, const crypto::FieldCipher& cipher,
                       const MemberAccess& access, const std::vector<MemberDraft>& rows) {
    check_row_count(rows);
    UnitLookup units(session);
    DuplicateFinder duplicates(session, cipher);
    CheckedRows checked;
    for (std::size_t index = 0; index < rows.size(); ++index) {
        ValidMember valid;
        auto problems = check_row(access, units, duplicates, index, rows[index], valid);
        if (problems.empty()) {
            ++checked.preview.valid_count;
            checked.valid.push_back(std::move(valid));
        } else {
            ++checked.preview.error_count;
        }
        checked.preview.rows.push_back({index, std::move(problems)});
    }
    return checked;
}

}  // namespace

boost::json::object import_preview_json(const ImportPreview& preview) {
    boost::json::array rows;
    for (const auto& row : preview.rows) {
        boost::json::array errors;
        for (const auto& problem : row.errors) {
            errors.push_back(
                boost::json::object{{"field", problem.field}, {"message", problem.message}});
        }
        rows.push_back(boost::json::object{
            {"index", row.index}, {"ok", row.ok()}, {"errors", std::move(errors)}});
    }
    return {{"rows", std::move(rows)},
            {"valid_count", preview.valid_count},
            {"error_count", preview.error_count}};
}

ImportPreview MemberService::preview_import(const MemberAccess& access,
                                            const std::vector<MemberDraft>& rows) {
    storage::Connection connection(database_);
    return check_rows(connection.session(), cipher_, access, rows).preview;
}

std::size_t MemberService::import(const MemberAccess& access, const audit::Actor& actor,
                                  const std::vector<MemberDraft>& rows) {
    if (rows.empty()) {
        throw field_error("rows", "没有可导入的记录");
    }
    const std::string now = now_timestamp();
    // The rows are checked inside the write transaction, so what was checked is what is written.
    storage::Transaction transaction(database_);
    auto checked = check_rows(transaction.session(), cipher_, access, rows);
    if (checked.preview.error_count > 0) {
        throw AppError(
            ErrorCode::validation_failed,
            "有 " + std::to_string(checked.preview.error_count) + " 条记录有误，未导入任何记录",
            import_preview_json(checked.preview));
    }
    for (const auto& valid : checked.valid) {
        const auto id = storage::insert_member(transaction.session(), sealed(valid, 0, now), false);
        storage::set_name_sort_key(transaction.session(), storage::SortedTable::member, id,
                                   valid.name);
    }
    audit_.record(transaction, {actor, "member.import", "member", "", audit::Outcome::success,
                                audit::detail({{"count", checked.valid.size()}})});
    transaction.commit();
    return checked.valid.size();
}

}  // namespace lianjian::members
