#include "campaign/campaign_service.hpp"

#include "campaign/reminder_service.hpp"

#include "audit/detail.hpp"
#include "core/changes.hpp"
#include "core/clock.hpp"
#include "core/error.hpp"
#include "core/text.hpp"
#include "storage/alliance_repository.hpp"
#include "storage/campaign_repository.hpp"

#include <algorithm>

namespace lianjian::campaign {

using accounts::Permission;

namespace {

void check_year(int year, const char* field = "year") {
    if (year < 2000 || year > 2100) {
        throw field_error(field, "年度应在 2000 到 2100 之间");
    }
}

std::string now_text() {
    return now_timestamp();
}

CampaignView view_of(Campaign campaign) {
    CampaignView view;
    view.current_phase = phase_on(campaign, programme_clock::today());
    view.deadlines = deadlines_of(campaign);
    view.campaign = std::move(campaign);
    return view;
}

std::string phases_text(const std::vector<PhaseDates>& phases) {
    std::string text;
    for (const auto& phase : phases) {
        if (!text.empty()) {
            text += "；";
        }
        text += std::string(enum_label(phase.phase)) + " " + phase.starts_on + "—" + phase.ends_on;
    }
    return text;
}

std::string days_text(const std::vector<int>& days) {
    std::string text;
    for (int d : days) {
        text += (text.empty() ? "" : "、") + std::to_string(d);
    }
    return text;
}

std::optional<std::string> local_date_of(const std::optional<std::string>& timestamp) {
    if (!timestamp) {
        return std::nullopt;
    }
    return programme_clock::local_date(parse_timestamp(*timestamp, "submitted_at"));
}

}  // namespace

Campaign effective_campaign(storage::Session& session, int year) {
    if (auto stored = storage::find_campaign(session, year)) {
        return *stored;
    }
    return default_campaign(year);
}

std::vector<DeadlineItem> deadline_items(const std::vector<DeadlineDate>& deadlines,
                                         const std::vector<std::pair<Deadline, std::string>>& done,
                                         const std::string& today) {
    std::vector<DeadlineItem> items;
    for (const auto& deadline : deadlines) {
        DeadlineItem item;
        item.deadline = deadline.code;
        for (const auto& [code, at] : done) {
            if (code == deadline.code) {
                item.done_at = at;
            }
        }
        item.status = deadline_status(deadline.due_on, local_date_of(item.done_at), today);
        items.push_back(std::move(item));
    }
    return items;
}

CampaignView CampaignService::get(int year) {
    check_year(year);
    storage::Connection connection(database_);
    return view_of(effective_campaign(connection.session(), year));
}

CampaignView CampaignService::update(const accounts::Caller& caller, int year,
                                     const CampaignInput& input) {
    if (!caller.may_everywhere(Permission::campaign_manage)) {
        throw AppError(ErrorCode::forbidden, "只有机关工委可以设置年度工作的阶段和截止日期");
    }
    check_year(year);
    auto problems = campaign_problems(year, input.phases, input.reminder_days);
    if (!problems.empty()) {
        throw fields_error(problems);
    }
    std::vector<int> days(input.reminder_days);
    std::sort(days.rbegin(), days.rend());
    storage::Transaction transaction(database_);
    auto& session = transaction.session();
    const auto stored = storage::find_campaign(session, year);
    const auto before = stored ? *stored : default_campaign(year);
    Campaign campaign = before;
    campaign.configured = true;
    campaign.phases = input.phases;
    campaign.reminder_days = days;
    const auto now = now_text();
    if (!stored) {
        campaign.version = 1;
        storage::insert_campaign(session, campaign, now);
    } else {
        if (!input.version) {
            throw field_error("version", "缺少版本号“version”，请刷新后再保存");
        }
        if (*input.version != stored->version ||
            !storage::update_campaign(session, campaign, *input.version, now)) {
            throw AppError(ErrorCode::conflict, "年度工作已被他人修改，请刷新后再保存");
        }
        campaign.version = stored->version + 1;
    }
    ChangeSet changed;
    changed.compare("configured", before.configured, true);
    changed.compare("phases", phases_text(before.phases), phases_text(campaign.phases));
    changed.compare("reminder_days", days_text(before.reminder_days),
                    days_text(campaign.reminder_days));
    audit_.record(transaction,
                  {caller.actor, stored ? "campaign.update" : "campaign.create", "campaign",
                   std::to_string(year), audit::Outcome::success, changed.json()});
    transaction.commit();
    return view_of(std::move(campaign));
}

DeadlineOverview CampaignService::deadlines(const accounts::Caller& caller, int year) {
    check_year(year);
    storage::Connection connection(database_);
    auto& session = connection.session();
    const auto today = programme_clock::today();
    const auto campaign = effective_campaign(session, year);
    DeadlineOverview overview;
    overview.deadlines = deadlines_of(campaign);
    const auto completions = storage::deadline_completions(session, year);
    for (const auto& alliance : storage::list_alliances(session, today)) {
        if (!caller.may(Permission::reports_read, alliances::permission_target(alliance))) {
            continue;
        }
        std::vector<std::pair<Deadline, std::string>> done;
        for (auto deadline : all_deadlines) {
            const auto it = completions.find({alliance.id, deadline});
            if (it != completions.end()) {
                done.emplace_back(deadline, it->second);
            }
        }
        AllianceDeadlines row;
        row.alliance = {alliance.id, alliance.name};
        row.lead_unit_id = alliance.lead_unit.id;
        row.items = deadline_items(overview.deadlines, done, today);
        row.overdue = static_cast<int>(
            std::count_if(row.items.begin(), row.items.end(),
                          [](const auto& item) { return item.status == DeadlineStatus::overdue; }));
        overview.alliances.push_back(std::move(row));
    }
    return overview;
}

HomeCampaign CampaignService::home(const accounts::Caller& caller) {
    const auto today = programme_clock::today();
    const int year = programme_clock::current_year();
    storage::Connection connection(database_);
    auto& session = connection.session();
    const auto campaign = effective_campaign(session, year);
    HomeCampaign home;
    home.year = year;
    home.configured = campaign.configured;
    home.current_phase = phase_on(campaign, today);
    if (home.current_phase) {
        home.phase_ends_on = phase_dates(campaign, *home.current_phase).ends_on;
    }
    const auto deadlines = deadlines_of(campaign);
    // The lead unit's admin: the nearest deadline its alliance has not done yet.
    if (caller.unit_id && caller.reach(Permission::reports_submit)) {
        for (const auto& alliance : storage::list_alliances(session, today)) {
            if (alliance.lead_unit.id != *caller.unit_id) {
                continue;
            }
            const auto completions = storage::deadline_completions(session, year);
            for (const auto& deadline : deadlines) {
                if (completions.contains({alliance.id, deadline.code})) {
                    continue;
                }
                home.next_deadline = NextDeadline{deadline.code, deadline.due_on,
                                                  days_between(today, deadline.due_on),
                                                  NamedRef{alliance.id, alliance.name}};
                return home;
            }
            return home;
        }
    }
    for (const auto& deadline : deadlines) {
        if (deadline.due_on >= today) {
            home.next_deadline = NextDeadline{deadline.code, deadline.due_on,
                                              days_between(today, deadline.due_on), std::nullopt};
            break;
        }
    }
    return home;
}

PhaseReportPage CampaignService::reports(const accounts::Caller& caller,
                                         const PhaseReportFilter& filter) {
    storage::Connection connection(database_);
    auto& session = connection.session();
    storage::PhaseReportQuery query;
    query.year = filter.year;
    query.alliance_id = filter.alliance_id;
    query.phase = filter.phase;
    query.offset = static_cast<long long>(filter.page - 1) * filter.page_size;
    query.limit = filter.page_size;
    if (!caller.may_everywhere(Permission::reports_read)) {
        std::vector<long long> reach;
        if (caller.unit_id) {
            if (auto alliance = storage::open_alliance_of_unit(session, *caller.unit_id)) {
                reach.push_back(*alliance);
            }
        }
        query.alliance_ids = reach;
    }
    auto rows = storage::list_phase_reports(session, query);
    return {std::move(rows.items), rows.total};
}

PhaseReport CampaignService::submit_report(const accounts::Caller& caller,
                                           const PhaseReportInput& input) {
    check_year(input.year);
    const auto account = text::normalised_or_throw(input.account, "account");
    if (account.empty()) {
        throw field_error("account", "请填写阶段汇报的内容");
    }
    storage::Transaction transaction(database_);
    auto& session = transaction.session();
    const auto alliance = storage::find_alliance(session, input.alliance_id, today_date());
    if (!alliance || alliance->dissolved_on) {
        throw field_error("alliance_id", "联盟不存在或已解散");
    }
    if (!caller.may(Permission::reports_submit, alliances::permission_target(*alliance))) {
        throw AppError(ErrorCode::forbidden, "只有本联盟的牵头单位可以提交阶段汇报");
    }
    if (storage::phase_report_exists(session, alliance->id, input.year, input.phase)) {
        throw AppError(ErrorCode::conflict,
                       alliance->name + "已提交" + std::to_string(input.year) + "年" +
                           enum_label(input.phase) + "的汇报，每个阶段只能提交一次",
                       {{"reason", "phase_report_exists"}});
    }
    const auto id = storage::insert_phase_report(session, alliance->id, input.year, input.phase,
                                                 account, caller.user_id(), now_text());
    // The report is in: its deadline's reminders end for the lead unit.
    resolve_deadline_reminders(transaction, notifier_, report_deadline(input.phase), alliance->id);
    audit_.record(transaction,
                  {caller.actor, "phase_report.submit", "phase_report", std::to_string(id),
                   audit::Outcome::success,
                   audit::detail({{"alliance", audit::detail_ref(alliance->id, alliance->name)},
                                  {"year", input.year},
                                  {"phase", enum_code(input.phase)}})});
    auto report = storage::find_phase_report(session, id);
    transaction.commit();
    return *report;
}

bool CampaignService::create_default(storage::Transaction& transaction, const audit::Actor& actor,
                                     int year) {
    auto& session = transaction.session();
    if (storage::campaign_exists(session, year)) {
        return false;
    }
    auto campaign = default_campaign(year);
    campaign.configured = true;
    campaign.version = 1;
    storage::insert_campaign(session, campaign, now_text());
    audit_.record(transaction, {actor, "campaign.create", "campaign", std::to_string(year),
                                audit::Outcome::success,
                                audit::detail({{"phases", phases_text(campaign.phases)}})});
    return true;
}

}  // namespace lianjian::campaign
