#pragma once

#include "storage/database.hpp"

#include <optional>
#include <string>
#include <vector>

namespace lianjian::registry {

// A reference to another object by id and name, as lists show it.
struct NamedRef {
    long long id = 0;
    std::string name;
};

struct OfficeArea {
    long long id = 0;
    std::string name;
    std::string address;
    std::optional<double> latitude;
    std::optional<double> longitude;
    std::string note;
};

struct Unit {
    long long id = 0;
    std::string name;
    std::string short_name;
    std::optional<long long> parent_id;
    std::string kind;  // "committee" | "unit"
    std::string party_organization_name;
    std::string party_organization_type;  // "party_committee" | "general_branch" | "branch"
    std::optional<NamedRef> office_area;
    int party_member_count = 0;
    std::string first_responsible;
    std::string direct_responsible;
    std::string liaison;
    bool active = true;
    bool is_demo = false;
};

struct UnitFilter {
    std::string search;
    std::optional<long long> office_area_id;
    int page = 1;
    int page_size = 20;
};

template <typename T>
struct Page {
    std::vector<T> items;
    long long total = 0;
};

// The registry of office areas and units (reads; editing comes with the registry issue).
class RegistryService {
public:
    explicit RegistryService(storage::Database& database) : database_(database) {}

    Page<Unit> list_units(const UnitFilter& filter);
    Page<OfficeArea> list_office_areas();

private:
    storage::Database& database_;
};

}  // namespace lianjian::registry
