// Rulebook.owners_arrow, qingdan.lit and AnswerStream: the owner query over Arrow columns,
// through the Arrow PyCapsule interface (__arrow_c_stream__ / __arrow_c_array__), so that any
// library that speaks it hands its batches over, and reads the answers, without copying.
#include <memory>
#include <optional>

#include <pybind11/stl.h>
#include <nanoarrow/nanoarrow.hpp>

#include "columnar/owner_stream.hpp"
#include "columnar/reading_stream.hpp"
#include "conversions.hpp"

namespace qingdan::python {

namespace {

using columnar::OwnerQueryColumns;
using columnar::Parameter;

// One value for every row of a columnar query: qingdan.lit("emergency"), lit(date(2025, 3, 1)).
struct Literal {
  py::object value;
};

// The answers of owners_arrow: a stream, read once, through __arrow_c_stream__.
class AnswerStream {
 public:
  AnswerStream(nanoarrow::UniqueArrayStream stream, std::vector<std::string> columns,
               std::string fingerprint, Language language)
      : stream_(std::move(stream)),
        columns_(std::move(columns)),
        fingerprint_(std::move(fingerprint)),
        language_(language) {
    if (ArrowArrayStreamGetSchema(stream_.get(), schema_.get(), nullptr) != NANOARROW_OK) {
      const char* why = ArrowArrayStreamGetLastError(stream_.get());
      throw std::runtime_error(why != nullptr ? why : "the answers' schema cannot be read");
    }
  }

  // The answers' schema, which readers such as DuckDB ask for before the stream, and again.
  py::capsule export_schema() const {
    auto exported = std::make_unique<ArrowSchema>();
    if (ArrowSchemaDeepCopy(schema_.get(), exported.get()) != NANOARROW_OK) throw std::bad_alloc();
    nanoarrow::UniqueSchema owned(exported.get());  // released if the capsule cannot be made
    py::capsule capsule(exported.get(), "arrow_schema", [](PyObject* capsule) {
      auto* schema = static_cast<ArrowSchema*>(PyCapsule_GetPointer(capsule, "arrow_schema"));
      if (schema == nullptr) return;
      if (schema->release != nullptr) schema->release(schema);
      delete schema;
    });
    ArrowSchemaMove(owned.get(), exported.release());  // the capsule owns it now
    return capsule;
  }

  py::capsule export_stream(const py::object& requested_schema) {
    const Language language = language_;
    if (!requested_schema.is_none())
      throw py::value_error(language == Language::zh
                                ? "owners_arrow 的结果不能按指定的模式转换；请在读取后再转换"
                                : "the answers of owners_arrow cannot be cast to a requested "
                                  "schema; cast them once read");
    if (stream_->release == nullptr)
      throw py::value_error(language == Language::zh
                                ? "owners_arrow 的结果只能读取一次"
                                : "the answers of owners_arrow can be read only once");
    auto exported = std::make_unique<ArrowArrayStream>();
    exported->release = nullptr;
    py::capsule capsule(exported.get(), "arrow_array_stream", [](PyObject* capsule) {
      auto* stream =
          static_cast<ArrowArrayStream*>(PyCapsule_GetPointer(capsule, "arrow_array_stream"));
      if (stream == nullptr) return;
      if (stream->release != nullptr) stream->release(stream);
      delete stream;
    });
    ArrowArrayStreamMove(stream_.get(), exported.release());  // the capsule owns it now
    return capsule;
  }

  const std::vector<std::string>& columns() const { return columns_; }
  const std::string& fingerprint() const { return fingerprint_; }
  bool consumed() const { return stream_->release == nullptr; }

 private:
  nanoarrow::UniqueArrayStream stream_;
  nanoarrow::UniqueSchema schema_;
  std::vector<std::string> columns_;
  std::string fingerprint_;
  Language language_;  // of its own errors
};

void* capsule_pointer(const py::object& capsule, const char* name, std::string_view from) {
  void* pointer = PyCapsule_GetPointer(capsule.ptr(), name);
  if (pointer == nullptr)
    throw py::type_error(std::string(from) + " did not return a PyCapsule named '" + name + "'");
  return pointer;
}

// Takes the data's batches over as a stream: a stream it exports, or its one record batch.
nanoarrow::UniqueArrayStream stream_of(const py::object& data) {
  nanoarrow::UniqueArrayStream stream;
  if (py::hasattr(data, "__arrow_c_stream__")) {
    py::object capsule = data.attr("__arrow_c_stream__")();
    auto* exported = static_cast<ArrowArrayStream*>(
        capsule_pointer(capsule, "arrow_array_stream", "__arrow_c_stream__"));
    ArrowArrayStreamMove(exported, stream.get());
    return stream;
  }
  if (py::hasattr(data, "__arrow_c_array__")) {
    py::tuple pair = data.attr("__arrow_c_array__")();
    if (pair.size() != 2) throw py::type_error("__arrow_c_array__ did not return two capsules");
    auto* schema =
        static_cast<ArrowSchema*>(capsule_pointer(pair[0], "arrow_schema", "__arrow_c_array__"));
    auto* array =
        static_cast<ArrowArray*>(capsule_pointer(pair[1], "arrow_array", "__arrow_c_array__"));
    nanoarrow::UniqueSchema owned_schema;
    nanoarrow::UniqueArray owned_array;
    ArrowSchemaMove(schema, owned_schema.get());
    ArrowArrayMove(array, owned_array.get());
    if (ArrowBasicArrayStreamInit(stream.get(), owned_schema.get(), 1) != NANOARROW_OK)
      throw std::bad_alloc();
    ArrowBasicArrayStreamSetArray(stream.get(), 0, owned_array.get());
    return stream;
  }
  throw usage_error(
      detail::Code::arrow_not_a_batch,
      Phrase(detail::Message::arrow_not_a_batch,
             {{"what", Phrase(detail::Message::arrow_the_data, {})}, {"type", type_name(data)}}));
}

// A parameter given as a column's name (str), one value for every row (qingdan.lit, or a date
// for `at`), or None.
Parameter parameter_of(const py::object& value, std::string_view argument, bool is_date,
                       Language language) {
  if (value.is_none()) return {};
  if (py::isinstance<Literal>(value)) {
    const py::object& literal = value.cast<const Literal&>().value;
    if (literal.is_none())
      throw py::type_error(std::string(argument) +
                           (language == Language::zh
                                ? "：qingdan.lit(None) 没有值；要用默认值请直接给 None"
                                : ": qingdan.lit(None) holds no value; give None itself for the "
                                  "default"));
    if (is_date) return Parameter::value(to_iso(*to_date(literal, argument, language)));
    return Parameter::value(to_text(literal, argument, language));
  }
  if (py::isinstance<py::str>(value)) return Parameter::column(to_text(value, argument, language));
  if (is_date) {
    if (auto date = to_date(value, argument, language)) return Parameter::value(to_iso(*date));
  }
  throw py::type_error(std::string(argument) +
                       (language == Language::zh
                            ? " 应为列名（str）、qingdan.lit(值) 或 None，这里是 "
                            : " takes a column name (str), qingdan.lit(value) or None, not ") +
                       type_name(value));
}

std::vector<std::string> texts_of(const py::object& values, std::string_view argument,
                                  Language language) {
  require_sequence(values, argument, "str", language);
  std::vector<std::string> texts;
  for (py::handle value : values) texts.push_back(to_text(value, argument, language));
  return texts;
}

// `keep`: None, True (every column), or the names of the columns to keep.
columnar::KeptColumns kept_of(const py::object& keep, Language language) {
  columnar::KeptColumns kept;
  if (py::isinstance<py::bool_>(keep)) {
    kept.all = keep.cast<bool>();
  } else if (!keep.is_none()) {
    kept.names = texts_of(keep, "keep", language);
  }
  return kept;
}

AnswerStream owners_arrow(const Rulebook& book, const py::object& data, const py::object& task,
                          const py::object& at, const py::object& jurisdiction,
                          const py::object& mode, const py::object& roles, const py::object& keep,
                          bool fingerprint, const py::object& language_value) {
  const Language language = language_or(language_value, book.language());
  const SpeakingIn speaking_in(language);
  OwnerQueryColumns columns;
  if (task.is_none())
    throw py::type_error(language == Language::zh ? "owners_arrow 需要 task（列名或 qingdan.lit）"
                                                  : "owners_arrow needs task (a column name or "
                                                    "qingdan.lit)");
  columns.task = parameter_of(task, "task", false, language);
  columns.at = parameter_of(at, "at", true, language);
  columns.jurisdiction = parameter_of(jurisdiction, "jurisdiction", false, language);
  columns.mode = parameter_of(mode, "mode", false, language);
  if (!roles.is_none()) columns.roles = texts_of(roles, "roles", language);
  columns.keep = kept_of(keep, language);
  columns.fingerprint = fingerprint;
  columns.language = language;

  nanoarrow::UniqueArrayStream input = stream_of(data);
  nanoarrow::UniqueArrayStream output;
  columnar::open_owner_stream(book, input.get(), columns, output.get());
  return AnswerStream(std::move(output), columnar::answer_column_names(book, columns),
                      book.fingerprint(), language);
}

AnswerStream read_arrow(const Rulebook& book, const py::object& data, const py::object& text,
                        const py::object& keep, const py::object& read_as_confidence,
                        const py::object& read_as_margin, const py::object& candidates,
                        const py::object& language_value) {
  const Language language = language_or(language_value, book.language());
  const SpeakingIn speaking_in(language);
  columnar::ReadingColumns columns;
  if (text.is_none() || py::isinstance<Literal>(text))
    throw py::type_error(language == Language::zh ? "read_arrow 的 text 应为列名（str）"
                                                  : "read_arrow takes text as a column name (str)");
  columns.text = parameter_of(text, "text", false, language);
  columns.options = to_read_options(book, read_as_confidence, read_as_margin, candidates);
  columns.keep = kept_of(keep, language);
  columns.language = language;
  nanoarrow::UniqueArrayStream input = stream_of(data);
  nanoarrow::UniqueArrayStream output;
  columnar::open_reading_stream(book, input.get(), columns, output.get());
  return AnswerStream(std::move(output), columnar::reading_column_names(), book.fingerprint(),
                      language);
}

}  // namespace

void bind_arrow(py::module_& m, py::class_<Rulebook>& rulebook) {
  py::class_<Literal>(m, "Literal", "One value for every row of a columnar query (qingdan.lit).")
      .def_readonly("value", &Literal::value)
      .def("__repr__", [](const Literal& literal) {
        return "lit(" + py::repr(literal.value).cast<std::string>() + ")";
      });
  m.def(
      "lit", [](py::object value) { return Literal{std::move(value)}; }, py::arg("value"),
      "One value for every row, where owners_arrow takes a column's name: "
      "mode=qingdan.lit('emergency'), jurisdiction=qingdan.lit('qingpu').");

  py::class_<AnswerStream>(m, "AnswerStream",
                           "The answers of Rulebook.owners_arrow: an Arrow stream of record "
                           "batches, read once by any library that takes __arrow_c_stream__ "
                           "(pyarrow.table(answers), polars.DataFrame(answers), duckdb).")
      .def(
          "__arrow_c_stream__",
          [](AnswerStream& stream, const py::object& requested_schema) {
            return stream.export_stream(requested_schema);
          },
          py::arg("requested_schema") = py::none())
      .def("__arrow_c_schema__", &AnswerStream::export_schema)
      .def_property_readonly("columns", &AnswerStream::columns,
                             "The answer columns' names, after any kept columns.")
      .def_property_readonly("fingerprint", &AnswerStream::fingerprint,
                             "The fingerprint of the rulebook that answers (also in the schema's "
                             "metadata, qingdan.rulebook).")
      .def_property_readonly("consumed", &AnswerStream::consumed,
                             "Whether the stream was already handed to a reader.");

  rulebook.def("read_arrow", &read_arrow, py::arg("data"), py::arg("text") = "text", py::kw_only(),
               py::arg("keep") = py::none(),
               py::arg("read_as_confidence") = ReadOptions{}.read_as_confidence,
               py::arg("read_as_margin") = ReadOptions{}.read_as_margin,
               py::arg("candidates") = ReadOptions{}.candidates, py::arg("language") = py::none(),
               "Read each row's free text (column `text`) as Rulebook.read does, for a table of "
               "rows (anything that exports Arrow, as for owners_arrow). Returns an AnswerStream: "
               "the columns named in `keep`, then reading (exact, read_as, candidates, none), "
               "task_id and task_name (the task the text was taken as), confidence and matched "
               "(the best candidate's), candidates and confidences (best first), error.");
  rulebook.def(
      "answer_columns",
      [](const Rulebook& book, const py::object& roles, bool fingerprint) {
        const SpeakingIn speaking_in(book.language());
        OwnerQueryColumns columns;
        if (!roles.is_none()) columns.roles = texts_of(roles, "roles", book.language());
        columns.fingerprint = fingerprint;
        return columnar::answer_column_names(book, columns);
      },
      py::kw_only(), py::arg("roles") = py::none(), py::arg("fingerprint") = false,
      "The names of the answer columns owners_arrow writes for these roles (default every "
      "level) and fingerprint, in order: to declare a schema before the data is read.");
  rulebook.def("owners_arrow", &owners_arrow, py::arg("data"), py::arg("task") = "task",
               py::arg("at") = "at", py::arg("jurisdiction") = "jurisdiction",
               py::arg("mode") = py::none(), py::kw_only(), py::arg("roles") = py::none(),
               py::arg("keep") = py::none(), py::arg("fingerprint") = false,
               py::arg("language") = py::none(),
               "Who owns each row's task, for a table of rows: `data` is anything that exports "
               "Arrow (__arrow_c_stream__ or a record batch's __arrow_c_array__: pyarrow, "
               "polars, pandas, DuckDB). task/at/jurisdiction/mode name columns, or give one "
               "value for every row with qingdan.lit(...) (a date for `at`); None is today, the "
               "whole rulebook's place, the default mode. Returns an AnswerStream: status, "
               "task_id, owner_level, owner_department, role_<level> for each of `roles` "
               "(default every level), entries, error (and rulebook, the fingerprint, when "
               "fingerprint=True), after the columns named in `keep` (True keeps all). A row with "
               "a null or bad value gets null answers and its error; it never stops the stream.");
}

}  // namespace qingdan::python
