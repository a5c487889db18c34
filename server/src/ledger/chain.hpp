#pragma once

#include "core/enum_text.hpp"
#include "core/named_ref.hpp"

#include <boost/json/value.hpp>

#include <array>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace lianjian::ledger {

// The ledger chain (台账链, docs/activities.md "The chain"): per alliance, entries 1, 2, … each
// holding canonical JSON of what was frozen and a keyed BLAKE2b hash over the previous entry's
// hash and that content. Pure functions, except `sha256_of_file`, which reads a file.

using ChainKey = std::array<unsigned char, 32>;

// Keys sorted at every depth, then Boost.JSON's serialisation: the same value, the same text.
std::string canonical_json(const boost::json::value& value);

// Hex keyed BLAKE2b-256 (crypto_generichash) over `previous_hash` ‖ `content`.
std::string entry_hash(const ChainKey& key, const std::string& previous_hash,
                       const std::string& content);

struct FrozenPart {
    NamedRef unit;
    std::string content;
    std::string outcomes;
};

struct FrozenAttendance {
    long long member_id = 0;
    std::string name;
    NamedRef unit;
    std::string status;  // "" when not recorded
};

struct FrozenAttachment {
    long long id = 0;
    std::string kind;
    std::string original_name;
    std::string stored_name;
    std::string sha256;
};

// An activity's record as it is archived.
struct FrozenActivity {
    long long id = 0;
    NamedRef alliance;
    int year = 0;
    std::string linkage;
    std::string kind;
    std::string title;
    std::string theme;
    std::string content;
    std::string outcomes;
    std::string minutes;
    std::string place;
    std::string starts_at;
    std::string ends_at;
    NamedRef host_unit;
    std::vector<NamedRef> participating_units;
    std::vector<FrozenPart> parts;
    std::vector<FrozenAttendance> attendance;
    std::vector<FrozenAttachment> attachments;
};

// The content of an archive entry.
std::string archive_content(const FrozenActivity& activity);

// One field an amendment changed.
struct FieldChange {
    std::string field;
    std::string before;
    std::string after;
};

// The content of an amendment entry: the activity, the reason and what changed.
std::string amendment_content(long long activity_id, const std::string& reason,
                              const std::vector<FieldChange>& changes);
// The changes written in an amendment's content (empty for an archive entry or unreadable text).
std::vector<FieldChange> changes_of(const std::string& content);

// An entry as stored.
struct StoredEntry {
    long long id = 0;
    long long sequence = 0;
    long long activity_id = 0;
    std::string activity_title;
    std::string kind;
    std::string content;
    std::string previous_hash;
    std::string entry_hash;
};

// Why a chain is broken at an entry.
enum class BreakReason {
    entry_missing,        // a gap in the sequence: an entry was removed
    chain_mismatch,       // previous_hash is not the previous entry's hash
    content_modified,     // the entry's hash does not match its content
    attachment_modified,  // an archived attachment's file is changed or gone
    archive_missing,      // an archived activity has no archive entry (the last entry removed)
};

struct Broken {
    long long sequence = 0;
    long long activity_id = 0;
    std::string activity_title;
    BreakReason reason = BreakReason::content_modified;
    std::string detail;  // the attachment's stored name, for an attachment
};

struct ChainCheck {
    long long entries = 0;
    std::optional<Broken> broken;

    bool intact() const { return !broken; }
};

// The SHA-256 (hex) of a file's bytes now, or nothing when it cannot be read.
using FileHasher = std::function<std::optional<std::string>(const std::string& stored_name)>;

// Recomputes one alliance's chain, `entries` in sequence order, and names the first entry that
// breaks it: a gap in the sequence, a previous hash that does not match, content that does not
// match its hash, or an archived attachment whose file's hash differs from the frozen one.
ChainCheck verify_chain(const ChainKey& key, const std::vector<StoredEntry>& entries,
                        const FileHasher& file_hash);

std::optional<std::string> sha256_of_file(const std::filesystem::path& path);

}  // namespace lianjian::ledger

namespace lianjian {

template <>
struct EnumText<ledger::BreakReason> {
    using R = ledger::BreakReason;
    static constexpr EnumName<R> names[] = {
        {R::entry_missing, "entry_missing", "台账条目被删除"},
        {R::chain_mismatch, "chain_mismatch", "台账链前后不衔接"},
        {R::content_modified, "content_modified", "台账内容被修改"},
        {R::attachment_modified, "attachment_modified", "归档附件被修改或缺失"},
        {R::archive_missing, "archive_missing", "已归档活动缺少台账条目"}};
};

}  // namespace lianjian
