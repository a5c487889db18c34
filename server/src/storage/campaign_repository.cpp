#include "storage/campaign_repository.hpp"

#include "storage/binding.hpp"
#include "storage/query.hpp"
#include "storage/row.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

namespace lianjian::storage {

namespace {

std::string reminder_days_json(const std::vector<int>& days) {
    boost::json::array array;
    for (int d : days) {
        array.emplace_back(d);
    }
    return boost::json::serialize(array);
}

std::vector<int> reminder_days_of(const std::string& text) {
    std::vector<int> days;
    boost::system::error_code error;
    const auto value = boost::json::parse(text, error);
    if (!error && value.is_array()) {
        for (const auto& day : value.as_array()) {
            if (day.is_int64()) {
                days.push_back(static_cast<int>(day.as_int64()));
            }
        }
    }
    return days;
}

void insert_phases(Session& session, const campaign::Campaign& campaign) {
    for (const auto& phase : campaign.phases) {
        const std::string code = enum_code(phase.phase);
        session << "INSERT INTO campaign_phase (year, phase, starts_on, ends_on) VALUES (:year, "
                   ":phase, :starts_on, :ends_on)",
            soci::use(campaign.year), soci::use(code), soci::use(phase.starts_on),
            soci::use(phase.ends_on);
    }
}

constexpr const char* report_select =
    "SELECT r.id AS id, r.alliance_id AS alliance_id, a.name AS alliance_name, r.year AS year, "
    "r.phase AS phase, r.account AS account, r.submitted_by_user_id AS user_id, "
    "u.display_name AS user_name, r.submitted_at AS submitted_at FROM phase_report r "
    "JOIN alliance a ON a.id = r.alliance_id JOIN app_user u ON u.id = r.submitted_by_user_id";

campaign::PhaseReport read_report(const soci::row& row) {
    const Columns columns(row);
    campaign::PhaseReport report;
    report.id = columns.integer("id");
    report.alliance = {columns.integer("alliance_id"), columns.text("alliance_name")};
    report.year = static_cast<int>(columns.integer("year"));
    report.phase = parse_enum<campaign::Phase>("phase", columns.text("phase"));
    report.account = columns.text("account");
    report.submitted_by = {columns.integer("user_id"), columns.text("user_name")};
    report.submitted_at = columns.text("submitted_at");
    return report;
}

constexpr const char* checklist_select =
    "SELECT c.id AS id, c.year AS year, c.linkage AS linkage, c.kind AS kind, c.title AS title, "
    "c.description AS description, c.suggested_month AS suggested_month, c.key_date AS key_date, "
    "c.copied_from_id AS copied_from_id, c.retired_at AS retired_at, c.version AS version, "
    "c.created_at AS created_at, c.updated_at AS updated_at, CASE WHEN EXISTS (SELECT 1 FROM "
    "plan_item pi WHERE pi.checklist_item_id = c.id) THEN 1 ELSE 0 END AS in_use "
    "FROM checklist_item c";

campaign::ChecklistItem read_item(const soci::row& row) {
    const Columns columns(row);
    campaign::ChecklistItem item;
    item.id = columns.integer("id");
    item.year = static_cast<int>(columns.integer("year"));
    item.linkage = parse_enum<campaign::Linkage>("linkage", columns.text("linkage"));
    item.kind = parse_enum<campaign::ActivityKind>("kind", columns.text("kind"));
    item.title = columns.text("title");
    item.description = columns.text("description");
    if (auto month = columns.optional_integer("suggested_month")) {
        item.suggested_month = static_cast<int>(*month);
    }
    item.key_date = columns.text("key_date");
    item.copied_from_id = columns.optional_integer("copied_from_id");
    item.retired_at = columns.optional_text("retired_at");
    item.version = static_cast<int>(columns.integer("version"));
    item.created_at = columns.text("created_at");
    item.updated_at = columns.text("updated_at");
    item.in_use = columns.integer("in_use") != 0;
    return item;
}

// Linkage in the order of the six (not alphabetical), then month, then id.
constexpr const char* checklist_order =
    " ORDER BY CASE c.linkage WHEN 'theory_study' THEN 1 WHEN 'resource_sharing' THEN 2 WHEN "
    "'joint_practice' THEN 3 WHEN 'team_building' THEN 4 WHEN 'central_work' THEN 5 ELSE 6 END, "
    "COALESCE(c.suggested_month, 13), c.id";

}  // namespace

std::optional<campaign::Campaign> find_campaign(Session& session, int year) {
    std::optional<campaign::Campaign> found;
    Query("SELECT year, reminder_days, version FROM campaign WHERE year = :year")
        .bind("year", static_cast<long long>(year))
        .for_each_row(session, [&](const soci::row& row) {
            const Columns columns(row);
            campaign::Campaign campaign;
            campaign.year = static_cast<int>(columns.integer("year"));
            campaign.configured = true;
            campaign.reminder_days = reminder_days_of(columns.text("reminder_days"));
            campaign.version = static_cast<int>(columns.integer("version"));
            found = std::move(campaign);
        });
    if (!found) {
        return std::nullopt;
    }
    std::map<campaign::Phase, campaign::PhaseDates> phases;
    Query("SELECT phase, starts_on, ends_on FROM campaign_phase WHERE year = :year")
        .bind("year", static_cast<long long>(year))
        .for_each_row(session, [&](const soci::row& row) {
            const Columns columns(row);
            const auto phase = parse_enum<campaign::Phase>("phase", columns.text("phase"));
            phases[phase] = {phase, columns.text("starts_on"), columns.text("ends_on")};
        });
    const auto defaults = campaign::default_campaign(year);
    for (const auto& fallback : defaults.phases) {
        const auto it = phases.find(fallback.phase);
        found->phases.push_back(it == phases.end() ? fallback : it->second);
    }
    return found;
}

bool campaign_exists(Session& session, int year) {
    return Query("SELECT COUNT(*) FROM campaign WHERE year = :year")
               .bind("year", static_cast<long long>(year))
               .scalar(session) > 0;
}

void insert_campaign(Session& session, const campaign::Campaign& campaign, const std::string& now) {
    const auto days = reminder_days_json(campaign.reminder_days);
    session << "INSERT INTO campaign (year, reminder_days, version, created_at, updated_at) "
               "VALUES (:year, :days, 1, :created, :updated)",
        soci::use(campaign.year), soci::use(days), soci::use(now), soci::use(now);
    insert_phases(session, campaign);
}

bool update_campaign(Session& session, const campaign::Campaign& campaign, int version,
                     const std::string& now) {
    const auto days = reminder_days_json(campaign.reminder_days);
    soci::statement statement =
        (session.prepare << "UPDATE campaign SET reminder_days = :days, version = version + 1, "
                            "updated_at = :now WHERE year = :year AND version = :version",
         soci::use(days), soci::use(now), soci::use(campaign.year), soci::use(version));
    statement.execute(true);
    if (statement.get_affected_rows() != 1) {
        return false;
    }
    session << "DELETE FROM campaign_phase WHERE year = :year", soci::use(campaign.year);
    insert_phases(session, campaign);
    return true;
}

Completions deadline_completions(Session& session, int year) {
    Completions done;
    Query(
        "SELECT p.alliance_id AS alliance_id, MIN(v.submitted_at) AS submitted_at FROM plan p "
        "JOIN plan_version v ON v.plan_id = p.id WHERE p.year = :year AND v.submitted_at IS NOT "
        "NULL GROUP BY p.alliance_id")
        .bind("year", static_cast<long long>(year))
        .for_each_row(session, [&](const soci::row& row) {
            const Columns columns(row);
            done[{columns.integer("alliance_id"), campaign::Deadline::plan_due}] =
                columns.text("submitted_at");
        });
    Query("SELECT alliance_id, phase, submitted_at FROM phase_report WHERE year = :year")
        .bind("year", static_cast<long long>(year))
        .for_each_row(session, [&](const soci::row& row) {
            const Columns columns(row);
            const auto phase = parse_enum<campaign::Phase>("phase", columns.text("phase"));
            done[{columns.integer("alliance_id"), campaign::report_deadline(phase)}] =
                columns.text("submitted_at");
        });
    return done;
}

bool claim_reminder(Session& session, int year, campaign::Deadline deadline, int days_before,
                    long long alliance_id, const std::string& now) {
    const std::string code = enum_code(deadline);
    soci::statement statement =
        (session.prepare << "INSERT INTO deadline_reminder (year, deadline, days_before, "
                            "alliance_id, sent_at) VALUES (:year, :deadline, :days, :alliance, "
                            ":now) ON CONFLICT DO NOTHING",
         soci::use(year), soci::use(code), soci::use(days_before), soci::use(alliance_id),
         soci::use(now));
    statement.execute(true);
    return statement.get_affected_rows() == 1;
}

PhaseReportRows list_phase_reports(Session& session, const PhaseReportQuery& query) {
    Query filter(" WHERE 1 = 1");
    if (query.year) {
        filter.append(" AND r.year = :year").bind("year", static_cast<long long>(*query.year));
    }
    if (query.alliance_id) {
        filter.append(" AND r.alliance_id = :alliance_id").bind("alliance_id", *query.alliance_id);
    }
    if (query.phase) {
        filter.append(" AND r.phase = :phase").bind("phase", std::string(enum_code(*query.phase)));
    }
    if (query.alliance_ids) {
        filter.append(" AND " + session.in_id_list("r.alliance_id", "alliance_ids"))
            .bind("alliance_ids", session.id_list(*query.alliance_ids));
    }
    PhaseReportRows rows;
    rows.total =
        filter.with_sql("SELECT COUNT(*) FROM phase_report r" + filter.sql()).scalar(session);
    filter
        .with_sql(std::string(report_select) + filter.sql() +
                  " ORDER BY r.year DESC, r.submitted_at DESC, r.id DESC LIMIT :limit OFFSET "
                  ":offset")
        .bind("limit", query.limit)
        .bind("offset", query.offset)
        .for_each_row(session,
                      [&](const soci::row& row) { rows.items.push_back(read_report(row)); });
    return rows;
}

std::optional<campaign::PhaseReport> find_phase_report(Session& session, long long id) {
    std::optional<campaign::PhaseReport> found;
    Query(std::string(report_select) + " WHERE r.id = :id")
        .bind("id", id)
        .for_each_row(session, [&](const soci::row& row) { found = read_report(row); });
    return found;
}

bool phase_report_exists(Session& session, long long alliance_id, int year, campaign::Phase phase) {
    return Query(
               "SELECT COUNT(*) FROM phase_report WHERE alliance_id = :alliance_id AND year = "
               ":year AND phase = :phase")
               .bind("alliance_id", alliance_id)
               .bind("year", static_cast<long long>(year))
               .bind("phase", std::string(enum_code(phase)))
               .scalar(session) > 0;
}

long long insert_phase_report(Session& session, long long alliance_id, int year,
                              campaign::Phase phase, const std::string& account, long long user_id,
                              const std::string& now) {
    long long id = 0;
    const std::string code = enum_code(phase);
    session << "INSERT INTO phase_report (alliance_id, year, phase, account, submitted_by_user_id, "
               "submitted_at) VALUES (:alliance, :year, :phase, :account, :user, :now) "
               "RETURNING id",
        soci::use(alliance_id), soci::use(year), soci::use(code), soci::use(account),
        soci::use(user_id), soci::use(now), soci::into(id);
    return id;
}

ChecklistRows list_checklist_items(Session& session, const ChecklistQuery& query) {
    Query filter(" WHERE c.year = :year");
    filter.bind("year", static_cast<long long>(query.year));
    if (query.linkage) {
        filter.append(" AND c.linkage = :linkage")
            .bind("linkage", std::string(enum_code(*query.linkage)));
    }
    if (!query.include_retired) {
        filter.append(" AND c.retired_at IS NULL");
    }
    ChecklistRows rows;
    rows.total =
        filter.with_sql("SELECT COUNT(*) FROM checklist_item c" + filter.sql()).scalar(session);
    Query select = filter.with_sql(std::string(checklist_select) + filter.sql() + checklist_order);
    if (query.limit) {
        select.append(" LIMIT :limit OFFSET :offset")
            .bind("limit", *query.limit)
            .bind("offset", query.offset);
    }
    select.for_each_row(session,
                        [&](const soci::row& row) { rows.items.push_back(read_item(row)); });
    return rows;
}

std::optional<campaign::ChecklistItem> find_checklist_item(Session& session, long long id) {
    std::optional<campaign::ChecklistItem> found;
    Query(std::string(checklist_select) + " WHERE c.id = :id")
        .bind("id", id)
        .for_each_row(session, [&](const soci::row& row) { found = read_item(row); });
    return found;
}

long long insert_checklist_item(Session& session, const campaign::ChecklistItem& item,
                                const std::string& now) {
    long long id = 0;
    const std::string linkage = enum_code(item.linkage);
    const std::string kind = enum_code(item.kind);
    const auto month =
        item.suggested_month ? boost::optional<int>(*item.suggested_month) : boost::optional<int>();
    const auto copied = to_boost(item.copied_from_id);
    session << "INSERT INTO checklist_item (year, linkage, kind, title, description, "
               "suggested_month, key_date, copied_from_id, version, created_at, updated_at) "
               "VALUES (:year, :linkage, :kind, :title, :description, :month, :key_date, "
               ":copied, 1, :created, :updated) RETURNING id",
        soci::use(item.year), soci::use(linkage), soci::use(kind), soci::use(item.title),
        soci::use(item.description), soci::use(month), soci::use(item.key_date), soci::use(copied),
        soci::use(now), soci::use(now), soci::into(id);
    return id;
}

bool update_checklist_item(Session& session, const campaign::ChecklistItem& item, int version,
                           const std::string& now) {
    const std::string linkage = enum_code(item.linkage);
    const std::string kind = enum_code(item.kind);
    const auto month =
        item.suggested_month ? boost::optional<int>(*item.suggested_month) : boost::optional<int>();
    soci::statement statement =
        (session.prepare << "UPDATE checklist_item SET linkage = :linkage, kind = :kind, title = "
                            ":title, description = :description, suggested_month = :month, "
                            "key_date = :key_date, version = version + 1, updated_at = :now "
                            "WHERE id = :id AND version = :version",
         soci::use(linkage), soci::use(kind), soci::use(item.title), soci::use(item.description),
         soci::use(month), soci::use(item.key_date), soci::use(now), soci::use(item.id),
         soci::use(version));
    statement.execute(true);
    return statement.get_affected_rows() == 1;
}

bool set_checklist_item_retired(Session& session, long long id,
                                const std::optional<std::string>& retired_at, int version,
                                const std::string& now) {
    const auto retired = to_boost(retired_at);
    soci::statement statement =
        (session.prepare << "UPDATE checklist_item SET retired_at = :retired, version = version + "
                            "1, updated_at = :now WHERE id = :id AND version = :version",
         soci::use(retired), soci::use(now), soci::use(id), soci::use(version));
    statement.execute(true);
    return statement.get_affected_rows() == 1;
}

void delete_checklist_item(Session& session, long long id) {
    // Copies made from it in later years stay; only their link to the deleted source goes.
    session << "UPDATE checklist_item SET copied_from_id = NULL WHERE copied_from_id = :id",
        soci::use(id);
    session << "DELETE FROM checklist_item WHERE id = :id", soci::use(id);
}

std::vector<long long> copied_checklist_sources(Session& session, int to_year) {
    std::vector<long long> ids;
    Query(
        "SELECT copied_from_id FROM checklist_item WHERE year = :year AND copied_from_id IS NOT "
        "NULL")
        .bind("year", static_cast<long long>(to_year))
        .for_each_row(session, [&](const soci::row& row) { ids.push_back(integer_at(row, 0)); });
    return ids;
}

}  // namespace lianjian::storage
