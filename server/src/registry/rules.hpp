#pragma once

#include "registry/registry.hpp"

#include <string>

namespace lianjian::registry {

// The registry's input rules, each throwing a 422 that names the field, in Chinese.

// Without leading and trailing blanks, full-width ones (U+3000) included, since Chinese input
// methods type them.
std::string trimmed(const std::string& text);
// A required name: not blank, at most `maximum` characters. Returns it trimmed.
std::string required_name(const char* field, const std::string& label, const std::string& value,
                          std::size_t maximum = 100);
// Optional text: at most `maximum` characters. Returns it trimmed.
std::string optional_text(const char* field, const std::string& label, const std::string& value,
                          std::size_t maximum = 200);
void check_coordinates(const OfficeArea& area);
// A phone number: 5–20 characters of digits, '+' and '-'.
void check_phone(const std::string& phone);
void check_kind(const std::string& kind);
void check_party_organization_type(const std::string& type);
void check_party_member_count(long long count);

}  // namespace lianjian::registry
