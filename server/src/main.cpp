// The `lianjian` command: parses the command line and starts what it names. Nothing else.
#include "app/account_options.hpp"
#include "app/application.hpp"
#include "app/configuration_audit.hpp"
#include "app/maintenance.hpp"
#include "audit/archive.hpp"
#include "audit/retention.hpp"
#include "core/clock.hpp"
#include "core/error.hpp"
#include "crypto/archive_signing.hpp"
#include "demo/activity_demo.hpp"
#include "demo/city_data.hpp"
#include "demo/demo_data.hpp"
#include "storage/migrations.hpp"
#include "storage/user_repository.hpp"

#include <spdlog/spdlog.h>
#include <CLI/CLI.hpp>

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <iterator>

using namespace lianjian;

namespace {

struct ListenAddress {
    std::string host;
    unsigned short port;
};

ListenAddress parse_listen(const std::string& text) {
    const auto colon = text.rfind(':');
    if (colon == std::string::npos) {
        throw CLI::ValidationError("--listen", "expected HOST:PORT");
    }
    std::string host = text.substr(0, colon);
    if (host.starts_with('[') && host.ends_with(']')) {
        host = host.substr(1, host.size() - 2);
    }
    return {host, static_cast<unsigned short>(std::stoi(text.substr(colon + 1)))};
}

void print_demo(const demo::DemoLoad& load) {
    if (load.registry_created) {
        std::cout << "演示数据已载入：3 个办公区、14 个单位、3 个联盟。\n";
    }
    if (!load.accounts_created.empty()) {
        std::cout << "演示账号：";
        for (const auto& account : load.accounts_created) {
            std::cout << account.username << ' ';
        }
        std::cout << '\n';
        if (load.generated_password) {
            std::cout << "演示账号的初始密码（只显示这一次，首次登录须修改）："
                      << *load.generated_password << '\n';
        }
    }
    std::cout.flush();
}

audit::Actor cli_actor() {
    const char* user = std::getenv("USER");
    return {std::nullopt, std::string("cli:") + (user ? user : "root"), "local"};
}

accounts::User user_by_name(app::Services& services, const std::string& username) {
    storage::Connection connection(services.database);
    auto user = storage::find_user_by_username(connection.session(), username);
    if (!user) {
        throw std::runtime_error("no such user: " + username);
    }
    return *user;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App cli{"联建 Lianjian — 机关党建联盟管理平台"};
    cli.set_version_flag("--version", std::string("lianjian ") + LIANJIAN_VERSION);
    cli.require_subcommand(1);

    // Every option below can also be set in a configuration file (TOML/INI: global options at
    // the top, `serve` options under `[serve]`): `--config FILE`, else LIANJIAN_CONFIG, else
    // /etc/lianjian/lianjian.conf when it exists (the Debian package installs it). The command
    // line wins over the file, and the file over LIANJIAN_* variables (CLI11's order).
    const char* config_env = std::getenv("LIANJIAN_CONFIG");
    cli.set_config("--config",
                   config_env && *config_env ? config_env : "/etc/lianjian/lianjian.conf",
                   "configuration file (LIANJIAN_CONFIG; default /etc/lianjian/lianjian.conf "
                   "when it exists)");

    app::Config config;
    std::string data_dir = "data";
    cli.add_option("--db", config.database_url,
                   "sqlite:PATH or postgresql://… (default sqlite:<data-dir>/lianjian.db)")
        ->envname("LIANJIAN_DB");
    cli.add_option("--data-dir", data_dir, "directory for the database and attachments")
        ->envname("LIANJIAN_DATA_DIR");
    // `--db` and `--data-dir` are accepted before and after any subcommand's name: every
    // subcommand (and `user add` below `user`) inherits fallthrough, so an option it does not know
    // itself goes up to the parent that does.
    cli.fallthrough();
    int audit_retention_days = audit::minimum_retention_days;
    cli.add_option("--audit-retention-days", audit_retention_days,
                   "days audit records are kept (at least 180; `audit purge` refuses dates "
                   "inside them)")
        ->envname("LIANJIAN_AUDIT_RETENTION_DAYS");

    auto* serve = cli.add_subcommand("serve", "run the HTTP server");
    std::string listen = "127.0.0.1:8080";
    std::string static_dir;
    bool serve_demo = false;
    unsigned idle_minutes = 30, absolute_hours = 12, lockout_minutes = 15;
    serve->add_option("--listen", listen, "HOST:PORT")->envname("LIANJIAN_LISTEN");
    serve->add_option("--static", static_dir, "directory of the web build (web/dist)")
        ->envname("LIANJIAN_STATIC");
    serve->add_flag("--demo", serve_demo, "load the demo data once (idempotent)");
    serve->add_option("--threads", config.limits.threads, "I/O threads")->check(CLI::Range(1, 64));
    serve->add_option("--body-limit", config.limits.body_limit, "request body limit in bytes");
    std::size_t upload_limit_mb = 20;
    serve
        ->add_option("--upload-limit-mb", upload_limit_mb,
                     "attachment upload limit in MiB (streamed to <data-dir>/tmp)")
        ->check(CLI::Range(1, 1024))
        ->envname("LIANJIAN_UPLOAD_LIMIT_MB");
    serve->add_option("--header-limit", config.limits.header_limit,
                      "request header limit in bytes");
    serve->add_option("--max-requests-per-connection", config.limits.max_requests_per_connection);
    serve->add_option("--max-connections", config.limits.max_connections,
                      "connections open at once (0: the open-files limit less a reserve)");
    serve->add_option("--descriptor-reserve", config.limits.descriptor_reserve,
                      "file descriptors kept for database and attachment files");
    serve
        ->add_flag("--secure-cookies", config.secure_cookies,
                   "mark the session cookie Secure (behind HTTPS)")
        ->envname("LIANJIAN_SECURE_COOKIES");
    std::vector<std::string> trusted_proxies;
    serve->add_option("--trusted-proxy", trusted_proxies,
                      "a reverse proxy (address or CIDR network, IPv4 or IPv6; repeatable) whose "
                      "X-Forwarded-For and X-Forwarded-Proto are believed");
    serve->add_option("--session-idle-minutes", idle_minutes);
    serve->add_option("--session-absolute-hours", absolute_hours);
    serve->add_option("--lockout-minutes", lockout_minutes);
    // Second factor, password and session policy (issue 14; README "Configuration").
    app::AccountPolicyOptions policy_options;
    serve
        ->add_option("--totp-required-roles", policy_options.totp_required_roles,
                     "roles that must sign in with TOTP (comma-separated, or none)")
        ->delimiter(',');
    serve->add_option("--role-idle-minutes", policy_options.role_idle_minutes,
                      "ROLE=MINUTES idle timeout of a role (repeatable)");
    serve->add_option("--password-max-age-days", policy_options.password_max_age_days,
                      "passwords expire after this many days (0: never)");
    serve->add_option("--password-warning-days", policy_options.password_warning_days);
    serve->add_option("--password-history", policy_options.password_history,
                      "a new password may not be one of the last N");
    serve->add_option("--max-sessions", policy_options.max_sessions,
                      "open sessions per account; the oldest ends first (0: no cap)");
    serve->add_option("--db-pool", config.database_pool, "database connections")
        ->check(CLI::Range(1, 256));
    unsigned scheduler_seconds = 300;
    serve
        ->add_option("--scheduler-interval-seconds", scheduler_seconds,
                     "how often deadline reminders are checked (once at start, then every N "
                     "seconds; 0 disables)")
        ->envname("LIANJIAN_SCHEDULER_INTERVAL_SECONDS");
    std::string time_zone(programme_clock::default_time_zone);
    serve
        ->add_option("--time-zone", time_zone,
                     "the deployment's time zone (IANA name): local dates, today, the year")
        ->envname("LIANJIAN_TIME_ZONE");

    auto* migrate = cli.add_subcommand("migrate", "apply pending schema migrations");
    auto* demo_command = cli.add_subcommand("demo", "load the demo data and exit");
    std::string demo_scale = "first_batch";
    demo_command
        ->add_option("--scale", demo_scale,
                     "first_batch (3 alliances), or city: also 2,000 units, 400 alliances and "
                     "100,000 members for load tests")
        ->check(CLI::IsMember({"first_batch", "city"}));

    auto* user = cli.add_subcommand("user", "manage accounts");
    user->require_subcommand(1);
    std::string username, display_name, password;
    std::vector<std::string> roles;
    long long unit_id = 0;
    auto* user_add = user->add_subcommand("add", "create an account");
    user_add->add_option("username", username)->required();
    user_add->add_option("--display-name", display_name)->required();
    user_add->add_option("--role", roles, "a role (repeatable)")->required();
    user_add->add_option("--unit-id", unit_id);
    user_add->add_option("--password", password,
                         "omit to generate one (must be changed at first login)");
    auto* user_passwd =
        user->add_subcommand("passwd", "reset a password (generated, must be changed)");
    user_passwd->add_option("username", username)->required();
    auto* user_lock = user->add_subcommand("lock", "lock an account");
    user_lock->add_option("username", username)->required();
    auto* user_unlock = user->add_subcommand("unlock", "unlock an account");
    user_unlock->add_option("username", username)->required();

    auto* audit_command = cli.add_subcommand("audit", "the audit trail");
    audit_command->require_subcommand(1);
    auto* audit_verify = audit_command->add_subcommand(
        "verify", "check the hash chain, or with --archive a signed archive offline");
    std::string archive_path, archive_public_key;
    audit_verify->add_option("--archive", archive_path,
                             "a signed audit archive (.zip) to verify offline, without the "
                             "database or any secret");
    audit_verify->add_option("--public-key", archive_public_key,
                             "the archive must be signed with this Ed25519 public key (hex, as "
                             "`lianjian audit public-key` prints it)");
    std::string purge_before;
    auto* audit_purge = audit_command->add_subcommand(
        "purge", "remove audit records older than the retention period (runs as the owner)");
    audit_purge->add_option("--before", purge_before, "local date YYYY-MM-DD: records before it")
        ->required();
    auto* audit_public_key = audit_command->add_subcommand(
        "public-key", "print the Ed25519 public key that signs audit archives");

    auto* ledger_command = cli.add_subcommand("ledger", "the activity ledger (台账)");
    ledger_command->require_subcommand(1);
    auto* ledger_verify = ledger_command->add_subcommand(
        "verify", "check every alliance's ledger chain and the archived attachments' files");

    std::string backup_to, restore_from;
    auto* backup = cli.add_subcommand("backup", "online backup of the SQLite database");
    backup->add_option("--to", backup_to)->required();
    auto* restore = cli.add_subcommand(
        "restore", "restore the SQLite database (refused while a server uses it)");
    restore->add_option("--from", restore_from)->required();

    auto* attachments_command = cli.add_subcommand("attachments", "attachment files");
    attachments_command->require_subcommand(1);
    auto* attachments_sweep = attachments_command->add_subcommand(
        "sweep", "remove attachment files without a row and stale uploads (older than an hour)");
    unsigned sweep_minutes = 60;
    attachments_sweep->add_option("--older-than-minutes", sweep_minutes,
                                  "only files older than this");

    CLI11_PARSE(cli, argc, argv);
    config.data_dir = data_dir;
    config.limits.upload_limit = upload_limit_mb * 1024 * 1024;
    if (!static_dir.empty()) {
        config.static_dir = static_dir;
    }
    config.scheduler_interval = std::chrono::seconds(scheduler_seconds);
    config.account_policy.session_idle = std::chrono::minutes(idle_minutes);
    config.account_policy.session_absolute = std::chrono::hours(absolute_hours);
    config.account_policy.lockout = std::chrono::minutes(lockout_minutes);
    try {
        app::apply_account_policy_options(policy_options, config.account_policy);
    } catch (const std::invalid_argument& error) {
        std::cerr << "lianjian serve: " << error.what() << '\n';
        return 2;
    }
    const char* demo_password_env = std::getenv("LIANJIAN_DEMO_PASSWORD");
    const std::optional<std::string> demo_password =
        demo_password_env && *demo_password_env ? std::optional<std::string>(demo_password_env)
                                                : std::nullopt;

    try {
        programme_clock::set_time_zone(time_zone);
        audit::check_retention_days(audit_retention_days);
        config.trusted_proxies = http::TrustedProxies::parse(trusted_proxies);
        if (*audit_verify && !archive_path.empty()) {
            // Offline: neither the database nor the key is opened.
            std::ifstream file(archive_path, std::ios::binary);
            if (!file) {
                throw std::runtime_error("cannot read " + archive_path);
            }
            const std::string bytes{std::istreambuf_iterator<char>(file),
                                    std::istreambuf_iterator<char>()};
            const auto check = audit::verify_archive(
                bytes, archive_public_key.empty() ? std::nullopt
                                                  : std::optional<std::string>(archive_public_key));
            if (!check.ok) {
                std::cout << "audit archive REFUSED: " << check.problem << '\n';
                return 1;
            }
            std::cout << "audit archive verified: " << check.count << " records (";
            if (check.count > 0) {
                std::cout << "#" << check.first_seq << " to #" << check.last_seq << ", ";
            }
            std::cout << check.from_date << " to " << check.to_date << "), signed by Ed25519 key "
                      << check.public_key << '\n';
            if (!check.chain_verified) {
                std::cout << "warning: the server's chain did not verify when the archive was "
                             "made (see proof.json chain_problem)\n";
            }
            if (archive_public_key.empty()) {
                std::cout << "compare the key with `lianjian audit public-key` on the server, or "
                             "pass it with --public-key\n";
            }
            return 0;
        }
        if (*restore) {
            const auto url = storage::DatabaseUrl::parse(config.effective_database_url());
            const auto aside = app::restore_database(url, restore_from);
            std::cout << "restored " << config.effective_database_url() << " from " << restore_from
                      << '\n';
            const auto files = app::restore_attachments(restore_from, config.data_dir);
            if (files > 0) {
                std::cout << "restored " << files << " attachment files\n";
            }
            if (aside) {
                std::cout << "the previous database is kept as " << aside->string() << '\n';
            }
            // The restored chain is checked with the key, and the checkpoint starts from it.
            const app::DatabaseLock lock(url);
            auto database = app::open_database(config);
            const auto key = app::load_key(config.data_dir, *database);
            audit::AuditLog(*database, crypto::audit_chain_key(key),
                            config.data_dir / "audit.checkpoint")
                .anchor_checkpoint();
            return 0;
        }
        // Only one server per SQLite file: the lock is held until the process ends.
        std::optional<app::DatabaseLock> serve_lock;
        if (*serve) {
            serve_lock.emplace(storage::DatabaseUrl::parse(config.effective_database_url()));
        }
        if (*migrate) {
            auto database = app::open_database(config);
            app::load_key(config.data_dir, *database);
            std::cout << "schema version " << storage::schema_version(*database) << '\n';
            return 0;
        }
        if (*attachments_sweep) {
            auto database = app::open_database(config);
            const auto key = app::load_key(config.data_dir, *database);
            audit::AuditLog audit(*database, crypto::audit_chain_key(key));
            attachments::AttachmentService service(*database, audit,
                                                   attachments::AttachmentStore(config.data_dir));
            const auto swept = service.sweep(std::chrono::minutes(sweep_minutes));
            std::cout << "removed " << swept.orphans << " attachment files without a row and "
                      << swept.temporary << " stale uploads\n";
            return 0;
        }
        if (*backup) {
            auto database = app::open_database(config);
            app::load_key(config.data_dir, *database);
            app::backup_database(*database, backup_to);
            const auto files = app::backup_attachments(config.data_dir, backup_to);
            std::cout << "backup written to " << backup_to << '\n';
            std::cout << files << " attachment files copied to "
                      << app::attachments_backup_of(backup_to).string() << '\n';
            return 0;
        }
        app::Application application(config);
        auto& services = application.services();
        if (*demo_command || (*serve && serve_demo)) {
            print_demo(demo::load_demo(services, demo_password));
            demo::load_activity_demo(services);
        }
        if (*demo_command && demo_scale == "city") {
            const auto city = demo::load_city(services);
            if (city.created) {
                std::cout << "城市规模演示数据已载入：" << city.office_areas << " 个办公区、"
                          << city.units << " 个单位、" << city.alliances << " 个联盟、"
                          << city.members << " 名党员。\n";
            } else {
                std::cout << "城市规模演示数据已存在，未重复载入。\n";
            }
        }
        if (*serve) {
            // The configuration in effect is audited like a data change, when it differs.
            app::record_configuration(services.database, services.audit,
                                      app::effective_configuration(config, audit_retention_days));
            const auto address = parse_listen(listen);
            const auto endpoint = application.listen(address.host, address.port);
            spdlog::info("lianjian listening on http://{}:{}", endpoint.address().to_string(),
                         endpoint.port());
            application.run(true);
            spdlog::info("lianjian stopped");
        } else if (*user_add) {
            accounts::NewUser request{username, display_name, {}, std::nullopt, std::nullopt, true};
            for (const auto& name : roles) {
                auto role = accounts::parse_role(name);
                if (!role) {
                    throw std::runtime_error("unknown role: " + name);
                }
                request.roles.push_back(*role);
            }
            if (unit_id > 0)
                request.unit_id = unit_id;
            if (!password.empty())
                request.password = password;
            auto created = services.accounts.create_user(cli_actor(), request);
            std::cout << "created " << created.user.username << " (id " << created.user.id << ")\n";
            if (created.generated_password) {
                std::cout << "password: " << *created.generated_password
                          << " (must be changed at first login)\n";
            }
        } else if (*user_passwd) {
            const auto target = user_by_name(services, username);
            std::cout << "password: " << services.accounts.reset_password(cli_actor(), target.id)
                      << " (must be changed at first login)\n";
        } else if (*user_lock || *user_unlock) {
            const auto target = user_by_name(services, username);
            services.accounts.change_account(
                cli_actor(), target.id,
                *user_lock ? accounts::AccountChange::lock : accounts::AccountChange::unlock);
            std::cout << (*user_lock ? "locked " : "unlocked ") << username << '\n';
        } else if (*audit_purge) {
            const auto key = app::load_key(config.data_dir, services.database);
            const auto result =
                audit::purge_before(services.database, services.audit, crypto::audit_chain_key(key),
                                    purge_before, audit_retention_days, cli_actor());
            if (result.purged == 0) {
                std::cout << "no audit records before " << purge_before << '\n';
            } else {
                std::cout << "purged " << result.purged << " audit records before " << purge_before
                          << "; the chain now starts after record " << result.through_seq << '\n';
            }
        } else if (*audit_public_key) {
            const auto key = app::load_key(config.data_dir, services.database);
            std::cout << crypto::archive_signing_key(key).public_key_hex() << '\n';
        } else if (*audit_verify) {
            const auto result = services.audit.verify();
            if (result.ok) {
                std::cout << "audit chain intact: " << result.checked << " records\n";
                return 0;
            }
            if (result.first_broken_id) {
                std::cout << "audit chain BROKEN at record " << *result.first_broken_id
                          << " (after " << result.checked << " intact records)\n";
            } else if (result.missing > 0) {
                std::cout << "audit chain BROKEN: " << result.missing
                          << " records missing at the end (" << result.checked
                          << " intact records)\n";
            } else {
                std::cout << "audit chain BROKEN: the checkpoint is missing or altered\n";
            }
            std::cout << result.problem << '\n';
            return 1;
        } else if (*ledger_verify) {
            const auto verification = services.ledger.verify();
            for (const auto& chain : verification.alliances) {
                if (!chain.check.broken) {
                    std::cout << chain.alliance.name << " (alliance " << chain.alliance.id
                              << "): " << chain.check.entries << " entries intact\n";
                    continue;
                }
                const auto& broken = *chain.check.broken;
                std::cout << "ledger chain BROKEN: " << chain.alliance.name << " (alliance "
                          << chain.alliance.id << ") at sequence " << broken.sequence
                          << ", activity " << broken.activity_id << " 《" << broken.activity_title
                          << "》: " << enum_label(broken.reason) << " (" << enum_code(broken.reason)
                          << (broken.detail.empty() ? "" : ", " + broken.detail) << ")\n";
            }
            if (verification.intact) {
                std::cout << "ledger chains intact\n";
                return 0;
            }
            return 1;
        }
    } catch (const AppError& error) {
        std::cerr << "error: " << error.what() << '\n';
        return 2;
    } catch (const std::exception& error) {
        std::cerr << "error: " << error.what() << '\n';
        return 1;
    }
    return 0;
}
