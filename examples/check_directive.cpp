// Check the example directives against the Qingpu lists and the sample villages, and print each
// verdict with its counts: what a district office's review desk would run before sending.
#include <iostream>
#include <qingdan/qingdan.hpp>

int main() {
  auto book = qingdan::Rulebook::load("rules/shanghai-qingpu");
  auto villages = qingdan::Villages::load("examples/villages/qingpu.csv");
  for (const char* file : {"examples/directives/social-assistance-2025.yaml",
                           "examples/directives/recalled-item-2025.yaml"}) {
    std::vector<qingdan::Directive> directives{qingdan::Directive::load(file)};
    qingdan::Report report = book.check(directives, villages);
    std::cout << directives[0].id << ": " << to_string(report.verdict) << ", "
              << report.count(qingdan::Severity::error) << " errors, "
              << report.count(qingdan::Severity::warning) << " warnings, "
              << report.villages.overloaded << " of " << report.villages.checked
              << " villages overloaded\n";
    for (const qingdan::Finding& finding : report.findings)
      if (finding.item && finding.severity == qingdan::Severity::error)
        std::cout << "  item " << finding.item->index << ' ' << code_of(finding.code) << ' '
                  << name_of(finding.code) << '\n';
  }
}
