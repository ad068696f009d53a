#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include <qingdan/decision.hpp>
#include <qingdan/phrase.hpp>

namespace qingdan {

class Rulebook;

// One case of a `kind: tests` file, run.
struct CaseResult {
  std::string name;
  std::string file;        // relative to the rulebook folder
  std::uint32_t line = 0;  // where the case starts
  bool passed = true;
  std::vector<Phrase> differences;  // "roles: expected (…), got (…)", one per field
};

// The run of every case of a rulebook's `kind: tests` files (docs/format.md §7.2).
struct RuleTestRun {
  std::vector<CaseResult> cases;
  std::size_t covered = 0;  // entries that at least one case, passing or failing, applied
  std::size_t total = 0;    // entries of all editions
  std::vector<EntryRef> uncovered;
  std::string fingerprint;
  Language language = Language::en;  // the rulebook handle's (Rulebook::language()), for bindings

  std::size_t failed() const {
    std::size_t count = 0;
    for (const CaseResult& result : cases) count += !result.passed;
    return count;
  }
  double coverage() const {
    return total == 0 ? 1.0 : static_cast<double>(covered) / static_cast<double>(total);
  }
};

RuleTestRun run_rule_tests(const Rulebook& book);

}  // namespace qingdan
