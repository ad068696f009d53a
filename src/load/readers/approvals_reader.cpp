// Reads `kind: approvals` files (docs/format.md §5.6): the 准入 decisions a directive may cite.
#include <utility>

#include "load/readers/readers.hpp"

namespace qingdan::detail {

namespace {

// The largest `max_per_month` an approval may allow (docs/format.md §11).
constexpr double max_per_month_limit = 1'000'000;

std::optional<RawApproval> read_approval(const YamlNode& node, std::uint32_t file,
                                         bool illustrative, SchemaReader& schema) {
  const Phrase what(Message::noun_approval);
  if (!schema.is_mapping(node, what)) return std::nullopt;
  schema.check_keys(node,
                    {"id", "task", "category", "jurisdiction", "levels", "from", "until",
                     "max_per_month", "funding", "issuer", "note"},
                    what);
  RawApproval approval;
  approval.file = file;
  approval.position = node.position;
  approval.illustrative = illustrative;
  const YamlNode* id = schema.require(node, "id", what);
  const YamlNode* from = schema.require(node, "from", what);
  auto id_text = id ? schema.name(*id, "id") : std::nullopt;
  auto from_date = from ? schema.date(*from, "from") : std::nullopt;
  if (!id_text) return std::nullopt;
  approval.id = {*id_text, id->position};

  const YamlNode* task = node.find("task");
  const YamlNode* category = node.find("category");
  bool complete = from_date.has_value();
  if (task != nullptr && category != nullptr) {
    schema.error(category->position, Code::task_and_category,
                 Message::entry_gives_task_and_category, {{"entry", *id_text}});
    complete = false;
  } else if (task == nullptr && category == nullptr) {
    schema.error(node.position, Code::missing_key, Message::entry_needs_task_or_category,
                 {{"entry", *id_text}});
    complete = false;
  }
  if (task != nullptr) {
    auto text = schema.name(*task, "task");
    complete &= text.has_value();
    if (text) approval.task = Located<std::string>{*text, task->position};
  }
  if (category != nullptr) {
    auto text = schema.name(*category, "category");
    complete &= text.has_value();
    if (text) approval.category = Located<std::string>{*text, category->position};
  }
  if (const YamlNode* jurisdiction = node.find("jurisdiction")) {
    auto text = schema.name(*jurisdiction, "jurisdiction");
    complete &= text.has_value();
    if (text) approval.jurisdiction = Located<std::string>{*text, jurisdiction->position};
  }
  if (const YamlNode* levels = node.find("levels")) {
    approval.levels = schema.names(*levels, "levels");
    complete &= approval.levels.has_value();
    if (approval.levels && approval.levels->empty()) {
      schema.error(levels->position, Code::wrong_type, Message::must_name_a_level,
                   {{"key", "levels"}});
      complete = false;
    }
  }
  if (from_date) approval.from = {*from_date, from->position};
  if (const YamlNode* until = node.find("until")) {
    auto date = schema.date(*until, "until");
    complete &= date.has_value();
    if (date) approval.until = Located<Date>{*date, until->position};
  }
  if (const YamlNode* cap = node.find("max_per_month")) {
    approval.max_per_month = schema.number(*cap, "max_per_month", max_per_month_limit);
    if (approval.max_per_month && *approval.max_per_month <= 0) {
      schema.error(cap->position, Code::wrong_type, Message::must_be_greater_than_zero,
                   {{"key", "max_per_month"}});
      approval.max_per_month.reset();
    }
    complete &= approval.max_per_month.has_value();
  }
  if (const YamlNode* funding = node.find("funding")) {
    auto given = schema.boolean(*funding, "funding");
    complete &= given.has_value();
    approval.funding = given.value_or(false);
  }
  approval.issuer = schema.optional_text(node, "issuer").value_or("");
  approval.note = schema.optional_text(node, "note").value_or("");
  if (!complete) return std::nullopt;
  return approval;
}

}  // namespace

void read_approvals(const YamlNode& root, std::uint32_t file, SchemaReader& schema,
                    RawRules& rules) {
  const Phrase what(Message::noun_approvals_file);
  schema.check_keys(root, {"qingdan", "kind", "title", "source", "illustrative", "note", "entries"},
                    what);
  schema.optional_text(root, "title");
  schema.optional_text(root, "source");
  schema.optional_text(root, "note");
  bool illustrative = false;
  if (const YamlNode* flag = root.find("illustrative"))
    illustrative = schema.boolean(*flag, "illustrative").value_or(false);
  const YamlNode* entries = schema.require(root, "entries", what);
  if (entries == nullptr || !schema.is_list(*entries, "entries", Message::items_approvals)) return;
  for (const auto& item : entries->items)
    if (auto approval = read_approval(*item, file, illustrative, schema))
      rules.approvals.push_back(std::move(*approval));
}

}  // namespace qingdan::detail
