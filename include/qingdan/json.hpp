#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <qingdan/approvals.hpp>
#include <qingdan/decision.hpp>
#include <qingdan/diff.hpp>
#include <qingdan/ledger.hpp>
#include <qingdan/lint.hpp>
#include <qingdan/report.hpp>
#include <qingdan/rule_tests.hpp>

namespace qingdan {

// Stable, deterministic JSON documents (the same input gives the same bytes); their shape is
// documented in README.md. Each names the fingerprint of the rulebook that produced it. The data
// is the same in every language; the sentences among it (an entry's effect, why it was skipped,
// a finding's message, why a candidate was found) are worded in `language`.
// With `explanation`, the decision also carries `explanation`: the lines explain() gives.
std::string to_json(const Decision& decision, std::string_view fingerprint,
                    Language language = Language::en, bool explanation = false);
std::string to_json(const std::vector<Decision>& decisions, std::string_view fingerprint,
                    Language language = Language::en);
std::string to_json(const std::vector<Reading>& readings, std::string_view fingerprint);
std::string to_json(const LintReport& report, Language language = Language::en);
// The lint report as SARIF 2.1.0, for editors and CI systems (columns in Unicode code points).
std::string to_sarif(const LintReport& report, Language language = Language::en);
std::string to_json(const std::vector<TaskRef>& tasks, std::string_view fingerprint);
// Approvals as `qingdan approvals` lists them, each with whether it is in force on `at`.
std::string to_json(const std::vector<Approval>& approvals, Date at, std::string_view fingerprint);
std::string to_json(const Report& report, Language language = Language::en);
std::string to_json(const RulebookDiff& diff);
std::string to_json(const LedgerReport& ledger);
std::string to_json(const RuleTestRun& run, Language language = Language::en);

}  // namespace qingdan
