// Snapshots (Rulebook::save_snapshot, `qingdan compile`): the same answers as the rule files, and
// a clear error, never a crash, for a damaged, truncated or foreign file.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <random>
#include <tuple>

#include <qingdan/json.hpp>

#include "../support/use_every_feature.hpp"
#include "answer/internals.hpp"
#include "every_question.hpp"
#include "snapshot/snapshot.hpp"
#include "snapshot/snapshot_stream.hpp"
#include "temp_rulebook.hpp"

namespace qingdan {
namespace {

using namespace std::chrono;

std::string read_bytes(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

void write_bytes(const std::filesystem::path& file, const std::string& bytes) {
  std::ofstream(file, std::ios::binary | std::ios::trunc) << bytes;
}

class Snapshot : public ::testing::Test {
 protected:
  std::filesystem::path file(const std::string& name) const { return scratch.folder() / name; }

  // The Qingpu rulebook's snapshot, written once per test.
  std::filesystem::path qingpu_snapshot() const {
    std::filesystem::path path = file("qingpu.qds");
    Rulebook::load("rules/shanghai-qingpu").save_snapshot(path);
    return path;
  }

  // The error of loading these bytes as a snapshot ("no error" when they load).
  std::string error_of(const std::string& bytes, const LoadOptions& options = {},
                       Language language = Language::en) const {
    std::filesystem::path path = file("damaged.qds");
    write_bytes(path, bytes);
    try {
      Rulebook book = Rulebook::load(path, options);
      for (const detail::TaskRecord& task : detail::Internals::model(book).tasks)
        (void)book.owner(task.id, Query{year{2024} / 6 / 1, "徐练村", {}}).explain();
      (void)to_json(run_rule_tests(book));
      (void)to_json(book.find_tasks(""), book.fingerprint());
      (void)to_json(book.diff(year{2022} / 1 / 1, year{2025} / 1 / 1));
      testing::check_a_directive(book);
    } catch (const Error& error) {
      return error.diagnostic().code + " " + error.diagnostic().message_in(language);
    }
    return "no error";
  }

  testing::TempRulebook scratch;
};

// Every task, jurisdiction and mode at every date an edition starts or ends: the same JSON.
void expect_same_answers(const Rulebook& from_yaml, const Rulebook& from_snapshot) {
  std::size_t asked =
      testing::ask_every_question(from_yaml, [&](const std::string& task, const Query& query) {
        EXPECT_EQ(to_json(from_snapshot.owner(task, query), from_snapshot.fingerprint()),
                  to_json(from_yaml.owner(task, query), from_yaml.fingerprint()));
      });
  EXPECT_GT(asked, 1000u);
}

TEST_F(Snapshot, AnswersEqualTheRuleFilesOfBothRulebooks) {
  for (const char* folder : {"rules/shanghai-qingpu", "rules/national-village"}) {
    SCOPED_TRACE(folder);
    Rulebook from_yaml = Rulebook::load(folder);
    from_yaml.save_snapshot(file("book.qds"));
    Rulebook from_snapshot = Rulebook::load(file("book.qds"));
    EXPECT_EQ(from_snapshot.fingerprint(), from_yaml.fingerprint());
    EXPECT_EQ(from_snapshot.name(), from_yaml.name());
    EXPECT_EQ(from_snapshot.entry_count(), from_yaml.entry_count());
    expect_same_answers(from_yaml, from_snapshot);
    EXPECT_EQ(to_json(from_snapshot.find_tasks("证明"), from_snapshot.fingerprint()),
              to_json(from_yaml.find_tasks("证明"), from_yaml.fingerprint()));
    EXPECT_EQ(to_json(from_snapshot.owner("給每隻貓辦身份證", {}), ""),
              to_json(from_yaml.owner("給每隻貓辦身份證", {}), ""))
        << "suggestions for an unknown text";
    Date from = year{2022} / 1 / 1, to = year{2025} / 6 / 1;
    EXPECT_EQ(to_json(from_snapshot.diff(from, to)), to_json(from_yaml.diff(from, to)));
  }
}

// The indexes a snapshot does not store are rebuilt as loading the rule files builds them.
TEST_F(Snapshot, IndexesEqualThoseOfTheRuleFiles) {
  auto weighed = [](const detail::EntryMatch& match) {
    return std::tuple(match.edition, match.entry, match.modes, match.kinds, match.levels,
                      match.owner_level);
  };
  for (const char* folder : {"rules/shanghai-qingpu", "rules/national-village"}) {
    SCOPED_TRACE(folder);
    Rulebook from_yaml = Rulebook::load(folder);
    from_yaml.save_snapshot(file("book.qds"));
    Rulebook from_snapshot = Rulebook::load(file("book.qds"));
    const detail::Model& loaded = detail::Internals::model(from_yaml);
    const detail::Model& read = detail::Internals::model(from_snapshot);
    EXPECT_TRUE(read.editions_by_place == loaded.editions_by_place);
    EXPECT_EQ(read.first_match, loaded.first_match);
    ASSERT_EQ(read.matches.size(), loaded.matches.size());
    for (std::size_t i = 0; i < read.matches.size(); ++i)
      EXPECT_EQ(weighed(read.matches[i]), weighed(loaded.matches[i])) << "match " << i;
    ASSERT_EQ(read.editions.size(), loaded.editions.size());
    std::size_t replaced = 0;
    for (std::size_t e = 0; e < read.editions.size(); ++e) {
      const detail::EditionRecord& edition = read.editions[e];
      EXPECT_EQ(edition.replaced_on, loaded.editions[e].replaced_on) << edition.version;
      replaced += edition.replaced_on.has_value();
      EXPECT_TRUE(edition.first_entry_by_task == loaded.editions[e].first_entry_by_task);
      EXPECT_TRUE(edition.first_entry_by_category == loaded.editions[e].first_entry_by_category);
    }
    EXPECT_GT(replaced, 0u);
    EXPECT_TRUE(read.task_by_id == loaded.task_by_id);
    EXPECT_TRUE(read.task_by_text == loaded.task_by_text);
    EXPECT_TRUE(read.task_by_written == loaded.task_by_written);
    EXPECT_TRUE(read.category_by_name == loaded.category_by_name);
    EXPECT_TRUE(read.approval_by_id == loaded.approval_by_id);
  }
}

TEST_F(Snapshot, DirectiveChecksAndRuleTestsEqualTheRuleFiles) {
  Rulebook from_yaml = Rulebook::load("rules/shanghai-qingpu");
  Rulebook from_snapshot = Rulebook::load(qingpu_snapshot());
  Villages villages = Villages::load("rules/shanghai-qingpu/villages.csv");
  std::vector<Directive> directives{Directive::load("examples/directives/lockdown-2022.yaml")};
  EXPECT_EQ(to_json(from_snapshot.check(directives, villages)),
            to_json(from_yaml.check(directives, villages)));
  EXPECT_EQ(detail::Internals::model(from_snapshot).test_cases.size(),
            detail::Internals::model(from_yaml).test_cases.size());
}

TEST_F(Snapshot, IsTheSameBytesWhenWrittenAgainFromItself) {
  std::string first = read_bytes(qingpu_snapshot());
  Rulebook::load(file("qingpu.qds")).save_snapshot(file("again.qds"));
  EXPECT_EQ(read_bytes(file("again.qds")), first);
  EXPECT_FALSE(std::filesystem::exists(file("again.qds.partial")));
}

TEST_F(Snapshot, TruncatedAnywhereIsAClearError) {
  const std::string bytes = read_bytes(qingpu_snapshot());
  for (std::size_t size : {std::size_t{8}, std::size_t{12}, std::size_t{20}, std::size_t{51},
                           std::size_t{52}, bytes.size() / 2, bytes.size() - 1}) {
    std::string error = error_of(bytes.substr(0, size));
    EXPECT_TRUE(error.starts_with("QL017 the snapshot is truncated")) << size << ": " << error;
  }
  EXPECT_TRUE(error_of(bytes.substr(0, 5)).starts_with("QL015 not a folder or a snapshot"));
  EXPECT_EQ(error_of(bytes.substr(0, 100)),
            "QL017 the snapshot is truncated: " + std::to_string(bytes.size() - 52) +
                " bytes of data announced, 48 present");
}

TEST_F(Snapshot, ADamagedByteIsCaughtByTheChecksum) {
  const std::string bytes = read_bytes(qingpu_snapshot());
  for (std::size_t at = 24; at < bytes.size(); at += 997) {
    std::string damaged = bytes;
    damaged[at] = static_cast<char>(damaged[at] ^ 0x20);
    EXPECT_EQ(error_of(damaged),
              "QL017 the snapshot is damaged (its checksum does not match); compile the rulebook "
              "again")
        << "byte " << at;
  }
}

TEST_F(Snapshot, AnotherFormatVersionNamesBoth) {
  std::string bytes = read_bytes(qingpu_snapshot());
  bytes[8] = 7;
  EXPECT_EQ(error_of(bytes),
            "QL016 snapshot of format 7; this qingdan reads format 6: compile the rulebook again");
  EXPECT_EQ(error_of(bytes, {}, Language::zh),
            "QL016 快照格式为 7，本版 qingdan 读取格式 6：请重新编译规则库");
}

// Damage that keeps a valid checksum (a snapshot written by hand): every byte of the data
// changed in turn still loads and answers, or is refused as inconsistent. ASan watches this.
TEST_F(Snapshot, ResealedDamageIsRefusedOrHarmless) {
  const std::string bytes = read_bytes(qingpu_snapshot());
  const std::string payload = bytes.substr(52);
  std::mt19937 random(20261129);
  std::size_t refused = 0;
  for (int round = 0; round < 250; ++round) {
    std::string changed = payload;
    std::size_t at = random() % changed.size();
    changed[at] = static_cast<char>(random() % 256);
    std::string error = error_of(detail::seal_snapshot(changed));
    if (error == "no error") continue;
    EXPECT_TRUE(error.starts_with("QL017 the snapshot's data is inconsistent at byte")) << error;
    ++refused;
  }
  EXPECT_GT(refused, 0u);
  EXPECT_TRUE(
      error_of(detail::seal_snapshot(payload + "x")).ends_with("bytes after the end of the data"));
  EXPECT_TRUE(error_of(detail::seal_snapshot(payload.substr(0, payload.size() / 3)))
                  .ends_with("the data ends early"));
}

// Every byte that stores an enumeration is one a hand-made snapshot can set to anything: the
// role after each level id (test expectations) set to 0xFF is refused, never read as a role.
TEST_F(Snapshot, AnEnumerationOutsideItsValuesIsRefused) {
  const std::string payload = read_bytes(qingpu_snapshot()).substr(52);
  const std::string level = std::string("\x07\0\0\0", 4) + "village";
  std::size_t refused = 0;
  for (auto at = payload.find(level); at != std::string::npos; at = payload.find(level, at + 1)) {
    std::string changed = payload;
    changed[at + level.size()] = '\xFF';
    std::string error = error_of(detail::seal_snapshot(changed));
    if (error.ends_with("a value of 255 outside its enumeration")) ++refused;
  }
  EXPECT_GT(refused, 10u);
}

// The loader refuses two editions of one list and place on one day (QL208); a snapshot whose
// collaboration list of 青浦区 starts its 2022-12 edition on the day of its 2022 one is damaged.
TEST_F(Snapshot, TwoEditionsOfOnePlaceOnOneDayAreRefused) {
  std::string payload = read_bytes(qingpu_snapshot()).substr(52);
  const std::string version = std::string("\x07\0\0\0", 4) + "2022-12";
  const std::size_t at = payload.find(version);
  ASSERT_NE(at, std::string::npos);
  detail::SnapshotWriter day;
  day.io(Date{year{2022} / 1 / 1});
  const std::string effective = day.take();
  payload.replace(at + version.size(), effective.size(), effective);
  const std::string error = error_of(detail::seal_snapshot(payload));
  EXPECT_TRUE(error.ends_with("two editions of one list and place start on one day")) << error;
}

// A snapshot written by hand with a hundred thousand entries for one task in one edition, which
// no rule file could give (they would overlap): its indexes are rebuilt in one pass over the
// entries, not by walking the entries of the task once for each of them.
TEST_F(Snapshot, ManyEntriesForOneTaskInOneEditionAreIndexedInOnePass) {
  const Rulebook book = Rulebook::load("rules/shanghai-qingpu", {.compiled_cache = false});
  // This handle alone holds the model (built as a non-const object), and nothing reads it yet.
  auto& forged = const_cast<detail::Model&>(detail::Internals::model(book));
  auto edition =
      std::find_if(forged.editions.begin(), forged.editions.end(),
                   [](const detail::EditionRecord& e) { return !e.first_entry_by_task.empty(); });
  ASSERT_NE(edition, forged.editions.end());
  const detail::EntryRecord copied = edition->entries[edition->first_entry_by_task.begin()->second];
  const std::size_t entries = edition->entries.size() + 100'000;
  edition->entries.resize(entries, copied);
  const std::filesystem::path path = file("forged.qds");
  detail::write_snapshot(forged, path);
  const Rulebook loaded = Rulebook::load(path);
  const detail::Model& read = detail::Internals::model(loaded);
  EXPECT_EQ(
      read.editions[static_cast<std::size_t>(edition - forged.editions.begin())].entries.size(),
      entries);
  const std::string& task = forged.tasks[copied.task].id;
  const Decision decision = loaded.owner(task, Query{year{2024} / 6 / 1, "徐练村", {}});
  ASSERT_TRUE(decision.task.has_value());
  EXPECT_EQ(decision.task->id, task);
}

// A place's kind (the Qingpu rulebook's 街道 is kind 0 of 4) must exist and be of its level.
TEST_F(Snapshot, AForgedKindOfAPlaceIsRefused) {
  const std::string payload = read_bytes(qingpu_snapshot()).substr(52);
  const std::string street = std::string("\x0c\0\0\0", 4) + "夏阳街道";
  const std::size_t at = payload.find(street);
  ASSERT_NE(at, std::string::npos);
  ASSERT_EQ(payload.substr(at + street.size(), 4), std::string("\0\0\0\0", 4));
  auto with_kind = [&](char kind) {
    std::string changed = payload;
    changed[at + street.size()] = kind;
    return error_of(detail::seal_snapshot(changed));
  };
  EXPECT_TRUE(with_kind('\x04').ends_with("a jurisdiction of a kind that does not exist"))
      << with_kind('\x04');
  EXPECT_TRUE(with_kind('\x40').ends_with("a jurisdiction of a kind that does not exist"));
  EXPECT_TRUE(with_kind('\x02').ends_with("has a kind of another level")) << with_kind('\x02');
  EXPECT_EQ(with_kind('\x01'), "no error");  // 镇 instead of 街道: another answer, still sound
}

// Text is checked as UTF-8 when read: a flipped byte in a task's name never reaches JSON.
TEST_F(Snapshot, TextThatIsNotUtf8IsRefused) {
  const std::string payload = read_bytes(qingpu_snapshot()).substr(52);
  const std::string name = "开具亲属关系证明";
  std::string changed = payload;
  changed[changed.find(name) + 1] = '\xFF';
  EXPECT_TRUE(error_of(detail::seal_snapshot(changed)).ends_with("text that is not UTF-8"));
}

// Nor may a snapshot bring back what a rule file cannot say: an ESC or a line break in a name
// (the three bytes of 开 become the control and two letters, so the text stays UTF-8).
TEST_F(Snapshot, AControlCharacterInANameIsRefused) {
  const std::string payload = read_bytes(qingpu_snapshot()).substr(52);
  for (const char* control : {"\x1B[m", "\nab"}) {
    std::string changed = payload;
    changed.replace(changed.find("开具亲属关系证明"), 3, control);
    EXPECT_TRUE(
        error_of(detail::seal_snapshot(changed)).ends_with("a name with a control character"))
        << error_of(detail::seal_snapshot(changed));
  }
}

// A count is never trusted for an allocation: a snapshot announcing 2^32-1 levels, jurisdictions
// or test cases is refused when its bytes run out, not after reserving room for them all.
TEST_F(Snapshot, AForgedCountIsRefusedWhenTheDataRunsOut) {
  detail::SnapshotWriter forged;
  forged.io(std::string("forged"));
  forged.io(std::string("fingerprint"));
  forged.io(std::uint32_t{0xFFFFFFFF});  // levels
  const std::string payload = forged.take() + std::string(1 << 20, '\0');
  EXPECT_TRUE(error_of(detail::seal_snapshot(payload)).ends_with("beyond the end"));
  detail::SnapshotWriter fewer;
  fewer.io(std::string("forged"));
  fewer.io(std::string("fingerprint"));
  fewer.io(std::uint32_t{(1 << 20) / 8});  // as many empty levels as the bytes can hold
  EXPECT_TRUE(error_of(detail::seal_snapshot(fewer.take() + std::string(1 << 20, '\0')))
                  .starts_with("QL017"));
}

TEST_F(Snapshot, AFileOverTheSizeLimitIsRefusedBeforeItIsRead) {
  LoadOptions small;
  small.max_snapshot_bytes = 1000;
  const std::string error = error_of(read_bytes(qingpu_snapshot()), small);
  EXPECT_TRUE(error.starts_with("QL002 the snapshot is ")) << error;
  EXPECT_TRUE(error.ends_with("over the limit of 1000 (raise LoadOptions::max_snapshot_bytes)"))
      << error;
}

TEST_F(Snapshot, AFileThatIsNotASnapshotIsNotARulebook) {
  write_bytes(file("notes.txt"), "qingdan: 1\nkind: rulebook\n");
  EXPECT_EQ(error_of(read_bytes(file("notes.txt"))),
            "QL015 not a folder or a snapshot; a rulebook is a folder, or a snapshot made by "
            "qingdan compile");
}

TEST_F(Snapshot, AnUnwritablePathIsAnError) {
  Rulebook book = Rulebook::load("rules/shanghai-qingpu");
  try {
    book.save_snapshot(file("no-such-folder") / "book.qds");
    FAIL() << "no error";
  } catch (const Error& error) {
    EXPECT_EQ(error.code(), "QL001");
    EXPECT_NE(std::string(error.what()).find("cannot write the snapshot"), std::string::npos);
  }
}

}  // namespace
}  // namespace qingdan
