#include "members/unit_lookup.hpp"

#include "core/text.hpp"

namespace lianjian::members {

std::string unit_field(const MemberDraft& draft) {
    return draft.unit_id ? "unit_id" : "unit_name";
}

std::optional<FieldProblem> UnitLookup::resolve(const MemberDraft& draft, UnitRef& unit) {
    const auto field = unit_field(draft);
    std::optional<storage::MemberUnit> found;
    if (draft.unit_id) {
        found = by_id(*draft.unit_id);
    } else if (draft.unit_name && !draft.unit_name->empty()) {
        // The name as the registry stores it: "区总工会 " (a trailing space) is 区总工会.
        auto name = text::normalise(*draft.unit_name, text::rule_of("unit_name"));
        if (name.problem) {
            return FieldProblem{field, *name.problem};
        }
        if (name.text.empty()) {
            return FieldProblem{field, "请选择所属单位"};
        }
        const auto& units = by_name(name.text);
        if (units.size() > 1) {
            return FieldProblem{field, "有多个名为“" + name.text + "”的单位，请改填单位编号"};
        }
        if (!units.empty()) {
            found = units.front();
        }
    } else {
        return FieldProblem{field, "请选择所属单位"};
    }
    if (!found) {
        return FieldProblem{field, "所选单位不存在"};
    }
    if (!found->active) {
        return FieldProblem{field, "单位“" + found->name + "”已停用，不能添加党员"};
    }
    unit = {found->id, found->name};
    return std::nullopt;
}

std::optional<storage::MemberUnit> UnitLookup::by_id(long long id) {
    auto known = ids_.find(id);
    if (known == ids_.end()) {
        known = ids_.emplace(id, storage::find_member_unit(session_, id)).first;
    }
    return known->second;
}

const std::vector<storage::MemberUnit>& UnitLookup::by_name(const std::string& name) {
    auto known = names_.find(name);
    if (known == names_.end()) {
        known = names_.emplace(name, storage::find_member_units_by_name(session_, name)).first;
    }
    return known->second;
}

}  // namespace lianjian::members
