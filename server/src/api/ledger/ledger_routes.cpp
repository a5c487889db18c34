#include "api/query_input.hpp"
#include "api/reference.hpp"
#include "api/routes.hpp"
#include "core/clock.hpp"
#include "core/error.hpp"

#include <boost/json/array.hpp>

namespace lianjian::api {

boost::json::object ledger_activity_json(const activities::Activity& activity);

using accounts::Permission;
using http::beast_http::verb;

namespace {

boost::json::value broken_json(const ledger::ChainCheck& check) {
    if (!check.broken) {
        return nullptr;
    }
    const auto& broken = *check.broken;
    return boost::json::object{{"sequence", broken.sequence},
                               {"activity_id", broken.activity_id},
                               {"activity_title", broken.activity_title},
                               {"reason", enum_code(broken.reason)},
                               {"message", enum_label(broken.reason)},
                               {"detail", broken.detail}};
}

boost::json::object chain_json(const ledger::ChainCheck& check) {
    return {{"intact", check.intact()}, {"entries", check.entries}, {"broken", broken_json(check)}};
}

}  // namespace

void add_ledger_routes(http::Router& router, app::Services& services) {
    auto& activities = services.activities;
    auto& ledger = services.ledger;
    const http::RouteDeclaration read{Permission::activities_read, accounts::Scope::own_alliance};
    const http::RouteDeclaration verify{Permission::ledger_verify};
    router.add(verb::get, "/api/v1/ledger", read, [&activities](http::RequestContext& context) {
        const auto alliance_id = query_id(context, "alliance_id");
        if (!alliance_id) {
            throw field_error("alliance_id", "请选择联盟");
        }
        const int year = query_int(context, "year", programme_clock::current_year(), 2000, 2100);
        const auto page = activities.ledger_page(context.caller(), *alliance_id, year);
        boost::json::array items;
        for (const auto& activity : page.activities)
            items.emplace_back(ledger_activity_json(activity));
        return http::json_response(
            http::Status::ok,
            boost::json::object{
                {"alliance", ref_json(page.alliance)},
                {"year", page.year},
                {"activities", std::move(items)},
                {"counts",
                 boost::json::object{{"total", static_cast<long long>(page.activities.size())},
                                     {"complete", page.complete},
                                     {"archived", page.archived},
                                     {"incomplete", page.incomplete}}},
                {"chain", chain_json(page.chain)}});
    });
    router.add(verb::get, "/api/v1/ledger/verify", verify, [&ledger](http::RequestContext&) {
        const auto verification = ledger.verify();
        boost::json::array alliances;
        for (const auto& chain : verification.alliances) {
            alliances.emplace_back(boost::json::object{{"alliance", ref_json(chain.alliance)},
                                                       {"entries", chain.check.entries},
                                                       {"intact", chain.check.intact()},
                                                       {"broken", broken_json(chain.check)}});
        }
        return http::json_response(http::Status::ok,
                                   boost::json::object{{"intact", verification.intact},
                                                       {"alliances", std::move(alliances)}});
    });
}

}  // namespace lianjian::api
