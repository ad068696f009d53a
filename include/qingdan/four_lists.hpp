#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace qingdan {

// The four lists, in the order a decision consults them.
enum class ListKind : std::uint8_t { power, self_governance, collaboration, negative };

inline constexpr std::array<ListKind, 4> all_lists{ListKind::power, ListKind::self_governance,
                                                   ListKind::collaboration, ListKind::negative};

// What a level does for a task.
enum class Role : std::uint8_t { owns, self_governs, assists, forbidden };

// A level of government, or a mode: its id, the name users read (村居, 战时) and other names
// users may write for it (村, 社区); any of them names it in a rule file, a directive or a query.
struct Level {
  std::string id{};
  std::string name{};
  std::vector<std::string> aliases{};
  friend bool operator==(const Level&, const Level&) = default;
};
using Mode = Level;

inline constexpr std::string_view to_string(ListKind list) {
  constexpr std::array<std::string_view, 4> keys{"power", "self_governance", "collaboration",
                                                 "negative"};
  return keys[static_cast<std::size_t>(list)];
}

inline constexpr std::string_view to_string(Role role) {
  constexpr std::array<std::string_view, 4> keys{"owns", "self_governs", "assists", "forbidden"};
  return keys[static_cast<std::size_t>(role)];
}

inline constexpr std::optional<ListKind> list_kind_from(std::string_view key) {
  for (ListKind list : all_lists)
    if (to_string(list) == key) return list;
  return std::nullopt;
}

inline constexpr std::optional<Role> role_from(std::string_view key) {
  for (Role role : {Role::owns, Role::self_governs, Role::assists, Role::forbidden})
    if (to_string(role) == key) return role;
  return std::nullopt;
}

}  // namespace qingdan
