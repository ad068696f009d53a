#pragma once

#include <cstddef>
#include <filesystem>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <qingdan/answer.hpp>
#include <qingdan/approvals.hpp>
#include <qingdan/decision.hpp>
#include <qingdan/diff.hpp>
#include <qingdan/directive.hpp>
#include <qingdan/ledger.hpp>
#include <qingdan/load_options.hpp>
#include <qingdan/query.hpp>
#include <qingdan/reading.hpp>
#include <qingdan/report.hpp>
#include <qingdan/rulebook_contents.hpp>
#include <qingdan/villages.hpp>

namespace qingdan {

namespace detail {
struct Model;
struct Internals;
}  // namespace detail

// A place's four lists, loaded from a rulebook folder. Immutable once loaded; copies share the
// same data, and any number of threads may query one at once.
class Rulebook {
 public:
  // Reads every rule file below `folder`; all or nothing. Throws qingdan::Error with the first
  // problem found (qingdan::lint lists them all), worded in either language by
  // Error::diagnostic().to_string(language). `folder` may also be a snapshot file written by
  // save_snapshot(): read without parsing YAML, checked against damage, same answers.
  static Rulebook load(const std::filesystem::path& folder, const LoadOptions& options = {});

  // Writes a snapshot of this rulebook (`qingdan compile`): a versioned binary file with a
  // checksum that load() reads far faster than the rule files. Replaces `file` whole.
  void save_snapshot(const std::filesystem::path& file) const;

  // Who owns `task` (an id, name or alias), with every level's role and the reasons.
  // Throws qingdan::Error for an unknown or ambiguous jurisdiction or an unknown mode.
  Decision owner(std::string_view task, const Query& query = {}) const;

  // Reads a free text, as directives word their items (docs/reading.md): exact when it is a
  // task's id, name or alias; otherwise the tasks it may mean, ranked, each with a confidence and
  // the reason, and read as the first only when it is sure and clearly ahead.
  Reading read(std::string_view text, const ReadOptions& options = {}) const;

  // owner() for many tasks at once, on one date (`at` defaults to today).
  std::vector<Decision> owners(std::span<const std::string_view> tasks,
                               const Query& query = {}) const;
  std::vector<Decision> owners(std::span<const std::string> tasks, const Query& query = {}) const;

  // The owner query without its reasons (status, task, owner, roles): no allocation, for callers
  // that ask often. Same answers as owner(); throws as owner() does.
  Answer answer(std::string_view task, const Query& query = {}) const;

  // answer() for many tasks at once, the query resolved once (`at` defaults to today).
  std::vector<Answer> answers(std::span<const std::string_view> tasks,
                              const Query& query = {}) const;
  std::vector<Answer> answers(std::span<const std::string> tasks, const Query& query = {}) const;

  // docs/format.md §8 and §9: judges every item of the directives against the lists, looks for
  // forms that collect the same data twice, and adds up the hours they put on each village. Throws
  // qingdan::Error, positioned in the directive or village file, for what cannot be checked.
  Report check(std::span<const Directive> directives, const Villages& villages,
               const CheckOptions& options = {}) const;
  Report check(std::span<const Directive> directives, const CheckOptions& options = {}) const {
    return check(directives, Villages{}, options);
  }
  Report check(const Directive& directive, const Villages& villages,
               const CheckOptions& options = {}) const {
    return check(std::span<const Directive>(&directive, 1), villages, options);
  }
  Report check(const Directive& directive, const CheckOptions& options = {}) const {
    return check(std::span<const Directive>(&directive, 1), Villages{}, options);
  }

  // docs/format.md §8.8: what the directives of a ledger put on each village, and on the villages
  // of each issuing department, in `year` and in the year before. Throws qingdan::Error,
  // positioned in the file, for a directive whose jurisdiction, mode or level is unknown, or an
  // item counted per household or person where a village lacks the figure.
  LedgerReport ledger(std::span<const Directive> directives, const Villages& villages,
                      int year) const;

  // docs/format.md §6.7: for every task, the role of a level (and the owner) at `from` and at `to`;
  // the tasks where they differ. Throws qingdan::Error for an unknown jurisdiction, level or mode.
  RulebookDiff diff(Date from, Date to, const DiffOptions& options = {}) const;

  // The approvals register (`kind: approvals`), in file order.
  std::vector<Approval> approvals() const;

  // Every edition of every list, by place in the tree's order, then by list and date.
  std::vector<Edition> editions() const;

  // The jurisdiction tree, a place before the places below it.
  std::vector<Jurisdiction> jurisdictions() const;

  // Catalogue tasks whose id, name or alias contains every word (normalised); all tasks when
  // `words` is empty. In catalogue order.
  std::vector<TaskRef> find_tasks(std::string_view words) const;

  // The full path of a jurisdiction given by path or unique suffix; throws when unknown.
  std::string jurisdiction_path(std::string_view jurisdiction) const;

  const std::string& name() const;
  // SHA-256 of the rule files, reproducible with the shell command in docs/format.md §2.3.
  const std::string& fingerprint() const;
  const std::vector<Level>& levels() const;
  // Levels top to bottom and modes, each with its id, name and aliases.
  const std::vector<Mode>& modes() const;
  std::size_t task_count() const;
  std::size_t edition_count() const;
  std::size_t entry_count() const;

  // The language a front end words this handle's answers and errors in when it is not told
  // (English unless set by speaking()). The rulebook itself speaks both: explain(language),
  // to_text(report, language), Diagnostic::to_string(language).
  Language language() const { return language_; }
  // The same rulebook, shared, with `language` as that default.
  Rulebook speaking(Language language) const { return Rulebook(model_, language); }

 private:
  friend struct detail::Internals;  // qingdan's own stages reach the model
                                    // (src/answer/internals.hpp)

  explicit Rulebook(std::shared_ptr<const detail::Model> model, Language language = Language::en)
      : model_(std::move(model)), language_(language) {}
  std::shared_ptr<const detail::Model> model_;
  Language language_ = Language::en;
};

}  // namespace qingdan
