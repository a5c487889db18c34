#include "storage/application_repository.hpp"

#include "storage/binding.hpp"
#include "storage/query.hpp"
#include "storage/row.hpp"

namespace lianjian::storage {

namespace {

constexpr const char* application_select =
    "SELECT p.id, p.kind, p.state, p.applicant_unit_id, au.name, p.applicant_user_id, "
    "uu.display_name, "
    "p.alliance_id, al.name, p.reason, p.proposed_name, p.proposed_office_area_id, oa.name, "
    "p.proposed_lead_unit_id, lu.name, p.created_alliance_id, p.version, p.created_at, "
    "p.updated_at, p.closed_at, "
    "p.proposed_rotation_mode "
    "FROM application p JOIN unit au ON au.id = p.applicant_unit_id "
    "JOIN app_user uu ON uu.id = p.applicant_user_id LEFT JOIN alliance al ON al.id = "
    "p.alliance_id "
    "LEFT JOIN office_area oa ON oa.id = p.proposed_office_area_id "
    "LEFT JOIN unit lu ON lu.id = p.proposed_lead_unit_id";

std::optional<registry::NamedRef> optional_ref(const soci::row& row, std::size_t id_index) {
    if (auto id = optional_integer_at(row, id_index)) {
        return registry::NamedRef{*id, text_at(row, id_index + 1)};
    }
    return std::nullopt;
}

applications::Application read_application(const soci::row& row) {
    applications::Application application;
    application.id = integer_at(row, 0);
    application.kind = parse_enum<applications::ApplicationKind>("kind", text_at(row, 1));
    application.state = parse_enum<applications::ApplicationState>("state", text_at(row, 2));
    application.applicant_unit = {integer_at(row, 3), text_at(row, 4)};
    application.applicant_user = {integer_at(row, 5), text_at(row, 6)};
    application.alliance = optional_ref(row, 7);
    application.reason = text_at(row, 9);
    application.proposed_name = optional_text_at(row, 10);
    application.proposed_office_area = optional_ref(row, 11);
    application.proposed_lead_unit = optional_ref(row, 13);
    application.created_alliance_id = optional_integer_at(row, 15);
    application.version = static_cast<int>(integer_at(row, 16));
    application.created_at = text_at(row, 17);
    application.updated_at = text_at(row, 18);
    application.closed_at = optional_text_at(row, 19);
    if (auto mode = optional_text_at(row, 20)) {
        application.proposed_rotation_mode =
            parse_enum<alliances::RotationMode>("proposed_rotation_mode", *mode);
    }
    return application;
}

void load_parts(soci::session& session, applications::Application& application) {
    Query(
        "SELECT x.unit_id, u.name, x.confirmation FROM application_unit x JOIN unit u ON u.id = "
        "x.unit_id "
        "WHERE x.application_id = :id ORDER BY x.unit_id")
        .bind("id", application.id)
        .for_each_row(session, [&](const soci::row& row) {
            application.co_applicants.push_back(
                {{integer_at(row, 0), text_at(row, 1)},
                 parse_enum<applications::Confirmation>("confirmation", text_at(row, 2))});
        });
    Query(
        "SELECT s.id, s.action, s.unit_id, u.name, s.user_id, p.display_name, s.agree, s.opinion, "
        "s.state_after, "
        "s.created_at FROM application_step s LEFT JOIN unit u ON u.id = s.unit_id "
        "JOIN app_user p ON p.id = s.user_id WHERE s.application_id = :id ORDER BY s.id")
        .bind("id", application.id)
        .for_each_row(session, [&](const soci::row& row) {
            applications::Step step;
            step.id = integer_at(row, 0);
            step.action = parse_enum<applications::ApplicationAction>("action", text_at(row, 1));
            step.unit = optional_ref(row, 2);
            step.user = {integer_at(row, 4), text_at(row, 5)};
            if (auto agree = optional_integer_at(row, 6)) {
                step.agree = *agree != 0;
            }
            step.opinion = text_at(row, 7);
            step.state_after =
                parse_enum<applications::ApplicationState>("state_after", text_at(row, 8));
            step.created_at = text_at(row, 9);
            application.steps.push_back(std::move(step));
        });
}

}  // namespace

long long insert_application(soci::session& session, const applications::Application& application,
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

void insert_application_unit(soci::session& session, long long application_id, long long unit_id,
                             applications::Confirmation confirmation) {
    const std::string code = enum_code(confirmation);
    session << "INSERT INTO application_unit (application_id, unit_id, confirmation) VALUES (:a, "
               ":u, :c)",
        soci::use(application_id), soci::use(unit_id), soci::use(code);
}

void set_application_unit_confirmation(soci::session& session, long long application_id,
                                       long long unit_id, applications::Confirmation confirmation) {
    const std::string code = enum_code(confirmation);
    session << "UPDATE application_unit SET confirmation = :c WHERE application_id = :a AND "
               "unit_id = :u",
        soci::use(code), soci::use(application_id), soci::use(unit_id);
}

bool update_application_state(soci::session& session, long long application_id, int version,
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

void insert_application_step(soci::session& session, long long application_id,
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

std::optional<applications::Application> find_application(soci::session& session, long long id) {
    std::optional<applications::Application> found;
    Query(std::string(application_select) + " WHERE p.id = :id")
        .bind("id", id)
        .for_each_row(session, [&](const soci::row& row) { found = read_application(row); });
    if (found) {
        load_parts(session, *found);
    }
    return found;
}

ApplicationRows list_applications(soci::session& session, const ApplicationQuery& query) {
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
    for (auto& application : rows.items) {
        load_parts(session, application);
    }
    return rows;
}

long long count_open_applications_of_unit(soci::session& session, long long unit_id) {
    return Query(
               "SELECT COUNT(*) FROM application p WHERE p.state IN ('consulting', 'under_review') "
               "AND (p.applicant_unit_id = :u1 OR EXISTS (SELECT 1 FROM application_unit x WHERE "
               "x.application_id = p.id AND x.unit_id = :u2))")
        .bind("u1", unit_id)
        .bind("u2", unit_id)
        .scalar(session);
}

std::optional<long long> lead_unit_of_alliance(soci::session& session, long long alliance_id) {
    std::optional<long long> lead;
    Query("SELECT lead_unit_id FROM alliance WHERE id = :id")
        .bind("id", alliance_id)
        .for_each_row(session, [&](const soci::row& row) { lead = integer_at(row, 0); });
    return lead;
}

}  // namespace lianjian::storage
