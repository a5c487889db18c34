#include "api/json_input.hpp"
#include "api/page.hpp"
#include "api/query_input.hpp"
#include "api/reference.hpp"
#include "api/routes.hpp"
#include "core/error.hpp"
#include "exports/xlsx.hpp"
#include "members/member_rules.hpp"

#include <boost/json/array.hpp>

#include <cctype>
#include <cmath>
#include <cstdio>

namespace lianjian::api {

using accounts::Permission;
using accounts::Scope;
using http::beast_http::verb;

namespace {

boost::json::object member_json(const members::Member& member) {
    return {{"id", member.id},
            {"name", member.name},
            {"gender", member.gender},
            {"unit", ref_json(member.unit)},
            {"post", member.post},
            {"phone", member.phone},
            {"joined_on", member.joined_on},
            {"status", member.status},
            {"active", member.active},
            {"created_at", member.created_at},
            {"updated_at", member.updated_at}};
}

members::MemberAccess access_of(const http::RequestContext& context) {
    return members::member_access(context.auth->user);
}

// On update the phone may be left out: the client only ever holds the masked number, and the
// stored one is kept (unmasking just to send it back would audit a disclosure that never was).
enum class PhoneField { required, keep_when_absent };

members::MemberDraft draft_from_body(const boost::json::object& body,
                                     PhoneField phone = PhoneField::required) {
    members::MemberDraft draft;
    draft.name = required_string(body, "name");
    draft.gender = required_string(body, "gender");
    draft.unit_id = optional_integer(body, "unit_id");
    if (!draft.unit_id) {
        throw field_error("unit_id", "请选择所属单位");
    }
    draft.post = optional_string(body, "post").value_or("");
    draft.phone = phone == PhoneField::required ? required_string(body, "phone")
                                                : optional_string(body, "phone").value_or("");
    draft.joined_on = required_string(body, "joined_on");
    draft.status = required_string(body, "status");
    return draft;
}

// A spreadsheet cell as the browser sent it: text, a number (phone numbers and dates often come
// as numbers), or nothing. Anything else is a problem of that row, not of the whole request.
std::string cell_text(const boost::json::object& row, const char* field,
                      members::MemberDraft& draft) {
    const auto* value = row.if_contains(field);
    if (!value || value->is_null()) {
        return {};
    }
    if (value->is_string()) {
        return std::string(value->as_string());
    }
    // A whole serial sent as a JSON integer (43948) is the same date as 43948.0.
    if (value->is_int64() && std::string_view(field) == "joined_on") {
        return members::date_of_spreadsheet_serial(static_cast<double>(value->as_int64()))
            .value_or("?");
    }
    if (value->is_int64()) {
        return std::to_string(value->as_int64());
    }
    if (value->is_uint64()) {
        return std::to_string(value->as_uint64());
    }
    if (value->is_double() && std::string_view(field) == "joined_on") {
        return members::date_of_spreadsheet_serial(value->as_double()).value_or("?");
    }
    if (value->is_double() && value->as_double() == std::floor(value->as_double()) &&
        std::abs(value->as_double()) < 1e15) {
        char text[32];
        std::snprintf(text, sizeof text, "%.0f", value->as_double());
        return text;
    }
    draft.read_problems.push_back({field, "无法识别此单元格的内容"});
    return {};
}

std::optional<long long> cell_id(const boost::json::object& row, members::MemberDraft& draft) {
    const auto text = cell_text(row, "unit_id", draft);
    if (text.empty()) {
        return std::nullopt;
    }
    try {
        std::size_t used = 0;
        const long long id = std::stoll(text, &used);
        if (used == text.size() && id > 0) {
            return id;
        }
    } catch (const std::exception&) {
    }
    draft.read_problems.push_back({"unit_id", "单位编号应为正整数"});
    return std::nullopt;
}

members::MemberDraft draft_from_row(const boost::json::value& value) {
    members::MemberDraft draft;
    if (!value.is_object()) {
        draft.read_problems.push_back({"row", "每条记录应为 JSON 对象"});
        return draft;
    }
    const auto& row = value.as_object();
    draft.name = cell_text(row, "name", draft);
    draft.gender = cell_text(row, "gender", draft);
    draft.unit_id = cell_id(row, draft);
    if (auto name = cell_text(row, "unit_name", draft); !name.empty()) {
        draft.unit_name = name;
    }
    draft.post = cell_text(row, "post", draft);
    draft.phone = cell_text(row, "phone", draft);
    draft.joined_on = cell_text(row, "joined_on", draft);
    draft.status = cell_text(row, "status", draft);
    return draft;
}

std::vector<members::MemberDraft> rows_from_body(const http::RequestContext& context) {
    const auto body = json_body(context);
    const auto* rows = body.if_contains("rows");
    if (!rows || !rows->is_array()) {
        throw field_error("rows", "缺少必填字段“rows”（记录数组）");
    }
    if (rows->as_array().size() > members::max_import_rows) {
        throw field_error("rows", "一次最多导入 " + std::to_string(members::max_import_rows) +
                                      " 条记录，请分批导入");
    }
    std::vector<members::MemberDraft> drafts;
    for (const auto& row : rows->as_array()) {
        drafts.push_back(draft_from_row(row));
    }
    return drafts;
}

members::MemberFilter filter_from_query(const http::RequestContext& context) {
    members::MemberFilter filter;
    filter.search = query_text(context, "q").value_or("");
    filter.unit_id = query_id(context, "unit_id");
    filter.status = query_text(context, "status");
    filter.phone = query_text(context, "phone");
    filter.active = query_bool(context, "active");
    filter.sort =
        query_enum<members::MemberSort>(context, "sort").value_or(members::MemberSort::unit);
    const auto page = query_page(context);
    filter.page = page.page;
    filter.page_size = page.page_size;
    return filter;
}

std::vector<std::string> columns_from_query(const http::RequestContext& context) {
    std::vector<std::string> columns;
    const auto text = query_text(context, "columns").value_or("");
    std::size_t start = 0;
    while (start < text.size()) {
        const auto comma = std::min(text.find(',', start), text.size());
        if (comma > start) {
            columns.push_back(text.substr(start, comma - start));
        }
        start = comma + 1;
    }
    return columns;
}

// RFC 6266/5987: the Chinese file name percent-encoded, with an ASCII fallback for old clients.
http::Response xlsx_response(std::string bytes, const std::string& ascii_name,
                             const std::string& name) {
    std::string encoded;
    for (unsigned char c : name) {
        if (std::isalnum(c) || c == '.' || c == '-' || c == '_') {
            encoded += static_cast<char>(c);
        } else {
            char escape[4];
            std::snprintf(escape, sizeof escape, "%%%02X", c);
            encoded += escape;
        }
    }
    http::Response response{http::Status::ok, 11};
    response.set(http::beast_http::field::content_type, exports::xlsx_content_type);
    response.set(http::beast_http::field::content_disposition,
                 "attachment; filename=\"" + ascii_name + "\"; filename*=UTF-8''" + encoded);
    response.body() = std::move(bytes);
    response.prepare_payload();
    return response;
}

void add_import_routes(http::Router& router, members::MemberService& members) {
    const http::RouteDeclaration manage{Permission::members_manage, Scope::own_unit};
    router.add(verb::post, "/api/v1/members/import/preview", manage,
               [&members](http::RequestContext& context) {
                   const auto preview =
                       members.preview_import(access_of(context), rows_from_body(context));
                   return http::json_response(http::Status::ok,
                                              members::import_preview_json(preview));
               });
    router.add(verb::post, "/api/v1/members/import", manage,
               [&members](http::RequestContext& context) {
                   const auto created =
                       members.import(access_of(context), context.actor(), rows_from_body(context));
                   return http::json_response(http::Status::created, {{"created", created}});
               });
    router.add(verb::get, "/api/v1/members/import-template.xlsx", manage,
               [](http::RequestContext&) {
                   return xlsx_response(members::MemberService::import_template_xlsx(),
                                        "member-import-template.xlsx", "党员导入模板.xlsx");
               });
}

}  // namespace

void add_member_routes(http::Router& router, app::Services& services) {
    auto& members = services.members;
    // Every member route is Scope::own_unit: a unit_admin reaches its own unit's members only.
    // The service applies the reach from the account's roles (members::member_access), since a
    // member's unit is known only once the member is read.
    const http::RouteDeclaration read{Permission::members_read, Scope::own_unit};
    const http::RouteDeclaration manage{Permission::members_manage, Scope::own_unit};
    const http::RouteDeclaration unmask{Permission::members_unmask, Scope::own_unit};
    router.add(verb::get, "/api/v1/members", read, [&members](http::RequestContext& context) {
        const auto page = members.list(access_of(context), filter_from_query(context));
        return page_response(page.items, page.total, member_json);
    });
    router.add(verb::post, "/api/v1/members", manage, [&members](http::RequestContext& context) {
        const auto draft = draft_from_body(json_body(context));
        context.require_unit(*draft.unit_id);
        const auto member = members.create(access_of(context), context.actor(), draft);
        return http::json_response(http::Status::created, member_json(member));
    });
    add_import_routes(router, members);
    router.add(verb::get, "/api/v1/members/export.xlsx", read,
               [&members](http::RequestContext& context) {
                   auto bytes =
                       members.export_xlsx(access_of(context), context.actor(),
                                           filter_from_query(context), columns_from_query(context));
                   return xlsx_response(std::move(bytes), "members.xlsx", "党员名单.xlsx");
               });
    router.add(verb::get, "/api/v1/members/{id}", read, [&members](http::RequestContext& context) {
        return http::json_response(
            http::Status::ok,
            member_json(members.member(access_of(context), context.id_parameter())));
    });
    router.add(
        verb::put, "/api/v1/members/{id}", manage, [&members](http::RequestContext& context) {
            const auto draft = draft_from_body(json_body(context), PhoneField::keep_when_absent);
            context.require_unit(*draft.unit_id);
            const auto member =
                members.update(access_of(context), context.actor(), context.id_parameter(), draft);
            return http::json_response(http::Status::ok, member_json(member));
        });
    router.add(verb::post, "/api/v1/members/{id}/deactivate", manage,
               [&members](http::RequestContext& context) {
                   const auto member = members.deactivate(access_of(context), context.actor(),
                                                          context.id_parameter());
                   return http::json_response(http::Status::ok, member_json(member));
               });
    router.add(verb::post, "/api/v1/members/{id}/unmask", unmask,
               [&members](http::RequestContext& context) {
                   const auto phone =
                       members.unmask(access_of(context), context.actor(), context.id_parameter());
                   return http::json_response(http::Status::ok, {{"phone", phone}});
               });
}

}  // namespace lianjian::api
