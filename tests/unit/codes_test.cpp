// The code catalogue (src/wording/codes.cpp) against the tables users read: rules/README.md
// gives every rule-file and finding code a row with its severity and an example, README.md lists
// every finding by code and name, and the other codes are documented in one of the two.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <string_view>

#include <qingdan/detail/codes.hpp>
#include <qingdan/report.hpp>

namespace qingdan {
namespace {

using detail::CodeRow;
using detail::CodeSeverity;

std::string read_document(const std::string& relative) {
  std::ifstream file(std::string(QINGDAN_SOURCE_DIR) + "/" + relative);
  std::stringstream text;
  text << file.rdbuf();
  return text.str();
}

// The table rows of a Markdown document, by the text of their first cell.
std::map<std::string, std::string> table_rows(const std::string& document) {
  std::map<std::string, std::string> rows;
  std::istringstream lines(document);
  for (std::string line; std::getline(lines, line);) {
    if (!line.starts_with("| Q")) continue;
    const std::size_t end = line.find(" |", 2);
    if (end != std::string::npos) rows.emplace(line.substr(2, end - 2), line);
  }
  return rows;
}

std::string_view severity_cell(CodeSeverity severity) {
  switch (severity) {
    case CodeSeverity::error: return "| error";
    case CodeSeverity::warning: return "| warning";
    case CodeSeverity::either: return "| error / warning";
  }
  return {};
}

bool documents_rules_of(std::string_view code) {
  return code.starts_with("QL") || code.starts_with("QD");
}

TEST(CodeCatalogue, RulesReadmeHasARowWithTheSeverityAndAnExampleOfEveryRuleAndFindingCode) {
  const auto rows = table_rows(read_document("rules/README.md"));
  for (const CodeRow& row : detail::code_rows()) {
    if (!documents_rules_of(row.code)) continue;
    SCOPED_TRACE(std::string(row.code));
    const auto found = rows.find(std::string(row.code));
    ASSERT_NE(found, rows.end()) << "no row in rules/README.md";
    const std::string& line = found->second;
    const std::string_view cell = severity_cell(row.severity);
    EXPECT_EQ(line.compare(2 + row.code.size() + 1, cell.size(), cell), 0)
        << "the severity in rules/README.md differs from the catalogue's: " << line;
    EXPECT_NE(line.find('`'), std::string::npos) << "no example";
  }
}

TEST(CodeCatalogue, ReadmeListsEveryFindingByCodeAndName) {
  const auto rows = table_rows(read_document("README.md"));
  for (const CodeRow& row : detail::code_rows()) {
    if (!row.code.starts_with("QD")) continue;
    EXPECT_TRUE(rows.contains(std::string(row.code) + ' ' + std::string(row.name)))
        << row.code << ' ' << row.name << " has no row in README.md";
  }
}

TEST(CodeCatalogue, EveryOtherCodeIsDocumentedWhereUsersLook) {
  const std::string documents = read_document("README.md") + read_document("rules/README.md");
  for (const CodeRow& row : detail::code_rows())
    EXPECT_NE(documents.find("| " + std::string(row.code) + " |"), std::string::npos)
        << row.code << " is in no table of README.md or rules/README.md";
}

TEST(CodeCatalogue, EachCodeIsOneRowWithBothTitlesAndASummary) {
  std::set<std::string_view> codes;
  for (const CodeRow& row : detail::code_rows()) {
    SCOPED_TRACE(std::string(row.code));
    EXPECT_TRUE(codes.insert(row.code).second) << "given twice";
    EXPECT_EQ(detail::find_code(row.code), &row);
    EXPECT_FALSE(row.name.empty());
    EXPECT_FALSE(row.en.empty());
    EXPECT_FALSE(row.zh.empty());
    EXPECT_NE(row.en, row.zh);
    EXPECT_FALSE(row.summary.empty());
  }
  EXPECT_EQ(detail::find_code("QL999"), nullptr);
}

TEST(CodeCatalogue, EveryFindingCodeHasItsOwnQdRow) {
  // FindingCode follows the QD rows in order: each finding reads a QD row of its own, and the
  // last finding is the last row.
  std::set<std::string_view> seen;
  const auto last = static_cast<std::size_t>(FindingCode::no_sunset);
  for (std::size_t i = 0; i <= last; ++i) {
    const auto code = static_cast<FindingCode>(i);
    EXPECT_TRUE(code_of(code).starts_with("QD")) << code_of(code);
    EXPECT_TRUE(seen.insert(code_of(code)).second);
  }
  EXPECT_EQ(static_cast<std::size_t>(catalogue_code(FindingCode::no_sunset)) + 1,
            static_cast<std::size_t>(detail::Code::count));
}

TEST(CodeCatalogue, FindingCodesAreTheCatalogueRowsOfTheirFindings) {
  EXPECT_EQ(code_of(FindingCode::forbidden), "QD001");
  EXPECT_EQ(name_of(FindingCode::duplicate_collection), "duplicate-collection");
  EXPECT_EQ(code_of(FindingCode::overload), "QD010");
  EXPECT_EQ(code_of(FindingCode::self_governance_ordered), "QD014");
  EXPECT_EQ(severity_of(FindingCode::probably_forbidden), Severity::error);
  EXPECT_EQ(severity_of(FindingCode::near_capacity), Severity::warning);
}

TEST(CodeCatalogue, ACodeIsReportedOnlyWithItsSeverity) {
  EXPECT_TRUE(detail::allows(detail::Code::unknown_key, Severity::error));
  EXPECT_FALSE(detail::allows(detail::Code::unknown_key, Severity::warning));
  EXPECT_TRUE(detail::allows(detail::Code::category_matches_no_task, Severity::warning));
  EXPECT_TRUE(detail::allows(detail::Code::bad_symbolic_link, Severity::warning));
  EXPECT_TRUE(detail::allows(detail::Code::bad_symbolic_link, Severity::error));
}

}  // namespace
}  // namespace qingdan
