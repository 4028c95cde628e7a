"""``python -m iameval``: the native ``iameval`` tool itself.

The command line is C++ (engine/cli/): its ``RunCommandLine`` is compiled
into this package's extension module and runs here on the process's standard
streams, so ``python -m iameval`` and the ``iameval`` program have one usage
text, one set of flags and one set of exit codes (``python -m iameval
--help`` lists them).
"""

from __future__ import annotations

import os
import sys
from typing import Optional, Sequence

from . import _iameval

__all__ = ["main"]


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Run the tool on ``argv`` (default ``sys.argv[1:]``); returns the exit code.

    The tool writes to file descriptors 1 and 2 directly, not to
    ``sys.stdout``/``sys.stderr``: Python's buffers are flushed first so
    output keeps its order.
    """
    args = list(sys.argv[1:] if argv is None else argv)
    sys.stdout.flush()
    sys.stderr.flush()
    # Arguments go back to the bytes the OS gave (os.fsencode undoes Python's
    # surrogateescape decoding), so file names that are not UTF-8 still work.
    # `lint` and `expand` read the catalogue the package ships, unless told otherwise.
    from .lint import catalogue_path

    os.environ.setdefault("IAMEVAL_CATALOGUE", catalogue_path())
    return _iameval._run_command_line([os.fsencode(arg) for arg in args])
