#pragma once

#include "accounts/caller.hpp"
#include "attachments/store.hpp"
#include "storage/database.hpp"
#include "storage/ledger_export_repository.hpp"

#include <string>
#include <vector>

namespace lianjian::exports {

// A file to download: its bytes, type and the name offered (Content-Disposition).
struct ExportFile {
    std::string bytes;
    std::string media_type;
    std::string filename;
};

// The 台账 of one activity as a PDF.
std::string activity_ledger_pdf(const storage::LedgerActivity& activity,
                                const attachments::AttachmentStore& store);
// An alliance's year as a binder: a cover, a table of contents with page numbers, then each
// activity's 台账 starting on a new page.
std::string ledger_binder_pdf(const NamedRef& alliance, int year,
                              const std::vector<storage::LedgerActivity>& activities,
                              const attachments::AttachmentStore& store);
// An alliance's year as a workbook: sheet 活动 (one row per activity) and 签到 (attendance).
std::string ledger_xlsx(const NamedRef& alliance, int year,
                        const std::vector<storage::LedgerActivity>& activities);

// The ledger exports (docs/activities.md "Exports"), for those who may read the alliance's
// activities (activities_read).
class LedgerExportService {
  public:
    LedgerExportService(storage::Database& database, const attachments::AttachmentStore& store)
        : database_(database), store_(store) {}

    ExportFile activity_pdf(const accounts::Caller& caller, long long activity_id);
    ExportFile alliance_xlsx(const accounts::Caller& caller, long long alliance_id, int year);
    ExportFile binder_pdf(const accounts::Caller& caller, long long alliance_id, int year);

  private:
    storage::Database& database_;
    const attachments::AttachmentStore& store_;
};

}  // namespace lianjian::exports
