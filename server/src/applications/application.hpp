#pragma once

#include "accounts/caller.hpp"
#include "alliances/alliance.hpp"
#include "applications/workflow.hpp"
#include "audit/audit_log.hpp"
#include "storage/database.hpp"

#include <optional>
#include <string>
#include <vector>

namespace lianjian::inbox {
class Notifier;
}

namespace lianjian::applications {

using registry::NamedRef;

// Kinds, states and transitions: applications/workflow.hpp.

struct Step {
    long long id = 0;
    ApplicationAction action = ApplicationAction::submit;
    std::optional<NamedRef> unit;
    NamedRef user;
    std::optional<bool> agree;
    std::string opinion;
    ApplicationState state_after = ApplicationState::consulting;
    std::string created_at;
};

struct CoApplicant {
    NamedRef unit;
    Confirmation confirmation = Confirmation::pending;
};

struct Application {
    long long id = 0;
    ApplicationKind kind = ApplicationKind::join;
    ApplicationState state = ApplicationState::consulting;
    NamedRef applicant_unit;
    NamedRef applicant_user;
    std::optional<NamedRef> alliance;
    std::string reason;
    std::optional<std::string> proposed_name;
    std::optional<NamedRef> proposed_office_area;
    std::optional<NamedRef> proposed_lead_unit;
    std::optional<alliances::RotationMode> proposed_rotation_mode;
    std::vector<CoApplicant> co_applicants;
    std::optional<long long> created_alliance_id;
    int version = 1;
    std::string created_at;
    std::string updated_at;
    std::optional<std::string> closed_at;
    std::vector<Step> steps;
    // The actions the asking user may take now: consult, confirm, decide, withdraw.
    std::vector<ApplicationAction> available_actions;
};

struct Submission {
    ApplicationKind kind = ApplicationKind::join;
    long long unit_id = 0;
    std::optional<long long> alliance_id;  // join, leave
    std::string reason;
    // found
    std::string name;
    std::optional<long long> office_area_id;
    std::optional<long long> lead_unit_id;
    std::vector<long long> co_applicant_unit_ids;
    alliances::RotationMode rotation_mode = alliances::RotationMode::per_activity;
};

struct ApplicationFilter {
    std::optional<ApplicationState> state;
    std::optional<ApplicationKind> kind;
    bool mine = false;  // only those of the caller's unit
    int page = 1;
    int page_size = 20;
};

struct ApplicationPage {
    std::vector<Application> items;
    long long total = 0;
};

// What waits on someone: shown in 待办.
struct Todo {
    std::string kind;  // "application"
    long long object_id = 0;
    ApplicationAction action = ApplicationAction::consult;
    std::string title;
    std::string link;
    std::string since;
};

class ApplicationService {
  public:
    ApplicationService(storage::Database& database, audit::AuditLog& audit,
                       alliances::AllianceService& alliances, inbox::Notifier& notifier)
        : database_(database), audit_(audit), alliances_(alliances), notifier_(notifier) {}

    Application submit(const accounts::Caller& caller, const Submission& submission);
    Application consult(const accounts::Caller& caller, long long id, bool agree,
                        const std::string& opinion);
    Application confirm(const accounts::Caller& caller, long long id, bool agree,
                        const std::string& opinion);
    Application decide(const accounts::Caller& caller, long long id, bool approve,
                       const std::string& opinion);
    Application withdraw(const accounts::Caller& caller, long long id, const std::string& opinion);

    Application get(const accounts::Caller& caller, long long id);
    ApplicationPage list(const accounts::Caller& caller, const ApplicationFilter& filter);
    std::vector<Todo> todos(const accounts::Caller& caller);

  private:
    Application load(storage::Session& session, const accounts::Caller& caller, long long id);
    // Loads the application, asks the workflow whether `action` may happen, and if so moves it
    // to the next state with its step and audit record; a refusal is thrown as its typed error.
    std::pair<Application, ApplicationState> transition(storage::Transaction& transaction,
                                                        const accounts::Caller& caller,
                                                        long long id, ApplicationAction action,
                                                        std::optional<bool> agree,
                                                        const std::string& opinion);
    void notify_next(storage::Transaction& transaction, long long id);

    storage::Database& database_;
    audit::AuditLog& audit_;
    alliances::AllianceService& alliances_;
    inbox::Notifier& notifier_;
};

// What the workflow needs to know of `caller` for `application`, from the permission table.
CallerFacts caller_facts(const accounts::Caller& caller, const Application& application,
                         std::optional<long long> lead_unit_id);
WorkflowRecord workflow_record(const Application& application);
// The units an application involves: the applicant, the co-applicants and the lead unit of the
// alliance concerned (what `own_unit` of applications_read covers).
std::vector<long long> involved_units(const Application& application,
                                      std::optional<long long> lead_unit_id);

}  // namespace lianjian::applications
