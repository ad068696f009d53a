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

  Language language() const { return diagnostics_.language(); }
  std::string say(Message id, std::initializer_list<MessageArgument> arguments = {}) const {
    return diagnostics_.say(id, arguments);
  }
  // "'KEY'", as a noun in messages about the mapping under KEY.
  std::string quoted(std::string_view key) const { return say(Message::noun_key, {{"key", key}}); }
  void error(Position at, Code code, Message id,
             std::initializer_list<MessageArgument> arguments = {}) {
    if (paths_) return diagnostics_.error({}, {}, code, at_path(at, say(id, arguments)));
    diagnostics_.error(file(), at, code, say(id, arguments));
  }
  void warning(Position at, Code code, Message id,
               std::initializer_list<MessageArgument> arguments = {}) {
    if (paths_) return diagnostics_.warning({}, {}, code, at_path(at, say(id, arguments)));
    diagnostics_.warning(file(), at, code, say(id, arguments));
  }

  // "'KEY' must be EXPECTED, found …" (QL100), or the typing slip that made the node what it
  // is (a text "－ a － b" where a list belongs: QL019).
  void type_error(const YamlNode& node, std::string_view key, std::string_view expected);

  // A mapping, or an error naming what was expected (QL100). `what` and the other nouns below
  // are worded in the diagnostics' language, e.g. say(Message::noun_level).
  bool is_mapping(const YamlNode& node, std::string_view what);
  // A sequence, or "'KEY' must be a list of ITEMS, found …" (QL100).
  bool is_list(const YamlNode& node, std::string_view key, Message items);

  // Reports each key of `mapping` that is not in `allowed` (QL102, with a did-you-mean), or a
  // key that only other kinds of `what` may have (QL102, naming where it belongs).
  // `elsewhere` pairs such a key with where it belongs, e.g. {"assist", "collaboration entries"}.
  void check_keys(const YamlNode& mapping, const std::vector<std::string_view>& allowed,
                  std::string_view what,
                  const std::vector<std::pair<std::string_view, std::string_view>>& elsewhere = {});

  // The value of a required key; a missing key is reported at the mapping (QL101).
  const YamlNode* require(const YamlNode& mapping, std::string_view key, std::string_view what);

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
  std::string found(const YamlNode& node) const { return node.description(language()); }
  // "PATH: MESSAGE" for the node of a tree of fields at `at`.
  std::string at_path(Position at, std::string message) const {
    if (at.line == 0 || at.line > paths_->size()) return message;  // no node: the whole tree
    return detail::at_path(diagnostics_, (*paths_)[at.line - 1], std::move(message));
  }

  const SourceText& source_;
  Diagnostics& diagnostics_;
  const std::vector<std::string>* paths_ = nullptr;
};

}  // namespace qingdan::detail
