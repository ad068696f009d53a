// Bindings of the owner query: Rulebook, Decision and their parts, and lint.
#include <pybind11/stl.h>

#include "conversions.hpp"

namespace qingdan::python {

void bind_rulebook(py::module_& m) {
  py::class_<TaskRef>(m, "TaskRef", "A task of the catalogue.")
      .def_readonly("id", &TaskRef::id)
      .def_readonly("name", &TaskRef::name)
      .def_property_readonly("category",
                             [](const TaskRef& task) -> std::optional<std::string> {
                               if (task.category.empty()) return std::nullopt;
                               return task.category;
                             })
      .def_readonly("aliases", &TaskRef::aliases)
      .def("__repr__", [](const TaskRef& task) {
        return "TaskRef(id='" + task.id + "', name='" + task.name + "')";
      });

  py::class_<Owner>(m, "Owner", "The level (and department) that owns a task.")
      .def_readonly("level", &Owner::level)
      .def_readonly("department", &Owner::department)
      .def("__repr__", [](const Owner& owner) {
        return "Owner(level='" + owner.level + "', department='" + owner.department + "')";
      });

  py::class_<EntryRef>(m, "EntryRef", "An entry of one edition of a list.")
      .def_property_readonly(
          "list", [](const EntryRef& entry) { return std::string(to_string(entry.list)); })
      .def_readonly("id", &EntryRef::id)
      .def_readonly("edition", &EntryRef::edition)
      .def_readonly("jurisdiction", &EntryRef::jurisdiction)
      .def_readonly("file", &EntryRef::file)
      .def_readonly("line", &EntryRef::line)
      .def_readonly("basis", &EntryRef::basis)
      .def("__repr__", [](const EntryRef& entry) {
        return "EntryRef(list='" + std::string(to_string(entry.list)) + "', id='" + entry.id +
               "', edition='" + entry.edition + "')";
      });

  py::class_<BoundDecision>(m, "Decision", "Who owns a task, every level's role, and why.")
      .def_property_readonly("query", [](const BoundDecision& d) { return d.decision.query; })
      .def_property_readonly("task", [](const BoundDecision& d) { return d.decision.task; })
      .def_property_readonly(
          "status",
          [](const BoundDecision& d) { return std::string(to_string(d.decision.status)); })
      .def_property_readonly("owner", [](const BoundDecision& d) { return d.decision.owner; })
      .def_property_readonly("roles",
                             [](const BoundDecision& d) {
                               py::dict roles;
                               for (const auto& [level, role] : d.decision.roles)
                                 roles[py::str(level)] = std::string(to_string(role));
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
          "to_json", [](const BoundDecision& d) { return to_json(d.decision, d.fingerprint); },
          "The decision as deterministic JSON text.")
      .def(
          "to_dict",
          [](const BoundDecision& d) { return json_loads(to_json(d.decision, d.fingerprint)); },
          "The decision as plain dicts and lists (the JSON document).")
      .def("__repr__", [](const BoundDecision& d) {
        std::string text = "Decision(query='" + d.decision.query + "', status='" +
                           std::string(to_string(d.decision.status)) + "'";
        if (d.decision.owner) text += ", owner='" + d.decision.owner->level + "'";
        return text + ")";
      });

  py::class_<Diagnostic>(m, "Diagnostic", "One problem found in a rule file.")
      .def_readonly("file", &Diagnostic::file)
      .def_readonly("line", &Diagnostic::line)
      .def_readonly("column", &Diagnostic::column)
      .def_property_readonly("severity", [](const Diagnostic& d) { return to_string(d.severity); })
      .def_readonly("code", &Diagnostic::code)
      .def_readonly("message", &Diagnostic::message)
      .def("__str__", &Diagnostic::to_string)
      .def("__repr__", [](const Diagnostic& d) { return "Diagnostic('" + d.to_string() + "')"; });

  py::class_<LintReport>(m, "LintReport", "Every problem found in a rulebook.")
      .def_readonly("diagnostics", &LintReport::diagnostics)
      .def_readonly("fingerprint", &LintReport::fingerprint)
      .def_property_readonly("has_errors", &LintReport::has_errors)
      .def_property_readonly("errors", [](const LintReport& r) { return r.count(Severity::error); })
      .def_property_readonly("warnings",
                             [](const LintReport& r) { return r.count(Severity::warning); })
      .def("to_json", [](const LintReport& r) { return to_json(r); })
      .def("to_dict", [](const LintReport& r) { return json_loads(to_json(r)); });

  py::class_<Rulebook>(m, "Rulebook", "A place's four lists, loaded from a folder.")
      .def_static(
          "load",
          [](const std::string& path, const py::kwargs& limits) {
            LoadOptions options = to_load_options(limits);
            py::gil_scoped_release unlocked;
            return Rulebook::load(path, options);
          },
          py::arg("path"),
          "Load a rulebook folder; raises qingdan.Error with the first problem. Keyword "
          "arguments raise the load limits (max_file_bytes, max_depth, max_alias_nodes, "
          "max_entries, max_text_bytes, max_files); language='zh' words its errors, and those of "
          "its queries and checks, in Chinese.")
      .def(
          "owner",
          [](const Rulebook& book, const std::string& task, const py::object& at,
             const std::optional<std::string>& jurisdiction,
             const std::optional<std::string>& mode) {
            return BoundDecision{book.owner(task, to_query(book, at, jurisdiction, mode)),
                                 book.fingerprint()};
          },
          py::arg("task"), py::arg("at") = py::none(), py::arg("jurisdiction") = py::none(),
          py::arg("mode") = py::none(), "Who owns a task (id, name or alias).")
      .def(
          "owners",
          [](const Rulebook& book, const std::vector<std::string>& tasks, const py::object& at,
             const std::optional<std::string>& jurisdiction,
             const std::optional<std::string>& mode) {
            Query query = to_query(book, at, jurisdiction, mode);
            std::vector<Decision> decisions;
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
      .def("check", &check_directives, py::arg("directives"), py::arg("villages") = py::none(),
           py::arg("warn_at") = 0.9, py::arg("most_loaded") = 10,
           "Check directives against the lists and, given villages, the hours they add.")
      .def(
          "diff",
          [](const Rulebook& book, const py::object& from, const py::object& to,
             const std::optional<std::string>& jurisdiction,
             const std::optional<std::string>& level, const std::optional<std::string>& mode) {
            const Language language = book.model().language;
            auto from_date = to_date(from, "from_", language);
            auto to_date_ = to_date(to, "to", language);
            if (!from_date || !to_date_) throw py::type_error("diff needs two dates");
            return book.diff(
                *from_date, *to_date_,
                DiffOptions{jurisdiction.value_or(""), level.value_or(""), mode.value_or("")});
          },
          py::arg("from_"), py::arg("to"), py::arg("jurisdiction") = py::none(),
          py::arg("level") = py::none(), py::arg("mode") = py::none(),
          "Every task whose role for the level (default the lowest) differs between two dates.")
      .def("find_tasks", &Rulebook::find_tasks, py::arg("words") = "",
           "Catalogue tasks whose id, name or alias contains every word.")
      .def("jurisdiction_path", &Rulebook::jurisdiction_path, py::arg("jurisdiction"))
      .def_property_readonly("name", &Rulebook::name)
      .def_property_readonly("fingerprint", &Rulebook::fingerprint)
      .def_property_readonly("levels",
                             [](const Rulebook& book) {
                               std::vector<std::pair<std::string, std::string>> levels;
                               for (const auto& level : book.levels())
                                 levels.emplace_back(level.id, level.name);
                               return levels;
                             })
      .def_property_readonly("modes", &Rulebook::modes)
      .def_property_readonly("task_count", &Rulebook::task_count)
      .def_property_readonly("edition_count", &Rulebook::edition_count)
      .def_property_readonly("entry_count", &Rulebook::entry_count)
      .def("__repr__", [](const Rulebook& book) {
        return "Rulebook(name='" + book.name() + "', tasks=" + std::to_string(book.task_count()) +
               ", entries=" + std::to_string(book.entry_count()) + ")";
      });

  m.def(
      "normalize", [](std::string_view text) { return detail::normalize_text(text); },
      py::arg("text"),
      "The text under which names and aliases are matched: NFKC, simplified Chinese, case "
      "folded, without spaces or punctuation.");

  m.def(
      "lint",
      [](const std::string& path, const py::kwargs& limits) {
        LoadOptions options = to_load_options(limits);
        py::gil_scoped_release unlocked;
        return lint(path, options);
      },
      py::arg("path"), "Every problem in a rulebook folder, not just the first.");
}

}  // namespace qingdan::python
