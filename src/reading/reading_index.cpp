// Reading a free text against the catalogue (docs/reading.md): names, aliases and keywords are
// compared with the text after normalisation and the rulebook's synonyms, by containment either
// way and by character pairs weighted as in TF-IDF (how rare a pair is among the tasks), with
// the pairs of the text's generic directive words weighing little.
#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>

#include <boost/unordered/unordered_flat_map.hpp>

#include <qingdan/detail/model.hpp>
#include <qingdan/detail/normalize.hpp>
#include <qingdan/detail/option_range.hpp>
#include <qingdan/detail/owner_engine.hpp>
#include <qingdan/detail/reading_index.hpp>
#include <qingdan/detail/utf8.hpp>

#include "reading/generic_words.hpp"
#include "reading/reading_form.hpp"

namespace qingdan::detail {

namespace {

// How a reading weighs its evidence. The confidences these give were set on the dev half of the
// labelled set in tests/data/wording/ and are reported on its test half (docs/reading.md).
struct Weights {
  // A pair inside generic words weighs this much of what its rarity gives it.
  static constexpr double generic = 0.1;
  // A pair of the text that no task has: it says the text speaks of something else.
  static constexpr double unseen = 1.0;
  // The text contains a name or alias: at least `contains_name`, up to 1 as the name covers
  // more of the text.
  static constexpr double contains_name = 0.86;
  // The text contains a keyword: keywords are partial descriptions, so less to begin with.
  static constexpr double contains_keyword = 0.3;
  static constexpr double contains_keyword_span = 0.18;
  // A name, alias or keyword contains what the text says beyond generic words.
  static constexpr double contained = 0.5;
  static constexpr double contained_span = 0.42;
  // Similar pairs: a weighted F-measure of how much of the task's text the text covers and how
  // much of the text the task's text covers, the former counted beta² times as much.
  static constexpr double beta_squared = 2.0;
  static constexpr double similar_scale = 0.92;
  // A second text of the same task that also matches adds this share of what is left.
  static constexpr double second_text = 0.3;
  // Below this a task is not a candidate.
  static constexpr double least = 0.12;
  // Never 1 short of an exact match.
  static constexpr double most = 0.99;
};

struct IndexedText {
  std::uint32_t task = 0;
  MatchedText kind = MatchedText::name;
  std::uint32_t which = 0;  // among the task's aliases or keywords
  ReadingForm form;
  std::uint32_t grams = 0;
  double weight = 0;         // of all its grams
  double common_weight = 0;  // of its grams that many texts have
};

struct Posting {
  std::uint32_t text = 0;
  float weight = 0;  // the gram's weight in that text
};

struct Scored {
  double confidence = 0;
  MatchKind how = MatchKind::similar;
  std::uint32_t text = 0;
};

}  // namespace

class ReadingIndex {
 public:
  explicit ReadingIndex(const Model& model)
      : model_(model), forms_(synonyms(model), generic(model)) {
    for (std::uint32_t task = 0; task < model.tasks.size(); ++task) {
      const TaskRecord& record = model.tasks[task];
      add_text(task, MatchedText::name, 0, record.name);
      for (std::uint32_t i = 0; i < record.aliases.size(); ++i)
        add_text(task, MatchedText::alias, i, record.aliases[i]);
      for (std::uint32_t i = 0; i < record.keywords.size(); ++i)
        add_text(task, MatchedText::keyword, i, record.keywords[i]);
    }
    weigh_grams();
  }

  std::vector<Candidate> rank(std::string_view normalized, std::size_t limit) const {
    if (limit == 0 || normalized.empty()) return {};
    const ReadingForm query = forms_.form_of(first_characters(normalized, longest_text_read));
    const std::vector<Gram> grams = ReadingForms::grams_of(query);
    const std::vector<std::string_view> segments = segments_of(query);
    // A text can contain every segment only if it shares every pair inside them.
    const std::size_t segment_grams = pairs_inside(segments);

    // Per text: the weight of the pairs it shares with the query, and their count. Arrays rather
    // than hash maps, this thread's, zeroed again for the next reading however this one ends.
    thread_local std::vector<float> shared_weight;
    thread_local std::vector<std::uint32_t> shared_count, touched;
    if (shared_count.size() < texts_.size()) {
      shared_weight.resize(texts_.size());
      shared_count.resize(texts_.size());
    }
    touched.clear();
    struct Zeroed {
      ~Zeroed() {
        for (std::uint32_t text : touched) shared_weight[text] = 0, shared_count[text] = 0;
        touched.clear();
      }
    } zeroed_after;
    double query_weight = 0;
    // A pair counts for what the query gives it: a generic word of the query says little about a
    // task even where the task's own name has the same characters as content.
    auto share = [&](std::uint32_t text, double weight, float text_weight) {
      ++shared_count[text];
      shared_weight[text] += static_cast<float>(std::min<double>(weight, text_weight));
    };
    // Texts are found through their rarer pairs; a pair that many texts have (事项, 工作) only
    // adds to the texts found, so a reading never walks most of a large catalogue. A text whose
    // pairs are all common is found through its rarest one, where it is anchored.
    std::vector<std::pair<const std::vector<Posting>*, double>> common;
    std::vector<const std::vector<std::uint32_t>*> anchored;
    for (const Gram& gram : grams) {
      auto found = postings_.find(gram.key);
      double weight = found == postings_.end() ? Weights::unseen : idf_.find(gram.key)->second;
      if (gram.generic) weight *= Weights::generic;
      query_weight += weight;
      if (found == postings_.end()) continue;
      if (found->second.size() > common_pair_texts_) {
        common.emplace_back(&found->second, weight);
        if (auto anchors = anchors_.find(gram.key); anchors != anchors_.end())
          anchored.push_back(&anchors->second);
        continue;
      }
      for (const Posting& posting : found->second) {
        if (shared_count[posting.text] == 0) touched.push_back(posting.text);
        share(posting.text, weight, posting.weight);
      }
    }
    // When more texts are found than a reading can weigh in its time, a text that shares one
    // pair with a query of more, and could not cover half its own weight even if every common
    // pair it has were shared, is dropped: it could only be a weak candidate. (Shipped rulebooks
    // never come near this.)
    if (touched.size() > texts_weighed_in_full) {
      std::size_t near = 0;
      for (std::uint32_t text : touched) {
        const IndexedText& indexed = texts_[text];
        const std::uint32_t shared = shared_count[text];
        if (shared >= 2 || shared == indexed.grams || shared == grams.size() ||
            shared_weight[text] + indexed.common_weight >= indexed.weight / 2) {
          touched[near++] = text;
        } else {
          shared_count[text] = 0;
          shared_weight[text] = 0;
        }
      }
      touched.resize(near);
    }
    for (const std::vector<std::uint32_t>* anchors : anchored)
      touched.insert(touched.end(), anchors->begin(), anchors->end());
    for (const auto& [postings, weight] : common) {
      for (std::uint32_t text : touched) {
        auto in_text =
            std::lower_bound(postings->begin(), postings->end(), text,
                             [](const Posting& p, std::uint32_t t) { return p.text < t; });
        if (in_text != postings->end() && in_text->text == text)
          share(text, weight, in_text->weight);
      }
    }

    // The best text of each task, and the best of its other texts.
    thread_local std::vector<std::int32_t> slot_of_task;  // index into best + 1, or 0
    if (slot_of_task.size() < model_.tasks.size()) slot_of_task.resize(model_.tasks.size());
    struct TaskScore {
      std::uint32_t task;
      Scored best;
      double second = 0;
    };
    std::vector<TaskScore> best;
    struct SlotsCleared {
      const std::vector<TaskScore>& best;
      ~SlotsCleared() {
        for (const TaskScore& one : best) slot_of_task[one.task] = 0;
      }
    } cleared_after{best};
    for (std::uint32_t text : touched) {
      if (shared_count[text] == 0) continue;  // anchored under a pair it shares no more of
      Scored scored = score(query, shared_count[text] >= segment_grams ? segments : no_segments,
                            text, shared_weight[text], query_weight, shared_count[text]);
      scored.text = text;
      const std::uint32_t task = texts_[text].task;
      std::int32_t& slot = slot_of_task[task];
      if (slot == 0) {
        best.push_back(TaskScore{task, scored, 0});
        slot = static_cast<std::int32_t>(best.size());
        continue;
      }
      TaskScore& known = best[static_cast<std::size_t>(slot - 1)];
      if (scored.confidence > known.best.confidence) std::swap(scored, known.best);
      known.second = std::max(known.second, scored.confidence);
    }

    std::vector<std::pair<double, std::size_t>> ranked;  // (confidence, index into best)
    for (std::size_t i = 0; i < best.size(); ++i) {
      double confidence = best[i].best.confidence;
      confidence += (1 - confidence) * Weights::second_text * best[i].second;
      confidence = std::min(confidence, Weights::most);
      if (confidence >= Weights::least) ranked.emplace_back(confidence, i);
    }
    auto better = [&](const auto& a, const auto& b) {
      return a.first != b.first ? a.first > b.first : best[a.second].task < best[b.second].task;
    };
    auto kept = ranked.begin() + static_cast<std::ptrdiff_t>(std::min(limit, ranked.size()));
    std::partial_sort(ranked.begin(), kept, ranked.end(), better);

    std::vector<Candidate> candidates;
    for (auto at = ranked.begin(); at != kept; ++at) {
      const TaskScore& one = best[at->second];
      const IndexedText& text = texts_[one.best.text];
      candidates.push_back(Candidate{task_ref(model_, one.task), at->first, one.best.how, text.kind,
                                     written(text), synonyms_used(query, text.form)});
    }
    return candidates;
  }

 private:
  static std::vector<std::vector<std::string>> synonyms(const Model& model) {
    std::vector<std::vector<std::string>> groups;
    for (const auto& group : model.synonyms) {
      auto& normalized = groups.emplace_back();
      for (const std::string& word : group) normalized.push_back(normalize_text(word));
    }
    return groups;
  }

  static std::vector<std::string> generic(const Model& model) {
    std::vector<std::string> words;
    for (std::string_view word : shipped_generic_words()) words.push_back(normalize_text(word));
    for (const std::string& word : model.generic_words) words.push_back(normalize_text(word));
    return words;
  }

  void add_text(std::uint32_t task, MatchedText kind, std::uint32_t which,
                const std::string& text) {
    IndexedText indexed{task, kind, which, forms_.form_of(normalize_text(text)), 0, 0};
    if (indexed.form.points.empty()) return;
    texts_.push_back(std::move(indexed));
  }

  // Each gram's weight: ln(1 + tasks / tasks with the gram), and less inside generic words.
  void weigh_grams() {
    boost::unordered_flat_map<std::uint64_t, std::uint32_t> tasks_with, last_task;
    std::vector<std::vector<Gram>> grams_by_text;
    for (const IndexedText& text : texts_) {
      grams_by_text.push_back(ReadingForms::grams_of(text.form));
      for (const Gram& gram : grams_by_text.back()) {
        auto [last, added] = last_task.try_emplace(gram.key, text.task);
        if (added || last->second != text.task) ++tasks_with[gram.key];
        last->second = text.task;
      }
    }
    const double tasks = static_cast<double>(model_.tasks.size());
    for (const auto& [key, count] : tasks_with) idf_[key] = std::log(1 + tasks / count);
    common_pair_texts_ = std::max<std::size_t>(256, texts_.size() / 64);
    for (std::uint32_t i = 0; i < texts_.size(); ++i) {
      IndexedText& text = texts_[i];
      text.grams = static_cast<std::uint32_t>(grams_by_text[i].size());
      for (const Gram& gram : grams_by_text[i]) {
        double weight = idf_[gram.key];  // a task's own words are content, generic or not
        text.weight += weight;
        postings_[gram.key].push_back(Posting{i, static_cast<float>(weight)});
      }
    }
    for (std::uint32_t i = 0; i < texts_.size(); ++i) {
      const Gram* rarest = nullptr;
      std::size_t fewest = std::numeric_limits<std::size_t>::max();
      for (const Gram& gram : grams_by_text[i]) {
        const std::size_t texts_with = postings_.find(gram.key)->second.size();
        if (texts_with > common_pair_texts_) texts_[i].common_weight += idf_[gram.key];
        if (texts_with < fewest) fewest = texts_with, rarest = &gram;
      }
      if (rarest != nullptr && fewest > common_pair_texts_) anchors_[rarest->key].push_back(i);
    }
  }

  // What the query says beyond generic words: its runs of two or more other points.
  static std::vector<std::string_view> segments_of(const ReadingForm& query) {
    std::vector<std::string_view> segments;
    std::size_t byte = 0, start_byte = 0, run = 0;
    for (std::size_t i = 0; i <= query.points.size(); ++i) {
      bool ends = i == query.points.size() || query.generic[i];
      if (ends) {
        if (run >= 2)
          segments.push_back(std::string_view(query.text).substr(start_byte, byte - start_byte));
        run = 0;
      } else if (run++ == 0) {
        start_byte = byte;
      }
      if (i < query.points.size()) byte += utf8_length(query.points[i]);
    }
    return segments;
  }

  // The distinct pairs of points inside the segments.
  static std::size_t pairs_inside(const std::vector<std::string_view>& segments) {
    std::vector<std::uint64_t> keys;
    for (std::string_view segment : segments) {
      std::vector<char32_t> points = code_points(segment);
      for (std::size_t i = 0; i + 1 < points.size(); ++i)
        keys.push_back((std::uint64_t{points[i]} << 32) | points[i + 1]);
    }
    std::sort(keys.begin(), keys.end());
    return static_cast<std::size_t>(std::unique(keys.begin(), keys.end()) - keys.begin());
  }

  static std::size_t utf8_length(char32_t point) {
    return point < 0x80 ? 1 : point < 0x800 ? 2 : point < 0x10000 ? 3 : 4;
  }

  Scored score(const ReadingForm& query, const std::vector<std::string_view>& segments,
               std::uint32_t index, double shared_weight, double query_weight,
               std::uint32_t shared) const {
    const IndexedText& text = texts_[index];
    const double text_cover = text.weight > 0 ? std::min(1.0, shared_weight / text.weight) : 0;
    const double query_cover = query_weight > 0 ? std::min(1.0, shared_weight / query_weight) : 0;
    Scored scored;
    if (text_cover > 0 && query_cover > 0)
      scored.confidence = Weights::similar_scale * (1 + Weights::beta_squared) * text_cover *
                          query_cover / (Weights::beta_squared * query_cover + text_cover);
    // A keyword is a partial description: found in the text, in whole or in part, it says the
    // text may mean the task, never more than the text containing it would.
    if (text.kind == MatchedText::keyword)
      scored.confidence =
          std::min(scored.confidence,
                   Weights::contains_keyword + Weights::contains_keyword_span * query_cover);
    auto consider = [&](double confidence, MatchKind how) {
      if (confidence > scored.confidence) scored = Scored{confidence, how, index};
    };
    if (shared == text.grams && query.text.find(text.form.text) != std::string::npos)
      consider(text.kind == MatchedText::keyword
                   ? Weights::contains_keyword + Weights::contains_keyword_span * query_cover
                   : Weights::contains_name + (1 - Weights::contains_name) * query_cover,
               MatchKind::contains);
    if (!segments.empty() &&
        std::all_of(segments.begin(), segments.end(), [&](std::string_view segment) {
          return text.form.text.find(segment) != std::string::npos;
        }))
      consider(Weights::contained + Weights::contained_span * text_cover, MatchKind::contained);
    return scored;
  }

  const std::string& written(const IndexedText& text) const {
    const TaskRecord& task = model_.tasks[text.task];
    switch (text.kind) {
      case MatchedText::alias: return task.aliases[text.which];
      case MatchedText::keyword: return task.keywords[text.which];
      default: return task.name;
    }
  }

  // The synonyms a match rests on, as "the query's word→the task's word": groups rewritten on
  // either side whose word appears in the task's text.
  std::vector<std::string> synonyms_used(const ReadingForm& query, const ReadingForm& text) const {
    std::vector<std::string> used;
    auto written_in = [](const ReadingForm& form, std::uint32_t group,
                         const std::string& canonical) -> std::string {
      for (const auto& [replaced, word] : form.replaced)
        if (replaced == group) return word;
      return canonical;
    };
    auto note = [&](std::uint32_t group) {
      const std::string& canonical = forms_.canonical(group);
      if (text.text.find(canonical) == std::string::npos) return;
      std::string pair =
          written_in(query, group, canonical) + "→" + written_in(text, group, canonical);
      if (written_in(query, group, canonical) != written_in(text, group, canonical) &&
          std::find(used.begin(), used.end(), pair) == used.end())
        used.push_back(std::move(pair));
    };
    for (const auto& replaced : query.replaced) note(replaced.first);
    for (const auto& replaced : text.replaced)
      if (query.text.find(forms_.canonical(replaced.first)) != std::string::npos)
        note(replaced.first);
    return used;
  }

  static inline const std::vector<std::string_view> no_segments{};
  static constexpr std::size_t texts_weighed_in_full = 512;
  // A reading looks at the first this many characters of a text: no directive item is longer,
  // and containment is checked along the text for every text that may be contained.
  static constexpr std::size_t longest_text_read = 1000;

  static std::string_view first_characters(std::string_view text, std::size_t count) {
    for (std::size_t at = 0; at < text.size(); ++at)
      if ((static_cast<unsigned char>(text[at]) & 0xC0) != 0x80 && count-- == 0)
        return text.substr(0, at);
    return text;
  }

  const Model& model_;
  ReadingForms forms_;
  std::vector<IndexedText> texts_;
  boost::unordered_flat_map<std::uint64_t, std::vector<Posting>> postings_;  // by text
  std::size_t common_pair_texts_ = 0;  // a pair in more texts than this is common
  // A text whose pairs are all common, under its rarest pair.
  boost::unordered_flat_map<std::uint64_t, std::vector<std::uint32_t>> anchors_;
  boost::unordered_flat_map<std::uint64_t, double> idf_;
};

std::shared_ptr<const ReadingIndex> build_reading_index(const Model& model) {
  return std::make_shared<const ReadingIndex>(model);
}

std::vector<Candidate> rank_candidates(const Model& model, std::string_view normalized,
                                       std::size_t limit) {
  return model.reading_index().rank(normalized, limit);
}

void check_read_options(const ReadOptions& options) {
  checked_number(options.read_as_confidence, "read_as_confidence", 0, 1);
  checked_number(options.read_as_margin, "read_as_margin", 0, 1);
  checked_number(static_cast<double>(options.candidates), "candidates", 1,
                 static_cast<double>(max_candidates));
}

Reading read_text(const Model& model, std::string_view text, const ReadOptions& options) {
  check_read_options(options);
  Reading reading;
  reading.text = std::string(text);
  std::string normalized;
  if (auto task = resolve_task(model, text, normalized)) {
    const TaskRecord& record = model.tasks[*task];
    MatchedText matched_text = MatchedText::name;
    std::string matched = record.name;
    if (text == record.id) {
      matched_text = MatchedText::id;
      matched = record.id;
    } else {
      if (normalized.empty()) normalized = normalize_text(text);
      for (const std::string& alias : record.aliases)
        if (alias == text || normalize_text(alias) == normalized) {
          matched_text = MatchedText::alias;
          matched = alias;
          break;
        }
    }
    reading.status = ReadingStatus::exact;
    reading.candidates.push_back(
        Candidate{task_ref(model, *task), 1.0, MatchKind::exact, matched_text, matched, {}});
    return reading;
  }
  reading.candidates =
      rank_candidates(model, normalized, std::max<std::size_t>(options.candidates, 2));
  const auto& candidates = reading.candidates;
  if (candidates.empty()) return reading;
  const double second = candidates.size() > 1 ? candidates[1].confidence : 0;
  reading.status = candidates.front().confidence >= options.read_as_confidence &&
                           candidates.front().confidence - second >= options.read_as_margin
                       ? ReadingStatus::read_as
                       : ReadingStatus::candidates;
  reading.candidates.resize(std::min(reading.candidates.size(), options.candidates));
  return reading;
}

}  // namespace qingdan::detail
