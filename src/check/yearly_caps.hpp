#pragma once

// docs/format.md §8.7: the yearly caps a rulebook sets on the items of one type a place at one
// level is given (`caps:`), counted over the directives checked and the year's ledger (QD016).
#include <cstdint>
#include <string>
#include <vector>

#include <qingdan/detail/model.hpp>
#include <qingdan/directive.hpp>
#include <qingdan/report.hpp>

namespace qingdan::detail {

// One item of a directive, with how many times it occurs in the check's year.
struct YearlyItem {
  ItemRef item;
  std::uint32_t level = 0;  // the level it is sent to
  ItemType type = ItemType::task;
  double times = 0;
};

// The items of one directive, given to every place at their level below its jurisdiction.
struct YearlyItems {
  std::uint32_t jurisdiction = 0;
  bool ledger = false;
  std::vector<YearlyItem> items;
};

// How many times an item occurs in `year`: a one-off once, in the year it is issued; a recurring
// item its times a month for each month of the year from the one it is issued in to the one its
// directive ends in.
double times_in_year(const Directive& directive, const DirectiveItem& item, int year);

// A place at the lowest level that village profiles add below a place of the tree.
struct AddedPlace {
  std::uint32_t parent;
  std::string path;
};

// One QD016 for each cap that a place receiving items from a directive checked goes over, at the
// place that goes furthest over it. The places are those of the tree, and `added` below it.
void find_caps_exceeded(const Model& model, int year, const std::vector<YearlyItems>& directives,
                        const std::vector<AddedPlace>& added, std::vector<Finding>& findings);

}  // namespace qingdan::detail
