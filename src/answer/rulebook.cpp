#include <qingdan/rulebook.hpp>

#include <algorithm>
#include <tuple>

#include <qingdan/detail/model.hpp>
#include <qingdan/detail/owner_engine.hpp>

#include "answer/decide.hpp"
#include "load/load.hpp"
#include "snapshot/compiled_cache.hpp"
#include "snapshot/snapshot.hpp"
#include "wording/diagnostics.hpp"

namespace qingdan {

Rulebook Rulebook::load(const std::filesystem::path& folder, const LoadOptions& options) {
  std::error_code failure;
  if (std::filesystem::is_regular_file(folder, failure) && detail::looks_like_snapshot(folder))
    return Rulebook(detail::read_snapshot(folder, options));
  const auto cache = detail::CompiledCache::open(folder, options);
  if (cache)
    if (auto model = cache->read(options)) return Rulebook(std::move(model));
  detail::LoadResult result = detail::load_rulebook(folder, options);
  if (!result.model)
    detail::throw_first_error(
        std::move(result.diagnostics),
        detail::coded_diagnostic(folder.generic_string(), {}, detail::Code::cannot_read,
                                 Phrase(detail::Message::rulebook_not_loaded)));
  if (cache) cache->write(*result.model);
  return Rulebook(std::move(result.model));
}

Decision Rulebook::owner(std::string_view task, const Query& query) const {
  return detail::decide(*model_, task, query);
}

Answer Rulebook::answer(std::string_view task, const Query& query) const {
  return detail::answer(*model_, task, detail::resolve_query(*model_, query));
}

Reading Rulebook::read(std::string_view text, const ReadOptions& options) const {
  return detail::read_text(*model_, text, options);
}

const std::string& Rulebook::name() const { return model_->name; }
const std::string& Rulebook::fingerprint() const { return model_->fingerprint; }
const std::vector<Level>& Rulebook::levels() const { return model_->levels; }
const std::vector<Mode>& Rulebook::modes() const { return model_->modes; }
std::size_t Rulebook::task_count() const { return model_->tasks.size(); }
std::size_t Rulebook::edition_count() const { return model_->editions.size(); }

void Rulebook::save_snapshot(const std::filesystem::path& file) const {
  detail::write_snapshot(*model_, file);
}

namespace {

template <class Texts>
std::vector<Decision> decide_each(const Rulebook& book, const Texts& tasks, Query query) {
  if (!query.at) query.at = today();  // one date for the whole batch
  std::vector<Decision> decisions;
  decisions.reserve(tasks.size());
  for (std::string_view task : tasks) decisions.push_back(book.owner(task, query));
  return decisions;
}

template <class Texts>
std::vector<Answer> answer_each(const detail::Model& model, const Texts& tasks,
                                const Query& query) {
  const detail::ResolvedQuery resolved = detail::resolve_query(model, query);
  std::vector<Answer> answers;
  answers.reserve(tasks.size());
  for (std::string_view task : tasks) answers.push_back(detail::answer(model, task, resolved));
  return answers;
}

}  // namespace

std::vector<Decision> Rulebook::owners(std::span<const std::string_view> tasks,
                                       const Query& query) const {
  return decide_each(*this, tasks, query);
}

std::vector<Decision> Rulebook::owners(std::span<const std::string> tasks,
                                       const Query& query) const {
  return decide_each(*this, tasks, query);
}

std::vector<Answer> Rulebook::answers(std::span<const std::string_view> tasks,
                                      const Query& query) const {
  return answer_each(*model_, tasks, query);
}

std::vector<Answer> Rulebook::answers(std::span<const std::string> tasks,
                                      const Query& query) const {
  return answer_each(*model_, tasks, query);
}

std::vector<Approval> Rulebook::approvals() const {
  std::vector<Approval> approvals;
  for (const detail::ApprovalRecord& record : model_->approvals) {
    Approval approval;
    approval.id = record.id;
    if (record.task != detail::npos) approval.task = detail::task_ref(*model_, record.task);
    if (record.category != detail::npos) approval.category = model_->categories[record.category];
    approval.jurisdiction = model_->jurisdictions.node(record.jurisdiction).path;
    for (std::uint32_t level = 0; level < model_->levels.size(); ++level)
      if ((record.levels >> level) & 1U) approval.levels.push_back(model_->levels[level].id);
    approval.from = record.from;
    approval.until = record.until;
    approval.max_per_month = record.max_per_month;
    approval.funding = record.funding;
    approval.issuer = record.issuer;
    approval.note = record.note;
    approval.illustrative = record.illustrative;
    approval.file = model_->files[record.file];
    approval.line = record.line;
    approvals.push_back(std::move(approval));
  }
  return approvals;
}

std::vector<Edition> Rulebook::editions() const {
  std::vector<std::uint32_t> order(model_->editions.size());
  for (std::uint32_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
    const detail::EditionRecord& x = model_->editions[a];
    const detail::EditionRecord& y = model_->editions[b];
    return std::tie(x.jurisdiction, x.list, x.effective) <
           std::tie(y.jurisdiction, y.list, y.effective);
  });
  std::vector<Edition> editions;
  editions.reserve(order.size());
  for (std::uint32_t index : order) {
    const detail::EditionRecord& record = model_->editions[index];
    editions.push_back(Edition{record.list, model_->jurisdictions.node(record.jurisdiction).path,
                               record.version, record.effective, record.until, record.replaced_on,
                               record.title, record.source, record.illustrative,
                               model_->files[record.file], record.line, record.entries.size()});
  }
  return editions;
}

std::vector<Jurisdiction> Rulebook::jurisdictions() const {
  const detail::JurisdictionTree& tree = model_->jurisdictions;
  std::vector<Jurisdiction> places;
  places.reserve(tree.size());
  for (std::uint32_t id = 0; id < tree.size(); ++id) {
    const auto& node = tree.node(id);
    places.push_back(Jurisdiction{
        node.name, node.path,
        node.parent == detail::npos ? std::string() : tree.node(node.parent).path,
        node.depth < model_->levels.size() ? model_->levels[node.depth].id : std::string()});
  }
  return places;
}

std::vector<TaskRef> Rulebook::find_tasks(std::string_view words) const {
  std::vector<std::string> wanted;
  for (std::size_t start = 0; start < words.size();) {
    std::size_t end = words.find_first_of(" \t", start);
    if (end == std::string_view::npos) end = words.size();
    if (end > start) {
      std::string normalized = detail::normalize_text(words.substr(start, end - start));
      if (!normalized.empty()) wanted.push_back(std::move(normalized));
    }
    start = end + 1;
  }
  std::vector<TaskRef> found;
  for (std::uint32_t task = 0; task < model_->tasks.size(); ++task) {
    const detail::TaskRecord& record = model_->tasks[task];
    std::string id = detail::normalize_text(record.id);
    bool matches = std::all_of(wanted.begin(), wanted.end(), [&](const std::string& word) {
      if (id.find(word) != std::string::npos) return true;
      return std::any_of(
          record.normalized_texts.begin(), record.normalized_texts.end(),
          [&](const std::string& text) { return text.find(word) != std::string::npos; });
    });
    if (matches) found.push_back(detail::task_ref(*model_, task));
  }
  return found;
}

std::string Rulebook::jurisdiction_path(std::string_view jurisdiction) const {
  return model_->jurisdictions.node(detail::resolve_jurisdiction(*model_, jurisdiction)).path;
}

std::size_t Rulebook::entry_count() const {
  std::size_t count = 0;
  for (const detail::EditionRecord& edition : model_->editions) count += edition.entries.size();
  return count;
}

}  // namespace qingdan
