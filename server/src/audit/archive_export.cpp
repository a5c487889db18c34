#include "audit/archive_export.hpp"

#include "audit/detail.hpp"
#include "core/clock.hpp"
#include "core/error.hpp"
#include "exports/audit_xlsx.hpp"
#include "storage/audit_repository.hpp"

#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include <chrono>

namespace lianjian::audit {

std::string export_archive(storage::Database& database, AuditLog& audit,
                           const crypto::ArchiveSigningKey& key, const std::string& from_date,
                           const std::string& to_date, const Actor& actor) {
    if (from_date > to_date) {
        throw field_error("to", "结束日期不能早于开始日期");
    }
    const auto from = format_timestamp(programme_clock::start_of_local_day(from_date));
    const auto to =
        format_timestamp(programme_clock::start_of_local_day(to_date) + std::chrono::hours(36));
    // The start of the day after `to_date`: 36 hours on is inside it whatever the zone's rules.
    const auto to_next = format_timestamp(programme_clock::start_of_local_day(
        programme_clock::local_date(parse_timestamp(to, "to"))));
    const auto verification = audit.verify();
    std::vector<AuditEvent> events;
    {
        storage::Connection connection(database);
        events = storage::audit_events_between(connection.session(), from, to_next);
    }
    ArchiveMeta meta{from_date, to_date, actor.username, verification.ok, verification.problem};
    auto parts = make_archive(events, exports::audit_xlsx(events), meta, key);
    auto bytes = pack_archive(parts);
    const auto detail = audit::detail({{"from", from_date},
                                       {"to", to_date},
                                       {"count", static_cast<long long>(events.size())},
                                       {"public_key", key.public_key_hex()}});
    audit.record_alone({actor, "audit.archive", "audit_event", "", Outcome::success, detail});
    return bytes;
}

std::string archive_filename(const std::string& from_date, const std::string& to_date) {
    return "审计归档_" + from_date + "_" + to_date + ".zip";
}

}  // namespace lianjian::audit
