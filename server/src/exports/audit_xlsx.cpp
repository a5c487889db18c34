#include "exports/audit_xlsx.hpp"

#include "audit/action_labels.hpp"
#include "core/clock.hpp"
#include "exports/xlsx.hpp"

namespace lianjian::exports {

std::string audit_xlsx(const std::vector<audit::AuditEvent>& events) {
    Sheet sheet;
    sheet.name = "审计记录";
    sheet.columns = {{"序号", 10}, {"时间", 18},     {"用户", 16},         {"来源地址", 16},
                     {"操作", 22}, {"操作代码", 22}, {"对象类型", 14},     {"对象编号", 10},
                     {"结果", 8},  {"详情", 48},     {"前一记录哈希", 30}, {"记录哈希", 30}};
    for (const auto& event : events) {
        sheet.rows.push_back({std::to_string(event.seq),
                              programme_clock::local_date_time(event.occurred_at), event.username,
                              event.source_ip, std::string(audit::action_label(event.action)),
                              event.action, event.object_type, event.object_id,
                              event.outcome == "success" ? "成功" : "失败", event.detail,
                              event.prev_hash, event.hash});
    }
    return xlsx_bytes(sheet);
}

}  // namespace lianjian::exports
