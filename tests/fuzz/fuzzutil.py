"""Shared pieces of the fuzz suite: a time bound per example and the error contract.

``bounded`` puts each hypothesis example under a CPU-time limit
(``FUZZ_TIMEOUT`` seconds of this process's CPU time, default 3) and a
wall-clock backstop (``FUZZ_WALL_TIMEOUT`` seconds, default 60). A hang burns
CPU, so the CPU bound catches it quickly, while a machine loaded by other
processes (which stretches wall time, not this process's CPU time) does not
trip it: the CPU bound is a ``SIGPROF`` interval timer (``ITIMER_PROF``, user +
system time of the process) and, as a second check, the example's
``time.process_time()`` is compared with the bound when it ends (so code that
swallows the signal's exception still fails). The wall-clock ``SIGALRM``
backstop catches an example that waits without burning CPU. A hang inside one
C call (a huge ``10**10**10``), which no signal can interrupt, is caught by the
``faulthandler`` watchdog armed in ``conftest.py``, which dumps every thread's
traceback and ends the run instead of letting CI hang.

``contract`` asserts the error contract: only ``SportsgovError`` escapes. With
``FUZZ_TALLY=path`` set, escaping exceptions are counted into ``path`` (one
``entry point<TAB>exception class`` line each) instead of failing: that is how
the counts before the fixes were taken (``FUZZ_EXAMPLES=n`` sets the number of
examples per test for such a survey). With ``FUZZ_CALLS=path`` set, every call
made through :func:`call` or :func:`contract` appends ``entry point<TAB>outcome``
to ``path`` (``ok``, or the class of the exception raised): the number of
examples each entry point saw in a run.
"""

from __future__ import annotations

import contextlib
import faulthandler
import functools
import os
import signal
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st

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
"""CPU seconds (this process, user + system) one example may use."""
WALL_TIMEOUT = float(os.environ.get("FUZZ_WALL_TIMEOUT", "60"))
"""Wall-clock seconds one example may take: the backstop for a hang that waits."""
TALLY = os.environ.get("FUZZ_TALLY")
CALLS = os.environ.get("FUZZ_CALLS")

F = TypeVar("F", bound=Callable[..., Any])


class Hang(AssertionError):
    """An example ran past the time bound."""


HARD = float(os.environ.get("FUZZ_HARD_TIMEOUT", "300"))
"""Seconds without a new example before the ``faulthandler`` watchdog ends the run."""


def watchdog() -> None:
    """(Re-)arm the hard watchdog: dump every traceback and exit after ``HARD`` seconds."""
    faulthandler.dump_traceback_later(HARD, exit=True)


def _cpu_alarm(signum: int, frame: Any) -> None:
    raise Hang(f"example used more than FUZZ_TIMEOUT={TIMEOUT} s of CPU time")


def _wall_alarm(signum: int, frame: Any) -> None:
    raise Hang(f"example ran longer than FUZZ_WALL_TIMEOUT={WALL_TIMEOUT} s of wall time")


def bounded(fn: F) -> F:
    """Run each call of ``fn`` (each hypothesis example) under the time bounds."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        usable = (
            hasattr(signal, "SIGPROF") and threading.current_thread() is threading.main_thread()
        )
        if not usable:  # pragma: no cover - Windows or a worker thread
            return fn(*args, **kwargs)
        watchdog()  # a fresh window for the hard watchdog: it fires on no progress
        old_prof = signal.signal(signal.SIGPROF, _cpu_alarm)
        old_alrm = signal.signal(signal.SIGALRM, _wall_alarm)
        start = time.process_time()
        signal.setitimer(signal.ITIMER_PROF, TIMEOUT)
        signal.setitimer(signal.ITIMER_REAL, WALL_TIMEOUT)
        try:
            result = fn(*args, **kwargs)
        finally:
            signal.setitimer(signal.ITIMER_PROF, 0)
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGPROF, old_prof)
            signal.signal(signal.SIGALRM, old_alrm)
        used = time.process_time() - start
        if used > TIMEOUT:  # the signal's Hang was swallowed, or arrived late
            raise Hang(f"example used {used:.1f} s of CPU time, over FUZZ_TIMEOUT={TIMEOUT} s")
        return result

    return wrapper  # type: ignore[return-value]


def _record(entry: str, outcome: str) -> None:
    if CALLS:
        with open(CALLS, "a", encoding="utf-8") as out:
            out.write(f"{entry}\t{outcome}\n")


@contextlib.contextmanager
def contract(entry: str) -> Iterator[None]:
    """Only SportsgovError may escape ``entry`` (others fail, or are tallied)."""
    try:
        yield
    except (SportsgovError, Hang) as exc:
        _record(entry, type(exc).__name__)
        raise
    except Exception as exc:
        _record(entry, f"escaped {type(exc).__name__}")
        if TALLY:
            with open(TALLY, "a", encoding="utf-8") as out:
                out.write(f"{entry}\t{type(exc).__name__}\t{str(exc)[:80]!r}\n")
            return
        raise AssertionError(f"{entry} let {type(exc).__name__} escape: {str(exc)[:200]}") from exc
    _record(entry, "ok")


def call(entry: str, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """``fn(*args, **kwargs)``; None when it raised a SportsgovError (or was tallied)."""
    try:
        with contract(entry):
            return fn(*args, **kwargs)
    except SportsgovError:
        return None
    return None  # an escaping exception was tallied


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


def mostly(
    valid: st.SearchStrategy[Any], invalid: st.SearchStrategy[Any], share: float = 0.2
) -> Any:
    """``valid`` in most examples and ``invalid`` in about ``share`` of them.

    A plain ``one_of`` of valid and hostile parts gives every part the same weight,
    so an input built from several parts is almost always refused before the
    calculator runs; this keeps the hostile share controlled.
    """
    cut = 20 - round(share * 20)  # hypothesis favours small integers: 0 is valid
    return st.integers(0, 19).flatmap(lambda i: invalid if i >= cut else valid)
