#pragma once

#include <string_view>

namespace lianjian::audit {

// The Chinese label of an audit action code ("user.create" → "新建账号"), as the web shows it;
// empty for a code the table does not know. Used where the server itself writes the labels (the
// auditor's archive workbook).
std::string_view action_label(std::string_view code);

}  // namespace lianjian::audit
