#pragma once

#include "accounts/caller.hpp"
#include "audit/audit_log.hpp"
#include "campaign/records.hpp"
#include "storage/database.hpp"

#include <optional>
#include <string>
#include <vector>

namespace lianjian::campaign {

struct ChecklistFilter {
    int year = 0;
    std::optional<Linkage> linkage;
    bool include_retired = false;
    int page = 1;
    int page_size = 100;
};

struct ChecklistPage {
    std::vector<ChecklistItem> items;
    long long total = 0;
};

// What the committee writes for an item (creating or editing it).
struct ChecklistInput {
    int year = 0;
    Linkage linkage = Linkage::theory_study;
    ActivityKind kind = ActivityKind::other;
    std::string title;
    std::string description;
    std::optional<int> suggested_month;
    std::string key_date;
    std::optional<int> version;  // editing: the version read
};

// 共建活动参考清单 (seed 六(三)): the committee issues, edits, copies and retires the year's
// activity templates; everyone in the programme reads them.
class ChecklistService {
  public:
    ChecklistService(storage::Database& database, audit::AuditLog& audit)
        : database_(database), audit_(audit) {}

    ChecklistPage list(const ChecklistFilter& filter);
    ChecklistItem create(const accounts::Caller& caller, const ChecklistInput& input);
    ChecklistItem update(const accounts::Caller& caller, long long id, const ChecklistInput& input);
    ChecklistItem retire(const accounts::Caller& caller, long long id);
    ChecklistItem restore(const accounts::Caller& caller, long long id);
    // Only an item no plan item uses; a used one is retired instead (409).
    void remove(const accounts::Caller& caller, long long id);
    // Copies `from_year`'s items that are not retired into `to_year`, skipping those copied
    // before; returns how many were copied.
    int copy(const accounts::Caller& caller, int from_year, int to_year);

    // Inside a transaction (the demo): creates the item as given.
    long long create_in(storage::Transaction& transaction, const audit::Actor& actor,
                        const ChecklistInput& input);

  private:
    ChecklistItem set_retired(const accounts::Caller& caller, long long id, bool retired);

    storage::Database& database_;
    audit::AuditLog& audit_;
};

}  // namespace lianjian::campaign
