#include "alliances/alliance.hpp"

#include "storage/alliance_repository.hpp"

namespace lianjian::alliances {

const char* member_role_name(MemberRole role) { return role == MemberRole::lead ? "lead" : "member"; }

std::vector<Alliance> AllianceService::list(const std::string& on_date) {
    storage::Connection connection(database_);
    return storage::list_alliances(connection.session(), on_date);
}

}  // namespace lianjian::alliances
