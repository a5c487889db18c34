#pragma once

#include "audit/audit_log.hpp"
#include "crypto/field_cipher.hpp"
#include "members/member.hpp"
#include "storage/database.hpp"
#include "storage/member_repository.hpp"

#include <boost/json/object.hpp>

#include <string>
#include <vector>

namespace lianjian::members {

// Party members and their protected phone numbers. Every call takes the caller's MemberAccess
// and refuses (403) what lies outside it; every write is audited in its own transaction. A phone
// number is stored only sealed, shown masked, and opened in full only by `unmask` (audited each
// time) or by an export for someone who may unmask it.
class MemberService {
  public:
    MemberService(storage::Database& database, audit::AuditLog& audit,
                  const crypto::FieldCipher& cipher)
        : database_(database), audit_(audit), cipher_(cipher) {}

    MemberPage list(const MemberAccess& access, MemberFilter filter);
    Member member(const MemberAccess& access, long long id);
    Member create(const MemberAccess& access, const audit::Actor& actor, const MemberDraft& draft);
    Member update(const MemberAccess& access, const audit::Actor& actor, long long id,
                  const MemberDraft& draft);
    // Members are never deleted: deactivation takes one off the register and keeps the record.
    Member deactivate(const MemberAccess& access, const audit::Actor& actor, long long id);
    // The full phone number of one member.
    std::string unmask(const MemberAccess& access, const audit::Actor& actor, long long id);

    // Checks every row as `import` would, writing nothing.
    ImportPreview preview_import(const MemberAccess& access, const std::vector<MemberDraft>& rows);
    // Creates every row in one transaction, or none: any row with a problem is a 422 whose
    // details hold every row's problems. Returns the number created.
    std::size_t import(const MemberAccess& access, const audit::Actor& actor,
                       const std::vector<MemberDraft>& rows);

    // The members `filter` selects (every page) as an .xlsx with `columns` in that order
    // (export_column_names; 422 for others). Phones are masked unless the caller may unmask
    // that member; an export with full numbers is audited.
    std::string export_xlsx(const MemberAccess& access, const audit::Actor& actor,
                            MemberFilter filter, const std::vector<std::string>& columns);
    // The import template: the header row and one example row.
    static std::string import_template_xlsx();

    // Adds a few clearly fake members (phones 1380000xxxx) to each demo unit, once.
    void load_demo_members();

  private:
    Member shown(const storage::StoredMember& stored) const;
    storage::StoredMember sealed(const ValidMember& valid, long long id,
                                 const std::string& now) const;

    storage::Database& database_;
    audit::AuditLog& audit_;
    const crypto::FieldCipher& cipher_;
};

// The per-row problems of an import, as the preview answers them and a refused import details
// them: {"rows":[{"index","ok","errors":[{"field","message"}]}],"valid_count","error_count"}.
boost::json::object import_preview_json(const ImportPreview& preview);

}  // namespace lianjian::members
