#include "storage/plan_repository.hpp"

#include "storage/binding.hpp"
#include "storage/query.hpp"
#include "storage/row.hpp"

#include <algorithm>

namespace lianjian::storage {

namespace {

using plans::PlanState;

std::optional<registry::NamedRef> optional_ref(const Columns& columns, const std::string& prefix) {
    if (auto id = columns.optional_integer(prefix + "_id")) {
        return registry::NamedRef{*id, columns.text(prefix + "_name")};
    }
    return std::nullopt;
}

constexpr const char* version_columns =
    "v.id AS id, v.number AS number, v.state AS state, v.rotation_mode AS rotation_mode, "
    "v.contacts AS contacts, v.support AS support, v.submitted_at AS submitted_at, "
    "v.decided_at AS decided_at, v.version AS row_version, v.created_at AS created_at, "
    "v.updated_at AS updated_at, "
    "(SELECT COUNT(*) FROM plan_item i WHERE i.plan_version_id = v.id) AS item_count";

plans::PlanVersion read_version(const soci::row& row) {
    const Columns columns(row);
    plans::PlanVersion version;
    version.id = columns.integer("id");
    version.number = static_cast<int>(columns.integer("number"));
    version.state = parse_enum<PlanState>("state", columns.text("state"));
    version.rotation_mode =
        parse_enum<alliances::RotationMode>("rotation_mode", columns.text("rotation_mode"));
    version.contacts = plans::contacts_from_text(columns.text("contacts"));
    version.support = plans::support_from_text(columns.text("support"));
    version.submitted_at = columns.optional_text("submitted_at");
    version.decided_at = columns.optional_text("decided_at");
    version.row_version = static_cast<int>(columns.integer("row_version"));
    version.created_at = columns.text("created_at");
    version.updated_at = columns.text("updated_at");
    version.item_count = columns.integer("item_count");
    return version;
}

std::vector<plans::PlanItem> load_items(Session& session, long long version_id) {
    std::vector<plans::PlanItem> items;
    Query(
        "SELECT i.id AS id, i.lineage_id AS lineage_id, i.theme AS theme, i.linkage AS linkage, "
        "i.kind AS kind, i.month AS month, i.planned_on AS planned_on, i.place AS place, "
        "i.host_unit_id AS host_unit_id, h.name AS host_unit_name, "
        "i.checklist_item_id AS checklist_item_id, c.title AS checklist_item_name "
        "FROM plan_item i LEFT JOIN unit h ON h.id = i.host_unit_id "
        "LEFT JOIN checklist_item c ON c.id = i.checklist_item_id "
        "WHERE i.plan_version_id = :version ORDER BY i.position, i.id")
        .bind("version", version_id)
        .for_each_row(session, [&](const soci::row& row) {
            const Columns columns(row);
            plans::PlanItem item;
            item.id = columns.integer("id");
            item.lineage_id = columns.optional_integer("lineage_id").value_or(item.id);
            item.theme = columns.text("theme");
            item.linkage = parse_enum<campaign::Linkage>("linkage", columns.text("linkage"));
            item.kind = parse_enum<campaign::ActivityKind>("kind", columns.text("kind"));
            item.month = static_cast<int>(columns.integer("month"));
            item.planned_on = columns.optional_text("planned_on");
            item.place = columns.text("place");
            item.host_unit = optional_ref(columns, "host_unit");
            item.checklist_item = optional_ref(columns, "checklist_item");
            items.push_back(std::move(item));
        });
    if (items.empty()) {
        return items;
    }
    Query(
        "SELECT x.plan_item_id AS plan_item_id, x.unit_id AS unit_id, u.name AS unit_name "
        "FROM plan_item_unit x JOIN unit u ON u.id = x.unit_id JOIN plan_item i ON i.id = "
        "x.plan_item_id WHERE i.plan_version_id = :version ORDER BY x.plan_item_id, x.unit_id")
        .bind("version", version_id)
        .for_each_row(session, [&](const soci::row& row) {
            const Columns columns(row);
            const long long item_id = columns.integer("plan_item_id");
            auto item = std::find_if(items.begin(), items.end(),
                                     [&](const plans::PlanItem& i) { return i.id == item_id; });
            if (item != items.end()) {
                item->participating_units.push_back(
                    {columns.integer("unit_id"), columns.text("unit_name")});
            }
        });
    return items;
}

}  // namespace

std::optional<PlanHead> find_plan(Session& session, long long plan_id) {
    std::optional<PlanHead> head;
    Query(
        "SELECT p.id AS id, p.alliance_id AS alliance_id, a.name AS alliance_name, "
        "a.lead_unit_id AS lead_unit_id, u.name AS lead_unit_name, p.year AS year, "
        "p.updated_at AS updated_at FROM plan p JOIN alliance a ON a.id = p.alliance_id "
        "JOIN unit u ON u.id = a.lead_unit_id WHERE p.id = :id")
        .bind("id", plan_id)
        .for_each_row(session, [&](const soci::row& row) {
            const Columns columns(row);
            head = PlanHead{columns.integer("id"),
                            {columns.integer("alliance_id"), columns.text("alliance_name")},
                            {columns.integer("lead_unit_id"), columns.text("lead_unit_name")},
                            static_cast<int>(columns.integer("year")),
                            columns.text("updated_at")};
        });
    return head;
}

std::optional<long long> find_plan_id(Session& session, long long alliance_id, int year) {
    std::optional<long long> id;
    Query("SELECT id FROM plan WHERE alliance_id = :alliance AND year = :year")
        .bind("alliance", alliance_id)
        .bind("year", static_cast<long long>(year))
        .for_each_row(session, [&](const soci::row& row) { id = integer_at(row, 0); });
    return id;
}

long long insert_plan(Session& session, long long alliance_id, int year, const std::string& now) {
    long long id = 0;
    session << "INSERT INTO plan (alliance_id, year, created_at, updated_at) VALUES (:alliance, "
               ":year, :created, :updated) RETURNING id",
        soci::use(alliance_id), soci::use(year), soci::use(now), soci::use(now), soci::into(id);
    return id;
}

void touch_plan(Session& session, long long plan_id, const std::string& now) {
    session << "UPDATE plan SET updated_at = :now WHERE id = :id", soci::use(now),
        soci::use(plan_id);
}

std::optional<plans::PlanVersion> find_plan_version(Session& session, long long plan_id,
                                                    std::optional<int> number) {
    std::optional<plans::PlanVersion> version;
    Query query(std::string("SELECT ") + version_columns +
                " FROM plan_version v WHERE v.plan_id = :plan AND v.number = ");
    query.bind("plan", plan_id);
    if (number) {
        query.append(":number").bind("number", static_cast<long long>(*number));
    } else {
        query.append("(SELECT MAX(x.number) FROM plan_version x WHERE x.plan_id = :plan2)")
            .bind("plan2", plan_id);
    }
    query.for_each_row(session, [&](const soci::row& row) { version = read_version(row); });
    if (version) {
        version->items = load_items(session, version->id);
    }
    return version;
}

std::vector<plans::VersionSummary> plan_versions(Session& session, long long plan_id) {
    std::vector<plans::VersionSummary> versions;
    Query(std::string("SELECT ") + version_columns +
          " FROM plan_version v WHERE v.plan_id = :plan ORDER BY v.number")
        .bind("plan", plan_id)
        .for_each_row(session, [&](const soci::row& row) {
            const auto version = read_version(row);
            versions.push_back({version.number, version.state, version.item_count,
                                version.submitted_at, version.decided_at, version.created_at});
        });
    return versions;
}

long long insert_plan_version(Session& session, long long plan_id,
                              const plans::PlanVersion& version, long long user_id,
                              const std::string& now) {
    long long id = 0;
    const std::string state = enum_code(version.state);
    const std::string mode = enum_code(version.rotation_mode);
    const std::string contacts = plans::contacts_text(version.contacts);
    const std::string support = plans::support_text(version.support);
    const int number = version.number;
    session << "INSERT INTO plan_version (plan_id, number, state, rotation_mode, contacts, "
               "support, version, created_by_user_id, created_at, updated_at) VALUES (:plan, "
               ":number, :state, :mode, :contacts, :support, 1, :user, :created, :updated) "
               "RETURNING id",
        soci::use(plan_id), soci::use(number), soci::use(state), soci::use(mode),
        soci::use(contacts), soci::use(support), soci::use(user_id), soci::use(now), soci::use(now),
        soci::into(id);
    return id;
}

bool update_plan_version(Session& session, const plans::PlanVersion& version,
                         const std::string& now) {
    const std::string state = enum_code(version.state);
    const std::string contacts = plans::contacts_text(version.contacts);
    const std::string support = plans::support_text(version.support);
    const auto submitted = to_boost(version.submitted_at);
    const auto decided = to_boost(version.decided_at);
    const int row_version = version.row_version;
    soci::statement statement =
        (session.prepare << "UPDATE plan_version SET state = :state, contacts = :contacts, "
                            "support = :support, submitted_at = :submitted, decided_at = "
                            ":decided, version = version + 1, updated_at = :now WHERE id = :id "
                            "AND version = :row_version",
         soci::use(state), soci::use(contacts), soci::use(support), soci::use(submitted),
         soci::use(decided), soci::use(now), soci::use(version.id), soci::use(row_version));
    statement.execute(true);
    return statement.get_affected_rows() == 1;
}

void replace_plan_items(Session& session, long long version_id, const std::vector<ItemRow>& rows) {
    session << "DELETE FROM plan_item_unit WHERE plan_item_id IN (SELECT id FROM plan_item WHERE "
               "plan_version_id = :version)",
        soci::use(version_id);
    session << "DELETE FROM plan_item WHERE plan_version_id = :version", soci::use(version_id);
    int position = 0;
    for (const auto& row : rows) {
        const auto& item = row.item;
        long long id = 0;
        const std::string linkage = enum_code(item.linkage);
        const std::string kind = enum_code(item.kind);
        const auto lineage = to_boost(row.lineage_id);
        const auto planned_on = to_boost(item.planned_on);
        const auto host = to_boost(item.host_unit_id);
        const auto checklist = to_boost(item.checklist_item_id);
        ++position;
        session << "INSERT INTO plan_item (plan_version_id, lineage_id, position, theme, linkage, "
                   "kind, month, planned_on, place, host_unit_id, checklist_item_id) VALUES "
                   "(:version, :lineage, :position, :theme, :linkage, :kind, :month, :planned_on, "
                   ":place, :host, :checklist) RETURNING id",
            soci::use(version_id), soci::use(lineage), soci::use(position), soci::use(item.theme),
            soci::use(linkage), soci::use(kind), soci::use(item.month), soci::use(planned_on),
            soci::use(item.place), soci::use(host), soci::use(checklist), soci::into(id);
        if (!row.lineage_id) {
            session << "UPDATE plan_item SET lineage_id = id WHERE id = :id", soci::use(id);
        }
        for (long long unit : item.participating_unit_ids) {
            session << "INSERT INTO plan_item_unit (plan_item_id, unit_id) VALUES (:item, :unit)",
                soci::use(id), soci::use(unit);
        }
    }
}

std::map<long long, long long> item_lineages(Session& session, long long version_id) {
    std::map<long long, long long> lineages;
    Query("SELECT id, lineage_id FROM plan_item WHERE plan_version_id = :version")
        .bind("version", version_id)
        .for_each_row(session, [&](const soci::row& row) {
            const long long id = integer_at(row, 0);
            lineages[id] = optional_integer_at(row, 1).value_or(id);
        });
    return lineages;
}

void insert_plan_step(Session& session, long long plan_id, const plans::PlanStep& step,
                      std::optional<long long> unit_id, const std::string& now) {
    const std::string action = enum_code(step.action);
    const std::string state = enum_code(step.state_after);
    const auto unit = to_boost(unit_id);
    const int number = step.version_number;
    session << "INSERT INTO plan_step (plan_id, version_number, action, user_id, unit_id, "
               "opinion, state_after, created_at) VALUES (:plan, :number, :action, :user, :unit, "
               ":opinion, :state, :now)",
        soci::use(plan_id), soci::use(number), soci::use(action), soci::use(step.user.id),
        soci::use(unit), soci::use(step.opinion), soci::use(state), soci::use(now);
}

std::vector<plans::PlanStep> plan_steps(Session& session, long long plan_id) {
    std::vector<plans::PlanStep> steps;
    Query(
        "SELECT s.version_number AS version_number, s.action AS action, s.user_id AS user_id, "
        "p.display_name AS user_name, s.unit_id AS unit_id, u.name AS unit_name, "
        "s.opinion AS opinion, s.state_after AS state_after, s.created_at AS created_at "
        "FROM plan_step s JOIN app_user p ON p.id = s.user_id LEFT JOIN unit u ON u.id = "
        "s.unit_id WHERE s.plan_id = :plan ORDER BY s.id")
        .bind("plan", plan_id)
        .for_each_row(session, [&](const soci::row& row) {
            const Columns columns(row);
            plans::PlanStep step;
            step.version_number = static_cast<int>(columns.integer("version_number"));
            step.action = parse_enum<plans::PlanAction>("action", columns.text("action"));
            step.user = {columns.integer("user_id"), columns.text("user_name")};
            step.unit = optional_ref(columns, "unit");
            step.opinion = columns.text("opinion");
            step.state_after = parse_enum<PlanState>("state_after", columns.text("state_after"));
            step.created_at = columns.text("created_at");
            steps.push_back(std::move(step));
        });
    return steps;
}

PlanRows list_plans(Session& session, const PlanQuery& query) {
    Query filter(" WHERE 1 = 1");
    if (query.year) {
        filter.append(" AND p.year = :year").bind("year", static_cast<long long>(*query.year));
    }
    if (query.alliance_id) {
        filter.append(" AND p.alliance_id = :alliance").bind("alliance", *query.alliance_id);
    }
    if (query.state) {
        filter.append(" AND v.state = :state").bind("state", enum_code(*query.state));
    }
    const std::string from =
        " FROM plan p JOIN alliance a ON a.id = p.alliance_id JOIN plan_version v ON v.plan_id = "
        "p.id AND v.number = (SELECT MAX(x.number) FROM plan_version x WHERE x.plan_id = p.id)";
    PlanRows rows;
    rows.total = filter.with_sql("SELECT COUNT(*)" + from + filter.sql()).scalar(session);
    Query select = filter.with_sql(
        "SELECT p.id AS id, p.alliance_id AS alliance_id, a.name AS alliance_name, p.year AS "
        "year, v.id AS version_id, v.state AS state, v.number AS number, v.submitted_at AS "
        "submitted_at, p.updated_at AS updated_at, (SELECT COUNT(*) FROM plan_item i WHERE "
        "i.plan_version_id = v.id) AS item_count" +
        from + filter.sql() + " ORDER BY p.year DESC, a.batch, a.id");
    if (query.limit) {
        select.append(" LIMIT :limit OFFSET :offset")
            .bind("limit", *query.limit)
            .bind("offset", query.offset);
    }
    std::vector<long long> version_ids;
    select.for_each_row(session, [&](const soci::row& row) {
        const Columns columns(row);
        plans::PlanSummary summary;
        summary.id = columns.integer("id");
        summary.alliance = {columns.integer("alliance_id"), columns.text("alliance_name")};
        summary.year = static_cast<int>(columns.integer("year"));
        summary.state = parse_enum<PlanState>("state", columns.text("state"));
        summary.version_number = static_cast<int>(columns.integer("number"));
        summary.submitted_at = columns.optional_text("submitted_at");
        summary.updated_at = columns.text("updated_at");
        summary.item_count = columns.integer("item_count");
        version_ids.push_back(columns.integer("version_id"));
        rows.items.push_back(std::move(summary));
    });
    if (rows.items.empty()) {
        return rows;
    }
    std::map<long long, std::vector<plans::ItemPlace>> places;
    Query("SELECT i.plan_version_id, i.linkage, i.month FROM plan_item i WHERE " +
          session.in_id_list("i.plan_version_id", "version_ids"))
        .bind("version_ids", session.id_list(version_ids))
        .for_each_row(session, [&](const soci::row& row) {
            places[integer_at(row, 0)].push_back(
                {parse_enum<campaign::Linkage>("linkage", text_at(row, 1)),
                 static_cast<int>(integer_at(row, 2))});
        });
    for (std::size_t index = 0; index < rows.items.size(); ++index) {
        rows.items[index].missing_linkages =
            plans::coverage_of(places[version_ids[index]]).missing_linkages;
    }
    return rows;
}

std::vector<plans::ChecklistFact> checklist_facts(Session& session,
                                                  const std::vector<long long>& ids) {
    std::vector<plans::ChecklistFact> facts;
    if (ids.empty()) {
        return facts;
    }
    Query("SELECT c.id, c.year, c.retired_at FROM checklist_item c WHERE " +
          session.in_id_list("c.id", "ids"))
        .bind("ids", session.id_list(ids))
        .for_each_row(session, [&](const soci::row& row) {
            facts.push_back({integer_at(row, 0), static_cast<int>(integer_at(row, 1)),
                             optional_text_at(row, 2).has_value()});
        });
    return facts;
}

std::vector<ChecklistEntry> active_checklist(Session& session, int year) {
    std::vector<ChecklistEntry> entries;
    Query(
        "SELECT id, linkage, kind, title, suggested_month FROM checklist_item WHERE year = :year "
        "AND retired_at IS NULL ORDER BY id")
        .bind("year", static_cast<long long>(year))
        .for_each_row(session, [&](const soci::row& row) {
            ChecklistEntry entry;
            entry.id = integer_at(row, 0);
            entry.linkage = parse_enum<campaign::Linkage>("linkage", text_at(row, 1));
            entry.kind = parse_enum<campaign::ActivityKind>("kind", text_at(row, 2));
            entry.title = text_at(row, 3);
            if (auto month = optional_integer_at(row, 4)) {
                entry.suggested_month = static_cast<int>(*month);
            }
            entries.push_back(std::move(entry));
        });
    return entries;
}

}  // namespace lianjian::storage
