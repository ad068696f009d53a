#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include <qingdan/answer.hpp>
#include <qingdan/decision.hpp>
#include <qingdan/detail/entry_weighing.hpp>
#include <qingdan/detail/model.hpp>
#include <qingdan/detail/model_phrases.hpp>
#include <qingdan/detail/normalize.hpp>
#include <qingdan/detail/reading_index.hpp>
#include <qingdan/detail/role_assignment.hpp>
#include <qingdan/error.hpp>
#include <qingdan/query.hpp>

namespace qingdan::detail {

inline std::uint32_t resolve_jurisdiction(const Model& model, std::string_view text) {
  auto lookup = model.jurisdictions.find(text);
  if (lookup.node != npos) return lookup.node;
  throw usage_error(
      lookup.ambiguous ? Code::query_ambiguous_jurisdiction : Code::query_unknown_jurisdiction,
      lookup.problem(text));
}

inline std::uint32_t resolve_mode(const Model& model, std::string_view mode) {
  if (mode.empty()) return 0;
  if (auto index = model.mode_index(mode)) return *index;
  throw usage_error(
      Code::query_unknown_mode,
      Phrase(Message::unknown_mode, {{"mode", mode},
                                     {"modes", mode_phrases(model)},
                                     {"hint", did_you_mean_phrase(mode, model.mode_words())}}));
}

inline std::uint32_t resolve_level(const Model& model, std::string_view level) {
  if (auto index = model.level_index(level)) return *index;
  throw usage_error(
      Code::query_unknown_level,
      Phrase(Message::unknown_level, {{"level", level},
                                      {"levels", level_phrases(model)},
                                      {"hint", did_you_mean_phrase(level, model.level_words())}}));
}

// The catalogue task a text names: an exact id first, then a name or alias as written, then a
// normalised one. The normalised text is left in `normalized` when it was needed, for reading
// the text on a miss.
inline std::optional<std::uint32_t> resolve_task(const Model& model, std::string_view text,
                                                 std::string& normalized) {
  if (auto by_id = model.task_by_id.find(text); by_id != model.task_by_id.end())
    return by_id->second;
  if (auto as_written = model.task_by_written.find(text); as_written != model.task_by_written.end())
    return as_written->second;
  normalized = normalize_text(text);
  if (auto by_text = model.task_by_text.find(normalized); by_text != model.task_by_text.end())
    return by_text->second;
  return std::nullopt;
}

inline TaskRef task_ref(const Model& model, std::uint32_t task) {
  const TaskRecord& record = model.tasks[task];
  return TaskRef{record.id, record.name,
                 record.category == npos ? std::string() : model.categories[record.category],
                 record.aliases};
}

inline ResolvedQuery resolve_query(const Model& model, const Query& query) {
  return ResolvedQuery::at_place(model, resolve_jurisdiction(model, query.jurisdiction),
                                 query.at ? *query.at : today(), resolve_mode(model, query.mode));
}

// Makes the Answer of a query from what weigh_entries() chose and the roles it assigned.
struct AnswerMaker {
  static_assert(std::is_same_v<RoleSets, decltype(Answer::roles_)>);
  static_assert(Answer::none == npos);

  static Answer of(const Model& model, std::uint32_t task, Date at, const ChosenByList& chosen,
                   const RoleAssigner& assigner) {
    Answer answer;
    answer.model_ = &model;
    answer.task_ = task;
    answer.at_ = at;
    for (const Chosen& one : chosen)
      if (one.entry != nullptr) ++answer.entry_count_;
    answer.status_ = answer.entry_count_ == 0 ? Status::unlisted : Status::listed;
    answer.roles_ = assigner.roles();
    answer.owner_level_ = assigner.owner_level();
    answer.owner_department_ = assigner.owner_department();
    answer.has_conflicts_ = assigner.overridden();
    return answer;
  }
  static Answer unknown(const Model& model, Date at) {
    Answer answer;
    answer.model_ = &model;
    answer.at_ = at;
    return answer;
  }
};

// docs/format.md §6, the owner query, without the reasons.
inline Answer answer(const Model& model, std::string_view text, const ResolvedQuery& query) {
  std::string normalized;
  std::optional<std::uint32_t> task = resolve_task(model, text, normalized);
  if (!task) return AnswerMaker::unknown(model, query.at);
  ChosenByList chosen = weigh_entries(model, *task, query);
  RoleAssigner assigner(model);
  assigner.apply(chosen);
  return AnswerMaker::of(model, *task, query.at, chosen, assigner);
}

}  // namespace qingdan::detail
