#include "activities/codes.hpp"
#include "campaign/codes.hpp"
#include "core/clock.hpp"
#include "core/text.hpp"
#include "exports/ledger_export.hpp"

#include <xlsxwriter.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace lianjian::exports {

namespace {

template <typename E>
std::string label_of(const std::string& code) {
    for (const auto& name : EnumText<E>::names) {
        if (name.code == code) {
            return std::string(name.label);
        }
    }
    return code;
}

std::string local_time(const std::string& timestamp) {
    try {
        return programme_clock::local_date_time(timestamp);
    } catch (const std::exception&) {
        return timestamp;
    }
}

void check(lxw_error error) {
    if (error != LXW_NO_ERROR) {
        throw std::runtime_error(std::string("xlsx writing failed: ") + lxw_strerror(error));
    }
}

// One sheet: a bold header row, then text cells (XML-safe), with column widths.
void write_sheet(lxw_workbook* workbook, const char* name,
                 const std::vector<std::pair<std::string, double>>& columns,
                 const std::vector<std::vector<std::string>>& rows) {
    lxw_worksheet* sheet = workbook_add_worksheet(workbook, name);
    lxw_format* bold = workbook_add_format(workbook);
    format_set_bold(bold);
    lxw_format* wrap = workbook_add_format(workbook);
    format_set_text_wrap(wrap);
    format_set_align(wrap, LXW_ALIGN_VERTICAL_TOP);
    for (std::size_t column = 0; column < columns.size(); ++column) {
        const auto index = static_cast<lxw_col_t>(column);
        check(worksheet_set_column(sheet, index, index, columns[column].second, wrap));
        check(worksheet_write_string(sheet, 0, index, columns[column].first.c_str(), bold));
    }
    worksheet_freeze_panes(sheet, 1, 0);
    for (std::size_t row = 0; row < rows.size(); ++row) {
        for (std::size_t column = 0; column < rows[row].size(); ++column) {
            const auto text = text::xml_safe(rows[row][column]).substr(0, 32000);
            check(worksheet_write_string(sheet, static_cast<lxw_row_t>(row + 1),
                                         static_cast<lxw_col_t>(column), text.c_str(), wrap));
        }
    }
}

}  // namespace

std::string ledger_xlsx(const NamedRef& alliance, int year,
                        const std::vector<storage::LedgerActivity>& activities) {
    std::vector<std::vector<std::string>> activity_rows, attendance_rows;
    int index = 0;
    for (const auto& activity : activities) {
        std::string units;
        for (const auto& unit : activity.participating_units) {
            units += units.empty() ? "" : "、";
            units += unit.name;
        }
        int present = 0, leave = 0, absent = 0;
        for (const auto& row : activity.attendance) {
            const auto status = row.status.value_or("");
            present += status == "present";
            leave += status == "leave";
            absent += status == "absent";
            attendance_rows.push_back(
                {activity.title, local_time(activity.starts_at).substr(0, 10), row.unit.name,
                 row.member.name,
                 row.status ? label_of<activities::AttendanceStatus>(*row.status) : "未登记"});
        }
        activity_rows.push_back(
            {std::to_string(++index), activity.title, label_of<campaign::Linkage>(activity.linkage),
             label_of<campaign::ActivityKind>(activity.kind), local_time(activity.starts_at),
             local_time(activity.ends_at), activity.place, activity.host_unit.name, units,
             activity.theme, activity.content, activity.outcomes,
             std::to_string(activity.attendance.size()), std::to_string(present),
             std::to_string(leave), std::to_string(absent), std::to_string(activity.photos.size()),
             label_of<activities::ActivityState>(activity.state)});
    }
    std::string pattern =
        (std::filesystem::temp_directory_path() / "lianjian-ledger-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) {
        throw std::runtime_error("cannot create a temporary directory for an xlsx file");
    }
    const std::filesystem::path directory = pattern;
    struct Cleanup {
        std::filesystem::path path;
        ~Cleanup() {
            std::error_code ignored;
            std::filesystem::remove_all(path, ignored);
        }
    } cleanup{directory};
    const auto file = directory / "ledger.xlsx";
    lxw_workbook_options options{};
    options.tmpdir = const_cast<char*>(pattern.c_str());
    lxw_workbook* workbook = workbook_new_opt(file.c_str(), &options);
    if (workbook == nullptr) {
        throw std::runtime_error("cannot create an xlsx workbook");
    }
    const std::string title = alliance.name + " " + std::to_string(year) + " 年度活动台账";
    lxw_doc_properties properties{};
    properties.title = const_cast<char*>(title.c_str());
    workbook_set_properties(workbook, &properties);
    write_sheet(workbook, "活动",
                {{"序号", 6},
                 {"活动名称", 28},
                 {"联动", 14},
                 {"活动类型", 12},
                 {"开始时间", 18},
                 {"结束时间", 18},
                 {"活动地点", 18},
                 {"承办单位", 20},
                 {"参加单位", 30},
                 {"活动主题", 24},
                 {"活动内容", 40},
                 {"活动成效", 40},
                 {"应到人数", 9},
                 {"出席", 7},
                 {"请假", 7},
                 {"缺席", 7},
                 {"照片数", 8},
                 {"台账状态", 12}},
                activity_rows);
    write_sheet(workbook, "签到",
                {{"活动名称", 28}, {"活动日期", 12}, {"单位", 24}, {"姓名", 12}, {"签到情况", 10}},
                attendance_rows);
    check(workbook_close(workbook));
    std::ifstream input(file, std::ios::binary);
    std::ostringstream bytes;
    bytes << input.rdbuf();
    return bytes.str();
}

}  // namespace lianjian::exports
