"""Dispersion: ``count`` sites as far from each other as possible (p-dispersion).

:func:`p_dispersion` works on a candidate-to-candidate cost table (Kuby 1987):
greedy (farthest pair, then farthest from the chosen) or the exact MILP.

References
----------
Kuby, M. J. (1987). Programming models for facility dispersion: the
p-dispersion and maxisum dispersion problems. *Geographical Analysis* 19(4),
315–329.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Sequence
from typing import Any

import numpy as np
from numpy.typing import NDArray
from scipy import sparse

from sportsgov.coverage._costs import as_cost_table, candidate_columns, existing_indices
from sportsgov.coverage._milp import check_solver, solve
from sportsgov.coverage._thresholds import check_count
from sportsgov.coverage.location._shared import (
    CoverMethod,
    as_solution,
    check_method,
    check_time_limit,
    gap_max,
)
from sportsgov.coverage.siting import SiteSelection
from sportsgov.errors import InvalidInputError

__all__ = ["p_dispersion"]


def p_dispersion(
    candidates_costs: Any,
    *,
    count: int,
    existing: Any = None,
    candidates: Sequence[Hashable] | None = None,
    method: CoverMethod = "milp",
    time_limit: float | None = None,
    solver: str = "highs",
    cost_unit: str | None = None,
) -> SiteSelection:
    """``count`` sites as far apart as possible: maximize the smallest distance (p-dispersion).

    Used to spread facilities that should not compete or cluster (e.g. one
    flagship venue per part of a city). ``candidates_costs`` is the ``(n, n)``
    cost between candidates; the cost between ``i`` and ``j`` is the smaller of
    the two directions, and every pair must be listed.

    Parameters
    ----------
    candidates_costs : array (n, n), scipy sparse, CostTable or rows
        Cost between candidates [cost unit]; the diagonal is ignored.
    count : int
        Number of new sites, ``>= 1``; with existing sites at least 2 in all.
    existing : sequence of int or ids, optional
        Sites already open: the distances to them count too.
    candidates : sequence of ids, optional
        Ids of the candidates.
    method : {"milp", "greedy"}
        Exact MILP or greedy (farthest pair, then farthest from the chosen).
    time_limit : float, optional
        Solver time limit [s].
    solver : {"highs", "highspy", "cbc"}
        MILP solver.
    cost_unit : str, optional
        Unit of the costs.

    Returns
    -------
    SiteSelection
        ``objective`` = ``threshold`` = the smallest cost between two open sites
        [cost unit]; no demand (``covered`` empty, populations 0).

    Raises
    ------
    InvalidInputError
        Not square, a missing off-diagonal pair, or fewer than 2 sites in all.

    Examples
    --------
    >>> km = np.array([[0, 2, 9, 5], [2, 0, 8, 6], [9, 8, 0, 7], [5, 6, 7, 0]])
    >>> s = p_dispersion(km, count=3)
    >>> sorted(s.sites), s.objective
    ([1, 2, 3], 6.0)
    """
    method_name = check_method(method, ("milp", "greedy"))
    limit = check_time_limit(time_limit)
    solver_name = check_solver(solver)
    ids = None if candidates is None else tuple(candidates)
    n = len(ids) if ids is not None else candidate_columns(candidates_costs)
    table = as_cost_table(
        candidates_costs, shape=(n, n), demand_ids=ids, supply_ids=ids, unit=cost_unit
    )
    dense = table.to_dense()
    dist = np.minimum(dense, dense.T)
    off = ~np.eye(n, dtype=bool)
    if bool(np.isinf(dist[off]).any()):
        i, j = (int(v) for v in np.argwhere(np.isinf(dist) & off)[0])
        raise InvalidInputError.bad(
            "candidates_costs",
            (i, j),
            "every pair of candidates needs a cost",
            shown=f"pair ({i}, {j}) missing",
        )
    fixed = [] if existing is None else existing_indices(existing, n, ids)
    p = check_count(count, n - len(fixed), minimum=1)
    if p + len(fixed) < 2:
        raise InvalidInputError.bad(
            "count", count, "p-dispersion needs at least 2 sites in all (new + existing)"
        )
    greedy = _greedy_dispersion(dist, fixed, p)
    optimal, gap, used = False, None, None
    chosen = greedy
    if method_name == "milp":
        chosen, optimal, gap, used = _dispersion_exact(dist, fixed, p, greedy, limit, solver_name)
    open_ = [*fixed, *chosen]
    value = _min_distance(dist, open_)
    return SiteSelection(
        sites=chosen,
        gains=[0.0] * len(chosen),
        covered_population=0.0,
        total_population=0.0,
        share=0.0,
        covered=np.zeros(0, dtype=bool),
        existing=fixed,
        existing_covered_population=0.0,
        method=method_name,  # type: ignore[arg-type]
        threshold=value,
        cost_unit=table.unit,
        candidate_ids=ids,
        optimal=optimal,
        gap=gap,
        solver=used,
        model="p_dispersion",
        objective=value,
    )


def _min_distance(dist: NDArray[np.float64], sites: Sequence[int]) -> float:
    idx = np.asarray(list(sites), dtype=np.int64)
    sub = dist[np.ix_(idx, idx)]
    off = ~np.eye(idx.size, dtype=bool)
    return float(sub[off].min())


def _greedy_dispersion(dist: NDArray[np.float64], fixed: Sequence[int], p: int) -> list[int]:
    n = dist.shape[0]
    free = np.ones(n, dtype=bool)
    free[list(fixed)] = False
    chosen: list[int] = []
    if not fixed:
        masked = np.where(~np.eye(n, dtype=bool), dist, -np.inf)
        i, j = (int(v) for v in np.unravel_index(int(np.argmax(masked)), masked.shape))
        chosen = [min(i, j), max(i, j)]
        free[chosen] = False
    while len(chosen) < p:
        open_ = [*fixed, *chosen]
        near = dist[:, open_].min(axis=1)
        near[~free] = -np.inf
        k = int(np.argmax(near))
        chosen.append(k)
        free[k] = False
    return chosen[:p] if fixed else chosen


def _dispersion_exact(
    dist: NDArray[np.float64],
    fixed: Sequence[int],
    p: int,
    greedy: list[int],
    time_limit: float | None,
    solver: str,
) -> tuple[list[int], bool, float, str]:
    """max D: D + (M - d_ij) x_i + (M - d_ij) x_j <= 2M - d_ij for i < j (Kuby 1987)."""
    n = dist.shape[0]
    scale = float(dist[~np.eye(n, dtype=bool)].max())
    if scale <= 0:  # every distance is 0: any set is optimal
        return list(greedy), True, 0.0, solver
    # distances scaled to [0, 1]: big-M rows with metre-sized coefficients make
    # HiGHS fail numerically on some instances
    unit = dist / scale
    big = 1.0
    iu, ju = np.triu_indices(n, k=1)
    dij = unit[iu, ju]
    # the greedy value is attainable, so D >= it keeps the optimum; pairs at the
    # largest distance never bind
    low = _min_distance(unit, [*fixed, *greedy])
    keep = dij < big
    iu, ju, dij = iu[keep], ju[keep], dij[keep]
    k = dij.size
    rows = np.arange(k)
    a = sparse.csr_array(
        (
            np.concatenate([big - dij, big - dij, np.ones(k)]),
            (np.concatenate([rows, rows, rows]), np.concatenate([iu, ju, np.full(k, n)])),
        ),
        shape=(k, n + 1),
    )
    card = sparse.csr_array(
        (np.ones(n), (np.zeros(n, dtype=np.int64), np.arange(n))), shape=(1, n + 1)
    )
    total = float(p + len(fixed))
    a_all = sparse.vstack([a, card]).tocsr()
    row_lo = np.concatenate([np.full(k, -np.inf), [total]])
    row_hi = np.concatenate([2 * big - dij, [total]])
    lower = np.zeros(n + 1)
    lower[list(fixed)] = 1.0
    lower[n] = low
    upper = np.ones(n + 1)
    upper[n] = big
    c = np.zeros(n + 1)
    c[n] = -1.0
    integral = np.ones(n + 1, dtype=bool)
    integral[n] = False
    start = np.zeros(n + 1)
    start[[*fixed, *greedy]] = 1.0
    start[n] = low
    answer = solve(
        c,
        a_all,
        row_lo,
        row_hi,
        lower,
        upper,
        integral,
        solver=solver,
        time_limit=time_limit,
        start=start,
    )
    chosen = sorted(set(as_solution(answer, n)) - set(fixed))
    if answer.optimal:
        gap = gap_max(-answer.value, -answer.bound) if math.isfinite(answer.bound) else 0.0
        return chosen, True, gap, answer.solver
    value = _min_distance(unit, [*fixed, *chosen]) if answer.x is not None else -math.inf
    if value < low:
        chosen, value = list(greedy), low
    bound = -answer.bound if math.isfinite(answer.bound) else big
    return chosen, False, gap_max(value, bound), answer.solver
