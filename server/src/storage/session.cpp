#include "storage/session.hpp"

#include "core/error.hpp"
#include "storage/errors.hpp"
#include "storage/query.hpp"

#include <soci/sqlite3/soci-sqlite3.h>

#include <stdexcept>

namespace lianjian::storage {

namespace {

// Beyond this many distinct SQL texts on one connection, further texts run as one-off statements.
// The texts are a fixed set (one per query and combination of optional filters), far below it.
constexpr std::size_t max_prepared = 512;

// Ends the statement's use of the connection: a SQLite statement that stopped before its last
// row would otherwise keep its read snapshot (and block WAL checkpoints) until the next use.
void finish(soci::statement& statement, Dialect dialect) {
    if (dialect == Dialect::sqlite) {
        auto* backend = static_cast<soci::sqlite3_statement_backend*>(statement.get_backend());
        if (backend != nullptr && backend->stmt_ != nullptr) {
            sqlite_api::sqlite3_reset(backend->stmt_);
        }
    }
}

void visit_rows(soci::statement& statement, soci::row& row,
                const std::function<void(const soci::row&)>& visit) {
    if (!statement.execute(true)) {
        return;
    }
    do {
        visit(row);
    } while (statement.fetch());
}

}  // namespace

void rethrow_typed(const std::exception& error) {
    if (is_constraint_violation(error)) {
        throw AppError(ErrorCode::conflict, "数据已被他人同时修改，请刷新后重试");
    }
    throw;
}

// SOCI runs the statement when the last copy of its once_temp_type goes. optional::reset is
// noexcept, so the statement is run by the end of a local copy instead, where its error can be
// caught and typed.
OnceStatement::~OnceStatement() noexcept(false) {
    const bool unwinding = std::uncaught_exceptions() > exceptions_;
    try {
        const soci::details::once_temp_type last = *statement_;
        statement_.reset();  // one reference fewer; `last` runs the statement as it goes
    } catch (const std::exception& error) {
        if (unwinding) {
            return;  // nothing may throw while another exception is in flight
        }
        rethrow_typed(error);
    }
}

PreparedStatement* Session::acquire(const Query& query) {
    const auto found = statements_.find(query.sql());
    if (found != statements_.end()) {
        auto& prepared = *found->second;
        if (prepared.busy_) {
            return nullptr;
        }
        // The same text always carries the same parameters in the same order (Query appends
        // text and binds together); only their values change.
        if (prepared.texts_.size() != query.texts().size() ||
            prepared.numbers_.size() != query.numbers().size()) {
            throw std::logic_error("one SQL text bound with different parameters: " + query.sql());
        }
        for (std::size_t i = 0; i < query.texts().size(); ++i) {
            prepared.texts_[i].second = query.texts()[i].value;
        }
        for (std::size_t i = 0; i < query.numbers().size(); ++i) {
            prepared.numbers_[i].second = query.numbers()[i].value;
        }
        prepared.busy_ = true;
        return &prepared;
    }
    if (statements_.size() >= max_prepared) {
        return nullptr;
    }
    auto prepared = std::make_unique<PreparedStatement>(session_);
    for (const auto& parameter : query.texts()) {
        prepared->texts_.emplace_back(parameter.name, parameter.value);
    }
    for (const auto& parameter : query.numbers()) {
        prepared->numbers_.emplace_back(parameter.name, parameter.value);
    }
    auto& statement = prepared->statement_;
    statement.exchange(soci::into(prepared->row_));
    for (auto& [name, value] : prepared->texts_) {
        statement.exchange(soci::use(value, name));
    }
    for (auto& [name, value] : prepared->numbers_) {
        statement.exchange(soci::use(value, name));
    }
    statement.alloc();
    statement.prepare(query.sql());
    statement.define_and_bind();
    prepared->busy_ = true;
    return statements_.emplace(query.sql(), std::move(prepared)).first->second.get();
}

void Session::release(PreparedStatement& prepared, bool failed, const std::string& sql) {
    finish(prepared.statement_, dialect_);
    prepared.busy_ = false;
    // After a database error a SQLite statement is prepared anew. A PostgreSQL one stays: it can
    // run again, and deallocating it inside the failed transaction would itself fail.
    if (failed && dialect_ == Dialect::sqlite) {
        statements_.erase(sql);
    }
}

void Session::run(const Query& query, const std::function<void(const soci::row&)>& visit) {
    PreparedStatement* prepared = acquire(query);
    if (prepared == nullptr) {
        query.for_each_row(session_, visit);
        return;
    }
    try {
        visit_rows(prepared->statement_, prepared->row_, visit);
    } catch (const soci::soci_error& error) {
        release(*prepared, true, query.sql());
        rethrow_typed(error);
    } catch (...) {
        release(*prepared, false, query.sql());
        throw;
    }
    ++prepared->executions_;
    release(*prepared, false, query.sql());
}

std::string Session::in_id_list(const std::string& column, const std::string& parameter) const {
    if (dialect_ == Dialect::sqlite) {
        return column + " IN (SELECT value FROM json_each(:" + parameter + "))";
    }
    return column + " = ANY(CAST(:" + parameter + " AS bigint[]))";
}

std::string Session::id_list(const std::vector<long long>& ids) const {
    std::string text = dialect_ == Dialect::sqlite ? "[" : "{";
    for (std::size_t i = 0; i < ids.size(); ++i) {
        if (i > 0) {
            text += ',';
        }
        text += std::to_string(ids[i]);
    }
    return text + (dialect_ == Dialect::sqlite ? "]" : "}");
}

std::size_t Session::executions_of(const std::string& sql) const {
    const auto found = statements_.find(sql);
    return found == statements_.end() ? 0 : found->second->executions_;
}

}  // namespace lianjian::storage
