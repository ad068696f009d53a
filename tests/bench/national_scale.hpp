#pragma once

// A synthetic country for benchmarks: 100 districts × 100 towns × N villages under one city,
// generated the same way every run.
#include <unistd.h>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>

#include <qingdan/qingdan.hpp>

namespace qingdan::bench {

inline constexpr int districts = 100;
inline constexpr int towns_per_district = 100;

inline std::string town_path(int district, int town) {
  return "国/区" + std::to_string(district) + "/镇" + std::to_string(town);
}

// Writes a rulebook folder with the tree, 20 tasks and a collaboration and negative list.
inline std::filesystem::path write_rulebook() {
  auto folder =
      std::filesystem::temp_directory_path() / ("qingdan-bench-" + std::to_string(::getpid()));
  std::filesystem::create_directories(folder);
  std::ofstream rulebook(folder / "rulebook.yaml");
  rulebook << "qingdan: 1\nkind: rulebook\nlevels: [{id: city}, {id: district}, {id: town}, {id: "
              "village}]\n"
              "jurisdictions:\n  国:\n";
  for (int d = 0; d < districts; ++d) {
    rulebook << "    区" << d << ":\n";
    for (int t = 0; t < towns_per_district; ++t) rulebook << "      镇" << t << ": {}\n";
  }
  std::ofstream tasks(folder / "tasks.yaml");
  tasks << "qingdan: 1\nkind: tasks\ntasks:\n";
  for (int i = 0; i < 20; ++i) tasks << "  - {id: T-" << i << ", name: 事项" << i << "}\n";
  std::ofstream lists(folder / "collaboration.yaml");
  lists << "qingdan: 1\nkind: list\nlist: collaboration\nversion: '1'\neffective: "
           "2020-01-01\nentries:\n";
  for (int i = 0; i < 18; ++i)
    lists << "  - {id: X-" << i << ", task: T-" << i
          << ", owner: {level: district}, assist: [village]}\n";
  std::ofstream negative(folder / "negative.yaml");
  negative
      << "qingdan: 1\nkind: list\nlist: negative\nversion: '1'\neffective: 2020-01-01\nentries:\n"
         "  - {id: N-1, task: T-19}\n";
  return folder;
}

// CSV text of villages_per_town villages under every town, with plausible figures.
inline std::string village_csv(int villages_per_town) {
  std::mt19937 draw(20220415);
  std::uniform_int_distribution<int> households(200, 1500), staff(4, 9), share(40, 80);
  std::string csv = "jurisdiction,households,population,staff,hours_per_month,baseline_hours\n";
  char row[160];
  for (int d = 0; d < districts; ++d)
    for (int t = 0; t < towns_per_district; ++t)
      for (int v = 0; v < villages_per_town; ++v) {
        int h = households(draw), s = staff(draw);
        std::snprintf(row, sizeof row, "%s/村%d,%d,%d,%d,,%d\n", town_path(d, t).c_str(), v, h,
                      h * 27 / 10, s, s * 160 * share(draw) / 100);
        csv += row;
      }
  return csv;
}

// A directive of 20 items sent to every village of the country; `weight` scales its efforts.
inline Directive national_directive(int weight = 1) {
  std::string text = "qingdan: 1\nkind: directive\nid: BENCH\nissued: 2024-01-01\nitems:\n";
  // Per item and occurrence: half an hour per village, 4 seconds per household, 1 per person;
  // about 60 hours a month in all for a village of 850 households.
  const char* per[] = {"village", "household", "person"};
  const char* effort[] = {"0.5", "0.001", "0.0003"};
  for (int i = 0; i < 20; ++i)
    text += "  - {task: T-" + std::to_string(i) + ", frequency: {times: " + std::to_string(weight) +
            ", per: week}, effort_hours: " + effort[i % 3] + ", per: " + per[i % 3] +
            ", funding: true}\n";
  return Directive::parse(text, "bench.yaml");
}

}  // namespace qingdan::bench
