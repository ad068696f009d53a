// Village profiles (docs/format.md §9) from CSV, from YAML `kind: villages`, or built in code.
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
#include "load/yaml_tree.hpp"
#include "wording/diagnostics.hpp"

namespace qingdan {

namespace {

using detail::Code;
using detail::Diagnostics;
using detail::Message;

constexpr std::string_view number_columns[] = {"households", "population", "staff",
                                               "hours_per_month", "baseline_hours"};

// The largest figure a column may hold (villages.hpp).
constexpr double maximum_of(std::string_view column) {
  return column == "households"   ? max_households
         : column == "population" ? max_population
         : column == "staff"      ? max_staff
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
  return Number{nullptr};
}

void report(Diagnostics& diagnostics, const SourcePosition& at, Code code, Message id,
            std::initializer_list<detail::MessageArgument> arguments = {}) {
  diagnostics.error(at.file, {at.line, at.column}, code, id, arguments);
}

// Checks what every profile must satisfy, however it was read.
void validate(const std::vector<VillageProfile>& profiles, Diagnostics& diagnostics) {
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
        report(diagnostics, profile.position, Code::villages_bad_value,
               Message::villages_not_a_number, {{"value", "nan"}, {"column", column}});
        figures_valid = false;
      } else if (value < 0) {
        report(diagnostics, profile.position, Code::village_value_out_of_range,
               Message::village_negative_value,
               {{"column", column}, {"village", profile.jurisdiction}});
        figures_valid = false;
      } else if (!(value <= maximum_of(column))) {  // also NaN and infinity
        report(diagnostics, profile.position, Code::village_value_out_of_range,
               Message::village_value_too_large,
               {{"column", column},
                {"maximum", detail::shortest_number_text(maximum_of(column))},
                {"value", detail::shortest_number_text(value)},
                {"village", profile.jurisdiction}});
        figures_valid = false;
      }
    }
    double capacity = profile.capacity();
    if (figures_valid && (std::isnan(capacity) || capacity <= 0))
      report(diagnostics, profile.position, Code::village_without_capacity,
             Message::village_without_capacity, {{"village", profile.jurisdiction}});
    auto [first, inserted] = seen.emplace(profile.jurisdiction, profile.position.line);
    if (!inserted)
      report(diagnostics, profile.position, Code::village_listed_twice,
             Message::village_listed_twice,
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

std::vector<VillageProfile> read_csv(const detail::SourceText& source, Diagnostics& diagnostics) {
  const std::string& file = source.display_path();
  std::string_view text = source.text();
  std::size_t at = 0;
  std::uint32_t line = 1;
  std::vector<std::string> fields;
  std::vector<VillageProfile> profiles;
  if (text.empty() || !next_record(text, at, fields)) {
    diagnostics.error(file, {1, 0}, Code::villages_bad_header, Message::villages_csv_empty);
    return profiles;
  }
  // Each column by its English name, and by the Chinese one a spreadsheet made in China has;
  // one header names every column in one language.
  struct Column {
    std::string_view english, chinese;
  };
  constexpr Column columns[] = {
      {"jurisdiction", "村居"}, {"households", "户数"},        {"population", "人口"},
      {"staff", "工作人员"},    {"hours_per_month", "月工时"}, {"baseline_hours", "基线工时"},
      {"note", "备注"}};
  std::vector<std::string_view> english, chinese;
  for (const Column& column : columns) {
    english.push_back(column.english);
    chinese.push_back(column.chinese);
  }
  std::vector<std::string> header;   // each column by its English name, as rows are read
  std::vector<std::string> written;  // and as the header writes it, as messages name it
  int jurisdiction_column = -1;
  std::optional<std::size_t> first_known;  // the first column with a known name
  bool first_in_chinese = false, mixed = false;
  for (const std::string& raw : fields) {
    std::string name = trimmed(raw);
    const std::size_t index = written.size();
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
      diagnostics.error(
          file, {1, 0}, Code::villages_bad_header,
          ascii ? Message::villages_unknown_column : Message::villages_unknown_column_chinese,
          {{"column", name},
           {"hint",
            detail::did_you_mean_suffix(diagnostics.language(), name, ascii ? english : chinese)}});
    } else if (!first_known) {
      first_known = index;
      first_in_chinese = in_chinese;
    } else if (in_chinese != first_in_chinese) {
      if (!mixed)
        diagnostics.error(file, {1, 0}, Code::villages_bad_header,
                          Message::villages_header_mixes_languages,
                          {{"first", written[*first_known]},
                           {"first_position", std::to_string(*first_known + 1)},
                           {"column", name},
                           {"position", std::to_string(index + 1)}});
      mixed = true;
    } else if (auto first = std::find(written.begin(), written.end(), name);
               first != written.end()) {
      // The second would silently overwrite the first in every row.
      diagnostics.error(file, {1, 0}, Code::villages_bad_header, Message::villages_duplicate_column,
                        {{"column", name}, {"first", std::to_string(first - written.begin() + 1)}});
    }
    if (column != nullptr && column->english == "jurisdiction")
      jurisdiction_column = static_cast<int>(index);
    header.emplace_back(column != nullptr ? column->english : std::string_view(name));
    written.push_back(std::move(name));
  }
  if (jurisdiction_column < 0)
    diagnostics.error(file, {1, 0}, Code::villages_bad_header,
                      first_in_chinese ? Message::villages_no_village_column
                                       : Message::villages_no_jurisdiction_column);
  if (diagnostics.has_errors()) return profiles;

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
    if (fields.size() == 1 && trimmed(fields[0]).empty()) continue;  // blank line
    if (fields.size() != header.size()) {
      diagnostics.error(
          file, {record_line, 0}, Code::villages_bad_row, Message::villages_row_width,
          {{"count", std::to_string(fields.size())}, {"header", std::to_string(header.size())}});
      continue;
    }
    VillageProfile profile;
    profile.position = SourcePosition{file, record_line, 0};
    for (std::size_t column = 0; column < header.size(); ++column) {
      std::string value = trimmed(fields[column]);
      if (header[column] == "jurisdiction") {
        profile.jurisdiction = std::move(value);
      } else if (double* slot = number_field(profile, header[column]); slot && !value.empty()) {
        if (auto number = detail::parse_figure(value))
          *slot = *number;
        else
          diagnostics.error(file, {record_line, 0}, Code::villages_bad_value,
                            Message::villages_not_a_number,
                            {{"value", value}, {"column", written[column]}});
      }
    }
    // Once a row is wrong the file is refused: later rows are still checked (for the list of
    // problems) but not kept, so a file of broken rows costs no memory for them.
    if (!diagnostics.has_errors()) profiles.push_back(std::move(profile));
  }
  return profiles;
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
  const std::string file_noun = schema.say(Message::noun_villages_file);
  const std::string village_noun = schema.say(Message::noun_village);
  schema.check_keys(*tree, {"qingdan", "kind", "villages"}, file_noun);
  const detail::YamlNode* list = schema.require(*tree, "villages", file_noun);
  if (list == nullptr || !schema.is_list(*list, "villages", Message::items_village_profiles))
    return profiles;
  for (const auto& node : list->items) {
    if (!schema.is_mapping(*node, village_noun)) continue;
    schema.check_keys(*node,
                      {"jurisdiction", "households", "population", "staff", "hours_per_month",
                       "baseline_hours", "note"},
                      village_noun);
    VillageProfile profile;
    profile.position =
        SourcePosition{source.display_path(), node->position.line, node->position.column};
    if (const detail::YamlNode* path = schema.require(*node, "jurisdiction", village_noun))
      profile.jurisdiction = schema.name(*path, "jurisdiction").value_or("");
    for (std::string_view column : number_columns)
      if (const detail::YamlNode* value = node->find(column); value && !value->is_null())
        if (auto number = schema.number(*value, column, maximum_of(column)))
          *number_field(profile, column) = *number;
    if (!diagnostics.has_errors()) profiles.push_back(std::move(profile));
  }
  return profiles;
}

}  // namespace

Villages::Villages(std::vector<VillageProfile> profiles, Language language)
    : placement_cache_(std::make_shared<detail::VillagePlacementCache>()) {
  Diagnostics diagnostics(language);
  validate(profiles, diagnostics);
  if (diagnostics.has_errors()) diagnostics.throw_first_error();
  profiles_ = std::make_shared<std::vector<VillageProfile>>(std::move(profiles));
}

Villages Villages::parse_csv(std::string_view text, const std::string& name, Language language) {
  Diagnostics diagnostics(language);
  auto source = detail::check_source(name, std::string(text), diagnostics, true);
  if (!source) diagnostics.throw_first_error();
  auto profiles = read_csv(*source, diagnostics);
  if (diagnostics.has_errors()) diagnostics.throw_first_error();
  return Villages(std::move(profiles), language);
}

Villages Villages::load(const std::filesystem::path& file, const LoadOptions& options) {
  Diagnostics diagnostics(options.language);
  const std::string name = file.generic_string();
  std::string extension = file.extension().string();
  bool csv = extension == ".csv" || extension == ".CSV";
  if (!csv && extension != ".yaml" && extension != ".yml") {
    diagnostics.error(name, {}, Code::villages_bad_header, Message::villages_wrong_file_type);
    diagnostics.throw_first_error();
  }
  auto source = detail::read_source(file, name, options, diagnostics, nullptr, csv);
  if (!source) diagnostics.throw_first_error();
  auto profiles = csv ? read_csv(*source, diagnostics) : read_yaml(*source, options, diagnostics);
  if (diagnostics.has_errors()) diagnostics.throw_first_error();
  return Villages(std::move(profiles), options.language);
}

}  // namespace qingdan
