#include <qingdan/decision.hpp>
#include <qingdan/detail/messages.hpp>
#include <qingdan/detail/phrases.hpp>

#include "render/wording.hpp"

namespace qingdan {

namespace {

using detail::Message;
using detail::say;

std::string cite(const EntryRef& entry, Language language) {
  return say(language, Message::explain_cite,
             {{"list", detail::list_phrase(entry.list).in(language)},
              {"id", entry.id},
              {"edition", entry.edition},
              {"illustrative", render::illustrative_mark(entry, language)},
              {"place", entry.jurisdiction.empty() ? std::string()
                                                   : say(language, Message::explain_cite_place,
                                                         {{"place", entry.jurisdiction}})},
              {"file", entry.file},
              {"line", std::to_string(entry.line)}});
}

std::string answer(const Decision& decision, Language language) {
  std::string owner;
  if (decision.owner)
    owner = say(language, Message::explain_owner,
                {{"level", render::level_text(decision.owner->level, decision, language)},
                 {"department", detail::parenthesised(decision.owner->department).in(language)}});
  std::string roles = render::roles_text(decision.roles, decision, language);
  return say(
      language, Message::explain_answer,
      {{"status", render::status_text(decision.status, language)},
       {"owner", owner},
       {"roles", roles.empty() ? std::string()
                               : say(language, Message::explain_roles, {{"roles", roles}})}});
}

// " (rural (村) in township (镇))": the kinds of place the question was answered for.
std::string kinds_text(const Decision& decision, Language language) {
  const Phrase chain = detail::kind_chain(decision.place_kinds);
  return chain.empty() ? std::string() : detail::parenthesised(chain.in(language)).in(language);
}

std::string question(const Decision& decision, Language language) {
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
              {"kinds", kinds_text(decision, language)},
              {"mode", render::mode_text(decision, language)}});
}

}  // namespace

std::vector<std::string> Decision::explain(Language language) const {
  std::vector<std::string> lines{question(*this, language)};
  if (!task) {
    lines.push_back(say(language, Message::explain_no_task));
    for (const TaskRef& similar : suggestions)
      lines.push_back(
          say(language, Message::explain_similar, {{"id", similar.id}, {"name", similar.name}}));
  } else if (considered.empty()) {
    lines.push_back(say(language, Message::explain_no_entry));
  }
  for (const Consideration& item : considered) {
    if (item.outcome == EntryOutcome::applied)
      lines.push_back(
          say(language, Message::explain_applied,
              {{"entry", cite(item.entry, language)}, {"effect", item.effect.in(language)}}));
    else
      lines.push_back(say(language, Message::explain_skipped,
                          {{"entry", cite(item.entry, language)},
                           {"effect", item.effect.in(language)},
                           {"reason", item.reason.in(language)}}));
  }
  for (const Phrase& conflict : conflicts)
    lines.push_back(
        say(language, Message::explain_conflict, {{"conflict", conflict.in(language)}}));
  lines.push_back(answer(*this, language));
  if (differs_below()) lines.push_back(render::differs_below_note(*this, language));
  if (illustrative()) lines.push_back(render::illustrative_note(*this, language));
  return lines;
}

}  // namespace qingdan
