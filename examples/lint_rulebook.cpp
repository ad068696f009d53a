// Lint a rulebook folder and print every diagnostic, then the counts.
#include <iostream>
#include <qingdan/qingdan.hpp>

int main(int argc, char** argv) {
  const char* folder = argc > 1 ? argv[1] : "rules/shanghai-qingpu";
  qingdan::LintReport report = qingdan::lint(folder);
  for (const qingdan::Diagnostic& diagnostic : report.diagnostics)
    std::cout << diagnostic.to_string() << '\n';
  std::cout << report.count(qingdan::Severity::error) << " errors, "
            << report.count(qingdan::Severity::warning) << " warnings\n";
  return report.has_errors() ? 1 : 0;
}
