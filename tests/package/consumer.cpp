// A program outside qingdan's tree that links the library the way users do.
#include <iostream>
#include <qingdan/qingdan.hpp>

int main(int argc, char** argv) {
  if (argc != 2) return 2;
  auto book = qingdan::Rulebook::load(argv[1]);
  auto decision = book.owner(
      "HS-01",
      {.at = std::chrono::year{2022} / 4 / 15, .jurisdiction = "徐练村", .mode = "emergency"});
  if (!decision.owner || decision.owner->level != "district") return 1;
  // The README's query, naming some fields only, and its reasoning in both languages.
  auto readme =
      book.owner("核酸筛查", {.at = std::chrono::year{2022} / 4 / 15, .jurisdiction = "徐练村"});
  if (readme.explain(qingdan::Language::zh).back().rfind("答案：", 0) != 0) return 1;
  if (readme.explain(qingdan::Language::en).back().rfind("answer: ", 0) != 0) return 1;
  // Printed last, and only when every check above held: the tests match this line.
  std::cout << "owner " << decision.owner->level << '\n';
  return 0;
}
