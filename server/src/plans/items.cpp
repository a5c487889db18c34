#include "plans/items.hpp"

#include "core/date_text.hpp"
#include "core/text.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <map>

namespace lianjian::plans {

namespace {

bool contains(const std::vector<long long>& ids, long long id) {
    return std::find(ids.begin(), ids.end(), id) != ids.end();
}

// Reads one text by the rule `rule_field`, reporting under `field`; "" on a problem.
std::string read_text(const std::string& input, std::string_view rule_field,
                      const std::string& field, std::vector<FieldMessage>& problems,
                      bool required) {
    const auto& rule = text::rule_of(rule_field);
    auto result = text::normalise(input, rule);
    if (result.problem) {
        problems.push_back({field, *result.problem});
        return {};
    }
    if (required && result.text.empty()) {
        problems.push_back({field, "请填写“" + std::string(rule.label) + "”"});
    }
    return result.text;
}

std::string contact_line(const std::vector<Contact>& contacts) {
    std::string text;
    for (const auto& contact : contacts) {
        if (!text.empty()) {
            text += "；";
        }
        text += contact.name;
        if (!contact.duty.empty()) {
            text += "（" + contact.duty + "）";
        }
        if (!contact.phone.empty()) {
            text += " " + contact.phone;
        }
    }
    return text;
}

std::vector<std::string> changed_fields(const PlanItem& before, const PlanItem& after) {
    std::vector<std::string> fields;
    const auto id_of = [](const std::optional<NamedRef>& ref) {
        return ref ? std::optional<long long>(ref->id) : std::nullopt;
    };
    const auto ids_of = [](const std::vector<NamedRef>& refs) {
        std::vector<long long> ids;
        for (const auto& ref : refs) ids.push_back(ref.id);
        return ids;
    };
    if (before.theme != after.theme)
        fields.push_back("theme");
    if (before.linkage != after.linkage)
        fields.push_back("linkage");
    if (before.kind != after.kind)
        fields.push_back("kind");
    if (before.month != after.month)
        fields.push_back("month");
    if (before.planned_on != after.planned_on)
        fields.push_back("planned_on");
    if (before.place != after.place)
        fields.push_back("place");
    if (id_of(before.host_unit) != id_of(after.host_unit))
        fields.push_back("host_unit");
    if (ids_of(before.participating_units) != ids_of(after.participating_units)) {
        fields.push_back("participating_units");
    }
    if (id_of(before.checklist_item) != id_of(after.checklist_item)) {
        fields.push_back("checklist_item");
    }
    return fields;
}

}  // namespace

ValidContent check_content(const PlanContent& content, const ContentFacts& facts) {
    std::vector<FieldMessage> problems;
    ValidContent valid;
    if (content.contacts.size() > max_contacts) {
        problems.push_back({"contacts", "联络方式最多 " + std::to_string(max_contacts) + " 条"});
    }
    for (std::size_t index = 0; index < content.contacts.size(); ++index) {
        const auto& contact = content.contacts[index];
        const std::string prefix = "contacts[" + std::to_string(index) + "].";
        const std::string who = "第 " + std::to_string(index + 1) + " 位联系人：";
        std::vector<FieldMessage> found;
        Contact read;
        read.name = read_text(contact.name, "contact.name", prefix + "name", found, true);
        read.duty = read_text(contact.duty, "duty", prefix + "duty", found, false);
        read.phone = read_text(contact.phone, "phone", prefix + "phone", found, false);
        for (auto& problem : found) problems.push_back({problem.field, who + problem.message});
        valid.contacts.push_back(std::move(read));
    }
    valid.support.venues =
        read_text(content.support.venues, "venues", "support.venues", problems, false);
    valid.support.funds =
        read_text(content.support.funds, "funds", "support.funds", problems, false);
    valid.support.people =
        read_text(content.support.people, "people", "support.people", problems, false);
    if (content.items.size() > max_items) {
        problems.push_back({"items", "活动安排最多 " + std::to_string(max_items) + " 项"});
    }
    const std::string year_text = std::to_string(facts.year);
    std::vector<long long> continued;
    for (std::size_t index = 0; index < content.items.size(); ++index) {
        const auto& draft = content.items[index];
        const std::string prefix = "items[" + std::to_string(index) + "].";
        const std::string which = "第 " + std::to_string(index + 1) + " 项活动：";
        std::vector<FieldMessage> item_problems;
        ValidItem item;
        item.theme = read_text(draft.theme, "theme", prefix + "theme", item_problems, true);
        item.place = read_text(draft.place, "place", prefix + "place", item_problems, false);
        if (auto linkage = find_enum<Linkage>(draft.linkage)) {
            item.linkage = *linkage;
        } else {
            item_problems.push_back(
                {prefix + "linkage", "请选择“六联”之一：" + allowed_enum_codes<Linkage>()});
        }
        if (auto kind = find_enum<ActivityKind>(draft.kind)) {
            item.kind = *kind;
        } else {
            item_problems.push_back(
                {prefix + "kind", "请选择活动类型：" + allowed_enum_codes<ActivityKind>()});
        }
        const bool month_ok = draft.month && *draft.month >= 1 && *draft.month <= 12;
        if (month_ok) {
            item.month = *draft.month;
        } else {
            item_problems.push_back({prefix + "month", "计划月份应为 1 至 12"});
        }
        if (draft.planned_on && !draft.planned_on->empty()) {
            const auto& date = *draft.planned_on;
            if (!text::is_calendar_date(date)) {
                item_problems.push_back(
                    {prefix + "planned_on", "计划日期应为日期，如 " + year_text + "-05-01"});
            } else if (date.substr(0, 4) != year_text) {
                item_problems.push_back(
                    {prefix + "planned_on", "计划日期应在 " + year_text + " 年内"});
            } else if (month_ok && date.substr(5, 2) != two_digits(item.month)) {
                item_problems.push_back(
                    {prefix + "planned_on",
                     "计划日期应在所填的 " + std::to_string(item.month) + " 月内"});
            } else {
                item.planned_on = date;
            }
        }
        if (draft.host_unit_id) {
            if (contains(facts.member_unit_ids, *draft.host_unit_id)) {
                item.host_unit_id = draft.host_unit_id;
            } else {
                item_problems.push_back({prefix + "host_unit_id", "承办单位须是本联盟的成员单位"});
            }
        }
        for (long long unit : draft.participating_unit_ids) {
            if (!contains(facts.member_unit_ids, unit)) {
                item_problems.push_back(
                    {prefix + "participating_unit_ids", "参加单位须是本联盟的成员单位"});
                break;
            }
            if (!contains(item.participating_unit_ids, unit)) {
                item.participating_unit_ids.push_back(unit);
            }
        }
        std::sort(item.participating_unit_ids.begin(), item.participating_unit_ids.end());
        if (draft.checklist_item_id) {
            const auto fact = std::find_if(
                facts.checklist.begin(), facts.checklist.end(),
                [&](const ChecklistFact& c) { return c.id == *draft.checklist_item_id; });
            if (fact == facts.checklist.end() || fact->year != facts.year) {
                item_problems.push_back(
                    {prefix + "checklist_item_id",
                     "参考清单中没有该项目（须为 " + year_text + " 年的清单项目）"});
            } else if (fact->retired) {
                item_problems.push_back(
                    {prefix + "checklist_item_id", "该参考清单项目已停用，请选择其他项目"});
            } else {
                item.checklist_item_id = draft.checklist_item_id;
            }
        }
        if (draft.id && contains(facts.version_item_ids, *draft.id) &&
            !contains(continued, *draft.id)) {
            item.same_as = draft.id;  // an unknown or repeated id starts a new lineage
            continued.push_back(*draft.id);
        }
        for (auto& problem : item_problems) {
            problems.push_back({problem.field, which + problem.message});
        }
        valid.items.push_back(std::move(item));
    }
    if (!problems.empty()) {
        throw fields_error(problems);
    }
    return valid;
}

std::optional<long long> rotation_host(const std::vector<alliances::Turn>& turns,
                                       alliances::RotationMode mode, int year, int month,
                                       std::size_t sequence) {
    if (turns.empty()) {
        return std::nullopt;
    }
    if (mode == alliances::RotationMode::per_quarter) {
        const std::string first = date_text(year, month, 1);
        for (const auto& turn : turns) {
            if (turn.starts_on <= first && first <= turn.ends_on) {
                return turn.host_unit_id;
            }
        }
        return std::nullopt;
    }
    return turns[sequence % turns.size()].host_unit_id;
}

Comparison compare_versions(const PlanVersion& from, const PlanVersion& to) {
    Comparison comparison;
    comparison.from = from.number;
    comparison.to = to.number;
    std::map<long long, const PlanItem*> before;
    for (const auto& item : from.items) {
        before[item.lineage_id] = &item;
    }
    std::map<long long, bool> seen;
    for (const auto& item : to.items) {
        const auto found = before.find(item.lineage_id);
        if (found == before.end()) {
            comparison.added.push_back(item);
            continue;
        }
        seen[item.lineage_id] = true;
        auto fields = changed_fields(*found->second, item);
        if (!fields.empty()) {
            comparison.changed.push_back({*found->second, item, std::move(fields)});
        }
    }
    for (const auto& item : from.items) {
        if (!seen.contains(item.lineage_id)) {
            comparison.removed.push_back(item);
        }
    }
    if (from.contacts != to.contacts) {
        comparison.fields.push_back(
            {"contacts", contact_line(from.contacts), contact_line(to.contacts)});
    }
    const auto support_field = [&](const char* name, const std::string& old_value,
                                   const std::string& new_value) {
        if (old_value != new_value) {
            comparison.fields.push_back({name, old_value, new_value});
        }
    };
    support_field("support.venues", from.support.venues, to.support.venues);
    support_field("support.funds", from.support.funds, to.support.funds);
    support_field("support.people", from.support.people, to.support.people);
    return comparison;
}

std::string contacts_text(const std::vector<Contact>& contacts) {
    boost::json::array array;
    for (const auto& contact : contacts) {
        array.push_back(boost::json::object{
            {"name", contact.name}, {"duty", contact.duty}, {"phone", contact.phone}});
    }
    return boost::json::serialize(array);
}

std::vector<Contact> contacts_from_text(const std::string& text) {
    std::vector<Contact> contacts;
    boost::system::error_code error;
    const auto value = boost::json::parse(text, error);
    if (error || !value.is_array()) {
        return contacts;
    }
    const auto field = [](const boost::json::object& object, const char* key) {
        const auto* found = object.if_contains(key);
        return found && found->is_string() ? std::string(found->as_string()) : std::string();
    };
    for (const auto& entry : value.as_array()) {
        if (entry.is_object()) {
            const auto& object = entry.as_object();
            contacts.push_back(
                {field(object, "name"), field(object, "duty"), field(object, "phone")});
        }
    }
    return contacts;
}

std::string support_text(const Support& support) {
    return boost::json::serialize(boost::json::object{
        {"venues", support.venues}, {"funds", support.funds}, {"people", support.people}});
}

Support support_from_text(const std::string& text) {
    Support support;
    boost::system::error_code error;
    const auto value = boost::json::parse(text, error);
    if (error || !value.is_object()) {
        return support;
    }
    const auto& object = value.as_object();
    const auto field = [&](const char* key) {
        const auto* found = object.if_contains(key);
        return found && found->is_string() ? std::string(found->as_string()) : std::string();
    };
    support.venues = field("venues");
    support.funds = field("funds");
    support.people = field("people");
    return support;
}

}  // namespace lianjian::plans
