#pragma once

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <limits>
#include <memory>
#include <string>
#include <vector>

#include <qingdan/directive.hpp>
#include <qingdan/language.hpp>
#include <qingdan/load_options.hpp>

namespace qingdan {

namespace detail {
struct VillagePlacementCache;
struct Internals;
}  // namespace detail

inline constexpr double not_given = std::numeric_limits<double>::quiet_NaN();

// The largest figures a village profile may give (docs/format.md §9.1 and §11): well above
// any real village or community, and small enough that the hours a check multiplies out of them
// stay finite.
inline constexpr double max_households = 1'000'000;
inline constexpr double max_population = 10'000'000;
inline constexpr double max_staff = 100'000;
inline constexpr double max_village_hours = 100'000'000;  // hours_per_month and baseline_hours

// One village's profile (docs/format.md §9). Numbers not given are NaN.
struct VillageProfile {
  std::string jurisdiction;  // full path; a new last name extends the rulebook's tree
  double households = not_given;
  double population = not_given;
  double staff = not_given;
  double hours_per_month = not_given;  // capacity; when not given, staff × 160
  double baseline_hours = 0;           // existing monthly load
  // Capacity that counts only in one mode (an emergency): staff sent down (下沉干部), at 160 hours
  // a month each, and hours a month of volunteers. `extra_mode` names the mode; empty for none.
  double extra_staff = not_given;
  double extra_hours = not_given;
  std::string extra_mode;
  SourcePosition position;

  double capacity() const { return std::isnan(hours_per_month) ? staff * 160 : hours_per_month; }
  // The hours a month the extra staff and volunteers add in `extra_mode`.
  double extra_capacity() const {
    return (std::isnan(extra_staff) ? 0 : extra_staff * 160) +
           (std::isnan(extra_hours) ? 0 : extra_hours);
  }
};

// Village profiles, from CSV (a header row; UTF-8, BOM allowed), the first worksheet of an .xlsx
// workbook (a header row, as in CSV) or YAML `kind: villages`.
// Copies share the same profiles, and where a check placed them in a rulebook's tree, so that
// the next check against the same rulebook starts from there.
class Villages {
 public:
  Villages() : Villages(std::vector<VillageProfile>{}) {}
  explicit Villages(std::vector<VillageProfile> profiles);

  // Reads a .csv or .xlsx file, or a YAML file of kind villages; throws qingdan::Error on any
  // problem (Error::diagnostic() words it in either language).
  static Villages load(const std::filesystem::path& file, const LoadOptions& options = {});
  static Villages parse_csv(std::string_view text, const std::string& name);

  const std::vector<VillageProfile>& profiles() const { return *profiles_; }
  std::size_t size() const { return profiles_->size(); }
  bool empty() const { return profiles_->empty(); }

 private:
  friend struct detail::Internals;  // the check keeps where it placed them
                                    // (src/answer/internals.hpp)
  // Profiles already validated, as a worksheet's are (naming the cell of each problem).
  explicit Villages(std::shared_ptr<const std::vector<VillageProfile>> validated);

  std::shared_ptr<const std::vector<VillageProfile>> profiles_;
  std::shared_ptr<detail::VillagePlacementCache> placement_cache_;
};

}  // namespace qingdan
