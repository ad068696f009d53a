#include "load/assemble.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>
#include <utility>

#include <qingdan/detail/model_phrases.hpp>
#include <qingdan/detail/normalize.hpp>
#include <qingdan/detail/owner_engine.hpp>
#include <qingdan/detail/spelling.hpp>
#include <qingdan/detail/utf8.hpp>
#include <qingdan/error.hpp>

#include "load/model_indexes.hpp"
#include "load/parallel.hpp"
#include "reading/reading_form.hpp"

namespace qingdan::detail {

namespace {

class Assembler {
 public:
  Assembler(RawRules& raw, Model& model, const std::vector<std::string>& display_files,
            const std::string& display_folder, const LoadOptions& options, Diagnostics& diagnostics)
      : raw_(raw),
        model_(model),
        display_files_(display_files),
        display_folder_(display_folder),
        options_(options),
        diagnostics_(diagnostics) {}

  void run() {
    const std::size_t errors_before = diagnostics_.error_count();
    if (!read_rulebook_header()) return;
    read_tasks();
    for (RawEdition& edition : raw_.editions) read_edition(edition);
    index_editions();
    index_matches();
    for (const RawApproval& approval : raw_.approvals) read_approval(approval);
    // Once an error may have cost the rulebook entries, a test case's expected entries are not
    // looked for: the error that lost them is the one to report, not one more for each case.
    entries_complete_ = !raw_.incomplete && diagnostics_.error_count() == errors_before &&
                        errors_before < Diagnostics::max_listed;
    for (RawTestCase& test : raw_.test_cases) read_test_case(test);
  }

 private:
  void error(std::uint32_t file, Position at, Code code, Message id,
             std::vector<Phrase::Argument> arguments = {}) {
    diagnostics_.error(display_files_[file], at, code, id, std::move(arguments));
  }
  void warning(std::uint32_t file, Position at, Code code, Message id,
               std::vector<Phrase::Argument> arguments = {}) {
    diagnostics_.warning(display_files_[file], at, code, id, std::move(arguments));
  }
  std::string where(std::uint32_t file, Position at) const {
    return display_files_[file] + ':' + std::to_string(at.line);
  }

  bool read_rulebook_header() {
    if (raw_.rulebooks.empty()) {
      diagnostics_.error(display_folder_, {}, Code::rulebook_file_count, Message::no_rulebook_file);
      return false;
    }
    for (std::size_t i = 1; i < raw_.rulebooks.size(); ++i)
      error(raw_.rulebooks[i].file, raw_.rulebooks[i].position, Code::rulebook_file_count,
            Message::second_rulebook_file, {{"first", display_files_[raw_.rulebooks[0].file]}});
    const std::size_t errors_before = diagnostics_.error_count();
    RawRulebookFile& header = raw_.rulebooks[0];
    model_.name = header.name;

    add_named(header.file, header.levels, model_.levels, Message::duplicate_level_id);
    if (model_.levels.size() < 2 || model_.levels.size() > max_levels)
      error(header.file, header.levels_position, Code::wrong_type, Message::levels_out_of_range,
            {{"count", std::to_string(model_.levels.size())}});

    add_named(header.file, header.modes, model_.modes, Message::duplicate_mode);
    if (model_.modes.empty()) model_.modes.push_back(Mode{"normal", {}, {}});
    model_.mode_rules.resize(model_.modes.size());
    for (const RawMode& raw : header.modes)
      if (auto index = model_.mode_index(raw.id.value);
          index && model_.modes[*index].id == raw.id.value)
        model_.mode_rules[*index] = {raw.approval_after, raw.report_within_days, raw.sunset_days};
    read_caps(header);
    if (model_.modes.size() > max_modes)
      error(header.file, header.position, Code::wrong_type, Message::too_many_modes);

    add_named(header.file, header.kinds, model_.kinds, Message::duplicate_kind);
    if (model_.kinds.size() > max_kinds) {
      error(header.file, header.kinds_position, Code::wrong_type, Message::too_many_kinds);
      model_.kinds.resize(max_kinds);
    }

    if (header.root) {
      model_.jurisdictions = JurisdictionTree(header.root->name.value);
      add_jurisdictions(header.file, *header.root, JurisdictionTree::root);
    }
    read_reading_words(header);
    return diagnostics_.error_count() == errors_before;
  }

  // `caps:` by level, then type; a level or a type given twice is QL206.
  void read_caps(const RawRulebookFile& header) {
    for (const RawCaps& raw : header.caps) {
      auto level = find_level(header.file, raw.level);
      if (!level) continue;
      for (const auto& cap_given : raw.per_year) {
        const ItemType type = cap_given.first;  // named: a lambda below captures it
        const std::uint32_t per_year = cap_given.second;
        const bool again = std::any_of(model_.caps.begin(), model_.caps.end(), [&](const Cap& cap) {
          return cap.level == *level && cap.type == type;
        });
        if (again) {
          error(header.file, raw.level.position, Code::duplicate_id, Message::cap_given_twice,
                {{"level", raw.level.value}, {"type", to_string(type)}});
          continue;
        }
        model_.caps.push_back(Cap{*level, type, per_year});
      }
    }
    std::sort(model_.caps.begin(), model_.caps.end(), [](const Cap& a, const Cap& b) {
      return std::tie(a.level, a.type) < std::tie(b.level, b.type);
    });
  }

  // An approval of the register (docs/format.md §5.6): its task or category, place and levels
  // resolved; an id given twice is QL206.
  void read_approval(const RawApproval& raw) {
    ApprovalRecord approval;
    approval.id = raw.id.value;
    approval.from = raw.from.value;
    approval.max_per_month = raw.max_per_month;
    approval.funding = raw.funding;
    approval.issuer = raw.issuer;
    approval.note = raw.note;
    approval.illustrative = raw.illustrative;
    approval.file = raw.file;
    approval.line = raw.position.line;
    bool complete = true;
    if (raw.task) {
      auto task = find_task(raw.file, *raw.task);
      complete &= task.has_value();
      approval.task = task.value_or(npos);
    } else if (raw.category) {
      if (auto found = model_.category_by_name.find(raw.category->value);
          found != model_.category_by_name.end()) {
        approval.category = found->second;
      } else {
        std::vector<std::string_view> names(model_.categories.begin(), model_.categories.end());
        error(raw.file, raw.category->position, Code::unknown_task, Message::unknown_category,
              {{"category", raw.category->value},
               {"hint", did_you_mean_phrase(raw.category->value, names)}});
        complete = false;
      }
    }
    if (raw.jurisdiction) {
      auto node = find_jurisdiction(raw.file, *raw.jurisdiction);
      complete &= node.has_value();
      approval.jurisdiction = node.value_or(JurisdictionTree::root);
    }
    approval.levels = raw.levels ? level_set(raw.file, *raw.levels) : lowest_level();
    if (raw.until) {
      approval.until = raw.until->value;
      if (raw.until->value < raw.from.value)
        error(raw.file, raw.until->position, Code::until_before_effective,
              Message::until_before_from,
              {{"until", to_iso(raw.until->value)}, {"from", to_iso(raw.from.value)}});
    }
    if (auto first = model_.approval_by_id.find(raw.id.value);
        first != model_.approval_by_id.end()) {
      const ApprovalRecord& other = model_.approvals[first->second];
      error(raw.file, raw.id.position, Code::duplicate_id, Message::duplicate_approval_id,
            {{"id", raw.id.value},
             {"first", display_files_[other.file] + ':' + std::to_string(other.line)}});
      return;
    }
    if (!complete) return;
    model_.approvals.push_back(std::move(approval));
    index_approval(model_, static_cast<std::uint32_t>(model_.approvals.size() - 1));
  }

  // The synonyms and generic words a reading of free text uses (docs/reading.md).
  void read_reading_words(const RawRulebookFile& header) {
    StringMap<std::pair<std::size_t, std::string>> group_of_word;  // normalised: group, where
    for (const auto& group : header.synonyms) {
      const std::size_t index = model_.synonyms.size();
      std::vector<std::string>& words = model_.synonyms.emplace_back();
      for (const auto& word : group) {
        std::string normalized = normalize_text(word.value);
        if (!reading_word_fits(header.file, word, normalized)) continue;
        auto [first, added] =
            group_of_word.try_emplace(normalized, index, where(header.file, word.position));
        if (!added && first->second.first != index)
          error(header.file, word.position, Code::bad_reading_words, Message::synonym_in_two_groups,
                {{"word", word.value}, {"first", first->second.second}});
        words.push_back(word.value);
      }
      std::set<std::string> distinct;  // a word of only punctuation is reported above
      for (const auto& word : group) distinct.insert(normalize_text(word.value));
      if (distinct.size() < 2 && !group.empty())
        error(header.file, group.front().position, Code::bad_reading_words,
              Message::synonym_group_of_one);
    }
    for (const auto& word : header.generic_words)
      if (reading_word_fits(header.file, word, normalize_text(word.value)))
        model_.generic_words.push_back(word.value);
  }

  // A synonym or generic word a reading can use: not only punctuation, and not longer than a
  // reading looks (QL213).
  bool reading_word_fits(std::uint32_t file, const Located<std::string>& word,
                         const std::string& normalized) {
    if (normalized.empty()) {
      error(file, word.position, Code::bad_reading_words, Message::word_only_punctuation,
            {{"text", word.value}});
      return false;
    }
    if (character_count(normalized) > longest_reading_word) {
      error(file, word.position, Code::bad_reading_words, Message::reading_word_too_long,
            {{"text", word.value}, {"limit", std::to_string(longest_reading_word)}});
      return false;
    }
    return true;
  }

  void add_jurisdictions(std::uint32_t file, const RawJurisdiction& parent, std::uint32_t node) {
    if (model_.jurisdictions.node(node).depth >= model_.levels.size()) {
      error(file, parent.name.position, Code::unknown_level,
            Message::jurisdiction_deeper_than_levels,
            {{"name", parent.name.value}, {"count", std::to_string(model_.levels.size())}});
    } else {
      give_kind(file, parent, node);
    }
    for (const RawJurisdiction& child : parent.children)
      add_jurisdictions(file, child, model_.jurisdictions.add_child(node, child.name.value));
  }

  // A node's kind: the one the tree gives, or the one whose suffix its name ends with. Called
  // before the node's children are added, so that they inherit it.
  void give_kind(std::uint32_t file, const RawJurisdiction& raw, std::uint32_t node) {
    const JurisdictionTree::Node& place = model_.jurisdictions.node(node);
    std::uint32_t kind = model_.kind_by_suffix(place.depth, place.name);
    if (raw.kind) {
      auto named = find_kind(file, *raw.kind);
      if (!named) return;
      if (model_.kinds[*named].level != place.depth) {
        error(file, raw.kind->position, Code::unknown_place_kind, Message::kind_at_other_level,
              {{"name", place.name},
               {"level", level_phrase(model_, place.depth)},
               {"kind", kind_phrase(model_, *named)},
               {"kind_level", level_phrase(model_, model_.kinds[*named].level)}});
        return;
      }
      kind = *named;
    }
    if (kind != npos) model_.jurisdictions.set_kind(node, kind);
  }

  std::optional<std::uint32_t> find_kind(std::uint32_t file, const Located<std::string>& kind) {
    if (auto index = model_.kind_index(kind.value)) return index;
    error(file, kind.position, Code::unknown_place_kind, Message::unknown_place_kind,
          {{"kind", kind.value},
           {"kinds", level_list(model_.kinds)},
           {"hint", did_you_mean_phrase(kind.value, model_.kind_words())}});
    return std::nullopt;
  }

  // The task a normalised text belongs to, and where it was written.
  struct TextOwner {
    std::uint32_t task;
    std::string text;
    Position position;
    std::uint32_t file;
  };

  // A task's id, name, aliases and keywords normalised.
  struct NormalizedTask {
    std::string id;
    std::vector<std::string> texts;  // of the name, then of each alias
    std::vector<bool> empty_keywords;
  };

  // Every task's normalised texts, worked out on the load's threads before the tasks are read in
  // order: normalising is most of what reading a large catalogue costs.
  std::vector<NormalizedTask> normalize_tasks() const {
    std::vector<NormalizedTask> normalized(raw_.tasks.size());
    run_in_parallel_runs(raw_.tasks.size(), 256, options_, [&](std::size_t r) {
      const RawTask& raw = raw_.tasks[r];
      NormalizedTask& task = normalized[r];
      task.id = normalize_text(raw.id.value);
      task.texts.push_back(normalize_text(raw.name.value));
      for (const auto& alias : raw.aliases) task.texts.push_back(normalize_text(alias.value));
      for (const auto& keyword : raw.keywords)
        task.empty_keywords.push_back(normalize_text(keyword.value).empty());
    });
    return normalized;
  }

  void read_tasks() {
    StringMap<TextOwner> owners;
    std::vector<NormalizedTask> normalized_tasks = normalize_tasks();
    StringMap<TextOwner> id_owners = read_task_ids(normalized_tasks);
    model_.tasks.reserve(raw_.tasks.size());  // task_by_text and task_by_written view the tasks
    for (std::size_t r = 0; r < raw_.tasks.size(); ++r) {
      RawTask& raw = raw_.tasks[r];
      NormalizedTask& normalized_task = normalized_tasks[r];
      if (auto first = model_.task_by_id.find(raw.id.value); first != model_.task_by_id.end()) {
        error(raw.file, raw.id.position, Code::duplicate_task_id, Message::duplicate_task_id,
              {{"id", raw.id.value},
               {"first", where(task_files_[first->second], task_positions_[first->second])}});
        continue;
      }
      auto index = static_cast<std::uint32_t>(model_.tasks.size());
      TaskRecord task{raw.id.value, raw.name.value, {}, {}, npos, {}};
      for (std::size_t k = 0; k < raw.keywords.size(); ++k) {
        const auto& keyword = raw.keywords[k];
        if (normalized_task.empty_keywords[k])
          error(raw.file, keyword.position, Code::bad_reading_words, Message::word_only_punctuation,
                {{"text", keyword.value}});
        task.keywords.push_back(keyword.value);
      }
      if (raw.category) task.category = intern_category(raw.category->value);
      std::vector<Located<std::string>> texts{raw.name};
      for (const auto& alias : raw.aliases) {
        task.aliases.push_back(alias.value);
        texts.push_back(alias);
      }
      for (std::size_t t = 0; t < texts.size(); ++t) {
        const auto& text = texts[t];
        std::string normalized = std::move(normalized_task.texts[t]);
        if (normalized.empty()) {
          error(raw.file, text.position, Code::task_texts_clash,
                Message::task_text_only_punctuation, {{"text", text.value}});
          continue;
        }
        // `T 1` must not name one task while `T-1`, read as an id, names another.
        if (auto id = id_owners.find(normalized);
            id != id_owners.end() && id->second.task != index) {
          error(raw.file, text.position, Code::task_texts_clash, Message::task_text_reads_as_id,
                {{"task", raw.id.value},
                 {"text", text.value},
                 {"other", id->second.text},
                 {"first", where(id->second.file, id->second.position)}});
          continue;
        }
        auto [slot, inserted] =
            owners.emplace(normalized, TextOwner{index, text.value, text.position, raw.file});
        if (!inserted && slot->second.task != index) {
          error(raw.file, text.position, Code::task_texts_clash, Message::task_texts_read_the_same,
                {{"task", raw.id.value},
                 {"text", text.value},
                 {"other", slot->second.text},
                 {"other_task", model_.tasks[slot->second.task].id},
                 {"first", where(slot->second.file, slot->second.position)}});
          continue;
        }
        if (inserted) task.normalized_texts.push_back(std::move(normalized));
      }
      model_.tasks.push_back(std::move(task));  // never reallocates
      model_.index_task(index);                 // its id and texts were checked above
      task_files_.push_back(raw.file);
      task_positions_.push_back(raw.id.position);
    }
  }

  // Every task id, normalised, with the index its task will have. A question is matched on an
  // exact id first, then on names and aliases, as written and normalised; so a name or alias that
  // reads as another task's id, or two ids that read the same, would let one text name two tasks
  // (QL201). Duplicate ids are left to read_tasks (QL200).
  StringMap<TextOwner> read_task_ids(const std::vector<NormalizedTask>& normalized_tasks) {
    StringMap<TextOwner> owners;
    StringMap<std::uint32_t> exact;
    for (std::size_t r = 0; r < raw_.tasks.size(); ++r) {
      const RawTask& raw = raw_.tasks[r];
      auto index = static_cast<std::uint32_t>(exact.size());
      if (!exact.emplace(raw.id.value, index).second) continue;
      const std::string& normalized = normalized_tasks[r].id;
      if (normalized.empty()) continue;
      auto [slot, inserted] =
          owners.emplace(normalized, TextOwner{index, raw.id.value, raw.id.position, raw.file});
      if (!inserted)
        error(raw.file, raw.id.position, Code::task_texts_clash, Message::task_ids_read_the_same,
              {{"text", raw.id.value},
               {"other", slot->second.text},
               {"first", where(slot->second.file, slot->second.position)}});
    }
    return owners;
  }

  std::uint32_t intern_category(const std::string& name) {
    if (auto found = model_.category_by_name.find(name); found != model_.category_by_name.end())
      return found->second;
    model_.categories.push_back(name);
    const auto index = static_cast<std::uint32_t>(model_.categories.size() - 1);
    index_category(model_, index);
    return index;
  }

  // Levels, modes or kinds as declared: every id, name and alias names one of them only (QL206).
  template <class RawNamed, class Named>
  void add_named(std::uint32_t file, const std::vector<RawNamed>& declared,
                 std::vector<Named>& named, Message duplicate_id) {
    std::map<std::string, std::string, std::less<>> owner_of;  // a word -> the id it names
    auto claim = [&](const Located<std::string>& word, const std::string& id) {
      auto [at, fresh] = owner_of.emplace(word.value, id);
      if (fresh || at->second == id) return;
      error(file, word.position, Code::duplicate_id, Message::name_of_two,
            {{"name", word.value}, {"first", at->second}});
    };
    for (const RawNamed& raw : declared) {
      if (owner_of.contains(raw.id.value)) {
        error(file, raw.id.position, Code::duplicate_id, duplicate_id,
              {{"id", raw.id.value}, {"mode", raw.id.value}});
        continue;
      }
      owner_of.emplace(raw.id.value, raw.id.value);
      Named level;
      level.id = raw.id.value;
      level.name = raw.name.value;
      if (!raw.name.value.empty() && raw.name.value != raw.id.value) claim(raw.name, raw.id.value);
      for (const Located<std::string>& alias : raw.aliases) {
        claim(alias, raw.id.value);
        level.aliases.push_back(alias.value);
      }
      if constexpr (std::is_same_v<Named, PlaceKind>) {
        auto at = find_level(file, raw.level);
        if (!at) continue;  // its entries are refused as naming an unknown kind
        level.level = *at;
        for (const Located<std::string>& suffix : raw.suffixes) {
          // One suffix gives one kind at a level: 镇 cannot make a place both 镇 and 乡.
          auto [first, fresh] = suffix_owner_.try_emplace({*at, suffix.value}, raw.id.value);
          if (!fresh && first->second != raw.id.value)
            error(file, suffix.position, Code::duplicate_id, Message::name_of_two,
                  {{"name", suffix.value}, {"first", first->second}});
          level.suffixes.push_back(suffix.value);
        }
      }
      named.push_back(std::move(level));
    }
  }

  std::optional<std::uint32_t> find_level(std::uint32_t file, const Located<std::string>& level) {
    if (auto index = model_.level_index(level.value)) return index;
    error(file, level.position, Code::unknown_level, Message::unknown_level,
          {{"level", level.value},
           {"levels", level_list(model_.levels)},
           {"hint", did_you_mean_phrase(level.value, model_.level_words())}});
    return std::nullopt;
  }

  // "city (市), district (区), …".
  template <class Named>
  static std::vector<Phrase> level_list(const std::vector<Named>& named) {
    std::vector<Phrase> each;
    for (const Level& level : named) each.push_back(level_phrase(level.id, level.name));
    return each;
  }

  std::optional<std::uint32_t> find_mode(std::uint32_t file, const Located<std::string>& mode) {
    if (auto index = model_.mode_index(mode.value)) return index;
    error(file, mode.position, Code::unknown_mode, Message::unknown_mode,
          {{"mode", mode.value},
           {"modes", level_list(model_.modes)},
           {"hint", did_you_mean_phrase(mode.value, model_.mode_words())}});
    return std::nullopt;
  }

  std::optional<std::uint32_t> find_jurisdiction(std::uint32_t file,
                                                 const Located<std::string>& name) {
    auto lookup = model_.jurisdictions.find(name.value);
    if (lookup.node != npos) return lookup.node;
    diagnostics_.error(display_files_[file], name.position, Code::unknown_jurisdiction,
                       lookup.problem(name.value));
    return std::nullopt;
  }

  std::optional<std::uint32_t> find_task(std::uint32_t file, const Located<std::string>& id) {
    if (auto found = model_.task_by_id.find(id.value); found != model_.task_by_id.end())
      return found->second;
    if (auto by_name = model_.task_by_text.find(normalize_text(id.value));
        by_name != model_.task_by_text.end()) {
      error(file, id.position, Code::unknown_task, Message::task_not_in_catalogue_but_named,
            {{"id", id.value}, {"task", model_.tasks[by_name->second].id}});
    } else {
      std::vector<std::string_view> ids;
      for (const TaskRecord& task : model_.tasks) ids.push_back(task.id);
      error(file, id.position, Code::unknown_task, Message::task_not_in_catalogue,
            {{"id", id.value}, {"hint", did_you_mean_phrase(id.value, ids)}});
    }
    return std::nullopt;
  }

  LevelSet level_set(std::uint32_t file, const std::vector<Located<std::string>>& levels) {
    LevelSet set = 0;
    for (const auto& level : levels)
      if (auto index = find_level(file, level)) set |= LevelSet{1} << *index;
    return set;
  }

  LevelSet lowest_level() const { return LevelSet{1} << (model_.levels.size() - 1); }

  void read_edition(RawEdition& raw) {
    EditionRecord edition;
    edition.list = raw.list;
    edition.version = raw.version;
    edition.effective = raw.effective.value;
    edition.title = raw.title;
    edition.source = raw.source;
    edition.illustrative = raw.illustrative;
    edition.file = raw.file;
    edition.line = raw.position.line;
    if (raw.jurisdiction) {
      auto node = find_jurisdiction(raw.file, *raw.jurisdiction);
      if (!node) return;
      edition.jurisdiction = *node;
    }
    if (raw.until) {
      edition.until = raw.until->value;
      if (raw.until->value < raw.effective.value)
        error(raw.file, raw.until->position, Code::until_before_effective,
              Message::until_before_effective,
              {{"until", to_iso(raw.until->value)}, {"effective", to_iso(raw.effective.value)}});
    }
    std::set<std::string> ids;
    next_same_key_.clear();
    for (RawEntry& raw_entry : raw.entries) {
      if (++entry_count_ > options_.max_entries) {
        error(raw.file, raw_entry.position, Code::too_many_entries, Message::too_many_entries,
              {{"limit", std::to_string(options_.max_entries)}});
        return;
      }
      if (!ids.insert(raw_entry.id.value).second) {
        error(raw.file, raw_entry.id.position, Code::duplicate_id, Message::duplicate_entry_id,
              {{"id", raw_entry.id.value}, {"edition", raw.version}});
        continue;
      }
      if (auto entry = read_entry(raw, raw_entry)) {
        link_entry(edition, raw, std::move(*entry), raw_entry);
      }
    }
    model_.editions.push_back(std::move(edition));
    edition_positions_.push_back(raw.position);
  }

  std::optional<EntryRecord> read_entry(const RawEdition& edition, const RawEntry& raw) {
    EntryRecord entry;
    entry.id = raw.id.value;
    entry.line = raw.position.line;
    entry.column = raw.position.column;
    bool complete = true;
    if (raw.task) {
      auto task = find_task(edition.file, *raw.task);
      complete &= task.has_value();
      entry.task = task.value_or(npos);
    } else if (raw.category) {
      if (!model_.category_by_name.contains(raw.category->value)) {
        std::vector<std::string_view> names(model_.categories.begin(), model_.categories.end());
        warning(edition.file, raw.category->position, Code::category_matches_no_task,
                Message::category_matches_no_task,
                {{"category", raw.category->value},
                 {"hint", did_you_mean_phrase(raw.category->value, names)}});
      }
      entry.category = intern_category(raw.category->value);
    } else {
      complete = false;
    }
    if (raw.owner_level) {
      auto level = find_level(edition.file, *raw.owner_level);
      complete &= level.has_value();
      entry.owner_level = level.value_or(npos);
      entry.owner_department = raw.owner_department;
    } else if (edition.list == ListKind::power || edition.list == ListKind::collaboration) {
      complete = false;  // reported by the reader
    }
    entry.levels = raw.levels ? level_set(edition.file, *raw.levels) : lowest_level();
    if (raw.modes) {
      for (const auto& mode : *raw.modes)
        if (auto index = find_mode(edition.file, mode)) entry.modes |= ModeSet{1} << *index;
    }
    if (raw.kinds) {
      // An entry whose kinds were not all found is dropped: read as for every place, it would
      // clash with the entries beside it.
      for (const auto& kind : *raw.kinds)
        if (auto index = find_kind(edition.file, kind))
          entry.kinds |= KindSet{1} << *index;
        else
          complete = false;
    }
    entry.requires_funding = raw.requires_funding;
    entry.requires_approval = raw.requires_approval;
    entry.max_per_month = raw.max_per_month;
    entry.statutory_frequency = raw.statutory_frequency;
    entry.statutory_basis = raw.statutory_basis;
    entry.basis = raw.basis;
    entry.note = raw.note;
    if (!complete) return std::nullopt;
    return entry;
  }

  // Whether entries for kinds `a` and for kinds `b` can both apply at one place: one of them is
  // for every place, they share a kind, or a place lies in a kind of each (a 居 in a 街道).
  bool kinds_meet(KindSet a, KindSet b) const {
    if (a == 0 || b == 0 || (a & b) != 0) return true;
    const JurisdictionTree& tree = model_.jurisdictions;
    for (std::uint32_t node = 0; node < tree.size(); ++node)
      if ((tree.node(node).kinds & a) != 0 && (tree.node(node).kinds & b) != 0) return true;
    return false;
  }

  // Adds the entry to the edition's index, refusing one that overlaps an entry for the same
  // task or category in some mode and place. The entries kept for one task or category overlap
  // none of the others, so the chain walked is at most as long as the modes and kinds allow.
  void link_entry(EditionRecord& edition, const RawEdition& raw, EntryRecord entry,
                  const RawEntry& raw_entry) {
    auto& index =
        entry.task != npos ? edition.first_entry_by_task : edition.first_entry_by_category;
    std::uint32_t key = entry.task != npos ? entry.task : entry.category;
    const auto added = static_cast<std::uint32_t>(edition.entries.size());
    std::uint32_t last = npos;
    if (auto slot = index.find(key); slot != index.end()) {
      for (std::uint32_t at = slot->second; at != npos; at = next_same_key_[at]) {
        last = at;
        const EntryRecord& other = edition.entries[at];
        ModeSet shared = (other.modes == 0 ? ~ModeSet{0} : other.modes) &
                         (entry.modes == 0 ? ~ModeSet{0} : entry.modes);
        if (shared != 0 && kinds_meet(other.kinds, entry.kinds)) {
          Phrase subject =
              entry.task != npos
                  ? Phrase(Message::subject_task, {{"id", model_.tasks[entry.task].id}})
                  : Phrase(Message::subject_category,
                           {{"name", model_.categories[entry.category]}});
          error(raw.file, raw_entry.position, Code::entries_overlap,
                Message::entries_overlap_in_mode,
                {{"first", other.id},
                 {"line", std::to_string(other.line)},
                 {"second", entry.id},
                 {"subject", std::move(subject)},
                 {"modes", mode_phrases(model_, shared)}});
          return;
        }
      }
    }
    edition.entries.push_back(std::move(entry));
    next_same_key_.push_back(npos);
    if (last != npos) next_same_key_[last] = added;
    index_entry(edition, added);
  }

  // Model::matches; a rulebook whose categories make more than LoadOptions allow is refused
  // (QL210) before they are made.
  void index_matches() {
    const std::uint64_t most = most_matches(options_);
    if (const std::uint64_t made = detail::index_matches(model_, most); made > most)
      diagnostics_.error(display_folder_, {}, Code::too_many_entries, Message::too_many_matches,
                         {{"count", std::to_string(made)}, {"limit", std::to_string(most)}});
  }

  // Reports each edition that starts on the day of another of its list and place (QL208); the
  // later one is left out of its place.
  void index_editions() {
    for (const EditionClash& clash : detail::index_editions(model_)) {
      const EditionRecord& edition = model_.editions[clash.edition];
      const EditionRecord& other = model_.editions[clash.first];
      error(edition.file, edition_positions_[clash.edition], Code::editions_on_same_day,
            Message::editions_on_same_day,
            {{"edition", edition.version},
             {"list", to_string(edition.list)},
             {"place", jurisdiction_label(edition.jurisdiction)},
             {"date", to_iso(edition.effective)},
             {"other", other.version},
             {"first", where(other.file, edition_positions_[clash.first])}});
    }
  }

  Phrase jurisdiction_label(std::uint32_t node) const {
    const std::string& path = model_.jurisdictions.node(node).path;
    return path.empty() ? Phrase(Message::whole_rulebook)
                        : Phrase(Message::verbatim, {{"text", path}});
  }

  void read_test_case(const RawTestCase& raw) {
    TestCase test;
    test.name = raw.name;
    test.task = raw.task;
    test.at = raw.at;
    test.file = raw.file;
    test.line = raw.position.line;
    if (raw.jurisdiction)
      if (auto node = find_jurisdiction(raw.file, *raw.jurisdiction))
        test.jurisdiction = model_.jurisdictions.node(*node).path;
    // Levels and modes may be named by name or alias; a case compares and asks by id.
    if (raw.mode)
      if (auto index = find_mode(raw.file, *raw.mode)) test.mode = model_.modes[*index].id;
    if (raw.status) {
      for (Status status : {Status::listed, Status::unlisted, Status::unknown})
        if (to_string(status) == raw.status->value) test.expect.status = status;
    }
    if (raw.owner_level)
      if (auto index = find_level(raw.file, *raw.owner_level))
        test.expect.owner_level = model_.levels[*index].id;
    test.expect.owner_department = raw.owner_department;
    if (raw.roles) {
      std::vector<std::pair<std::uint32_t, Role>> roles;
      for (const auto& [level, role] : *raw.roles)
        if (auto index = find_level(raw.file, level))
          roles.emplace_back(*index, *role_from(role.value));
      std::sort(roles.begin(), roles.end());
      RoleMap map;
      for (const auto& [index, role] : roles) map.add(model_.levels[index].id, role);
      test.expect.roles = std::move(map);
    }
    for (const auto& entry : raw.entries) {
      if (entries_complete_ && !entry_exists(entry.value))
        error(raw.file, entry.position, Code::test_expects_unknown_entry,
              Message::test_expects_unknown_entry, {{"id", entry.value}});
      test.expect.entries.push_back(entry.value);
    }
    model_.test_cases.push_back(std::move(test));
  }

  bool entry_exists(const std::string& id) {
    if (entry_ids_.empty())
      for (const EditionRecord& edition : model_.editions)
        for (const EntryRecord& entry : edition.entries) entry_ids_.insert(entry.id);
    return entry_ids_.contains(id);
  }

  RawRules& raw_;
  Model& model_;
  const std::vector<std::string>& display_files_;
  const std::string& display_folder_;
  const LoadOptions& options_;
  Diagnostics& diagnostics_;
  std::vector<std::uint32_t> task_files_;
  std::vector<Position> task_positions_;
  std::vector<Position> edition_positions_;
  // Of the edition being read, by entry: the next entry for the same task or category.
  std::vector<std::uint32_t> next_same_key_;
  std::uint64_t entry_count_ = 0;
  std::set<std::string> entry_ids_;
  std::map<std::pair<std::uint32_t, std::string>, std::string> suffix_owner_;  // level, suffix
  bool entries_complete_ = true;
};

}  // namespace

std::shared_ptr<Model> assemble(RawRules raw, std::vector<std::string> files,
                                const std::vector<std::string>& display_files,
                                const std::string& display_folder, const LoadOptions& options,
                                Diagnostics& diagnostics) {
  auto model = std::make_shared<Model>();
  model->files = std::move(files);
  std::size_t errors_before = diagnostics.all().size();
  Assembler(raw, *model, display_files, display_folder, options, diagnostics).run();
  for (std::size_t i = errors_before; i < diagnostics.all().size(); ++i)
    if (diagnostics.all()[i].severity == Severity::error) return nullptr;
  return model;
}

}  // namespace qingdan::detail
