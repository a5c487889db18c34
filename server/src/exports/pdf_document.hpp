#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace lianjian::exports {

// An A4 PDF written top to bottom with Pango (text shaped, wrapped and broken into lines by
// Pango with the Noto CJK fonts found through fontconfig) on a Cairo PDF surface. Text that
// does not fit on the page goes on to the next one line by line; every page gets its number at
// the foot. The left margin is wider than the right (装订线) so that pages can be bound.
class PdfDocument {
  public:
    static constexpr double page_width = 595.276;  // A4 in points
    static constexpr double page_height = 841.89;
    static constexpr double left_margin = 85.0;   // 30 mm: the binding side
    static constexpr double right_margin = 57.0;  // 20 mm
    static constexpr double top_margin = 62.0;
    static constexpr double bottom_margin = 70.0;

    PdfDocument();
    ~PdfDocument();
    PdfDocument(const PdfDocument&) = delete;
    PdfDocument& operator=(const PdfDocument&) = delete;

    // The document title, large and centred.
    void title(const std::string& text, double size = 22);
    // Centred text of any size (a cover's lines).
    void centred(const std::string& text, double size, bool bold = false);
    void heading(const std::string& text);
    void paragraph(const std::string& text, double size = 10.5);
    // A label and its value side by side; the value wraps under itself.
    void field(const std::string& label, const std::string& value);
    // A table with borders: `widths` are fractions of the text width. The header row repeats on
    // each page the table continues on.
    void table(const std::vector<std::string>& headers, const std::vector<double>& widths,
               const std::vector<std::vector<std::string>>& rows);
    // A photo at most the text width wide and `maximum_height` high, upright (its EXIF
    // orientation applied); false when it cannot be read.
    bool image(const std::filesystem::path& path, double maximum_height = 300);
    // A line of the table of contents: the text, dot leaders and a page number at the right.
    void contents_line(const std::string& text, int page);
    void space(double points);
    void new_page();
    // The page being written, from 1.
    int page() const { return page_; }

    // Ends the document and returns the PDF's bytes.
    std::string finish();

  private:
    struct State;
    void ensure_room(double height);
    void footer();
    double content_width() const { return page_width - left_margin - right_margin; }

    std::unique_ptr<State> state_;
    std::string bytes_;
    double y_ = top_margin;
    int page_ = 1;
    bool finished_ = false;
};

}  // namespace lianjian::exports
