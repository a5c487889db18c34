#pragma once

#include "members/member.hpp"
#include "storage/member_repository.hpp"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace lianjian::members {

// Finds the unit a draft names (by id, else by exact name) within one transaction, remembering
// what it looked up so that an import of thousands of rows asks about each unit once.
class UnitLookup {
  public:
    explicit UnitLookup(storage::Session& session) : session_(session) {}

    // The unit, or the problem with the draft's unit (missing, unknown, ambiguous, inactive).
    std::optional<FieldProblem> resolve(const MemberDraft& draft, UnitRef& unit);

  private:
    std::optional<storage::MemberUnit> by_id(long long id);
    const std::vector<storage::MemberUnit>& by_name(const std::string& name);

    storage::Session& session_;
    std::map<long long, std::optional<storage::MemberUnit>> ids_;
    std::map<std::string, std::vector<storage::MemberUnit>> names_;
};

// The field an import row's unit problem belongs to: the column the row named it by.
std::string unit_field(const MemberDraft& draft);

}  // namespace lianjian::members
