#include "attachments/media_samples.hpp"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <unistd.h>
#include <zip.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>

namespace lianjian::testing::attachment_support {

std::string image_bytes(int width, int height, const char* type) {
    GdkPixbuf* pixbuf = gdk_pixbuf_new(GDK_COLORSPACE_RGB, FALSE, 8, width, height);
    gdk_pixbuf_fill(pixbuf, 0xC0302000);
    gchar* buffer = nullptr;
    gsize size = 0;
    gdk_pixbuf_save_to_buffer(pixbuf, &buffer, &size, type, nullptr, nullptr);
    std::string bytes(buffer, size);
    g_free(buffer);
    g_object_unref(pixbuf);
    return bytes;
}

std::string with_exif_orientation(const std::string& jpeg, unsigned char orientation) {
    std::string tiff("MM\0\x2A\0\0\0\x08", 8);           // big-endian, first IFD at offset 8
    tiff += std::string("\0\x01", 2);                    // one entry
    tiff += std::string("\x01\x12\0\x03\0\0\0\x01", 8);  // tag 0x0112, SHORT, count 1
    tiff += std::string(1, '\0');                        // the value, left-justified
    tiff += std::string(1, static_cast<char>(orientation));
    tiff += std::string("\0\0", 2);
    tiff += std::string("\0\0\0\0", 4);  // no next IFD
    const std::string payload = std::string("Exif\0\0", 6) + tiff;
    const auto length = payload.size() + 2;
    std::string segment("\xFF\xE1");
    segment.push_back(static_cast<char>(length >> 8));
    segment.push_back(static_cast<char>(length & 0xFF));
    segment += payload;
    return jpeg.substr(0, 2) + segment + jpeg.substr(2);
}

std::pair<int, int> image_size(const std::string& bytes) {
    GdkPixbufLoader* loader = gdk_pixbuf_loader_new();
    gdk_pixbuf_loader_write(loader, reinterpret_cast<const guchar*>(bytes.data()), bytes.size(),
                            nullptr);
    gdk_pixbuf_loader_close(loader, nullptr);
    GdkPixbuf* pixbuf = gdk_pixbuf_loader_get_pixbuf(loader);
    std::pair<int, int> size{0, 0};
    if (pixbuf != nullptr) {
        size = {gdk_pixbuf_get_width(pixbuf), gdk_pixbuf_get_height(pixbuf)};
    }
    g_object_unref(loader);
    return size;
}

std::string zip_bytes(const std::vector<std::pair<std::string, std::string>>& entries) {
    char name[] = "/tmp/lianjian-zip-XXXXXX";
    const int descriptor = mkstemp(name);
    ::close(descriptor);
    zipFile archive = zipOpen64(name, APPEND_STATUS_CREATE);
    for (const auto& [path, content] : entries) {
        zip_fileinfo info{};
        zipOpenNewFileInZip64(archive, path.c_str(), &info, nullptr, 0, nullptr, 0, nullptr,
                              Z_DEFLATED, Z_DEFAULT_COMPRESSION, 0);
        zipWriteInFileInZip(archive, content.data(), static_cast<unsigned>(content.size()));
        zipCloseFileInZip(archive);
    }
    zipClose(archive, nullptr);
    std::ifstream file(name, std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
    std::remove(name);
    return bytes;
}

std::string docx_bytes() {
    return zip_bytes({{"[Content_Types].xml", "<Types/>"},
                      {"_rels/.rels", "<Relationships/>"},
                      {"word/document.xml", "<w:document/>"}});
}

std::string xlsx_bytes() {
    return zip_bytes({{"[Content_Types].xml", "<Types/>"},
                      {"_rels/.rels", "<Relationships/>"},
                      {"xl/workbook.xml", "<workbook/>"}});
}

std::string pdf_bytes() {
    return "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";
}

}  // namespace lianjian::testing::attachment_support
