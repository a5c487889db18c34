#include "audit/retention.hpp"

#include "audit/detail.hpp"
#include "core/clock.hpp"
#include "core/error.hpp"
#include "storage/audit_repository.hpp"

#include <sodium.h>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include <chrono>
#include <cstdio>

namespace lianjian::audit {

namespace {

std::chrono::sys_days parse_date(const std::string& text, const char* field) {
    int year = 0;
    unsigned month = 0, day = 0;
    char tail = 0;
    if (text.size() != 10 ||
        std::sscanf(text.c_str(), "%4d-%2u-%2u%c", &year, &month, &day, &tail) != 3) {
        throw field_error(field, "日期须为 YYYY-MM-DD");
    }
    const std::chrono::year_month_day date{std::chrono::year(year), std::chrono::month(month),
                                           std::chrono::day(day)};
    if (!date.ok()) {
        throw field_error(field, "日期不存在");
    }
    return std::chrono::sys_days(date);
}

std::string format_date(std::chrono::sys_days days) {
    const std::chrono::year_month_day date(days);
    char text[16];
    std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(date.year()),
                  static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
    return text;
}

void append(crypto_generichash_state& state, const std::string& field) {
    const auto length = std::to_string(field.size()) + ":";
    crypto_generichash_update(&state, reinterpret_cast<const unsigned char*>(length.data()),
                              length.size());
    crypto_generichash_update(&state, reinterpret_cast<const unsigned char*>(field.data()),
                              field.size());
}

}  // namespace

void check_retention_days(int days) {
    if (days < minimum_retention_days) {
        throw AppError(ErrorCode::validation_failed,
                       "审计记录保存期不得少于 " + std::to_string(minimum_retention_days) +
                           " 天（设为 " + std::to_string(days) +
                           " 天）。The audit retention must be at least " +
                           std::to_string(minimum_retention_days) + " days (got " +
                           std::to_string(days) + ").",
                       {{"field", "audit_retention_days"}});
    }
}

std::string retention_start(const std::string& today, int days) {
    return format_date(parse_date(today, "today") - std::chrono::days(days));
}

std::string anchor_tag(const ChainKey& key, long long through_seq, const std::string& hash) {
    crypto_generichash_state state;
    crypto_generichash_init(&state, key.data(), key.size(), crypto_generichash_BYTES);
    append(state, "anchor");
    append(state, std::to_string(through_seq));
    append(state, hash);
    unsigned char digest[crypto_generichash_BYTES];
    crypto_generichash_final(&state, digest, sizeof digest);
    char hex[crypto_generichash_BYTES * 2 + 1];
    sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
    return hex;
}

PurgeResult purge_before(storage::Database& database, AuditLog& audit, const ChainKey& key,
                         const std::string& before_date, int retention_days, const Actor& actor) {
    check_retention_days(retention_days);
    parse_date(before_date, "before");
    const auto keep_from = retention_start(programme_clock::today(), retention_days);
    if (before_date > keep_from) {
        const AppError refusal(
            ErrorCode::validation_failed,
            "不能清除保存期内的审计记录：保存期为 " + std::to_string(retention_days) +
                " 天，只能清除 " + keep_from + " 之前的记录（要求清除 " + before_date +
                " 之前的）。Audit records inside the retention period of " +
                std::to_string(retention_days) + " days cannot be purged: the date must be " +
                keep_from + " or earlier.",
            {{"field", "before"}});
        const auto detail = audit::detail({{"before", before_date},
                                           {"retention_days", retention_days},
                                           {"reason", refusal.what()}});
        audit.record_alone({actor, "audit.purge", "audit_event", "", Outcome::failure, detail});
        throw refusal;
    }
    const auto cutoff = format_timestamp(programme_clock::start_of_local_day(before_date));
    storage::Transaction transaction(database);
    transaction.serialize(storage::WriterTopic::audit_chain);
    auto& session = transaction.session();
    PurgeResult result;
    const auto last = storage::last_audit_event_before(session, cutoff);
    if (!last) {
        return result;
    }
    result.through_seq = last->seq;
    result.hash = last->hash;
    storage::AuditAnchorRow anchor{
        last->seq,   last->hash,      0,
        before_date, now_timestamp(), anchor_tag(key, last->seq, last->hash)};
    result.purged = storage::delete_audit_events_through(session, transaction.dialect(), last->seq);
    anchor.purged_count = result.purged;
    storage::insert_audit_anchor(session, anchor);
    const auto detail = audit::detail({{"before", before_date},
                                       {"retention_days", retention_days},
                                       {"purged", result.purged},
                                       {"through_seq", result.through_seq},
                                       {"through_hash", result.hash}});
    audit.record(transaction, {actor, "audit.purge", "audit_event",
                               std::to_string(result.through_seq), Outcome::success, detail});
    transaction.commit();
    return result;
}

}  // namespace lianjian::audit
