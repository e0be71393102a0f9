"""Fuzz suite set-up: a hard watchdog behind the per-example time bound.

``faulthandler.dump_traceback_later`` runs in a C thread, so it fires even when
the main thread is stuck in one C call that ``SIGALRM`` cannot interrupt; it
dumps every traceback and exits, so a hang fails CI in seconds instead of
stalling it. The window is ``FUZZ_HARD_TIMEOUT`` seconds (default 300), armed
before each test and re-armed before each example (``fuzzutil.bounded``), so it
fires when no example has started for that long, however long a whole test runs
(the ``fuzz-long`` profile runs 5,000 examples per test).
"""

from __future__ import annotations

import faulthandler
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

# The suite runs with --import-mode=importlib: make fuzzutil importable.
sys.path.insert(0, str(Path(__file__).parent))

from fuzzutil import watchdog


@pytest.fixture(autouse=True)
def _watchdog() -> Iterator[None]:
    watchdog()
    try:
        yield
    finally:
        faulthandler.cancel_dump_traceback_later()
