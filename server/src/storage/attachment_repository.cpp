#include "storage/attachment_repository.hpp"

#include "core/enum_text.hpp"
#include "storage/query.hpp"
#include "storage/row.hpp"

namespace lianjian::storage {

namespace {

constexpr const char* attachment_columns =
    "SELECT a.id, a.activity_id, a.kind, a.media_type, a.original_name, a.stored_name, "
    "a.size_bytes, a.sha256, a.width, a.height, a.uploaded_by_user_id, u.display_name AS "
    "uploader_name, a.uploaded_at, a.removed_at FROM attachment a LEFT JOIN app_user u ON u.id = "
    "a.uploaded_by_user_id ";

attachments::Attachment attachment_from(const soci::row& row) {
    const Columns columns(row);
    attachments::Attachment attachment;
    attachment.id = columns.integer("id");
    attachment.activity_id = columns.integer("activity_id");
    attachment.kind = parse_enum<activities::AttachmentKind>("kind", columns.text("kind"));
    attachment.media_type = columns.text("media_type");
    attachment.original_name = columns.text("original_name");
    attachment.stored_name = columns.text("stored_name");
    attachment.size_bytes = columns.integer("size_bytes");
    attachment.sha256 = columns.text("sha256");
    if (auto width = columns.optional_integer("width")) {
        attachment.width = static_cast<int>(*width);
    }
    if (auto height = columns.optional_integer("height")) {
        attachment.height = static_cast<int>(*height);
    }
    if (auto user = columns.optional_integer("uploaded_by_user_id")) {
        attachment.uploaded_by =
            NamedRef{*user, columns.optional_text("uploader_name").value_or("")};
    }
    attachment.uploaded_at = columns.text("uploaded_at");
    attachment.removed_at = columns.optional_text("removed_at");
    return attachment;
}

}  // namespace

long long insert_attachment(Session& session, const attachments::Attachment& attachment,
                            long long uploaded_by_user_id) {
    long long id = 0;
    const std::string kind = enum_code(attachment.kind);
    const long long width = attachment.width.value_or(0);
    const long long height = attachment.height.value_or(0);
    soci::indicator width_indicator = attachment.width ? soci::i_ok : soci::i_null;
    soci::indicator height_indicator = attachment.height ? soci::i_ok : soci::i_null;
    soci::indicator user_indicator = uploaded_by_user_id > 0 ? soci::i_ok : soci::i_null;
    session << "INSERT INTO attachment (activity_id, kind, media_type, original_name, stored_name, "
               "size_bytes, sha256, width, height, uploaded_by_user_id, uploaded_at) VALUES "
               "(:activity, :kind, :media_type, :original_name, :stored_name, :size_bytes, "
               ":sha256, :width, :height, :user, :uploaded_at) RETURNING id",
        soci::use(attachment.activity_id), soci::use(kind), soci::use(attachment.media_type),
        soci::use(attachment.original_name), soci::use(attachment.stored_name),
        soci::use(attachment.size_bytes), soci::use(attachment.sha256),
        soci::use(width, width_indicator), soci::use(height, height_indicator),
        soci::use(uploaded_by_user_id, user_indicator), soci::use(attachment.uploaded_at),
        soci::into(id);
    return id;
}

std::optional<attachments::Attachment> find_attachment(Session& session, long long attachment_id) {
    std::optional<attachments::Attachment> found;
    Query(std::string(attachment_columns) + "WHERE a.id = :id")
        .bind("id", attachment_id)
        .for_each_row(session, [&](const soci::row& row) { found = attachment_from(row); });
    return found;
}

std::vector<attachments::Attachment> activity_attachments(Session& session, long long activity_id) {
    std::vector<attachments::Attachment> list;
    Query(std::string(attachment_columns) +
          "WHERE a.activity_id = :activity AND a.removed_at IS NULL ORDER BY a.id")
        .bind("activity", activity_id)
        .for_each_row(session, [&](const soci::row& row) { list.push_back(attachment_from(row)); });
    return list;
}

bool mark_attachment_removed(Session& session, long long attachment_id, const std::string& now) {
    return Query("UPDATE attachment SET removed_at = :now WHERE id = :id AND removed_at IS NULL")
               .bind("now", now)
               .bind("id", attachment_id)
               .execute(session) > 0;
}

std::set<std::string> stored_attachment_names(Session& session) {
    std::set<std::string> names;
    Query("SELECT stored_name FROM attachment").for_each_row(session, [&](const soci::row& row) {
        names.insert(text_at(row, 0));
    });
    return names;
}

}  // namespace lianjian::storage
