"""Median and center models: p-median (p-中位) and p-center (p-中心).

* :func:`p_median` — ``count`` sites minimizing the population-weighted cost
  to the assigned site (Hakimi 1964); with capacities (single sourcing).
* :func:`p_center` — ``count`` sites minimizing the largest cost from a demand
  location to its site (Hakimi 1965).

Both share one assignment MILP, seeded by vertex substitution (Teitz & Bart 1968).

References
----------
Hakimi, S. L. (1964, 1965). Optimum locations of switching centers and the
absolute centers and medians of a graph; Optimum distribution of switching
centers in a communication network. *Operations Research* 12, 450–459; 13,
462–475.

Teitz, M. B. & Bart, P. (1968). Heuristic methods for estimating the
generalized vertex median of a weighted graph. *Operations Research* 16(5),
955–961.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any, Literal

import numpy as np
from attrs import frozen
from numpy.typing import NDArray
from scipy import sparse

from sportsgov.coverage._costs import CostTable
from sportsgov.coverage._milp import check_solver, relaxation_bound, solve
from sportsgov.coverage._thresholds import check_count
from sportsgov.coverage.location._shared import (
    Inputs,
    MedianMethod,
    as_solution,
    build_selection,
    check_capacities,
    check_method,
    check_time_limit,
    format_names,
    gap_min,
    nearest,
    read_inputs,
    require_reach,
)
from sportsgov.coverage.siting import SiteSelection
from sportsgov.errors import InfeasibleError, InvalidInputError

__all__ = ["p_center", "p_median"]


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


def _checked(
    demand: Any,
    candidates: Any,
    costs: Any,
    cost_unit: str | None,
    existing: Any,
    count: object,
    time_limit: object,
    solver: object,
) -> tuple[float | None, str, Inputs, int]:
    """The checks p-median and p-center share: time limit, solver, inputs, count, reach."""
    limit = check_time_limit(time_limit)
    solver_name = check_solver(solver)
    inp = read_inputs(demand, candidates, costs, cost_unit, existing)
    n = inp.table.shape[1]
    p = check_count(count, n - len(inp.fixed), minimum=1)
    require_reach(inp.table, inp.demand_ids, "the cost table")
    return limit, solver_name, inp, p


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
    method_name = check_method(method, ("milp", "heuristic"))
    limit, solver_name, inp, p = _checked(
        demand, candidates, costs, cost_unit, existing, count, time_limit, solver
    )
    n = inp.table.shape[1]
    caps = None if capacities is None else check_capacities(capacities, n)
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
    inp: Inputs,
    chosen: Sequence[int],
    model: str,
    method: str,
    optimal: bool,
    gap: float | None,
    used: str | None,
    assignment: NDArray[np.int64] | None = None,
) -> SiteSelection:
    if assignment is None:
        assignment, cost = nearest(inp.table, [*inp.fixed, *chosen])
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
            f"demand={format_names(missing, inp.demand_ids)}: no open site reachable with "
            f"{len(chosen)} new sites; raise count or use method='milp'"
        )
    pop = inp.population
    if model == "p_median":
        objective = float((pop * cost).sum())
    else:
        objective = float(cost.max(initial=0.0))
    order = sorted(chosen, key=lambda s: (-float(pop[assignment == s].sum()), s))
    return build_selection(
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
    inp: Inputs,
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
        _, near = nearest(table, inp.fixed)
        keep = cst <= near[d]
        d, s, cst = d[keep], s[keep], cst[keep]
    if caps is None and heuristic and model == "center":
        _, hc = nearest(table, [*inp.fixed, *heuristic])
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
        site, near_cost = nearest(CostTable(d, s, cst, (m, n)), open_)
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
    chosen = sorted(set(as_solution(answer, n)) - set(inp.fixed))
    assignment = None
    if caps is not None and answer.x is not None:
        z = np.asarray(answer.x[n : n + k])
        assignment = np.full(m, -1, dtype=np.int64)
        picked = z > 0.5
        assignment[d[picked]] = s[picked]
    if answer.optimal:
        # HiGHS calls a relative gap <= 1e-4 optimal: report the proven gap
        gap = gap_min(answer.value, answer.bound) if math.isfinite(answer.bound) else 0.0
        return _Exact(chosen, True, gap, answer.solver, assignment)

    def value(sites: Sequence[int]) -> float:
        _, near_cost = nearest(table, [*inp.fixed, *sites])
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
    gap = gap_min(best_value, bound) if math.isfinite(bound) else 1.0
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
    limit, solver_name, inp, p = _checked(
        demand, candidates, costs, cost_unit, existing, count, time_limit, solver
    )
    start = _vertex_substitution(_dense(inp.table), inp.population, inp.fixed, p, objective="max")
    exact = _assign_exact(inp, p, None, start, limit, solver_name, model="center")
    return _located(inp, exact.sites, "p_center", "milp", exact.optimal, exact.gap, exact.solver)
