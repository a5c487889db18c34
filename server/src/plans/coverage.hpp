#pragma once

#include "campaign/codes.hpp"

#include <optional>
#include <string>
#include <vector>

namespace lianjian::plans {

using campaign::Linkage;

// One cell of the linkage × month grid: how many plan items of `linkage` fall in `month`.
struct CoverageCell {
    Linkage linkage = Linkage::theory_study;
    int month = 1;
    int count = 0;
};

// The plan page's grid (six linkages × twelve months, every cell, linkage by linkage in the
// order of the six, months 1 to 12) and the linkages no item covers, in that same order.
struct Coverage {
    std::vector<CoverageCell> cells;
    std::vector<Linkage> missing_linkages;
};

struct ItemPlace {
    Linkage linkage = Linkage::theory_study;
    int month = 1;
};

// Pure: the grid and the missing linkages of the items. Months outside 1–12 are not counted.
Coverage coverage_of(const std::vector<ItemPlace>& items);

// The warning shown when linkages are missing ("计划尚未覆盖“优势资源联享”“作风纪律联抓”2
// 项联动内容， 请补充或说明"), or nothing when the plan covers all six.
std::optional<std::string> coverage_warning(const std::vector<Linkage>& missing);

}  // namespace lianjian::plans
