#include "load/readers/readers.hpp"

namespace qingdan::detail {

void read_tasks(const YamlNode& root, std::uint32_t file, SchemaReader& schema, RawRules& rules) {
  const Phrase what(Message::noun_tasks_file);
  const Phrase task_noun(Message::noun_task);
  schema.check_keys(root, {"qingdan", "kind", "tasks"}, what);
  const YamlNode* tasks = schema.require(root, "tasks", what);
  if (tasks == nullptr || !schema.is_list(*tasks, "tasks", Message::items_tasks)) return;
  for (const auto& item : tasks->items) {
    if (!schema.is_mapping(*item, task_noun)) continue;
    schema.check_keys(*item, {"id", "name", "aliases", "keywords", "category", "note"}, task_noun);
    const YamlNode* id = schema.require(*item, "id", task_noun);
    const YamlNode* name = schema.require(*item, "name", task_noun);
    auto id_text = id ? schema.name(*id, "id") : std::nullopt;
    auto name_text = name ? schema.name(*name, "name") : std::nullopt;
    if (!id_text || !name_text) continue;
    RawTask task{
        file, item->position, {*id_text, id->position}, {*name_text, name->position}, {}, {}, {}};
    if (const YamlNode* aliases = item->find("aliases"))
      if (auto names = schema.names(*aliases, "aliases")) task.aliases = std::move(*names);
    if (const YamlNode* keywords = item->find("keywords"))
      if (auto words = schema.names(*keywords, "keywords")) task.keywords = std::move(*words);
    if (const YamlNode* category = item->find("category"))
      if (auto text = schema.name(*category, "category"))
        task.category = Located<std::string>{*text, category->position};
    if (const YamlNode* note = item->find("note")) schema.text(*note, "note");
    rules.tasks.push_back(std::move(task));
  }
}

}  // namespace qingdan::detail
