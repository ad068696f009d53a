#pragma once

// What the check and the ledger both resolve of a directive, with errors at its place in the file.
#include <cstdint>
#include <span>

#include <qingdan/detail/model.hpp>
#include <qingdan/detail/model_phrases.hpp>
#include <qingdan/detail/owner_engine.hpp>
#include <qingdan/detail/string_hash.hpp>
#include <qingdan/directive.hpp>
#include <qingdan/error.hpp>

namespace qingdan::detail {

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

// The level an item is sent to: its `to`, or the lowest (QC003 for a level the rulebook lacks).
inline std::uint32_t item_level(const Model& model, const DirectiveItem& item) {
  if (item.to.empty()) return static_cast<std::uint32_t>(model.levels.size() - 1);
  if (auto level = model.level_index(item.to)) return *level;
  throw positioned_error(item.to_position.file, item.to_position.line, item.to_position.column,
                         Code::unknown_target_level,
                         Phrase(Message::unknown_level_for_to,
                                {{"level", item.to}, {"levels", level_phrases(model)}}));
}

inline std::uint32_t directive_jurisdiction(const Model& model, const Directive& directive) {
  return at_position(directive.jurisdiction_position,
                     [&] { return resolve_jurisdiction(model, directive.jurisdiction); });
}

inline std::uint32_t directive_mode(const Model& model, const Directive& directive) {
  return at_position(directive.mode_position, [&] { return resolve_mode(model, directive.mode); });
}

// A ledger names each directive once: the same directive given twice (a folder and a file of it)
// would count its items twice. Throws at the second.
inline void require_distinct_ids(std::span<const Directive> directives) {
  StringMap<const Directive*> first;
  for (const Directive& directive : directives) {
    auto [at, fresh] = first.emplace(directive.id, &directive);
    if (fresh) continue;
    const SourcePosition& where = directive.position;
    throw positioned_error(where.file, where.line, where.column, Code::duplicate_id,
                           Phrase(Message::directive_in_ledger_twice,
                                  {{"id", directive.id}, {"first", at->second->position.file}}));
  }
}

}  // namespace qingdan::detail
