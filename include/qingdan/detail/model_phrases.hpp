#pragma once

// Levels and modes of a loaded rulebook as phrases name them: "village (村居)".
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
