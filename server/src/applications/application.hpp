#pragma once

#include "accounts/caller.hpp"
#include "alliances/alliance.hpp"
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

// Kinds and states as DOMAIN.md names them.
//   join:  consulting (the target's lead unit) → under_review (the committee) → approved | rejected
//   found: consulting (every co-applicant confirms) → under_review → approved | rejected
//   leave: consulting (the lead unit) → under_review → approved | rejected
// `withdrawn` from any open state, by the applicant.
inline constexpr const char* open_states[] = {"submitted", "consulting", "under_review"};
bool is_open(const std::string& state);

struct Step {
    long long id = 0;
    std::string action;  // submit | consult | confirm | decide | withdraw
    std::optional<NamedRef> unit;
    NamedRef user;
    std::optional<bool> agree;
    std::string opinion;
    std::string state_after;
    std::string created_at;
};

struct CoApplicant {
    NamedRef unit;
    std::string confirmation;  // pending | agreed | declined
};

struct Application {
    long long id = 0;
    std::string kind;
    std::string state;
    NamedRef applicant_unit;
    NamedRef applicant_user;
    std::optional<NamedRef> alliance;
    std::string reason;
    std::optional<std::string> proposed_name;
    std::optional<NamedRef> proposed_office_area;
    std::optional<NamedRef> proposed_lead_unit;
    std::optional<std::string> proposed_rotation_mode;
    std::vector<CoApplicant> co_applicants;
    std::optional<long long> created_alliance_id;
    int version = 1;
    std::string created_at;
    std::string updated_at;
    std::optional<std::string> closed_at;
    std::vector<Step> steps;
    // The actions the asking user may take now: consult, confirm, decide, withdraw.
    std::vector<std::string> available_actions;
};

struct Submission {
    std::string kind;  // join | found | leave
    long long unit_id = 0;
    std::optional<long long> alliance_id;  // join, leave
    std::string reason;
    // found
    std::string name;
    std::optional<long long> office_area_id;
    std::optional<long long> lead_unit_id;
    std::vector<long long> co_applicant_unit_ids;
    std::string rotation_mode = "per_activity";
};

struct ApplicationFilter {
    std::optional<std::string> state;
    std::optional<std::string> kind;
    bool mine = false;  // only those of the caller's unit
};

// What waits on someone: shown in 待办.
struct Todo {
    std::string kind;  // "application"
    long long object_id = 0;
    std::string action;  // consult | confirm | decide
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
    std::vector<Application> list(const accounts::Caller& caller, const ApplicationFilter& filter);
    std::vector<Todo> todos(const accounts::Caller& caller);

  private:
    Application load(storage::Session& session, const accounts::Caller& caller, long long id);
    void transition(storage::Transaction& transaction, const accounts::Caller& caller,
                    const Application& application, const std::string& action,
                    std::optional<long long> unit_id, std::optional<bool> agree,
                    const std::string& opinion, const std::string& new_state);
    void notify_next(storage::Transaction& transaction, long long id);

    storage::Database& database_;
    audit::AuditLog& audit_;
    alliances::AllianceService& alliances_;
    inbox::Notifier& notifier_;
};

// The actions `caller` may take on `application` now (pure; also enforced by each call).
std::vector<std::string> available_actions(const accounts::Caller& caller,
                                           const Application& application,
                                           std::optional<long long> lead_unit_id);

}  // namespace lianjian::applications
