#pragma once

#include <cstdint>
#include <optional>

#include <qingdan/directive.hpp>

#include "load/raw_rules.hpp"
#include "load/schema.hpp"
#include "load/yaml_tree.hpp"

namespace qingdan::detail {

// Reads one rule file's tree into `rules`, dispatching on its `kind`; reports what is wrong.
void read_rule_file(const YamlNode& root, std::uint32_t file, SchemaReader& schema,
                    RawRules& rules);

// One reader per kind of rule file; `root` is the file's top-level mapping.
void read_rulebook(const YamlNode& root, std::uint32_t file, SchemaReader& schema, RawRules& rules);
void read_tasks(const YamlNode& root, std::uint32_t file, SchemaReader& schema, RawRules& rules);
void read_list(const YamlNode& root, std::uint32_t file, SchemaReader& schema, RawRules& rules);
void read_tests(const YamlNode& root, std::uint32_t file, SchemaReader& schema, RawRules& rules);
void read_approvals(const YamlNode& root, std::uint32_t file, SchemaReader& schema,
                    RawRules& rules);

// A `frequency` value, with its rate per month; nothing (having reported why) when it is wrong.
std::optional<Frequency> read_frequency(const YamlNode& node, SchemaReader& schema);

// An item's `type` (form, inspection …), as its id or Chinese name.
std::optional<ItemType> read_item_type(const YamlNode& node, std::string_view key,
                                       SchemaReader& schema);

// Checks `qingdan: 1` and returns the `kind`, or nothing (having reported why).
std::optional<std::string> read_header(const YamlNode& root, SchemaReader& schema);

}  // namespace qingdan::detail
