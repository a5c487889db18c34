#include "support/test_database.hpp"

#include <soci/postgresql/soci-postgresql.h>
#include <sodium.h>

#include <cstdlib>
#include <random>

namespace lianjian::testing {

namespace {

std::string random_suffix() {
    static std::mt19937_64 generator{std::random_device{}()};
    return std::to_string(generator() % 1000000000000ULL);
}

void run_on_maintenance_database(const std::string& sql) {
    soci::session session(*soci::factory_postgresql(), "dbname=postgres");
    session << sql;
}

}  // namespace

storage::Dialect dialect_under_test() {
    const char* name = std::getenv("LIANJIAN_TEST_DB");
    return name && std::string(name) == "postgresql" ? storage::Dialect::postgresql
                                                     : storage::Dialect::sqlite;
}

TestDatabase::TestDatabase() : dialect_(dialect_under_test()) {
    if (sodium_init() < 0) {
        throw std::runtime_error("sodium_init failed");
    }
    directory_ = std::filesystem::temp_directory_path() / ("lianjian-test-" + random_suffix());
    std::filesystem::create_directories(directory_);
    if (dialect_ == storage::Dialect::sqlite) {
        url_ = "sqlite:" + (directory_ / "lianjian.db").string();
    } else {
        postgres_name_ = "lianjian_test_" + random_suffix();
        run_on_maintenance_database("CREATE DATABASE " + postgres_name_);
        url_ = "postgresql:///" + postgres_name_;
    }
}

TestDatabase::~TestDatabase() {
    std::error_code ignored;
    std::filesystem::remove_all(directory_, ignored);
    if (!postgres_name_.empty()) {
        try {
            run_on_maintenance_database("DROP DATABASE IF EXISTS " + postgres_name_ +
                                        " WITH (FORCE)");
        } catch (...) {
            // The cluster itself is thrown away after the run.
        }
    }
}

std::unique_ptr<storage::Database> TestDatabase::open(std::size_t pool_size) const {
    return std::make_unique<storage::Database>(storage::DatabaseUrl::parse(url_), pool_size);
}

}  // namespace lianjian::testing
