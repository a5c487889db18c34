// Specification: the plan page's linkage × month grid and its warning about linkages the plan
// does not cover, as one pure function of the items. No database.
#include "plans/coverage.hpp"

#include <gtest/gtest.h>

namespace lianjian::testing {
namespace {

using plans::coverage_of;
using plans::coverage_warning;
using L = campaign::Linkage;

int count_at(const plans::Coverage& coverage, L linkage, int month) {
    for (const auto& cell : coverage.cells) {
        if (cell.linkage == linkage && cell.month == month)
            return cell.count;
    }
    return -1;
}

TEST(Coverage, AnEmptyPlanMissesAllSixAndHasEveryCellAtZero) {
    // Given no items, when the grid is drawn,
    const auto coverage = coverage_of({});
    // then it has 6 × 12 cells, all zero, and all six linkages are missing in their order.
    ASSERT_EQ(coverage.cells.size(), 72u);
    for (const auto& cell : coverage.cells) EXPECT_EQ(cell.count, 0);
    ASSERT_EQ(coverage.missing_linkages.size(), 6u);
    EXPECT_EQ(coverage.missing_linkages.front(), L::theory_study);
    EXPECT_EQ(coverage.missing_linkages.back(), L::conduct_discipline);
    EXPECT_EQ(coverage.cells.front().month, 1);
    EXPECT_EQ(coverage.cells[11].month, 12);
    EXPECT_EQ(coverage.cells[12].linkage, L::resource_sharing);
}

TEST(Coverage, CountsItemsPerLinkageAndMonthAndNamesTheMissingOnes) {
    // Given a plan covering four linkages, two items in the same cell,
    const auto coverage = coverage_of({{L::theory_study, 7},
                                       {L::theory_study, 7},
                                       {L::resource_sharing, 5},
                                       {L::joint_practice, 9},
                                       {L::central_work, 8}});
    // then the cells count them,
    EXPECT_EQ(count_at(coverage, L::theory_study, 7), 2);
    EXPECT_EQ(count_at(coverage, L::resource_sharing, 5), 1);
    EXPECT_EQ(count_at(coverage, L::theory_study, 6), 0);
    // and the two linkages it lacks are missing, with a warning that names them.
    EXPECT_EQ(coverage.missing_linkages, (std::vector<L>{L::team_building, L::conduct_discipline}));
    const auto warning = coverage_warning(coverage.missing_linkages);
    ASSERT_TRUE(warning);
    EXPECT_NE(warning->find("党员队伍联建"), std::string::npos);
    EXPECT_NE(warning->find("作风纪律联抓"), std::string::npos);
    EXPECT_NE(warning->find("2 项"), std::string::npos);
}

TEST(Coverage, AFullPlanHasNoWarning) {
    std::vector<plans::ItemPlace> items;
    int month = 4;
    for (auto linkage : campaign::all_linkages) items.push_back({linkage, ++month});
    const auto coverage = coverage_of(items);
    EXPECT_TRUE(coverage.missing_linkages.empty());
    EXPECT_FALSE(coverage_warning(coverage.missing_linkages));
}

TEST(Coverage, MonthsOutsideTheYearAreNotCounted) {
    const auto coverage = coverage_of({{L::theory_study, 0}, {L::theory_study, 13}});
    EXPECT_EQ(coverage.missing_linkages.size(), 6u);
}

}  // namespace
}  // namespace lianjian::testing
