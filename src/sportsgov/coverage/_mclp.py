"""The MCLP solvers behind :func:`~sportsgov.coverage.siting.suggest_sites`.

* :class:`Coverage` — the sparse coverage structure (demand ⇄ candidates in reach).
* :func:`greedy` and :func:`order_by_gain` — the greedy marginal-gain heuristic
  (Nemhauser, Wolsey & Fisher 1978) and the greedy order within a fixed set.
* :func:`exact_mclp` — the exact model (Church & ReVelle 1974) after the
  reductions that keep the optimum, seeded and backed up by greedy; :func:`pad`.
* :func:`served`, :func:`greedy_capacitated`, :func:`milp_capacitated` — the
  capacitated model (Current & Storbeck 1988): population served within site
  capacities as a max-flow LP, its lazy greedy and its MILP.

References
----------
Church, R. & ReVelle, C. (1974). The maximal covering location problem. *Papers
of the Regional Science Association* 32(1), 101–118.

Current, J. R. & Storbeck, J. E. (1988). Capacitated covering models.
*Environment and Planning B* 15(2), 153–163.

Nemhauser, G. L., Wolsey, L. A. & Fisher, M. L. (1978). An analysis of
approximations for maximizing submodular set functions—I. *Mathematical
Programming* 14, 265–294.

Teitz, M. B. & Bart, P. (1968). Heuristic methods for estimating the generalized
vertex median of a weighted graph. *Operations Research* 16(5), 955–961.
"""

from __future__ import annotations

import math
import time
from collections.abc import Sequence
from typing import Any

import numpy as np
from attrs import frozen
from numpy.typing import NDArray

from sportsgov.coverage._costs import CostTable
from sportsgov.coverage._milp import relaxation, relaxation_bound, solve
from sportsgov.errors import InfeasibleError

_MILP_STATUS = {
    1: "iteration or time limit reached",
    2: "problem is infeasible",
    3: "problem is unbounded",
    4: "other solver failure",
}


class Coverage:
    """Sparse coverage structure: which candidates cover which demand (both ways)."""

    def __init__(self, table: CostTable) -> None:
        m, n = table.shape
        self.m, self.n = m, n
        self.row_ptr = table.indptr()
        self.row_cand = table.supply  # sorted by demand
        self.row_dem = table.demand
        order = np.argsort(table.supply, kind="stable")
        self.col_dem = table.demand[order]
        counts = np.bincount(table.supply, minlength=n)
        self.col_ptr = np.zeros(n + 1, dtype=np.int64)
        np.cumsum(counts, out=self.col_ptr[1:])

    def demand_of(self, j: int) -> NDArray[np.int64]:
        return self.col_dem[self.col_ptr[j] : self.col_ptr[j + 1]]

    def candidates_of(
        self, rows: NDArray[np.int64]
    ) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
        """Candidates covering each of ``rows`` (flattened) and the row position of each."""
        starts = self.row_ptr[rows]
        lengths = self.row_ptr[rows + 1] - starts
        total = int(lengths.sum())
        if total == 0:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
        owner = np.repeat(np.arange(rows.size), lengths)
        offsets = np.arange(total) - np.repeat(np.cumsum(lengths) - lengths, lengths)
        return self.row_cand[starts[owner] + offsets], owner

    def covered_by(self, sites: Sequence[int]) -> NDArray[np.bool_]:
        mask = np.zeros(self.m, dtype=bool)
        for j in sites:
            mask[self.demand_of(int(j))] = True
        return mask


def greedy(
    cover: Coverage,
    population: NDArray[np.float64],
    covered0: NDArray[np.bool_],
    blocked: NDArray[np.bool_],
    count: int,
) -> tuple[list[int], list[float]]:
    covered = covered0.copy()
    uncovered_pop = np.where(covered, 0.0, population)
    # gains[j] = uncovered population within reach of j (exact for integer populations)
    gains = np.bincount(
        cover.row_cand,
        weights=uncovered_pop[cover.row_dem],
        minlength=cover.n,
    ).astype(np.float64)
    gains[blocked] = -np.inf
    # Whole-number populations keep every running sum exact in float64. Otherwise
    # rounding could decide a near-tie, so near-maximal gains are recomputed exactly.
    exact = bool(np.all(population == np.round(population))) and population.sum() < 2.0**52
    tolerance = 1e-9 * max(float(population.sum()), 1.0)
    sites: list[int] = []
    step_gains: list[float] = []
    for _ in range(count):
        k = int(np.argmax(gains))  # first maximum: the lowest index wins ties
        if not exact:
            near = np.flatnonzero(gains >= gains[k] - tolerance)
            for c in near.tolist():
                rows_c = cover.demand_of(c)
                gains[c] = float(population[rows_c[~covered[rows_c]]].sum())
            k = int(near[np.argmax(gains[near])])
        sites.append(k)
        step_gains.append(float(max(gains[k], 0.0)))
        gains[k] = -np.inf
        rows = cover.demand_of(k)
        new = rows[~covered[rows]]
        if new.size == 0:
            continue
        covered[new] = True
        cands, owner = cover.candidates_of(new)
        gains -= np.bincount(cands, weights=population[new][owner], minlength=cover.n)
    return sites, step_gains


def order_by_gain(
    cover: Coverage,
    population: NDArray[np.float64],
    covered0: NDArray[np.bool_],
    chosen: Sequence[int],
) -> tuple[list[int], list[float]]:
    """Greedy order (and marginal gains) within a fixed set of sites."""
    blocked = np.ones(cover.n, dtype=bool)
    blocked[list(chosen)] = False
    return greedy(cover, population, covered0, blocked, len(chosen))


@frozen
class _Exact:
    """Outcome of the exact MCLP: sites (unordered), proof and gap."""

    sites: list[int]
    optimal: bool
    gap: float
    solver: str


def _merge_rows(
    ptr: NDArray[np.int64], cands: NDArray[np.int64], weight: NDArray[np.float64]
) -> tuple[NDArray[np.int64], NDArray[np.int64], NDArray[np.float64]]:
    """Merge rows with identical (sorted) cover sets, summing their weights."""
    index: dict[bytes, int] = {}
    out_w: list[float] = []
    out_sets: list[NDArray[np.int64]] = []
    for r in range(weight.size):
        row = cands[ptr[r] : ptr[r + 1]]
        key = row.tobytes()
        k = index.get(key)
        if k is None:
            index[key] = len(out_w)
            out_w.append(float(weight[r]))
            out_sets.append(row)
        else:
            out_w[k] += float(weight[r])
    lengths = np.array([x.size for x in out_sets], dtype=np.int64)
    new_ptr = np.zeros(lengths.size + 1, dtype=np.int64)
    np.cumsum(lengths, out=new_ptr[1:])
    flat = np.concatenate(out_sets) if out_sets else np.zeros(0, dtype=np.int64)
    return new_ptr, flat.astype(np.int64), np.array(out_w, dtype=np.float64)


_DOMINANCE_WORK = 5e7  # pairs examined by the subset test; above this it is skipped


def _dominated(
    ptr: NDArray[np.int64], cands: NDArray[np.int64], n: int, active: NDArray[np.bool_]
) -> NDArray[np.bool_]:
    """Candidates whose cover set is inside another active candidate's (ties: keep lowest).

    Removing them keeps the optimum: in any solution a dominated site can be
    swapped for an undominated site covering a superset (strict subset, or equal
    sets with a lower index, is a strict partial order, so every dominated site
    has an undominated one above it).
    """
    from scipy import sparse

    lengths = np.diff(ptr)
    out = np.zeros(n, dtype=bool)
    if float((lengths.astype(np.float64) ** 2).sum()) > _DOMINANCE_WORK:
        return out
    rows = np.repeat(np.arange(lengths.size), lengths)
    b = sparse.csr_array((np.ones(cands.size), (rows, cands)), shape=(lengths.size, n))
    size = np.bincount(cands, minlength=n)
    inter = (b.T @ b).tocoo()
    j, k, c = inter.row, inter.col, inter.data
    sub = (j != k) & (c == size[j]) & ((size[j] < size[k]) | (k < j)) & active[k]
    out[j[sub]] = True
    out |= active & (size == 0)
    return out & active


def exact_mclp(
    cover: Coverage,
    population: NDArray[np.float64],
    covered0: NDArray[np.bool_],
    blocked: NDArray[np.bool_],
    count: int,
    *,
    time_limit: float | None,
    solver: str,
    greedy_sites: Sequence[int],
) -> _Exact:
    """Exact MCLP on a reduced model, seeded and backed up by the greedy solution.

    Reductions (each keeps the optimum): rows already covered, with no
    population or covered by no free candidate are dropped; rows with the same
    cover set are merged (weights summed); dominated candidates are removed
    (:func:`_dominated`); rows covered by one candidate only are folded into that
    candidate's objective coefficient. The cardinality is ``<= count`` (coverage
    never decreases with more sites); the caller pads with zero-gain sites.

    The incumbent is the better of greedy and LP rounding, each improved by
    1-swap local search (:func:`_swap_search`). The LP relaxation then fixes
    to 0 (or 1) every site whose reduced cost pushes the LP bound strictly below
    the incumbent: no solution at least as good as the incumbent is cut off, so
    every optimum survives, and HiGHS starts on a model with most sites gone.
    """
    from scipy import sparse

    n = cover.n
    reachable = np.zeros(cover.m, dtype=bool)
    reachable[cover.row_dem] = True
    rows = np.flatnonzero(reachable & ~covered0 & (population > 0))
    cands, owner = cover.candidates_of(rows)
    keep = ~blocked[cands]
    cands, owner = cands[keep], owner[keep]
    lengths = np.bincount(owner, minlength=rows.size)
    ptr = np.zeros(rows.size + 1, dtype=np.int64)
    np.cumsum(lengths, out=ptr[1:])
    has = lengths > 0
    weight = population[rows]
    if not bool(has.all()):
        sel = np.flatnonzero(has)
        ptr, cands = _subset_rows(ptr, cands, sel)
        weight = weight[sel]
    ptr, cands, weight = _merge_rows(ptr, cands, weight)

    active = ~blocked
    dominated = _dominated(ptr, cands, n, active)
    if bool(dominated.any()):
        active &= ~dominated
        keep = active[cands]
        owner = np.repeat(np.arange(weight.size), np.diff(ptr))[keep]
        cands = cands[keep]
        ptr = np.zeros(weight.size + 1, dtype=np.int64)
        np.cumsum(np.bincount(owner, minlength=weight.size), out=ptr[1:])
        ptr, cands, weight = _merge_rows(ptr, cands, weight)

    # fold rows covered by a single candidate into that candidate's coefficient
    lengths = np.diff(ptr)
    single = lengths == 1
    fold = np.bincount(cands[ptr[:-1][single]], weights=weight[single], minlength=n)
    multi = np.flatnonzero(~single)
    ptr, cands = _subset_rows(ptr, cands, multi)
    weight = weight[multi]
    useful = active & ((fold > 0) | (np.bincount(cands, minlength=n) > 0))
    kept = np.flatnonzero(useful)
    nk, nr = kept.size, weight.size

    def value_of(sites: Sequence[int]) -> float:
        mask = cover.covered_by(list(sites)) & ~covered0
        return float(population[mask].sum())

    greedy_value = value_of(greedy_sites)
    if nk <= count:
        return _Exact([int(j) for j in kept], True, 0.0, solver)
    reach = fold.copy()
    np.add.at(reach, cands, weight[np.repeat(np.arange(nr), np.diff(ptr))])
    trivial = float(np.sort(reach[kept])[::-1][:count].sum())
    if nr == 0:  # separable: the best `count` coefficients (ties: lowest index)
        order = np.lexsort((kept, -fold[kept]))[:count]
        return _Exact(sorted(int(j) for j in kept[order]), True, 0.0, solver)

    col = np.full(n, -1, dtype=np.int64)
    col[kept] = np.arange(nk)
    owner = np.repeat(np.arange(nr), np.diff(ptr))
    a = sparse.vstack(
        [
            sparse.csr_array(
                (
                    np.concatenate([-np.ones(cands.size), np.ones(nr)]),
                    (
                        np.concatenate([owner, np.arange(nr)]),
                        np.concatenate([col[cands], nk + np.arange(nr)]),
                    ),
                ),
                shape=(nr, nk + nr),
            ),
            sparse.csr_array(
                (np.ones(nk), (np.zeros(nk, dtype=np.int64), np.arange(nk))), shape=(1, nk + nr)
            ),
        ]
    ).tocsr()
    c = -np.concatenate([fold[kept], weight])
    row_lower = np.full(nr + 1, -np.inf)
    row_upper = np.concatenate([np.zeros(nr), [float(count)]])
    lower = np.zeros(nk + nr)
    upper = np.ones(nk + nr)
    integral = np.concatenate([np.ones(nk, dtype=bool), np.zeros(nr, dtype=bool)])
    b = sparse.csr_array((np.ones(cands.size), (owner, col[cands])), shape=(nr, nk))
    g = col[np.asarray(list(greedy_sites), dtype=np.int64)] if len(greedy_sites) else col[:0]
    first = np.zeros(nk, dtype=bool)
    first[g[g >= 0]] = True
    fold_k = np.asarray(fold[kept], dtype=np.float64)
    incumbent = _swap_search(b, weight, fold_k, first)
    clock = time.monotonic()
    lp = relaxation(c, a, row_upper, lower, upper, time_limit=time_limit)
    if lp is not None:
        # LP rounding (the `count` largest values) then swaps: often the optimum itself
        lp_value, x_lp, at_lower, at_upper = lp
        rounded = np.zeros(nk, dtype=bool)
        rounded[np.lexsort((np.arange(nk), -x_lp[:nk]))[:count]] = True
        rounded = _swap_search(b, weight, fold_k, rounded)
        if _reduced_value(b, weight, fold_k, rounded) > _reduced_value(
            b, weight, fold_k, incumbent
        ):
            incumbent = rounded
        # Reduced-cost fixing: a site whose reduced cost pushes the LP bound below the
        # incumbent is in no solution as good as the incumbent, so no optimum is lost.
        bound_lp = -lp_value
        floor = _reduced_value(b, weight, fold_k, incumbent)
        slack = 1e-6 * max(float(weight.sum() + fold_k.sum()), 1.0)
        upper[:nk][bound_lp - at_lower[:nk] < floor - slack] = 0.0
        forced = bound_lp + at_upper[:nk] < floor - slack
        if int(forced.sum()) <= count:  # more would be a numerical accident: skip them
            lower[:nk][forced] = 1.0
    local_sites = [int(j) for j in kept[incumbent]]
    local_value = value_of(local_sites)
    if local_value > greedy_value:
        greedy_sites, greedy_value = local_sites, local_value
    start = np.zeros(nk + nr)
    start[:nk] = incumbent
    start[nk:] = np.minimum(b @ incumbent.astype(np.float64), 1.0)
    whole = bool(np.all(population == np.round(population)))
    answer = solve(
        c,
        a,
        row_lower,
        row_upper,
        lower,
        upper,
        integral,
        solver=solver,
        time_limit=None
        if time_limit is None
        else max(time_limit - (time.monotonic() - clock), 0.1 * time_limit),
        start=start,
        # whole-number populations: stop only when the bound is within one person
        rel_gap=min(1e-4, 0.99 / max(trivial, 1.0)) if whole else None,
        # the reduced-cost fixing above is what HiGHS's restarts would redo
        restart=lp is None,
    )
    solver_sites: list[int] = []
    if answer.x is not None:
        solver_sites = [int(j) for j in kept[np.asarray(answer.x[:nk]) > 0.5]]
    if answer.optimal:
        # HiGHS stops within a relative gap of 1e-4: report what is proven.
        gap = _proven_gap(value_of(solver_sites), -answer.bound, population)
        return _Exact(solver_sites, True, gap, answer.solver)
    solver_value = value_of(solver_sites) if answer.x is not None else -math.inf
    if solver_value >= greedy_value:
        best, value = solver_sites, solver_value
    else:
        best, value = [int(j) for j in greedy_sites], greedy_value
    bound = -answer.bound if math.isfinite(answer.bound) else math.inf
    if not math.isfinite(bound):
        bound = -relaxation_bound(c, a, row_lower, row_upper, lower, upper, time_limit=time_limit)
    bound = min(bound, trivial)
    gap = max(bound - value, 0.0) / bound if bound > 0 else 0.0
    return _Exact(best, False, gap, answer.solver)


def _reduced_value(
    b: Any, weight: NDArray[np.float64], fold: NDArray[np.float64], sel: NDArray[np.bool_]
) -> float:
    """Objective of the reduced model at the site set ``sel`` (a mask over its columns)."""
    covered = (b @ sel.astype(np.float64)) > 0
    return float(fold[sel].sum() + weight[covered].sum())


def _swap_search(
    b: Any, weight: NDArray[np.float64], fold: NDArray[np.float64], sel: NDArray[np.bool_]
) -> NDArray[np.bool_]:
    """Best-improvement 1-swap local search (Teitz & Bart 1968) on the reduced model.

    ``b`` is the rows x sites 0/1 cover matrix, ``fold`` the sites' own
    coefficients. Each step makes the swap (one site out, one in) with the largest
    gain, lowest indices first on ties, until no swap gains more than ``1e-9``
    of the total weight (or after ``10 * count`` swaps).
    """
    from scipy import sparse

    bt = sparse.csr_array(b).T.tocsr()
    sel = sel.copy()
    step = 1e-9 * max(float(weight.sum() + fold.sum()), 1.0)
    for _ in range(10 * max(int(sel.sum()), 1)):
        sites = np.flatnonzero(sel)
        if sites.size == 0 or sites.size == sel.size:
            break
        count = b @ sel.astype(np.float64)
        gain = fold + bt @ (weight * (count == 0))
        rows = np.flatnonzero(count == 1)
        sub = sparse.csr_array(b[rows][:, sites]).tocoo()
        owner = np.zeros(rows.size, dtype=np.int64)
        owner[sub.row] = sub.col
        loss = fold[sites] + np.bincount(owner, weights=weight[rows], minlength=sites.size)
        alone = sparse.csr_array((weight[rows], (rows, owner)), shape=(b.shape[0], sites.size))
        delta = gain[:, None] - loss[None, :] + (bt @ alone).toarray()
        delta[sel, :] = -np.inf
        k = int(np.argmax(delta))
        j, s = divmod(k, sites.size)
        if not delta[j, s] > step:
            break
        sel[sites[s]] = False
        sel[j] = True
    return sel


def _proven_gap(value: float, bound: float, population: NDArray[np.float64]) -> float:
    """Relative gap ``(bound - value) / bound``; 0 when whole-number weights close it."""
    if not math.isfinite(bound) or bound <= 0 or bound <= value:
        return 0.0
    whole = bool(np.all(population == np.round(population)))
    if whole and bound - value < 1.0 - 1e-9:
        return 0.0  # the optimum is a whole number <= bound, and value is one
    return (bound - value) / bound


def _subset_rows(
    ptr: NDArray[np.int64], cands: NDArray[np.int64], sel: NDArray[np.int64]
) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
    lengths = np.diff(ptr)[sel]
    new_ptr = np.zeros(sel.size + 1, dtype=np.int64)
    np.cumsum(lengths, out=new_ptr[1:])
    total = int(new_ptr[-1])
    if total == 0:
        return new_ptr, np.zeros(0, dtype=np.int64)
    offsets = np.arange(total) - np.repeat(new_ptr[:-1], lengths)
    return new_ptr, cands[np.repeat(ptr[:-1][sel], lengths) + offsets]


def pad(sites: list[int], blocked: NDArray[np.bool_], count: int) -> list[int]:
    """Fill up to ``count`` with the lowest free indices (they add nothing)."""
    if len(sites) >= count:
        return sites[:count]
    taken = blocked.copy()
    taken[sites] = True
    free = np.flatnonzero(~taken)[: count - len(sites)]
    return [*sites, *(int(j) for j in free)]


def served(
    table: CostTable,
    population: NDArray[np.float64],
    capacity: NDArray[np.float64],
    sites: Sequence[int],
    *,
    integral: bool = False,
) -> float:
    """Maximum population served by ``sites`` within their capacities (an LP max-flow).

    With whole-number populations and capacities the maximum flow is a whole
    number (integrality of network flows), so the LP value is rounded to it.
    """
    from scipy import sparse
    from scipy.optimize import linprog

    if not len(sites):
        return 0.0
    open_ = np.zeros(table.shape[1], dtype=bool)
    open_[list(sites)] = True
    keep = open_[table.supply] & (population[table.demand] > 0) & (capacity[table.supply] > 0)
    i, j = table.demand[keep], table.supply[keep]
    k = i.size
    if k == 0:
        return 0.0
    m, n = table.shape
    a = sparse.vstack(
        [
            sparse.csr_array((np.ones(k), (i, np.arange(k))), shape=(m, k)),
            sparse.csr_array((np.ones(k), (j, np.arange(k))), shape=(n, k)),
        ]
    ).tocsr()
    res = linprog(
        -np.ones(k),
        A_ub=a,
        b_ub=np.concatenate([population, capacity]),
        bounds=(0, None),
        method="highs",
    )
    if res.status != 0:  # pragma: no cover - a max-flow LP is always feasible and bounded
        raise InfeasibleError(f"capacity: the served-population LP failed ({res.message!r})")
    value = float(-res.fun)
    return float(round(value)) if integral else value


def greedy_capacitated(
    table: CostTable,
    population: NDArray[np.float64],
    capacity: NDArray[np.float64],
    fixed: Sequence[int],
    count: int,
    integral: bool,
    base: float,
) -> tuple[list[int], list[float]]:
    """Lazy greedy on the served population (a monotone submodular function).

    Marginal gains are exact (one max-flow LP per evaluation); stale gains are
    upper bounds, so only the candidates at the top of the heap are re-evaluated.
    Ties go to the lowest index: the heap orders by (-gain, index).
    """
    import heapq

    n = table.shape[1]
    reach = np.bincount(table.supply, weights=population[table.demand], minlength=n)
    bound = np.minimum(capacity, reach)
    taken = set(fixed)
    heap = [(-float(bound[j]), j, -1) for j in range(n) if j not in taken]
    heapq.heapify(heap)
    chosen: list[int] = [*fixed]
    current = base
    sites: list[int] = []
    gains: list[float] = []
    for step in range(count):
        while True:
            neg, j, stamp = heapq.heappop(heap)
            if stamp == step:
                break
            gain = served(table, population, capacity, [*chosen, j], integral=integral) - current
            gain = max(gain, 0.0) if integral else max(round(gain, 9), 0.0)
            heapq.heappush(heap, (-gain, j, step))
        sites.append(j)
        gains.append(-neg)
        chosen.append(j)
        current += -neg
    return sites, gains


def milp_capacitated(
    table: CostTable,
    population: NDArray[np.float64],
    capacity: NDArray[np.float64],
    fixed: Sequence[int],
    count: int,
    time_limit: float | None,
) -> list[int]:
    """Capacitated MCLP: x_j built, z_ij population of i served by j (continuous)."""
    from scipy import sparse
    from scipy.optimize import Bounds, LinearConstraint, milp

    m, n = table.shape
    keep = (population[table.demand] > 0) & (capacity[table.supply] > 0)
    i, j = table.demand[keep], table.supply[keep]
    k = i.size
    # rows: demand (sum_j z_ij <= P_i), sites (sum_i z_ij - C_j x_j <= 0), cardinality
    demand_rows = sparse.csr_array((np.ones(k), (i, n + np.arange(k))), shape=(m, n + k))
    site_rows = sparse.csr_array(
        (
            np.concatenate([np.ones(k), -capacity]),
            (np.concatenate([j, np.arange(n)]), np.concatenate([n + np.arange(k), np.arange(n)])),
        ),
        shape=(n, n + k),
    )
    card = sparse.csr_array(
        (np.ones(n), (np.zeros(n, dtype=np.int64), np.arange(n))), shape=(1, n + k)
    )
    lower = np.zeros(n + k)
    lower[list(fixed)] = 1.0
    upper = np.concatenate([np.ones(n), np.full(k, np.inf)])
    options: dict[str, Any] = {}
    if time_limit is not None:
        options["time_limit"] = float(time_limit)
    res = milp(
        np.concatenate([np.zeros(n), -np.ones(k)]),
        constraints=[
            LinearConstraint(demand_rows, -np.inf, population),
            LinearConstraint(site_rows, -np.inf, 0.0),
            LinearConstraint(card, count + len(fixed), count + len(fixed)),
        ],
        integrality=np.concatenate([np.ones(n), np.zeros(k)]),
        bounds=Bounds(lower, upper),
        options=options,
    )
    if res.status != 0 or res.x is None:
        reason = _MILP_STATUS.get(int(res.status), "unknown status")
        raise InfeasibleError(
            f"method='milp': the solver did not prove optimality (status={res.status}: "
            f"{reason}; HiGHS says {res.message!r}); no sites are reported. "
            "Raise time_limit"
        )
    built = set(np.flatnonzero(np.asarray(res.x[:n]) > 0.5).tolist()) - set(fixed)
    return sorted(int(x) for x in built)
