#include "api/json_input.hpp"
#include "api/page.hpp"
#include "api/query_input.hpp"
#include "api/reference.hpp"
#include "api/routes.hpp"
#include "core/error.hpp"

#include <boost/json/array.hpp>
#include <boost/json/monotonic_resource.hpp>
#include <boost/json/serialize.hpp>

namespace lianjian::api {

using accounts::Permission;
using accounts::Scope;
using http::beast_http::verb;

namespace {

boost::json::value optional_value(const std::optional<double>& value) {
    return value ? boost::json::value(*value) : boost::json::value(nullptr);
}

// Each builder takes the storage its JSON lives in, so that a page of items is built in one
// arena (see page_response) instead of hundreds of small allocations.
boost::json::object office_area_json(const registry::OfficeArea& area,
                                     boost::json::storage_ptr storage = {}) {
    return boost::json::object({{"id", area.id},
                                {"name", area.name},
                                {"address", area.address},
                                {"latitude", optional_value(area.latitude)},
                                {"longitude", optional_value(area.longitude)},
                                {"note", area.note}},
                               std::move(storage));
}

boost::json::object strength_tag_json(const registry::StrengthTag& tag,
                                      boost::json::storage_ptr storage = {}) {
    return boost::json::object({{"id", tag.id},
                                {"name", tag.name},
                                {"active", tag.active},
                                {"sort_order", tag.sort_order}},
                               std::move(storage));
}

boost::json::object unit_json(const registry::Unit& unit, boost::json::storage_ptr storage = {}) {
    boost::json::object json({{"id", unit.id},
                              {"name", unit.name},
                              {"short_name", unit.short_name},
                              {"kind", unit.kind},
                              {"party_organization_name", unit.party_organization_name},
                              {"party_organization_type", unit.party_organization_type},
                              {"party_member_count", unit.party_member_count},
                              {"members_on_record", unit.members_on_record},
                              {"first_responsible", unit.first_responsible},
                              {"direct_responsible", unit.direct_responsible},
                              {"liaison", unit.liaison},
                              {"active", unit.active},
                              {"is_demo", unit.is_demo}},
                             storage);
    json["parent_id"] =
        unit.parent_id ? boost::json::value(*unit.parent_id) : boost::json::value(nullptr);
    if (unit.office_area) {
        json["office_area"] = ref_json(*unit.office_area, storage);
    } else {
        json["office_area"] = nullptr;
    }
    boost::json::array strengths(storage);
    for (const auto& tag : unit.strengths) {
        strengths.emplace_back(ref_json(tag, storage));
    }
    json["strengths"] = std::move(strengths);
    // Only ever the masked form; the full number has its own audited route.
    json["liaison_phone"] = unit.liaison_phone_masked
                                ? boost::json::value(*unit.liaison_phone_masked)
                                : boost::json::value(nullptr);
    return json;
}

boost::json::object unit_node_json(const registry::UnitNode& node) {
    boost::json::array children;
    for (const auto& child : node.children) {
        children.emplace_back(unit_node_json(child));
    }
    return {{"id", node.id},     {"name", node.name},     {"short_name", node.short_name},
            {"kind", node.kind}, {"active", node.active}, {"children", std::move(children)}};
}

template <typename T, typename ToJson>
http::Response page_response(const registry::Page<T>& page, ToJson to_json) {
    return api::page_response(page.items, page.total, to_json);
}

// A reference list loaded whole (office areas, strength tags), cut to the asked page. Their
// pages are larger by default: forms offer them whole in a drop-down.
template <typename T, typename ToJson>
http::Response reference_page(const http::RequestContext& context, const registry::Page<T>& all,
                              ToJson to_json) {
    return api::page_response(page_slice(all.items, query_page(context, 100, 100)), all.total,
                              to_json);
}

std::optional<double> optional_number(const boost::json::object& body, const char* field) {
    const auto* value = body.if_contains(field);
    if (!value || value->is_null()) {
        return std::nullopt;
    }
    if (!value->is_number()) {
        throw field_error(field, std::string("字段“") + field + "”应为数字");
    }
    return value->to_number<double>();
}

registry::OfficeArea office_area_input(const http::RequestContext& context) {
    const auto body = json_body(context);
    registry::OfficeArea area;
    area.name = required_string(body, "name");
    area.address = optional_string(body, "address").value_or("");
    area.latitude = optional_number(body, "latitude");
    area.longitude = optional_number(body, "longitude");
    area.note = optional_string(body, "note").value_or("");
    return area;
}

registry::UnitInput unit_input(const http::RequestContext& context) {
    const auto body = json_body(context);
    registry::UnitInput input;
    input.name = required_string(body, "name");
    input.short_name = optional_string(body, "short_name").value_or("");
    input.parent_id = optional_integer(body, "parent_id");
    input.kind = optional_string(body, "kind").value_or("unit");
    input.party_organization_name = optional_string(body, "party_organization_name").value_or("");
    input.party_organization_type =
        optional_string(body, "party_organization_type").value_or("branch");
    input.office_area_id = optional_integer(body, "office_area_id");
    input.party_member_count = optional_integer(body, "party_member_count").value_or(0);
    input.strength_tag_ids = id_array(body, "strength_tag_ids");
    input.first_responsible = optional_string(body, "first_responsible").value_or("");
    input.direct_responsible = optional_string(body, "direct_responsible").value_or("");
    input.liaison = optional_string(body, "liaison").value_or("");
    // Left out: keep the stored number (the client only has the masked one); null: remove it.
    if (body.contains("liaison_phone")) {
        input.liaison_phone = optional_string(body, "liaison_phone").value_or("");
    }
    return input;
}

registry::UnitFilter unit_filter(const http::RequestContext& context) {
    registry::UnitFilter filter;
    filter.search = query_text(context, "q").value_or("");
    filter.office_area_id = query_id(context, "office_area_id");
    filter.strength_tag_id = query_id(context, "tag_id");
    filter.parent_id = query_id(context, "parent_id");
    filter.active = query_bool(context, "active");
    filter.sort = query_enum<registry::UnitSort>(context, "sort").value_or(registry::UnitSort::id);
    const auto page = query_page(context);
    filter.page = page.page;
    filter.page_size = page.page_size;
    return filter;
}

// The committee may move a unit in the tree; a unit_admin (on an own_unit route) edits only its
// unit's own record.
registry::UnitEditor editor_of(const http::RequestContext& context) {
    const bool programme_wide =
        context.auth && context.caller().may_everywhere(accounts::Permission::unit_update);
    return programme_wide ? registry::UnitEditor::committee : registry::UnitEditor::own_unit_admin;
}

// The unit an own_unit route acts on: 404 when there is none, 403 when it is another unit's.
long long own_unit_id(registry::RegistryService& registry, const http::RequestContext& context) {
    const auto id = context.id_parameter();
    registry.unit(id);
    context.require_unit(id);
    return id;
}

void add_office_area_routes(http::Router& router, registry::RegistryService& registry) {
    const http::RouteDeclaration read{Permission::registry_read};
    const http::RouteDeclaration manage{Permission::registry_manage};
    router.add(verb::get, "/api/v1/office-areas", read, [&registry](http::RequestContext& context) {
        return reference_page(context, registry.list_office_areas(), office_area_json);
    });
    router.add(verb::post, "/api/v1/office-areas", manage,
               [&registry](http::RequestContext& context) {
                   const auto area =
                       registry.create_office_area(context.actor(), office_area_input(context));
                   return http::json_response(http::Status::created, office_area_json(area));
               });
    router.add(
        verb::get, "/api/v1/office-areas/{id}", read, [&registry](http::RequestContext& context) {
            return http::json_response(
                http::Status::ok, office_area_json(registry.office_area(context.id_parameter())));
        });
    router.add(verb::put, "/api/v1/office-areas/{id}", manage,
               [&registry](http::RequestContext& context) {
                   const auto area = registry.update_office_area(
                       context.actor(), context.id_parameter(), office_area_input(context));
                   return http::json_response(http::Status::ok, office_area_json(area));
               });
}

void add_strength_tag_routes(http::Router& router, registry::RegistryService& registry) {
    const http::RouteDeclaration read{Permission::registry_read};
    const http::RouteDeclaration manage{Permission::registry_manage};
    router.add(verb::get, "/api/v1/strength-tags", read,
               [&registry](http::RequestContext& context) {
                   return reference_page(context, registry.list_strength_tags(), strength_tag_json);
               });
    router.add(verb::post, "/api/v1/strength-tags", manage,
               [&registry](http::RequestContext& context) {
                   const auto body = json_body(context);
                   const auto tag =
                       registry.create_strength_tag(context.actor(), required_string(body, "name"));
                   return http::json_response(http::Status::created, strength_tag_json(tag));
               });
    router.add(verb::put, "/api/v1/strength-tags/{id}", manage,
               [&registry](http::RequestContext& context) {
                   const auto body = json_body(context);
                   const auto tag = registry.update_strength_tag(
                       context.actor(), context.id_parameter(), required_string(body, "name"),
                       required_bool(body, "active"));
                   return http::json_response(http::Status::ok, strength_tag_json(tag));
               });
}

void add_unit_routes(http::Router& router, registry::RegistryService& registry) {
    const http::RouteDeclaration read{Permission::registry_read};
    const http::RouteDeclaration manage{Permission::registry_manage};
    router.add(verb::get, "/api/v1/units", read, [&registry](http::RequestContext& context) {
        return page_response(*registry.list_units(unit_filter(context)), unit_json);
    });
    router.add(verb::post, "/api/v1/units", manage, [&registry](http::RequestContext& context) {
        const auto unit = registry.create_unit(context.actor(), unit_input(context));
        return http::json_response(http::Status::created, unit_json(unit));
    });
    // Before /units/{id}, which would otherwise take "tree" for an id.
    router.add(verb::get, "/api/v1/units/tree", read, [&registry](http::RequestContext&) {
        boost::json::array items;
        for (const auto& node : registry.unit_tree()) {
            items.emplace_back(unit_node_json(node));
        }
        return http::json_response(http::Status::ok, {{"items", std::move(items)}});
    });
    router.add(verb::get, "/api/v1/units/{id}", read, [&registry](http::RequestContext& context) {
        return http::json_response(http::Status::ok,
                                   unit_json(registry.unit(context.id_parameter())));
    });
    const http::RouteDeclaration own_unit_update{Permission::unit_update, Scope::own_unit};
    router.add(verb::put, "/api/v1/units/{id}", own_unit_update,
               [&registry](http::RequestContext& context) {
                   const auto id = own_unit_id(registry, context);
                   const auto unit = registry.update_unit(context.actor(), editor_of(context), id,
                                                          unit_input(context));
                   return http::json_response(http::Status::ok, unit_json(unit));
               });
    const std::pair<const char*, registry::Activation> activations[] = {
        {"/api/v1/units/{id}/deactivate", registry::Activation::deactivate},
        {"/api/v1/units/{id}/activate", registry::Activation::activate},
    };
    for (const auto& route : activations) {
        const registry::Activation activation = route.second;  // clang 14 cannot capture a binding
        router.add(verb::post, route.first, manage,
                   [&registry, activation](http::RequestContext& context) {
                       const auto unit = registry.change_unit_activation(
                           context.actor(), context.id_parameter(), activation);
                       return http::json_response(http::Status::ok, unit_json(unit));
                   });
    }
    const http::RouteDeclaration own_unit_unmask{Permission::members_unmask, Scope::own_unit};
    router.add(verb::post, "/api/v1/units/{id}/liaison-phone/unmask", own_unit_unmask,
               [&registry](http::RequestContext& context) {
                   const auto id = own_unit_id(registry, context);
                   const auto phone = registry.unmask_liaison_phone(context.actor(), id);
                   return http::json_response(http::Status::ok, {{"phone", phone}});
               });
}

}  // namespace

void add_registry_routes(http::Router& router, app::Services& services) {
    add_office_area_routes(router, services.registry);
    add_strength_tag_routes(router, services.registry);
    add_unit_routes(router, services.registry);
}

}  // namespace lianjian::api
