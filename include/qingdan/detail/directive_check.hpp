#pragma once

#include <algorithm>
#include <charconv>
#include <string>
#include <vector>

#include <qingdan/detail/normalize.hpp>
#include <qingdan/detail/owner_engine.hpp>
#include <qingdan/directive.hpp>
#include <qingdan/report.hpp>

namespace qingdan::detail {

// Four significant digits, as printf's %.4g writes them.
inline std::string number_text(double value) {
  char text[32];
  auto written = std::to_chars(text, text + sizeof text, value, std::chars_format::general, 4);
  return std::string(text, written.ptr);
}

inline std::string level_label(const Model& model, std::uint32_t level) {
  const Level& known = model.levels[level];
  return known.name == known.id ? known.id : known.id + " (" + known.name + ")";
}

inline std::string task_label(const Decision& decision) {
  return decision.task ? decision.task->id + " " + decision.task->name : "'" + decision.query + "'";
}

inline std::string cite(const Model& model, const Chosen& chosen) {
  const std::string& place = model.jurisdictions.node(chosen.edition->jurisdiction).path;
  const std::string& basis = chosen.entry->basis;
  return say(
      model.language, Message::cite_entry,
      {{"list", to_string(chosen.edition->list)},
       {"entry", chosen.entry->id},
       {"edition", chosen.edition->version},
       {"place", place.empty() ? "" : say(model.language, Message::cite_place, {{"place", place}})},
       {"basis",
        basis.empty() ? "" : say(model.language, Message::cite_basis, {{"basis", basis}})}});
}

// Where and how a directive's items are judged: resolved once per directive.
struct DirectiveContext {
  const Directive& directive;
  std::uint32_t jurisdiction;
  std::uint32_t mode;
};

// SPEC §4: the findings QD001-QD007 for one item.
class ItemJudge {
 public:
  ItemJudge(const Model& model, const DirectiveContext& context, std::vector<Finding>& findings)
      : model_(model), context_(context), findings_(findings) {}

  void judge(std::size_t index, std::uint32_t level) {
    const DirectiveItem& item = context_.directive.items[index];
    DecisionBasis basis;
    Query query{context_.directive.issued, model_.jurisdictions.node(context_.jurisdiction).path,
                model_.modes[context_.mode]};
    Decision decision = decide(model_, item.task, query, &basis);
    ItemRef ref{context_.directive.id, index + 1, item.task, item.position};
    const std::string& level_id = model_.levels[level].id;
    auto role = decision.roles.find(level_id);
    bool has_role = role != decision.roles.end();
    const std::string task = task_label(decision);
    const std::string who = level_label(model_, level);
    const Language language = model_.language;

    auto add = [&](FindingCode code, std::string message, std::vector<EntryRef> entries = {}) {
      findings_.push_back(Finding{code,
                                  severity_of(code),
                                  ref,
                                  std::nullopt,
                                  decision.task,
                                  std::move(entries),
                                  {},
                                  std::nullopt,
                                  std::move(message)});
    };
    auto refs = [&](std::initializer_list<Chosen> chosen) {
      std::vector<EntryRef> entries;
      for (const auto& one : chosen) entries.push_back(entry_ref(model_, *one.edition, *one.entry));
      return entries;
    };

    const auto& negative = basis.chosen[static_cast<std::size_t>(ListKind::negative)];
    const auto& collaboration = basis.chosen[static_cast<std::size_t>(ListKind::collaboration)];
    std::vector<Chosen> other_mode;
    for (const auto& skipped : basis.wrong_mode[static_cast<std::size_t>(ListKind::collaboration)])
      if ((skipped.entry->levels >> level) & 1U) other_mode.push_back(skipped);

    if (has_role && role->second == Role::forbidden) {
      add(FindingCode::forbidden,
          say(language, Message::finding_forbidden,
              {{"who", who}, {"task", task}, {"entry", cite(model_, negative)}}),
          refs({negative}));
    } else if (!has_role && !other_mode.empty()) {
      std::vector<EntryRef> entries;
      for (const auto& one : other_mode)
        entries.push_back(entry_ref(model_, *one.edition, *one.entry));
      add(FindingCode::wrong_mode,
          say(language, Message::finding_wrong_mode,
              {{"who", who},
               {"task", task},
               {"modes", mode_names(model_, other_mode.front().entry->modes)},
               {"entry", cite(model_, other_mode.front())},
               {"mode", model_.modes[context_.mode]}}),
          std::move(entries));
    } else if (!has_role && decision.status == Status::listed) {
      std::string owner =
          decision.owner ? decision.owner->level : say(language, Message::another_level);
      if (decision.owner && !decision.owner->department.empty())
        owner += " (" + decision.owner->department + ")";
      add(FindingCode::misassigned,
          say(language, Message::finding_misassigned,
              {{"task", task}, {"owner", owner}, {"who", who}}),
          decision.entries);
    } else if (decision.status != Status::listed && !item.approved) {
      std::string message =
          decision.status == Status::unknown
              ? say(language, Message::finding_unknown_task, {{"task", item.task}})
              : say(language, Message::finding_unlisted_task,
                    {{"task", task},
                     {"date", to_iso(decision.at)},
                     {"place",
                      decision.jurisdiction.empty()
                          ? ""
                          : say(language, Message::in_place, {{"place", decision.jurisdiction}})}});
      if (!decision.suggestions.empty()) {
        std::vector<std::string> similar;
        for (const TaskRef& one : decision.suggestions) similar.push_back(one.id + " " + one.name);
        message += say(language, Message::similar_tasks, {{"tasks", joined(similar, language)}});
      }
      message += say(language, Message::needs_approval_before_sending, {{"who", who}});
      add(FindingCode::unlisted, std::move(message));
      findings_.back().suggestions = decision.suggestions;
    }

    bool assists_by_collaboration = has_role && role->second == Role::assists &&
                                    collaboration.entry != nullptr &&
                                    ((collaboration.entry->levels >> level) & 1U);
    if (!assists_by_collaboration) return;
    const EntryRecord& entry = *collaboration.entry;
    if (entry.requires_funding && !item.funding)
      add(FindingCode::unfunded,
          say(language, Message::finding_unfunded,
              {{"entry", cite(model_, collaboration)}, {"task", task}}),
          refs({collaboration}));
    if (entry.requires_approval && !item.approved)
      add(FindingCode::unapproved,
          say(language, Message::finding_unapproved,
              {{"entry", cite(model_, collaboration)}, {"task", task}}),
          refs({collaboration}));
    if (entry.max_per_month && item.frequency.per_month > *entry.max_per_month)
      add(FindingCode::over_frequency,
          say(language, Message::finding_over_frequency,
              {{"task", task},
               {"times", number_text(item.frequency.per_month)},
               {"frequency", item.frequency.text},
               {"entry", cite(model_, collaboration)},
               {"limit", number_text(*entry.max_per_month)}}),
          refs({collaboration}));
  }

 private:
  const Model& model_;
  const DirectiveContext& context_;
  std::vector<Finding>& findings_;
};

// A form of an item, with its normalised name and fields, for QD008.
struct CollectedForm {
  ItemRef item;
  const Form* form;
  std::string name;
  std::vector<std::string> fields;  // normalised, sorted, distinct
};

inline CollectedForm collect_form(const ItemRef& item, const Form& form) {
  CollectedForm collected{item, &form, normalize_text(form.name), {}};
  for (const std::string& field : form.fields) {
    std::string normalized = normalize_text(field);
    if (!normalized.empty()) collected.fields.push_back(std::move(normalized));
  }
  std::sort(collected.fields.begin(), collected.fields.end());
  collected.fields.erase(std::unique(collected.fields.begin(), collected.fields.end()),
                         collected.fields.end());
  return collected;
}

// SPEC §4 QD008: one finding per pair of forms that share a name or most of their fields.
inline void find_duplicate_forms(const std::vector<CollectedForm>& forms,
                                 std::vector<Finding>& findings, Language language) {
  auto where = [&](const ItemRef& item) {
    return say(language, Message::item_label,
               {{"directive", item.directive}, {"item", std::to_string(item.index)}});
  };
  for (std::size_t later = 0; later < forms.size(); ++later)
    for (std::size_t earlier = 0; earlier < later; ++earlier) {
      const CollectedForm& a = forms[earlier];
      const CollectedForm& b = forms[later];
      std::vector<std::string> shared;
      std::set_intersection(a.fields.begin(), a.fields.end(), b.fields.begin(), b.fields.end(),
                            std::back_inserter(shared));
      std::size_t together = a.fields.size() + b.fields.size() - shared.size();
      double jaccard = together == 0 ? 0 : static_cast<double>(shared.size()) / together;
      bool same_name = !a.name.empty() && a.name == b.name;
      if (!same_name && jaccard < 0.5) continue;
      const std::string fields = shared.empty() ? ""
                                                : say(language, Message::fields_list,
                                                      {{"fields", joined(shared, language)}});
      const std::string item = where(b.item), other_item = where(a.item);
      std::string message = same_name ? say(language, Message::finding_forms_same_name,
                                            {{"form", b.form->name},
                                             {"item", item},
                                             {"other_form", a.form->name},
                                             {"other_item", other_item},
                                             {"fields", fields}})
                                      : say(language, Message::finding_forms_share_fields,
                                            {{"form", b.form->name},
                                             {"item", item},
                                             {"other_form", a.form->name},
                                             {"other_item", other_item},
                                             {"shared", std::to_string(shared.size())},
                                             {"together", std::to_string(together)},
                                             {"jaccard", number_text(jaccard)},
                                             {"fields", fields}});
      findings.push_back(Finding{FindingCode::duplicate_collection,
                                 severity_of(FindingCode::duplicate_collection),
                                 b.item,
                                 a.item,
                                 std::nullopt,
                                 {},
                                 {},
                                 std::nullopt,
                                 std::move(message)});
    }
}

}  // namespace qingdan::detail
