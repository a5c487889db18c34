#include "storage/query.hpp"

#include "storage/row.hpp"
#include "storage/session.hpp"

#include <optional>

namespace lianjian::storage {

void Query::bind_all(soci::statement& statement) const {
    for (const auto& parameter : texts_) {
        statement.exchange(soci::use(parameter.value, parameter.name));
    }
    for (const auto& parameter : numbers_) {
        statement.exchange(soci::use(parameter.value, parameter.name));
    }
}

long long Query::scalar(Session& session) const {
    std::optional<long long> value;
    session.run(*this, [&](const soci::row& row) {
        if (!value) {
            value = integer_at(row, 0);
        }
    });
    return value.value_or(0);
}

void Query::for_each_row(Session& session,
                         const std::function<void(const soci::row&)>& visit) const {
    session.run(*this, visit);
}

long long Query::execute(Session& session) const {
    soci::statement statement(session.soci());
    bind_all(statement);
    statement.alloc();
    statement.prepare(sql_);
    statement.define_and_bind();
    statement.execute(true);
    return statement.get_affected_rows();
}

long long Query::scalar(soci::session& session) const {
    long long value = 0;
    soci::statement statement(session);
    statement.exchange(soci::into(value));
    bind_all(statement);
    statement.alloc();
    statement.prepare(sql_);
    statement.define_and_bind();
    statement.execute(true);
    return value;
}

void Query::for_each_row(soci::session& session,
                         const std::function<void(const soci::row&)>& visit) const {
    soci::row row;
    soci::statement statement(session);
    statement.exchange(soci::into(row));
    bind_all(statement);
    statement.alloc();
    statement.prepare(sql_);
    statement.define_and_bind();
    if (!statement.execute(true)) {
        return;
    }
    do {
        visit(row);
    } while (statement.fetch());
}

}  // namespace lianjian::storage
