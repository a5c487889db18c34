#include "ledger/chain.hpp"

#include <sodium.h>
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <algorithm>
#include <fstream>

namespace lianjian::ledger {

namespace {

boost::json::value sorted(const boost::json::value& value) {
    if (value.is_object()) {
        const auto& object = value.as_object();
        std::vector<std::string> keys;
        for (const auto& member : object) keys.emplace_back(member.key());
        std::sort(keys.begin(), keys.end());
        boost::json::object copy;
        for (const auto& key : keys) copy[key] = sorted(object.at(key));
        return copy;
    }
    if (value.is_array()) {
        boost::json::array copy;
        for (const auto& element : value.as_array()) copy.push_back(sorted(element));
        return copy;
    }
    return value;
}

std::string hex(const unsigned char* bytes, std::size_t size) {
    std::string text(size * 2 + 1, '\0');
    sodium_bin2hex(text.data(), text.size(), bytes, size);
    text.pop_back();
    return text;
}

boost::json::object ref(const NamedRef& unit) {
    return {{"id", unit.id}, {"name", unit.name}};
}

std::string text_of(const boost::json::object& object, const char* key) {
    const auto* value = object.if_contains(key);
    return value && value->is_string() ? std::string(value->as_string()) : std::string();
}

}  // namespace

std::string canonical_json(const boost::json::value& value) {
    return boost::json::serialize(sorted(value));
}

std::string entry_hash(const ChainKey& key, const std::string& previous_hash,
                       const std::string& content) {
    crypto_generichash_state state;
    crypto_generichash_init(&state, key.data(), key.size(), crypto_generichash_BYTES);
    crypto_generichash_update(&state, reinterpret_cast<const unsigned char*>(previous_hash.data()),
                              previous_hash.size());
    crypto_generichash_update(&state, reinterpret_cast<const unsigned char*>(content.data()),
                              content.size());
    std::array<unsigned char, crypto_generichash_BYTES> digest{};
    crypto_generichash_final(&state, digest.data(), digest.size());
    return hex(digest.data(), digest.size());
}

std::string archive_content(const FrozenActivity& activity) {
    boost::json::array units, parts, attendance, attachments;
    for (const auto& unit : activity.participating_units) units.emplace_back(ref(unit));
    for (const auto& part : activity.parts) {
        parts.emplace_back(boost::json::object{
            {"unit", ref(part.unit)}, {"content", part.content}, {"outcomes", part.outcomes}});
    }
    for (const auto& row : activity.attendance) {
        attendance.emplace_back(boost::json::object{{"member_id", row.member_id},
                                                    {"name", row.name},
                                                    {"unit", ref(row.unit)},
                                                    {"status", row.status}});
    }
    for (const auto& file : activity.attachments) {
        attachments.emplace_back(boost::json::object{{"id", file.id},
                                                     {"kind", file.kind},
                                                     {"original_name", file.original_name},
                                                     {"stored_name", file.stored_name},
                                                     {"sha256", file.sha256}});
    }
    const boost::json::object content{
        {"kind", "archive"},
        {"activity", boost::json::object{{"id", activity.id},
                                         {"alliance", ref(activity.alliance)},
                                         {"year", activity.year},
                                         {"linkage", activity.linkage},
                                         {"kind", activity.kind},
                                         {"title", activity.title},
                                         {"theme", activity.theme},
                                         {"content", activity.content},
                                         {"outcomes", activity.outcomes},
                                         {"minutes", activity.minutes},
                                         {"place", activity.place},
                                         {"starts_at", activity.starts_at},
                                         {"ends_at", activity.ends_at},
                                         {"host_unit", ref(activity.host_unit)},
                                         {"participating_units", std::move(units)},
                                         {"parts", std::move(parts)}}},
        {"attendance", std::move(attendance)},
        {"attachments", std::move(attachments)}};
    return canonical_json(content);
}

std::string amendment_content(long long activity_id, const std::string& reason,
                              const std::vector<FieldChange>& changes) {
    boost::json::array list;
    for (const auto& change : changes) {
        list.emplace_back(boost::json::object{
            {"field", change.field}, {"before", change.before}, {"after", change.after}});
    }
    return canonical_json(boost::json::object{{"kind", "amendment"},
                                              {"activity_id", activity_id},
                                              {"reason", reason},
                                              {"changes", std::move(list)}});
}

std::vector<FieldChange> changes_of(const std::string& content) {
    std::vector<FieldChange> changes;
    boost::system::error_code error;
    const auto value = boost::json::parse(content, error);
    if (error || !value.is_object()) {
        return changes;
    }
    const auto* list = value.as_object().if_contains("changes");
    if (!list || !list->is_array()) {
        return changes;
    }
    for (const auto& item : list->as_array()) {
        if (item.is_object()) {
            const auto& object = item.as_object();
            changes.push_back(
                {text_of(object, "field"), text_of(object, "before"), text_of(object, "after")});
        }
    }
    return changes;
}

ChainCheck verify_chain(const ChainKey& key, const std::vector<StoredEntry>& entries,
                        const FileHasher& file_hash) {
    ChainCheck check;
    std::string previous;
    long long expected = 1;
    const auto broken = [&](const StoredEntry& entry, long long sequence, BreakReason reason,
                            std::string detail = "") {
        check.broken =
            Broken{sequence, entry.activity_id, entry.activity_title, reason, std::move(detail)};
        return check;
    };
    for (const auto& entry : entries) {
        if (entry.sequence != expected) {
            return broken(entry, expected, BreakReason::entry_missing);
        }
        if (entry.previous_hash != previous) {
            return broken(entry, entry.sequence, BreakReason::chain_mismatch);
        }
        if (ledger::entry_hash(key, entry.previous_hash, entry.content) != entry.entry_hash) {
            return broken(entry, entry.sequence, BreakReason::content_modified);
        }
        if (entry.kind == "archive") {
            boost::system::error_code error;
            const auto value = boost::json::parse(entry.content, error);
            const auto* files = !error && value.is_object()
                                    ? value.as_object().if_contains("attachments")
                                    : nullptr;
            if (files && files->is_array()) {
                for (const auto& file : files->as_array()) {
                    if (!file.is_object())
                        continue;
                    const auto stored = text_of(file.as_object(), "stored_name");
                    const auto frozen = text_of(file.as_object(), "sha256");
                    if (file_hash(stored) != std::optional<std::string>(frozen)) {
                        return broken(entry, entry.sequence, BreakReason::attachment_modified,
                                      stored);
                    }
                }
            }
        }
        previous = entry.entry_hash;
        ++expected;
        ++check.entries;
    }
    return check;
}

std::optional<std::string> sha256_of_file(const std::filesystem::path& path) {
    std::ifstream file(path, std::ios::binary);
    if (!file) {
        return std::nullopt;
    }
    crypto_hash_sha256_state state;
    crypto_hash_sha256_init(&state);
    std::array<char, 65536> buffer{};
    while (file) {
        file.read(buffer.data(), buffer.size());
        const auto count = file.gcount();
        if (count > 0) {
            crypto_hash_sha256_update(&state, reinterpret_cast<const unsigned char*>(buffer.data()),
                                      static_cast<unsigned long long>(count));
        }
    }
    if (file.bad()) {
        return std::nullopt;
    }
    std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
    crypto_hash_sha256_final(&state, digest.data());
    return hex(digest.data(), digest.size());
}

}  // namespace lianjian::ledger
