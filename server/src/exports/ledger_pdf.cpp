#include "activities/codes.hpp"
#include "campaign/codes.hpp"
#include "core/clock.hpp"
#include "exports/ledger_export.hpp"
#include "exports/pdf_document.hpp"

#include <spdlog/spdlog.h>

#include <map>

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

std::string joined(const std::vector<NamedRef>& units) {
    std::string text;
    for (const auto& unit : units) {
        if (!text.empty()) {
            text += "、";
        }
        text += unit.name;
    }
    return text;
}

std::string status_label(const std::optional<std::string>& status) {
    return status ? label_of<activities::AttendanceStatus>(*status) : std::string("未登记");
}

// The 台账 of one activity from the current position of `document`.
void write_activity(PdfDocument& document, const storage::LedgerActivity& activity,
                    const attachments::AttachmentStore& store) {
    document.title("活动台账");
    document.centred(activity.title, 14, true);
    document.space(10);
    document.heading("基本信息");
    document.field("所属联盟", activity.alliance.name);
    document.field("联动", label_of<campaign::Linkage>(activity.linkage));
    document.field("活动类型", label_of<campaign::ActivityKind>(activity.kind));
    document.field("活动时间",
                   local_time(activity.starts_at) + " 至 " + local_time(activity.ends_at));
    document.field("活动地点", activity.place);
    document.field("承办单位", activity.host_unit.name);
    document.field("参加单位", joined(activity.participating_units));
    document.field("台账状态", label_of<activities::ActivityState>(activity.state));
    document.heading("活动内容");
    document.field("活动主题", activity.theme);
    document.field("活动内容", activity.content);
    document.field("活动成效", activity.outcomes);
    document.field("会议纪要", activity.minutes);
    if (!activity.parts.empty()) {
        document.heading("各单位分项（有分有合）");
        for (const auto& part : activity.parts) {
            document.field(part.unit.name, "内容：" + part.content + "\n成效：" + part.outcomes);
        }
    }
    document.heading("参加人员签到");
    if (activity.attendance.empty()) {
        document.paragraph("（无签到记录）");
    }
    std::map<std::string, std::vector<const storage::LedgerAttendanceRow*>> by_unit;
    std::vector<std::string> unit_order;
    for (const auto& row : activity.attendance) {
        if (!by_unit.contains(row.unit.name)) {
            unit_order.push_back(row.unit.name);
        }
        by_unit[row.unit.name].push_back(&row);
    }
    for (const auto& unit : unit_order) {
        const auto& rows = by_unit[unit];
        int present = 0;
        for (const auto* row : rows) {
            present += row->status && *row->status == "present" ? 1 : 0;
        }
        document.paragraph(unit + "（应到 " + std::to_string(rows.size()) + " 人，实到 " +
                           std::to_string(present) + " 人）");
        std::vector<std::vector<std::string>> cells;
        int index = 0;
        for (const auto* row : rows) {
            cells.push_back({std::to_string(++index), row->member.name, status_label(row->status)});
        }
        document.table({"序号", "姓名", "签到情况"}, {0.15, 0.5, 0.35}, cells);
    }
    document.heading("活动照片");
    if (activity.photos.empty()) {
        document.paragraph("（无照片）");
    }
    for (const auto& photo : activity.photos) {
        try {
            if (document.image(store.path_of(photo.stored_name))) {
                document.paragraph(photo.original_name, 9);
            }
        } catch (const std::exception& error) {
            spdlog::warn("ledger PDF: photo {} skipped: {}", photo.stored_name, error.what());
        }
    }
    if (activity.document_count > 0) {
        document.paragraph(
            "另有其他附件 " + std::to_string(activity.document_count) + " 份，见系统。", 9);
    }
}

// The binder into `document`; `start_pages` the pages the activities start on (zeros on the
// first pass), and the pages they did start on returned.
std::vector<int> write_binder(PdfDocument& document, const NamedRef& alliance, int year,
                              const std::vector<storage::LedgerActivity>& activities,
                              const std::vector<int>& start_pages,
                              const attachments::AttachmentStore& store) {
    document.space(180);
    document.title(alliance.name, 26);
    document.space(10);
    document.centred(std::to_string(year) + " 年度活动台账", 20, true);
    document.space(40);
    document.centred("共 " + std::to_string(activities.size()) + " 项活动", 14);
    document.centred("导出时间：" + local_time(now_timestamp()), 11);
    document.new_page();
    document.title("目录", 18);
    for (std::size_t i = 0; i < activities.size(); ++i) {
        const auto& activity = activities[i];
        const auto date = local_time(activity.starts_at).substr(0, 10);
        document.contents_line(std::to_string(i + 1) + ". " + date + "  " + activity.title,
                               i < start_pages.size() ? start_pages[i] : 0);
    }
    std::vector<int> started;
    for (const auto& activity : activities) {
        document.new_page();
        started.push_back(document.page());
        write_activity(document, activity, store);
    }
    return started;
}

}  // namespace

std::string activity_ledger_pdf(const storage::LedgerActivity& activity,
                                const attachments::AttachmentStore& store) {
    PdfDocument document;
    write_activity(document, activity, store);
    return document.finish();
}

std::string ledger_binder_pdf(const NamedRef& alliance, int year,
                              const std::vector<storage::LedgerActivity>& activities,
                              const attachments::AttachmentStore& store) {
    // The first pass learns where each activity starts; the second writes those pages into the
    // table of contents (the numbers do not change its length).
    std::vector<int> start_pages;
    {
        PdfDocument rehearsal;
        start_pages = write_binder(rehearsal, alliance, year, activities, {}, store);
        rehearsal.finish();
    }
    PdfDocument document;
    write_binder(document, alliance, year, activities, start_pages, store);
    return document.finish();
}

}  // namespace lianjian::exports
