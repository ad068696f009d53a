#pragma once

// A synthetic rulebook in the format of docs/format.md, the same for a given size and seed: N tasks
// with Chinese names of 8–12 characters, aliases in traditional characters, with spaces and with
// full-width characters; a jurisdiction tree (a city, 16 districts, 16 towns each); 2022 and 2024
// editions of all four lists at the city, a 2024 district edition, and category entries. The
// catalogue is cut into files of 50,000 tasks; an edition is one file (at N = 1,000,000 the
// largest, power, is about 30 MB, under the 64 MiB file limit).
#include <cstddef>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <string_view>
#include <vector>

namespace qingdan::bench {

struct SyntheticRulebook {
  std::filesystem::path folder;
  std::vector<std::string> ids;          // every task id
  std::vector<std::string> names;        // their names
  std::vector<std::string> traditional;  // an alias of each, in traditional characters
  std::vector<std::string> variants;     // that alias with a space inside: found by normalising
  std::vector<std::string> spaced;       // each name with a space inside: the same, simplified
  std::vector<std::string> misses;       // texts that name no task
  std::size_t entries = 0;
};

namespace synthetic {

// Characters of the name's beginning and end, with their traditional forms where they differ.
inline constexpr std::string_view simplified[] = {"开", "证", "关", "组", "织", "检", "测", "动",
                                                  "员", "务", "办", "报", "发", "记", "门", "车",
                                                  "农", "业", "卫", "设", "计", "统", "宣", "传"};
inline constexpr std::string_view traditional[] = {"開", "證", "關", "組", "織", "檢", "測", "動",
                                                   "員", "務", "辦", "報", "發", "記", "門", "車",
                                                   "農", "業", "衛", "設", "計", "統", "宣", "傳"};
// 32 characters written the same in both scripts: four of them number a task uniquely.
inline constexpr std::string_view digits[] = {
    "甲", "乙", "丙", "丁", "戊", "己", "庚", "辛", "壬", "癸", "子", "丑", "寅", "卯", "辰", "巳",
    "午", "未", "申", "酉", "戌", "亥", "金", "木", "水", "火", "土", "山", "川", "田", "禾", "米"};
inline constexpr std::string_view endings[] = {"事项", "工作", "服务", "管理", "调查", "登记"};
inline constexpr const char* lists[] = {"power", "self_governance", "collaboration", "negative"};

inline std::string code(std::size_t n) {
  std::string text;
  for (int place = 0; place < 4; ++place, n /= 32) text += digits[n % 32];
  return text;
}

// The list a task is on: 4 in 10 power, 2 self-governance, 3 collaboration, 1 negative.
inline int list_of(std::size_t task) {
  constexpr int by_tenth[] = {0, 0, 0, 0, 1, 1, 2, 2, 2, 3};
  return by_tenth[task % 10];
}

inline std::string entry_line(std::size_t task, int list, const char* prefix) {
  std::string line =
      "  - {id: " + std::string(prefix) + std::to_string(task) + ", task: T" + std::to_string(task);
  if (list == 0)
    line += task % 3 ? ", owner: {level: district, department: 区局}" : ", owner: {level: town}";
  if (list == 2) line += ", owner: {level: district}, assist: [village]";
  if (list == 2 && task % 4 == 0) line += ", requires: [funding], max_per_month: 4";
  return line + "}\n";
}

class Writer {
 public:
  explicit Writer(std::filesystem::path folder) : folder_(std::move(folder)) {}

  // Opens FILE.yaml (numbered when a list runs over several files) with its header.
  std::ofstream& open(const std::string& name, const std::string& header) {
    out_ = std::ofstream(folder_ / (name + ".yaml"), std::ios::binary);
    out_ << "qingdan: 1\n" << header;
    return out_;
  }

 private:
  std::filesystem::path folder_;
  std::ofstream out_;
};

}  // namespace synthetic

inline SyntheticRulebook write_synthetic_rulebook(std::size_t tasks,
                                                  const std::filesystem::path& folder,
                                                  unsigned seed = 20220415) {
  using namespace synthetic;
  constexpr std::size_t per_file = 50'000;
  std::filesystem::remove_all(folder);
  std::filesystem::create_directories(folder / "lists");
  SyntheticRulebook book{folder, {}, {}, {}, {}, {}, {}, 0};
  std::mt19937 draw(seed);
  Writer writer(folder);

  std::ofstream& rulebook =
      writer.open("rulebook",
                  "kind: rulebook\nname: 合成规则库\nlevels: [{id: city}, {id: district}, {id: "
                  "town}, {id: village}]\nmodes: [normal, emergency]\njurisdictions:\n  市:\n");
  for (int d = 0; d < 16; ++d) {
    rulebook << "    区" << d << ":\n";
    for (int t = 0; t < 16; ++t) rulebook << "      镇" << t << ": {}\n";
  }

  std::uniform_int_distribution<int> prefix_length(2, 6), character(0, 23), ending(0, 5);
  std::ofstream* out = nullptr;
  for (std::size_t i = 0; i < tasks; ++i) {
    if (i % per_file == 0)
      out = &writer.open("tasks-" + std::to_string(i / per_file), "kind: tasks\ntasks:\n");
    std::string name, old;
    for (int c = prefix_length(draw); c > 0; --c) {
      int pick = character(draw);
      name += simplified[pick];
      old += traditional[pick];
    }
    std::string_view end = endings[ending(draw)];
    name += code(i) + std::string(end);
    old += code(i) + std::string(end);
    std::string id = "T" + std::to_string(i);
    *out << "  - {id: " << id << ", name: " << name << ", aliases: [" << old << ", '"
         << name.substr(0, 6) << " " << name.substr(6) << "', " << name << "（第"
         << "１２３"
         << "号）], category: 类" << i % 20 << "}\n";
    book.ids.push_back(id);
    book.names.push_back(name);
    book.traditional.push_back(old);
    book.variants.push_back(old.substr(0, 6) + " " + old.substr(6));
    book.spaced.push_back(name.substr(0, 3) + " " + name.substr(3));
  }
  for (std::size_t i = 0; i < 1000; ++i) book.misses.push_back("未列入" + code(i) + "的事项");

  for (int year : {2022, 2024}) {  // one file per edition: an edition is never split
    for (int list = 0; list < 4; ++list) {
      out = &writer.open("lists/" + std::string(lists[list]) + "-" + std::to_string(year),
                         "kind: list\nlist: " + std::string(lists[list]) + "\nversion: '" +
                             std::to_string(year) + "'\neffective: " + std::to_string(year) +
                             "-01-01\nentries:\n");
      if (list == 3) {
        *out << "  - {id: NC, category: 类19}\n";
        ++book.entries;
      }
      for (std::size_t i = 0; i < tasks; ++i) {
        if (list_of(i) != list || (year == 2022 && i % 7 == 0)) continue;  // 2024 adds some
        *out << entry_line(i, list, year == 2022 ? "A" : "B");
        ++book.entries;
      }
    }
  }
  // A district that forbids the village a tenth of the power tasks since 2024.
  out = &writer.open("lists/negative-district",
                     "kind: list\nlist: negative\njurisdiction: 区3\n"
                     "version: '2024'\neffective: 2024-06-01\nentries:\n");
  for (std::size_t i = 0; i < tasks; i += 40) {
    *out << "  - {id: D" << i << ", task: T" << i << "}\n";
    ++book.entries;
  }
  return book;
}

}  // namespace qingdan::bench
