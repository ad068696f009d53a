#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace qingdan::serve {

// What the server answers at, one per path; `other` counts requests for paths it has not.
enum class Route : std::uint8_t {
  page,
  openapi,
  healthz,
  readyz,
  metrics,
  owner,
  owners,
  check,
  tasks,
  rulebook,
  reload,
  other,
  count
};

inline constexpr std::size_t route_count = static_cast<std::size_t>(Route::count);

inline constexpr std::array<std::string_view, route_count> route_paths{
    "/",          "/openapi.json", "/healthz",  "/readyz",      "/metrics",         "/v1/owner",
    "/v1/owners", "/v1/check",     "/v1/tasks", "/v1/rulebook", "/v1/admin/reload", "other"};

inline constexpr std::string_view path_of(Route route) {
  return route_paths[static_cast<std::size_t>(route)];
}

inline Route route_of(std::string_view path) {
  for (std::size_t i = 0; i + 1 < route_count; ++i)
    if (route_paths[i] == path) return static_cast<Route>(i);
  return Route::other;
}

}  // namespace qingdan::serve
