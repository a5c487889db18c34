#pragma once

#include "registry/registry.hpp"

#include "storage/session.hpp"

#include <soci/soci.h>

namespace lianjian::storage {

// Serialises registry writers on PostgreSQL (SQLite's BEGIN IMMEDIATE already does), so that a
// uniqueness check and the insert after it cannot interleave with another writer's.
void lock_registry(Transaction& transaction);

// Office areas.
registry::Page<registry::OfficeArea> list_office_areas(Session& session);
std::optional<registry::OfficeArea> find_office_area(Session& session, long long id);
long long insert_office_area(Session& session, const registry::OfficeArea& area, bool is_demo,
                             const std::string& now);
void update_office_area(Session& session, const registry::OfficeArea& area,
                        const std::string& now);
// The id of the office area with this name, other than `except_id`.
std::optional<long long> find_office_area_id(Session& session, const std::string& name,
                                             long long except_id = 0);

// Strength tags.
registry::Page<registry::StrengthTag> list_strength_tags(Session& session);
std::optional<registry::StrengthTag> find_strength_tag(Session& session, long long id);
std::optional<long long> find_strength_tag_id(Session& session, const std::string& name,
                                              long long except_id = 0);
// Appends the tag at the end of the list.
long long insert_strength_tag(Session& session, const std::string& name,
                              const std::string& now);
void update_strength_tag(Session& session, const registry::StrengthTag& tag,
                         const std::string& now);

// Units.
registry::Page<registry::Unit> list_units(Session& session,
                                          const registry::UnitFilter& filter);
std::optional<registry::Unit> find_unit(Session& session, long long id);
// Every unit with its parent, in id order, for the tree.
std::vector<std::pair<std::optional<long long>, registry::UnitNode>> list_unit_nodes(
    Session& session);
long long insert_unit(Session& session, const registry::Unit& unit, const std::string& now);
void update_unit(Session& session, const registry::Unit& unit, const std::string& now);
void set_unit_active(Session& session, long long id, bool active, const std::string& now);
void replace_unit_strengths(Session& session, long long unit_id,
                            const std::vector<long long>& tag_ids);
std::optional<long long> find_unit_id(Session& session, const std::string& name);
// The unit named `name` under `parent_id` (a root when none), other than `except_id`.
std::optional<long long> find_unit_id_in_parent(Session& session,
                                                const std::optional<long long>& parent_id,
                                                const std::string& name, long long except_id = 0);
// The parent of a unit: nullopt when the unit does not exist, an empty inner value for a root.
std::optional<std::optional<long long>> find_unit_parent(Session& session, long long id);

}  // namespace lianjian::storage
