// Runs the expectations rule authors keep beside their rules (`kind: tests`, SPEC §6).
#include <qingdan/rule_tests.hpp>

#include <algorithm>
#include <map>

#include <qingdan/rulebook.hpp>

namespace qingdan {

namespace {

std::string roles_text(const RoleMap& roles) {
  std::string text = "{";
  for (const auto& [level, role] : roles)
    text += (text.size() > 1 ? ", " : "") + level + ": " + std::string(to_string(role));
  return text + "}";
}

std::string ids_text(const std::vector<EntryRef>& entries) {
  std::string text;
  for (const EntryRef& entry : entries) text += (text.empty() ? "" : ", ") + entry.id;
  return text.empty() ? "none" : text;
}

std::vector<std::string> differences(const detail::TestExpectation& expect, const Decision& got) {
  std::vector<std::string> found;
  if (expect.status && *expect.status != got.status)
    found.push_back("status: expected " + std::string(to_string(*expect.status)) + ", got " +
                    std::string(to_string(got.status)));
  std::string owner_level = got.owner ? got.owner->level : "none";
  if (expect.owner_level && *expect.owner_level != owner_level)
    found.push_back("owner level: expected " + *expect.owner_level + ", got " + owner_level);
  std::string department = got.owner ? got.owner->department : "";
  if (expect.owner_department && *expect.owner_department != department)
    found.push_back("owner department: expected '" + *expect.owner_department + "', got '" +
                    department + "'");
  if (expect.roles && !(*expect.roles == got.roles))
    found.push_back("roles: expected " + roles_text(*expect.roles) + ", got " +
                    roles_text(got.roles));
  for (const std::string& id : expect.entries)
    if (std::none_of(got.entries.begin(), got.entries.end(),
                     [&](const EntryRef& entry) { return entry.id == id; }))
      found.push_back("entries: expected " + id + " among the applied entries, got " +
                      ids_text(got.entries));
  return found;
}

}  // namespace

RuleTestRun run_rule_tests(const Rulebook& book) {
  const detail::Model& model = book.model();
  RuleTestRun run;
  run.fingerprint = book.fingerprint();
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
