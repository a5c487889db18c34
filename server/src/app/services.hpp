#pragma once

#include "accounts/account_service.hpp"
#include "activities/activity.hpp"
#include "alliances/alliance.hpp"
#include "applications/application.hpp"
#include "attachments/attachment_service.hpp"
#include "attendance/attendance_service.hpp"
#include "audit/audit_log.hpp"
#include "campaign/campaign_service.hpp"
#include "campaign/checklist_service.hpp"
#include "campaign/reminder_service.hpp"
#include "crypto/field_cipher.hpp"
#include "exports/ledger_export.hpp"
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
             std::optional<std::filesystem::path> audit_checkpoint = std::nullopt,
             std::optional<std::filesystem::path> data_dir = std::nullopt)
        : database(database),
          cipher(key),
          audit(database, crypto::audit_chain_key(key), audit_checkpoint),
          accounts(database, audit, policy, accounts::AccountService::default_time_source(),
                   &cipher),
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
          attendance(database, audit, cipher, crypto::signin_token_key(key)),
          // The attachments live in the data directory (the checkpoint's when not given).
          attachments(database, audit,
                      attachments::AttachmentStore(
                          data_dir ? *data_dir
                                   : (audit_checkpoint ? audit_checkpoint->parent_path()
                                                       : std::filesystem::path("data")))),
          ledger_exports(database, attachments.store()),
          // The chain's verification re-hashes the archived attachments' files in the store.
          ledger(database, crypto::ledger_chain_key(key),
                 std::optional(attachments.store().directory().parent_path())),
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
    attendance::AttendanceService attendance;
    attachments::AttachmentService attachments;
    exports::LedgerExportService ledger_exports;
    ledger::LedgerService ledger;
    activities::ActivityService activities;
};

}  // namespace lianjian::app
