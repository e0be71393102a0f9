"""Benchmark runner: times each case and a reference implementation in the same run.

Each ``benchmarks/bench_*.py`` module defines ``cases(quick: bool) -> list[Case]``.
A :class:`Case` has the function under test, optionally a reference function (a
plain numpy/scipy/networkx implementation of the same job) and a target stated in
words. The runner prints one table: best-of-N seconds for ours and the reference,
their ratio (ours / reference; below 1 means we are faster) and the target.

Usage::

    python -m benchmarks              # full sizes (minutes)
    python -m benchmarks --quick      # small sizes, a smoke test used by CI
    python -m benchmarks --only money apportion
    python -m benchmarks --markdown   # table as Markdown, for docs/explanation/performance.md
"""

from __future__ import annotations

import argparse
import gc
import importlib
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
    """One benchmark: ``func`` is ours, ``reference`` the same job done plainly."""

    name: str
    func: Callable[[], Any]
    reference: Callable[[], Any] | None = None
    reference_name: str = ""
    target: str = ""
    repeat: int = 3
    setup: Callable[[], Any] | None = None
    notes: list[str] = field(default_factory=list)


def _best(func: Callable[[], Any], repeat: int) -> float:
    best = float("inf")
    for _ in range(max(1, repeat)):
        gc.collect()
        t0 = time.perf_counter()
        func()
        best = min(best, time.perf_counter() - t0)
    return best


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
    args = parser.parse_args(argv)

    topics = discover()
    if args.only:
        unknown = sorted(set(args.only) - set(topics))
        if unknown:
            parser.error(f"--only={unknown}: expected some of {topics}")
        topics = [t for t in topics if t in args.only]

    rows: list[tuple[str, str, str, str, str, str]] = []
    for topic in topics:
        module = importlib.import_module(f"benchmarks.bench_{topic}")
        for case in module.cases(args.quick):
            if case.setup is not None:
                case.setup()
            ours = _best(case.func, case.repeat)
            ref = _best(case.reference, case.repeat) if case.reference is not None else None
            ratio = f"{ours / ref:.2f}" if ref else "-"
            rows.append(
                (
                    topic,
                    case.name,
                    _fmt(ours),
                    f"{case.reference_name} {_fmt(ref)}".strip() if ref is not None else "-",
                    ratio,
                    case.target,
                )
            )
            print(f"  {topic}: {case.name}: {_fmt(ours)}", file=sys.stderr, flush=True)

    header = ("topic", "case", "sportsgov", "reference", "ratio", "target")
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
    return 0
