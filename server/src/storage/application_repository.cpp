#include "storage/application_repository.hpp"

#include "storage/binding.hpp"
#include "storage/query.hpp"
#include "storage/row.hpp"

#include <map>

namespace lianjian::storage {

namespace {

constexpr const char* application_select =
    "SELECT p.id AS id, p.kind AS kind, p.state AS state, "
    "p.applicant_unit_id AS applicant_unit_id, au.name AS applicant_unit_name, "
    "p.applicant_user_id AS applicant_user_id, uu.display_name AS applicant_user_name, "
    "p.alliance_id AS alliance_id, al.name AS alliance_name, p.reason AS reason, "
    "p.proposed_name AS proposed_name, p.proposed_office_area_id AS proposed_office_area_id, "
    "oa.name AS proposed_office_area_name, p.proposed_lead_unit_id AS proposed_lead_unit_id, "
    "lu.name AS proposed_lead_unit_name, p.created_alliance_id AS created_alliance_id, "
    "p.version AS version, p.created_at AS created_at, p.updated_at AS updated_at, "
    "p.closed_at AS closed_at, p.proposed_rotation_mode AS proposed_rotation_mode "
    "FROM application p JOIN unit au ON au.id = p.applicant_unit_id "
    "JOIN app_user uu ON uu.id = p.applicant_user_id "
    "LEFT JOIN alliance al ON al.id = p.alliance_id "
    "LEFT JOIN office_area oa ON oa.id = p.proposed_office_area_id "
    "LEFT JOIN unit lu ON lu.id = p.proposed_lead_unit_id";

// A reference read from the columns `<prefix>_id` and `<prefix>_name`, absent when the id is null.
std::optional<registry::NamedRef> optional_ref(const Columns& columns, const std::string& prefix) {
    if (auto id = columns.optional_integer(prefix + "_id")) {
        return registry::NamedRef{*id, columns.text(prefix + "_name")};
    }
    return std::nullopt;
}

applications::Application read_application(const soci::row& row) {
    const Columns columns(row);
    applications::Application application;
    application.id = columns.integer("id");
    application.kind = parse_enum<applications::ApplicationKind>("kind", columns.text("kind"));
    application.state = parse_enum<applications::ApplicationState>("state", columns.text("state"));
    application.applicant_unit = {columns.integer("applicant_unit_id"),
                                  columns.text("applicant_unit_name")};
    application.applicant_user = {columns.integer("applicant_user_id"),
                                  columns.text("applicant_user_name")};
    application.alliance = optional_ref(columns, "alliance");
    application.reason = columns.text("reason");
    application.proposed_name = columns.optional_text("proposed_name");
    application.proposed_office_area = optional_ref(columns, "proposed_office_area");
    application.proposed_lead_unit = optional_ref(columns, "proposed_lead_unit");
    application.created_alliance_id = columns.optional_integer("created_alliance_id");
    application.version = static_cast<int>(columns.integer("version"));
    application.created_at = columns.text("created_at");
    application.updated_at = columns.text("updated_at");
    application.closed_at = columns.optional_text("closed_at");
    if (auto mode = columns.optional_text("proposed_rotation_mode")) {
        application.proposed_rotation_mode =
            parse_enum<alliances::RotationMode>("proposed_rotation_mode", *mode);
    }
    return application;
}

// The co-applicants and steps of every listed application: one query each, whatever the length.
void load_parts(Session& session, std::vector<applications::Application>& list) {
    if (list.empty()) {
        return;
    }
    std::map<long long, applications::Application*> by_id;
    std::vector<long long> ids;
    for (auto& application : list) {
        by_id[application.id] = &application;
        ids.push_back(application.id);
    }
    const std::string id_list = session.id_list(ids);
    Query(
        "SELECT x.application_id AS application_id, x.unit_id AS unit_id, u.name AS unit_name, "
        "x.confirmation AS confirmation FROM application_unit x JOIN unit u ON u.id = x.unit_id "
        "WHERE " +
        session.in_id_list("x.application_id", "application_ids") + " ORDER BY x.unit_id")
        .bind("application_ids", id_list)
        .for_each_row(session, [&](const soci::row& row) {
            const Columns columns(row);
            by_id.at(columns.integer("application_id"))
                ->co_applicants.push_back(
                    {{columns.integer("unit_id"), columns.text("unit_name")},
                     parse_enum<applications::Confirmation>("confirmation",
                                                            columns.text("confirmation"))});
        });
    Query(
        "SELECT s.application_id AS application_id, s.id AS id, s.action AS action, "
        "s.unit_id AS unit_id, u.name AS unit_name, s.user_id AS user_id, "
        "p.display_name AS user_name, s.agree AS agree, s.opinion AS opinion, "
        "s.state_after AS state_after, s.created_at AS created_at FROM application_step s "
        "LEFT JOIN unit u ON u.id = s.unit_id JOIN app_user p ON p.id = s.user_id WHERE " +
        session.in_id_list("s.application_id", "application_ids") + " ORDER BY s.id")
        .bind("application_ids", id_list)
        .for_each_row(session, [&](const soci::row& row) {
            const Columns columns(row);
            applications::Step step;
            step.id = columns.integer("id");
            step.action =
                parse_enum<applications::ApplicationAction>("action", columns.text("action"));
            step.unit = optional_ref(columns, "unit");
            step.user = {columns.integer("user_id"), columns.text("user_name")};
            if (auto agree = columns.optional_integer("agree")) {
                step.agree = *agree != 0;
            }
            step.opinion = columns.text("opinion");
            step.state_after = parse_enum<applications::ApplicationState>(
                "state_after", columns.text("state_after"));
            step.created_at = columns.text("created_at");
            by_id.at(columns.integer("application_id"))->steps.push_back(std::move(step));
        });
}

}  // namespace

long long insert_application(Session& session, const applications::Application& application,
                             const std::string& now) {
    long long id = 0;
    const auto alliance_id =
        application.alliance ? boost::optional<long long>(application.alliance->id) : boost::none;
    const auto name = to_boost(application.proposed_name);
    const auto area = application.proposed_office_area
                          ? boost::optional<long long>(application.proposed_office_area->id)
                          : boost::none;
    const auto lead = application.proposed_lead_unit
                          ? boost::optional<long long>(application.proposed_lead_unit->id)
                          : boost::none;
    const auto rotation_mode =
        application.proposed_rotation_mode
            ? boost::optional<std::string>(enum_code(*application.proposed_rotation_mode))
            : boost::none;
    const std::string kind = enum_code(application.kind);
    const std::string state = enum_code(application.state);
    session << "INSERT INTO application (kind, state, applicant_unit_id, applicant_user_id, "
               "alliance_id, reason, "
               "proposed_name, proposed_office_area_id, proposed_lead_unit_id, "
               "proposed_rotation_mode, version, created_at, "
               "updated_at) VALUES (:kind, :state, :unit, :user, :alliance, :reason, :name, :area, "
               ":lead, :rotation_mode, 1, "
               ":created, :updated) "
               "RETURNING id",
        soci::use(kind), soci::use(state), soci::use(application.applicant_unit.id),
        soci::use(application.applicant_user.id), soci::use(alliance_id),
        soci::use(application.reason), soci::use(name), soci::use(area), soci::use(lead),
        soci::use(rotation_mode), soci::use(now), soci::use(now), soci::into(id);
    return id;
}

void insert_application_unit(Session& session, long long application_id, long long unit_id,
                             applications::Confirmation confirmation) {
    const std::string code = enum_code(confirmation);
    session << "INSERT INTO application_unit (application_id, unit_id, confirmation) VALUES (:a, "
               ":u, :c)",
        soci::use(application_id), soci::use(unit_id), soci::use(code);
}

void set_application_unit_confirmation(Session& session, long long application_id,
                                       long long unit_id, applications::Confirmation confirmation) {
    const std::string code = enum_code(confirmation);
    session << "UPDATE application_unit SET confirmation = :c WHERE application_id = :a AND "
               "unit_id = :u",
        soci::use(code), soci::use(application_id), soci::use(unit_id);
}

bool update_application_state(Session& session, long long application_id, int version,
                              applications::ApplicationState state, const std::string& now,
                              bool closes, std::optional<long long> created_alliance_id) {
    const std::string state_code = enum_code(state);
    const boost::optional<std::string> closed_at =
        closes ? boost::optional<std::string>(now) : boost::none;
    const auto created = to_boost(created_alliance_id);
    soci::statement statement =
        (session.prepare
             << "UPDATE application SET state = :state, version = version + 1, updated_at = :now, "
                "closed_at = :closed_at, created_alliance_id = COALESCE(:created, "
                "created_alliance_id) "
                "WHERE id = :id AND version = :version",
         soci::use(state_code), soci::use(now), soci::use(closed_at), soci::use(created),
         soci::use(application_id), soci::use(version));
    statement.execute(true);
    return statement.get_affected_rows() == 1;
}

void insert_application_step(Session& session, long long application_id,
                             applications::ApplicationAction action,
                             std::optional<long long> unit_id, long long user_id,
                             std::optional<bool> agree, const std::string& opinion,
                             applications::ApplicationState state_after, const std::string& now) {
    const std::string action_code = enum_code(action);
    const std::string state_code = enum_code(state_after);
    const auto unit = to_boost(unit_id);
    const boost::optional<int> agreed = agree ? boost::optional<int>(*agree ? 1 : 0) : boost::none;
    session << "INSERT INTO application_step (application_id, action, unit_id, user_id, agree, "
               "opinion, state_after, "
               "created_at) VALUES (:a, :action, :unit, :user, :agree, :opinion, :state, :now)",
        soci::use(application_id), soci::use(action_code), soci::use(unit), soci::use(user_id),
        soci::use(agreed), soci::use(opinion), soci::use(state_code), soci::use(now);
}

std::optional<applications::Application> find_application(Session& session, long long id) {
    std::vector<applications::Application> found;
    Query(std::string(application_select) + " WHERE p.id = :id")
        .bind("id", id)
        .for_each_row(session,
                      [&](const soci::row& row) { found.push_back(read_application(row)); });
    if (found.empty()) {
        return std::nullopt;
    }
    load_parts(session, found);
    return std::move(found.front());
}

ApplicationRows list_applications(Session& session, const ApplicationQuery& query) {
    // The filter once, for both the count and the page.
    Query filter(" WHERE 1 = 1");
    if (query.state)
        filter.append(" AND p.state = :state").bind("state", enum_code(*query.state));
    if (query.kind)
        filter.append(" AND p.kind = :kind").bind("kind", enum_code(*query.kind));
    if (query.open_only)
        filter.append(" AND p.state IN ('consulting', 'under_review')");
    if (query.involving_unit_id) {
        filter
            .append(
                " AND (p.applicant_unit_id = :u1 OR al.lead_unit_id = :u2 OR EXISTS (SELECT 1 FROM "
                "application_unit x WHERE x.application_id = p.id AND x.unit_id = :u3))")
            .bind("u1", *query.involving_unit_id)
            .bind("u2", *query.involving_unit_id)
            .bind("u3", *query.involving_unit_id);
    }
    ApplicationRows rows;
    rows.total = filter
                     .with_sql(
                         "SELECT COUNT(*) FROM application p LEFT JOIN alliance al ON al.id = "
                         "p.alliance_id" +
                         filter.sql())
                     .scalar(session);
    Query select =
        filter.with_sql(std::string(application_select) + filter.sql() + " ORDER BY p.id DESC");
    if (query.limit) {
        select.append(" LIMIT :limit OFFSET :offset")
            .bind("limit", *query.limit)
            .bind("offset", query.offset);
    }
    select.for_each_row(session,
                        [&](const soci::row& row) { rows.items.push_back(read_application(row)); });
    load_parts(session, rows.items);
    return rows;
}

long long count_open_applications_of_unit(Session& session, long long unit_id) {
    return Query(
               "SELECT COUNT(*) FROM application p WHERE p.state IN ('consulting', 'under_review') "
               "AND (p.applicant_unit_id = :u1 OR EXISTS (SELECT 1 FROM application_unit x WHERE "
               "x.application_id = p.id AND x.unit_id = :u2))")
        .bind("u1", unit_id)
        .bind("u2", unit_id)
        .scalar(session);
}

std::optional<long long> lead_unit_of_alliance(Session& session, long long alliance_id) {
    std::optional<long long> lead;
    Query("SELECT lead_unit_id FROM alliance WHERE id = :id")
        .bind("id", alliance_id)
        .for_each_row(session, [&](const soci::row& row) { lead = integer_at(row, 0); });
    return lead;
}

}  // namespace lianjian::storage
