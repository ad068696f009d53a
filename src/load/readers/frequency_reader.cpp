// How often something recurs (docs/format.md §8.3): a word (once, daily, …) or
// {times: n, per: unit}.
#include "load/readers/readers.hpp"

namespace qingdan::detail {

std::optional<Frequency> read_frequency(const YamlNode& node, SchemaReader& schema) {
  if (node.is_mapping()) {
    schema.check_keys(node, {"times", "per"}, schema.quoted("frequency"));
    const YamlNode* times = schema.require(node, "times", schema.quoted("frequency"));
    const YamlNode* per = schema.require(node, "per", schema.quoted("frequency"));
    auto count = times ? schema.number(*times, "times", qingdan::max_times) : std::nullopt;
    auto period =
        per ? schema.choice(*per, "per",
                            {{"day", "日"}, {"week", "周"}, {"month", "月"}, {"year", "年"}})
            : std::nullopt;
    if (!count || !period) return std::nullopt;
    const double occurrences = *count;
    if (occurrences <= 0) {
      schema.error(times->position, Code::wrong_type, Message::must_be_greater_than_zero,
                   {{"key", "times"}});
      return std::nullopt;
    }
    const double per_unit = *period == "day"     ? 30
                            : *period == "week"  ? 52.0 / 12
                            : *period == "month" ? 1
                                                 : 1.0 / 12;
    return Frequency{times->text + " per " + *period, occurrences * per_unit};
  }
  auto word = schema.choice(node, "frequency",
                            {{"once", "一次"},
                             {"daily", "每日"},
                             {"weekly", "每周"},
                             {"monthly", "每月"},
                             {"quarterly", "每季度"},
                             {"yearly", "每年"}});
  if (!word) return std::nullopt;
  double rate = *word == "daily"       ? 30
                : *word == "weekly"    ? 52.0 / 12
                : *word == "quarterly" ? 1.0 / 3
                : *word == "yearly"    ? 1.0 / 12
                                       : 1;  // once, monthly
  return Frequency{node.text, rate};      // as written: 每周 or weekly
}

}  // namespace qingdan::detail
