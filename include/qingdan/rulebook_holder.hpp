#pragma once

#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <utility>

#include <qingdan/error.hpp>
#include <qingdan/rulebook.hpp>

namespace qingdan {

// Holds the rulebook a long-running service answers from, and swaps in a new one atomically.
// Readers take `current()` once per request and keep it for the whole request: a reload never
// changes a rulebook under a reader, and a reader never sees a half-loaded one. A reload that
// fails leaves the rulebook in service as it was and returns the error.
class RulebookHolder {
 public:
  // Empty: current() is null until a rulebook is placed (a server that loads after it listens).
  RulebookHolder() = default;
  explicit RulebookHolder(Rulebook initial)
      : current_(std::make_shared<const Rulebook>(std::move(initial))) {}

  std::shared_ptr<const Rulebook> current() const {
    std::lock_guard lock(mutex_);
    return current_;
  }

  void replace(Rulebook next) {
    auto replacement = std::make_shared<const Rulebook>(std::move(next));
    std::lock_guard lock(mutex_);
    current_.swap(replacement);
  }  // the old rulebook is released here, or by its last reader

  // Loads `folder` (outside the lock) and swaps it in; on failure returns the error.
  std::optional<Error> reload(const std::filesystem::path& folder,
                              const LoadOptions& options = {}) {
    try {
      replace(Rulebook::load(folder, options));
      return std::nullopt;
    } catch (const Error& error) {
      return error;
    }
  }

 private:
  mutable std::mutex mutex_;
  std::shared_ptr<const Rulebook> current_;
};

}  // namespace qingdan
