"""Assess, score and rank many regions against many per-district targets.

Target: 3,000 regions × 60 targets assessed, scored and ranked in under 1 s.
The reference does the same job plainly with numpy floats (comparisons, a pro-rata
score per item, a sort for the ranking) — no statuses by period, no exact arithmetic,
no reasons — so the ratio shows what exactness and explanations cost.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import numpy as np

from benchmarks.run import Case
from sportsgov.assessment import Item, ObservationTable, Scheme, assess, score
from sportsgov.periods import Period
from sportsgov.plans import Plan, Target


def _setup(n_regions: int, n_targets: int) -> dict[str, Any]:
    rng = np.random.default_rng(8)
    year = Period.year(2024)
    targets = [
        Target(f"t{j}", "community_games", ">=", Decimal(20 + j), year, scope="each district")
        for j in range(n_targets)
    ]
    plan = Plan("bench", "bench bureau", year, targets=targets)
    regions = [f"R{i:05d}" for i in range(n_regions)]
    values = rng.integers(0, 90, size=(n_regions, n_targets))
    tids = [t.id for t in targets]
    table = ObservationTable.from_arrays(
        target=[tid for _ in regions for tid in tids],
        region=[r for r in regions for _ in tids],
        value=values.ravel().tolist(),
        as_of=dt.date(2024, 9, 30),
    )
    items = [
        Item(str(j), f"item {j}", Decimal(100) / n_targets, "proportional", measure=f"t{j}")
        for j in range(n_targets)
    ]
    scheme = Scheme("bench", "bench", items)
    return {
        "plan": plan,
        "table": table,
        "regions": regions,
        "scheme": scheme,
        "values": values.astype(float),
        "targets": np.array([float(t.value) for t in targets]),
    }


def _ours(d: dict[str, Any]) -> Any:
    a = assess(d["plan"], d["table"], as_of="2024-09-30", regions=d["regions"])
    return score(a, d["scheme"])


def _reference(d: dict[str, Any]) -> Any:
    values, targets = d["values"], d["targets"]
    met = values >= targets
    ratio = values / targets
    tp = 274 / 366
    behind = ratio < tp - 0.05
    status = np.where(met, 3, np.where(behind, 1, 2))
    points = np.minimum(ratio, 1.0) * (100 / values.shape[1])
    total = points.sum(axis=1)
    order = np.argsort(-total, kind="stable")
    ranks = np.empty_like(order)
    ranks[order] = np.arange(1, len(order) + 1)
    return status, total, ranks


def cases(quick: bool) -> list[Case]:
    """Assessment benchmark cases (quick: 50 × 10; full: 3,000 × 60)."""
    n_regions, n_targets = (50, 10) if quick else (3000, 60)
    data = _setup(n_regions, n_targets)
    return [
        Case(
            name=f"assess+score+rank {n_regions} regions × {n_targets} targets",
            func=lambda: _ours(data),
            reference=lambda: _reference(data),
            reference_name="numpy floats",
            target="< 1 s at 3,000 regions x 60 targets",
            max_seconds=1.0,
            repeat=3,
        )
    ]
