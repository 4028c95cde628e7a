// File: python/src/typed_object.h
//
// Python objects with the type names that help() and the docstrings show.
//
// pybind11 writes a `py::handle` or `py::object` parameter as `handle` or
// `object` in the signature help() prints, which tells a user nothing. Each type
// here is a plain `py::object` (any Python value converts; the binding's code
// checks what it gets, as before) whose name in signatures is the one
// iameval/_iameval.pyi gives the parameter, so help() and the stub agree.

#ifndef IAMEVAL_PYTHON_SRC_TYPED_OBJECT_H_
#define IAMEVAL_PYTHON_SRC_TYPED_OBJECT_H_

#include <pybind11/pybind11.h>

namespace iameval_python {

// Any object converts: the function body decides what it accepts.
inline bool AcceptAnyObject(PyObject*) { return true; }

#define IAMEVAL_TYPED_OBJECT(Name)                                                     \
  class Name : public pybind11::object {                                               \
   public:                                                                             \
    PYBIND11_OBJECT_DEFAULT(Name, pybind11::object, ::iameval_python::AcceptAnyObject) \
    static Name Of(pybind11::object value) {                                           \
      return pybind11::reinterpret_steal<Name>(value.release());                       \
    }                                                                                  \
  };

IAMEVAL_TYPED_OBJECT(DocumentArg)            // a policy document
IAMEVAL_TYPED_OBJECT(OptionalBoolArg)        // None, True or False
IAMEVAL_TYPED_OBJECT(ContextArg)             // a condition-key context, or None
IAMEVAL_TYPED_OBJECT(TimeArg)                // a datetime, or None
IAMEVAL_TYPED_OBJECT(PolicyListArg)          // policies of one slot
IAMEVAL_TYPED_OBJECT(OptionalPolicyListArg)  // policies of one slot, or None
IAMEVAL_TYPED_OBJECT(PathArg)                // a file path
IAMEVAL_TYPED_OBJECT(OptionalPolicyArg)      // the one resource or boundary policy, or None
IAMEVAL_TYPED_OBJECT(PolicyLevelsArg)        // SCP or RCP levels: lists of policies
IAMEVAL_TYPED_OBJECT(JsonObjectArg)          // a mapping or its JSON text
IAMEVAL_TYPED_OBJECT(RequestsArg)            // decide_many's requests
IAMEVAL_TYPED_OBJECT(FindingsArg)            // Finding objects
IAMEVAL_TYPED_OBJECT(DecisionResult)         // a Decision
IAMEVAL_TYPED_OBJECT(DecisionListResult)     // a list of Decisions
IAMEVAL_TYPED_OBJECT(FindingListResult)      // a list of Findings
IAMEVAL_TYPED_OBJECT(PlainDictResult)        // dict[str, Any]

#undef IAMEVAL_TYPED_OBJECT

}  // namespace iameval_python

namespace pybind11 {
namespace detail {

#define IAMEVAL_TYPE_NAME(Name, text)               \
  template <>                                       \
  struct handle_type_name<::iameval_python::Name> { \
    static constexpr auto name = const_name(text);  \
  };

IAMEVAL_TYPE_NAME(DocumentArg, "Mapping[str, Any] | str | bytes")
IAMEVAL_TYPE_NAME(OptionalBoolArg, "bool | None")
IAMEVAL_TYPE_NAME(ContextArg, "Mapping[str, ContextValue] | None")
IAMEVAL_TYPE_NAME(TimeArg, "datetime.datetime | None")
IAMEVAL_TYPE_NAME(PolicyListArg, "Iterable[Policy | Document]")
IAMEVAL_TYPE_NAME(OptionalPolicyListArg, "Iterable[Policy | Document] | None")
IAMEVAL_TYPE_NAME(PathArg, "str | os.PathLike[str]")
IAMEVAL_TYPE_NAME(OptionalPolicyArg, "Policy | Document | None")
IAMEVAL_TYPE_NAME(PolicyLevelsArg, "Iterable[Iterable[Policy | Document]]")
IAMEVAL_TYPE_NAME(JsonObjectArg, "Mapping[str, Any] | str | bytes")
IAMEVAL_TYPE_NAME(RequestsArg, "Iterable[Request | Mapping[str, Any] | tuple]")
IAMEVAL_TYPE_NAME(FindingsArg, "Iterable[Finding]")
IAMEVAL_TYPE_NAME(DecisionResult, "Decision")
IAMEVAL_TYPE_NAME(DecisionListResult, "list[Decision]")
IAMEVAL_TYPE_NAME(FindingListResult, "list[Finding]")
IAMEVAL_TYPE_NAME(PlainDictResult, "dict[str, Any]")

#undef IAMEVAL_TYPE_NAME

}  // namespace detail
}  // namespace pybind11

#endif  // IAMEVAL_PYTHON_SRC_TYPED_OBJECT_H_
