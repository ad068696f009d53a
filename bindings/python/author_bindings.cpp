// Bindings of the rule-author tools: Rulebook.diff's result and qingdan.test.
#include <pybind11/stl.h>

#include "conversions.hpp"

namespace qingdan::python {

namespace {

std::optional<std::string> role_text(const std::optional<Role>& role) {
  if (!role) return std::nullopt;
  return std::string(to_string(*role));
}

}  // namespace

// A test case as Python reads it: its differences worded in the rulebook's language.
struct WordedCase {
  CaseResult result;
  Language language;
};

void bind_author_tools(py::module_& m) {
  py::class_<RoleChange>(m, "RoleChange", "What changed for one task between two dates.")
      .def_readonly("task", &RoleChange::task)
      .def_property_readonly("before", [](const RoleChange& c) { return role_text(c.before); })
      .def_property_readonly("after", [](const RoleChange& c) { return role_text(c.after); })
      .def_readonly("owner_before", &RoleChange::owner_before)
      .def_readonly("owner_after", &RoleChange::owner_after)
      .def_readonly("entries_before", &RoleChange::entries_before)
      .def_readonly("entries_after", &RoleChange::entries_after)
      .def_property_readonly("kind", &RoleChange::kind);

  py::class_<RulebookDiff>(m, "RulebookDiff", "The tasks whose role for a level changed.")
      .def_property_readonly("from_", [](const RulebookDiff& d) { return to_python_date(d.from); })
      .def_property_readonly("to", [](const RulebookDiff& d) { return to_python_date(d.to); })
      .def_readonly("jurisdiction", &RulebookDiff::jurisdiction)
      .def_readonly("level", &RulebookDiff::level)
      .def_readonly("mode", &RulebookDiff::mode)
      .def_readonly("changes", &RulebookDiff::changes)
      .def_readonly("differ_below", &RulebookDiff::differ_below,
                    "Tasks whose roles may differ among the kinds of place below the jurisdiction.")
      .def_readonly("approvals_granted", &RulebookDiff::approvals_granted,
                    "Approvals for the level in force on `to` but not on `from`.")
      .def_readonly("approvals_lapsed", &RulebookDiff::approvals_lapsed,
                    "Approvals for the level in force on `from` but not on `to`.")
      .def(
          "count",
          [](const RulebookDiff& d, const py::object& kind) {
            return d.count(to_text(kind, "kind", Language::en));
          },
          py::arg("kind"))
      .def("to_json", [](const RulebookDiff& d) { return to_json(d); })
      .def("to_dict", [](const RulebookDiff& d) { return json_loads(to_json(d)); });

  py::class_<WordedCase>(m, "CaseResult", "One rule-author test case, run.")
      .def_property_readonly("name", [](const WordedCase& c) { return c.result.name; })
      .def_property_readonly("file", [](const WordedCase& c) { return c.result.file; })
      .def_property_readonly("line", [](const WordedCase& c) { return c.result.line; })
      .def_property_readonly("passed", [](const WordedCase& c) { return c.result.passed; })
      .def_property_readonly(
          "differences",
          [](const WordedCase& c) {
            std::vector<std::string> differences;
            for (const Phrase& difference : c.result.differences)
              differences.push_back(difference.in(c.language));
            return differences;
          },
          "What differed from the expectation, in the rulebook's language.");

  py::class_<RuleTestRun>(m, "RuleTestRun", "The run of a rulebook's kind: tests files.")
      .def_property_readonly("cases",
                             [](const RuleTestRun& r) {
                               std::vector<WordedCase> cases;
                               for (const CaseResult& result : r.cases)
                                 cases.push_back(WordedCase{result, r.language});
                               return cases;
                             })
      .def_readonly("covered", &RuleTestRun::covered)
      .def_readonly("total", &RuleTestRun::total)
      .def_readonly("uncovered", &RuleTestRun::uncovered)
      .def_property_readonly("failed", &RuleTestRun::failed)
      .def_property_readonly("coverage", &RuleTestRun::coverage)
      .def("to_json", [](const RuleTestRun& r) { return to_json(r, r.language); })
      .def("to_dict", [](const RuleTestRun& r) { return json_loads(to_json(r, r.language)); });

  // One name in C++ and Python, run_rule_tests; `test` is the command line's name for it.
  const auto run = [](const py::object& rules, const py::object& language) {
    const Language worded_in = language_or(language, Language::en);
    const SpeakingIn speaking_in(worded_in);  // its errors in its language
    Rulebook book = py::isinstance<Rulebook>(rules)
                        ? rules.cast<Rulebook>()
                        : Rulebook::load(to_path(rules, "rules", worded_in)).speaking(worded_in);
    RuleTestRun result;
    {
      py::gil_scoped_release unlocked;
      result = run_rule_tests(book);
    }
    if (!language.is_none()) result.language = worded_in;
    return result;
  };
  const char* run_doc =
      "Run the rulebook's kind: tests cases and measure entry coverage. `rules` is a Rulebook "
      "or the path of a rulebook folder; the results are worded in `language`, by default the "
      "rulebook's.";
  m.def("run_rule_tests", run, py::arg("rules"), py::kw_only(), py::arg("language") = py::none(),
        run_doc);
  m.def("test", run, py::arg("rules"), py::kw_only(), py::arg("language") = py::none(), run_doc);
}

}  // namespace qingdan::python
