"""What the location-allocation models share: input checks, nearest sites, gaps, results.

Reads the demand, candidates, cost table and existing sites into :class:`Inputs`;
checks ``method``, ``time_limit``, ``count``, ``threshold`` and ``capacities``;
finds each demand location's nearest open site; computes the proven relative gap
and builds the :class:`~sportsgov.coverage.siting.SiteSelection` every model returns.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Mapping, Sequence
from typing import Any, Literal

import numpy as np
from attrs import frozen
from numpy.typing import NDArray
from scipy import sparse

from sportsgov.coverage._costs import (
    CostTable,
    as_cost_table,
    candidate_columns,
    check_weights,
    existing_indices,
)
from sportsgov.coverage._milp import MilpAnswer
from sportsgov.coverage._quantity import magnitude
from sportsgov.coverage.siting import SiteSelection
from sportsgov.errors import InfeasibleError, InvalidInputError

CoverMethod = Literal["milp", "greedy"]
MedianMethod = Literal["milp", "heuristic"]

_SHOWN = 5


# ------------------------------------------------------------------ inputs ---


@frozen
class Inputs:
    population: NDArray[np.float64]
    demand_ids: tuple[Hashable, ...] | None
    table: CostTable
    candidate_ids: tuple[Hashable, ...] | None
    fixed: list[int]


def read_inputs(
    demand: Any, candidates: Any, costs: Any, cost_unit: str | None, existing: Any
) -> Inputs:
    population, demand_ids = check_weights(demand, "demand", "population")
    m = population.size
    candidate_ids: tuple[Hashable, ...] | None = None
    if costs is None:
        raise InvalidInputError.bad("costs", None, "a cost table (m, n) is required")
    if candidates is not None:
        if isinstance(candidates, Mapping | str | bytes):
            raise InvalidInputError.bad(
                "candidates", candidates, "expected a sequence of candidate ids"
            )
        candidate_ids = tuple(candidates)
        n = len(candidate_ids)
    else:
        n = candidate_columns(costs, m)
    table = as_cost_table(
        costs, shape=(m, n), demand_ids=demand_ids, supply_ids=candidate_ids, unit=cost_unit
    )
    fixed = [] if existing is None else existing_indices(existing, n, candidate_ids)
    return Inputs(population, demand_ids, table, candidate_ids, fixed)


def check_method(method: object, allowed: tuple[str, ...]) -> str:
    if not isinstance(method, str) or method not in allowed:
        raise InvalidInputError.bad(
            "method", method, "expected one of " + ", ".join(repr(a) for a in allowed)
        )
    return method


def check_time_limit(value: object) -> float | None:
    if value is None:
        return None
    if (
        isinstance(value, bool)
        or not isinstance(value, int | float)
        or not value > 0
        or not math.isfinite(value)
    ):
        raise InvalidInputError.bad("time_limit", value, "must be a number of seconds > 0")
    return float(value)


def check_threshold(value: object, unit: str | None) -> float:
    if value is None:
        raise InvalidInputError.bad("threshold", None, "a cost table needs a threshold")
    if isinstance(value, str) or (hasattr(value, "magnitude") and hasattr(value, "units")):
        if unit is None:
            raise InvalidInputError.bad(
                "threshold",
                value,
                "the costs carry no unit: pass cost_unit= or a plain number",
            )
        value = magnitude(value, unit, name="threshold")
    if isinstance(value, bool) or not isinstance(value, int | float | np.integer | np.floating):
        raise InvalidInputError.bad("threshold", value, "must be a number >= 0")
    number = float(value)
    if not math.isfinite(number) or number < 0:
        raise InvalidInputError.bad("threshold", value, "must be a finite number >= 0")
    return number


def check_capacities(value: Any, n: int) -> NDArray[np.float64]:
    caps, _ = check_weights(value, "capacities", "capacity")
    if caps.size != n:
        raise InvalidInputError.bad(
            "capacities",
            value,
            f"must have one value per candidate ({n})",
            shown=f"{caps.size} values",
        )
    return caps


def format_names(points: NDArray[np.int64], ids: tuple[Hashable, ...] | None) -> str:
    items = [ids[i] if ids is not None else int(i) for i in points.tolist()]
    head = ", ".join(repr(v) for v in items[:_SHOWN])
    more = f", ... ({len(items)} in all)" if len(items) > _SHOWN else ""
    return f"[{head}{more}]"


def require_reach(table: CostTable, ids: tuple[Hashable, ...] | None, what: str) -> None:
    """Every demand location must reach at least one candidate; else name them."""
    reached = np.zeros(table.shape[0], dtype=bool)
    reached[table.demand] = True
    if not bool(reached.all()):
        missing = np.flatnonzero(~reached)
        raise InfeasibleError(
            f"demand={format_names(missing, ids)}: no candidate within {what}; "
            "these demand locations can never be served"
        )


def gap_max(value: float, bound: float) -> float:
    return max(bound - value, 0.0) / bound if bound > 0 else 0.0


def gap_min(value: float, bound: float) -> float:
    return max(value - bound, 0.0) / value if value > 0 else 0.0


def nearest(
    table: CostTable, open_: Sequence[int]
) -> tuple[NDArray[np.int64], NDArray[np.float64]]:
    """Nearest open site of each demand (``-1``/``inf`` when none is reachable)."""
    m, n = table.shape
    is_open = np.zeros(n, dtype=bool)
    is_open[list(open_)] = True
    keep = is_open[table.supply]
    d, s, c = table.demand[keep], table.supply[keep], table.cost[keep]
    order = np.lexsort((s, c, d))  # by demand, then cost, then lowest index
    d, s, c = d[order], s[order], c[order]
    first = np.ones(d.size, dtype=bool)
    first[1:] = d[1:] != d[:-1]
    site = np.full(m, -1, dtype=np.int64)
    cost = np.full(m, np.inf)
    site[d[first]] = s[first]
    cost[d[first]] = c[first]
    return site, cost


def _served_by(
    assignment: NDArray[np.int64], population: NDArray[np.float64], sites: Sequence[int]
) -> list[float]:
    ok = assignment >= 0
    load = np.bincount(
        assignment[ok], weights=population[ok], minlength=max(assignment.max(initial=-1) + 1, 1)
    )
    return [float(load[j]) if j < load.size else 0.0 for j in sites]


def build_selection(
    *,
    inputs: Inputs,
    sites: Sequence[int],
    model: str,
    method: str,
    objective: float,
    assignment: NDArray[np.int64] | None,
    covered: NDArray[np.bool_],
    threshold: float,
    optimal: bool,
    gap: float | None,
    solver: str | None,
    gains: Sequence[float] | None = None,
) -> SiteSelection:
    population = inputs.population
    fixed_assign = assignment if assignment is not None else np.full(population.size, -1)
    if gains is None:
        gains = _served_by(fixed_assign, population, sites)
    total = float(population.sum())
    covered_pop = float(population[covered].sum())
    existing_pop = float(population[np.isin(fixed_assign, inputs.fixed)].sum())
    return SiteSelection(
        sites=list(sites),
        gains=list(gains),
        covered_population=covered_pop,
        total_population=total,
        share=covered_pop / total if total > 0 else 0.0,
        covered=covered,
        existing=inputs.fixed,
        existing_covered_population=existing_pop,
        method=method,  # type: ignore[arg-type]
        threshold=threshold,
        cost_unit=inputs.table.unit,
        candidate_ids=inputs.candidate_ids,
        optimal=optimal,
        gap=gap,
        solver=solver,
        model=model,
        objective=objective,
        assignment=assignment,
    )


def coverage_matrix(table: CostTable, threshold: float) -> sparse.csr_array:
    within = table.within(threshold)
    return sparse.csr_array(
        (np.ones(within.nnz), (within.demand, within.supply)), shape=table.shape
    )


def as_solution(answer: MilpAnswer, n: int) -> list[int]:
    if answer.x is None:
        return []
    return [int(j) for j in np.flatnonzero(np.asarray(answer.x[:n]) > 0.5)]
