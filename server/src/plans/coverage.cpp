#include "plans/coverage.hpp"

#include <array>

namespace lianjian::plans {

Coverage coverage_of(const std::vector<ItemPlace>& items) {
    constexpr std::size_t linkages = std::size(campaign::all_linkages);
    std::array<std::array<int, 12>, linkages> counts{};
    std::array<bool, linkages> covered{};
    for (const auto& item : items) {
        const auto row = static_cast<std::size_t>(item.linkage);
        if (row < linkages && item.month >= 1 && item.month <= 12) {
            ++counts[row][static_cast<std::size_t>(item.month - 1)];
            covered[row] = true;
        }
    }
    Coverage coverage;
    coverage.cells.reserve(linkages * 12);
    for (auto linkage : campaign::all_linkages) {
        const auto row = static_cast<std::size_t>(linkage);
        for (int month = 1; month <= 12; ++month) {
            coverage.cells.push_back(
                {linkage, month, counts[row][static_cast<std::size_t>(month - 1)]});
        }
        if (!covered[row]) {
            coverage.missing_linkages.push_back(linkage);
        }
    }
    return coverage;
}

std::optional<std::string> coverage_warning(const std::vector<Linkage>& missing) {
    if (missing.empty()) {
        return std::nullopt;
    }
    std::string names;
    for (auto linkage : missing) {
        names += "“";
        names += enum_label(linkage);
        names += "”";
    }
    return "计划尚未覆盖" + names + std::to_string(missing.size()) +
           " 项联动内容，“六联”应全部开展，请补充活动安排";
}

}  // namespace lianjian::plans
