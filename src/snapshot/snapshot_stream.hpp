#pragma once

// The byte layer of snapshots: fixed-width little-endian numbers, length-prefixed strings,
// counted sequences. SnapshotWriter appends; SnapshotReader checks every read against the bytes
// left, so a damaged or hostile snapshot ends in SnapshotDamaged, never in a read past the end
// or an allocation larger than the file.
#include <bit>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include <qingdan/date.hpp>
#include <qingdan/decision.hpp>
#include <qingdan/four_lists.hpp>

#include "load/source_text.hpp"

namespace qingdan::detail {

static_assert(std::endian::native == std::endian::little,
              "snapshots are little-endian; a big-endian build needs byte swapping here");

// What is wrong with a snapshot's payload, and at which byte offset.
struct SnapshotDamaged : std::runtime_error {
  SnapshotDamaged(std::size_t at, const std::string& what) : std::runtime_error(what), offset(at) {}
  std::size_t offset;
};

// How many values each enumeration a snapshot stores has: a stored value outside them is damage.
// An enumeration without a count here cannot be read from a snapshot (the reader does not compile),
// so no code downstream ever meets a value its switch or table does not know.
template <class Enum>
inline constexpr std::size_t enum_values = 0;
template <>
inline constexpr std::size_t enum_values<ListKind> = all_lists.size();
template <>
inline constexpr std::size_t enum_values<Role> = 4;
template <>
inline constexpr std::size_t enum_values<Status> = 3;
template <>
inline constexpr std::size_t enum_values<ItemType> = item_type_count;

class SnapshotWriter {
 public:
  template <class Number>
  requires std::is_arithmetic_v<Number> || std::is_enum_v<Number>
  void io(Number value) { bytes_.append(reinterpret_cast<const char*>(&value), sizeof value); }
  void io(bool value) { io(static_cast<std::uint8_t>(value)); }
  void io(const std::string& text) {
    io(static_cast<std::uint32_t>(text.size()));
    bytes_ += text;
  }
  void io(Date date) { io(std::chrono::sys_days{date}.time_since_epoch().count()); }
  void io(const RoleMap& roles) {
    io(static_cast<std::uint32_t>(roles.size()));
    for (const auto& [level, role] : roles) {
      io(level);
      io(role);
    }
  }
  void io(const Frequency& frequency) {
    io(frequency.text);
    io(frequency.per_month);
  }
  template <class T>
  void io(const std::optional<T>& value) {
    io(value.has_value());
    if (value) io(*value);
  }
  // A sequence: its size, then each element written by `write(element)`.
  template <class T, class Write>
  void io_each(const std::vector<T>& elements, Write write) {
    io(static_cast<std::uint32_t>(elements.size()));
    for (const T& element : elements) write(element);
  }
  template <class T>
  void io_each(const std::vector<T>& elements) {
    io_each(elements, [&](const T& element) { io(element); });
  }

  std::string take() { return std::move(bytes_); }

 private:
  std::string bytes_;
};

class SnapshotReader {
 public:
  explicit SnapshotReader(std::string_view bytes) : bytes_(bytes) {}

  template <class Number>
  requires std::is_arithmetic_v<Number>
  void io(Number& value) {
    std::memcpy(&value, take(sizeof value).data(), sizeof value);
    if constexpr (std::is_floating_point_v<Number>)
      if (!std::isfinite(value)) fail("a number that is not finite");
  }
  template <class Enum>
  requires std::is_enum_v<Enum>
  void io(Enum& value) {
    static_assert(enum_values<Enum> > 0, "give enum_values a count for this enumeration");
    std::underlying_type_t<Enum> stored{};
    io(stored);
    if (static_cast<std::size_t>(stored) >= enum_values<Enum>)
      fail("a value of " + std::to_string(+stored) + " outside its enumeration");
    value = static_cast<Enum>(stored);
  }
  void io(bool& value) {
    std::uint8_t byte = 0;
    io(byte);
    if (byte > 1) fail("a flag that is neither 0 nor 1");
    value = byte == 1;
  }
  void io(std::string& text) {
    std::uint32_t size = 0;
    io(size);
    const std::size_t start = at_;
    text.assign(take(size));
    if (auto invalid = first_invalid_utf8(text))
      throw SnapshotDamaged(start + *invalid, "text that is not UTF-8");
  }
  void io(Date& date) {
    std::chrono::sys_days::rep days = 0;
    io(days);
    date = Date{std::chrono::sys_days{std::chrono::days{days}}};
    if (!date.ok()) fail("an impossible date");
  }
  void io(RoleMap& roles) {
    std::vector<RoleMap::value_type> read;
    io_each(read, [&](RoleMap::value_type& role) {
      io(role.first);
      io(role.second);
    });
    roles = RoleMap();
    for (auto& [level, role] : read) roles.add(std::move(level), role);
  }
  void io(Frequency& frequency) {
    io(frequency.text);
    io(frequency.per_month);
  }
  template <class T>
  void io(std::optional<T>& value) {
    bool present = false;
    io(present);
    value.reset();
    if (present) io(value.emplace());
  }
  // A sequence written by io_each; each element is read by `read(element)`. A count is never
  // trusted for an allocation: numbers are fixed-width, so their count is checked against the
  // bytes left before the vector is sized; records grow the vector one read element at a time,
  // so memory stays in proportion to the bytes actually read, whatever the count claims.
  template <class T, class Read>
  void io_each(std::vector<T>& elements, Read read) {
    std::uint32_t count = 0;
    io(count);
    elements.clear();
    if constexpr (std::is_arithmetic_v<T>) {
      if (std::uint64_t{count} * sizeof(T) > left())
        fail("a count of " + std::to_string(count) + " beyond the end");
      elements.resize(count);
      for (T& element : elements) read(element);
    } else {
      if (count > left()) fail("a count of " + std::to_string(count) + " beyond the end");
      for (std::uint32_t i = 0; i < count; ++i) read(elements.emplace_back());
    }
  }
  template <class T>
  void io_each(std::vector<T>& elements) {
    io_each(elements, [&](T& element) { io(element); });
  }

  std::size_t left() const { return bytes_.size() - at_; }
  std::size_t offset() const { return at_; }
  [[noreturn]] void fail(const std::string& what) const { throw SnapshotDamaged(at_, what); }

 private:
  std::string_view take(std::size_t size) {
    if (size > left()) fail("the data ends early");
    std::string_view part = bytes_.substr(at_, size);
    at_ += size;
    return part;
  }

  std::string_view bytes_;
  std::size_t at_ = 0;
};

}  // namespace qingdan::detail
