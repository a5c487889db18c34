#pragma once

#include "campaign/codes.hpp"

#include <string>
#include <vector>

namespace lianjian::ledger {

// What the ledger's completeness depends on (DOMAIN.md "Activities and the ledger": the required
// fields, the attendance, and at least one photo or minutes).
struct LedgerFacts {
    campaign::ActivityKind kind = campaign::ActivityKind::other;
    std::string theme;
    std::string content;
    std::string outcomes;
    std::string place;
    std::string minutes;                // the minutes text
    long long recorded_attendance = 0;  // roster rows with a status
    long long photos = 0;               // photo attachments not removed
    long long minutes_attachments = 0;  // minutes attachments not removed
};

struct Completeness {
    bool complete = false;
    // In this order: "theme", "content", "outcomes", "place", "attendance", "photo_or_minutes",
    // "minutes" (alliance meetings and mutual visits only).
    std::vector<std::string> missing;
};

// Pure: the same facts always give the same answer.
Completeness completeness_of(const LedgerFacts& facts);

// Whether the kind of activity needs minutes (联盟会议, 定期互访).
bool needs_minutes(campaign::ActivityKind kind);

}  // namespace lianjian::ledger
