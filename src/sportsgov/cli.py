"""Command-line interface: ``sportsgov``.

The CLI is a thin face over the public API. See ``sportsgov --help``.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from sportsgov._version import __version__

__all__ = ["main"]


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``sportsgov`` command; returns the process exit code (0 ok, 1 failed, 2 usage).

    Examples
    --------
    >>> main(["--version"])
    sportsgov 0.1.0
    0
    """
    parser = argparse.ArgumentParser(
        prog="sportsgov", description="Sports-governance calculators."
    )
    parser.add_argument("--version", action="store_true", help="print the version and exit")
    args = parser.parse_args(argv)
    if args.version:
        print(f"sportsgov {__version__}")
        return 0
    parser.print_help()
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
