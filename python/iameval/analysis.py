"""``iameval.compare``, ``access_not_granted``, ``public_access`` and
``external_access``: access analysis offline and with proof (issue #15,
spec/analysis.md), the C++ engine's ``CompareJson`` / ``AccessJson``
(iameval/analysis.h) behind a Python face. Nothing is decided here: the
answers, counterexamples and findings are the engine's, run without the GIL.

    >>> import iameval
    >>> before = {"Version": "2012-10-17", "Statement": [
    ...     {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}]}
    >>> after = {"Version": "2012-10-17", "Statement": [
    ...     {"Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject"], "Resource": "arn:aws:s3:::b/*"}]}
    >>> answer = iameval.compare(before, after)
    >>> answer["result"], answer["counterexamples"][0]["request"]["action"]
    ('FAIL', 's3:PutObject')
    >>> iameval.compare(after, before)["result"]
    'PASS'

Each answer is a dict: ``result`` (``"PASS"``, ``"FAIL"`` or ``"UNKNOWN"``),
``counterexamples`` (requests, each decided by the engine, with the
statements that grant them) or ``findings``, ``unknown`` (what the method
could not cover, with codes), ``requestsDecided`` and the ``catalogue``'s
date and source. The shapes are spec/analysis.md's, the same as
``iameval compare --format json`` and the JavaScript package's.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Callable, Iterable, Mapping
from typing import Any, Optional, Union

from . import _iameval
from ._documents import document_text
from .lint import catalogue_path

__all__ = ["access_not_granted", "compare", "compare_json", "access_json", "external_access", "public_access"]

Document = Union[Mapping[str, Any], str, bytes]


def _text(document: Any) -> Any:
    """A document as the JSON face takes it: its own text when it is text (so
    findings point into it), the mapping otherwise."""
    if isinstance(document, Mapping):
        return document
    text, _ = document_text(document)
    return text.decode("utf-8", "surrogateescape") if isinstance(text, bytes) else text


def _options(out: dict[str, Any], max_counterexamples: Optional[int], max_requests: Optional[int],
             principal_account: Optional[str], current_time: Optional[Union[str, datetime.datetime]]) -> None:
    if max_counterexamples is not None:
        out["maxCounterexamples"] = max_counterexamples
    if max_requests is not None:
        out["maxRequests"] = max_requests
    if principal_account is not None:
        out["principalAccount"] = principal_account
    if current_time is not None:
        if isinstance(current_time, datetime.datetime):
            if current_time.tzinfo is None:
                raise ValueError("current_time needs a time zone (datetime.timezone.utc)")
            current_time = current_time.astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
        out["currentTime"] = current_time


def _answer(text: str) -> dict[str, Any]:
    answer: dict[str, Any] = json.loads(text)
    if answer.get("result") is None and "error" in answer:
        findings = answer.get("findings") or []
        where = f" ({answer['document']})" if answer.get("document") else ""
        message = answer.get("message") or "; ".join(f.get("message", "") for f in findings)
        raise ValueError(f"{answer['error']}{where}: {message}")
    return answer


def _engine_json(engine: Callable[[str, str], str], input: Union[str, bytes], catalogue: Optional[str]) -> str:
    if isinstance(input, bytes):
        input = input.decode("utf-8", "surrogateescape")
    return engine(input, catalogue_path(catalogue))


def compare_json(input: Union[str, bytes], *, catalogue: Optional[str] = None) -> str:
    """The engine's ``CompareJson``: JSON in, JSON out (spec/analysis.md)."""
    return _engine_json(_iameval._compare_json, input, catalogue)


def access_json(input: Union[str, bytes], *, catalogue: Optional[str] = None) -> str:
    """The engine's ``AccessJson``: JSON in, JSON out (spec/analysis.md)."""
    return _engine_json(_iameval._access_json, input, catalogue)


def _ask(engine_json: Callable[..., str], request: dict[str, Any], catalogue: Optional[str],
         max_counterexamples: Optional[int], max_requests: Optional[int], principal_account: Optional[str],
         current_time: Optional[Union[str, datetime.datetime]]) -> dict[str, Any]:
    """``request`` with the options every analysis takes, through
    ``engine_json``; the answer, or ValueError when it is an error."""
    _options(request, max_counterexamples, max_requests, principal_account, current_time)
    return _answer(engine_json(json.dumps(request), catalogue=catalogue))


def compare(
    before: Any,
    after: Any,
    kind: str = "identity",
    *,
    resource_policy_kind: Optional[str] = None,
    max_counterexamples: Optional[int] = None,
    max_requests: Optional[int] = None,
    principal_account: Optional[str] = None,
    current_time: Optional[Union[str, datetime.datetime]] = None,
    catalogue: Optional[str] = None,
) -> dict[str, Any]:
    """Does ``after`` allow any request ``before`` does not?

    ``kind`` is both documents' policy kind (``"identity"``, ``"resource"``,
    ``"scp"``, ...), or ``"set"``: then ``before`` and ``after`` are whole
    policy sets, mappings as ``PolicySet.from_dict`` reads them
    (``{"identity": [...], "resource": ..., "scps": [[...]]}``), compared by
    AWS's full decision.

    Returns ``{"result": "PASS" | "FAIL" | "UNKNOWN", "counterexamples",
    "unknown", "requestsDecided", "actionsConsidered", "catalogue"}``.

    Raises:
        ValueError: a document is invalid (the message says which and why),
            the kinds differ, or an option is out of range.
    """
    request: dict[str, Any] = {"before": _text(before), "after": _text(after)}
    if kind == "set":
        request["sets"] = True
        if resource_policy_kind is not None:
            request["resourcePolicyKind"] = resource_policy_kind
    else:
        request["kind"] = kind
    return _ask(compare_json, request, catalogue, max_counterexamples, max_requests, principal_account,
                current_time)


def access_not_granted(
    policy: Any,
    actions: Iterable[str] = (),
    resources: Iterable[str] = (),
    kind: str = "identity",
    *,
    max_counterexamples: Optional[int] = None,
    max_requests: Optional[int] = None,
    principal_account: Optional[str] = None,
    current_time: Optional[Union[str, datetime.datetime]] = None,
    catalogue: Optional[str] = None,
) -> dict[str, Any]:
    """Does ``policy`` grant any of ``actions`` (names or patterns, ``iam:*``)
    on any of ``resources`` (ARNs or ARN patterns)? Empty means every action /
    every resource; there is no size cap. ``kind="set"`` takes a whole policy
    set (a ``PolicySet.from_dict`` mapping).

    Returns ``{"result", "counterexamples", "unknown", "requestsDecided", "catalogue"}``:
    PASS when nothing listed is granted, FAIL with the granted requests.

    Raises:
        ValueError: as ``compare``, or an action or resource that is not one.
    """
    if isinstance(actions, str) or isinstance(resources, str):
        raise TypeError("actions and resources are lists of strings, not one string")
    request: dict[str, Any] = {"check": "accessNotGranted", "actions": list(actions),
                               "resources": list(resources)}
    if kind == "set":
        request["policies"] = policy
    else:
        request["policy"], request["kind"] = _text(policy), kind
    return _ask(access_json, request, catalogue, max_counterexamples, max_requests, principal_account,
                current_time)


def _resource_check(check: str, policy: Any, kind: str, resource: Optional[str], owner_account: Optional[str],
                    extra: Mapping[str, Any], max_requests: Optional[int], principal_account: Optional[str],
                    current_time: Any, catalogue: Optional[str]) -> dict[str, Any]:
    request: dict[str, Any] = {"check": check, "policy": _text(policy), "kind": kind, **extra}
    if resource is not None:
        request["resource"] = resource
    if owner_account is not None:
        request["ownerAccount"] = owner_account
    return _ask(access_json, request, catalogue, None, max_requests, principal_account, current_time)


def public_access(
    policy: Any,
    kind: str = "resource",
    *,
    resource: Optional[str] = None,
    owner_account: Optional[str] = None,
    max_requests: Optional[int] = None,
    current_time: Optional[Union[str, datetime.datetime]] = None,
    catalogue: Optional[str] = None,
) -> dict[str, Any]:
    """Does a resource policy (``kind``: ``resource``, ``roleTrust``,
    ``kmsKey``) grant access to anyone at all? Conditions count only where
    they restrict the caller as Access Analyzer counts them
    (``aws:PrincipalOrgID``, ``aws:SourceVpce``, ``aws:SourceAccount``, ...).

    ``resource`` is the ARN the policy is attached to (default: every
    resource its statements name), ``owner_account`` its account.

    Returns ``{"result", "findings": [{"public", "principal", "actions",
    "resource", "conditions", "statement", "example"}], "unknown", ...}``:
    PASS when nothing is public.
    """
    return _resource_check("publicAccess", policy, kind, resource, owner_account, {}, max_requests, None,
                           current_time, catalogue)


def external_access(
    policy: Any,
    trusted: Iterable[str] = (),
    kind: str = "resource",
    *,
    resource: Optional[str] = None,
    owner_account: Optional[str] = None,
    max_requests: Optional[int] = None,
    current_time: Optional[Union[str, datetime.datetime]] = None,
    catalogue: Optional[str] = None,
) -> dict[str, Any]:
    """Does a resource policy grant access to anyone outside the zone of
    trust: the owner account and ``trusted``, a list of account ids
    (``"444455556666"``) and organization ids (``"o-a1b2c3d4e5"``)? Public
    findings are external findings too (``"public": true``).

    Returns the shape of ``public_access``.
    """
    if isinstance(trusted, str):
        trusted = [trusted]
    trusted = list(trusted)
    extra = {"trustedAccounts": [t for t in trusted if not t.startswith("o-")],
             "trustedOrgs": [t for t in trusted if t.startswith("o-")]}
    return _resource_check("externalAccess", policy, kind, resource, owner_account, extra, max_requests,
                           None, current_time, catalogue)
