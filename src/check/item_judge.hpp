#pragma once

// docs/format.md §8.4 (and docs/reading.md): the findings of one directive item on the task it
// names or is read as.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <qingdan/detail/owner_engine.hpp>

#include <qingdan/directive.hpp>
#include <qingdan/reading.hpp>
#include <qingdan/report.hpp>
#include "answer/decide.hpp"

namespace qingdan::detail {

// Where and how a directive's items are judged: resolved once per directive.
struct DirectiveContext {
  const Directive& directive;
  std::uint32_t jurisdiction;
  std::uint32_t mode;
};

class ItemJudge {
 public:
  ItemJudge(const Model& model, const DirectiveContext& context, const CheckOptions& options,
            std::vector<Finding>& findings);

  // Judges item `index` (0-based) sent to `level`: QD001-QD007 and QD012-QD014. Returns how its
  // task text was read.
  Reading judge(std::size_t index, std::uint32_t level);

  // Whether a decision an item was judged on rests on an illustrative edition.
  bool rested_on_illustrative() const { return illustrative_; }

 private:
  // One item being judged, and what it rests on.
  struct Judged {
    const DirectiveItem& item;
    ItemRef ref;
    std::uint32_t level;
    const Reading& reading;
    const Decision& decision;
    const DecisionBasis& basis;
    const ResolvedQuery& query;
    Phrase task;            // the task as findings name it, with how it was read
    bool approved = false;  // a cited approval covers the item
  };

  // The places that receive an item sent to one level below the directive's jurisdiction (those
  // at the level, and those of branches that stop above it), grouped by their kinds: where the
  // lists say one thing for streets and another for towns, the item is judged for each group.
  struct KindGroup {
    KindSet kinds = 0;
    std::vector<std::uint32_t> places;
  };
  const std::vector<KindGroup>& kind_groups(std::uint32_t level);
  bool differs_by_kind(const Reading& reading, std::string_view task) const;
  void judge_at(std::size_t index, std::uint32_t level, const Reading& reading,
                const ResolvedQuery& query);
  void judge_each_group(std::size_t index, std::uint32_t level, const Reading& reading,
                        const std::vector<KindGroup>& groups);
  Phrase in_places(const Phrase& message, const KindGroup& group) const;

  Reading read(const std::string& text) const;
  void add(const Judged& judged, FindingCode code, Phrase message,
           std::vector<EntryRef> entries = {}, std::vector<TaskRef> suggestions = {});
  Phrase cite(const Chosen& chosen) const;
  Phrase who(std::uint32_t level) const;

  bool judge_approval(const Judged& judged);  // QD015
  Phrase approval_needed(const Judged& judged) const;
  void judge_role(const Judged& judged, bool probably_forbidden);  // QD001, QD006, QD002, QD003
  void judge_collaboration(const Judged& judged);                  // QD004, QD005, QD007
  bool judge_candidates(const Judged& judged);                     // QD012
  void judge_issuer(const Judged& judged);                         // QD013
  void judge_self_governance(const Judged& judged);                // QD014

  const Model& model_;
  const DirectiveContext& context_;
  const CheckOptions& options_;
  std::vector<Finding>& findings_;
  std::vector<Finding>* sink_ = nullptr;  // where add() puts findings: findings_ or one group's
  ResolvedQuery query_;
  bool illustrative_ = false;
  std::vector<std::optional<std::vector<KindGroup>>> kind_groups_;  // by level, once asked
};

// QD017: a directive in a mode whose measures must end within some days, with recurring items
// that run past them.
void judge_sunset(const Model& model, const DirectiveContext& context,
                  std::vector<Finding>& findings);

}  // namespace qingdan::detail
