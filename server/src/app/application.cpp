#include "app/application.hpp"

#include "api/health/health_routes.hpp"
#include "api/routes.hpp"
#include "app/maintenance.hpp"
#include "audit/detail.hpp"
#include "storage/migrations.hpp"
#include "storage/sort_key_repository.hpp"

#include <sodium.h>
#include <spdlog/spdlog.h>
#include <boost/asio/post.hpp>
#include <boost/json/serialize.hpp>
#include <map>

namespace lianjian::app {

std::string Config::effective_database_url() const {
    if (!database_url.empty()) {
        return database_url;
    }
    return "sqlite:" + (data_dir / "lianjian.db").string();
}

std::unique_ptr<storage::Database> open_database(const Config& config) {
    if (sodium_init() < 0) {
        throw std::runtime_error("libsodium could not be initialised");
    }
    std::filesystem::create_directories(config.data_dir);
    auto database = std::make_unique<storage::Database>(
        storage::DatabaseUrl::parse(config.effective_database_url()), config.database_pool);
    storage::migrate(*database);
    // Pinyin sort keys for names written before they existed (migration 0006).
    storage::fill_missing_name_sort_keys(*database);
    return database;
}

namespace {

// The audit object type of a refused request, from its route's first segment after /api/v1
// ("units" → "unit"): the names the services write, so that the audit page labels both alike.
std::string object_type_of_route(const std::string& segment) {
    static const std::map<std::string, std::string> types{
        {"activities", "activity"},
        {"alliances", "alliance"},
        {"applications", "application"},
        {"attachments", "attachment"},
        {"audit", "audit_event"},
        {"audit-events", "audit_event"},
        {"auth", "session"},
        {"campaigns", "campaign"},
        {"checklist-items", "checklist_item"},
        {"formation", "formation"},
        {"health", "system"},
        {"home", "home"},
        {"inbox", "notification"},
        {"ledger", "ledger"},
        {"members", "member"},
        {"notifications", "notification"},
        {"office-areas", "office_area"},
        {"phase-reports", "phase_report"},
        {"plans", "plan"},
        {"responsibility-sheets", "responsibility_sheet"},
        {"signin", "attendance"},
        {"strength-tags", "strength_tag"},
        {"todos", "todo"},
        {"units", "unit"},
        {"users", "user"},
    };
    const auto found = types.find(segment);
    return found == types.end() ? segment : found->second;
}

}  // namespace

Application::Application(const Config& config)
    : config_(config),
      database_(open_database(config)),
      services_(std::make_unique<Services>(*database_, config.account_policy,
                                           load_key(config.data_dir, *database_),
                                           config.data_dir / "audit.checkpoint", config.data_dir)) {
    services_->audit.ensure_checkpoint();
    // Attachment files whose row never committed (a crash between the two) and stale uploads.
    services_->attachments.store().prepare();
    try {
        const auto swept = services_->attachments.sweep(config.attachment_sweep_age);
        if (swept.orphans > 0 || swept.temporary > 0) {
            spdlog::info("attachment sweep: {} orphan files, {} stale uploads removed",
                         swept.orphans, swept.temporary);
        }
    } catch (const std::exception& error) {
        spdlog::warn("attachment sweep failed: {}", error.what());
    }
    api::add_all_routes(router_, *services_, config.secure_cookies);
    api::add_health_routes(router_, *database_, config.data_dir);
    std::optional<http::StaticFiles> static_files;
    if (config.static_dir) {
        static_files.emplace(*config.static_dir);
    }
    http::DispatcherSettings settings{config.secure_cookies, config.limits.body_limit,
                                      config.limits.upload_limit,
                                      services_->attachments.store().temporary_directory()};
    settings.trusted_proxies = config.trusted_proxies;
    dispatcher_ = std::make_unique<http::Dispatcher>(router_, services_->accounts,
                                                     std::move(static_files), settings);
    // Every refused act of a signed-in caller leaves a failure in the audit trail: who (the
    // actor), what (the route and its object) and why (the refusal's message).
    dispatcher_->set_refusal_recorder([&audit = services_->audit](
                                          const http::RequestContext& context,
                                          const http::Route& route, const std::string& reason) {
        const auto object_type =
            route.segments.size() > 2 ? object_type_of_route(route.segments[2]) : std::string();
        const auto object_id =
            context.path_parameters.empty() ? std::string() : context.path_parameters.front();
        audit.record_alone(
            {context.actor(), "access.refused", object_type, object_id, audit::Outcome::failure,
             audit::detail({{"http_method", std::string(http::beast_http::to_string(route.method))},
                            {"route", route.pattern},
                            {"reason", reason}})});
    });
    server_ = std::make_unique<http::Server>(*dispatcher_, config.limits);
}

Application::~Application() = default;

boost::asio::ip::tcp::endpoint Application::listen(const std::string& host, unsigned short port) {
    return server_->listen(host, port);
}

void Application::run(bool handle_signals) {
    if (config_.scheduler_interval.count() > 0) {
        scheduler_timer_ = std::make_unique<boost::asio::steady_timer>(server_->io_context());
        boost::asio::post(server_->io_context(), [this] { run_scheduler(); });
    }
    server_->run(handle_signals);
}

void Application::run_scheduler() {
    try {
        const auto run = services_->reminders.run_once();
        if (run.sent > 0 || run.skipped > 0) {
            spdlog::info("deadline reminders: {} sent, {} skipped", run.sent, run.skipped);
        }
    } catch (const std::exception& error) {
        // A failed run (the database away for a moment) is tried again at the next tick; what it
        // had claimed was rolled back with its to-dos.
        spdlog::warn("deadline reminders failed: {}", error.what());
    }
    scheduler_timer_->expires_after(config_.scheduler_interval);
    scheduler_timer_->async_wait([this](const boost::system::error_code& error) {
        if (!error) {
            run_scheduler();
        }
    });
}

void Application::stop() {
    server_->stop();
}

}  // namespace lianjian::app
