#include "storage/ledger_export_repository.hpp"

#include "storage/query.hpp"
#include "storage/row.hpp"

namespace lianjian::storage {

std::optional<LedgerActivity> find_ledger_activity(Session& session, long long activity_id) {
    std::optional<LedgerActivity> found;
    Query(
        "SELECT a.id, a.alliance_id, al.name AS alliance_name, a.year, a.linkage, a.kind, "
        "a.title, a.theme, a.content, a.outcomes, a.minutes, a.place, a.starts_at, a.ends_at, "
        "a.host_unit_id, u.name AS host_name, a.state FROM activity a JOIN alliance al ON al.id "
        "= a.alliance_id JOIN unit u ON u.id = a.host_unit_id WHERE a.id = :id")
        .bind("id", activity_id)
        .for_each_row(session, [&](const soci::row& row) {
            const Columns columns(row);
            LedgerActivity activity;
            activity.id = columns.integer("id");
            activity.alliance = {columns.integer("alliance_id"), columns.text("alliance_name")};
            activity.year = static_cast<int>(columns.integer("year"));
            activity.linkage = columns.text("linkage");
            activity.kind = columns.text("kind");
            activity.title = columns.text("title");
            activity.theme = columns.text("theme");
            activity.content = columns.text("content");
            activity.outcomes = columns.text("outcomes");
            activity.minutes = columns.text("minutes");
            activity.place = columns.text("place");
            activity.starts_at = columns.text("starts_at");
            activity.ends_at = columns.text("ends_at");
            activity.host_unit = {columns.integer("host_unit_id"), columns.text("host_name")};
            activity.state = columns.text("state");
            found = std::move(activity);
        });
    if (!found) {
        return found;
    }
    auto& activity = *found;
    Query(
        "SELECT u.id, u.name FROM activity_unit au JOIN unit u ON u.id = au.unit_id WHERE "
        "au.activity_id = :id ORDER BY u.name, u.id")
        .bind("id", activity_id)
        .for_each_row(session, [&](const soci::row& row) {
            activity.participating_units.push_back({integer_at(row, 0), text_at(row, 1)});
        });
    Query(
        "SELECT p.unit_id, u.name, p.content, p.outcomes FROM activity_part p JOIN unit u ON "
        "u.id = p.unit_id WHERE p.activity_id = :id ORDER BY u.name, u.id")
        .bind("id", activity_id)
        .for_each_row(session, [&](const soci::row& row) {
            activity.parts.push_back(
                {{integer_at(row, 0), text_at(row, 1)}, text_at(row, 2), text_at(row, 3)});
        });
    Query(
        "SELECT t.member_id, m.name AS member_name, t.unit_id, u.name AS unit_name, t.status "
        "FROM attendance t JOIN member m ON m.id = t.member_id JOIN unit u ON u.id = t.unit_id "
        "WHERE t.activity_id = :id ORDER BY u.name, u.id, m.name, m.id")
        .bind("id", activity_id)
        .for_each_row(session, [&](const soci::row& row) {
            const Columns columns(row);
            activity.attendance.push_back(
                {{columns.integer("member_id"), columns.text("member_name")},
                 {columns.integer("unit_id"), columns.text("unit_name")},
                 columns.optional_text("status")});
        });
    Query(
        "SELECT stored_name, original_name, kind FROM attachment WHERE activity_id = :id AND "
        "removed_at IS NULL ORDER BY id")
        .bind("id", activity_id)
        .for_each_row(session, [&](const soci::row& row) {
            if (text_at(row, 2) == "photo" && !text_at(row, 0).ends_with(".pdf") &&
                !text_at(row, 0).ends_with(".docx") && !text_at(row, 0).ends_with(".xlsx")) {
                activity.photos.push_back({text_at(row, 0), text_at(row, 1)});
            } else {
                ++activity.document_count;
            }
        });
    return found;
}

std::vector<long long> ledger_activity_ids(Session& session, long long alliance_id, int year) {
    std::vector<long long> ids;
    Query(
        "SELECT id FROM activity WHERE alliance_id = :alliance AND year = :year AND state <> "
        "'cancelled' ORDER BY starts_at, id")
        .bind("alliance", alliance_id)
        .bind("year", static_cast<long long>(year))
        .for_each_row(session, [&](const soci::row& row) { ids.push_back(integer_at(row, 0)); });
    return ids;
}

std::optional<NamedRef> find_alliance_name(Session& session, long long alliance_id) {
    std::optional<NamedRef> found;
    Query("SELECT id, name FROM alliance WHERE id = :id")
        .bind("id", alliance_id)
        .for_each_row(session, [&](const soci::row& row) {
            found = NamedRef{integer_at(row, 0), text_at(row, 1)};
        });
    return found;
}

}  // namespace lianjian::storage
