#pragma once

#include "accounts/caller.hpp"
#include "alliances/alliance.hpp"
#include "audit/audit_log.hpp"
#include "formation/calendar_rotation.hpp"
#include "formation/solver.hpp"
#include "registry/registry.hpp"
#include "storage/database.hpp"

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace lianjian::formation {

// A unit as the page explains it.
struct UnitFacts {
    UnitProfile profile;
    std::string short_name;
    std::optional<registry::NamedRef> office_area;
    std::string organization_type;
    std::vector<registry::NamedRef> strengths;
    std::optional<registry::NamedRef> alliance;
};

struct SuggestionRequest {
    std::vector<long long> unit_ids;
    int min_size = 4;
    int max_size = 6;
    Weights weights;
    std::chrono::milliseconds time_limit{5000};
    std::vector<std::pair<long long, long long>> together;
    std::vector<std::pair<long long, long long>> apart;
    std::vector<LeadCriterion> lead_rule = default_lead_rule();
    std::uint64_t seed = 20260401;
    // false: group the units afresh as if none were in an alliance (to compare a new grouping
    // with the current one); adopting still refuses units that are in one.
    bool keep_existing_alliances = true;
};

struct SuggestedGroup {
    std::vector<long long> unit_ids;
    LeadChoice lead;
    GroupScore score;
    std::optional<long long> alliance_id;  // the alliance the group's kept units are in
};

struct Suggestion {
    std::vector<SuggestedGroup> groups;
    double objective = 0;
    bool proven_optimal = false;
    std::optional<double> bound;
    SolverKind solver = SolverKind::heuristic;
    long long columns = 0;
    long long iterations = 0;
    long long elapsed_ms = 0;
    std::vector<UnitFacts> units;
    int tags_total = 0;
};

struct ScoreRequest {
    std::vector<std::vector<long long>> groups;
    Weights weights;
    int min_size = 4;
    int max_size = 6;
    std::vector<LeadCriterion> lead_rule = default_lead_rule();
};

struct ScoredGrouping {
    std::vector<SuggestedGroup> groups;
    double objective = 0;
    int tags_total = 0;
};

struct AdoptRequest {
    std::vector<long long> unit_ids;
    long long lead_unit_id = 0;
    std::string name;
    int batch = 1;
    std::optional<long long> office_area_id;  // the area most of the units are in by default
    std::string founded_on;
    std::string note;
};

struct RotationRequest {
    long long alliance_id = 0;
    int year = 0;
    std::vector<RotationTurnSlot> turns;  // empty: one turn a month
    std::vector<UnitCalendar> calendars;
};

struct RotationPreview {
    CalendarRotation plan;
    std::vector<RotationTurnSlot> turns;
    std::vector<long long> order;  // the hosting order the plan starts from, or adopted
};

// 联盟组建建议 and calendar-aware rotation over the registry and the alliances: loads what the
// model needs through their services, solves, and adopts through the alliance service's create
// path and hosting order, audited.
class FormationService {
  public:
    FormationService(storage::Database& database, audit::AuditLog& audit,
                     registry::RegistryService& registry, alliances::AllianceService& alliances)
        : database_(database), audit_(audit), registry_(registry), alliances_(alliances) {}

    Suggestion suggest(const SuggestionRequest& request);
    ScoredGrouping score(const ScoreRequest& request);
    alliances::Alliance adopt(const accounts::Caller& caller, const AdoptRequest& request);

    RotationPreview preview_rotation(const accounts::Caller& caller,
                                     const RotationRequest& request);
    RotationPreview adopt_rotation(const accounts::Caller& caller, const RotationRequest& request);

  private:
    std::vector<UnitFacts> load_units(const std::vector<long long>& unit_ids);

    storage::Database& database_;
    audit::AuditLog& audit_;
    registry::RegistryService& registry_;
    alliances::AllianceService& alliances_;
};

void check_weights(const Weights& weights);

}  // namespace lianjian::formation
