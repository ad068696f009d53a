#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include <qingdan/load_options.hpp>

#include "wording/diagnostics.hpp"

namespace qingdan::detail {

// The largest worksheet Excel makes: columns A to XFD, rows 1 to 1,048,576.
inline constexpr std::uint32_t sheet_columns = 16'384;
inline constexpr std::uint32_t sheet_rows = 1'048'576;

// A cell that holds something, as the worksheet gives it: a number as written in the file
// ("621", "7.5E-1"), a text (shared or inline) as it reads, a boolean as TRUE or FALSE, an
// error as its code (#N/A). A formula gives its last value.
struct SheetCell {
  std::uint32_t column = 0;  // 0-based: column A is 0
  std::string text;
};

struct SheetRow {
  std::uint32_t number = 0;      // 1-based, as Excel numbers rows
  std::vector<SheetCell> cells;  // in column order; empty cells are left out
};

// "B": a column as Excel names it, from its 0-based number; "B3": a cell, with its 1-based row.
std::string column_letters(std::uint32_t column);
std::string cell_reference(std::uint32_t column, std::uint32_t row);
// "cell B3: MESSAGE", as a problem in one cell of a worksheet is told.
Phrase in_cell(std::uint32_t column, std::uint32_t row, Message id,
               std::vector<Phrase::Argument> arguments = {});

// Reads the first worksheet of the .xlsx workbook `bytes` (the whole file) — the first sheet in
// the workbook's order that is a worksheet, found through its relationship — and calls
// `on_row` with each of its rows in order, until it returns false. `sheet_name` receives the
// sheet's name. No part is unpacked beyond options.max_file_bytes and no cell's text beyond
// options.max_text_bytes; XML with a document type (and so any entity) is refused. Reports
// what cannot be read (QV011; QL013 for a text over the limit) and returns false.
bool read_first_worksheet(std::string_view bytes, const std::string& display_path,
                          const LoadOptions& options, Diagnostics& diagnostics,
                          const std::function<bool(const SheetRow&)>& on_row,
                          std::string& sheet_name);

}  // namespace qingdan::detail
