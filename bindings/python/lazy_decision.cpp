// Bindings of Decision (made on demand) and its parts, and Decisions (a batch with columns).
#include "lazy_decision.hpp"

#include <pybind11/stl.h>

#include "answer/internals.hpp"
#include "conversions.hpp"

namespace qingdan::python {

LazyDecision DecisionBatch::at(std::ptrdiff_t index) const {
  const auto count = static_cast<std::ptrdiff_t>(answers_.size());
  if (index < 0) index += count;
  if (index < 0 || index >= count) throw py::index_error("Decisions index out of range");
  auto i = static_cast<std::size_t>(index);
  return LazyDecision(book_, texts_[i].cast<std::string>(), query_, answers_[i]);
}

std::vector<std::string_view> task_texts(const py::tuple& texts, Language language) {
  std::vector<std::string_view> views;
  views.reserve(texts.size());
  for (std::size_t i = 0; i < texts.size(); ++i) {
    PyObject* item = PyTuple_GET_ITEM(texts.ptr(), static_cast<Py_ssize_t>(i));
    Py_ssize_t size = 0;
    const char* utf8 = PyUnicode_Check(item) ? PyUnicode_AsUTF8AndSize(item, &size) : nullptr;
    if (utf8 == nullptr) {  // not a str, or one UTF-8 cannot hold: say which and why
      PyErr_Clear();
      text_view(item, "tasks[" + std::to_string(i) + "]", language);
    }
    views.emplace_back(utf8, static_cast<std::size_t>(size));
  }
  return views;
}

namespace {

// A list of one Python object per answer; `value` returns a handle it need not own (the list
// takes a new reference), so that equal values share one object.
template <class Value>
py::list column(const std::vector<Answer>& answers, Value value) {
  py::list list(answers.size());
  for (std::size_t i = 0; i < answers.size(); ++i)
    PyList_SET_ITEM(list.ptr(), static_cast<Py_ssize_t>(i), value(answers[i]).inc_ref().ptr());
  return list;
}

py::dict roles_dict(const RoleMap& roles) {
  py::dict dict;
  for (const auto& [level, role] : roles) dict[py::str(level)] = py::str(to_string(role));
  return dict;
}

std::optional<Owner> owner_of(const Answer& answer) {
  if (!answer.has_owner()) return std::nullopt;
  return Owner{std::string(answer.owner_level()), std::string(answer.owner_department())};
}

void bind_decision(py::module_& m) {
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
      .def_property_readonly(
          "department",
          [](const Owner& owner) -> py::object {
            if (owner.department.empty()) return py::none();
            return py::str(owner.department);
          },
          "The owning department, or None where the list names none.")
      .def("__repr__", [](const Owner& owner) {
        return "Owner(level='" + owner.level + "', department=" +
               (owner.department.empty() ? std::string("None") : "'" + owner.department + "'") +
               ")";
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
      .def_readonly("illustrative", &EntryRef::illustrative,
                    "Whether its edition is a reconstruction, not the published list.")
      .def("__repr__", [](const EntryRef& entry) {
        return "EntryRef(list='" + std::string(to_string(entry.list)) + "', id='" + entry.id +
               "', edition='" + entry.edition + "')";
      });

  py::class_<LazyDecision>(m, "Decision", "Who owns a task, every level's role, and why.")
      .def_property_readonly("query", &LazyDecision::text)
      .def_property_readonly("task", &LazyDecision::task)
      .def_property_readonly("status",
                             [](const LazyDecision& d) { return to_string(d.answer().status()); })
      .def_property_readonly("owner", [](const LazyDecision& d) { return owner_of(d.answer()); })
      .def_property_readonly("roles",
                             [](const LazyDecision& d) { return roles_dict(d.answer().roles()); })
      .def_property_readonly("entries", [](const LazyDecision& d) { return d.full().entries; })
      .def_property_readonly(
          "place_kinds",
          [](const LazyDecision& d) {
            std::vector<std::string> ids;
            for (const Level& kind : d.full().place_kinds) ids.push_back(kind.id);
            return ids;
          },
          "The kinds of place the question was answered for, top down (ids).")
      .def_property_readonly(
          "differs_below", [](const LazyDecision& d) { return d.full().differs_below(); },
          "Whether an entry is for some kinds of place below the asked one (its 街道, its 镇), so "
          "the answer differs from place to place there.")
      .def_property_readonly(
          "illustrative", [](const LazyDecision& d) { return d.full().illustrative(); },
          "Whether an entry the answer rests on is from an illustrative edition (a "
          "reconstruction, not the published list).")
      .def_property_readonly("conflicts",
                             [](const LazyDecision& d) {
                               std::vector<std::string> conflicts;
                               for (const Phrase& conflict : d.full().conflicts)
                                 conflicts.push_back(conflict.in(d.book().language()));
                               return conflicts;
                             })
      .def_property_readonly("suggestions",
                             [](const LazyDecision& d) { return d.full().suggestions; })
      .def_property_readonly("candidates",
                             [](const LazyDecision& d) { return d.full().candidates; })
      .def_property_readonly("at",
                             [](const LazyDecision& d) { return to_python_date(d.answer().at()); })
      .def_property_readonly("jurisdiction",
                             [](const LazyDecision& d) { return d.full().jurisdiction; })
      .def_property_readonly("mode", [](const LazyDecision& d) { return d.full().mode; })
      .def_property_readonly("fingerprint",
                             [](const LazyDecision& d) { return d.book().fingerprint(); })
      .def(
          "explain",
          [](const LazyDecision& d, const py::object& language) {
            return d.full().explain(language_or(language, d.book().language()));
          },
          py::kw_only(), py::arg("language") = py::none(),
          "The reasoning, one line per step, in 'en' or 'zh' (default: the rulebook's language).")
      .def(
          "to_json",
          [](const LazyDecision& d, const py::object& language) {
            return to_json(d.full(), d.book().fingerprint(),
                           language_or(language, d.book().language()));
          },
          py::kw_only(), py::arg("language") = py::none(),
          "The decision as deterministic JSON text.")
      .def(
          "to_dict",
          [](const LazyDecision& d, const py::object& language) {
            return json_loads(to_json(d.full(), d.book().fingerprint(),
                                      language_or(language, d.book().language())));
          },
          py::kw_only(), py::arg("language") = py::none(),
          "The decision as plain dicts and lists (the JSON document).")
      .def("__repr__", [](const LazyDecision& d) {
        std::string text = "Decision(query='" + d.text() + "', status='" +
                           std::string(to_string(d.answer().status())) + "'";
        if (d.answer().has_owner())
          text += ", owner='" + std::string(d.answer().owner_level()) + "'";
        return text + ")";
      });
}

void bind_batch(py::module_& m) {
  py::class_<DecisionBatch>(m, "Decisions",
                            "The decisions of Rulebook.owners, in the order of its tasks. Each "
                            "Decision is made when it is read; the columns give one field of "
                            "every decision at once.")
      .def("__len__", &DecisionBatch::size)
      .def("__getitem__", &DecisionBatch::at, py::arg("index"))
      .def(
          "__getitem__",
          [](const DecisionBatch& batch, const py::slice& slice) {
            std::size_t start = 0, stop = 0, step = 0, length = 0;
            if (!slice.compute(batch.size(), &start, &stop, &step, &length))
              throw py::error_already_set();
            std::vector<LazyDecision> decisions;
            decisions.reserve(length);
            for (std::size_t i = 0; i < length; ++i, start += step)
              decisions.push_back(batch.at(static_cast<std::ptrdiff_t>(start)));
            return decisions;
          },
          py::arg("index"))
      .def_property_readonly(
          "statuses",
          [](const DecisionBatch& batch) {
            std::array<py::str, 3> names{py::str("listed"), py::str("unlisted"),
                                         py::str("unknown")};
            return column(batch.answers(), [&](const Answer& answer) -> py::handle {
              return names[static_cast<std::size_t>(answer.status())];
            });
          },
          "Each decision's status: 'listed', 'unlisted' or 'unknown'.")
      .def_property_readonly(
          "owner_levels",
          [](const DecisionBatch& batch) {
            std::vector<py::str> levels;
            for (const Level& level : batch.book().levels()) levels.emplace_back(level.id);
            return column(batch.answers(), [&](const Answer& answer) -> py::handle {
              std::optional<std::size_t> owner = answer.owner_level_index();
              return owner ? py::handle(levels[*owner]) : py::handle(Py_None);
            });
          },
          "Each decision's owner level, or None.")
      .def_property_readonly(
          "task_ids",
          [](const DecisionBatch& batch) {
            return column(batch.answers(), [](const Answer& answer) -> py::object {
              if (answer.status() == Status::unknown) return py::none();
              return py::str(answer.task_id().data(), answer.task_id().size());
            });
          },
          "Each decision's task id, or None for a text that names no task.")
      .def(
          "roles_of",
          [](const DecisionBatch& batch, const py::object& level) {
            const detail::Model& model = detail::Internals::model(batch.book());
            std::uint32_t index =
                detail::resolve_level(model, to_text(level, "level", batch.book().language()));
            std::array<py::str, 4> names{py::str("owns"), py::str("self_governs"),
                                         py::str("assists"), py::str("forbidden")};
            return column(batch.answers(), [&](const Answer& answer) -> py::handle {
              std::optional<Role> role = answer.role_at(index);
              if (!role) return py::handle(Py_None);
              return names[static_cast<std::size_t>(*role)];
            });
          },
          py::arg("level"),
          "The role of one level in each decision ('owns', 'self_governs', 'assists', "
          "'forbidden'), or None.");
}

}  // namespace

void bind_decisions(py::module_& m) {
  bind_decision(m);
  bind_batch(m);
}

}  // namespace qingdan::python
