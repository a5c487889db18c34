#pragma once

#include "registry/registry.hpp"

#include <soci/soci.h>

namespace lianjian::storage {

registry::Page<registry::Unit> list_units(soci::session& session, const registry::UnitFilter& filter);
registry::Page<registry::OfficeArea> list_office_areas(soci::session& session);
long long insert_office_area(soci::session& session, const registry::OfficeArea& area,
                             bool is_demo, const std::string& now);
long long insert_unit(soci::session& session, const registry::Unit& unit, const std::string& now);
std::optional<long long> find_office_area_id(soci::session& session, const std::string& name);
std::optional<long long> find_unit_id(soci::session& session, const std::string& name);

}  // namespace lianjian::storage
