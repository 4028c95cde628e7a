// File: python/src/iameval_module.cc
//
// The `iameval._iameval` extension: pybind11 over the C++ API in
// engine/include/iameval/, adding no semantics of its own. Everything a
// decision means is decided by the engine; this file only converts Python
// values to the engine's types and back.
//
// The public Python classes (Policy, PolicySet, Request, Decision) are defined
// here so that the hot path, PolicySet.decide and decide_many, never runs
// Python code. The plain-data result types (Finding, Explanation, ...) and
// PolicyError are Python classes in iameval/_types.py; this module looks them
// up once at import and builds them.
//
// Threads: Policy, PolicySet and Request are immutable after construction and
// the engine's PolicySet::Decide is const and thread-safe, so decide_many and
// decide_json release the GIL while the engine works.

#include <Python.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>
#include <time.h>

#include <chrono>
#include <cmath>
#include <cstdint>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "cli/cli.h"
#include "iameval/context_reader.h"
#include "iameval/decision.h"
#include "iameval/finding.h"
#include "iameval/json.h"
#include "iameval/policy.h"
#include "iameval/policy_set.h"
#include "iameval/request.h"
#include "iameval/request_reader.h"
#include "typed_object.h"

namespace py = pybind11;
using namespace iameval_python;  // NOLINT: the typed argument names of typed_object.h

namespace {

// ---------------------------------------------------------------------------
// Objects used before (or initialised again after) __init__
//
// `Request.__new__(Request)` makes an object whose C++ value was never
// constructed, and pybind11 hands methods a reference to it anyway: reading
// `.context` segfaulted and `PolicySet.decide` decided on uninitialised
// memory. So every method and property takes its object as Init<T>, whose
// caster refuses such an object with a TypeError; and __init__ refuses to run
// a second time (pybind11 ignores it silently, InstallInitOnce below).

struct PyPolicy;
struct PyRequest;
struct PyDecision;
struct PyPolicySet;

template <typename T>
struct ClassName;
#define IAMEVAL_CLASS_NAME(T, text)                            \
  template <>                                                  \
  struct ClassName<T> {                                        \
    static constexpr const char* kText = text;                 \
    static constexpr auto name = py::detail::const_name(text); \
  };
IAMEVAL_CLASS_NAME(PyPolicy, "Policy")
IAMEVAL_CLASS_NAME(PyRequest, "Request")
IAMEVAL_CLASS_NAME(PyDecision, "Decision")
IAMEVAL_CLASS_NAME(PyPolicySet, "PolicySet")
#undef IAMEVAL_CLASS_NAME

// An instance of T (or of a subclass) whose C++ value exists.
template <typename T>
struct Init {
  const T* ptr = nullptr;
  operator const T&() const { return *ptr; }  // NOLINT: used as the object itself
};

// The value of `h`, which must be an instance of T; TypeError when its
// __init__ never ran.
template <typename T>
const T& InitialisedValue(py::handle h) {
  auto* inst = reinterpret_cast<py::detail::instance*>(h.ptr());
  py::detail::value_and_holder vh =
      inst->get_value_and_holder(py::detail::get_type_info(typeid(T)), false);
  if (!vh || !vh.holder_constructed() || vh.value_ptr() == nullptr) {
    throw py::type_error(std::string("this ") + ClassName<T>::kText +
                         " was never initialised: it was made with " + ClassName<T>::kText +
                         ".__new__ and its __init__ never ran");
  }
  return *vh.template value_ptr<T>();
}

// ---------------------------------------------------------------------------
// Python objects needed on every call, looked up once at import. Leaked on
// purpose: nothing may be released after the interpreter has finalised.
struct Globals {
  py::object finding_type;
  py::object statement_ref_type;
  py::object kind_verdict_type;
  py::object explanation_type;
  py::object missing_key_type;
  py::object failed_condition_type;
  py::object policy_error_type;
  py::object document_text;       // iameval._documents.document_text
  py::object read_document_file;  // iameval._documents.read_document_file
  py::object fspath;              // os.fspath
  py::object json_dumps;
  py::object date_type;  // datetime.date (datetime.datetime derives from it)
  py::object datetime_type;
  py::object utc;               // datetime.timezone.utc
  py::object epoch;             // 1970-01-01T00:00:00+00:00
  py::object ip_types;          // tuple of the ipaddress address/network classes
  py::object mapping_type;      // collections.abc.Mapping
  py::object request_type;      // the Request class below
  py::object policy_set_type;   // the PolicySet class below
  py::object decide_overloads;  // pybind11's PolicySet.decide, behind FastDecide
  py::object decision_names[3];
  py::object decisions[3];  // the three Decision singletons (no error, no explanation)
};
Globals* g = nullptr;

// The input limits every call of this module applies (iameval/context_reader.h,
// SECURITY.md): the engine's defaults until set_input_limits() changes them.
// Read and written with the GIL held.
iameval::InputLimits g_limits;

int DecisionSlot(iameval::Decision d) { return static_cast<int>(d); }

// ---------------------------------------------------------------------------
// Policy kinds

iameval::PolicyKind KindFromName(const std::string& name) {
  iameval::PolicyKind kind;
  if (!iameval::ParsePolicyKindName(name, &kind)) {
    throw py::value_error("unknown policy kind `" + name +
                          "`: expected one of identity, resource, roleTrust, kmsKey, "
                          "permissionsBoundary, session, scp, rcp");
  }
  return kind;
}

py::str KindName(iameval::PolicyKind kind) {
  std::string_view name = iameval::PolicyKindName(kind);
  return py::str(name.data(), name.size());
}

// Engine text as str. Messages quote user input, so never let a stray byte
// turn a finding into a UnicodeDecodeError: undecodable bytes become U+FFFD.
py::str Str(std::string_view text) {
  PyObject* out =
      PyUnicode_DecodeUTF8(text.data(), static_cast<Py_ssize_t>(text.size()), "replace");
  if (out == nullptr) throw py::error_already_set();
  return py::reinterpret_steal<py::str>(out);
}

py::object StrOrNone(const std::string& text) {
  if (text.empty()) return py::none();
  return Str(text);
}

// ---------------------------------------------------------------------------
// Findings and PolicyError

// `positions` is false when the document came from a Python mapping: the engine
// saw our serialisation of it, so its line:column would point at text the
// caller never had. Zero is the engine's own "unknown".
py::object FindingToPy(const iameval::Finding& f, bool positions, py::object document) {
  std::string_view severity = iameval::SeverityName(f.severity);
  return g->finding_type(Str(f.code), Str(severity), Str(f.message), Str(f.path),
                         positions ? f.line : 0u, positions ? f.column : 0u, StrOrNone(f.help),
                         std::move(document));
}

[[noreturn]] void RaisePolicyError(py::list findings) {
  py::object error = g->policy_error_type(std::move(findings));
  PyErr_SetObject(g->policy_error_type.ptr(), error.ptr());
  throw py::error_already_set();
}

// ---------------------------------------------------------------------------
// Policy documents

struct DocumentText {
  std::string text;
  bool positions = true;
};

// Asks iameval._documents.document_text for the text the engine should read:
// a mapping is serialised, URL-encoded text (as IAM's API returns documents)
// is decoded, anything else that is not str/bytes is a TypeError.
DocumentText NormalizeDocument(py::handle document, py::handle url_encoded) {
  py::tuple result = g->document_text(document, url_encoded);
  DocumentText out;
  py::handle text = result[0];
  if (PyBytes_Check(text.ptr())) {
    out.text = std::string(PyBytes_AS_STRING(text.ptr()), PyBytes_GET_SIZE(text.ptr()));
  } else {
    out.text = text.cast<std::string>();
  }
  out.positions = result[1].cast<bool>();
  return out;
}

iameval::Limits MakeLimits(bool enforce_aws_size_quotas) {
  iameval::Limits limits;
  limits.enforce_aws_size_quotas = enforce_aws_size_quotas;
  return limits;
}

struct PyPolicy {
  iameval::Policy policy;
  bool positions;
  py::list warnings;
};

// Parses one document as `kind`. On success returns the policy and appends
// its warnings to `all_findings`; on failure appends every finding and
// returns nullopt.
std::optional<PyPolicy> ParseDocument(py::handle document, iameval::PolicyKind kind,
                                      const iameval::Limits& limits, py::object label,
                                      py::list& all_findings, py::handle url_encoded = py::none()) {
  DocumentText doc = NormalizeDocument(document, url_encoded);
  iameval::ParseResult result;
  {
    py::gil_scoped_release release;  // large documents take a while; let other threads run
    result = iameval::Policy::Parse(doc.text, kind, limits);
  }
  py::list own;
  for (const iameval::Finding& f : result.findings) {
    py::object finding = FindingToPy(f, doc.positions, label);
    own.append(finding);
    all_findings.append(finding);
  }
  if (!result.ok()) return std::nullopt;
  return PyPolicy{std::move(*result.policy), doc.positions, std::move(own)};
}

// ---------------------------------------------------------------------------
// Request context

// A str's UTF-8, checked against the value-length limit before it is copied.
std::string_view Utf8Of(PyObject* text, const iameval::ContextReader& reader,
                        std::string_view key) {
  Py_ssize_t size = 0;
  const char* data = PyUnicode_AsUTF8AndSize(text, &size);
  if (data == nullptr) throw py::error_already_set();
  std::string error;
  if (!reader.CheckValueBytes(key, static_cast<size_t>(size), &error)) throw py::value_error(error);
  return std::string_view(data, static_cast<size_t>(size));
}

// One Python value as the engine's scalar, formatted by the engine
// (ContextScalar's factories), exactly as if set from C++.
iameval::ContextScalar ScalarOf(py::handle value, std::string_view key,
                                const iameval::ContextReader& reader) {
  using iameval::ContextScalar;
  PyObject* v = value.ptr();
  if (PyBool_Check(v)) return ContextScalar::Bool(v == Py_True);
  if (PyLong_Check(v)) {
    int overflow = 0;
    long long n = PyLong_AsLongLongAndOverflow(v, &overflow);
    if (overflow != 0) {
      throw py::value_error("context value for `" + std::string(key) + "` does not fit in 64 bits");
    }
    if (n == -1 && PyErr_Occurred()) throw py::error_already_set();
    return ContextScalar::Integer(static_cast<int64_t>(n));
  }
  if (PyFloat_Check(v)) {
    double d = PyFloat_AS_DOUBLE(v);
    // JSON, the engine's other input, cannot express these either.
    if (!std::isfinite(d)) {
      throw py::value_error("context value for `" + std::string(key) + "` must be a finite number");
    }
    return ContextScalar::Number(d);
  }
  if (PyUnicode_Check(v)) return ContextScalar::String(Utf8Of(v, reader, key));
  if (py::isinstance(value, g->date_type)) {
    // ISO 8601, which the engine's date operators read; a naive datetime has
    // no zone and the engine reads zone-less times as UTC.
    py::object text = value.attr("isoformat")();
    return ContextScalar::String(Utf8Of(text.ptr(), reader, key));
  }
  if (py::isinstance(value, g->ip_types)) {
    py::str text(value);
    return ContextScalar::String(Utf8Of(text.ptr(), reader, key));
  }
  throw py::type_error("context value for `" + std::string(key) +
                       "` must be str, int, float, bool, a datetime, an ipaddress "
                       "object or a list of those, not " +
                       std::string(Py_TYPE(v)->tp_name));
}

bool IsListValue(py::handle value) {
  PyObject* v = value.ptr();
  // str, int and bool first: the common values, which PyAnySet_Check would
  // compare with set and frozenset through their base classes.
  if (PyUnicode_Check(v) || PyLong_Check(v)) return false;
  return PyList_Check(v) || PyTuple_Check(v) || PyAnySet_Check(v);
}

void AddContextEntry(iameval::ContextReader& reader, py::handle key_obj, py::handle value,
                     std::vector<iameval::ContextScalar>* values);

// Reads a context mapping under the engine's one rule for keys
// (iameval::ContextReader): keys that differ only in case are one key and a
// mapping that gives one twice is refused (ValueError), as the JSON layer and
// the WebAssembly package refuse it; g_limits bound keys, lists and values,
// each checked before the value is copied; each key costs O(1). `*values`
// is scratch: each key's values are gathered in it and swapped into the
// key's entry, so it ends holding the storage of a reused context's last
// entry, ready for the next call.
void FillContext(iameval::ContextReader& reader, py::handle mapping,
                 std::vector<iameval::ContextScalar>* values) {
  if (mapping.is_none()) return;
  if (PyDict_Check(mapping.ptr())) {  // the common case, without the ABC check
    reader.Reserve(static_cast<size_t>(PyDict_GET_SIZE(mapping.ptr())));
    PyObject *key, *value;
    Py_ssize_t pos = 0;
    while (PyDict_Next(mapping.ptr(), &pos, &key, &value)) {
      // Held while read: a value's conversion may run Python code (a
      // datetime's isoformat) that changes the dict, and the key's text is
      // read in place.
      py::object held_key = py::reinterpret_borrow<py::object>(key);
      py::object held_value = py::reinterpret_borrow<py::object>(value);
      AddContextEntry(reader, held_key, held_value, values);
    }
    return;
  }
  if (!py::isinstance(mapping, g->mapping_type)) {
    throw py::type_error("context must be a mapping of condition keys to values, not " +
                         std::string(Py_TYPE(mapping.ptr())->tp_name));
  }
  py::object items = mapping.attr("items")();
  for (py::handle item : items) {
    py::tuple pair = py::reinterpret_borrow<py::tuple>(item);
    AddContextEntry(reader, pair[0], pair[1], values);
  }
}

// One key and its value (or list of values), through ContextReader::Put:
// `*values` is the scratch vector the values are gathered in and swapped
// into the key's entry.
void AddContextEntry(iameval::ContextReader& reader, py::handle key_obj, py::handle value,
                     std::vector<iameval::ContextScalar>* values) {
  if (!PyUnicode_Check(key_obj.ptr())) {
    throw py::type_error("context keys must be str");
  }
  Py_ssize_t size = 0;
  const char* data = PyUnicode_AsUTF8AndSize(key_obj.ptr(), &size);
  if (data == nullptr) throw py::error_already_set();
  const std::string_view key(data, static_cast<size_t>(size));  // held by the str
  std::string error;
  if (!reader.CheckKey(key, &error)) throw py::value_error(error);
  values->clear();
  const bool is_list = IsListValue(value);
  if (is_list) {
    const Py_ssize_t count = PyObject_Length(value.ptr());
    if (count < 0) throw py::error_already_set();
    if (!reader.CheckListSize(key, static_cast<size_t>(count), &error))
      throw py::value_error(error);
    values->reserve(static_cast<size_t>(count));
    for (py::handle element : value) {
      if (IsListValue(element)) {
        throw py::type_error("context value for `" + std::string(key) + "` must not nest lists");
      }
      values->push_back(ScalarOf(element, key, reader));
    }
  } else {
    values->push_back(ScalarOf(value, key, reader));
  }
  if (!reader.Put(key, values, is_list, &error)) throw py::value_error(error);
}

py::object ScalarToPy(const iameval::ContextScalar& s) {
  switch (s.type) {
    case iameval::ContextScalar::Type::kBool:
      return py::bool_(s.boolean);
    case iameval::ContextScalar::Type::kNumber: {
      // Integers were given as integers: keep them exact.
      bool integral = !s.text.empty() && s.text.find_first_of(".eE") == std::string::npos;
      if (integral)
        return py::reinterpret_steal<py::object>(PyLong_FromString(s.text.c_str(), nullptr, 10));
      return py::float_(s.number);
    }
    case iameval::ContextScalar::Type::kString:
      break;
  }
  return Str(s.text);
}

py::dict ContextToPy(const iameval::Context& context) {
  py::dict out;
  for (const iameval::Context::Entry& entry : context.entries()) {
    if (entry.is_list) {
      py::list values;
      for (const auto& s : entry.values) values.append(ScalarToPy(s));
      out[Str(entry.key)] = values;
    } else if (!entry.values.empty()) {
      out[Str(entry.key)] = ScalarToPy(entry.values.front());
    }
  }
  return out;
}

// ---------------------------------------------------------------------------
// Request

// current_time through the engine's RequestReader, which holds it to the
// instants every surface accepts (1678 to 2261).
void SetTimeFromPy(iameval::RequestReader& reader, py::handle when) {
  if (!py::isinstance(when, g->datetime_type)) {
    throw py::type_error("current_time must be a datetime.datetime");
  }
  py::object aware = py::reinterpret_borrow<py::object>(when);
  if (when.attr("tzinfo").is_none()) {
    aware =
        when.attr("replace")(py::arg("tzinfo") = g->utc);  // zone-less means UTC, as in the engine
  }
  // datetime spans years 1 to 9999: days * 86400 and the microseconds fit in
  // 64 bits.
  py::object delta = aware - g->epoch;
  long long days = delta.attr("days").cast<long long>();
  long long seconds = delta.attr("seconds").cast<long long>();
  long long micros = delta.attr("microseconds").cast<long long>();
  std::string error;
  if (!reader.SetCurrentTime(days * 86400 + seconds, micros * 1000, "current_time", &error)) {
    throw py::value_error(error);
  }
}

py::object TimeToPy(std::chrono::system_clock::time_point t) {
  long long micros =
      std::chrono::duration_cast<std::chrono::microseconds>(t.time_since_epoch()).count();
  py::object timedelta = py::module_::import("datetime").attr("timedelta");
  return g->epoch + timedelta(py::arg("microseconds") = micros);
}

struct PyRequest {
  iameval::Request request;
};

PyRequest MakeRequest(std::string principal, std::string action, std::string resource,
                      ContextArg context, std::optional<std::string> resource_account,
                      bool principal_is_service_linked_role, bool principal_in_management_account,
                      bool resource_in_management_account, bool resource_is_aws_managed_key,
                      std::optional<bool> resource_policy_required, TimeArg current_time,
                      std::optional<std::string> principal_role_arn) {
  PyRequest out;
  iameval::Request& r = out.request;
  iameval::RequestReader reader(&r, g_limits);
  r.principal = std::move(principal);
  r.action = std::move(action);
  r.resource = std::move(resource);
  if (resource_account) r.resource_account = std::move(*resource_account);
  std::vector<iameval::ContextScalar> values;
  FillContext(reader.context(), context, &values);
  r.principal_is_service_linked_role = principal_is_service_linked_role;
  r.principal_in_management_account = principal_in_management_account;
  r.resource_in_management_account = resource_in_management_account;
  r.resource_is_aws_managed_key = resource_is_aws_managed_key;
  if (resource_policy_required) {
    r.resource_policy_rule = *resource_policy_required ? iameval::ResourcePolicyRule::kRequired
                                                       : iameval::ResourcePolicyRule::kNotRequired;
  }
  if (!current_time.is_none()) SetTimeFromPy(reader, current_time);
  if (principal_role_arn) r.principal_role_arn = std::move(*principal_role_arn);
  return out;
}

// The same keyword arguments on Request() and on PolicySet.decide().
#define IAMEVAL_REQUEST_ARGS                                                                    \
  py::arg("principal"), py::arg("action"), py::arg("resource"),                                 \
      py::arg("context") = py::none(), py::kw_only(), py::arg("resource_account") = py::none(), \
      py::arg("principal_is_service_linked_role") = false,                                      \
      py::arg("principal_in_management_account") = false,                                       \
      py::arg("resource_in_management_account") = false,                                        \
      py::arg("resource_is_aws_managed_key") = false,                                           \
      py::arg("resource_policy_required") = py::none(), py::arg("current_time") = py::none(),   \
      py::arg("principal_role_arn") = py::none()

const char* kRequestDoc =
    R"doc(What is asked: who (principal), does what (action), to what (resource), and
in which circumstances (condition-key context). Immutable.

Args:
    principal: ARN of the caller: an IAM user or role, a role session
        (``arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION``), a federated user,
        the account root, a service principal (``cloudtrail.amazonaws.com``),
        or ``"*"`` for an anonymous caller.
    action: ``service:Action``, compared ignoring case.
    resource: ARN of the target, or ``"*"`` for actions without
        resource-level permissions.
    context: condition keys and their values. A value is a ``str``,
        ``int``, ``float``, ``bool``, a ``datetime``/``date`` (sent as
        ISO 8601; a naive datetime is read as UTC), an ``ipaddress`` address
        or network, or a list/tuple/set of those for a multivalued key. Keys
        compare ignoring case.
    resource_account: the account owning the resource where its ARN has
        none (S3). Default: the ARN's account; for resource ``"*"`` the
        principal's. Otherwise the owner is unknown and the request is
        decided by the cross-account rule (both accounts must allow).
    principal_is_service_linked_role: SCPs and RCPs do not apply.
    principal_in_management_account: SCPs do not apply.
    resource_in_management_account: RCPs do not apply.
    resource_is_aws_managed_key: RCPs do not apply.
    resource_policy_required: ``True``: the resource policy must allow, as a
        role trust policy must; ``False``: it need not; ``None``: inferred by
        the engine from the action and resource.
    current_time: the instant ``aws:CurrentTime`` and ``aws:EpochTime``
        report (naive means UTC). Default: the clock at decision time.
    principal_role_arn: for a role session, its role's ARN with the role's
        path (``arn:aws:iam::ACCOUNT:role/PATH/ROLE``), which the session ARN
        does not carry; ``aws:PrincipalArn`` reports it. Must name the
        session's own role. Default: derived without a path (an explanation
        then says so in ``notes`` when a condition read it).

Raises:
    TypeError: a context value of an unsupported type.
    ValueError: a context number that is not finite or does not fit in
        64 bits.
)doc";

const PyRequest& AsRequest(py::handle h) {
  if (!py::isinstance<PyRequest>(h)) throw py::type_error("expected a Request");
  return InitialisedValue<PyRequest>(h);
}

// ---------------------------------------------------------------------------
// Decision

struct PyDecision {
  iameval::Decision decision = iameval::Decision::kImplicitDeny;
  const char* error = nullptr;  // static text from the engine
  py::object explanation;       // None or an Explanation
  // The engine's own explanation, for to_json (AnswerToJson); null when not asked.
  std::shared_ptr<const iameval::Explanation> why;
  iameval::DecideError error_code = iameval::DecideError::kNone;  // whose fault `error` is
};

std::string DecisionToJson(const PyDecision& d) {
  iameval::Answer answer;
  answer.decision = d.decision;
  answer.error = d.error;
  answer.error_code = d.error_code;
  return iameval::AnswerToJson(answer, d.why.get());
}

// ---------------------------------------------------------------------------
// PolicySet

// Whether each document of a set came with text of its own (see FindingToPy);
// kept so that explanations, too, report 0:0 for documents given as mappings.
struct PositionFlags {
  std::vector<bool> identity, session;
  bool resource = true, boundary = true, vpc_endpoint = true;
  std::vector<std::vector<bool>> scps, rcps;

  bool Get(iameval::PolicyKind kind, int level, int index) const {
    auto at = [](const std::vector<bool>& v, int i) {
      return i >= 0 && static_cast<size_t>(i) < v.size() ? v[i] : true;
    };
    auto at2 = [&](const std::vector<std::vector<bool>>& v) {
      return level >= 0 && static_cast<size_t>(level) < v.size() ? at(v[level], index) : true;
    };
    switch (kind) {
      case iameval::PolicyKind::kIdentity:
        return at(identity, index);
      case iameval::PolicyKind::kSession:
        return at(session, index);
      case iameval::PolicyKind::kPermissionsBoundary:
        return boundary;
      case iameval::PolicyKind::kServiceControl:
        return at2(scps);
      case iameval::PolicyKind::kResourceControl:
        return at2(rcps);
      case iameval::PolicyKind::kVpcEndpoint:
      case iameval::PolicyKind::kGatewayVpcEndpoint:
        return vpc_endpoint;
      default:
        return resource;
    }
  }
};

struct PyPolicySet {
  std::optional<iameval::PolicySet> set;
  PositionFlags positions;
  py::list warnings;
  std::string summary;  // for repr
};

py::object ExplanationToPy(const iameval::Explanation& why, const PositionFlags& positions) {
  py::list determining;
  for (const iameval::StatementRef& s : why.determining) {
    bool pos = positions.Get(s.kind, s.level, s.policy_index);
    py::object level = s.level < 0 ? py::object(py::none()) : py::object(py::int_(s.level));
    determining.append(g->statement_ref_type(KindName(s.kind), s.policy_index, level,
                                             StrOrNone(s.policy_id), s.statement_index,
                                             StrOrNone(s.sid), Str(iameval::EffectName(s.effect)),
                                             pos ? s.line : 0u, pos ? s.column : 0u));
  }
  py::list verdicts;
  for (const iameval::KindVerdict& v : why.verdicts) {
    py::object level = v.level < 0 ? py::object(py::none()) : py::object(py::int_(v.level));
    verdicts.append(
        g->kind_verdict_type(KindName(v.kind), level, Str(iameval::VerdictName(v.verdict))));
  }
  py::list notes;
  for (const std::string& note : why.notes) notes.append(Str(note));
  py::list missing;
  for (const iameval::MissingKey& k : why.missing_keys) {
    missing.append(g->missing_key_type(Str(k.key), k.could_change_decision, k.always_set));
  }
  py::list failed;
  for (const iameval::FailedCondition& f : why.failed_conditions) {
    const iameval::StatementRef& s = f.statement;
    bool pos = positions.Get(s.kind, s.level, s.policy_index);
    py::object level = s.level < 0 ? py::object(py::none()) : py::object(py::int_(s.level));
    py::object ref = g->statement_ref_type(KindName(s.kind), s.policy_index, level,
                                           StrOrNone(s.policy_id), s.statement_index,
                                           StrOrNone(s.sid), Str(iameval::EffectName(s.effect)),
                                           pos ? s.line : 0u, pos ? s.column : 0u);
    failed.append(
        g->failed_condition_type(ref, Str(f.condition_operator), Str(f.key), f.key_missing));
  }
  return g->explanation_type(g->decision_names[DecisionSlot(why.decision)], Str(why.reason),
                             py::tuple(determining), py::tuple(verdicts), Str(why.reason_code),
                             py::tuple(notes), py::tuple(missing), py::tuple(failed));
}

py::object MakeDecision(const iameval::Answer& answer, iameval::Explanation* why,
                        const PositionFlags& positions) {
  // Decisions are immutable, so the common case shares three objects and
  // allocates nothing.
  if (answer.error == nullptr && why == nullptr) {
    return g->decisions[DecisionSlot(answer.decision)];
  }
  PyDecision d;
  d.decision = answer.decision;
  d.error = answer.error;
  d.error_code = answer.error_code;
  if (why != nullptr) {
    for (iameval::StatementRef& s : why->determining) {
      if (!positions.Get(s.kind, s.level, s.policy_index)) s.line = s.column = 0;
    }
    for (iameval::FailedCondition& f : why->failed_conditions) {
      iameval::StatementRef& s = f.statement;
      if (!positions.Get(s.kind, s.level, s.policy_index)) s.line = s.column = 0;
    }
    d.explanation = ExplanationToPy(*why, positions);
    d.why = std::make_shared<const iameval::Explanation>(std::move(*why));
  } else {
    d.explanation = py::none();
  }
  return py::cast(std::move(d));
}

py::object Decide(const PyPolicySet& self, const iameval::Request& request, bool explain) {
  if (!explain) {
    iameval::Answer answer = self.set->Decide(request);
    return MakeDecision(answer, nullptr, self.positions);
  }
  iameval::Explanation why;
  iameval::Answer answer = self.set->Decide(request, &why);
  return MakeDecision(answer, &why, self.positions);
}

// The Request inside an object of exactly type Request, or null when the
// object is not one (or was never initialised). Reads only fields that never
// change after construction, so it is safe without the GIL while the object
// is kept alive.
const iameval::Request* ExactRequest(PyObject* item) {
  if (Py_TYPE(item) != reinterpret_cast<PyTypeObject*>(g->request_type.ptr())) return nullptr;
  auto* inst = reinterpret_cast<py::detail::instance*>(item);
  if (!inst->simple_layout || !inst->simple_holder_constructed ||
      inst->simple_value_holder[0] == nullptr) {
    return nullptr;
  }
  return &static_cast<const PyRequest*>(inst->simple_value_holder[0])->request;
}

// The PolicySet inside an object of exactly type PolicySet with its set
// compiled, or null (ExactRequest's rule).
const PyPolicySet* ExactPolicySet(PyObject* self) {
  if (Py_TYPE(self) != reinterpret_cast<PyTypeObject*>(g->policy_set_type.ptr())) return nullptr;
  auto* inst = reinterpret_cast<py::detail::instance*>(self);
  if (!inst->simple_layout || !inst->simple_holder_constructed ||
      inst->simple_value_holder[0] == nullptr) {
    return nullptr;
  }
  const auto* set = static_cast<const PyPolicySet*>(inst->simple_value_holder[0]);
  return set->set ? set : nullptr;
}

// `o`'s UTF-8, held by `o`, into `*out` when it is exactly a str that has it
// (no lone surrogate); false otherwise, with no Python error left set.
bool ExactStr(PyObject* o, std::string_view* out) {
  if (!PyUnicode_CheckExact(o)) return false;
  Py_ssize_t size = 0;
  const char* data = PyUnicode_AsUTF8AndSize(o, &size);
  if (data == nullptr) {
    PyErr_Clear();
    return false;
  }
  *out = std::string_view(data, static_cast<size_t>(size));
  return true;
}

// The request FastDecideArguments reads each call into, one per thread. Its
// strings, context entries and value vectors keep their memory from call to
// call (ContextReader's Rewrite / Put / Finish, as the WebAssembly package's
// packed reader reuses its request), so a steady stream of calls allocates
// next to nothing. Only the fields decide's fast arguments give are ever
// written (principal, action, resource, resource_account, context); every
// other field keeps its default. `busy` while a call reads into it: a
// value's conversion may run Python code that calls decide again, which
// then goes to the overloads with a request of its own.
struct ScratchRequest {
  iameval::Request request;
  std::vector<iameval::ContextScalar> values;  // FillContext's scratch
  bool busy = false;
};

// Reads decide's fast arguments into the thread's ScratchRequest and
// decides it; null when a check refuses them (the overloads then say why),
// with the Python error cleared.
PyObject* DecideScratch(const PyPolicySet& set, std::string_view principal, std::string_view action,
                        std::string_view resource, std::string_view resource_account,
                        PyObject* context) {
  thread_local ScratchRequest scratch;
  if (scratch.busy) return nullptr;
  iameval::Request& r = scratch.request;
  r.principal.assign(principal);
  r.action.assign(action);
  r.resource.assign(resource);
  r.resource_account.assign(resource_account);
  scratch.busy = true;
  try {
    iameval::ContextReader reader(&r.context, g_limits);
    reader.Rewrite();  // from no keys, keeping the entries' memory
    FillContext(reader, context, &scratch.values);
    reader.Finish();
  } catch (...) {
    // A value the overload refuses (or no memory): it will say so. The
    // next call rewrites the context whatever state this one left it in.
    scratch.busy = false;
    PyErr_Clear();
    return nullptr;
  }
  scratch.busy = false;
  const iameval::Answer answer = set.set->Decide(r);
  if (answer.error != nullptr) return nullptr;
  PyObject* shared = g->decisions[DecisionSlot(answer.decision)].ptr();
  Py_INCREF(shared);
  return shared;
}

// decide(principal, action, resource[, context][, resource_account=...])
// with exact str arguments and a dict (or None) context: the request that
// MakeRequest would build, read by the same ContextReader into a reused
// request (DecideScratch), without pybind11 matching the overloads'
// fourteen parameters. A shared Decision, or null (no Python error set) for
// anything else, including every call that would fail: the overloads then
// make the request again and say what is wrong.
PyObject* FastDecideArguments(const PyPolicySet& set, PyObject* const* args, Py_ssize_t nargs,
                              PyObject* kwnames) {
  if (nargs != 3 && nargs != 4) return nullptr;
  PyObject* account = nullptr;
  if (kwnames != nullptr) {
    if (PyTuple_GET_SIZE(kwnames) != 1 ||
        PyUnicode_CompareWithASCIIString(PyTuple_GET_ITEM(kwnames, 0), "resource_account") != 0) {
      return nullptr;
    }
    account = args[nargs];
  }
  PyObject* context = nargs == 4 ? args[3] : Py_None;
  if (context != Py_None && !PyDict_CheckExact(context)) return nullptr;
  std::string_view principal, action, resource, resource_account;
  if (!ExactStr(args[0], &principal) || !ExactStr(args[1], &action) ||
      !ExactStr(args[2], &resource)) {
    return nullptr;
  }
  // None and absent are both "": MakeRequest leaves the field empty.
  if (account != nullptr && account != Py_None && !ExactStr(account, &resource_account)) {
    return nullptr;
  }
  return DecideScratch(set, principal, action, resource, resource_account, context);
}

// PolicySet.decide. Its common call, decide(request) with a Request and no
// keywords, goes straight to the engine and back with one of the three
// shared Decisions: pybind11's dispatch (matching two overloads, converting
// arguments, casting the result) cost more than the decision itself. Every
// other call (keywords, Request's arguments, other types, an answer with an
// error) goes on to pybind11's overloads, so what decide accepts, refuses
// and answers there is theirs alone.
PyObject* FastDecide(PyObject* self, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
  const PyPolicySet* set = ExactPolicySet(self);
  if (set != nullptr && nargs == 1 && kwnames == nullptr) {
    if (const iameval::Request* request = ExactRequest(args[0])) {
      const iameval::Answer answer = set->set->Decide(*request);
      if (answer.error == nullptr) {
        PyObject* shared = g->decisions[DecisionSlot(answer.decision)].ptr();
        Py_INCREF(shared);
        return shared;
      }
    }
  } else if (set != nullptr) {
    if (PyObject* shared = FastDecideArguments(*set, args, nargs, kwnames)) return shared;
  }
  // The overloads take self first. Decide is a pure function of the set and
  // the request, so an answer with an error is decided again there alike.
  const Py_ssize_t keywords = kwnames == nullptr ? 0 : PyTuple_GET_SIZE(kwnames);
  std::vector<PyObject*> stack(static_cast<size_t>(1 + nargs + keywords));
  stack[0] = self;
  for (Py_ssize_t i = 0; i < nargs + keywords; ++i) stack[static_cast<size_t>(1 + i)] = args[i];
  return PyObject_Vectorcall(g->decide_overloads.ptr(), stack.data(),
                             static_cast<size_t>(1 + nargs), kwnames);
}

// Puts FastDecide in front of pybind11's `decide`, as a method descriptor
// (called without a bound method object), with pybind11's docstring, which
// names both signatures.
void InstallFastDecide(py::handle cls) {
  g->decide_overloads = cls.attr("decide");
  py::object doc = g->decide_overloads.attr("__doc__");
  auto* def = new PyMethodDef{
      // leaked on purpose: lives as long as the class
      "decide", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(&FastDecide)),
      METH_FASTCALL | METH_KEYWORDS,
      doc.is_none() ? nullptr : strdup(doc.cast<std::string>().c_str())};
  py::object method = py::reinterpret_steal<py::object>(
      PyDescr_NewMethod(reinterpret_cast<PyTypeObject*>(cls.ptr()), def));
  if (!method) throw py::error_already_set();
  cls.attr("decide") = method;
}

py::object ToRequestObject(py::handle item) {
  py::handle request_type = g->request_type;
  if (py::isinstance(item, request_type)) {
    // Request.__new__ without __init__ leaves no C++ object behind.
    auto* inst = reinterpret_cast<py::detail::instance*>(item.ptr());
    if (!inst->get_value_and_holder().holder_constructed()) {
      InitialisedValue<PyRequest>(item);  // throws the TypeError every method throws
    }
    return py::reinterpret_borrow<py::object>(item);
  }
  if (py::isinstance(item, g->mapping_type)) {
    return request_type(**py::dict(py::reinterpret_borrow<py::object>(item)));
  }
  if (PyTuple_Check(item.ptr())) return request_type(*py::reinterpret_borrow<py::tuple>(item));
  throw py::type_error(
      "a request must be a Request, a mapping of Request's arguments or a "
      "(principal, action, resource[, context]) tuple, not " +
      std::string(Py_TYPE(item.ptr())->tp_name));
}

// Re-raises the Python exception in flight as the same type, its message
// prefixed with `decide_many: requests[i]: ` and `.index` set to i, so the
// caller knows which request of the batch was wrong.
[[noreturn]] void RaiseForBatchItem(Py_ssize_t i) {
  py::error_already_set original;  // fetches the exception in flight
  py::object type = original.type();
  std::string message = "decide_many: requests[" + std::to_string(i) +
                        "]: " + py::str(original.value()).cast<std::string>();
  py::object raised;
  try {
    raised = type(message);
    raised.attr("index") = py::int_(i);
  } catch (py::error_already_set&) {  // an exception type that takes other arguments
    throw original;
  }
  PyErr_SetObject(type.ptr(), raised.ptr());
  throw py::error_already_set();
}

py::list DecideMany(const PyPolicySet& self, py::iterable requests, bool explain) {
  // A tuple snapshot owns a reference to every request, so no other thread
  // can free one (or swap it out of a list) while the engine reads it
  // without the GIL; for a list it is one copy, no per-item work.
  py::tuple items = py::reinterpret_steal<py::tuple>(PySequence_Tuple(requests.ptr()));
  if (!items) throw py::error_already_set();
  const Py_ssize_t n = PyTuple_GET_SIZE(items.ptr());
  bool exact = true;
  for (Py_ssize_t i = 0; i < n && exact; ++i)
    exact = ExactRequest(PyTuple_GET_ITEM(items.ptr(), i)) != nullptr;
  if (!exact) {  // mappings, tuples, subclasses: make Request objects first
    py::tuple converted(n);
    for (Py_ssize_t i = 0; i < n; ++i) {
      py::object obj;
      try {
        obj = ToRequestObject(PyTuple_GET_ITEM(items.ptr(), i));
      } catch (py::error_already_set& e) {
        e.restore();
        RaiseForBatchItem(i);
      } catch (py::builtin_exception& e) {
        e.set_error();
        RaiseForBatchItem(i);
      }
      PyTuple_SET_ITEM(converted.ptr(), i, obj.release().ptr());
    }
    items = std::move(converted);
  }
  // One byte per answer, errors on the side: no large allocation per call.
  std::vector<uint8_t> decisions(static_cast<size_t>(n));
  std::vector<std::pair<Py_ssize_t, iameval::Answer>> errors;
  std::vector<iameval::Explanation> whys(explain ? static_cast<size_t>(n) : 0);
  {
    py::gil_scoped_release release;
    const iameval::PolicySet& set = *self.set;
    PyObject* const* array = &PyTuple_GET_ITEM(items.ptr(), 0);
    for (Py_ssize_t i = 0; i < n; ++i) {
      const iameval::Request* request = ExactRequest(array[i]);
      if (request == nullptr) {  // a subclass instance: checked above, read through pybind11 later
        decisions[i] = 0xff;
        continue;
      }
      iameval::Answer answer = set.Decide(*request, explain ? &whys[i] : nullptr);
      decisions[i] = static_cast<uint8_t>(answer.decision);
      if (answer.error != nullptr) errors.emplace_back(i, answer);
    }
  }
  PyObject* out = PyList_New(n);
  if (out == nullptr) throw py::error_already_set();
  py::list result = py::reinterpret_steal<py::list>(out);
  size_t next_error = 0;
  for (Py_ssize_t i = 0; i < n; ++i) {
    iameval::Answer answer;
    if (decisions[i] == 0xff) {
      const iameval::Request& request = AsRequest(PyTuple_GET_ITEM(items.ptr(), i)).request;
      answer = self.set->Decide(request, explain ? &whys[i] : nullptr);
    } else {
      answer.decision = static_cast<iameval::Decision>(decisions[i]);
      if (next_error < errors.size() && errors[next_error].first == i)
        answer = errors[next_error++].second;
    }
    if (answer.error == nullptr && !explain) {
      PyObject* shared = g->decisions[DecisionSlot(answer.decision)].ptr();
      Py_INCREF(shared);
      PyList_SET_ITEM(out, i, shared);
      continue;
    }
    py::object d = MakeDecision(answer, explain ? &whys[i] : nullptr, self.positions);
    PyList_SET_ITEM(out, i, d.release().ptr());
  }
  return result;
}

std::string Label(const char* slot, size_t i) {
  return std::string(slot) + "[" + std::to_string(i) + "]";
}
std::string Label(const char* slot, size_t level, size_t i) {
  return Label(slot, level) + "[" + std::to_string(i) + "]";
}

bool IsSingleDocument(py::handle h) {
  return PyUnicode_Check(h.ptr()) || PyBytes_Check(h.ptr()) || PyByteArray_Check(h.ptr()) ||
         py::isinstance(h, g->mapping_type) || py::isinstance<PyPolicy>(h);
}

// One slot of a set: a Policy object (used as is) or a document (parsed as
// `kind`). Returns nullopt after recording findings if the document is
// invalid.
std::optional<iameval::Policy> SlotPolicy(py::handle item, iameval::PolicyKind kind,
                                          const iameval::Limits& limits, const std::string& label,
                                          bool* positions, py::list& findings, py::list& warnings) {
  if (py::isinstance<PyPolicy>(item)) {
    const PyPolicy& p = InitialisedValue<PyPolicy>(item);
    *positions = p.positions;
    for (py::handle w : p.warnings) warnings.append(w.attr("_with_document")(label));
    return p.policy;
  }
  py::list own;
  std::optional<PyPolicy> parsed = ParseDocument(item, kind, limits, py::str(label), own);
  for (py::handle f : own) findings.append(f);
  if (!parsed) return std::nullopt;
  for (py::handle w : parsed->warnings) warnings.append(w);
  *positions = parsed->positions;
  return std::move(parsed->policy);
}

std::vector<py::object> ListOf(py::handle value, const char* name) {
  if (value.is_none()) return {};
  if (IsSingleDocument(value)) {
    throw py::type_error(std::string(name) + " must be a list of policies");
  }
  std::vector<py::object> out;
  for (py::handle item : value) out.push_back(py::reinterpret_borrow<py::object>(item));
  return out;
}

PyPolicySet BuildSet(PolicyListArg identity, OptionalPolicyArg resource,
                     OptionalPolicyArg permissions_boundary, PolicyListArg session,
                     PolicyLevelsArg scps, PolicyLevelsArg rcps, const std::string& resource_kind,
                     bool enforce_aws_size_quotas, OptionalPolicyArg vpc_endpoint,
                     const std::string& vpc_endpoint_type) {
  iameval::PolicyKind rkind = KindFromName(resource_kind);
  if (vpc_endpoint_type != "interface" && vpc_endpoint_type != "gateway") {
    throw py::value_error("vpc_endpoint_type must be interface or gateway, not `" +
                          vpc_endpoint_type + "`");
  }
  if (!iameval::IsResourcePolicyKind(rkind)) {
    throw py::value_error("resource_kind must be resource, roleTrust or kmsKey, not `" +
                          resource_kind + "`");
  }
  iameval::Limits limits = MakeLimits(enforce_aws_size_quotas);
  PyPolicySet out;
  py::list findings;  // every finding of every document, for PolicyError
  bool failed = false;
  // The engine's one routine for filling a set slot by slot (iameval/json.h).
  iameval::PolicySetAssembly assembly(rkind, limits);
  assembly.SetVpcEndpointKind(vpc_endpoint_type == "gateway"
                                  ? iameval::PolicyKind::kGatewayVpcEndpoint
                                  : iameval::PolicyKind::kVpcEndpoint);
  size_t counts[6] = {0, 0, 0, 0, 0, 0};

  auto take = [&](py::handle item, iameval::PolicySlot slot, bool* pos) {
    auto policy = SlotPolicy(item, assembly.KindOf(slot), limits, assembly.NextName(slot), pos,
                             findings, out.warnings);
    if (policy) {
      assembly.AddPolicy(slot, std::move(*policy));
    } else {
      failed = true;
      assembly.AddFailed(slot);
    }
  };

  std::vector<py::object> items = ListOf(identity, "identity");
  for (size_t i = 0; i < items.size(); ++i) {
    bool pos = true;
    take(items[i], iameval::PolicySlot::kIdentity, &pos);
    out.positions.identity.push_back(pos);
    ++counts[0];
  }
  if (!resource.is_none()) {
    take(resource, iameval::PolicySlot::kResource, &out.positions.resource);
    ++counts[1];
  }
  if (!permissions_boundary.is_none()) {
    take(permissions_boundary, iameval::PolicySlot::kPermissionsBoundary, &out.positions.boundary);
    ++counts[2];
  }
  items = ListOf(session, "session_policies");
  for (size_t i = 0; i < items.size(); ++i) {
    bool pos = true;
    take(items[i], iameval::PolicySlot::kSession, &pos);
    out.positions.session.push_back(pos);
    ++counts[3];
  }
  auto levels = [&](py::handle value, const char* name, iameval::PolicySlot slot,
                    std::vector<std::vector<bool>>* flags, size_t* count) {
    std::vector<py::object> lvls = ListOf(value, name);
    for (size_t l = 0; l < lvls.size(); ++l) {
      if (IsSingleDocument(lvls[l])) {
        throw py::type_error(std::string(name) +
                             " must be a list of levels (root, each OU, the account), each a "
                             "list of policies");
      }
      assembly.StartLevel(slot);
      flags->emplace_back();
      for (py::handle item : lvls[l]) {
        bool pos = true;
        take(item, slot, &pos);
        flags->back().push_back(pos);
      }
      ++*count;
    }
  };
  levels(scps, "scps", iameval::PolicySlot::kScp, &out.positions.scps, &counts[4]);
  levels(rcps, "rcps", iameval::PolicySlot::kRcp, &out.positions.rcps, &counts[5]);
  if (!vpc_endpoint.is_none()) {
    take(vpc_endpoint, iameval::PolicySlot::kVpcEndpoint, &out.positions.vpc_endpoint);
  }

  if (failed) RaisePolicyError(findings);
  iameval::PolicySetResult built = std::move(assembly).Finish();
  if (!built.ok()) throw py::value_error(built.error);
  out.set = std::move(built.set);
  out.summary = "identity=" + std::to_string(counts[0]) + " resource=" + std::to_string(counts[1]) +
                " boundary=" + std::to_string(counts[2]) + " session=" + std::to_string(counts[3]) +
                " scp_levels=" + std::to_string(counts[4]) +
                " rcp_levels=" + std::to_string(counts[5]) +
                (vpc_endpoint.is_none() ? "" : " vpc_endpoint=" + vpc_endpoint_type);
  return out;
}

// Whether the document at `document` (`identity[1]`, `scps[0][2]`, ...) in a
// conformance-shaped policies mapping was given as text.
bool DocumentIsText(py::handle policies, const std::string& document) {
  size_t bracket = document.find('[');
  std::string key = document.substr(0, bracket);
  py::object node;
  try {
    node = policies[py::str(key)];
    size_t at = bracket;
    while (at != std::string::npos && at < document.size()) {
      size_t close = document.find(']', at);
      if (close == std::string::npos) break;
      long index = std::stol(document.substr(at + 1, close - at - 1));
      node = node[py::int_(index)];
      at =
          close + 1 < document.size() && document[close + 1] == '[' ? close + 1 : std::string::npos;
    }
  } catch (const std::exception&) {
    return true;  // unknown: keep the engine's positions
  }
  return PyUnicode_Check(node.ptr()) != 0;
}

PyPolicySet SetFromDict(JsonObjectArg policies, const std::string& resource_kind,
                        bool enforce_aws_size_quotas) {
  iameval::PolicyKind rkind = KindFromName(resource_kind);
  bool is_text = PyUnicode_Check(policies.ptr()) || PyBytes_Check(policies.ptr());
  std::string json;
  if (PyBytes_Check(policies.ptr())) {
    json = policies.cast<std::string>();
  } else if (PyUnicode_Check(policies.ptr())) {
    json = policies.cast<std::string>();
  } else if (py::isinstance(policies, g->mapping_type)) {
    json = g->json_dumps(py::dict(py::reinterpret_borrow<py::object>(policies)),
                         py::arg("ensure_ascii") = false,
                         py::arg("separators") = py::make_tuple(",", ":"))
               .cast<std::string>();
  } else {
    throw py::type_error("policies must be a mapping or JSON text");
  }
  iameval::PolicySetResult result;
  const iameval::InputLimits limits = g_limits;  // read with the GIL held
  {
    py::gil_scoped_release release;
    result = iameval::PolicySetFromJson(json, rkind, MakeLimits(enforce_aws_size_quotas), limits);
  }
  if (!result.error.empty()) throw py::value_error(result.error);
  PyPolicySet out;
  py::list findings;
  py::object parsed = is_text ? py::module_::import("json").attr("loads")(json) : py::object();
  py::handle source = is_text ? parsed : policies;
  for (const iameval::DocumentFinding& df : result.findings) {
    bool pos = DocumentIsText(source, df.document);
    py::object f = FindingToPy(df.finding, pos, Str(df.document));
    findings.append(f);
    if (df.finding.severity == iameval::Severity::kWarning) out.warnings.append(f);
  }
  if (!result.ok()) RaisePolicyError(findings);
  // Flags for explanations: walk the slots as the JSON layer numbers them.
  auto flag = [&](const std::string& doc) { return DocumentIsText(source, doc); };
  auto size_of = [&](const char* key) -> size_t {
    try {
      py::object v = source[py::str(key)];
      return PyList_Check(v.ptr()) ? static_cast<size_t>(PyList_GET_SIZE(v.ptr())) : 0;
    } catch (const std::exception&) {
      return 0;
    }
  };
  for (size_t i = 0, n = size_of("identity"); i < n; ++i)
    out.positions.identity.push_back(flag(Label("identity", i)));
  for (size_t i = 0, n = size_of("sessionPolicies"); i < n; ++i)
    out.positions.session.push_back(flag(Label("sessionPolicies", i)));
  out.positions.resource = flag("resource");
  out.positions.boundary = flag("permissionsBoundary");
  out.positions.vpc_endpoint = flag("vpcEndpoint");
  for (const char* key : {"scps", "rcps"}) {
    auto& flags = std::string(key) == "scps" ? out.positions.scps : out.positions.rcps;
    for (size_t l = 0, n = size_of(key); l < n; ++l) {
      flags.emplace_back();
      py::object level = source[py::str(key)][py::int_(l)];
      size_t m = PyList_Check(level.ptr()) ? static_cast<size_t>(PyList_GET_SIZE(level.ptr())) : 0;
      for (size_t i = 0; i < m; ++i) flags.back().push_back(flag(Label(key, l, i)));
    }
  }
  out.set = std::move(result.set);
  out.summary = "from_dict";
  return out;
}

// Text the engine wrote, as str. Bytes that are not UTF-8 (echoed from bad
// input) survive as surrogates, so writing with surrogateescape restores them.
py::str EngineText(const std::string& text) {
  PyObject* out =
      PyUnicode_DecodeUTF8(text.data(), static_cast<Py_ssize_t>(text.size()), "surrogateescape");
  if (out == nullptr) throw py::error_already_set();
  return py::reinterpret_steal<py::str>(out);
}

iameval::Finding FindingFromPy(py::handle f) {
  iameval::Finding out;
  out.code = f.attr("code").cast<std::string>();
  out.severity = f.attr("severity").cast<std::string>() == "warning" ? iameval::Severity::kWarning
                                                                     : iameval::Severity::kError;
  out.message = f.attr("message").cast<std::string>();
  out.path = f.attr("path").cast<std::string>();
  out.line = f.attr("line").cast<uint32_t>();
  out.column = f.attr("column").cast<uint32_t>();
  py::object help = f.attr("help");
  if (!help.is_none()) out.help = help.cast<std::string>();
  return out;
}

py::list CheckDocument(DocumentArg document, const std::string& kind, bool enforce,
                       OptionalBoolArg url_encoded) {
  iameval::PolicyKind k = KindFromName(kind);
  DocumentText doc = NormalizeDocument(document, url_encoded);
  std::vector<iameval::Finding> findings;
  {
    py::gil_scoped_release release;
    findings = iameval::Check(doc.text, k, MakeLimits(enforce));
  }
  py::list out;
  for (const auto& f : findings) out.append(FindingToPy(f, doc.positions, py::none()));
  return out;
}

}  // namespace

void RegisterLint(py::module_& m);      // lint_bindings.cc
void RegisterAnalysis(py::module_& m);  // analysis_bindings.cc

// For analysis_bindings.cc: the engine's set behind a Python PolicySet.
// TypeError when `object` is no initialised PolicySet.
const iameval::PolicySet& EnginePolicySet(py::handle object) {
  if (!py::isinstance<PyPolicySet>(object)) throw py::type_error("expected an iameval.PolicySet");
  const PyPolicySet& set = InitialisedValue<PyPolicySet>(object);
  if (!set.set) throw py::type_error("this PolicySet was never built");
  return *set.set;
}
namespace pybind11::detail {

// Init<T> arguments: an instance of T, refused with a TypeError when it was
// never initialised (see Init above). Not an instance: the next overload.
template <typename T>
struct type_caster<Init<T>> {
 public:
  PYBIND11_TYPE_CASTER(Init<T>, ClassName<T>::name);
  bool load(handle src, bool) {
    if (!isinstance<T>(src)) return false;
    value.ptr = &InitialisedValue<T>(src);
    return true;
  }
};

}  // namespace pybind11::detail

namespace {

// Wraps the class's pybind11 __init__ so that a second call on the same
// object raises TypeError instead of being ignored (pybind11 returns None
// for it, leaving the caller to believe the object changed). The wrapper is
// a C function bound as a method, with the original's docstring, so help()
// and the construction path are as before.
struct InitOnce {
  PyObject* original;  // the pybind11 __init__
  const py::detail::type_info* type;
  const char* name;
};

PyObject* CallInitOnce(PyObject* capsule, PyObject* args, PyObject* kwargs) {
  auto* once = static_cast<InitOnce*>(PyCapsule_GetPointer(capsule, nullptr));
  if (once == nullptr) return nullptr;
  if (PyTuple_GET_SIZE(args) >= 1) {
    PyObject* self = PyTuple_GET_ITEM(args, 0);
    if (PyObject_TypeCheck(self, once->type->type)) {
      auto* inst = reinterpret_cast<py::detail::instance*>(self);
      py::detail::value_and_holder vh = inst->get_value_and_holder(once->type, false);
      if (vh && vh.holder_constructed()) {
        PyErr_Format(PyExc_TypeError, "%s objects are immutable: __init__ may run only once",
                     once->name);
        return nullptr;
      }
    }
  }
  return PyObject_Call(once->original, args, kwargs);
}

template <typename T>
void InstallInitOnce(py::handle cls) {
  py::object original = cls.attr("__init__");
  py::object doc = original.attr("__doc__");
  auto* def = new PyMethodDef{
      // leaked on purpose: lives as long as the class
      "__init__", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(&CallInitOnce)),
      METH_VARARGS | METH_KEYWORDS,
      doc.is_none() ? nullptr : strdup(doc.cast<std::string>().c_str())};
  auto* once = new InitOnce{original.release().ptr(), py::detail::get_type_info(typeid(T)),
                            ClassName<T>::kText};
  py::object capsule = py::reinterpret_steal<py::object>(PyCapsule_New(once, nullptr, nullptr));
  if (!capsule) throw py::error_already_set();
  py::object function =
      py::reinterpret_steal<py::object>(PyCFunction_NewEx(def, capsule.ptr(), nullptr));
  if (!function) throw py::error_already_set();
  py::object method = py::reinterpret_steal<py::object>(PyInstanceMethod_New(function.ptr()));
  if (!method) throw py::error_already_set();
  cls.attr("__init__") = method;
}

}  // namespace

PYBIND11_MODULE(_iameval, m) {
  m.doc() = "The compiled core of iameval; use the `iameval` package, which re-exports it.";

  g = new Globals();
  {
    py::module_ types = py::module_::import("iameval._types");
    g->finding_type = types.attr("Finding");
    g->statement_ref_type = types.attr("StatementRef");
    g->kind_verdict_type = types.attr("KindVerdict");
    g->missing_key_type = types.attr("MissingKey");
    g->failed_condition_type = types.attr("FailedCondition");
    g->explanation_type = types.attr("Explanation");
    g->policy_error_type = types.attr("PolicyError");
    g->document_text = py::module_::import("iameval._documents").attr("document_text");
    g->read_document_file = py::module_::import("iameval._documents").attr("read_document_file");
    g->fspath = py::module_::import("os").attr("fspath");
    g->json_dumps = py::module_::import("json").attr("dumps");
    py::module_ datetime = py::module_::import("datetime");
    g->date_type = datetime.attr("date");
    g->datetime_type = datetime.attr("datetime");
    g->utc = datetime.attr("timezone").attr("utc");
    g->epoch = g->datetime_type(1970, 1, 1, py::arg("tzinfo") = g->utc);
    py::module_ ip = py::module_::import("ipaddress");
    g->ip_types = py::make_tuple(ip.attr("IPv4Address"), ip.attr("IPv6Address"),
                                 ip.attr("IPv4Network"), ip.attr("IPv6Network"));
    g->mapping_type = py::module_::import("collections.abc").attr("Mapping");
    for (auto d : {iameval::Decision::kAllowed, iameval::Decision::kExplicitDeny,
                   iameval::Decision::kImplicitDeny}) {
      std::string_view name = iameval::DecisionName(d);
      g->decision_names[DecisionSlot(d)] =
          py::reinterpret_steal<py::object>(PyUnicode_InternFromString(std::string(name).c_str()));
    }
  }

  // -- Policy ----------------------------------------------------------------
  py::class_<PyPolicy>(m, "Policy", R"doc(One IAM policy document, parsed, validated and compiled.

Immutable, cheap to share, safe to use from any thread. It no longer needs the
document: everything a decision needs is compiled into it.

Args:
    document: the policy as a ``dict`` (or any mapping), as JSON text
        (``str`` or UTF-8 ``bytes``), or as URL-encoded JSON text, the form
        IAM's API returns documents in.
    kind: what the document is: ``"identity"``, ``"resource"``,
        ``"roleTrust"``, ``"kmsKey"``, ``"permissionsBoundary"``,
        ``"session"``, ``"scp"`` or ``"rcp"``. It decides which elements are
        required or forbidden.
    enforce_aws_size_quotas: a document over AWS's per-kind size quota is an
        error (AWS would refuse to store it as a customer policy) rather than
        the default warning; AWS's own managed policies exceed the quota.
    url_encoded: whether text is URL-encoded; None (the default) decodes text
        that starts with ``%``, which JSON text never does.

Raises:
    PolicyError: AWS would reject the document; ``.findings`` lists every
        error and warning with code, message, JSON path, line and column.
    TypeError: ``document`` is of an unsupported type.
    ValueError: ``kind`` is not a policy kind.
)doc")
      .def(py::init([](DocumentArg document, const std::string& kind, bool enforce,
                       OptionalBoolArg url_encoded) {
             py::list findings;
             std::optional<PyPolicy> parsed =
                 ParseDocument(document, KindFromName(kind), MakeLimits(enforce), py::none(),
                               findings, url_encoded);
             if (!parsed) RaisePolicyError(findings);
             return std::move(*parsed);
           }),
           py::arg("document"), py::arg("kind") = "identity", py::kw_only(),
           py::arg("enforce_aws_size_quotas") = false, py::arg("url_encoded") = py::none())
      .def_property_readonly(
          "kind",
          [](Init<PyPolicy> p_) {
            const PyPolicy& p = p_;
            return KindName(p.policy.kind());
          },
          "What the document is, e.g. ``\"identity\"``.")
      .def_property_readonly(
          "id",
          [](Init<PyPolicy> p_) {
            const PyPolicy& p = p_;
            return StrOrNone(p.policy.id());
          },
          "The document's ``Id``, or None.")
      .def_property_readonly(
          "version",
          [](Init<PyPolicy> p_) -> py::object {
            const PyPolicy& p = p_;
            std::string_view v = p.policy.version();
            if (v.empty()) return py::none();
            return Str(v);
          },
          "``\"2012-10-17\"``, ``\"2008-10-17\"``, or None when absent.")
      .def_static(
          "from_file",
          [](PathArg path, const std::string& kind, bool enforce, OptionalBoolArg url_encoded) {
            iameval::Limits limits = MakeLimits(enforce);
            // Bounded before it is read: at most the document limit and one byte more.
            py::object text = g->read_document_file(path, limits.max_document_bytes);
            py::list findings;
            std::optional<PyPolicy> parsed = ParseDocument(
                text, KindFromName(kind), limits, py::str(g->fspath(path)), findings, url_encoded);
            if (!parsed) RaisePolicyError(findings);
            return std::move(*parsed);
          },
          py::arg("path"), py::arg("kind") = "identity", py::kw_only(),
          py::arg("enforce_aws_size_quotas") = false, py::arg("url_encoded") = py::none(),
          R"doc(The policy document in the file at ``path`` (JSON or URL-encoded JSON),
read as ``kind``. Findings name the file in ``.document``; their line and
column point into it.

Raises:
    PolicyError: AWS would reject the document, or the file is larger than the
        engine's document limit (1 MiB; the file is not read past it).
    OSError: the file cannot be read.
    ValueError: ``kind`` is not a policy kind.
)doc")
      .def_property_readonly(
          "statement_count",
          [](Init<PyPolicy> p_) {
            const PyPolicy& p = p_;
            return p.policy.statement_count();
          },
          "How many statements the document has.")
      .def_property_readonly(
          "findings",
          [](Init<PyPolicy> p_) {
            const PyPolicy& p = p_;
            return py::list(p.warnings);
          },
          "The warnings the document raised (a valid policy has no errors).")
      .def("__repr__", [](Init<PyPolicy> p_) {
        const PyPolicy& p = p_;
        std::string out =
            "<iameval.Policy kind=" + std::string(iameval::PolicyKindName(p.policy.kind()));
        if (!p.policy.id().empty()) out += " id=" + p.policy.id();
        return Str(out + " statements=" + std::to_string(p.policy.statement_count()) + ">");
      });

  // -- Request ---------------------------------------------------------------
  py::class_<PyRequest>(m, "Request", kRequestDoc)
      .def(py::init(&MakeRequest), IAMEVAL_REQUEST_ARGS)
      .def_static(
          "from_dict",
          [](JsonObjectArg request) {
            std::string json;
            if (PyUnicode_Check(request.ptr()) || PyBytes_Check(request.ptr())) {
              json = request.cast<std::string>();
            } else {
              json = g->json_dumps(request, py::arg("ensure_ascii") = false).cast<std::string>();
            }
            iameval::RequestResult r = iameval::RequestFromJson(json, g_limits);
            if (!r.ok()) throw py::value_error(r.error);
            return PyRequest{std::move(*r.request)};
          },
          py::arg("request"),
          R"doc(A request from the conformance format's ``request`` object (spec/request.md):
camelCase keys such as ``resourceAccount`` and ``currentTime``, read by the
engine itself. Accepts a mapping or its JSON text.

Raises:
    ValueError: a missing, unknown or malformed field (the message names it).
)doc")
      .def_property_readonly(
          "principal",
          [](Init<PyRequest> r_) {
            const PyRequest& r = r_;
            return Str(r.request.principal);
          },
          "ARN of the caller.")
      .def_property_readonly(
          "action",
          [](Init<PyRequest> r_) {
            const PyRequest& r = r_;
            return Str(r.request.action);
          },
          "``service:Action``.")
      .def_property_readonly(
          "resource",
          [](Init<PyRequest> r_) {
            const PyRequest& r = r_;
            return Str(r.request.resource);
          },
          "ARN of the target, or ``\"*\"``.")
      .def_property_readonly(
          "resource_account",
          [](Init<PyRequest> r_) {
            const PyRequest& r = r_;
            return StrOrNone(r.request.resource_account);
          },
          "The account owning the resource, or None when inferred.")
      .def_property_readonly(
          "principal_role_arn",
          [](Init<PyRequest> r_) {
            const PyRequest& r = r_;
            return StrOrNone(r.request.principal_role_arn);
          },
          "A role session's role ARN with its path, or None when not given.")
      .def_property_readonly(
          "context",
          [](Init<PyRequest> r_) {
            const PyRequest& r = r_;
            return ContextToPy(r.request.context);
          },
          "A new dict of the condition keys as the engine holds them: "
          "datetimes and IP objects appear as the text sent.")
      .def_property_readonly(
          "principal_is_service_linked_role",
          [](Init<PyRequest> r_) {
            const PyRequest& r = r_;
            return r.request.principal_is_service_linked_role;
          },
          "The caller is a service-linked role: SCPs and RCPs do not apply.")
      .def_property_readonly(
          "principal_in_management_account",
          [](Init<PyRequest> r_) {
            const PyRequest& r = r_;
            return r.request.principal_in_management_account;
          },
          "The caller is in the organization's management account.")
      .def_property_readonly(
          "resource_in_management_account",
          [](Init<PyRequest> r_) {
            const PyRequest& r = r_;
            return r.request.resource_in_management_account;
          },
          "The resource is in the organization's management account.")
      .def_property_readonly(
          "resource_is_aws_managed_key",
          [](Init<PyRequest> r_) {
            const PyRequest& r = r_;
            return r.request.resource_is_aws_managed_key;
          },
          "The resource is an AWS managed KMS key.")
      .def_property_readonly(
          "resource_policy_required",
          [](Init<PyRequest> r_) -> py::object {
            const PyRequest& r = r_;
            switch (r.request.resource_policy_rule) {
              case iameval::ResourcePolicyRule::kRequired:
                return py::bool_(true);
              case iameval::ResourcePolicyRule::kNotRequired:
                return py::bool_(false);
              default:
                return py::none();
            }
          },
          "True/False when forced, None when the engine infers it.")
      .def_property_readonly(
          "current_time",
          [](Init<PyRequest> r_) -> py::object {
            const PyRequest& r = r_;
            if (!r.request.now) return py::none();
            return TimeToPy(*r.request.now);
          },
          "The pinned clock as an aware UTC datetime, or None.")
      .def("__repr__", [](Init<PyRequest> r_) {
        const PyRequest& r = r_;
        return Str("<iameval.Request principal=" + r.request.principal +
                   " action=" + r.request.action + " resource=" + r.request.resource +
                   " context_keys=" + std::to_string(r.request.context.entries().size()) + ">");
      });
  g->request_type = m.attr("Request");

  // -- Decision --------------------------------------------------------------
  py::class_<PyDecision>(m, "Decision", R"doc(The engine's answer to one request. Immutable.

``bool(decision)`` is ``decision.allowed``.
)doc")
      .def_property_readonly(
          "decision",
          [](Init<PyDecision> d_) {
            const PyDecision& d = d_;
            return g->decision_names[DecisionSlot(d.decision)];
          },
          "``\"allowed\"``, ``\"explicitDeny\"`` or ``\"implicitDeny\"``.")
      .def_property_readonly(
          "allowed",
          [](Init<PyDecision> d_) {
            const PyDecision& d = d_;
            return d.decision == iameval::Decision::kAllowed;
          },
          "True when some policy allowed and nothing denied.")
      .def_property_readonly(
          "error",
          [](Init<PyDecision> d_) -> py::object {
            const PyDecision& d = d_;
            if (d.error == nullptr) return py::none();
            return py::str(d.error);
          },
          "Why the request could not be evaluated (it is then denied), or None.")
      .def_property_readonly(
          "explanation",
          [](Init<PyDecision> d_) {
            const PyDecision& d = d_;
            return d.explanation;
          },
          "An Explanation when asked for with ``explain=True``, else None.")
      .def("__bool__",
           [](Init<PyDecision> d_) {
             const PyDecision& d = d_;
             return d.decision == iameval::Decision::kAllowed;
           })
      .def(
          "to_dict",
          [](Init<PyDecision> d_) -> PlainDictResult {
            const PyDecision& d = d_;
            py::dict out;
            out["decision"] = g->decision_names[DecisionSlot(d.decision)];
            out["error"] = d.error ? py::object(py::str(d.error)) : py::object(py::none());
            if (!d.explanation.is_none()) out["explanation"] = d.explanation.attr("to_dict")();
            return PlainDictResult::Of(std::move(out));
          },
          "The decision as plain data: ``decision``, ``error`` and, when present, "
          "``explanation``.")
      .def(
          "to_json", [](Init<PyDecision> d) { return DecisionToJson(d); },
          "The decision as the engine's JSON API writes it (``iameval decide --json``).")
      .def("__repr__", [](Init<PyDecision> d_) {
        const PyDecision& d = d_;
        std::string out = "<iameval.Decision " + std::string(iameval::DecisionName(d.decision));
        if (d.error) out += " error=" + std::string(d.error);
        return out + ">";
      });
  for (auto d : {iameval::Decision::kAllowed, iameval::Decision::kExplicitDeny,
                 iameval::Decision::kImplicitDeny}) {
    g->decisions[DecisionSlot(d)] = py::cast(PyDecision{d, nullptr, py::none(), nullptr});
  }
  // The type of a Decision asked for with explain=True, for annotations: the stub
  // types its `explanation` as present. At run time it is Decision itself.
  m.attr("ExplainedDecision") = m.attr("Decision");

  // -- PolicySet -------------------------------------------------------------
  py::class_<PyPolicySet>(m, "PolicySet",
                          R"doc(Every policy in force for one kind of request, compiled once.

Ask it any number of questions, from any number of threads at once.

Each argument takes ``Policy`` objects or documents (mapping, JSON text,
URL-encoded JSON text); documents are parsed as the slot's kind.

Args:
    identity: identity-based policies of the principal (user, group and
        role policies, inline and managed) as one list.
    resource: the target resource's own policy (bucket policy, role trust
        policy, KMS key policy, ...), if any.
    permissions_boundary: the principal's permissions boundary, if any.
    session_policies: session policies passed when the session was created
        (``sessionPolicies`` in JSON, ``--session-policy`` on the command line).
        ``session=`` is its deprecated old name (DeprecationWarning).
    scps: service control policies, one list per organization level (root,
        each OU, the account); every level must allow.
    rcps: resource control policies of the resource's account, same shape.
    vpc_endpoint: the policy of the VPC endpoint the requests came through
        (``vpcEndpoint`` in JSON, ``--vpc-endpoint``); requests decided with
        it must carry ``aws:SourceVpce``. Keyword only.
    vpc_endpoint_type: ``"interface"`` (default) or ``"gateway"``: a gateway
        endpoint's policy takes only ``Principal: "*"``. Keyword only.
    resource_kind: how a ``resource`` given as a document is read:
        ``"resource"``, ``"roleTrust"`` or ``"kmsKey"``.
    enforce_aws_size_quotas: refuse documents over AWS's size quotas (by
        default they are decided, with a warning, as AWS decides its own
        managed policies).

Raises:
    PolicyError: some document is invalid; ``.findings`` has every finding of
        every document, each naming its document (``identity[1]``,
        ``scps[0][2]``, ...).
    ValueError: a Policy object of the wrong kind for its slot.
    TypeError: an argument of the wrong shape.
)doc")
      .def(py::init([](PolicyListArg identity, OptionalPolicyArg resource,
                       OptionalPolicyArg permissions_boundary,
                       OptionalPolicyListArg session_policies, PolicyLevelsArg scps,
                       PolicyLevelsArg rcps, const std::string& resource_kind,
                       bool enforce_aws_size_quotas, OptionalPolicyListArg session,
                       OptionalPolicyArg vpc_endpoint, const std::string& vpc_endpoint_type) {
             // session=: the name before sessionPolicies became the one name.
             if (!session.is_none()) {
               if (!session_policies.is_none()) {
                 throw py::type_error("give session_policies, not also its old name session");
               }
               if (PyErr_WarnEx(PyExc_DeprecationWarning,
                                "PolicySet(session=...) is deprecated: use session_policies=...",
                                1) != 0) {
                 throw py::error_already_set();
               }
               session_policies = std::move(session);
             }
             return BuildSet(std::move(identity), std::move(resource),
                             std::move(permissions_boundary),
                             PolicyListArg::Of(std::move(session_policies)), std::move(scps),
                             std::move(rcps), resource_kind, enforce_aws_size_quotas,
                             std::move(vpc_endpoint), vpc_endpoint_type);
           }),
           py::arg("identity") = py::tuple(), py::arg("resource") = py::none(),
           py::arg("permissions_boundary") = py::none(), py::arg("session_policies") = py::none(),
           py::arg("scps") = py::tuple(), py::arg("rcps") = py::tuple(), py::kw_only(),
           py::arg("resource_kind") = "resource", py::arg("enforce_aws_size_quotas") = false,
           py::arg("session") = py::none(), py::arg("vpc_endpoint") = py::none(),
           py::arg("vpc_endpoint_type") = "interface")
      .def_static("from_dict", &SetFromDict, py::arg("policies"), py::kw_only(),
                  py::arg("resource_kind") = "resource", py::arg("enforce_aws_size_quotas") = false,
                  R"doc(A set from the conformance format's ``policies`` object
(``identity``, ``resource``, ``permissionsBoundary``, ``sessionPolicies``,
``scps``, ``rcps``, ``vpcEndpoint`` with ``vpcEndpointType``), read by the
engine's JSON layer. Accepts a mapping or its
JSON text.

Raises:
    PolicyError: some document is invalid.
    ValueError: the policies object itself is malformed.
)doc")
      .def(
          "decide",
          [](Init<PyPolicySet> self_, Init<PyRequest> request_, bool explain) {
            const PyPolicySet& self = self_;
            const PyRequest& request = request_;
            return DecisionResult::Of(Decide(self, request.request, explain));
          },
          py::arg("request"), py::kw_only(), py::arg("explain") = false,
          R"doc(The decision for ``request``.

Also callable as ``decide(principal, action, resource, context=None, **fields)``
with Request's arguments. With ``explain=True`` the Decision carries an
Explanation (this allocates; plain decisions do not).
)doc")
      .def(
          "decide",
          [](Init<PyPolicySet> self_, std::string principal, std::string action,
             std::string resource, ContextArg context, std::optional<std::string> resource_account,
             bool slr, bool pima, bool rima, bool awsmk, std::optional<bool> required, TimeArg now,
             std::optional<std::string> role_arn, bool explain) {
            const PyPolicySet& self = self_;
            PyRequest r = MakeRequest(std::move(principal), std::move(action), std::move(resource),
                                      context, std::move(resource_account), slr, pima, rima, awsmk,
                                      required, now, std::move(role_arn));
            return DecisionResult::Of(Decide(self, r.request, explain));
          },
          IAMEVAL_REQUEST_ARGS, py::arg("explain") = false)
      .def(
          "decide_many",
          [](Init<PyPolicySet> self_, RequestsArg requests, bool explain) {
            const PyPolicySet& self = self_;
            return DecisionListResult::Of(DecideMany(self, py::iterable(requests), explain));
          },
          py::arg("requests"), py::kw_only(), py::arg("explain") = false,
          R"doc(Decisions for many requests, in order, in one call.

``requests`` holds Request objects (fastest), mappings of Request's keyword
arguments, or ``(principal, action, resource[, context])`` tuples. The engine
runs without the GIL, so other Python threads proceed meanwhile. A request that
cannot be made raises TypeError or ValueError naming it (``decide_many:
requests[3]: ...``, and ``.index`` is 3).
)doc")
      .def_property_readonly(
          "findings",
          [](Init<PyPolicySet> s_) {
            const PyPolicySet& s = s_;
            return py::list(s.warnings);
          },
          "The warnings of every document in the set, each naming its document.")
      .def("__repr__", [](Init<PyPolicySet> s_) {
        const PyPolicySet& s = s_;
        return "<iameval.PolicySet " + s.summary + ">";
      });

  // -- functions ---------------------------------------------------------------
  m.def(
      "check",
      [](DocumentArg document, const std::string& kind, bool enforce, OptionalBoolArg url_encoded) {
        return FindingListResult::Of(
            CheckDocument(std::move(document), kind, enforce, std::move(url_encoded)));
      },
      py::arg("document"), py::arg("kind") = "identity", py::kw_only(),
      py::arg("enforce_aws_size_quotas") = false, py::arg("url_encoded") = py::none(),
      R"doc(Every finding (errors and warnings) for ``document`` read as ``kind``, in
document order, without raising for an invalid document. An empty list means
the document is clean. Accepts what ``Policy`` accepts.
)doc");
  m.def(
      "decide_json",
      [](const std::string& input) {
        std::string out;
        const iameval::InputLimits limits = g_limits;  // read with the GIL held
        {
          py::gil_scoped_release release;
          out = iameval::DecideJson(input, limits);
        }
        return EngineText(out);
      },
      py::arg("input"),
      R"doc(The engine's one-call JSON API: ``{"policies", "request", "explain",
"resourcePolicyKind"}`` in, ``{"decision", "explanation", "findings", "error"}``
out, exactly as the C++ ``iameval::DecideJson`` (spec/json-api.md).
)doc");
  m.def(
      "check_json",
      [](const std::string& input) {
        std::string out;
        const iameval::InputLimits limits = g_limits;  // read with the GIL held
        {
          py::gil_scoped_release release;
          out = iameval::CheckJson(input, limits);
        }
        return EngineText(out);
      },
      py::arg("input"),
      R"doc(``{"policy", "kind"}`` in, ``{"findings", "valid"}`` out, exactly as the C++
``iameval::CheckJson``.
)doc");
  m.def(
      "findings_to_json",
      [](FindingsArg findings) {
        std::vector<iameval::Finding> out;
        for (py::handle f : findings) out.push_back(FindingFromPy(f));
        return EngineText(iameval::FindingsToJson(out));
      },
      py::arg("findings"),
      "``{\"findings\": [...]}`` as the engine's JSON API writes it (``iameval check --json``).");
  m.def(
      "infer_resource_policy_kind",
      [](Init<PyRequest> r_) {
        const PyRequest& r = r_;
        return KindName(iameval::InferResourcePolicyKind(r.request));
      },
      py::arg("request"),
      R"doc(What the request's target's policy is when nobody says: ``"roleTrust"`` for
``sts:AssumeRole*`` (and ``TagSession``, ``SetSourceIdentity``) on a role ARN,
``"kmsKey"`` for a ``kms:`` action on a key ARN, else ``"resource"``. The
engine's rule, as ``iameval decide`` applies it.
)doc");
  m.def(
      "_run_command_line",
      [](const std::vector<std::string>& args) {
        // `python -m iameval`: the C++ tool itself (engine/cli/), on the
        // process's standard streams, so the two cannot drift.
        py::gil_scoped_release release;
        int status = iameval::cli::RunCommandLine(args, std::cin, std::cout, std::cerr);
        std::cout.flush();
        std::cerr.flush();
        return status;
      },
      py::arg("args"),
      "Runs the ``iameval`` command-line tool on ``args`` (bytes, argv without the program "
      "name) with the process's stdin, stdout and stderr; returns the exit code.");
  m.def(
      "_engine_ns_per_decision",
      [](Init<PyPolicySet> self_, py::list requests, int rounds) {
        const PyPolicySet& self = self_;
        // For bench/python_bench.py: the engine alone, no Python per call,
        // so the binding's own cost is the difference.
        std::vector<const iameval::Request*> batch;
        for (py::handle item : requests) batch.push_back(&AsRequest(item).request);
        if (batch.empty() || rounds <= 0) throw py::value_error("need requests and rounds > 0");
        auto now = [](clockid_t clock) {
          timespec t;
          clock_gettime(clock, &t);
          return t.tv_sec * 1e9 + t.tv_nsec;
        };
        double wall0, cpu0, wall1, cpu1;
        unsigned allowed = 0;
        {
          py::gil_scoped_release release;
          wall0 = now(CLOCK_MONOTONIC);
          cpu0 = now(CLOCK_THREAD_CPUTIME_ID);
          for (int r = 0; r < rounds; ++r) {
            for (const iameval::Request* request : batch)
              allowed += self.set->Decide(*request).allowed();
          }
          cpu1 = now(CLOCK_THREAD_CPUTIME_ID);
          wall1 = now(CLOCK_MONOTONIC);
        }
        static volatile unsigned sink;
        sink = allowed;  // the answers are used: the loop cannot be dropped
        double n = static_cast<double>(rounds) * static_cast<double>(batch.size());
        return py::make_tuple((wall1 - wall0) / n, (cpu1 - cpu0) / n);
      },
      py::arg("policy_set"), py::arg("requests"), py::arg("rounds"),
      "(wall, cpu) ns per PolicySet::Decide in a C++ loop; for the benchmark only.");
  m.def(
      "format_finding",
      [](const std::string& code, const std::string& severity, const std::string& message,
         const std::string& path, uint32_t line, uint32_t column, const std::string& file) {
        iameval::Finding f;
        f.code = code;
        f.severity =
            severity == "warning" ? iameval::Severity::kWarning : iameval::Severity::kError;
        f.message = message;
        f.path = path;
        f.line = line;
        f.column = column;
        return iameval::FormatFinding(f, file);
      },
      py::arg("code"), py::arg("severity"), py::arg("message"), py::arg("path"), py::arg("line"),
      py::arg("column"), py::arg("file"),
      "``file:line:column: severity: message [code]``, formatted by the engine.");
  RegisterLint(m);
  RegisterAnalysis(m);

  // -- input limits ------------------------------------------------------------
  m.def(
      "set_input_limits",
      [](std::optional<size_t> max_input_bytes, std::optional<size_t> max_context_keys,
         std::optional<size_t> max_context_values, std::optional<size_t> max_context_value_bytes) {
        if (max_input_bytes) g_limits.max_input_bytes = *max_input_bytes;
        if (max_context_keys) g_limits.max_context_keys = *max_context_keys;
        if (max_context_values) g_limits.max_context_values = *max_context_values;
        if (max_context_value_bytes) g_limits.max_context_value_bytes = *max_context_value_bytes;
      },
      py::kw_only(), py::arg("max_input_bytes") = py::none(),
      py::arg("max_context_keys") = py::none(), py::arg("max_context_values") = py::none(),
      py::arg("max_context_value_bytes") = py::none(),
      R"doc(Changes the input limits every later call applies (SECURITY.md); the
others keep their value. The same limits, with the same defaults, as the C++
``iameval::InputLimits`` and the JavaScript package's ``limits`` option:

* ``max_input_bytes``: JSON text given to ``decide_json``, ``check_json``,
  ``PolicySet.from_dict`` and ``Request.from_dict`` (16 MiB);
* ``max_context_keys``: keys of one request's context (10,000);
* ``max_context_values``: values of one multivalued key (1,000);
* ``max_context_value_bytes``: UTF-8 bytes of one context value (64 KiB).

A request over a limit raises ValueError naming it; JSON text over
``max_input_bytes`` is an ``invalid-input`` answer. ``sys.maxsize`` lifts a limit.
)doc");
  m.def(
      "input_limits",
      []() -> PlainDictResult {
        py::dict out;
        out["max_input_bytes"] = g_limits.max_input_bytes;
        out["max_context_keys"] = g_limits.max_context_keys;
        out["max_context_values"] = g_limits.max_context_values;
        out["max_context_value_bytes"] = g_limits.max_context_value_bytes;
        return PlainDictResult::Of(std::move(out));
      },
      "The input limits in force, as a dict (see ``set_input_limits``).");

  // pybind11 ignores a second __init__ silently; refuse it (InitOnce).
  InstallInitOnce<PyPolicy>(m.attr("Policy"));
  InstallInitOnce<PyRequest>(m.attr("Request"));
  InstallInitOnce<PyPolicySet>(m.attr("PolicySet"));
  g->policy_set_type = m.attr("PolicySet");
  InstallFastDecide(g->policy_set_type);
}
