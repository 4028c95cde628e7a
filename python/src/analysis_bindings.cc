// File: python/src/analysis_bindings.cc
//
// The analysis calls of the `iameval._iameval` module, over the engine's
// analysis phase: effective permissions of one or many principals
// (engine/analysis/effective_permissions.h), used by
// iameval.AccountModel.effective_permissions, and the JSON face of
// iameval/analysis.h (CompareJson, AccessJson), used by iameval/analysis.py. No semantics here: the
// Python values are converted, the GIL is released while the engine works (on as many threads as
// asked), and the engine's JSON comes back.

#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <tuple>
#include <vector>

#include "analysis/effective_permissions.h"
#include "catalogue/catalogue_data.h"
#include "iameval/analysis.h"
#include "iameval/context_reader.h"
#include "iameval/lint.h"
#include "iameval/policy_set.h"

namespace py = pybind11;

// Typed arguments and results, so help() and _iameval.pyi agree (as
// typed_object.h's).
namespace iameval_python {
class EffectiveJobsArg : public py::object {
 public:
  static bool Accept(PyObject*) { return true; }
  PYBIND11_OBJECT_DEFAULT(EffectiveJobsArg, py::object, Accept)
};
class CompactAnswersResult : public py::object {
 public:
  static bool Accept(PyObject*) { return true; }
  PYBIND11_OBJECT_DEFAULT(CompactAnswersResult, py::object, Accept)
};
}  // namespace iameval_python

namespace pybind11::detail {
template <>
struct handle_type_name<::iameval_python::EffectiveJobsArg> {
  static constexpr auto name =
      const_name("list[tuple[PolicySet, str, dict[str, str], bool, bool]]");
};
template <>
struct handle_type_name<::iameval_python::CompactAnswersResult> {
  static constexpr auto name = const_name("list[tuple[Any, ...]]");
};
}  // namespace pybind11::detail

using iameval_python::CompactAnswersResult;
using iameval_python::EffectiveJobsArg;

const iameval::Catalogue& CatalogueAt(const std::string& path);  // lint_bindings.cc
const iameval::PolicySet& EnginePolicySet(py::handle object);    // iameval_module.cc

namespace {

// The catalogue's actions, indexed once per catalogue file and kept.
const iameval::internal::CatalogueActions& ActionsAt(const std::string& path) {
  const iameval::Catalogue& catalogue = CatalogueAt(path);
  static std::mutex mutex;
  static auto* indexed =
      new std::map<std::string, std::unique_ptr<iameval::internal::CatalogueActions>>();
  std::lock_guard<std::mutex> lock(mutex);
  auto found = indexed->find(path);
  if (found != indexed->end()) return *found->second;
  auto actions = std::make_unique<iameval::internal::CatalogueActions>(catalogue);
  return *indexed->emplace(path, std::move(actions)).first->second;
}

py::str Utf8(const std::string& text) {
  return py::reinterpret_steal<py::str>(
      PyUnicode_DecodeUTF8(text.data(), static_cast<Py_ssize_t>(text.size()), "replace"));
}

// One job: (policy_set, principal, context {str: str}, in_management_account,
// service_linked_role).
iameval::internal::EffectiveJob ReadJob(py::handle item) {
  py::tuple t = py::reinterpret_borrow<py::tuple>(item);
  if (t.size() != 5) throw py::value_error("an effective-permissions job has 5 fields");
  iameval::internal::EffectiveJob job;
  job.set = &EnginePolicySet(t[0]);
  job.subject.principal = t[1].cast<std::string>();
  iameval::ContextReader reader(&job.subject.context);
  std::string error;
  for (auto [key, value] : t[2].cast<py::dict>()) {
    if (!reader.AddString(key.cast<std::string>(), value.cast<std::string>(), &error)) {
      throw py::value_error(error);
    }
  }
  job.subject.principal_in_management_account = t[3].cast<bool>();
  job.subject.principal_is_service_linked_role = t[4].cast<bool>();
  return job;
}

template <typename T>
py::bytes Packed(const std::vector<T>& values) {
  return py::bytes(reinterpret_cast<const char*>(values.data()), values.size() * sizeof(T));
}

py::dict StatementToPy(const iameval::internal::StatementBound& b) {
  const iameval::StatementRef& s = b.statement;
  py::dict d;
  d["kind"] = std::string(iameval::PolicyKindName(s.kind));
  d["level"] = s.level < 0 ? py::object(py::none()) : py::object(py::int_(s.level));
  d["policy_index"] = s.policy_index;
  d["statement_index"] = s.statement_index;
  d["sid"] = s.sid.empty() ? py::object(py::none()) : py::object(Utf8(s.sid));
  d["effect"] = std::string(iameval::EffectName(s.effect));
  py::list resources;
  for (const std::string& r : b.resources) resources.append(Utf8(r));
  d["resources"] = resources;
  d["not_resource"] = b.not_resource;
  d["conditional"] = b.conditional;
  return d;
}

// One principal's answer in the compact form iameval/account.py reads:
// (error, decisions, statements, action ids, statuses, resource ids,
// resources, refs ids, refs), the ids as packed native uint32 / uint8.
py::tuple CompactToPy(const iameval::internal::EffectivePermissions& p) {
  std::vector<uint32_t> ids, resource_ids, ref_ids;
  std::vector<uint8_t> statuses;
  for (const auto& a : p.actions) {
    ids.push_back(a.action);
    statuses.push_back(a.status == iameval::internal::ActionPermission::Status::kAllowed ? 0 : 1);
    resource_ids.push_back(a.resource);
    ref_ids.push_back(a.refs);
  }
  py::list statements, resources, refs;
  for (const auto& b : p.statements) statements.append(StatementToPy(b));
  for (const std::string& r : p.resources) resources.append(Utf8(r));
  for (const auto& r : p.refs) {
    refs.append(py::make_tuple(py::tuple(py::cast(r.grants)), py::tuple(py::cast(r.bounds))));
  }
  py::object error = p.error.empty() ? py::object(py::none()) : py::object(Utf8(p.error));
  return py::make_tuple(error, p.decisions, statements, Packed(ids), Packed(statuses),
                        Packed(resource_ids), resources, Packed(ref_ids), refs);
}

}  // namespace

void RegisterAnalysis(py::module_& m) {
  m.def(
      "_effective_permissions_json",
      [](EffectiveJobsArg jobs, const std::string& catalogue_path, int threads,
         const std::string& action_pattern,
         const std::string& resource_pattern) -> std::vector<std::string> {
        const iameval::internal::CatalogueActions& actions = ActionsAt(catalogue_path);
        std::vector<iameval::internal::EffectiveJob> read;
        for (py::handle item : jobs) read.push_back(ReadJob(item));
        // The PolicySet objects stay alive: `jobs` holds them while we run.
        iameval::internal::EffectiveOptions options{action_pattern, resource_pattern};
        std::vector<std::string> out;
        {
          py::gil_scoped_release release;
          std::vector<iameval::internal::EffectivePermissions> answers =
              iameval::internal::ComputeEffectivePermissionsMany(read, actions, threads, options);
          out.reserve(answers.size());
          for (const auto& answer : answers) {
            out.push_back(iameval::internal::EffectivePermissionsToJson(answer, actions));
          }
        }
        return out;
      },
      py::arg("jobs"), py::arg("catalogue_path"), py::arg("threads") = 1,
      py::arg("action_pattern") = "", py::arg("resource_pattern") = "",
      R"doc(Effective permissions of each job ``(policy_set, principal, context,
in_management_account, service_linked_role)``, one JSON text each, computed without the
GIL on up to ``threads`` threads (spec/effective-permissions.md). Use
``iameval.AccountModel.effective_permissions``.
)doc");
  m.def(
      "_effective_permissions",
      [](EffectiveJobsArg jobs, const std::string& catalogue_path, int threads,
         const std::string& action_pattern, const std::string& resource_pattern) {
        const iameval::internal::CatalogueActions& actions = ActionsAt(catalogue_path);
        std::vector<iameval::internal::EffectiveJob> read;
        for (py::handle item : jobs) read.push_back(ReadJob(item));
        iameval::internal::EffectiveOptions options{action_pattern, resource_pattern};
        std::vector<iameval::internal::EffectivePermissions> answers;
        {
          py::gil_scoped_release release;
          answers =
              iameval::internal::ComputeEffectivePermissionsMany(read, actions, threads, options);
        }
        py::list result;
        for (auto& answer : answers) {
          result.append(CompactToPy(answer));
          answer = {};  // free as we go: a large account's answers are large
        }
        return CompactAnswersResult(std::move(result));
      },
      py::arg("jobs"), py::arg("catalogue_path"), py::arg("threads") = 1,
      py::arg("action_pattern") = "", py::arg("resource_pattern") = "",
      "As ``_effective_permissions_json``, in the compact form iameval/account.py reads.");
  m.def(
      "_catalogue_actions",
      [](const std::string& catalogue_path) {
        const iameval::internal::CatalogueActions& actions = ActionsAt(catalogue_path);
        std::vector<std::tuple<std::string, std::string, std::string>> out;
        for (const auto& a : actions.actions()) {
          out.emplace_back(a.name, std::string(a.service),
                           iameval::internal::AccessLevelText(a.access));
        }
        return out;
      },
      py::arg("catalogue_path"),
      "(name, service, access level) of every catalogue action, by the ids "
      "``_effective_permissions`` uses.");
  m.def(
      "_compare_json",
      [](const std::string& input, const std::string& catalogue_path) {
        const iameval::Catalogue& catalogue = CatalogueAt(catalogue_path);
        std::string out;
        {
          py::gil_scoped_release release;
          out = iameval::CompareJson(input, catalogue);
        }
        return Utf8(out);
      },
      py::arg("input"), py::arg("catalogue_path"),
      "The engine's ``CompareJson`` (spec/analysis.md); use ``iameval.compare``.");
  m.def(
      "_access_json",
      [](const std::string& input, const std::string& catalogue_path) {
        const iameval::Catalogue& catalogue = CatalogueAt(catalogue_path);
        std::string out;
        {
          py::gil_scoped_release release;
          out = iameval::AccessJson(input, catalogue);
        }
        return Utf8(out);
      },
      py::arg("input"), py::arg("catalogue_path"),
      "The engine's ``AccessJson`` (spec/analysis.md); use ``iameval.access_not_granted``, "
      "``public_access`` or ``external_access``.");
}
