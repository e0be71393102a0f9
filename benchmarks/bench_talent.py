"""Benchmarks for sportsgov.talent: vectorized pipeline projections.

Ours: :meth:`PipelineModel.project` over all units at once. Reference: the same
recurrence ``n(t+1) = n(t)·P + r`` as a plain numpy loop, one unit at a time
(what an analyst would write first).
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np

from benchmarks.run import Case
from sportsgov.talent import PipelineModel

RATES = [
    ["0.60", "0.12", "0.02", "0", "0"],
    ["0", "0.65", "0.10", "0.01", "0"],
    ["0", "0", "0.70", "0.08", "0"],
    ["0", "0", "0", "0.75", "0.05"],
    ["0", "0", "0", "0", "0.85"],
]
MODEL = PipelineModel(["club", "school", "city", "province", "national"], RATES)


def _data(units: int, years: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(2024)
    stock = rng.integers(0, 2000, size=(units, 5))
    intake = rng.integers(0, 300, size=(units, years, 5))
    return stock, intake


def _numpy_loop(stock: np.ndarray, intake: np.ndarray, years: int) -> np.ndarray:
    p = MODEL.matrix()
    out = np.empty((stock.shape[0], years + 1, 5))
    for u in range(stock.shape[0]):
        n = stock[u].astype(float)
        out[u, 0] = n
        for t in range(years):
            n = n @ p + intake[u, t]
            out[u, t + 1] = n
    return out


def _fraction_loop(stock: np.ndarray, intake: np.ndarray, years: int) -> list[list[Fraction]]:
    p = [[Fraction(x) for x in row] for row in RATES]
    out = []
    for u in range(stock.shape[0]):
        n = [Fraction(int(x)) for x in stock[u]]
        for t in range(years):
            n = [
                sum((n[i] * p[i][j] for i in range(5)), Fraction(0)) + int(intake[u, t, j])
                for j in range(5)
            ]
        out.append(n)
    return out


def cases(quick: bool) -> list[Case]:
    units, years = (50, 5) if quick else (3000, 20)
    stock, intake = _data(units, years)
    small_units = 10 if quick else 200
    s_stock, s_intake = stock[:small_units], intake[:small_units]
    return [
        Case(
            name=f"project float {units}×5×{years}",
            func=lambda: MODEL.project(stock, years, intake),
            reference=lambda: _numpy_loop(stock, intake, years),
            reference_name="numpy loop per unit",
            target="well under 1 s at 3,000 × 5 × 20",
            max_seconds=1.0,
        ),
        Case(
            name=f"project integer {units}×5×{years}",
            func=lambda: MODEL.project(stock, years, intake, mode="integer"),
            reference=lambda: _numpy_loop(stock, intake, years),
            reference_name="numpy loop per unit (float)",
            target="whole people, < 1 s at 3,000 × 5 × 20",
            max_seconds=1.0,
        ),
        Case(
            name=f"project exact {small_units}×5×{years}",
            func=lambda: MODEL.project(s_stock, years, s_intake, mode="exact"),
            reference=lambda: _fraction_loop(s_stock, s_intake, years),
            reference_name="Fraction loop",
            target="audit mode; same order as a plain Fraction loop",
            repeat=1 if not quick else 3,
        ),
    ]
