"""Shared pieces of the fuzz suite: a time bound per example and the error contract.

``bounded`` puts each hypothesis example under a wall-clock limit
(``FUZZ_TIMEOUT`` seconds, default 3): a Python-level hang raises
:class:`Hang` (a test failure) through ``SIGALRM``; a hang inside one C call
(a huge ``10**10**10``), which a signal cannot interrupt, is caught by the
``faulthandler`` watchdog armed in ``conftest.py``, which dumps every thread's
traceback and ends the run instead of letting CI hang.

``contract`` asserts the error contract: only ``SportsgovError`` escapes. With
``FUZZ_TALLY=path`` set, escaping exceptions are counted into ``path`` (one
``entry point<TAB>exception class`` line each) instead of failing: that is how
the counts before the fixes were taken (``FUZZ_EXAMPLES=n`` sets the number of
examples per test for such a survey).
"""

from __future__ import annotations

import contextlib
import functools
import os
import signal
import threading
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

from hypothesis import HealthCheck, Phase, settings

from sportsgov.errors import SportsgovError

LONG = os.environ.get("HYPOTHESIS_PROFILE") == "fuzz-long"
EXAMPLES = os.environ.get("FUZZ_EXAMPLES")  # a survey: that many examples per test
budget = settings(
    max_examples=int(EXAMPLES) if EXAMPLES else settings.default.max_examples if LONG else 25,
    # the quick run reports the first failing example as found, without shrinking
    phases=list(Phase) if LONG else [Phase.explicit, Phase.reuse, Phase.generate],
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
"""Settings for every fuzz test: 25 examples without shrinking in CI (the whole
directory stays under two minutes on a loaded 2-core machine), the ``fuzz-long``
profile's count with shrinking for local runs (``HYPOTHESIS_PROFILE=fuzz-long``)."""

TIMEOUT = float(os.environ.get("FUZZ_TIMEOUT", "3"))
TALLY = os.environ.get("FUZZ_TALLY")

F = TypeVar("F", bound=Callable[..., Any])


class Hang(AssertionError):
    """An example ran past the time bound."""


def _alarm(signum: int, frame: Any) -> None:
    raise Hang(f"example ran longer than FUZZ_TIMEOUT={TIMEOUT} s")


def bounded(fn: F) -> F:
    """Run each call of ``fn`` (each hypothesis example) under the time bound."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        usable = (
            hasattr(signal, "SIGALRM") and threading.current_thread() is threading.main_thread()
        )
        if not usable:  # pragma: no cover - Windows or a worker thread
            return fn(*args, **kwargs)
        old = signal.signal(signal.SIGALRM, _alarm)
        signal.setitimer(signal.ITIMER_REAL, TIMEOUT)
        try:
            return fn(*args, **kwargs)
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, old)

    return wrapper  # type: ignore[return-value]


@contextlib.contextmanager
def contract(entry: str) -> Iterator[None]:
    """Only SportsgovError may escape ``entry`` (others fail, or are tallied)."""
    try:
        yield
    except (SportsgovError, Hang):
        raise
    except Exception as exc:
        if TALLY:
            with open(TALLY, "a", encoding="utf-8") as out:
                out.write(f"{entry}\t{type(exc).__name__}\t{str(exc)[:80]!r}\n")
            return
        raise AssertionError(f"{entry} let {type(exc).__name__} escape: {str(exc)[:200]}") from exc


def call(entry: str, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """``fn(*args, **kwargs)``; None when it raised a SportsgovError (or was tallied)."""
    with contract(entry):
        try:
            return fn(*args, **kwargs)
        except SportsgovError:
            return None
    return None


# Text that has hung, overflowed or crashed loaders before, mixed into
# every text strategy.
HOSTILE = [
    "2 10**10**10",
    "10**10**10",
    "1e100000000",
    "1E+100000000",
    "9" * 5000,
    "sNaN",
    "NaN",
    "-inf",
    "Infinity",
    "1e309",
    str(2**63),
    str(2**61 + 1),
    "-0",
    "１２３",
    "万万万万万",
    "6.1万亩",
    "2.65 m^2",
    "m**99999999",
    "0x10",
    "1_000",
    "\x00",
    "",
    " ",
    "−5",
]
