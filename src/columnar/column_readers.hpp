#pragma once

// Reading one parameter of the owner query (task, date, place, mode) from a column of an Arrow
// batch, or from one value given for every row. The column's type is checked once, against the
// schema; a row's value is read without copying.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <nanoarrow/nanoarrow.h>

#include <qingdan/date.hpp>
#include <qingdan/detail/messages.hpp>

namespace qingdan::columnar {

// Where a parameter comes from: a column of the input, one value for every row, or nowhere (the
// query's default: the root jurisdiction, the default mode).
struct Parameter {
  enum class From : std::uint8_t { nowhere, column, value };
  From from = From::nowhere;
  std::string text;  // the column's name, or the value (a date as YYYY-MM-DD)

  static Parameter column(std::string name) { return {From::column, std::move(name)}; }
  static Parameter value(std::string value) { return {From::value, std::move(value)}; }
};

// The input column's index in the batch (a field of its struct), its type and its name.
struct ColumnType {
  std::int64_t index = -1;
  std::string name;
  ArrowType type = NANOARROW_TYPE_NA;        // NANOARROW_TYPE_DICTIONARY for a dictionary
  ArrowType value_type = NANOARROW_TYPE_NA;  // a dictionary's values; else the same as type
  ArrowTimeUnit time_unit = NANOARROW_TIME_UNIT_SECOND;
  std::int64_t utc_offset_seconds = 0;  // of a timestamp with a time zone
};

// The text of each row: utf8, large_utf8 or utf8_view, or a dictionary of one of them.
class TextColumn {
 public:
  TextColumn() = default;
  explicit TextColumn(std::string_view value) : value_(value) {}
  // The column `type` of a batch whose struct is viewed by `batch`.
  TextColumn(const ArrowArrayView& batch, const ColumnType& type);

  bool is_null(std::int64_t row) const {
    return view_ != nullptr && ArrowArrayViewIsNull(view_, row + row_offset_);
  }
  std::string_view at(std::int64_t row) const {
    if (view_ == nullptr) return value_;
    if (values_ == view_) return text_of(view_, row + row_offset_);
    return text_of(values_, dictionary_index(row));
  }
  bool has_dictionary() const { return values_ != view_; }
  // A dictionary column's index of the row's value, so that what is worked out for a value is
  // reused for every row that holds it. The caller checks it is within dictionary_size().
  std::int64_t dictionary_index(std::int64_t row) const {
    return ArrowArrayViewGetIntUnsafe(view_, row + row_offset_);
  }
  std::int64_t dictionary_size() const { return has_dictionary() ? values_->length : 0; }
  // Whether the row holds nothing: a null, a dictionary index outside the dictionary, or a null
  // value of the dictionary.
  bool holds_nothing(std::int64_t row) const {
    if (is_null(row)) return true;
    if (!has_dictionary()) return false;
    const std::int64_t index = dictionary_index(row);
    return index < 0 || index >= values_->length || ArrowArrayViewIsNull(values_, index);
  }

 private:
  static std::string_view text_of(const ArrowArrayView* view, std::int64_t index) {
    ArrowStringView text = ArrowArrayViewGetStringUnsafe(view, index);
    return {text.data, static_cast<std::size_t>(text.size_bytes)};
  }

  std::string_view value_;
  const ArrowArrayView* view_ = nullptr;
  const ArrowArrayView* values_ = nullptr;
  std::int64_t row_offset_ = 0;
};

// The date of each row: date32, date64, a timestamp (its wall date where it has a fixed time zone)
// or a text column holding YYYY-MM-DD.
class DateColumn {
 public:
  DateColumn() = default;
  explicit DateColumn(Date value) : value_(value) {}
  DateColumn(const ArrowArrayView& batch, const ColumnType& type);

  bool is_null(std::int64_t row) const;
  // Empty for a text that is not a date.
  std::optional<Date> at(std::int64_t row) const;
  // The row's value as given (a text column's text, a typed column's number), to say what is
  // wrong with it.
  std::string shown(std::int64_t row) const;

 private:
  std::optional<Date> value_;
  const ArrowArrayView* view_ = nullptr;
  TextColumn text_;
  ColumnType type_;
  std::int64_t row_offset_ = 0;
};

enum class ColumnUse : std::uint8_t { text, date, any };

// The type of column `name` in the batch schema `batch`, checked for holding `parameter` (one of
// the arrow_parameter_… messages). Throws qingdan::Error, worded in either language, when the
// column is missing or cannot hold it.
ColumnType column_type(const ArrowSchema& batch, std::string_view name, detail::Message parameter,
                       ColumnUse use);

// The index of the column `name` in `batch`; -1 when there is none.
std::int64_t column_index(const ArrowSchema& batch, std::string_view name);

}  // namespace qingdan::columnar
