#pragma once

// The small phrases the engine builds its findings and explanations from: texts as written,
// levels with their names, roles and lists; worded only when rendered.
#include <charconv>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <qingdan/detail/messages.hpp>
#include <qingdan/detail/spelling.hpp>
#include <qingdan/four_lists.hpp>
#include <qingdan/phrase.hpp>

namespace qingdan::detail {

// A text as written, never translated: a name, an id, a path.
inline Phrase verbatim(std::string_view text) {
  return Phrase(Message::verbatim, {{"text", text}});
}

// Texts as written, as a list the renderer joins with its language's separator.
template <class Texts>
std::vector<Phrase> verbatim_list(const Texts& texts) {
  std::vector<Phrase> phrases;
  for (const auto& text : texts) phrases.push_back(verbatim(text));
  return phrases;
}

// A level as messages name it: "village (村居)", "村居（village）".
// Four significant digits, as printf's %.4g writes them.
inline std::string number_text(double value) {
  char text[32];
  auto written = std::to_chars(text, text + sizeof text, value, std::chars_format::general, 4);
  return std::string(text, written.ptr);
}

// A jurisdiction's full path as findings name it; the root's empty path is the whole rulebook.
inline Phrase place_phrase(std::string_view path) {
  return path.empty() ? Phrase(Message::whole_rulebook, {}) : verbatim(path);
}

inline Phrase level_phrase(std::string_view id, std::string_view name) {
  if (name.empty() || name == id) return verbatim(id);
  return Phrase(Message::level_named, {{"id", id}, {"name", name}});
}

// Kinds of place from the top down, each within the one above: "镇（township）下的村（rural）",
// "rural (村) in township (镇)"; empty for none.
template <class Kinds>
Phrase kind_chain(const Kinds& top_down) {
  Phrase chain;
  for (const Level& kind : top_down)
    chain = chain.empty() ? level_phrase(kind.id, kind.name)
                          : Phrase(Message::kind_within,
                                   {{"outer", chain}, {"inner", level_phrase(kind.id, kind.name)}});
  return chain;
}

inline Phrase role_phrase(Role role) {
  constexpr Message words[] = {Message::role_owns, Message::role_self_governs,
                               Message::role_assists, Message::role_forbidden};
  return Phrase(words[static_cast<std::size_t>(role)], {});
}

inline Phrase list_phrase(ListKind list) {
  constexpr Message words[] = {Message::list_power, Message::list_self_governance,
                               Message::list_collaboration, Message::list_negative};
  return Phrase(words[static_cast<std::size_t>(list)], {});
}

// " (did you mean 'x'?)", or an empty phrase when nothing is close enough.
template <class Candidates>
Phrase did_you_mean_phrase(std::string_view word, const Candidates& candidates) {
  auto guess = did_you_mean(word, candidates);
  return guess ? Phrase(Message::did_you_mean, {{"guess", *guess}}) : Phrase();
}

// " (TEXT)", or an empty phrase for an empty text.
inline Phrase parenthesised(std::string_view text) {
  return text.empty() ? Phrase() : Phrase(Message::parenthesised, {{"text", text}});
}

// One phrase after the other, as one sentence.
inline Phrase then(Phrase first, Phrase second) {
  return Phrase(Message::concatenated,
                {{"first", std::move(first)}, {"second", std::move(second)}});
}

}  // namespace qingdan::detail
