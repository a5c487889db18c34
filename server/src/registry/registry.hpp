#pragma once

#include "audit/audit_log.hpp"
#include "core/enum_text.hpp"
#include "core/named_ref.hpp"
#include "crypto/field_cipher.hpp"
#include "storage/database.hpp"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace lianjian::registry {

using lianjian::NamedRef;

struct OfficeArea {
    long long id = 0;
    std::string name;
    std::string address;
    std::optional<double> latitude;
    std::optional<double> longitude;
    std::string note;
};

// One entry of the committee's managed list of resource strengths (活动阵地, 党课讲师 …).
// A tag is never deleted, only set inactive, so units that carry it keep their history.
struct StrengthTag {
    long long id = 0;
    std::string name;
    bool active = true;
    int sort_order = 0;
};

struct Unit {
    long long id = 0;
    std::string name;
    std::string short_name;
    std::optional<long long> parent_id;
    std::string kind;  // "committee" | "unit"
    std::string party_organization_name;
    std::string party_organization_type;  // "party_committee" | "general_branch" | "branch"
    std::optional<NamedRef> office_area;
    int party_member_count = 0;  // as the unit declared it (党员人数)
    // Active party members on record in the register for this unit, shown beside the declared
    // count so that a difference is seen (issue 9).
    long long members_on_record = 0;
    std::vector<NamedRef> strengths;
    std::string first_responsible;
    std::string direct_responsible;
    std::string liaison;
    // The liaison's phone as stored: sealed by crypto::FieldCipher with its keyed search hash,
    // both empty when there is none. Never sent to a client.
    std::string liaison_phone_sealed;
    std::string liaison_phone_hash;
    // What clients see of the phone ("138****5678"), filled in by RegistryService.
    std::optional<std::string> liaison_phone_masked;
    bool active = true;
    bool is_demo = false;
};

// A unit as the tree shows it.
struct UnitNode {
    long long id = 0;
    std::string name;
    std::string short_name;
    std::string kind;
    bool active = true;
    std::vector<UnitNode> children;
};

// What a client sends to create or replace a unit.
struct UnitInput {
    std::string name;
    std::string short_name;
    std::optional<long long> parent_id;
    std::string kind = "unit";
    std::string party_organization_name;
    std::string party_organization_type = "branch";
    std::optional<long long> office_area_id;
    long long party_member_count = 0;
    std::vector<long long> strength_tag_ids;
    std::string first_responsible;
    std::string direct_responsible;
    std::string liaison;
    // Clients only ever see the masked phone and cannot send it back: nullopt keeps the stored
    // number, "" removes it, anything else replaces it.
    std::optional<std::string> liaison_phone;
};

enum class UnitSort {
    id,
    name,
    name_descending,
    party_member_count,
    party_member_count_descending
};

struct UnitFilter {
    std::string search;
    std::optional<long long> office_area_id;
    std::optional<long long> strength_tag_id;
    std::optional<long long> parent_id;
    std::optional<bool> active;
    UnitSort sort = UnitSort::id;
    int page = 1;
    int page_size = 20;
};

template <typename T>
struct Page {
    std::vector<T> items;
    long long total = 0;
};

// Who edits a unit: the committee may move it in the tree; a unit's own administrator edits its
// record but not where it sits (parent) or what it is (kind).
enum class UnitEditor { committee, own_unit_admin };

enum class Activation { activate, deactivate };

// The registry of office areas, strength tags and units. Every write is validated, done in one
// storage::Transaction and audited in that same transaction.
class RegistryService {
  public:
    RegistryService(storage::Database& database, audit::AuditLog& audit,
                    const crypto::FieldCipher& cipher)
        : database_(database), audit_(audit), cipher_(cipher) {}

    Page<OfficeArea> list_office_areas();
    OfficeArea office_area(long long id);
    OfficeArea create_office_area(const audit::Actor& actor, const OfficeArea& input);
    OfficeArea update_office_area(const audit::Actor& actor, long long id, const OfficeArea& input);

    Page<StrengthTag> list_strength_tags();
    StrengthTag create_strength_tag(const audit::Actor& actor, const std::string& name);
    StrengthTag update_strength_tag(const audit::Actor& actor, long long id,
                                    const std::string& name, bool active);

    std::shared_ptr<const Page<Unit>> list_units(const UnitFilter& filter);
    Unit unit(long long id);
    std::vector<UnitNode> unit_tree();
    Unit create_unit(const audit::Actor& actor, const UnitInput& input);
    Unit update_unit(const audit::Actor& actor, UnitEditor editor, long long id,
                     const UnitInput& input);
    Unit change_unit_activation(const audit::Actor& actor, long long id, Activation activation);
    // The liaison's full phone number; each call is audited.
    std::string unmask_liaison_phone(const audit::Actor& actor, long long id);

  private:
    // Reads a unit inside a write and prepares it for the client.
    Unit unit_for_client(storage::Session& session, long long id) const;
    void mask_phone_of(Unit& unit) const;
    void seal_phone_into(Unit& unit, const std::optional<std::string>& phone) const;

    storage::Database& database_;
    audit::AuditLog& audit_;
    const crypto::FieldCipher& cipher_;
};

}  // namespace lianjian::registry

namespace lianjian {

// The query codes of the unit list's `sort` (name sorts use the pinyin collation key).
template <>
struct EnumText<registry::UnitSort> {
    using S = registry::UnitSort;
    static constexpr EnumName<S> names[] = {
        {S::id, "id", "按编号"},
        {S::name, "name", "按名称拼音"},
        {S::name_descending, "-name", "按名称拼音倒序"},
        {S::party_member_count, "party_member_count", "按党员人数"},
        {S::party_member_count_descending, "-party_member_count", "按党员人数倒序"}};
};

}  // namespace lianjian
