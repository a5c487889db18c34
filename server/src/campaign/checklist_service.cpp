#include "campaign/checklist_service.hpp"

#include "audit/detail.hpp"
#include "core/changes.hpp"
#include "core/clock.hpp"
#include "core/error.hpp"
#include "core/text.hpp"
#include "storage/campaign_repository.hpp"

#include <algorithm>

namespace lianjian::campaign {

using accounts::Permission;

namespace {

void require_manager(const accounts::Caller& caller) {
    if (!caller.may_everywhere(Permission::campaign_manage)) {
        throw AppError(ErrorCode::forbidden, "只有机关工委可以管理参考清单");
    }
}

void check_year(int year, const char* field) {
    if (year < 2000 || year > 2100) {
        throw field_error(field, "年度应在 2000 到 2100 之间");
    }
}

// The input checked and normalised, every problem at once.
ChecklistInput checked(const ChecklistInput& input) {
    std::vector<FieldMessage> problems;
    ChecklistInput clean = input;
    if (input.year < 2000 || input.year > 2100) {
        problems.push_back({"year", "年度应在 2000 到 2100 之间"});
    }
    const auto read = [&](const std::string& value, const char* field) {
        auto result = text::normalise(value, text::rule_of(field));
        if (result.problem) {
            problems.push_back({field, *result.problem});
        }
        return result.text;
    };
    clean.title = read(input.title, "title");
    clean.description = read(input.description, "description");
    clean.key_date = read(input.key_date, "key_date");
    if (clean.title.empty() && std::none_of(problems.begin(), problems.end(),
                                            [](const auto& p) { return p.field == "title"; })) {
        problems.push_back({"title", "请填写活动名称"});
    }
    if (input.suggested_month && (*input.suggested_month < 1 || *input.suggested_month > 12)) {
        problems.push_back({"suggested_month", "建议月份应为 1 到 12"});
    }
    if (!problems.empty()) {
        throw fields_error(problems);
    }
    return clean;
}

ChecklistItem load(storage::Session& session, long long id) {
    auto item = storage::find_checklist_item(session, id);
    if (!item) {
        throw AppError(ErrorCode::not_found, "参考清单条目不存在");
    }
    return *item;
}

std::string now_text() {
    return now_timestamp();
}

}  // namespace

ChecklistPage ChecklistService::list(const ChecklistFilter& filter) {
    check_year(filter.year, "year");
    storage::Connection connection(database_);
    storage::ChecklistQuery query;
    query.year = filter.year;
    query.linkage = filter.linkage;
    query.include_retired = filter.include_retired;
    query.offset = static_cast<long long>(filter.page - 1) * filter.page_size;
    query.limit = filter.page_size;
    auto rows = storage::list_checklist_items(connection.session(), query);
    return {std::move(rows.items), rows.total};
}

long long ChecklistService::create_in(storage::Transaction& transaction, const audit::Actor& actor,
                                      const ChecklistInput& input) {
    ChecklistItem item;
    item.year = input.year;
    item.linkage = input.linkage;
    item.kind = input.kind;
    item.title = input.title;
    item.description = input.description;
    item.suggested_month = input.suggested_month;
    item.key_date = input.key_date;
    const auto id = storage::insert_checklist_item(transaction.session(), item, now_text());
    audit_.record(transaction, {actor, "checklist_item.create", "checklist_item",
                                std::to_string(id), audit::Outcome::success,
                                audit::detail({{"year", item.year},
                                               {"linkage", enum_code(item.linkage)},
                                               {"title", item.title}})});
    return id;
}

ChecklistItem ChecklistService::create(const accounts::Caller& caller,
                                       const ChecklistInput& input) {
    require_manager(caller);
    const auto clean = checked(input);
    storage::Transaction transaction(database_);
    const auto id = create_in(transaction, caller.actor, clean);
    auto item = load(transaction.session(), id);
    transaction.commit();
    return item;
}

ChecklistItem ChecklistService::update(const accounts::Caller& caller, long long id,
                                       const ChecklistInput& input) {
    require_manager(caller);
    const auto clean = checked(input);
    if (!clean.version) {
        throw field_error("version", "缺少版本号“version”，请刷新后再保存");
    }
    storage::Transaction transaction(database_);
    auto& session = transaction.session();
    const auto before = load(session, id);
    if (clean.year != before.year) {
        throw field_error("year", "条目的年度不能修改，请复制到新的年度");
    }
    ChecklistItem item = before;
    item.linkage = clean.linkage;
    item.kind = clean.kind;
    item.title = clean.title;
    item.description = clean.description;
    item.suggested_month = clean.suggested_month;
    item.key_date = clean.key_date;
    if (*clean.version != before.version ||
        !storage::update_checklist_item(session, item, *clean.version, now_text())) {
        throw AppError(ErrorCode::conflict, "该条目已被他人修改，请刷新后再保存");
    }
    ChangeSet changed;
    changed.compare("linkage", std::string(enum_code(before.linkage)),
                    std::string(enum_code(item.linkage)));
    changed.compare("kind", std::string(enum_code(before.kind)), std::string(enum_code(item.kind)));
    changed.compare("title", before.title, item.title);
    changed.compare("description", before.description, item.description);
    changed.compare("suggested_month", before.suggested_month, item.suggested_month);
    changed.compare("key_date", before.key_date, item.key_date);
    audit_.record(transaction, {caller.actor, "checklist_item.update", "checklist_item",
                                std::to_string(id), audit::Outcome::success, changed.json()});
    auto updated = load(session, id);
    transaction.commit();
    return updated;
}

ChecklistItem ChecklistService::set_retired(const accounts::Caller& caller, long long id,
                                            bool retired) {
    require_manager(caller);
    storage::Transaction transaction(database_);
    auto& session = transaction.session();
    const auto before = load(session, id);
    if (before.retired_at.has_value() == retired) {
        throw AppError(ErrorCode::conflict, retired ? "该条目已停用" : "该条目未停用，无需恢复");
    }
    const auto now = now_text();
    if (!storage::set_checklist_item_retired(
            session, id, retired ? std::optional<std::string>(now) : std::nullopt, before.version,
            now)) {
        throw AppError(ErrorCode::conflict, "该条目已被他人修改，请刷新后再试");
    }
    ChangeSet changed;
    changed.compare("retired", before.retired_at.has_value(), retired);
    audit_.record(transaction,
                  {caller.actor, retired ? "checklist_item.retire" : "checklist_item.restore",
                   "checklist_item", std::to_string(id), audit::Outcome::success, changed.json()});
    auto item = load(session, id);
    transaction.commit();
    return item;
}

ChecklistItem ChecklistService::retire(const accounts::Caller& caller, long long id) {
    return set_retired(caller, id, true);
}

ChecklistItem ChecklistService::restore(const accounts::Caller& caller, long long id) {
    return set_retired(caller, id, false);
}

void ChecklistService::remove(const accounts::Caller& caller, long long id) {
    require_manager(caller);
    storage::Transaction transaction(database_);
    auto& session = transaction.session();
    const auto item = load(session, id);
    if (item.in_use) {
        throw AppError(ErrorCode::conflict,
                       "“" + item.title + "”已被活动计划引用，不能删除，可以停用",
                       {{"reason", "checklist_item_in_use"}});
    }
    storage::delete_checklist_item(session, id);
    audit_.record(transaction, {caller.actor, "checklist_item.delete", "checklist_item",
                                std::to_string(id), audit::Outcome::success,
                                audit::detail({{"year", item.year}, {"title", item.title}})});
    transaction.commit();
}

int ChecklistService::copy(const accounts::Caller& caller, int from_year, int to_year) {
    require_manager(caller);
    check_year(from_year, "from_year");
    check_year(to_year, "to_year");
    if (from_year == to_year) {
        throw field_error("to_year", "复制的目标年度不能与来源年度相同");
    }
    storage::Transaction transaction(database_);
    auto& session = transaction.session();
    storage::ChecklistQuery query;
    query.year = from_year;
    const auto source = storage::list_checklist_items(session, query).items;
    const auto copied = storage::copied_checklist_sources(session, to_year);
    const auto now = now_text();
    int count = 0;
    for (const auto& item : source) {
        if (std::find(copied.begin(), copied.end(), item.id) != copied.end()) {
            continue;
        }
        ChecklistItem copy = item;
        copy.year = to_year;
        copy.copied_from_id = item.id;
        storage::insert_checklist_item(session, copy, now);
        ++count;
    }
    audit_.record(
        transaction,
        {caller.actor, "checklist_item.copy", "checklist", std::to_string(to_year),
         audit::Outcome::success,
         audit::detail({{"from_year", from_year}, {"to_year", to_year}, {"count", count}})});
    transaction.commit();
    return count;
}

}  // namespace lianjian::campaign
