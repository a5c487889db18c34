#pragma once

#include "core/clock.hpp"

#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

namespace lianjian {

// A short-lived cache of read results, for hot reads that change rarely (sessions, the unit
// list). Writers in this process invalidate it at once; other app servers sharing the database
// see a change after at most `ttl`, which is why the ttl is kept to seconds.
//
// A result is stored with the generation read before the database was queried, so a read that
// overlapped a write is never kept: the writer bumps the generation before and after it commits.
template <typename Value>
class ReadCache {
  public:
    explicit ReadCache(std::chrono::milliseconds ttl) : ttl_(ttl) {}

    // Shared, not copied: a hit costs no allocation however large the value.
    std::shared_ptr<const Value> find(const std::string& key, TimePoint now) const {
        if (ttl_.count() <= 0) {
            return nullptr;
        }
        std::lock_guard lock(mutex_);
        const auto found = entries_.find(key);
        if (found == entries_.end() || found->second.generation != generation_ ||
            now - found->second.stored_at >= ttl_) {
            return nullptr;
        }
        return found->second.value;
    }

    std::uint64_t generation() const { return generation_; }

    void store(const std::string& key, std::shared_ptr<const Value> value, std::uint64_t generation,
               TimePoint now) {
        if (ttl_.count() <= 0 || generation != generation_) {
            return;
        }
        std::lock_guard lock(mutex_);
        if (entries_.size() >= max_entries) {
            entries_.clear();
        }
        entries_.insert_or_assign(key, Entry{std::move(value), generation, now});
    }

    void invalidate() {
        std::lock_guard lock(mutex_);
        ++generation_;
        entries_.clear();
    }

    // Invalidates now and again when it goes out of scope: hold one across a write.
    class Invalidation {
      public:
        explicit Invalidation(ReadCache& cache) : cache_(cache) { cache_.invalidate(); }
        ~Invalidation() { cache_.invalidate(); }
        Invalidation(const Invalidation&) = delete;
        Invalidation& operator=(const Invalidation&) = delete;

      private:
        ReadCache& cache_;
    };

  private:
    static constexpr std::size_t max_entries = 10000;
    struct Entry {
        std::shared_ptr<const Value> value;
        std::uint64_t generation;
        TimePoint stored_at;
    };
    std::chrono::milliseconds ttl_;
    mutable std::mutex mutex_;
    std::atomic<std::uint64_t> generation_{0};
    std::unordered_map<std::string, Entry> entries_;
};

}  // namespace lianjian
