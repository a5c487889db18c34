#include "demo/city_data.hpp"

#include "audit/detail.hpp"
#include "core/clock.hpp"
#include "core/date_text.hpp"
#include "storage/alliance_repository.hpp"
#include "storage/member_repository.hpp"
#include "storage/registry_repository.hpp"

#include <array>

namespace lianjian::demo {

namespace {

constexpr std::size_t district_count = 10;
constexpr std::size_t units_per_district = 199;  // under each district's own committee
constexpr std::size_t office_area_count = 40;
constexpr std::size_t units_per_alliance = 5;
constexpr std::size_t members_per_unit = 50;
constexpr const char* founding_date = "2026-04-01";

constexpr std::array<const char*, district_count> districts = {
    "东城片区", "西城片区", "南湖片区", "北岸片区", "高新片区",
    "临港片区", "青山片区", "锦江片区", "金沙片区", "天府片区"};

constexpr std::array<const char*, 20> agencies = {
    "财政局", "审计局", "税务所",     "市场监管所", "司法所",     "人社局", "住建局",
    "交通局", "水务局", "农业农村局", "文旅局",     "卫健局",     "应急局", "统计局",
    "医保局", "民政局", "教育局",     "科技局",     "生态环境局", "城管局"};

constexpr std::array<const char*, 24> surnames = {"王", "李", "张", "刘", "陈", "杨", "黄", "赵",
                                                  "吴", "周", "徐", "孙", "马", "朱", "胡", "郭",
                                                  "何", "林", "罗", "高", "郑", "梁", "谢", "宋"};
constexpr std::array<const char*, 30> given_names = {
    "伟", "芳",   "娜",   "敏", "静", "丽", "强", "磊",   "军",   "洋",
    "勇", "艳",   "杰",   "娟", "涛", "明", "超", "秀英", "霞",   "平",
    "刚", "桂英", "建华", "文", "华", "红", "玲", "志强", "海燕", "俊"};
constexpr std::array<const char*, 6> posts = {"科员", "副科长", "科长", "副主任", "主任", "干部"};

std::string three_digits(std::size_t n) {
    return std::string(n < 10 ? "00" : n < 100 ? "0" : "") + std::to_string(n);
}

// 139xxxxxxxx: a number per member, invented, in a block the first batch does not use.
std::string city_phone(std::size_t member_index) {
    const auto digits = std::to_string(member_index);
    return "139" + std::string(8 - digits.size(), '0') + digits;
}

registry::Unit city_unit(const std::string& name, const std::string& short_name,
                         std::optional<long long> parent_id, bool committee,
                         const registry::NamedRef& area, std::size_t index,
                         const crypto::FieldCipher& cipher) {
    registry::Unit unit;
    unit.name = name;
    unit.short_name = short_name;
    unit.parent_id = parent_id;
    unit.kind = committee ? "committee" : "unit";
    unit.party_organization_name = name + "机关党支部";
    unit.party_organization_type = committee ? "party_committee" : "branch";
    unit.office_area = area;
    unit.party_member_count = static_cast<int>(members_per_unit);
    unit.first_responsible = short_name + "党组书记（演示）";
    unit.direct_responsible = short_name + "机关党组织书记（演示）";
    unit.liaison = short_name + "联络员（演示）";
    const auto phone =
        "1370" + std::string(7 - std::to_string(index).size(), '0') + std::to_string(index);
    unit.liaison_phone_sealed = cipher.seal(phone);
    unit.liaison_phone_hash = cipher.search_hash(phone);
    unit.is_demo = true;
    return unit;
}

}  // namespace

CityLoad load_city(app::Services& services) {
    CityLoad result;
    const std::string now = now_timestamp();
    const auto& cipher = services.cipher;
    storage::Transaction transaction(services.database);
    storage::lock_registry(transaction);
    transaction.serialize(storage::WriterTopic::memberships);
    auto& session = transaction.session();
    if (storage::find_unit_id(session, std::string(districts[0]) + "机关工委")) {
        transaction.commit();
        return result;
    }

    std::vector<registry::NamedRef> areas;
    for (std::size_t i = 0; i < office_area_count; ++i) {
        registry::OfficeArea area{0,
                                  "城市办公区" + two_digits(i + 1),
                                  "演示地址：城市大道 " + std::to_string(100 + i) + " 号",
                                  30.50 + 0.002 * static_cast<double>(i),
                                  104.00 + 0.002 * static_cast<double>(i),
                                  "城市规模演示数据"};
        areas.push_back({storage::insert_office_area(session, area, true, now), area.name});
    }

    // The tree: each district's committee, then its units. Ids in creation order.
    std::vector<long long> unit_ids;
    std::vector<long long> unit_area;
    const auto tags = storage::list_strength_tags(session).items;
    for (std::size_t d = 0; d < district_count; ++d) {
        const std::string district = districts[d];
        const auto& district_area = areas[(d * office_area_count / district_count)];
        const long long district_id =
            storage::insert_unit(session,
                                 city_unit(district + "机关工委", district + "工委", std::nullopt,
                                           true, district_area, unit_ids.size(), cipher),
                                 now);
        unit_ids.push_back(district_id);
        unit_area.push_back(district_area.id);
        for (std::size_t u = 0; u < units_per_district; ++u) {
            const std::string agency = agencies[u % agencies.size()];
            const std::string name = district + agency + three_digits(u / agencies.size() + 1);
            const auto& area = areas[(d * office_area_count / district_count) +
                                     u % (office_area_count / district_count)];
            const long long id =
                storage::insert_unit(session,
                                     city_unit(name, agency + three_digits(u / agencies.size() + 1),
                                               district_id, false, area, unit_ids.size(), cipher),
                                     now);
            unit_ids.push_back(id);
            unit_area.push_back(area.id);
            // Two strengths for most units, so the list shows and filters by them.
            if (!tags.empty() && u % 5 != 4) {
                std::vector<long long> unit_tags{tags[u % tags.size()].id};
                if (tags.size() > 1) {
                    unit_tags.push_back(tags[(u + 3) % tags.size()].id);
                }
                if (unit_tags[0] == unit_tags.back() && unit_tags.size() > 1) {
                    unit_tags.pop_back();
                }
                storage::replace_unit_strengths(session, id, unit_tags);
            }
        }
    }
    result.units = static_cast<long long>(unit_ids.size());
    result.office_areas = static_cast<long long>(areas.size());

    // Alliances of five consecutive units (within one district, the committee in the first),
    // founded as the alliance service founds one: lead first, a timeline, a hosting order.
    for (std::size_t first = 0; first + units_per_alliance <= unit_ids.size();
         first += units_per_alliance) {
        const std::size_t number = first / units_per_alliance + 1;
        alliances::Alliance alliance;
        alliance.name = "城市联盟" + three_digits(number);
        alliance.batch = 2 + static_cast<int>((number - 1) / 100);
        alliance.office_area = {unit_area[first], ""};
        alliance.lead_unit = {unit_ids[first], ""};
        alliance.rotation_mode = number % 2 == 0 ? alliances::RotationMode::per_quarter
                                                 : alliances::RotationMode::per_activity;
        alliance.founded_on = founding_date;
        alliance.note = "城市规模演示数据";
        alliance.id = storage::insert_alliance(session, alliance, now);
        storage::insert_alliance_event(session, alliance.id, founding_date,
                                       alliances::AllianceEventKind::founded, alliance.lead_unit.id,
                                       alliance.note, std::nullopt, now);
        std::vector<long long> order;
        for (std::size_t k = first; k < first + units_per_alliance; ++k) {
            storage::insert_membership(session, alliance.id, unit_ids[k], founding_date, now);
            storage::insert_alliance_event(session, alliance.id, founding_date,
                                           alliances::AllianceEventKind::joined, unit_ids[k], "",
                                           std::nullopt, now);
            order.push_back(unit_ids[k]);
        }
        storage::replace_rotation_order(session, alliance.id, order);
        ++result.alliances;
    }

    // Members: sealed and hashed one by one (the cipher's keys are derived once, at start),
    // inserted a unit's worth at a time through one prepared statement.
    std::size_t member_index = 0;
    std::vector<storage::StoredMember> batch;
    for (std::size_t u = 0; u < unit_ids.size(); ++u) {
        batch.clear();
        for (std::size_t m = 0; m < members_per_unit; ++m, ++member_index) {
            storage::StoredMember stored;
            auto& member = stored.member;
            member.name = std::string(surnames[member_index % surnames.size()]) +
                          given_names[(member_index / surnames.size()) % given_names.size()];
            member.gender = member_index % 3 == 1 ? "female" : "male";
            member.unit = {unit_ids[u], ""};
            member.post = posts[member_index % posts.size()];
            member.joined_on = date_text(static_cast<int>(1990 + member_index % 35),
                                         static_cast<int>(1 + member_index % 12),
                                         static_cast<int>(1 + member_index % 28));
            member.status = member_index % 10 == 0 ? "probationary" : "formal";
            member.created_at = now;
            member.updated_at = now;
            const auto phone = city_phone(member_index);
            stored.phone_sealed = cipher.seal(phone);
            stored.phone_hash = cipher.search_hash(phone);
            batch.push_back(std::move(stored));
        }
        storage::insert_members(session, batch, true);
        result.members += static_cast<long long>(batch.size());
    }

    audit::AuditEntry entry;
    entry.actor.username = "system";
    entry.action = "demo.load";
    entry.object_type = "demo";
    entry.object_id = "city";
    entry.detail = audit::detail({{"unit_count", result.units},
                                  {"alliance_count", result.alliances},
                                  {"member_count", result.members}});
    services.audit.record(transaction, entry);
    transaction.commit();
    result.created = true;
    return result;
}

}  // namespace lianjian::demo
