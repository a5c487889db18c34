#pragma once

#include "accounts/caller.hpp"
#include "attachments/attachment.hpp"
#include "attachments/store.hpp"
#include "audit/audit_log.hpp"
#include "storage/database.hpp"

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace lianjian::attachments {

// An uploaded body waiting in the temporary directory, with what the client said about it.
struct UploadRequest {
    std::filesystem::path file;
    std::uintmax_t size = 0;
    std::string filename;                            // as sent: normalised here
    std::optional<activities::AttachmentKind> kind;  // default: photo for images, else document
};

// A stored file to answer with.
struct StoredFile {
    Attachment attachment;
    std::filesystem::path path;
};

// Photos and documents of activities (docs/activities.md "Attachments"). Writing is for the host
// unit's administrator (activities_write and the caller's unit is the host); reading for those
// who may read the activity's alliance (activities_read). The file is placed (fsync, rename,
// fsync of the directory) before its row commits; when the commit fails the file is removed, and
// whatever a crash leaves without a row is removed by `sweep`.
class AttachmentService {
  public:
    AttachmentService(storage::Database& database, audit::AuditLog& audit, AttachmentStore store);

    Attachment upload(const accounts::Caller& caller, long long activity_id,
                      const UploadRequest& request);
    std::vector<Attachment> list(const accounts::Caller& caller, long long activity_id);
    StoredFile content(const accounts::Caller& caller, long long attachment_id);
    // The upright JPEG of at most 480 px of a photo (made at upload, or now if missing).
    StoredFile thumbnail(const accounts::Caller& caller, long long attachment_id);
    // Soft removal (removed_at); refused (409) once the ledger is submitted or archived.
    void remove(const accounts::Caller& caller, long long attachment_id);

    // Removes files without a row and stale temporary files older than `minimum_age`.
    AttachmentStore::Swept sweep(std::chrono::seconds minimum_age = std::chrono::hours(1));

    const AttachmentStore& store() const { return store_; }

    // For tests of crash safety: called inside the upload's transaction after the file is placed
    // and the row inserted, just before the commit. A hook that throws fails the upload there.
    void set_before_commit(std::function<void()> hook) { before_commit_ = std::move(hook); }

  private:
    storage::Database& database_;
    audit::AuditLog& audit_;
    AttachmentStore store_;
    std::function<void()> before_commit_;
};

}  // namespace lianjian::attachments
