#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <qingdan/detail/messages.hpp>
#include <qingdan/language.hpp>

namespace qingdan {

// A sentence of qingdan's not yet worded: which message of the catalogue, with its named values.
// The engine returns phrases; renderers word them in the language asked for, so one loaded
// rulebook answers in English and in Chinese alike.
class Phrase {
 public:
  struct Argument;

  Phrase() = default;
  explicit Phrase(detail::Message message);
  Phrase(detail::Message message, std::vector<Argument> arguments);

  bool empty() const { return !worded_; }
  detail::Message message() const { return message_; }
  const std::vector<Argument>& arguments() const { return arguments_; }

  // The sentence in `language`; empty for an empty phrase.
  std::string in(Language language) const;

  friend bool operator==(const Phrase&, const Phrase&);

 private:
  bool worded_ = false;
  detail::Message message_{};
  std::vector<Argument> arguments_;
};

// One named value: text as written (a name, an id, a number), or phrases worded in the same
// language and joined by its list separator ("、" in Chinese, ", " in English).
struct Phrase::Argument {
  std::string name;
  std::string text;
  std::vector<Phrase> phrases;

  Argument(std::string_view key, std::string_view value) : name(key), text(value) {}
  Argument(std::string_view key, const char* value) : name(key), text(value) {}
  Argument(std::string_view key, std::string value) : name(key), text(std::move(value)) {}
  Argument(std::string_view key, Phrase value) : name(key), phrases{std::move(value)} {}
  Argument(std::string_view key, std::vector<Phrase> values)
      : name(key), phrases(std::move(values)) {}

  friend bool operator==(const Argument&, const Argument&) = default;
};

inline Phrase::Phrase(detail::Message message, std::vector<Argument> arguments)
    : worded_(true), message_(message), arguments_(std::move(arguments)) {}

inline Phrase::Phrase(detail::Message message) : worded_(true), message_(message) {}

inline bool operator==(const Phrase& a, const Phrase& b) {
  return a.worded_ == b.worded_ && a.message_ == b.message_ && a.arguments_ == b.arguments_;
}

}  // namespace qingdan
