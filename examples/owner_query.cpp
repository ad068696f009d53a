// The owner query from C++ (docs/format.md §6): who owns mass PCR screening in 徐练村 during the
// April 2022 lockdown.
#include <chrono>
#include <iostream>
#include <qingdan/qingdan.hpp>
int main() {
  using namespace std::chrono;
  auto book = qingdan::Rulebook::load("rules/shanghai-qingpu");
  qingdan::Decision d = book.owner(
      "核酸筛查", {.at = year{2022} / 4 / 15, .jurisdiction = "徐练村", .mode = "emergency"});
  if (d.owner) std::cout << d.owner->level << ' ' << d.owner->department << '\n';
  for (const auto& [level, role] : d.roles) std::cout << level << ": " << to_string(role) << '\n';
  auto today = book.owner("HS-01", {});  // every Query field is optional
}
