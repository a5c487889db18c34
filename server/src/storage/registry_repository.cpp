#include "storage/registry_repository.hpp"

#include "storage/binding.hpp"
#include "storage/query.hpp"
#include "storage/row.hpp"

#include <soci/boost-optional.h>
#include <boost/optional.hpp>

#include <map>

namespace lianjian::storage {

namespace {

// Any constant works; it only has to be the same in every server that writes the registry.

// An empty text is stored as NULL: "no phone" is not a sealed empty string.
boost::optional<std::string> null_if_empty(const std::string& text) {
    return text.empty() ? boost::none : boost::optional<std::string>(text);
}

const char* unit_columns =
    "SELECT u.id, u.name, u.short_name, u.parent_id, u.kind, u.party_organization_name, "
    "u.party_organization_type, u.office_area_id, a.name, u.party_member_count, "
    "u.first_responsible, u.direct_responsible, u.liaison, u.active, u.is_demo, "
    "u.liaison_phone_sealed, u.liaison_phone_hash "
    "FROM unit u LEFT JOIN office_area a ON a.id = u.office_area_id";

registry::Unit read_unit(const soci::row& row) {
    registry::Unit unit;
    unit.id = integer_at(row, 0);
    unit.name = text_at(row, 1);
    unit.short_name = text_at(row, 2);
    unit.parent_id = optional_integer_at(row, 3);
    unit.kind = text_at(row, 4);
    unit.party_organization_name = text_at(row, 5);
    unit.party_organization_type = text_at(row, 6);
    if (auto area_id = optional_integer_at(row, 7)) {
        unit.office_area = registry::NamedRef{*area_id, text_at(row, 8)};
    }
    unit.party_member_count = static_cast<int>(integer_at(row, 9));
    unit.first_responsible = text_at(row, 10);
    unit.direct_responsible = text_at(row, 11);
    unit.liaison = text_at(row, 12);
    unit.active = flag_at(row, 13);
    unit.is_demo = flag_at(row, 14);
    unit.liaison_phone_sealed = text_at(row, 15);
    unit.liaison_phone_hash = text_at(row, 16);
    return unit;
}

registry::OfficeArea read_office_area(const soci::row& row) {
    return {integer_at(row, 0),       text_at(row, 1),          text_at(row, 2),
            optional_real_at(row, 3), optional_real_at(row, 4), text_at(row, 5)};
}

registry::StrengthTag read_strength_tag(const soci::row& row) {
    return {integer_at(row, 0), text_at(row, 1), flag_at(row, 2),
            static_cast<int>(integer_at(row, 3))};
}

// Each unit's strengths in one query for the whole page, in the list's order.
void load_strengths(soci::session& session, std::vector<registry::Unit>& units) {
    if (units.empty()) {
        return;
    }
    Query query(
        "SELECT s.unit_id, t.id, t.name FROM unit_strength s "
        "JOIN strength_tag t ON t.id = s.strength_tag_id WHERE s.unit_id IN (");
    std::map<long long, registry::Unit*> by_id;
    for (std::size_t i = 0; i < units.size(); ++i) {
        const std::string name = "unit" + std::to_string(i);
        query.append((i == 0 ? ":" : ", :") + name).bind(name, units[i].id);
        by_id[units[i].id] = &units[i];
    }
    query.append(") ORDER BY t.sort_order, t.id").for_each_row(session, [&](const soci::row& row) {
        by_id.at(integer_at(row, 0))->strengths.push_back({integer_at(row, 1), text_at(row, 2)});
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

registry::Page<registry::OfficeArea> list_office_areas(soci::session& session) {
    registry::Page<registry::OfficeArea> page;
    Query("SELECT id, name, address, latitude, longitude, note FROM office_area ORDER BY id")
        .for_each_row(session,
                      [&](const soci::row& row) { page.items.push_back(read_office_area(row)); });
    page.total = static_cast<long long>(page.items.size());
    return page;
}

std::optional<registry::OfficeArea> find_office_area(soci::session& session, long long id) {
    std::optional<registry::OfficeArea> area;
    Query("SELECT id, name, address, latitude, longitude, note FROM office_area WHERE id = :id")
        .bind("id", id)
        .for_each_row(session, [&](const soci::row& row) { area = read_office_area(row); });
    return area;
}

long long insert_office_area(soci::session& session, const registry::OfficeArea& area, bool is_demo,
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

void update_office_area(soci::session& session, const registry::OfficeArea& area,
                        const std::string& now) {
    const auto latitude = to_boost(area.latitude);
    const auto longitude = to_boost(area.longitude);
    session << "UPDATE office_area SET name = :name, address = :address, latitude = :latitude, "
               "longitude = :longitude, note = :note, updated_at = :updated_at WHERE id = :id",
        soci::use(area.name), soci::use(area.address), soci::use(latitude), soci::use(longitude),
        soci::use(area.note), soci::use(now), soci::use(area.id);
}

std::optional<long long> find_office_area_id(soci::session& session, const std::string& name,
                                             long long except_id) {
    std::optional<long long> id;
    Query("SELECT id FROM office_area WHERE name = :name AND id <> :except_id")
        .bind("name", name)
        .bind("except_id", except_id)
        .for_each_row(session, [&](const soci::row& row) { id = integer_at(row, 0); });
    return id;
}

registry::Page<registry::StrengthTag> list_strength_tags(soci::session& session) {
    registry::Page<registry::StrengthTag> page;
    Query("SELECT id, name, active, sort_order FROM strength_tag ORDER BY sort_order, id")
        .for_each_row(session,
                      [&](const soci::row& row) { page.items.push_back(read_strength_tag(row)); });
    page.total = static_cast<long long>(page.items.size());
    return page;
}

std::optional<registry::StrengthTag> find_strength_tag(soci::session& session, long long id) {
    std::optional<registry::StrengthTag> tag;
    Query("SELECT id, name, active, sort_order FROM strength_tag WHERE id = :id")
        .bind("id", id)
        .for_each_row(session, [&](const soci::row& row) { tag = read_strength_tag(row); });
    return tag;
}

std::optional<long long> find_strength_tag_id(soci::session& session, const std::string& name,
                                              long long except_id) {
    std::optional<long long> id;
    Query("SELECT id FROM strength_tag WHERE name = :name AND id <> :except_id")
        .bind("name", name)
        .bind("except_id", except_id)
        .for_each_row(session, [&](const soci::row& row) { id = integer_at(row, 0); });
    return id;
}

long long insert_strength_tag(soci::session& session, const std::string& name,
                              const std::string& now) {
    const long long sort_order =
        Query("SELECT COALESCE(MAX(sort_order), 0) + 1 FROM strength_tag").scalar(session);
    const int order = static_cast<int>(sort_order);
    long long id = 0;
    session << "INSERT INTO strength_tag (name, active, sort_order, created_at, updated_at) "
               "VALUES (:name, 1, :sort_order, :created_at, :updated_at) RETURNING id",
        soci::use(name), soci::use(order), soci::use(now), soci::use(now), soci::into(id);
    return id;
}

void update_strength_tag(soci::session& session, const registry::StrengthTag& tag,
                         const std::string& now) {
    const int active = tag.active ? 1 : 0;
    session << "UPDATE strength_tag SET name = :name, active = :active, updated_at = :updated_at "
               "WHERE id = :id",
        soci::use(tag.name), soci::use(active), soci::use(now), soci::use(tag.id);
}

registry::Page<registry::Unit> list_units(soci::session& session,
                                          const registry::UnitFilter& filter) {
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
    return page;
}

std::optional<registry::Unit> find_unit(soci::session& session, long long id) {
    std::vector<registry::Unit> found;
    Query(std::string(unit_columns) + " WHERE u.id = :id")
        .bind("id", id)
        .for_each_row(session, [&](const soci::row& row) { found.push_back(read_unit(row)); });
    if (found.empty()) {
        return std::nullopt;
    }
    load_strengths(session, found);
    return std::move(found.front());
}

std::vector<std::pair<std::optional<long long>, registry::UnitNode>> list_unit_nodes(
    soci::session& session) {
    std::vector<std::pair<std::optional<long long>, registry::UnitNode>> nodes;
    Query("SELECT id, parent_id, name, short_name, kind, active FROM unit ORDER BY id")
        .for_each_row(session, [&](const soci::row& row) {
            nodes.push_back({optional_integer_at(row, 1),
                             {integer_at(row, 0),
                              text_at(row, 2),
                              text_at(row, 3),
                              text_at(row, 4),
                              flag_at(row, 5),
                              {}}});
        });
    return nodes;
}

long long insert_unit(soci::session& session, const registry::Unit& unit, const std::string& now) {
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

void update_unit(soci::session& session, const registry::Unit& unit, const std::string& now) {
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

void set_unit_active(soci::session& session, long long id, bool active, const std::string& now) {
    const int flag = active ? 1 : 0;
    session << "UPDATE unit SET active = :active, updated_at = :updated_at WHERE id = :id",
        soci::use(flag), soci::use(now), soci::use(id);
}

void replace_unit_strengths(soci::session& session, long long unit_id,
                            const std::vector<long long>& tag_ids) {
    // Links, not history: the unit's current strengths replace the old ones outright.
    session << "DELETE FROM unit_strength WHERE unit_id = :unit_id", soci::use(unit_id);
    for (long long tag_id : tag_ids) {
        session
            << "INSERT INTO unit_strength (unit_id, strength_tag_id) VALUES (:unit_id, :tag_id)",
            soci::use(unit_id), soci::use(tag_id);
    }
}

std::optional<long long> find_unit_id(soci::session& session, const std::string& name) {
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

std::optional<long long> find_unit_id_in_parent(soci::session& session,
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

std::optional<std::optional<long long>> find_unit_parent(soci::session& session, long long id) {
    std::optional<std::optional<long long>> parent;
    Query("SELECT parent_id FROM unit WHERE id = :id")
        .bind("id", id)
        .for_each_row(session, [&](const soci::row& row) { parent = optional_integer_at(row, 0); });
    return parent;
}

}  // namespace lianjian::storage
