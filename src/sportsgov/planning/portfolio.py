"""The best use of a budget: choose candidate projects by integer programming (HiGHS).

A :class:`Project` is a candidate investment: its cost (Money), its region and
what it adds (measures such as ``"area_m2"`` or ``"mass_sports_events"``, and/or
the demand points a new site covers). :func:`best_portfolio` chooses the set of
projects within a budget that

``"targets_met"``
    meets the most :class:`Need` s (a need is met when the projects chosen in its
    region add at least its amount of its measure);
``"score"``
    maximises the points of the needs met (each need carries ``points``, e.g. the
    weight of the scheme item it serves);
``"covered_population"``
    maximises the population covered by the chosen sites (maximal covering with
    site costs).

Among the sets with the best value the cheapest is chosen (a second solve). The
model is a 0-1 integer program solved exactly with ``scipy.optimize.milp``
(HiGHS). If the solver stops without proof (``time_limit``), its best solution and
the proven gap are reported; if it has no solution, a greedy heuristic (best gain
per yuan) is used and reported as such with its gap to the LP bound. A third
solve looks for another set with the same value and cost: ties are reported, in
words.

Examples
--------
>>> from sportsgov.money import Money
>>> projects = [Project("p1", Money.yuan(60), adds={"area_m2": 500}, region="A"),
...             Project("p2", Money.yuan(50), adds={"area_m2": 300}, region="A"),
...             Project("p3", Money.yuan(40), adds={"area_m2": 300}, region="B")]
>>> needs = [Need("A-area", "area_m2", 300, region="A"),
...          Need("B-area", "area_m2", 250, region="B")]
>>> p = best_portfolio(projects, Money.yuan(100), objective="targets_met", needs=needs)
>>> p.chosen, p.cost, p.value, p.met, p.optimal
(('p2', 'p3'), Money('90.00'), Fraction(2, 1), ('A-area', 'B-area'), True)
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Any, Literal, get_args

import numpy as np
from attrs import field, frozen

from sportsgov.errors import InvalidInputError
from sportsgov.money import Money
from sportsgov.planning._decimals import exact_decimal

__all__ = ["OBJECTIVES", "Need", "Objective", "Portfolio", "Project", "best_portfolio"]

Objective = Literal["targets_met", "score", "covered_population"]
OBJECTIVES: tuple[str, ...] = get_args(Objective)


def _exact(value: Any, argument: str) -> Decimal:
    return exact_decimal(value, argument, unwrap=False, nonnegative=False)


def _adds(value: Mapping[str, Any]) -> dict[str, Decimal]:
    out = {}
    for k, v in dict(value).items():
        d = _exact(v, f"adds[{k!r}]")
        if d < 0:
            raise InvalidInputError.bad(f"adds[{k!r}]", v, "must be >= 0")
        out[str(k)] = d
    return out


def _money(value: Any) -> Money:
    if isinstance(value, Money):
        return value
    if isinstance(value, str):
        return Money.parse(value)
    raise InvalidInputError.bad("cost", value, "expected Money or a string such as '120万元'")


def _amount(value: Any) -> Decimal:
    return _exact(value, "amount")


def _points(value: Any) -> Decimal:
    return _exact(value, "points")


def _ints(value: Iterable[int]) -> tuple[int, ...]:
    return tuple(sorted({int(v) for v in value}))


@frozen
class Project:
    """A candidate investment.

    Attributes
    ----------
    id
        Identifier (unique among the candidates).
    cost
        Cost [Money, exact fen]; a string such as ``"120万元"`` is parsed.
    adds
        ``{measure: amount}`` it contributes (``"area_m2"`` [m²], events [count] …).
    region
        Region code where it counts; ``None`` counts everywhere.
    covers
        Indices of the demand points the new site would cover (for
        ``"covered_population"``).
    name
        Description.
    """

    id: str
    cost: Money = field(converter=_money)
    adds: Mapping[str, Decimal] = field(factory=dict, converter=_adds)
    region: str | None = None
    covers: tuple[int, ...] = field(default=(), converter=_ints)
    name: str = ""

    def __attrs_post_init__(self) -> None:
        if self.cost < Money(0):
            raise InvalidInputError.bad("cost", self.cost, "must be >= 0", shown=str(self.cost))

    def to_data(self) -> dict[str, Any]:
        """Plain JSON/TOML data."""
        return {
            "id": self.id,
            "cost": f"{self.cost.to_decimal()}元",
            "adds": {k: str(v) for k, v in self.adds.items()},
            "region": self.region,
            "covers": list(self.covers),
            "name": self.name,
        }


@frozen
class Need:
    """An amount of a measure to be added in a region (a target's gap).

    Attributes
    ----------
    id
        Identifier (a target id, or ``target@region``).
    measure
        Measure key matching :attr:`Project.adds`.
    amount
        Amount needed [measure unit]; ``<= 0`` means already met.
    region
        Region whose projects count; ``None``: every project counts (a city target).
    points
        Weight for ``objective="score"`` (default 1).
    """

    id: str
    measure: str
    amount: Decimal = field(converter=_amount)
    region: str | None = None
    points: Decimal = field(default=Decimal(1), converter=_points)

    def to_data(self) -> dict[str, Any]:
        """Plain JSON/TOML data."""
        return {
            "id": self.id,
            "measure": self.measure,
            "amount": str(self.amount),
            "region": self.region,
            "points": str(self.points),
        }


@frozen
class Portfolio:
    """The result of :func:`best_portfolio`.

    Attributes
    ----------
    chosen
        Ids of the chosen projects, in input order.
    cost, budget, left
        Cost of the chosen set, the budget, and what is left [Money].
    objective
        The objective maximised.
    value
        Its value (needs met, points, or covered population [persons]), recomputed
        exactly from the chosen set.
    met
        Ids of the needs met (targets objectives).
    method
        ``"milp"`` or ``"greedy"`` (the fallback).
    optimal
        ``True`` when the value is proven optimal.
    gap
        Proven relative gap ``(bound - value) / bound`` (0 when optimal).
    bound
        Upper bound on the value proven by the solver (the LP bound for greedy).
    ties
        Other project sets with the same value and cost (at most one is searched).
    explanation
        Sentences on what was chosen and why, infeasibility and ties.
    """

    chosen: tuple[str, ...]
    cost: Money
    budget: Money
    left: Money
    objective: str
    value: Fraction
    met: tuple[str, ...]
    method: str
    optimal: bool
    gap: float
    bound: float
    ties: tuple[tuple[str, ...], ...] = ()
    explanation: tuple[str, ...] = ()

    def __repr__(self) -> str:
        """Short: the objective, value, cost and the first chosen ids (never every id).

        ``met`` and ``ties`` are counted; ``explanation`` is left to the attribute.

        Examples
        --------
        >>> p = best_portfolio([Project("a", Money.yuan(2), covers={0})], "5元",
        ...                    objective="covered_population", population=[3.0])
        >>> p
        Portfolio(objective='covered_population', value=Fraction(3, 1), cost=Money('2.00'), budget=Money('5.00'), method='milp', optimal=True, needs_met=0, ties=0, chosen=[a])
        """  # noqa: E501
        from sportsgov._common.display import text_repr

        return text_repr(
            "Portfolio",
            [
                ("objective", self.objective),
                ("value", self.value),
                ("cost", self.cost),
                ("budget", self.budget),
                ("method", self.method),
                ("optimal", self.optimal),
                ("needs_met", len(self.met)),
                ("ties", len(self.ties)),
            ],
            iter(self.chosen),
            count=len(self.chosen),
            label="chosen",
        )

    def _repr_html_(self) -> str:
        """A notebook table of the chosen projects under the headline figures.

        Examples
        --------
        >>> p = best_portfolio([Project("a", Money.yuan(2), covers={0})], "5元",
        ...                    objective="covered_population", population=[3.0])
        >>> p._repr_html_().split("<table>")[0]
        '<p>Portfolio (covered_population = 3): 1 project chosen, cost 2.00 of 5.00 yuan (3.00 left); milp, optimal</p>'
        """  # noqa: E501
        from sportsgov._common.display import html_table

        proof = "optimal" if self.optimal else f"gap {self.gap:.2%}"
        n = len(self.chosen)
        return html_table(
            f"Portfolio ({self.objective} = {self.value}): {n:,} project{'s' if n != 1 else ''}"
            f" chosen, cost {self.cost} of {self.budget} yuan ({self.left} left);"
            f" {self.method}, {proof}",
            ["chosen project"],
            ((pid,) for pid in self.chosen),
            count=n,
        )

    def to_data(self) -> dict[str, Any]:
        """Plain JSON-able data."""
        return {
            "chosen": list(self.chosen),
            "cost": str(self.cost),
            "budget": str(self.budget),
            "left": str(self.left),
            "objective": self.objective,
            "value": str(self.value),
            "met": list(self.met),
            "method": self.method,
            "optimal": self.optimal,
            "gap": self.gap,
            "bound": self.bound,
            "ties": [list(t) for t in self.ties],
            "explanation": list(self.explanation),
        }


class _Model:
    """The 0-1 programme: x (projects) then z (needs met) or y (demand covered)."""

    def __init__(
        self,
        projects: Sequence[Project],
        objective: str,
        needs: Sequence[Need],
        population: np.ndarray[Any, np.dtype[np.float64]] | None,
        covered: np.ndarray[Any, np.dtype[np.bool_]] | None,
    ) -> None:
        from scipy import sparse

        n = len(projects)
        self.n = n
        self.cost = np.array([p.cost.fen for p in projects], dtype=np.float64)
        rows: list[int] = []
        cols: list[int] = []
        vals: list[float] = []
        if objective == "covered_population":
            assert population is not None
            m = population.size
            already = np.zeros(m, dtype=bool) if covered is None else covered
            counts = np.zeros(m, dtype=np.int64)
            for p in projects:
                counts[list(p.covers)] += 1
            self.demand = np.flatnonzero((counts > 0) & ~already & (population > 0))
            pos = {int(i): k for k, i in enumerate(self.demand)}
            k = self.demand.size
            for j, p in enumerate(projects):
                for i in p.covers:
                    if i in pos:
                        rows.append(pos[i])
                        cols.append(j)
                        vals.append(-1.0)
            rows.extend(range(k))
            cols.extend(range(n, n + k))
            vals.extend([1.0] * k)
            self.weights = population[self.demand].astype(np.float64)
            self.k = k
            self.fixed_value = 0.0
        else:
            self.k = len(needs)
            weights = []
            self.fixed = np.zeros(self.k, dtype=bool)
            for t, need in enumerate(needs):
                w = float(need.points) if objective == "score" else 1.0
                weights.append(w)
                if need.amount <= 0:
                    self.fixed[t] = True
                    continue
                for j, p in enumerate(projects):
                    a = p.adds.get(need.measure)
                    if a and (need.region is None or p.region == need.region):
                        rows.append(t)
                        cols.append(j)
                        vals.append(-float(a))
                rows.append(t)
                cols.append(n + t)
                vals.append(float(need.amount))
            self.weights = np.array(weights, dtype=np.float64)
        self.matrix = sparse.csr_array(
            (np.array(vals), (np.array(rows, dtype=np.int64), np.array(cols, dtype=np.int64))),
            shape=(self.k, n + self.k),
        )

    def solve(
        self,
        budget: float,
        *,
        minimise_cost_at: float | None = None,
        exclude: Sequence[int] | None = None,
        max_cost: float | None = None,
        time_limit: float | None,
        relax: bool = False,
    ) -> Any:
        from scipy.optimize import Bounds, LinearConstraint, milp

        n, k = self.n, self.k
        cons = [LinearConstraint(self.matrix, -np.inf, 0.0)] if k else []
        costrow = np.concatenate([self.cost, np.zeros(k)])
        cons.append(LinearConstraint(costrow[None, :], -np.inf, budget))
        objrow = np.concatenate([np.zeros(n), self.weights])
        if minimise_cost_at is not None:
            tol = 1e-7 * max(1.0, abs(minimise_cost_at))
            cons.append(LinearConstraint(objrow[None, :], minimise_cost_at - tol, np.inf))
            c = costrow
        else:
            c = -objrow
        if exclude is not None:
            cut = np.concatenate([-np.ones(n), np.zeros(k)])
            cut[list(exclude)] = 1.0
            cons.append(LinearConstraint(cut[None, :], -np.inf, len(exclude) - 1))
        if max_cost is not None:
            cons.append(LinearConstraint(costrow[None, :], -np.inf, max_cost))
        lower = np.zeros(n + k)
        upper = np.ones(n + k)
        if k and hasattr(self, "fixed"):
            lower[n:][self.fixed] = 1.0
        integrality = np.zeros(n + k) if relax else np.concatenate([np.ones(n), np.zeros(k)])
        if not relax and hasattr(self, "fixed"):
            integrality[n:] = 1.0
        options: dict[str, Any] = {}
        if time_limit is not None:
            options["time_limit"] = float(time_limit)
        return milp(
            c,
            constraints=cons,
            integrality=integrality,
            bounds=Bounds(lower, upper),
            options=options,
        )


def _evaluate(
    projects: Sequence[Project],
    chosen: Sequence[int],
    objective: str,
    needs: Sequence[Need],
    population: Any,
    covered: Any,
) -> tuple[Fraction, tuple[str, ...]]:
    """Exact value of a chosen set (independent of the solver's arithmetic)."""
    if objective == "covered_population":
        hit: set[int] = set()
        for j in chosen:
            hit.update(projects[j].covers)
        already = set() if covered is None else set(np.flatnonzero(covered).tolist())
        new = sorted(hit - already)
        return Fraction(float(np.asarray(population)[new].sum()) if new else 0), ()
    met = []
    total = Fraction(0)
    for need in needs:
        got = sum(
            (
                projects[j].adds.get(need.measure, Decimal(0))
                for j in chosen
                if need.region is None or projects[j].region == need.region
            ),
            Decimal(0),
        )
        if got >= need.amount:
            met.append(need.id)
            total += Fraction(need.points) if objective == "score" else 1
    return total, tuple(met)


def _greedy(
    projects: Sequence[Project],
    budget: Money,
    objective: str,
    needs: Sequence[Need],
    population: Any,
    covered: Any,
) -> list[int]:
    """Best gain per fen first: covered population, or progress towards unmet needs."""
    n = len(projects)
    chosen: list[int] = []
    spent = Money(0)
    if objective == "covered_population":
        pop = np.asarray(population)
        hit: set[int] = set() if covered is None else set(np.flatnonzero(covered).tolist())

        def gain_of(j: int) -> Fraction:
            new = [i for i in projects[j].covers if i not in hit]
            return Fraction(float(pop[new].sum())) if new else Fraction(0)

    else:
        touches: list[list[tuple[int, Decimal]]] = [[] for _ in range(n)]
        for t, need in enumerate(needs):
            for j, p in enumerate(projects):
                a = p.adds.get(need.measure)
                if a and (need.region is None or p.region == need.region):
                    touches[j].append((t, a))
        got = [Decimal(0)] * len(needs)
        met = [need.amount <= 0 for need in needs]
        weight = [Fraction(nd.points) if objective == "score" else Fraction(1) for nd in needs]

        def gain_of(j: int) -> Fraction:
            # progress towards unmet needs, each as a share of its amount (weighted)
            total = Fraction(0)
            for t, a in touches[j]:
                if not met[t]:
                    left = needs[t].amount - got[t]
                    total += weight[t] * Fraction(min(a, left)) / Fraction(needs[t].amount)
            return total

    while True:
        best, best_key = -1, None
        for j, p in enumerate(projects):
            if j in chosen or spent + p.cost > budget:
                continue
            gain = gain_of(j)
            if gain <= 0:
                continue
            key = gain / max(p.cost.fen, 1)
            if best_key is None or key > best_key:
                best, best_key = j, key
        if best < 0:
            return sorted(chosen)
        chosen.append(best)
        spent += projects[best].cost
        if objective == "covered_population":
            hit.update(projects[best].covers)
        else:
            for t, a in touches[best]:
                got[t] += a
                if got[t] >= needs[t].amount:
                    met[t] = True


def best_portfolio(
    projects: Sequence[Project],
    budget: Money | str,
    *,
    objective: Objective = "targets_met",
    needs: Sequence[Need] = (),
    population: Any = None,
    covered: Any = None,
    time_limit: float | None = None,
    method: Literal["milp", "greedy"] = "milp",
    ties: bool = True,
) -> Portfolio:
    """The set of projects within ``budget`` that maximises ``objective``.

    Parameters
    ----------
    projects
        Candidate :class:`Project` s.
    budget
        Money available [Money, or a string such as ``"5000万元"``].
    objective
        ``"targets_met"``, ``"score"`` or ``"covered_population"``.
    needs
        :class:`Need` s for the targets objectives (e.g. from gap rows).
    population
        Demand population per point [persons] for ``"covered_population"``.
    covered
        Boolean mask of demand points already covered (not counted again).
    time_limit
        Seconds for HiGHS; past it the best solution so far and its gap are reported.
    method
        ``"milp"`` (exact) or ``"greedy"`` (best gain per yuan, with its LP gap).
    ties
        Search for another optimal set with the same value and cost.

    Returns
    -------
    Portfolio

    Raises
    ------
    InvalidInputError
        Unknown objective or method, negative budget, duplicate project ids, needs
        missing for a targets objective, population missing for coverage.

    Examples
    --------
    >>> import numpy as np
    >>> from sportsgov.money import Money
    >>> sites = [Project("s1", "30万元", covers=[0, 1]), Project("s2", "20万元", covers=[2]),
    ...          Project("s3", "25万元", covers=[1, 2])]
    >>> p = best_portfolio(sites, "50万元", objective="covered_population",
    ...                    population=np.array([100.0, 50.0, 80.0]))
    >>> p.chosen, p.value, p.left
    (('s1', 's2'), Fraction(230, 1), Money('0.00'))
    """
    if objective not in OBJECTIVES:
        raise InvalidInputError.bad(
            "objective", objective, "expected one of " + ", ".join(repr(o) for o in OBJECTIVES)
        )
    if method not in ("milp", "greedy"):
        raise InvalidInputError.bad("method", method, "expected one of 'milp', 'greedy'")
    cash = _money(budget) if not isinstance(budget, Money) else budget
    if cash < Money(0):
        raise InvalidInputError.bad("budget", cash, "must be >= 0", shown=str(cash))
    projects = list(projects)
    ids = [p.id for p in projects]
    if len(set(ids)) != len(ids):
        dup = next(i for i in ids if ids.count(i) > 1)
        raise InvalidInputError.bad("projects", dup, "duplicate project id")
    needs = list(needs)
    pop = None
    mask = None
    if objective == "covered_population":
        if population is None:
            raise InvalidInputError.bad(
                "population", None, "objective='covered_population' needs the demand population"
            )
        pop = np.asarray(population, dtype=np.float64)
        if pop.ndim != 1 or not np.all(np.isfinite(pop)) or np.any(pop < 0):
            raise InvalidInputError.bad(
                "population", "array", "expected a 1-D array of finite numbers >= 0"
            )
        for p in projects:
            if p.covers and p.covers[-1] >= pop.size:
                raise InvalidInputError.bad(
                    f"projects[{p.id!r}].covers", p.covers[-1], f"must be < {pop.size}"
                )
        if covered is not None:
            mask = np.asarray(covered, dtype=bool)
            if mask.shape != pop.shape:
                raise InvalidInputError.bad(
                    "covered", mask.shape, f"expected shape {pop.shape} like population"
                )
    elif not needs:
        raise InvalidInputError.bad(
            "needs", [], f"objective={objective!r} needs the targets' needs (Need rows)"
        )
    words: list[str] = []
    affordable = [p for p in projects if p.cost <= cash]
    if not affordable and projects:
        cheapest = min(projects, key=lambda p: p.cost)
        words.append(
            f"No project fits the budget of {cash}: the cheapest, {cheapest.id}, "
            f"costs {cheapest.cost}."
        )
    model = _Model(projects, objective, needs, pop, mask)
    b = float(cash.fen)
    optimal, gap, bound = True, 0.0, float("nan")
    chosen: list[int]
    used = "milp"
    if method == "milp":
        res = model.solve(b, time_limit=time_limit)
        if res.x is not None:
            best = -float(res.fun)
            res2 = model.solve(b, minimise_cost_at=best, time_limit=time_limit)
            x = res2.x if res2.x is not None and res2.status == 0 else res.x
            chosen = [j for j in range(model.n) if x[j] > 0.5]
            optimal = res.status == 0
            bound = float(-res.mip_dual_bound) if not optimal else best
            if not optimal:
                gap = float(res.mip_gap)
                words.append(
                    f"HiGHS stopped before proving optimality ({res.message}); "
                    f"the proven gap is {gap:.2%}."
                )
        else:
            used = "greedy"
            words.append(f"HiGHS found no solution ({res.message}); greedy fallback used.")
    else:
        used = "greedy"
    if used == "greedy":
        chosen = _greedy(projects, cash, objective, needs, pop, mask)
        lp = model.solve(b, time_limit=time_limit, relax=True)
        bound = -float(lp.fun) if lp.x is not None else float("nan")
    value, met = _evaluate(projects, chosen, objective, needs, pop, mask)
    if used == "greedy":
        optimal = bool(bound == bound and float(value) >= bound - 1e-9)
        gap = 0.0 if optimal or not bound else max(0.0, (bound - float(value)) / bound)
        words.append(
            f"Greedy choice (best progress per yuan); it is within {gap:.2%} of the LP bound "
            f"{bound:g}."
            if not optimal
            else "Greedy choice; it reaches the LP bound."
        )
    cost = sum((projects[j].cost for j in chosen), Money(0))
    alternatives: list[tuple[str, ...]] = []
    if ties and used == "milp" and optimal and chosen:
        res3 = model.solve(
            b,
            minimise_cost_at=float(value),
            exclude=chosen,
            max_cost=float(cost.fen),
            time_limit=time_limit,
        )
        if res3.x is not None and res3.status == 0:
            other = [j for j in range(model.n) if res3.x[j] > 0.5]
            v2, _ = _evaluate(projects, other, objective, needs, pop, mask)
            c2 = sum((projects[j].cost for j in other), Money(0))
            if v2 == value and c2 == cost:
                alternatives.append(tuple(projects[j].id for j in other))
                words.append(
                    f"Tie: {', '.join(alternatives[0])} reaches the same value {value} at the "
                    f"same cost {cost}; the set reported is the solver's first."
                )
    if objective != "covered_population":
        unmet = [n for n in needs if n.id not in met]
        beyond = []
        for n in unmet:
            most = sum(
                (
                    p.adds.get(n.measure, Decimal(0))
                    for p in projects
                    if n.region is None or p.region == n.region
                ),
                Decimal(0),
            )
            if most < n.amount:
                beyond.append(f"{n.id} (the candidates add {most} of {n.amount})")
        budget_bound = [n.id for n in unmet if not any(b.startswith(f"{n.id} (") for b in beyond)]
        if budget_bound:
            words.append(
                f"Not met within the budget: {', '.join(budget_bound[:10])}"
                + (f" and {len(budget_bound) - 10} more." if len(budget_bound) > 10 else ".")
            )
        if beyond:
            words.append(
                f"Cannot be met by any choice of candidates: {'; '.join(beyond[:10])}"
                + (f" and {len(beyond) - 10} more." if len(beyond) > 10 else ".")
            )
        regions = {n.region for n in needs}
        if needs and None not in regions:
            stray = sorted(
                {"no region" if p.region is None else repr(p.region) for p in projects}
                - {repr(r) for r in regions}
            )
            if stray:
                shown = ", ".join(stray[:10])
                words.append(
                    f"No need is in the region of some projects ({shown}"
                    + (f" and {len(stray) - 10} more" if len(stray) > 10 else "")
                    + "), so they add nothing to any need; if these regions are written by "
                    "name, load the projects with tree= to store their codes."
                )
    words.insert(
        0,
        f"Chose {len(chosen)} of {len(projects)} projects for {cost} of {cash}; "
        f"{objective} = {value}.",
    )
    return Portfolio(
        chosen=tuple(projects[j].id for j in chosen),
        cost=cost,
        budget=cash,
        left=cash - cost,
        objective=objective,
        value=value,
        met=met,
        method=used,
        optimal=optimal,
        gap=gap,
        bound=bound,
        ties=tuple(alternatives),
        explanation=tuple(words),
    )
