#pragma once

#include "accounts/account_service.hpp"
#include "alliances/alliance.hpp"
#include "applications/application.hpp"
#include "audit/audit_log.hpp"
#include "crypto/field_cipher.hpp"
#include "inbox/inbox.hpp"
#include "members/member_service.hpp"
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
          registry(database, audit, cipher),
          alliances(database, audit),
          applications(database, audit, alliances, notifier),
          inbox(database),
          members(database, audit, cipher) {}

    storage::Database& database;
    crypto::FieldCipher cipher;
    audit::AuditLog audit;
    accounts::AccountService accounts;
    registry::RegistryService registry;
    alliances::AllianceService alliances;
    inbox::Notifier notifier;
    applications::ApplicationService applications;
    inbox::InboxService inbox;
    members::MemberService members;
};

}  // namespace lianjian::app
