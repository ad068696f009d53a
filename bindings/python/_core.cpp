// qingdan's compiled core: a thin pybind11 layer over the C++ library. The Python package
// `qingdan` re-exports it.
#include "conversions.hpp"
#include "lazy_decision.hpp"

PYBIND11_MODULE(_core, m) {
  using namespace qingdan::python;
  m.doc() = "qingdan's compiled core; use the `qingdan` package.";
  m.attr("__version__") = qingdan::version;
  py::register_exception_translator([](std::exception_ptr pointer) {
    try {
      if (pointer) std::rethrow_exception(pointer);
    } catch (const qingdan::Error& error) {
      raise_qingdan_error(error);
    } catch (...) {
      forget_error_language();  // pybind11's own translators raise this one
      throw;
    }
  });
  bind_decisions(m);
  bind_rulebook(m);
  bind_check(m);
  bind_author_tools(m);
}
