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
        TypeError: ``document`` is not a mapping, str or bytes-like object.
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
        return json.dumps(document, ensure_ascii=False, separators=(",", ":")), False
    raise TypeError(
        "a policy document must be a mapping, JSON text (str or bytes) or "
        f"URL-encoded JSON text, not {type(document).__name__}"
    )
