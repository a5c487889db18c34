#pragma once

#include "alliances/rotation.hpp"
#include "core/error.hpp"
#include "plans/plan.hpp"

#include <optional>
#include <string>
#include <vector>

namespace lianjian::plans {

// Pure rules of a plan's content: reading what the lead unit sent, the rotation's default host,
// comparing two versions, and the stored form of contacts and support. No storage.

// A checklist item as the validation needs it.
struct ChecklistFact {
    long long id = 0;
    int year = 0;
    bool retired = false;
};

// What the database knows that the content is checked against.
struct ContentFacts {
    int year = 0;
    std::vector<long long> member_unit_ids;   // the alliance's current member units
    std::vector<ChecklistFact> checklist;     // the checklist items the drafts name
    std::vector<long long> version_item_ids;  // the items of the version being edited
};

struct ValidItem {
    std::optional<long long> same_as;  // the item of the edited version it continues
    std::string theme;
    Linkage linkage = Linkage::theory_study;
    ActivityKind kind = ActivityKind::other;
    int month = 1;
    std::optional<std::string> planned_on;
    std::string place;
    std::optional<long long> host_unit_id;  // nothing: the rotation's host
    std::vector<long long> participating_unit_ids;
    std::optional<long long> checklist_item_id;
};

struct ValidContent {
    std::vector<Contact> contacts;
    Support support;
    std::vector<ValidItem> items;
};

// Normalises every text, checks every field and answers every problem at once, each field named
// with its index: `items[2].month`, `contacts[0].name`, `support.funds`. Throws the 422 of
// fields_error when anything is wrong.
ValidContent check_content(const PlanContent& content, const ContentFacts& facts);

// The most items a version may hold, and the most contacts.
inline constexpr std::size_t max_items = 200;
inline constexpr std::size_t max_contacts = 20;

// The rotation's host for an item without one: per_quarter, the host of the quarter the month
// falls in; per_activity, the `sequence`-th turn (items without a host take the turns in order).
std::optional<long long> rotation_host(const std::vector<alliances::Turn>& turns,
                                       alliances::RotationMode mode, int year, int month,
                                       std::size_t sequence);

// Items added, removed and changed from `from` to `to` (matched by lineage), and the changes of
// contacts and support.
Comparison compare_versions(const PlanVersion& from, const PlanVersion& to);

// The stored (JSON text) form of contacts and support, and back.
std::string contacts_text(const std::vector<Contact>& contacts);
std::vector<Contact> contacts_from_text(const std::string& text);
std::string support_text(const Support& support);
Support support_from_text(const std::string& text);

}  // namespace lianjian::plans
