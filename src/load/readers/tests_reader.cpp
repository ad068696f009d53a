#include <utility>

#include "load/readers/readers.hpp"

namespace qingdan::detail {

namespace {

void read_expectation(const YamlNode& node, SchemaReader& schema, RawTestCase& test) {
  if (!schema.is_mapping(node, schema.quoted("expect"))) return;
  schema.check_keys(node, {"status", "owner", "roles", "entries"}, schema.quoted("expect"));
  if (const YamlNode* status = node.find("status"))
    if (auto text = schema.choice(
            *status, "status",
            {{"listed", "已列入清单"}, {"unlisted", "未列入清单"}, {"unknown", "不在事项目录中"}}))
      test.status = Located<std::string>{*text, status->position};
  if (const YamlNode* owner = node.find("owner");
      owner && schema.is_mapping(*owner, schema.quoted("owner"))) {
    schema.check_keys(*owner, {"level", "department"}, schema.quoted("owner"));
    if (const YamlNode* level = owner->find("level"))
      if (auto text = schema.name(*level, "level"))
        test.owner_level = Located<std::string>{*text, level->position};
    test.owner_department = schema.optional_text(*owner, "department");
  }
  if (const YamlNode* roles = node.find("roles");
      roles && schema.is_mapping(*roles, schema.quoted("roles"))) {
    test.roles.emplace();
    for (const YamlNode::Member& member : roles->members) {
      auto role = schema.choice(*member.value, member.key->text,
                                {{"owns", "负责"},
                                 {"self_governs", "自治"},
                                 {"assists", "协助"},
                                 {"forbidden", "不得承担"}});
      if (role)
        test.roles->emplace_back(Located<std::string>{member.key->text, member.key->position},
                                 Located<std::string>{*role, member.value->position});
    }
  }
  if (const YamlNode* entries = node.find("entries"))
    if (auto ids = schema.names(*entries, "entries")) test.entries = std::move(*ids);
}

}  // namespace

void read_tests(const YamlNode& root, std::uint32_t file, SchemaReader& schema, RawRules& rules) {
  const Phrase what(Message::noun_tests_file);
  const Phrase test_case(Message::noun_test_case);
  schema.check_keys(root, {"qingdan", "kind", "cases"}, what);
  const YamlNode* cases = schema.require(root, "cases", what);
  if (cases == nullptr || !schema.is_list(*cases, "cases", Message::items_test_cases)) return;
  for (const auto& item : cases->items) {
    if (!schema.is_mapping(*item, test_case)) continue;
    schema.check_keys(*item, {"name", "task", "at", "in", "mode", "expect"}, test_case);
    const YamlNode* name = schema.require(*item, "name", test_case);
    const YamlNode* task = schema.require(*item, "task", test_case);
    const YamlNode* expect = schema.require(*item, "expect", test_case);
    auto name_text = name ? schema.name(*name, "name") : std::nullopt;
    auto task_text = task ? schema.name(*task, "task") : std::nullopt;
    RawTestCase test;
    test.file = file;
    test.position = item->position;
    if (const YamlNode* at = item->find("at")) test.at = schema.date(*at, "at");
    if (const YamlNode* in = item->find("in"))
      if (auto text = schema.name(*in, "in"))
        test.jurisdiction = Located<std::string>{*text, in->position};
    if (const YamlNode* mode = item->find("mode"))
      if (auto text = schema.name(*mode, "mode"))
        test.mode = Located<std::string>{*text, mode->position};
    if (expect != nullptr) read_expectation(*expect, schema, test);
    if (!name_text || !task_text || expect == nullptr) continue;
    test.name = *name_text;
    test.task = *task_text;
    rules.test_cases.push_back(std::move(test));
  }
}

}  // namespace qingdan::detail
