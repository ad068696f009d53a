#include <qingdan/decision.hpp>
#include <qingdan/detail/messages.hpp>

namespace qingdan {

namespace {

using detail::Message;
using detail::say;

std::string cite(const EntryRef& entry, Language language) {
  return say(language, Message::explain_cite,
             {{"list", to_string(entry.list)},
              {"id", entry.id},
              {"edition", entry.edition},
              {"place", entry.jurisdiction.empty() ? std::string()
                                                   : say(language, Message::explain_cite_place,
                                                         {{"place", entry.jurisdiction}})},
              {"file", entry.file},
              {"line", std::to_string(entry.line)}});
}

std::string answer(const Decision& decision) {
  const Language language = decision.language;
  std::string owner;
  if (decision.owner) {
    const std::string& department = decision.owner->department;
    owner = say(language, Message::explain_owner,
                {{"level", decision.owner->level},
                 {"department", department.empty() ? std::string()
                                                   : say(language, Message::parenthesised,
                                                         {{"text", department}})}});
  }
  std::string roles;
  for (const auto& [level, role] : decision.roles)
    roles += (roles.empty() ? "" : ", ") + level + " " + std::string(to_string(role));
  return say(
      language, Message::explain_answer,
      {{"status", to_string(decision.status)},
       {"owner", owner},
       {"roles", roles.empty() ? std::string()
                               : say(language, Message::explain_roles, {{"roles", roles}})}});
}

std::string question(const Decision& decision) {
  const Language language = decision.language;
  std::string task;
  if (decision.task) {
    const std::string& category = decision.task->category;
    task = say(language, Message::explain_task,
               {{"id", decision.task->id},
                {"name", decision.task->name},
                {"category", category.empty() ? std::string()
                                              : say(language, Message::explain_category,
                                                    {{"category", category}})}});
  }
  return say(language, Message::explain_question,
             {{"query", decision.query},
              {"task", task},
              {"date", to_iso(decision.at)},
              {"place", decision.jurisdiction.empty() ? std::string()
                                                      : say(language, Message::explain_place,
                                                            {{"place", decision.jurisdiction}})},
              {"mode", decision.mode}});
}

}  // namespace

std::vector<std::string> Decision::explain() const {
  std::vector<std::string> lines{question(*this)};
  if (!task) {
    lines.push_back(say(language, Message::explain_no_task));
    for (const TaskRef& similar : suggestions)
      lines.push_back(
          say(language, Message::explain_similar, {{"id", similar.id}, {"name", similar.name}}));
  } else if (considered.empty()) {
    lines.push_back(say(language, Message::explain_no_entry));
  }
  for (const Consideration& item : considered) {
    if (item.verdict == Verdict::applied)
      lines.push_back(say(language, Message::explain_applied,
                          {{"entry", cite(item.entry, language)}, {"effect", item.effect}}));
    else
      lines.push_back(say(language, Message::explain_skipped,
                          {{"entry", cite(item.entry, language)},
                           {"effect", item.effect},
                           {"reason", item.reason}}));
  }
  for (const std::string& conflict : conflicts)
    lines.push_back(say(language, Message::explain_conflict, {{"conflict", conflict}}));
  lines.push_back(answer(*this));
  return lines;
}

}  // namespace qingdan
