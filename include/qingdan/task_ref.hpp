#pragma once

#include <string>
#include <vector>

namespace qingdan {

// A task of the catalogue, as answers name it.
struct TaskRef {
  std::string id;
  std::string name;
  std::string category;  // empty when the task has none
  std::vector<std::string> aliases;
  friend bool operator==(const TaskRef&, const TaskRef&) = default;
};

}  // namespace qingdan
