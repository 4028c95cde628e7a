"""Type stubs for the compiled core of iameval (python/src/iameval_module.cc).

Use the ``iameval`` package, which re-exports everything public here.
"""

from __future__ import annotations

import datetime
import ipaddress
import os
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Literal, Optional, Union, overload

from ._types import Explanation, Finding

PolicyKind = Literal[
    "identity",
    "resource",
    "roleTrust",
    "kmsKey",
    "permissionsBoundary",
    "session",
    "scp",
    "rcp",
    "vpcEndpoint",
    "gatewayVpcEndpoint",
]
VpcEndpointType = Literal["interface", "gateway"]
ResourcePolicyKind = Literal["resource", "roleTrust", "kmsKey"]
# Parameters take any str (kinds often come from configuration); the engine
# rejects unknown names with ValueError. Return values use the Literal types.
KindName = str
DecisionName = Literal["allowed", "explicitDeny", "implicitDeny"]
#: A policy document: a mapping, JSON text, or URL-encoded JSON text.
Document = Union[Mapping[str, Any], str, bytes, bytearray, memoryview]
PolicyLike = Union["Policy", Document]
ContextScalar = Union[
    str,
    int,
    float,
    bool,
    datetime.date,
    datetime.datetime,
    ipaddress.IPv4Address,
    ipaddress.IPv6Address,
    ipaddress.IPv4Network,
    ipaddress.IPv6Network,
]
ContextValue = Union[ContextScalar, Sequence[ContextScalar], frozenset[ContextScalar], set[ContextScalar]]
Context = Mapping[str, ContextValue]
RequestLike = Union["Request", Mapping[str, Any], tuple[Any, ...]]

class Policy:
    """One IAM policy document, parsed, validated and compiled.

    Immutable, cheap to share, safe to use from any thread.

    Raises:
        PolicyError: AWS would reject the document (``.findings`` says why).
        TypeError: ``document`` is of an unsupported type.
        ValueError: ``kind`` is not a policy kind.
    """

    def __init__(
        self,
        document: Document,
        kind: KindName = "identity",
        *,
        enforce_aws_size_quotas: bool = False,
        url_encoded: Optional[bool] = None,
    ) -> None: ...
    @staticmethod
    def from_file(
        path: Union[str, os.PathLike[str]],
        kind: KindName = "identity",
        *,
        enforce_aws_size_quotas: bool = False,
        url_encoded: Optional[bool] = None,
    ) -> Policy:
        """The policy document in the file at ``path``, read as ``kind``; findings
        name the file. Reads at most the document limit (1 MiB) and one byte."""
    @property
    def kind(self) -> PolicyKind:
        """What the document is, e.g. ``"identity"``."""
    @property
    def id(self) -> Optional[str]:
        """The document's ``Id``, or None."""
    @property
    def version(self) -> Optional[str]:
        """``"2012-10-17"``, ``"2008-10-17"``, or None when absent."""
    @property
    def statement_count(self) -> int:
        """How many statements the document has."""
    @property
    def findings(self) -> list[Finding]:
        """The warnings the document raised (a valid policy has no errors)."""

class Request:
    """What is asked: principal, action, resource and condition-key context.

    Immutable. A context value is a str, int, float, bool, ``datetime``/``date``
    (sent as ISO 8601; naive means UTC), an ``ipaddress`` address or network,
    or a list/tuple/set of those.

    Raises:
        TypeError: a context value of an unsupported type.
        ValueError: a context number that is not finite or not 64-bit.
    """

    def __init__(
        self,
        principal: str,
        action: str,
        resource: str,
        context: Optional[Context] = None,
        *,
        resource_account: Optional[str] = None,
        principal_is_service_linked_role: bool = False,
        principal_in_management_account: bool = False,
        resource_in_management_account: bool = False,
        resource_is_aws_managed_key: bool = False,
        resource_policy_required: Optional[bool] = None,
        current_time: Optional[datetime.datetime] = None,
        principal_role_arn: Optional[str] = None,
    ) -> None: ...
    @staticmethod
    def from_dict(request: Union[Mapping[str, Any], str, bytes]) -> Request:
        """A request from the conformance format's ``request`` object (camelCase
        keys), read by the engine. Raises ValueError naming a bad field."""
    @property
    def principal(self) -> str:
        """ARN of the caller."""
    @property
    def action(self) -> str:
        """``service:Action``."""
    @property
    def resource(self) -> str:
        """ARN of the target, or ``"*"``."""
    @property
    def resource_account(self) -> Optional[str]:
        """The account owning the resource, or None when inferred."""
    @property
    def principal_role_arn(self) -> Optional[str]:
        """A role session's role ARN with its path, or None when not given."""
    @property
    def context(self) -> dict[str, Any]:
        """A new dict of the condition keys as the engine holds them."""
    @property
    def principal_is_service_linked_role(self) -> bool:
        """The caller is a service-linked role: SCPs and RCPs do not apply."""
    @property
    def principal_in_management_account(self) -> bool:
        """The caller is in the organization's management account."""
    @property
    def resource_in_management_account(self) -> bool:
        """The resource is in the organization's management account."""
    @property
    def resource_is_aws_managed_key(self) -> bool:
        """The resource is an AWS managed KMS key."""
    @property
    def resource_policy_required(self) -> Optional[bool]:
        """True/False when forced, None when the engine infers it."""
    @property
    def current_time(self) -> Optional[datetime.datetime]:
        """The pinned clock as an aware UTC datetime, or None."""

class Decision:
    """The engine's answer to one request. Immutable; truthy when allowed."""

    @property
    def decision(self) -> DecisionName:
        """``"allowed"``, ``"explicitDeny"`` or ``"implicitDeny"``."""
    @property
    def allowed(self) -> bool:
        """True when some policy allowed and nothing denied."""
    @property
    def error(self) -> Optional[str]:
        """Why the request could not be evaluated (it is then denied), or None."""
    @property
    def explanation(self) -> Optional[Explanation]:
        """An Explanation when asked for with ``explain=True``, else None."""
    def __bool__(self) -> bool: ...
    def to_dict(self) -> dict[str, Any]:
        """The decision as plain data: ``decision``, ``error``, ``explanation``."""
    def to_json(self) -> str:
        """The decision as the engine's JSON API writes it."""

class ExplainedDecision(Decision):
    """A Decision asked for with ``explain=True``: its explanation is there.
    (For annotations; at run time it is Decision.)"""

    @property
    def explanation(self) -> Explanation:
        """The determining statements and each policy kind's verdict."""

class PolicySet:
    """Every policy in force for one kind of request, compiled once; ask it any
    number of questions from any number of threads.

    Raises:
        PolicyError: some document is invalid (findings name their documents).
        ValueError: a Policy object of the wrong kind for its slot.
        TypeError: an argument of the wrong shape.
    """

    def __init__(
        self,
        identity: Iterable[PolicyLike] = (),
        resource: Optional[PolicyLike] = None,
        permissions_boundary: Optional[PolicyLike] = None,
        session_policies: Optional[Iterable[PolicyLike]] = None,
        scps: Iterable[Iterable[PolicyLike]] = (),
        rcps: Iterable[Iterable[PolicyLike]] = (),
        *,
        resource_kind: KindName = "resource",
        enforce_aws_size_quotas: bool = False,
        session: Optional[Iterable[PolicyLike]] = None,
        vpc_endpoint: Optional[PolicyLike] = None,
        vpc_endpoint_type: VpcEndpointType = "interface",
    ) -> None:
        """``session=`` is the deprecated old name of ``session_policies=``.
        ``vpc_endpoint`` is the policy of the VPC endpoint the requests came
        through (they must then carry ``aws:SourceVpce``); ``vpc_endpoint_type``
        says whether it is an interface or a gateway endpoint's."""
    @staticmethod
    def from_dict(
        policies: Union[Mapping[str, Any], str, bytes],
        *,
        resource_kind: KindName = "resource",
        enforce_aws_size_quotas: bool = False,
    ) -> PolicySet:
        """A set from the conformance format's ``policies`` object."""
    @overload
    def decide(self, request: Request, *, explain: Literal[True]) -> ExplainedDecision:
        """The decision for ``request``, with its explanation."""
    @overload
    def decide(self, request: Request, *, explain: bool = False) -> Decision:
        """The decision for ``request``."""
    @overload
    def decide(
        self,
        principal: str,
        action: str,
        resource: str,
        context: Optional[Context] = None,
        *,
        resource_account: Optional[str] = None,
        principal_is_service_linked_role: bool = False,
        principal_in_management_account: bool = False,
        resource_in_management_account: bool = False,
        resource_is_aws_managed_key: bool = False,
        resource_policy_required: Optional[bool] = None,
        current_time: Optional[datetime.datetime] = None,
        principal_role_arn: Optional[str] = None,
        explain: Literal[True],
    ) -> ExplainedDecision:
        """The decision for the request these arguments make, with its explanation."""
    @overload
    def decide(
        self,
        principal: str,
        action: str,
        resource: str,
        context: Optional[Context] = None,
        *,
        resource_account: Optional[str] = None,
        principal_is_service_linked_role: bool = False,
        principal_in_management_account: bool = False,
        resource_in_management_account: bool = False,
        resource_is_aws_managed_key: bool = False,
        resource_policy_required: Optional[bool] = None,
        current_time: Optional[datetime.datetime] = None,
        principal_role_arn: Optional[str] = None,
        explain: bool = False,
    ) -> Decision:
        """The decision for the request these arguments make."""
    # list is invariant, so mypy calls these overlapping; explain=True does pick the first.
    @overload
    def decide_many(  # type: ignore[misc]
        self, requests: Iterable[RequestLike], *, explain: Literal[True]
    ) -> list[ExplainedDecision]:
        """Decisions with explanations for many requests, in order, in one call."""
    @overload
    def decide_many(self, requests: Iterable[RequestLike], *, explain: bool = False) -> list[Decision]:
        """Decisions for many requests, in order, in one call, without the GIL.
        A request that cannot be made raises naming its index (``.index``)."""
    @property
    def findings(self) -> list[Finding]:
        """The warnings of every document in the set, each naming its document."""

def check(
    document: Document,
    kind: KindName = "identity",
    *,
    enforce_aws_size_quotas: bool = False,
    url_encoded: Optional[bool] = None,
) -> list[Finding]:
    """Every finding for ``document`` read as ``kind``, without raising."""

def decide_json(input: Union[str, bytes]) -> str:
    """The engine's one-call JSON API (the C++ ``iameval::DecideJson``)."""

def check_json(input: Union[str, bytes]) -> str:
    """The engine's ``CheckJson``: ``{"policy", "kind"}`` in, findings out."""

def set_input_limits(
    *,
    max_input_bytes: Optional[int] = None,
    max_context_keys: Optional[int] = None,
    max_context_values: Optional[int] = None,
    max_context_value_bytes: Optional[int] = None,
) -> None:
    """Changes the input limits every later call applies (SECURITY.md)."""

def input_limits() -> dict[str, int]:
    """The input limits in force."""

def findings_to_json(findings: Iterable[Finding]) -> str:
    """``{"findings": [...]}`` as the engine's JSON API writes it."""

def infer_resource_policy_kind(request: Request) -> ResourcePolicyKind:
    """The engine's rule for what the target's policy is when nobody says."""

def format_finding(
    code: str, severity: str, message: str, path: str, line: int, column: int, file: str
) -> str:
    """``file:line:column: severity: message [code]``, formatted by the engine."""

def _run_command_line(args: list[bytes]) -> int:
    """Runs the ``iameval`` tool (engine/cli/) on the process's streams; the exit code."""

def _engine_ns_per_decision(policy_set: PolicySet, requests: list[Request], rounds: int) -> tuple[float, float]:
    """(wall, cpu) ns per PolicySet::Decide in a C++ loop; for the benchmark only."""

def _lint_json(input: str, catalogue_path: str) -> str:
    """The engine's ``LintJson`` against the catalogue at ``catalogue_path``; use ``iameval.lint``."""

def _expand_actions(pattern: str, catalogue_path: str) -> list[str]:
    """Every action ``pattern`` matches; use ``iameval.expand_actions``."""

def _catalogue_info(catalogue_path: str) -> dict[str, Any]:
    """The catalogue's date, source and size."""

def _effective_permissions_json(
    jobs: list[tuple[PolicySet, str, dict[str, str], bool, bool]],
    catalogue_path: str,
    threads: int = 1,
    action_pattern: str = "",
    resource_pattern: str = "",
) -> list[str]:
    """Effective permissions of each job, one JSON text each (spec/effective-permissions.md);
    use ``iameval.AccountModel.effective_permissions``."""

def _effective_permissions(
    jobs: list[tuple[PolicySet, str, dict[str, str], bool, bool]],
    catalogue_path: str,
    threads: int = 1,
    action_pattern: str = "",
    resource_pattern: str = "",
) -> list[tuple[Any, ...]]:
    """The same, in the compact form iameval/account.py reads."""

def _catalogue_actions(catalogue_path: str) -> list[tuple[str, str, str]]:
    """(name, service, access level) of every catalogue action, by engine id."""

def _compare_json(input: str, catalogue_path: str) -> str:
    """The engine's ``CompareJson``; use ``iameval.compare``."""

def _access_json(input: str, catalogue_path: str) -> str:
    """The engine's ``AccessJson``; use ``iameval.access_not_granted``, ``public_access`` or ``external_access``."""
