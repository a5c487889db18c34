#include "app/application.hpp"

#include "api/routes.hpp"
#include "app/maintenance.hpp"
#include "storage/migrations.hpp"

#include <sodium.h>

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
    return database;
}

Application::Application(const Config& config)
    : config_(config),
      database_(open_database(config)),
      services_(std::make_unique<Services>(*database_, config.account_policy,
                                           load_key(config.data_dir, *database_),
                                           config.data_dir / "audit.checkpoint")) {
    services_->audit.ensure_checkpoint();
    api::add_all_routes(router_, *services_, config.secure_cookies);
    std::optional<http::StaticFiles> static_files;
    if (config.static_dir) {
        static_files.emplace(*config.static_dir);
    }
    dispatcher_ = std::make_unique<http::Dispatcher>(
        router_, services_->accounts, std::move(static_files),
        http::DispatcherSettings{config.secure_cookies, config.limits.body_limit});
    server_ = std::make_unique<http::Server>(*dispatcher_, config.limits);
}

Application::~Application() = default;

boost::asio::ip::tcp::endpoint Application::listen(const std::string& host, unsigned short port) {
    return server_->listen(host, port);
}

void Application::run(bool handle_signals) {
    server_->run(handle_signals);
}

void Application::stop() {
    server_->stop();
}

}  // namespace lianjian::app
