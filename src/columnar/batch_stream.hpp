#pragma once

// A columnar query as an Arrow stream: each batch of the input, when the reader asks for it,
// becomes a batch of answers to the same rows — the input columns asked to be kept, as they are,
// then the columns the query writes. What is common to every columnar query is here; what a
// query asks of each row is a BatchAnswers.
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nanoarrow/nanoarrow.h>

#include <qingdan/error.hpp>
#include <qingdan/language.hpp>

namespace qingdan::columnar {

// What one query does with the batches of an input whose schema it was made for.
class BatchAnswers {
 public:
  virtual ~BatchAnswers() = default;
  // The answer columns' names, in order.
  virtual std::vector<std::string> names() const = 0;
  // Sets the answer fields of the struct schema `batch`, its children from `first` on.
  virtual void add_fields(ArrowSchema* batch, std::int64_t first) const = 0;
  // The answers to the rows of `batch`, a struct array of the fields of `answers`.
  virtual void answer(const ArrowArrayView& batch, std::int64_t rows, const ArrowSchema& answers,
                      ArrowArray* out) = 0;
  // The language errors are worded in.
  virtual Language language() const = 0;
};

// The input columns carried into the output before the answers.
struct KeptColumns {
  std::vector<std::string> names;
  bool all = false;
};

using MakeAnswers = std::function<std::unique_ptr<BatchAnswers>(const ArrowSchema& input)>;

// Takes over `input` and sets `output` to the stream of answers. `make` gets the input's schema,
// a struct (else QA005), and throws qingdan::Error for what does not fit it; a kept column that
// is missing (QA001) or has an answer column's name (QA006) throws too. The output's schema
// metadata holds `qingdan.rulebook` (`fingerprint`) and `qingdan.version`.
void open_batch_stream(ArrowArrayStream* input, const MakeAnswers& make, const KeptColumns& kept,
                       const std::string& fingerprint, ArrowArrayStream* output);

// An error's message in `language`, with its code: "unknown jurisdiction 'x' [QQ001]".
std::string worded(const Error& error, Language language);
std::string worded(detail::Code code, const Phrase& phrase, Language language);

// A row of the batch that is null as a whole (a struct array's null, which a record batch never
// has): the error its answers carry (QA004); nothing for every other row.
std::optional<std::string> missing_row(const ArrowArrayView& batch, std::int64_t row,
                                       Language language);

// Throws std::bad_alloc unless `code` is NANOARROW_OK: what a builder's append fails for.
void check_appended(ArrowErrorCode code);

// A text as a builder appends it.
inline ArrowStringView view_of(std::string_view text) {
  return ArrowStringView{text.data(), static_cast<std::int64_t>(text.size())};
}

}  // namespace qingdan::columnar
