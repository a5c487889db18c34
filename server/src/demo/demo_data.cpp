#include "demo/demo_data.hpp"

#include "accounts/password.hpp"
#include "audit/detail.hpp"
#include "core/clock.hpp"
#include "demo/campaign_demo.hpp"
#include "demo/plan_demo.hpp"
#include "storage/alliance_repository.hpp"
#include "storage/registry_repository.hpp"
#include "storage/sort_key_repository.hpp"
#include "storage/user_repository.hpp"

namespace lianjian::demo {

namespace {

struct DemoUnit {
    const char* code;
    const char* name;
    const char* short_name;
    const char* office_area;
    int party_members;
};

// The source names the units and areas; member counts, people and coordinates are invented and
// every row is marked is_demo.
constexpr DemoUnit units[] = {
    {"gongwei", "区委直属机关工委", "机关工委", "机关行政中心办公区", 18},
    {"shenji", "区审计局", "审计局", "机关行政中心办公区", 32},
    {"zonggonghui", "区总工会", "总工会", "机关行政中心办公区", 21},
    {"fulian", "区妇联", "妇联", "机关行政中心办公区", 15},
    {"tuanquwei", "团区委", "团区委", "机关行政中心办公区", 12},
    {"zhengwu", "区政务服务中心", "政务服务中心", "行政服务中心办公区", 46},
    {"dangshi", "区委党史研究室", "党史研究室", "行政服务中心办公区", 11},
    {"touzi", "区投资促进服务中心", "投资促进服务中心", "行政服务中心办公区", 27},
    {"chengjian", "区城市建设中心", "城市建设中心", "行政服务中心办公区", 38},
    {"kexie", "区科协", "科协", "行政服务中心办公区", 13},
    {"bianban", "区委编办", "编办", "人防大楼办公区", 16},
    {"shuijian", "区水建中心", "水建中心", "人防大楼办公区", 29},
    {"jinrong", "区金融服务中心", "金融服务中心", "人防大楼办公区", 19},
    {"gongxiao", "区供销联社", "供销联社", "人防大楼办公区", 24},
};

struct DemoArea {
    const char* name;
    const char* address;
    double latitude;
    double longitude;
};

constexpr DemoArea areas[] = {
    {"机关行政中心办公区", "演示地址：行政中心路 1 号", 30.5728, 104.0668},
    {"行政服务中心办公区", "演示地址：政务大道 88 号", 30.5801, 104.0712},
    {"人防大楼办公区", "演示地址：人防路 6 号", 30.5654, 104.0590},
};

struct DemoAlliance {
    const char* name;
    const char* office_area;
    const char* lead_unit;
    std::vector<const char*> members;
};

const std::vector<DemoAlliance>& alliances() {
    static const std::vector<DemoAlliance> list = {
        {"第一联盟",
         "机关行政中心办公区",
         "区委直属机关工委",
         {"区委直属机关工委", "区审计局", "区总工会", "区妇联", "团区委"}},
        {"第二联盟",
         "行政服务中心办公区",
         "区政务服务中心",
         {"区政务服务中心", "区委党史研究室", "区投资促进服务中心", "区城市建设中心", "区科协"}},
        {"第三联盟",
         "人防大楼办公区",
         "区委编办",
         {"区委编办", "区水建中心", "区金融服务中心", "区供销联社"}},
    };
    return list;
}

constexpr const char* founding_date = "2026-04-01";

// Invented strengths (by unit name) so that the tag filter has something to find.
const std::vector<std::pair<const char*, std::vector<const char*>>>& demo_strengths() {
    static const std::vector<std::pair<const char*, std::vector<const char*>>> list = {
        {"区委直属机关工委", {"党课讲师", "党务专家"}},
        {"区审计局", {"财务审计", "党课讲师"}},
        {"区总工会", {"活动阵地", "志愿服务"}},
        {"区妇联", {"志愿服务"}},
        {"团区委", {"志愿服务", "宣传媒体"}},
        {"区委党史研究室", {"红色教育基地", "党课讲师"}},
        {"区科协", {"科技"}},
        {"区委编办", {"党务专家"}},
        {"区金融服务中心", {"财务审计", "法律"}},
    };
    return list;
}

// A clearly fake liaison phone per demo unit: 13800000001, 13800000002 …
std::string demo_phone(std::size_t index) {
    const auto number = std::to_string(index + 1);
    return "1380000" + std::string(4 - number.size(), '0') + number;
}

void give_demo_strengths(storage::Session& session) {
    for (const auto& [unit_name, tag_names] : demo_strengths()) {
        std::vector<long long> tag_ids;
        for (const char* tag_name : tag_names) {
            tag_ids.push_back(*storage::find_strength_tag_id(session, tag_name));
        }
        storage::replace_unit_strengths(session, *storage::find_unit_id(session, unit_name),
                                        tag_ids);
    }
}

void create_registry(storage::Transaction& transaction, const std::string& now,
                     const crypto::FieldCipher& cipher) {
    auto& session = transaction.session();
    for (const auto& area : areas) {
        registry::OfficeArea record{
            0, area.name, area.address, area.latitude, area.longitude, "演示数据"};
        storage::insert_office_area(session, record, true, now);
    }
    for (const auto& unit : units) {
        registry::Unit record;
        record.name = unit.name;
        record.short_name = unit.short_name;
        record.kind = std::string(unit.code) == "gongwei" ? "committee" : "unit";
        record.party_organization_name = std::string(unit.name) + "机关党支部";
        // The working committee is itself a party committee (机关工委); other units' organisation
        // follows their size.
        record.party_organization_type = record.kind == "committee" ? "party_committee"
                                         : unit.party_members >= 30 ? "general_branch"
                                                                    : "branch";
        record.office_area = registry::NamedRef{
            *storage::find_office_area_id(session, unit.office_area), unit.office_area};
        record.party_member_count = unit.party_members;
        record.first_responsible = std::string(unit.short_name) + "党组书记（演示）";
        record.direct_responsible = std::string(unit.short_name) + "机关党组织书记（演示）";
        record.liaison = std::string(unit.short_name) + "联络员（演示）";
        const auto phone = demo_phone(static_cast<std::size_t>(&unit - units));
        record.liaison_phone_sealed = cipher.seal(phone);
        record.liaison_phone_hash = cipher.search_hash(phone);
        record.is_demo = true;
        storage::insert_unit(session, record, now);
    }
    give_demo_strengths(session);
}

// The first batch goes through the same rules as any alliance the committee creates: members
// free, the lead unit first in the hosting order, a timeline from the founding date.
void create_alliances(storage::Transaction& transaction, alliances::AllianceService& service,
                      const accounts::Caller& caller) {
    auto& session = transaction.session();
    for (const auto& alliance : alliances()) {
        alliances::AllianceDraft draft;
        draft.name = alliance.name;
        draft.batch = 1;
        draft.office_area_id = *storage::find_office_area_id(session, alliance.office_area);
        draft.lead_unit_id = *storage::find_unit_id(session, alliance.lead_unit);
        for (const char* member : alliance.members) {
            draft.member_unit_ids.push_back(*storage::find_unit_id(session, member));
        }
        draft.rotation_mode = alliances::RotationMode::per_activity;
        draft.founded_on = founding_date;
        draft.note = "第一批党建联盟（演示数据）";
        service.create_in(transaction, caller, draft);
    }
}

}  // namespace

std::vector<DemoAccount> demo_accounts() {
    std::vector<DemoAccount> accounts = {
        {"admin", "committee_admin", "区委直属机关工委"},
        {"sysadmin", "system_admin", ""},
        {"auditor", "auditor", ""},
        {"viewer", "viewer", ""},
    };
    for (const auto& unit : units) {
        accounts.push_back({std::string(unit.code) + "_admin", "unit_admin", unit.name});
    }
    return accounts;
}

DemoLoad load_demo(app::Services& services, const std::optional<std::string>& password) {
    DemoLoad result;
    const std::string now = now_timestamp();
    const audit::Actor system_actor{std::nullopt, "system", ""};
    {
        storage::Transaction transaction(services.database);
        if (!storage::find_unit_id(transaction.session(), units[0].name)) {
            create_registry(transaction, now, services.cipher);
            create_alliances(transaction, services.alliances, {system_actor, {}, std::nullopt});
            services.audit.record(
                transaction,
                {system_actor, "demo.load", "demo", "first_batch", audit::Outcome::success,
                 audit::detail(
                     {{"office_area_count", 3}, {"unit_count", 14}, {"alliance_count", 3}})});
            result.registry_created = true;
        }
        transaction.commit();
    }
    services.members.load_demo_members();
    load_campaign_demo(services);
    storage::fill_missing_name_sort_keys(services.database);
    const std::string chosen = password ? *password : accounts::generate_password();
    for (const auto& account : demo_accounts()) {
        storage::Connection connection(services.database);
        if (storage::find_user_by_username(connection.session(), account.username)) {
            continue;
        }
        accounts::NewUser request;
        request.username = account.username;
        request.display_name = account.unit_name.empty() ? account.username + "（演示）"
                                                         : account.unit_name + "管理员（演示）";
        request.roles = {*accounts::parse_role(account.role)};
        if (!account.unit_name.empty()) {
            request.unit_id = storage::find_unit_id(connection.session(), account.unit_name);
        }
        request.password = chosen;
        request.must_change_password = !password.has_value();
        request.policy_exempt = password.has_value();
        services.accounts.create_user(system_actor, request);
        result.accounts_created.push_back(account);
    }
    if (!password && !result.accounts_created.empty()) {
        result.generated_password = chosen;
    }
    load_plan_demo(services);
    return result;
}

}  // namespace lianjian::demo
