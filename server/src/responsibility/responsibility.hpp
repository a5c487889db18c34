#pragma once

#include "accounts/caller.hpp"
#include "audit/audit_log.hpp"
#include "registry/registry.hpp"
#include "storage/database.hpp"

#include <optional>
#include <string>
#include <vector>

namespace lianjian::responsibility {

using registry::NamedRef;

// 责任书 (seed 六(一)): for a year, what a member unit of an alliance commits to — 定目标、定措施、
// 定人员、定职责 — with its three people chosen from the unit's party members.
struct Sheet {
    long long id = 0;
    int year = 0;
    NamedRef alliance;
    NamedRef unit;
    std::string targets;
    std::string measures;
    std::string duties;
    std::optional<NamedRef> first_responsible;
    std::optional<NamedRef> direct_responsible;
    std::optional<NamedRef> liaison;
    std::string updated_at;
    int version = 1;
};

struct SheetInput {
    std::string targets;
    std::string measures;
    std::string duties;
    std::optional<long long> first_responsible_member_id;
    std::optional<long long> direct_responsible_member_id;
    std::optional<long long> liaison_member_id;
    std::optional<int> version;  // the version the writer saw; a stale one is a 409
};

struct SheetFilter {
    int year = 0;
    std::optional<long long> alliance_id;
    int page = 1;
    int page_size = 20;
};

struct SheetPage {
    std::vector<Sheet> items;
    long long total = 0;
};

// A member unit of an active alliance with no sheet for the year.
struct MissingSheet {
    NamedRef unit;
    NamedRef alliance;
};

// A party member as the sheet's people are checked against.
struct MemberFact {
    long long id = 0;
    long long unit_id = 0;
    bool active = true;
};

struct FieldProblem {
    std::string field;
    std::string message;
};

// Pure: the problems of the three people of `unit_id`'s sheet, each named by its field
// ("first_responsible_member_id" …), given what the registry holds of the named members.
std::vector<FieldProblem> check_people(const SheetInput& input, long long unit_id,
                                       const std::vector<MemberFact>& members);

class ResponsibilityService {
  public:
    ResponsibilityService(storage::Database& database, audit::AuditLog& audit)
        : database_(database), audit_(audit) {}

    // The committee and viewers see every sheet; a lead unit its alliance's; another unit its own.
    SheetPage list(const accounts::Caller& caller, const SheetFilter& filter);
    // The committee and viewers see every unit; a lead unit its alliance's; another unit itself.
    std::vector<MissingSheet> missing(const accounts::Caller& caller, int year);
    // Creates or updates `unit_id`'s sheet for `year`: the unit's own administrator only.
    Sheet save(const accounts::Caller& caller, int year, long long unit_id,
               const SheetInput& input);

  private:
    storage::Database& database_;
    audit::AuditLog& audit_;
};

}  // namespace lianjian::responsibility
