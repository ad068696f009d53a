#include "columnar/column_readers.hpp"

#include <array>
#include <charconv>
#include <chrono>
#include <vector>

#include <qingdan/error.hpp>

namespace qingdan::columnar {

namespace {

using detail::Message;

// A column of type null (all its rows null, as pyarrow types a column of Nones) holds any
// parameter: every row of it is missing.
bool holds_text(ArrowType type) {
  return type == NANOARROW_TYPE_STRING || type == NANOARROW_TYPE_LARGE_STRING ||
         type == NANOARROW_TYPE_STRING_VIEW || type == NANOARROW_TYPE_NA;
}

bool holds_date(ArrowType type) {
  return type == NANOARROW_TYPE_DATE32 || type == NANOARROW_TYPE_DATE64 ||
         type == NANOARROW_TYPE_TIMESTAMP || holds_text(type);
}

// Time zones whose offset from UTC does not change with the date: UTC, a written offset, and the
// zones of China, which has kept +08:00 without summer time since 1991.
std::optional<std::int64_t> fixed_offset_seconds(std::string_view zone) {
  if (zone.empty() || zone == "UTC" || zone == "Etc/UTC" || zone == "Z" || zone == "GMT") return 0;
  constexpr std::array<std::string_view, 4> china{"Asia/Shanghai", "Asia/Chongqing", "Asia/Harbin",
                                                  "PRC"};
  for (std::string_view name : china)
    if (zone == name) return 8 * 3600;
  if (zone.size() != 6 || (zone[0] != '+' && zone[0] != '-') || zone[3] != ':') return std::nullopt;
  int hours = 0, minutes = 0;
  const char* begin = zone.data();
  if (std::from_chars(begin + 1, begin + 3, hours).ec != std::errc{} ||
      std::from_chars(begin + 4, begin + 6, minutes).ec != std::errc{} || hours > 23 ||
      minutes > 59)
    return std::nullopt;
  const std::int64_t seconds = hours * 3600 + minutes * 60;
  return zone[0] == '-' ? -seconds : seconds;
}

std::int64_t floor_divide(std::int64_t value, std::int64_t by) {
  std::int64_t quotient = value / by;
  if ((value % by != 0) && ((value < 0) != (by < 0))) --quotient;
  return quotient;
}

std::int64_t units_per_second(ArrowTimeUnit unit) {
  switch (unit) {
    case NANOARROW_TIME_UNIT_SECOND: return 1;
    case NANOARROW_TIME_UNIT_MILLI: return 1'000;
    case NANOARROW_TIME_UNIT_MICRO: return 1'000'000;
    case NANOARROW_TIME_UNIT_NANO: return 1'000'000'000;
  }
  return 1;
}

// A day counted from 1970-01-01, within the years 1000–9999 that an ISO date can write.
std::optional<Date> date_of_day(std::int64_t days_since_epoch) {
  constexpr std::int64_t first = -354'285, last = 2'932'896;  // 1000-01-01, 9999-12-31
  if (days_since_epoch < first || days_since_epoch > last) return std::nullopt;
  return Date{std::chrono::sys_days{std::chrono::days{days_since_epoch}}};
}

std::string names_of(const ArrowSchema& batch) {
  std::string names;
  for (std::int64_t i = 0; i < batch.n_children; ++i) {
    if (i > 0) names += ", ";
    names += batch.children[i]->name == nullptr ? "" : batch.children[i]->name;
  }
  return names;
}

}  // namespace

std::int64_t column_index(const ArrowSchema& batch, std::string_view name) {
  for (std::int64_t i = 0; i < batch.n_children; ++i)
    if (batch.children[i]->name != nullptr && name == batch.children[i]->name) return i;
  return -1;
}

ColumnType column_type(const ArrowSchema& batch, std::string_view name, Message parameter,
                       ColumnUse use) {
  ColumnType column;
  column.name = name;
  column.index = column_index(batch, name);
  if (column.index < 0)
    throw usage_error(detail::Code::arrow_column_missing,
                      Phrase(Message::arrow_column_missing, {{"column", name},
                                                             {"parameter", Phrase(parameter, {})},
                                                             {"columns", names_of(batch)}}));
  const ArrowSchema& field = *batch.children[column.index];
  if (use == ColumnUse::any) return column;
  ArrowSchemaView view;
  ArrowError error;
  if (ArrowSchemaViewInit(&view, &field, &error) != NANOARROW_OK)
    throw usage_error(detail::Code::arrow_column_type, ArrowErrorMessage(&error));
  column.type = view.type;
  column.value_type = view.type;
  if (view.type == NANOARROW_TYPE_DICTIONARY) {
    ArrowSchemaView values;
    if (field.dictionary == nullptr ||
        ArrowSchemaViewInit(&values, field.dictionary, &error) != NANOARROW_OK)
      throw usage_error(detail::Code::arrow_column_type, ArrowErrorMessage(&error));
    column.value_type = values.type;
  }
  const bool fits = use == ColumnUse::text ? holds_text(column.value_type)
                                           : holds_date(column.value_type) &&
                                                 (column.type != NANOARROW_TYPE_DICTIONARY ||
                                                  holds_text(column.value_type));
  if (!fits) {
    std::string type = ArrowTypeString(column.type);
    if (column.type == NANOARROW_TYPE_DICTIONARY)
      type += std::string("<") + ArrowTypeString(column.value_type) + ">";
    throw usage_error(
        detail::Code::arrow_column_type,
        Phrase(Message::arrow_column_type,
               {{"column", name},
                {"type", type},
                {"parameter", Phrase(parameter, {})},
                {"accepted", Phrase(use == ColumnUse::text ? Message::arrow_types_text
                                                           : Message::arrow_types_date,
                                    {})}}));
  }
  if (column.type == NANOARROW_TYPE_TIMESTAMP) {
    column.time_unit = view.time_unit;
    const std::string_view zone = view.timezone == nullptr ? "" : view.timezone;
    auto offset = fixed_offset_seconds(zone);
    if (!offset)
      throw usage_error(detail::Code::arrow_time_zone,
                        Phrase(Message::arrow_time_zone, {{"column", name}, {"zone", zone}}));
    column.utc_offset_seconds = *offset;
  }
  return column;
}

TextColumn::TextColumn(const ArrowArrayView& batch, const ColumnType& type)
    : view_(batch.children[type.index]), row_offset_(batch.offset) {
  values_ = type.type == NANOARROW_TYPE_DICTIONARY ? view_->dictionary : view_;
}

DateColumn::DateColumn(const ArrowArrayView& batch, const ColumnType& type)
    : view_(batch.children[type.index]), type_(type), row_offset_(batch.offset) {
  if (holds_text(type.value_type)) text_ = TextColumn(batch, type);
}

bool DateColumn::is_null(std::int64_t row) const {
  if (view_ == nullptr) return false;
  if (text_.has_dictionary()) return text_.holds_nothing(row);
  return ArrowArrayViewIsNull(view_, row + row_offset_);
}

std::string DateColumn::shown(std::int64_t row) const {
  if (view_ == nullptr || holds_text(type_.value_type)) return std::string(text_.at(row));
  return std::to_string(ArrowArrayViewGetIntUnsafe(view_, row + row_offset_));
}

std::optional<Date> DateColumn::at(std::int64_t row) const {
  if (view_ == nullptr) return value_;
  const std::int64_t index = row + row_offset_;
  switch (type_.type) {
    case NANOARROW_TYPE_DATE32: return date_of_day(ArrowArrayViewGetIntUnsafe(view_, index));
    case NANOARROW_TYPE_DATE64:
      return date_of_day(floor_divide(ArrowArrayViewGetIntUnsafe(view_, index), 86'400'000));
    case NANOARROW_TYPE_TIMESTAMP: {
      const std::int64_t seconds =
          floor_divide(ArrowArrayViewGetIntUnsafe(view_, index), units_per_second(type_.time_unit));
      // the day and the second within it first, so that adding the offset cannot overflow
      const std::int64_t day = floor_divide(seconds, 86'400);
      std::int64_t second = seconds % 86'400;
      if (second < 0) second += 86'400;
      return date_of_day(day + floor_divide(second + type_.utc_offset_seconds, 86'400));
    }
    default: return parse_iso_date(text_.at(row));
  }
}

}  // namespace qingdan::columnar
