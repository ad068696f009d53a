#include <string_view>
#include <vector>

#include <qingdan/detail/spelling.hpp>
#include <qingdan/version.hpp>

#include "readers.hpp"

namespace qingdan::detail {

std::optional<std::string> read_header(const YamlNode& root, SchemaReader& schema) {
  if (!schema.is_mapping(root, "a qingdan file")) return std::nullopt;
  const YamlNode* version = schema.require(root, "qingdan", "a qingdan file");
  const YamlNode* kind = schema.require(root, "kind", "a qingdan file");
  if (version == nullptr || kind == nullptr) return std::nullopt;
  const std::string supported = std::to_string(format_version);
  if (!version->is_scalar() || version->text != supported) {
    schema.error(version->position, "QL011",
                 "unsupported format version " + version->description() +
                     " for 'qingdan'; supported versions: " + supported);
    return std::nullopt;
  }
  return schema.name(*kind, "kind");
}

void read_rule_file(const YamlNode& root, std::uint32_t file, SchemaReader& schema,
                    RawRules& rules) {
  auto kind = read_header(root, schema);
  if (!kind) return;
  if (*kind == "rulebook") return read_rulebook(root, file, schema, rules);
  if (*kind == "tasks") return read_tasks(root, file, schema, rules);
  if (*kind == "list") return read_list(root, file, schema, rules);
  if (*kind == "tests") return read_tests(root, file, schema, rules);
  const YamlNode& kind_node = *root.find("kind");
  if (*kind == "directive" || *kind == "villages") {
    schema.warning(kind_node.position, "QL012",
                   "a file of kind '" + *kind + "' is not part of a rulebook and is not read");
    return;
  }
  const std::vector<std::string_view> kinds{"rulebook", "tasks", "list", "tests"};
  schema.error(kind_node.position, "QL012",
               "unknown kind '" + *kind + "'; expected rulebook, tasks, list or tests" +
                   did_you_mean_suffix(*kind, kinds));
}

namespace {

void read_jurisdiction(const YamlNode& name, const YamlNode& children, SchemaReader& schema,
                       RawJurisdiction& into) {
  into.name = {name.text, name.position};
  if (name.text.find('/') != std::string::npos)
    schema.error(name.position, "QL100",
                 "jurisdiction name '" + name.text + "' must not contain '/'");
  if (children.is_null()) return;
  if (!schema.is_mapping(children, "the jurisdictions below '" + name.text + "'")) return;
  for (const YamlNode::Member& member : children.members) {
    RawJurisdiction& child = into.children.emplace_back();
    read_jurisdiction(*member.key, *member.value, schema, child);
  }
}

}  // namespace

void read_rulebook(const YamlNode& root, std::uint32_t file, SchemaReader& schema,
                   RawRules& rules) {
  schema.check_keys(root,
                    {"qingdan", "kind", "name", "description", "levels", "modes", "jurisdictions"},
                    "a rulebook file");
  RawRulebookFile& rulebook = rules.rulebooks.emplace_back();
  rulebook.file = file;
  rulebook.position = root.position;
  if (auto name = schema.optional_text(root, "name")) rulebook.name = *name;

  if (const YamlNode* levels = schema.require(root, "levels", "a rulebook file")) {
    rulebook.levels_position = levels->position;
    if (!levels->is_sequence()) {
      schema.error(
          levels->position, "QL100",
          "'levels' must be a list of {id, name}, top to bottom, found " + levels->description());
    } else {
      for (const auto& item : levels->items) {
        if (!schema.is_mapping(*item, "a level")) continue;
        schema.check_keys(*item, {"id", "name"}, "a level");
        const YamlNode* id = schema.require(*item, "id", "a level");
        auto id_text = id ? schema.name(*id, "id") : std::nullopt;
        if (!id_text) continue;
        RawLevel& level = rulebook.levels.emplace_back();
        level.id = {*id_text, id->position};
        level.name = schema.optional_text(*item, "name").value_or(*id_text);
      }
    }
  }
  if (const YamlNode* modes = root.find("modes")) {
    if (auto names = schema.names(*modes, "modes")) rulebook.modes = std::move(*names);
  }
  if (const YamlNode* tree = root.find("jurisdictions")) {
    if (!schema.is_mapping(*tree, "'jurisdictions'")) return;
    if (tree->members.size() != 1) {
      schema.error(tree->position, "QL100",
                   "'jurisdictions' must have exactly one top jurisdiction, found " +
                       std::to_string(tree->members.size()));
      return;
    }
    rulebook.root.emplace();
    read_jurisdiction(*tree->members[0].key, *tree->members[0].value, schema, *rulebook.root);
  }
}

}  // namespace qingdan::detail
