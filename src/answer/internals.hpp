#pragma once

// What qingdan's own stages, bindings and tests reach behind the public handles: the compact
// model of a Rulebook and the placement a Villages keeps. Not installed: applications use the
// public API.
#include <qingdan/detail/model.hpp>
#include <qingdan/rulebook.hpp>
#include <qingdan/villages.hpp>

namespace qingdan::detail {

struct Internals {
  static const Model& model(const Rulebook& book) { return *book.model_; }
  static VillagePlacementCache& placement_cache(const Villages& villages) {
    return *villages.placement_cache_;
  }
};

}  // namespace qingdan::detail
