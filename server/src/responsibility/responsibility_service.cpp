#include "responsibility/responsibility.hpp"

#include "core/changes.hpp"
#include "core/clock.hpp"
#include "core/error.hpp"
#include "core/text.hpp"
#include "storage/alliance_repository.hpp"
#include "storage/application_repository.hpp"
#include "storage/responsibility_repository.hpp"

#include <algorithm>

namespace lianjian::responsibility {

using accounts::Permission;

namespace {

void check_year(int year) {
    if (year < 2000 || year > 2100) {
        throw field_error("year", "年度应在 2000 至 2100 之间");
    }
}

// What a unit-scoped reader sees: its alliance now, and whether it leads it.
struct ReaderReach {
    bool everything = false;
    std::optional<long long> alliance_id;  // the lead unit's alliance
    std::optional<long long> unit_id;      // another unit: its own only
    bool nothing = false;
};

ReaderReach reach_of(storage::Session& session, const accounts::Caller& caller) {
    if (caller.may_everywhere(Permission::responsibility_read)) {
        return {true, std::nullopt, std::nullopt, false};
    }
    if (!caller.unit_id || !caller.reach(Permission::responsibility_read)) {
        return {false, std::nullopt, std::nullopt, true};
    }
    const auto alliance = storage::open_alliance_of_unit(session, *caller.unit_id);
    if (alliance && storage::lead_unit_of_alliance(session, *alliance) == caller.unit_id) {
        return {false, alliance, std::nullopt, false};
    }
    return {false, std::nullopt, caller.unit_id, false};
}

}  // namespace

std::vector<FieldProblem> check_people(const SheetInput& input, long long unit_id,
                                       const std::vector<MemberFact>& members) {
    std::vector<FieldProblem> problems;
    const auto check = [&](const char* field, const std::optional<long long>& id) {
        if (!id) {
            return;
        }
        const auto found = std::find_if(members.begin(), members.end(),
                                        [&](const MemberFact& m) { return m.id == *id; });
        if (found == members.end()) {
            problems.push_back({field, "所选党员不存在"});
        } else if (found->unit_id != unit_id) {
            problems.push_back({field, "须从本单位的党员中选择"});
        } else if (!found->active) {
            problems.push_back({field, "所选党员已不在册，请重新选择"});
        }
    };
    check("first_responsible_member_id", input.first_responsible_member_id);
    check("direct_responsible_member_id", input.direct_responsible_member_id);
    check("liaison_member_id", input.liaison_member_id);
    return problems;
}

SheetPage ResponsibilityService::list(const accounts::Caller& caller, const SheetFilter& filter) {
    check_year(filter.year);
    storage::Connection connection(database_);
    auto& session = connection.session();
    const auto reach = reach_of(session, caller);
    if (reach.nothing) {
        return {};
    }
    storage::SheetQuery query;
    query.year = filter.year;
    query.alliance_id = filter.alliance_id;
    query.offset = static_cast<long long>(filter.page - 1) * filter.page_size;
    query.limit = filter.page_size;
    if (reach.alliance_id) {
        if (filter.alliance_id && *filter.alliance_id != *reach.alliance_id) {
            return {};
        }
        query.alliance_id = reach.alliance_id;
    } else if (reach.unit_id) {
        query.unit_id = reach.unit_id;
    }
    auto rows = storage::list_sheets(session, query);
    return {std::move(rows.items), rows.total};
}

std::vector<MissingSheet> ResponsibilityService::missing(const accounts::Caller& caller, int year) {
    check_year(year);
    storage::Connection connection(database_);
    auto& session = connection.session();
    const auto reach = reach_of(session, caller);
    if (reach.nothing) {
        return {};
    }
    return storage::units_missing_sheet(session, year, reach.alliance_id, reach.unit_id);
}

Sheet ResponsibilityService::save(const accounts::Caller& caller, int year, long long unit_id,
                                  const SheetInput& raw) {
    check_year(year);
    if (!caller.may(Permission::responsibility_write, accounts::Target::unit(unit_id))) {
        throw AppError(ErrorCode::forbidden, "只能由本单位管理员填写本单位的责任书");
    }
    SheetInput input = raw;
    input.targets = text::normalised_or_throw(raw.targets, "targets");
    input.measures = text::normalised_or_throw(raw.measures, "measures");
    input.duties = text::normalised_or_throw(raw.duties, "duties");
    storage::Transaction transaction(database_);
    auto& session = transaction.session();
    const auto alliance_id = storage::open_alliance_of_unit(session, unit_id);
    if (!alliance_id) {
        throw AppError(ErrorCode::validation_failed,
                       "本单位目前不在任何党建联盟中，无需填写责任书；加入联盟后再填写",
                       {{"field", "unit_id"}});
    }
    std::vector<long long> ids;
    for (const auto& id : {input.first_responsible_member_id, input.direct_responsible_member_id,
                           input.liaison_member_id}) {
        if (id)
            ids.push_back(*id);
    }
    const auto problems = check_people(input, unit_id, storage::member_facts(session, ids));
    if (!problems.empty()) {
        std::vector<FieldMessage> messages;
        for (const auto& problem : problems) messages.push_back({problem.field, problem.message});
        throw fields_error(messages);
    }
    const auto now = now_timestamp();
    const auto existing = storage::find_sheet(session, year, unit_id);
    ChangeSet changes;
    long long id = 0;
    if (existing) {
        if (input.version && *input.version != existing->version) {
            throw AppError(ErrorCode::conflict, "责任书已被他人修改，请刷新后再保存");
        }
        const auto ref_id = [](const std::optional<NamedRef>& ref) {
            return ref ? std::optional<long long>(ref->id) : std::nullopt;
        };
        changes.compare("targets", existing->targets, input.targets);
        changes.compare("measures", existing->measures, input.measures);
        changes.compare("duties", existing->duties, input.duties);
        changes.compare("first_responsible_member_id", ref_id(existing->first_responsible),
                        input.first_responsible_member_id);
        changes.compare("direct_responsible_member_id", ref_id(existing->direct_responsible),
                        input.direct_responsible_member_id);
        changes.compare("liaison_member_id", ref_id(existing->liaison), input.liaison_member_id);
        if (!storage::update_sheet(session, existing->id, existing->version, *alliance_id, input,
                                   now)) {
            throw AppError(ErrorCode::conflict, "责任书已被他人修改，请刷新后再保存");
        }
        id = existing->id;
    } else {
        id = storage::insert_sheet(session, year, *alliance_id, unit_id, input, now);
        changes.compare("year", 0, year);
    }
    audit_.record(
        transaction,
        {caller.actor, existing ? "responsibility_sheet.update" : "responsibility_sheet.create",
         "responsibility_sheet", std::to_string(id), audit::Outcome::success, changes.json()});
    auto sheet = storage::find_sheet(session, year, unit_id);
    transaction.commit();
    return *sheet;
}

}  // namespace lianjian::responsibility
