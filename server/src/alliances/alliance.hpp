#pragma once

#include "registry/registry.hpp"
#include "storage/database.hpp"

#include <optional>
#include <string>
#include <vector>

namespace lianjian::alliances {

using registry::NamedRef;

enum class MemberRole { lead, member };

struct AllianceMember {
    NamedRef unit;
    MemberRole role = MemberRole::member;
    std::string joined_on;
    std::optional<std::string> left_on;
};

struct Alliance {
    long long id = 0;
    std::string name;
    int batch = 1;
    NamedRef office_area;
    NamedRef lead_unit;
    std::string rotation_mode;  // "per_activity" | "per_quarter"
    std::string founded_on;
    std::optional<std::string> dissolved_on;
    std::string note;
    std::vector<AllianceMember> members;  // the lead unit first
};

const char* member_role_name(MemberRole role);

// Alliances as they stand today (reads; editing comes with the alliances issue).
class AllianceService {
public:
    explicit AllianceService(storage::Database& database) : database_(database) {}

    // Active alliances with the memberships open on `on_date` ("YYYY-MM-DD").
    std::vector<Alliance> list(const std::string& on_date);

private:
    storage::Database& database_;
};

}  // namespace lianjian::alliances
