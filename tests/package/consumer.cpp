// A program outside qingdan's tree that links the library the way users do.
#include <iostream>
#include <qingdan/qingdan.hpp>

int main(int argc, char** argv) {
  if (argc != 2) return 2;
  auto book = qingdan::Rulebook::load(argv[1]);
  auto decision = book.owner(
      "HS-01",
      {.at = std::chrono::year{2022} / 4 / 15, .jurisdiction = "徐练村", .mode = "emergency"});
  std::cout << "owner " << (decision.owner ? decision.owner->level : "none") << '\n';
  return decision.owner && decision.owner->level == "district" ? 0 : 1;
}
