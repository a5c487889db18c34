#pragma once

#include "accounts/account_service.hpp"
#include "storage/migrations.hpp"
#include "support/test_database.hpp"

#include <gtest/gtest.h>

#include <memory>
#include <string>

namespace lianjian::testing {

// A clock the test moves by hand.
class FakeTime : public TimeSource {
  public:
    TimePoint now() const override { return now_; }
    void advance(std::chrono::seconds by) { now_ += by; }

  private:
    TimePoint now_ = Clock::now();
};

// AccountService over a fresh database and a fake clock, with one viewer account: for rules
// that need time to pass (lockout expiry, session timeouts) without sleeping.
class AccountsOverFakeClock : public ::testing::Test {
  protected:
    AccountsOverFakeClock(std::string username, std::string password)
        : username(std::move(username)), password(std::move(password)) {
        storage::migrate(*database);
        accounts::NewUser request;
        request.username = this->username;
        request.display_name = this->username;
        request.roles = {accounts::Role::viewer};
        request.password = this->password;
        request.must_change_password = false;
        accounts.create_user({std::nullopt, "system", ""}, request);
    }

    static accounts::AccountPolicy policy() {
        accounts::AccountPolicy policy;
        policy.hash_cost = accounts::HashCost::minimum;
        return policy;
    }

    const std::string username;
    const std::string password;
    TestDatabase test_database;
    std::unique_ptr<storage::Database> database = test_database.open();
    audit::AuditLog audit{*database};
    FakeTime time;
    accounts::AccountService accounts{*database, audit, policy(), time};
};

}  // namespace lianjian::testing
