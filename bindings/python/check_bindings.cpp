// Bindings of the directive check: Directive, Villages, Report and its parts.
#include <pybind11/stl.h>

#include <qingdan/detail/spelling.hpp>

#include "conversions.hpp"

namespace qingdan::python {

namespace {

using namespace pybind11::literals;

// json.dumps default= for what JSON lacks: dates become ISO strings.
py::object json_default(const py::object& value) {
  if (py::hasattr(value, "isoformat")) return value.attr("isoformat")();
  throw py::type_error("cannot put " + std::string(py::repr(value)) + " into a directive");
}

Directive directive_from_dict(const py::dict& fields, const std::string& language) {
  std::string text = py::module_::import("json")
                         .attr("dumps")(fields, "default"_a = py::cpp_function(json_default),
                                        "ensure_ascii"_a = false, "indent"_a = 1)
                         .cast<std::string>();
  return Directive::parse(text, "<directive dict>", load_options_in(language));
}

double optional_number(const py::dict& row, const char* key) {
  if (!row.contains(key) || row[key].is_none()) return not_given;
  return row[key].cast<double>();
}

Villages villages_from_dicts(const py::iterable& rows, const std::string& language_text) {
  const Language language = to_language(language_text);
  static const std::vector<std::string> keys{"jurisdiction", "households",      "population",
                                             "staff",        "hours_per_month", "baseline_hours",
                                             "note"};
  std::vector<VillageProfile> profiles;
  std::uint32_t line = 0;
  for (const py::handle& handle : rows) {
    ++line;
    py::dict row = py::reinterpret_borrow<py::dict>(handle);
    for (const auto& [key, value] : row) {
      std::string name = py::str(key);
      if (std::find(keys.begin(), keys.end(), name) == keys.end())
        throw Error(
            Diagnostic{"<village dicts>", line, 0, Severity::error, "QV001",
                       detail::say(language, detail::Message::village_dict_unknown_field,
                                   {{"field", name},
                                    {"index", std::to_string(line)},
                                    {"hint", detail::did_you_mean_suffix(language, name, keys)}})});
    }
    VillageProfile profile;
    profile.jurisdiction =
        row.contains("jurisdiction") ? py::str(row["jurisdiction"]) : py::str("");
    profile.households = optional_number(row, "households");
    profile.population = optional_number(row, "population");
    profile.staff = optional_number(row, "staff");
    profile.hours_per_month = optional_number(row, "hours_per_month");
    double baseline = optional_number(row, "baseline_hours");
    profile.baseline_hours = std::isnan(baseline) ? 0 : baseline;
    profile.position = SourcePosition{"<village dicts>", line, 0};
    profiles.push_back(std::move(profile));
  }
  return Villages(std::move(profiles), language);
}

py::dict item_dict(const ItemRef& item) {
  return py::dict("directive"_a = item.directive, "index"_a = item.index, "task"_a = item.task,
                  "file"_a = item.position.file, "line"_a = item.position.line);
}

py::dict form_dict(const FormRef& form) {
  py::dict value = item_dict(form.item);
  value["form"] = form.name;
  value["same_name"] = form.same_name;
  value["shared"] = form.shared;
  value["together"] = form.together;
  value["jaccard"] = form.jaccard;
  return value;
}

py::list form_dicts(const std::vector<FormRef>& forms) {
  py::list values;
  for (const FormRef& form : forms) values.append(form_dict(form));
  return values;
}

}  // namespace

Report check_directives(const Rulebook& book, const py::object& directives,
                        const py::object& villages, double warn_at, std::size_t most_loaded) {
  std::vector<Directive> list;
  if (py::isinstance<Directive>(directives))
    list.push_back(directives.cast<Directive>());
  else
    for (const py::handle& one : directives) list.push_back(one.cast<Directive>());
  Villages profiles = villages.is_none() ? Villages{} : villages.cast<Villages>();
  py::gil_scoped_release unlocked;
  return book.check(list, profiles, CheckOptions{warn_at, most_loaded});
}

void bind_check(py::module_& m) {
  py::class_<Form>(m, "Form", "A form an item asks villages to fill in.")
      .def_readonly("name", &Form::name)
      .def_readonly("fields", &Form::fields);

  py::class_<DirectiveItem>(m, "DirectiveItem", "One task a directive pushes down.")
      .def_readonly("task", &DirectiveItem::task)
      .def_readonly("to", &DirectiveItem::to)
      .def_property_readonly("frequency",
                             [](const DirectiveItem& item) { return item.frequency.text; })
      .def_property_readonly("per_month",
                             [](const DirectiveItem& item) { return item.frequency.per_month; })
      .def_readonly("effort_hours", &DirectiveItem::effort_hours)
      .def_property_readonly(
          "per", [](const DirectiveItem& item) { return std::string(to_string(item.per)); })
      .def_readonly("funding", &DirectiveItem::funding)
      .def_readonly("approved", &DirectiveItem::approved)
      .def_readonly("form", &DirectiveItem::form)
      .def_property_readonly("line", [](const DirectiveItem& item) { return item.position.line; });

  py::class_<Directive>(m, "Directive", "A directive a higher office means to send down.")
      .def_static(
          "load",
          [](const std::string& path, const std::string& language) {
            return Directive::load(path, load_options_in(language));
          },
          py::arg("path"), py::kw_only(), py::arg("language") = "en",
          "Read a YAML file of kind directive.")
      .def_static(
          "parse",
          [](const std::string& text, const std::string& name, const std::string& language) {
            return Directive::parse(text, name, load_options_in(language));
          },
          py::arg("text"), py::arg("name") = "<directive>", py::kw_only(),
          py::arg("language") = "en", "Read directive YAML text.")
      .def_static("from_dict", &directive_from_dict, py::arg("fields"), py::kw_only(),
                  py::arg("language") = "en",
                  "Build a directive from a dict shaped like the YAML file (dates may be "
                  "datetime.date).")
      .def_readonly("id", &Directive::id)
      .def_readonly("title", &Directive::title)
      .def_property_readonly("issued", [](const Directive& d) { return to_python_date(d.issued); })
      .def_readonly("jurisdiction", &Directive::jurisdiction)
      .def_readonly("mode", &Directive::mode)
      .def_readonly("items", &Directive::items)
      .def_property_readonly("file", [](const Directive& d) { return d.position.file; })
      .def("__repr__", [](const Directive& d) {
        return "Directive(id='" + d.id + "', items=" + std::to_string(d.items.size()) + ")";
      });

  py::class_<Villages>(m, "Villages", "Village profiles: households, population, capacity.")
      .def_static(
          "load",
          [](const std::string& path, const std::string& language) {
            LoadOptions options = load_options_in(language);
            py::gil_scoped_release unlocked;
            return Villages::load(path, options);
          },
          py::arg("path"), py::kw_only(), py::arg("language") = "en",
          "Read a .csv file, or a .yaml file of kind villages.")
      .def_static("from_dicts", &villages_from_dicts, py::arg("rows"), py::kw_only(),
                  py::arg("language") = "en", "Build profiles from dicts with the CSV's columns.")
      .def("__len__", &Villages::size)
      .def("__repr__",
           [](const Villages& v) { return "Villages(" + std::to_string(v.size()) + ")"; });

  py::class_<ItemRef>(m, "ItemRef", "An item of a directive, as findings name it.")
      .def_readonly("directive", &ItemRef::directive)
      .def_readonly("index", &ItemRef::index)
      .def_readonly("task", &ItemRef::task)
      .def_property_readonly("file", [](const ItemRef& item) { return item.position.file; })
      .def_property_readonly("line", [](const ItemRef& item) { return item.position.line; })
      .def("to_dict", &item_dict);

  py::class_<VillageLoad>(m, "VillageLoad", "A village's monthly hours against its capacity.")
      .def_readonly("jurisdiction", &VillageLoad::jurisdiction)
      .def_readonly("capacity", &VillageLoad::capacity)
      .def_readonly("baseline", &VillageLoad::baseline)
      .def_readonly("added", &VillageLoad::added)
      .def_readonly("utilisation", &VillageLoad::utilisation);

  py::class_<ItemShare>(m, "ItemShare", "Hours an item adds to a village each month.")
      .def_readonly("item", &ItemShare::item)
      .def_readonly("hours", &ItemShare::hours);

  py::class_<FormRef>(m, "FormRef", "A form of a group that collects the same data (QD008).")
      .def_readonly("item", &FormRef::item)
      .def_readonly("name", &FormRef::name)
      .def_readonly("same_name", &FormRef::same_name)
      .def_readonly("shared", &FormRef::shared)
      .def_readonly("together", &FormRef::together)
      .def_readonly("jaccard", &FormRef::jaccard)
      .def("__repr__", [](const FormRef& form) {
        return "FormRef('" + form.name + "', " + form.item.directive + " #" +
               std::to_string(form.item.index) + ")";
      });

  py::class_<Finding>(m, "Finding", "One problem a check found.")
      .def_property_readonly("code", [](const Finding& f) { return std::string(code_of(f.code)); })
      .def_property_readonly("name", [](const Finding& f) { return std::string(name_of(f.code)); })
      .def_property_readonly("severity", [](const Finding& f) { return to_string(f.severity); })
      .def_readonly("item", &Finding::item)
      .def_readonly("forms", &Finding::forms)
      .def_readonly("task", &Finding::task)
      .def_readonly("entries", &Finding::entries)
      .def_readonly("suggestions", &Finding::suggestions)
      .def_readonly("village", &Finding::village)
      .def_readonly("message", &Finding::message)
      .def("to_dict",
           [](const Finding& f) {
             return py::dict(
                 "code"_a = std::string(code_of(f.code)), "name"_a = std::string(name_of(f.code)),
                 "severity"_a = to_string(f.severity),
                 "item"_a = f.item ? py::object(item_dict(*f.item)) : py::object(py::none()),
                 "task"_a = f.task ? py::object(py::str(f.task->id)) : py::object(py::none()),
                 "village"_a = f.village ? py::object(py::str(f.village->jurisdiction))
                                         : py::object(py::none()),
                 "forms"_a = form_dicts(f.forms), "message"_a = f.message);
           })
      .def("__repr__", [](const Finding& f) {
        return "Finding(" + std::string(code_of(f.code)) + ", '" + f.message.substr(0, 60) + "')";
      });

  py::class_<VillageSummary>(m, "VillageSummary", "The villages a check reached.")
      .def_readonly("checked", &VillageSummary::checked)
      .def_readonly("overloaded", &VillageSummary::overloaded)
      .def_readonly("near_capacity", &VillageSummary::near_capacity)
      .def_readonly("warn_at", &VillageSummary::warn_at)
      .def_readonly("most_loaded", &VillageSummary::most_loaded)
      .def_readonly("top_items", &VillageSummary::top_items)
      .def_readonly("histogram", &VillageSummary::histogram);

  py::class_<Report>(m, "Report", "The result of checking directives against a rulebook.")
      .def_property_readonly("verdict",
                             [](const Report& r) { return std::string(to_string(r.verdict)); })
      .def_readonly("findings", &Report::findings)
      .def_readonly("villages", &Report::villages)
      .def_readonly("fingerprint", &Report::fingerprint)
      .def_property_readonly("errors", [](const Report& r) { return r.count(Severity::error); })
      .def_property_readonly("warnings", [](const Report& r) { return r.count(Severity::warning); })
      .def(
          "to_json", [](const Report& r) { return to_json(r); },
          "The report as deterministic JSON.")
      .def(
          "to_dict", [](const Report& r) { return json_loads(to_json(r)); },
          "The JSON document as dicts and lists.")
      .def(
          "to_text", [](const Report& r) { return to_text(r); }, "The report for people.")
      .def(
          "write_html", [](const Report& r, const std::string& path) { write_html(r, path); },
          py::arg("path"), "Write the self-contained HTML report.")
      .def("__repr__", [](const Report& r) {
        return "Report(verdict='" + std::string(to_string(r.verdict)) +
               "', findings=" + std::to_string(r.findings.size()) + ")";
      });
}

}  // namespace qingdan::python
