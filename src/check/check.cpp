// Rulebook::check: the directive check and the village overload (docs/format.md §8 and §9.4).
#include <algorithm>
#include <cmath>
#include <tuple>

#include <qingdan/detail/option_range.hpp>
#include <qingdan/rulebook.hpp>
#include "check/duplicate_forms.hpp"
#include "check/village_load.hpp"

#include "check/item_judge.hpp"
#include "check/item_level.hpp"
#include "check/occurrences.hpp"
#include "check/yearly_caps.hpp"

namespace qingdan {

namespace {

using detail::Model;
using detail::npos;

constexpr std::size_t histogram_bins = 21;  // 0-10 %, …, 190-200 %, 200 % and above

class Checker {
  // A directive whose items add to the load: one checked, or one of the ledger in force.
  struct Counted {
    const Directive* directive;
    std::uint32_t jurisdiction;
    std::uint32_t mode;
    bool ledger;
  };

 public:
  Checker(const Model& model, std::span<const Directive> directives, const Villages& villages,
          const CheckOptions& options, Report& report)
      : model_(model),
        checked_(directives),
        villages_(villages),
        options_(options),
        report_(report) {}

  void run() {
    const std::uint32_t lowest = static_cast<std::uint32_t>(model_.levels.size() - 1);
    report_.month = options_.month ? *options_.month : latest_month();
    std::vector<detail::CollectedForm> forms;
    for (const Directive& directive : checked_) {
      detail::DirectiveContext context = resolve(directive, report_.directives);
      counted_.push_back(Counted{&directive, context.jurisdiction, context.mode, false});
      detail::ItemJudge judge(model_, context, options_, report_.findings);
      std::vector<std::size_t> to_villages;
      std::vector<double>& rates = rates_.emplace_back();
      for (std::size_t i = 0; i < directive.items.size(); ++i) {
        const DirectiveItem& item = directive.items[i];
        std::uint32_t level = level_of(item);
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
      detail::judge_sunset(model_, context, report_.findings);
      burdens_.push_back(burden_of(directive, rates, std::move(to_villages)));
    }
    take_ledger(forms);
    detail::find_duplicate_forms(forms, report_.findings);
    detail::find_caps_exceeded(model_, year_of_check(), caps_counted_, added_places(),
                               report_.findings);
    order_findings();
    if (!villages_.empty()) add_village_loads();  // village findings follow, in tree order
    report_.verdict = report_.count(Severity::error) > 0     ? CheckVerdict::reject
                      : report_.count(Severity::warning) > 0 ? CheckVerdict::review
                                                             : CheckVerdict::pass;
  }

 private:
  detail::DirectiveContext resolve(const Directive& directive,
                                   std::vector<DirectiveSummary>& summaries) {
    const std::uint32_t jurisdiction = detail::directive_jurisdiction(model_, directive);
    const std::uint32_t mode = detail::directive_mode(model_, directive);
    summaries.push_back(
        DirectiveSummary{directive.id, directive.title, directive.position.file, directive.issued,
                         model_.jurisdictions.node(jurisdiction).path, model_.modes[mode].id,
                         directive.items.size(), model_.modes[mode].name, directive.until});
    return detail::DirectiveContext{directive, jurisdiction, mode};
  }

  // The day the ledger is taken on: the latest `issued` of the directives checked.
  Date check_day() const {
    Date latest{};
    for (const Directive& directive : checked_) latest = std::max(latest, directive.issued);
    return latest;
  }

  int year_of_check() const { return static_cast<int>(check_day().year()); }

  // The ledger's directives: those in force on the check's day (with --month, some day of that
  // month) add to what the villages already work and have their forms compared; those issued by
  // the check's day and in force some day of its year count toward the caps. A ledger directive
  // with the id of one checked is that directive, counted once.
  void take_ledger(std::vector<detail::CollectedForm>& forms) {
    const std::uint32_t lowest = static_cast<std::uint32_t>(model_.levels.size() - 1);
    for (const Counted& counted : counted_) caps_counted_.push_back(yearly(counted));
    const Date day = check_day();
    const int year = year_of_check();
    detail::require_distinct_ids(options_.ledger);
    for (const Directive& directive : options_.ledger) {
      const bool checked = std::any_of(checked_.begin(), checked_.end(), [&](const Directive& one) {
        return one.id == directive.id;
      });
      const bool in_force = in_force_in_load(directive, day);
      // Sent down by the day of the check, and in force some day of its year.
      const bool in_year = directive.issued <= day &&
                           (!directive.until || static_cast<int>(directive.until->year()) >= year);
      if (checked || (!in_force && !in_year)) continue;
      std::vector<DirectiveSummary> summaries;
      detail::DirectiveContext context = resolve(directive, summaries);
      const Counted counted{&directive, context.jurisdiction, context.mode, true};
      if (in_year) caps_counted_.push_back(yearly(counted));
      if (!in_force) continue;
      report_.ledger.push_back(std::move(summaries.front()));
      counted_.push_back(counted);
      std::vector<std::size_t> to_villages;
      std::vector<double>& rates = rates_.emplace_back();
      for (std::size_t i = 0; i < directive.items.size(); ++i) {
        const DirectiveItem& item = directive.items[i];
        ItemRef ref{directive.id, i + 1, item.task, item.position, true};
        if (item.form) forms.push_back(detail::collect_form(ref, *item.form));
        rates.push_back(rate_in_month(directive, item));
        if ((level_of(item)) == lowest) to_villages.push_back(i);
      }
      burdens_.push_back(burden_of(directive, rates, std::move(to_villages)));
    }
  }

  // The villages the profiles add below the tree's places, which the caps count too.
  std::vector<detail::AddedPlace> added_places() {
    std::vector<detail::AddedPlace> added;
    if (villages_.empty()) return added;
    placed_ = detail::placed_villages(model_, villages_);
    const std::uint32_t lowest = static_cast<std::uint32_t>(model_.levels.size() - 1);
    for (std::size_t v = 0; v < placed_->anchor.size(); ++v)
      if (model_.jurisdictions.node(placed_->anchor[v]).depth < lowest)
        added.push_back(detail::AddedPlace{placed_->anchor[v], placed_->path[v]});
    return added;
  }

  // Whether a ledger directive adds to the load: in force on the check's day, or, when the report
  // is for a month asked for, on some day of that month.
  bool in_force_in_load(const Directive& directive, Date day) const {
    if (!options_.month)
      return directive.issued <= day && (!directive.until || day <= *directive.until);
    const std::chrono::year_month month = *options_.month;
    return directive.issued.year() / directive.issued.month() <= month &&
           (!directive.until || month <= directive.until->year() / directive.until->month());
  }

  // What a directive gives the places below it in the check's year, for the caps.
  detail::YearlyItems yearly(const Counted& counted) const {
    const Directive& directive = *counted.directive;
    detail::YearlyItems items{counted.jurisdiction, counted.ledger, {}};
    for (std::size_t i = 0; i < directive.items.size(); ++i) {
      const DirectiveItem& item = directive.items[i];
      const double times = detail::times_in_year(directive, item, year_of_check());
      if (times <= 0) continue;
      items.items.push_back(
          detail::YearlyItem{ItemRef{directive.id, i + 1, item.task, item.position, counted.ledger},
                             level_of(item), item.type, times});
    }
    return items;
  }

  std::uint32_t level_of(const DirectiveItem& item) const {
    return detail::item_level(model_, item);
  }

  // The month of the latest `issued`: every directive checked is in force in it.
  std::chrono::year_month latest_month() const {
    std::chrono::year_month latest{};
    for (const Directive& directive : checked_)
      latest = std::max(latest, directive.issued.year() / directive.issued.month());
    return checked_.empty() ? today().year() / today().month() : latest;
  }

  // How often an item occurs in the report's month.
  double rate_in_month(const Directive& directive, const DirectiveItem& item) const {
    return detail::occurrences_in_month(directive, item, detail::month_number(report_.month));
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
    if (!placed_) placed_ = detail::placed_villages(model_, villages_);
    const std::size_t count = placed_->profile.size();
    added_.assign(count, 0);
    ledger_.assign(count, 0);
    std::vector<std::uint16_t> reached(count, 0);
    std::size_t item_offset = 0;
    for (std::size_t d = 0; d < counted_.size(); ++d) {
      detail::DirectiveBurden& burden = burdens_[d];
      std::tie(burden.first, burden.last) = placed_->range_under(counted_[d].jurisdiction);
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
        (counted_[d].ledger ? ledger_ : added_)[v] += added;
        // A village only the ledger reaches is not judged: the draft puts nothing on it.
        if (!counted_[d].ledger) reached[v] = 1;
        households += std::isnan(placed.households[v]) ? 0 : placed.households[v];
        population += std::isnan(placed.population[v]) ? 0 : placed.population[v];
      }
      if (counted_[d].ledger) continue;  // its items are not the report's
      for (std::size_t index : burden.items) {
        ItemLoad& load = report_.items[item_offset + index];
        load.villages = burden.last - burden.first;
        double units = load.per == EffortUnit::household ? households
                       : load.per == EffortUnit::person  ? population
                                                         : static_cast<double>(load.villages);
        load.total_hours = load.per_month * load.effort_hours * units;
      }
      item_offset += counted_[d].directive->items.size();
    }
    add_extra_capacity(reached);

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
      double load = placed_->baseline[v] + ledger_[v] + added_[v];
      double capacity = placed_->capacity[v] + extra_[v];
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

  // The extra staff and hours a village has in a mode count toward its capacity when a directive
  // checked in that mode reaches it (a ledger's directive does not bring them).
  void add_extra_capacity(const std::vector<std::uint16_t>& reached) {
    const auto& profiles = villages_.profiles();
    extra_.assign(placed_->profile.size(), 0);
    VillageSummary& summary = report_.villages;
    detail::ModeSet modes_used = 0;
    for (const Counted& counted : counted_) {
      if (counted.ledger) continue;
      auto [first, last] = placed_->range_under(counted.jurisdiction);
      for (std::size_t v = first; v < last; ++v) {
        const VillageProfile& village = profiles[placed_->profile[v]];
        if (!reached[v] || extra_[v] > 0 || village.extra_mode.empty() ||
            village.extra_capacity() <= 0)
          continue;
        auto mode = model_.mode_index(village.extra_mode);
        if (!mode) throw unknown_extra_mode(village);
        if (*mode != counted.mode) continue;
        extra_[v] = village.extra_capacity();
        ++summary.with_extra_capacity;
        modes_used |= detail::ModeSet{1} << *mode;
      }
    }
    for (std::uint32_t mode = 0; mode < model_.modes.size(); ++mode)
      if ((modes_used >> mode) & 1U) summary.extra_capacity_modes.push_back(model_.modes[mode]);
  }

  Error unknown_extra_mode(const VillageProfile& village) const {
    return positioned_error(
        village.position.file, village.position.line, village.position.column,
        detail::Code::query_unknown_mode,
        Phrase(detail::Message::unknown_mode, {{"mode", village.extra_mode},
                                               {"modes", detail::mode_phrases(model_)},
                                               {"hint", Phrase()}}));
  }

  Error missing_units(std::size_t d, EffortUnit unit, const VillageProfile& village,
                      std::size_t v) const {
    const Directive& directive = *counted_[d].directive;
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
    return VillageLoad{placed_->path[v],
                       placed_->capacity[v] + extra_[v],
                       placed_->baseline[v] + ledger_[v],
                       added_[v],
                       utilisation,
                       village.position,
                       extra_[v],
                       ledger_[v]};
  }

  struct Share {
    double hours;
    std::size_t directive;
    std::size_t item;
  };

  // The items that add the most hours to village v, largest first.
  std::vector<Share> top_shares(std::size_t v, std::size_t limit) const {
    std::vector<Share> shares;
    for (std::size_t d = 0; d < counted_.size(); ++d) {
      const detail::DirectiveBurden& burden = burdens_[d];
      if (v < burden.first || v >= burden.last) continue;
      for (std::size_t index : burden.items)
        shares.push_back(
            Share{detail::item_hours(counted_[d].directive->items[index], rates_[d][index],
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
      const Counted& counted = counted_[share.directive];
      const DirectiveItem& item = counted.directive->items[share.item];
      shares.push_back(ItemShare{
          ItemRef{counted.directive->id, share.item + 1, item.task, item.position, counted.ledger},
          share.hours});
    }
    return shares;
  }

  void flag(FindingCode code, std::size_t v, double utilisation) {
    VillageLoad load = village_load(v, utilisation);
    std::vector<Phrase> parts;
    for (const Share& share : top_shares(v, 3))
      parts.push_back(Phrase(counted_[share.directive].ledger ? detail::Message::ledger_load_share
                                                              : detail::Message::load_share,
                             {{"directive", counted_[share.directive].directive->id},
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
      std::size_t directive = checked_.size(), item = 0;
      if (finding.item) {
        for (std::size_t d = 0; d < checked_.size(); ++d)
          if (checked_[d].id == finding.item->directive) directive = d;
        item = finding.item->index;
      }
      return std::make_tuple(directive, item, finding.severity, finding.code);
    };
    std::stable_sort(report_.findings.begin(), report_.findings.end(),
                     [&](const Finding& a, const Finding& b) { return key(a) < key(b); });
  }

  const Model& model_;
  std::span<const Directive> checked_;
  const Villages& villages_;
  const CheckOptions& options_;
  Report& report_;
  std::vector<Counted> counted_;                   // those checked, then the ledger's in force
  std::vector<detail::YearlyItems> caps_counted_;  // those checked, then the ledger's of the year
  std::vector<detail::DirectiveBurden> burdens_;   // of each counted directive
  std::vector<std::vector<double>> rates_;         // each item's occurrences in the report's month
  std::shared_ptr<const detail::PlacedVillages> placed_;
  std::vector<double> added_;   // by the directives checked
  std::vector<double> ledger_;  // by the ledger's in force: part of what a village already works
  std::vector<double> extra_;   // capacity each village has in the mode of a directive checked
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
