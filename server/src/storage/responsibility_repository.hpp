#pragma once

#include "responsibility/responsibility.hpp"

#include "storage/session.hpp"

#include <optional>
#include <vector>

namespace lianjian::storage {

struct SheetQuery {
    int year = 0;
    std::optional<long long> alliance_id;
    std::optional<long long> unit_id;
    long long offset = 0;
    std::optional<long long> limit;
};
struct SheetRows {
    std::vector<responsibility::Sheet> items;  // by alliance, then unit
    long long total = 0;
};
SheetRows list_sheets(Session& session, const SheetQuery& query);
std::optional<responsibility::Sheet> find_sheet(Session& session, int year, long long unit_id);
long long insert_sheet(Session& session, int year, long long alliance_id, long long unit_id,
                       const responsibility::SheetInput& input, const std::string& now);
// Writes the sheet if it is still at `version`; false when someone else wrote it first.
bool update_sheet(Session& session, long long sheet_id, int version, long long alliance_id,
                  const responsibility::SheetInput& input, const std::string& now);

// Current member units of active alliances with no sheet for `year` (of one alliance, or one
// unit, when given), by alliance then unit.
std::vector<responsibility::MissingSheet> units_missing_sheet(Session& session, int year,
                                                              std::optional<long long> alliance_id,
                                                              std::optional<long long> unit_id);

// The members of these ids (their unit and whether active), one query.
std::vector<responsibility::MemberFact> member_facts(Session& session,
                                                     const std::vector<long long>& ids);

}  // namespace lianjian::storage
