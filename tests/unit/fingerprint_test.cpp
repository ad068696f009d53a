// docs/format.md §2.3: the fingerprint anyone can reproduce with find, sort and sha256sum.
#include <gtest/gtest.h>

#include <cstdio>
#include <memory>

#include "temp_rulebook.hpp"

namespace qingdan {
namespace {

using testing::levels_yaml;
using testing::tasks_yaml;
using testing::TempRulebook;

std::string shell_fingerprint(const std::filesystem::path& folder) {
  std::string command = "cd '" + folder.string() +
                        "' && find -L . -type f \\( -name '*.yaml' -o -name '*.yml' \\) -print0 | "
                        "sed -z 's|^\\./||' | LC_ALL=C sort -z | xargs -0 sha256sum | sha256sum";
  std::unique_ptr<FILE, decltype(&pclose)> pipe(popen(command.c_str(), "r"), &pclose);
  char digest[65] = {};
  if (!pipe || std::fread(digest, 1, 64, pipe.get()) != 64) return "(shell failed)";
  return digest;
}

TEST(Fingerprint, MatchesTheShellCommand) {
  TempRulebook rules{{{"rulebook.yaml", levels_yaml},
                      {"tasks.yml", tasks_yaml},
                      {"lists/B.yaml", "qingdan: 1\nkind: tests\ncases: []\n"},
                      {"lists/a-b.yaml", "qingdan: 1\nkind: tests\ncases: []\n"},
                      {"lists/a.yaml", "qingdan: 1\nkind: tests\ncases: []\n"},
                      {"其他/说明.yaml", "qingdan: 1\nkind: tests\ncases: []\n"},
                      {"README.md", "not hashed"}}};
  EXPECT_EQ(rules.load().fingerprint(), shell_fingerprint(rules.folder()));
}

TEST(Fingerprint, ChangesWithAnyRuleFileAndOnlyThen) {
  TempRulebook rules{{{"rulebook.yaml", levels_yaml}, {"tasks.yaml", tasks_yaml}}};
  std::string before = rules.load().fingerprint();
  rules.write("notes.txt", "ignored");
  EXPECT_EQ(rules.load().fingerprint(), before);
  rules.write("tasks.yaml", std::string(tasks_yaml) + "# a comment\n");
  EXPECT_NE(rules.load().fingerprint(), before);
  EXPECT_EQ(rules.load().fingerprint(), shell_fingerprint(rules.folder()));
}

}  // namespace
}  // namespace qingdan
