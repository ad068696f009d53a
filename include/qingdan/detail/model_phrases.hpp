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

// A place's kinds from the top down, each within the one above: "村（rural）" under a 镇 reads
// "镇（township）下的村（rural）", "rural (村) in township (镇)".
inline Phrase kind_chain(const Model& model, KindSet kinds) {
  std::vector<std::uint32_t> ordered;
  for (std::uint32_t k = 0; k < model.kinds.size(); ++k)
    if ((kinds >> k) & 1U) ordered.push_back(k);
  std::stable_sort(ordered.begin(), ordered.end(), [&](std::uint32_t a, std::uint32_t b) {
    return model.kinds[a].level < model.kinds[b].level;
  });
  Phrase chain;
  for (std::uint32_t k : ordered)
    chain = chain.empty() ? kind_phrase(model, k)
                          : Phrase(Message::kind_within,
                                   {{"outer", chain}, {"inner", kind_phrase(model, k)}});
  return chain;
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
