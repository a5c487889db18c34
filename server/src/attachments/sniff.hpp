#pragma once

#include <filesystem>
#include <optional>
#include <string>

namespace lianjian::attachments {

// The types an attachment may have, decided from its bytes, never from its name or the
// Content-Type the client sent.
enum class FileType { jpeg, png, pdf, docx, xlsx };

struct Sniffed {
    FileType type;
    std::string media_type;  // "image/jpeg" …
    std::string extension;   // "jpg" … (without the dot)
    bool is_image() const { return type == FileType::jpeg || type == FileType::png; }
};

// The type of the file at `path` from its magic bytes: JPEG (FF D8 FF), PNG (its 8-byte
// signature), PDF ("%PDF-"), and DOCX / XLSX: a ZIP archive (read through minizip's central
// directory) holding "[Content_Types].xml" and a "word/document.xml" or "xl/workbook.xml" part.
// Anything else (HTML, executables, an empty file, a ZIP of something else) is nothing.
std::optional<Sniffed> sniff_file(const std::filesystem::path& path);

}  // namespace lianjian::attachments
