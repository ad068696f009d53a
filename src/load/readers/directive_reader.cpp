// Reads `kind: directive` files (docs/format.md §8) into qingdan::Directive.
#include <qingdan/directive.hpp>

#include <algorithm>
#include <utility>

#include "load/field_tree.hpp"
#include "load/load.hpp"
#include "load/readers/readers.hpp"
#include "load/rule_files.hpp"
#include "load/source_text.hpp"
#include "load/yaml_tree.hpp"

namespace qingdan {

namespace {

using detail::Code;
using detail::Message;
using detail::Position;
using detail::read_frequency;
using detail::SchemaReader;
using detail::YamlNode;

std::optional<Form> read_form(const YamlNode& node, SchemaReader& schema) {
  if (!schema.is_mapping(node, schema.quoted("form"))) return std::nullopt;
  schema.check_keys(node, {"name", "fields"}, schema.quoted("form"));
  Form form;
  const YamlNode* name = schema.require(node, "name", schema.quoted("form"));
  auto name_text = name ? schema.name(*name, "name") : std::nullopt;
  if (!name_text) return std::nullopt;
  form.name = *name_text;
  if (const YamlNode* fields = node.find("fields"))
    if (auto names = schema.names(*fields, "fields"))
      for (auto& field : *names) form.fields.push_back(std::move(field.value));
  return form;
}

// `approved:` true or false, or the id of the approval the item cites.
bool read_approval(const YamlNode& node, SchemaReader& schema, DirectiveItem& item) {
  item.approval_position = schema.source_position(node.position);
  if (node.is_scalar() && node.plain && (node.text == "true" || node.text == "false")) {
    item.self_approved = node.text == "true";
    return true;
  }
  // What YAML elsewhere reads as a boolean is meant as one, and refused as `funding: True` is.
  static const std::vector<std::string_view> booleans{
      "True", "TRUE", "False", "FALSE", "yes", "Yes", "YES", "no",
      "No",   "NO",   "on",    "On",    "ON",  "off", "Off", "OFF"};
  if (node.is_scalar() && node.plain &&
      std::find(booleans.begin(), booleans.end(), node.text) != booleans.end())
    return schema.boolean(node, "approved").has_value();
  auto id = schema.name(node, "approved");
  item.approval = id.value_or("");
  return id.has_value();
}

std::optional<DirectiveItem> read_item(const YamlNode& node, SchemaReader& schema) {
  const Phrase what(Message::noun_item);
  if (!schema.is_mapping(node, what)) return std::nullopt;
  schema.check_keys(node,
                    {"task", "to", "frequency", "effort_hours", "per", "funding", "approved",
                     "type", "form", "note"},
                    what);
  DirectiveItem item;
  item.position = schema.source_position(node.position);
  const YamlNode* task = schema.require(node, "task", what);
  const YamlNode* frequency = schema.require(node, "frequency", what);
  const YamlNode* effort = schema.require(node, "effort_hours", what);
  bool complete = task && frequency && effort;
  if (task) {
    auto text = schema.name(*task, "task");
    complete &= text.has_value();
    item.task = text.value_or("");
    item.task_position = schema.source_position(task->position);
  }
  if (const YamlNode* to = node.find("to")) {
    auto text = schema.name(*to, "to");
    complete &= text.has_value();
    item.to = text.value_or("");
    item.to_position = schema.source_position(to->position);
  }
  if (frequency) {
    auto rate = read_frequency(*frequency, schema);
    complete &= rate.has_value();
    if (rate) item.frequency = *rate;
  }
  if (effort) {
    auto hours = schema.number(*effort, "effort_hours", max_effort_hours);
    if (hours && *hours < 0) {
      schema.error(effort->position, Code::wrong_type, Message::must_not_be_negative,
                   {{"key", "effort_hours"}});
      hours.reset();
    }
    complete &= hours.has_value();
    item.effort_hours = hours.value_or(0);
  }
  if (const YamlNode* per = node.find("per")) {
    auto unit =
        schema.choice(*per, "per", {{"village", "村"}, {"household", "户"}, {"person", "人"}});
    complete &= unit.has_value();
    if (unit)
      item.per = *unit == "household" ? EffortUnit::household
                 : *unit == "person"  ? EffortUnit::person
                                      : EffortUnit::village;
  }
  if (const YamlNode* funding = node.find("funding")) {
    auto given = schema.boolean(*funding, "funding");
    complete &= given.has_value();
    item.funding = given.value_or(false);
  }
  if (const YamlNode* approved = node.find("approved"))
    complete &= read_approval(*approved, schema, item);
  if (const YamlNode* type = node.find("type")) {
    auto given = detail::read_item_type(*type, "type", schema);
    complete &= given.has_value();
    item.type = given.value_or(ItemType::task);
  }
  if (const YamlNode* form = node.find("form")) {
    item.form = read_form(*form, schema);
    complete &= item.form.has_value();
  }
  if (const YamlNode* note = node.find("note")) schema.text(*note, "note");
  if (!complete) return std::nullopt;
  return item;
}

void read_directive(const YamlNode& root, SchemaReader& schema, Directive& directive) {
  auto kind = detail::read_header(root, schema);
  if (!kind) return;
  if (*kind != "directive") {
    schema.error(root.find("kind")->position, Code::unknown_kind, Message::wrong_kind,
                 {{"expected", "directive"}, {"kind", *kind}});
    return;
  }
  const Phrase what(Message::noun_directive);
  schema.check_keys(root,
                    {"qingdan", "kind", "id", "title", "issuer", "issued", "until", "jurisdiction",
                     "mode", "items", "note"},
                    what);
  directive.position = schema.source_position(root.position);
  if (const YamlNode* id = schema.require(root, "id", what))
    directive.id = schema.name(*id, "id").value_or("");
  if (const YamlNode* issued = schema.require(root, "issued", what))
    if (auto date = schema.date(*issued, "issued")) directive.issued = *date;
  if (const YamlNode* until = root.find("until"))
    if (auto date = schema.date(*until, "until")) {
      directive.until = *date;
      if (*date < directive.issued)
        schema.error(until->position, Code::until_before_effective,
                     Message::directive_until_before_issued,
                     {{"until", to_iso(*date)}, {"issued", to_iso(directive.issued)}});
    }
  directive.title = schema.optional_text(root, "title").value_or("");
  if (const YamlNode* issuer = root.find("issuer");
      issuer && schema.is_mapping(*issuer, schema.quoted("issuer"))) {
    schema.check_keys(*issuer, {"level", "department"}, schema.quoted("issuer"));
    directive.issuer = Owner{schema.optional_text(*issuer, "level").value_or(""),
                             schema.optional_text(*issuer, "department").value_or("")};
  }
  if (const YamlNode* jurisdiction = root.find("jurisdiction")) {
    directive.jurisdiction = schema.name(*jurisdiction, "jurisdiction").value_or("");
    directive.jurisdiction_position = schema.source_position(jurisdiction->position);
  }
  if (const YamlNode* mode = root.find("mode")) {
    directive.mode = schema.name(*mode, "mode").value_or("");
    directive.mode_position = schema.source_position(mode->position);
  }
  const YamlNode* items = schema.require(root, "items", what);
  if (items == nullptr || !schema.is_list(*items, "items", Message::items_directive_items)) return;
  if (items->items.empty())
    schema.error(items->position, Code::wrong_type, Message::must_not_be_empty, {{"key", "items"}});
  for (const auto& node : items->items)
    if (auto item = read_item(*node, schema)) directive.items.push_back(std::move(*item));
}

Directive read(std::optional<detail::SourceText> source, detail::Diagnostics& diagnostics,
               const LoadOptions& options) {
  if (!source) diagnostics.throw_first_error();
  auto tree = detail::parse_yaml(*source, options, diagnostics);
  if (!tree) diagnostics.throw_first_error();
  Directive directive;
  SchemaReader schema(*source, diagnostics);
  read_directive(*tree, schema, directive);
  if (diagnostics.has_errors()) diagnostics.throw_first_error();
  return directive;
}

// The header a directive's file begins with, where fields leave it out.
FieldValue with_header(FieldValue fields) {
  if (fields.kind != FieldValue::Kind::mapping) return fields;
  auto given = [&](std::string_view key) {
    return std::any_of(fields.members.begin(), fields.members.end(),
                       [&](const auto& member) { return member.key == key; });
  };
  if (!given("kind"))
    fields.members.insert(fields.members.begin(),
                          {"kind", FieldValue{FieldValue::Kind::text, "directive", {}, {}}});
  if (!given("qingdan"))
    fields.members.insert(fields.members.begin(),
                          {"qingdan", FieldValue{FieldValue::Kind::literal, "1", {}, {}}});
  return fields;
}

}  // namespace

Directive Directive::load(const std::filesystem::path& file, const LoadOptions& options) {
  detail::Diagnostics diagnostics;
  return read(detail::read_source(file, file.generic_string(), options, diagnostics), diagnostics,
              options);
}

std::vector<Directive> Directive::load_folder(const std::filesystem::path& folder,
                                              const LoadOptions& options) {
  std::error_code failure;
  if (!std::filesystem::is_directory(folder, failure)) return {Directive::load(folder, options)};
  detail::Diagnostics diagnostics;
  std::vector<detail::RuleFile> files =
      detail::list_rule_files(folder, folder.generic_string(), options, diagnostics);
  if (diagnostics.has_errors()) diagnostics.throw_first_error();
  std::vector<Directive> directives;
  detail::StringMap<std::string> file_of_id;
  for (const detail::RuleFile& file : files) {
    Directive directive = read(detail::read_source(file.path, file.display, options, diagnostics),
                               diagnostics, options);
    auto [first, fresh] = file_of_id.emplace(directive.id, file.display);
    if (!fresh) {
      diagnostics.error(file.display, {directive.position.line, directive.position.column},
                        Code::duplicate_id, Message::directive_id_twice,
                        {{"id", directive.id}, {"first", first->second}});
      diagnostics.throw_first_error();
    }
    directives.push_back(std::move(directive));
  }
  return directives;
}

Directive Directive::from_fields(const FieldValue& fields, const std::string& name,
                                 const LoadOptions& options) {
  detail::Diagnostics diagnostics;
  auto tree = detail::field_tree(with_header(fields), options, diagnostics);
  if (!tree) diagnostics.throw_first_error();
  const detail::SourceText source(name, std::string());
  Directive directive;
  SchemaReader schema(source, diagnostics, tree->paths);
  read_directive(*tree->root, schema, directive);
  if (diagnostics.has_errors()) diagnostics.throw_first_error();
  return directive;
}

Directive Directive::parse(std::string_view text, const std::string& name,
                           const LoadOptions& options) {
  detail::Diagnostics diagnostics;
  if (text.size() > options.max_file_bytes) {
    diagnostics.error(name, {}, Code::file_too_large, Message::directive_text_over_size_limit);
    diagnostics.throw_first_error();
  }
  return read(detail::check_source(name, std::string(text), diagnostics), diagnostics, options);
}

}  // namespace qingdan
