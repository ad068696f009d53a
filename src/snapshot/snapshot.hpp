#pragma once

// A compiled snapshot of a loaded rulebook (`qingdan compile`), read back without parsing YAML.
//
// Layout: the 8 bytes "QDSNAP\r\n" (the line end catches a text-mode copy), the format version
// (u32), the payload's length (u64) and its SHA-256 (32 bytes), then the payload: the Model's
// data, little-endian, in the order snapshot.cpp writes it. The indexes that follow from the data
// are not stored: reading rebuilds them as loading builds them (load/model_indexes.hpp), and the
// reading index is built when first used.
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include <qingdan/detail/model.hpp>
#include <qingdan/load_options.hpp>

namespace qingdan::detail {

inline constexpr std::string_view snapshot_magic{"QDSNAP\r\n", 8};
inline constexpr std::uint32_t snapshot_format = 6;

// The payload of a model, and a payload sealed with its header.
std::string snapshot_payload(const Model& model);
std::string seal_snapshot(std::string_view payload);

// Whether the file begins like a snapshot.
bool looks_like_snapshot(const std::filesystem::path& file);

// Writes the snapshot through a temporary file renamed into place, so a reader never sees half
// of one. Throws qingdan::Error (QL001) when the file cannot be written.
void write_snapshot(const Model& model, const std::filesystem::path& file);

// Throws qingdan::Error: QL001 unreadable, QL016 not a snapshot or another format version, QL017
// truncated, damaged or inconsistent.
std::shared_ptr<const Model> read_snapshot(const std::filesystem::path& file,
                                           const LoadOptions& options);
// The same for a snapshot's bytes already in memory; `file` names it in errors.
std::shared_ptr<const Model> model_from_snapshot(std::string_view bytes,
                                                 const std::filesystem::path& file,
                                                 const LoadOptions& options);

}  // namespace qingdan::detail
