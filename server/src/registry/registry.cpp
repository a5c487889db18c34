// Office areas and the managed list of strength tags (the units are in units.cpp).
#include "registry/registry.hpp"

#include "audit/detail.hpp"
#include "core/changes.hpp"
#include "core/clock.hpp"
#include "core/error.hpp"
#include "core/text.hpp"
#include "registry/rules.hpp"
#include "storage/registry_repository.hpp"

namespace lianjian::registry {

namespace {

OfficeArea checked_office_area(const OfficeArea& input) {
    OfficeArea area = input;
    area.name = required_name("name", "办公区名称", input.name);
    area.address = optional_text("address", "地址", input.address);
    area.note = optional_text("note", "备注", input.note, 1000);
    check_coordinates(area);
    return area;
}

void check_office_area_name_free(storage::Session& session, const std::string& name,
                                 long long except_id) {
    if (storage::find_office_area_id(session, name, except_id)) {
        throw AppError(ErrorCode::conflict, "办公区“" + name + "”已存在", {{"field", "name"}});
    }
}

void check_strength_tag_name_free(storage::Session& session, const std::string& name,
                                  long long except_id) {
    if (storage::find_strength_tag_id(session, name, except_id)) {
        throw AppError(ErrorCode::conflict, "优势资源标签“" + name + "”已存在",
                       {{"field", "name"}});
    }
}

std::string now_text() {
    return now_timestamp();
}

}  // namespace

Page<OfficeArea> RegistryService::list_office_areas() {
    storage::Connection connection(database_);
    return storage::list_office_areas(connection.session());
}

OfficeArea RegistryService::office_area(long long id) {
    storage::Connection connection(database_);
    auto area = storage::find_office_area(connection.session(), id);
    if (!area) {
        throw AppError(ErrorCode::not_found, "办公区不存在");
    }
    return *area;
}

OfficeArea RegistryService::create_office_area(const audit::Actor& actor, const OfficeArea& input) {
    auto area = checked_office_area(input);
    storage::Transaction transaction(database_);
    storage::lock_registry(transaction);
    check_office_area_name_free(transaction.session(), area.name, 0);
    area.id = storage::insert_office_area(transaction.session(), area, false, now_text());
    audit_.record(transaction, {actor, "office_area.create", "office_area", std::to_string(area.id),
                                audit::Outcome::success, audit::detail({{"name", area.name}})});
    transaction.commit();
    return area;
}

OfficeArea RegistryService::update_office_area(const audit::Actor& actor, long long id,
                                               const OfficeArea& input) {
    auto area = checked_office_area(input);
    area.id = id;
    storage::Transaction transaction(database_);
    storage::lock_registry(transaction);
    const auto before = storage::find_office_area(transaction.session(), id);
    if (!before) {
        throw AppError(ErrorCode::not_found, "办公区不存在");
    }
    check_office_area_name_free(transaction.session(), area.name, id);
    storage::update_office_area(transaction.session(), area, now_text());
    ChangeSet changed;
    changed.compare("name", before->name, area.name);
    changed.compare("address", before->address, area.address);
    changed.compare("latitude", before->latitude, area.latitude);
    changed.compare("longitude", before->longitude, area.longitude);
    changed.compare("note", before->note, area.note);
    audit_.record(transaction, {actor, "office_area.update", "office_area", std::to_string(id),
                                audit::Outcome::success, changed.json()});
    transaction.commit();
    return area;
}

Page<StrengthTag> RegistryService::list_strength_tags() {
    storage::Connection connection(database_);
    return storage::list_strength_tags(connection.session());
}

StrengthTag RegistryService::create_strength_tag(const audit::Actor& actor,
                                                 const std::string& input) {
    const auto name =
        required_name("name", "标签名称", input, text::rule_of("strength_tag.name").max_length);
    storage::Transaction transaction(database_);
    storage::lock_registry(transaction);
    check_strength_tag_name_free(transaction.session(), name, 0);
    const auto id = storage::insert_strength_tag(transaction.session(), name, now_text());
    audit_.record(transaction, {actor, "strength_tag.create", "strength_tag", std::to_string(id),
                                audit::Outcome::success, audit::detail({{"name", name}})});
    auto tag = *storage::find_strength_tag(transaction.session(), id);
    transaction.commit();
    return tag;
}

StrengthTag RegistryService::update_strength_tag(const audit::Actor& actor, long long id,
                                                 const std::string& input, bool active) {
    const auto name =
        required_name("name", "标签名称", input, text::rule_of("strength_tag.name").max_length);
    storage::Transaction transaction(database_);
    storage::lock_registry(transaction);
    auto tag = storage::find_strength_tag(transaction.session(), id);
    if (!tag) {
        throw AppError(ErrorCode::not_found, "优势资源标签不存在");
    }
    check_strength_tag_name_free(transaction.session(), name, id);
    ChangeSet changed;
    changed.compare("name", tag->name, name);
    changed.compare("active", tag->active, active);
    tag->name = name;
    tag->active = active;
    storage::update_strength_tag(transaction.session(), *tag, now_text());
    audit_.record(transaction, {actor, "strength_tag.update", "strength_tag", std::to_string(id),
                                audit::Outcome::success, changed.json()});
    transaction.commit();
    return *tag;
}

}  // namespace lianjian::registry
