#include "columnar/struct_assembly.hpp"

#include <memory>

namespace qingdan::columnar {

namespace {

struct AssembledStruct {
  std::vector<ArrowArray> columns;
  std::vector<ArrowArray*> children;
  const void* validity = nullptr;  // a struct's only buffer; no row of a batch is null
};

void release_assembled(ArrowArray* array) {
  auto* assembled = static_cast<AssembledStruct*>(array->private_data);
  for (ArrowArray& column : assembled->columns)
    if (column.release != nullptr) column.release(&column);
  delete assembled;
  array->release = nullptr;
}

}  // namespace

void slice_to_batch(ArrowArray& column, std::int64_t first, std::int64_t length) {
  if (first == 0 && column.length == length) return;
  column.offset += first;
  column.length = length;
  if (column.null_count != 0) column.null_count = -1;  // unknown for the slice; readers count
}

void assemble_struct(std::int64_t length, const std::vector<ArrowArray*>& columns,
                     ArrowArray* out) {
  auto assembled = std::make_unique<AssembledStruct>();
  assembled->columns.resize(columns.size());
  for (std::size_t i = 0; i < columns.size(); ++i) {
    ArrowArray& column = assembled->columns[i];
    ArrowArrayMove(columns[i], &column);
    assembled->children.push_back(&column);
  }
  out->length = length;
  out->null_count = 0;
  out->offset = 0;
  out->n_buffers = 1;
  out->n_children = static_cast<std::int64_t>(columns.size());
  out->buffers = &assembled->validity;
  out->children = assembled->children.data();
  out->dictionary = nullptr;
  out->release = release_assembled;
  out->private_data = assembled.release();
}

}  // namespace qingdan::columnar
