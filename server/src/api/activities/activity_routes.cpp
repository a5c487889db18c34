#include "api/json_input.hpp"
#include "api/page.hpp"
#include "api/query_input.hpp"
#include "api/reference.hpp"
#include "api/routes.hpp"
#include "core/clock.hpp"
#include "core/error.hpp"

#include <boost/json/array.hpp>

namespace lianjian::api {

using accounts::Permission;
using http::beast_http::verb;

namespace {

boost::json::value rate_json(const std::optional<double>& rate) {
    return rate ? boost::json::value(*rate) : boost::json::value(nullptr);
}

boost::json::object part_json(const activities::Part& part) {
    return {{"unit", ref_json(part.unit)},
            {"content", part.content},
            {"outcomes", part.outcomes},
            {"updated_at", part.updated_at},
            {"version", part.version}};
}

boost::json::array strings_json(const std::vector<std::string>& values) {
    boost::json::array array;
    for (const auto& value : values) array.emplace_back(value);
    return array;
}

boost::json::object activity_json(const activities::Activity& activity) {
    boost::json::array actions, parts;
    for (auto action : activity.actions) actions.emplace_back(enum_code(action));
    for (const auto& part : activity.parts) parts.emplace_back(part_json(part));
    const auto& counts = activity.attendance;
    return {{"id", activity.id},
            {"alliance", ref_json(activity.alliance)},
            {"year", activity.year},
            {"month", activity.month},
            {"linkage", enum_code(activity.linkage)},
            {"kind", enum_code(activity.kind)},
            {"title", activity.title},
            {"theme", activity.theme},
            {"content", activity.content},
            {"outcomes", activity.outcomes},
            {"minutes", activity.minutes},
            {"place", activity.place},
            {"starts_at", activity.starts_at},
            {"ends_at", activity.ends_at},
            {"host_unit", ref_json(activity.host_unit)},
            {"rotation_host_unit", ref_json(activity.rotation_host_unit)},
            {"host_change_reason", activity.host_change_reason},
            {"participating_units", refs_json(activity.participating_units)},
            {"plan_item_id", activity.plan_item_id ? boost::json::value(*activity.plan_item_id)
                                                   : boost::json::value(nullptr)},
            {"state", enum_code(activity.state)},
            {"cancel_reason", activity.cancel_reason},
            {"version", activity.version},
            {"created_by", ref_json(activity.created_by)},
            {"created_at", activity.created_at},
            {"updated_at", activity.updated_at},
            {"held_at", optional_json(activity.held_at)},
            {"ledger_submitted_at", optional_json(activity.ledger_submitted_at)},
            {"archived_at", optional_json(activity.archived_at)},
            {"actions", std::move(actions)},
            {"ledger", boost::json::object{{"complete", activity.ledger.complete},
                                           {"missing", strings_json(activity.ledger.missing)}}},
            {"attendance", boost::json::object{{"expected", counts.expected},
                                               {"present", counts.present},
                                               {"leave", counts.leave},
                                               {"absent", counts.absent},
                                               {"unrecorded", counts.unrecorded},
                                               {"rate", rate_json(counts.rate)}}},
            {"attachment_count", activity.attachment_count},
            {"photo_count", activity.photo_count},
            {"amendments", activity.amendment_count},
            {"parts", std::move(parts)}};
}

boost::json::array changes_json(const std::vector<ledger::FieldChange>& changes) {
    boost::json::array array;
    for (const auto& change : changes) {
        array.emplace_back(boost::json::object{
            {"field", change.field}, {"before", change.before}, {"after", change.after}});
    }
    return array;
}

boost::json::object entry_json(const activities::LedgerEntry& entry) {
    return {{"sequence", entry.sequence},
            {"kind", entry.kind},
            {"reason", entry.reason},
            {"changes", changes_json(entry.changes)},
            {"entry_hash", entry.entry_hash},
            {"previous_hash", entry.previous_hash},
            {"created_by", ref_json(entry.created_by)},
            {"created_at", entry.created_at}};
}

boost::json::object coverage_json(const activities::CoverageMatrix& matrix) {
    boost::json::array months, rows;
    for (int month = 1; month <= 12; ++month) months.emplace_back(month);
    for (const auto& row : matrix.rows) {
        boost::json::array cells;
        for (const auto& cell : row.cells) {
            boost::json::array ids;
            for (long long id : cell.activity_ids) ids.emplace_back(id);
            cells.emplace_back(boost::json::object{{"month", cell.month},
                                                   {"planned", cell.planned},
                                                   {"held", cell.held},
                                                   {"activity_ids", std::move(ids)}});
        }
        rows.emplace_back(boost::json::object{{"linkage", enum_code(row.linkage)},
                                              {"cells", std::move(cells)},
                                              {"planned", row.planned},
                                              {"held", row.held}});
    }
    return {{"alliance", ref_json(matrix.alliance)},
            {"year", matrix.year},
            {"months", std::move(months)},
            {"rows", std::move(rows)},
            {"planned", matrix.planned},
            {"held", matrix.held}};
}

// An optional body: `{}` when the request has none.
boost::json::object optional_body(const http::RequestContext& context) {
    return context.request.body().empty() ? boost::json::object{} : json_body(context);
}

std::optional<std::vector<long long>> optional_ids(const boost::json::object& body,
                                                   const char* field) {
    const auto* value = body.if_contains(field);
    if (!value || value->is_null()) {
        return std::nullopt;
    }
    return id_array(body, field);
}

std::optional<long long> optional_id(const boost::json::object& body, const char* field) {
    const auto value = optional_integer(body, field);
    if (value && *value <= 0) {
        throw field_error(field, "编号应为正整数");
    }
    return value;
}

activities::ActivityDraft draft_from(const boost::json::object& body) {
    activities::ActivityDraft draft;
    draft.alliance_id = optional_id(body, "alliance_id");
    draft.plan_item_id = optional_id(body, "plan_item_id");
    draft.host_unit_id = optional_id(body, "host_unit_id");
    draft.participating_unit_ids = optional_ids(body, "participating_unit_ids");
    draft.linkage = optional_string(body, "linkage");
    draft.kind = optional_string(body, "kind");
    draft.title = optional_string(body, "title");
    draft.theme = optional_string(body, "theme");
    draft.content = optional_string(body, "content");
    draft.outcomes = optional_string(body, "outcomes");
    draft.minutes = optional_string(body, "minutes");
    draft.place = optional_string(body, "place");
    draft.starts_at = optional_string(body, "starts_at");
    draft.ends_at = optional_string(body, "ends_at");
    draft.host_change_reason = optional_string(body, "host_change_reason");
    return draft;
}

activities::ActivityChanges changes_from(const boost::json::object& body) {
    activities::ActivityChanges changes;
    changes.title = optional_string(body, "title");
    changes.theme = optional_string(body, "theme");
    changes.content = optional_string(body, "content");
    changes.outcomes = optional_string(body, "outcomes");
    changes.minutes = optional_string(body, "minutes");
    changes.place = optional_string(body, "place");
    changes.starts_at = optional_string(body, "starts_at");
    changes.ends_at = optional_string(body, "ends_at");
    changes.participating_unit_ids = optional_ids(body, "participating_unit_ids");
    if (auto version = optional_integer(body, "version")) {
        if (*version < 1 || *version > 1000000000) {
            throw field_error("version", "版本号无效");
        }
        changes.version = static_cast<int>(*version);
    }
    return changes;
}

activities::Amendment amendment_from(const boost::json::object& body) {
    activities::Amendment amendment;
    amendment.reason = optional_string(body, "reason").value_or("");
    const auto* changes = body.if_contains("changes");
    if (!changes || changes->is_null()) {
        throw field_error("changes", "请填写更正内容");
    }
    if (!changes->is_object()) {
        throw field_error("changes", "应为 JSON 对象");
    }
    for (const auto& member : changes->as_object()) {
        const std::string field(member.key());
        if (!member.value().is_string()) {
            throw field_error("changes." + field, "应为文本");
        }
        amendment.changes.emplace_back(field, std::string(member.value().as_string()));
    }
    if (amendment.changes.empty()) {
        throw field_error("changes", "请填写更正内容");
    }
    return amendment;
}

http::Response activity_response(const activities::Activity& activity,
                                 http::Status status = http::Status::ok) {
    return http::json_response(status, activity_json(activity));
}

}  // namespace

void add_activity_routes(http::Router& router, app::Services& services) {
    auto& activities = services.activities;
    const http::RouteDeclaration read{Permission::activities_read, accounts::Scope::own_alliance};
    const http::RouteDeclaration write{Permission::activities_write, accounts::Scope::own_alliance};
    const http::RouteDeclaration archive{Permission::ledger_archive,
                                         accounts::Scope::alliance_led_by_own_unit};
    router.add(verb::get, "/api/v1/activities", read, [&activities](http::RequestContext& context) {
        activities::ActivityFilter filter;
        filter.alliance_id = query_id(context, "alliance_id");
        if (query_text(context, "year")) {
            filter.year = query_int(context, "year", 0, 2000, 2100);
        }
        if (query_text(context, "month")) {
            filter.month = query_int(context, "month", 0, 1, 12);
        }
        filter.from = query_date(context, "from");
        filter.to = query_date(context, "to");
        filter.state = query_enum<activities::ActivityState>(context, "state");
        filter.linkage = query_enum<campaign::Linkage>(context, "linkage");
        filter.kind = query_enum<campaign::ActivityKind>(context, "kind");
        filter.host_unit_id = query_id(context, "host_unit_id");
        filter.plan_item_id = query_id(context, "plan_item_id");
        filter.q = query_text(context, "q");
        const auto page = query_page(context);
        filter.page = page.page;
        filter.page_size = page.page_size;
        const auto list = activities.list(context.caller(), filter);
        return page_response(list.items, list.total, activity_json);
    });
    router.add(verb::post, "/api/v1/activities", write,
               [&activities](http::RequestContext& context) {
                   return activity_response(
                       activities.create(context.caller(), draft_from(json_body(context))),
                       http::Status::created);
               });
    router.add(
        verb::get, "/api/v1/activities/{id}", read, [&activities](http::RequestContext& context) {
            return activity_response(activities.get(context.caller(), context.id_parameter()));
        });
    router.add(verb::patch, "/api/v1/activities/{id}", write,
               [&activities](http::RequestContext& context) {
                   const auto body = json_body(context);
                   return activity_response(activities.update(
                       context.caller(), context.id_parameter(), changes_from(body)));
               });
    router.add(
        verb::post, "/api/v1/activities/{id}/hold", write,
        [&activities](http::RequestContext& context) {
            return activity_response(activities.hold(context.caller(), context.id_parameter()));
        });
    router.add(verb::post, "/api/v1/activities/{id}/submit-ledger", write,
               [&activities](http::RequestContext& context) {
                   return activity_response(
                       activities.submit_ledger(context.caller(), context.id_parameter()));
               });
    router.add(
        verb::post, "/api/v1/activities/{id}/archive", archive,
        [&activities](http::RequestContext& context) {
            return activity_response(activities.archive(context.caller(), context.id_parameter()));
        });
    router.add(verb::post, "/api/v1/activities/{id}/return-ledger", archive,
               [&activities](http::RequestContext& context) {
                   const auto body = optional_body(context);
                   return activity_response(
                       activities.return_ledger(context.caller(), context.id_parameter(),
                                                optional_string(body, "reason").value_or("")));
               });
    // The host unit, the lead unit or the committee cancels: the service decides which of them
    // the caller is, so the route asks only that the caller reads activities.
    router.add(verb::post, "/api/v1/activities/{id}/cancel", read,
               [&activities](http::RequestContext& context) {
                   const auto body = optional_body(context);
                   return activity_response(
                       activities.cancel(context.caller(), context.id_parameter(),
                                         optional_string(body, "reason").value_or("")));
               });
    router.add(verb::put, "/api/v1/activities/{id}/parts/{unit_id}", write,
               [&activities](http::RequestContext& context) {
                   const auto body = json_body(context);
                   const auto part = activities.record_part(
                       context.caller(), context.id_parameter(), context.id_parameter(1),
                       optional_string(body, "content"), optional_string(body, "outcomes"));
                   return http::json_response(http::Status::ok, part_json(part));
               });
    router.add(verb::post, "/api/v1/activities/{id}/amendments", archive,
               [&activities](http::RequestContext& context) {
                   const auto body = json_body(context);
                   const auto entry = activities.amend(context.caller(), context.id_parameter(),
                                                       amendment_from(body));
                   return http::json_response(
                       http::Status::created,
                       boost::json::object{{"sequence", entry.sequence},
                                           {"entry_hash", entry.entry_hash},
                                           {"changes", changes_json(entry.changes)},
                                           {"reason", entry.reason},
                                           {"created_by", ref_json(entry.created_by)},
                                           {"created_at", entry.created_at}});
               });
    router.add(verb::get, "/api/v1/activities/{id}/ledger-entries", read,
               [&activities](http::RequestContext& context) {
                   const auto entries =
                       activities.ledger_entries(context.caller(), context.id_parameter());
                   boost::json::array items;
                   for (const auto& entry : entries) items.emplace_back(entry_json(entry));
                   return http::json_response(http::Status::ok,
                                              boost::json::object{{"items", std::move(items)}});
               });
    router.add(verb::get, "/api/v1/alliances/{id}/coverage", read,
               [&activities](http::RequestContext& context) {
                   const int year =
                       query_int(context, "year", programme_clock::current_year(), 2000, 2100);
                   return http::json_response(http::Status::ok,
                                              coverage_json(activities.coverage(
                                                  context.caller(), context.id_parameter(), year)));
               });
}

// The 台账 page's summary of one activity.
boost::json::object ledger_activity_json(const activities::Activity& activity) {
    return {{"id", activity.id},
            {"title", activity.title},
            {"linkage", enum_code(activity.linkage)},
            {"kind", enum_code(activity.kind)},
            {"starts_at", activity.starts_at},
            {"state", enum_code(activity.state)},
            {"host_unit", ref_json(activity.host_unit)},
            {"ledger", boost::json::object{{"complete", activity.ledger.complete},
                                           {"missing", strings_json(activity.ledger.missing)}}},
            {"archived_at", optional_json(activity.archived_at)},
            {"amendments", activity.amendment_count},
            {"actions", [&] {
                 boost::json::array actions;
                 for (auto action : activity.actions) actions.emplace_back(enum_code(action));
                 return actions;
             }()}};
}

}  // namespace lianjian::api
