"""An account's IAM principals and their policies, from
``aws iam get-account-authorization-details``.

The model only gathers, for a principal, the policies AWS would have in force
(its inline and managed policies, its groups' policies, its permissions
boundary, the target's resource policy, the organization's SCPs and RCPs) and
hands them to the engine; every decision is the engine's.

Example::

    model = iameval.load_authorization_details("auth-details.json")
    model.can("arn:aws:iam::111122223333:user/alice", "s3:GetObject",
              "arn:aws:s3:::reports/q1.csv").decision      # "allowed"
    model.who_can("iam:PassRole", "arn:aws:iam::111122223333:role/deploy")
"""

from __future__ import annotations

import json
import os
import re
import threading
from array import array
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import IO, Any, Literal, Optional, Sequence, Union, overload

from . import _iameval
from ._documents import document_text
from ._iameval import Decision, ExplainedDecision, Policy, PolicySet
from ._types import PolicyError, StatementRef
from .lint import catalogue_path

__all__ = [
    "AccessGrant",
    "AccountModel",
    "ActionPermission",
    "EffectivePermissions",
    "MissingPolicyError",
    "Principal",
    "Reach",
    "UnknownPrincipalError",
    "load_authorization_details",
]

PolicyLike = Union[Policy, Mapping[str, Any], str, bytes]


class UnknownPrincipalError(LookupError, ValueError):
    """The ARN names an IAM user or role that the export does not hold.

    Answering for it anyway would report a denial the data cannot support. A
    ValueError (a question that cannot be asked) and, as before, a LookupError.
    """


class MissingPolicyError(LookupError):
    """A principal depends on a managed policy or group the export does not
    hold (an export filtered with ``--filter``, or pages missing). Its
    permissions cannot be known, so no answer is given."""


@dataclass
class Principal:
    """An IAM user or role of the account, as the export describes it.

    Attributes:
        arn: the principal's ARN, path included.
        name: user or role name.
        type: ``"user"`` or ``"role"``.
        inline: inline policy documents by name.
        managed: ARNs of attached managed policies.
        groups: names of the user's groups (users only).
        boundary: ARN of the permissions boundary, or None.
        trust_policy: a role's trust policy document, or None.
        tags: the principal's tags.
    """

    arn: str
    name: str
    type: str
    inline: dict[str, Any] = field(default_factory=dict)
    managed: list[str] = field(default_factory=list)
    groups: list[str] = field(default_factory=list)
    boundary: Optional[str] = None
    trust_policy: Any = None
    tags: dict[str, str] = field(default_factory=dict)


@dataclass
class _Group:
    name: str
    arn: str
    inline: dict[str, Any] = field(default_factory=dict)
    managed: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class AccessGrant:
    """A statement that grants an action or bounds it, named in the export's terms.

    Attributes:
        policy: which policy of the export or the model it is in, as
            ``AccountModel.source_of`` names it (``ARN inline NAME``, a managed
            policy ARN ``via group NAME``, the boundary ARN, ``scps[L][I]``).
        kind: the policy kind (``identity``, ``permissionsBoundary``, ``scp``, ...).
        statement_index: its position in the policy's Statement array.
        sid: its Sid, or None.
        effect: ``"Allow"`` or ``"Deny"``.
        resources: its Resource patterns (None when it has NotResource or neither).
        not_resources: its NotResource patterns, or None.
        conditional: it has a Condition.
        condition: its Condition element as written, or None (also when the
            model was given the policy as a compiled ``Policy``).
    """

    policy: str
    kind: str
    statement_index: int
    sid: Optional[str]
    effect: str
    resources: Optional[tuple[str, ...]]
    not_resources: Optional[tuple[str, ...]]
    conditional: bool
    condition: Optional[Mapping[str, Any]]


@dataclass(frozen=True)
class ActionPermission:
    """One action a principal can perform.

    Attributes:
        action: ``service:Action`` as the catalogue spells it.
        service: the service prefix.
        access_level: the catalogue's access level (``Read``, ``Write``, ``List``,
            ``Permissions management``, ``Tagging``).
        status: ``"allowed"``: the engine allowed the request on ``resource``;
            ``"conditional"``: only conditions stand in the way (see ``grants``
            and ``bounds``).
        resource: the resource of the request the engine decided (the proof).
        grants: the identity-policy statements that allow it.
        bounds: the statements that limit it: Denies of every kind, the
            boundary's and SCPs' Allows.
    """

    action: str
    service: str
    access_level: str
    status: str
    resource: str
    grants: tuple[AccessGrant, ...]
    bounds: tuple[AccessGrant, ...]


class EffectivePermissions:
    """What one principal can do over the whole catalogue
    (spec/effective-permissions.md). Entries are built when first read: the
    engine's answer is kept in compact form, so the answers for every role of
    a large account fit in memory.

    Attributes:
        principal: the principal's ARN.
        catalogue: the catalogue's ``date`` and ``source``.
        decisions: how many requests the engine decided.
    """

    def __init__(self, principal: str, catalogue: Mapping[str, str], decisions: int,
                 build: Any) -> None:
        self.principal = principal
        self.catalogue = catalogue
        self.decisions = decisions
        self._build = build
        self._actions: Optional[list[ActionPermission]] = None

    @property
    def actions(self) -> list[ActionPermission]:
        """Every action, by service then name."""
        if self._actions is None:
            self._actions = self._build()
            self._build = None
        return self._actions

    @property
    def services(self) -> dict[str, dict[str, list[ActionPermission]]]:
        """``{service: {access level: [ActionPermission, ...]}}``, in order."""
        out: dict[str, dict[str, list[ActionPermission]]] = {}
        for a in self.actions:
            out.setdefault(a.service, {}).setdefault(a.access_level, []).append(a)
        return out

    def get(self, action: str) -> Optional[ActionPermission]:
        """The entry for one action (any letter case), or None when it is not granted."""
        wanted = action.lower()
        return next((a for a in self.actions if a.action.lower() == wanted), None)

    def __len__(self) -> int:
        return len(self.actions)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, EffectivePermissions):
            return NotImplemented
        return (self.principal, self.catalogue, self.actions) == (other.principal, other.catalogue, other.actions)

    def __repr__(self) -> str:
        return f"<iameval.EffectivePermissions {self.principal} actions={len(self.actions)}>"


@dataclass(frozen=True)
class Reach:
    """One caller that can reach a resource (``AccountModel.who_can_reach``).

    Attributes:
        caller: a user or role ARN of the export, or a caller outside it as the
            policy names it: a service principal (``ec2.amazonaws.com``), an
            account id, another account's ARN, an identity provider, ``*``.
        via: the role of the export the caller assumes first, or None.
    """

    caller: str
    via: Optional[str]


def _policy_callers(document: Any) -> list[tuple[str, str]]:
    """(caller, action) for each principal an Allow statement of a resource or
    trust policy names: the action is the statement's first ``sts:AssumeRole*``
    action for trust policies, else ``sts:AssumeRole``. Only gathers names;
    whether each may act is the engine's to decide."""
    if isinstance(document, Policy):
        return []
    try:
        text, _ = document_text(document)
        data = json.loads(text)
    except (TypeError, ValueError):
        return []
    statements = data.get("Statement") if isinstance(data, Mapping) else None
    if isinstance(statements, Mapping):
        statements = [statements]
    out: list[tuple[str, str]] = []
    for statement in statements if isinstance(statements, list) else ():
        if not isinstance(statement, Mapping) or statement.get("Effect") != "Allow":
            continue
        actions = statement.get("Action")
        actions = [actions] if isinstance(actions, str) else list(actions or ())
        assume = next((a for a in actions if isinstance(a, str) and a.lower().startswith("sts:assumerole")
                       and "*" not in a), "sts:AssumeRole")
        principal = statement.get("Principal")
        if principal == "*":
            out.append(("*", assume))
            continue
        if not isinstance(principal, Mapping):
            continue
        for values in principal.values():
            for value in [values] if isinstance(values, str) else list(values or ()):
                if isinstance(value, str) and (value == "*" or value.startswith("arn:") or "." in value
                                               or re.fullmatch(r"\d{12}", value)):
                    out.append((value, assume))
    return list(dict.fromkeys(out))


_catalogue_tables: dict[str, list[tuple[str, str, str]]] = {}
_catalogue_infos: dict[str, dict[str, str]] = {}


def _catalogue_actions(path: str) -> list[tuple[str, str, str]]:
    """(name, service, access level) of every catalogue action, by engine id; once per file."""
    table = _catalogue_tables.get(path)
    if table is None:
        table = _catalogue_tables[path] = _iameval._catalogue_actions(path)
    return table


def _catalogue_info(path: str) -> dict[str, str]:
    info = _catalogue_infos.get(path)
    if info is None:
        full = _iameval._catalogue_info(path)
        info = _catalogue_infos[path] = {"date": full["date"], "source": full["source"]}
    return info


def _tags(entry: Mapping[str, Any]) -> dict[str, str]:
    return {t["Key"]: t.get("Value", "") for t in entry.get("Tags") or ()}


def _inline(entries: Optional[Iterable[Mapping[str, Any]]]) -> dict[str, Any]:
    return {e["PolicyName"]: e["PolicyDocument"] for e in entries or ()}


def _managed(entry: Mapping[str, Any]) -> list[str]:
    return [p["PolicyArn"] for p in entry.get("AttachedManagedPolicies") or ()]


def _default_version(policy: Mapping[str, Any]) -> Any:
    versions = policy.get("PolicyVersionList") or ()
    wanted = policy.get("DefaultVersionId")
    for version in versions:
        if version.get("IsDefaultVersion") or (wanted and version.get("VersionId") == wanted):
            return version.get("Document")
    return None


def _arn_parts(arn: str) -> Optional[tuple[str, str, str, str, str]]:
    """(partition, service, account, resource type, rest) of an IAM/STS ARN."""
    parts = arn.split(":", 5)
    if len(parts) != 6 or parts[0] != "arn":
        return None
    resource = parts[5]
    kind, _, rest = resource.partition("/")
    return parts[1], parts[2], parts[4], kind, rest


def _resource_policy_kind(resource: str) -> str:
    # Only how the document is validated: the engine itself decides where a
    # trust or key policy must allow (spec/decisions.md §39).
    parts = _arn_parts(resource)
    if parts and parts[1] == "iam" and parts[3] == "role":
        return "roleTrust"
    if parts and parts[1] == "kms" and parts[3] == "key":
        return "kmsKey"
    return "resource"


class AccountModel:
    """The principals of one AWS account and the policies in force for each.

    Build it from the parsed JSON of ``aws iam get-account-authorization-details``
    (or a list of its pages, as boto3's paginator yields them). Policy
    documents may be mappings or URL-encoded strings, as the raw API returns
    them. Documents are parsed once, on first use, and compiled policy sets
    are cached, so asking many questions is cheap. Safe to use from several
    threads.

    Args:
        details: the export, or a list of its pages.
        scps: SCPs of the account, one list per organization level (root,
            each OU, the account); each level must allow.
        rcps: RCPs applying to the resources asked about, same shape.
        resource_policies: resource-based policies by resource ARN (bucket
            policies, queue policies, key policies, ...). A policy keyed by
            ``arn:aws:s3:::bucket`` also applies to ``arn:aws:s3:::bucket/key``.
            Role trust policies come from the export itself.
        management_account: the account is the organization's management
            account (SCPs do not apply to its principals).

    Raises:
        ValueError: ``details`` is not an authorization-details export.
    """

    def __init__(
        self,
        details: Union[Mapping[str, Any], Sequence[Mapping[str, Any]]],
        *,
        scps: Sequence[Sequence[PolicyLike]] = (),
        rcps: Sequence[Sequence[PolicyLike]] = (),
        resource_policies: Optional[Mapping[str, PolicyLike]] = None,
        management_account: bool = False,
    ) -> None:
        pages = [details] if isinstance(details, Mapping) else list(details)
        if not pages or not all(isinstance(p, Mapping) for p in pages):
            raise ValueError("details must be an authorization-details export or a list of its pages")
        keys = ("UserDetailList", "GroupDetailList", "RoleDetailList", "Policies")
        if not any(k in p for p in pages for k in keys):
            raise ValueError(
                "not an authorization-details export: expected UserDetailList, "
                "GroupDetailList, RoleDetailList or Policies"
            )
        self._principals: dict[str, Principal] = {}
        self._by_name: dict[tuple[str, str], Principal] = {}
        self._groups: dict[str, _Group] = {}
        self._managed_docs: dict[str, Any] = {}
        accounts: set[str] = set()
        for page in pages:
            for u in page.get("UserDetailList") or ():
                self._add(Principal(
                    arn=u["Arn"], name=u["UserName"], type="user",
                    inline=_inline(u.get("UserPolicyList")), managed=_managed(u),
                    groups=list(u.get("GroupList") or ()),
                    boundary=(u.get("PermissionsBoundary") or {}).get("PermissionsBoundaryArn"),
                    tags=_tags(u)))
            for r in page.get("RoleDetailList") or ():
                self._add(Principal(
                    arn=r["Arn"], name=r["RoleName"], type="role",
                    inline=_inline(r.get("RolePolicyList")), managed=_managed(r),
                    boundary=(r.get("PermissionsBoundary") or {}).get("PermissionsBoundaryArn"),
                    trust_policy=r.get("AssumeRolePolicyDocument"), tags=_tags(r)))
            for gr in page.get("GroupDetailList") or ():
                self._groups[gr["GroupName"]] = _Group(
                    name=gr["GroupName"], arn=gr["Arn"],
                    inline=_inline(gr.get("GroupPolicyList")), managed=_managed(gr))
            for p in page.get("Policies") or ():
                document = _default_version(p)
                if document is not None:
                    self._managed_docs[p["Arn"]] = document
        for principal in self._principals.values():
            parts = _arn_parts(principal.arn)
            if parts:
                accounts.add(parts[2])
        #: The account the principals belong to (None for an empty export).
        self.account_id: Optional[str] = min(accounts) if accounts else None
        self.management_account = management_account
        self._scps = [list(level) for level in scps]
        self._rcps = [list(level) for level in rcps]
        self._resource_docs = dict(resource_policies or {})
        self._lock = threading.Lock()
        self._parsed: dict[tuple[str, str], Policy] = {}
        self._org: Optional[tuple[list[list[Policy]], list[list[Policy]]]] = None
        self._sets: dict[tuple[str, str], PolicySet] = {}

    # -- loading ---------------------------------------------------------------

    @classmethod
    def from_file(cls, path: Union[str, "os.PathLike[str]", IO[str]], **options: Any) -> "AccountModel":
        """Load an export from a file path or an open text file; ``options``
        are those of the constructor."""
        if hasattr(path, "read"):
            return cls(json.load(path), **options)  # type: ignore[arg-type]
        with open(path, encoding="utf-8") as f:
            return cls(json.load(f), **options)

    @classmethod
    def from_json(cls, text: Union[str, bytes], **options: Any) -> "AccountModel":
        """Load an export from its JSON text; ``options`` are those of the constructor."""
        return cls(json.loads(text), **options)

    def _add(self, principal: Principal) -> None:
        self._principals[principal.arn] = principal
        self._by_name[(principal.type, principal.name)] = principal

    # -- what the account holds ------------------------------------------------

    @property
    def principals(self) -> list[Principal]:
        """Every user and role, users first, each sorted by ARN."""
        return sorted(self._principals.values(), key=lambda p: (p.type != "user", p.arn))

    def principal(self, arn: str) -> Optional[Principal]:
        """The user or role an ARN names, or None if the ARN is no IAM user, role
        or role session. IAM user and role ARNs match with or without their
        path; a role session (``arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION``)
        names its role.

        Raises:
            UnknownPrincipalError: an IAM user, role or role session of a role
                the export does not hold.
        """
        exact = self._principals.get(arn)
        if exact is not None:
            return exact
        parts = _arn_parts(arn)
        if parts is None:
            return None
        _, service, account, kind, rest = parts
        if service == "iam" and kind in ("user", "role"):
            name = rest.rsplit("/", 1)[-1]
        elif service == "sts" and kind == "assumed-role":
            name, kind = rest.split("/", 1)[0], "role"
        else:
            return None
        found = self._by_name.get((kind, name))
        if found is None or _arn_parts(found.arn)[2] != account:  # type: ignore[index]
            raise UnknownPrincipalError(f"no {kind} `{name}` in account {account} in this export")
        return found

    # -- policies --------------------------------------------------------------

    def _policy(self, key: str, label: str, document: Any, kind: str) -> Policy:
        cache_key = (key, kind)
        policy = self._parsed.get(cache_key)
        if policy is not None:
            return policy
        if isinstance(document, Policy):
            policy = document
        else:
            try:
                # AWS stored these documents, so its size quotas are moot;
                # AWS managed policies are larger than customers may write.
                policy = Policy(document, kind, enforce_aws_size_quotas=False)
            except PolicyError as e:
                raise PolicyError(f._with_document(label) for f in e.findings) from None
        self._parsed[cache_key] = policy
        return policy

    def _managed_policy(self, arn: str, owner: str) -> Policy:
        document = self._managed_docs.get(arn)
        if document is None:
            raise MissingPolicyError(f"{owner} has managed policy {arn}, which the export does not hold")
        return self._policy("managed:" + arn, arn, document, "identity")

    def identity_policies(self, principal: Principal) -> list[Policy]:
        """The identity-based policies in force for a user or role: its inline
        and managed policies and, for a user, those of its groups, in the order
        explanations number them (``StatementRef.policy_index``).

        Raises:
            MissingPolicyError: a managed policy or group is not in the export.
            PolicyError: a document the engine rejects.
        """
        return [policy for _, policy in self._identity_entries(principal)]

    def identity_policy_names(self, principal: Principal) -> list[str]:
        """Names for ``identity_policies(principal)``, index for index:
        ``ARN inline NAME`` for inline policies, the policy ARN for managed
        ones, followed by ``via group NAME`` for a group's.

        Raises:
            MissingPolicyError: a managed policy or group is not in the export.
        """
        return [name for name, _ in self._identity_entries(principal)]

    def _identity_entries(self, principal: Principal) -> list[tuple[str, Policy]]:
        out: list[tuple[str, Policy]] = []
        owner = f"{principal.type} {principal.name}"
        for name, document in principal.inline.items():
            label = f"{principal.arn} inline {name}"
            out.append((label, self._policy(f"inline:{principal.arn}:{name}", label, document, "identity")))
        for arn in principal.managed:
            out.append((arn, self._managed_policy(arn, owner)))
        for group_name in principal.groups:
            group = self._groups.get(group_name)
            if group is None:
                raise MissingPolicyError(f"{owner} is in group {group_name}, which the export does not hold")
            via = f" via group {group_name}"
            for name, document in group.inline.items():
                label = f"{group.arn} inline {name}"
                out.append((label + via, self._policy(f"inline:{group.arn}:{name}", label, document, "identity")))
            for arn in group.managed:
                out.append((arn + via, self._managed_policy(arn, f"group {group_name}")))
        return out

    def source_of(self, principal_arn: str, resource: str, statement: StatementRef) -> str:
        """Which policy of the export (or of the model's SCPs, RCPs and
        resource policies) a determining statement of ``can(principal_arn, ...,
        resource)`` belongs to, e.g. ``arn:aws:iam::aws:policy/ReadOnlyAccess via
        group developers`` or ``arn:aws:iam::111122223333:role/deploy trust policy``.

        Raises:
            UnknownPrincipalError, MissingPolicyError: as ``can``.
        """
        kind = statement.kind
        principal = self.principal(principal_arn)
        if kind == "identity" and principal is not None:
            return self.identity_policy_names(principal)[statement.policy_index]
        if kind == "permissionsBoundary" and principal is not None and principal.boundary:
            return principal.boundary
        if kind in ("scp", "rcp"):
            return f"{kind}s[{statement.level}][{statement.policy_index}]"
        if kind in ("resource", "roleTrust", "kmsKey"):
            role = self._role_named_by(resource)
            if role is not None and role.trust_policy is not None:
                return f"{role.arn} trust policy"
            key = self._resource_policy_key(resource)
            if key is not None:
                return key
        return f"{kind}[{statement.policy_index}]"

    def _boundary(self, principal: Principal) -> Optional[Policy]:
        if principal.boundary is None:
            return None
        document = self._managed_docs.get(principal.boundary)
        if document is None:
            raise MissingPolicyError(
                f"{principal.type} {principal.name} has permissions boundary "
                f"{principal.boundary}, which the export does not hold")
        return self._policy("managed:" + principal.boundary, principal.boundary, document,
                            "permissionsBoundary")

    def _role_named_by(self, resource: str) -> Optional[Principal]:
        parts = _arn_parts(resource)
        if parts is None or parts[1] != "iam" or parts[3] != "role":
            return None
        role = self._principals.get(resource) or self._by_name.get(("role", parts[4].rsplit("/", 1)[-1]))
        if role is None or role.type != "role" or _arn_parts(role.arn)[2] != parts[2]:  # type: ignore[index]
            return None
        return role

    def _resource_policy_key(self, resource: str) -> Optional[str]:
        # The longest key that is the resource or an ancestor of it
        # (`arn:aws:s3:::bucket` for `arn:aws:s3:::bucket/key`).
        best: Optional[str] = None
        for key in self._resource_docs:
            if resource == key or resource.startswith(key + "/"):
                if best is None or len(key) > len(best):
                    best = key
        return best

    def _resource_policy(self, resource: str) -> tuple[str, Optional[Policy]]:
        role = self._role_named_by(resource)
        if role is not None and role.trust_policy is not None:
            # A role's trust policy is its resource-based policy.
            key = "trust:" + role.arn
            return key, self._policy(key, f"{role.arn} trust policy", role.trust_policy, "roleTrust")
        best = self._resource_policy_key(resource)
        if best is None:
            return "", None
        return ("resource:" + best,
                self._policy("resource:" + best, best, self._resource_docs[best],
                             _resource_policy_kind(best)))

    def _organization(self) -> tuple[list[list[Policy]], list[list[Policy]]]:
        if self._org is None:
            scps = [[self._policy(f"scp:{l}:{i}", f"scps[{l}][{i}]", d, "scp") for i, d in enumerate(level)]
                    for l, level in enumerate(self._scps)]
            rcps = [[self._policy(f"rcp:{l}:{i}", f"rcps[{l}][{i}]", d, "rcp") for i, d in enumerate(level)]
                    for l, level in enumerate(self._rcps)]
            self._org = (scps, rcps)
        return self._org

    def policy_set(self, principal_arn: str, resource: str) -> PolicySet:
        """The compiled set in force when ``principal_arn`` acts on ``resource``
        (cached).

        Raises:
            UnknownPrincipalError, MissingPolicyError, PolicyError: as ``can``.
        """
        principal = self.principal(principal_arn)
        with self._lock:
            resource_key, resource_policy = self._resource_policy(resource)
            key = (principal.arn if principal else "", resource_key)
            cached = self._sets.get(key)
            if cached is not None:
                return cached
            scps, rcps = self._organization()
            identity = self.identity_policies(principal) if principal else []
            boundary = self._boundary(principal) if principal else None
            built = PolicySet(identity=identity, resource=resource_policy,
                              permissions_boundary=boundary, scps=scps, rcps=rcps)
            self._sets[key] = built
            return built

    # -- questions -------------------------------------------------------------

    @overload
    def can(
        self,
        principal_arn: str,
        action: str,
        resource: str,
        context: Optional[Mapping[str, Any]] = None,
        *,
        explain: Literal[True],
        **request_fields: Any,
    ) -> ExplainedDecision: ...
    @overload
    def can(
        self,
        principal_arn: str,
        action: str,
        resource: str,
        context: Optional[Mapping[str, Any]] = None,
        *,
        explain: bool = False,
        **request_fields: Any,
    ) -> Decision: ...
    def can(
        self,
        principal_arn: str,
        action: str,
        resource: str,
        context: Optional[Mapping[str, Any]] = None,
        *,
        explain: bool = False,
        **request_fields: Any,
    ) -> Decision:
        """Whether ``principal_arn`` may perform ``action`` on ``resource``.

        The answer is the engine's Decision; it is truthy when allowed, and
        ``.decision`` says ``"allowed"``, ``"explicitDeny"`` or
        ``"implicitDeny"``. The principal may be a user or role of the
        export (with or without its path), a session of one of its roles,
        the account root, or a caller from outside (a service principal, an
        anonymous ``"*"``), for which only resource policies can grant.

        The principal's tags are sent as ``aws:PrincipalTag/KEY`` unless
        ``context`` sets those keys. ``request_fields`` are Request's keyword
        arguments (``resource_account``, ``current_time``, ...).

        A resource whose ARN names no account (S3) is the export's account's
        when ``resource_policies`` holds its policy; otherwise its owner is
        unknown unless ``resource_account`` says it, and the engine decides
        by the rule safe for every owner (both accounts must allow).

        Raises:
            UnknownPrincipalError: an IAM user or role the export does not hold
                (a ValueError).
            ValueError: a question that cannot be asked: the engine finds the
                request invalid (a principal that is no ARN, account id,
                service or ``*``; an action without a service prefix), rather
                than answering "denied".
            MissingPolicyError: a policy the principal depends on is missing.
            PolicyError: a document in force that the engine rejects.
        """
        principal = self.principal(principal_arn)
        request_principal = principal_arn
        if principal is not None and _arn_parts(principal_arn)[1] == "iam":  # type: ignore[index]
            request_principal = principal.arn  # with its path, as AWS reports it
        policies = self.policy_set(principal_arn, resource)
        fields = dict(request_fields)
        if principal is not None and self.management_account:
            fields.setdefault("principal_in_management_account", True)
        if principal is not None and principal.type == "role" and \
                _arn_parts(principal_arn)[1] == "sts":  # type: ignore[index]
            # A session ARN has no path; aws:PrincipalArn is the role's ARN with
            # it (IAM Identity Center roles: role/aws-reserved/sso.amazonaws.com/).
            fields.setdefault("principal_role_arn", principal.arn)
        if self.account_id and fields.get("resource_account") is None:
            parts = resource.split(":", 5)
            names_no_account = len(parts) == 6 and parts[0] == "arn" and not parts[4]
            if names_no_account and self._resource_policy_key(resource) is not None:
                # The model was given this resource's policy: the export's account owns it.
                fields["resource_account"] = self.account_id
        decision = policies.decide(request_principal, action, resource,
                                   self._context(principal, context), explain=explain, **fields)
        if decision.error is not None and decision.error.startswith("invalid request"):
            raise ValueError(f"cannot ask whether `{principal_arn}` may `{action}`: {decision.error}")
        return decision

    def who_can(
        self,
        action: str,
        resource: str,
        context: Optional[Mapping[str, Any]] = None,
        *,
        include_external: bool = False,
        **request_fields: Any,
    ) -> list[str]:
        """ARNs of the users and roles allowed to perform ``action`` on
        ``resource``, sorted. Principals whose policies are missing from the
        export are left out; ``unknowable`` lists them.

        ``resource`` may be a pattern (``arn:aws:s3:::reports/*``): a principal
        is then listed when the engine allows it on some resource the pattern
        matches (the account's own, without a resource policy; found as
        ``effective_permissions`` finds them, in parallel without the GIL).

        ``include_external``: also the callers outside the export's users and
        roles, as ``who_can_reach`` finds them (service principals, other
        accounts, anonymous callers, and whoever can assume a role that can).

        ``request_fields`` are Request's keyword arguments.

        Raises:
            ValueError: ``action`` has wildcards (``s3:Get*``): ask about one
                action at a time; the request is invalid (as ``can``); or a
                resource pattern comes with a context or request fields.
        """
        if include_external:
            return sorted({reach.caller for reach in
                           self.who_can_reach(action, resource, context, **request_fields)})
        if "*" in action or "?" in action:
            raise ValueError(f"who_can takes one action, not a pattern: `{action}`")
        if "*" in resource or "?" in resource:
            if context or request_fields:
                raise ValueError("who_can with a resource pattern takes no context or request fields")
            found = self.all_effective_permissions(actions=action, resources=resource)
            return sorted(p.principal for p in found if any(a.status == "allowed" for a in p.actions))
        allowed = []
        for principal in self.principals:
            try:
                if self.can(principal.arn, action, resource, context, **request_fields):
                    allowed.append(principal.arn)
            except MissingPolicyError:
                continue
        return sorted(allowed)

    def who_can_reach(
        self,
        action: str,
        resource: str,
        context: Optional[Mapping[str, Any]] = None,
        **request_fields: Any,
    ) -> list[Reach]:
        """Everyone who can perform ``action`` on ``resource``, directly or by
        assuming one role of the export first:

        - the users and roles ``who_can`` lists (``via`` None);
        - callers outside the export that the resource's own policy names
          (a bucket policy given as ``resource_policies``, a role's trust
          policy): service principals, anonymous ``*``, other accounts and
          their principals, each decided by the engine with the resource
          policy and, for another account's principal, an identity policy
          standing for "their own account allows it" (``via`` None);
        - for each role that can, whoever its trust policy lets assume it
          (service principals, other accounts, identity providers whose
          request needs no condition keys) and the users and roles of the
          export that may assume it (``via`` the role). One hop only.

        Sorted by caller, then ``via``.

        Raises:
            ValueError: as ``who_can``.
        """
        reaches: set[Reach] = set()
        direct = self.who_can(action, resource, context, **request_fields)
        reaches.update(Reach(arn, None) for arn in direct)
        if not ("*" in resource or "?" in resource):
            _, policy_doc = self._resource_document(resource)
            if policy_doc is not None:
                for caller, _ in _policy_callers(policy_doc):
                    if self._external_can(caller, action, resource, context, request_fields):
                        reaches.add(Reach(caller, None))
        for arn in direct:
            role = self.principal(arn)
            if role is None or role.type != "role" or role.trust_policy is None:
                continue
            for caller, assume in _policy_callers(role.trust_policy):
                if self._external_can(caller, assume, role.arn, None, {}):
                    reaches.add(Reach(caller, role.arn))
            for other in self.principals:
                if other.arn == role.arn:
                    continue
                try:
                    if self.can(other.arn, "sts:AssumeRole", role.arn):
                        reaches.add(Reach(other.arn, role.arn))
                except MissingPolicyError:
                    continue
        return sorted(reaches, key=lambda r: (r.caller, r.via or ""))

    def _resource_document(self, resource: str) -> tuple[Optional[str], Any]:
        role = self._role_named_by(resource)
        if role is not None and role.trust_policy is not None:
            return "roleTrust", role.trust_policy
        key = self._resource_policy_key(resource)
        if key is None:
            return None, None
        return _resource_policy_kind(key), self._resource_docs[key]

    def _external_can(self, caller: str, action: str, resource: str,
                      context: Optional[Mapping[str, Any]], fields: Mapping[str, Any]) -> bool:
        """Whether a caller outside the export may act on a resource of the
        account: the engine decides with the resource's policy, the RCPs, and
        for another account's principal an identity policy standing for its
        own account's grant. The account's own principals are who_can's."""
        principal = caller
        if re.fullmatch(r"\d{12}", caller):
            principal = f"arn:aws:iam::{caller}:root"
        parts = _arn_parts(principal)
        if parts is not None and parts[2] == self.account_id:
            return False  # the account's own: asked through its users and roles
        kind, document = self._resource_document(resource)
        if kind is None or document is None:
            return False
        resource_policy = self._policy(f"external:{kind}:{resource}", resource, document, kind)
        _, rcps = self._organization()
        identity = []
        if parts is not None and parts[2]:
            identity = [Policy({"Version": "2012-10-17", "Statement": [
                {"Effect": "Allow", "Action": action, "Resource": resource}]}, "identity")]
        policies = PolicySet(identity=identity, resource=resource_policy, rcps=rcps)
        fields = dict(fields)
        if self.account_id and fields.get("resource_account") is None:
            fields["resource_account"] = self.account_id
        try:
            decision = policies.decide(principal, action, resource, context, **fields)
        except (TypeError, ValueError):
            return False
        return bool(decision.allowed)

    # -- effective permissions ---------------------------------------------------

    def effective_permissions(
        self,
        principal_arn: str,
        *,
        actions: Optional[str] = None,
        resources: Optional[str] = None,
        catalogue: Optional[str] = None,
    ) -> EffectivePermissions:
        """What a user or role of the export can do, over the whole catalogue:
        every action its policies allow, grouped by service and access level,
        each with the request the engine allowed (or ``"conditional"`` when only
        conditions stand in the way), the statements that grant it and those
        that bound it (spec/effective-permissions.md). Resources are the
        account's own, without a resource policy of their own.

        ``actions`` narrows to an action pattern (``s3:Get*``), ``resources``
        to a resource pattern (``arn:aws:s3:::reports/*``). The work runs in
        the engine without the GIL.

        Raises:
            UnknownPrincipalError, MissingPolicyError, PolicyError: as ``can``.
            ValueError: the ARN names no user or role of the export, or the
                catalogue cannot be read.
        """
        return self.all_effective_permissions([principal_arn], threads=1, actions=actions,
                                              resources=resources, catalogue=catalogue)[0]

    def all_effective_permissions(
        self,
        principals: Optional[Iterable[str]] = None,
        *,
        threads: int = 2,
        actions: Optional[str] = None,
        resources: Optional[str] = None,
        catalogue: Optional[str] = None,
    ) -> list[EffectivePermissions]:
        """``effective_permissions`` of many principals (default: every user and
        role the export can answer for, ``unknowable()`` left out), in order,
        computed by the engine on ``threads`` threads without the GIL."""
        if principals is None:
            missing = set(self.unknowable())
            chosen = [p for p in self.principals if p.arn not in missing]
        else:
            chosen = []
            for arn in principals:
                principal = self.principal(arn)
                if principal is None:
                    raise ValueError(f"`{arn}` names no user or role of this export")
                chosen.append(principal)
        jobs = []
        for principal in chosen:
            policies = self.policy_set(principal.arn, "*")  # no resource policy
            context = {"aws:PrincipalTag/" + k: v for k, v in principal.tags.items()}
            service_linked = principal.type == "role" and ":role/aws-service-role/" in principal.arn
            jobs.append((policies, principal.arn, context, self.management_account, service_linked))
        path = catalogue_path(catalogue)
        answers = _iameval._effective_permissions(jobs, path, max(1, int(threads)), actions or "",
                                                  resources or "")
        table = _catalogue_actions(path)
        info = _catalogue_info(path)
        return [self._effective(principal, answer, table, info) for principal, answer in zip(chosen, answers)]

    def _identity_documents(self, principal: Principal) -> list[Any]:
        # The documents of identity_policies(principal), index for index.
        docs: list[Any] = list(principal.inline.values())
        docs += [self._managed_docs.get(arn) for arn in principal.managed]
        for group_name in principal.groups:
            group = self._groups[group_name]
            docs += list(group.inline.values())
            docs += [self._managed_docs.get(arn) for arn in group.managed]
        return docs

    def _effective(self, principal: Principal, answer: tuple[Any, ...], table: list[tuple[str, str, str]],
                   info: Mapping[str, str]) -> EffectivePermissions:
        error, decisions, statements, ids, statuses, resource_ids, witnesses, ref_ids, refs = answer
        if error is not None:
            raise ValueError(f"cannot compute the effective permissions of `{principal.arn}`: {error}")

        def build() -> list[ActionPermission]:
            grants = self._access_grants(principal, statements)
            ref_table = [(tuple(grants[i] for i in g), tuple(grants[i] for i in b)) for g, b in refs]
            out = []
            for action, status, resource, ref in zip(array("I", ids), statuses, array("I", resource_ids),
                                                     array("I", ref_ids)):
                name, service, level = table[action]
                granted, bounded = ref_table[ref]
                out.append(ActionPermission(
                    action=name, service=service, access_level=level,
                    status="allowed" if status == 0 else "conditional", resource=witnesses[resource],
                    grants=granted, bounds=bounded))
            return out

        return EffectivePermissions(principal.arn, info, decisions, build)

    def _access_grants(self, principal: Principal, statements: list[Mapping[str, Any]]) -> list[AccessGrant]:
        names = self.identity_policy_names(principal)
        documents = self._identity_documents(principal)
        parsed: dict[int, Any] = {}

        def condition(document: Any, index: int) -> Optional[Mapping[str, Any]]:
            if document is None or isinstance(document, Policy):
                return None
            key = id(document)
            if key not in parsed:
                text, _ = document_text(document)
                parsed[key] = json.loads(text)
            found = parsed[key].get("Statement")
            if isinstance(found, Mapping):
                found = [found]
            if not isinstance(found, list) or not 0 <= index < len(found):
                return None
            value = found[index].get("Condition")
            return value if isinstance(value, Mapping) else None

        out = []
        for s in statements:
            kind, index, level = s["kind"], s["policy_index"], s["level"]
            document: Any = None
            if kind == "identity":
                label, document = names[index], documents[index]
            elif kind == "permissionsBoundary" and principal.boundary:
                label, document = principal.boundary, self._managed_docs.get(principal.boundary)
            elif kind in ("scp", "rcp"):
                label = f"{kind}s[{level}][{index}]"
                document = (self._scps if kind == "scp" else self._rcps)[level][index]
            else:
                label = f"{kind}[{index}]"
            patterns = tuple(s["resources"])
            has_resources = bool(patterns)
            out.append(AccessGrant(
                policy=label, kind=kind, statement_index=s["statement_index"], sid=s["sid"],
                effect=s["effect"],
                resources=patterns if has_resources and not s["not_resource"] else None,
                not_resources=patterns if s["not_resource"] else None,
                conditional=s["conditional"],
                condition=condition(document, s["statement_index"]) if s["conditional"] else None))
        return out

    def unknowable(self) -> list[str]:
        """ARNs of principals no question can be answered for, because a policy
        or group they depend on is missing from the export."""
        out = []
        for principal in self.principals:
            try:
                self.identity_policies(principal)
                self._boundary(principal)
            except MissingPolicyError:
                out.append(principal.arn)
        return out

    @staticmethod
    def _context(principal: Optional[Principal], context: Optional[Mapping[str, Any]]) -> Optional[dict[str, Any]]:
        if principal is None or not principal.tags:
            return dict(context) if context is not None else None
        given = {k.lower() for k in (context or {})}
        out: dict[str, Any] = {}
        for key, value in principal.tags.items():
            name = "aws:PrincipalTag/" + key
            if name.lower() not in given:
                out[name] = value
        out.update(context or {})
        return out

    def __repr__(self) -> str:
        users = sum(1 for p in self._principals.values() if p.type == "user")
        return (f"<iameval.AccountModel account={self.account_id} users={users} "
                f"roles={len(self._principals) - users} groups={len(self._groups)} "
                f"policies={len(self._managed_docs)}>")


def load_authorization_details(source: Union[str, "os.PathLike[str]", IO[str], Mapping[str, Any], Sequence[Mapping[str, Any]]],
                               **options: Any) -> AccountModel:
    """An AccountModel from an authorization-details export: a file path, an
    open file, or the already parsed JSON (or a list of its pages).
    ``options`` are AccountModel's keyword arguments."""
    if isinstance(source, (str, os.PathLike)) or hasattr(source, "read"):
        return AccountModel.from_file(source, **options)  # type: ignore[arg-type]
    return AccountModel(source, **options)
