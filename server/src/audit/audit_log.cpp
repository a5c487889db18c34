#include "audit/audit_log.hpp"

#include "core/clock.hpp"
#include "storage/query.hpp"
#include "storage/row.hpp"

#include <soci/boost-optional.h>
#include <sodium.h>
#include <boost/optional.hpp>

namespace lianjian::audit {

namespace {

constexpr const char* genesis_hash =
    "0000000000000000000000000000000000000000000000000000000000000000";

void append_field(crypto_generichash_state& state, const std::string& field) {
    // Length-prefixed, so that moving text between two fields changes the hash.
    const auto length = std::to_string(field.size()) + ":";
    crypto_generichash_update(&state, reinterpret_cast<const unsigned char*>(length.data()),
                              length.size());
    crypto_generichash_update(&state, reinterpret_cast<const unsigned char*>(field.data()),
                              field.size());
}

const char* outcome_name(Outcome outcome) {
    return outcome == Outcome::success ? "success" : "failure";
}

constexpr const char* event_columns =
    "id, occurred_at, user_id, username, source_ip, action, object_type, object_id, outcome, "
    "detail, prev_hash, hash";

AuditEvent read_event(const soci::row& row) {
    using namespace storage;
    AuditEvent event;
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
    return event;
}

}  // namespace

std::string chain_hash(const std::string& prev_hash, const AuditEvent& event) {
    crypto_generichash_state state;
    crypto_generichash_init(&state, nullptr, 0, crypto_generichash_BYTES);
    append_field(state, prev_hash);
    append_field(state, event.occurred_at);
    append_field(state, event.user_id ? std::to_string(*event.user_id) : "");
    append_field(state, event.username);
    append_field(state, event.source_ip);
    append_field(state, event.action);
    append_field(state, event.object_type);
    append_field(state, event.object_id);
    append_field(state, event.outcome);
    append_field(state, event.detail);
    unsigned char digest[crypto_generichash_BYTES];
    crypto_generichash_final(&state, digest, sizeof digest);
    char hex[crypto_generichash_BYTES * 2 + 1];
    sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
    return hex;
}

void AuditLog::record(storage::Transaction& transaction, const AuditEntry& entry) {
    auto& session = transaction.session();
    transaction.serialize(storage::WriterTopic::audit_chain);
    std::string prev_hash = genesis_hash;
    soci::indicator indicator = soci::i_null;
    std::string last_hash;
    session << "SELECT hash FROM audit_event ORDER BY id DESC LIMIT 1",
        soci::into(last_hash, indicator);
    if (session.got_data() && indicator == soci::i_ok) {
        prev_hash = last_hash;
    }
    AuditEvent event;
    event.occurred_at = format_timestamp(Clock::now());
    event.user_id = entry.actor.user_id;
    event.username = entry.actor.username;
    event.source_ip = entry.actor.source_ip;
    event.action = entry.action;
    event.object_type = entry.object_type;
    event.object_id = entry.object_id;
    event.outcome = outcome_name(entry.outcome);
    event.detail = entry.detail;
    event.prev_hash = prev_hash;
    event.hash = chain_hash(prev_hash, event);

    boost::optional<long long> user_id;
    if (event.user_id) {
        user_id = *event.user_id;
    }
    session << "INSERT INTO audit_event (occurred_at, user_id, username, source_ip, action, "
               "object_type, object_id, outcome, detail, prev_hash, hash) VALUES (:occurred_at, "
               ":user_id, :username, :source_ip, :action, :object_type, :object_id, :outcome, "
               ":detail, :prev_hash, :hash)",
        soci::use(event.occurred_at), soci::use(user_id), soci::use(event.username),
        soci::use(event.source_ip), soci::use(event.action), soci::use(event.object_type),
        soci::use(event.object_id), soci::use(event.outcome), soci::use(event.detail),
        soci::use(event.prev_hash), soci::use(event.hash);
}

void AuditLog::record_alone(const AuditEntry& entry) {
    storage::Transaction transaction(database_);
    record(transaction, entry);
    transaction.commit();
}

AuditPage AuditLog::list(const AuditFilter& filter) {
    storage::Query where(" WHERE 1 = 1");
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
    storage::Connection connection(database_);
    AuditPage page;
    page.total = where.with_sql("SELECT COUNT(*) FROM audit_event" + where.sql())
                     .scalar(connection.session());
    where
        .with_sql(std::string("SELECT ") + event_columns + " FROM audit_event" + where.sql() +
                  " ORDER BY id DESC LIMIT :limit OFFSET :offset")
        .bind("limit", static_cast<long long>(filter.page_size))
        .bind("offset", static_cast<long long>((filter.page - 1) * filter.page_size))
        .for_each_row(connection.session(),
                      [&](const soci::row& row) { page.items.push_back(read_event(row)); });
    return page;
}

ChainVerification AuditLog::verify() {
    storage::Connection connection(database_);
    ChainVerification result;
    std::string expected_prev = genesis_hash;
    soci::rowset<soci::row> rows =
        (connection.session().prepare << "SELECT " << event_columns
                                      << " FROM audit_event ORDER BY id");
    for (const auto& row : rows) {
        const AuditEvent event = read_event(row);
        ++result.checked;
        if (event.prev_hash != expected_prev || chain_hash(event.prev_hash, event) != event.hash) {
            result.ok = false;
            result.first_broken_id = event.id;
            return result;
        }
        expected_prev = event.hash;
    }
    return result;
}

}  // namespace lianjian::audit
