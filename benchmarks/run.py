"""Benchmark runner: times each case and a reference implementation in the same run.

Each ``benchmarks/bench_*.py`` module defines ``cases(quick: bool) -> list[Case]``.
A :class:`Case` has the function under test, optionally a reference function (a
plain numpy/scipy/networkx implementation of the same job) and a target: stated in
words (``target``) and, where it is a number, machine-checked (``max_seconds``: ours
must take at most this long; ``max_ratio``: ours / reference must be at most this).
The runner prints one table: best-of-N seconds for ours and the reference (timed
alternately, ours then the reference, N times, so load changes hit both), their ratio
(ours / reference; below 1 means we are faster), the target and its verdict (PASS,
MISS, or ``-`` when the target is not a number).

Usage::

    python -m benchmarks                  # full sizes (minutes)
    python -m benchmarks --check          # ... and exit 1 if a numeric target is missed
    python -m benchmarks --quick --check  # small sizes (CI): misses reported, exit 0
    python -m benchmarks --quick --check --strict   # small sizes, exit 1 on a miss
    python -m benchmarks --only money apportion
    python -m benchmarks --markdown       # table as Markdown, for docs/explanation/performance.md

Timing depends on the machine and its load: ``--check`` prints the load average
(``os.getloadavg``) next to the verdicts so a miss on a busy machine can be told
from a regression. Quick sizes are dominated by fixed overheads, so their ratios
are not the full-size ratios the targets are written for; that is why a quick run
fails only with ``--strict``.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import os
import pkgutil
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


@dataclass
class Case:
    """One benchmark: ``func`` is ours, ``reference`` the same job done plainly.

    ``target`` states the goal in words; ``max_seconds`` and ``max_ratio`` are its
    machine-checked numbers (None: not checked). ``max_ratio`` needs a reference.
    """

    name: str
    func: Callable[[], Any]
    reference: Callable[[], Any] | None = None
    reference_name: str = ""
    target: str = ""
    repeat: int = 3
    setup: Callable[[], Any] | None = None
    notes: list[str] = field(default_factory=list)
    max_seconds: float | None = None
    max_ratio: float | None = None

    def __post_init__(self) -> None:
        if self.max_ratio is not None and self.reference is None:
            raise ValueError(f"case {self.name!r}: max_ratio={self.max_ratio} needs a reference")


def verdict(case: Case, ours: float, ref: float | None) -> tuple[str, list[str]]:
    """``("PASS" | "MISS" | "-", reasons)`` for one timed case against its numeric targets."""
    checks: list[tuple[bool, str]] = []
    if case.max_seconds is not None:
        ok = ours <= case.max_seconds
        checks.append((ok, f"{_fmt(ours)} {'<=' if ok else '>'} {_fmt(case.max_seconds)}"))
    if case.max_ratio is not None and ref:
        ratio = ours / ref
        ok = ratio <= case.max_ratio
        checks.append((ok, f"ratio {ratio:.2f} {'<=' if ok else '>'} {case.max_ratio:g}"))
    if not checks:
        return "-", []
    return ("PASS" if all(ok for ok, _ in checks) else "MISS"), [text for _, text in checks]


def _best_pair(
    func: Callable[[], Any], reference: Callable[[], Any] | None, repeat: int
) -> tuple[float, float | None]:
    """Best-of-``repeat`` seconds of ``func`` and ``reference``, run alternately (ours,
    reference, ours, ...) so that a change of machine load hits both sides alike."""
    best, best_ref = float("inf"), float("inf")
    for _ in range(max(1, repeat)):
        for which, f in ((0, func), (1, reference)):
            if f is None:
                continue
            gc.collect()
            t0 = time.perf_counter()
            f()
            took = time.perf_counter() - t0
            if which == 0:
                best = min(best, took)
            else:
                best_ref = min(best_ref, took)
    return best, (best_ref if reference is not None else None)


def _fmt(seconds: float | None) -> str:
    if seconds is None:
        return "-"
    if seconds < 1e-3:
        return f"{seconds * 1e6:.0f} µs"
    if seconds < 1:
        return f"{seconds * 1e3:.1f} ms"
    return f"{seconds:.2f} s"


def discover() -> list[str]:
    here = Path(__file__).resolve().parent
    return sorted(
        m.name[len("bench_") :]
        for m in pkgutil.iter_modules([str(here)])
        if m.name.startswith("bench_")
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--quick", action="store_true", help="small sizes (CI smoke run)")
    parser.add_argument(
        "--only", nargs="*", default=None, help="topics to run (e.g. money coverage)"
    )
    parser.add_argument("--markdown", action="store_true", help="print a Markdown table")
    parser.add_argument(
        "--check",
        action="store_true",
        help="print PASS/MISS per numeric target and exit 1 on a miss (see --strict)",
    )
    parser.add_argument(
        "--strict",
        action="store_true",
        help="with --quick --check: a miss fails the run too (default: reported only)",
    )
    args = parser.parse_args(argv)

    topics = discover()
    if args.only:
        unknown = sorted(set(args.only) - set(topics))
        if unknown:
            parser.error(f"--only={unknown}: expected some of {topics}")
        topics = [t for t in topics if t in args.only]

    rows: list[tuple[str, ...]] = []
    verdicts: list[tuple[str, str, str, list[str]]] = []
    for topic in topics:
        module = importlib.import_module(f"benchmarks.bench_{topic}")
        for case in module.cases(args.quick):
            if case.setup is not None:
                case.setup()
            ours, ref = _best_pair(case.func, case.reference, case.repeat)
            ratio = f"{ours / ref:.2f}" if ref else "-"
            status, reasons = verdict(case, ours, ref)
            verdicts.append((topic, case.name, status, reasons))
            row = (
                topic,
                case.name,
                _fmt(ours),
                f"{case.reference_name} {_fmt(ref)}".strip() if ref is not None else "-",
                ratio,
                case.target,
            )
            rows.append((*row, status) if args.check else row)
            print(f"  {topic}: {case.name}: {_fmt(ours)}", file=sys.stderr, flush=True)

    header: tuple[str, ...] = ("topic", "case", "sportsgov", "reference", "ratio", "target")
    if args.check:
        header = (*header, "check")
    if args.markdown:
        print("| " + " | ".join(header) + " |")
        print("|" + "---|" * len(header))
        for row in rows:
            print("| " + " | ".join(row) + " |")
    else:
        widths = [
            max(len(h), *(len(r[i]) for r in rows)) if rows else len(h)
            for i, h in enumerate(header)
        ]
        print("  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)))
        print("  ".join("-" * w for w in widths))
        for row in rows:
            print("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)))
    if not args.check:
        return 0
    return report_checks(verdicts, fail=not args.quick or args.strict)


def report_checks(verdicts: list[tuple[str, str, str, list[str]]], *, fail: bool) -> int:
    """Print one PASS/MISS line per checked case and the machine load; the exit status."""
    print()
    load = os.getloadavg() if hasattr(os, "getloadavg") else None
    cores = os.cpu_count() or 1
    if load is not None:
        print(
            f"machine load (1/5/15 min): {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} "
            f"on {cores} cores"
        )
    checked = [v for v in verdicts if v[2] != "-"]
    for topic, name, status, reasons in checked:
        print(f"{status}  {topic}: {name}: {'; '.join(reasons)}")
    misses = sum(1 for v in checked if v[2] == "MISS")
    unchecked = len(verdicts) - len(checked)
    summary = f"{len(checked) - misses} PASS, {misses} MISS, {unchecked} without a numeric target"
    if misses and not fail:
        summary += " (quick sizes: misses reported, not failed; --strict to fail)"
    print(summary)
    return 1 if misses and fail else 0
