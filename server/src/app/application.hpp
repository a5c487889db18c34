#pragma once

#include "app/services.hpp"
#include "http/dispatcher.hpp"
#include "http/router.hpp"
#include "http/server.hpp"

#include <filesystem>
#include <memory>
#include <optional>
#include <string>

namespace lianjian::app {

struct Config {
    std::string database_url;  // "sqlite:PATH" or "postgresql://…"
    std::filesystem::path data_dir = "data";
    std::optional<std::filesystem::path> static_dir;
    std::size_t database_pool = 8;
    bool secure_cookies = false;
    // Reverse proxies whose forwarding headers are believed (`serve --trusted-proxy`).
    http::TrustedProxies trusted_proxies;
    http::ServerLimits limits;
    accounts::AccountPolicy account_policy;
    // How often the deadline-reminder scheduler runs while serving (once at start, then every
    // interval); 0 disables it. `lianjian serve` defaults to 300 s.
    std::chrono::seconds scheduler_interval{0};
    // At start, attachment files without a row and temporary upload files older than this are
    // removed (`lianjian attachments sweep` does the same on demand).
    std::chrono::seconds attachment_sweep_age{3600};

    // The database URL, defaulting to the SQLite file in the data directory.
    std::string effective_database_url() const;
};

// Everything a running server is made of, wired once: database (migrated), services, routes,
// dispatcher. The command line, the tests and the benchmarks all start it the same way.
class Application {
  public:
    explicit Application(const Config& config);
    ~Application();

    Services& services() { return *services_; }
    http::Router& router() { return router_; }
    http::Dispatcher& dispatcher() { return *dispatcher_; }
    storage::Database& database() { return *database_; }

    // Binds, then serves until stopped.
    boost::asio::ip::tcp::endpoint listen(const std::string& host, unsigned short port);
    void run(bool handle_signals);
    void stop();

  private:
    // Runs the reminder scheduler now and again after the configured interval.
    void run_scheduler();

    Config config_;
    std::unique_ptr<storage::Database> database_;
    std::unique_ptr<Services> services_;
    http::Router router_;
    std::unique_ptr<http::Dispatcher> dispatcher_;
    std::unique_ptr<http::Server> server_;
    std::unique_ptr<boost::asio::steady_timer> scheduler_timer_;
};

// Opens the database named by the config and applies pending migrations.
std::unique_ptr<storage::Database> open_database(const Config& config);

}  // namespace lianjian::app
