// A service that answers owner queries from a rulebook and swaps in a new one when the rule
// files change, without stopping: readers keep the rulebook they took for the whole request,
// so none ever sees a half-loaded one, and a broken edit leaves the old rulebook in service.
//
// The example copies the Qingpu rulebook into a temporary folder, starts four reader threads,
// then edits the folder three times: a new edition of 练塘镇, a file with a syntax error, and
// the error fixed. After each edit the watcher reloads and the main thread reports.
#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <unistd.h>

#include <qingdan/qingdan.hpp>

namespace fs = std::filesystem;
using namespace std::chrono;

// Notices when a folder's rule files change: their names, sizes and modification times.
class FolderWatch {
 public:
  explicit FolderWatch(fs::path folder) : folder_(std::move(folder)), stamp_(read_stamp()) {}

  // True once the files differ from the last time this returned true.
  bool changed() {
    auto now = read_stamp();
    if (now == stamp_) return false;
    stamp_ = std::move(now);
    return true;
  }

 private:
  using Stamp = std::map<std::string, std::pair<std::uintmax_t, fs::file_time_type>>;
  Stamp read_stamp() const {
    Stamp stamp;
    for (const auto& file : fs::recursive_directory_iterator(folder_))
      if (file.is_regular_file())
        stamp[file.path().string()] = {file.file_size(), file.last_write_time()};
    return stamp;
  }

  fs::path folder_;
  Stamp stamp_;
};

// What the readers ask, and what each rulebook they may be given must answer.
const std::string question = "HS-04";  // 测温验码登记
const qingdan::Query in_xulian{.at = year{2025} / 6 / 1, .jurisdiction = "徐练村", .mode = {}};

std::string answer(const qingdan::Rulebook& book) {
  qingdan::Decision decision = book.owner(question, in_xulian);
  std::string text(to_string(decision.status));
  for (const auto& [level, role] : decision.roles)
    text += " " + level + ":" + std::string(to_string(role));
  return text;
}

int main() {
  fs::path folder = fs::temp_directory_path() / ("qingdan-service-" + std::to_string(::getpid()));
  fs::remove_all(folder);
  fs::copy("rules/shanghai-qingpu", folder, fs::copy_options::recursive);

  qingdan::RulebookHolder holder(qingdan::Rulebook::load(folder));
  FolderWatch watch(folder);
  std::cout << "serving " << holder.current()->name() << '\n';
  std::cout << question << " in 徐练村 on 2025-06-01: " << answer(*holder.current()) << '\n';

  // Every answer a reader gets must be the answer of the rulebook it took: keyed by fingerprint.
  std::map<std::string, std::string> expected{
      {holder.current()->fingerprint(), answer(*holder.current())}};
  std::mutex expected_mutex;
  std::atomic<bool> stop{false};
  std::atomic<long> answered{0}, wrong{0};
  std::vector<std::thread> readers;
  for (int i = 0; i < 4; ++i)
    readers.emplace_back([&] {
      while (!stop) {
        std::shared_ptr<const qingdan::Rulebook> book = holder.current();  // one per request
        std::string got = answer(*book);
        std::lock_guard lock(expected_mutex);
        if (expected.at(book->fingerprint()) != got) ++wrong;
        ++answered;
      }
    });

  // The watcher's loop, run here so that the example's output comes in order: wait for the next
  // change, let the folder settle, reload.
  auto reload_after_change = [&] {
    while (!watch.changed()) std::this_thread::sleep_for(milliseconds(10));
    do std::this_thread::sleep_for(milliseconds(50));
    while (watch.changed());
    // holder.reload(folder) does the load and the swap in one call; here the new rulebook's
    // answer is noted before readers can be given it.
    try {
      qingdan::Rulebook next = qingdan::Rulebook::load(folder);
      {
        std::lock_guard lock(expected_mutex);
        expected.emplace(next.fingerprint(), answer(next));
      }
      holder.replace(std::move(next));
    } catch (const qingdan::Error& failure) {
      std::cout << "reload failed, still serving the previous rulebook:\n  "
                << fs::relative(failure.file(), folder).generic_string() << ':' << failure.line()
                << ':' << failure.column() << ": " << failure.diagnostic().message << '\n';
      return;
    }
    std::cout << "reloaded; " << question
              << " in 徐练村 on 2025-06-01: " << answer(*holder.current()) << '\n';
  };

  std::ofstream(folder / "lists" / "lianting-negative-2025.yaml") << R"(qingdan: 1
kind: list
list: negative
jurisdiction: 上海市/青浦区/练塘镇
version: "2025"
effective: 2025-01-01
title: 练塘镇不再下派村居的事项（示例）
source: 示例
entries:
  - {id: LT-N1, task: HS-04, levels: [town, village]}
)";
  reload_after_change();

  std::ofstream(folder / "lists" / "broken.yaml") << "qingdan: 1\nkind: list\nentries: [\n";
  reload_after_change();

  fs::remove(folder / "lists" / "broken.yaml");
  reload_after_change();

  std::this_thread::sleep_for(milliseconds(50));
  stop = true;
  for (std::thread& reader : readers) reader.join();
  std::cout << "readers answered " << (answered > 0 ? "throughout" : "never") << "; answers "
            << "that did not match the rulebook they came from: " << wrong << '\n';
  fs::remove_all(folder);
  return wrong == 0 && answered > 0 ? 0 : 1;
}
