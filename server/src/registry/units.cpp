// Units: the tree of agencies with their party organisations, strengths and responsible people.
#include "registry/registry.hpp"

#include "audit/detail.hpp"
#include "core/changes.hpp"
#include "core/clock.hpp"
#include "core/error.hpp"
#include "registry/rules.hpp"
#include "storage/dependants_repository.hpp"
#include "storage/registry_repository.hpp"
#include "storage/sort_key_repository.hpp"

#include <spdlog/spdlog.h>
#include <boost/json/array.hpp>

#include <algorithm>
#include <functional>
#include <map>

namespace lianjian::registry {

namespace {

// The input with its text trimmed and every rule that needs no database checked.
UnitInput checked_input(const UnitInput& raw) {
    UnitInput input = raw;
    input.name = required_name("name", "单位名称", raw.name);
    input.short_name = optional_text("short_name", "单位简称", raw.short_name, 50);
    check_kind(input.kind);
    input.party_organization_name =
        optional_text("party_organization_name", "党组织名称", raw.party_organization_name, 100);
    check_party_organization_type(input.party_organization_type);
    check_party_member_count(input.party_member_count);
    input.first_responsible =
        optional_text("first_responsible", "第一责任人", raw.first_responsible, 50);
    input.direct_responsible =
        optional_text("direct_responsible", "直接责任人", raw.direct_responsible, 50);
    input.liaison = optional_text("liaison", "联络员", raw.liaison, 50);
    if (input.liaison_phone) {
        input.liaison_phone = trimmed(*input.liaison_phone);
        if (!input.liaison_phone->empty()) {
            check_phone(*input.liaison_phone);
        }
    }
    std::sort(input.strength_tag_ids.begin(), input.strength_tag_ids.end());
    input.strength_tag_ids.erase(
        std::unique(input.strength_tag_ids.begin(), input.strength_tag_ids.end()),
        input.strength_tag_ids.end());
    return input;
}

// The parent must exist, and the unit must not end up under itself.
void check_parent(storage::Session& session, const std::optional<long long>& parent_id,
                  long long unit_id) {
    if (!parent_id) {
        return;
    }
    if (!storage::find_unit_parent(session, *parent_id)) {
        throw field_error("parent_id", "所选上级单位不存在");
    }
    std::optional<long long> ancestor = parent_id;
    // The tree has no cycles, so the walk ends at a root; the bound only guards against a
    // damaged database.
    for (int depth = 0; ancestor && depth < 10000; ++depth) {
        if (*ancestor == unit_id) {
            throw field_error("parent_id", "上级单位不能是本单位或其下级单位");
        }
        ancestor = storage::find_unit_parent(session, *ancestor).value_or(std::nullopt);
    }
}

// Every tag must exist; a tag the committee has retired may stay on a unit that had it, but is
// not given to another.
void check_strength_tags(storage::Session& session, const std::vector<long long>& tag_ids,
                         const std::vector<NamedRef>& current) {
    for (long long tag_id : tag_ids) {
        const auto tag = storage::find_strength_tag(session, tag_id);
        if (!tag) {
            throw field_error("strength_tag_ids",
                              "优势资源标签（编号 " + std::to_string(tag_id) + "）不存在");
        }
        const bool had_it =
            std::any_of(current.begin(), current.end(),
                        [tag_id](const NamedRef& held) { return held.id == tag_id; });
        if (!tag->active && !had_it) {
            throw field_error("strength_tag_ids", "优势资源标签“" + tag->name + "”已停用");
        }
    }
}

std::optional<NamedRef> checked_office_area(storage::Session& session,
                                            const std::optional<long long>& id) {
    if (!id) {
        return std::nullopt;
    }
    const auto area = storage::find_office_area(session, *id);
    if (!area) {
        throw field_error("office_area_id", "所选办公区不存在");
    }
    return NamedRef{area->id, area->name};
}

void check_name_free(storage::Session& session, const UnitInput& input, long long unit_id) {
    if (storage::find_unit_id_in_parent(session, input.parent_id, input.name, unit_id)) {
        throw AppError(ErrorCode::conflict, "同一上级单位下已有名为“" + input.name + "”的单位",
                       {{"field", "name"}});
    }
}

// Everything the database must confirm, for a new unit (`current` empty) or a changed one.
void check_references(storage::Session& session, const UnitInput& input,
                      const std::optional<Unit>& current) {
    const long long unit_id = current ? current->id : 0;
    check_parent(session, input.parent_id, unit_id);
    check_strength_tags(session, input.strength_tag_ids,
                        current ? current->strengths : std::vector<NamedRef>{});
    check_name_free(session, input, unit_id);
}

void apply_input(Unit& unit, const UnitInput& input, std::optional<NamedRef> office_area) {
    unit.name = input.name;
    unit.short_name = input.short_name;
    unit.parent_id = input.parent_id;
    unit.kind = input.kind;
    unit.party_organization_name = input.party_organization_name;
    unit.party_organization_type = input.party_organization_type;
    unit.office_area = std::move(office_area);
    unit.party_member_count = static_cast<int>(input.party_member_count);
    unit.first_responsible = input.first_responsible;
    unit.direct_responsible = input.direct_responsible;
    unit.liaison = input.liaison;
}

std::vector<long long> tag_ids_of(const Unit& unit) {
    std::vector<long long> ids;
    for (const auto& tag : unit.strengths) {
        ids.push_back(tag.id);
    }
    std::sort(ids.begin(), ids.end());
    return ids;
}

// The names of the fields a change touched, for the audit record (never their values: the
// phone must not reach the trail).
// The changed fields with old and new values as structured JSON (core/changes.hpp); the
// liaison's phone is personal data and is listed by name only.
std::string changed_fields(const Unit& before, const Unit& after,
                           const std::vector<long long>& tag_ids) {
    const auto area_id = [](const Unit& unit) {
        return unit.office_area ? std::optional<long long>(unit.office_area->id) : std::nullopt;
    };
    ChangeSet changed;
    changed.compare("name", before.name, after.name);
    changed.compare("short_name", before.short_name, after.short_name);
    changed.compare("parent_id", before.parent_id, after.parent_id);
    changed.compare("kind", before.kind, after.kind);
    changed.compare("party_organization_name", before.party_organization_name,
                    after.party_organization_name);
    changed.compare("party_organization_type", before.party_organization_type,
                    after.party_organization_type);
    changed.compare("office_area_id", area_id(before), area_id(after));
    changed.compare("party_member_count", before.party_member_count, after.party_member_count);
    changed.compare("strength_tag_ids", tag_ids_of(before), tag_ids);
    changed.compare("first_responsible", before.first_responsible, after.first_responsible);
    changed.compare("direct_responsible", before.direct_responsible, after.direct_responsible);
    changed.compare("liaison", before.liaison, after.liaison);
    changed.compare_personal("liaison_phone",
                             before.liaison_phone_hash != after.liaison_phone_hash);
    return changed.json();
}

// Deactivating a unit that others still depend on would leave them in a state no one can act
// on (active sub-units under an inactive parent; an inactive unit holding a place and a hosting
// turn in an alliance it can no longer leave). Refused with 409, naming each dependant and how
// to resolve it: deactivate or move the sub-units, and take the unit out of each alliance through
// the alliance's audited leave or dissolve path. Then deactivation goes through.
void refuse_while_depended_on(soci::session& session, const Unit& unit) {
    const auto dependants = storage::unit_dependants(session, unit.id);
    if (dependants.empty()) {
        return;
    }
    std::string children;
    std::string alliances;
    boost::json::array listed;
    for (const auto& dependant : dependants) {
        auto& names = dependant.kind == "unit" ? children : alliances;
        names += "“" + dependant.name + "”";
        listed.push_back(
            {{"kind", dependant.kind}, {"id", dependant.id}, {"name", dependant.name}});
    }
    std::string message = "单位“" + unit.name + "”仍被依赖，不能停用：";
    if (!children.empty()) {
        message += "下级单位" + children + "仍在用，请先停用或调整其上级单位";
    }
    if (!alliances.empty()) {
        message += std::string(children.empty() ? "" : "；") + "仍是联盟" + alliances +
                   "的成员，请先办理退出联盟（或解散联盟）";
    }
    throw AppError(ErrorCode::conflict, message, {{"dependants", std::move(listed)}});
}

std::string now_text() {
    return now_timestamp();
}

std::vector<UnitNode> build_tree(std::vector<std::pair<std::optional<long long>, UnitNode>> nodes) {
    std::map<long long, std::vector<std::size_t>> children_of;
    std::vector<std::size_t> roots;
    std::map<long long, std::size_t> index_of;
    for (std::size_t i = 0; i < nodes.size(); ++i) {
        index_of[nodes[i].second.id] = i;
    }
    for (std::size_t i = 0; i < nodes.size(); ++i) {
        const auto& parent = nodes[i].first;
        if (parent && index_of.count(*parent)) {
            children_of[*parent].push_back(i);
        } else {
            roots.push_back(i);
        }
    }
    const std::function<UnitNode(std::size_t)> assemble = [&](std::size_t i) {
        UnitNode node = std::move(nodes[i].second);
        for (std::size_t child : children_of[node.id]) {
            node.children.push_back(assemble(child));
        }
        return node;
    };
    std::vector<UnitNode> tree;
    for (std::size_t root : roots) {
        tree.push_back(assemble(root));
    }
    return tree;
}

}  // namespace

void RegistryService::mask_phone_of(Unit& unit) const {
    if (unit.liaison_phone_sealed.empty()) {
        unit.liaison_phone_masked.reset();
        return;
    }
    try {
        unit.liaison_phone_masked = crypto::mask_phone(cipher_.open(unit.liaison_phone_sealed));
    } catch (const std::runtime_error&) {
        // Sealed under another key (a restore without its key file): one unreadable phone must not
        // take the whole list down.
        spdlog::warn("liaison phone of unit {} cannot be opened with this key", unit.id);
        unit.liaison_phone_masked = "****";
    }
}

void RegistryService::seal_phone_into(Unit& unit, const std::optional<std::string>& phone) const {
    if (!phone) {
        return;
    }
    if (phone->empty()) {
        unit.liaison_phone_sealed.clear();
        unit.liaison_phone_hash.clear();
        return;
    }
    unit.liaison_phone_sealed = cipher_.seal(*phone);
    unit.liaison_phone_hash = cipher_.search_hash(*phone);
}

Unit RegistryService::unit_for_client(storage::Session& session, long long id) const {
    auto unit = *storage::find_unit(session, id);
    mask_phone_of(unit);
    return unit;
}

std::shared_ptr<const Page<Unit>> RegistryService::list_units(const UnitFilter& filter) {
    storage::Connection connection(database_);
    auto page = std::make_shared<Page<Unit>>(storage::list_units(connection.session(), filter));
    for (auto& unit : page->items) {
        mask_phone_of(unit);
    }
    return page;
}

Unit RegistryService::unit(long long id) {
    storage::Connection connection(database_);
    auto found = storage::find_unit(connection.session(), id);
    if (!found) {
        throw AppError(ErrorCode::not_found, "单位不存在");
    }
    mask_phone_of(*found);
    return *found;
}

std::vector<UnitNode> RegistryService::unit_tree() {
    storage::Connection connection(database_);
    return build_tree(storage::list_unit_nodes(connection.session()));
}

Unit RegistryService::create_unit(const audit::Actor& actor, const UnitInput& raw) {
    const auto input = checked_input(raw);
    storage::Transaction transaction(database_);
    storage::lock_registry(transaction);
    auto& session = transaction.session();
    check_references(session, input, std::nullopt);
    Unit unit;
    apply_input(unit, input, checked_office_area(session, input.office_area_id));
    seal_phone_into(unit, input.liaison_phone);
    unit.id = storage::insert_unit(session, unit, now_text());
    storage::set_name_sort_key(session, storage::SortedTable::unit, unit.id, unit.name);
    storage::replace_unit_strengths(session, unit.id, input.strength_tag_ids);
    audit_.record(transaction, {actor, "unit.create", "unit", std::to_string(unit.id),
                                audit::Outcome::success, audit::detail({{"name", unit.name}})});
    auto created = unit_for_client(session, unit.id);
    transaction.commit();
    return created;
}

Unit RegistryService::update_unit(const audit::Actor& actor, UnitEditor editor, long long id,
                                  const UnitInput& raw) {
    const auto input = checked_input(raw);
    storage::Transaction transaction(database_);
    storage::lock_registry(transaction);
    auto& session = transaction.session();
    const auto current = storage::find_unit(session, id);
    if (!current) {
        throw AppError(ErrorCode::not_found, "单位不存在");
    }
    if (editor == UnitEditor::own_unit_admin &&
        (input.parent_id != current->parent_id || input.kind != current->kind)) {
        throw AppError(ErrorCode::forbidden,
                       "单位管理员不能修改本单位的上级单位或单位类别，请联系机关工委");
    }
    check_references(session, input, current);
    Unit unit = *current;
    apply_input(unit, input, checked_office_area(session, input.office_area_id));
    seal_phone_into(unit, input.liaison_phone);
    storage::update_unit(session, unit, now_text());
    storage::set_name_sort_key(session, storage::SortedTable::unit, id, unit.name);
    storage::replace_unit_strengths(session, id, input.strength_tag_ids);
    audit_.record(transaction,
                  {actor, "unit.update", "unit", std::to_string(id), audit::Outcome::success,
                   changed_fields(*current, unit, input.strength_tag_ids)});
    auto updated = unit_for_client(session, id);
    transaction.commit();
    return updated;
}

Unit RegistryService::change_unit_activation(const audit::Actor& actor, long long id,
                                             Activation activation) {
    storage::Transaction transaction(database_);
    storage::lock_registry(transaction);
    auto& session = transaction.session();
    const auto current = storage::find_unit(session, id);
    if (!current) {
        throw AppError(ErrorCode::not_found, "单位不存在");
    }
    // A unit is never deleted: alliances, activities and accounts keep referring to it.
    const bool active = activation == Activation::activate;
    if (!active && current->active) {
        refuse_while_depended_on(session, *current);
    }
    storage::set_unit_active(session, id, active, now_text());
    audit_.record(transaction,
                  {actor, active ? "unit.activate" : "unit.deactivate", "unit", std::to_string(id),
                   audit::Outcome::success, audit::detail({{"name", current->name}})});
    auto changed = unit_for_client(session, id);
    transaction.commit();
    return changed;
}

std::string RegistryService::unmask_liaison_phone(const audit::Actor& actor, long long id) {
    storage::Transaction transaction(database_);
    const auto unit = storage::find_unit(transaction.session(), id);
    if (!unit) {
        throw AppError(ErrorCode::not_found, "单位不存在");
    }
    if (unit->liaison_phone_sealed.empty()) {
        throw AppError(ErrorCode::not_found, "该单位未登记联络员电话");
    }
    auto phone = cipher_.open(unit->liaison_phone_sealed);
    audit_.record(transaction, {actor, "unit.liaison_phone_unmask", "unit", std::to_string(id),
                                audit::Outcome::success, audit::detail({{"name", unit->name}})});
    transaction.commit();
    return phone;
}

}  // namespace lianjian::registry
