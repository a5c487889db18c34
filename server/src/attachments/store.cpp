#include "attachments/store.hpp"

#include <fcntl.h>
#include <sodium.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <stdexcept>
#include <system_error>

namespace lianjian::attachments {

namespace {

const char* const known_extensions[] = {"jpg", "png", "pdf", "docx", "xlsx"};
constexpr const char* thumbnail_suffix = ".thumb.jpg";

bool older_than(const std::filesystem::directory_entry& entry, std::chrono::seconds age) {
    std::error_code error;
    const auto written = entry.last_write_time(error);
    if (error) {
        return false;
    }
    return std::filesystem::file_time_type::clock::now() - written >= age;
}

}  // namespace

void sync_path(const std::filesystem::path& path, bool directory) {
    const int descriptor = ::open(path.c_str(), directory ? (O_RDONLY | O_DIRECTORY) : O_RDONLY);
    if (descriptor < 0) {
        throw std::system_error(errno, std::generic_category(), "open " + path.string());
    }
    const int result = ::fsync(descriptor);
    const int saved = errno;
    ::close(descriptor);
    if (result != 0) {
        throw std::system_error(saved, std::generic_category(), "fsync " + path.string());
    }
}

AttachmentStore::AttachmentStore(std::filesystem::path data_dir)
    : directory_(data_dir / "attachments"), temporary_(data_dir / "tmp") {}

void AttachmentStore::prepare() const {
    std::filesystem::create_directories(directory_);
    std::filesystem::create_directories(temporary_);
}

std::string AttachmentStore::new_stored_name(const std::string& extension) {
    if (sodium_init() < 0) {
        throw std::runtime_error("libsodium could not be initialised");
    }
    std::array<unsigned char, 16> random{};
    randombytes_buf(random.data(), random.size());
    std::array<char, 33> hex{};
    sodium_bin2hex(hex.data(), hex.size(), random.data(), random.size());
    std::string name(hex.data());
    name += '.';
    name += extension;
    return name;
}

bool AttachmentStore::is_stored_name(const std::string& name) {
    const auto dot = name.find('.');
    if (dot != 32) {
        return false;
    }
    for (std::size_t i = 0; i < dot; ++i) {
        const char c = name[i];
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
            return false;
        }
    }
    const auto extension = name.substr(dot + 1);
    for (const char* known : known_extensions) {
        if (extension == known) {
            return true;
        }
    }
    return false;
}

std::filesystem::path AttachmentStore::path_of(const std::string& stored_name) const {
    if (!is_stored_name(stored_name)) {
        throw std::invalid_argument("not a stored attachment name: " + stored_name);
    }
    return directory_ / stored_name;
}

std::filesystem::path AttachmentStore::thumbnail_of(const std::string& stored_name) const {
    return path_of(stored_name).string() + thumbnail_suffix;
}

void AttachmentStore::place(const std::filesystem::path& source,
                            const std::string& stored_name) const {
    const auto target = path_of(stored_name);
    sync_path(source, false);
    std::filesystem::rename(source, target);
    try {
        sync_path(directory_, true);
    } catch (...) {
        std::error_code ignored;
        std::filesystem::remove(target, ignored);
        throw;
    }
}

void AttachmentStore::discard(const std::string& stored_name) const {
    std::error_code ignored;
    std::filesystem::remove(path_of(stored_name), ignored);
    std::filesystem::remove(thumbnail_of(stored_name), ignored);
}

AttachmentStore::Swept AttachmentStore::sweep(const std::set<std::string>& known,
                                              std::chrono::seconds minimum_age) const {
    Swept swept;
    std::error_code error;
    if (std::filesystem::is_directory(directory_, error)) {
        for (const auto& entry : std::filesystem::directory_iterator(directory_, error)) {
            auto name = entry.path().filename().string();
            if (name.ends_with(thumbnail_suffix)) {
                name.resize(name.size() - std::strlen(thumbnail_suffix));
            }
            if (known.contains(name) || !older_than(entry, minimum_age)) {
                continue;
            }
            std::error_code removed;
            if (std::filesystem::remove(entry.path(), removed)) {
                ++swept.orphans;
                spdlog::info("attachment sweep: removed {} (no row names it)",
                             entry.path().string());
            }
        }
    }
    if (std::filesystem::is_directory(temporary_, error)) {
        for (const auto& entry : std::filesystem::directory_iterator(temporary_, error)) {
            if (!older_than(entry, minimum_age)) {
                continue;
            }
            std::error_code removed;
            if (std::filesystem::remove_all(entry.path(), removed) > 0) {
                ++swept.temporary;
            }
        }
    }
    return swept;
}

std::string sha256_of_file(const std::filesystem::path& path) {
    std::ifstream file(path, std::ios::binary);
    if (!file) {
        throw std::runtime_error("cannot read " + path.string());
    }
    crypto_hash_sha256_state state;
    crypto_hash_sha256_init(&state);
    std::array<char, 64 * 1024> block{};
    while (file) {
        file.read(block.data(), block.size());
        const auto count = file.gcount();
        if (count > 0) {
            crypto_hash_sha256_update(&state, reinterpret_cast<const unsigned char*>(block.data()),
                                      static_cast<unsigned long long>(count));
        }
    }
    std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
    crypto_hash_sha256_final(&state, digest.data());
    std::array<char, crypto_hash_sha256_BYTES * 2 + 1> hex{};
    sodium_bin2hex(hex.data(), hex.size(), digest.data(), digest.size());
    return hex.data();
}

}  // namespace lianjian::attachments
