#include "attachments/sniff.hpp"

#include <unzip.h>

#include <array>
#include <cstring>
#include <fstream>
#include <string_view>

namespace lianjian::attachments {

namespace {

enum class OfficeKind { none, word, spreadsheet };

// Reads the names in the ZIP's central directory: an Office Open XML file has its content types
// part and the main part of a document or a workbook.
OfficeKind office_kind(const std::filesystem::path& path) {
    unzFile archive = unzOpen64(path.c_str());
    if (archive == nullptr) {
        return OfficeKind::none;
    }
    bool content_types = false, document = false, workbook = false;
    int status = unzGoToFirstFile(archive);
    for (int entries = 0; status == UNZ_OK && entries < 10000; ++entries) {
        std::array<char, 512> name{};
        unz_file_info64 info{};
        if (unzGetCurrentFileInfo64(archive, &info, name.data(), name.size() - 1, nullptr, 0,
                                    nullptr, 0) != UNZ_OK) {
            break;
        }
        const std::string_view entry(name.data());
        content_types = content_types || entry == "[Content_Types].xml";
        document = document || entry == "word/document.xml";
        workbook = workbook || entry == "xl/workbook.xml";
        status = unzGoToNextFile(archive);
    }
    unzClose(archive);
    if (!content_types) {
        return OfficeKind::none;
    }
    if (document && !workbook) {
        return OfficeKind::word;
    }
    if (workbook && !document) {
        return OfficeKind::spreadsheet;
    }
    return OfficeKind::none;
}

}  // namespace

std::optional<Sniffed> sniff_file(const std::filesystem::path& path) {
    std::ifstream file(path, std::ios::binary);
    std::array<unsigned char, 8> head{};
    file.read(reinterpret_cast<char*>(head.data()), head.size());
    const auto count = static_cast<std::size_t>(file.gcount());
    const auto starts_with = [&](std::initializer_list<unsigned char> magic) {
        return count >= magic.size() && std::equal(magic.begin(), magic.end(), head.begin());
    };
    if (starts_with({0xFF, 0xD8, 0xFF})) {
        return Sniffed{FileType::jpeg, "image/jpeg", "jpg"};
    }
    if (starts_with({0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A})) {
        return Sniffed{FileType::png, "image/png", "png"};
    }
    if (starts_with({'%', 'P', 'D', 'F', '-'})) {
        return Sniffed{FileType::pdf, "application/pdf", "pdf"};
    }
    if (starts_with({'P', 'K', 0x03, 0x04})) {
        switch (office_kind(path)) {
            case OfficeKind::word:
                return Sniffed{
                    FileType::docx,
                    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                    "docx"};
            case OfficeKind::spreadsheet:
                return Sniffed{FileType::xlsx,
                               "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                               "xlsx"};
            case OfficeKind::none:
                break;
        }
    }
    return std::nullopt;
}

}  // namespace lianjian::attachments
