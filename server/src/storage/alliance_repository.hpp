#pragma once

#include "alliances/alliance.hpp"

#include <soci/soci.h>

namespace lianjian::storage {

std::vector<alliances::Alliance> list_alliances(soci::session& session, const std::string& on_date);
long long insert_alliance(soci::session& session, const alliances::Alliance& alliance,
                          const std::string& now);
void insert_membership(soci::session& session, long long alliance_id, long long unit_id,
                       const std::string& joined_on, const std::string& now);

}  // namespace lianjian::storage
