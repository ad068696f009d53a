#include <algorithm>
#include <utility>
#include <vector>

#include "load/readers/readers.hpp"

namespace qingdan::detail {

namespace {

// The largest `max_per_month` an entry may give (docs/format.md §11): thirty times the most
// `times` a day a directive may ask for, rounded up.
constexpr double max_per_month_limit = 1'000'000;

// The keys an entry of each list may have beyond the common ones, and where each belongs.
constexpr std::pair<std::string_view, Message> list_specific_keys[] = {
    {"owner", Message::keys_of_owned_entries},
    {"level", Message::keys_of_self_governance_entries},
    {"statutory", Message::keys_of_self_governance_entries},
    {"assist", Message::keys_of_collaboration_entries},
    {"requires", Message::keys_of_collaboration_entries},
    {"max_per_month", Message::keys_of_collaboration_entries},
    {"levels", Message::keys_of_negative_entries},
};

std::vector<std::string_view> entry_keys(ListKind list) {
  std::vector<std::string_view> keys{"id", "task", "category", "modes", "kinds", "basis", "note"};
  switch (list) {
    case ListKind::power: keys.push_back("owner"); break;
    case ListKind::self_governance: keys.insert(keys.end(), {"level", "statutory"}); break;
    case ListKind::collaboration:
      keys.insert(keys.end(), {"owner", "assist", "requires", "max_per_month"});
      break;
    case ListKind::negative: keys.push_back("levels"); break;
  }
  return keys;
}

// What the entries of one edition are checked against, worded once for the whole edition.
struct EntryShape {
  explicit EntryShape(ListKind kind)
      : list(kind),
        what(Message::noun_entry_of_list, {{"list", to_string(kind)}}),
        owner_what(SchemaReader::quoted("owner")),
        allowed(entry_keys(kind)) {
    for (const auto& [key, where] : list_specific_keys)
      if (std::find(allowed.begin(), allowed.end(), key) == allowed.end())
        elsewhere.emplace_back(key, Phrase(where));
  }
  EntryShape(const EntryShape&) = delete;
  EntryShape& operator=(const EntryShape&) = delete;

  ListKind list;
  Phrase what;        // "a negative entry"
  Phrase owner_what;  // "'owner'"
  std::vector<std::string_view> allowed;
  std::vector<std::pair<std::string_view, Phrase>> elsewhere;  // key, where it belongs
};

void read_owner(const YamlNode& node, const Phrase& what, SchemaReader& schema, RawEntry& entry) {
  if (!schema.is_mapping(node, what)) return;
  schema.check_keys(node, {"level", "department"}, what);
  if (const YamlNode* level = schema.require(node, "level", what))
    if (auto text = schema.name(*level, "level"))
      entry.owner_level = Located<std::string>{*text, level->position};
  if (auto department = schema.optional_text(node, "department"))
    entry.owner_department = *department;
}

void read_requirements(const YamlNode& node, SchemaReader& schema, RawEntry& entry) {
  if (!node.is_sequence()) {
    schema.type_error(node, "requires", Phrase(Message::type_requirements));
    return;
  }
  for (const auto& item : node.items) {
    auto requirement =
        schema.choice(*item, "requires", {{"funding", "经费"}, {"approval", "准入"}});
    if (!requirement) continue;
    (*requirement == "funding" ? entry.requires_funding : entry.requires_approval) = true;
  }
}

// `statutory: {frequency: quarterly, basis: …}`: a duty the law itself sets, and its rhythm.
void read_statutory(const YamlNode& node, SchemaReader& schema, RawEntry& entry) {
  const Phrase what = schema.quoted("statutory");
  if (!schema.is_mapping(node, what)) return;
  schema.check_keys(node, {"frequency", "basis"}, what);
  if (const YamlNode* frequency = schema.require(node, "frequency", what)) {
    entry.statutory_frequency = read_frequency(*frequency, schema);
    if (entry.statutory_frequency && is_once(*entry.statutory_frequency)) {
      schema.error(frequency->position, Code::not_a_choice, Message::statutory_rhythm_recurs);
      entry.statutory_frequency.reset();
    }
  }
  if (auto basis = schema.optional_text(node, "basis")) entry.statutory_basis = *basis;
}

std::optional<RawEntry> read_entry(const YamlNode& node, const EntryShape& shape,
                                   SchemaReader& schema) {
  const ListKind list = shape.list;
  const Phrase& what = shape.what;
  if (!schema.is_mapping(node, what)) return std::nullopt;
  schema.check_keys(node, shape.allowed, what, shape.elsewhere);

  RawEntry entry;
  entry.position = node.position;
  const YamlNode* id = schema.require(node, "id", what);
  auto id_text = id ? schema.name(*id, "id") : std::nullopt;
  if (!id_text) return std::nullopt;
  entry.id = {*id_text, id->position};

  const YamlNode* task = node.find("task");
  const YamlNode* category = node.find("category");
  if (task != nullptr && category != nullptr) {
    schema.error(category->position, Code::task_and_category,
                 Message::entry_gives_task_and_category, {{"entry", *id_text}});
  } else if (task == nullptr && category == nullptr) {
    schema.error(node.position, Code::missing_key, Message::entry_needs_task_or_category,
                 {{"entry", *id_text}});
  }
  if (task != nullptr)
    if (auto text = schema.name(*task, "task"))
      entry.task = Located<std::string>{*text, task->position};
  if (category != nullptr)
    if (auto text = schema.name(*category, "category"))
      entry.category = Located<std::string>{*text, category->position};

  if (list == ListKind::power || list == ListKind::collaboration) {
    if (const YamlNode* owner = node.find("owner"))
      read_owner(*owner, shape.owner_what, schema, entry);
    else  // the entry's name is worded only when it is needed
      schema.require(node, "owner", Phrase(Message::noun_entry_named, {{"entry", *id_text}}));
  }
  if (list == ListKind::self_governance) {
    if (const YamlNode* level = node.find("level"))
      if (auto text = schema.name(*level, "level"))
        entry.levels = std::vector<Located<std::string>>{{*text, level->position}};
  }
  const char* levels_key = list == ListKind::collaboration ? "assist" : "levels";
  if (list == ListKind::collaboration || list == ListKind::negative) {
    if (const YamlNode* levels = node.find(levels_key)) {
      entry.levels = schema.names(*levels, levels_key);
      if (entry.levels && entry.levels->empty())
        schema.error(levels->position, Code::wrong_type, Message::must_name_a_level,
                     {{"key", levels_key}});
    }
  }
  if (const YamlNode* statutory = node.find("statutory")) read_statutory(*statutory, schema, entry);
  if (const YamlNode* requirements = node.find("requires"))
    read_requirements(*requirements, schema, entry);
  if (const YamlNode* modes = node.find("modes")) {
    entry.modes = schema.names(*modes, "modes");
    if (entry.modes && entry.modes->empty())
      schema.error(modes->position, Code::wrong_type, Message::must_name_a_mode);
  }
  if (const YamlNode* kinds = node.find("kinds")) {
    entry.kinds = schema.names(*kinds, "kinds");
    if (entry.kinds && entry.kinds->empty())
      schema.error(kinds->position, Code::wrong_type, Message::must_name_a_kind);
  }
  if (const YamlNode* cap = node.find("max_per_month")) {
    entry.max_per_month = schema.number(*cap, "max_per_month", max_per_month_limit);
    if (entry.max_per_month && *entry.max_per_month <= 0)
      schema.error(cap->position, Code::wrong_type, Message::must_be_greater_than_zero,
                   {{"key", "max_per_month"}});
  }
  entry.basis = schema.optional_text(node, "basis").value_or("");
  entry.note = schema.optional_text(node, "note").value_or("");
  return entry;
}

}  // namespace

void read_list(const YamlNode& root, std::uint32_t file, SchemaReader& schema, RawRules& rules) {
  const Phrase what(Message::noun_list_file);
  schema.check_keys(root,
                    {"qingdan", "kind", "list", "jurisdiction", "version", "effective", "until",
                     "title", "source", "illustrative", "entries"},
                    what);
  const YamlNode* list = schema.require(root, "list", what);
  const YamlNode* version = schema.require(root, "version", what);
  const YamlNode* effective = schema.require(root, "effective", what);
  const YamlNode* entries = schema.require(root, "entries", what);
  auto list_key = list ? schema.choice(*list, "list",
                                       {{"power", "权责清单"},
                                        {"self_governance", "自治清单"},
                                        {"collaboration", "协作清单"},
                                        {"negative", "负面清单"}})
                       : std::nullopt;
  auto version_text = version ? schema.name(*version, "version") : std::nullopt;
  auto effective_date = effective ? schema.date(*effective, "effective") : std::nullopt;
  if (!list_key) return;  // entries cannot be checked without knowing their list

  RawEdition edition;
  edition.file = file;
  edition.position = root.position;
  edition.list = *list_kind_from(*list_key);
  if (const YamlNode* jurisdiction = root.find("jurisdiction"))
    if (auto text = schema.name(*jurisdiction, "jurisdiction"))
      edition.jurisdiction = Located<std::string>{*text, jurisdiction->position};
  if (const YamlNode* until = root.find("until"))
    if (auto date = schema.date(*until, "until"))
      edition.until = Located<Date>{*date, until->position};
  edition.title = schema.optional_text(root, "title").value_or("");
  edition.source = schema.optional_text(root, "source").value_or("");
  if (const YamlNode* illustrative = root.find("illustrative"))
    edition.illustrative = schema.boolean(*illustrative, "illustrative").value_or(false);

  if (entries != nullptr && schema.is_list(*entries, "entries", Message::items_entries)) {
    const EntryShape shape(edition.list);
    for (const auto& item : entries->items)
      if (auto entry = read_entry(*item, shape, schema))
        edition.entries.push_back(std::move(*entry));
  }
  if (!version_text || !effective_date) return;
  edition.version = *version_text;
  edition.effective = {*effective_date, effective->position};
  rules.editions.push_back(std::move(edition));
}

}  // namespace qingdan::detail
