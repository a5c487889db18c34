#pragma once

#include <string>
#include <string_view>

namespace lianjian {

// The sort key of a name under ICU's Chinese collation (pinyin order for 汉字, as Chinese office
// software sorts; Latin letters and digits in their usual order), as lowercase hexadecimal text:
// comparing two keys byte by byte gives the collation order of the names, so a database sorts
// by the stored key without knowing about collation.
std::string name_sort_key(std::string_view name);

}  // namespace lianjian
