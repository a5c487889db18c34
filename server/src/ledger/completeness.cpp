#include "ledger/completeness.hpp"

namespace lianjian::ledger {

bool needs_minutes(campaign::ActivityKind kind) {
    return kind == campaign::ActivityKind::alliance_meeting ||
           kind == campaign::ActivityKind::mutual_visit;
}

Completeness completeness_of(const LedgerFacts& facts) {
    Completeness result;
    const bool has_minutes = !facts.minutes.empty() || facts.minutes_attachments > 0;
    const std::pair<const char*, bool> checks[] = {
        {"theme", !facts.theme.empty()},
        {"content", !facts.content.empty()},
        {"outcomes", !facts.outcomes.empty()},
        {"place", !facts.place.empty()},
        {"attendance", facts.recorded_attendance > 0},
        {"photo_or_minutes", facts.photos > 0 || has_minutes},
        {"minutes", !needs_minutes(facts.kind) || has_minutes},
    };
    for (const auto& [name, present] : checks) {
        if (!present) {
            result.missing.emplace_back(name);
        }
    }
    result.complete = result.missing.empty();
    return result;
}

}  // namespace lianjian::ledger
