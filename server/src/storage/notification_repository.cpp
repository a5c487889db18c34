#include "storage/notification_repository.hpp"

#include "storage/query.hpp"
#include "storage/row.hpp"

#include <charconv>

namespace lianjian::storage {

namespace {

// object_id is kept as text; the object it names is always a numbered record.
std::optional<long long> object_id_of(const std::string& text) {
    long long id = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), id);
    if (text.empty() || error != std::errc{} || end != text.data() + text.size()) {
        return std::nullopt;
    }
    return id;
}

}  // namespace

std::vector<long long> users_with_role(Session& session, const std::string& role,
                                       std::optional<long long> unit_id) {
    // Roles are stored comma-separated; match whole names only.
    Query query(
        "SELECT id FROM app_user WHERE disabled = 0 AND (',' || roles || ',') LIKE :pattern");
    query.bind("pattern", "%," + role + ",%");
    if (unit_id) {
        query.append(" AND unit_id = :unit_id").bind("unit_id", *unit_id);
    }
    std::vector<long long> ids;
    query.append(" ORDER BY id").for_each_row(session, [&](const soci::row& row) {
        ids.push_back(integer_at(row, 0));
    });
    return ids;
}

void insert_notification(Session& session, long long user_id, const inbox::NotificationDraft& draft,
                         const std::string& now) {
    const std::string object_id = draft.object_id ? std::to_string(*draft.object_id) : "";
    session << "INSERT INTO notification (user_id, kind, title, link, object_type, object_id, "
               "created_at) VALUES "
               "(:user_id, :kind, :title, :link, :object_type, :object_id, :created_at)",
        soci::use(user_id), soci::use(draft.kind), soci::use(draft.title), soci::use(draft.link),
        soci::use(draft.object_type), soci::use(object_id), soci::use(now);
}

inbox::NotificationPage list_notifications(Session& session, long long user_id, bool unread_only,
                                           int page, int page_size) {
    Query where(" WHERE user_id = :user_id");
    where.bind("user_id", user_id);
    if (unread_only) {
        where.append(" AND read_at IS NULL AND resolved_at IS NULL");
    }
    inbox::NotificationPage result;
    result.total =
        where.with_sql("SELECT COUNT(*) FROM notification" + where.sql()).scalar(session);
    result.unread =
        Query(
            "SELECT COUNT(*) FROM notification WHERE user_id = :user_id AND read_at IS NULL "
            "AND resolved_at IS NULL")
            .bind("user_id", user_id)
            .scalar(session);
    where
        .with_sql(
            "SELECT id AS id, kind AS kind, title AS title, link AS link, "
            "object_type AS object_type, object_id AS object_id, created_at AS created_at, "
            "read_at AS read_at, resolved_at AS resolved_at FROM notification" +
            where.sql() + " ORDER BY id DESC LIMIT :limit OFFSET :offset")
        .bind("limit", static_cast<long long>(page_size))
        .bind("offset", static_cast<long long>((page - 1) * page_size))
        .for_each_row(session, [&](const soci::row& row) {
            const Columns columns(row);
            result.items.push_back(
                {columns.integer("id"), columns.text("kind"), columns.text("title"),
                 columns.text("link"), columns.text("object_type"),
                 object_id_of(columns.text("object_id")), columns.text("created_at"),
                 columns.optional_text("read_at"), columns.optional_text("resolved_at")});
        });
    return result;
}

bool mark_notification_read(Session& session, long long user_id, long long notification_id,
                            const std::string& now) {
    const auto owned =
        Query("SELECT COUNT(*) FROM notification WHERE id = :id AND user_id = :user_id")
            .bind("id", notification_id)
            .bind("user_id", user_id)
            .scalar(session);
    if (owned == 0) {
        return false;
    }
    session << "UPDATE notification SET read_at = :now WHERE id = :id AND read_at IS NULL",
        soci::use(now), soci::use(notification_id);
    return true;
}

long long resolve_notifications(Session& session, const std::string& object_type,
                                long long object_id, const std::string& kind,
                                std::optional<long long> unit_id, const std::string& now) {
    Query update(
        "UPDATE notification SET resolved_at = :now WHERE object_type = :type "
        "AND object_id = :object AND kind = :kind AND resolved_at IS NULL");
    update.bind("now", now)
        .bind("type", object_type)
        .bind("object", std::to_string(object_id))
        .bind("kind", kind);
    if (unit_id) {
        update.append(" AND user_id IN (SELECT id FROM app_user WHERE unit_id = :unit)")
            .bind("unit", *unit_id);
    }
    return update.execute(session);
}

long long mark_all_notifications_read(Session& session, long long user_id, const std::string& now) {
    soci::statement statement =
        (session.prepare << "UPDATE notification SET read_at = :now WHERE user_id = :user_id "
                            "AND read_at IS NULL",
         soci::use(now), soci::use(user_id));
    statement.execute(true);
    return statement.get_affected_rows();
}

}  // namespace lianjian::storage
