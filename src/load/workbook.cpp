// The first worksheet of an .xlsx workbook (ECMA-376 / ISO/IEC 29500) as rows of text cells.
// libzip opens the archive, expat reads its XML; this is the only file that includes either.
#include "load/workbook.hpp"

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <exception>
#include <limits>
#include <memory>
#include <optional>
#include <utility>

#include <expat.h>
#include <zip.h>

namespace qingdan::detail {

std::string column_letters(std::uint32_t column) {
  std::string letters;
  for (std::uint32_t rest = column + 1; rest > 0; rest = (rest - 1) / 26)
    letters.insert(letters.begin(), static_cast<char>('A' + (rest - 1) % 26));
  return letters;
}

std::string cell_reference(std::uint32_t column, std::uint32_t row) {
  return column_letters(column) + std::to_string(row);
}

Phrase in_cell(std::uint32_t column, std::uint32_t row, Message id,
               std::vector<Phrase::Argument> arguments) {
  return Phrase(Message::in_cell, {{"cell", cell_reference(column, row)},
                                   {"message", Phrase(id, std::move(arguments))}});
}

namespace {

// A cell reference ("B3") as a 0-based column and a 1-based row; nothing when it is not one, or
// lies beyond a worksheet. `row` is 0 when the reference names a column alone.
struct CellAt {
  std::uint32_t column = 0;
  std::uint32_t row = 0;
};

std::optional<CellAt> parse_reference(std::string_view text) {
  CellAt at;
  std::size_t letters = 0;
  for (; letters < text.size() && text[letters] >= 'A' && text[letters] <= 'Z'; ++letters) {
    if (letters == 3) return std::nullopt;
    at.column = at.column * 26 + static_cast<std::uint32_t>(text[letters] - 'A' + 1);
  }
  if (letters == 0 || at.column > sheet_columns) return std::nullopt;
  --at.column;
  const char* end = text.data() + text.size();
  auto [stop, failure] = std::from_chars(text.data() + letters, end, at.row);
  if (failure != std::errc() || stop != end || at.row == 0 || at.row > sheet_rows)
    return std::nullopt;
  return at;
}

// The local name of an element or attribute that expat gives as "namespace|name".
std::string_view local_name(const XML_Char* name) {
  std::string_view text(name);
  std::size_t bar = text.rfind('|');
  return bar == std::string_view::npos ? text : text.substr(bar + 1);
}

// The attribute of that local name; `related` asks for the one in the relationships namespace
// (r:id), which transitional and strict workbooks spell differently.
const XML_Char* attribute(const XML_Char** attributes, std::string_view name,
                          bool related = false) {
  for (const XML_Char** at = attributes; *at != nullptr; at += 2) {
    std::string_view full(at[0]);
    std::size_t bar = full.rfind('|');
    const bool namespaced = bar != std::string_view::npos;
    if (local_name(at[0]) == name &&
        (!related || (namespaced && full.substr(0, bar).ends_with("relationships"))) &&
        (related || !namespaced))
      return at[1];
  }
  return nullptr;
}

// A part's name from a relationship's target: relative to the folder of the part that names it,
// or from the package's root when it starts with '/'; '.' and '..' resolved.
std::string resolve_target(std::string_view folder, std::string_view target) {
  std::string joined = target.starts_with('/') ? std::string(target.substr(1))
                                               : std::string(folder) + std::string(target);
  std::vector<std::string_view> segments;
  std::string_view rest = joined;
  while (!rest.empty()) {
    std::size_t slash = rest.find('/');
    std::string_view segment = rest.substr(0, slash);
    rest = slash == std::string_view::npos ? std::string_view() : rest.substr(slash + 1);
    if (segment == "..") {
      if (!segments.empty()) segments.pop_back();
    } else if (!segment.empty() && segment != ".") {
      segments.push_back(segment);
    }
  }
  std::string name;
  for (std::string_view segment : segments) name.append(name.empty() ? "" : "/").append(segment);
  return name;
}

std::string folder_of(std::string_view part) {
  std::size_t slash = part.rfind('/');
  return slash == std::string_view::npos ? std::string() : std::string(part.substr(0, slash + 1));
}

// What reads one XML part: elements as they open and close, and the text between them.
class PartReader {
 public:
  virtual ~PartReader() = default;
  virtual void start(std::string_view name, const XML_Char** attributes) = 0;
  virtual void end(std::string_view name) = 0;
  virtual void text(std::string_view) {}
  // Set by a reader that found a problem it reported: the part is read no further.
  bool stopped = false;
};

// One part being parsed, for expat's callbacks.
struct ExpatParse {
  XML_Parser parser;
  PartReader& reader;
  bool doctype = false;
  std::exception_ptr failure{};  // thrown in a callback: expat's C frames are not unwound

  template <class Step>
  static void guarded(void* data, Step step) {
    auto* parse = static_cast<ExpatParse*>(data);
    try {
      step(*parse);
    } catch (...) {
      parse->failure = std::current_exception();
      XML_StopParser(parse->parser, XML_FALSE);
      return;
    }
    if (parse->reader.stopped) XML_StopParser(parse->parser, XML_FALSE);
  }
};

// The archive, opened from the file's bytes, and the parts read from it.
class Package {
 public:
  Package(std::string_view bytes, const std::string& file, const LoadOptions& options,
          Diagnostics& diagnostics)
      : bytes_(bytes), file_(file), options_(options), diagnostics_(diagnostics) {}
  ~Package() {
    if (archive_ != nullptr) zip_discard(archive_);
  }
  Package(const Package&) = delete;
  Package& operator=(const Package&) = delete;

  bool open() {
    using namespace std::string_view_literals;
    // An .xls workbook, and an .xlsx one protected by a password, are OLE compound files.
    if (bytes_.starts_with("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"sv))
      return fail(Message::workbook_old_or_protected);
    if (bytes_.empty()) return fail(Message::workbook_not_zip);  // libzip: an empty archive
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* source = zip_source_buffer_create(bytes_.data(), bytes_.size(), 0, &error);
    if (source != nullptr) {
      // Not ZIP_CHECKCONS: it also refuses archives whose local headers some writers fill in
      // their own way, and a damaged part is found anyway when it is unpacked (its CRC).
      archive_ = zip_open_from_source(source, ZIP_RDONLY, &error);
      if (archive_ == nullptr) zip_source_free(source);
    }
    const int code = zip_error_code_zip(&error);
    zip_error_fini(&error);
    if (archive_ != nullptr) return true;
    // A zip cut short has lost its directory at the end, and looks like no zip at all.
    if (code == ZIP_ER_NOZIP && !bytes_.starts_with("PK\x03\x04"sv))
      return fail(Message::workbook_not_zip);
    return fail(Message::workbook_damaged);
  }

  // Reads the part `name` through `reader`, reporting why it cannot; a missing part is reported
  // only when it is `required`.
  enum class Read : std::uint8_t { whole, missing, failed };
  Read read(const std::string& name, PartReader& reader, bool required = true) {
    const zip_int64_t index = zip_name_locate(archive_, name.c_str(), ZIP_FL_NOCASE);
    if (index < 0) {
      if (required) fail(Message::workbook_part_missing, {{"part", name}});
      return required ? Read::failed : Read::missing;
    }
    return unpack(name, static_cast<zip_uint64_t>(index), reader) ? Read::whole : Read::failed;
  }

  bool fail(Message id, std::vector<Phrase::Argument> arguments = {}) {
    diagnostics_.error(file_, {}, Code::workbook_unreadable, id, std::move(arguments));
    return false;
  }

 private:
  bool unpack(const std::string& name, zip_uint64_t index, PartReader& reader) {
    zip_stat_t stat;
    zip_stat_init(&stat);
    if (zip_stat_index(archive_, index, 0, &stat) != 0)
      return fail(Message::workbook_part_damaged, {{"part", name}});
    if ((stat.valid & ZIP_STAT_ENCRYPTION_METHOD) && stat.encryption_method != ZIP_EM_NONE)
      return fail(Message::workbook_part_encrypted, {{"part", name}});
    if ((stat.valid & ZIP_STAT_COMP_METHOD) &&
        !zip_compression_method_supported(stat.comp_method, 0))
      return fail(Message::workbook_part_damaged, {{"part", name}});
    if ((stat.valid & ZIP_STAT_SIZE) && stat.size > options_.max_file_bytes) return too_large(name);
    std::unique_ptr<zip_file_t, int (*)(zip_file_t*)> entry(zip_fopen_index(archive_, index, 0),
                                                            zip_fclose);
    if (entry == nullptr) return fail(Message::workbook_part_damaged, {{"part", name}});
    return parse(name, entry.get(), reader);
  }

  bool too_large(const std::string& name) {
    return fail(Message::workbook_part_too_large,
                {{"part", name}, {"limit", std::to_string(options_.max_file_bytes)}});
  }

  // Streams the unpacked part to expat, never holding more than a chunk of it.
  bool parse(const std::string& name, zip_file_t* entry, PartReader& reader) {
    std::unique_ptr<XML_ParserStruct, void (*)(XML_Parser)> parser(XML_ParserCreateNS(nullptr, '|'),
                                                                   XML_ParserFree);
    if (parser == nullptr) return fail(Message::workbook_part_damaged, {{"part", name}});
    ExpatParse state{parser.get(), reader};
    XML_SetUserData(parser.get(), &state);
    // No document type, so no entity of any kind, internal or external, is ever expanded (and
    // expat's own guard against amplification stays on besides).
    XML_SetParamEntityParsing(parser.get(), XML_PARAM_ENTITY_PARSING_NEVER);
    XML_SetStartDoctypeDeclHandler(
        parser.get(), [](void* data, const XML_Char*, const XML_Char*, const XML_Char*, int) {
          auto* parse = static_cast<ExpatParse*>(data);
          parse->doctype = true;
          XML_StopParser(parse->parser, XML_FALSE);
        });
    XML_SetElementHandler(
        parser.get(),
        [](void* data, const XML_Char* element, const XML_Char** attributes) {
          ExpatParse::guarded(data, [&](ExpatParse& parse) {
            parse.reader.start(local_name(element), attributes);
          });
        },
        [](void* data, const XML_Char* element) {
          ExpatParse::guarded(data,
                              [&](ExpatParse& parse) { parse.reader.end(local_name(element)); });
        });
    XML_SetCharacterDataHandler(parser.get(), [](void* data, const XML_Char* text, int length) {
      ExpatParse::guarded(data, [&](ExpatParse& parse) {
        parse.reader.text(std::string_view(text, static_cast<std::size_t>(length)));
      });
    });
    std::vector<char> chunk(1 << 16);
    std::uint64_t unpacked = 0;
    for (;;) {
      const zip_int64_t got = zip_fread(entry, chunk.data(), chunk.size());
      if (got < 0) return fail(Message::workbook_part_damaged, {{"part", name}});
      unpacked += static_cast<std::uint64_t>(got);
      if (unpacked > options_.max_file_bytes) return too_large(name);
      if (XML_Parse(parser.get(), chunk.data(), static_cast<int>(got), got == 0) != XML_STATUS_OK) {
        if (state.failure) std::rethrow_exception(state.failure);
        if (state.doctype) return fail(Message::workbook_doctype, {{"part", name}});
        if (reader.stopped) return false;
        return fail(Message::workbook_bad_xml,
                    {{"part", name},
                     {"line", std::to_string(XML_GetCurrentLineNumber(parser.get()))},
                     {"column", std::to_string(XML_GetCurrentColumnNumber(parser.get()) + 1)}});
      }
      if (got == 0) return true;
    }
  }

  std::string_view bytes_;
  const std::string& file_;
  const LoadOptions& options_;
  Diagnostics& diagnostics_;
  zip_t* archive_ = nullptr;
};

// The relationships of one part (a .rels part): which part each id names, and as what.
struct Relationship {
  std::string id, type, target;
};

class RelationshipsReader : public PartReader {
 public:
  std::vector<Relationship> relationships;

  void start(std::string_view name, const XML_Char** attributes) override {
    if (name != "Relationship") return;
    const XML_Char* id = attribute(attributes, "Id");
    const XML_Char* type = attribute(attributes, "Type");
    const XML_Char* target = attribute(attributes, "Target");
    const XML_Char* mode = attribute(attributes, "TargetMode");
    if (id && type && target && !(mode && std::string_view(mode) == "External"))
      relationships.push_back({id, type, target});
  }
  void end(std::string_view) override {}

  const Relationship* of_type(std::string_view type) const {
    for (const Relationship& relationship : relationships)
      if (relationship.type.ends_with(type)) return &relationship;
    return nullptr;
  }
  const Relationship* with_id(std::string_view id) const {
    for (const Relationship& relationship : relationships)
      if (relationship.id == id) return &relationship;
    return nullptr;
  }
};

// The sheets a workbook lists, in its order: each one's name and relationship id.
class WorkbookReader : public PartReader {
 public:
  std::vector<std::pair<std::string, std::string>> sheets;

  void start(std::string_view name, const XML_Char** attributes) override {
    if (name != "sheet") return;
    const XML_Char* sheet_name = attribute(attributes, "name");
    const XML_Char* id = attribute(attributes, "id", true);
    if (id != nullptr) sheets.emplace_back(sheet_name ? sheet_name : "", id);
  }
  void end(std::string_view) override {}
};

// Which text of a shared or an inline string is its own: that of its <t> elements, but not of
// a phonetic run (<rPh>, the reading of East Asian text); and how long it is, against the limit.
class RunText {
 public:
  explicit RunText(std::uint64_t limit) : limit_(limit) {}

  void restart() { size_ = 0; }
  void start(std::string_view name) {
    if (name == "rPh") ++phonetic_;
    if (name == "t") in_text_ = true;
  }
  void end(std::string_view name) {
    if (name == "rPh") --phonetic_;
    if (name == "t") in_text_ = false;
  }
  // Appends `text` to `string` when it is the string's own, up to the limit.
  void text(std::string_view text, std::string& string) {
    if (!in_text_ || phonetic_ > 0) return;
    size_ += text.size();
    if (size_ <= limit_) string.append(text);
  }
  bool over_limit() const { return size_ > limit_; }
  std::uint64_t size() const { return size_; }

 private:
  std::uint64_t limit_;
  std::uint64_t size_ = 0;
  int phonetic_ = 0;
  bool in_text_ = false;
};

// The shared strings, held end to end in one text: a table of many short strings costs its
// characters and four bytes each.
class SharedStringsReader : public PartReader {
 public:
  SharedStringsReader(std::string part, const LoadOptions& options, Diagnostics& diagnostics,
                      const std::string& file)
      : part_(std::move(part)),
        options_(options),
        diagnostics_(diagnostics),
        file_(file),
        run_(options.max_text_bytes) {}

  void start(std::string_view name, const XML_Char**) override {
    if (name == "si") {
      in_item_ = true;
      run_.restart();
    }
    if (in_item_) run_.start(name);
  }
  void end(std::string_view name) override {
    if (!in_item_) return;
    run_.end(name);
    if (name != "si") return;
    in_item_ = false;
    if (run_.over_limit()) {
      diagnostics_.error(file_, {}, Code::text_too_long, Message::text_over_limit,
                         {{"size", std::to_string(run_.size())},
                          {"limit", std::to_string(options_.max_text_bytes)}});
      stopped = true;
    } else if (pool_.size() > std::numeric_limits<std::uint32_t>::max()) {
      diagnostics_.error(
          file_, {}, Code::workbook_unreadable, Message::workbook_part_too_large,
          {{"part", part_}, {"limit", std::to_string(std::numeric_limits<std::uint32_t>::max())}});
      stopped = true;
    } else {
      ends_.push_back(static_cast<std::uint32_t>(pool_.size()));
    }
  }
  void text(std::string_view text) override {
    if (in_item_) run_.text(text, pool_);
  }

  const std::string& part() const { return part_; }
  std::size_t size() const { return ends_.size(); }
  std::string_view at(std::size_t index) const {
    const std::size_t start = index == 0 ? 0 : ends_[index - 1];
    return std::string_view(pool_).substr(start, ends_[index] - start);
  }

 private:
  std::string part_;
  const LoadOptions& options_;
  Diagnostics& diagnostics_;
  const std::string& file_;
  RunText run_;
  std::string pool_;
  std::vector<std::uint32_t> ends_;
  bool in_item_ = false;
};

// The rows of a worksheet, each handed on as it closes.
class SheetReader : public PartReader {
 public:
  SheetReader(const std::string& part, const SharedStringsReader& shared,
              const LoadOptions& options, Diagnostics& diagnostics, const std::string& file,
              const std::function<bool(const SheetRow&)>& on_row)
      : part_(part),
        shared_(shared),
        options_(options),
        diagnostics_(diagnostics),
        file_(file),
        on_row_(on_row),
        run_(options.max_text_bytes) {}

  void start(std::string_view name, const XML_Char** attributes) override {
    if (name == "row") {
      start_row(attributes);
    } else if (name == "c" && in_row_) {
      start_cell(attributes);
    } else if (in_cell_) {
      if (name == "v") in_value_ = true;
      if (name == "is") in_inline_ = true;
      if (in_inline_) run_.start(name);
    }
  }

  // Whether the reading stopped because `on_row` asked it to, not at a problem.
  bool ended_by_caller() const { return ended_by_caller_; }

  void end(std::string_view name) override {
    if (name == "row" && in_row_) {
      in_row_ = false;
      if (!on_row_(row_)) stopped = ended_by_caller_ = true;
    } else if (name == "c" && in_cell_) {
      in_cell_ = false;
      end_cell();
    } else if (in_cell_) {
      if (name == "v") in_value_ = false;
      if (in_inline_) run_.end(name);
      if (name == "is") in_inline_ = false;
    }
  }

  void text(std::string_view text) override {
    if (in_value_) {
      value_size_ += text.size();
      if (value_size_ <= options_.max_text_bytes) value_.append(text);
    } else if (in_inline_) {
      run_.text(text, value_);
    }
  }

 private:
  // The next row or cell: where its reference puts it, which must be after the last one.
  void start_row(const XML_Char** attributes) {
    std::uint32_t number = row_.number + 1;
    if (const XML_Char* reference = attribute(attributes, "r")) {
      auto at = parse_reference(std::string("A") + reference);
      if (!at) return damaged(Message::sheet_reference_out_of_range, reference);
      if (at->row <= row_.number) return damaged(Message::sheet_out_of_order, reference);
      number = at->row;
    }
    if (number > sheet_rows)
      return damaged(Message::sheet_reference_out_of_range, std::to_string(number));
    row_.number = number;
    row_.cells.clear();
    in_row_ = true;
    next_column_ = 0;
  }

  void start_cell(const XML_Char** attributes) {
    column_ = next_column_;
    if (const XML_Char* reference = attribute(attributes, "r")) {
      auto at = parse_reference(reference);
      if (!at) return damaged(Message::sheet_reference_out_of_range, reference);
      if (at->row != row_.number || at->column < next_column_)
        return damaged(Message::sheet_out_of_order, reference);
      column_ = at->column;
    }
    if (column_ >= sheet_columns)
      return damaged(Message::sheet_reference_out_of_range, cell_reference(column_, row_.number));
    next_column_ = column_ + 1;
    const XML_Char* type = attribute(attributes, "t");
    type_ = type ? type : "n";
    value_.clear();
    value_size_ = 0;
    run_.restart();
    in_cell_ = true;
  }

  void end_cell() {
    if (value_size_ > options_.max_text_bytes || run_.over_limit()) {
      const std::uint64_t size = std::max<std::uint64_t>(value_size_, run_.size());
      diagnostics_.error(file_, {row_.number, 0}, Code::text_too_long,
                         in_cell(column_, row_.number, Message::text_over_limit,
                                 {{"size", std::to_string(size)},
                                  {"limit", std::to_string(options_.max_text_bytes)}}));
      stopped = true;
      return;
    }
    std::string text;
    if (type_ == "s") {
      std::size_t index = 0;
      auto [stop, failure] = std::from_chars(value_.data(), value_.data() + value_.size(), index);
      if (failure != std::errc() || stop != value_.data() + value_.size() ||
          index >= shared_.size()) {
        diagnostics_.error(file_, {row_.number, 0}, Code::workbook_unreadable,
                           in_cell(column_, row_.number, Message::sheet_no_shared_string,
                                   {{"index", value_}, {"count", std::to_string(shared_.size())}}));
        stopped = true;
        return;
      }
      text = shared_.at(index);
    } else if (type_ == "inlineStr") {
      text = std::move(value_);
    } else if (type_ == "b") {
      text = value_ == "1" ? "TRUE" : value_ == "0" ? "FALSE" : value_;
    } else {  // n (a number, or a date), str (a formula's text), e (an error), d (an ISO date)
      text = std::move(value_);
    }
    // Cells share their texts; copied out, a small file could make them any size. What the
    // sheet hands out is held to the file limit, as a CSV of the same cells would be.
    text_handed_out_ += text.size();
    if (text_handed_out_ > options_.max_file_bytes) {
      diagnostics_.error(file_, {row_.number, 0}, Code::workbook_unreadable,
                         Message::workbook_cells_over_limit,
                         {{"limit", std::to_string(options_.max_file_bytes)}});
      stopped = true;
      return;
    }
    if (!text.empty()) row_.cells.push_back(SheetCell{column_, std::move(text)});
  }

  void damaged(Message id, std::string_view cell) {
    diagnostics_.error(file_, {}, Code::workbook_unreadable, id, {{"cell", cell}, {"part", part_}});
    stopped = true;
  }

  std::uint64_t text_handed_out_ = 0;
  const std::string& part_;
  const SharedStringsReader& shared_;
  const LoadOptions& options_;
  Diagnostics& diagnostics_;
  const std::string& file_;
  const std::function<bool(const SheetRow&)>& on_row_;
  RunText run_;
  SheetRow row_;
  std::uint32_t column_ = 0, next_column_ = 0;
  std::string type_, value_;
  std::uint64_t value_size_ = 0;
  bool in_row_ = false, in_cell_ = false, in_value_ = false, in_inline_ = false;
  bool ended_by_caller_ = false;
};

}  // namespace

bool read_first_worksheet(std::string_view bytes, const std::string& display_path,
                          const LoadOptions& options, Diagnostics& diagnostics,
                          const std::function<bool(const SheetRow&)>& on_row,
                          std::string& sheet_name) {
  using Read = Package::Read;
  Package package(bytes, display_path, options, diagnostics);
  if (!package.open()) return false;
  // The package's relationships name the workbook part; xl/workbook.xml is where every
  // spreadsheet program puts it.
  RelationshipsReader package_relationships;
  std::string workbook = "xl/workbook.xml";
  switch (package.read("_rels/.rels", package_relationships, false)) {
    case Read::failed: return false;
    case Read::whole:
      if (const Relationship* document = package_relationships.of_type("/officeDocument"))
        workbook = resolve_target("", document->target);
      break;
    case Read::missing: break;
  }
  WorkbookReader sheets;
  if (package.read(workbook, sheets) != Read::whole) return false;
  const std::string folder = folder_of(workbook);
  RelationshipsReader relationships;
  if (package.read(folder + "_rels/" + workbook.substr(folder.size()) + ".rels", relationships) !=
      Read::whole)
    return false;
  const Relationship* sheet = nullptr;
  for (const auto& [name, id] : sheets.sheets) {
    const Relationship* related = relationships.with_id(id);
    if (related != nullptr && related->type.ends_with("/worksheet")) {
      sheet = related;
      sheet_name = name;
      break;
    }
  }
  if (sheet == nullptr) return package.fail(Message::workbook_no_worksheet);
  const Relationship* strings = relationships.of_type("/sharedStrings");
  SharedStringsReader shared(strings ? resolve_target(folder, strings->target) : std::string(),
                             options, diagnostics, display_path);
  if (strings != nullptr && package.read(shared.part(), shared) != Read::whole) return false;
  const std::string part = resolve_target(folder, sheet->target);
  SheetReader rows(part, shared, options, diagnostics, display_path, on_row);
  return package.read(part, rows) == Read::whole || rows.ended_by_caller();
}

}  // namespace qingdan::detail
