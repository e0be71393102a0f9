"""Apportionment: divisor search over numpy arrays versus seat-by-seat references.

Cases (full size / ``--quick`` size):

* ``webster 100k units, 10M seats``: ours (exact) against a plain float numpy
  bisection on the divisor (60 steps, no exactness, no tie handling): the cost of
  exactness on top of the least work the job needs. Target: well under 1 s.
* ``huntington-hill 100k units, 10M seats``: same reference with geometric-mean
  rounding.
* ``hamilton 100k units, 10M seats``: ours (exact integer remainders) against a
  float numpy largest remainder.
* ``dhondt 2k units, 200k seats``: ours against a straightforward heap-based
  seat-by-seat implementation (``heapq``, float priorities), the textbook
  highest-averages loop, at the same size.
* ``dhondt 50 units, 500 seats``: ours against the ``apportionment`` package
  (``compute("dhondt", ..., fractions=False)``; it builds the full votes x seats
  quotient table).
"""

from __future__ import annotations

import heapq

import numpy as np

from benchmarks.run import Case
from sportsgov.apportionment import apportion


def _bisect_divisor(weights: np.ndarray, total: int, rounding: str) -> np.ndarray:
    w = weights.astype(np.float64)
    lo, hi = w.sum() / (total + len(w)), w.sum() / max(1, total - len(w)) * 2
    seats = np.zeros(len(w))
    for _ in range(60):
        d = 0.5 * (lo + hi)
        x = w / d
        if rounding == "webster":
            seats = np.floor(x + 0.5)
        else:
            fl = np.floor(x)
            seats = np.maximum(fl + (x * x > fl * (fl + 1)), 1)
        s = seats.sum()
        if s == total:
            break
        if s > total:
            lo = d
        else:
            hi = d
    return seats


def _float_hamilton(weights: np.ndarray, total: int) -> np.ndarray:
    q = weights * (total / weights.sum())
    seats = np.floor(q)
    left = int(total - seats.sum())
    if left:
        seats[np.argpartition(-(q - seats), left - 1)[:left]] += 1
    return seats


def _heap_dhondt(weights: list[int], total: int) -> list[int]:
    seats = [0] * len(weights)
    heap = [(-float(w), i) for i, w in enumerate(weights)]
    heapq.heapify(heap)
    for _ in range(total):
        _, i = heapq.heappop(heap)
        seats[i] += 1
        heapq.heappush(heap, (-weights[i] / (seats[i] + 1), i))
    return seats


def cases(quick: bool) -> list[Case]:
    rng = np.random.default_rng(20261123)
    n, total = (2_000, 200_000) if quick else (100_000, 10_000_000)
    big = rng.integers(1_000, 10_000_000, n)
    hn, htotal = (200, 20_000) if quick else (2_000, 200_000)
    heap_w = rng.integers(1_000, 1_000_000, hn).tolist()
    small = rng.integers(1_000, 1_000_000, 50).tolist()

    def oracle() -> None:
        from apportionment import methods

        methods.compute("dhondt", small, 500, fractions=False, verbose=False)

    size = f"{n // 1000}k units, {total // 1000:,}k seats"
    return [
        Case(
            name=f"webster {size}",
            func=lambda: apportion(total, big, method="webster", ties="order"),
            reference=lambda: _bisect_divisor(big, total, "webster"),
            reference_name="numpy float bisection",
            target="< 1 s (exact)",
            max_seconds=1.0,
        ),
        Case(
            name=f"huntington-hill {size}",
            func=lambda: apportion(total, big, method="huntington-hill", ties="order"),
            reference=lambda: _bisect_divisor(big, total, "huntington-hill"),
            reference_name="numpy float bisection",
            target="< 1 s (exact)",
            max_seconds=1.0,
        ),
        Case(
            name=f"hamilton {size}",
            func=lambda: apportion(total, big, ties="order"),
            reference=lambda: _float_hamilton(big, total),
            reference_name="numpy float largest remainder",
            target="< 1 s (exact)",
            max_seconds=1.0,
        ),
        Case(
            name=f"dhondt {hn // 1000 or hn}{'k' if hn >= 1000 else ''} units, "
            f"{htotal // 1000}k seats",
            func=lambda: apportion(htotal, heap_w, method="dhondt", ties="order"),
            reference=lambda: _heap_dhondt(heap_w, htotal),
            reference_name="heapq seat by seat",
            target="faster than seat by seat",
            max_ratio=1.0,
        ),
        Case(
            name="dhondt 50 units, 500 seats",
            func=lambda: apportion(500, small, method="dhondt", ties="order"),
            reference=oracle,
            reference_name="apportionment pkg",
            target="faster than the peer",
            max_ratio=1.0,
        ),
    ]
