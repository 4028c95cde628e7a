"""``iameval.lint``: check policies against AWS's catalogue of services,
actions, resource types and condition keys, as ``iameval lint`` does.

    >>> import iameval
    >>> result = iameval.lint({"Version": "2012-10-17", "Statement": [
    ...     {"Effect": "Allow", "Action": "s3:GetObjekt", "Resource": "*"}]})
    >>> result["findings"][0]["help"]
    'did you mean `s3:GetObject`?'
    >>> iameval.expand_actions("s3:GetObjectT*")
    ['s3:GetObjectTagging', 's3:GetObjectTorrent']

The result is the C++ engine's (``iameval::LintJson``, spec/lint.md): the
catalogue's date and source, and every finding with its code, severity
(``error``, ``security-warning``, ``warning``, ``suggestion``), Access
Analyzer's issue code (``awsCode``), message, path, line, column and help.
The catalogue ships inside the package; ``IAMEVAL_CATALOGUE`` or the
``catalogue`` argument names another file.
"""

from __future__ import annotations

import json
import os
from typing import Any, Optional

from . import _iameval
from ._documents import document_text

_PACKAGED = os.path.join(os.path.dirname(os.path.abspath(__file__)), "catalogue.tsv")


def catalogue_path(catalogue: Optional[str] = None) -> str:
    """The catalogue file used: ``catalogue``, else ``$IAMEVAL_CATALOGUE``, else the packaged one."""
    return catalogue or os.environ.get("IAMEVAL_CATALOGUE") or _PACKAGED


def lint_json(document: Any, kind: str = "identity", *, catalogue: Optional[str] = None) -> str:
    """The engine's JSON answer for ``document`` (a mapping, or JSON text whose
    line:column the findings then point into)."""
    text, _ = document_text(document)
    if isinstance(text, bytes):
        text = text.decode("utf-8", "surrogateescape")
    return _iameval._lint_json(json.dumps({"policy": text, "kind": kind}), catalogue_path(catalogue))


def lint(document: Any, kind: str = "identity", *, catalogue: Optional[str] = None) -> dict[str, Any]:
    """Lints one policy document of ``kind``: ``{"catalogue": {"date", "source"},
    "findings": [...]}``.

    Raises:
        ValueError: ``kind`` is no policy kind, or the catalogue cannot be read.
    """
    answer: dict[str, Any] = json.loads(lint_json(document, kind, catalogue=catalogue))
    if "error" in answer:
        raise ValueError(answer["message"])
    return answer


def expand_actions(pattern: str, *, catalogue: Optional[str] = None) -> list[str]:
    """Every action ``pattern`` (``s3:Get*``) matches, as ``prefix:Name``, sorted."""
    return _iameval._expand_actions(pattern, catalogue_path(catalogue))


def catalogue_info(catalogue: Optional[str] = None) -> dict[str, Any]:
    """``{"date", "source", "services", "actions"}`` of the catalogue used."""
    return _iameval._catalogue_info(catalogue_path(catalogue))
