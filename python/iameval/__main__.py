"""``python -m iameval``: the command-line tool (see iameval.cli)."""

import sys

from .cli import main

if __name__ == "__main__":
    sys.exit(main())
