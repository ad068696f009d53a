#include <string_view>
#include <vector>

#include <qingdan/detail/spelling.hpp>
#include <qingdan/version.hpp>

#include "load/readers/readers.hpp"

namespace qingdan::detail {

std::optional<std::string> read_header(const YamlNode& root, SchemaReader& schema) {
  const Phrase what(Message::noun_qingdan_file);
  if (!schema.is_mapping(root, what)) return std::nullopt;
  const YamlNode* version = schema.require(root, "qingdan", what);
  const YamlNode* kind = schema.require(root, "kind", what);
  if (version == nullptr || kind == nullptr) return std::nullopt;
  const std::string supported = std::to_string(format_version);
  if (!version->is_scalar() || version->text != supported) {
    schema.error(version->position, Code::unsupported_version, Message::unsupported_format_version,
                 {{"found", version->description()}, {"supported", supported}});
    return std::nullopt;
  }
  return schema.name(*kind, "kind");
}

std::optional<ItemType> read_item_type(const YamlNode& node, std::string_view key,
                                       SchemaReader& schema) {
  auto type = schema.choice(node, key,
                            {{"task", "任务"},
                             {"form", "表格"},
                             {"report", "报表"},
                             {"inspection", "督查检查考核"},
                             {"meeting", "会议"},
                             {"app", "平台"},
                             {"sign", "牌子"},
                             {"campaign", "创建达标"}});
  return type ? item_type_from(*type) : std::nullopt;
}

namespace {

void read_rule_file_of_its_kind(const YamlNode& root, std::uint32_t file,
                                const std::optional<std::string>& kind, SchemaReader& schema,
                                RawRules& rules) {
  if (!kind) return;
  if (*kind == "rulebook") return read_rulebook(root, file, schema, rules);
  if (*kind == "tasks") return read_tasks(root, file, schema, rules);
  if (*kind == "list") return read_list(root, file, schema, rules);
  if (*kind == "tests") return read_tests(root, file, schema, rules);
  if (*kind == "approvals") return read_approvals(root, file, schema, rules);
  const YamlNode& kind_node = *root.find("kind");
  if (*kind == "directive" || *kind == "villages") {
    schema.warning(kind_node.position, Code::unknown_kind, Message::kind_not_part_of_rulebook,
                   {{"kind", *kind}});
    return;
  }
  const std::vector<std::string_view> kinds{"rulebook", "tasks", "list", "tests", "approvals"};
  schema.error(kind_node.position, Code::unknown_kind, Message::unknown_kind,
               {{"kind", *kind}, {"hint", did_you_mean_phrase(*kind, kinds)}});
}

}  // namespace

void read_rule_file(const YamlNode& root, std::uint32_t file, SchemaReader& schema,
                    RawRules& rules) {
  const std::size_t errors_before = schema.diagnostics().error_count();
  auto kind = read_header(root, schema);
  read_rule_file_of_its_kind(root, file, kind, schema, rules);
  // An error anywhere but in a tests file may have cost the rulebook entries (a dropped entry or
  // edition, a file of unknown kind): the tests' expectations are not held against what is left.
  const std::size_t errors = schema.diagnostics().error_count();
  if (kind != "tests" && (errors != errors_before || errors >= Diagnostics::max_listed))
    rules.incomplete = true;
}

namespace {

void read_jurisdiction(const YamlNode& name, const YamlNode& children, SchemaReader& schema,
                       RawJurisdiction& into) {
  into.name = {name.text, name.position};
  // A question names a jurisdiction by a path of names, trimmed of spaces and slashes: a name
  // that is empty, padded with spaces or holds a '/' could never be asked about; one with a
  // control character is refused like any name.
  const std::string& text = name.text;
  if (text.find_first_not_of(" \t") == std::string::npos)
    schema.error(name.position, Code::wrong_type, Message::jurisdiction_name_empty);
  else if (text.front() == ' ' || text.front() == '\t' || text.back() == ' ' || text.back() == '\t')
    schema.error(name.position, Code::wrong_type, Message::jurisdiction_name_padded,
                 {{"name", text}});
  else if (text.find('/') != std::string::npos)
    schema.error(name.position, Code::wrong_type, Message::jurisdiction_name_with_slash,
                 {{"name", text}});
  else if (!schema.name(name, "jurisdictions"))
    return;
  if (children.is_null()) return;
  if (!schema.is_mapping(children,
                         Phrase(Message::noun_jurisdictions_below, {{"name", name.text}})))
    return;
  for (const YamlNode::Member& member : children.members) {
    // A child's value is a mapping or nothing; a scalar under `kind` is the node's own kind.
    if (member.key->text == "kind" && member.value->is_scalar()) {
      if (auto kind = schema.name(*member.value, "kind"))
        into.kind = Located<std::string>{*kind, member.value->position};
      continue;
    }
    RawJurisdiction& child = into.children.emplace_back();
    read_jurisdiction(*member.key, *member.value, schema, child);
  }
}

// `synonyms:` a list of groups, each a list of two words or more that mean the same.
void read_synonyms(const YamlNode& groups, SchemaReader& schema, RawRulebookFile& rulebook) {
  if (!schema.is_list(groups, "synonyms", Message::items_synonym_groups)) return;
  for (const auto& group : groups.items) {
    auto words = schema.names(*group, "synonyms");
    if (!words) continue;
    if (words->size() < 2) {
      schema.error(group->position, Code::bad_reading_words, Message::synonym_group_of_one);
      continue;
    }
    rulebook.synonyms.push_back(std::move(*words));
  }
}

// A level or a mode written as {id, name, aliases}.
std::optional<RawLevel> read_named(SchemaReader& schema, const YamlNode& item, const Phrase& what,
                                   const std::vector<std::string_view>& keys = {"id", "name",
                                                                                "aliases"}) {
  if (!schema.is_mapping(item, what)) return std::nullopt;
  schema.check_keys(item, keys, what);
  const YamlNode* id = schema.require(item, "id", what);
  auto id_text = id ? schema.name(*id, "id") : std::nullopt;
  if (!id_text) return std::nullopt;
  RawLevel named{{*id_text, id->position}, {}, {}};
  if (const YamlNode* name = item.find("name"))
    if (auto text = schema.name(*name, "name")) named.name = {*text, name->position};
  if (const YamlNode* aliases = item.find("aliases"))
    if (auto names = schema.names(*aliases, "aliases")) named.aliases = std::move(*names);
  return named;
}

// The most days a mode may give for 事后补报 or for its measures to end: ten years.
constexpr std::uint32_t most_days = 3650;

// A mode written as {id, name, aliases, approval, report_within_days, sunset_days}.
std::optional<RawMode> read_mode(SchemaReader& schema, const YamlNode& item) {
  auto named =
      read_named(schema, item, Phrase(Message::noun_mode),
                 {"id", "name", "aliases", "approval", "report_within_days", "sunset_days"});
  if (!named) return std::nullopt;
  RawMode mode;
  static_cast<RawLevel&>(mode) = std::move(*named);
  if (const YamlNode* approval = item.find("approval"))
    mode.approval_after =
        schema.choice(*approval, "approval", {{"before", "事前"}, {"after", "事后"}}) == "after";
  if (const YamlNode* days = item.find("report_within_days"))
    mode.report_within_days = schema.count(*days, "report_within_days", 0, most_days);
  if (const YamlNode* days = item.find("sunset_days"))
    mode.sunset_days = schema.count(*days, "sunset_days", 1, most_days);
  return mode;
}

// `caps:` a mapping of levels to mappings of item types to the most a place gets in a year.
void read_caps(const YamlNode& caps, SchemaReader& schema, RawRulebookFile& rulebook) {
  if (!schema.is_mapping(caps, schema.quoted("caps"))) return;
  for (const YamlNode::Member& level : caps.members) {
    auto level_name = schema.name(*level.key, "caps");
    if (!level_name || !schema.is_mapping(*level.value, schema.quoted(level.key->text))) continue;
    RawCaps& one = rulebook.caps.emplace_back();
    one.level = {*level_name, level.key->position};
    for (const YamlNode::Member& cap : level.value->members) {
      auto type = read_item_type(*cap.key, "caps." + *level_name, schema);
      auto most = schema.count(*cap.value, cap.key->text, 0, 100'000);
      if (type && most) one.per_year.emplace_back(*type, *most);
    }
  }
}

// `kinds:` each {id, name, aliases, level, suffixes}.
void read_kinds(const YamlNode& kinds, SchemaReader& schema, RawRulebookFile& rulebook) {
  rulebook.kinds_position = kinds.position;
  if (!kinds.is_sequence()) {
    schema.type_error(kinds, "kinds", Phrase(Message::type_kinds));
    return;
  }
  const Phrase what(Message::noun_kind);
  for (const auto& item : kinds.items) {
    if (!schema.is_mapping(*item, what)) continue;
    schema.check_keys(*item, {"id", "name", "aliases", "level", "suffixes"}, what);
    const YamlNode* id = schema.require(*item, "id", what);
    const YamlNode* level = schema.require(*item, "level", what);
    auto id_text = id ? schema.name(*id, "id") : std::nullopt;
    auto level_text = level ? schema.name(*level, "level") : std::nullopt;
    if (!id_text || !level_text) continue;
    RawKind kind;
    kind.id = {*id_text, id->position};
    kind.level = {*level_text, level->position};
    if (const YamlNode* name = item->find("name"))
      if (auto text = schema.name(*name, "name")) kind.name = {*text, name->position};
    if (const YamlNode* aliases = item->find("aliases"))
      if (auto names = schema.names(*aliases, "aliases")) kind.aliases = std::move(*names);
    if (const YamlNode* suffixes = item->find("suffixes"))
      if (auto names = schema.names(*suffixes, "suffixes")) kind.suffixes = std::move(*names);
    rulebook.kinds.push_back(std::move(kind));
  }
}

}  // namespace

void read_rulebook(const YamlNode& root, std::uint32_t file, SchemaReader& schema,
                   RawRules& rules) {
  schema.check_keys(root,
                    {"qingdan", "kind", "name", "description", "levels", "modes", "kinds", "caps",
                     "jurisdictions", "synonyms", "generic_words"},
                    Phrase(Message::noun_rulebook_file));
  RawRulebookFile& rulebook = rules.rulebooks.emplace_back();
  rulebook.file = file;
  rulebook.position = root.position;
  if (auto name = schema.optional_text(root, "name")) rulebook.name = *name;

  if (const YamlNode* levels =
          schema.require(root, "levels", Phrase(Message::noun_rulebook_file))) {
    rulebook.levels_position = levels->position;
    if (!levels->is_sequence()) {
      schema.type_error(*levels, "levels", Phrase(Message::type_levels));
    } else {
      for (const auto& item : levels->items)
        if (auto level = read_named(schema, *item, Phrase(Message::noun_level)))
          rulebook.levels.push_back(std::move(*level));
    }
  }
  if (const YamlNode* modes = root.find("modes")) {
    // Each mode is its id (`emergency`) or, with the names users write, {id, name, aliases}.
    if (!modes->is_sequence()) {
      schema.type_error(*modes, "modes", Phrase(Message::type_modes));
    } else {
      for (const auto& item : modes->items) {
        if (item->is_scalar()) {
          if (auto id = schema.name(*item, "modes")) {
            RawMode& mode = rulebook.modes.emplace_back();
            mode.id = {*id, item->position};
          }
        } else if (auto mode = read_mode(schema, *item)) {
          rulebook.modes.push_back(std::move(*mode));
        }
      }
    }
  }
  if (const YamlNode* kinds = root.find("kinds")) read_kinds(*kinds, schema, rulebook);
  if (const YamlNode* caps = root.find("caps")) read_caps(*caps, schema, rulebook);
  if (const YamlNode* words = root.find("generic_words"))
    if (auto names = schema.names(*words, "generic_words"))
      rulebook.generic_words = std::move(*names);
  if (const YamlNode* groups = root.find("synonyms")) read_synonyms(*groups, schema, rulebook);
  if (const YamlNode* tree = root.find("jurisdictions")) {
    if (!schema.is_mapping(*tree, schema.quoted("jurisdictions"))) return;
    if (tree->members.size() != 1) {
      schema.error(tree->position, Code::wrong_type, Message::one_top_jurisdiction,
                   {{"count", std::to_string(tree->members.size())}});
      return;
    }
    rulebook.root.emplace();
    read_jurisdiction(*tree->members[0].key, *tree->members[0].value, schema, *rulebook.root);
  }
}

}  // namespace qingdan::detail
