#include "campaign/campaign.hpp"

#include "core/text.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <set>
#include <stdexcept>

namespace lianjian::campaign {

namespace {

std::chrono::sys_days to_days(const std::string& date) {
    if (!text::is_calendar_date(date)) {
        throw std::invalid_argument("not a calendar date: " + date);
    }
    const int year = std::stoi(date.substr(0, 4));
    const unsigned month = static_cast<unsigned>(std::stoi(date.substr(5, 2)));
    const unsigned day = static_cast<unsigned>(std::stoi(date.substr(8, 2)));
    return std::chrono::sys_days{std::chrono::year{year} / std::chrono::month{month} /
                                 std::chrono::day{day}};
}

std::string from_days(std::chrono::sys_days days) {
    const std::chrono::year_month_day date{days};
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", static_cast<int>(date.year()),
                  static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
    return buffer;
}

std::string date_of(int year, int month, int day) {
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", year, month, day);
    return buffer;
}

std::string field_of(std::size_t index, const char* name) {
    return "phases[" + std::to_string(index) + "]." + name;
}

}  // namespace

int days_between(const std::string& from, const std::string& to) {
    return static_cast<int>((to_days(to) - to_days(from)).count());
}

std::string add_days(const std::string& date, int days) {
    return from_days(to_days(date) + std::chrono::days{days});
}

Campaign default_campaign(int year) {
    Campaign campaign;
    campaign.year = year;
    campaign.configured = false;
    campaign.phases = {{Phase::planning, date_of(year, 4, 1), date_of(year, 4, 30)},
                       {Phase::implementation, date_of(year, 5, 1), date_of(year, 11, 30)},
                       {Phase::summary, date_of(year, 12, 1), date_of(year, 12, 31)}};
    campaign.reminder_days.assign(std::begin(default_reminder_days),
                                  std::end(default_reminder_days));
    return campaign;
}

std::vector<FieldMessage> campaign_problems(int year, const std::vector<PhaseDates>& phases,
                                            const std::vector<int>& reminder_days) {
    std::vector<FieldMessage> problems;
    if (phases.size() != std::size(all_phases)) {
        problems.push_back({"phases", "须依次填写制定计划、组织实施、总结提高三个阶段的起止日期"});
    }
    const auto first_day = date_of(year, 1, 1);
    const auto last_day = date_of(year, 12, 31);
    std::optional<std::string> previous_end;
    for (std::size_t index = 0; index < phases.size() && index < std::size(all_phases); ++index) {
        const auto& phase = phases[index];
        const std::string label = enum_label(all_phases[index]);
        if (phase.phase != all_phases[index]) {
            problems.push_back({field_of(index, "code"),
                                "第 " + std::to_string(index + 1) + " 个阶段应为“" + label + "”"});
        }
        bool dates_valid = true;
        for (const auto* name : {"starts_on", "ends_on"}) {
            const auto& value = std::string(name) == "starts_on" ? phase.starts_on : phase.ends_on;
            const std::string what = std::string(name) == "starts_on" ? "开始日期" : "结束日期";
            if (!text::is_calendar_date(value)) {
                problems.push_back({field_of(index, name),
                                    label + "的" + what + "应为日期，如 " + date_of(year, 4, 1)});
                dates_valid = false;
            } else if (value < first_day || value > last_day) {
                problems.push_back({field_of(index, name), label + "的" + what + "须在 " +
                                                               std::to_string(year) + " 年内"});
                dates_valid = false;
            }
        }
        if (!dates_valid) {
            previous_end.reset();
            continue;
        }
        if (phase.ends_on < phase.starts_on) {
            problems.push_back({field_of(index, "ends_on"), label + "的结束日期不能早于开始日期"});
        }
        if (previous_end && phase.starts_on <= *previous_end) {
            problems.push_back(
                {field_of(index, "starts_on"), label + "须在上一阶段结束之后开始，各阶段不能重叠"});
        }
        previous_end = phase.ends_on;
    }
    std::set<int> seen;
    for (int days : reminder_days) {
        if (days < 1 || days > 60) {
            problems.push_back({"reminder_days", "提前提醒天数须为 1 到 60 之间的整数"});
            break;
        }
        if (!seen.insert(days).second) {
            problems.push_back({"reminder_days", "提前提醒天数不能重复"});
            break;
        }
    }
    return problems;
}

const PhaseDates& phase_dates(const Campaign& campaign, Phase phase) {
    for (const auto& dates : campaign.phases) {
        if (dates.phase == phase) {
            return dates;
        }
    }
    throw std::logic_error(std::string("campaign without phase ") + enum_code(phase));
}

std::optional<Phase> phase_on(const Campaign& campaign, const std::string& date) {
    for (const auto& dates : campaign.phases) {
        if (dates.starts_on <= date && date <= dates.ends_on) {
            return dates.phase;
        }
    }
    return std::nullopt;
}

Phase phase_of(Deadline deadline) {
    switch (deadline) {
        case Deadline::plan_due:
        case Deadline::report_planning:
            return Phase::planning;
        case Deadline::report_implementation:
            return Phase::implementation;
        case Deadline::report_summary:
            return Phase::summary;
    }
    return Phase::planning;
}

Deadline report_deadline(Phase phase) {
    switch (phase) {
        case Phase::planning:
            return Deadline::report_planning;
        case Phase::implementation:
            return Deadline::report_implementation;
        case Phase::summary:
            return Deadline::report_summary;
    }
    return Deadline::report_planning;
}

std::vector<DeadlineDate> deadlines_of(const Campaign& campaign) {
    std::vector<DeadlineDate> deadlines;
    for (auto deadline : all_deadlines) {
        const auto phase = phase_of(deadline);
        deadlines.push_back({deadline, phase, phase_dates(campaign, phase).ends_on});
    }
    std::stable_sort(deadlines.begin(), deadlines.end(),
                     [](const auto& a, const auto& b) { return a.due_on < b.due_on; });
    return deadlines;
}

DeadlineStatus deadline_status(const std::string& due_on, const std::optional<std::string>& done_on,
                               const std::string& today) {
    if (done_on) {
        return *done_on <= due_on ? DeadlineStatus::done : DeadlineStatus::done_late;
    }
    return today <= due_on ? DeadlineStatus::pending : DeadlineStatus::overdue;
}

std::vector<ReminderDecision> due_reminders(const std::string& due_on,
                                            const std::vector<int>& reminder_days,
                                            const std::string& today, bool done) {
    std::vector<ReminderDecision> due;
    if (done) {
        return due;
    }
    const int left = days_between(today, due_on);
    if (left < 0) {
        return due;
    }
    std::vector<int> days(reminder_days);
    std::sort(days.begin(), days.end());
    bool sent = false;
    for (int d : days) {
        if (left <= d) {
            due.push_back({d, !sent});
            sent = true;
        }
    }
    return due;
}

}  // namespace lianjian::campaign
