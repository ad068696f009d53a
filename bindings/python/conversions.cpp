#include "conversions.hpp"

#include <exception>

#include <datetime.h>

#include <cstdio>
#include <limits>

namespace qingdan::python {

namespace {

py::type_error wrong_type(py::handle value, std::string_view argument, std::string_view expected,
                          Language language) {
  return py::type_error(
      detail::say(language, detail::Message::argument_wrong_type,
                  {{"argument", argument}, {"expected", expected}, {"found", type_name(value)}}));
}

// The first lone surrogate of a str that UTF-8 cannot encode, as U+XXXX.
std::string first_surrogate(py::handle text) {
  const Py_ssize_t length = PyUnicode_GetLength(text.ptr());
  for (Py_ssize_t i = 0; i < length; ++i) {
    Py_UCS4 character = PyUnicode_ReadChar(text.ptr(), i);
    if (character >= 0xD800 && character <= 0xDFFF) {
      char code[16];
      std::snprintf(code, sizeof code, "U+%04X", static_cast<unsigned>(character));
      return code;
    }
  }
  return "?";
}

py::value_error lone_surrogate(py::handle text, std::string_view argument, Language language) {
  PyErr_Clear();
  return py::value_error(
      detail::say(language, detail::Message::argument_lone_surrogate,
                  {{"argument", argument}, {"character", first_surrogate(text)}}));
}

// The datetime C API, imported on first use (a dictionary lookup per call is what it saves).
void import_datetime_api() {
  if (PyDateTimeAPI == nullptr) {
    PyDateTime_IMPORT;
    if (PyDateTimeAPI == nullptr) throw py::error_already_set();
  }
}

}  // namespace

std::string type_name(py::handle value) { return Py_TYPE(value.ptr())->tp_name; }

std::string_view text_view(py::handle value, std::string_view argument, Language language) {
  if (!PyUnicode_Check(value.ptr())) throw wrong_type(value, argument, "str", language);
  Py_ssize_t size = 0;
  const char* utf8 = PyUnicode_AsUTF8AndSize(value.ptr(), &size);
  if (utf8 == nullptr) throw lone_surrogate(value, argument, language);
  return {utf8, static_cast<std::size_t>(size)};
}

std::string to_text(py::handle value, std::string_view argument, Language language) {
  return std::string(text_view(value, argument, language));
}

std::optional<std::string> to_optional_text(py::handle value, std::string_view argument,
                                            Language language) {
  if (value.is_none()) return std::nullopt;
  return to_text(value, argument, language);
}

std::string to_path(py::handle value, std::string_view argument, Language language) {
  if (!PyUnicode_Check(value.ptr()) && !PyObject_HasAttrString(value.ptr(), "__fspath__"))
    throw wrong_type(value, argument, "str or os.PathLike", language);
  py::object path = py::reinterpret_steal<py::object>(PyOS_FSPath(value.ptr()));
  if (!path) throw py::error_already_set();
  if (!PyUnicode_Check(path.ptr()))
    throw wrong_type(path, argument, "str or os.PathLike", language);
  // The file system's encoding with surrogateescape: names that are not UTF-8 keep their bytes.
  py::object bytes = py::reinterpret_steal<py::object>(PyUnicode_EncodeFSDefault(path.ptr()));
  if (!bytes) throw lone_surrogate(path, argument, language);
  std::string encoded(PyBytes_AS_STRING(bytes.ptr()),
                      static_cast<std::size_t>(PyBytes_GET_SIZE(bytes.ptr())));
  if (encoded.find('\0') != std::string::npos)
    throw py::value_error(
        detail::say(language, detail::Message::argument_has_nul, {{"argument", argument}}));
  return encoded;
}

std::uint64_t to_count(py::handle value, std::string_view argument, std::uint64_t maximum,
                       Language language) {
  if (PyBool_Check(value.ptr()) || !PyIndex_Check(value.ptr()))
    throw wrong_type(value, argument, "int", language);
  py::object number = py::reinterpret_steal<py::object>(PyNumber_Index(value.ptr()));
  if (!number) throw py::error_already_set();
  int overflow = 0;
  const long long whole = PyLong_AsLongLongAndOverflow(number.ptr(), &overflow);
  if (whole == -1 && PyErr_Occurred()) throw py::error_already_set();
  if (overflow != 0 || whole < 0 || static_cast<unsigned long long>(whole) > maximum)
    throw py::value_error(detail::say(language, detail::Message::argument_out_of_range,
                                      {{"argument", argument},
                                       {"maximum", std::to_string(maximum)},
                                       {"value", std::string(py::str(number))}}));
  return static_cast<std::uint64_t>(whole);
}

double to_number(py::handle value, std::string_view argument, Language language) {
  if (PyFloat_Check(value.ptr())) return PyFloat_AS_DOUBLE(value.ptr());
  if (PyBool_Check(value.ptr()) || !PyLong_Check(value.ptr()))
    throw wrong_type(value, argument, "int or float", language);
  const double number = PyLong_AsDouble(value.ptr());
  if (number == -1.0 && PyErr_Occurred()) {  // too large for a double: out of any range
    PyErr_Clear();
    return std::numeric_limits<double>::infinity();
  }
  return number;
}

void require_sequence(py::handle value, std::string_view argument, std::string_view items,
                      Language language) {
  if (PyUnicode_Check(value.ptr()) || PyBytes_Check(value.ptr()) || PyByteArray_Check(value.ptr()))
    throw py::type_error(
        detail::say(language, detail::Message::argument_text_not_sequence,
                    {{"argument", argument}, {"items", items}, {"found", type_name(value)}}));
  if (!py::isinstance<py::iterable>(value))
    throw wrong_type(value, argument, "an iterable of " + std::string(items), language);
}

std::optional<Date> to_date(const py::object& value, std::string_view argument, Language language) {
  if (value.is_none()) return std::nullopt;
  if (py::isinstance<py::str>(value)) {
    std::string text = to_text(value, argument, language);
    if (auto date = parse_iso_date(text)) return date;
    throw usage_error(detail::Code::bad_date_value,
                      detail::say(language, detail::Message::bad_date_for_option,
                                  {{"text", text}, {"option", argument}}));
  }
  import_datetime_api();
  if (PyDate_Check(value.ptr()))
    return Date{std::chrono::year{PyDateTime_GET_YEAR(value.ptr())},
                std::chrono::month{static_cast<unsigned>(PyDateTime_GET_MONTH(value.ptr()))},
                std::chrono::day{static_cast<unsigned>(PyDateTime_GET_DAY(value.ptr()))}};
  if (py::hasattr(value, "year") && py::hasattr(value, "month") && py::hasattr(value, "day")) {
    Date date{
        std::chrono::year{static_cast<int>(to_count(value.attr("year"), argument, 9999, language))},
        std::chrono::month{
            static_cast<unsigned>(to_count(value.attr("month"), argument, 12, language))},
        std::chrono::day{
            static_cast<unsigned>(to_count(value.attr("day"), argument, 31, language))}};
    if (date.ok()) return date;
    throw usage_error(detail::Code::bad_date_value,
                      detail::say(language, detail::Message::bad_date_for_option,
                                  {{"text", std::string(py::str(value))}, {"option", argument}}));
  }
  throw py::type_error("a date must be a datetime.date, an ISO 'YYYY-MM-DD' string or None");
}

std::chrono::year_month to_month(const py::object& value, std::string_view argument,
                                 Language language) {
  if (py::isinstance<py::str>(value)) {
    std::string text = to_text(value, argument, language);
    if (auto month = parse_iso_month(text)) return *month;
    throw usage_error(detail::Code::bad_date_value,
                      detail::say(language, detail::Message::bad_month_for_option,
                                  {{"text", text}, {"option", argument}}));
  }
  if (!py::hasattr(value, "year") || !py::hasattr(value, "month"))
    throw py::type_error(detail::say(language, detail::Message::argument_wrong_type,
                                     {{"argument", argument},
                                      {"expected", "'YYYY-MM' or datetime.date"},
                                      {"found", type_name(value)}}));
  std::optional<Date> date = to_date(value, argument, language);
  return date->year() / date->month();
}

bool to_bool(py::handle value, std::string_view argument, Language language) {
  if (value.ptr() == Py_True) return true;
  if (value.ptr() == Py_False) return false;
  throw py::type_error(
      detail::say(language, detail::Message::argument_wrong_type,
                  {{"argument", argument}, {"expected", "bool"}, {"found", type_name(value)}}));
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

Language to_language(py::handle value) {
  return to_language(to_text(value, "language", Language::en));
}

Query to_query(const Rulebook& book, const py::object& at, const py::object& jurisdiction,
               const py::object& mode) {
  const Language language = book.language();
  const SpeakingIn speaking_in(language);
  return Query{to_date(at, "at", language),
               to_optional_text(jurisdiction, "jurisdiction", language).value_or(""),
               to_optional_text(mode, "mode", language).value_or("")};
}

py::object json_loads(const std::string& text) {
  return py::module_::import("json").attr("loads")(text);
}

LoadOptions to_load_options(py::handle language_value, const py::kwargs& keywords) {
  LoadOptions options;
  const Language language = to_language(language_value);
  constexpr std::uint64_t any = std::numeric_limits<std::uint64_t>::max();
  for (const auto& [key, value] : keywords) {
    std::string name = to_text(key, "keyword", language);
    if (name == "max_file_bytes")
      options.max_file_bytes = to_count(value, name, any, language);
    else if (name == "max_depth")
      options.max_depth = static_cast<std::uint32_t>(
          to_count(value, name, std::numeric_limits<std::uint32_t>::max(), language));
    else if (name == "max_alias_nodes")
      options.max_alias_nodes = to_count(value, name, any, language);
    else if (name == "max_entries")
      options.max_entries = to_count(value, name, any, language);
    else if (name == "max_text_bytes")
      options.max_text_bytes = to_count(value, name, any, language);
    else if (name == "max_files")
      options.max_files = to_count(value, name, any, language);
    else if (name == "max_snapshot_bytes")
      options.max_snapshot_bytes = to_count(value, name, any, language);
    else if (name == "threads")
      options.threads = static_cast<unsigned>(to_count(value, name, 4096, language));
    else if (name == "compiled_cache") {
      if (!py::isinstance<py::bool_>(value))
        throw py::type_error("compiled_cache must be True or False");
      options.compiled_cache = value.cast<bool>();
    } else if (name == "cache_directory")
      options.cache_directory = to_path(value, name, language);
    else
      throw py::type_error("unknown load option '" + name + "'");
  }
  return options;
}

Language language_or(py::handle value, Language fallback) {
  return value.is_none() ? fallback : to_language(value);
}

namespace {
thread_local Language speaking = Language::en;
}  // namespace

SpeakingIn::SpeakingIn(Language language)
    : before_(speaking), unwinding_(std::uncaught_exceptions()) {
  speaking = language;
}
// An error leaving the scope is translated to Python after this runs: it keeps the language.
SpeakingIn::~SpeakingIn() {
  if (std::uncaught_exceptions() == unwinding_) speaking = before_;
}

void forget_error_language() { speaking = Language::en; }

void raise_qingdan_error(const Error& error) {
  py::object type = py::module_::import("qingdan._errors").attr("Error");
  const Diagnostic& where = error.diagnostic();
  auto optional_number = [](std::uint32_t value) -> py::object {
    return value == 0 ? py::object(py::none()) : py::object(py::int_(value));
  };
  py::object file = where.file.empty() ? py::object(py::none()) : py::object(py::str(where.file));
  const Language language = speaking;
  speaking = Language::en;  // kept only for this error (see SpeakingIn)
  py::object instance = type(where.to_string(language), file, optional_number(where.line),
                             optional_number(where.column), where.code);
  PyErr_SetObject(type.ptr(), instance.ptr());
}

}  // namespace qingdan::python
