#include "check/item_judge.hpp"

#include <algorithm>

#include <qingdan/detail/model_phrases.hpp>
#include <qingdan/detail/normalize.hpp>
#include <qingdan/detail/reading_index.hpp>
#include <qingdan/detail/reading_words.hpp>
#include "check/duplicate_forms.hpp"

namespace qingdan::detail {

namespace {

const Chosen& chosen_of(const DecisionBasis& basis, ListKind list) {
  return basis.chosen[static_cast<std::size_t>(list)];
}

bool has_role(const Decision& decision, const std::string& level, Role role) {
  auto found = decision.roles.find(level);
  return found != decision.roles.end() && found->second == role;
}

// Whether an issuer's department and an owner's name the same office: the same once normalised,
// or one containing the other (区卫健委 and 青浦区卫健委).
bool same_department(const std::string& issuer, const std::string& owner) {
  if (issuer.empty() || owner.empty()) return true;
  const std::string a = normalize_text(issuer), b = normalize_text(owner);
  return a.find(b) != std::string::npos || b.find(a) != std::string::npos;
}

}  // namespace

ItemJudge::ItemJudge(const Model& model, const DirectiveContext& context,
                     const CheckOptions& options, std::vector<Finding>& findings)
    : model_(model),
      context_(context),
      options_(options),
      findings_(findings),
      query_(ResolvedQuery::at_place(model, context.jurisdiction, context.directive.issued,
                                     context.mode)) {}

Reading ItemJudge::read(const std::string& text) const {
  ReadOptions options = options_.reading;
  options.candidates = std::max(options.candidates, options_.forbidden_among);
  Reading reading = read_text(model_, text, options);
  if (options_.exact_only && reading.status == ReadingStatus::read_as)
    reading.status = ReadingStatus::candidates;  // only an exact match is taken as the answer
  return reading;
}

Phrase ItemJudge::cite(const Chosen& chosen) const {
  const std::string& place = model_.jurisdictions.node(chosen.edition->jurisdiction).path;
  const std::string& basis = chosen.entry->basis;
  return Phrase(
      Message::cite_entry,
      {{"list", list_phrase(chosen.edition->list)},
       {"entry", chosen.entry->id},
       {"edition", chosen.edition->version},
       {"illustrative",
        chosen.edition->illustrative ? Phrase(Message::illustrative_mark, {}) : Phrase()},
       {"place", place.empty() ? Phrase() : Phrase(Message::cite_place, {{"place", place}})},
       {"basis", basis.empty() ? Phrase() : Phrase(Message::cite_basis, {{"basis", basis}})}});
}

Phrase ItemJudge::who(std::uint32_t level) const { return level_phrase(model_, level); }

void ItemJudge::add(const Judged& judged, FindingCode code, Phrase message,
                    std::vector<EntryRef> entries, std::vector<TaskRef> suggestions) {
  sink_->push_back(Finding{code,
                           severity_of(code),
                           judged.ref,
                           {},
                           judged.decision.task,
                           std::move(entries),
                           std::move(suggestions),
                           std::nullopt,
                           std::move(message)});
}

Reading ItemJudge::judge(std::size_t index, std::uint32_t level) {
  const DirectiveItem& item = context_.directive.items[index];
  Reading reading = read(item.task);
  const Candidate* taken = reading.task();
  const std::string_view task = taken ? std::string_view(taken->task.id) : item.task;
  sink_ = &findings_;
  if (differs_by_kind(reading, task)) {
    const std::vector<KindGroup>& groups = kind_groups(level);
    if (groups.size() > 1 || (groups.size() == 1 && groups.front().kinds != query_.kinds)) {
      judge_each_group(index, level, reading, groups);
      return reading;
    }
  }
  judge_at(index, level, reading, query_);
  return reading;
}

// The item is judged at the directive's jurisdiction for each group's kinds, so every finding is
// worded alike; one every group has is reported once, and one only some groups have says where.
void ItemJudge::judge_each_group(std::size_t index, std::uint32_t level, const Reading& reading,
                                 const std::vector<KindGroup>& groups) {
  std::vector<std::vector<Finding>> by_group(groups.size());
  std::size_t place_count = 0;
  for (std::size_t g = 0; g < groups.size(); ++g) {
    place_count += groups[g].places.size();
    sink_ = &by_group[g];
    ResolvedQuery query = query_;
    query.kinds = query.kinds_within = groups[g].kinds;
    judge_at(index, level, reading, query);
  }
  sink_ = &findings_;
  auto same = [](const Finding& a, const Finding& b) {
    if (a.code != b.code || !(a.message == b.message) || a.entries.size() != b.entries.size())
      return false;
    for (std::size_t i = 0; i < a.entries.size(); ++i)
      if (a.entries[i].id != b.entries[i].id || a.entries[i].edition != b.entries[i].edition)
        return false;
    return true;
  };
  std::vector<std::vector<bool>> reported(groups.size());
  for (std::size_t g = 0; g < groups.size(); ++g) reported[g].resize(by_group[g].size());
  for (std::size_t g = 0; g < groups.size(); ++g)
    for (std::size_t f = 0; f < by_group[g].size(); ++f) {
      if (reported[g][f]) continue;
      Finding& finding = by_group[g][f];
      KindGroup where{~KindSet{0}, {}};  // the groups that have it: their shared kinds, places
      for (std::size_t other = g; other < groups.size(); ++other)
        for (std::size_t o = 0; o < by_group[other].size(); ++o)
          if (!reported[other][o] && same(by_group[other][o], finding)) {
            reported[other][o] = true;
            where.kinds &= groups[other].kinds;
            where.places.insert(where.places.end(), groups[other].places.begin(),
                                groups[other].places.end());
            break;
          }
      if (where.places.size() != place_count) finding.message = in_places(finding.message, where);
      findings_.push_back(std::move(finding));
    }
}

const std::vector<ItemJudge::KindGroup>& ItemJudge::kind_groups(std::uint32_t level) {
  if (kind_groups_.size() <= level) kind_groups_.resize(level + 1);
  std::optional<std::vector<KindGroup>>& groups = kind_groups_[level];
  if (groups) return *groups;
  groups.emplace();
  const JurisdictionTree& tree = model_.jurisdictions;
  const std::uint32_t place = context_.jurisdiction;
  const std::uint32_t end = tree.subtree_end(place);
  std::vector<bool> has_child(end > place ? end - place : 0);
  for (std::uint32_t node = place + 1; node < end; ++node)
    if (tree.encloses(place, node)) has_child[tree.node(node).parent - place] = true;
  for (std::uint32_t node = place + 1; node < end; ++node) {
    const JurisdictionTree::Node& at = tree.node(node);
    const bool receives = at.depth == level || (at.depth < level && !has_child[node - place]);
    if (!receives || !tree.encloses(place, node)) continue;
    auto group = std::find_if(groups->begin(), groups->end(),
                              [&](const KindGroup& one) { return one.kinds == at.kinds; });
    if (group == groups->end()) group = groups->insert(groups->end(), KindGroup{at.kinds, {}});
    group->places.push_back(node);
  }
  return *groups;
}

// Whether an entry for the task, or for a candidate a forbidden one would be found among, is for
// some kinds of place only.
bool ItemJudge::differs_by_kind(const Reading& reading, std::string_view task) const {
  if (model_.kinds.empty()) return false;
  auto has_kind_entries = [&](std::string_view id) {
    auto found = model_.task_by_id.find(id);
    if (found == model_.task_by_id.end()) return false;
    for (const EntryMatch& match : model_.matches_of(found->second))
      if (match.kinds != 0) return true;
    return false;
  };
  if (has_kind_entries(task)) return true;
  const std::size_t asked = std::min(options_.forbidden_among, reading.candidates.size());
  for (std::size_t i = 0; i < asked; ++i)
    if (has_kind_entries(reading.candidates[i].task.id)) return true;
  return false;
}

Phrase ItemJudge::in_places(const Phrase& message, const KindGroup& group) const {
  constexpr std::size_t named = 3;
  std::vector<Phrase> places;
  for (std::size_t i = 0; i < group.places.size() && i < named; ++i)
    places.push_back(verbatim(model_.jurisdictions.node(group.places[i]).name));
  Phrase more =
      group.places.size() > named
          ? Phrase(Message::places_in_all, {{"count", std::to_string(group.places.size())}})
          : Phrase();
  if (group.kinds == 0)
    return Phrase(Message::finding_in_places,
                  {{"finding", message}, {"places", std::move(places)}, {"more", more}});
  return Phrase(Message::finding_in_kind, {{"finding", message},
                                           {"kinds", kind_chain(model_, group.kinds)},
                                           {"places", std::move(places)},
                                           {"more", more}});
}

void ItemJudge::judge_at(std::size_t index, std::uint32_t level, const Reading& reading,
                         const ResolvedQuery& query) {
  const DirectiveItem& item = context_.directive.items[index];
  const Candidate* taken = reading.task();
  DecisionBasis basis;
  Decision decision =
      decide(model_, taken ? std::string_view(taken->task.id) : std::string_view(item.task), query,
             &basis);
  illustrative_ = illustrative_ || decision.illustrative();
  Phrase task = decision.task ? verbatim(decision.task->id + " " + decision.task->name)
                              : verbatim("'" + item.task + "'");
  if (reading.status == ReadingStatus::read_as)
    task = Phrase(Message::read_as_task,
                  {{"text", item.task}, {"candidate", candidate_label(*taken)}});
  Judged judged{item,     ItemRef{context_.directive.id, index + 1, item.task, item.position},
                level,    reading,
                decision, basis,
                query,    std::move(task)};

  // Read as a forbidden task, the item is QD001 already: its other forbidden candidates would
  // ask the issuer for nothing more.
  const bool read_as_forbidden = has_role(decision, model_.levels[level].id, Role::forbidden);
  judged.approved = judge_approval(judged);
  const bool probably_forbidden = !read_as_forbidden && judge_candidates(judged);
  judge_role(judged, probably_forbidden);
  judge_collaboration(judged);
  judge_issuer(judged);
  judge_self_governance(judged);
}

void ItemJudge::judge_role(const Judged& judged, bool probably_forbidden) {
  const Decision& decision = judged.decision;
  const std::string& level_id = model_.levels[judged.level].id;
  const bool has_any_role = decision.roles.contains(level_id);
  std::vector<Chosen> other_mode;
  for (const auto& skipped :
       judged.basis.wrong_mode[static_cast<std::size_t>(ListKind::collaboration)])
    if ((skipped.entry->levels >> judged.level) & 1U) other_mode.push_back(skipped);

  if (has_role(decision, level_id, Role::forbidden)) {
    const Chosen& negative = chosen_of(judged.basis, ListKind::negative);
    add(judged, FindingCode::forbidden,
        Phrase(Message::finding_forbidden,
               {{"who", who(judged.level)}, {"task", judged.task}, {"entry", cite(negative)}}),
        {entry_ref(model_, *negative.edition, *negative.entry)});
  } else if (!has_any_role && !other_mode.empty()) {
    std::vector<EntryRef> entries;
    for (const auto& one : other_mode)
      entries.push_back(entry_ref(model_, *one.edition, *one.entry));
    add(judged, FindingCode::wrong_mode,
        Phrase(Message::finding_wrong_mode,
               {{"who", who(judged.level)},
                {"task", judged.task},
                {"modes", mode_phrases(model_, other_mode.front().entry->modes)},
                {"entry", cite(other_mode.front())},
                {"mode", mode_phrase(model_, context_.mode)}}),
        std::move(entries));
  } else if (!has_any_role && decision.status == Status::listed && decision.owner) {
    Phrase owner =
        Phrase(Message::concatenated,
               {{"first", level_phrase(model_, *model_.level_index(decision.owner->level))},
                {"second", parenthesised(decision.owner->department)}});
    add(judged, FindingCode::misassigned,
        Phrase(Message::finding_misassigned,
               {{"task", judged.task}, {"owner", owner}, {"who", who(judged.level)}}),
        decision.entries);
  } else if (!has_any_role && !judged.approved && !probably_forbidden) {
    // Unlisted, unknown, or listed only as forbidden to other levels: no list says who does it,
    // so sending it down needs approval. A probably forbidden item already asks the issuer to
    // say what it means (QD012).
    const Phrase place = decision.jurisdiction.empty()
                             ? Phrase()
                             : Phrase(Message::in_place, {{"place", decision.jurisdiction}});
    Phrase message =
        decision.status == Status::unknown
            ? Phrase(Message::finding_unknown_task, {{"task", judged.item.task}})
        : decision.status == Status::listed
            ? Phrase(Message::finding_listed_without_owner, {{"task", judged.task},
                                                             {"who", who(judged.level)},
                                                             {"date", to_iso(decision.at)},
                                                             {"place", place}})
            : Phrase(Message::finding_unlisted_task,
                     {{"task", judged.task}, {"date", to_iso(decision.at)}, {"place", place}});
    std::vector<TaskRef> suggestions;
    if (decision.status == Status::unknown && !judged.reading.candidates.empty()) {
      std::vector<std::string> similar;
      for (const Candidate& candidate : judged.reading.candidates) {
        similar.push_back(candidate.task.id + " " + candidate.task.name + " " +
                          confidence_text(candidate.confidence));
        suggestions.push_back(candidate.task);
      }
      message = then(std::move(message),
                     Phrase(Message::similar_tasks, {{"tasks", verbatim_list(similar)}}));
    }
    message = then(std::move(message), approval_needed(judged));
    add(judged, FindingCode::unlisted, std::move(message), {}, std::move(suggestions));
  }
}

void ItemJudge::judge_collaboration(const Judged& judged) {
  const Chosen& collaboration = chosen_of(judged.basis, ListKind::collaboration);
  const std::string& level_id = model_.levels[judged.level].id;
  if (!has_role(judged.decision, level_id, Role::assists) || collaboration.entry == nullptr ||
      !((collaboration.entry->levels >> judged.level) & 1U))
    return;
  const EntryRecord& entry = *collaboration.entry;
  const DirectiveItem& item = judged.item;
  std::vector<EntryRef> cited{entry_ref(model_, *collaboration.edition, entry)};
  if (entry.requires_funding && !item.funding)
    add(judged, FindingCode::unfunded,
        Phrase(Message::finding_unfunded, {{"entry", cite(collaboration)}, {"task", judged.task}}),
        cited);
  if (entry.requires_approval && !judged.approved)
    add(judged, FindingCode::unapproved,
        model_.mode_rules[context_.mode].approval_after
            ? then(Phrase(Message::finding_unapproved,
                          {{"entry", cite(collaboration)}, {"task", judged.task}}),
                   approval_needed(judged))
            : Phrase(Message::finding_unapproved,
                     {{"entry", cite(collaboration)}, {"task", judged.task}}),
        cited);
  if (entry.max_per_month && item.frequency.per_month > *entry.max_per_month)
    add(judged, FindingCode::over_frequency,
        Phrase(Message::finding_over_frequency, {{"task", judged.task},
                                                 {"times", number_text(item.frequency.per_month)},
                                                 {"frequency", item.frequency.text},
                                                 {"entry", cite(collaboration)},
                                                 {"limit", number_text(*entry.max_per_month)}}),
        cited);
}

// QD012: a candidate the item may mean is forbidden to its level. A forbidden task must never
// pass as a mere "not in the catalogue", so the first few candidates that are sure enough are
// asked, whether or not the item was read as one of them (the one it was read as gets QD001).
bool ItemJudge::judge_candidates(const Judged& judged) {
  const Reading& reading = judged.reading;
  if (options_.exact_only || reading.status == ReadingStatus::exact) return false;
  const std::string& level_id = model_.levels[judged.level].id;
  struct Forbidden {
    const Candidate* candidate;
    Chosen negative;
  };
  std::vector<Forbidden> forbidden;
  const std::size_t asked = std::min(options_.forbidden_among, reading.candidates.size());
  for (std::size_t i = 0; i < asked; ++i) {
    const Candidate& candidate = reading.candidates[i];
    if (candidate.confidence < options_.forbidden_confidence) break;  // the rest are less sure
    if (&candidate == reading.task()) continue;
    DecisionBasis basis;
    Decision decision = decide(model_, candidate.task.id, judged.query, &basis);
    if (has_role(decision, level_id, Role::forbidden))
      forbidden.push_back(Forbidden{&candidate, chosen_of(basis, ListKind::negative)});
  }
  if (forbidden.empty()) return false;
  const Candidate& first = *forbidden.front().candidate;
  std::vector<std::string> others;
  std::vector<TaskRef> tasks;
  for (const Forbidden& one : forbidden) {
    tasks.push_back(one.candidate->task);
    if (one.candidate != &first)
      others.push_back(one.candidate->task.id + " " + one.candidate->task.name);
  }
  const Chosen& negative = forbidden.front().negative;
  Phrase message =
      Phrase(Message::finding_probably_forbidden,
             {{"text", judged.item.task},
              {"candidate", candidate_label(first)},
              {"who", who(judged.level)},
              {"entry", cite(negative)},
              {"others", others.empty() ? Phrase()
                                        : Phrase(Message::also_possibly_forbidden,
                                                 {{"tasks", verbatim_list(others)}})}});
  message = then(std::move(message), Phrase(Message::reword_or_confirm, {{"task", first.task.id}}));
  const EntryRef cited = entry_ref(model_, *negative.edition, *negative.entry);
  illustrative_ = illustrative_ || cited.illustrative;
  sink_->push_back(Finding{FindingCode::probably_forbidden,
                           severity_of(FindingCode::probably_forbidden),
                           judged.ref,
                           {},
                           first.task,
                           {cited},
                           std::move(tasks),
                           std::nullopt,
                           std::move(message)});
  return true;
}

// QD013: the issuer is not the task's owner in the lists. The receiving level's own business
// (self-governance) is QD014's.
void ItemJudge::judge_issuer(const Judged& judged) {
  const std::optional<Owner>& issuer = context_.directive.issuer;
  const Decision& decision = judged.decision;
  if (!issuer || decision.status != Status::listed || !decision.owner) return;
  const Owner& owner = *decision.owner;
  if (owner.level == model_.levels[judged.level].id) return;
  auto issuer_level = model_.level_index(issuer->level);  // its id, name or an alias
  if (issuer_level && model_.levels[*issuer_level].id == owner.level &&
      same_department(issuer->department, owner.department))
    return;
  const Chosen* owning = nullptr;
  for (ListKind list : {ListKind::power, ListKind::self_governance, ListKind::collaboration})
    if (owning == nullptr && chosen_of(judged.basis, list).entry != nullptr)
      owning = &chosen_of(judged.basis, list);
  // "区市场监管局 (district (区))", or the level alone where no department is named.
  auto office = [&](const Owner& named) {
    auto level = model_.level_index(named.level);
    Phrase level_named = level ? level_phrase(model_, *level) : verbatim(named.level);
    if (named.department.empty()) return level_named;
    return Phrase(Message::concatenated,
                  {{"first", named.department},
                   {"second", Phrase(Message::parenthesised, {{"text", std::move(level_named)}})}});
  };
  Phrase issuer_text = office(*issuer), owner_text = office(owner);
  add(judged, FindingCode::issuer_not_owner,
      Phrase(Message::finding_issuer_not_owner, {{"issuer", issuer_text},
                                                 {"task", judged.task},
                                                 {"date", to_iso(decision.at)},
                                                 {"owner", owner_text},
                                                 {"entry", owning ? cite(*owning) : Phrase()}}),
      owning ? std::vector<EntryRef>{entry_ref(model_, *owning->edition, *owning->entry)}
             : std::vector<EntryRef>{});
}

// QD014: an item orders the village's own self-governance business on a set rhythm, unless the
// law sets that duty and rhythm itself (`statutory:` on the entry) and the item asks no more.
void ItemJudge::judge_self_governance(const Judged& judged) {
  const Chosen& self_governance = chosen_of(judged.basis, ListKind::self_governance);
  const DirectiveItem& item = judged.item;
  if (!has_role(judged.decision, model_.levels[judged.level].id, Role::self_governs) ||
      self_governance.entry == nullptr || is_once(item.frequency))
    return;
  const EntryRecord& entry = *self_governance.entry;
  const std::optional<Frequency>& statutory = entry.statutory_frequency;
  constexpr double rounding = 1e-9;
  if (statutory && item.frequency.per_month <= statutory->per_month * (1 + rounding)) return;
  add(judged, FindingCode::self_governance_ordered,
      Phrase(Message::finding_self_governance_ordered,
             {{"task", judged.task},
              {"who", who(judged.level)},
              {"entry", cite(self_governance)},
              {"frequency", item.frequency.text},
              {"statutory",
               statutory ? Phrase(Message::statutory_rhythm,
                                  {{"frequency", statutory->text},
                                   {"basis", entry.statutory_basis.empty()
                                                 ? Phrase()
                                                 : Phrase(Message::cite_basis,
                                                          {{"basis", entry.statutory_basis}})}})
                         : Phrase()}}),
      {entry_ref(model_, *self_governance.edition, entry)});
}

}  // namespace qingdan::detail
