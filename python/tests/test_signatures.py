"""help() shows real signatures: parameter names, types and defaults, never
pybind11's `handle` / `object`; and the stub (_iameval.pyi) has the same
parameters, in the same order, keyword-only where the module's are."""

from __future__ import annotations

import ast
import pathlib
import pydoc
import re

import iameval
from iameval import _iameval

STUB = pathlib.Path(iameval.__file__).parent / "_iameval.pyi"


def _split_top_level(text: str) -> list[str]:
    """Splits `a: X[b, c] = (), *, d: int` at the commas outside brackets."""
    parts, depth, current = [], 0, ""
    for ch in text:
        if ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth -= 1
        if ch == "," and depth == 0:
            parts.append(current.strip())
            current = ""
        else:
            current += ch
    if current.strip():
        parts.append(current.strip())
    return parts


def runtime_signatures(func: object) -> list[list[tuple[str, bool, bool]]]:
    """Each signature pybind11 wrote into the docstring, as (name, has_default,
    keyword_only) per parameter, without `self`."""
    name = func.__name__  # type: ignore[attr-defined]
    out = []
    for line in (func.__doc__ or "").splitlines():
        match = re.match(rf"^(?:\d+\. )?{re.escape(name)}\((.*)\) -> .*$", line)
        if not match:
            continue
        params, kw_only = [], False
        for part in _split_top_level(match.group(1)):
            if part == "*":
                kw_only = True
                continue
            pname = part.split(":", 1)[0].strip()
            if pname != "self":
                params.append((pname, "=" in part, kw_only))
        out.append(params)
    return out


def typing_only_overload(node: ast.FunctionDef) -> bool:
    """An @overload that only narrows the return type for ``explain: Literal[True]``:
    the same run-time signature as its sibling, so pybind11 has no line for it."""
    return any(a.arg == "explain" and a.annotation is not None and "Literal[True]" in ast.unparse(a.annotation)
               for a in node.args.kwonlyargs)


def stub_signatures(node: ast.FunctionDef) -> list[tuple[str, bool, bool]]:
    args = node.args
    positional = args.posonlyargs + args.args
    defaults = [False] * (len(positional) - len(args.defaults)) + [True] * len(args.defaults)
    out = [(a.arg, d, False) for a, d in zip(positional, defaults) if a.arg != "self"]
    out += [(a.arg, d is not None, True) for a, d in zip(args.kwonlyargs, args.kw_defaults)]
    return out


def stub_functions() -> dict[str, list[ast.FunctionDef]]:
    """Qualified name -> its definitions (several for an @overload)."""
    found: dict[str, list[ast.FunctionDef]] = {}
    tree = ast.parse(STUB.read_text())
    for node in tree.body:
        if isinstance(node, ast.FunctionDef):
            found.setdefault(node.name, []).append(node)
        elif isinstance(node, ast.ClassDef):
            for member in node.body:
                if isinstance(member, ast.FunctionDef):
                    decorators = {getattr(d, "id", None) for d in member.decorator_list}
                    if "property" in decorators or member.name.startswith("__") and member.name != "__init__":
                        continue
                    if node.name == "ExplainedDecision":  # Decision itself at run time
                        continue
                    found.setdefault(f"{node.name}.{member.name}", []).append(member)
    return found


def runtime_function(qualified: str) -> object:
    obj: object = _iameval
    for part in qualified.split("."):
        obj = getattr(obj, part)
    return obj


def test_help_shows_no_untyped_parameters():
    text = "\n".join(pydoc.render_doc(obj, renderer=pydoc.plaintext)
                     for obj in (iameval.Policy, iameval.PolicySet, iameval.Request, iameval.Decision, _iameval))
    signatures = [line for line in text.splitlines() if re.search(r"\w\(.*\) -> ", line)]
    assert len(signatures) > 15
    for line in signatures:
        assert not re.search(r":\s*(handle|object)\b|-> (object|list|dict)$", line), line


def test_help_names_every_parameter_and_return_type():
    signature = runtime_signatures(iameval.PolicySet.decide_many)[0]
    assert signature == [("requests", False, False), ("explain", True, True)]
    doc = iameval.PolicySet.decide_many.__doc__ or ""
    assert "requests: Iterable[Request | Mapping[str, Any] | tuple]" in doc
    assert "-> list[Decision]" in doc
    assert "document: Mapping[str, Any] | str | bytes" in (iameval.Policy.__init__.__doc__ or "")
    assert "current_time: datetime.datetime | None" in (iameval.Request.__init__.__doc__ or "")


def test_stub_parameters_match_the_module():
    functions = stub_functions()
    assert "PolicySet.decide" in functions and "check" in functions
    for qualified, nodes in functions.items():
        runtime = runtime_signatures(runtime_function(qualified))
        stubbed = [stub_signatures(node) for node in nodes if not typing_only_overload(node)]
        assert sorted(runtime) == sorted(stubbed), f"{qualified}: module {runtime} != stub {stubbed}"
