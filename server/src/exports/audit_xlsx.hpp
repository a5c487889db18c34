#pragma once

#include "audit/audit_log.hpp"

#include <string>
#include <vector>

namespace lianjian::exports {

// The auditor's workbook of audit records (one row each, in chain order) with Chinese headers:
// 序号 (the chain number), 时间 (local time of the deployment), 用户, 来源地址, 操作 (the Chinese
// label), 操作代码, 对象类型, 对象编号, 结果 (成功 / 失败), 详情, 前一记录哈希, 记录哈希.
std::string audit_xlsx(const std::vector<audit::AuditEvent>& events);

}  // namespace lianjian::exports
