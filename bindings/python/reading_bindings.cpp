// Rulebook.read and what it returns: Reading and Candidate.
#include <pybind11/stl.h>

#include <qingdan/json.hpp>
#include <qingdan/rulebook.hpp>

#include "conversions.hpp"

namespace qingdan::python {

ReadOptions to_read_options(const Rulebook& book, const py::object& read_as_confidence,
                            const py::object& read_as_margin, const py::object& candidates) {
  const Language language = book.language();
  const SpeakingIn speaking_in(language);
  ReadOptions options;
  options.read_as_confidence = to_number(read_as_confidence, "read_as_confidence", language);
  options.read_as_margin = to_number(read_as_margin, "read_as_margin", language);
  // From 1 on: Rulebook::read refuses 0 (QU003), as it refuses a threshold outside [0, 1].
  options.candidates = to_count(candidates, "candidates", max_candidates, language);
  return options;
}

void bind_reading(py::module_& m, py::class_<Rulebook>& rulebook) {
  py::class_<Candidate>(m, "Candidate", "A catalogue task a free text may mean.")
      .def_readonly("task", &Candidate::task)
      .def_readonly("confidence", &Candidate::confidence)
      .def_property_readonly("how",
                             [](const Candidate& c) { return std::string(to_string(c.how)); })
      .def_property_readonly(
          "matched_text", [](const Candidate& c) { return std::string(to_string(c.matched_text)); })
      .def_readonly("matched", &Candidate::matched)
      .def_readonly("synonyms", &Candidate::synonyms)
      .def("__repr__", [](const Candidate& c) {
        return "Candidate(task='" + c.task.id +
               "', confidence=" + std::to_string(c.confidence).substr(0, 4) + ", how='" +
               std::string(to_string(c.how)) + "')";
      });

  py::class_<Reading>(m, "Reading", "What a free text was read as, and the tasks it may mean.")
      .def_readonly("text", &Reading::text)
      .def_property_readonly("status",
                             [](const Reading& r) { return std::string(to_string(r.status)); })
      .def_property_readonly("task",
                             [](const Reading& r) -> std::optional<TaskRef> {
                               if (const Candidate* taken = r.task()) return taken->task;
                               return std::nullopt;
                             })
      .def_property_readonly("confidence",
                             [](const Reading& r) -> std::optional<double> {
                               if (const Candidate* taken = r.task()) return taken->confidence;
                               return std::nullopt;
                             })
      .def_readonly("candidates", &Reading::candidates)
      .def(
          "to_dict",
          [](const Reading& r) {
            py::object document = json_loads(to_json(std::vector<Reading>{r}, ""));
            return py::object(document["readings"][py::int_(0)]);
          },
          "The reading as dicts and lists, as `qingdan read --json` prints it.")
      .def("__repr__", [](const Reading& r) {
        const Candidate* taken = r.task();
        return "Reading(status='" + std::string(to_string(r.status)) + "'" +
               (taken ? ", task='" + taken->task.id + "'" : std::string()) + ")";
      });

  rulebook.def(
      "read",
      [](const Rulebook& book, const py::object& text, const py::object& read_as_confidence,
         const py::object& read_as_margin, const py::object& candidates) {
        const SpeakingIn speaking_in(book.language());
        std::string written = to_text(text, "text", book.language());
        ReadOptions options = to_read_options(book, read_as_confidence, read_as_margin, candidates);
        py::gil_scoped_release unlocked;
        return book.read(written, options);
      },
      py::arg("text"), py::arg("read_as_confidence") = ReadOptions{}.read_as_confidence,
      py::arg("read_as_margin") = ReadOptions{}.read_as_margin,
      py::arg("candidates") = ReadOptions{}.candidates,
      "Read a free text as directives word their items: exact when it is a task's id, name or "
      "alias; else the tasks it may mean, ranked with a confidence and the reason, and read as "
      "the first when it is sure enough and clearly ahead of the second.");
}

}  // namespace qingdan::python
