// The compiled cache (docs/format.md §10.1): a folder's second load reads the snapshot its first
// wrote, an edited file is never answered from an older one, and nothing the cache holds, or
// cannot hold, fails or changes a load.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "answer/internals.hpp"
#include "snapshot/compiled_cache.hpp"
#include "snapshot/snapshot.hpp"
#include "temp_rulebook.hpp"

namespace qingdan {
namespace {

std::string read_bytes(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

void write_bytes(const std::filesystem::path& file, const std::string& bytes) {
  std::ofstream(file, std::ios::binary | std::ios::trunc) << bytes;
}

// The snapshots in a cache directory.
std::vector<std::string> names_in(const std::filesystem::path& folder) {
  std::vector<std::string> names;
  if (!std::filesystem::is_directory(folder)) return names;
  for (const auto& entry : std::filesystem::directory_iterator(folder))
    if (entry.path().extension() == ".qds") names.push_back(entry.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

// Lets the rule files' last change be more than two seconds old, as a published rulebook's is:
// the stamps of files changed since are not trusted.
void age_files() { std::this_thread::sleep_for(std::chrono::milliseconds(2100)); }

class CompiledCacheTest : public ::testing::Test {
 protected:
  CompiledCacheTest() {
    std::filesystem::copy("rules/shanghai-qingpu", book.folder(),
                          std::filesystem::copy_options::recursive |
                              std::filesystem::copy_options::overwrite_existing);
    options.cache_directory = cache.folder() / "qingdan";
  }

  std::vector<std::string> cached() const { return names_in(options.cache_directory); }
  std::filesystem::path cache_file() const {
    return detail::CompiledCache::open(book.folder(), options)->file();
  }

  // Writes, where the cache keeps `book`'s snapshot, the snapshot of another rulebook under
  // `book`'s fingerprint (or `fingerprint`): a load that answers from it has read the cache.
  void plant_another_rulebook(std::optional<std::string> fingerprint = std::nullopt) const {
    testing::TempRulebook other(
        {{"rulebook.yaml", testing::levels_yaml}, {"tasks.yaml", R"(qingdan: 1
kind: tasks
tasks:
  - {id: T-1, name: 只有一项}
)"}});
    Rulebook small = other.load({.compiled_cache = false});
    std::string payload = detail::snapshot_payload(detail::Internals::model(small));
    const std::string own = fingerprint.value_or(
        Rulebook::load(book.folder(), {.compiled_cache = false}).fingerprint());
    payload.replace(payload.find(small.fingerprint()), own.size(), own);
    std::filesystem::create_directories(options.cache_directory);
    write_bytes(fingerprint ? cache_file().parent_path() /
                                  (cache_file().filename().string().substr(0, 17) + own + ".qds")
                            : cache_file(),
                detail::seal_snapshot(payload));
  }

  testing::TempRulebook book;
  testing::TempRulebook cache;
  LoadOptions options;
};

TEST_F(CompiledCacheTest, TheSecondLoadReadsTheSnapshotTheFirstWrote) {
  Rulebook first = Rulebook::load(book.folder(), options);
  ASSERT_EQ(cached().size(), 1U);
  EXPECT_EQ(cached().front(), cache_file().filename().string());
  EXPECT_TRUE(detail::looks_like_snapshot(cache_file()));

  plant_another_rulebook();
  Rulebook second = Rulebook::load(book.folder(), options);
  EXPECT_EQ(second.task_count(), 1U);
  EXPECT_EQ(second.fingerprint(), first.fingerprint());
}

TEST_F(CompiledCacheTest, AnswersFromTheCacheAreTheYamls) {
  Rulebook from_yaml = Rulebook::load(book.folder(), {.compiled_cache = false});
  Rulebook::load(book.folder(), options);
  Rulebook from_cache = Rulebook::load(book.folder(), options);
  EXPECT_EQ(detail::snapshot_payload(detail::Internals::model(from_cache)),
            detail::snapshot_payload(detail::Internals::model(from_yaml)));
}

TEST_F(CompiledCacheTest, AnEditedFileIsNeverAnsweredFromTheOldSnapshot) {
  age_files();  // so that the stamps are trusted until the edit
  Rulebook before = Rulebook::load(book.folder(), options);
  const std::string old_file = cached().front();
  std::ofstream(book.folder() / "tasks.yaml", std::ios::app)
      << "  - {id: ZZ-99, name: 新加的一项事项}\n";
  Rulebook after = Rulebook::load(book.folder(), options);
  EXPECT_EQ(after.task_count(), before.task_count() + 1);
  EXPECT_NE(after.fingerprint(), before.fingerprint());
  ASSERT_EQ(cached().size(), 1U);  // the folder's older snapshot is gone
  EXPECT_NE(cached().front(), old_file);
  EXPECT_EQ(Rulebook::load(book.folder(), options).task_count(), after.task_count());
}

TEST_F(CompiledCacheTest, ADamagedSnapshotIsAMissAndIsWrittenAgain) {
  Rulebook::load(book.folder(), options);
  const std::string good = read_bytes(cache_file());
  std::string damaged = good;
  damaged[damaged.size() / 2] ^= 0x20;
  write_bytes(cache_file(), damaged);
  Rulebook book_again = Rulebook::load(book.folder(), options);
  EXPECT_GT(book_again.task_count(), 100U);
  EXPECT_EQ(read_bytes(cache_file()), good);

  write_bytes(cache_file(), "QDSNAP\r\n");  // cut short
  EXPECT_GT(Rulebook::load(book.folder(), options).task_count(), 100U);
  EXPECT_EQ(read_bytes(cache_file()), good);
}

TEST_F(CompiledCacheTest, ASnapshotOthersMayWriteIsNotTrusted) {
  Rulebook::load(book.folder(), options);
  plant_another_rulebook();
  ::chmod(cache_file().c_str(), 0666);
  EXPECT_GT(Rulebook::load(book.folder(), options).task_count(), 100U);
  // and a link in its place, to wherever, is not followed
  std::filesystem::remove(cache_file());
  plant_another_rulebook();
  std::filesystem::rename(cache_file(), cache.folder() / "elsewhere.qds");
  std::filesystem::create_symlink(cache.folder() / "elsewhere.qds", cache_file());
  EXPECT_GT(Rulebook::load(book.folder(), options).task_count(), 100U);
}

TEST_F(CompiledCacheTest, ACacheThatCannotBeWrittenNeverFailsTheLoad) {
  write_bytes(cache.folder() / "a-file", "not a folder");
  LoadOptions unwritable = options;
  unwritable.cache_directory = cache.folder() / "a-file" / "qingdan";
  EXPECT_GT(Rulebook::load(book.folder(), unwritable).task_count(), 100U);
  EXPECT_GT(Rulebook::load(book.folder(), unwritable).task_count(), 100U);
}

TEST_F(CompiledCacheTest, TurnedOffItLeavesNothing) {
  LoadOptions off = options;
  off.compiled_cache = false;
  Rulebook::load(book.folder(), off);
  EXPECT_TRUE(cached().empty());
  EXPECT_EQ(detail::CompiledCache::directory_of(off), std::filesystem::path());
}

TEST_F(CompiledCacheTest, AFolderThatDoesNotLoadLeavesNothing) {
  book.write("lists/broken.yaml", "qingdan: 1\nkind: list\nlist: power\n  bad: [\n");
  EXPECT_THROW(Rulebook::load(book.folder(), options), Error);
  EXPECT_TRUE(cached().empty());
}

TEST_F(CompiledCacheTest, ALowerLimitIsNotServedFromALoadUnderAHigherOne) {
  Rulebook::load(book.folder(), options);
  LoadOptions strict = options;
  strict.max_entries = 5;
  try {
    Rulebook::load(book.folder(), strict);
    ADD_FAILURE() << "loaded over max_entries";
  } catch (const Error& error) {
    EXPECT_EQ(error.diagnostic().code, "QL210");
  }
}

TEST_F(CompiledCacheTest, KeepsAtMostItsLimitOfSnapshots) {
  for (std::size_t i = 0; i < detail::CompiledCache::max_snapshots + 3; ++i) {
    testing::TempRulebook other({{"rulebook.yaml", testing::levels_yaml},
                                 {"tasks.yaml", "qingdan: 1\nkind: tasks\ntasks:\n  - {id: T-" +
                                                    std::to_string(i) + ", name: 事项}\n"}});
    other.load(options);
  }
  EXPECT_EQ(cached().size(), detail::CompiledCache::max_snapshots);
}

std::filesystem::path stamps_in(const std::filesystem::path& cache) {
  for (const auto& entry : std::filesystem::directory_iterator(cache))
    if (entry.path().extension() == ".stamps") return entry.path();
  return {};
}

// The stamps file's fingerprint replaced by `fingerprint`.
void restamp(const std::filesystem::path& stamps, const std::string& fingerprint) {
  std::string text = read_bytes(stamps);
  const std::size_t start = text.find(' ') + 1;
  text.replace(start, text.find(' ', start) - start, fingerprint);
  write_bytes(stamps, text);
}

TEST_F(CompiledCacheTest, UnchangedStampsSpareHashingTheFiles) {
  age_files();
  Rulebook::load(book.folder(), options);
  const std::filesystem::path stamps = stamps_in(options.cache_directory);
  ASSERT_FALSE(stamps.empty());
  // Stamps that promise another fingerprint, and a snapshot of another rulebook under it: a load
  // that answers from it took the fingerprint from the stamps without hashing a file.
  const std::string promised(64, 'a');
  restamp(stamps, promised);
  plant_another_rulebook(promised);
  EXPECT_EQ(Rulebook::load(book.folder(), options).task_count(), 1U);
}

TEST_F(CompiledCacheTest, FilesModifiedLatelyAreHashedWhateverTheirStamps) {
  Rulebook::load(book.folder(), options);  // the files were written a moment ago
  const std::string promised(64, 'a');
  restamp(stamps_in(options.cache_directory), promised);
  plant_another_rulebook(promised);
  EXPECT_GT(Rulebook::load(book.folder(), options).task_count(), 100U);
}

TEST_F(CompiledCacheTest, AnEditThatKeepsTheSizeAndTheModificationTimeIsSeen) {
  age_files();
  Rulebook before = Rulebook::load(book.folder(), options);
  const std::filesystem::path tasks = book.folder() / "tasks.yaml";
  const auto modified = std::filesystem::last_write_time(tasks);
  std::string text = read_bytes(tasks);
  const std::size_t at = text.find("name: ") + 6;
  text.replace(at, 3, "改");  // one three-byte character for another
  write_bytes(tasks, text);
  std::filesystem::last_write_time(tasks, modified);  // its change time still moves
  Rulebook after = Rulebook::load(book.folder(), options);
  EXPECT_NE(after.fingerprint(), before.fingerprint());
  EXPECT_EQ(after.fingerprint(),
            Rulebook::load(book.folder(), {.compiled_cache = false}).fingerprint());
}

TEST_F(CompiledCacheTest, AFileAddedOrRemovedIsSeenThoughTheOthersKeepTheirStamps) {
  age_files();
  Rulebook before = Rulebook::load(book.folder(), options);
  book.write("more.yaml",
             "qingdan: 1\nkind: tasks\ntasks:\n  - {id: ZZ-98, name: 另加的一项事项}\n");
  EXPECT_EQ(Rulebook::load(book.folder(), options).task_count(), before.task_count() + 1);
  std::filesystem::remove(book.folder() / "more.yaml");
  EXPECT_EQ(Rulebook::load(book.folder(), options).task_count(), before.task_count());
  EXPECT_EQ(Rulebook::load(book.folder(), options).fingerprint(), before.fingerprint());
}

TEST_F(CompiledCacheTest, OnlyItsOwnFilesAreEverRemoved) {
  std::filesystem::create_directories(options.cache_directory);
  const std::vector<std::string> foreign{"book.qds", "notes.partial", "abc-def.qds",
                                         "0123456789abcdef-short.qds", "x.stamps"};
  for (const std::string& name : foreign) write_bytes(options.cache_directory / name, "keep me");
  for (const std::string& name : foreign)
    std::filesystem::last_write_time(
        options.cache_directory / name,
        std::filesystem::file_time_type::clock::now() - std::chrono::hours(48));
  for (std::size_t i = 0; i < detail::CompiledCache::max_snapshots + 2; ++i) {
    testing::TempRulebook other({{"rulebook.yaml", testing::levels_yaml},
                                 {"tasks.yaml", "qingdan: 1\nkind: tasks\ntasks:\n  - {id: T-" +
                                                    std::to_string(i) + ", name: 事项}\n"}});
    other.load(options);
  }
  for (const std::string& name : foreign)
    EXPECT_EQ(read_bytes(options.cache_directory / name), "keep me") << name;
}

TEST_F(CompiledCacheTest, ADirectoryOthersMayWriteIsNotUsed) {
  std::filesystem::create_directories(options.cache_directory);
  std::filesystem::permissions(options.cache_directory, std::filesystem::perms::all);
  Rulebook::load(book.folder(), options);
  EXPECT_TRUE(cached().empty());
}

class Environment {
 public:
  Environment(const char* name, const char* value) : name_(name) {
    if (const char* old = std::getenv(name)) old_ = old;
    if (value != nullptr)
      ::setenv(name, value, 1);
    else
      ::unsetenv(name);
  }
  ~Environment() {
    if (old_)
      ::setenv(name_, old_->c_str(), 1);
    else
      ::unsetenv(name_);
  }
  Environment(const Environment&) = delete;
  Environment& operator=(const Environment&) = delete;

 private:
  const char* name_;
  std::optional<std::string> old_;
};

TEST(CompiledCacheDirectory, FollowsTheEnvironment) {
  using detail::CompiledCache;
  Environment no_setting("QINGDAN_CACHE_DIR", nullptr);
  Environment home("HOME", "/home/reviewer");
  {
    Environment xdg("XDG_CACHE_HOME", nullptr);
    EXPECT_EQ(CompiledCache::directory_of({}), "/home/reviewer/.cache/qingdan");
  }
  {
    Environment xdg("XDG_CACHE_HOME", "relative/is/ignored");
    EXPECT_EQ(CompiledCache::directory_of({}), "/home/reviewer/.cache/qingdan");
  }
  Environment xdg("XDG_CACHE_HOME", "/var/cache/reviewer");
  EXPECT_EQ(CompiledCache::directory_of({}), "/var/cache/reviewer/qingdan");
  {
    Environment chosen("QINGDAN_CACHE_DIR", "/srv/qingdan-cache");
    EXPECT_EQ(CompiledCache::directory_of({}), "/srv/qingdan-cache");
    Environment relative("QINGDAN_CACHE_DIR", "cache-here");  // would follow the process
    EXPECT_EQ(CompiledCache::directory_of({}), "/var/cache/reviewer/qingdan");
    EXPECT_EQ(CompiledCache::directory_of({.cache_directory = "/tmp/mine"}), "/tmp/mine");
  }
  Environment off("QINGDAN_CACHE_DIR", "off");
  EXPECT_EQ(CompiledCache::directory_of({}), std::filesystem::path());
}

}  // namespace
}  // namespace qingdan
