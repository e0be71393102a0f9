"""``python -m sportsgov``: the same command as the ``sportsgov`` script."""

from __future__ import annotations

import sys

from sportsgov.cli import main

if __name__ == "__main__":
    sys.exit(main())
