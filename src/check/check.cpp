// Rulebook::check: the directive check and the village overload (docs/format.md §8 and §9.4).
#include <algorithm>
#include <cmath>
#include <tuple>

#include <qingdan/detail/option_range.hpp>
#include <qingdan/rulebook.hpp>
#include "check/duplicate_forms.hpp"
#include "check/village_load.hpp"

#include "check/item_judge.hpp"

namespace qingdan {

namespace {

using detail::Model;
using detail::npos;

constexpr std::size_t histogram_bins = 21;  // 0-10 %, …, 190-200 %, 200 % and above

// Re-throws an error about a value as an error at the place in the file that gave it.
template <class Resolve>
auto at_position(const SourcePosition& where, Resolve resolve) {
  try {
    return resolve();
  } catch (const Error& error) {
    Diagnostic diagnostic = error.diagnostic();
    diagnostic.file = where.file;
    diagnostic.line = where.line;
    diagnostic.column = where.column;
    throw Error(std::move(diagnostic));
  }
}

class Checker {
 public:
  Checker(const Model& model, std::span<const Directive> directives, const Villages& villages,
          const CheckOptions& options, Report& report)
      : model_(model),
        directives_(directives),
        villages_(villages),
        options_(options),
        report_(report) {}

  void run() {
    const std::uint32_t lowest = static_cast<std::uint32_t>(model_.levels.size() - 1);
    report_.month = options_.month ? *options_.month : latest_month();
    std::vector<detail::CollectedForm> forms;
    for (const Directive& directive : directives_) {
      detail::DirectiveContext context = resolve(directive);
      contexts_.push_back(context.jurisdiction);
      detail::ItemJudge judge(model_, context, options_, report_.findings);
      std::vector<std::size_t> to_villages;
      std::vector<double>& rates = rates_.emplace_back();
      for (std::size_t i = 0; i < directive.items.size(); ++i) {
        const DirectiveItem& item = directive.items[i];
        std::uint32_t level = item.to.empty() ? lowest : level_of(item);
        Reading reading = judge.judge(i, level);
        report_.rests_on_illustrative =
            report_.rests_on_illustrative || judge.rested_on_illustrative();
        ItemRef ref{directive.id, i + 1, item.task, item.position};
        if (item.form) forms.push_back(detail::collect_form(ref, *item.form));
        rates.push_back(rate_in_month(directive, item));
        report_.items.push_back(ItemLoad{ref, model_.levels[level].id, item.per, rates.back(),
                                         item.effort_hours, 0, 0, std::move(reading)});
        if (level == lowest) to_villages.push_back(i);
      }
      burdens_.push_back(burden_of(directive, rates, std::move(to_villages)));
    }
    detail::find_duplicate_forms(forms, report_.findings);
    order_findings();
    if (!villages_.empty()) add_village_loads();  // village findings follow, in tree order
    report_.verdict = report_.count(Severity::error) > 0     ? CheckVerdict::reject
                      : report_.count(Severity::warning) > 0 ? CheckVerdict::review
                                                             : CheckVerdict::pass;
  }

 private:
  detail::DirectiveContext resolve(const Directive& directive) {
    std::uint32_t jurisdiction = at_position(directive.jurisdiction_position, [&] {
      return detail::resolve_jurisdiction(model_, directive.jurisdiction);
    });
    std::uint32_t mode = at_position(directive.mode_position,
                                     [&] { return detail::resolve_mode(model_, directive.mode); });
    report_.directives.push_back(
        DirectiveSummary{directive.id, directive.title, directive.position.file, directive.issued,
                         model_.jurisdictions.node(jurisdiction).path, model_.modes[mode].id,
                         directive.items.size(), model_.modes[mode].name});
    return detail::DirectiveContext{directive, jurisdiction, mode};
  }

  std::uint32_t level_of(const DirectiveItem& item) const {
    if (auto level = model_.level_index(item.to)) return *level;
    throw positioned_error(item.to_position.file, item.to_position.line, item.to_position.column,
                           detail::Code::unknown_target_level,
                           Phrase(detail::Message::unknown_level_for_to,
                                  {{"level", item.to}, {"levels", detail::level_phrases(model_)}}));
  }

  // The month of the latest `issued`: every directive checked is in force in it.
  std::chrono::year_month latest_month() const {
    std::chrono::year_month latest{};
    for (const Directive& directive : directives_)
      latest = std::max(latest, directive.issued.year() / directive.issued.month());
    return directives_.empty() ? today().year() / today().month() : latest;
  }

  // How often an item recurs in the report's month: not before the month its directive is
  // issued, and a one-off only in that month.
  double rate_in_month(const Directive& directive, const DirectiveItem& item) const {
    const std::chrono::year_month issued = directive.issued.year() / directive.issued.month();
    if (report_.month < issued) return 0;
    if (is_once(item.frequency)) return report_.month == issued ? 1 : 0;
    return item.frequency.per_month;
  }

  static detail::DirectiveBurden burden_of(const Directive& directive,
                                           const std::vector<double>& rates,
                                           std::vector<std::size_t> items) {
    detail::DirectiveBurden burden;
    for (std::size_t index : items) {
      const DirectiveItem& item = directive.items[index];
      double hours = rates[index] * item.effort_hours;
      (item.per == EffortUnit::household ? burden.per_household
       : item.per == EffortUnit::person  ? burden.per_person
                                         : burden.per_village) += hours;
    }
    burden.items = std::move(items);
    return burden;
  }

  void add_village_loads() {
    const auto& profiles = villages_.profiles();
    placed_ = detail::placed_villages(model_, villages_);
    const std::size_t count = placed_->profile.size();
    added_.assign(count, 0);
    std::vector<std::uint16_t> reached(count, 0);
    std::size_t item_offset = 0;
    for (std::size_t d = 0; d < directives_.size(); ++d) {
      detail::DirectiveBurden& burden = burdens_[d];
      std::tie(burden.first, burden.last) = placed_->range_under(contexts_[d]);
      const detail::PlacedVillages& placed = *placed_;
      double households = 0, population = 0;
      for (std::size_t v = burden.first; v < burden.last; ++v) {
        if (burden.per_household > 0 && std::isnan(placed.households[v]))
          throw missing_units(d, EffortUnit::household, profiles[placed.profile[v]], v);
        if (burden.per_person > 0 && std::isnan(placed.population[v]))
          throw missing_units(d, EffortUnit::person, profiles[placed.profile[v]], v);
        double added = burden.per_village;
        if (burden.per_household > 0) added += burden.per_household * placed.households[v];
        if (burden.per_person > 0) added += burden.per_person * placed.population[v];
        added_[v] += added;
        reached[v] = 1;
        households += std::isnan(placed.households[v]) ? 0 : placed.households[v];
        population += std::isnan(placed.population[v]) ? 0 : placed.population[v];
      }
      for (std::size_t index : burden.items) {
        ItemLoad& load = report_.items[item_offset + index];
        load.villages = burden.last - burden.first;
        double units = load.per == EffortUnit::household ? households
                       : load.per == EffortUnit::person  ? population
                                                         : static_cast<double>(load.villages);
        load.total_hours = load.per_month * load.effort_hours * units;
      }
      item_offset += directives_[d].items.size();
    }

    VillageSummary& summary = report_.villages;
    summary.profiles_given = true;
    summary.warn_at = options_.warn_at;
    summary.histogram.assign(histogram_bins, 0);
    struct Flag {
      FindingCode code;
      std::size_t village;
      double utilisation;
    };
    std::vector<Flag> flagged;
    std::vector<std::pair<double, std::size_t>> heaviest;  // a min-heap of the most loaded
    auto lighter = [&](const auto& a, const auto& b) {
      return a.first != b.first ? a.first > b.first
                                : placed_->path[a.second] < placed_->path[b.second];
    };
    for (std::size_t v = 0; v < count; ++v) {
      if (!reached[v]) continue;
      ++summary.checked;
      double load = placed_->baseline[v] + added_[v];
      double capacity = placed_->capacity[v];
      double utilisation = load / capacity;
      auto bin = static_cast<std::size_t>(std::clamp(std::floor(utilisation * 10), 0.0, 20.0));
      ++summary.histogram[bin];
      if (load > capacity)
        flagged.push_back({FindingCode::overload, v, utilisation}), ++summary.overloaded;
      else if (utilisation >= options_.warn_at)
        flagged.push_back({FindingCode::near_capacity, v, utilisation}), ++summary.near_capacity;
      if (options_.most_loaded == 0) continue;
      heaviest.emplace_back(utilisation, v);
      std::push_heap(heaviest.begin(), heaviest.end(), lighter);
      if (heaviest.size() > options_.most_loaded) {
        std::pop_heap(heaviest.begin(), heaviest.end(), lighter);
        heaviest.pop_back();
      }
    }
    report_.findings.reserve(report_.findings.size() + flagged.size());
    for (const Flag& flag_one : flagged)
      flag(flag_one.code, flag_one.village, flag_one.utilisation);
    std::sort_heap(heaviest.begin(), heaviest.end(), lighter);
    for (const auto& [utilisation, v] : heaviest) {
      summary.most_loaded.push_back(village_load(v, utilisation));
      summary.top_items.push_back(shares_of(v, 5));
    }
  }

  Error missing_units(std::size_t d, EffortUnit unit, const VillageProfile& village,
                      std::size_t v) const {
    const Directive& directive = directives_[d];
    const auto& items = burdens_[d].items;
    auto item = std::find_if(items.begin(), items.end(),
                             [&](std::size_t i) { return directive.items[i].per == unit; });
    const SourcePosition& where = directive.items[*item].position;
    const char* column = unit == EffortUnit::household ? "households" : "population";
    return positioned_error(
        where.file, where.line, where.column, detail::Code::village_missing_units,
        Phrase(detail::Message::village_missing_units,
               {{"item", std::to_string(*item + 1)},
                {"unit", to_string(unit)},
                {"village", placed_->path[v]},
                {"where", village.position.file + ":" + std::to_string(village.position.line)},
                {"column", column}}));
  }

  VillageLoad village_load(std::size_t v, double utilisation) const {
    const VillageProfile& village = villages_.profiles()[placed_->profile[v]];
    return VillageLoad{placed_->path[v], placed_->capacity[v], placed_->baseline[v],
                       added_[v],        utilisation,          village.position};
  }

  struct Share {
    double hours;
    std::size_t directive;
    std::size_t item;
  };

  // The items that add the most hours to village v, largest first.
  std::vector<Share> top_shares(std::size_t v, std::size_t limit) const {
    std::vector<Share> shares;
    for (std::size_t d = 0; d < directives_.size(); ++d) {
      const detail::DirectiveBurden& burden = burdens_[d];
      if (v < burden.first || v >= burden.last) continue;
      for (std::size_t index : burden.items)
        shares.push_back(Share{detail::item_hours(directives_[d].items[index], rates_[d][index],
                                                  placed_->households[v], placed_->population[v]),
                               d, index});
    }
    auto larger = [](const Share& a, const Share& b) { return a.hours > b.hours; };
    std::size_t kept = std::min(limit, shares.size());
    std::partial_sort(shares.begin(), shares.begin() + static_cast<std::ptrdiff_t>(kept),
                      shares.end(), larger);
    shares.resize(kept);
    return shares;
  }

  std::vector<ItemShare> shares_of(std::size_t v, std::size_t limit) const {
    std::vector<ItemShare> shares;
    for (const Share& share : top_shares(v, limit)) {
      const DirectiveItem& item = directives_[share.directive].items[share.item];
      shares.push_back(ItemShare{
          ItemRef{directives_[share.directive].id, share.item + 1, item.task, item.position},
          share.hours});
    }
    return shares;
  }

  void flag(FindingCode code, std::size_t v, double utilisation) {
    VillageLoad load = village_load(v, utilisation);
    std::vector<Phrase> parts;
    for (const Share& share : top_shares(v, 3))
      parts.push_back(
          Phrase(detail::Message::load_share, {{"directive", directives_[share.directive].id},
                                               {"item", std::to_string(share.item + 1)},
                                               {"hours", detail::number_text(share.hours)}}));
    Phrase message(detail::Message::finding_village_load,
                   {{"village", load.jurisdiction},
                    {"total", detail::number_text(load.baseline + load.added)},
                    {"capacity", detail::number_text(load.capacity)},
                    {"percent", detail::number_text(utilisation * 100)},
                    {"baseline", detail::number_text(load.baseline)},
                    {"added", detail::number_text(load.added)},
                    {"shares", parts.empty() ? Phrase()
                                             : Phrase(detail::Message::most_load_from,
                                                      {{"shares", std::move(parts)}})}});
    report_.findings.push_back(Finding{code,
                                       severity_of(code),
                                       std::nullopt,
                                       {},
                                       std::nullopt,
                                       {},
                                       {},
                                       std::move(load),
                                       std::move(message)});
  }

  // By directive and item in the order given, errors before warnings.
  void order_findings() {
    auto key = [&](const Finding& finding) {
      std::size_t directive = directives_.size(), item = 0;
      if (finding.item) {
        for (std::size_t d = 0; d < directives_.size(); ++d)
          if (directives_[d].id == finding.item->directive) directive = d;
        item = finding.item->index;
      }
      return std::make_tuple(directive, item, finding.severity, finding.code);
    };
    std::stable_sort(report_.findings.begin(), report_.findings.end(),
                     [&](const Finding& a, const Finding& b) { return key(a) < key(b); });
  }

  const Model& model_;
  std::span<const Directive> directives_;
  const Villages& villages_;
  const CheckOptions& options_;
  Report& report_;
  std::vector<std::uint32_t> contexts_;  // each directive's jurisdiction
  std::vector<detail::DirectiveBurden> burdens_;
  std::vector<std::vector<double>> rates_;  // each item's occurrences in the report's month
  std::shared_ptr<const detail::PlacedVillages> placed_;
  std::vector<double> added_;
};

}  // namespace

Report Rulebook::check(std::span<const Directive> directives, const Villages& villages,
                       const CheckOptions& options) const {
  detail::checked_number(options.warn_at, "warn_at", 0, max_warn_at);
  detail::check_read_options(options.reading);
  detail::checked_number(options.forbidden_confidence, "forbidden_confidence", 0, 1);
  Report report;
  report.fingerprint = fingerprint();
  report.language = language_;
  Checker(*model_, directives, villages, options, report).run();
  return report;
}

}  // namespace qingdan
