#include <qingdan/lint.hpp>

#include <map>
#include <memory>
#include <set>
#include <system_error>
#include <tuple>

#include <qingdan/detail/model_phrases.hpp>
#include <qingdan/detail/owner_engine.hpp>

#include "load/load.hpp"
#include "snapshot/snapshot.hpp"

namespace qingdan {

namespace {

using detail::Code;
using detail::EntryRecord;
using detail::joined;
using detail::Message;
using detail::Model;
using detail::say;

// A level that one entry gives a role and a negative entry forbids, over a span of dates.
struct Clash {
  std::uint32_t jurisdiction;
  std::uint32_t task;
  std::uint32_t level;
  const EntryRecord* giver;
  const EntryRecord* negative;
  Role role;  // what the giver says the level does
  std::uint32_t negative_edition_file;

  auto key() const { return std::make_tuple(jurisdiction, task, level, giver, negative, role); }
};

struct ClashSpan {
  Clash clash;
  Date from;
  std::optional<Date> to;  // inclusive; open-ended when empty
  std::set<std::uint32_t> modes;
};

class ConflictFinder {
 public:
  explicit ConflictFinder(const Model& model) : model_(model) {}

  std::vector<Diagnostic> find(const std::vector<std::string>& display_files) {
    std::set<std::uint32_t> places{detail::JurisdictionTree::root};
    for (const auto& [key, editions] : model_.editions_by_place)
      places.insert(static_cast<std::uint32_t>(key >> 2));
    add_places_of_each_kind(places);
    for (std::uint32_t place : places) scan(place);
    std::vector<Diagnostic> found;
    for (const ClashSpan& span : spans_) found.push_back(describe(span, display_files));
    return found;
  }

 private:
  void scan(std::uint32_t place) {
    std::vector<std::uint32_t> chain = model_.jurisdictions.chain(place);
    std::set<Date> breakpoints;
    std::set<std::uint32_t> tasks;
    for (std::uint32_t node : chain)
      for (ListKind list : all_lists)
        if (const auto* editions = model_.editions_at(node, list))
          for (std::uint32_t index : *editions) {
            const detail::EditionRecord& edition = model_.editions[index];
            breakpoints.insert(edition.effective);
            if (edition.until) breakpoints.insert(next_day(*edition.until));
            if (list == ListKind::negative) collect_tasks(edition, tasks);
          }
    if (tasks.empty()) return;
    std::vector<Date> starts(breakpoints.begin(), breakpoints.end());
    for (std::size_t i = 0; i < starts.size(); ++i) {
      std::optional<Date> end;
      if (i + 1 < starts.size())
        end = Date{std::chrono::sys_days{starts[i + 1]} - std::chrono::days{1}};
      for (std::uint32_t mode = 0; mode < model_.modes.size(); ++mode)
        for (std::uint32_t task : tasks) check(place, task, mode, starts[i], end);
    }
  }

  // Entries for some kinds of place apply only there: below each place an edition names, the
  // first place of each combination of kinds is scanned too. A place below that has editions of
  // its own is scanned with its own samples, as its editions may hide or add a clash.
  void add_places_of_each_kind(std::set<std::uint32_t>& places) const {
    if (model_.kinds.empty()) return;
    const detail::JurisdictionTree& tree = model_.jurisdictions;
    const std::set<std::uint32_t> named = places;
    for (std::uint32_t place : named) {
      std::set<detail::KindSet> seen{tree.node(place).kinds};
      const std::uint32_t end = tree.subtree_end(place);
      for (std::uint32_t node = place + 1; node < end; ++node) {
        if (!tree.encloses(place, node) || under_another(node, place, named)) continue;
        if (seen.insert(tree.node(node).kinds).second) places.insert(node);
      }
    }
  }

  // Whether `node`, or a place between it and `place`, is one of the places an edition names.
  bool under_another(std::uint32_t node, std::uint32_t place,
                     const std::set<std::uint32_t>& named) const {
    for (std::uint32_t at = node; at != place; at = model_.jurisdictions.node(at).parent)
      if (named.contains(at)) return true;
    return false;
  }

  void collect_tasks(const detail::EditionRecord& edition, std::set<std::uint32_t>& tasks) const {
    for (const auto& [task, first] : edition.first_entry_by_task) tasks.insert(task);
    for (const auto& [category, first] : edition.first_entry_by_category)
      for (std::uint32_t task = 0; task < model_.tasks.size(); ++task)
        if (model_.tasks[task].category == category) tasks.insert(task);
  }

  void check(std::uint32_t place, std::uint32_t task, std::uint32_t mode, Date from,
             std::optional<Date> to) {
    detail::ChosenByList chosen = detail::weigh_entries(
        model_, task, detail::ResolvedQuery::at_place(model_, place, from, mode));
    const detail::Chosen& negative = detail::chosen_from(chosen, ListKind::negative);
    if (negative.entry == nullptr) return;
    for (ListKind list : {ListKind::power, ListKind::self_governance, ListKind::collaboration}) {
      const detail::Chosen& giver = detail::chosen_from(chosen, list);
      if (giver.entry == nullptr) continue;
      detail::LevelSet given = list == ListKind::self_governance ? giver.entry->levels : 0;
      if (list != ListKind::self_governance)
        given |= detail::LevelSet{1} << giver.entry->owner_level;
      if (list == ListKind::collaboration) given |= giver.entry->levels;
      detail::LevelSet clashing = given & negative.entry->levels;
      for (std::uint32_t level = 0; level < model_.levels.size(); ++level) {
        if (!((clashing >> level) & 1U)) continue;
        Role role = list == ListKind::self_governance ? Role::self_governs
                    : list == ListKind::collaboration && (giver.entry->levels >> level) & 1U
                        ? Role::assists
                        : Role::owns;
        record(Clash{place, task, level, giver.entry, negative.entry, role, negative.edition->file},
               mode, from, to);
      }
    }
  }

  void record(const Clash& clash, std::uint32_t mode, Date from, std::optional<Date> to) {
    for (ClashSpan& span : spans_) {
      if (span.clash.key() != clash.key()) continue;
      if (span.from == from && span.to == to) {
        span.modes.insert(mode);
        return;
      }
      if (span.to && next_day(*span.to) == from && span.modes == std::set<std::uint32_t>{mode}) {
        span.to = to;
        return;
      }
    }
    spans_.push_back(ClashSpan{clash, from, to, {mode}});
  }

  Diagnostic describe(const ClashSpan& span, const std::vector<std::string>& display_files) const {
    const Clash& clash = span.clash;
    bool assists = clash.role == Role::assists;
    const std::string& place = model_.jurisdictions.node(clash.jurisdiction).path;
    const std::string from = to_iso(span.from);
    detail::ModeSet modes = 0;
    for (std::uint32_t mode : span.modes) modes |= detail::ModeSet{1} << mode;
    Phrase message(
        detail::Message::level_assists_but_forbidden,
        {{"task", model_.tasks[clash.task].id},
         {"name", model_.tasks[clash.task].name},
         {"level", detail::level_phrase(model_, clash.level)},
         {"role", detail::role_phrase(clash.role)},
         {"giver", clash.giver->id},
         {"negative", clash.negative->id},
         {"place",
          place.empty() ? Phrase() : Phrase(detail::Message::in_place, {{"place", place}})},
         {"dates", span.to ? Phrase(detail::Message::from_date_to_date,
                                    {{"from", from}, {"to", to_iso(*span.to)}})
                           : Phrase(detail::Message::on_date_onwards, {{"from", from}})},
         {"modes", detail::mode_phrases(model_, modes)}});
    return worded_diagnostic(display_files[clash.negative_edition_file], clash.negative->line,
                             clash.negative->column, assists ? Severity::error : Severity::warning,
                             assists ? Code::assists_and_forbidden : Code::forbids_owner,
                             std::move(message));
  }

  const Model& model_;
  std::vector<ClashSpan> spans_;
};

Diagnostic approval_conflict(const Model& model, const std::vector<std::string>& display_files,
                             const detail::ApprovalRecord& approval, std::uint32_t task,
                             std::uint32_t level, std::uint32_t place,
                             const detail::EntryRecord& negative, Date day, std::uint32_t mode) {
  const std::string& path = model.jurisdictions.node(place).path;
  return worded_diagnostic(
      display_files[approval.file], approval.line, 0, Severity::error, Code::approval_forbidden,
      Phrase(Message::approval_grants_forbidden, {{"id", approval.id},
                                                  {"task", model.tasks[task].id},
                                                  {"name", model.tasks[task].name},
                                                  {"level", detail::level_phrase(model, level)},
                                                  {"where", detail::place_phrase(path)},
                                                  {"negative", negative.id},
                                                  {"date", to_iso(day)},
                                                  {"modes", detail::mode_phrase(model, mode)}}));
}

// QL302: an approval that lets a task go to a level the negative list forbids where and while
// it is in force. It covers its jurisdiction and every place below it, so it is asked there and
// at each place below that has negative editions of its own; on its first day and each day such
// an edition starts within its span; in every mode. The first prohibition found for each level
// is reported.
std::vector<Diagnostic> approval_conflicts(const Model& model,
                                           const std::vector<std::string>& display_files) {
  const detail::JurisdictionTree& tree = model.jurisdictions;
  std::set<std::uint32_t> negative_places;
  for (const auto& [key, editions] : model.editions_by_place)
    if (static_cast<ListKind>(key & 3U) == ListKind::negative)
      negative_places.insert(static_cast<std::uint32_t>(key >> 2));
  std::vector<Diagnostic> found;
  for (const detail::ApprovalRecord& approval : model.approvals) {
    std::set<std::uint32_t> places{approval.jurisdiction};
    for (std::uint32_t place : negative_places)
      if (tree.encloses(approval.jurisdiction, place)) places.insert(place);
    std::vector<std::uint32_t> tasks;
    if (approval.task != detail::npos) tasks.push_back(approval.task);
    for (std::uint32_t task = 0; approval.category != detail::npos && task < model.tasks.size();
         ++task)
      if (model.tasks[task].category == approval.category) tasks.push_back(task);
    detail::LevelSet reported = 0;
    for (std::uint32_t place : places) {
      std::set<Date> days{approval.from};
      for (std::uint32_t node : tree.chain(place))
        if (const auto* editions = model.editions_at(node, ListKind::negative))
          for (std::uint32_t index : *editions) {
            const Date start = model.editions[index].effective;
            if (approval.from < start && (!approval.until || start <= *approval.until))
              days.insert(start);
          }
      for (Date day : days)
        for (std::uint32_t mode = 0; mode < model.modes.size(); ++mode)
          for (std::uint32_t task : tasks) {
            detail::ChosenByList chosen = detail::weigh_entries(
                model, task, detail::ResolvedQuery::at_place(model, place, day, mode));
            const detail::Chosen& negative = detail::chosen_from(chosen, ListKind::negative);
            if (negative.entry == nullptr) continue;
            const detail::LevelSet clashing = approval.levels & negative.entry->levels & ~reported;
            for (std::uint32_t level = 0; level < model.levels.size(); ++level) {
              if (!((clashing >> level) & 1U)) continue;
              reported |= detail::LevelSet{1} << level;
              found.push_back(approval_conflict(model, display_files, approval, task, level, place,
                                                *negative.entry, day, mode));
            }
          }
    }
  }
  return found;
}

}  // namespace

namespace {

// The conflicts between the lists of a loaded model, added to `report` in file order; `folder`
// is where its rule files are named from.
void add_conflicts(LintReport& report, const detail::Model& model,
                   const std::filesystem::path& folder) {
  std::vector<std::string> display_files;
  for (const std::string& file : model.files)
    display_files.push_back((folder / file).generic_string());
  for (Diagnostic& conflict : ConflictFinder(model).find(display_files))
    report.diagnostics.push_back(std::move(conflict));
  for (Diagnostic& conflict : approval_conflicts(model, display_files))
    report.diagnostics.push_back(std::move(conflict));
  detail::sort_diagnostics(report.diagnostics, display_files);
}

}  // namespace

LintReport lint(const std::filesystem::path& folder, const LoadOptions& options) {
  std::error_code failure;
  if (std::filesystem::is_regular_file(folder, failure) && detail::looks_like_snapshot(folder)) {
    // A snapshot loaded once without errors; what is left to find are the conflicts, and its
    // rule files are named as they were in their folder.
    LintReport report;
    try {
      std::shared_ptr<const detail::Model> model = detail::read_snapshot(folder, options);
      report.fingerprint = model->fingerprint;
      add_conflicts(report, *model, {});
    } catch (const Error& error) {
      report.diagnostics.push_back(error.diagnostic());
    }
    return report;
  }
  detail::LoadResult loaded = detail::load_rulebook(folder, options);
  LintReport report{std::move(loaded.diagnostics), loaded.fingerprint};
  if (loaded.model) add_conflicts(report, *loaded.model, folder);
  return report;
}

}  // namespace qingdan
