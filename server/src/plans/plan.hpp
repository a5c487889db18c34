#pragma once

#include "accounts/caller.hpp"
#include "alliances/alliance.hpp"
#include "audit/audit_log.hpp"
#include "campaign/codes.hpp"
#include "plans/coverage.hpp"
#include "plans/workflow.hpp"
#include "registry/registry.hpp"
#include "storage/database.hpp"

#include <optional>
#include <string>
#include <vector>

namespace lianjian::inbox {
class Notifier;
}

namespace lianjian::plans {

using campaign::ActivityKind;
using registry::NamedRef;

// 联络方式: one person to contact about the alliance's work.
struct Contact {
    std::string name;
    std::string duty;
    std::string phone;

    bool operator==(const Contact&) const = default;
};

// 有关保障: what the plan relies on.
struct Support {
    std::string venues;
    std::string funds;
    std::string people;

    bool operator==(const Support&) const = default;
};

// One planned activity of a version. `lineage_id` is shared with its copies in other versions.
struct PlanItem {
    long long id = 0;
    long long lineage_id = 0;
    std::string theme;
    Linkage linkage = Linkage::theory_study;
    ActivityKind kind = ActivityKind::other;
    int month = 1;
    std::optional<std::string> planned_on;
    std::string place;
    std::optional<NamedRef> host_unit;
    std::vector<NamedRef> participating_units;  // in id order
    std::optional<NamedRef> checklist_item;
};

struct PlanStep {
    PlanAction action = PlanAction::create;
    int version_number = 1;
    NamedRef user;
    std::optional<NamedRef> unit;
    std::string opinion;
    PlanState state_after = PlanState::draft;
    std::string created_at;
};

struct PlanVersion {
    long long id = 0;
    int number = 1;
    PlanState state = PlanState::draft;
    alliances::RotationMode rotation_mode = alliances::RotationMode::per_activity;
    std::vector<Contact> contacts;
    Support support;
    std::vector<PlanItem> items;  // in their written order
    long long item_count = 0;
    std::optional<std::string> submitted_at;
    std::optional<std::string> decided_at;
    int row_version = 1;
    std::string created_at;
    std::string updated_at;
};

// A plan as the web sees it: one version (the newest unless asked), the review timeline of every
// version, and what the asking user may do now.
struct Plan {
    long long id = 0;
    NamedRef alliance;
    NamedRef lead_unit;
    int year = 0;
    PlanVersion version;
    Coverage coverage;
    std::vector<PlanStep> steps;
    std::vector<PlanAction> actions;  // empty for an older version
    std::string updated_at;
};

struct PlanSummary {
    long long id = 0;
    NamedRef alliance;
    int year = 0;
    PlanState state = PlanState::draft;
    int version_number = 1;
    long long item_count = 0;
    std::vector<Linkage> missing_linkages;
    std::optional<std::string> submitted_at;
    std::string updated_at;
};

struct PlanFilter {
    std::optional<int> year;
    std::optional<long long> alliance_id;
    std::optional<PlanState> state;
    int page = 1;
    int page_size = 20;
};

struct PlanPage {
    std::vector<PlanSummary> items;
    long long total = 0;
};

// One item as the lead unit sends it.
struct ItemDraft {
    std::optional<long long> id;  // an item of the same version: keeps its lineage
    std::string theme;
    std::string linkage;
    std::string kind;
    std::optional<int> month;
    std::optional<std::string> planned_on;
    std::string place;
    std::optional<long long> host_unit_id;
    std::vector<long long> participating_unit_ids;
    std::optional<long long> checklist_item_id;
};

struct PlanContent {
    std::vector<Contact> contacts;
    Support support;
    std::vector<ItemDraft> items;
    std::optional<int> row_version;
};

// A version's entry in the history.
struct VersionSummary {
    int number = 1;
    PlanState state = PlanState::draft;
    long long item_count = 0;
    std::optional<std::string> submitted_at;
    std::optional<std::string> decided_at;
    std::string created_at;
};

struct ItemChange {
    PlanItem before;
    PlanItem after;
    std::vector<std::string> fields;  // "theme", "linkage", …
};

struct FieldChange {
    std::string field;  // "contacts", "support.venues", …
    std::string old_value;
    std::string new_value;
};

struct Comparison {
    int from = 1;
    int to = 1;
    std::vector<PlanItem> added;
    std::vector<PlanItem> removed;
    std::vector<ItemChange> changed;
    std::vector<FieldChange> fields;
};

// Annual plans: written by the alliance's lead unit, reviewed by the committee, every version
// kept. Each write is one transaction with its step, audit record and notifications.
class PlanService {
  public:
    PlanService(storage::Database& database, audit::AuditLog& audit,
                alliances::AllianceService& alliances, inbox::Notifier& notifier)
        : database_(database), audit_(audit), alliances_(alliances), notifier_(notifier) {}

    PlanPage list(const accounts::Caller& caller, const PlanFilter& filter);
    Plan create(const accounts::Caller& caller, long long alliance_id, int year);
    Plan get(const accounts::Caller& caller, long long id);
    Plan version(const accounts::Caller& caller, long long id, int number);
    std::vector<VersionSummary> versions(const accounts::Caller& caller, long long id);
    Comparison compare(const accounts::Caller& caller, long long id, int from, int to);

    Plan save(const accounts::Caller& caller, long long id, const PlanContent& content);
    Plan submit(const accounts::Caller& caller, long long id, const std::string& opinion);
    Plan approve(const accounts::Caller& caller, long long id, const std::string& opinion);
    Plan send_back(const accounts::Caller& caller, long long id, const std::string& opinion);
    Plan revise(const accounts::Caller& caller, long long id, const std::string& opinion);

  private:
    Plan transition(const accounts::Caller& caller, long long id, PlanAction action,
                    const std::string& opinion);

    storage::Database& database_;
    audit::AuditLog& audit_;
    alliances::AllianceService& alliances_;
    inbox::Notifier& notifier_;
};

}  // namespace lianjian::plans
