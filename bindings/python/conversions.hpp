#pragma once

// Conversions between Python values and qingdan's, shared by the binding files.
#include <optional>
#include <string>

#include <pybind11/pybind11.h>

#include <qingdan/qingdan.hpp>

namespace qingdan::python {

namespace py = pybind11;

// datetime.date (or datetime.datetime), an ISO string, or None; a bad string is an error that
// names the keyword `argument` it was given for.
std::optional<Date> to_date(const py::object& value, std::string_view argument, Language language);
py::object to_python_date(Date date);
// "en" or "zh"; ValueError for anything else.
Language to_language(const std::string& text);
Query to_query(const Rulebook& book, const py::object& at,
               const std::optional<std::string>& jurisdiction,
               const std::optional<std::string>& mode);
py::object json_loads(const std::string& text);
// The load limits and `language` given as keyword arguments.
LoadOptions to_load_options(const py::kwargs& limits);
// Default LoadOptions in the language `language` ("en" or "zh").
LoadOptions load_options_in(const std::string& language);
// Raises qingdan.Error (defined in qingdan/_errors.py) for a qingdan::Error.
void raise_qingdan_error(const Error& error);

// Rulebook.check: one Directive or a list of them, and optional Villages.
Report check_directives(const Rulebook& book, const py::object& directives,
                        const py::object& villages, double warn_at, std::size_t most_loaded);

void bind_rulebook(py::module_& m);
// Rulebook.owner, added to the bound Rulebook type as a raw CPython method (fast_owner.cpp).
void bind_fast_owner(py::handle rulebook_type);
void bind_check(py::module_& m);
void bind_author_tools(py::module_& m);

}  // namespace qingdan::python
