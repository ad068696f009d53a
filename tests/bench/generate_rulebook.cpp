// Writes the synthetic rulebook of synthetic_rulebook.hpp: generate_rulebook TASKS FOLDER
#include <cstdlib>
#include <iostream>
#include <string>

#include "synthetic_rulebook.hpp"

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: generate_rulebook TASKS FOLDER\n";
    return 2;
  }
  auto book = qingdan::bench::write_synthetic_rulebook(std::stoul(argv[1]), argv[2]);
  std::cout << book.ids.size() << " tasks, " << book.entries << " entries in "
            << book.folder.string() << '\n';
  return 0;
}
