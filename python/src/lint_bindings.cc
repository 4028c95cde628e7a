// File: python/src/lint_bindings.cc
//
// `iameval.lint` and `iameval.expand_actions` (python/iameval/lint.py) over
// iameval/lint.h: the JSON call the other bindings use (LintJson) and
// Catalogue::ExpandActions. No semantics here. Each catalogue file is loaded
// once per process (about 10 ms) and kept; lookups are then shared by every
// thread, with the GIL released while linting.

#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "iameval/lint.h"

namespace py = pybind11;

// The catalogue at `path`, loaded on first use. Raises ValueError naming the
// problem when it cannot be read. Shared with analysis_bindings.cc.
const iameval::Catalogue& CatalogueAt(const std::string& path) {
  static std::mutex mutex;
  static std::map<std::string, iameval::Catalogue>* loaded =
      new std::map<std::string, iameval::Catalogue>();
  std::lock_guard<std::mutex> lock(mutex);
  auto found = loaded->find(path);
  if (found != loaded->end()) return found->second;
  iameval::CatalogueLoad load = iameval::Catalogue::LoadFile(path);
  if (!load.ok()) throw py::value_error(load.error);
  return loaded->emplace(path, *load.catalogue).first->second;
}

namespace {

py::str Utf8(const std::string& text) {
  return py::reinterpret_steal<py::str>(
      PyUnicode_DecodeUTF8(text.data(), static_cast<Py_ssize_t>(text.size()), "replace"));
}

}  // namespace

void RegisterLint(py::module_& m) {
  m.def(
      "_lint_json",
      [](const std::string& input, const std::string& catalogue_path) {
        const iameval::Catalogue& catalogue = CatalogueAt(catalogue_path);
        std::string out;
        {
          py::gil_scoped_release release;
          out = iameval::LintJson(input, catalogue);
        }
        return Utf8(out);
      },
      py::arg("input"), py::arg("catalogue_path"),
      R"doc(``{"policy", "kind"}`` in, ``{"catalogue", "findings"}`` out, exactly as the C++
``iameval::LintJson`` (spec/lint.md). Use ``iameval.lint``.
)doc");
  m.def(
      "_expand_actions",
      [](const std::string& pattern, const std::string& catalogue_path) {
        return CatalogueAt(catalogue_path).ExpandActions(pattern);
      },
      py::arg("pattern"), py::arg("catalogue_path"),
      "Every action of the catalogue ``pattern`` matches, sorted. Use ``iameval.expand_actions``.");
  m.def(
      "_catalogue_info",
      [](const std::string& catalogue_path) {
        const iameval::Catalogue& catalogue = CatalogueAt(catalogue_path);
        py::dict info;
        info["date"] = std::string(catalogue.date());
        info["source"] = catalogue.source();
        info["services"] = catalogue.service_count();
        info["actions"] = catalogue.action_count();
        return info;
      },
      py::arg("catalogue_path"), "The catalogue's date, source and size.");
}
