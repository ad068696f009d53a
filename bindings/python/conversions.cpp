#include "conversions.hpp"

#include <datetime.h>

namespace qingdan::python {

namespace {

// The datetime C API, imported on first use (a dictionary lookup per call is what it saves).
void import_datetime_api() {
  if (PyDateTimeAPI == nullptr) {
    PyDateTime_IMPORT;
    if (PyDateTimeAPI == nullptr) throw py::error_already_set();
  }
}

}  // namespace

std::optional<Date> to_date(const py::object& value, std::string_view argument, Language language) {
  if (value.is_none()) return std::nullopt;
  if (py::isinstance<py::str>(value)) {
    std::string text = value.cast<std::string>();
    if (auto date = parse_iso_date(text)) return date;
    throw usage_error("QU001", detail::say(language, detail::Message::bad_date_for_option,
                                           {{"text", text}, {"option", argument}}));
  }
  import_datetime_api();
  if (PyDate_Check(value.ptr()))
    return Date{std::chrono::year{PyDateTime_GET_YEAR(value.ptr())},
                std::chrono::month{static_cast<unsigned>(PyDateTime_GET_MONTH(value.ptr()))},
                std::chrono::day{static_cast<unsigned>(PyDateTime_GET_DAY(value.ptr()))}};
  if (py::hasattr(value, "year") && py::hasattr(value, "month") && py::hasattr(value, "day")) {
    return Date{std::chrono::year{value.attr("year").cast<int>()},
                std::chrono::month{value.attr("month").cast<unsigned>()},
                std::chrono::day{value.attr("day").cast<unsigned>()}};
  }
  throw py::type_error("a date must be a datetime.date, an ISO 'YYYY-MM-DD' string or None");
}

py::object to_python_date(Date date) {
  import_datetime_api();
  PyObject* made = PyDate_FromDate(static_cast<int>(date.year()),
                                   static_cast<int>(static_cast<unsigned>(date.month())),
                                   static_cast<int>(static_cast<unsigned>(date.day())));
  if (made == nullptr) throw py::error_already_set();
  return py::reinterpret_steal<py::object>(made);
}

Language to_language(const std::string& text) {
  if (auto language = parse_language(text)) return *language;
  throw py::value_error("unknown language '" + text + "'; expected 'zh' or 'en'");
}

Query to_query(const Rulebook& book, const py::object& at,
               const std::optional<std::string>& jurisdiction,
               const std::optional<std::string>& mode) {
  return Query{to_date(at, "at", book.model().language), jurisdiction.value_or(""),
               mode.value_or("")};
}

py::object json_loads(const std::string& text) {
  return py::module_::import("json").attr("loads")(text);
}

LoadOptions to_load_options(const py::kwargs& limits) {
  LoadOptions options;
  for (const auto& [key, value] : limits) {
    std::string name = key.cast<std::string>();
    if (name == "max_file_bytes")
      options.max_file_bytes = value.cast<std::uint64_t>();
    else if (name == "max_depth")
      options.max_depth = value.cast<std::uint32_t>();
    else if (name == "max_alias_nodes")
      options.max_alias_nodes = value.cast<std::uint64_t>();
    else if (name == "max_entries")
      options.max_entries = value.cast<std::uint64_t>();
    else if (name == "max_text_bytes")
      options.max_text_bytes = value.cast<std::uint64_t>();
    else if (name == "max_files")
      options.max_files = value.cast<std::uint64_t>();
    else if (name == "language")
      options.language = to_language(value.cast<std::string>());
    else
      throw py::type_error("unknown load limit '" + name + "'");
  }
  return options;
}

LoadOptions load_options_in(const std::string& language) {
  LoadOptions options;
  options.language = to_language(language);
  return options;
}

void raise_qingdan_error(const Error& error) {
  py::object type = py::module_::import("qingdan._errors").attr("Error");
  const Diagnostic& where = error.diagnostic();
  auto optional_number = [](std::uint32_t value) -> py::object {
    return value == 0 ? py::object(py::none()) : py::object(py::int_(value));
  };
  py::object file = where.file.empty() ? py::object(py::none()) : py::object(py::str(where.file));
  py::object instance = type(error.what(), file, optional_number(where.line),
                             optional_number(where.column), where.code);
  PyErr_SetObject(type.ptr(), instance.ptr());
}

}  // namespace qingdan::python
