#include "storage/registry_repository.hpp"

#include "storage/query.hpp"
#include "storage/row.hpp"

#include <boost/optional.hpp>
#include <soci/boost-optional.h>

namespace lianjian::storage {

namespace {

template <typename T>
boost::optional<T> to_boost(const std::optional<T>& value) {
    return value ? boost::optional<T>(*value) : boost::none;
}

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
    return unit;
}

}  // namespace

registry::Page<registry::Unit> list_units(soci::session& session, const registry::UnitFilter& filter) {
    Query where(" WHERE 1 = 1");
    if (!filter.search.empty()) {
        where.append(" AND (u.name LIKE :q OR u.short_name LIKE :q2)")
            .bind("q", "%" + filter.search + "%")
            .bind("q2", "%" + filter.search + "%");
    }
    if (filter.office_area_id) {
        where.append(" AND u.office_area_id = :office_area_id").bind("office_area_id", *filter.office_area_id);
    }
    registry::Page<registry::Unit> page;
    page.total = where.with_sql("SELECT COUNT(*) FROM unit u" + where.sql()).scalar(session);
    where.with_sql("SELECT u.id, u.name, u.short_name, u.parent_id, u.kind, u.party_organization_name, "
                   "u.party_organization_type, u.office_area_id, a.name, u.party_member_count, "
                   "u.first_responsible, u.direct_responsible, u.liaison, u.active, u.is_demo "
                   "FROM unit u LEFT JOIN office_area a ON a.id = u.office_area_id" + where.sql() +
                   " ORDER BY u.id LIMIT :limit OFFSET :offset")
        .bind("limit", static_cast<long long>(filter.page_size))
        .bind("offset", static_cast<long long>((filter.page - 1) * filter.page_size))
        .for_each_row(session, [&](const soci::row& row) { page.items.push_back(read_unit(row)); });
    return page;
}

registry::Page<registry::OfficeArea> list_office_areas(soci::session& session) {
    registry::Page<registry::OfficeArea> page;
    Query("SELECT id, name, address, latitude, longitude, note FROM office_area ORDER BY id")
        .for_each_row(session, [&](const soci::row& row) {
            page.items.push_back({integer_at(row, 0), text_at(row, 1), text_at(row, 2),
                                  optional_real_at(row, 3), optional_real_at(row, 4), text_at(row, 5)});
        });
    page.total = static_cast<long long>(page.items.size());
    return page;
}

long long insert_office_area(soci::session& session, const registry::OfficeArea& area,
                             bool is_demo, const std::string& now) {
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

long long insert_unit(soci::session& session, const registry::Unit& unit, const std::string& now) {
    long long id = 0;
    const auto parent_id = to_boost(unit.parent_id);
    const auto office_area_id =
        unit.office_area ? boost::optional<long long>(unit.office_area->id) : boost::none;
    const int active = unit.active ? 1 : 0;
    const int demo = unit.is_demo ? 1 : 0;
    session << "INSERT INTO unit (name, short_name, parent_id, kind, party_organization_name, "
               "party_organization_type, office_area_id, party_member_count, first_responsible, "
               "direct_responsible, liaison, active, is_demo, created_at, updated_at) VALUES "
               "(:name, :short_name, :parent_id, :kind, :party_organization_name, "
               ":party_organization_type, :office_area_id, :party_member_count, "
               ":first_responsible, :direct_responsible, :liaison, :active, :is_demo, "
               ":created_at, :updated_at) RETURNING id",
        soci::use(unit.name), soci::use(unit.short_name), soci::use(parent_id), soci::use(unit.kind),
        soci::use(unit.party_organization_name), soci::use(unit.party_organization_type),
        soci::use(office_area_id), soci::use(unit.party_member_count),
        soci::use(unit.first_responsible), soci::use(unit.direct_responsible),
        soci::use(unit.liaison), soci::use(active), soci::use(demo), soci::use(now),
        soci::use(now), soci::into(id);
    return id;
}

std::optional<long long> find_office_area_id(soci::session& session, const std::string& name) {
    std::optional<long long> id;
    Query("SELECT id FROM office_area WHERE name = :name")
        .bind("name", name)
        .for_each_row(session, [&](const soci::row& row) { id = integer_at(row, 0); });
    return id;
}

std::optional<long long> find_unit_id(soci::session& session, const std::string& name) {
    std::optional<long long> id;
    Query("SELECT id FROM unit WHERE name = :name")
        .bind("name", name)
        .for_each_row(session, [&](const soci::row& row) { id = integer_at(row, 0); });
    return id;
}

}  // namespace lianjian::storage
