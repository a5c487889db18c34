#pragma once

#include "accounts/user.hpp"
#include "core/enum_text.hpp"
#include "core/named_ref.hpp"

#include <optional>
#include <string>
#include <vector>

namespace lianjian::members {

// The unit a member belongs to, `{"id","name"}`.
using UnitRef = NamedRef;

// A party member (党员) as the application shows it. `phone` is always the masked number
// ("138****5678"): the full number leaves the service only through MemberService::unmask and an
// export by someone allowed to unmask.
struct Member {
    long long id = 0;
    std::string name;
    std::string gender;  // "male" | "female"
    UnitRef unit;
    std::string post;
    std::string phone;      // masked
    std::string joined_on;  // "YYYY-MM-DD"
    std::string status;     // "formal" | "probationary"
    bool active = true;
    std::string created_at;
    std::string updated_at;
};

struct FieldProblem {
    std::string field;
    std::string message;
};

// What a caller asks to create or change, before validation. Gender and status may be given in
// English codes or in Chinese (男/女, 正式/预备), as a spreadsheet has them.
struct MemberDraft {
    std::string name;
    std::string gender;
    std::optional<long long> unit_id;
    std::optional<std::string> unit_name;  // an import may name the unit instead
    std::string post;
    std::string phone;
    std::string joined_on;
    std::string status;
    // Problems found while reading the row (a cell of the wrong type): they replace the checks
    // of their fields.
    std::vector<FieldProblem> read_problems;
};

// A draft that passed validation: codes normalised, the unit resolved, the phone in clear (it is
// sealed by the repository's caller before it is stored).
struct ValidMember {
    std::string name;
    std::string gender;
    UnitRef unit;
    std::string post;
    std::string phone;
    std::string joined_on;
    std::string status;
};

// The order of the member list: by unit (then as entered), or by name in pinyin order (ICU
// collation key, issue 8 point 7), ascending or descending. Query codes `unit`, `name`, `-name`.
enum class MemberSort { unit, name, name_descending };

struct MemberFilter {
    std::string search;  // part of the name or post
    std::optional<long long> unit_id;
    std::optional<std::string> status;
    std::optional<std::string> phone;  // exact, through the keyed hash
    std::optional<bool> active;
    MemberSort sort = MemberSort::unit;
    int page = 1;
    int page_size = 20;
};

struct MemberPage {
    std::vector<Member> items;
    long long total = 0;
};

// Which units a reach covers: all of them, or one unit (a unit_admin's own).
struct Reach {
    bool all_units = false;
    std::optional<long long> unit_id;

    bool covers(long long unit) const { return all_units || (unit_id && *unit_id == unit); }
};

// How far one account reaches among party members, from its roles: the committee reads, manages
// and unmasks every unit's members; a viewer reads every unit's, masked; a unit_admin reads,
// manages and unmasks its own unit's only.
struct MemberAccess {
    Reach read;
    Reach manage;
    Reach unmask;
};
MemberAccess member_access(const accounts::User& user);

// Rows of an import, each with its problems, in the order given.
struct ImportRowResult {
    std::size_t index = 0;
    std::vector<FieldProblem> errors;
    bool ok() const { return errors.empty(); }
};

struct ImportPreview {
    std::vector<ImportRowResult> rows;
    std::size_t valid_count = 0;
    std::size_t error_count = 0;
};

inline constexpr std::size_t max_import_rows = 5000;

// Export columns in the order the caller chose; an unknown name is rejected.
inline constexpr const char* export_column_names[] = {"name",  "gender",    "unit",  "post",
                                                      "phone", "joined_on", "status"};

}  // namespace lianjian::members

namespace lianjian {

template <>
struct EnumText<members::MemberSort> {
    using S = members::MemberSort;
    static constexpr EnumName<S> names[] = {{S::unit, "unit", "按单位"},
                                            {S::name, "name", "按姓名拼音"},
                                            {S::name_descending, "-name", "按姓名拼音倒序"}};
};

}  // namespace lianjian
