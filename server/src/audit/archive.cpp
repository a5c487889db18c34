#include "audit/archive.hpp"

#include "core/clock.hpp"

#include <sodium.h>
#include <unzip.h>
#include <zip.h>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <fcntl.h>
#include <unistd.h>
#include <array>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <stdexcept>

namespace lianjian::audit {

namespace {

constexpr std::array<const char*, 3> entry_names = {"audit.xlsx", "proof.json", "proof.sig"};
constexpr std::size_t entry_limit = std::size_t(1) << 30;  // 1 GiB: more is not an archive of ours

// A file only this process's user can read, removed on scope exit.
class ScratchFile {
  public:
    ScratchFile() {
        std::string pattern =
            (std::filesystem::temp_directory_path() / "lianjian-archive-XXXXXX").string();
        const int descriptor = ::mkstemp(pattern.data());
        if (descriptor < 0) {
            throw std::runtime_error("cannot create a temporary file for an audit archive");
        }
        ::close(descriptor);
        path_ = pattern;
    }
    ~ScratchFile() {
        std::error_code ignored;
        std::filesystem::remove(path_, ignored);
    }
    ScratchFile(const ScratchFile&) = delete;
    ScratchFile& operator=(const ScratchFile&) = delete;

    const std::filesystem::path& path() const { return path_; }

    std::string read() const {
        std::ifstream file(path_, std::ios::binary);
        return {std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>()};
    }
    void write(const std::string& bytes) const {
        std::ofstream file(path_, std::ios::binary | std::ios::trunc);
        file.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
        if (!file) {
            throw std::runtime_error("cannot write a temporary file for an audit archive");
        }
    }

  private:
    std::filesystem::path path_;
};

std::string hex(const unsigned char* data, std::size_t size) {
    std::string text(size * 2 + 1, '\0');
    sodium_bin2hex(text.data(), text.size(), data, size);
    text.pop_back();
    return text;
}

std::string sha256_hex(const std::string& bytes) {
    std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
    crypto_hash_sha256(digest.data(), reinterpret_cast<const unsigned char*>(bytes.data()),
                       bytes.size());
    return hex(digest.data(), digest.size());
}

bool from_hex(const std::string& text, unsigned char* out, std::size_t size) {
    std::size_t written = 0;
    const char* end = nullptr;
    return text.size() == size * 2 &&
           sodium_hex2bin(out, size, text.data(), text.size(), nullptr, &written, &end) == 0 &&
           written == size && end == text.data() + text.size();
}

std::string string_of(const boost::json::object& object, const char* name) {
    const auto* value = object.if_contains(name);
    return value && value->is_string() ? std::string(value->get_string()) : std::string();
}

long long integer_of(const boost::json::object& object, const char* name) {
    const auto* value = object.if_contains(name);
    return value && value->is_int64() ? value->get_int64() : -1;
}

ArchiveCheck refused(ArchiveCheck check, std::string problem) {
    check.ok = false;
    check.problem = std::move(problem);
    return check;
}

}  // namespace

ArchiveParts make_archive(const std::vector<AuditEvent>& events, std::string xlsx,
                          const ArchiveMeta& meta, const crypto::ArchiveSigningKey& key) {
    boost::json::array records;
    for (const auto& event : events) {
        records.push_back(
            {{"seq", event.seq}, {"prev_hash", event.prev_hash}, {"hash", event.hash}});
    }
    const boost::json::object proof{
        {"format", archive_format},
        {"from", meta.from_date},
        {"to", meta.to_date},
        {"time_zone", programme_clock::time_zone()},
        {"generated_at", now_timestamp()},
        {"generated_by", meta.generated_by},
        {"count", static_cast<long long>(events.size())},
        {"first_seq", events.empty() ? 0 : events.front().seq},
        {"last_seq", events.empty() ? 0 : events.back().seq},
        {"prev_hash", events.empty() ? std::string() : events.front().prev_hash},
        {"head_hash", events.empty() ? std::string() : events.back().hash},
        {"records", records},
        {"xlsx", {{"name", entry_names[0]}, {"sha256", sha256_hex(xlsx)}, {"bytes", xlsx.size()}}},
        {"chain_verified", meta.chain_verified},
        {"chain_problem", meta.chain_problem},
        {"record_hash", "BLAKE2b-256 keyed with the chain key (verified by the server)"},
        {"signature", "Ed25519 (libsodium crypto_sign_detached) over the bytes of proof.json"},
        {"public_key", key.public_key_hex()}};
    ArchiveParts parts;
    parts.xlsx = std::move(xlsx);
    parts.proof = boost::json::serialize(proof);
    std::array<unsigned char, crypto_sign_BYTES> signature{};
    crypto_sign_detached(signature.data(), nullptr,
                         reinterpret_cast<const unsigned char*>(parts.proof.data()),
                         parts.proof.size(), key.secret_key.data());
    parts.signature = hex(signature.data(), signature.size()) + "\n";
    return parts;
}

std::string pack_archive(const ArchiveParts& parts) {
    const ScratchFile file;
    zipFile archive = zipOpen(file.path().c_str(), APPEND_STATUS_CREATE);
    if (archive == nullptr) {
        throw std::runtime_error("cannot create an audit archive");
    }
    const std::array<const std::string*, 3> contents = {&parts.xlsx, &parts.proof,
                                                        &parts.signature};
    bool written = true;
    for (std::size_t index = 0; index < contents.size() && written; ++index) {
        zip_fileinfo info{};  // a fixed date: the same parts always make the same bytes
        written = zipOpenNewFileInZip(archive, entry_names[index], &info, nullptr, 0, nullptr, 0,
                                      nullptr, 0, 0) == ZIP_OK &&
                  zipWriteInFileInZip(archive, contents[index]->data(),
                                      static_cast<unsigned>(contents[index]->size())) == ZIP_OK &&
                  zipCloseFileInZip(archive) == ZIP_OK;
    }
    written = zipClose(archive, nullptr) == ZIP_OK && written;
    if (!written) {
        throw std::runtime_error("cannot write an audit archive");
    }
    return file.read();
}

ArchiveParts unpack_archive(const std::string& bytes) {
    const ScratchFile file;
    file.write(bytes);
    unzFile archive = unzOpen64(file.path().c_str());
    if (archive == nullptr) {
        throw std::runtime_error(
            "文件不是完好的 ZIP 归档（结构被改动或损坏）。The file is not an intact ZIP archive.");
    }
    std::vector<std::pair<std::string, std::string>> entries;
    bool sound = true;
    int status = unzGoToFirstFile(archive);
    while (status == UNZ_OK && sound && entries.size() <= entry_names.size()) {
        std::array<char, 256> name{};
        unz_file_info64 info{};
        sound = unzGetCurrentFileInfo64(archive, &info, name.data(), name.size() - 1, nullptr, 0,
                                        nullptr, 0) == UNZ_OK &&
                info.uncompressed_size <= entry_limit && unzOpenCurrentFile(archive) == UNZ_OK;
        if (!sound) {
            break;
        }
        std::string content;
        std::array<char, 65536> buffer{};
        int read = 0;
        while ((read = unzReadCurrentFile(archive, buffer.data(), buffer.size())) > 0 &&
               content.size() <= entry_limit) {
            content.append(buffer.data(), static_cast<std::size_t>(read));
        }
        // A wrong CRC is left to the canonical comparison, which names the part that changed.
        unzCloseCurrentFile(archive);
        sound = read == 0;
        entries.emplace_back(name.data(), std::move(content));
        status = unzGoToNextFile(archive);
    }
    unzClose(archive);
    if (!sound || status != UNZ_END_OF_LIST_OF_FILE) {
        throw std::runtime_error(
            "文件不是完好的 ZIP 归档（结构被改动或损坏）。The file is not an intact ZIP archive.");
    }
    bool expected = entries.size() == entry_names.size();
    for (std::size_t index = 0; expected && index < entries.size(); ++index) {
        expected = entries[index].first == entry_names[index];
    }
    if (!expected) {
        throw std::runtime_error(
            "归档的内容不对：应依次恰有 audit.xlsx、proof.json、proof.sig 三项。The archive must "
            "hold exactly audit.xlsx, proof.json and proof.sig.");
    }
    return {std::move(entries[0].second), std::move(entries[1].second),
            std::move(entries[2].second)};
}

ArchiveCheck verify_archive(const std::string& bytes,
                            const std::optional<std::string>& expected_public_key) {
    ArchiveCheck check;
    ArchiveParts parts;
    try {
        parts = unpack_archive(bytes);
    } catch (const std::exception& error) {
        return refused(check, error.what());
    }
    boost::json::object proof;
    try {
        auto value = boost::json::parse(parts.proof);
        if (!value.is_object()) {
            throw std::runtime_error("not an object");
        }
        proof = std::move(value.get_object());
    } catch (const std::exception&) {
        return refused(check,
                       "proof.json 被改动：不是有效的链证明。proof.json was altered: it is "
                       "not a valid chain proof.");
    }
    check.public_key = string_of(proof, "public_key");
    check.from_date = string_of(proof, "from");
    check.to_date = string_of(proof, "to");
    check.count = integer_of(proof, "count");
    check.first_seq = integer_of(proof, "first_seq");
    check.last_seq = integer_of(proof, "last_seq");
    const auto* verified = proof.if_contains("chain_verified");
    check.chain_verified = verified && verified->is_bool() && verified->get_bool();
    if (string_of(proof, "format") != archive_format) {
        return refused(check,
                       "proof.json 的格式不对（应为 lianjian-audit-archive-1）。proof.json "
                       "is not of the expected format.");
    }
    std::array<unsigned char, crypto_sign_PUBLICKEYBYTES> public_key{};
    if (!from_hex(check.public_key, public_key.data(), public_key.size())) {
        return refused(check,
                       "proof.json 中的公钥格式不对。The public key in proof.json is "
                       "malformed.");
    }
    if (expected_public_key && *expected_public_key != check.public_key) {
        return refused(check, "归档不是用预期的公钥签名的（归档公钥 " + check.public_key +
                                  "）。The archive was not signed with the expected key.");
    }
    std::array<unsigned char, crypto_sign_BYTES> signature{};
    if (parts.signature.size() != crypto_sign_BYTES * 2 + 1 || parts.signature.back() != '\n' ||
        !from_hex(parts.signature.substr(0, crypto_sign_BYTES * 2), signature.data(),
                  signature.size())) {
        return refused(check,
                       "签名 proof.sig 被改动：格式不对。The signature proof.sig was "
                       "altered: it is malformed.");
    }
    if (crypto_sign_verify_detached(signature.data(),
                                    reinterpret_cast<const unsigned char*>(parts.proof.data()),
                                    parts.proof.size(), public_key.data()) != 0) {
        return refused(check,
                       "签名不符：proof.json 或 proof.sig 被改动。The signature does not "
                       "match: proof.json or proof.sig was altered.");
    }
    const auto* workbook = proof.if_contains("xlsx");
    if (workbook == nullptr || !workbook->is_object() ||
        string_of(workbook->get_object(), "sha256") != sha256_hex(parts.xlsx) ||
        integer_of(workbook->get_object(), "bytes") != static_cast<long long>(parts.xlsx.size())) {
        return refused(check,
                       "audit.xlsx 与链证明不符：工作簿被改动。audit.xlsx does not match "
                       "the proof: the workbook was altered.");
    }
    const auto* records = proof.if_contains("records");
    if (records == nullptr || !records->is_array()) {
        return refused(check, "链证明缺少记录列表。The proof lacks its records.");
    }
    std::string previous = string_of(proof, "prev_hash");
    long long expected_seq = check.first_seq;
    long long counted = 0;
    for (const auto& entry : records->get_array()) {
        if (!entry.is_object()) {
            return refused(check, "链证明的记录格式不对。A record of the proof is malformed.");
        }
        const auto& record = entry.get_object();
        if (integer_of(record, "seq") != expected_seq ||
            string_of(record, "prev_hash") != previous) {
            return refused(check, "链证明在第 " + std::to_string(expected_seq) +
                                      " 号记录处断开。The proof's chain breaks at record " +
                                      std::to_string(expected_seq) + ".");
        }
        previous = string_of(record, "hash");
        ++expected_seq;
        ++counted;
    }
    if (counted != check.count || (counted > 0 && expected_seq - 1 != check.last_seq) ||
        previous != (counted > 0 ? string_of(proof, "head_hash") : previous)) {
        return refused(check,
                       "链证明的条数或末条哈希与所述不符。The proof's count or head does "
                       "not match its records.");
    }
    if (pack_archive(parts) != bytes) {
        return refused(check,
                       "归档文件的结构被改动（ZIP 的元数据或校验和与原样不符）。The "
                       "archive's container was altered (ZIP metadata or checksum).");
    }
    check.ok = true;
    return check;
}

}  // namespace lianjian::audit
