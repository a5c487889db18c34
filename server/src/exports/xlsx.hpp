#pragma once

#include <string>
#include <vector>

namespace lianjian::exports {

// One column of a sheet: its header, its width in characters, and, for a template, the values a
// cell may take (offered as a drop-down list).
struct Column {
    std::string header;
    double width = 14;
    std::vector<std::string> choices;
};

// A table to hand to a spreadsheet program: a header row, then text cells. Every cell is written
// as text, so that phone numbers keep their digits and dates their form.
struct Sheet {
    std::string name;  // the worksheet's tab, at most 31 characters
    std::vector<Column> columns;
    std::vector<std::vector<std::string>> rows;
    // Rows of choices and text formatting a template offers for the user to fill in.
    int blank_rows_to_format = 0;
};

// The .xlsx file of `sheet`, as bytes. Written by libxlsxwriter through a private temporary
// directory (mode 0700) that is removed before returning: the file may hold personal data.
std::string xlsx_bytes(const Sheet& sheet);

inline constexpr const char* xlsx_content_type =
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

}  // namespace lianjian::exports
