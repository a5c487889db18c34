#include "attachments/attachment_service.hpp"

#include "attachments/image.hpp"
#include "attachments/naming.hpp"
#include "attachments/sniff.hpp"
#include "audit/detail.hpp"
#include "core/clock.hpp"
#include "core/error.hpp"
#include "storage/alliance_repository.hpp"
#include "storage/attachment_repository.hpp"
#include "storage/attendance_repository.hpp"

#include <spdlog/spdlog.h>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

namespace lianjian::attachments {

using accounts::Permission;
using activities::ActivityState;

namespace {

activities::ActivityFacts activity_of(storage::Session& session, long long activity_id) {
    auto facts = storage::find_activity_facts(session, activity_id);
    if (!facts) {
        throw AppError(ErrorCode::not_found, "活动不存在");
    }
    return *facts;
}

accounts::Target alliance_target(storage::Session& session, long long alliance_id) {
    auto alliance = storage::find_alliance(session, alliance_id, today_date());
    if (!alliance) {
        return {};
    }
    return alliances::permission_target(*alliance);
}

void require_read(storage::Session& session, const accounts::Caller& caller,
                  const activities::ActivityFacts& activity) {
    if (!caller.may(Permission::activities_read, alliance_target(session, activity.alliance.id))) {
        throw AppError(ErrorCode::forbidden, "只能查看本单位所在联盟的活动附件");
    }
}

void require_host(storage::Session& session, const accounts::Caller& caller,
                  const activities::ActivityFacts& activity) {
    if (!caller.may(Permission::activities_write, alliance_target(session, activity.alliance.id)) ||
        caller.unit_id != activity.host_unit.id) {
        throw AppError(ErrorCode::forbidden, "只有承办单位的管理员可以上传或删除活动附件");
    }
}

StoredFile existing(storage::Session& session, long long attachment_id) {
    auto attachment = storage::find_attachment(session, attachment_id);
    if (!attachment || attachment->removed_at) {
        throw AppError(ErrorCode::not_found, "附件不存在或已删除");
    }
    return {*attachment, {}};
}

}  // namespace

AttachmentService::AttachmentService(storage::Database& database, audit::AuditLog& audit,
                                     AttachmentStore store)
    : database_(database), audit_(audit), store_(std::move(store)) {}

Attachment AttachmentService::upload(const accounts::Caller& caller, long long activity_id,
                                     const UploadRequest& request) {
    {
        storage::Connection connection(database_);
        auto& session = connection.session();
        const auto activity = activity_of(session, activity_id);
        require_host(session, caller, activity);
        if (activity.state == ActivityState::archived) {
            throw AppError(ErrorCode::conflict, "活动台账已归档，不能再上传附件",
                           {{"reason", "activity_archived"}});
        }
        if (activity.state == ActivityState::cancelled) {
            throw AppError(ErrorCode::conflict, "活动已取消，不能上传附件",
                           {{"reason", "activity_cancelled"}});
        }
    }
    const auto sniffed = request.size > 0 ? sniff_file(request.file) : std::nullopt;
    std::optional<Dimensions> dimensions;
    if (sniffed && sniffed->is_image()) {
        dimensions = upright_dimensions(request.file);
    }
    if (!sniffed || (sniffed->is_image() && !dimensions)) {
        throw AppError(ErrorCode::unsupported_media_type,
                       "只能上传 JPG、PNG 图片或 PDF、DOCX、XLSX 文件",
                       {{"reason", "unsupported_type"}});
    }
    Attachment attachment;
    attachment.activity_id = activity_id;
    attachment.kind =
        request.kind.value_or(sniffed->is_image() ? activities::AttachmentKind::photo
                                                  : activities::AttachmentKind::document);
    attachment.media_type = sniffed->media_type;
    attachment.original_name = normalise_original_name(request.filename);
    attachment.stored_name = AttachmentStore::new_stored_name(sniffed->extension);
    attachment.size_bytes = static_cast<long long>(request.size);
    attachment.sha256 = sha256_of_file(request.file);
    if (dimensions) {
        attachment.width = dimensions->width;
        attachment.height = dimensions->height;
    }
    attachment.uploaded_at = now_timestamp();
    store_.prepare();
    try {
        if (sniffed->is_image()) {
            write_thumbnail(request.file, store_.thumbnail_of(attachment.stored_name));
        }
        store_.place(request.file, attachment.stored_name);
        storage::Transaction transaction(database_);
        auto& session = transaction.session();
        // The activity may have moved on meanwhile.
        const auto activity = activity_of(session, activity_id);
        if (activity.state == ActivityState::archived ||
            activity.state == ActivityState::cancelled) {
            throw AppError(ErrorCode::conflict, "活动状态已变化，不能上传附件",
                           {{"reason", "activity_archived"}});
        }
        attachment.id = storage::insert_attachment(session, attachment, caller.user_id());
        const auto detail = audit::detail({{"activity_id", activity_id},
                                           {"attachment_kind", enum_code(attachment.kind)},
                                           {"media_type", attachment.media_type},
                                           {"original_name", attachment.original_name},
                                           {"size_bytes", attachment.size_bytes},
                                           {"sha256", attachment.sha256}});
        audit_.record(transaction,
                      {caller.actor, "attachment.upload", "attachment",
                       std::to_string(attachment.id), audit::Outcome::success, detail});
        if (before_commit_) {
            before_commit_();
        }
        transaction.commit();
    } catch (...) {
        // No row names the file: it goes (a crash here instead leaves it to the sweep).
        store_.discard(attachment.stored_name);
        throw;
    }
    storage::Connection connection(database_);
    return *storage::find_attachment(connection.session(), attachment.id);
}

std::vector<Attachment> AttachmentService::list(const accounts::Caller& caller,
                                                long long activity_id) {
    storage::Connection connection(database_);
    auto& session = connection.session();
    const auto activity = activity_of(session, activity_id);
    require_read(session, caller, activity);
    return storage::activity_attachments(session, activity_id);
}

StoredFile AttachmentService::content(const accounts::Caller& caller, long long attachment_id) {
    storage::Connection connection(database_);
    auto& session = connection.session();
    auto file = existing(session, attachment_id);
    require_read(session, caller, activity_of(session, file.attachment.activity_id));
    file.path = store_.path_of(file.attachment.stored_name);
    if (!std::filesystem::exists(file.path)) {
        spdlog::error("attachment {}: its file {} is missing", attachment_id, file.path.string());
        throw AppError(ErrorCode::not_found, "附件文件缺失，请联系系统管理员");
    }
    return file;
}

StoredFile AttachmentService::thumbnail(const accounts::Caller& caller, long long attachment_id) {
    auto file = content(caller, attachment_id);
    if (!file.attachment.width) {
        throw AppError(ErrorCode::not_found, "该附件不是图片，没有缩略图");
    }
    const auto thumbnail = store_.thumbnail_of(file.attachment.stored_name);
    if (!std::filesystem::exists(thumbnail) && !write_thumbnail(file.path, thumbnail)) {
        throw AppError(ErrorCode::not_found, "缩略图无法生成");
    }
    file.path = thumbnail;
    return file;
}

void AttachmentService::remove(const accounts::Caller& caller, long long attachment_id) {
    storage::Transaction transaction(database_);
    auto& session = transaction.session();
    const auto file = existing(session, attachment_id);
    const auto activity = activity_of(session, file.attachment.activity_id);
    require_host(session, caller, activity);
    if (activity.state == ActivityState::ledger_submitted ||
        activity.state == ActivityState::archived) {
        throw AppError(ErrorCode::conflict, "活动台账已提交或归档，不能删除附件",
                       {{"reason", enum_code(activity.state)}});
    }
    storage::mark_attachment_removed(session, attachment_id, now_timestamp());
    const auto detail = audit::detail({{"activity_id", activity.id},
                                       {"original_name", file.attachment.original_name},
                                       {"sha256", file.attachment.sha256}});
    audit_.record(transaction, {caller.actor, "attachment.remove", "attachment",
                                std::to_string(attachment_id), audit::Outcome::success, detail});
    transaction.commit();
}

AttachmentStore::Swept AttachmentService::sweep(std::chrono::seconds minimum_age) {
    std::set<std::string> known;
    {
        storage::Connection connection(database_);
        known = storage::stored_attachment_names(connection.session());
    }
    return store_.sweep(known, minimum_age);
}

}  // namespace lianjian::attachments
