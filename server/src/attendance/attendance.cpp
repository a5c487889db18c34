#include "attendance/attendance.hpp"

#include "core/text.hpp"

#include <sodium.h>

#include <algorithm>
#include <charconv>
#include <map>

namespace lianjian::attendance {

std::optional<double> attendance_rate(long long present, long long expected, long long leave) {
    const long long counted = expected - leave;
    if (counted <= 0) {
        return std::nullopt;
    }
    return static_cast<double>(present) / static_cast<double>(counted);
}

Counts count_rows(const std::vector<const AttendanceRow*>& rows) {
    Counts counts;
    for (const auto* row : rows) {
        ++counts.expected;
        if (!row->status) {
            ++counts.unrecorded;
            continue;
        }
        switch (*row->status) {
            case AttendanceStatus::present:
                ++counts.present;
                break;
            case AttendanceStatus::leave:
                ++counts.leave;
                break;
            case AttendanceStatus::absent:
                ++counts.absent;
                break;
        }
    }
    counts.rate = attendance_rate(counts.present, counts.expected, counts.leave);
    return counts;
}

AttendanceSheet summarise(std::vector<AttendanceRow> rows) {
    AttendanceSheet sheet;
    sheet.items = std::move(rows);
    std::vector<const AttendanceRow*> all;
    std::vector<std::pair<NamedRef, std::vector<const AttendanceRow*>>> by_unit;
    for (const auto& row : sheet.items) {
        all.push_back(&row);
        auto found = std::find_if(by_unit.begin(), by_unit.end(),
                                  [&](const auto& entry) { return entry.first.id == row.unit.id; });
        if (found == by_unit.end()) {
            by_unit.push_back({row.unit, {}});
            found = std::prev(by_unit.end());
        }
        found->second.push_back(&row);
    }
    for (const auto& [unit, unit_rows] : by_unit) {
        sheet.units.push_back({unit, count_rows(unit_rows)});
    }
    sheet.total = count_rows(all);
    return sheet;
}

bool attendance_open(ActivityState state) {
    return state == ActivityState::planned || state == ActivityState::held;
}

SigninWindow signin_window(TimePoint starts_at, TimePoint ends_at) {
    return {starts_at - std::chrono::hours(1), ends_at + std::chrono::hours(2)};
}

namespace {

std::string claim_text(long long activity_id, long long valid_until_unix) {
    return std::to_string(activity_id) + "." + std::to_string(valid_until_unix);
}

using Mac = std::array<unsigned char, crypto_auth_BYTES>;

Mac mac_of(const crypto::Key& key, const std::string& claim) {
    static_assert(crypto_auth_KEYBYTES == std::tuple_size_v<crypto::Key>);
    Mac mac{};
    crypto_auth(mac.data(), reinterpret_cast<const unsigned char*>(claim.data()), claim.size(),
                key.data());
    return mac;
}

std::optional<long long> positive_number(std::string_view text) {
    if (text.empty() || text.size() > 18 || text.front() == '0') {
        return std::nullopt;
    }
    long long value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size() || value <= 0) {
        return std::nullopt;
    }
    return value;
}

}  // namespace

std::string make_token(const crypto::Key& key, long long activity_id, long long valid_until_unix) {
    const auto claim = claim_text(activity_id, valid_until_unix);
    const auto mac = mac_of(key, claim);
    std::string encoded(
        sodium_base64_ENCODED_LEN(mac.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
    sodium_bin2base64(encoded.data(), encoded.size(), mac.data(), mac.size(),
                      sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    encoded.resize(std::char_traits<char>::length(encoded.c_str()));
    return claim + "." + encoded;
}

std::optional<TokenClaim> read_token(const crypto::Key& key, std::string_view token) {
    if (token.size() > 200) {
        return std::nullopt;
    }
    const auto first = token.find('.');
    const auto second = first == std::string_view::npos ? first : token.find('.', first + 1);
    if (second == std::string_view::npos) {
        return std::nullopt;
    }
    const auto activity_id = positive_number(token.substr(0, first));
    const auto valid_until = positive_number(token.substr(first + 1, second - first - 1));
    const auto encoded = token.substr(second + 1);
    if (!activity_id || !valid_until || encoded.empty()) {
        return std::nullopt;
    }
    Mac mac{};
    std::size_t length = 0;
    const char* end = nullptr;
    if (sodium_base642bin(mac.data(), mac.size(), encoded.data(), encoded.size(), nullptr, &length,
                          &end, sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0 ||
        length != mac.size() || end != encoded.data() + encoded.size()) {
        return std::nullopt;
    }
    const auto claim = claim_text(*activity_id, *valid_until);
    if (crypto_auth_verify(mac.data(), reinterpret_cast<const unsigned char*>(claim.data()),
                           claim.size(), key.data()) != 0) {
        return std::nullopt;
    }
    return TokenClaim{*activity_id, *valid_until};
}

namespace {

// How long until fewer than `limit` of `failures` (all within the window) remain in it.
std::optional<std::chrono::seconds> wait_for(std::vector<TimePoint>& failures, std::size_t limit,
                                             TimePoint now, std::chrono::seconds window) {
    if (failures.size() < limit) {
        return std::nullopt;
    }
    std::sort(failures.begin(), failures.end());
    // Once the oldest (size − limit + 1) failures have left the window, fewer than `limit` remain.
    const auto leaves = failures[failures.size() - limit] + window;
    const auto wait = std::chrono::ceil<std::chrono::seconds>(leaves - now);
    return std::max(wait, std::chrono::seconds(1));
}

}  // namespace

std::optional<std::chrono::seconds> signin_retry_after(std::vector<TimePoint> client_failures,
                                                       std::vector<TimePoint> activity_failures,
                                                       TimePoint now, const SigninLimits& limits) {
    const auto in_window = [&](std::vector<TimePoint>& failures) {
        std::erase_if(failures, [&](TimePoint failed_at) {
            return failed_at <= now - limits.window || failed_at > now;
        });
    };
    in_window(client_failures);
    in_window(activity_failures);
    const auto client = wait_for(client_failures, limits.per_client, now, limits.window);
    const auto activity = wait_for(activity_failures, limits.per_activity, now, limits.window);
    if (client && activity) {
        return std::max(*client, *activity);
    }
    return client ? client : activity;
}

std::string comparable_name(std::string_view name) {
    const auto normalised = text::normalise(name, text::rule_of("member.name"));
    if (normalised.problem) {
        return {};
    }
    std::string compact;
    compact.reserve(normalised.text.size());
    for (std::size_t i = 0; i < normalised.text.size(); ++i) {
        if (normalised.text[i] == ' ') {
            continue;
        }
        // U+3000 (ideographic space) is E3 80 80 in UTF-8.
        if (normalised.text.compare(i, 3, "\xE3\x80\x80") == 0) {
            i += 2;
            continue;
        }
        compact.push_back(normalised.text[i]);
    }
    return compact;
}

bool is_last4(std::string_view digits) {
    return digits.size() == 4 &&
           std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::optional<long long> match_roster(const std::vector<RosterPerson>& roster,
                                      std::string_view name, std::string_view last4) {
    const auto wanted = comparable_name(name);
    if (wanted.empty() || !is_last4(last4)) {
        return std::nullopt;
    }
    for (const auto& person : roster) {
        std::string digits;
        for (char c : person.phone) {
            if (c >= '0' && c <= '9') {
                digits.push_back(c);
            }
        }
        if (digits.size() >= 4 && digits.compare(digits.size() - 4, 4, last4) == 0 &&
            comparable_name(person.name) == wanted) {
            return person.member_id;
        }
    }
    return std::nullopt;
}

}  // namespace lianjian::attendance
