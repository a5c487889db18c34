#pragma once

#include "storage/dialect.hpp"

#include <soci/soci.h>

#include <deque>
#include <functional>
#include <exception>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace lianjian::storage {

class Query;

// Throws the typed error for a database error that is a broken constraint (unique, foreign key,
// check) — a write that lost a race with another writer, answered 409 — and rethrows any other.
// Call it inside a catch block.
[[noreturn]] void rethrow_typed(const std::exception& error);

// A one-off statement in SOCI's syntax (`session << "…", soci::use(x)`), run when the full
// expression ends, as SOCI's own; a broken constraint comes out as a typed conflict error, so
// the layers above never look at driver exceptions.
class OnceStatement {
  public:
    explicit OnceStatement(soci::details::once_temp_type statement)
        : statement_(std::move(statement)), exceptions_(std::uncaught_exceptions()) {}
    OnceStatement(const OnceStatement&) = delete;
    OnceStatement& operator=(const OnceStatement&) = delete;
    ~OnceStatement() noexcept(false);

    template <typename T>
    OnceStatement& operator,(const T& element) {
        *statement_, element;
        return *this;
    }

  private:
    std::optional<soci::details::once_temp_type> statement_;
    int exceptions_;
};

// One prepared statement of a pooled connection, with the storage its parameters are bound to
// and the row it reads into. `Session` keeps it and re-executes it with new values: SOCI binds
// by address, so new values are copied into the same places before each execution.
class PreparedStatement {
  public:
    explicit PreparedStatement(soci::session& session) : statement_(session) {}

    soci::statement& statement() { return statement_; }
    soci::row& row() { return row_; }
    std::size_t executions() const { return executions_; }

  private:
    friend class Session;
    soci::statement statement_;
    soci::row row_;
    std::deque<std::pair<std::string, std::string>> texts_;
    std::deque<std::pair<std::string, long long>> numbers_;
    std::size_t executions_ = 0;
    bool busy_ = false;
};

// A pooled connection as the repositories see it: the SOCI session, its dialect, and the
// statements prepared on it so far. A statement is prepared the first time its SQL text runs on
// this connection and re-executed afterwards, which is why SQL text never depends on the values
// (page sizes, id lists) but only on which optional filters are present.
//
// One Session per pooled connection, owned by `Database`; `Connection` and `Transaction` lease
// one for their lifetime, so it is used by one thread at a time.
class Session {
    soci::session& session_;

  public:
    Session(soci::session& session, Dialect dialect) : session_(session), dialect_(dialect) {}
    Session(const Session&) = delete;
    Session& operator=(const Session&) = delete;

    Dialect dialect() const { return dialect_; }
    soci::session& soci() { return session_; }

    // One-off statements in SOCI's own syntax (`session << "…", soci::use(x)`), and code that
    // still takes a soci::session.
    template <typename T>
    OnceStatement operator<<(const T& text) {
        return OnceStatement(session_ << text);
    }
    operator soci::session&() { return session_; }
    bool got_data() const { return session_.got_data(); }
    soci::details::prepare_type& prepare = session_.prepare;

    // Runs `query` through this connection's prepared statement for its SQL text, calling
    // `visit` for each row. Nested use of the same text (a visit that runs the same query)
    // falls back to a one-off statement.
    void run(const Query& query, const std::function<void(const soci::row&)>& visit);

    // The SQL text of an id-list condition: `column` is one of the ids bound as `parameter`
    // with `id_list(ids)`. The text is the same whatever the number of ids.
    std::string in_id_list(const std::string& column, const std::string& parameter) const;
    // The value to bind for `in_id_list`: a JSON array on SQLite, an array literal on
    // PostgreSQL.
    std::string id_list(const std::vector<long long>& ids) const;

    // How many statements this connection holds prepared, and how often `sql` has run.
    std::size_t prepared_count() const { return statements_.size(); }
    std::size_t executions_of(const std::string& sql) const;

  private:
    PreparedStatement* acquire(const Query& query);
    void release(PreparedStatement& statement, bool failed, const std::string& sql);

    Dialect dialect_;
    std::unordered_map<std::string, std::unique_ptr<PreparedStatement>> statements_;
};

}  // namespace lianjian::storage
