// Rulebook.owner as a raw CPython method (METH_FASTCALL | METH_KEYWORDS). It is the call a
// script makes millions of times, and pybind11's general dispatcher (an argument tuple, a
// keyword dict, a caster per argument) costs several times the query itself.
#include <array>
#include <optional>
#include <string>
#include <string_view>

#include "conversions.hpp"
#include "lazy_decision.hpp"

namespace qingdan::python {

namespace {

constexpr std::array<std::string_view, 4> parameter_names{"task", "at", "jurisdiction", "mode"};

// The arguments by parameter, borrowed; null when not given.
std::array<PyObject*, 4> arguments_of(PyObject* const* args, Py_ssize_t count, PyObject* names) {
  if (count > static_cast<Py_ssize_t>(parameter_names.size()))
    throw py::type_error("owner() takes at most 4 arguments (" + std::to_string(count) + " given)");
  std::array<PyObject*, 4> given{};
  for (Py_ssize_t i = 0; i < count; ++i) given[static_cast<std::size_t>(i)] = args[i];
  const Py_ssize_t keywords = names == nullptr ? 0 : PyTuple_GET_SIZE(names);
  for (Py_ssize_t k = 0; k < keywords; ++k) {
    Py_ssize_t size = 0;
    const char* name = PyUnicode_AsUTF8AndSize(PyTuple_GET_ITEM(names, k), &size);
    if (name == nullptr) throw py::error_already_set();
    std::string_view keyword(name, static_cast<std::size_t>(size));
    std::size_t index = 0;
    while (index < parameter_names.size() && parameter_names[index] != keyword) ++index;
    if (index == parameter_names.size())
      throw py::type_error("owner() got an unexpected keyword argument '" + std::string(keyword) +
                           "'");
    if (given[index] != nullptr)
      throw py::type_error("owner() got multiple values for argument '" + std::string(keyword) +
                           "'");
    given[index] = args[count + k];
  }
  if (given[0] == nullptr) throw py::type_error("owner() missing required argument: 'task'");
  return given;
}

PyObject* owner(PyObject* self, PyObject* const* args, Py_ssize_t count, PyObject* names) {
  try {
    std::array<PyObject*, 4> given = arguments_of(args, count, names);
    const Rulebook& book = py::handle(self).cast<const Rulebook&>();
    const Language language = book.language();
    const SpeakingIn speaking_in(language);
    std::string_view task = text_view(given[0], "task", language);
    py::object at = py::reinterpret_borrow<py::object>(given[1] ? given[1] : Py_None);
    auto optional_text = [&](PyObject* value, std::string_view name) {
      return value == nullptr ? std::string()
                              : to_optional_text(value, name, language).value_or("");
    };
    Query query{to_date(at, "at", language), optional_text(given[2], "jurisdiction"),
                optional_text(given[3], "mode")};
    if (!query.at) query.at = today();
    Answer answer = book.answer(task, query);
    return py::cast(LazyDecision(book, std::string(task), std::move(query), answer))
        .release()
        .ptr();
  } catch (py::error_already_set& error) {
    forget_error_language();
    error.restore();
  } catch (py::builtin_exception& error) {
    forget_error_language();
    error.set_error();
  } catch (const Error& error) {
    raise_qingdan_error(error);
  } catch (const std::exception& error) {
    forget_error_language();
    PyErr_SetString(PyExc_RuntimeError, error.what());
  }
  return nullptr;
}

PyMethodDef owner_method{
    "owner", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(&owner)),
    METH_FASTCALL | METH_KEYWORDS,
    "owner($self, task, at=None, jurisdiction=None, mode=None)\n--\n\n"
    "Who owns a task (id, name or alias): a Decision, whose entries and reasons are made when "
    "read."};

}  // namespace

void bind_fast_owner(py::handle rulebook_type) {
  auto* type = reinterpret_cast<PyTypeObject*>(rulebook_type.ptr());
  py::object method = py::reinterpret_steal<py::object>(PyDescr_NewMethod(type, &owner_method));
  if (!method) throw py::error_already_set();
  rulebook_type.attr("owner") = method;
}

}  // namespace qingdan::python
