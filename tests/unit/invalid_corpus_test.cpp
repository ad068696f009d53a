// Every file in tests/data/invalid/cases is one kind of mistake; beside it, NAME.expected holds
// the exact first error a load must report, and NAME.expected-zh the same error worded in
// Chinese (Diagnostic::to_string(Language::zh)): same file, position and code, the severity and
// message from the catalogue's Chinese column. Each case is added to the valid base rulebook in
// tests/data/invalid/base (a case named rulebook-* replaces the base's rulebook.yaml).
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "temp_rulebook.hpp"

namespace qingdan {
namespace {

namespace fs = std::filesystem;

const fs::path corpus = fs::path(QINGDAN_TEST_DATA_DIR) / "invalid";

std::vector<std::string> case_names() {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(corpus / "cases"))
    if (!entry.path().extension().string().starts_with(".expected"))
      names.push_back(entry.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

std::string read_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string expected_error(const fs::path& case_path, const char* extension) {
  std::string expected = read_text(fs::path(case_path).replace_extension(extension));
  expected.erase(expected.find_last_not_of('\n') + 1);
  return expected;
}

void copy_into(const fs::path& from, const fs::path& to) {
  fs::copy(from, to, fs::copy_options::recursive | fs::copy_options::overwrite_existing);
}

class InvalidCorpus : public ::testing::TestWithParam<std::string> {};

TEST_P(InvalidCorpus, ReportsTheExpectedFirstError) {
  const std::string name = GetParam();
  fs::path case_path = corpus / "cases" / name;

  testing::TempRulebook rules;
  if (!name.starts_with("rulebook-"))
    copy_into(corpus / "base" / "rulebook.yaml", rules.folder() / "rulebook.yaml");
  copy_into(corpus / "base" / "tasks.yaml", rules.folder() / "tasks.yaml");
  if (fs::is_directory(case_path)) {
    fs::create_directories(rules.folder() / name);
    copy_into(case_path, rules.folder() / name);
  } else {
    copy_into(case_path, rules.folder() / name);
  }
  // Messages name files by the folder given to load; compare them relative to it.
  // One load, its first error worded in each language.
  const std::optional<Diagnostic> diagnostic = rules.first_diagnostic();
  ASSERT_TRUE(diagnostic.has_value());
  auto first_error = [&](Language language) {
    std::string actual = diagnostic->to_string(language);
    for (const std::string& prefix :
         {rules.folder().generic_string() + ": ", rules.folder().generic_string() + "/"})
      for (std::size_t at; (at = actual.find(prefix)) != std::string::npos;)
        actual.erase(at, prefix.size());
    return actual;
  };
  EXPECT_EQ(first_error(Language::en), expected_error(case_path, ".expected"));
  EXPECT_EQ(first_error(Language::zh), expected_error(case_path, ".expected-zh"));

  LintReport report = lint(rules.folder());
  EXPECT_TRUE(report.has_errors()) << "lint must report what load refuses";
}

INSTANTIATE_TEST_SUITE_P(Cases, InvalidCorpus, ::testing::ValuesIn(case_names()),
                         [](const ::testing::TestParamInfo<std::string>& param) {
                           std::string name = param.param.substr(0, param.param.find('.'));
                           std::replace(name.begin(), name.end(), '-', '_');
                           return name;
                         });

}  // namespace
}  // namespace qingdan
