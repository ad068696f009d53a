// Bindings of the Rulebook (owner query, check, diff) and lint.
#include <pybind11/stl.h>

#include "conversions.hpp"
#include "lazy_decision.hpp"

namespace qingdan::python {

void bind_rulebook(py::module_& m) {
  py::class_<Diagnostic>(m, "Diagnostic", "One problem found in a rule file.")
      .def_readonly("file", &Diagnostic::file)
      .def_readonly("line", &Diagnostic::line)
      .def_readonly("column", &Diagnostic::column)
      .def_property_readonly("severity", [](const Diagnostic& d) { return to_string(d.severity); })
      .def_readonly("code", &Diagnostic::code)
      .def_readonly("message", &Diagnostic::message)
      .def("__str__", [](const Diagnostic& d) { return d.to_string(); })
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

  py::class_<Jurisdiction>(m, "Jurisdiction", "A place of the jurisdiction tree.")
      .def_readonly("name", &Jurisdiction::name)
      .def_readonly("path", &Jurisdiction::path)
      .def_readonly("parent", &Jurisdiction::parent)
      .def_readonly("level", &Jurisdiction::level)
      .def("__repr__", [](const Jurisdiction& j) { return "Jurisdiction('" + j.path + "')"; });

  py::class_<Edition>(m, "Edition", "One edition of a list, as its rule file declares it.")
      .def_property_readonly("list", [](const Edition& e) { return to_string(e.list); })
      .def_readonly("jurisdiction", &Edition::jurisdiction)
      .def_readonly("version", &Edition::version)
      .def_property_readonly("effective",
                             [](const Edition& e) { return to_python_date(e.effective); })
      .def_property_readonly("until",
                             [](const Edition& e) {
                               return e.until ? to_python_date(*e.until) : py::object(py::none());
                             })
      .def_property_readonly("replaced_on",
                             [](const Edition& e) {
                               return e.replaced_on ? to_python_date(*e.replaced_on)
                                                    : py::object(py::none());
                             })
      .def_readonly("title", &Edition::title)
      .def_readonly("source", &Edition::source)
      .def_readonly("illustrative", &Edition::illustrative)
      .def_readonly("file", &Edition::file)
      .def_readonly("line", &Edition::line)
      .def_readonly("entries", &Edition::entries)
      .def("__repr__", [](const Edition& e) {
        return "Edition('" + std::string(to_string(e.list)) + "', '" + e.jurisdiction + "', '" +
               e.version + "')";
      });

  auto rulebook =
      py::class_<Rulebook>(m, "Rulebook", "A place's four lists, loaded from a folder.")
          .def_static(
              "load",
              [](const py::object& path, const py::object& language, const py::kwargs& limits) {
                LoadOptions options = to_load_options(language, limits);
                const Language worded_in = to_language(language);
                const SpeakingIn speaking_in(worded_in);  // its errors in its language
                std::string folder = to_path(path, "path", worded_in);
                py::gil_scoped_release unlocked;
                return Rulebook::load(folder, options).speaking(worded_in);
              },
              py::arg("path"), py::kw_only(), py::arg("language") = "en",
              "Load a rulebook folder, or a snapshot file written by save_snapshot; raises "
              "qingdan.Error with the first problem. Keyword "
              "arguments raise the load limits (max_file_bytes, max_depth, max_alias_nodes, "
              "max_entries, max_text_bytes, max_files, max_snapshot_bytes), set the threads "
              "that parse rule files (threads=4) and the compiled cache (compiled_cache=False, "
              "cache_directory=...); language='zh' words its errors, and those of its queries "
              "and checks, in Chinese.")
          .def(
              "owners",
              [](const Rulebook& book, const py::object& tasks, const py::object& at,
                 const py::object& jurisdiction, const py::object& mode) {
                const Language language = book.language();
                const SpeakingIn speaking_in(language);
                require_sequence(tasks, "tasks", "str", language);
                Query query = to_query(book, at, jurisdiction, mode);
                if (!query.at) query.at = today();  // one date for the whole batch
                py::tuple texts(tasks);
                std::vector<std::string_view> views = task_texts(texts, language);
                std::vector<Answer> answers;
                {
                  py::gil_scoped_release unlocked;
                  answers = book.answers(views, query);
                }
                return DecisionBatch(book, std::move(texts), std::move(query), std::move(answers));
              },
              py::arg("tasks"), py::arg("at") = py::none(), py::arg("jurisdiction") = py::none(),
              py::arg("mode") = py::none(),
              "The owner question for many tasks in one call: a Decisions sequence.")
          .def(
              "save_snapshot",
              [](const Rulebook& book, const py::object& path) {
                std::string file = to_path(path, "path", book.language());
                py::gil_scoped_release unlocked;
                book.save_snapshot(file);
              },
              py::arg("path"),
              "Write a snapshot of this rulebook (what `qingdan compile` writes); Rulebook.load "
              "reads "
              "it far faster than the rule files, with the same answers.")
          .def("check", &check_directives, py::arg("directives"), py::arg("villages") = py::none(),
               py::arg("warn_at") = 0.9, py::arg("most_loaded") = 10, py::arg("exact") = false,
               py::arg("month") = py::none(), py::arg("ledger") = py::none(),
               "Check directives against the lists and, given villages, the hours they add in "
               "`month` ('YYYY-MM' or a date; default that of the latest issued). Items that "
               "are not an exact id, name or alias are read; exact=True turns reading off. "
               "`ledger` (a folder, files or Directives already sent down this year) adds to the "
               "load, the forms compared and the yearly caps.")
          .def(
              "diff",
              [](const Rulebook& book, const py::object& from, const py::object& to,
                 const py::object& jurisdiction, const py::object& level, const py::object& mode) {
                const Language language = book.language();
                const SpeakingIn speaking_in(language);
                auto from_date = to_date(from, "from_", language);
                auto to_date_ = to_date(to, "to", language);
                if (!from_date || !to_date_) throw py::type_error("diff needs two dates");
                return book.diff(
                    *from_date, *to_date_,
                    DiffOptions{
                        to_optional_text(jurisdiction, "jurisdiction", language).value_or(""),
                        to_optional_text(level, "level", language).value_or(""),
                        to_optional_text(mode, "mode", language).value_or("")});
              },
              py::arg("from_"), py::arg("to"), py::arg("jurisdiction") = py::none(),
              py::arg("level") = py::none(), py::arg("mode") = py::none(),
              "Every task whose role for the level (default the lowest) differs between two dates.")
          .def(
              "find_tasks",
              [](const Rulebook& book, const py::object& words) {
                return book.find_tasks(to_text(words, "words", book.language()));
              },
              py::arg("words") = "", "Catalogue tasks whose id, name or alias contains every word.")
          .def(
              "jurisdiction_path",
              [](const Rulebook& book, const py::object& jurisdiction) {
                const SpeakingIn speaking_in(book.language());
                return book.jurisdiction_path(
                    to_text(jurisdiction, "jurisdiction", book.language()));
              },
              py::arg("jurisdiction"))
          .def_property_readonly("name", &Rulebook::name)
          .def_property_readonly("fingerprint", &Rulebook::fingerprint)
          .def_property_readonly("levels",
                                 [](const Rulebook& book) {
                                   std::vector<std::pair<std::string, std::string>> levels;
                                   for (const auto& level : book.levels())
                                     levels.emplace_back(level.id, level.name);
                                   return levels;
                                 })
          .def_property_readonly("modes",
                                 [](const Rulebook& book) {
                                   std::vector<std::string> ids;
                                   for (const Mode& mode : book.modes()) ids.push_back(mode.id);
                                   return ids;
                                 })
          .def("jurisdictions", &Rulebook::jurisdictions,
               "The jurisdiction tree, a place before the places below it.")
          .def(
              "editions",
              [](const Rulebook& book, const py::object& at) {
                std::vector<Edition> editions = book.editions();
                if (auto day = to_date(at, "at", book.language()))
                  std::erase_if(editions, [&](const Edition& e) { return !e.in_force(*day); });
                return editions;
              },
              py::arg("at") = py::none(),
              "Every edition of the lists, or those in force at `at`, with their sources.")
          .def_property_readonly("task_count", &Rulebook::task_count)
          .def_property_readonly("edition_count", &Rulebook::edition_count)
          .def_property_readonly("entry_count", &Rulebook::entry_count)
          .def("__repr__", [](const Rulebook& book) {
            return "Rulebook(name='" + book.name() +
                   "', tasks=" + std::to_string(book.task_count()) +
                   ", entries=" + std::to_string(book.entry_count()) + ")";
          });

  bind_fast_owner(rulebook);
  bind_reading(m, rulebook);
  bind_workflow(m, rulebook);
  bind_arrow(m, rulebook);

  m.def(
      "normalize",
      [](const py::object& text) {
        return detail::normalize_text(text_view(text, "text", Language::en));
      },
      py::arg("text"),
      "The text under which names and aliases are matched: NFKC, simplified Chinese, case "
      "folded, without spaces or punctuation.");

  m.def(
      "lint",
      [](const py::object& path, const py::object& language, const py::kwargs& limits) {
        LoadOptions options = to_load_options(language, limits);
        const Language worded_in = to_language(language);
        const SpeakingIn speaking_in(worded_in);  // its errors in its language
        std::string folder = to_path(path, "path", worded_in);
        py::gil_scoped_release unlocked;
        LintReport report = lint(folder, options);
        // Python's diagnostics are read as worded in the language asked for: `message` and
        // str() alike.
        for (Diagnostic& diagnostic : report.diagnostics) {
          diagnostic.message = diagnostic.message_in(worded_in);
          diagnostic.phrase = {};
        }
        return report;
      },
      py::arg("path"), py::kw_only(), py::arg("language") = "en",
      "Every problem in a rulebook folder, not just the first.");
}

}  // namespace qingdan::python
