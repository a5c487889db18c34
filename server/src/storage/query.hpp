#pragma once

#include <soci/soci.h>

#include <deque>
#include <functional>
#include <string>

namespace lianjian::storage {

class Session;

// A SELECT assembled from optional parts (search filters), with its parameters kept alive
// until it has run. Text and parameters are always separate: values never enter the SQL, so the
// text depends only on which parts are present and one prepared statement serves every call.
class Query {
  public:
    template <typename T>
    struct Parameter {
        std::string name;
        T value;
    };

    explicit Query(std::string sql) : sql_(std::move(sql)) {}

    Query& append(const std::string& text) {
        sql_ += text;
        return *this;
    }
    Query& bind(const std::string& name, std::string value) {
        texts_.push_back({name, std::move(value)});
        return *this;
    }
    Query& bind(const std::string& name, long long value) {
        numbers_.push_back({name, value});
        return *this;
    }
    const std::string& sql() const { return sql_; }
    // The same parameters under other text: one filter serves its COUNT and its page query.
    Query with_sql(std::string sql) const {
        Query copy = *this;
        copy.sql_ = std::move(sql);
        return copy;
    }
    const std::deque<Parameter<std::string>>& texts() const { return texts_; }
    const std::deque<Parameter<long long>>& numbers() const { return numbers_; }

    // Runs a query whose first column of the single row is a count, through the session's
    // prepared statement for this text.
    long long scalar(Session& session) const;
    // Calls `visit` for each row, in order, through the session's prepared statement.
    void for_each_row(Session& session, const std::function<void(const soci::row&)>& visit) const;

    // Runs a statement that writes (an UPDATE or DELETE assembled from optional parts) and
    // returns the number of rows it changed.
    long long execute(Session& session) const;

    // The same on a bare SOCI session: prepared for this one call.
    long long scalar(soci::session& session) const;
    void for_each_row(soci::session& session,
                      const std::function<void(const soci::row&)>& visit) const;

  private:
    void bind_all(soci::statement& statement) const;

    std::string sql_;
    // Deques, so that the addresses SOCI holds stay valid as parameters are added.
    std::deque<Parameter<std::string>> texts_;
    std::deque<Parameter<long long>> numbers_;
};

}  // namespace lianjian::storage
