// Specification of the short-lived read cache that serves hot reads (sessions, unit lists).
#include "core/read_cache.hpp"

#include <gtest/gtest.h>

namespace lianjian {
namespace {

using std::chrono::milliseconds;

const TimePoint start = Clock::from_time_t(1800000000);

TEST(ReadCache, AStoredValueIsServedUntilItsTimeRunsOut) {
    ReadCache<int> cache(milliseconds(2000));
    cache.store("k", std::make_shared<const int>(7), cache.generation(), start);
    ASSERT_NE(cache.find("k", start + milliseconds(1999)), nullptr);
    EXPECT_EQ(*cache.find("k", start + milliseconds(1999)), 7);
    EXPECT_EQ(cache.find("k", start + milliseconds(2000)), nullptr);
    EXPECT_EQ(cache.find("other", start), nullptr);
}

TEST(ReadCache, InvalidationDropsEverything) {
    ReadCache<int> cache(milliseconds(2000));
    cache.store("k", std::make_shared<const int>(7), cache.generation(), start);
    cache.invalidate();
    EXPECT_EQ(cache.find("k", start), nullptr);
}

TEST(ReadCache, AReadThatOverlappedAWriteIsNotKept) {
    // Given a reader that took the generation before a writer started,
    ReadCache<int> cache(milliseconds(2000));
    const auto generation = cache.generation();
    {
        const ReadCache<int>::Invalidation writing(cache);
        // when it stores what it read while the write was under way,
        cache.store("k", std::make_shared<const int>(1), generation, start);
    }
    // then nothing is cached: the next reader asks the database.
    EXPECT_EQ(cache.find("k", start), nullptr);
}

TEST(ReadCache, AReadDuringAWriteIsDroppedWhenTheWriteEnds) {
    ReadCache<int> cache(milliseconds(2000));
    {
        const ReadCache<int>::Invalidation writing(cache);
        cache.store("k", std::make_shared<const int>(1), cache.generation(), start);
        EXPECT_NE(cache.find("k", start), nullptr);
    }
    EXPECT_EQ(cache.find("k", start), nullptr);
}

TEST(ReadCache, ZeroTimeTurnsItOff) {
    ReadCache<int> cache(milliseconds(0));
    cache.store("k", std::make_shared<const int>(7), cache.generation(), start);
    EXPECT_EQ(cache.find("k", start), nullptr);
}

}  // namespace
}  // namespace lianjian
