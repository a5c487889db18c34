// TOTP through liboath (never a hand-written HOTP): secrets, codes and their check.
#include "accounts/totp.hpp"

#include <liboath/oath.h>
#include <sodium.h>
#include <boost/url/encode.hpp>
#include <boost/url/rfc/unreserved_chars.hpp>

#include <algorithm>
#include <cstdlib>
#include <memory>
#include <mutex>
#include <stdexcept>

namespace lianjian::accounts {

namespace {

void initialise_liboath() {
    static std::once_flag once;
    std::call_once(once, [] {
        if (oath_init() != OATH_OK) {
            throw std::runtime_error("liboath could not be initialised");
        }
    });
}

struct Freed {
    void operator()(char* text) const { std::free(text); }
};

// The raw bytes of a base32 secret.
std::string decode_secret(const std::string& secret_base32) {
    initialise_liboath();
    char* raw = nullptr;
    std::size_t length = 0;
    if (oath_base32_decode(secret_base32.data(), secret_base32.size(), &raw, &length) != OATH_OK) {
        throw std::runtime_error("TOTP secret is not base32");
    }
    const std::unique_ptr<char, Freed> owned(raw);
    return std::string(raw, length);
}

time_t unix_seconds(TimePoint at) {
    return static_cast<time_t>(
        std::chrono::duration_cast<std::chrono::seconds>(at.time_since_epoch()).count());
}

}  // namespace

std::string new_totp_secret() {
    initialise_liboath();
    unsigned char bytes[20];
    randombytes_buf(bytes, sizeof bytes);
    char* text = nullptr;
    std::size_t length = 0;
    if (oath_base32_encode(reinterpret_cast<const char*>(bytes), sizeof bytes, &text, &length) !=
        OATH_OK) {
        throw std::runtime_error("TOTP secret could not be encoded");
    }
    const std::unique_ptr<char, Freed> owned(text);
    sodium_memzero(bytes, sizeof bytes);
    return std::string(text, length);
}

std::string totp_uri(const std::string& issuer, const std::string& account,
                     const std::string& secret_base32) {
    const auto encode = [](const std::string& text) {
        return boost::urls::encode(text, boost::urls::unreserved_chars);
    };
    return "otpauth://totp/" + encode(issuer) + ":" + encode(account) + "?secret=" + secret_base32 +
           "&issuer=" + encode(issuer) + "&algorithm=SHA1&digits=" + std::to_string(totp_digits) +
           "&period=" + std::to_string(totp_step_seconds);
}

long long totp_step(TimePoint at) {
    return unix_seconds(at) / totp_step_seconds;
}

std::optional<long long> totp_match(const std::string& secret_base32, const std::string& code,
                                    TimePoint at) {
    if (code.size() != static_cast<std::size_t>(totp_digits) ||
        !std::all_of(code.begin(), code.end(),
                     [](unsigned char c) { return c >= '0' && c <= '9'; })) {
        return std::nullopt;
    }
    const std::string secret = decode_secret(secret_base32);
    int position = 0;
    const int result =
        oath_totp_validate2(secret.data(), secret.size(), unix_seconds(at), totp_step_seconds,
                            OATH_TOTP_DEFAULT_START_TIME, 1, &position, code.c_str());
    if (result < 0) {
        return std::nullopt;
    }
    return totp_step(at) + position;
}

std::string totp_code(const std::string& secret_base32, TimePoint at) {
    const std::string secret = decode_secret(secret_base32);
    char code[totp_digits + 1] = {};
    if (oath_totp_generate(secret.data(), secret.size(), unix_seconds(at), totp_step_seconds,
                           OATH_TOTP_DEFAULT_START_TIME, totp_digits, code) != OATH_OK) {
        throw std::runtime_error("TOTP code could not be generated");
    }
    return code;
}

}  // namespace lianjian::accounts
