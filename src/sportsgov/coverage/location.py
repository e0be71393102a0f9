"""Location-allocation (选址-分配): LSCP, LSCP-B, p-median, p-center and p-dispersion.

The classic facility location models beside the maximal covering model of
:func:`~sportsgov.coverage.siting.suggest_sites`, all on the same cost tables
(dense ``(m, n)`` arrays with ``inf`` for "not reachable", scipy sparse
matrices, :class:`~sportsgov.coverage.fca.CostTable` or long rows) and with
existing (fixed) sites given as candidate indices or ids:

* :func:`lscp` — location set covering (Toregas et al. 1971): the fewest new
  sites so that every demand location is within ``threshold`` of a site; with
  ``capacities`` each site serves at most its capacity (demand may be split).
* :func:`lscp_b` — backup coverage (Hogan & ReVelle 1986): with the LSCP's
  number of sites, the most population covered *twice*.
* :func:`p_median` — ``count`` sites minimizing the population-weighted cost
  to the assigned site (Hakimi 1964); with capacities (single sourcing).
* :func:`p_center` — ``count`` sites minimizing the largest cost from a demand
  location to its site (Hakimi 1965).
* :func:`p_dispersion` — ``count`` sites as far from each other as possible
  (Kuby 1987), on a candidate-to-candidate cost table.

Each is solved exactly as a mixed-integer program (``method="milp"``, HiGHS
through :func:`scipy.optimize.milp` by default; ``solver="highspy"`` or
``"cbc"`` through PuLP) and, where one is standard, by a fast heuristic: greedy
for LSCP and p-dispersion, vertex substitution (Teitz & Bart 1968) for
p-median. A ``time_limit`` returns the best solution found (never worse than the
heuristic) with ``optimal=False`` and the proven ``gap``.

References
----------
Toregas, C., Swain, R., ReVelle, C. & Bergman, L. (1971). The location of
emergency service facilities. *Operations Research* 19(6), 1363–1373.

Hogan, K. & ReVelle, C. (1986). Concepts and applications of backup coverage.
*Management Science* 32(11), 1434–1444.

Hakimi, S. L. (1964, 1965). Optimum locations of switching centers and the
absolute centers and medians of a graph; Optimum distribution of switching
centers in a communication network. *Operations Research* 12, 450–459; 13,
462–475.

Teitz, M. B. & Bart, P. (1968). Heuristic methods for estimating the
generalized vertex median of a weighted graph. *Operations Research* 16(5),
955–961.

Kuby, M. J. (1987). Programming models for facility dispersion: the
p-dispersion and maxisum dispersion problems. *Geographical Analysis* 19(4),
315–329.
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
from sportsgov.coverage._milp import MilpAnswer, check_solver, relaxation_bound, solve
from sportsgov.coverage._quantity import magnitude
from sportsgov.coverage.siting import SiteSelection
from sportsgov.errors import InfeasibleError, InvalidInputError

__all__ = ["lscp", "lscp_b", "p_center", "p_dispersion", "p_median"]

CoverMethod = Literal["milp", "greedy"]
MedianMethod = Literal["milp", "heuristic"]

_SHOWN = 5


# ------------------------------------------------------------------ inputs ---


@frozen
class _Inputs:
    population: NDArray[np.float64]
    demand_ids: tuple[Hashable, ...] | None
    table: CostTable
    candidate_ids: tuple[Hashable, ...] | None
    fixed: list[int]


def _inputs(
    demand: Any, candidates: Any, costs: Any, cost_unit: str | None, existing: Any
) -> _Inputs:
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
        n = candidate_columns(costs)
    table = as_cost_table(
        costs, shape=(m, n), demand_ids=demand_ids, supply_ids=candidate_ids, unit=cost_unit
    )
    fixed = [] if existing is None else existing_indices(existing, n, candidate_ids)
    return _Inputs(population, demand_ids, table, candidate_ids, fixed)


def _method(method: object, allowed: tuple[str, ...]) -> str:
    if not isinstance(method, str) or method not in allowed:
        raise InvalidInputError.bad(
            "method", method, "expected one of " + ", ".join(repr(a) for a in allowed)
        )
    return method


def _time_limit(value: object) -> float | None:
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


def _count(count: object, available: int) -> int:
    if isinstance(count, bool) or not isinstance(count, int | np.integer):
        raise InvalidInputError.bad("count", count, "must be an int >= 1")
    value = int(count)
    if value < 1:
        raise InvalidInputError.bad("count", count, "must be >= 1")
    if value > available:
        raise InvalidInputError.bad(
            "count",
            count,
            f"must be <= {available}, the number of candidates that are not existing sites",
        )
    return value


def _threshold(value: object, unit: str | None) -> float:
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


def _capacities(value: Any, n: int) -> NDArray[np.float64]:
    caps, _ = check_weights(value, "capacities", "capacity")
    if caps.size != n:
        raise InvalidInputError.bad(
            "capacities",
            value,
            f"must have one value per candidate ({n})",
            shown=f"{caps.size} values",
        )
    return caps


def _names(points: NDArray[np.int64], ids: tuple[Hashable, ...] | None) -> str:
    items = [ids[i] if ids is not None else int(i) for i in points.tolist()]
    head = ", ".join(repr(v) for v in items[:_SHOWN])
    more = f", ... ({len(items)} in all)" if len(items) > _SHOWN else ""
    return f"[{head}{more}]"


def _require_reach(table: CostTable, ids: tuple[Hashable, ...] | None, what: str) -> None:
    """Every demand location must reach at least one candidate; else name them."""
    reached = np.zeros(table.shape[0], dtype=bool)
    reached[table.demand] = True
    if not bool(reached.all()):
        missing = np.flatnonzero(~reached)
        raise InfeasibleError(
            f"demand={_names(missing, ids)}: no candidate within {what}; "
            "these demand locations can never be served"
        )


def _gap_max(value: float, bound: float) -> float:
    return max(bound - value, 0.0) / bound if bound > 0 else 0.0


def _gap_min(value: float, bound: float) -> float:
    return max(value - bound, 0.0) / value if value > 0 else 0.0


def _nearest(
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


def _selection(
    *,
    inputs: _Inputs,
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


def _coverage_matrix(table: CostTable, threshold: float) -> sparse.csr_array:
    within = table.within(threshold)
    return sparse.csr_array(
        (np.ones(within.nnz), (within.demand, within.supply)), shape=table.shape
    )


def _as_solution(answer: MilpAnswer, n: int) -> list[int]:
    if answer.x is None:
        return []
    return [int(j) for j in np.flatnonzero(np.asarray(answer.x[:n]) > 0.5)]


# -------------------------------------------------------------------- LSCP ---


def _greedy_cover(
    a: sparse.csr_array, need: NDArray[np.bool_], blocked: NDArray[np.bool_]
) -> list[int]:
    """Greedy set cover: the candidate covering most uncovered rows (ties: lowest index)."""
    csc = a.tocsc()
    uncovered = need.copy()
    chosen: list[int] = []
    gains = np.asarray(a[uncovered].sum(axis=0)).ravel().astype(np.float64)
    gains[blocked] = -1.0
    while bool(uncovered.any()):
        j = int(np.argmax(gains))
        if gains[j] <= 0:  # pragma: no cover - reach is checked before
            break
        chosen.append(j)
        gains[j] = -1.0
        rows = csc.indices[csc.indptr[j] : csc.indptr[j + 1]]
        new = rows[uncovered[rows]]
        uncovered[new] = False
        if new.size:
            sub = a[new]
            dec = np.bincount(sub.indices, minlength=a.shape[1]).astype(np.float64)
            gains -= dec
            gains[blocked] = -1.0
            for k in chosen:
                gains[k] = -1.0
    return chosen


def lscp(
    demand: Any,
    candidates: Any = None,
    *,
    costs: Any,
    threshold: object,
    existing: Any = None,
    capacities: Any = None,
    method: CoverMethod = "milp",
    time_limit: float | None = None,
    solver: str = "highs",
    cost_unit: str | None = None,
) -> SiteSelection:
    """The fewest new sites so that every demand location is covered (LSCP, 集合覆盖).

    Parameters
    ----------
    demand : sequence of float, mapping {id: float} or Points
        Population of each demand location [persons], ``>= 0``. Every listed
        location must be covered, whatever its population; the population
        matters only with ``capacities``.
    candidates : sequence of ids, optional
        Ids of the ``n`` candidate sites.
    costs : array (m, n), scipy sparse, CostTable or rows
        Travel cost demand → candidate [cost unit].
    threshold : float or Quantity
        Covered means ``cost <= threshold`` [cost unit].
    existing : sequence of int or ids, optional
        Sites already built: they stay open and their coverage counts.
    capacities : sequence of float, optional
        Persons each candidate can serve (n,); each demand is then assigned
        (possibly split) to sites in reach within their capacities.
    method : {"milp", "greedy"}
        Exact MILP, or greedy set cover (not with ``capacities``).
    time_limit : float, optional
        Solver time limit [s]; the best solution found (never worse than
        greedy) comes back with ``optimal=False`` and ``gap``.
    solver : {"highs", "highspy", "cbc"}
        MILP solver.
    cost_unit : str, optional
        Unit of ``costs`` when ``threshold`` is a Quantity.

    Returns
    -------
    SiteSelection
        ``objective`` = number of new sites; ``assignment`` = nearest open site.

    Raises
    ------
    InfeasibleError
        A demand location no candidate or existing site reaches (named), or the
        capacities cannot serve all demand.
    InvalidInputError
        Bad arguments (the message names them).

    Examples
    --------
    >>> minutes = np.array([[5, 20, 30], [8, 12, 30], [30, 9, 14], [30, 30, 6]])
    >>> s = lscp([500, 300, 200, 400], costs=minutes, threshold=10)
    >>> s.sites, s.objective, s.optimal
    ((0, 1, 2), 3.0, True)
    >>> lscp([500, 300, 200, 400], costs=minutes, threshold=10, method="greedy").objective
    3.0
    """
    method_name = _method(method, ("milp", "greedy"))
    limit = _time_limit(time_limit)
    solver_name = check_solver(solver)
    inp = _inputs(demand, candidates, costs, cost_unit, existing)
    t = _threshold(threshold, inp.table.unit)
    within = inp.table.within(t)
    _require_reach(within, inp.demand_ids, f"threshold={t:g}")
    m, n = inp.table.shape
    if capacities is not None:
        if method_name != "milp":
            raise InvalidInputError.bad(
                "method", method, "capacities need method='milp' (no standard greedy)"
            )
        return _lscp_capacitated(inp, within, _capacities(capacities, n), t, limit, solver_name)
    a = _coverage_matrix(inp.table, t)
    blocked = np.zeros(n, dtype=bool)
    blocked[inp.fixed] = True
    covered0 = np.zeros(m, dtype=bool)
    if inp.fixed:
        covered0 = np.asarray(a[:, inp.fixed].sum(axis=1)).ravel() > 0
    need = ~covered0
    greedy = _greedy_cover(a, need, blocked)
    optimal, gap, used = False, None, None
    sites = greedy
    if method_name == "milp":
        sites, optimal, gap, used = _lscp_exact(a, need, blocked, greedy, limit, solver_name)
    open_ = [*inp.fixed, *sites]
    assignment, _ = _nearest(within, open_)
    return _selection(
        inputs=inp,
        sites=_cover_order(a, need, sites),
        model="lscp",
        method=method_name,
        objective=float(len(sites)),
        assignment=assignment,
        covered=assignment >= 0,
        threshold=t,
        optimal=optimal,
        gap=gap,
        solver=used,
    )


def _cover_order(a: sparse.csr_array, need: NDArray[np.bool_], sites: Sequence[int]) -> list[int]:
    """Order a fixed set of sites greedily (most newly covered first, ties by index)."""
    blocked = np.ones(a.shape[1], dtype=bool)
    blocked[list(sites)] = False
    order = _greedy_cover(
        a, need & (np.asarray(a[:, list(sites)].sum(axis=1)).ravel() > 0), blocked
    )
    rest = [j for j in sorted(sites) if j not in set(order)]
    return [*order, *rest]


def _lscp_exact(
    a: sparse.csr_array,
    need: NDArray[np.bool_],
    blocked: NDArray[np.bool_],
    greedy: list[int],
    time_limit: float | None,
    solver: str,
) -> tuple[list[int], bool, float, str]:
    """Set cover MILP on merged rows (identical cover sets kept once)."""
    n = a.shape[1]
    free = ~blocked
    sub = a[np.flatnonzero(need)][:, np.flatnonzero(free)].tocsr()
    cols = np.flatnonzero(free)
    if sub.shape[0] == 0:
        return [], True, 0.0, solver
    keys: dict[bytes, int] = {}
    keep_rows: list[int] = []
    for r in range(sub.shape[0]):
        key = np.sort(sub.indices[sub.indptr[r] : sub.indptr[r + 1]]).tobytes()
        if key not in keys:
            keys[key] = r
            keep_rows.append(r)
    sub = sub[keep_rows]
    nf = cols.size
    c = np.ones(nf)
    start = np.zeros(nf)
    pos = {int(j): k for k, j in enumerate(cols)}
    for j in greedy:
        start[pos[j]] = 1.0
    answer = solve(
        c,
        sub,
        np.ones(sub.shape[0]),
        np.full(sub.shape[0], np.inf),
        np.zeros(nf),
        np.ones(nf),
        np.ones(nf, dtype=bool),
        solver=solver,
        time_limit=time_limit,
        start=start,
    )
    chosen = [int(cols[k]) for k in _as_solution(answer, nf)]
    if answer.optimal:
        return chosen, True, 0.0, answer.solver
    if answer.x is None or len(chosen) >= len(greedy):
        chosen = list(greedy)
    bound = answer.bound
    if not math.isfinite(bound):
        bound = relaxation_bound(
            c,
            sub,
            np.ones(sub.shape[0]),
            np.full(sub.shape[0], np.inf),
            np.zeros(nf),
            np.ones(nf),
            time_limit=time_limit,
        )
    bound = math.ceil(bound - 1e-9) if math.isfinite(bound) else 0.0
    _ = n
    return chosen, False, _gap_min(float(len(chosen)), float(bound)), answer.solver


def _lscp_capacitated(
    inp: _Inputs,
    within: CostTable,
    caps: NDArray[np.float64],
    threshold: float,
    time_limit: float | None,
    solver: str,
) -> SiteSelection:
    """min sum x_j: sum_j z_ij = 1, sum_i P_i z_ij <= C_j x_j, z continuous (spopt's model)."""
    m, n = within.shape
    i, j = within.demand, within.supply
    k = i.size
    pop = inp.population
    # variables: x (n), z (k)
    assign = sparse.csr_array((np.ones(k), (i, n + np.arange(k))), shape=(m, n + k))
    cap_rows = sparse.csr_array(
        (
            np.concatenate([pop[i], -caps]),
            (np.concatenate([j, np.arange(n)]), np.concatenate([n + np.arange(k), np.arange(n)])),
        ),
        shape=(n, n + k),
    )
    a = sparse.vstack([assign, cap_rows]).tocsr()
    lower = np.zeros(n + k)
    lower[inp.fixed] = 1.0
    c = np.concatenate([np.ones(n), np.zeros(k)])
    answer = solve(
        c,
        a,
        np.concatenate([np.ones(m), np.full(n, -np.inf)]),
        np.concatenate([np.ones(m), np.zeros(n)]),
        lower,
        np.concatenate([np.ones(n), np.ones(k)]),
        np.concatenate([np.ones(n, dtype=bool), np.zeros(k, dtype=bool)]),
        solver=solver,
        time_limit=time_limit,
    )
    if answer.x is None:
        raise InfeasibleError(
            f"time_limit={time_limit}: no feasible set of sites found within the limit "
            "(capacitated LSCP has no heuristic fallback); raise time_limit"
        )
    chosen = sorted(set(_as_solution(answer, n)) - set(inp.fixed))
    z = np.asarray(answer.x[n:])
    assignment = np.full(m, -1, dtype=np.int64)
    best = np.full(m, -1.0)
    for row, site, share in zip(i.tolist(), j.tolist(), z.tolist(), strict=True):
        if share > best[row] + 1e-9:
            best[row], assignment[row] = share, site
    load = np.bincount(j, weights=pop[i] * z, minlength=n)
    bound = answer.bound if math.isfinite(answer.bound) else float(len(inp.fixed))
    return _selection(
        inputs=inp,
        sites=chosen,
        model="lscp",
        method="milp",
        objective=float(len(chosen)),
        assignment=assignment,
        covered=assignment >= 0,
        threshold=threshold,
        optimal=answer.optimal,
        gap=0.0 if answer.optimal else _gap_min(float(len(chosen) + len(inp.fixed)), bound),
        solver=answer.solver,
        gains=[float(load[s]) for s in chosen],
    )


def lscp_b(
    demand: Any,
    candidates: Any = None,
    *,
    costs: Any,
    threshold: object,
    existing: Any = None,
    time_limit: float | None = None,
    solver: str = "highs",
    cost_unit: str | None = None,
) -> SiteSelection:
    """Backup coverage (LSCP-B): the LSCP's number of sites, most population covered twice.

    First solves :func:`lscp` for the fewest sites ``p``; then, among all sets of
    ``p`` new sites that still cover every demand location, maximizes the
    population within ``threshold`` of at least two open sites (Hogan &
    ReVelle 1986).

    Parameters
    ----------
    demand, candidates, costs, threshold, existing, time_limit, solver, cost_unit
        As in :func:`lscp`.

    Returns
    -------
    SiteSelection
        ``objective`` = population covered at least twice [persons];
        ``covered`` = covered at least once (all demand).

    Raises
    ------
    InfeasibleError
        A demand location no candidate reaches (named).

    Examples
    --------
    >>> minutes = np.array([[5, 9, 30], [8, 9, 30], [30, 9, 6], [30, 30, 6]])
    >>> s = lscp_b([500, 300, 200, 400], costs=minutes, threshold=10)
    >>> s.sites, s.objective
    ((1, 2), 200.0)
    """
    limit = _time_limit(time_limit)
    solver_name = check_solver(solver)
    first = lscp(
        demand,
        candidates,
        costs=costs,
        threshold=threshold,
        existing=existing,
        time_limit=limit,
        solver=solver_name,
        cost_unit=cost_unit,
    )
    inp = _inputs(demand, candidates, costs, cost_unit, existing)
    t = first.threshold
    a = _coverage_matrix(inp.table, t)
    m, n = a.shape
    p = len(first.sites)
    pop = inp.population
    # variables: x (n), u (m) with sum_j a_ij x_j >= 1 + u_i
    rows = a.tocoo()
    cover = sparse.csr_array(
        (
            np.concatenate([rows.data, -np.ones(m)]),
            (
                np.concatenate([rows.row, np.arange(m)]),
                np.concatenate([rows.col, n + np.arange(m)]),
            ),
        ),
        shape=(m, n + m),
    )
    card = sparse.csr_array(
        (np.ones(n), (np.zeros(n, dtype=np.int64), np.arange(n))), shape=(1, n + m)
    )
    a_all = sparse.vstack([cover, card]).tocsr()
    lower = np.zeros(n + m)
    lower[inp.fixed] = 1.0
    total_sites = float(p + len(inp.fixed))
    start = np.zeros(n + m)
    start[[*inp.fixed, *first.sites]] = 1.0
    twice0 = np.asarray(a @ start[:n]).ravel() >= 2
    start[n:] = twice0
    c = np.concatenate([np.zeros(n), -pop])
    args = (
        c,
        a_all,
        np.concatenate([np.ones(m), [total_sites]]),
        np.concatenate([np.full(m, np.inf), [total_sites]]),
        lower,
        np.ones(n + m),
        np.concatenate([np.ones(n, dtype=bool), np.ones(m, dtype=bool)]),
    )
    answer = solve(*args, solver=solver_name, time_limit=limit, start=start)
    chosen = sorted(set(_as_solution(answer, n)) - set(inp.fixed))
    value_first = float(pop[twice0].sum())

    def twice(sites: Sequence[int]) -> float:
        x = np.zeros(n)
        x[[*inp.fixed, *sites]] = 1.0
        return float(pop[np.asarray(a @ x).ravel() >= 2].sum())

    if answer.optimal:
        value, gap = twice(chosen), 0.0
    else:
        value = twice(chosen) if answer.x is not None else -math.inf
        if value < value_first:
            chosen, value = list(first.sites), value_first
        bound = -answer.bound if math.isfinite(answer.bound) else float(pop.sum())
        gap = _gap_max(value, bound)
    within = inp.table.within(t)
    assignment, _ = _nearest(within, [*inp.fixed, *chosen])
    return _selection(
        inputs=inp,
        sites=chosen,
        model="lscp_b",
        method="milp",
        objective=value,
        assignment=assignment,
        covered=assignment >= 0,
        threshold=t,
        optimal=answer.optimal,
        gap=gap,
        solver=answer.solver,
    )


# ---------------------------------------------------------------- p-median ---


@frozen
class _Exact:
    sites: list[int]
    optimal: bool
    gap: float
    solver: str
    assignment: NDArray[np.int64] | None = None


def _dense(table: CostTable) -> NDArray[np.float64]:
    return table.to_dense()


def _vertex_substitution(
    d: NDArray[np.float64],
    w: NDArray[np.float64],
    fixed: Sequence[int],
    count: int,
    *,
    objective: Literal["sum", "max"] = "sum",
) -> list[int]:
    """Greedy start, then Teitz-Bart swaps (best improving swap) until none improves.

    ``d`` is dense (m, n) with ``inf`` for unreachable pairs, replaced here by a
    large penalty so that every step prefers reaching more demand.
    """
    m, n = d.shape
    finite = np.isfinite(d)
    big = (float(d[finite].max()) + 1.0) * (float(w.sum()) + 1.0) * 2.0 if finite.any() else 1.0
    cost = np.where(finite, d, big)

    def value(sites: Sequence[int]) -> float:
        if not sites:
            return math.inf
        best = cost[:, list(sites)].min(axis=1)
        return float((w * best).sum()) if objective == "sum" else float(best.max())

    chosen = list(fixed)
    current = cost[:, chosen].min(axis=1) if chosen else np.full(m, big * 2)
    free = np.ones(n, dtype=bool)
    free[chosen] = False
    new: list[int] = []
    for _ in range(count):
        cand = np.flatnonzero(free)
        trial = np.minimum(cost[:, cand], current[:, None])
        scores = (w[:, None] * trial).sum(axis=0) if objective == "sum" else trial.max(axis=0)
        k = int(cand[int(np.argmin(scores))])
        new.append(k)
        free[k] = False
        current = np.minimum(current, cost[:, k])
    best_value = value([*fixed, *new])
    tol = 1e-9 * max(abs(best_value), 1.0)
    improved = True
    while improved:
        improved = False
        best_swap: tuple[int, int] | None = None
        for pos in range(len(new)):
            others = [*fixed, *new[:pos], *new[pos + 1 :]]
            base = cost[:, others].min(axis=1) if others else np.full(m, big * 2)
            cand = np.flatnonzero(free)
            if cand.size == 0:
                break
            trial = np.minimum(cost[:, cand], base[:, None])
            scores = (w[:, None] * trial).sum(axis=0) if objective == "sum" else trial.max(axis=0)
            k = int(np.argmin(scores))
            if scores[k] < best_value - tol:
                best_value = float(scores[k])
                best_swap = (pos, int(cand[k]))
        if best_swap is not None:
            pos, k = best_swap
            free[new[pos]] = True
            new[pos] = k
            free[k] = False
            improved = True
    return new


def p_median(
    demand: Any,
    candidates: Any = None,
    *,
    costs: Any,
    count: int,
    existing: Any = None,
    capacities: Any = None,
    method: MedianMethod = "milp",
    time_limit: float | None = None,
    solver: str = "highs",
    cost_unit: str | None = None,
) -> SiteSelection:
    """``count`` new sites minimizing the population-weighted cost (p-median, p-中位).

    Every demand location is assigned to an open site it can reach (a pair in
    the cost table); the objective is ``sum_i population_i * cost(i, site_i)``.
    Without capacities each location goes to its nearest open site; with
    ``capacities`` each location goes whole to one open site and no site serves
    more than its capacity (the capacitated p-median, single sourcing).

    Parameters
    ----------
    demand : sequence of float, mapping {id: float} or Points
        Population of each demand location [persons], ``>= 0``.
    candidates : sequence of ids, optional
        Ids of the ``n`` candidate sites.
    costs : array (m, n), scipy sparse, CostTable or rows
        Travel cost demand → candidate [cost unit]; a missing pair is not allowed.
    count : int
        Number of new sites, ``>= 1``.
    existing : sequence of int or ids, optional
        Sites already open (fixed).
    capacities : sequence of float, optional
        Persons each candidate can serve (n,).
    method : {"milp", "heuristic"}
        Exact MILP or vertex substitution (Teitz & Bart 1968; not with
        ``capacities``).
    time_limit : float, optional
        Solver time limit [s] (best found, ``optimal=False``, ``gap``).
    solver : {"highs", "highspy", "cbc"}
        MILP solver.
    cost_unit : str, optional
        Unit of the costs (reported as ``cost_unit``).

    Returns
    -------
    SiteSelection
        ``objective`` = population-weighted cost [persons × cost unit];
        ``assignment``; ``gains`` = population served by each new site;
        ``threshold`` = the largest assigned cost.

    Raises
    ------
    InfeasibleError
        A demand location no candidate reaches (named), ``count`` too small for
        every location to reach an open site, or capacities too small.

    Notes
    -----
    The exact model has one assignment variable per pair in the cost table, so
    it suits thousands of pairs to a few hundred thousand; for larger instances
    give a sparse table (pairs within a sensible cut-off), a ``time_limit``, or
    use the heuristic (it works on the dense ``(m, n)`` matrix). With existing
    sites, pairs costlier than the nearest existing site are dropped first (a
    location never needs them).

    Examples
    --------
    >>> minutes = np.array([[5, 20, 30], [8, 12, 30], [30, 9, 14], [30, 30, 6]])
    >>> s = p_median([500, 300, 200, 400], costs=minutes, count=2)
    >>> s.sites, s.objective, s.assignment.tolist()
    ((0, 2), 10100.0, [0, 0, 2, 2])
    >>> p_median([500, 300, 200, 400], costs=minutes, count=2, method="heuristic").objective
    10100.0
    """
    method_name = _method(method, ("milp", "heuristic"))
    limit = _time_limit(time_limit)
    solver_name = check_solver(solver)
    inp = _inputs(demand, candidates, costs, cost_unit, existing)
    n = inp.table.shape[1]
    p = _count(count, n - len(inp.fixed))
    _require_reach(inp.table, inp.demand_ids, "the cost table")
    caps = None if capacities is None else _capacities(capacities, n)
    if caps is not None and method_name != "milp":
        raise InvalidInputError.bad(
            "method", method, "capacities need method='milp' (no standard heuristic)"
        )
    pop = inp.population
    heuristic: list[int] = []
    assignment: NDArray[np.int64] | None = None
    if caps is None:
        heuristic = _vertex_substitution(_dense(inp.table), pop, inp.fixed, p)
    optimal, gap, used = False, None, None
    if method_name == "heuristic":
        chosen = heuristic
    else:
        exact = _assign_exact(inp, p, caps, heuristic, limit, solver_name, model="median")
        chosen, optimal, gap, used = exact.sites, exact.optimal, exact.gap, exact.solver
        assignment = exact.assignment
    return _located(inp, chosen, "p_median", method_name, optimal, gap, used, assignment)


def _located(
    inp: _Inputs,
    chosen: Sequence[int],
    model: str,
    method: str,
    optimal: bool,
    gap: float | None,
    used: str | None,
    assignment: NDArray[np.int64] | None = None,
) -> SiteSelection:
    if assignment is None:
        assignment, cost = _nearest(inp.table, [*inp.fixed, *chosen])
    else:
        cost = np.full(assignment.size, np.inf)
        dense_rows = {
            (int(a), int(b)): float(c)
            for a, b, c in zip(
                inp.table.demand.tolist(),
                inp.table.supply.tolist(),
                inp.table.cost.tolist(),
                strict=True,
            )
        }
        for i, s in enumerate(assignment.tolist()):
            if s >= 0:
                cost[i] = dense_rows[(i, s)]
    if bool((assignment < 0).any()):
        missing = np.flatnonzero(assignment < 0)
        raise InfeasibleError(
            f"demand={_names(missing, inp.demand_ids)}: no open site reachable with "
            f"{len(chosen)} new sites; raise count or use method='milp'"
        )
    pop = inp.population
    if model == "p_median":
        objective = float((pop * cost).sum())
    else:
        objective = float(cost.max(initial=0.0))
    order = sorted(chosen, key=lambda s: (-float(pop[assignment == s].sum()), s))
    return _selection(
        inputs=inp,
        sites=order,
        model=model,
        method=method,
        objective=objective,
        assignment=assignment,
        covered=assignment >= 0,
        threshold=float(cost.max(initial=0.0)),
        optimal=optimal,
        gap=gap,
        solver=used,
    )


def _assign_exact(
    inp: _Inputs,
    p: int,
    caps: NDArray[np.float64] | None,
    heuristic: list[int],
    time_limit: float | None,
    solver: str,
    *,
    model: Literal["median", "center"],
) -> _Exact:
    """Assignment MILP for p-median (sum) and p-center (max).

    Variables x_j (open), z_k for each reachable pair k = (i, j) and, for
    p-center, the radius r. Rows: sum_j z_ij = 1; z_ij <= x_j (uncapacitated)
    or sum_i P_i z_ij <= C_j x_j with z binary (single sourcing, the
    capacitated p-median of the literature); sum_j x_j = p + existing; p-center adds
    sum_j c_ij z_ij <= r. Pairs farther than an existing site's nearest are
    dropped (without capacities the demand never needs them).
    """
    table = inp.table
    m, n = table.shape
    pop = inp.population
    d, s, cst = table.demand, table.supply, table.cost
    if caps is None and inp.fixed:
        _, near = _nearest(table, inp.fixed)
        keep = cst <= near[d]
        d, s, cst = d[keep], s[keep], cst[keep]
    if caps is None and heuristic and model == "center":
        _, hc = _nearest(table, [*inp.fixed, *heuristic])
        upper_r = float(hc.max(initial=0.0))
        keep = cst <= upper_r
        d, s, cst = d[keep], s[keep], cst[keep]
    k = d.size
    center = model == "center"
    nv = n + k + (1 if center else 0)
    blocks = [sparse.csr_array((np.ones(k), (d, n + np.arange(k))), shape=(m, nv))]
    lo = [np.ones(m)]
    hi = [np.ones(m)]
    if caps is None:
        blocks.append(
            sparse.csr_array(
                (
                    np.concatenate([np.ones(k), -np.ones(k)]),
                    (
                        np.concatenate([np.arange(k), np.arange(k)]),
                        np.concatenate([n + np.arange(k), s]),
                    ),
                ),
                shape=(k, nv),
            )
        )
        lo.append(np.full(k, -np.inf))
        hi.append(np.zeros(k))
    else:
        blocks.append(
            sparse.csr_array(
                (
                    np.concatenate([pop[d], -caps]),
                    (
                        np.concatenate([s, np.arange(n)]),
                        np.concatenate([n + np.arange(k), np.arange(n)]),
                    ),
                ),
                shape=(n, nv),
            )
        )
        lo.append(np.full(n, -np.inf))
        hi.append(np.zeros(n))
    total = float(p + len(inp.fixed))
    blocks.append(
        sparse.csr_array((np.ones(n), (np.zeros(n, dtype=np.int64), np.arange(n))), shape=(1, nv))
    )
    lo.append(np.array([total]))
    hi.append(np.array([total]))
    if center:
        blocks.append(
            sparse.csr_array(
                (
                    np.concatenate([cst, -np.ones(m)]),
                    (
                        np.concatenate([d, np.arange(m)]),
                        np.concatenate([n + np.arange(k), np.full(m, nv - 1)]),
                    ),
                ),
                shape=(m, nv),
            )
        )
        lo.append(np.full(m, -np.inf))
        hi.append(np.zeros(m))
        c = np.zeros(nv)
        c[-1] = 1.0
    else:
        c = np.concatenate([np.zeros(n), pop[d] * cst])
    a = sparse.vstack(blocks).tocsr()
    row_lo, row_hi = np.concatenate(lo), np.concatenate(hi)
    lower = np.zeros(nv)
    lower[inp.fixed] = 1.0
    upper = np.ones(nv)
    if center:
        upper[-1] = np.inf
    integral = np.zeros(nv, dtype=bool)
    integral[:n] = True
    if caps is not None:  # single sourcing: each demand location goes to one site
        integral[n : n + k] = True
    start = None
    if heuristic:
        start = np.zeros(nv)
        open_ = [*inp.fixed, *heuristic]
        start[open_] = 1.0
        site, near_cost = _nearest(CostTable(d, s, cst, (m, n)), open_)
        if bool((site >= 0).all()):
            pair = {
                (int(a_), int(b_)): q
                for q, (a_, b_) in enumerate(zip(d.tolist(), s.tolist(), strict=True))
            }
            for i in range(m):
                start[n + pair[(i, int(site[i]))]] = 1.0
            if center:
                start[-1] = float(near_cost.max(initial=0.0))
        else:
            start = None
    answer = solve(
        c,
        a,
        row_lo,
        row_hi,
        lower,
        upper,
        integral,
        solver=solver,
        time_limit=time_limit,
        start=start,
    )
    chosen = sorted(set(_as_solution(answer, n)) - set(inp.fixed))
    assignment = None
    if caps is not None and answer.x is not None:
        z = np.asarray(answer.x[n : n + k])
        assignment = np.full(m, -1, dtype=np.int64)
        picked = z > 0.5
        assignment[d[picked]] = s[picked]
    if answer.optimal:
        # HiGHS calls a relative gap <= 1e-4 optimal: report the proven gap
        gap = _gap_min(answer.value, answer.bound) if math.isfinite(answer.bound) else 0.0
        return _Exact(chosen, True, gap, answer.solver, assignment)

    def value(sites: Sequence[int]) -> float:
        _, near_cost = _nearest(table, [*inp.fixed, *sites])
        if center:
            return float(near_cost.max(initial=0.0))
        return float((pop * near_cost).sum())

    best, best_value = chosen, math.inf
    if answer.x is not None:
        best_value = value(chosen) if caps is None else answer.value
    if heuristic and value(heuristic) <= best_value:
        best, best_value, assignment = list(heuristic), value(heuristic), None
    if not math.isfinite(best_value):
        raise InfeasibleError(
            f"time_limit={time_limit}: no feasible solution found within the limit; "
            "raise time_limit"
        )
    bound = answer.bound
    if not math.isfinite(bound):
        bound = relaxation_bound(c, a, row_lo, row_hi, lower, upper, time_limit=time_limit)
    gap = _gap_min(best_value, bound) if math.isfinite(bound) else 1.0
    return _Exact(best, False, gap, answer.solver, assignment)


def p_center(
    demand: Any,
    candidates: Any = None,
    *,
    costs: Any,
    count: int,
    existing: Any = None,
    time_limit: float | None = None,
    solver: str = "highs",
    cost_unit: str | None = None,
) -> SiteSelection:
    """``count`` new sites minimizing the largest cost to the nearest site (p-center, p-中心).

    Every demand location counts, whatever its population (the model is about
    the worst-served location).

    Parameters
    ----------
    demand : sequence of float, mapping {id: float} or Points
        Population of each demand location [persons], ``>= 0`` (reported, not
        weighted).
    candidates : sequence of ids, optional
        Ids of the ``n`` candidate sites.
    costs : array (m, n), scipy sparse, CostTable or rows
        Travel cost demand → candidate [cost unit].
    count : int
        Number of new sites, ``>= 1``.
    existing : sequence of int or ids, optional
        Sites already open (fixed).
    time_limit : float, optional
        Solver time limit [s] (best found, never worse than the heuristic start).
    solver : {"highs", "highspy", "cbc"}
        MILP solver.
    cost_unit : str, optional
        Unit of the costs.

    Returns
    -------
    SiteSelection
        ``objective`` = ``threshold`` = largest cost from a demand location to
        its nearest open site [cost unit]; ``assignment``.

    Raises
    ------
    InfeasibleError
        A demand location no candidate reaches (named) or too few sites for all.

    Examples
    --------
    >>> minutes = np.array([[5, 20, 30], [8, 12, 30], [30, 9, 14], [30, 30, 6]])
    >>> s = p_center([500, 300, 200, 400], costs=minutes, count=2)
    >>> s.objective, s.sites
    (14.0, (0, 2))
    """
    limit = _time_limit(time_limit)
    solver_name = check_solver(solver)
    inp = _inputs(demand, candidates, costs, cost_unit, existing)
    n = inp.table.shape[1]
    p = _count(count, n - len(inp.fixed))
    _require_reach(inp.table, inp.demand_ids, "the cost table")
    start = _vertex_substitution(_dense(inp.table), inp.population, inp.fixed, p, objective="max")
    exact = _assign_exact(inp, p, None, start, limit, solver_name, model="center")
    return _located(inp, exact.sites, "p_center", "milp", exact.optimal, exact.gap, exact.solver)


# ------------------------------------------------------------ p-dispersion ---


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
    method_name = _method(method, ("milp", "greedy"))
    limit = _time_limit(time_limit)
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
    p = _count(count, n - len(fixed))
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
    chosen = sorted(set(_as_solution(answer, n)) - set(fixed))
    if answer.optimal:
        gap = _gap_max(-answer.value, -answer.bound) if math.isfinite(answer.bound) else 0.0
        return chosen, True, gap, answer.solver
    value = _min_distance(unit, [*fixed, *chosen]) if answer.x is not None else -math.inf
    if value < low:
        chosen, value = list(greedy), low
    bound = -answer.bound if math.isfinite(answer.bound) else big
    return chosen, False, _gap_max(value, bound), answer.solver
