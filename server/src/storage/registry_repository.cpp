#include "storage/registry_repository.hpp"

#include "storage/binding.hpp"
#include "storage/query.hpp"
#include "storage/row.hpp"

#include <soci/boost-optional.h>
#include <boost/optional.hpp>

#include <map>

namespace lianjian::storage {

namespace {

// An empty text is stored as NULL: "no phone" is not a sealed empty string.
boost::optional<std::string> null_if_empty(const std::string& text) {
    return text.empty() ? boost::none : boost::optional<std::string>(text);
}

const char* unit_columns =
    "SELECT u.id AS id, u.name AS name, u.short_name AS short_name, u.parent_id AS parent_id, "
    "u.kind AS kind, u.party_organization_name AS party_organization_name, "
    "u.party_organization_type AS party_organization_type, u.office_area_id AS office_area_id, "
    "a.name AS office_area_name, u.party_member_count AS party_member_count, "
    "u.first_responsible AS first_responsible, u.direct_responsible AS direct_responsible, "
    "u.liaison AS liaison, u.active AS active, u.is_demo AS is_demo, "
    "u.liaison_phone_sealed AS liaison_phone_sealed, u.liaison_phone_hash AS liaison_phone_hash "
    "FROM unit u LEFT JOIN office_area a ON a.id = u.office_area_id";

registry::Unit read_unit(const soci::row& row) {
    const Columns columns(row);
    registry::Unit unit;
    unit.id = columns.integer("id");
    unit.name = columns.text("name");
    unit.short_name = columns.text("short_name");
    unit.parent_id = columns.optional_integer("parent_id");
    unit.kind = columns.text("kind");
    unit.party_organization_name = columns.text("party_organization_name");
    unit.party_organization_type = columns.text("party_organization_type");
    if (auto area_id = columns.optional_integer("office_area_id")) {
        unit.office_area = registry::NamedRef{*area_id, columns.text("office_area_name")};
    }
    unit.party_member_count = static_cast<int>(columns.integer("party_member_count"));
    unit.first_responsible = columns.text("first_responsible");
    unit.direct_responsible = columns.text("direct_responsible");
    unit.liaison = columns.text("liaison");
    unit.active = columns.flag("active");
    unit.is_demo = columns.flag("is_demo");
    unit.liaison_phone_sealed = columns.text("liaison_phone_sealed");
    unit.liaison_phone_hash = columns.text("liaison_phone_hash");
    return unit;
}

constexpr const char* office_area_select =
    "SELECT id AS id, name AS name, address AS address, latitude AS latitude, "
    "longitude AS longitude, note AS note FROM office_area";

registry::OfficeArea read_office_area(const soci::row& row) {
    const Columns columns(row);
    return {columns.integer("id"),
            columns.text("name"),
            columns.text("address"),
            columns.optional_real("latitude"),
            columns.optional_real("longitude"),
            columns.text("note")};
}

constexpr const char* strength_tag_select =
    "SELECT id AS id, name AS name, active AS active, sort_order AS sort_order FROM strength_tag";

registry::StrengthTag read_strength_tag(const soci::row& row) {
    const Columns columns(row);
    return {columns.integer("id"), columns.text("name"), columns.flag("active"),
            static_cast<int>(columns.integer("sort_order"))};
}

// Each unit's strengths in one query for the whole page, in the list's order. The ids go in as
// one parameter, so the statement is the same whatever the page size.
// The active members on record of each unit, in one query for the whole list.
void load_member_counts(Session& session, std::vector<registry::Unit>& units) {
    if (units.empty()) {
        return;
    }
    std::map<long long, registry::Unit*> by_id;
    std::vector<long long> ids;
    for (auto& unit : units) {
        by_id[unit.id] = &unit;
        ids.push_back(unit.id);
    }
    Query("SELECT unit_id AS unit_id, COUNT(*) AS members FROM member WHERE active = 1 AND " +
          session.in_id_list("unit_id", "unit_ids") + " GROUP BY unit_id")
        .bind("unit_ids", session.id_list(ids))
        .for_each_row(session, [&](const soci::row& row) {
            const Columns columns(row);
            by_id.at(columns.integer("unit_id"))->members_on_record = columns.integer("members");
        });
}

void load_strengths(Session& session, std::vector<registry::Unit>& units) {
    if (units.empty()) {
        return;
    }
    std::map<long long, registry::Unit*> by_id;
    std::vector<long long> ids;
    for (auto& unit : units) {
        by_id[unit.id] = &unit;
        ids.push_back(unit.id);
    }
    Query(
        "SELECT s.unit_id AS unit_id, t.id AS id, t.name AS name FROM unit_strength s "
        "JOIN strength_tag t ON t.id = s.strength_tag_id WHERE " +
        session.in_id_list("s.unit_id", "unit_ids") + " ORDER BY t.sort_order, t.id")
        .bind("unit_ids", session.id_list(ids))
        .for_each_row(session, [&](const soci::row& row) {
            const Columns columns(row);
            by_id.at(columns.integer("unit_id"))
                ->strengths.push_back({columns.integer("id"), columns.text("name")});
        });
}

std::string order_by(registry::UnitSort sort) {
    switch (sort) {
        case registry::UnitSort::id:
            return " ORDER BY u.id";
        case registry::UnitSort::name:
            return " ORDER BY u.name_sort_key, u.id";
        case registry::UnitSort::name_descending:
            return " ORDER BY u.name_sort_key DESC, u.id";
        case registry::UnitSort::party_member_count:
            return " ORDER BY u.party_member_count, u.id";
        case registry::UnitSort::party_member_count_descending:
            return " ORDER BY u.party_member_count DESC, u.id";
    }
    return " ORDER BY u.id";
}

Query unit_filter(const registry::UnitFilter& filter) {
    Query where(" WHERE 1 = 1");
    if (!filter.search.empty()) {
        where.append(" AND (u.name LIKE :q ESCAPE '\\' OR u.short_name LIKE :q2 ESCAPE '\\')")
            .bind("q", contains_pattern(filter.search))
            .bind("q2", contains_pattern(filter.search));
    }
    if (filter.office_area_id) {
        where.append(" AND u.office_area_id = :office_area_id")
            .bind("office_area_id", *filter.office_area_id);
    }
    if (filter.strength_tag_id) {
        where
            .append(
                " AND EXISTS (SELECT 1 FROM unit_strength s WHERE s.unit_id = u.id "
                "AND s.strength_tag_id = :tag_id)")
            .bind("tag_id", *filter.strength_tag_id);
    }
    if (filter.parent_id) {
        where.append(" AND u.parent_id = :parent_id").bind("parent_id", *filter.parent_id);
    }
    if (filter.active) {
        where.append(" AND u.active = :active").bind("active", *filter.active ? 1LL : 0LL);
    }
    return where;
}

}  // namespace

void lock_registry(Transaction& transaction) {
    transaction.serialize(WriterTopic::registry);
}

registry::Page<registry::OfficeArea> list_office_areas(Session& session) {
    registry::Page<registry::OfficeArea> page;
    Query(std::string(office_area_select) + " ORDER BY id")
        .for_each_row(session,
                      [&](const soci::row& row) { page.items.push_back(read_office_area(row)); });
    page.total = static_cast<long long>(page.items.size());
    return page;
}

std::optional<registry::OfficeArea> find_office_area(Session& session, long long id) {
    std::optional<registry::OfficeArea> area;
    Query(std::string(office_area_select) + " WHERE id = :id")
        .bind("id", id)
        .for_each_row(session, [&](const soci::row& row) { area = read_office_area(row); });
    return area;
}

long long insert_office_area(Session& session, const registry::OfficeArea& area, bool is_demo,
                             const std::string& now) {
    long long id = 0;
    const auto latitude = to_boost(area.latitude);
    const auto longitude = to_boost(area.longitude);
    const int demo = is_demo ? 1 : 0;
    session << "INSERT INTO office_area (name, address, latitude, longitude, note, is_demo, "
               "created_at, updated_at) VALUES (:name, :address, :latitude, :longitude, :note, "
               ":is_demo, :created_at, :updated_at) RETURNING id",
        soci::use(area.name), soci::use(area.address), soci::use(latitude), soci::use(longitude),
        soci::use(area.note), soci::use(demo), soci::use(now), soci::use(now), soci::into(id);
    return id;
}

void update_office_area(Session& session, const registry::OfficeArea& area,
                        const std::string& now) {
    const auto latitude = to_boost(area.latitude);
    const auto longitude = to_boost(area.longitude);
    session << "UPDATE office_area SET name = :name, address = :address, latitude = :latitude, "
               "longitude = :longitude, note = :note, updated_at = :updated_at WHERE id = :id",
        soci::use(area.name), soci::use(area.address), soci::use(latitude), soci::use(longitude),
        soci::use(area.note), soci::use(now), soci::use(area.id);
}

std::optional<long long> find_office_area_id(Session& session, const std::string& name,
                                             long long except_id) {
    std::optional<long long> id;
    Query("SELECT id FROM office_area WHERE name = :name AND id <> :except_id")
        .bind("name", name)
        .bind("except_id", except_id)
        .for_each_row(session, [&](const soci::row& row) { id = integer_at(row, 0); });
    return id;
}

registry::Page<registry::StrengthTag> list_strength_tags(Session& session) {
    registry::Page<registry::StrengthTag> page;
    Query(std::string(strength_tag_select) + " ORDER BY sort_order, id")
        .for_each_row(session,
                      [&](const soci::row& row) { page.items.push_back(read_strength_tag(row)); });
    page.total = static_cast<long long>(page.items.size());
    return page;
}

std::optional<registry::StrengthTag> find_strength_tag(Session& session, long long id) {
    std::optional<registry::StrengthTag> tag;
    Query(std::string(strength_tag_select) + " WHERE id = :id")
        .bind("id", id)
        .for_each_row(session, [&](const soci::row& row) { tag = read_strength_tag(row); });
    return tag;
}

std::optional<long long> find_strength_tag_id(Session& session, const std::string& name,
                                              long long except_id) {
    std::optional<long long> id;
    Query("SELECT id FROM strength_tag WHERE name = :name AND id <> :except_id")
        .bind("name", name)
        .bind("except_id", except_id)
        .for_each_row(session, [&](const soci::row& row) { id = integer_at(row, 0); });
    return id;
}

long long insert_strength_tag(Session& session, const std::string& name, const std::string& now) {
    const long long sort_order =
        Query("SELECT COALESCE(MAX(sort_order), 0) + 1 FROM strength_tag").scalar(session);
    const int order = static_cast<int>(sort_order);
    long long id = 0;
    session << "INSERT INTO strength_tag (name, active, sort_order, created_at, updated_at) "
               "VALUES (:name, 1, :sort_order, :created_at, :updated_at) RETURNING id",
        soci::use(name), soci::use(order), soci::use(now), soci::use(now), soci::into(id);
    return id;
}

void update_strength_tag(Session& session, const registry::StrengthTag& tag,
                         const std::string& now) {
    const int active = tag.active ? 1 : 0;
    session << "UPDATE strength_tag SET name = :name, active = :active, updated_at = :updated_at "
               "WHERE id = :id",
        soci::use(tag.name), soci::use(active), soci::use(now), soci::use(tag.id);
}

registry::Page<registry::Unit> list_units(Session& session, const registry::UnitFilter& filter) {
    const Query where = unit_filter(filter);
    registry::Page<registry::Unit> page;
    page.total = where.with_sql("SELECT COUNT(*) FROM unit u" + where.sql()).scalar(session);
    where
        .with_sql(unit_columns + where.sql() + order_by(filter.sort) +
                  " LIMIT :limit OFFSET :offset")
        .bind("limit", static_cast<long long>(filter.page_size))
        .bind("offset", static_cast<long long>(filter.page - 1) * filter.page_size)
        .for_each_row(session, [&](const soci::row& row) { page.items.push_back(read_unit(row)); });
    load_strengths(session, page.items);
    load_member_counts(session, page.items);
    return page;
}

std::optional<registry::Unit> find_unit(Session& session, long long id) {
    std::vector<registry::Unit> found;
    Query(std::string(unit_columns) + " WHERE u.id = :id")
        .bind("id", id)
        .for_each_row(session, [&](const soci::row& row) { found.push_back(read_unit(row)); });
    if (found.empty()) {
        return std::nullopt;
    }
    load_strengths(session, found);
    load_member_counts(session, found);
    return std::move(found.front());
}

std::vector<std::pair<std::optional<long long>, registry::UnitNode>> list_unit_nodes(
    Session& session) {
    std::vector<std::pair<std::optional<long long>, registry::UnitNode>> nodes;
    Query(
        "SELECT id AS id, parent_id AS parent_id, name AS name, short_name AS short_name, "
        "kind AS kind, active AS active FROM unit ORDER BY id")
        .for_each_row(session, [&](const soci::row& row) {
            const Columns columns(row);
            nodes.push_back({columns.optional_integer("parent_id"),
                             {columns.integer("id"),
                              columns.text("name"),
                              columns.text("short_name"),
                              columns.text("kind"),
                              columns.flag("active"),
                              {}}});
        });
    return nodes;
}

long long insert_unit(Session& session, const registry::Unit& unit, const std::string& now) {
    long long id = 0;
    const auto parent_id = to_boost(unit.parent_id);
    const auto office_area_id =
        unit.office_area ? boost::optional<long long>(unit.office_area->id) : boost::none;
    const auto phone_sealed = null_if_empty(unit.liaison_phone_sealed);
    const auto phone_hash = null_if_empty(unit.liaison_phone_hash);
    const int active = unit.active ? 1 : 0;
    const int demo = unit.is_demo ? 1 : 0;
    session << "INSERT INTO unit (name, short_name, parent_id, kind, party_organization_name, "
               "party_organization_type, office_area_id, party_member_count, first_responsible, "
               "direct_responsible, liaison, liaison_phone_sealed, liaison_phone_hash, active, "
               "is_demo, created_at, updated_at) VALUES "
               "(:name, :short_name, :parent_id, :kind, :party_organization_name, "
               ":party_organization_type, :office_area_id, :party_member_count, "
               ":first_responsible, :direct_responsible, :liaison, :liaison_phone_sealed, "
               ":liaison_phone_hash, :active, :is_demo, :created_at, :updated_at) RETURNING id",
        soci::use(unit.name), soci::use(unit.short_name), soci::use(parent_id),
        soci::use(unit.kind), soci::use(unit.party_organization_name),
        soci::use(unit.party_organization_type), soci::use(office_area_id),
        soci::use(unit.party_member_count), soci::use(unit.first_responsible),
        soci::use(unit.direct_responsible), soci::use(unit.liaison), soci::use(phone_sealed),
        soci::use(phone_hash), soci::use(active), soci::use(demo), soci::use(now), soci::use(now),
        soci::into(id);
    return id;
}

void update_unit(Session& session, const registry::Unit& unit, const std::string& now) {
    const auto parent_id = to_boost(unit.parent_id);
    const auto office_area_id =
        unit.office_area ? boost::optional<long long>(unit.office_area->id) : boost::none;
    const auto phone_sealed = null_if_empty(unit.liaison_phone_sealed);
    const auto phone_hash = null_if_empty(unit.liaison_phone_hash);
    session
        << "UPDATE unit SET name = :name, short_name = :short_name, parent_id = :parent_id, "
           "kind = :kind, party_organization_name = :party_organization_name, "
           "party_organization_type = :party_organization_type, office_area_id = :office_area_id, "
           "party_member_count = :party_member_count, first_responsible = :first_responsible, "
           "direct_responsible = :direct_responsible, liaison = :liaison, "
           "liaison_phone_sealed = :liaison_phone_sealed, liaison_phone_hash = "
           ":liaison_phone_hash, "
           "updated_at = :updated_at WHERE id = :id",
        soci::use(unit.name), soci::use(unit.short_name), soci::use(parent_id),
        soci::use(unit.kind), soci::use(unit.party_organization_name),
        soci::use(unit.party_organization_type), soci::use(office_area_id),
        soci::use(unit.party_member_count), soci::use(unit.first_responsible),
        soci::use(unit.direct_responsible), soci::use(unit.liaison), soci::use(phone_sealed),
        soci::use(phone_hash), soci::use(now), soci::use(unit.id);
}

void set_unit_active(Session& session, long long id, bool active, const std::string& now) {
    const int flag = active ? 1 : 0;
    session << "UPDATE unit SET active = :active, updated_at = :updated_at WHERE id = :id",
        soci::use(flag), soci::use(now), soci::use(id);
}

void replace_unit_strengths(Session& session, long long unit_id,
                            const std::vector<long long>& tag_ids) {
    // Links, not history: the unit's current strengths replace the old ones outright.
    session << "DELETE FROM unit_strength WHERE unit_id = :unit_id", soci::use(unit_id);
    for (long long tag_id : tag_ids) {
        session
            << "INSERT INTO unit_strength (unit_id, strength_tag_id) VALUES (:unit_id, :tag_id)",
            soci::use(unit_id), soci::use(tag_id);
    }
}

std::optional<long long> find_unit_id(Session& session, const std::string& name) {
    std::optional<long long> id;
    Query("SELECT id FROM unit WHERE name = :name ORDER BY id")
        .bind("name", name)
        .for_each_row(session, [&](const soci::row& row) {
            if (!id) {
                id = integer_at(row, 0);
            }
        });
    return id;
}

std::optional<long long> find_unit_id_in_parent(Session& session,
                                                const std::optional<long long>& parent_id,
                                                const std::string& name, long long except_id) {
    // The same COALESCE as the unique index unit_name_in_parent, so the check and the index agree.
    std::optional<long long> id;
    Query(
        "SELECT id FROM unit WHERE COALESCE(parent_id, 0) = :parent_id AND name = :name "
        "AND id <> :except_id")
        .bind("parent_id", parent_id.value_or(0))
        .bind("name", name)
        .bind("except_id", except_id)
        .for_each_row(session, [&](const soci::row& row) { id = integer_at(row, 0); });
    return id;
}

std::optional<std::optional<long long>> find_unit_parent(Session& session, long long id) {
    std::optional<std::optional<long long>> parent;
    Query("SELECT parent_id FROM unit WHERE id = :id")
        .bind("id", id)
        .for_each_row(session, [&](const soci::row& row) { parent = optional_integer_at(row, 0); });
    return parent;
}

}  // namespace lianjian::storage
