#pragma once

// JSON values shared by the documents of the owner query and of the directive check.
#include <boost/json.hpp>

#include <qingdan/decision.hpp>

namespace qingdan::detail {

inline boost::json::value task_value(const TaskRef& task) {
  boost::json::array aliases;
  for (const std::string& alias : task.aliases) aliases.emplace_back(alias);
  return boost::json::object{
      {"id", task.id},
      {"name", task.name},
      {"category",
       task.category.empty() ? boost::json::value() : boost::json::value(task.category)},
      {"aliases", std::move(aliases)}};
}

inline boost::json::object entry_value(const EntryRef& entry) {
  return boost::json::object{{"list", std::string(to_string(entry.list))},
                             {"id", entry.id},
                             {"edition", entry.edition},
                             {"jurisdiction", entry.jurisdiction},
                             {"file", entry.file},
                             {"line", entry.line},
                             {"basis", entry.basis}};
}

}  // namespace qingdan::detail
