"""Plain-data result types and the PolicyError exception.

These are ordinary frozen dataclasses, so results can be compared, hashed,
pattern-matched and turned into JSON (``to_dict()``) without touching the
engine. The compiled module builds them; nothing here decides anything.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any, Iterable, Literal, Optional, Tuple

Severity = Literal["error", "warning"]
DecisionName = Literal["allowed", "explicitDeny", "implicitDeny"]


@dataclass(frozen=True)
class Finding:
    """One problem found in a policy document.

    Attributes:
        code: stable kebab-case identifier (spec/findings.md), e.g.
            ``"invalid-effect"``; scripts may rely on it.
        severity: ``"error"`` (AWS would reject the document) or ``"warning"``.
        message: lowercase, no trailing period, user input in backticks.
        path: JSON path of the offending element, e.g. ``Statement[2].Condition``.
        line: 1-based line in the document's text, 0 when unknown. Documents
            given as Python mappings have no text of their own: use ``path``.
        column: 1-based column in Unicode code points, 0 when unknown.
        help: optional advice, kept apart from the message.
        document: which document of a policy set the finding is in, e.g.
            ``"identity[1]"`` or ``"scps[0][2]"``; None for a lone document.
    """

    code: str
    severity: Severity
    message: str
    path: str
    line: int
    column: int
    help: Optional[str] = None
    document: Optional[str] = None

    @property
    def is_error(self) -> bool:
        """True when AWS would reject the document for this finding."""
        return self.severity == "error"

    def format(self, file: Optional[str] = None) -> str:
        """``file:line:column: severity: message [code]``, as the CLI prints it.

        ``file`` defaults to the finding's document name, else ``"policy"``.
        """
        from . import _iameval  # deferred: the compiled module imports this one

        name = file if file is not None else (self.document or "policy")
        return _iameval.format_finding(
            self.code, self.severity, self.message, self.path, self.line, self.column, name
        )

    def to_dict(self) -> dict[str, Any]:
        """The finding as a plain dict, with the field names of the JSON API."""
        return dataclasses.asdict(self)

    def _with_document(self, document: str) -> "Finding":
        return dataclasses.replace(self, document=document)

    def __str__(self) -> str:
        return self.format()


@dataclass(frozen=True)
class StatementRef:
    """A statement that determined a decision, named so a person can find it.

    Attributes:
        kind: the policy kind, e.g. ``"identity"``, ``"scp"``.
        policy_index: position of the policy in its list (for SCPs and RCPs,
            within its level; 0 for the resource policy and the boundary).
        level: organization level for SCPs and RCPs, else None.
        policy_id: the document's ``Id``, or None.
        statement_index: position in the ``Statement`` array.
        sid: the statement's ``Sid``, or None.
        effect: ``"Allow"`` or ``"Deny"``.
        line: where the statement's object starts (0 when the document was
            given as a mapping).
        column: 1-based column, 0 when unknown.
    """

    kind: str
    policy_index: int
    level: Optional[int]
    policy_id: Optional[str]
    statement_index: int
    sid: Optional[str]
    effect: Literal["Allow", "Deny"]
    line: int
    column: int


@dataclass(frozen=True)
class KindVerdict:
    """What one policy kind (or one organization level) said about a request.

    Attributes:
        kind: the policy kind.
        level: organization level for SCPs and RCPs, else None.
        verdict: ``"notApplicable"``, ``"allowed"``, ``"denied"`` or ``"noMatch"``.
    """

    kind: str
    level: Optional[int]
    verdict: Literal["notApplicable", "allowed", "denied", "noMatch"]


@dataclass(frozen=True)
class MissingKey:
    """A condition key that a statement in force consulted and the request
    lacked (what AWS's simulator calls MissingContextValues).

    Attributes:
        key: the key, as the policy wrote it.
        could_change_decision: giving it a value could change the decision.
        always_set: AWS sets it on every request of this kind of caller, so a
            request without it is not one AWS would see.
    """

    key: str
    could_change_decision: bool
    always_set: bool


@dataclass(frozen=True)
class FailedCondition:
    """A statement that matched the request's action, resource and principal
    but did not apply because one operator/key entry of its Condition failed.

    Attributes:
        statement: the statement.
        operator: the condition operator as written, e.g. ``"StringEquals"``.
        key: the condition key as written, e.g. ``"sts:ExternalId"``.
        key_missing: the request has no value for the key.
    """

    statement: StatementRef
    operator: str
    key: str
    key_missing: bool


@dataclass(frozen=True)
class Explanation:
    """Why a request got its decision.

    Attributes:
        decision: the decision explained.
        reason: one lowercase sentence, e.g. ``"the permissions boundary does
            not allow `s3:GetObject`"``.
        determining: every Deny that applied (explicitDeny), the Allows that
            granted (allowed), or nothing (implicitDeny: see ``reason``).
        verdicts: one entry per policy kind in force, SCP and RCP levels
            separately.
        reason_code: the rule that decided, as a stable kebab-case code
            (spec/decision.md §11), e.g. ``"boundary-does-not-allow"``.
        notes: what the answer rests on that the request did not state, one
            sentence each (e.g. ``aws:PrincipalArn`` derived for a role
            session without the role's path: give ``principal_role_arn``;
            a key AWS always sets that the request lacks).
        missing_keys: the condition keys statements in force consulted and
            the request lacked.
        failed_conditions: for a denial, the statements that matched action,
            resource and principal but failed a condition, with the operator
            and key that failed.
    """

    decision: DecisionName
    reason: str
    determining: Tuple[StatementRef, ...]
    verdicts: Tuple[KindVerdict, ...]
    reason_code: str = ""
    notes: Tuple[str, ...] = ()
    missing_keys: Tuple[MissingKey, ...] = ()
    failed_conditions: Tuple[FailedCondition, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """The explanation as plain, JSON-serialisable data."""
        out = dataclasses.asdict(self)
        out["determining"] = [dict(d) for d in out["determining"]]
        out["verdicts"] = [dict(v) for v in out["verdicts"]]
        out["notes"] = list(out["notes"])
        out["missing_keys"] = [dict(k) for k in out["missing_keys"]]
        out["failed_conditions"] = [dict(f, statement=dict(f["statement"]))
                                    for f in out["failed_conditions"]]
        return out


class PolicyError(ValueError):
    """A policy document that AWS would reject.

    ``findings`` carries every finding (errors and warnings, in document
    order), each with its code, message, JSON path, line and column, and for
    policy sets the document it belongs to.
    """

    findings: list[Finding]

    def __init__(self, findings: Iterable[Finding]) -> None:
        self.findings = list(findings)
        super().__init__(self._summary())

    @property
    def errors(self) -> list[Finding]:
        """Only the findings of severity ``"error"``."""
        return [f for f in self.findings if f.is_error]

    def _summary(self) -> str:
        errors = self.errors
        if not errors:
            return "invalid policy"
        first = errors[0].format()
        more = len(errors) - 1
        return f"invalid policy: {first}" + (f" (and {more} more errors)" if more else "")

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.findings,))
