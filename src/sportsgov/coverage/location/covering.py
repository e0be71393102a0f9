"""Covering models: LSCP (集合覆盖) and backup coverage (LSCP-B).

* :func:`lscp` — location set covering (Toregas et al. 1971): the fewest new
  sites so that every demand location is within ``threshold`` of a site; with
  ``capacities`` each site serves at most its capacity (demand may be split).
* :func:`lscp_b` — backup coverage (Hogan & ReVelle 1986): with the LSCP's
  number of sites, the most population covered *twice*.

References
----------
Toregas, C., Swain, R., ReVelle, C. & Bergman, L. (1971). The location of
emergency service facilities. *Operations Research* 19(6), 1363–1373.

Hogan, K. & ReVelle, C. (1986). Concepts and applications of backup coverage.
*Management Science* 32(11), 1434–1444.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np
from numpy.typing import NDArray
from scipy import sparse

from sportsgov.coverage._costs import CostTable
from sportsgov.coverage._milp import check_solver, relaxation_bound, solve
from sportsgov.coverage.location._shared import (
    CoverMethod,
    Inputs,
    as_solution,
    build_selection,
    check_capacities,
    check_method,
    check_threshold,
    check_time_limit,
    coverage_matrix,
    gap_max,
    gap_min,
    nearest,
    read_inputs,
    require_reach,
)
from sportsgov.coverage.siting import SiteSelection
from sportsgov.errors import InfeasibleError, InvalidInputError

__all__ = ["lscp", "lscp_b"]


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
    method_name = check_method(method, ("milp", "greedy"))
    limit = check_time_limit(time_limit)
    solver_name = check_solver(solver)
    inp = read_inputs(demand, candidates, costs, cost_unit, existing)
    t = check_threshold(threshold, inp.table.unit)
    within = inp.table.within(t)
    require_reach(within, inp.demand_ids, f"threshold={t:g}")
    m, n = inp.table.shape
    if capacities is not None:
        if method_name != "milp":
            raise InvalidInputError.bad(
                "method", method, "capacities need method='milp' (no standard greedy)"
            )
        return _lscp_capacitated(
            inp, within, check_capacities(capacities, n), t, limit, solver_name
        )
    a = coverage_matrix(inp.table, t)
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
    assignment, _ = nearest(within, open_)
    return build_selection(
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
    chosen = [int(cols[k]) for k in as_solution(answer, nf)]
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
    return chosen, False, gap_min(float(len(chosen)), float(bound)), answer.solver


def _lscp_capacitated(
    inp: Inputs,
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
    chosen = sorted(set(as_solution(answer, n)) - set(inp.fixed))
    z = np.asarray(answer.x[n:])
    assignment = np.full(m, -1, dtype=np.int64)
    best = np.full(m, -1.0)
    for row, site, share in zip(i.tolist(), j.tolist(), z.tolist(), strict=True):
        if share > best[row] + 1e-9:
            best[row], assignment[row] = share, site
    load = np.bincount(j, weights=pop[i] * z, minlength=n)
    bound = answer.bound if math.isfinite(answer.bound) else float(len(inp.fixed))
    return build_selection(
        inputs=inp,
        sites=chosen,
        model="lscp",
        method="milp",
        objective=float(len(chosen)),
        assignment=assignment,
        covered=assignment >= 0,
        threshold=threshold,
        optimal=answer.optimal,
        gap=0.0 if answer.optimal else gap_min(float(len(chosen) + len(inp.fixed)), bound),
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
    limit = check_time_limit(time_limit)
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
    inp = read_inputs(demand, candidates, costs, cost_unit, existing)
    t = first.threshold
    a = coverage_matrix(inp.table, t)
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
    chosen = sorted(set(as_solution(answer, n)) - set(inp.fixed))
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
        gap = gap_max(value, bound)
    within = inp.table.within(t)
    assignment, _ = nearest(within, [*inp.fixed, *chosen])
    return build_selection(
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
