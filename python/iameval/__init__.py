"""iameval: decide AWS IAM requests (allowed / explicitDeny / implicitDeny)
exactly as AWS does, with an embeddable C++17 engine.

Quick start::

    import iameval

    policies = iameval.PolicySet(identity=[{
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Action": "s3:GetObject",
                       "Resource": "arn:aws:s3:::reports/*"}],
    }])
    d = policies.decide("arn:aws:iam::111122223333:user/alice",
                        "s3:GetObject", "arn:aws:s3:::reports/q1.csv")
    d.decision   # "allowed"

Everything a decision means is decided by the engine; this package converts
Python values to the engine's types and back. See ``AccountModel`` for
answering questions over an ``aws iam get-account-authorization-details``
export, and ``python -m iameval`` for the command-line tool.
"""

from __future__ import annotations

import importlib.metadata as _metadata
from typing import Any

from ._types import (Explanation, FailedCondition, Finding, KindVerdict, MissingKey, PolicyError,
                     StatementRef)
from ._iameval import (
    Decision,
    ExplainedDecision,
    Policy,
    PolicySet,
    Request,
    check,
    check_json,
    decide_json,
    input_limits,
    set_input_limits,
)
from .analysis import access_json, access_not_granted, compare, compare_json, external_access, public_access
from .lint import catalogue_info, expand_actions, lint, lint_json
from .account import (
    AccessGrant,
    AccountModel,
    ActionPermission,
    EffectivePermissions,
    MissingPolicyError,
    Principal,
    Reach,
    UnknownPrincipalError,
    load_authorization_details,
)

# One source: engine/include/iameval/version.h, which setup.py reads into the
# distribution's metadata.
__version__: str = _metadata.version("iameval")

#: The policy kinds, as the engine names them.
POLICY_KINDS = (
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
)


def parse_policy(document: Any, kind: str = "identity", *, enforce_aws_size_quotas: bool = False) -> Policy:
    """Parse, validate and compile one policy document; same as ``Policy(...)``.

    Raises:
        PolicyError: AWS would reject the document.
    """
    return Policy(document, kind, enforce_aws_size_quotas=enforce_aws_size_quotas)


def validate(document: Any, kind: str = "identity", *, enforce_aws_size_quotas: bool = False) -> list[Finding]:
    """Every finding for ``document``, without raising; same as ``check(...)``."""
    return check(document, kind, enforce_aws_size_quotas=enforce_aws_size_quotas)


__all__ = [
    "AccessGrant",
    "AccountModel",
    "ActionPermission",
    "Decision",
    "EffectivePermissions",
    "ExplainedDecision",
    "Explanation",
    "FailedCondition",
    "Finding",
    "KindVerdict",
    "MissingKey",
    "MissingPolicyError",
    "POLICY_KINDS",
    "Policy",
    "PolicyError",
    "PolicySet",
    "Principal",
    "Reach",
    "Request",
    "StatementRef",
    "UnknownPrincipalError",
    "access_json",
    "access_not_granted",
    "check",
    "catalogue_info",
    "check_json",
    "compare",
    "compare_json",
    "decide_json",
    "expand_actions",
    "external_access",
    "input_limits",
    "lint",
    "lint_json",
    "load_authorization_details",
    "parse_policy",
    "public_access",
    "set_input_limits",
    "validate",
    "__version__",
]
