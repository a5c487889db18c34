#include "api/json_input.hpp"
#include "api/routes.hpp"

#include <boost/json/array.hpp>

namespace lianjian::api {

using accounts::Permission;
using http::beast_http::verb;

namespace {

boost::json::value optional_value(const std::optional<double>& value) {
    return value ? boost::json::value(*value) : boost::json::value(nullptr);
}

boost::json::object unit_json(const registry::Unit& unit) {
    boost::json::object json{{"id", unit.id},
                             {"name", unit.name},
                             {"short_name", unit.short_name},
                             {"kind", unit.kind},
                             {"party_organization_name", unit.party_organization_name},
                             {"party_organization_type", unit.party_organization_type},
                             {"party_member_count", unit.party_member_count},
                             {"first_responsible", unit.first_responsible},
                             {"direct_responsible", unit.direct_responsible},
                             {"liaison", unit.liaison},
                             {"active", unit.active},
                             {"is_demo", unit.is_demo}};
    json["parent_id"] = unit.parent_id ? boost::json::value(*unit.parent_id) : boost::json::value(nullptr);
    if (unit.office_area) {
        json["office_area"] = {{"id", unit.office_area->id}, {"name", unit.office_area->name}};
    } else {
        json["office_area"] = nullptr;
    }
    return json;
}

}  // namespace

void add_registry_routes(http::Router& router, app::Services& services) {
    auto& registry = services.registry;
    const http::RouteDeclaration read{Permission::registry_read};
    router.add(verb::get, "/api/v1/units", read, [&registry](http::RequestContext& context) {
        registry::UnitFilter filter;
        filter.search = query_text(context, "q").value_or("");
        filter.office_area_id = query_id(context, "office_area_id");
        filter.page = query_int(context, "page", 1, 1, 1000000);
        filter.page_size = query_int(context, "page_size", 20, 1, 100);
        const auto page = registry.list_units(filter);
        boost::json::array items;
        for (const auto& unit : page.items) {
            items.emplace_back(unit_json(unit));
        }
        return http::json_response(http::Status::ok, {{"items", std::move(items)}, {"total", page.total}});
    });
    router.add(verb::get, "/api/v1/office-areas", read, [&registry](http::RequestContext&) {
        const auto page = registry.list_office_areas();
        boost::json::array items;
        for (const auto& area : page.items) {
            items.emplace_back(boost::json::object{{"id", area.id},
                                                   {"name", area.name},
                                                   {"address", area.address},
                                                   {"latitude", optional_value(area.latitude)},
                                                   {"longitude", optional_value(area.longitude)},
                                                   {"note", area.note}});
        }
        return http::json_response(http::Status::ok, {{"items", std::move(items)}, {"total", page.total}});
    });
}

}  // namespace lianjian::api
