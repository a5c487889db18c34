#include "storage/responsibility_repository.hpp"

#include "storage/binding.hpp"
#include "storage/query.hpp"
#include "storage/row.hpp"

namespace lianjian::storage {

namespace {

constexpr const char* sheet_select =
    "SELECT s.id AS id, s.year AS year, s.alliance_id AS alliance_id, a.name AS alliance_name, "
    "s.unit_id AS unit_id, u.name AS unit_name, s.targets AS targets, s.measures AS measures, "
    "s.duties AS duties, s.first_responsible_member_id AS first_id, m1.name AS first_name, "
    "s.direct_responsible_member_id AS direct_id, m2.name AS direct_name, "
    "s.liaison_member_id AS liaison_id, m3.name AS liaison_name, s.updated_at AS updated_at, "
    "s.version AS version FROM responsibility_sheet s JOIN alliance a ON a.id = s.alliance_id "
    "JOIN unit u ON u.id = s.unit_id LEFT JOIN member m1 ON m1.id = "
    "s.first_responsible_member_id LEFT JOIN member m2 ON m2.id = "
    "s.direct_responsible_member_id LEFT JOIN member m3 ON m3.id = s.liaison_member_id";

std::optional<registry::NamedRef> optional_ref(const Columns& columns, const std::string& prefix) {
    if (auto id = columns.optional_integer(prefix + "_id")) {
        return registry::NamedRef{*id, columns.text(prefix + "_name")};
    }
    return std::nullopt;
}

responsibility::Sheet read_sheet(const soci::row& row) {
    const Columns columns(row);
    responsibility::Sheet sheet;
    sheet.id = columns.integer("id");
    sheet.year = static_cast<int>(columns.integer("year"));
    sheet.alliance = {columns.integer("alliance_id"), columns.text("alliance_name")};
    sheet.unit = {columns.integer("unit_id"), columns.text("unit_name")};
    sheet.targets = columns.text("targets");
    sheet.measures = columns.text("measures");
    sheet.duties = columns.text("duties");
    sheet.first_responsible = optional_ref(columns, "first");
    sheet.direct_responsible = optional_ref(columns, "direct");
    sheet.liaison = optional_ref(columns, "liaison");
    sheet.updated_at = columns.text("updated_at");
    sheet.version = static_cast<int>(columns.integer("version"));
    return sheet;
}

}  // namespace

SheetRows list_sheets(Session& session, const SheetQuery& query) {
    Query filter(" WHERE s.year = :year");
    filter.bind("year", static_cast<long long>(query.year));
    if (query.alliance_id) {
        filter.append(" AND s.alliance_id = :alliance").bind("alliance", *query.alliance_id);
    }
    if (query.unit_id) {
        filter.append(" AND s.unit_id = :unit").bind("unit", *query.unit_id);
    }
    SheetRows rows;
    rows.total = filter.with_sql("SELECT COUNT(*) FROM responsibility_sheet s" + filter.sql())
                     .scalar(session);
    Query select = filter.with_sql(std::string(sheet_select) + filter.sql() +
                                   " ORDER BY a.batch, a.id, s.unit_id");
    if (query.limit) {
        select.append(" LIMIT :limit OFFSET :offset")
            .bind("limit", *query.limit)
            .bind("offset", query.offset);
    }
    select.for_each_row(session,
                        [&](const soci::row& row) { rows.items.push_back(read_sheet(row)); });
    return rows;
}

std::optional<responsibility::Sheet> find_sheet(Session& session, int year, long long unit_id) {
    std::optional<responsibility::Sheet> sheet;
    Query(std::string(sheet_select) + " WHERE s.year = :year AND s.unit_id = :unit")
        .bind("year", static_cast<long long>(year))
        .bind("unit", unit_id)
        .for_each_row(session, [&](const soci::row& row) { sheet = read_sheet(row); });
    return sheet;
}

long long insert_sheet(Session& session, int year, long long alliance_id, long long unit_id,
                       const responsibility::SheetInput& input, const std::string& now) {
    long long id = 0;
    const auto first = to_boost(input.first_responsible_member_id);
    const auto direct = to_boost(input.direct_responsible_member_id);
    const auto liaison = to_boost(input.liaison_member_id);
    session << "INSERT INTO responsibility_sheet (year, alliance_id, unit_id, targets, measures, "
               "duties, first_responsible_member_id, direct_responsible_member_id, "
               "liaison_member_id, version, created_at, updated_at) VALUES (:year, :alliance, "
               ":unit, :targets, :measures, :duties, :first, :direct, :liaison, 1, :created, "
               ":updated) RETURNING id",
        soci::use(year), soci::use(alliance_id), soci::use(unit_id), soci::use(input.targets),
        soci::use(input.measures), soci::use(input.duties), soci::use(first), soci::use(direct),
        soci::use(liaison), soci::use(now), soci::use(now), soci::into(id);
    return id;
}

bool update_sheet(Session& session, long long sheet_id, int version, long long alliance_id,
                  const responsibility::SheetInput& input, const std::string& now) {
    const auto first = to_boost(input.first_responsible_member_id);
    const auto direct = to_boost(input.direct_responsible_member_id);
    const auto liaison = to_boost(input.liaison_member_id);
    soci::statement statement =
        (session.prepare << "UPDATE responsibility_sheet SET alliance_id = :alliance, targets = "
                            ":targets, measures = :measures, duties = :duties, "
                            "first_responsible_member_id = :first, direct_responsible_member_id "
                            "= :direct, liaison_member_id = :liaison, version = version + 1, "
                            "updated_at = :now WHERE id = :id AND version = :version",
         soci::use(alliance_id), soci::use(input.targets), soci::use(input.measures),
         soci::use(input.duties), soci::use(first), soci::use(direct), soci::use(liaison),
         soci::use(now), soci::use(sheet_id), soci::use(version));
    statement.execute(true);
    return statement.get_affected_rows() == 1;
}

std::vector<responsibility::MissingSheet> units_missing_sheet(Session& session, int year,
                                                              std::optional<long long> alliance_id,
                                                              std::optional<long long> unit_id) {
    Query query(
        "SELECT m.unit_id AS unit_id, u.name AS unit_name, a.id AS alliance_id, a.name AS "
        "alliance_name FROM alliance_membership m JOIN alliance a ON a.id = m.alliance_id JOIN "
        "unit u ON u.id = m.unit_id WHERE m.left_on IS NULL AND a.dissolved_on IS NULL AND "
        "NOT EXISTS (SELECT 1 FROM responsibility_sheet s WHERE s.unit_id = m.unit_id AND "
        "s.year = :year)");
    query.bind("year", static_cast<long long>(year));
    if (alliance_id) {
        query.append(" AND a.id = :alliance").bind("alliance", *alliance_id);
    }
    if (unit_id) {
        query.append(" AND m.unit_id = :unit").bind("unit", *unit_id);
    }
    query.append(" ORDER BY a.batch, a.id, m.unit_id");
    std::vector<responsibility::MissingSheet> missing;
    query.for_each_row(session, [&](const soci::row& row) {
        const Columns columns(row);
        missing.push_back({{columns.integer("unit_id"), columns.text("unit_name")},
                           {columns.integer("alliance_id"), columns.text("alliance_name")}});
    });
    return missing;
}

std::vector<responsibility::MemberFact> member_facts(Session& session,
                                                     const std::vector<long long>& ids) {
    std::vector<responsibility::MemberFact> facts;
    if (ids.empty()) {
        return facts;
    }
    Query("SELECT m.id, m.unit_id, m.active FROM member m WHERE " +
          session.in_id_list("m.id", "ids"))
        .bind("ids", session.id_list(ids))
        .for_each_row(session, [&](const soci::row& row) {
            facts.push_back({integer_at(row, 0), integer_at(row, 1), flag_at(row, 2)});
        });
    return facts;
}

}  // namespace lianjian::storage
