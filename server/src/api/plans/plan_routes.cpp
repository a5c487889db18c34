#include "api/json_input.hpp"
#include "api/page.hpp"
#include "api/query_input.hpp"
#include "api/reference.hpp"
#include "api/routes.hpp"
#include "core/error.hpp"

#include <boost/json/array.hpp>

#include <cstdint>

namespace lianjian::api {

using accounts::Permission;
using http::beast_http::verb;

namespace {

boost::json::array linkages_json(const std::vector<campaign::Linkage>& linkages) {
    boost::json::array array;
    for (auto linkage : linkages) array.emplace_back(enum_code(linkage));
    return array;
}

boost::json::object item_json(const plans::PlanItem& item) {
    return {{"id", item.id},
            {"lineage_id", item.lineage_id},
            {"theme", item.theme},
            {"linkage", enum_code(item.linkage)},
            {"kind", enum_code(item.kind)},
            {"month", item.month},
            {"planned_on", optional_json(item.planned_on)},
            {"place", item.place},
            {"host_unit", ref_json(item.host_unit)},
            {"participating_units", refs_json(item.participating_units)},
            {"checklist_item", ref_json(item.checklist_item)}};
}

boost::json::array items_json(const std::vector<plans::PlanItem>& items) {
    boost::json::array array;
    for (const auto& item : items) array.emplace_back(item_json(item));
    return array;
}

boost::json::object plan_json(const plans::Plan& plan) {
    const auto& version = plan.version;
    boost::json::array contacts, cells, steps, actions, months;
    for (const auto& contact : version.contacts) {
        contacts.emplace_back(boost::json::object{
            {"name", contact.name}, {"duty", contact.duty}, {"phone", contact.phone}});
    }
    for (int month = 1; month <= 12; ++month) months.emplace_back(month);
    for (const auto& cell : plan.coverage.cells) {
        cells.emplace_back(boost::json::object{
            {"linkage", enum_code(cell.linkage)}, {"month", cell.month}, {"count", cell.count}});
    }
    for (const auto& step : plan.steps) {
        steps.emplace_back(boost::json::object{{"action", enum_code(step.action)},
                                               {"version_number", step.version_number},
                                               {"user", ref_json(step.user)},
                                               {"unit", ref_json(step.unit)},
                                               {"opinion", step.opinion},
                                               {"state_after", enum_code(step.state_after)},
                                               {"created_at", step.created_at}});
    }
    for (auto action : plan.actions) actions.emplace_back(enum_code(action));
    const auto warning = plans::coverage_warning(plan.coverage.missing_linkages);
    return {{"id", plan.id},
            {"alliance", ref_json(plan.alliance)},
            {"lead_unit", ref_json(plan.lead_unit)},
            {"year", plan.year},
            {"version_number", version.number},
            {"state", enum_code(version.state)},
            {"rotation_mode", enum_code(version.rotation_mode)},
            {"contacts", std::move(contacts)},
            {"support", boost::json::object{{"venues", version.support.venues},
                                            {"funds", version.support.funds},
                                            {"people", version.support.people}}},
            {"items", items_json(version.items)},
            {"coverage", boost::json::object{{"months", std::move(months)},
                                             {"cells", std::move(cells)},
                                             {"missing_linkages",
                                              linkages_json(plan.coverage.missing_linkages)},
                                             {"warning", optional_json(warning)}}},
            {"missing_linkages", linkages_json(plan.coverage.missing_linkages)},
            {"warning", optional_json(warning)},
            {"steps", std::move(steps)},
            {"row_version", version.row_version},
            {"submitted_at", optional_json(version.submitted_at)},
            {"decided_at", optional_json(version.decided_at)},
            {"updated_at", plan.updated_at},
            {"actions", std::move(actions)}};
}

boost::json::object summary_json(const plans::PlanSummary& plan) {
    return {{"id", plan.id},
            {"alliance", ref_json(plan.alliance)},
            {"year", plan.year},
            {"state", enum_code(plan.state)},
            {"version_number", plan.version_number},
            {"item_count", plan.item_count},
            {"missing_linkages", linkages_json(plan.missing_linkages)},
            {"submitted_at", optional_json(plan.submitted_at)},
            {"updated_at", plan.updated_at}};
}

boost::json::object version_json(const plans::VersionSummary& version) {
    return {{"number", version.number},
            {"state", enum_code(version.state)},
            {"item_count", version.item_count},
            {"submitted_at", optional_json(version.submitted_at)},
            {"decided_at", optional_json(version.decided_at)},
            {"created_at", version.created_at}};
}

boost::json::object comparison_json(const plans::Comparison& comparison) {
    boost::json::array changed, fields;
    for (const auto& change : comparison.changed) {
        boost::json::array names;
        for (const auto& field : change.fields) names.emplace_back(field);
        changed.emplace_back(boost::json::object{{"before", item_json(change.before)},
                                                 {"after", item_json(change.after)},
                                                 {"fields", std::move(names)}});
    }
    for (const auto& field : comparison.fields) {
        fields.emplace_back(boost::json::object{
            {"field", field.field}, {"old", field.old_value}, {"new", field.new_value}});
    }
    return {{"from", comparison.from},
            {"to", comparison.to},
            {"added", items_json(comparison.added)},
            {"removed", items_json(comparison.removed)},
            {"changed", std::move(changed)},
            {"fields", std::move(fields)}};
}

// Readers of the nested parts of a plan body: a value of the wrong type is a 422 naming the
// field with its index ("items[2].month").
const boost::json::value* member_of(const boost::json::object& object, const char* key) {
    const auto* value = object.if_contains(key);
    return value && !value->is_null() ? value : nullptr;
}

std::string nested_text(const boost::json::object& object, const char* key,
                        const std::string& field) {
    const auto* value = member_of(object, key);
    if (!value)
        return {};
    if (!value->is_string())
        throw field_error(field, "应为文本");
    return std::string(value->as_string());
}

std::optional<long long> nested_integer(const boost::json::object& object, const char* key,
                                        const std::string& field) {
    const auto* value = member_of(object, key);
    if (!value)
        return std::nullopt;
    if (value->is_int64())
        return value->as_int64();
    if (value->is_uint64() && value->as_uint64() <= static_cast<std::uint64_t>(INT64_MAX)) {
        return static_cast<long long>(value->as_uint64());
    }
    throw field_error(field, "应为整数");
}

const boost::json::object& nested_object(const boost::json::value& value,
                                         const std::string& field) {
    if (!value.is_object())
        throw field_error(field, "应为 JSON 对象");
    return value.as_object();
}

const boost::json::array* nested_array(const boost::json::object& object, const char* key) {
    const auto* value = member_of(object, key);
    if (!value)
        return nullptr;
    if (!value->is_array())
        throw field_error(key, "应为数组");
    return &value->as_array();
}

plans::PlanContent content_from(const boost::json::object& body) {
    plans::PlanContent content;
    if (const auto* contacts = nested_array(body, "contacts")) {
        for (std::size_t index = 0; index < contacts->size(); ++index) {
            const std::string prefix = "contacts[" + std::to_string(index) + "]";
            const auto& object = nested_object((*contacts)[index], prefix);
            content.contacts.push_back({nested_text(object, "name", prefix + ".name"),
                                        nested_text(object, "duty", prefix + ".duty"),
                                        nested_text(object, "phone", prefix + ".phone")});
        }
    }
    if (const auto* support = member_of(body, "support")) {
        const auto& object = nested_object(*support, "support");
        content.support = {nested_text(object, "venues", "support.venues"),
                           nested_text(object, "funds", "support.funds"),
                           nested_text(object, "people", "support.people")};
    }
    if (const auto* items = nested_array(body, "items")) {
        for (std::size_t index = 0; index < items->size(); ++index) {
            const std::string prefix = "items[" + std::to_string(index) + "].";
            const auto& object =
                nested_object((*items)[index], "items[" + std::to_string(index) + "]");
            plans::ItemDraft draft;
            draft.id = nested_integer(object, "id", prefix + "id");
            draft.theme = nested_text(object, "theme", prefix + "theme");
            draft.linkage = nested_text(object, "linkage", prefix + "linkage");
            draft.kind = nested_text(object, "kind", prefix + "kind");
            if (auto month = nested_integer(object, "month", prefix + "month")) {
                draft.month = *month >= 1 && *month <= 12 ? static_cast<int>(*month) : 0;
            }
            const auto planned_on = nested_text(object, "planned_on", prefix + "planned_on");
            if (!planned_on.empty())
                draft.planned_on = planned_on;
            draft.place = nested_text(object, "place", prefix + "place");
            draft.host_unit_id = nested_integer(object, "host_unit_id", prefix + "host_unit_id");
            if (const auto* units = member_of(object, "participating_unit_ids")) {
                if (!units->is_array()) {
                    throw field_error(prefix + "participating_unit_ids", "应为单位编号数组");
                }
                for (const auto& unit : units->as_array()) {
                    if (!unit.is_int64()) {
                        throw field_error(prefix + "participating_unit_ids", "应为单位编号数组");
                    }
                    draft.participating_unit_ids.push_back(unit.as_int64());
                }
            }
            draft.checklist_item_id =
                nested_integer(object, "checklist_item_id", prefix + "checklist_item_id");
            content.items.push_back(std::move(draft));
        }
    }
    if (auto row_version = optional_integer(body, "row_version")) {
        content.row_version = static_cast<int>(*row_version);
    }
    return content;
}

// An optional body: `{}` when the request has none.
boost::json::object optional_body(const http::RequestContext& context) {
    return context.request.body().empty() ? boost::json::object{} : json_body(context);
}

http::Response plan_response(const plans::Plan& plan, http::Status status = http::Status::ok) {
    return http::json_response(status, plan_json(plan));
}

}  // namespace

void add_plan_routes(http::Router& router, app::Services& services) {
    auto& plans = services.plans;
    const http::RouteDeclaration read{Permission::plans_read, accounts::Scope::own_alliance};
    const http::RouteDeclaration write{Permission::plans_write,
                                       accounts::Scope::alliance_led_by_own_unit};
    const http::RouteDeclaration review{Permission::plans_review};
    router.add(verb::get, "/api/v1/plans", read, [&plans](http::RequestContext& context) {
        plans::PlanFilter filter;
        if (auto year = query_text(context, "year")) {
            filter.year = query_int(context, "year", 0, 2000, 2100);
        }
        filter.alliance_id = query_id(context, "alliance_id");
        filter.state = query_enum<plans::PlanState>(context, "state");
        const auto page = query_page(context);
        filter.page = page.page;
        filter.page_size = page.page_size;
        const auto list = plans.list(context.caller(), filter);
        return page_response(list.items, list.total, summary_json);
    });
    router.add(verb::post, "/api/v1/plans", write, [&plans](http::RequestContext& context) {
        const auto body = json_body(context);
        const auto year = optional_integer(body, "year");
        if (!year) {
            throw field_error("year", "请填写年度");
        }
        if (*year < 2000 || *year > 2100) {
            throw field_error("year", "年度应在 2000 至 2100 之间");
        }
        return plan_response(plans.create(context.caller(), required_id(body, "alliance_id"),
                                          static_cast<int>(*year)),
                             http::Status::created);
    });
    router.add(verb::get, "/api/v1/plans/{id}", read, [&plans](http::RequestContext& context) {
        return plan_response(plans.get(context.caller(), context.id_parameter()));
    });
    router.add(verb::put, "/api/v1/plans/{id}", write, [&plans](http::RequestContext& context) {
        const auto body = json_body(context);
        return plan_response(
            plans.save(context.caller(), context.id_parameter(), content_from(body)));
    });
    router.add(
        verb::post, "/api/v1/plans/{id}/submit", write, [&plans](http::RequestContext& context) {
            const auto body = optional_body(context);
            return plan_response(plans.submit(context.caller(), context.id_parameter(),
                                              optional_string(body, "opinion").value_or("")));
        });
    router.add(
        verb::post, "/api/v1/plans/{id}/approve", review, [&plans](http::RequestContext& context) {
            const auto body = optional_body(context);
            return plan_response(plans.approve(context.caller(), context.id_parameter(),
                                               optional_string(body, "opinion").value_or("")));
        });
    router.add(
        verb::post, "/api/v1/plans/{id}/return", review, [&plans](http::RequestContext& context) {
            const auto body = optional_body(context);
            return plan_response(plans.send_back(context.caller(), context.id_parameter(),
                                                 optional_string(body, "opinion").value_or("")));
        });
    router.add(
        verb::post, "/api/v1/plans/{id}/revise", write, [&plans](http::RequestContext& context) {
            const auto body = optional_body(context);
            return plan_response(plans.revise(context.caller(), context.id_parameter(),
                                              optional_string(body, "opinion").value_or("")));
        });
    router.add(
        verb::get, "/api/v1/plans/{id}/versions", read, [&plans](http::RequestContext& context) {
            const auto versions = plans.versions(context.caller(), context.id_parameter());
            return page_response(versions, static_cast<long long>(versions.size()), version_json);
        });
    router.add(verb::get, "/api/v1/plans/{id}/versions/{number}", read,
               [&plans](http::RequestContext& context) {
                   const auto number = context.id_parameter(1);
                   if (number > 10000) {
                       throw AppError(ErrorCode::not_found, "该版本不存在");
                   }
                   return plan_response(plans.version(context.caller(), context.id_parameter(),
                                                      static_cast<int>(number)));
               });
    router.add(
        verb::get, "/api/v1/plans/{id}/compare", read, [&plans](http::RequestContext& context) {
            const int from = query_int(context, "from", 0, 1, 10000);
            const int to = query_int(context, "to", 0, 1, 10000);
            if (from == 0)
                throw field_error("from", "请选择比较的起始版本");
            if (to == 0)
                throw field_error("to", "请选择比较的目标版本");
            return http::json_response(
                http::Status::ok,
                comparison_json(plans.compare(context.caller(), context.id_parameter(), from, to)));
        });
}

}  // namespace lianjian::api
