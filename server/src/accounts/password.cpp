#include "accounts/password.hpp"

#include "core/error.hpp"

#include <sodium.h>

#include <string_view>

namespace lianjian::accounts {

namespace {

int character_classes(const std::string& password) {
    bool upper = false, lower = false, digit = false, symbol = false;
    for (unsigned char c : password) {
        if (c >= 'A' && c <= 'Z') {
            upper = true;
        } else if (c >= 'a' && c <= 'z') {
            lower = true;
        } else if (c >= '0' && c <= '9') {
            digit = true;
        } else {
            symbol = true;  // punctuation, spaces and non-ASCII characters alike
        }
    }
    return upper + lower + digit + symbol;
}

std::size_t code_points(const std::string& text) {
    std::size_t count = 0;
    for (unsigned char c : text) {
        count += (c & 0xC0) != 0x80;
    }
    return count;
}

}  // namespace

void check_password_policy(const std::string& password) {
    if (code_points(password) < 8) {
        throw AppError(ErrorCode::weak_password, "密码至少需要 8 个字符",
                       {{"field", "new_password"}});
    }
    if (password.size() > 256) {
        throw AppError(ErrorCode::weak_password, "密码不能超过 256 个字节",
                       {{"field", "new_password"}});
    }
    if (character_classes(password) < 3) {
        throw AppError(ErrorCode::weak_password,
                       "密码需包含大写字母、小写字母、数字、符号中的至少三类",
                       {{"field", "new_password"}});
    }
}

std::string hash_password(const std::string& password, HashCost cost) {
    char hash[crypto_pwhash_STRBYTES];
    const bool minimum = cost == HashCost::minimum;
    const auto operations =
        minimum ? crypto_pwhash_OPSLIMIT_MIN : crypto_pwhash_OPSLIMIT_INTERACTIVE;
    const auto memory = minimum ? crypto_pwhash_MEMLIMIT_MIN : crypto_pwhash_MEMLIMIT_INTERACTIVE;
    if (crypto_pwhash_str(hash, password.data(), password.size(), operations, memory) != 0) {
        throw std::runtime_error("out of memory while hashing a password");
    }
    return hash;
}

bool verify_password(const std::string& stored_hash, const std::string& password) {
    return crypto_pwhash_str_verify(stored_hash.c_str(), password.data(), password.size()) == 0;
}

void burn_verification_time(const std::string& password) {
    static const std::string decoy = hash_password("Decoy-password-1");
    verify_password(decoy, password);
}

std::string generate_password() {
    static constexpr std::string_view upper = "ABCDEFGHJKLMNPQRSTUVWXYZ";
    static constexpr std::string_view lower = "abcdefghijkmnpqrstuvwxyz";
    static constexpr std::string_view digits = "23456789";
    static constexpr std::string_view symbols = "!@#%^*-_=+";
    static constexpr std::string_view groups[] = {upper, lower, digits, symbols};
    std::string password;
    // One of each class first, then the rest from all of them, then shuffle the whole.
    for (auto group : groups) {
        password += group[randombytes_uniform(static_cast<uint32_t>(group.size()))];
    }
    const std::string all =
        std::string(upper) + std::string(lower) + std::string(digits) + std::string(symbols);
    while (password.size() < 16) {
        password += all[randombytes_uniform(static_cast<uint32_t>(all.size()))];
    }
    for (std::size_t i = password.size() - 1; i > 0; --i) {
        std::swap(password[i], password[randombytes_uniform(static_cast<uint32_t>(i + 1))]);
    }
    return password;
}

}  // namespace lianjian::accounts
