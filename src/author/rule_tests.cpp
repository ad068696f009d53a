// Runs the expectations rule authors keep beside their rules (`kind: tests`, docs/format.md §7).
#include <qingdan/rule_tests.hpp>

#include <algorithm>
#include <map>

#include <qingdan/detail/phrases.hpp>
#include <qingdan/rulebook.hpp>
#include "answer/decide.hpp"
#include "answer/internals.hpp"

namespace qingdan {

namespace {

using detail::Message;

Phrase roles_phrase(const RoleMap& roles) {
  std::vector<Phrase> each;
  for (const auto& [level, role] : roles)
    each.push_back(
        Phrase(Message::test_role, {{"level", level}, {"role", detail::role_phrase(role)}}));
  return Phrase(Message::test_roles, {{"roles", std::move(each)}});
}

Phrase ids_phrase(const std::vector<EntryRef>& entries) {
  if (entries.empty()) return Phrase(Message::nothing, {});
  std::vector<std::string> ids;
  for (const EntryRef& entry : entries) ids.push_back(entry.id);
  return Phrase(Message::verbatim, {{"text", detail::verbatim_list(ids)}});
}

Phrase status_phrase(Status status) {
  constexpr Message words[] = {Message::status_listed, Message::status_unlisted,
                               Message::status_unknown};
  return Phrase(words[static_cast<std::size_t>(status)], {});
}

std::vector<Phrase> differences(const detail::TestExpectation& expect, const Decision& got) {
  std::vector<Phrase> found;
  if (expect.status && *expect.status != got.status)
    found.push_back(
        Phrase(Message::test_status_differs,
               {{"expected", status_phrase(*expect.status)}, {"got", status_phrase(got.status)}}));
  Phrase owner_level =
      got.owner ? detail::verbatim(got.owner->level) : Phrase(Message::nothing, {});
  if (expect.owner_level && (!got.owner || *expect.owner_level != got.owner->level))
    found.push_back(Phrase(Message::test_owner_level_differs,
                           {{"expected", *expect.owner_level}, {"got", std::move(owner_level)}}));
  std::string department = got.owner ? got.owner->department : "";
  if (expect.owner_department && *expect.owner_department != department)
    found.push_back(Phrase(Message::test_owner_department_differs,
                           {{"expected", *expect.owner_department}, {"got", department}}));
  if (expect.roles && !(*expect.roles == got.roles))
    found.push_back(Phrase(Message::test_roles_differ, {{"expected", roles_phrase(*expect.roles)},
                                                        {"got", roles_phrase(got.roles)}}));
  for (const std::string& id : expect.entries)
    if (std::none_of(got.entries.begin(), got.entries.end(),
                     [&](const EntryRef& entry) { return entry.id == id; }))
      found.push_back(Phrase(Message::test_entry_missing,
                             {{"expected", id}, {"got", ids_phrase(got.entries)}}));
  return found;
}

}  // namespace

RuleTestRun run_rule_tests(const Rulebook& book) {
  const detail::Model& model = detail::Internals::model(book);
  RuleTestRun run;
  run.fingerprint = book.fingerprint();
  run.language = book.language();
  std::map<std::pair<std::string, std::string>, bool> applied;  // entry by (file, id)
  for (const detail::EditionRecord& edition : model.editions)
    for (const detail::EntryRecord& entry : edition.entries)
      applied[{model.files[edition.file], entry.id}] = false;
  for (const detail::TestCase& test : model.test_cases) {
    CaseResult result{test.name, model.files[test.file], test.line, true, {}};
    Decision decision = book.owner(test.task, Query{test.at, test.jurisdiction, test.mode});
    for (const EntryRef& entry : decision.entries) applied[{entry.file, entry.id}] = true;
    result.differences = differences(test.expect, decision);
    result.passed = result.differences.empty();
    run.cases.push_back(std::move(result));
  }
  run.total = applied.size();
  for (const detail::EditionRecord& edition : model.editions)
    for (const detail::EntryRecord& entry : edition.entries) {
      if (applied[{model.files[edition.file], entry.id}]) continue;
      run.uncovered.push_back(detail::entry_ref(model, edition, entry));
    }
  run.covered = run.total - run.uncovered.size();
  return run;
}

}  // namespace qingdan
