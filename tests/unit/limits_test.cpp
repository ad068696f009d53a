// The limits of docs/format.md §11 at and just past each bound, and the hostile folders a loader
// meets: bad file names, files that are not YAML, and a folder rewritten while it is being loaded.
#include <gtest/gtest.h>

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <set>
#include <string>
#include <thread>

#include <qingdan/detail/normalize.hpp>

#include "temp_rulebook.hpp"

namespace qingdan {
namespace {

using testing::levels_yaml;
using testing::list_yaml;
using testing::tasks_yaml;
using testing::TempRulebook;
namespace fs = std::filesystem;

std::string code_of_failure(const TempRulebook& rules, const LoadOptions& options = {}) {
  try {
    rules.load(options);
    return "loaded";
  } catch (const Error& error) {
    return error.code();
  }
}

// A limit holds at `bound` and is broken one below it, with `code`.
void expect_bound(const TempRulebook& rules, std::uint64_t LoadOptions::*limit, std::uint64_t bound,
                  const std::string& code) {
  LoadOptions options;
  options.*limit = bound;
  EXPECT_EQ(code_of_failure(rules, options), "loaded");
  options.*limit = bound - 1;
  EXPECT_EQ(code_of_failure(rules, options), code);
}

// A negative edition with `count` (at most 5) entries, one for each task of tasks_yaml.
std::string negative_entries(int count) {
  const char* tasks[] = {"ZM-01", "HS-01", "HS-02", "ZZ-01", "QZ-01"};
  std::string entries;
  for (int i = 0; i < count; ++i)
    entries += "  - {id: N-" + std::to_string(i) + ", task: " + tasks[i] + "}\n";
  return list_yaml("list: negative\nversion: \"1\"\neffective: 2022-01-01\n", entries);
}

TEST(Limits, FileSizeAtAndPastTheBound) {
  TempRulebook rules{{{"rulebook.yaml", levels_yaml}, {"tasks.yaml", tasks_yaml}}};
  const auto largest = std::max(fs::file_size(rules.folder() / "rulebook.yaml"),
                                fs::file_size(rules.folder() / "tasks.yaml"));
  expect_bound(rules, &LoadOptions::max_file_bytes, largest, "QL002");
}

TEST(Limits, TextLengthAtAndPastTheBound) {
  TempRulebook rules{{{"rulebook.yaml", levels_yaml},
                      {"tasks.yaml", "qingdan: 1\nkind: tasks\ntasks:\n  - {id: A-1, name: " +
                                         std::string(40, 'x') + "}\n"}}};
  expect_bound(rules, &LoadOptions::max_text_bytes, 40, "QL013");  // the longest text: the name
}

TEST(Limits, EntryCountAtAndPastTheBound) {
  TempRulebook rules{{{"rulebook.yaml", levels_yaml},
                      {"tasks.yaml", tasks_yaml},
                      {"neg.yaml", negative_entries(5)}}};
  expect_bound(rules, &LoadOptions::max_entries, 5, "QL210");
}

// An entry for a category applies to every task of it: three editions' entries for a category of
// twelve tasks make 36 matches, which four times max_entries must cover, in a folder and in its
// snapshot alike. Without the bound, a few thousand such entries and tasks make billions.
TEST(Limits, EntriesForACategoryCountOncePerTaskOfIt) {
  std::string tasks = "qingdan: 1\nkind: tasks\ntasks:\n";
  for (int i = 10; i < 22; ++i)
    tasks += "  - {id: T-" + std::to_string(i) + ", name: 任务" + std::to_string(i) +
             ", category: 疫情防控}\n";
  TempRulebook rules{{{"rulebook.yaml", levels_yaml}, {"tasks.yaml", tasks}}};
  for (int year : {2022, 2023, 2024})
    rules.write("neg-" + std::to_string(year) + ".yaml",
                list_yaml("list: negative\nversion: \"" + std::to_string(year) +
                              "\"\neffective: " + std::to_string(year) + "-01-01\n",
                          "  - {id: N-1, category: 疫情防控}\n"));
  LoadOptions enough;
  enough.compiled_cache = false;
  enough.max_entries = 9;  // 36 matches allowed
  const Rulebook book = rules.load(enough);
  LoadOptions short_by_one = enough;
  short_by_one.max_entries = 8;  // 32
  EXPECT_EQ(
      rules.first_error(short_by_one),
      rules.folder().generic_string() +
          ": error: the entries apply 36 times over the tasks (an entry for a category once for "
          "each task of it), more than the limit of 32 (raise LoadOptions::max_entries: four "
          "times it) [QL210]");
  const std::filesystem::path snapshot =
      rules.folder().parent_path() / (rules.folder().filename().string() + "-book.qds");
  book.save_snapshot(snapshot);
  EXPECT_EQ(Rulebook::load(snapshot, enough).entry_count(), 3u);
  try {
    Rulebook::load(snapshot, short_by_one);
    ADD_FAILURE() << "a snapshot over the bound loaded";
  } catch (const Error& error) {
    EXPECT_EQ(error.code(), "QL017");
    EXPECT_NE(error.diagnostic().message.find("than LoadOptions::max_entries allows"),
              std::string::npos)
        << error.what();
  }
  std::filesystem::remove(snapshot);
}

TEST(Limits, FileCountAtAndPastTheBound) {
  TempRulebook rules{{{"rulebook.yaml", levels_yaml},
                      {"tasks.yaml", tasks_yaml},
                      {"lists/neg.yaml", negative_entries(1)}}};
  expect_bound(rules, &LoadOptions::max_files, 3, "QL015");
}

// Over the file limit the folder is refused once, and no file is read: the files kept never
// depend on the order the directory lists them in.
TEST(Limits, OverTheFileLimitIsSaidOnceForTheFolder) {
  TempRulebook rules{{{"rulebook.yaml", levels_yaml}, {"tasks.yaml", tasks_yaml}}};
  for (int i = 0; i < 40; ++i) rules.write("more/f" + std::to_string(i) + ".yaml", "qingdan: 2\n");
  LoadOptions options;
  options.max_files = 10;
  LintReport report = lint(rules.folder(), options);
  ASSERT_EQ(report.diagnostics.size(), 1u);
  EXPECT_EQ(report.diagnostics[0].code, "QL015");
  EXPECT_EQ(report.diagnostics[0].file, rules.folder().generic_string());
  EXPECT_EQ(
      report.diagnostics[0].message,
      "the folder holds more than 10 rule files; none was read (raise LoadOptions::max_files)");
}

// Diagnostics are sorted by a file index computed once, and at most 1,000 are listed: 3,000
// files with an error each give the first 1,000 in file order and one QL018 (the first line).
TEST(Limits, ManyDiagnosticsAreCutShortAndSortedInFileOrder) {
  TempRulebook rules{{{"rulebook.yaml", levels_yaml}, {"tasks.yaml", tasks_yaml}}};
  for (int i = 0; i < 3000; ++i)
    rules.write("more/f" + std::to_string(1000 + i) + ".yaml", "qingdan: 2\n");
  LintReport report = lint(rules.folder());
  ASSERT_EQ(report.diagnostics.size(), 1001u);
  EXPECT_EQ(report.diagnostics[0].code, "QL018");
  EXPECT_EQ(report.diagnostics[0].message,
            "more than 1000 problems; only the first 1000 are listed: fix them and look again");
  EXPECT_TRUE(
      std::is_sorted(report.diagnostics.begin() + 1, report.diagnostics.end(),
                     [](const Diagnostic& a, const Diagnostic& b) { return a.file < b.file; }));
  EXPECT_TRUE(report.diagnostics.back().file.ends_with("more/f1999.yaml"))
      << report.diagnostics.back().file;
}

TEST(Limits, AnAliasBombIsRefusedQuickly) {
  std::string bomb = "qingdan: 1\nkind: tasks\ntasks: []\na0: &a0 [x, x, x, x, x, x, x, x, x, x]\n";
  for (int i = 1; i < 12; ++i) {  // each level repeats the one before ten times: 10^12 nodes
    const std::string before = "*a" + std::to_string(i - 1);
    std::string level = before;
    for (int copy = 1; copy < 10; ++copy) level += ", " + before;
    bomb += "a" + std::to_string(i) + ": &a" + std::to_string(i) + " [" + level + "]\n";
  }
  TempRulebook rules{{{"rulebook.yaml", levels_yaml}, {"tasks.yaml", bomb}}};
  EXPECT_EQ(code_of_failure(rules), "QL006");
}

TEST(Limits, AFileNameThatIsNotUtf8IsAnErrorWrittenInUtf8) {
  TempRulebook rules{{{"rulebook.yaml", levels_yaml}, {"tasks.yaml", tasks_yaml}}};
  rules.write("lists/\xFF\xFE.yaml", negative_entries(1));
  LintReport report = lint(rules.folder());
  ASSERT_EQ(report.diagnostics.size(), 1u);
  const Diagnostic& diagnostic = report.diagnostics[0];
  EXPECT_EQ(diagnostic.code, "QL003");
  EXPECT_TRUE(diagnostic.file.ends_with("lists/\\xFF\\xFE.yaml")) << diagnostic.file;
  EXPECT_EQ(diagnostic.message, "the file name is not valid UTF-8 (byte 0xFF); rename the file");
  EXPECT_TRUE(detail::is_valid_utf8(to_json(report)));
  EXPECT_TRUE(detail::is_valid_utf8(to_sarif(report)));
  // Files the loader does not read may have any name.
  fs::remove(rules.folder() / "lists" / "\xFF\xFE.yaml");
  rules.write("notes/\xFF.txt", "not a rule file");
  EXPECT_EQ(code_of_failure(rules), "loaded");
}

TEST(Limits, FilesThatAreNotYamlRules) {
  TempRulebook rules{{{"rulebook.yaml", levels_yaml}, {"tasks.yaml", tasks_yaml}}};
  rules.write("picture.yaml", std::string("\x89PNG\r\n\x1A\n\0\0\0\rIHDR", 16));
  EXPECT_EQ(code_of_failure(rules), "QL003");
  rules.write("picture.yaml", "Just a sentence, not a mapping.\n");
  EXPECT_EQ(code_of_failure(rules), "QL100");
  rules.write("picture.yaml", "# only a comment\n   \n");
  EXPECT_EQ(code_of_failure(rules), "QL007");
  rules.write("picture.yaml", "\xEF\xBB\xBF");  // a byte order mark and nothing else
  EXPECT_EQ(code_of_failure(rules), "QL007");
  rules.write("picture.yaml",
              "qingdan: 1\nkind: tasks\ntasks: []\nk\xFF"
              "ey: 1\n");  // in a key
  EXPECT_EQ(rules.first_error(),
            "picture.yaml:4:2: error: invalid UTF-8 (byte 0xFF); save the file as UTF-8 [QL003]");
}

// A rulebook folder rewritten while it is loaded: every load either gives a rulebook that is
// one of the versions written, whole, or a positioned error; never a crash or a mixture that
// passes as valid.
TEST(Limits, AFolderChangedWhileLoadingGivesAWholeVersionOrAnError) {
  const std::string forbids = negative_entries(1);
  const std::string allows = list_yaml("list: negative\nversion: \"1\"\neffective: 2022-01-01\n",
                                       "  - {id: N-0, task: ZZ-01}\n");
  TempRulebook rules{
      {{"rulebook.yaml", levels_yaml}, {"tasks.yaml", tasks_yaml}, {"neg.yaml", forbids}}};
  std::atomic<bool> stop{false};
  std::thread writer([&] {
    for (int i = 0; !stop; ++i) {
      rules.write("neg.yaml", i % 3 == 0 ? forbids : i % 3 == 1 ? allows : "qingdan: 1\nkind: li");
      rules.write(i % 2 ? "tasks.yaml" : "tasks2.yaml", i % 2 ? tasks_yaml : "");
      if (i % 2 == 0) fs::remove(rules.folder() / "tasks2.yaml");
    }
  });
  std::set<std::string> outcomes;
  for (int load = 0; load < 200; ++load) {
    try {
      Rulebook book = rules.load();
      Decision zm = book.owner("ZM-01", {});
      Decision zz = book.owner("ZZ-01", {});
      bool forbids_zm = zm.status == Status::listed && zz.status == Status::unlisted;
      bool forbids_zz = zz.status == Status::listed && zm.status == Status::unlisted;
      ASSERT_TRUE(forbids_zm || forbids_zz) << "a rulebook that is neither version";
      outcomes.insert(forbids_zm ? "first version" : "second version");
    } catch (const Error& error) {
      ASSERT_FALSE(error.code().empty());
      ASSERT_FALSE(error.diagnostic().message.empty());
      outcomes.insert("error " + error.code());
    }
  }
  stop = true;
  writer.join();
  EXPECT_FALSE(outcomes.empty());
}

}  // namespace
}  // namespace qingdan
