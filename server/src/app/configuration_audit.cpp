#include "app/configuration_audit.hpp"

#include "audit/detail.hpp"
#include "core/clock.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

namespace lianjian::app {

namespace {

// The database URL without a password or user ("postgresql://user:secret@host/db" → host/db).
std::string database_without_credentials(const std::string& url) {
    const auto scheme = url.find("://");
    const auto at = url.rfind('@');
    if (scheme == std::string::npos || at == std::string::npos || at < scheme) {
        return url;
    }
    return url.substr(0, scheme + 3) + url.substr(at + 1);
}

long long seconds(std::chrono::seconds duration) {
    return static_cast<long long>(duration.count());
}

}  // namespace

boost::json::object effective_configuration(const Config& config, int audit_retention_days) {
    return {
        {"database", database_without_credentials(config.effective_database_url())},
        {"data_dir", config.data_dir.string()},
        {"static_dir", config.static_dir ? config.static_dir->string() : std::string()},
        {"database_pool", config.database_pool},
        {"secure_cookies", config.secure_cookies},
        {"body_limit", config.limits.body_limit},
        {"upload_limit", config.limits.upload_limit},
        {"header_limit", config.limits.header_limit},
        {"threads", config.limits.threads},
        {"max_requests_per_connection", config.limits.max_requests_per_connection},
        {"max_connections", config.limits.max_connections},
        {"max_failed_attempts", config.account_policy.max_failed_attempts},
        {"lockout_seconds", seconds(config.account_policy.lockout)},
        {"session_idle_seconds", seconds(config.account_policy.session_idle)},
        {"session_absolute_seconds", seconds(config.account_policy.session_absolute)},
        {"scheduler_interval_seconds", seconds(config.scheduler_interval)},
        {"attachment_sweep_age_seconds", seconds(config.attachment_sweep_age)},
        {"audit_retention_days", audit_retention_days},
        {"time_zone", programme_clock::time_zone()},
    };
}

bool record_configuration(storage::Database& database, audit::AuditLog& audit,
                          const boost::json::object& current) {
    audit::AuditFilter filter;
    filter.action = "system.config";
    filter.page_size = 1;
    boost::json::object previous;
    for (const auto& event : audit.list(filter).items) {
        try {
            const auto detail = boost::json::parse(event.detail);
            if (const auto* configuration = detail.as_object().if_contains("configuration");
                configuration && configuration->is_object()) {
                previous = configuration->as_object();
            }
        } catch (const std::exception&) {
            // An unreadable earlier record counts as no earlier configuration.
        }
    }
    boost::json::array changes;
    for (const auto& [field, value] : current) {
        const auto* before = previous.if_contains(field);
        if (before == nullptr || *before != value) {
            changes.push_back({{"field", field},
                               {"old", before ? *before : boost::json::value(nullptr)},
                               {"new", value}});
        }
    }
    for (const auto& [field, value] : previous) {
        if (!current.contains(field)) {
            changes.push_back({{"field", field}, {"old", value}, {"new", nullptr}});
        }
    }
    if (changes.empty()) {
        return false;
    }
    storage::Transaction transaction(database);
    // Filled field by field: GCC 12 at -O2 warns (maybe-uninitialized) on the braced temporary.
    audit::AuditEntry entry;
    entry.actor.username = "system";
    entry.actor.source_ip = "local";
    entry.action = "system.config";
    entry.object_type = "system";
    entry.outcome = audit::Outcome::success;
    entry.detail = audit::detail({{"configuration", current}, {"changes", changes}});
    audit.record(transaction, entry);
    transaction.commit();
    return true;
}

}  // namespace lianjian::app
