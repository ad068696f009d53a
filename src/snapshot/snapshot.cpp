#include "snapshot/snapshot.hpp"

#include <cstring>
#include <fstream>
#include <future>
#include <iterator>
#include <optional>
#include <system_error>
#include <utility>

#include <qingdan/error.hpp>

#include "load/sha256.hpp"
#include "render/output_file.hpp"
#include "snapshot/snapshot_codec.hpp"
#include "snapshot/snapshot_validation.hpp"
#include "wording/diagnostics.hpp"

namespace qingdan::detail {

namespace {

constexpr std::size_t checksum_bytes = 32;
constexpr std::size_t header_bytes = snapshot_magic.size() + 4 + 8 + checksum_bytes;

void io_jurisdictions(SnapshotWriter& s, const JurisdictionTree& tree, std::size_t) {
  s.io(tree.node(JurisdictionTree::root).name);
  s.io(tree.node(JurisdictionTree::root).kind);
  s.io(static_cast<std::uint32_t>(tree.size() - 1));
  for (std::uint32_t node = 1; node < tree.size(); ++node) {
    s.io(tree.node(node).parent);
    s.io(tree.node(node).name);
    s.io(tree.node(node).kind);
  }
}

void io_jurisdictions(SnapshotReader& s, JurisdictionTree& tree, std::size_t kinds) {
  auto give_kind = [&](std::uint32_t node) {
    std::uint32_t kind = npos;
    s.io(kind);
    if (kind == npos) return;
    if (kind >= kinds || kind >= max_kinds) s.fail("a jurisdiction of a kind that does not exist");
    tree.set_kind(node, kind);  // its children are not read yet: this touches the node alone
  };
  std::string root;
  s.io(root);
  tree = JurisdictionTree(root);
  give_kind(JurisdictionTree::root);
  std::uint32_t count = 0;
  s.io(count);
  if (count > s.left()) s.fail("a count of " + std::to_string(count) + " beyond the end");
  for (std::uint32_t node = 1; node <= count; ++node) {
    std::uint32_t parent = 0;
    std::string name;
    s.io(parent);
    s.io(name);
    if (parent >= node) s.fail("a jurisdiction whose parent comes after it");
    if (tree.add_child(parent, name) != node) s.fail("a jurisdiction given twice");
    give_kind(node);
  }
}

// The Model's own data in snapshot order; `Stream` decides the direction.
template <class Stream, class TheModel>
void io_model(Stream& s, TheModel& model) {
  s.io(model.name);
  s.io(model.fingerprint);
  s.io_each(model.levels, [&](auto& level) { snapshot::io_level(s, level); });
  s.io_each(model.modes, [&](auto& mode) { snapshot::io_level(s, mode); });
  s.io_each(model.kinds, [&](auto& kind) { snapshot::io_kind(s, kind); });
  io_jurisdictions(s, model.jurisdictions, model.kinds.size());
  s.io_each(model.files);
  s.io_each(model.tasks, [&](auto& task) { snapshot::io_task(s, task); });
  s.io_each(model.categories);
  s.io_each(model.synonyms, [&](auto& group) { s.io_each(group); });
  s.io_each(model.generic_words);
  s.io_each(model.editions, [&](auto& edition) { snapshot::io_edition(s, edition); });
  s.io_each(model.test_cases, [&](auto& test) { snapshot::io_test_case(s, test); });
  s.io_each(model.approvals, [&](auto& approval) { snapshot::io_approval(s, approval); });
  s.io_each(model.mode_rules, [&](auto& rules) { snapshot::io_mode_rules(s, rules); });
  s.io_each(model.caps, [&](auto& cap) { snapshot::io_cap(s, cap); });
}

template <class Number>
Number number_at(std::string_view bytes, std::size_t offset) {
  Number value{};
  std::memcpy(&value, bytes.data() + offset, sizeof value);
  return value;
}

[[noreturn]] void fail(const std::filesystem::path& file, Code code, Message message,
                       std::vector<Phrase::Argument> arguments = {}) {
  throw Error(
      coded_diagnostic(file.generic_string(), {}, code, Phrase(message, std::move(arguments))));
}

// The whole file, within LoadOptions::max_snapshot_bytes: the size is checked before anything
// is allocated, and reading stops at the limit should the file grow meanwhile.
std::string read_whole_file(const std::filesystem::path& file, const LoadOptions& options) {
  std::error_code failure;
  const auto size = std::filesystem::file_size(file, failure);
  if (failure) fail(file, Code::cannot_read, Message::cannot_read_file);
  if (size > options.max_snapshot_bytes)
    fail(file, Code::file_too_large, Message::snapshot_over_size_limit,
         {{"size", std::to_string(size)}, {"limit", std::to_string(options.max_snapshot_bytes)}});
  std::ifstream in(file, std::ios::binary);
  std::string bytes(static_cast<std::size_t>(size), '\0');
  in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!in || in.peek() != std::ifstream::traits_type::eof())
    fail(file, Code::cannot_read, Message::cannot_read_file);
  return bytes;
}

}  // namespace

std::string snapshot_payload(const Model& model) {
  SnapshotWriter writer;
  io_model(writer, model);
  return writer.take();
}

std::string seal_snapshot(std::string_view payload) {
  SnapshotWriter header;
  header.io(snapshot_format);
  header.io(static_cast<std::uint64_t>(payload.size()));
  std::string sealed(snapshot_magic);
  sealed += header.take();
  sealed += sha256_digest(payload);
  sealed += payload;
  return sealed;
}

bool looks_like_snapshot(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::string start(snapshot_magic.size(), '\0');
  in.read(start.data(), static_cast<std::streamsize>(start.size()));
  return in && start == snapshot_magic;
}

void write_snapshot(const Model& model, const std::filesystem::path& file) {
  if (auto reason = replace_regular_file(file, seal_snapshot(snapshot_payload(model))))
    throw positioned_error(
        file.generic_string(), 0, 0, Code::cannot_read,
        Phrase(Message::cannot_write_snapshot, {{"reason", std::move(*reason)}}));
}

std::shared_ptr<const Model> read_snapshot(const std::filesystem::path& file,
                                           const LoadOptions& options) {
  return model_from_snapshot(read_whole_file(file, options), file, options);
}

std::shared_ptr<const Model> model_from_snapshot(std::string_view all,
                                                 const std::filesystem::path& file,
                                                 const LoadOptions& options) {
  if (!all.starts_with(snapshot_magic)) fail(file, Code::not_a_rulebook, Message::not_a_folder);
  if (all.size() < header_bytes)
    fail(file, Code::snapshot_damaged, Message::snapshot_truncated,
         {{"expected", std::to_string(header_bytes)}, {"found", std::to_string(all.size())}});
  const auto format = number_at<std::uint32_t>(all, snapshot_magic.size());
  if (format != snapshot_format)
    fail(file, Code::snapshot_other_format, Message::snapshot_other_format,
         {{"found", std::to_string(format)}, {"expected", std::to_string(snapshot_format)}});
  const auto announced = number_at<std::uint64_t>(all, snapshot_magic.size() + 4);
  const std::string_view payload = all.substr(header_bytes);
  if (announced != payload.size())
    fail(file, Code::snapshot_damaged, Message::snapshot_truncated,
         {{"expected", std::to_string(announced)}, {"found", std::to_string(payload.size())}});
  // The checksum is computed on a second thread while the data is read; nothing read is used
  // before it matches, and damage it catches is reported as damage, not as what reading found.
  std::future<bool> intact = std::async(std::launch::async, [&] {
    return all.substr(header_bytes - checksum_bytes, checksum_bytes) == sha256_digest(payload);
  });
  auto model = std::make_shared<Model>();
  std::optional<SnapshotDamaged> damage;
  try {
    SnapshotReader reader(payload);
    io_model(reader, *model);
    if (reader.left() != 0) reader.fail("bytes after the end of the data");
    snapshot::validate(*model, reader);
    snapshot::rebuild_indexes(*model, reader, options);
  } catch (const SnapshotDamaged& found) {
    damage = found;
  }
  if (!intact.get()) fail(file, Code::snapshot_damaged, Message::snapshot_damaged);
  if (damage)
    fail(file, Code::snapshot_damaged, Message::snapshot_inconsistent,
         {{"offset", std::to_string(header_bytes + damage->offset)}, {"what", damage->what()}});
  return model;
}

}  // namespace qingdan::detail
