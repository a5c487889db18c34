#pragma once

#include "storage/dialect.hpp"
#include "storage/session.hpp"

#include <soci/soci.h>

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace lianjian::storage {

// Where the data lives, parsed from `--db`: `sqlite:PATH` or `postgresql://…` (a libpq URI).
struct DatabaseUrl {
    Dialect dialect;
    std::string target;  // the file path for SQLite, the libpq connection string otherwise

    static DatabaseUrl parse(const std::string& url);
};

// A pool of connections to one database. Every repository reaches SQL through here; the same
// SQL text (SOCI's `:name` placeholders) runs on both dialects, and the few places that differ
// ask `dialect()`.
class Database {
  public:
    Database(const DatabaseUrl& url, std::size_t pool_size);
    ~Database();
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    Dialect dialect() const { return url_.dialect; }
    const DatabaseUrl& url() const { return url_; }
    soci::connection_pool& pool() { return *pool_; }
    // The session of pooled connection `position` (leased with `pool().lease()`).
    Session& session_at(std::size_t position) { return *sessions_.at(position); }

    // Runs a script of several statements through the driver's own multi-statement call.
    void execute_script(soci::session& session, const std::string& script);

  private:
    void configure(soci::session& session);

    DatabaseUrl url_;
    std::size_t pool_size_;
    std::unique_ptr<soci::connection_pool> pool_;
    std::vector<std::unique_ptr<Session>> sessions_;
};

// A pooled connection held for the lifetime of this object, given back when it ends.
class Lease {
  public:
    explicit Lease(Database& database)
        : database_(database), position_(database.pool().lease()) {}
    ~Lease() { database_.pool().give_back(position_); }
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    Session& session() { return database_.session_at(position_); }

  private:
    Database& database_;
    std::size_t position_;
};

// A connection leased from the pool for reads outside a transaction.
class Connection {
  public:
    explicit Connection(Database& database) : lease_(database) {}
    Session& session() { return lease_.session(); }

  private:
    Lease lease_;
};

// What a group of writers must not do at the same time. SQLite writers are serialised by
// BEGIN IMMEDIATE already; on PostgreSQL each topic is an advisory lock held to the end of the
// transaction, so that check-then-write rules ("a unit is in one alliance", "names are unique",
// "the audit chain has one head") hold between several app servers.
enum class WriterTopic : long long {
    migrations = 7301482001,
    audit_chain = 7301482002,
    registry = 7301482003,
    memberships = 7301482004,
};

// A write transaction. On SQLite it starts with BEGIN IMMEDIATE, so the write lock is taken at
// the start and two writers never deadlock upgrading a read lock; it is rolled back unless
// `commit()` is reached.
class Transaction {
  public:
    explicit Transaction(Database& database);
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;

    Session& session() { return lease_.session(); }
    Dialect dialect() const { return dialect_; }
    // Waits until no other transaction holds `topic`, then holds it until this one ends.
    void serialize(WriterTopic topic);
    void commit();
    // Runs `action` once the transaction has committed (never after a rollback), in the order
    // added; an action that throws is logged, the commit stands.
    void after_commit(std::function<void()> action);

  private:
    Lease lease_;
    Session& session_;
    Dialect dialect_;
    bool open_ = true;
    std::vector<std::function<void()>> after_commit_;
};

}  // namespace lianjian::storage
