#pragma once

#include <chrono>
#include <mutex>
#include <string>
#include <unordered_map>

namespace lianjian::http {

// Limits sign-in attempts per client address (a fixed window), so that one address cannot
// try passwords across many accounts faster than the per-account lockout notices. In memory,
// per server: several servers each allow the limit, which still bounds guessing.
class LoginThrottle {
  public:
    explicit LoginThrottle(int attempts_per_window = 30,
                           std::chrono::seconds window = std::chrono::seconds(60))
        : limit_(attempts_per_window), window_(window) {}

    // Counts an attempt; false when the address has used up its window.
    bool allow(const std::string& client_ip);

  private:
    struct Window {
        std::chrono::steady_clock::time_point start;
        int attempts = 0;
    };
    int limit_;
    std::chrono::seconds window_;
    std::mutex mutex_;
    std::unordered_map<std::string, Window> windows_;
};

}  // namespace lianjian::http
