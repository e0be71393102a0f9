"""Fuzz suite set-up: a hard watchdog behind the per-example time bound.

``faulthandler.dump_traceback_later`` runs in a C thread, so it fires even when
the main thread is stuck in one C call that ``SIGALRM`` cannot interrupt; it
dumps every traceback and exits, so a hang fails CI in seconds instead of
stalling it. The window is per test (reset before each), ``FUZZ_HARD_TIMEOUT``
seconds (default 300).
"""

from __future__ import annotations

import faulthandler
import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

# The suite runs with --import-mode=importlib: make fuzzutil importable.
sys.path.insert(0, str(Path(__file__).parent))

HARD = float(os.environ.get("FUZZ_HARD_TIMEOUT", "300"))


@pytest.fixture(autouse=True)
def _watchdog() -> Iterator[None]:
    faulthandler.dump_traceback_later(HARD, exit=True)
    try:
        yield
    finally:
        faulthandler.cancel_dump_traceback_later()
