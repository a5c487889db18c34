#pragma once

#include "applications/application.hpp"

#include "storage/session.hpp"

#include <soci/soci.h>

#include <optional>
#include <vector>

namespace lianjian::storage {

long long insert_application(Session& session, const applications::Application& application,
                             const std::string& now);
void insert_application_unit(Session& session, long long application_id, long long unit_id,
                             applications::Confirmation confirmation);
void set_application_unit_confirmation(Session& session, long long application_id,
                                       long long unit_id, applications::Confirmation confirmation);
// Moves the application to `state` if it is still at `version`; false when someone else moved
// it first (the caller then answers 409).
bool update_application_state(Session& session, long long application_id, int version,
                              applications::ApplicationState state, const std::string& now,
                              bool closes, std::optional<long long> created_alliance_id);
void insert_application_step(Session& session, long long application_id,
                             applications::ApplicationAction action,
                             std::optional<long long> unit_id, long long user_id,
                             std::optional<bool> agree, const std::string& opinion,
                             applications::ApplicationState state_after, const std::string& now);

std::optional<applications::Application> find_application(Session& session, long long id);
struct ApplicationQuery {
    std::optional<applications::ApplicationState> state;
    std::optional<applications::ApplicationKind> kind;
    std::optional<long long> involving_unit_id;  // applicant, co-applicant, or lead of the target
    bool open_only = false;                      // consulting or under review
    long long offset = 0;
    std::optional<long long> limit;  // the whole list when absent
};
struct ApplicationRows {
    std::vector<applications::Application> items;  // newest first
    long long total = 0;                           // all that match, whatever the page
};
ApplicationRows list_applications(Session& session, const ApplicationQuery& query);
// Open applications of a unit (as applicant or co-applicant) of the given kinds.
long long count_open_applications_of_unit(Session& session, long long unit_id);
std::optional<long long> lead_unit_of_alliance(Session& session, long long alliance_id);

}  // namespace lianjian::storage
