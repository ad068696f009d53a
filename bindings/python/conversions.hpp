#pragma once

// Conversions between Python values and qingdan's, shared by the binding files.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <pybind11/pybind11.h>

#include <qingdan/qingdan.hpp>

namespace qingdan::python {

namespace py = pybind11;

// The one layer that turns the arguments of every binding into qingdan's values. A wrong type
// is a TypeError, a wrong value a ValueError (or qingdan.Error), each naming the argument and
// worded in `language`; never pybind11's bare "Unable to cast".

// A str, as UTF-8; a lone surrogate (which UTF-8 cannot hold) is a ValueError. The view lives
// as long as the str.
std::string_view text_view(py::handle value, std::string_view argument, Language language);
std::string to_text(py::handle value, std::string_view argument, Language language);
// None, or to_text.
std::optional<std::string> to_optional_text(py::handle value, std::string_view argument,
                                            Language language);
// A str or os.PathLike naming a file or folder, as the bytes the operating system is given
// (os.fsencode, so names that are not UTF-8 still work); a NUL, which would cut the path short,
// is a ValueError.
std::string to_path(py::handle value, std::string_view argument, Language language);
// A whole number from 0 to `maximum`: an int or anything with __index__, but not a bool.
std::uint64_t to_count(py::handle value, std::string_view argument, std::uint64_t maximum,
                       Language language);
// An int or float (not a bool) as a double; whether it is finite and in range is the callee's
// to check.
double to_number(py::handle value, std::string_view argument, Language language);
// A TypeError unless `value` is an iterable other than str or bytes, which would be taken one
// character at a time; `items` names what it should hold, e.g. "str" or "Directive".
void require_sequence(py::handle value, std::string_view argument, std::string_view items,
                      Language language);
// The Python type name of a value, for messages.
std::string type_name(py::handle value);

// datetime.date (or datetime.datetime), an ISO string, or None; a bad string is an error that
// names the keyword `argument` it was given for.
std::optional<Date> to_date(const py::object& value, std::string_view argument, Language language);
py::object to_python_date(Date date);
// A month: 'YYYY-MM', or a datetime.date whose month it is.
std::chrono::year_month to_month(const py::object& value, std::string_view argument,
                                 Language language);
// True or False, not a number or anything else that Python would take as one.
bool to_bool(py::handle value, std::string_view argument, Language language);
// "en" or "zh"; ValueError for anything else.
Language to_language(const std::string& text);
Language to_language(py::handle value);
// `value` ('en', 'zh'), or `fallback` when it is None.
Language language_or(py::handle value, Language fallback);
Query to_query(const Rulebook& book, const py::object& at, const py::object& jurisdiction,
               const py::object& mode);
py::object json_loads(const std::string& text);
// The options of `language` and of the other keyword arguments: the load limits, `threads`,
// `compiled_cache` and `cache_directory`.
LoadOptions to_load_options(py::handle language, const py::kwargs& keywords);
// Raises qingdan.Error (defined in qingdan/_errors.py) for a qingdan::Error.
void raise_qingdan_error(const Error& error);

// For any other exception that left a SpeakingIn scope: the language it kept for its error is
// not wanted, and later errors on this thread are English again until told otherwise.
void forget_error_language();

// While it lives, and for the error that ends its scope, qingdan errors raised on this thread
// are worded in `language` (a rulebook's methods speak the language it was loaded in).
class SpeakingIn {
 public:
  explicit SpeakingIn(Language language);
  ~SpeakingIn();
  SpeakingIn(const SpeakingIn&) = delete;
  SpeakingIn& operator=(const SpeakingIn&) = delete;

 private:
  Language before_;
  int unwinding_;
};

// Rulebook.check: one Directive or a list of them, optional Villages, and the options.
Report check_directives(const Rulebook& book, const py::object& directives,
                        const py::object& villages, const py::object& warn_at,
                        const py::object& most_loaded, const py::object& exact,
                        const py::object& month, const py::object& ledger);

// Directives given to Python: a Directive or a sequence of them; with `paths`, also the path of
// a directive file or of a folder of them (a ledger), or a sequence of those.
std::vector<Directive> to_directives(const py::object& directives, std::string_view argument,
                                     Language language, bool paths);
Villages to_villages(const py::object& villages, Language language);

void bind_rulebook(py::module_& m);
// Rulebook.owner, added to the bound Rulebook type as a raw CPython method (fast_owner.cpp).
void bind_fast_owner(py::handle rulebook_type);
void bind_check(py::module_& m);
// The options of Rulebook.read given as Python values (reading_bindings.cpp).
ReadOptions to_read_options(const Rulebook& book, const py::object& read_as_confidence,
                            const py::object& read_as_margin, const py::object& candidates);
// Rulebook.read, Reading and Candidate (reading_bindings.cpp).
void bind_reading(py::module_& m, py::class_<Rulebook>& rulebook);
void bind_author_tools(py::module_& m);
void bind_workflow(py::module_& m, py::class_<Rulebook>& rulebook);
// Rulebook.owners_arrow, qingdan.lit and AnswerStream (arrow_bindings.cpp).
void bind_arrow(py::module_& m, py::class_<Rulebook>& rulebook);

}  // namespace qingdan::python
