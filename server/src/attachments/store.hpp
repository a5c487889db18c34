#pragma once

#include <chrono>
#include <filesystem>
#include <optional>
#include <set>
#include <string>

namespace lianjian::attachments {

// Where attachment files live: `<data-dir>/attachments/<stored_name>` (and a photo's thumbnail
// `<stored_name>.thumb.jpg`), with upload bodies streamed to `<data-dir>/tmp/` first. Names are
// made here, never taken from the client, so no request can name a path.
class AttachmentStore {
  public:
    explicit AttachmentStore(std::filesystem::path data_dir);

    const std::filesystem::path& directory() const { return directory_; }
    const std::filesystem::path& temporary_directory() const { return temporary_; }
    // Creates both directories when missing.
    void prepare() const;

    // A new stored name: 32 random hex digits and the extension ("jpg").
    static std::string new_stored_name(const std::string& extension);
    // True for a name this store could have made (hex, a dot, a known extension), so that a
    // name read back from the database cannot lead outside the directory either.
    static bool is_stored_name(const std::string& name);
    std::filesystem::path path_of(const std::string& stored_name) const;
    std::filesystem::path thumbnail_of(const std::string& stored_name) const;

    // Moves `source` (a file on the same file system) to `stored_name`: the file is fsynced,
    // renamed into the directory, and the directory fsynced, so that once this returns the file
    // survives a crash. Throws on any failure, leaving nothing under `stored_name`.
    void place(const std::filesystem::path& source, const std::string& stored_name) const;
    // Removes a stored file and its thumbnail; missing files are not an error.
    void discard(const std::string& stored_name) const;

    // What a sweep removed.
    struct Swept {
        int orphans = 0;    // files in attachments/ that no row names
        int temporary = 0;  // stale files in tmp/
    };
    // Removes files in attachments/ whose stored name is not in `known` (with their thumbnails)
    // and files in tmp/, each only when older than `minimum_age`: a file being uploaded right now
    // is younger and its row may still be on its way.
    Swept sweep(const std::set<std::string>& known, std::chrono::seconds minimum_age) const;

  private:
    std::filesystem::path directory_;
    std::filesystem::path temporary_;
};

// The SHA-256 of a file's bytes, hex, read in blocks (libsodium).
std::string sha256_of_file(const std::filesystem::path& path);

// fsync(2) of a file or directory; throws on failure.
void sync_path(const std::filesystem::path& path, bool directory);

}  // namespace lianjian::attachments
