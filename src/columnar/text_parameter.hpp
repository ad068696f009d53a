#pragma once

// A text parameter of a columnar query (a task, a place, a mode, a free text to read), worked
// out once for each distinct text: per dictionary index for a dictionary column (for the batch),
// else per text (for the stream, up to a bound), or once for a value given for every row.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <qingdan/detail/messages.hpp>
#include <qingdan/detail/string_hash.hpp>

#include "columnar/column_readers.hpp"

namespace qingdan::columnar {

template <class Resolved>
class TextParameter {
 public:
  // `resolve_value` works out a value given for every row; it throws qingdan::Error if the
  // value names nothing: a wrong value for every row is the caller's mistake, not a row's.
  // `empty_is_missing`: an empty text names nothing (a task, a place), as CSV readers write an
  // empty cell as either null or "".
  template <class ResolveValue>
  TextParameter(const Parameter& parameter, detail::Message name, bool empty_is_missing,
                ResolveValue&& resolve_value)
      : parameter_(parameter), name_(name), empty_is_missing_(empty_is_missing) {
    if (parameter.from == Parameter::From::value) fixed_ = resolve_value(parameter.text);
    if (parameter.from == Parameter::From::nowhere) fixed_ = Resolved{};
  }

  bool from_column() const { return parameter_.from == Parameter::From::column; }
  detail::Message name() const { return name_; }
  const std::string& column_name() const { return parameter_.text; }

  // Checks the column's type in the input's schema; the column's type for start_batch().
  void find_column(const ArrowSchema& input) {
    if (from_column()) type_ = column_type(input, parameter_.text, name_, ColumnUse::text);
  }

  void start_batch(const ArrowArrayView& batch) {
    if (!from_column()) return;
    column_ = TextColumn(batch, type_);
    by_index_.assign(static_cast<std::size_t>(column_.dictionary_size()), std::nullopt);
  }

  bool is_missing(std::int64_t row) const {
    if (!from_column()) return false;
    return column_.holds_nothing(row) || (empty_is_missing_ && column_.at(row).empty());
  }
  std::string_view text(std::int64_t row) const { return column_.at(row); }
  // Whether the row's text is read as such (not from a dictionary, not a value for every row).
  bool by_text() const { return from_column() && !column_.has_dictionary(); }

  // What the row's text resolves to; `resolve` works it out the first time a text is seen.
  template <class Resolve>
  const Resolved& at(std::int64_t row, Resolve&& resolve) {
    if (fixed_) return *fixed_;
    if (column_.has_dictionary()) {
      std::optional<Resolved>& slot =
          by_index_[static_cast<std::size_t>(column_.dictionary_index(row))];
      if (!slot) slot = resolve(column_.at(row));
      return *slot;
    }
    const std::string_view text = column_.at(row);
    if (auto found = by_text_.find(text); found != by_text_.end()) return found->second;
    if (by_text_.size() >= max_texts) by_text_.clear();
    return by_text_.emplace(std::string(text), resolve(text)).first->second;
  }

 private:
  static constexpr std::size_t max_texts = 1 << 16;

  Parameter parameter_;
  detail::Message name_;
  bool empty_is_missing_;
  ColumnType type_;
  std::optional<Resolved> fixed_;
  TextColumn column_;
  std::vector<std::optional<Resolved>> by_index_;
  detail::StringMap<Resolved> by_text_;
};

}  // namespace qingdan::columnar
