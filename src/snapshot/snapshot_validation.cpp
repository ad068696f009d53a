#include "snapshot/snapshot_validation.hpp"

#include <algorithm>
#include <cmath>
#include <set>
#include <string>
#include <type_traits>

#include <qingdan/detail/control_characters.hpp>
#include <qingdan/detail/normalize.hpp>
#include <qingdan/detail/utf8.hpp>

#include "load/model_indexes.hpp"
#include "reading/reading_form.hpp"

namespace qingdan::detail::snapshot {

namespace {

class Validator {
 public:
  Validator(const Model& model, const SnapshotReader& reader) : model_(model), reader_(reader) {}

  void run() const {
    require(!model_.levels.empty() && model_.levels.size() <= max_levels,
            "a rulebook needs 1 to 64 levels");
    require(!model_.modes.empty() && model_.modes.size() <= max_modes,
            "a rulebook needs 1 to 64 modes");
    require(model_.kinds.size() <= max_kinds, "a rulebook has at most 64 kinds of place");
    check_names(
        model_.levels, [&](std::string_view text) { return model_.level_index(text); }, "level");
    check_names(
        model_.modes, [&](std::string_view text) { return model_.mode_index(text); }, "mode");
    check_names(
        model_.kinds, [&](std::string_view text) { return model_.kind_index(text); }, "kind");
    for (const PlaceKind& kind : model_.kinds) {
      require(kind.level < model_.levels.size(), "a kind of place at a level that does not exist");
      for (const std::string& suffix : kind.suffixes) one_line(suffix);
    }
    for (const TaskRecord& task : model_.tasks)
      require(optional_index(task.category, model_.categories.size()),
              [&] { return "task " + task.id + " names a category that does not exist"; });
    for (const EditionRecord& edition : model_.editions) check_edition(edition);
    check_jurisdictions();
    for (const TestCase& test : model_.test_cases) check_test_case(test);
    check_approvals();
    check_texts();
  }

 private:
  // `what` is a string or a function that makes one, so that a valid entry builds no text.
  template <class What>
  void require(bool holds, const What& what) const {
    if (holds) return;
    if constexpr (std::is_invocable_v<What>)
      reader_.fail(what());
    else
      reader_.fail(what);
  }

  static bool optional_index(std::uint32_t index, std::size_t size) {
    return index == npos || index < size;
  }

  bool within_levels(LevelSet levels) const {
    return model_.levels.size() == max_levels || (levels >> model_.levels.size()) == 0;
  }

  bool within_modes(ModeSet modes) const {
    return model_.modes.size() == max_modes || (modes >> model_.modes.size()) == 0;
  }

  bool within_kinds(KindSet kinds) const {
    return model_.kinds.size() == max_kinds || (kinds >> model_.kinds.size()) == 0;
  }

  void check_approvals() const {
    require(model_.mode_rules.size() == model_.modes.size(), "modes without their rules");
    constexpr std::uint32_t most_days = 3650;  // as the rulebook file allows (docs/format.md §3.3)
    for (const ModeRules& rules : model_.mode_rules)
      require(
          rules.report_within_days.value_or(0) <= most_days &&
              (!rules.sunset_days || (*rules.sunset_days >= 1 && *rules.sunset_days <= most_days)),
          "a mode whose days are out of range");
    for (const ApprovalRecord& approval : model_.approvals) {
      const std::string name = "approval " + approval.id;
      require((approval.task == npos) != (approval.category == npos),
              name + " needs a task or a category");
      require(optional_index(approval.task, model_.tasks.size()) &&
                  optional_index(approval.category, model_.categories.size()),
              name + " names a task or category that does not exist");
      require(approval.jurisdiction < model_.jurisdictions.size(),
              name + " is for a jurisdiction that does not exist");
      require(approval.levels != 0 && within_levels(approval.levels),
              name + " names levels that do not exist");
      require(approval.file < model_.files.size(), name + " names a file that does not exist");
      require(!approval.until || approval.from <= *approval.until, name + " ends before it begins");
      require(!approval.max_per_month ||
                  (std::isfinite(*approval.max_per_month) && *approval.max_per_month > 0),
              name + " has a max_per_month that is not a positive number");
      one_line(approval.id);
    }
    for (const Cap& cap : model_.caps)
      require(cap.level < model_.levels.size() &&
                  static_cast<std::size_t>(cap.type) < item_type_count && cap.per_year <= 100'000,
              "a cap for a level or type that does not exist, or out of range");
  }

  void check_edition(const EditionRecord& edition) const {
    const std::string name = "edition " + edition.version;
    require(static_cast<std::size_t>(edition.list) < all_lists.size(), name + " has no list");
    require(edition.jurisdiction < model_.jurisdictions.size(),
            name + " names a jurisdiction that does not exist");
    require(edition.file < model_.files.size(), name + " names a file that does not exist");
    const bool owned = edition.list == ListKind::power || edition.list == ListKind::collaboration;
    for (const EntryRecord& entry : edition.entries) {
      auto what = [&](const char* problem) {
        return [&entry, &name, problem] { return "entry " + entry.id + " of " + name + problem; };
      };
      require((entry.task == npos) != (entry.category == npos),
              what(" names both or neither of a task and a category"));
      require(optional_index(entry.task, model_.tasks.size()) &&
                  optional_index(entry.category, model_.categories.size()),
              what(" names a task or category that does not exist"));
      require(owned ? entry.owner_level < model_.levels.size()
                    : entry.owner_level == npos || entry.owner_level < model_.levels.size(),
              what(" names an owner level that does not exist"));
      require(within_levels(entry.levels) && within_modes(entry.modes) && within_kinds(entry.kinds),
              what(" names levels, modes or kinds that do not exist"));
      require(!entry.max_per_month || *entry.max_per_month > 0,
              what(" allows a number of times a month that is not above zero"));
      require(
          !entry.statutory_frequency ||
              (edition.list == ListKind::self_governance && !is_once(*entry.statutory_frequency) &&
               std::isfinite(entry.statutory_frequency->per_month) &&
               entry.statutory_frequency->per_month > 0),
          what(" has a statutory rhythm that is not a rate above zero, or is not self-governance"));
    }
  }

  // The loader refuses control characters in names and ids, and all but line feeds and tabs in
  // longer texts: a snapshot must not bring back what a rule file cannot say.
  // A synonym or generic word as the loader accepts it: not only punctuation, and no longer
  // than a reading looks.
  std::string reading_word(const std::string& word) const {
    one_line(word);
    std::string normalized = normalize_text(word);
    require(!normalized.empty() && character_count(normalized) <= longest_reading_word,
            "a synonym or generic word that is empty or too long");
    return normalized;
  }

  void one_line(std::string_view text) const {
    require(!first_control_character(text, false), "a name with a control character");
  }
  // Every id, name and alias of a level (or mode) finds that level and no other, as loading
  // ensures.
  template <class Named, class Find>
  void check_names(const std::vector<Named>& named, Find find, const char* what) const {
    for (std::size_t i = 0; i < named.size(); ++i) {
      require(!named[i].id.empty(), [&] { return std::string("a ") + what + " without an id"; });
      auto finds_this = [&](const std::string& text) { return text.empty() || find(text) == i; };
      require(finds_this(named[i].id) && finds_this(named[i].name) &&
                  std::all_of(named[i].aliases.begin(), named[i].aliases.end(), finds_this),
              [&] { return std::string("a ") + what + " named twice: " + named[i].id; });
    }
  }

  void layout_only(std::string_view text) const {
    require(!first_control_character(text, true), "a text with a control character");
  }

  void check_texts() const {
    one_line(model_.name);
    for (const auto* named : {&model_.levels, &model_.modes})
      for (const Level& level : *named) {
        one_line(level.id), one_line(level.name);
        for (const std::string& alias : level.aliases) one_line(alias);
      }
    for (std::uint32_t node = 0; node < model_.jurisdictions.size(); ++node)
      one_line(model_.jurisdictions.node(node).name);
    for (const std::string& category : model_.categories) one_line(category);
    for (const TaskRecord& task : model_.tasks) {
      one_line(task.id);
      one_line(task.name);
      for (const std::string& alias : task.aliases) one_line(alias);
      for (const std::string& keyword : task.keywords) one_line(keyword);
    }
    // The loader's rules for reading words (QL213), so that a snapshot cannot bring back a word
    // that rewrites texts to nothing or one that means two things.
    std::set<std::string> words;
    for (const auto& group : model_.synonyms) {
      require(group.size() >= 2, "a group of synonyms of fewer than two words");
      std::set<std::string> in_group;
      for (const std::string& word : group) in_group.insert(reading_word(word));
      require(in_group.size() >= 2, "a group of synonyms of one word");
      for (const std::string& normalized : in_group)
        require(words.insert(normalized).second, "a synonym in two groups");
    }
    for (const std::string& word : model_.generic_words) reading_word(word);
    for (const EditionRecord& edition : model_.editions) {
      one_line(edition.version);
      layout_only(edition.title);
      layout_only(edition.source);
      for (const EntryRecord& entry : edition.entries) {
        one_line(entry.id);
        one_line(entry.owner_department);
        layout_only(entry.basis);
        layout_only(entry.note);
        layout_only(entry.statutory_basis);
        if (entry.statutory_frequency) one_line(entry.statutory_frequency->text);
      }
    }
    for (const TestCase& test : model_.test_cases) {
      layout_only(test.name);
      one_line(test.task);
    }
  }

  // What the loader guarantees of the tree and later code relies on: every place sits at a
  // level of the rulebook, and its name is a path segment.
  void check_jurisdictions() const {
    for (std::uint32_t node = 1; node < model_.jurisdictions.size(); ++node) {
      const auto& place = model_.jurisdictions.node(node);
      require(place.depth < model_.levels.size(),
              [&] { return "jurisdiction " + place.path + " is deeper than the levels"; });
      require(!place.name.empty() && place.name.find('/') == std::string::npos,
              [&] { return "jurisdiction " + place.path + " has no name or a name with '/'"; });
      require(place.kind == npos || model_.kinds[place.kind].level == place.depth,
              [&] { return "jurisdiction " + place.path + " has a kind of another level"; });
    }
  }

  // A test case is asked as a query and its expectation compared with the answer: every name in
  // it must be one the loader would have accepted.
  void check_test_case(const TestCase& test) const {
    auto what = [&](const char* problem) {
      return [&test, problem] { return "test " + test.name + problem; };
    };
    require(test.file < model_.files.size(), what(" names no file"));
    require(test.jurisdiction.empty() || model_.jurisdictions.locate(test.jurisdiction) != npos,
            what(" names a jurisdiction that does not exist"));
    require(test.mode.empty() || model_.mode_index(test.mode),
            what(" names a mode that does not exist"));
    require(!test.expect.owner_level || model_.level_index(*test.expect.owner_level),
            what(" expects an owner level that does not exist"));
    if (test.expect.roles)
      for (const auto& [level, role] : *test.expect.roles)
        require(model_.level_index(level).has_value(),
                what(" expects a role of a level that does not exist"));
  }

  const Model& model_;
  const SnapshotReader& reader_;
};

}  // namespace

void validate(const Model& model, const SnapshotReader& reader) { Validator(model, reader).run(); }

void rebuild_indexes(Model& model, const SnapshotReader& reader, const LoadOptions& options) {
  for (std::uint32_t index = 0; index < model.categories.size(); ++index)
    if (!index_category(model, index))
      reader.fail("category " + model.categories[index] + " given twice");
  std::size_t texts = 0;
  for (const TaskRecord& task : model.tasks) texts += task.normalized_texts.size();
  model.task_by_id.reserve(model.tasks.size());
  model.task_by_text.reserve(texts);
  model.task_by_written.reserve(texts);
  for (std::uint32_t index = 0; index < model.tasks.size(); ++index)
    if (!model.index_task(index))
      reader.fail("task " + model.tasks[index].id +
                  " repeats the id, a name or an alias of another");
  for (std::uint32_t index = 0; index < model.approvals.size(); ++index)
    if (!index_approval(model, index))
      reader.fail("approval " + model.approvals[index].id + " given twice");
  for (EditionRecord& edition : model.editions)
    for (std::uint32_t index = 0; index < edition.entries.size(); ++index)
      index_entry(edition, index);
  if (!index_editions(model).empty())
    reader.fail("two editions of one list and place start on one day");
  const std::uint64_t most = most_matches(options);
  if (index_matches(model, most) > most)
    reader.fail(
        "more entries over the tasks of their categories than LoadOptions::max_entries "
        "allows");
}

}  // namespace qingdan::detail::snapshot
