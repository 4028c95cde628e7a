"""How a Python value becomes the text of a policy document.

The engine reads JSON text; this module only gets it there. A mapping is
serialised compactly (so AWS's size quotas count what a person would have
written, not our indentation), and URL-encoded text, the form IAM's API
returns documents in (``%7B%22Version%22...``), is decoded first.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any, Optional, Tuple, Union
from urllib.parse import unquote_to_bytes

Document = Union[Mapping[str, Any], str, bytes, bytearray, memoryview]


def document_text(document: Any, url_encoded: Optional[bool] = None) -> Tuple[Union[str, bytes], bool]:
    """The text the engine should parse for ``document``, and whether that
    text is the caller's own (so line:column in findings point into it).

    ``url_encoded``: True decodes text as URL-encoded, False never does, None
    decodes text whose first non-blank character is ``%``. JSON text never
    starts with ``%``, so the default can only rescue text the engine would
    reject, never change the meaning of valid JSON.

    Raises:
        TypeError: ``document`` is not a mapping, str or bytes-like object, or
            a mapping holds a value JSON has no form for (a set, a datetime);
            the message names where (``Statement[0].Action``).
        ValueError: a mapping holds a NaN or infinite number (named likewise).
    """
    if isinstance(document, str):
        if url_encoded or (url_encoded is None and document.lstrip().startswith("%")):
            # As bytes: invalid UTF-8 behind a `%` escape is then reported by
            # the engine (invalid-utf8) like any other bad text.
            return unquote_to_bytes(document), True
        return document, True
    if isinstance(document, (bytes, bytearray, memoryview)):
        raw = bytes(document)
        if url_encoded or (url_encoded is None and raw.lstrip().startswith(b"%")):
            return unquote_to_bytes(raw), True
        return raw, True
    if isinstance(document, Mapping):
        try:
            return json.dumps(document, ensure_ascii=False, separators=(",", ":"), allow_nan=False), False
        except (TypeError, ValueError) as e:
            where, what = _first_non_json(document, "")
            message = f"`{where or '(the document)'}` holds {what}, which JSON cannot express"
            raise type(e)(message) from None
    raise TypeError(
        "a policy document must be a mapping, JSON text (str or bytes) or "
        f"URL-encoded JSON text, not {type(document).__name__}"
    )


def _path_join(path: str, key: Any) -> str:
    """The engine's spelling of a JSON path: ``Statement[0].Effect``, ``a["b c"]``."""
    if isinstance(key, int):
        return f"{path}[{key}]"
    name = str(key)
    if name.isidentifier():
        return f"{path}.{name}" if path else name
    return f"{path}[{json.dumps(name)}]"


def _first_non_json(value: Any, path: str) -> Tuple[str, str]:
    """Where in ``value`` the first thing JSON has no form for is, and what it is."""
    if isinstance(value, float) and (value != value or value in (float("inf"), float("-inf"))):
        return path, f"the number {value}"
    if value is None or isinstance(value, (str, int, float, bool)):
        return "", ""
    if isinstance(value, Mapping):
        for key, item in value.items():
            if not isinstance(key, (str, int, float, bool)) and key is not None:
                return _path_join(path, str(key)), f"a key of type {type(key).__name__}"
            found = _first_non_json(item, _path_join(path, str(key)))
            if found[1]:
                return found
        return "", ""
    if isinstance(value, (list, tuple)):
        for i, item in enumerate(value):
            found = _first_non_json(item, _path_join(path, i))
            if found[1]:
                return found
        return "", ""
    return path, f"a {type(value).__name__}"


def read_document_file(path: Any, limit: int) -> bytes:
    """The bytes of the file at ``path``, at most ``limit + 1`` of them: the
    engine then refuses a document over ``limit`` (document-too-large) without
    the file being read to its end."""
    with open(path, "rb") as f:
        return f.read(limit + 1)
