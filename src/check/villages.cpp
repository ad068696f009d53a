// Village profiles (docs/format.md §9) from CSV, from an .xlsx workbook, from YAML
// `kind: villages`, or built in code.
#include <qingdan/villages.hpp>

#include <algorithm>
#include <fstream>
#include <iterator>
#include <optional>
#include <utility>

#include <qingdan/detail/spelling.hpp>
#include <qingdan/detail/string_hash.hpp>

#include "check/village_load.hpp"
#include "load/readers/readers.hpp"
#include "load/source_text.hpp"
#include "load/workbook.hpp"
#include "load/yaml_tree.hpp"
#include "wording/diagnostics.hpp"

namespace qingdan {

namespace {

using detail::Code;
using detail::Diagnostics;
using detail::in_cell;
using detail::Message;

constexpr std::string_view number_columns[] = {"households",      "population",     "staff",
                                               "hours_per_month", "baseline_hours", "extra_staff",
                                               "extra_hours"};

// The largest figure a column may hold (villages.hpp).
constexpr double maximum_of(std::string_view column) {
  return column == "households"                         ? max_households
         : column == "population"                       ? max_population
         : column == "staff" || column == "extra_staff" ? max_staff
                                                        : max_village_hours;
}

// The number a column names, in a profile or a const profile.
template <class Profile>
auto* number_field(Profile& profile, std::string_view column) {
  using Number = decltype(&profile.households);
  if (column == "households") return &profile.households;
  if (column == "population") return &profile.population;
  if (column == "staff") return &profile.staff;
  if (column == "hours_per_month") return &profile.hours_per_month;
  if (column == "baseline_hours") return &profile.baseline_hours;
  if (column == "extra_staff") return &profile.extra_staff;
  if (column == "extra_hours") return &profile.extra_hours;
  return Number{nullptr};
}

void report(Diagnostics& diagnostics, const SourcePosition& at, Code code, Message id,
            std::vector<Phrase::Argument> arguments = {}) {
  diagnostics.error(at.file, {at.line, at.column}, code, id, std::move(arguments));
}

// Checks what every profile must satisfy, however it was read. `sheet_header`, for profiles
// read from a worksheet, gives each column's English name, so that a figure's cell is named.
void validate(const std::vector<VillageProfile>& profiles, Diagnostics& diagnostics,
              const std::vector<std::string>* sheet_header = nullptr) {
  auto figure_error = [&](const VillageProfile& profile, std::string_view column, Code code,
                          Message id, std::vector<Phrase::Argument> arguments) {
    const SourcePosition& at = profile.position;
    auto cell = sheet_header ? std::find(sheet_header->begin(), sheet_header->end(), column)
                             : std::vector<std::string>::const_iterator();
    if (sheet_header == nullptr || cell == sheet_header->end())
      return report(diagnostics, at, code, id, std::move(arguments));
    diagnostics.error(at.file, {at.line, at.column}, code,
                      in_cell(static_cast<std::uint32_t>(cell - sheet_header->begin()), at.line, id,
                              std::move(arguments)));
  };
  detail::StringMap<std::uint32_t> seen;
  for (const VillageProfile& profile : profiles) {
    if (profile.jurisdiction.empty()) {
      report(diagnostics, profile.position, Code::villages_bad_value,
             Message::village_needs_jurisdiction);
      continue;
    }
    bool figures_valid = true;
    for (std::string_view column : number_columns) {
      double value = *number_field(profile, column);
      // NaN means "not given", except for the baseline, whose default is 0.
      if (std::isnan(value) && column != "baseline_hours") continue;
      if (std::isnan(value)) {
        figure_error(profile, column, Code::villages_bad_value, Message::villages_not_a_number,
                     {{"value", "nan"}, {"column", column}});
        figures_valid = false;
      } else if (value < 0) {
        figure_error(profile, column, Code::village_value_out_of_range,
                     Message::village_negative_value,
                     {{"column", column}, {"village", profile.jurisdiction}});
        figures_valid = false;
      } else if (!(value <= maximum_of(column))) {  // also NaN and infinity
        figure_error(profile, column, Code::village_value_out_of_range,
                     Message::village_value_too_large,
                     {{"column", column},
                      {"maximum", detail::shortest_number_text(maximum_of(column))},
                      {"value", detail::shortest_number_text(value)},
                      {"village", profile.jurisdiction}});
        figures_valid = false;
      }
    }
    if (figures_valid && profile.extra_mode.empty() && profile.extra_capacity() > 0)
      report(diagnostics, profile.position, Code::villages_bad_value,
             Message::village_extra_without_mode, {{"village", profile.jurisdiction}});
    double capacity = profile.capacity();
    if (figures_valid && (std::isnan(capacity) || capacity <= 0))
      report(diagnostics, profile.position, Code::village_without_capacity,
             Message::village_without_capacity, {{"village", profile.jurisdiction}});
    auto [first, inserted] = seen.emplace(profile.jurisdiction, profile.position.line);
    if (!inserted)
      report(diagnostics, profile.position, Code::village_listed_twice,
             sheet_header ? Message::village_listed_twice_in_row : Message::village_listed_twice,
             {{"village", profile.jurisdiction}, {"line", std::to_string(first->second)}});
  }
}

// RFC 4180 fields of one record starting at `at`; advances `at` past the record's line end.
// False when a quoted field is not closed.
bool next_record(std::string_view text, std::size_t& at, std::vector<std::string>& fields) {
  fields.clear();
  std::string field;
  bool quoted = false, was_quoted = false;
  while (at < text.size()) {
    char c = text[at++];
    if (quoted) {
      if (c != '"') {
        field += c;
      } else if (at < text.size() && text[at] == '"') {
        field += '"';
        ++at;
      } else {
        quoted = false;
      }
    } else if (c == '"' && field.empty() && !was_quoted) {
      quoted = was_quoted = true;
    } else if (c == ',') {
      fields.push_back(std::move(field));
      field.clear();
      was_quoted = false;
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && at < text.size() && text[at] == '\n') ++at;
      fields.push_back(std::move(field));
      return true;
    } else {
      field += c;
    }
  }
  if (quoted) return false;
  fields.push_back(std::move(field));
  return true;
}

std::string trimmed(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return std::string(text);
}

bool blank(std::string_view text) { return text.find_first_not_of(" \t") == std::string::npos; }

// A table of village profiles: a header row that names the columns, in English or in Chinese,
// and a village in each row after it. A CSV file and a worksheet give their rows to the same
// table, so that both are read alike; a worksheet's problems name their cell ("cell B3: …").
class VillageTable {
 public:
  VillageTable(std::string file, Diagnostics& diagnostics, bool sheet)
      : file_(std::move(file)), diagnostics_(diagnostics), sheet_(sheet) {}

  // Reads the header's fields; false when it is wrong (having reported why).
  bool read_header(const std::vector<std::string>& fields);
  // Reads a row of as many fields as the header, at `line` (a CSV line, a worksheet's row).
  void read_row(std::uint32_t line, const std::vector<std::string>& fields);

  // Each column by its English name, and as the header writes it.
  const std::vector<std::string>& header() const { return header_; }
  const std::vector<std::string>& written() const { return written_; }
  std::vector<VillageProfile> take_profiles() { return std::move(profiles_); }

 private:
  // An error in the row at `line`, in the cell of `column` when a worksheet's.
  void error(std::uint32_t line, std::size_t column, Code code, Message id,
             std::vector<Phrase::Argument> arguments = {}) {
    if (!sheet_) return diagnostics_.error(file_, {line, 0}, code, id, std::move(arguments));
    diagnostics_.error(file_, {line, 0}, code,
                       in_cell(static_cast<std::uint32_t>(column), line, id, std::move(arguments)));
  }

  std::string file_;
  Diagnostics& diagnostics_;
  bool sheet_;
  std::vector<std::string> header_;   // each column by its English name, as rows are read
  std::vector<std::string> written_;  // and as the header writes it, as messages name it
  std::vector<VillageProfile> profiles_;
};

bool VillageTable::read_header(const std::vector<std::string>& fields) {
  // Each column by its English name, and by the Chinese one a spreadsheet made in China has;
  // one header names every column in one language.
  struct Column {
    std::string_view english, chinese;
  };
  constexpr Column columns[] = {{"jurisdiction", "村居"},       {"households", "户数"},
                                {"population", "人口"},         {"staff", "工作人员"},
                                {"hours_per_month", "月工时"},  {"baseline_hours", "基线工时"},
                                {"extra_staff", "额外人员"},    {"extra_hours", "额外工时"},
                                {"extra_mode", "额外工时模式"}, {"note", "备注"}};
  std::vector<std::string_view> english, chinese;
  for (const Column& column : columns) {
    english.push_back(column.english);
    chinese.push_back(column.chinese);
  }
  bool has_jurisdiction = false;
  std::optional<std::size_t> first_known;  // the first column with a known name
  bool first_in_chinese = false, mixed = false, wrong = false;
  for (const std::string& raw : fields) {
    std::string name = trimmed(raw);
    const std::size_t index = written_.size();
    const Column* column = nullptr;
    bool in_chinese = false;
    for (const Column& known : columns) {
      if (name == known.english) column = &known;
      if (name == known.chinese) column = &known, in_chinese = true;
    }
    if (column == nullptr) {
      // A header in Chinese is told the Chinese names, and a guess among them.
      const bool ascii = std::all_of(name.begin(), name.end(),
                                     [](char c) { return static_cast<unsigned char>(c) < 0x80; });
      error(1, index, Code::villages_bad_header,
            ascii ? Message::villages_unknown_column : Message::villages_unknown_column_chinese,
            {{"column", name},
             {"hint", detail::did_you_mean_phrase(name, ascii ? english : chinese)}});
      wrong = true;
    } else if (!first_known) {
      first_known = index;
      first_in_chinese = in_chinese;
    } else if (in_chinese != first_in_chinese) {
      if (!mixed)
        error(1, index, Code::villages_bad_header, Message::villages_header_mixes_languages,
              {{"first", written_[*first_known]},
               {"first_position", std::to_string(*first_known + 1)},
               {"column", name},
               {"position", std::to_string(index + 1)}});
      mixed = wrong = true;
    } else if (auto first = std::find(written_.begin(), written_.end(), name);
               first != written_.end()) {
      // The second would silently overwrite the first in every row.
      error(1, index, Code::villages_bad_header, Message::villages_duplicate_column,
            {{"column", name}, {"first", std::to_string(first - written_.begin() + 1)}});
      wrong = true;
    }
    if (column != nullptr && column->english == "jurisdiction") has_jurisdiction = true;
    header_.emplace_back(column != nullptr ? column->english : std::string_view(name));
    written_.push_back(std::move(name));
  }
  if (!has_jurisdiction) {
    diagnostics_.error(file_, {1, 0}, Code::villages_bad_header,
                       first_in_chinese ? Message::villages_no_village_column
                                        : Message::villages_no_jurisdiction_column);
    wrong = true;
  }
  return !wrong;
}

void VillageTable::read_row(std::uint32_t line, const std::vector<std::string>& fields) {
  VillageProfile profile;
  profile.position = SourcePosition{file_, line, 0};
  for (std::size_t column = 0; column < header_.size(); ++column) {
    std::string value = trimmed(fields[column]);
    if (header_[column] == "jurisdiction") {
      profile.jurisdiction = std::move(value);
    } else if (header_[column] == "extra_mode") {
      profile.extra_mode = std::move(value);
    } else if (double* slot = number_field(profile, header_[column]); slot && !value.empty()) {
      if (auto number = detail::parse_figure(value)) {
        *slot = *number;
      } else {
        error(line, column, Code::villages_bad_value, Message::villages_not_a_number,
              {{"value", value}, {"column", written_[column]}});
      }
    }
  }
  // Once a row is wrong the file is refused: later rows are still checked (for the list of
  // problems) but not kept, so a file of broken rows costs no memory for them.
  if (!diagnostics_.has_errors()) profiles_.push_back(std::move(profile));
}

std::vector<VillageProfile> read_csv(const detail::SourceText& source, Diagnostics& diagnostics) {
  const std::string& file = source.display_path();
  std::string_view text = source.text();
  std::size_t at = 0;
  std::uint32_t line = 1;
  std::vector<std::string> fields;
  if (text.empty() || !next_record(text, at, fields)) {
    diagnostics.error(file, {1, 0}, Code::villages_bad_header, Message::villages_csv_empty);
    return {};
  }
  VillageTable table(file, diagnostics, false);
  if (!table.read_header(fields)) return {};
  while (at < text.size()) {
    std::size_t start = at;
    ++line;
    if (!next_record(text, at, fields)) {
      diagnostics.error(file, {line, 0}, Code::villages_bad_row, Message::villages_unclosed_quote);
      break;
    }
    std::uint32_t record_line = line;
    for (std::size_t i = start; i < at; ++i)  // quoted fields may span lines
      if (text[i] == '\n' && i + 1 < at) ++line;
    if (fields.size() == 1 && blank(fields[0])) continue;  // blank line
    if (fields.size() != table.header().size()) {
      diagnostics.error(file, {record_line, 0}, Code::villages_bad_row, Message::villages_row_width,
                        {{"count", std::to_string(fields.size())},
                         {"header", std::to_string(table.header().size())}});
      continue;
    }
    table.read_row(record_line, fields);
  }
  return table.take_profiles();
}

// The first worksheet of a workbook, read as a CSV file is: its first row is the header, each
// row after it a village. Empty cells are empty fields; a row that is blank is passed over. A
// cell right of the header's last column that holds something is an error (as a CSV row with
// a field too many); one that holds nothing is not, nor is a row shorter than the header.
std::vector<VillageProfile> read_workbook(std::string_view bytes, const std::string& file,
                                          const LoadOptions& options, Diagnostics& diagnostics,
                                          std::vector<std::string>& header) {
  VillageTable table(file, diagnostics, true);
  std::optional<bool> header_read;  // whether the header was read, and right
  std::vector<std::string> fields;
  std::string sheet;
  const bool readable = detail::read_first_worksheet(
      bytes, file, options, diagnostics,
      [&](const detail::SheetRow& row) {
        if (!header_read) {
          if (row.number != 1 || row.cells.empty()) return false;
          fields.assign(row.cells.back().column + 1, std::string());
          for (const detail::SheetCell& cell : row.cells) fields[cell.column] = cell.text;
          while (!fields.empty() && blank(fields.back())) fields.pop_back();
          if (fields.empty()) return false;
          header_read = table.read_header(fields);
          return *header_read;
        }
        const std::size_t width = table.header().size();
        fields.assign(width, std::string());
        bool empty = true;
        for (const detail::SheetCell& cell : row.cells) {
          if (blank(cell.text)) continue;
          empty = false;
          if (cell.column < width) {
            fields[cell.column] = cell.text;
            continue;
          }
          diagnostics.error(
              file, {row.number, 0}, Code::villages_bad_row,
              in_cell(cell.column, row.number, Message::cell_outside_header,
                      {{"value", trimmed(cell.text)},
                       {"last", detail::column_letters(static_cast<std::uint32_t>(width - 1))}}));
          return true;
        }
        if (!empty) table.read_row(row.number, fields);
        return true;
      },
      sheet);
  if (readable && !header_read)
    diagnostics.error(file, {1, 0}, Code::villages_bad_header, Message::sheet_first_row_empty,
                      {{"sheet", sheet}});
  header = table.header();
  return table.take_profiles();
}

std::vector<VillageProfile> read_yaml(const detail::SourceText& source, const LoadOptions& options,
                                      Diagnostics& diagnostics) {
  std::vector<VillageProfile> profiles;
  auto tree = detail::parse_yaml(source, options, diagnostics);
  if (!tree) return profiles;
  detail::SchemaReader schema(source, diagnostics);
  auto kind = detail::read_header(*tree, schema);
  if (!kind) return profiles;
  if (*kind != "villages") {
    schema.error(tree->find("kind")->position, Code::unknown_kind, Message::wrong_kind,
                 {{"expected", "villages"}, {"kind", *kind}});
    return profiles;
  }
  const Phrase file_noun(Message::noun_villages_file);
  const Phrase village_noun(Message::noun_village);
  schema.check_keys(*tree, {"qingdan", "kind", "villages"}, file_noun);
  const detail::YamlNode* list = schema.require(*tree, "villages", file_noun);
  if (list == nullptr || !schema.is_list(*list, "villages", Message::items_village_profiles))
    return profiles;
  for (const auto& node : list->items) {
    if (!schema.is_mapping(*node, village_noun)) continue;
    schema.check_keys(*node,
                      {"jurisdiction", "households", "population", "staff", "hours_per_month",
                       "baseline_hours", "extra_staff", "extra_hours", "extra_mode", "note"},
                      village_noun);
    VillageProfile profile;
    profile.position =
        SourcePosition{source.display_path(), node->position.line, node->position.column};
    if (const detail::YamlNode* path = schema.require(*node, "jurisdiction", village_noun))
      profile.jurisdiction = schema.name(*path, "jurisdiction").value_or("");
    if (auto mode = schema.optional_text(*node, "extra_mode")) profile.extra_mode = *mode;
    for (std::string_view column : number_columns)
      if (const detail::YamlNode* value = node->find(column); value && !value->is_null())
        if (auto number = schema.number(*value, column, maximum_of(column)))
          *number_field(profile, column) = *number;
    if (!diagnostics.has_errors()) profiles.push_back(std::move(profile));
  }
  return profiles;
}

}  // namespace

Villages::Villages(std::vector<VillageProfile> profiles)
    : placement_cache_(std::make_shared<detail::VillagePlacementCache>()) {
  Diagnostics diagnostics;
  validate(profiles, diagnostics);
  if (diagnostics.has_errors()) diagnostics.throw_first_error();
  profiles_ = std::make_shared<std::vector<VillageProfile>>(std::move(profiles));
}

Villages::Villages(std::shared_ptr<const std::vector<VillageProfile>> validated)
    : profiles_(std::move(validated)),
      placement_cache_(std::make_shared<detail::VillagePlacementCache>()) {}

Villages Villages::parse_csv(std::string_view text, const std::string& name) {
  Diagnostics diagnostics;
  auto source = detail::check_source(name, std::string(text), diagnostics, true);
  if (!source) diagnostics.throw_first_error();
  auto profiles = read_csv(*source, diagnostics);
  if (diagnostics.has_errors()) diagnostics.throw_first_error();
  return Villages(std::move(profiles));
}

Villages Villages::load(const std::filesystem::path& file, const LoadOptions& options) {
  Diagnostics diagnostics;
  const std::string name = file.generic_string();
  const std::string extension = file.extension().string();
  const bool csv = extension == ".csv" || extension == ".CSV";
  const bool workbook = extension == ".xlsx" || extension == ".XLSX";
  if (!csv && !workbook && extension != ".yaml" && extension != ".yml") {
    diagnostics.error(name, {}, Code::villages_bad_header, Message::villages_wrong_file_type);
    diagnostics.throw_first_error();
  }
  std::vector<VillageProfile> profiles;
  if (workbook) {
    auto bytes = detail::read_file(file, name, options, diagnostics);
    if (!bytes) diagnostics.throw_first_error();
    std::vector<std::string> header;
    profiles = read_workbook(*bytes, name, options, diagnostics, header);
    if (!diagnostics.has_errors()) validate(profiles, diagnostics, &header);
    if (diagnostics.has_errors()) diagnostics.throw_first_error();
    return Villages(std::make_shared<const std::vector<VillageProfile>>(std::move(profiles)));
  }
  auto source = detail::read_source(file, name, options, diagnostics, nullptr, csv);
  if (!source) diagnostics.throw_first_error();
  profiles = csv ? read_csv(*source, diagnostics) : read_yaml(*source, options, diagnostics);
  if (diagnostics.has_errors()) diagnostics.throw_first_error();
  return Villages(std::move(profiles));
}

}  // namespace qingdan
