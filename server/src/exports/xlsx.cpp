#include "exports/xlsx.hpp"

#include "core/text.hpp"

#include <xlsxwriter.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace lianjian::exports {

namespace {

// A cell's text as the file format allows it: characters XML 1.0 forbids (a NUL, other control
// characters, U+FFFF, broken UTF-8) become U+FFFD instead of corrupting the file, and text past
// a cell's 32,767-character limit is cut there.
std::string cell_text(const std::string& value) {
    auto safe = text::xml_safe(value);
    constexpr std::size_t cell_limit = 32767;
    if (text::character_count(safe) > cell_limit) {
        std::size_t seen = 0;
        for (std::size_t i = 0; i < safe.size(); ++i) {
            if ((static_cast<unsigned char>(safe[i]) & 0xC0) != 0x80 && seen++ == cell_limit) {
                safe.resize(i);
                break;
            }
        }
    }
    return safe;
}

// A directory only this process's user can enter, removed with everything in it on scope exit.
class PrivateDirectory {
  public:
    PrivateDirectory() {
        std::string pattern =
            (std::filesystem::temp_directory_path() / "lianjian-xlsx-XXXXXX").string();
        if (mkdtemp(pattern.data()) == nullptr) {
            throw std::runtime_error("cannot create a temporary directory for an xlsx file");
        }
        path_ = pattern;
    }
    ~PrivateDirectory() {
        std::error_code ignored;
        std::filesystem::remove_all(path_, ignored);
    }
    PrivateDirectory(const PrivateDirectory&) = delete;
    PrivateDirectory& operator=(const PrivateDirectory&) = delete;

    const std::filesystem::path& path() const { return path_; }

  private:
    std::filesystem::path path_;
};

void check(lxw_error error) {
    if (error != LXW_NO_ERROR) {
        throw std::runtime_error(std::string("xlsx writing failed: ") + lxw_strerror(error));
    }
}

void add_choices(lxw_worksheet* worksheet, lxw_col_t column,
                 const std::vector<std::string>& choices, int last_row) {
    std::vector<char*> list;
    for (const auto& choice : choices) {
        list.push_back(const_cast<char*>(choice.c_str()));
    }
    list.push_back(nullptr);
    lxw_data_validation validation{};
    validation.validate = LXW_VALIDATION_TYPE_LIST;
    validation.value_list = list.data();
    check(worksheet_data_validation_range(worksheet, 1, column, static_cast<lxw_row_t>(last_row),
                                          column, &validation));
}

void write_sheet(lxw_workbook* workbook, const Sheet& sheet) {
    lxw_worksheet* worksheet = workbook_add_worksheet(workbook, sheet.name.c_str());
    if (worksheet == nullptr) {
        throw std::runtime_error("xlsx writing failed: bad worksheet name");
    }
    lxw_format* header = workbook_add_format(workbook);
    format_set_bold(header);
    format_set_bg_color(header, 0xD9E1F2);
    // Text format ("@"), so that a spreadsheet program keeps typed phone numbers as text too.
    lxw_format* text = workbook_add_format(workbook);
    format_set_num_format(text, "@");
    const int last_row = static_cast<int>(sheet.rows.size()) + sheet.blank_rows_to_format;
    for (std::size_t index = 0; index < sheet.columns.size(); ++index) {
        const auto column = static_cast<lxw_col_t>(index);
        const auto& definition = sheet.columns[index];
        check(worksheet_set_column(worksheet, column, column, definition.width, text));
        check(worksheet_write_string(worksheet, 0, column, cell_text(definition.header).c_str(),
                                     header));
        if (!definition.choices.empty() && last_row > 0) {
            add_choices(worksheet, column, definition.choices, last_row);
        }
    }
    worksheet_freeze_panes(worksheet, 1, 0);
    for (std::size_t row = 0; row < sheet.rows.size(); ++row) {
        const auto& cells = sheet.rows[row];
        for (std::size_t index = 0; index < cells.size() && index < sheet.columns.size(); ++index) {
            check(worksheet_write_string(worksheet, static_cast<lxw_row_t>(row + 1),
                                         static_cast<lxw_col_t>(index),
                                         cell_text(cells[index]).c_str(), text));
        }
    }
}

std::string read_file(const std::filesystem::path& path) {
    std::ifstream file(path, std::ios::binary);
    std::ostringstream bytes;
    bytes << file.rdbuf();
    if (!file) {
        throw std::runtime_error("xlsx writing failed: cannot read the file back");
    }
    return bytes.str();
}

}  // namespace

std::string xlsx_bytes(const Sheet& sheet) {
    PrivateDirectory directory;
    const auto file = directory.path() / "sheet.xlsx";
    std::string temporary = directory.path().string();
    lxw_workbook_options options{};
    options.tmpdir = temporary.data();
    lxw_workbook* workbook = workbook_new_opt(file.c_str(), &options);
    if (workbook == nullptr) {
        throw std::runtime_error("xlsx writing failed: cannot create the workbook");
    }
    try {
        write_sheet(workbook, sheet);
    } catch (...) {
        workbook_close(workbook);
        throw;
    }
    check(workbook_close(workbook));
    return read_file(file);
}

}  // namespace lianjian::exports
