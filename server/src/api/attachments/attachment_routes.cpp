#include "api/query_input.hpp"
#include "api/reference.hpp"
#include "api/routes.hpp"
#include "core/error.hpp"
#include "http/file_response.hpp"

#include <boost/json/array.hpp>

namespace lianjian::api {

using accounts::Permission;
using http::beast_http::verb;

namespace {

boost::json::object attachment_json(const attachments::Attachment& attachment) {
    const auto base = "/api/v1/attachments/" + std::to_string(attachment.id);
    return {
        {"id", attachment.id},
        {"activity_id", attachment.activity_id},
        {"kind", enum_code(attachment.kind)},
        {"media_type", attachment.media_type},
        {"original_name", attachment.original_name},
        {"size_bytes", attachment.size_bytes},
        {"sha256", attachment.sha256},
        {"width", attachment.width ? boost::json::value(*attachment.width) : nullptr},
        {"height", attachment.height ? boost::json::value(*attachment.height) : nullptr},
        {"uploaded_by", ref_json(attachment.uploaded_by)},
        {"uploaded_at", attachment.uploaded_at},
        {"content_url", base + "/content"},
        {"thumbnail_url", attachment.width ? boost::json::value(base + "/thumbnail") : nullptr}};
}

}  // namespace

void add_attachment_routes(http::Router& router, app::Services& services) {
    auto& attachments = services.attachments;
    const http::RouteDeclaration read{Permission::activities_read, accounts::Scope::own_alliance};
    http::RouteDeclaration upload{Permission::activities_write, accounts::Scope::own_alliance};
    upload.body = http::BodyKind::upload;
    const http::RouteDeclaration write{Permission::activities_write, accounts::Scope::own_alliance};
    router.add(verb::post, "/api/v1/activities/{id}/attachments", upload,
               [&attachments](http::RequestContext& context) {
                   attachments::UploadRequest request;
                   if (context.upload) {
                       request.file = context.upload->path;
                       request.size = context.upload->size;
                   }
                   if (!context.upload || request.size == 0) {
                       throw AppError(ErrorCode::unsupported_media_type, "请选择要上传的文件",
                                      {{"reason", "unsupported_type"}});
                   }
                   // Read raw: the name is only metadata and is cleaned by its own rule.
                   const auto name = context.query.find("filename");
                   request.filename = name == context.query.end() ? "" : name->second;
                   request.kind = query_enum<activities::AttachmentKind>(context, "kind");
                   const auto stored =
                       attachments.upload(context.caller(), context.id_parameter(), request);
                   return http::json_response(http::Status::created, attachment_json(stored));
               });
    router.add(verb::get, "/api/v1/activities/{id}/attachments", read,
               [&attachments](http::RequestContext& context) {
                   boost::json::array items;
                   for (const auto& attachment :
                        attachments.list(context.caller(), context.id_parameter())) {
                       items.emplace_back(attachment_json(attachment));
                   }
                   const auto total = static_cast<long long>(items.size());
                   return http::json_response(
                       http::Status::ok,
                       boost::json::object{{"items", std::move(items)}, {"total", total}});
               });
    router.add(verb::get, "/api/v1/attachments/{id}/content", read,
               [&attachments](http::RequestContext& context) {
                   const auto file = attachments.content(context.caller(), context.id_parameter());
                   return http::file_response(file.path, file.attachment.media_type,
                                              file.attachment.original_name);
               });
    router.add(verb::get, "/api/v1/attachments/{id}/thumbnail", read,
               [&attachments](http::RequestContext& context) {
                   const auto file =
                       attachments.thumbnail(context.caller(), context.id_parameter());
                   auto name = file.attachment.original_name;
                   name += ".thumb.jpg";
                   return http::file_response(file.path, "image/jpeg", name, true);
               });
    router.add(verb::delete_, "/api/v1/attachments/{id}", write,
               [&attachments](http::RequestContext& context) {
                   attachments.remove(context.caller(), context.id_parameter());
                   return http::empty_response(http::Status::no_content);
               });
}

}  // namespace lianjian::api
