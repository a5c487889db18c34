#pragma once

#include "campaign/campaign.hpp"
#include "registry/registry.hpp"

#include <optional>
#include <string>

namespace lianjian::campaign {

using registry::NamedRef;

// 共建活动参考清单: one activity template the committee issues for a year.
struct ChecklistItem {
    long long id = 0;
    int year = 0;
    Linkage linkage = Linkage::theory_study;
    ActivityKind kind = ActivityKind::other;
    std::string title;
    std::string description;
    std::optional<int> suggested_month;
    std::string key_date;  // 七一, 国庆, 宪法日 … (free text), or ""
    std::optional<long long> copied_from_id;
    std::optional<std::string> retired_at;
    bool in_use = false;  // a plan item refers to it
    int version = 1;
    std::string created_at;
    std::string updated_at;
};

// 阶段汇报: an alliance's report on one phase of a year.
struct PhaseReport {
    long long id = 0;
    NamedRef alliance;
    int year = 0;
    Phase phase = Phase::planning;
    std::string account;
    NamedRef submitted_by;
    std::string submitted_at;
};

}  // namespace lianjian::campaign
