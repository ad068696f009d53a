// Bindings of the reviewer's workflow: the approvals register and the year's ledger.
#include <pybind11/stl.h>

#include <qingdan/json.hpp>
#include <qingdan/report_output.hpp>

#include "conversions.hpp"

namespace qingdan::python {

namespace {

// One row of the ledger's table: what it is, its name, each measure of the year and of the year
// before, and what grew.
py::dict ledger_row(const LedgerRow& row, std::string_view kind, int year) {
  py::dict value;
  value["kind"] = kind;
  value["name"] = row.name;
  value["year"] = year;
  for (std::string_view measure : burden_measures) {
    value[py::str(std::string(measure))] = measure_of(row.year, measure);
    value[py::str(std::string(measure) + "_previous")] = measure_of(row.previous, measure);
  }
  value["directives"] = row.year.directives;
  value["directives_previous"] = row.previous.directives;
  value["grew"] = row.grew;
  return value;
}

}  // namespace

void bind_workflow(py::module_& m, py::class_<Rulebook>& rulebook) {
  py::class_<Approval>(m, "Approval", "A 准入 decision of the rulebook's approvals register.")
      .def_readonly("id", &Approval::id)
      .def_readonly("task", &Approval::task)
      .def_readonly("category", &Approval::category)
      .def_readonly("jurisdiction", &Approval::jurisdiction)
      .def_readonly("levels", &Approval::levels)
      .def_property_readonly("from_", [](const Approval& a) { return to_python_date(a.from); })
      .def_property_readonly("until",
                             [](const Approval& a) -> py::object {
                               return a.until ? to_python_date(*a.until) : py::none();
                             })
      .def_readonly("max_per_month", &Approval::max_per_month)
      .def_readonly("funding", &Approval::funding)
      .def_readonly("issuer", &Approval::issuer)
      .def_readonly("note", &Approval::note)
      .def_readonly("illustrative", &Approval::illustrative)
      .def_readonly("file", &Approval::file)
      .def_readonly("line", &Approval::line)
      .def(
          "in_force",
          [](const Approval& a, const py::object& at) {
            return a.in_force(to_date(at, "at", Language::en).value_or(today()));
          },
          py::arg("at") = py::none(), "Whether it is in force on `at` (default today).")
      .def("__repr__", [](const Approval& a) { return "Approval('" + a.id + "')"; });

  rulebook.def(
      "approvals",
      [](const Rulebook& book, const py::object& at, const py::object& expiring) {
        const Language language = book.language();
        const SpeakingIn speaking_in(language);
        std::vector<Approval> listed;
        const std::optional<Date> day = to_date(at, "at", language);
        std::optional<std::uint64_t> within;
        if (!expiring.is_none()) within = to_count(expiring, "expiring", 36'500, language);
        for (Approval& approval : book.approvals()) {
          const Date on = day.value_or(today());
          if (within ? approval.expires_within(on, static_cast<int>(*within))
                     : !day || approval.in_force(on))
            listed.push_back(std::move(approval));
        }
        return listed;
      },
      py::kw_only(), py::arg("at") = py::none(), py::arg("expiring") = py::none(),
      "The approvals register: every approval; those in force on `at`; or with `expiring` "
      "(days), those in force on `at` (default today) that end within that many days.");

  py::class_<LedgerReport>(m, "LedgerReport",
                           "The year's burden per village and per issuing department.")
      .def_readonly("year", &LedgerReport::year)
      .def_readonly("directives", &LedgerReport::directives)
      .def_readonly("previous_directives", &LedgerReport::previous_directives)
      .def_readonly("fingerprint", &LedgerReport::fingerprint)
      .def(
          "rows",
          [](const LedgerReport& ledger) {
            py::list rows;
            rows.append(ledger_row(ledger.total, "total", ledger.year));
            for (const LedgerRow& row : ledger.departments)
              rows.append(ledger_row(row, "department", ledger.year));
            for (const LedgerRow& row : ledger.villages)
              rows.append(ledger_row(row, "village", ledger.year));
            return rows;
          },
          "One dict per row: all villages, each department, each village; every measure of "
          "the year and, with the suffix _previous, of the year before; and what grew.")
      .def("to_json", [](const LedgerReport& ledger) { return to_json(ledger); })
      .def("to_dict", [](const LedgerReport& ledger) { return json_loads(to_json(ledger)); })
      .def(
          "to_text",
          [](const LedgerReport& ledger, const py::object& language) {
            return to_text(ledger, language_or(language, Language::en));
          },
          py::kw_only(), py::arg("language") = py::none())
      .def(
          "to_html",
          [](const LedgerReport& ledger, const py::object& language) {
            return to_html(ledger, language_or(language, Language::en));
          },
          py::kw_only(), py::arg("language") = py::none())
      .def(
          "write_html",
          [](const LedgerReport& ledger, const py::object& path, const py::object& language) {
            const Language in = language_or(language, Language::en);
            const SpeakingIn speaking(in);
            write_html(ledger, to_path(path, "path", in), in);
          },
          py::arg("path"), py::kw_only(), py::arg("language") = py::none())
      .def("__repr__", [](const LedgerReport& ledger) {
        return "LedgerReport(" + std::to_string(ledger.year) + ", " +
               std::to_string(ledger.villages.size()) + " villages)";
      });

  rulebook.def(
      "ledger",
      [](const Rulebook& book, const py::object& directives, const py::object& villages,
         const py::object& year) {
        const Language language = book.language();
        const SpeakingIn speaking_in(language);
        std::vector<Directive> list = to_directives(directives, "ledger", language, true);
        if (villages.is_none() || !py::isinstance<Villages>(villages))
          throw py::type_error(detail::say(language, detail::Message::argument_wrong_type,
                                           {{"argument", "villages"},
                                            {"expected", "Villages"},
                                            {"found", type_name(villages)}}));
        Villages profiles = villages.cast<Villages>();
        const int in_year = year.is_none()
                                ? static_cast<int>(today().year())
                                : static_cast<int>(to_count(year, "year", 2999, language));
        if (in_year < 1900)
          throw usage_error(detail::Code::option_out_of_range,
                            detail::say(language, detail::Message::year_out_of_range,
                                        {{"year", std::to_string(in_year)}}));
        py::gil_scoped_release unlocked;
        return book.ledger(list, profiles, in_year);
      },
      py::arg("ledger"), py::kw_only(), py::arg("villages"), py::arg("year") = py::none(),
      "What the ledger's directives (a folder, files or Directives) put on each village in "
      "`year` (default this year) and the year before, per village and issuing department.");
}

}  // namespace qingdan::python
