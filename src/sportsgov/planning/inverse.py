"""Inverse questions: the area to build and the fewest sites to reach a target.

* :func:`area_to_add` — for each region, the venue area to add [m²] so that the
  area per resident reaches a target by a year, measured against that year's
  (projected) population; split by kind when a mix is given, and costed from a
  unit-cost table [yuan/m² by kind], exact in Money.
* :func:`sites_to_reach` — the fewest new sites (or the cheapest, with site costs)
  among candidates that bring every region's covered population to a share: a
  partial set cover, solved greedily (with its bound) or exactly with HiGHS.
  With a budget instead of a share, use
  :func:`~sportsgov.planning.best_portfolio` with
  ``objective="covered_population"`` (maximal covering with site costs).

Examples
--------
>>> from sportsgov.regions import PopulationTable
>>> pop = PopulationTable({("A", 2025): 100_000, ("B", 2025): 50_000})
>>> plan = area_to_add("2.65", {"A": 250_000, "B": 140_000}, pop, year=2025,
...                    mix={"fitness_path": "0.6", "football_5": "0.4"},
...                    unit_costs={"fitness_path": "300元", "football_5": "450元"})
>>> r = plan.row("A")
>>> r.needed, r.to_add, r.by_kind["fitness_path"], r.cost
(Decimal('265000.00'), Decimal('15000.00'), Decimal('9000.00'), Money('5400000.00'))
>>> plan.row("B").to_add, plan.total_cost
(Decimal('0'), Money('5400000.00'))
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Any, Literal

import numpy as np
from attrs import field, frozen

from sportsgov.errors import DataError, InfeasibleError, InvalidInputError, NotFoundError
from sportsgov.money import Money
from sportsgov.planning._decimals import exact_decimal

__all__ = ["AreaPlan", "AreaRow", "CoverPlan", "area_to_add", "sites_to_reach"]


def _decimal(value: Any, argument: str) -> Decimal:
    return exact_decimal(value, argument, unwrap=True, nonnegative=True)


@frozen
class AreaRow:
    """One region of :func:`area_to_add`.

    Attributes
    ----------
    region
        Region code.
    population
        Year-end population of the target year [persons].
    area_now
        Venue area now [m²].
    needed
        ``target × population`` [m²].
    to_add
        ``max(0, needed - area_now)`` [m²].
    by_kind
        ``{kind: m²}`` split of ``to_add`` by the mix (empty without a mix).
    cost
        Cost of ``to_add`` from the unit costs [Money], ``None`` without them.
    cost_by_kind
        ``{kind: Money}``.
    """

    region: str
    population: int
    area_now: Decimal
    needed: Decimal
    to_add: Decimal
    by_kind: Mapping[str, Decimal] = field(factory=dict)
    cost: Money | None = None
    cost_by_kind: Mapping[str, Money] = field(factory=dict)

    def to_record(self) -> dict[str, Any]:
        """A flat JSON-able dict."""
        return {
            "region": self.region,
            "population": self.population,
            "area_now": str(self.area_now),
            "needed": str(self.needed),
            "to_add": str(self.to_add),
            "by_kind": {k: str(v) for k, v in self.by_kind.items()},
            "cost": None if self.cost is None else str(self.cost),
            "cost_by_kind": {k: str(v) for k, v in self.cost_by_kind.items()},
        }


@frozen
class AreaPlan:
    """The result of :func:`area_to_add`.

    Attributes
    ----------
    target
        Area per resident wanted [m²/person].
    year
        Year whose year-end population is used.
    rows
        One :class:`AreaRow` per region, in input order.
    total_to_add
        Sum of ``to_add`` [m²].
    total_cost
        Sum of the costs [Money] (``None`` without unit costs).
    population_source
        How the population of ``year`` was obtained.
    """

    target: Decimal
    year: int
    rows: tuple[AreaRow, ...]
    total_to_add: Decimal
    total_cost: Money | None
    population_source: str

    def row(self, region: str) -> AreaRow:
        """The row of ``region``."""
        for r in self.rows:
            if r.region == region:
                return r
        raise NotFoundError.bad("region", region, "not in the area plan")

    def to_data(self) -> dict[str, Any]:
        """Plain JSON-able data."""
        return {
            "target": str(self.target),
            "year": self.year,
            "rows": [r.to_record() for r in self.rows],
            "total_to_add": str(self.total_to_add),
            "total_cost": None if self.total_cost is None else str(self.total_cost),
            "population_source": self.population_source,
        }


def area_to_add(
    target: Any,
    area_now: Mapping[str, Any],
    population: Any,
    *,
    year: int,
    mix: Mapping[str, Any] | None = None,
    unit_costs: Mapping[str, Any] | None = None,
) -> AreaPlan:
    """Venue area to add per region to reach ``target`` m² per resident in ``year``.

    Parameters
    ----------
    target
        Area per resident wanted [m²/person] (a number, decimal string, or the
        ``value`` of a per-capita :class:`~sportsgov.plans.Target`).
    area_now
        ``{region: area}`` counted now [m²] (numbers or m² quantities, e.g. the
        ``numerator`` of :func:`~sportsgov.indicators.per_capita_area`).
    population
        A :class:`~sportsgov.regions.PopulationTable` with ``year`` (project it
        first: ``pop.project(year, method="linear")``).
    year
        The target year (its year-end population is the denominator).
    mix
        ``{kind: share}`` splitting the area to add; shares must sum to 1.
    unit_costs
        ``{kind: cost per m²}`` (Money or strings such as ``"300元"``); needs ``mix``
        unless it has the single key ``"*"`` for every kind.

    Returns
    -------
    AreaPlan

    Raises
    ------
    InvalidInputError
        Negative numbers, shares not summing to 1, a kind without unit cost.
    DataError
        The population lacks ``year`` for a region.
    """
    t = _decimal(target, "target")
    shares: dict[str, Fraction] = {}
    if mix is not None:
        for k, v in mix.items():
            shares[k] = Fraction(_decimal(v, f"mix[{k!r}]"))
        if sum(shares.values()) != 1:
            raise InvalidInputError.bad(
                "mix", dict(mix), f"shares must sum to 1 (they sum to {sum(shares.values())})"
            )
    costs: dict[str, Money] = {}
    if unit_costs is not None:
        for k, v in unit_costs.items():
            costs[k] = v if isinstance(v, Money) else Money.parse(str(v))
        missing = [k for k in shares if k not in costs and "*" not in costs]
        if missing:
            raise InvalidInputError.bad(
                "unit_costs", sorted(costs), f"no unit cost for {', '.join(missing)}"
            )
        if not shares and "*" not in costs:
            raise InvalidInputError.bad(
                "unit_costs", sorted(costs), "without a mix give one cost under the key '*'"
            )
    rows = []
    for region, raw in area_now.items():
        now = _decimal(raw, f"area_now[{region!r}]")
        try:
            p = population.get(region, year)
        except (DataError, NotFoundError) as exc:
            raise DataError(
                f"region={region!r} year={year}: no population ({exc}); "
                "project it first: population.project(year, method='linear'|'geometric')"
            ) from None
        needed = t * p
        add = max(Decimal(0), needed - now)
        by_kind = {
            k: add * Decimal(s.numerator) / Decimal(s.denominator) for k, s in shares.items()
        }
        cost = None
        cost_by_kind: dict[str, Money] = {}
        if costs:
            if by_kind:
                cost_by_kind = {
                    k: costs.get(k, costs.get("*", Money(0))) * a for k, a in by_kind.items()
                }
                cost = sum(cost_by_kind.values(), Money(0))
            else:
                cost = costs["*"] * add
        rows.append(AreaRow(region, p, now, needed, add, by_kind, cost, cost_by_kind))
    total_cost = None
    if costs:
        total_cost = sum((r.cost for r in rows if r.cost is not None), Money(0))
    describe = getattr(population, "describe", None)
    source = describe() if callable(describe) else f"year-end population {year} (given)"
    return AreaPlan(
        target=t,
        year=year,
        rows=tuple(rows),
        total_to_add=sum((r.to_add for r in rows), Decimal(0)),
        total_cost=total_cost,
        population_source=source,
    )


@frozen
class CoverPlan:
    """The result of :func:`sites_to_reach`.

    Attributes
    ----------
    sites
        Candidate indices chosen (greedy: in the order chosen).
    cost
        Total site cost (number of sites without costs).
    required, covered
        Per region: population that must be covered and population covered [persons].
    method
        ``"greedy"`` or ``"milp"``.
    optimal
        Proven optimal (``milp``); greedy is ``False`` unless it meets the bound.
    lower_bound
        LP lower bound on the cost of any solution.
    guarantee
        Greedy only: the worst-case factor ``H(d)`` of Wolsey (1982) for submodular
        set cover, ``d`` the largest single-site gain in whole persons.
    """

    sites: tuple[int, ...]
    cost: float
    required: Mapping[str, float]
    covered: Mapping[str, float]
    method: str
    optimal: bool
    lower_bound: float
    guarantee: float | None = None

    def to_data(self) -> dict[str, Any]:
        """Plain JSON-able data."""
        return {
            "sites": list(self.sites),
            "cost": self.cost,
            "required": dict(self.required),
            "covered": dict(self.covered),
            "method": self.method,
            "optimal": self.optimal,
            "lower_bound": self.lower_bound,
            "guarantee": self.guarantee,
        }


def _reach(costs: Any, threshold: float | None, m: int) -> Any:
    from scipy import sparse

    from sportsgov.coverage import CostTable

    if isinstance(costs, CostTable):
        table = costs
    elif sparse.issparse(costs):
        table = CostTable.from_sparse(costs)
    else:
        arr = np.asarray(costs)
        if arr.dtype == bool:
            rows, cols = np.nonzero(arr)
            return sparse.csr_array((np.ones(rows.size), (rows, cols)), shape=arr.shape)
        table = CostTable.from_dense(arr.astype(np.float64))
    if threshold is None:
        raise InvalidInputError.bad(
            "threshold", None, "costs need a threshold (or give a boolean reach matrix)"
        )
    t = table.within(threshold)
    if t.shape[0] != m:
        raise InvalidInputError.bad("costs", t.shape, f"expected {m} demand rows like population")
    return sparse.csr_array((np.ones(t.demand.size), (t.demand, t.supply)), shape=t.shape)


def sites_to_reach(
    population: Any,
    costs: Any,
    *,
    share: Any,
    threshold: float | None = None,
    by: Sequence[Any] | None = None,
    existing: Any = None,
    site_costs: Any = None,
    method: Literal["greedy", "milp"] = "milp",
    time_limit: float | None = None,
) -> CoverPlan:
    """The fewest (or cheapest) new sites that bring every region to a coverage share.

    Parameters
    ----------
    population
        Population per demand point [persons], shape (m,).
    costs
        (m, n) costs (dense, scipy sparse or a :class:`~sportsgov.coverage.CostTable`)
        with ``threshold``, or a boolean reach matrix.
    share
        Share of each region's population to cover, in [0, 1].
    threshold
        Catchment [cost unit]: a candidate covers a point when ``cost <= threshold``.
    by
        Region of each demand point (default: one region ``"all"``).
    existing
        Boolean mask of points already covered.
    site_costs
        Cost of each candidate (default 1: fewest sites).
    method
        ``"milp"`` (exact, HiGHS) or ``"greedy"`` (best gain per cost, stated bound).
    time_limit
        Seconds for HiGHS.

    Returns
    -------
    CoverPlan

    Raises
    ------
    InfeasibleError
        Some region cannot reach the share even with every candidate (named).

    Examples
    --------
    >>> reach = np.array([[1, 0, 0], [1, 1, 0], [0, 1, 1], [0, 0, 1]], dtype=bool)
    >>> plan = sites_to_reach([10, 10, 10, 10], reach, share="0.75")
    >>> plan.sites, plan.cost, plan.optimal
    ((0, 2), 2.0, True)
    """
    from scipy.optimize import Bounds, LinearConstraint, milp

    pop = np.asarray(population, dtype=np.float64)
    if pop.ndim != 1 or not np.all(np.isfinite(pop)) or np.any(pop < 0):
        raise InvalidInputError.bad("population", "array", "expected a 1-D array of numbers >= 0")
    m = pop.size
    s = _decimal(share, "share")
    if s > 1:
        raise InvalidInputError.bad("share", share, "must be in [0, 1]")
    if method not in ("greedy", "milp"):
        raise InvalidInputError.bad("method", method, "expected one of 'greedy', 'milp'")
    reach = _reach(costs, threshold, m)
    n = reach.shape[1]
    labels = np.array(["all"] * m if by is None else [str(b) for b in by])
    if labels.size != m:
        raise InvalidInputError.bad("by", labels.size, f"expected {m} region codes")
    done = np.zeros(m, dtype=bool) if existing is None else np.asarray(existing, dtype=bool).copy()
    price = np.ones(n) if site_costs is None else np.asarray(site_costs, dtype=np.float64)
    if price.shape != (n,) or np.any(price < 0):
        raise InvalidInputError.bad("site_costs", "array", f"expected {n} costs >= 0")
    regions = list(dict.fromkeys(labels.tolist()))
    fs = float(s)
    required = {r: fs * float(pop[labels == r].sum()) for r in regions}
    need = {r: required[r] - float(pop[(labels == r) & done].sum()) for r in regions}
    # every candidate at once: can each region get there at all?
    reachable = done | (reach.sum(axis=1) > 0)
    short = [
        r for r in regions if float(pop[(labels == r) & reachable].sum()) < required[r] - 1e-9
    ]
    if short:
        raise InfeasibleError(
            f"share={share}: even every candidate leaves {', '.join(short)} below the share "
            "(not enough population within reach)"
        )
    rid = {r: k for k, r in enumerate(regions)}
    region_of = np.array([rid[r] for r in labels.tolist()], dtype=np.int64)
    csc = reach.tocsc()
    open_rows = np.flatnonzero(~done & (pop > 0) & reachable)
    k = open_rows.size
    # LP/MILP: min price·x; y_i <= sum_j reach_ij x_j; sum_{i in r} w_i y_i >= need_r
    from scipy import sparse

    sub = reach[open_rows]
    a_cover = sparse.hstack([-sub, sparse.eye(k)], format="csr")
    a_need = sparse.csr_array(
        (pop[open_rows], (region_of[open_rows], n + np.arange(k))), shape=(len(regions), n + k)
    )
    needs = np.array([max(0.0, need[r]) for r in regions]) - 1e-9
    cons = [
        LinearConstraint(a_cover, -np.inf, 0.0),
        LinearConstraint(a_need, needs, np.inf),
    ]
    c = np.concatenate([price, np.zeros(k)])
    bounds = Bounds(np.zeros(n + k), np.ones(n + k))
    lp = milp(c, constraints=cons, bounds=bounds)
    lower = float(lp.fun) if lp.x is not None else 0.0
    covered = done.copy()
    if method == "milp":
        options = {} if time_limit is None else {"time_limit": float(time_limit)}
        res = milp(
            c,
            constraints=cons,
            integrality=np.concatenate([np.ones(n), np.zeros(k)]),
            bounds=bounds,
            options=options,
        )
        if res.status != 0 or res.x is None:
            raise InfeasibleError(
                f"method='milp': HiGHS did not prove optimality ({res.message}); "
                "raise time_limit or use method='greedy'"
            )
        sites = [int(j) for j in np.flatnonzero(res.x[:n] > 0.5)]
        for j in sites:
            covered[csc[:, [j]].indices] = True
        optimal, guarantee = True, None
    else:
        remaining = {rid[r]: max(0.0, need[r]) for r in regions}
        sites = []
        max_gain = 0.0
        while any(v > 1e-9 for v in remaining.values()):
            best, best_ratio = -1, 0.0
            for j in range(n):
                if j in sites:
                    continue
                rows = csc[:, [j]].indices
                rows = rows[~covered[rows]]
                if rows.size == 0:
                    continue
                per = np.bincount(region_of[rows], weights=pop[rows], minlength=len(regions))
                gain = sum(min(per[q], max(0.0, remaining[q])) for q in remaining)
                ratio = gain / price[j] if price[j] > 0 else np.inf
                if gain > 1e-12 and ratio > best_ratio:
                    best, best_ratio = j, ratio
            if best < 0:  # pragma: no cover - feasibility was checked above
                raise InfeasibleError("greedy: no candidate adds coverage")
            rows = csc[:, [best]].indices
            rows = rows[~covered[rows]]
            per = np.bincount(region_of[rows], weights=pop[rows], minlength=len(regions))
            max_gain = max(max_gain, float(sum(per)))
            for q in remaining:
                remaining[q] -= per[q]
            covered[rows] = True
            sites.append(best)
        total = float(price[sites].sum())
        optimal = total <= lower + 1e-9
        d = max(1, int(np.ceil(max_gain)))
        guarantee = float(sum(1.0 / i for i in range(1, d + 1)))
    got = {r: float(pop[(labels == r) & covered].sum()) for r in regions}
    return CoverPlan(
        sites=tuple(sites),
        cost=float(price[sites].sum()) if sites else 0.0,
        required=required,
        covered=got,
        method=method,
        optimal=optimal,
        lower_bound=lower,
        guarantee=guarantee,
    )
