#pragma once

#include "accounts/account_service.hpp"
#include "alliances/alliance.hpp"
#include "audit/audit_log.hpp"
#include "crypto/field_cipher.hpp"
#include "registry/registry.hpp"
#include "storage/database.hpp"

namespace lianjian::app {

// The application services, built once over one database and shared by every request.
struct Services {
    Services(storage::Database& database, accounts::AccountPolicy policy, const crypto::Key& key)
        : database(database),
          cipher(key),
          audit(database),
          accounts(database, audit, policy),
          registry(database),
          alliances(database) {}

    storage::Database& database;
    crypto::FieldCipher cipher;
    audit::AuditLog audit;
    accounts::AccountService accounts;
    registry::RegistryService registry;
    alliances::AllianceService alliances;
};

}  // namespace lianjian::app
