#include "storage/audit_repository.hpp"

#include "storage/query.hpp"
#include "storage/row.hpp"

#include <soci/boost-optional.h>
#include <boost/optional.hpp>

namespace lianjian::storage {

namespace {

constexpr const char* event_columns =
    "id, occurred_at, user_id, username, source_ip, action, object_type, object_id, outcome, "
    "detail, prev_hash, hash, seq";

audit::AuditEvent read_event(const soci::row& row) {
    audit::AuditEvent event;
    event.id = integer_at(row, 0);
    event.occurred_at = text_at(row, 1);
    event.user_id = optional_integer_at(row, 2);
    event.username = text_at(row, 3);
    event.source_ip = text_at(row, 4);
    event.action = text_at(row, 5);
    event.object_type = text_at(row, 6);
    event.object_id = text_at(row, 7);
    event.outcome = text_at(row, 8);
    event.detail = text_at(row, 9);
    event.prev_hash = text_at(row, 10);
    event.hash = text_at(row, 11);
    event.seq = optional_integer_at(row, 12).value_or(0);
    return event;
}

}  // namespace

std::optional<AuditHead> audit_head(soci::session& session) {
    AuditHead head;
    soci::indicator seq_indicator = soci::i_null;
    soci::indicator hash_indicator = soci::i_null;
    session << "SELECT seq, hash FROM audit_event ORDER BY id DESC LIMIT 1",
        soci::into(head.seq, seq_indicator), soci::into(head.hash, hash_indicator);
    if (!session.got_data() || hash_indicator != soci::i_ok) {
        // Every record purged: the chain goes on from the last purge's anchor.
        if (const auto anchor = latest_audit_anchor(session)) {
            return AuditHead{anchor->through_seq, anchor->hash};
        }
        return std::nullopt;
    }
    if (seq_indicator != soci::i_ok) {
        head.seq = 0;
    }
    return head;
}

void insert_audit_event(soci::session& session, const audit::AuditEvent& event) {
    boost::optional<long long> user_id;
    if (event.user_id) {
        user_id = *event.user_id;
    }
    session << "INSERT INTO audit_event (occurred_at, user_id, username, source_ip, action, "
               "object_type, object_id, outcome, detail, prev_hash, hash, seq) VALUES "
               "(:occurred_at, :user_id, :username, :source_ip, :action, :object_type, "
               ":object_id, :outcome, :detail, :prev_hash, :hash, :seq)",
        soci::use(event.occurred_at), soci::use(user_id), soci::use(event.username),
        soci::use(event.source_ip), soci::use(event.action), soci::use(event.object_type),
        soci::use(event.object_id), soci::use(event.outcome), soci::use(event.detail),
        soci::use(event.prev_hash), soci::use(event.hash), soci::use(event.seq);
}

audit::AuditPage list_audit_events(soci::session& session, const audit::AuditFilter& filter) {
    Query where(" WHERE 1 = 1");
    if (filter.from)
        where.append(" AND occurred_at >= :from").bind("from", *filter.from);
    if (filter.to)
        where.append(" AND occurred_at < :to").bind("to", *filter.to);
    if (filter.username)
        where.append(" AND username = :username").bind("username", *filter.username);
    if (filter.action) {
        if (filter.action->ends_with('.')) {
            where.append(" AND action LIKE :action").bind("action", *filter.action + "%");
        } else {
            where.append(" AND action = :action").bind("action", *filter.action);
        }
    }
    audit::AuditPage page;
    page.total = where.with_sql("SELECT COUNT(*) FROM audit_event" + where.sql()).scalar(session);
    where
        .with_sql(std::string("SELECT ") + event_columns + " FROM audit_event" + where.sql() +
                  " ORDER BY id DESC LIMIT :limit OFFSET :offset")
        .bind("limit", static_cast<long long>(filter.page_size))
        .bind("offset", static_cast<long long>((filter.page - 1) * filter.page_size))
        .for_each_row(session,
                      [&](const soci::row& row) { page.items.push_back(read_event(row)); });
    return page;
}

void for_each_audit_event(soci::session& session,
                          const std::function<void(const audit::AuditEvent&)>& visit) {
    soci::rowset<soci::row> rows =
        (session.prepare << "SELECT " << event_columns << " FROM audit_event ORDER BY id");
    for (const auto& row : rows) {
        visit(read_event(row));
    }
}

}  // namespace lianjian::storage

namespace lianjian::storage {

namespace {

constexpr const char* sqlite_delete_trigger =
    "CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_event "
    "BEGIN SELECT RAISE(ABORT, 'audit_event is append-only'); END";

}  // namespace

std::optional<AuditAnchorRow> latest_audit_anchor(soci::session& session) {
    std::optional<AuditAnchorRow> anchor;
    soci::rowset<soci::row> rows =
        (session.prepare << "SELECT through_seq, hash, purged_count, before_date, purged_at, tag "
                            "FROM audit_anchor ORDER BY through_seq DESC LIMIT 1");
    for (const auto& row : rows) {
        anchor = AuditAnchorRow{integer_at(row, 0), text_at(row, 1), integer_at(row, 2),
                                text_at(row, 3),    text_at(row, 4), text_at(row, 5)};
    }
    return anchor;
}

void insert_audit_anchor(soci::session& session, const AuditAnchorRow& anchor) {
    session << "INSERT INTO audit_anchor (through_seq, hash, purged_count, before_date, "
               "purged_at, tag) VALUES (:through_seq, :hash, :purged_count, :before_date, "
               ":purged_at, :tag)",
        soci::use(anchor.through_seq), soci::use(anchor.hash), soci::use(anchor.purged_count),
        soci::use(anchor.before_date), soci::use(anchor.purged_at), soci::use(anchor.tag);
}

std::optional<audit::AuditEvent> last_audit_event_before(soci::session& session,
                                                         const std::string& timestamp) {
    std::optional<audit::AuditEvent> event;
    soci::rowset<soci::row> rows =
        (session.prepare << "SELECT " << event_columns
                         << " FROM audit_event WHERE occurred_at < :timestamp "
                            "ORDER BY seq DESC LIMIT 1",
         soci::use(timestamp));
    for (const auto& row : rows) {
        event = read_event(row);
    }
    return event;
}

long long delete_audit_events_through(soci::session& session, Dialect dialect,
                                      long long through_seq) {
    long long count = 0;
    session << "SELECT COUNT(*) FROM audit_event WHERE seq <= :seq", soci::use(through_seq),
        soci::into(count);
    if (dialect == Dialect::sqlite) {
        session << "DROP TRIGGER audit_event_no_delete";
        session << "DELETE FROM audit_event WHERE seq <= :seq", soci::use(through_seq);
        session << sqlite_delete_trigger;
    } else {
        session << "ALTER TABLE audit_event DISABLE TRIGGER audit_event_no_update";
        session << "DELETE FROM audit_event WHERE seq <= :seq", soci::use(through_seq);
        session << "ALTER TABLE audit_event ENABLE TRIGGER audit_event_no_update";
    }
    return count;
}

std::vector<audit::AuditEvent> audit_events_between(soci::session& session, const std::string& from,
                                                    const std::string& to) {
    std::vector<audit::AuditEvent> events;
    soci::rowset<soci::row> rows =
        (session.prepare << "SELECT " << event_columns
                         << " FROM audit_event WHERE seq >= (SELECT MIN(seq) FROM audit_event "
                            "WHERE occurred_at >= :from1 AND occurred_at < :to1) AND seq <= "
                            "(SELECT MAX(seq) FROM audit_event WHERE occurred_at >= :from2 AND "
                            "occurred_at < :to2) ORDER BY seq",
         soci::use(from, "from1"), soci::use(to, "to1"), soci::use(from, "from2"),
         soci::use(to, "to2"));
    for (const auto& row : rows) {
        events.push_back(read_event(row));
    }
    return events;
}

}  // namespace lianjian::storage
