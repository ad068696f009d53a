#pragma once

// Levels, modes and kinds of place of a loaded rulebook as phrases name them: "village (村居)".
#include <algorithm>
#include <cstdint>
#include <vector>

#include <qingdan/detail/model.hpp>
#include <qingdan/detail/phrases.hpp>

namespace qingdan::detail {

inline Phrase level_phrase(const Model& model, std::uint32_t level) {
  return level_phrase(model.levels[level].id, model.levels[level].name);
}

inline Phrase mode_phrase(const Model& model, std::uint32_t mode) {
  return level_phrase(model.modes[mode].id, model.modes[mode].name);
}

inline Phrase kind_phrase(const Model& model, std::uint32_t kind) {
  return level_phrase(model.kinds[kind].id, model.kinds[kind].name);
}

inline std::vector<Phrase> kind_phrases(const Model& model, KindSet kinds) {
  std::vector<Phrase> phrases;
  for (std::uint32_t k = 0; k < model.kinds.size(); ++k)
    if ((kinds >> k) & 1U) phrases.push_back(kind_phrase(model, k));
  return phrases;
}

// The kinds of a set, top down as their levels order them: a place's own and those above it.
inline std::vector<Level> kinds_top_down(const Model& model, KindSet kinds) {
  std::vector<std::uint32_t> ordered;
  for (std::uint32_t k = 0; k < model.kinds.size(); ++k)
    if ((kinds >> k) & 1U) ordered.push_back(k);
  std::stable_sort(ordered.begin(), ordered.end(), [&](std::uint32_t a, std::uint32_t b) {
    return model.kinds[a].level < model.kinds[b].level;
  });
  std::vector<Level> named;
  for (std::uint32_t k : ordered) named.push_back(model.kinds[k]);
  return named;
}

inline Phrase kind_chain(const Model& model, KindSet kinds) {
  return kind_chain(kinds_top_down(model, kinds));
}

// The levels in `levels` (every level by default), top to bottom.
inline std::vector<Phrase> level_phrases(const Model& model, LevelSet levels = ~LevelSet{0}) {
  std::vector<Phrase> phrases;
  for (std::uint32_t i = 0; i < model.levels.size(); ++i)
    if ((levels >> i) & 1U) phrases.push_back(level_phrase(model, i));
  return phrases;
}

// The modes in `modes` (every mode by default), in the rulebook's order.
inline std::vector<Phrase> mode_phrases(const Model& model, ModeSet modes = 0) {
  std::vector<Phrase> phrases;
  for (std::uint32_t i = 0; i < model.modes.size(); ++i)
    if (mode_applies(modes, i)) phrases.push_back(mode_phrase(model, i));
  return phrases;
}

}  // namespace qingdan::detail
