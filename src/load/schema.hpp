#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <qingdan/date.hpp>
#include <qingdan/directive.hpp>

#include "load/field_tree.hpp"
#include "load/source_text.hpp"
#include "load/yaml_tree.hpp"
#include "wording/diagnostics.hpp"

namespace qingdan::detail {

template <class T>
struct Located {
  T value{};
  Position position;
};

// Typed, strict access to the YAML tree of one file. Every method that finds a problem reports
// it with the node's position and returns nothing, so a reader can go on and find more.
class SchemaReader {
 public:
  SchemaReader(const SourceText& source, Diagnostics& diagnostics)
      : source_(source), diagnostics_(diagnostics) {}
  // For a tree built from fields in memory (field_tree.hpp): its problems are told at their
  // path, with no file, line or column.
  SchemaReader(const SourceText& source, Diagnostics& diagnostics,
               const std::vector<std::string>& paths)
      : source_(source), diagnostics_(diagnostics), paths_(&paths) {}

  const std::string& file() const { return source_.display_path(); }
  Diagnostics& diagnostics() { return diagnostics_; }
  // Where a node is, for what a reader keeps of it: the file, line and column, or the file
  // alone for a tree of fields.
  SourcePosition source_position(Position at) const {
    return paths_ ? SourcePosition{file(), 0, 0} : SourcePosition{file(), at.line, at.column};
  }

  // "'KEY'", as a noun in messages about the mapping under KEY.
  static Phrase quoted(std::string_view key) { return Phrase(Message::noun_key, {{"key", key}}); }
  void error(Position at, Code code, Message id, std::vector<Phrase::Argument> arguments = {}) {
    report(at, Severity::error, code, Phrase(id, std::move(arguments)));
  }
  void warning(Position at, Code code, Message id, std::vector<Phrase::Argument> arguments = {}) {
    report(at, Severity::warning, code, Phrase(id, std::move(arguments)));
  }

  // "'KEY' must be EXPECTED, found …" (QL100), or the typing slip that made the node what it
  // is (a text "－ a － b" where a list belongs: QL019).
  void type_error(const YamlNode& node, std::string_view key, Message expected);
  void type_error(const YamlNode& node, std::string_view key, Phrase expected);

  // A mapping, or an error naming what was expected (QL100). `what` and the other nouns below
  // are phrases, e.g. Phrase(Message::noun_level).
  bool is_mapping(const YamlNode& node, const Phrase& what);
  // A sequence, or "'KEY' must be a list of ITEMS, found …" (QL100).
  bool is_list(const YamlNode& node, std::string_view key, Message items);

  // Reports each key of `mapping` that is not in `allowed` (QL102, with a did-you-mean), or a
  // key that only other kinds of `what` may have (QL102, naming where it belongs).
  // `elsewhere` pairs such a key with where it belongs, e.g. {"assist", "collaboration entries"}.
  void check_keys(const YamlNode& mapping, const std::vector<std::string_view>& allowed,
                  const Phrase& what,
                  const std::vector<std::pair<std::string_view, Phrase>>& elsewhere = {});

  // The value of a required key; a missing key is reported at the mapping (QL101).
  const YamlNode* require(const YamlNode& mapping, std::string_view key, const Phrase& what);

  std::optional<std::string> text(const YamlNode& node, std::string_view key);
  std::optional<std::string> name(const YamlNode& node, std::string_view key);  // non-empty text
  std::optional<std::int64_t> integer(const YamlNode& node, std::string_view key);
  // A whole number from `least` to `most` (QL100).
  std::optional<std::uint32_t> count(const YamlNode& node, std::string_view key,
                                     std::uint32_t least, std::uint32_t most);
  // A finite number no larger than `maximum` (QL100); the callers check the lower bound.
  std::optional<double> number(const YamlNode& node, std::string_view key, double maximum);
  std::optional<bool> boolean(const YamlNode& node, std::string_view key);
  std::optional<Date> date(const YamlNode& node, std::string_view key);
  std::optional<std::vector<Located<std::string>>> names(const YamlNode& node,
                                                         std::string_view key);
  // One of `choices` (QL105, with a did-you-mean), each written as its id or, where the table
  // gives one, its Chinese name (每周 for weekly); the id is returned either way.
  struct NamedChoice {
    std::string_view id;
    std::string_view name;  // empty when the choice has none
  };
  std::optional<std::string> choice(const YamlNode& node, std::string_view key,
                                    std::initializer_list<NamedChoice> choices);

  std::optional<std::string> optional_text(const YamlNode& mapping, std::string_view key) {
    const YamlNode* value = mapping.find(key);
    return value == nullptr ? std::nullopt : text(*value, key);
  }

 private:
  // Reports a plain text found where a mapping or list belongs that a typing slip made one (a
  // '：' for ':', a leading '－' for '-'; src/load/typing_slips.hpp), and says whether it did.
  bool typing_slip(const YamlNode& node);
  static Phrase found(const YamlNode& node) { return node.description(); }
  // At the node's position in the file, or as "PATH: MESSAGE" for a tree of fields.
  void report(Position at, Severity severity, Code code, Phrase message) {
    if (!paths_) return diagnostics_.report(file(), at, severity, code, std::move(message));
    if (at.line > 0 && at.line <= paths_->size())  // else no node: the whole tree
      message = detail::at_path((*paths_)[at.line - 1], std::move(message));
    diagnostics_.report({}, {}, severity, code, std::move(message));
  }

  const SourceText& source_;
  Diagnostics& diagnostics_;
  const std::vector<std::string>* paths_ = nullptr;
};

}  // namespace qingdan::detail
