// Bindings of the directive check: Directive, Villages, Report and its parts.
#include <pybind11/stl.h>

#include <cmath>
#include <limits>

#include <qingdan/detail/phrases.hpp>
#include <qingdan/detail/spelling.hpp>
#include "check/village_load.hpp"
#include "wording/diagnostics.hpp"

#include "conversions.hpp"

namespace qingdan::python {

namespace {

using namespace pybind11::literals;

// A value that stands for "not given": None, a float NaN (pandas' and numpy's empty cell),
// anything else that is not equal to itself (pandas' NaT), or pandas' NA, which cannot say
// whether it is. Anything else that cannot say (an array) is a value, refused where it is read.
bool absent(py::handle value) {
  if (value.is_none()) return true;
  if (PyFloat_Check(value.ptr())) return std::isnan(PyFloat_AS_DOUBLE(value.ptr()));
  if (PyUnicode_Check(value.ptr()) || PyBool_Check(value.ptr()) || PyLong_Check(value.ptr()) ||
      PyDict_Check(value.ptr()) || PyList_Check(value.ptr()) || PyTuple_Check(value.ptr()))
    return false;
  PyObject* differs = PyObject_RichCompare(value.ptr(), value.ptr(), Py_NE);
  const int truth = differs == nullptr ? -1 : PyObject_IsTrue(differs);
  Py_XDECREF(differs);
  if (truth >= 0) return truth != 0;
  PyErr_Clear();
  return std::string_view(Py_TYPE(value.ptr())->tp_name).ends_with("NAType");
}

FieldValue scalar(FieldValue::Kind kind, std::string text) {
  return FieldValue{kind, std::move(text), {}, {}};
}

// One value of Directive.from_dict's fields, not absent, as a field of the directive: a str is a
// text; an int, a float or a bool (numpy's too) is written as YAML writes it; a date (or a
// datetime, whose date is taken) is an ISO date; a dict is a mapping, its absent values left out
// as keys not given; a list or a tuple is a list. `where` names the value in Python's errors:
// fields['items'][0]['task'].
FieldValue field_value(py::handle value, const std::string& where, std::uint32_t depth,
                       const LoadOptions& options, Language language) {
  using Kind = FieldValue::Kind;
  PyObject* object = value.ptr();
  if (PyBool_Check(object)) return scalar(Kind::literal, object == Py_True ? "true" : "false");
  if (PyLong_Check(object) || PyIndex_Check(object)) {  // an IntEnum's or numpy's integer too
    py::object number = py::reinterpret_steal<py::object>(PyNumber_Index(object));
    if (!number) throw py::error_already_set();
    return scalar(Kind::literal, py::str(number).cast<std::string>());
  }
  if (PyUnicode_Check(object)) return scalar(Kind::text, to_text(value, where, language));
  const bool mapping = PyDict_Check(object);
  if (mapping || PyList_Check(object) || PyTuple_Check(object)) {
    // Deeper than a directive goes, as a dict that holds itself is: refused before the stack
    // runs out.
    if (depth >= options.max_depth)
      throw usage_error(
          detail::Code::too_deep,
          Phrase(detail::Message::at_path,
                 {{"path", where},
                  {"message", Phrase(detail::Message::nesting_over_limit,
                                     {{"limit", std::to_string(options.max_depth)}})}}));
    FieldValue node{mapping ? Kind::mapping : Kind::list, {}, {}, {}};
    if (mapping) {
      for (const auto& [key, item] : py::reinterpret_borrow<py::dict>(value)) {
        std::string name = to_text(key, where + " key", language);
        if (absent(item)) continue;
        const std::string place = where + "[" + std::string(py::repr(key)) + "]";
        node.members.push_back(
            {std::move(name), field_value(item, place, depth + 1, options, language)});
      }
    } else {
      std::size_t index = 0;
      for (const py::handle& item : value) {
        const std::string place = where + "[" + std::to_string(index++) + "]";
        node.items.push_back(absent(item) ? FieldValue{}
                                          : field_value(item, place, depth + 1, options, language));
      }
    }
    return node;
  }
  py::module_ datetime = py::module_::import("datetime");
  if (py::isinstance(value, datetime.attr("datetime")))
    return scalar(Kind::text, value.attr("date")().attr("isoformat")().cast<std::string>());
  if (py::isinstance(value, datetime.attr("date")))
    return scalar(Kind::text, value.attr("isoformat")().cast<std::string>());
  if (PyFloat_Check(object) || PyNumber_Check(object)) {  // a float; numpy's too
    const double number = PyFloat_AsDouble(object);
    if (!(number == -1.0 && PyErr_Occurred()))
      return scalar(Kind::literal, detail::shortest_number_text(number));
    PyErr_Clear();  // a number that is not real, or not one number: the TypeError below
  }
  throw py::type_error(detail::say(language, detail::Message::argument_wrong_type,
                                   {{"argument", where},
                                    {"expected", "str, int, float, bool, date, list or dict"},
                                    {"found", type_name(value)}}));
}

Directive directive_from_dict(const py::object& fields, const py::object& language_value) {
  const LoadOptions options;
  const Language language = to_language(language_value);
  const SpeakingIn speaking_in(language);  // its errors in its language
  if (!PyDict_Check(fields.ptr()))
    throw py::type_error(
        detail::say(language, detail::Message::argument_wrong_type,
                    {{"argument", "fields"}, {"expected", "dict"}, {"found", type_name(fields)}}));
  return Directive::from_fields(field_value(fields, "fields", 0, options, language),
                                "<directive dict>", options);
}

// One figure of a row: None or a blank str is not given; an int, a float or a str holding a
// number (as a CSV cell or a spreadsheet gives it) is read as the CSV reader reads a cell.
double row_figure(const py::dict& row, const char* key, std::uint32_t line, Language language) {
  if (!row.contains(key)) return not_given;
  py::handle value = row[key];
  if (value.is_none()) return not_given;
  std::string written;
  if (PyUnicode_Check(value.ptr())) {
    written = to_text(value, key, language);
    if (written.find_first_not_of(" \t") == std::string::npos) return not_given;
    if (auto number = detail::parse_figure(written)) return *number;
  } else {
    double number = to_number(value, key, language);  // a TypeError for anything else
    if (std::isfinite(number)) return number;
    written = detail::shortest_number_text(number);
  }
  throw Error(detail::coded_diagnostic(
      "<village dicts>", {line, 0}, detail::Code::villages_bad_value,
      Phrase(detail::Message::villages_not_a_number, {{"value", written}, {"column", key}})));
}

Villages villages_from_dicts(const py::object& rows, const py::object& language_value) {
  const Language language = to_language(language_value);
  const SpeakingIn speaking_in(language);  // its errors in its language
  require_sequence(rows, "rows", "dict", language);
  static const std::vector<std::string> keys{
      "jurisdiction",   "households",  "population",  "staff",      "hours_per_month",
      "baseline_hours", "extra_staff", "extra_hours", "extra_mode", "note"};
  std::vector<VillageProfile> profiles;
  std::uint32_t line = 0;
  for (const py::handle& handle : rows) {
    ++line;
    if (!PyDict_Check(handle.ptr()))
      throw py::type_error(detail::say(language, detail::Message::argument_wrong_type,
                                       {{"argument", "rows[" + std::to_string(line - 1) + "]"},
                                        {"expected", "dict"},
                                        {"found", type_name(handle)}}));
    py::dict row = py::reinterpret_borrow<py::dict>(handle);
    for (const auto& [key, value] : row) {
      std::string name = to_text(key, "rows[" + std::to_string(line - 1) + "] key", language);
      if (std::find(keys.begin(), keys.end(), name) == keys.end())
        throw Error(detail::coded_diagnostic(
            "<village dicts>", {line, 0}, detail::Code::villages_bad_header,
            Phrase(detail::Message::village_dict_unknown_field,
                   {{"field", name},
                    {"index", std::to_string(line)},
                    {"hint", detail::did_you_mean_phrase(name, keys)}})));
    }
    VillageProfile profile;
    if (row.contains("jurisdiction") && !row["jurisdiction"].is_none())
      profile.jurisdiction = to_text(row["jurisdiction"], "jurisdiction", language);
    if (row.contains("note") && !row["note"].is_none()) to_text(row["note"], "note", language);
    profile.households = row_figure(row, "households", line, language);
    profile.population = row_figure(row, "population", line, language);
    profile.staff = row_figure(row, "staff", line, language);
    profile.hours_per_month = row_figure(row, "hours_per_month", line, language);
    double baseline = row_figure(row, "baseline_hours", line, language);
    profile.baseline_hours = std::isnan(baseline) ? 0 : baseline;
    profile.extra_staff = row_figure(row, "extra_staff", line, language);
    profile.extra_hours = row_figure(row, "extra_hours", line, language);
    if (row.contains("extra_mode") && !absent(row["extra_mode"]))
      profile.extra_mode = to_text(row["extra_mode"], "extra_mode", language);
    profile.position = SourcePosition{"<village dicts>", line, 0};
    profiles.push_back(std::move(profile));
  }
  return Villages(std::move(profiles));
}

py::dict item_dict(const ItemRef& item) {
  return py::dict("directive"_a = item.directive, "index"_a = item.index, "task"_a = item.task,
                  "file"_a = item.position.file, "line"_a = item.position.line,
                  "column"_a = item.position.column, "ledger"_a = item.ledger);
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

std::vector<Directive> to_directives(const py::object& directives, std::string_view argument,
                                     Language language, bool paths) {
  auto is_path = [&](const py::handle& value) {
    return paths && (py::isinstance<py::str>(value) || py::hasattr(value, "__fspath__"));
  };
  auto one = [&](const py::handle& value, const std::string& where) {
    if (py::isinstance<Directive>(value)) return std::vector<Directive>{value.cast<Directive>()};
    if (is_path(value)) return Directive::load_folder(to_path(value, where, language));
    throw py::type_error(detail::say(
        language, detail::Message::argument_wrong_type,
        {{"argument", where},
         {"expected", paths ? "Directive, or the path of a file or folder" : "Directive"},
         {"found", type_name(value)}}));
  };
  if (py::isinstance<Directive>(directives) || is_path(directives))
    return one(directives, std::string(argument));
  require_sequence(directives, argument, "Directive", language);
  std::vector<Directive> list;
  std::size_t index = 0;
  for (const py::handle& value : directives) {
    std::vector<Directive> read =
        one(value, std::string(argument) + "[" + std::to_string(index++) + "]");
    list.insert(list.end(), std::make_move_iterator(read.begin()),
                std::make_move_iterator(read.end()));
  }
  return list;
}

Villages to_villages(const py::object& villages, Language language) {
  if (!villages.is_none() && !py::isinstance<Villages>(villages))
    throw py::type_error(detail::say(language, detail::Message::argument_wrong_type,
                                     {{"argument", "villages"},
                                      {"expected", "Villages or None"},
                                      {"found", type_name(villages)}}));
  return villages.is_none() ? Villages{} : villages.cast<Villages>();
}

Report check_directives(const Rulebook& book, const py::object& directives,
                        const py::object& villages, const py::object& warn_at,
                        const py::object& most_loaded, const py::object& exact,
                        const py::object& month, const py::object& ledger) {
  const Language language = book.language();
  const SpeakingIn speaking_in(language);
  std::vector<Directive> list = to_directives(directives, "directives", language, false);
  Villages profiles = to_villages(villages, language);
  std::vector<Directive> counted;
  if (!ledger.is_none()) counted = to_directives(ledger, "ledger", language, true);
  CheckOptions options;
  options.warn_at = to_number(warn_at, "warn_at", language);
  options.most_loaded =
      to_count(most_loaded, "most_loaded", std::numeric_limits<std::uint32_t>::max(), language);
  options.exact_only = to_bool(exact, "exact", language);
  if (!month.is_none()) options.month = to_month(month, "month", language);
  options.ledger = counted;
  py::gil_scoped_release unlocked;
  return book.check(list, profiles, options);
}

// A finding as Python reads it: worded in the language of the rulebook that made it.
struct WordedFinding {
  Finding finding;
  Language language;
};

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
      .def_property_readonly("approval",
                             [](const DirectiveItem& item) -> py::object {
                               if (item.approval.empty()) return py::none();
                               return py::str(item.approval);
                             })
      .def_readonly("self_approved", &DirectiveItem::self_approved)
      .def_property_readonly(
          "type", [](const DirectiveItem& item) { return std::string(to_string(item.type)); })
      .def_readonly("form", &DirectiveItem::form)
      .def_property_readonly("line", [](const DirectiveItem& item) { return item.position.line; });

  py::class_<Directive>(m, "Directive", "A directive a higher office means to send down.")
      .def_static(
          "load",
          [](const py::object& path, const py::object& language) {
            const Language worded_in = to_language(language);
            const SpeakingIn speaking_in(worded_in);  // its errors in its language
            return Directive::load(to_path(path, "path", worded_in));
          },
          py::arg("path"), py::kw_only(), py::arg("language") = "en",
          "Read a YAML file of kind directive.")
      .def_static(
          "parse",
          [](const py::object& text, const py::object& name, const py::object& language) {
            const Language worded_in = to_language(language);
            const SpeakingIn speaking_in(worded_in);  // its errors in its language
            return Directive::parse(text_view(text, "text", worded_in),
                                    to_text(name, "name", worded_in));
          },
          py::arg("text"), py::arg("name") = "<directive>", py::kw_only(),
          py::arg("language") = "en", "Read directive YAML text.")
      .def_static(
          "from_dict", &directive_from_dict, py::arg("fields"), py::kw_only(),
          py::arg("language") = "en",
          "Build a directive from a dict shaped like the YAML file, checked as the file is.\n\n"
          "'qingdan' and 'kind' may be left out. Dates may be datetime.date (or datetime); a "
          "value of None or NaN (an empty cell of pandas or numpy) is a key not given, so a "
          "required one is missing. A problem raises qingdan.Error naming the field by its "
          "path, without a file or line: \"items[1].per: 'per' must be one of …\"; items are "
          "counted from 0, as the list is indexed (items[1] is the one the report calls item "
          "2).")
      .def_readonly("id", &Directive::id)
      .def_readonly("title", &Directive::title)
      .def_property_readonly("issued", [](const Directive& d) { return to_python_date(d.issued); })
      .def_readonly("jurisdiction", &Directive::jurisdiction)
      .def_readonly("mode", &Directive::mode)
      .def_readonly("items", &Directive::items)
      .def_property_readonly("file", [](const Directive& d) { return d.position.file; })
      .def_property_readonly("until",
                             [](const Directive& d) -> py::object {
                               return d.until ? to_python_date(*d.until) : py::none();
                             })
      .def("__repr__", [](const Directive& d) {
        return "Directive(id='" + d.id + "', items=" + std::to_string(d.items.size()) + ")";
      });

  py::class_<Villages>(m, "Villages", "Village profiles: households, population, capacity.")
      .def_static(
          "load",
          [](const py::object& path, const py::object& language) {
            const Language worded_in = to_language(language);
            const SpeakingIn speaking_in(worded_in);  // its errors in its language
            std::string file = to_path(path, "path", worded_in);
            py::gil_scoped_release unlocked;
            return Villages::load(file);
          },
          py::arg("path"), py::kw_only(), py::arg("language") = "en",
          "Read a .csv file, the first worksheet of an .xlsx file, or a .yaml file of kind "
          "villages.")
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
      .def_readonly("ledger", &ItemRef::ledger, "Whether it is an item of the ledger's.")
      .def("to_dict", &item_dict);

  py::class_<VillageLoad>(m, "VillageLoad", "A village's monthly hours against its capacity.")
      .def_readonly("jurisdiction", &VillageLoad::jurisdiction)
      .def_readonly("capacity", &VillageLoad::capacity)
      .def_readonly("baseline", &VillageLoad::baseline)
      .def_readonly("added", &VillageLoad::added)
      .def_readonly("utilisation", &VillageLoad::utilisation)
      .def_readonly("extra", &VillageLoad::extra,
                    "Of the capacity, the extra staff and hours of the directives' mode.")
      .def_readonly("ledger", &VillageLoad::ledger,
                    "Of the baseline, the hours the ledger's directives in force add.");

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

  py::class_<WordedFinding>(m, "Finding", "One problem a check found.")
      .def_property_readonly(
          "code", [](const WordedFinding& w) { return std::string(code_of(w.finding.code)); })
      .def_property_readonly(
          "name", [](const WordedFinding& w) { return std::string(name_of(w.finding.code)); })
      .def_property_readonly("severity",
                             [](const WordedFinding& w) { return to_string(w.finding.severity); })
      .def_property_readonly("item", [](const WordedFinding& w) { return w.finding.item; })
      .def_property_readonly("forms", [](const WordedFinding& w) { return w.finding.forms; })
      .def_property_readonly("task", [](const WordedFinding& w) { return w.finding.task; })
      .def_property_readonly("entries", [](const WordedFinding& w) { return w.finding.entries; })
      .def_property_readonly("suggestions",
                             [](const WordedFinding& w) { return w.finding.suggestions; })
      .def_property_readonly("village", [](const WordedFinding& w) { return w.finding.village; })
      .def_property_readonly(
          "message", [](const WordedFinding& w) { return w.finding.message.in(w.language); },
          "The finding in the language of the rulebook that made it.")
      .def(
          "message_in",
          [](const WordedFinding& w, const py::object& language) {
            return w.finding.message.in(to_language(language));
          },
          py::arg("language"), "The finding in 'en' or 'zh'.")
      .def("to_dict",
           [](const WordedFinding& w) {
             const Finding& f = w.finding;
             return py::dict(
                 "code"_a = std::string(code_of(f.code)), "name"_a = std::string(name_of(f.code)),
                 "severity"_a = to_string(f.severity),
                 "item"_a = f.item ? py::object(item_dict(*f.item)) : py::object(py::none()),
                 "task"_a = f.task ? py::object(py::str(f.task->id)) : py::object(py::none()),
                 "village"_a = f.village ? py::object(py::str(f.village->jurisdiction))
                                         : py::object(py::none()),
                 "forms"_a = form_dicts(f.forms), "message"_a = f.message.in(w.language));
           })
      .def("__repr__", [](const WordedFinding& w) {
        const std::string message = w.finding.message.in(w.language);
        return "Finding(" + std::string(code_of(w.finding.code)) + ", '" +
               message.substr(0, std::min<std::size_t>(message.size(), 60)) + "')";
      });

  py::class_<VillageSummary>(m, "VillageSummary", "The villages a check reached.")
      .def_readonly("checked", &VillageSummary::checked)
      .def_readonly("overloaded", &VillageSummary::overloaded)
      .def_readonly("near_capacity", &VillageSummary::near_capacity)
      .def_readonly("warn_at", &VillageSummary::warn_at)
      .def_readonly("most_loaded", &VillageSummary::most_loaded)
      .def_readonly("top_items", &VillageSummary::top_items)
      .def_readonly("histogram", &VillageSummary::histogram)
      .def_readonly("with_extra_capacity", &VillageSummary::with_extra_capacity)
      .def_property_readonly("extra_capacity_modes", [](const VillageSummary& summary) {
        std::vector<std::string> ids;
        for (const Mode& mode : summary.extra_capacity_modes) ids.push_back(mode.id);
        return ids;
      });

  py::class_<ItemLoad>(m, "ItemLoad",
                       "An item as checked: how its task was read and the hours it adds.")
      .def_readonly("item", &ItemLoad::item)
      .def_readonly("reading", &ItemLoad::reading)
      .def_readonly("to", &ItemLoad::to)
      .def_property_readonly("per", [](const ItemLoad& l) { return std::string(to_string(l.per)); })
      .def_readonly("per_month", &ItemLoad::per_month)
      .def_readonly("effort_hours", &ItemLoad::effort_hours)
      .def_readonly("villages", &ItemLoad::villages)
      .def_readonly("total_hours", &ItemLoad::total_hours);

  py::class_<Report>(m, "Report", "The result of checking directives against a rulebook.")
      .def_readonly("items", &Report::items)
      .def_property_readonly("month", [](const Report& r) { return month_text(r.month); })
      .def_property_readonly("verdict",
                             [](const Report& r) { return std::string(to_string(r.verdict)); })
      .def_property_readonly("illustrative", &Report::illustrative,
                             "Whether a finding rests on an illustrative edition.")
      .def_property_readonly("findings",
                             [](const Report& r) {
                               std::vector<WordedFinding> findings;
                               for (const Finding& finding : r.findings)
                                 findings.push_back(WordedFinding{finding, r.language});
                               return findings;
                             })
      .def_readonly("villages", &Report::villages)
      .def_property_readonly(
          "ledger",
          [](const Report& r) {
            std::vector<std::string> ids;
            for (const DirectiveSummary& directive : r.ledger) ids.push_back(directive.id);
            return ids;
          },
          "The ids of the ledger's directives in force that the check counted.")
      .def_readonly("fingerprint", &Report::fingerprint)
      .def_property_readonly("errors", [](const Report& r) { return r.count(Severity::error); })
      .def_property_readonly("warnings", [](const Report& r) { return r.count(Severity::warning); })
      .def(
          "to_json",
          [](const Report& r, const py::object& language) {
            return to_json(r, language_or(language, r.language));
          },
          py::kw_only(), py::arg("language") = py::none(), "The report as deterministic JSON.")
      .def(
          "to_dict",
          [](const Report& r, const py::object& language) {
            return json_loads(to_json(r, language_or(language, r.language)));
          },
          py::kw_only(), py::arg("language") = py::none(), "The JSON document as dicts and lists.")
      .def(
          "to_text",
          [](const Report& r, const py::object& language, const py::object& every_village) {
            return to_text(
                r, language_or(language, r.language),
                TextOptions{.every_village = to_bool(every_village, "every_village", r.language)});
          },
          py::kw_only(), py::arg("language") = py::none(), py::arg("every_village") = false,
          "The report for people, in 'en' or 'zh' (default: the rulebook's language).")
      .def(
          "to_html",
          [](const Report& r, const py::object& language) {
            return to_html(r, language_or(language, r.language));
          },
          py::kw_only(), py::arg("language") = py::none(), "The self-contained HTML report.")
      .def(
          "write_html",
          [](const Report& r, const py::object& path, const py::object& language) {
            const Language in = language_or(language, r.language);
            const SpeakingIn speaking(in);
            write_html(r, to_path(path, "path", in), in);
          },
          py::arg("path"), py::kw_only(), py::arg("language") = py::none(),
          "Write the self-contained HTML report.")
      .def("__repr__", [](const Report& r) {
        return "Report(verdict='" + std::string(to_string(r.verdict)) +
               "', findings=" + std::to_string(r.findings.size()) + ")";
      });
}

}  // namespace qingdan::python
