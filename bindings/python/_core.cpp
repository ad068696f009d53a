// Thin pybind11 layer over the C++ library; the Python package `qingdan` re-exports it.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <qingdan/qingdan.hpp>

namespace py = pybind11;

namespace {

// A decision together with the fingerprint of the rulebook that made it, for to_json().
struct BoundDecision {
  qingdan::Decision decision;
  std::string fingerprint;
};

// Accepts datetime.date (or datetime.datetime), an ISO string, or None.
std::optional<qingdan::Date> to_date(const py::object& value) {
  if (value.is_none()) return std::nullopt;
  if (py::isinstance<py::str>(value)) {
    std::string text = value.cast<std::string>();
    if (auto date = qingdan::parse_iso_date(text)) return date;
    throw qingdan::usage_error("QU001",
                               "bad date '" + text + "': expected a calendar date as YYYY-MM-DD");
  }
  if (py::hasattr(value, "year") && py::hasattr(value, "month") && py::hasattr(value, "day")) {
    return qingdan::Date{std::chrono::year{value.attr("year").cast<int>()},
                         std::chrono::month{value.attr("month").cast<unsigned>()},
                         std::chrono::day{value.attr("day").cast<unsigned>()}};
  }
  throw py::type_error("a date must be a datetime.date, an ISO 'YYYY-MM-DD' string or None");
}

py::object to_python_date(qingdan::Date date) {
  return py::module_::import("datetime")
      .attr("date")(static_cast<int>(date.year()), static_cast<unsigned>(date.month()),
                    static_cast<unsigned>(date.day()));
}

qingdan::Query to_query(const py::object& at, const std::optional<std::string>& jurisdiction,
                        const std::optional<std::string>& mode) {
  return qingdan::Query{to_date(at), jurisdiction.value_or(""), mode.value_or("")};
}

py::object json_loads(const std::string& text) {
  return py::module_::import("json").attr("loads")(text);
}

qingdan::LoadOptions to_load_options(const py::kwargs& limits) {
  qingdan::LoadOptions options;
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
    else
      throw py::type_error("unknown load limit '" + name + "'");
  }
  return options;
}

void raise_qingdan_error(const qingdan::Error& error) {
  py::object type = py::module_::import("qingdan._errors").attr("Error");
  const qingdan::Diagnostic& where = error.diagnostic();
  auto optional_number = [](std::uint32_t value) -> py::object {
    return value == 0 ? py::object(py::none()) : py::object(py::int_(value));
  };
  py::object instance = type(
      error.what(), where.file.empty() ? py::object(py::none()) : py::object(py::str(where.file)),
      optional_number(where.line), optional_number(where.column), where.code);
  PyErr_SetObject(type.ptr(), instance.ptr());
}

}  // namespace

PYBIND11_MODULE(_core, m) {
  m.doc() = "qingdan's compiled core; use the `qingdan` package.";
  m.attr("__version__") = qingdan::version;

  py::register_exception_translator([](std::exception_ptr pointer) {
    try {
      if (pointer) std::rethrow_exception(pointer);
    } catch (const qingdan::Error& error) {
      raise_qingdan_error(error);
    }
  });

  py::class_<qingdan::TaskRef>(m, "TaskRef", "A task of the catalogue.")
      .def_readonly("id", &qingdan::TaskRef::id)
      .def_readonly("name", &qingdan::TaskRef::name)
      .def_property_readonly("category",
                             [](const qingdan::TaskRef& task) -> std::optional<std::string> {
                               if (task.category.empty()) return std::nullopt;
                               return task.category;
                             })
      .def_readonly("aliases", &qingdan::TaskRef::aliases)
      .def("__repr__", [](const qingdan::TaskRef& task) {
        return "TaskRef(id='" + task.id + "', name='" + task.name + "')";
      });

  py::class_<qingdan::Owner>(m, "Owner", "The level (and department) that owns a task.")
      .def_readonly("level", &qingdan::Owner::level)
      .def_readonly("department", &qingdan::Owner::department)
      .def("__repr__", [](const qingdan::Owner& owner) {
        return "Owner(level='" + owner.level + "', department='" + owner.department + "')";
      });

  py::class_<qingdan::EntryRef>(m, "EntryRef", "An entry of one edition of a list.")
      .def_property_readonly("list",
                             [](const qingdan::EntryRef& entry) {
                               return std::string(qingdan::to_string(entry.list));
                             })
      .def_readonly("id", &qingdan::EntryRef::id)
      .def_readonly("edition", &qingdan::EntryRef::edition)
      .def_readonly("jurisdiction", &qingdan::EntryRef::jurisdiction)
      .def_readonly("file", &qingdan::EntryRef::file)
      .def_readonly("line", &qingdan::EntryRef::line)
      .def_readonly("basis", &qingdan::EntryRef::basis)
      .def("__repr__", [](const qingdan::EntryRef& entry) {
        return "EntryRef(list='" + std::string(qingdan::to_string(entry.list)) + "', id='" +
               entry.id + "', edition='" + entry.edition + "')";
      });

  py::class_<BoundDecision>(m, "Decision", "Who owns a task, every level's role, and why.")
      .def_property_readonly("query", [](const BoundDecision& d) { return d.decision.query; })
      .def_property_readonly("task", [](const BoundDecision& d) { return d.decision.task; })
      .def_property_readonly(
          "status",
          [](const BoundDecision& d) { return std::string(qingdan::to_string(d.decision.status)); })
      .def_property_readonly("owner", [](const BoundDecision& d) { return d.decision.owner; })
      .def_property_readonly("roles",
                             [](const BoundDecision& d) {
                               py::dict roles;
                               for (const auto& [level, role] : d.decision.roles)
                                 roles[py::str(level)] = std::string(qingdan::to_string(role));
                               return roles;
                             })
      .def_property_readonly("entries", [](const BoundDecision& d) { return d.decision.entries; })
      .def_property_readonly("conflicts",
                             [](const BoundDecision& d) { return d.decision.conflicts; })
      .def_property_readonly("suggestions",
                             [](const BoundDecision& d) { return d.decision.suggestions; })
      .def_property_readonly("at",
                             [](const BoundDecision& d) { return to_python_date(d.decision.at); })
      .def_property_readonly("jurisdiction",
                             [](const BoundDecision& d) { return d.decision.jurisdiction; })
      .def_property_readonly("mode", [](const BoundDecision& d) { return d.decision.mode; })
      .def_readonly("fingerprint", &BoundDecision::fingerprint)
      .def(
          "explain", [](const BoundDecision& d) { return d.decision.explain(); },
          "The reasoning, one line per step.")
      .def(
          "to_json",
          [](const BoundDecision& d) { return qingdan::to_json(d.decision, d.fingerprint); },
          "The decision as deterministic JSON text.")
      .def(
          "to_dict",
          [](const BoundDecision& d) {
            return json_loads(qingdan::to_json(d.decision, d.fingerprint));
          },
          "The decision as plain dicts and lists (the JSON document).")
      .def("__repr__", [](const BoundDecision& d) {
        std::string text = "Decision(query='" + d.decision.query + "', status='" +
                           std::string(qingdan::to_string(d.decision.status)) + "'";
        if (d.decision.owner) text += ", owner='" + d.decision.owner->level + "'";
        return text + ")";
      });

  py::class_<qingdan::Diagnostic>(m, "Diagnostic", "One problem found in a rule file.")
      .def_readonly("file", &qingdan::Diagnostic::file)
      .def_readonly("line", &qingdan::Diagnostic::line)
      .def_readonly("column", &qingdan::Diagnostic::column)
      .def_property_readonly(
          "severity", [](const qingdan::Diagnostic& d) { return qingdan::to_string(d.severity); })
      .def_readonly("code", &qingdan::Diagnostic::code)
      .def_readonly("message", &qingdan::Diagnostic::message)
      .def("__str__", &qingdan::Diagnostic::to_string)
      .def("__repr__",
           [](const qingdan::Diagnostic& d) { return "Diagnostic('" + d.to_string() + "')"; });

  py::class_<qingdan::LintReport>(m, "LintReport", "Every problem found in a rulebook.")
      .def_readonly("diagnostics", &qingdan::LintReport::diagnostics)
      .def_readonly("fingerprint", &qingdan::LintReport::fingerprint)
      .def_property_readonly("has_errors", &qingdan::LintReport::has_errors)
      .def_property_readonly(
          "errors", [](const qingdan::LintReport& r) { return r.count(qingdan::Severity::error); })
      .def_property_readonly(
          "warnings",
          [](const qingdan::LintReport& r) { return r.count(qingdan::Severity::warning); })
      .def("to_json", [](const qingdan::LintReport& r) { return qingdan::to_json(r); })
      .def("to_dict", [](const qingdan::LintReport& r) { return json_loads(qingdan::to_json(r)); });

  py::class_<qingdan::Rulebook>(m, "Rulebook", "A place's four lists, loaded from a folder.")
      .def_static(
          "load",
          [](const std::string& path, const py::kwargs& limits) {
            qingdan::LoadOptions options = to_load_options(limits);
            py::gil_scoped_release unlocked;
            return qingdan::Rulebook::load(path, options);
          },
          py::arg("path"),
          "Load a rulebook folder; raises qingdan.Error with the first problem. Keyword "
          "arguments raise the load limits (max_file_bytes, max_depth, max_alias_nodes, "
          "max_entries, max_text_bytes, max_files).")
      .def(
          "owner",
          [](const qingdan::Rulebook& book, const std::string& task, const py::object& at,
             const std::optional<std::string>& jurisdiction,
             const std::optional<std::string>& mode) {
            return BoundDecision{book.owner(task, to_query(at, jurisdiction, mode)),
                                 book.fingerprint()};
          },
          py::arg("task"), py::arg("at") = py::none(), py::arg("jurisdiction") = py::none(),
          py::arg("mode") = py::none(), "Who owns a task (id, name or alias).")
      .def(
          "owners",
          [](const qingdan::Rulebook& book, const std::vector<std::string>& tasks,
             const py::object& at, const std::optional<std::string>& jurisdiction,
             const std::optional<std::string>& mode) {
            qingdan::Query query = to_query(at, jurisdiction, mode);
            std::vector<qingdan::Decision> decisions;
            {
              py::gil_scoped_release unlocked;
              decisions = book.owners(tasks, query);
            }
            std::vector<BoundDecision> bound;
            bound.reserve(decisions.size());
            for (auto& decision : decisions)
              bound.push_back({std::move(decision), book.fingerprint()});
            return bound;
          },
          py::arg("tasks"), py::arg("at") = py::none(), py::arg("jurisdiction") = py::none(),
          py::arg("mode") = py::none(), "The owner question for many tasks in one call.")
      .def("find_tasks", &qingdan::Rulebook::find_tasks, py::arg("words") = "",
           "Catalogue tasks whose id, name or alias contains every word.")
      .def("jurisdiction_path", &qingdan::Rulebook::jurisdiction_path, py::arg("jurisdiction"))
      .def_property_readonly("name", &qingdan::Rulebook::name)
      .def_property_readonly("fingerprint", &qingdan::Rulebook::fingerprint)
      .def_property_readonly("levels",
                             [](const qingdan::Rulebook& book) {
                               std::vector<std::pair<std::string, std::string>> levels;
                               for (const auto& level : book.levels())
                                 levels.emplace_back(level.id, level.name);
                               return levels;
                             })
      .def_property_readonly("modes", &qingdan::Rulebook::modes)
      .def_property_readonly("task_count", &qingdan::Rulebook::task_count)
      .def_property_readonly("edition_count", &qingdan::Rulebook::edition_count)
      .def_property_readonly("entry_count", &qingdan::Rulebook::entry_count)
      .def("__repr__", [](const qingdan::Rulebook& book) {
        return "Rulebook(name='" + book.name() + "', tasks=" + std::to_string(book.task_count()) +
               ", entries=" + std::to_string(book.entry_count()) + ")";
      });

  m.def(
      "lint",
      [](const std::string& path, const py::kwargs& limits) {
        qingdan::LoadOptions options = to_load_options(limits);
        py::gil_scoped_release unlocked;
        return qingdan::lint(path, options);
      },
      py::arg("path"), "Every problem in a rulebook folder, not just the first.");
}
