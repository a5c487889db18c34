#pragma once

#include "accounts/account_service.hpp"
#include "activities/activity.hpp"
#include "alliances/alliance.hpp"
#include "applications/application.hpp"
#include "audit/audit_log.hpp"
#include "campaign/campaign_service.hpp"
#include "campaign/checklist_service.hpp"
#include "campaign/reminder_service.hpp"
#include "crypto/field_cipher.hpp"
#include "inbox/inbox.hpp"
#include "ledger/ledger.hpp"
#include "members/member_service.hpp"
#include "plans/plan.hpp"
#include "registry/registry.hpp"
#include "responsibility/responsibility.hpp"
#include "storage/database.hpp"

namespace lianjian::app {

// The application services, built once over one database and shared by every request.
struct Services {
    // `audit_checkpoint`: the file the audit chain's checkpoint is kept in (the data directory's
    // audit.checkpoint); without one the tail of the chain is not protected.
    Services(storage::Database& database, accounts::AccountPolicy policy, const crypto::Key& key,
             std::optional<std::filesystem::path> audit_checkpoint = std::nullopt)
        : database(database),
          cipher(key),
          audit(database, crypto::audit_chain_key(key), audit_checkpoint),
          accounts(database, audit, policy),
          registry(database, audit, cipher),
          alliances(database, audit),
          applications(database, audit, alliances, notifier),
          inbox(database),
          members(database, audit, cipher),
          campaigns(database, audit, notifier),
          checklist(database, audit),
          reminders(database, notifier),
          plans(database, audit, alliances, notifier),
          responsibility(database, audit),
          // The data directory is where the audit checkpoint lives: the archived attachments'
          // files are under its `attachments/`.
          ledger(database, crypto::ledger_chain_key(key),
                 audit_checkpoint ? std::optional(audit_checkpoint->parent_path()) : std::nullopt),
          activities(database, audit, alliances, ledger) {}

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
    campaign::CampaignService campaigns;
    campaign::ChecklistService checklist;
    campaign::ReminderService reminders;
    plans::PlanService plans;
    responsibility::ResponsibilityService responsibility;
    ledger::LedgerService ledger;
    activities::ActivityService activities;
};

}  // namespace lianjian::app
