#include <qingdan/decision.hpp>

namespace qingdan {

namespace {

std::string cite(const EntryRef& entry) {
  std::string text =
      std::string(to_string(entry.list)) + " " + entry.id + " (edition " + entry.edition;
  if (!entry.jurisdiction.empty()) text += ", " + entry.jurisdiction;
  text += ", " + entry.file + ":" + std::to_string(entry.line) + ")";
  return text;
}

std::string answer(const Decision& decision) {
  std::string text = "answer: " + std::string(to_string(decision.status));
  if (decision.owner) {
    text += "; owner " + decision.owner->level;
    if (!decision.owner->department.empty()) text += " (" + decision.owner->department + ")";
  }
  if (!decision.roles.empty()) {
    text += "; roles:";
    for (const auto& [level, role] : decision.roles)
      text += " " + level + " " + std::string(to_string(role)) + ",";
    text.pop_back();
  }
  return text;
}

}  // namespace

std::vector<std::string> Decision::explain() const {
  std::vector<std::string> lines;
  std::string question = "question: '" + query + "'";
  if (task) {
    question += " is task " + task->id + " " + task->name;
    if (!task->category.empty()) question += " (category " + task->category + ")";
  }
  question += "; on " + to_iso(at);
  if (!jurisdiction.empty()) question += " in " + jurisdiction;
  question += ", mode " + mode;
  lines.push_back(std::move(question));

  if (!task) {
    lines.push_back("the text names no task in the catalogue, by id, name or alias");
    for (const TaskRef& similar : suggestions)
      lines.push_back("similar: " + similar.id + " " + similar.name);
  } else if (considered.empty()) {
    lines.push_back("no entry of any list names this task or its category here");
  }
  for (const Consideration& item : considered) {
    if (item.verdict == Verdict::applied)
      lines.push_back("applied " + cite(item.entry) + ": " + item.effect);
    else
      lines.push_back("skipped " + cite(item.entry) + ": would say " + item.effect + "; " +
                      item.reason);
  }
  for (const std::string& conflict : conflicts) lines.push_back("conflict: " + conflict);
  lines.push_back(answer(*this));
  return lines;
}

}  // namespace qingdan
