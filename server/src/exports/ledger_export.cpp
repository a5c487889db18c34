#include "exports/ledger_export.hpp"

#include "core/clock.hpp"
#include "core/error.hpp"
#include "exports/xlsx.hpp"
#include "storage/alliance_repository.hpp"

namespace lianjian::exports {

namespace {

void require_read(storage::Session& session, const accounts::Caller& caller,
                  long long alliance_id) {
    accounts::Target target;
    if (auto alliance = storage::find_alliance(session, alliance_id, today_date())) {
        target = alliances::permission_target(*alliance);
    }
    if (!caller.may(accounts::Permission::activities_read, target)) {
        throw AppError(ErrorCode::forbidden, "只能导出本单位所在联盟的活动台账");
    }
}

struct YearLedger {
    NamedRef alliance;
    std::vector<storage::LedgerActivity> activities;
};

YearLedger year_ledger(storage::Database& database, const accounts::Caller& caller,
                       long long alliance_id, int year) {
    storage::Connection connection(database);
    auto& session = connection.session();
    auto alliance = storage::find_alliance_name(session, alliance_id);
    if (!alliance) {
        throw AppError(ErrorCode::not_found, "联盟不存在");
    }
    require_read(session, caller, alliance_id);
    YearLedger ledger{*alliance, {}};
    for (const auto id : storage::ledger_activity_ids(session, alliance_id, year)) {
        if (auto activity = storage::find_ledger_activity(session, id)) {
            ledger.activities.push_back(std::move(*activity));
        }
    }
    return ledger;
}

std::string year_name(const NamedRef& alliance, int year, const char* suffix) {
    std::string name = alliance.name;
    name += '-';
    name += std::to_string(year);
    name += suffix;
    return name;
}

}  // namespace

ExportFile LedgerExportService::activity_pdf(const accounts::Caller& caller,
                                             long long activity_id) {
    std::optional<storage::LedgerActivity> activity;
    {
        storage::Connection connection(database_);
        auto& session = connection.session();
        activity = storage::find_ledger_activity(session, activity_id);
        if (!activity) {
            throw AppError(ErrorCode::not_found, "活动不存在");
        }
        require_read(session, caller, activity->alliance.id);
    }
    std::string name = "活动台账-";
    name += activity->title;
    name += ".pdf";
    return {activity_ledger_pdf(*activity, store_), "application/pdf", name};
}

ExportFile LedgerExportService::alliance_xlsx(const accounts::Caller& caller, long long alliance_id,
                                              int year) {
    const auto ledger = year_ledger(database_, caller, alliance_id, year);
    return {ledger_xlsx(ledger.alliance, year, ledger.activities), xlsx_content_type,
            year_name(ledger.alliance, year, "年度活动台账.xlsx")};
}

ExportFile LedgerExportService::binder_pdf(const accounts::Caller& caller, long long alliance_id,
                                           int year) {
    const auto ledger = year_ledger(database_, caller, alliance_id, year);
    return {ledger_binder_pdf(ledger.alliance, year, ledger.activities, store_), "application/pdf",
            year_name(ledger.alliance, year, "年度台账汇编.pdf")};
}

}  // namespace lianjian::exports
