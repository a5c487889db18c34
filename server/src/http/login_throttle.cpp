#include "http/login_throttle.hpp"

namespace lianjian::http {

bool LoginThrottle::allow(const std::string& client_ip) {
    const auto now = std::chrono::steady_clock::now();
    std::lock_guard lock(mutex_);
    if (windows_.size() > 100000) {
        windows_.clear();  // bound memory under an address-spraying attack
    }
    auto& window = windows_[client_ip];
    if (now - window.start >= window_) {
        window = {now, 0};
    }
    return ++window.attempts <= limit_;
}

}  // namespace lianjian::http
