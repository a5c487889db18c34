#pragma once

#include <string>

namespace lianjian {

// `value` with at least two digits: 7 → "07", 12 → "12". For the month and day of date text.
// Appended piece by piece: GCC 12's -Wrestrict misfires on `literal + std::to_string(…)` at -O2.
inline std::string two_digits(long long value) {
    std::string text = value < 10 ? "0" : "";
    text += std::to_string(value);
    return text;
}

// The date text "YYYY-MM-DD" of a year, month (1–12) and day (1–31), as dates are stored and sent.
// No calendar check: callers pass a real date (core/clock.hpp parses and checks incoming ones).
inline std::string date_text(int year, int month, int day) {
    std::string text = std::to_string(year);
    text += '-';
    text += two_digits(month);
    text += '-';
    text += two_digits(day);
    return text;
}

}  // namespace lianjian
