#pragma once

#include "storage/database.hpp"

#include <filesystem>
#include <memory>
#include <string>

namespace lianjian::testing {

// A fresh, empty database for one test, on the dialect named by LIANJIAN_TEST_DB ("sqlite", the
// default, or "postgresql" inside pg_virtualenv). Removed again when the test ends.
class TestDatabase {
  public:
    // What the database holds when the test starts.
    enum class Contents {
        empty,     // nothing: the test applies the migrations itself (or tests them)
        migrated,  // every migration applied, copied from a per-process template (fast on
                   // PostgreSQL, where migrating takes about a second under the sanitizers)
    };
    explicit TestDatabase(Contents contents = Contents::empty);
    ~TestDatabase();

    const std::string& url() const { return url_; }
    storage::Dialect dialect() const { return dialect_; }
    // For SQLite: the database file (to scan it raw, to corrupt it).
    const std::filesystem::path& directory() const { return directory_; }
    std::unique_ptr<storage::Database> open(std::size_t pool_size = 4) const;

  private:
    storage::Dialect dialect_;
    std::string url_;
    std::string postgres_name_;
    std::filesystem::path directory_;
};

// The dialect under test, for test names and dialect-specific expectations.
storage::Dialect dialect_under_test();

}  // namespace lianjian::testing
