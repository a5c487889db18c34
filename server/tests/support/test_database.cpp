#include "support/test_database.hpp"

#include "storage/migrations.hpp"

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

// A database with every migration applied, made once per test process and copied for each test
// that asks for one: a SQLite file in its own folder, or a PostgreSQL template database. It holds
// only the schema and the migrations' own rows, nothing keyed by a data directory's secret.
class MigratedTemplate {
  public:
    static const MigratedTemplate& instance() {
        static const MigratedTemplate made;
        return made;
    }
    // SQLite: the migrated file. PostgreSQL: the template database's name.
    const std::string& source() const { return source_; }

    MigratedTemplate(const MigratedTemplate&) = delete;
    MigratedTemplate& operator=(const MigratedTemplate&) = delete;
    ~MigratedTemplate() {
        std::error_code ignored;
        if (!directory_.empty()) {
            std::filesystem::remove_all(directory_, ignored);
        }
    }

  private:
    MigratedTemplate() {
        std::string url;
        if (dialect_under_test() == storage::Dialect::sqlite) {
            directory_ =
                std::filesystem::temp_directory_path() / ("lianjian-template-" + random_suffix());
            std::filesystem::create_directories(directory_);
            source_ = (directory_ / "lianjian.db").string();
            url = "sqlite:" + source_;
        } else {
            // The cluster is thrown away after the run, and the template with it.
            source_ = "lianjian_template_" + random_suffix();
            run_on_maintenance_database("CREATE DATABASE " + source_);
            url = "postgresql:///" + source_;
        }
        storage::Database database(storage::DatabaseUrl::parse(url), 1);
        storage::migrate(database);
    }

    std::filesystem::path directory_;
    std::string source_;
};

}  // namespace

storage::Dialect dialect_under_test() {
    const char* name = std::getenv("LIANJIAN_TEST_DB");
    return name && std::string(name) == "postgresql" ? storage::Dialect::postgresql
                                                     : storage::Dialect::sqlite;
}

TestDatabase::TestDatabase(Contents contents) : dialect_(dialect_under_test()) {
    if (sodium_init() < 0) {
        throw std::runtime_error("sodium_init failed");
    }
    directory_ = std::filesystem::temp_directory_path() / ("lianjian-test-" + random_suffix());
    std::filesystem::create_directories(directory_);
    if (dialect_ == storage::Dialect::sqlite) {
        const auto file = directory_ / "lianjian.db";
        if (contents == Contents::migrated) {
            std::filesystem::copy_file(MigratedTemplate::instance().source(), file);
        }
        url_ = "sqlite:" + file.string();
    } else {
        postgres_name_ = "lianjian_test_" + random_suffix();
        run_on_maintenance_database("CREATE DATABASE " + postgres_name_ +
                                    (contents == Contents::migrated
                                         ? " TEMPLATE " + MigratedTemplate::instance().source()
                                         : std::string()));
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
