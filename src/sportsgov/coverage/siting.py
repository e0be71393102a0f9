"""Where to build next: the maximal covering location problem (MCLP, 最大覆盖选址).

Choose ``count`` new sites among candidates so that the population within reach
(``cost <= threshold``, or great-circle distance ``<= radius``) of at least one
site, new or existing, is as large as possible (Church & ReVelle 1974).

Two methods:

* ``"greedy"`` adds, one at a time, the candidate with the largest *marginal*
  covered population (ties: the lowest candidate index). Gains are kept up to
  date incrementally on a sparse coverage structure, so 20,000 demand points ×
  2,000 candidates × 50 sites take a few tens of milliseconds. Greedy is within
  ``1 − 1/e ≈ 63 %`` of the optimum (Nemhauser, Wolsey & Fisher 1978) and usually
  much closer.
* ``"milp"`` solves the problem exactly with :func:`scipy.optimize.milp` (HiGHS).
  Any solver status other than "optimal" raises; the reported coverage is
  recomputed from the chosen sites, never read from the solver's objective.
  With ``capacity=`` it solves the capacitated covering model (Current &
  Storbeck 1988): the population *served* within site capacities.

Existing facilities are fixed inputs: either candidate indices/ids (they are not
chosen again) or, with great-circle catchments, a separate ``Points`` layer.
Their coverage counts from the start; ``count`` is the number of *new* sites.

References
----------
Church, R. & ReVelle, C. (1974). The maximal covering location problem. *Papers
of the Regional Science Association* 32(1), 101–118.

Current, J. R. & Storbeck, J. E. (1988). Capacitated covering models.
*Environment and Planning B* 15(2), 153–163.

Nemhauser, G. L., Wolsey, L. A. & Fisher, M. L. (1978). An analysis of
approximations for maximizing submodular set functions—I. *Mathematical
Programming* 14, 265–294.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Mapping, Sequence
from typing import Any, Literal

import attrs
import numpy as np
from attrs import field, frozen
from numpy.typing import NDArray

from sportsgov._common.arrays import optional_arrays_equal
from sportsgov.coverage._costs import (
    CostTable,
    as_cost_table,
    candidate_columns,
    check_weights,
    existing_indices,
)
from sportsgov.coverage._mclp import (
    Coverage,
    exact_mclp,
    greedy,
    greedy_capacitated,
    milp_capacitated,
    order_by_gain,
    pad,
    served,
)
from sportsgov.coverage._milp import check_solver
from sportsgov.coverage._thresholds import check_count, is_points, largest, per_demand
from sportsgov.coverage.fca import catchment_costs
from sportsgov.errors import InfeasibleError, InvalidInputError

_ARRAY_EQ = attrs.cmp_using(eq=np.array_equal)


def _opt_float_ro(value: Any) -> NDArray[np.float64] | None:
    if value is None:
        return None
    arr = np.array(value, dtype=np.float64)
    arr.flags.writeable = False
    return arr


def _opt_int_ro(value: Any) -> NDArray[np.int64] | None:
    if value is None:
        return None
    arr = np.array(value, dtype=np.int64)
    arr.flags.writeable = False
    return arr


_OPT_ARRAY_EQ = attrs.cmp_using(eq=optional_arrays_equal)

__all__ = ["SiteSelection", "suggest_sites"]

Method = Literal["greedy", "milp"]
_METHODS = ("greedy", "milp")
SelectionMethod = Literal["greedy", "milp", "heuristic"]


def _ints(value: Any) -> tuple[int, ...]:
    return tuple(int(v) for v in value)


def _floats(value: Any) -> tuple[float, ...]:
    return tuple(float(v) for v in value)


def _bool_ro(value: Any) -> NDArray[np.bool_]:
    arr = np.array(value, dtype=np.bool_)
    arr.flags.writeable = False
    return arr


def _ids(value: Sequence[Hashable] | None) -> tuple[Hashable, ...] | None:
    return None if value is None else tuple(value)


@frozen
class SiteSelection:
    """The result of :func:`suggest_sites`.

    Parameters
    ----------
    sites : tuple of int
        Chosen candidate indices, in the order chosen (greedy) or, for
        ``"milp"``, ordered by marginal gain within the optimal set.
    gains : tuple of float
        Marginal covered population [persons] of each site in ``sites``, given the
        existing facilities and the sites before it.
    covered_population : float
        Population within reach of an existing or chosen site [persons],
        recomputed from the sites.
    total_population : float
        Total demand population [persons].
    share : float
        ``covered_population / total_population`` (0.0 when the total is 0).
    covered : array of bool, shape (m,)
        Which demand locations are covered.
    existing : tuple of int
        Candidate indices given as existing facilities (empty when existing
        facilities came as a separate ``Points`` layer, or none were given).
    existing_covered_population : float
        Population covered by the existing facilities alone [persons].
    method : {"greedy", "milp"}
        How the sites were chosen.
    threshold : float
        Catchment size in the cost unit (the radius [m] for great-circle
        catchments; the largest one when catchments vary by demand location).
    cost_unit : str or None
        Unit of ``threshold``.
    candidate_ids : tuple or None
        Candidate ids, when candidates had ids.
    capacitated : bool
        True when sites had capacities: ``covered_population``, ``gains`` and
        ``existing_covered_population`` are then the population *served* within
        the capacities (a maximum flow, demand may be split between sites), while
        ``covered`` still marks the demand within reach of a site.
    thresholds : array of float, shape (m,), or None
        Catchment of each demand location when they differ; ``None`` otherwise.
    optimal : bool
        True when a solver proved the selection optimal (``method="milp"``
        finished); False for heuristics and for a solve stopped by ``time_limit``.
    gap : float or None
        Proven relative gap between the selection and the solver's bound on the
        optimum: ``(bound - value) / bound`` when maximizing, ``(value - bound) /
        value`` when minimizing; ``None`` for heuristics. HiGHS calls a solve
        optimal within a relative gap of 1e-4, so an optimal result may show a
        gap up to that; for the MCLP with whole-number populations the solve
        runs until the bound is within one person, and the gap is then 0.0.
    solver : str or None
        Solver used (``"highs"``, ``"highspy"``, ``"cbc"``), ``None`` for heuristics.
    model : str
        Which location model: ``"mclp"`` (this module), ``"lscp"``, ``"lscp_b"``,
        ``"p_median"``, ``"p_center"``, ``"p_dispersion"``
        (:mod:`sportsgov.coverage.location`).
    objective : float or None
        The model's objective at ``sites``: covered population (MCLP), number of
        sites (LSCP), demand covered twice (LSCP-B), population-weighted cost
        (p-median), largest assigned cost (p-center), smallest distance between
        sites (p-dispersion).
    assignment : array of int, shape (m,), or None
        Site (candidate index) serving each demand location, ``-1`` if none;
        ``None`` for models without assignment.

    Examples
    --------
    >>> costs = np.array([[1.0, 9.0], [1.0, 9.0], [9.0, 1.0]])
    >>> s = suggest_sites([10, 20, 40], costs=costs, threshold=2, count=1)
    >>> s.sites, s.gains, s.covered_population, round(s.share, 3)
    ((1,), (40.0,), 40.0, 0.571)
    """

    sites: tuple[int, ...] = field(converter=_ints)
    gains: tuple[float, ...] = field(converter=_floats)
    covered_population: float
    total_population: float
    share: float
    covered: NDArray[np.bool_] = field(converter=_bool_ro, eq=_ARRAY_EQ, hash=False)
    existing: tuple[int, ...] = field(converter=_ints)
    existing_covered_population: float
    method: SelectionMethod
    threshold: float
    cost_unit: str | None = None
    candidate_ids: tuple[Hashable, ...] | None = field(default=None, converter=_ids)
    capacitated: bool = False
    thresholds: NDArray[np.float64] | None = field(
        default=None, converter=_opt_float_ro, eq=_OPT_ARRAY_EQ, hash=False
    )
    optimal: bool = False
    gap: float | None = None
    solver: str | None = None
    model: str = "mclp"
    objective: float | None = None
    assignment: NDArray[np.int64] | None = field(
        default=None, converter=_opt_int_ro, eq=_OPT_ARRAY_EQ, hash=False
    )

    @property
    def site_ids(self) -> tuple[Hashable, ...]:
        """Ids of the chosen sites (their indices when candidates had no ids)."""
        if self.candidate_ids is None:
            return self.sites
        return tuple(self.candidate_ids[k] for k in self.sites)

    def table(self) -> list[dict[str, Any]]:
        """One row per chosen site: step, site, id, gain and the running totals.

        Examples
        --------
        >>> s = suggest_sites([5, 5], costs=np.eye(2), threshold=0, count=2)
        >>> [(r["step"], r["site"], r["gain"], r["covered_population"]) for r in s.table()]
        [(1, 0, 5.0, 5.0), (2, 1, 5.0, 10.0)]
        """
        rows: list[dict[str, Any]] = []
        running = self.existing_covered_population
        total = self.total_population
        for step, (site, site_id, gain) in enumerate(
            zip(self.sites, self.site_ids, self.gains, strict=True), start=1
        ):
            running += gain
            rows.append(
                {
                    "step": step,
                    "site": site,
                    "id": site_id,
                    "gain": gain,
                    "covered_population": running,
                    "share": running / total if total > 0 else 0.0,
                }
            )
        return rows

    def __repr__(self) -> str:
        """Short: the model, the sites (first 10), the coverage; never one line per candidate.

        Examples
        --------
        >>> s = suggest_sites([5, 5], costs=np.eye(2), threshold=0, count=2)
        >>> s  # doctest: +NORMALIZE_WHITESPACE
        SiteSelection(model='mclp', method='greedy', sites=[0, 1],
            covered_population=10, total_population=10, share=100.0%)
        """
        shown = ", ".join(repr(i) for i in self.site_ids[:10])
        more = f", ... {len(self.sites) - 10} more" if len(self.sites) > 10 else ""
        return (
            f"SiteSelection(model={self.model!r}, method={self.method!r}, "
            f"sites=[{shown}{more}], covered_population={self.covered_population:,.0f}, "
            f"total_population={self.total_population:,.0f}, share={self.share:.1%})"
        )

    def _repr_html_(self) -> str:
        """A notebook table of the first chosen sites, columns as :meth:`to_frame`."""
        from sportsgov._common.display import html_table

        return html_table(
            f"SiteSelection: {self.model} ({self.method}), {len(self.sites):,} sites, "
            f"{self.share:.1%} of {self.total_population:,.0f} covered",
            ["step", "site", "id", "gain_persons", "covered_population_persons", "share"],
            (
                (r["step"], r["site"], r["id"], r["gain"], r["covered_population"], r["share"])
                for r in self.table()
            ),
            count=len(self.sites),
        )

    def to_frame(self) -> Any:
        """The chosen sites as a pandas DataFrame (:meth:`table`; populations in persons).

        Columns ``step, site, id, gain_persons, covered_population_persons, share``.
        Needs the ``pandas`` extra.

        Examples
        --------
        >>> s = suggest_sites([5, 5], costs=np.eye(2), threshold=0, count=2)
        >>> s.to_frame()["covered_population_persons"].tolist()
        [5.0, 10.0]
        """
        from sportsgov._common.frames import pandas

        pd = pandas("SiteSelection.to_frame")
        rows = self.table()
        names = {"gain": "gain_persons", "covered_population": "covered_population_persons"}
        columns = ["step", "site", "id", "gain", "covered_population", "share"]
        return pd.DataFrame(
            {names.get(c, c): [r[c] for r in rows] for c in columns},
            columns=[names.get(c, c) for c in columns],
        )

    def to_geojson(
        self,
        path: Any = None,
        *,
        datum: str = "wgs84",
        candidates: Any = None,
        boundaries: Any = None,
    ) -> dict[str, Any]:
        """Suggested sites as GeoJSON points with ``order``, ``id``, ``gain`` (and ``region``).

        ``candidates`` is the candidate :class:`~sportsgov.coverage.geo.Points` layer the
        selection indexes into. See :func:`sportsgov.coverage.layers.sites_geojson`.
        """
        from sportsgov.coverage.layers import sites_geojson

        return sites_geojson(self, candidates, path, datum=datum, boundaries=boundaries)


# ---------------------------------------------------------------- public API --


def suggest_sites(
    demand: Any,
    candidates: Any = None,
    *,
    radius: object = None,
    costs: Any = None,
    threshold: object = None,
    count: int,
    existing: Any = None,
    method: Method = "greedy",
    cost_unit: str | None = None,
    time_limit: float | None = None,
    capacity: Any = None,
    solver: str = "highs",
) -> SiteSelection:
    """Suggest ``count`` new sites that cover the most population (MCLP).

    Two ways to say who a site can serve:

    * great-circle catchments: ``demand`` and ``candidates`` are ``Points``
      layers (the demand's ``weight`` is its population) and ``radius`` is the
      catchment [m or Quantity]; covered means distance ``<= radius``;
    * a cost table: ``demand`` is the population (m,) (sequence, mapping
      ``{id: population}`` or ``Points``), ``costs`` an ``(m, n)`` cost table in
      any form :func:`~sportsgov.coverage.fca.two_step_fca` accepts and
      ``threshold`` the catchment; covered means ``cost <= threshold``.
      ``candidates`` may then give the ``n`` candidate ids.

    Parameters
    ----------
    demand : Points, sequence of float or mapping {id: float}
        Population of each demand location [persons], ``>= 0``, at most 1e15 in all.
    candidates : Points, sequence of ids or None
        Candidate sites (Points for great-circle catchments; optional ids with a
        cost table).
    radius : float, Quantity, array (m,) or FitnessCircle, optional
        Great-circle catchment radius [m], ``> 0``; one per demand location for
        variable catchments (urban 10 / rural 15 minutes).
    costs : array (m, n), scipy sparse, CostTable or rows, optional
        Travel cost demand → candidate.
    threshold : float, Quantity, array (m,) or FitnessCircle, optional
        Catchment in the cost unit (``cost_unit`` converts a Quantity); one per
        demand location for variable catchments.
    count : int
        Number of *new* sites to choose, ``0 <= count <= `` candidates that are
        not existing.
    existing : sequence of int or ids, or Points, optional
        Facilities already built: candidate indices/ids (fixed, never chosen
        again) or a ``Points`` layer (great-circle mode only). Their coverage
        counts from the start.
    method : {"greedy", "milp"}
        Greedy marginal-gain heuristic, or the exact optimum via
        :func:`scipy.optimize.milp` (HiGHS; for moderate sizes).
    cost_unit : str, optional
        Unit of ``costs`` when ``threshold`` is a Quantity.
    time_limit : float, optional
        Solver time limit [s] for ``"milp"``. When it is hit the result is the
        better of the solver's best solution and the incumbent (greedy improved
        by swaps, never worse than greedy), with ``optimal=False`` and the
        proven ``gap``.
    capacity : sequence of float, optional
        Persons each candidate can serve (n,), ``>= 0``, with existing sites
        given as candidate indices/ids. The objective becomes the population
        *served* within capacities (the capacitated MCLP, Current & Storbeck
        1988); demand may be split between sites in reach. Greedy then solves one
        max-flow LP per evaluated candidate (lazily), so it suits moderate sizes.
    solver : {"highs", "highspy", "cbc"}
        MILP solver for ``"milp"``. ``"highs"`` (default): HiGHS through
        ``highspy`` (a dependency), seeded with the incumbent below; if
        ``highspy`` cannot be imported, the HiGHS bundled with scipy
        (:func:`scipy.optimize.milp`: same optimum, about twice the time, as it
        takes no start). ``"highspy"``: HiGHS through ``highspy`` only (an error
        without it). ``"cbc"``: CBC through ``pulp`` (the ``solvers`` extra).

    Returns
    -------
    SiteSelection
        ``sites`` (in order), ``gains``, ``covered_population``, ``share``...

    Raises
    ------
    InvalidInputError
        Both or neither of ``radius`` and ``costs``; a bad ``count`` (negative,
        more than the candidates left); negative or NaN population; a wrong
        ``method``; bad ``existing``; ``capacity`` of the wrong length.
    InfeasibleError
        ``method="milp"`` and the solver fails (status other than optimal or a
        time/iteration limit; with ``capacity``, any status but optimal).

    Notes
    -----
    The exact model is reduced first, each step keeping the optimum: demand
    already covered by existing sites, without population or out of every
    candidate's reach is dropped; demand locations with the same set of
    candidates in reach are merged (populations summed); a candidate whose
    reach is inside another's is removed (equal reach: the lower index stays);
    a location only one candidate reaches becomes part of that candidate's
    objective coefficient. The incumbent is the better of greedy and of the
    LP relaxation rounded, each improved by one-site swaps (Teitz & Bart 1968);
    the LP's reduced costs then fix every candidate that cannot be in a
    solution as good as the incumbent (reduced-cost fixing: no optimum is
    lost). The incumbent seeds HiGHS (through highspy) and CBC and is the
    fallback on a time limit.

    Ties: greedy takes the candidate with the largest marginal gain and, among
    equal gains, the lowest candidate index; once nothing adds coverage the
    remaining picks have gain 0 and go to the lowest unused indices. The milp
    optimum may not be unique; which optimal set HiGHS returns is not specified,
    but its coverage is the optimum. Gains are exact when populations are whole
    numbers (sums stay below 2**53).

    Examples
    --------
    Four neighbourhoods and three candidate sites (cost in minutes):

    >>> pop = [500, 300, 200, 400]
    >>> minutes = np.array([[5, 20, 30], [8, 12, 30], [30, 9, 14], [30, 30, 6]])
    >>> s = suggest_sites(pop, costs=minutes, threshold=10, count=2)
    >>> s.sites, s.gains, s.covered_population, s.share
    ((0, 2), (800.0, 400.0), 1200.0, 0.857...)
    >>> suggest_sites(pop, costs=minutes, threshold=10, count=2, method="milp").covered_population
    1200.0

    With site 2 already built, one new site:

    >>> s = suggest_sites(pop, costs=minutes, threshold=10, count=1, existing=[2])
    >>> s.sites, s.existing_covered_population, s.covered_population
    ((0,), 400.0, 1200.0)
    """
    if method not in _METHODS:
        raise InvalidInputError.bad("method", method, "expected one of 'greedy', 'milp'")
    if time_limit is not None and (
        isinstance(time_limit, bool)
        or not isinstance(time_limit, int | float)
        or not time_limit > 0
        or not math.isfinite(time_limit)
    ):
        raise InvalidInputError.bad("time_limit", time_limit, "must be a number of seconds > 0")
    solver_name = check_solver(solver)
    population, demand_ids = check_weights(demand, "demand", "population")
    m = population.size
    candidate_ids: tuple[Hashable, ...] | None = None
    extra_cover: NDArray[np.bool_] | None = None
    if radius is not None and costs is not None:
        raise InvalidInputError.bad(
            "radius", radius, "give either radius (great-circle catchments) or costs, not both"
        )
    if radius is not None:
        if threshold is not None:
            raise InvalidInputError.bad(
                "threshold", threshold, "threshold goes with costs; with radius leave it out"
            )
        if not (is_points(demand) and is_points(candidates)):
            raise InvalidInputError.bad(
                "candidates",
                candidates,
                "radius needs demand and candidates as Points layers",
            )
        limit = per_demand(radius, "m", name="radius", m=m, positive=True)
        table = catchment_costs(demand, candidates, max_distance=largest(limit))
        unit: str | None = "m"
        point_ids = getattr(candidates, "id", None)
        if point_ids is not None:
            candidate_ids = tuple(np.asarray(point_ids).tolist())
        if existing is not None and is_points(existing):
            extra = catchment_costs(demand, existing, max_distance=largest(limit)).within(limit)
            extra_cover = np.zeros(m, dtype=bool)
            extra_cover[extra.demand] = True
            existing = None
    elif costs is not None:
        if threshold is None:
            raise InvalidInputError.bad("threshold", None, "a cost table needs a threshold")
        if candidates is None:
            n_guess = None
        elif is_points(candidates):
            n_guess = len(candidates.lon)
        elif isinstance(candidates, Mapping | str | bytes):
            raise InvalidInputError.bad(
                "candidates", candidates, "expected a sequence of candidate ids"
            )
        else:
            candidate_ids = tuple(candidates)
            n_guess = len(candidate_ids)
        n = n_guess if n_guess is not None else candidate_columns(costs, m)
        table = as_cost_table(
            costs, shape=(m, n), demand_ids=demand_ids, supply_ids=candidate_ids, unit=cost_unit
        )
        unit = table.unit
        limit = per_demand(threshold, unit, name="threshold", m=m)
        if existing is not None and is_points(existing):
            raise InvalidInputError.bad(
                "existing",
                "Points",
                "a Points layer of existing sites needs radius; with costs give candidate indices",
                shown="a Points layer",
            )
    else:
        raise InvalidInputError.bad(
            "radius", None, "give radius (with Points) or costs and threshold"
        )

    cover = Coverage(table.within(limit))
    n = cover.n
    fixed = [] if existing is None else existing_indices(existing, n, candidate_ids)
    chosen_count = check_count(count, n - len(fixed), minimum=0)
    covered0 = cover.covered_by(fixed)
    if extra_cover is not None:
        covered0 |= extra_cover
    blocked = np.zeros(n, dtype=bool)
    blocked[fixed] = True

    if capacity is not None:
        return _capacitated(
            table.within(limit),
            cover,
            population,
            capacity,
            fixed=fixed,
            count=chosen_count,
            method=method,
            extra_cover=extra_cover,
            time_limit=time_limit,
            threshold=limit,
            unit=unit,
            candidate_ids=candidate_ids,
        )
    optimal, gap, used = False, None, None
    sites, gains = greedy(cover, population, covered0, blocked, chosen_count)
    if method == "milp":
        exact = exact_mclp(
            cover,
            population,
            covered0,
            blocked,
            chosen_count,
            time_limit=time_limit,
            solver=solver_name,
            greedy_sites=sites,
        )
        best = pad(exact.sites, blocked, chosen_count)
        sites, gains = order_by_gain(cover, population, covered0, best)
        optimal, gap, used = exact.optimal, exact.gap, exact.solver

    covered = covered0 | cover.covered_by(sites)
    total = float(population.sum())
    covered_pop = float(population[covered].sum())
    return SiteSelection(
        sites=sites,
        gains=gains,
        covered_population=covered_pop,
        total_population=total,
        share=covered_pop / total if total > 0 else 0.0,
        covered=covered,
        existing=fixed,
        existing_covered_population=float(population[covered0].sum()),
        method=method,
        threshold=largest(limit),
        cost_unit=unit,
        candidate_ids=candidate_ids,
        thresholds=None if np.ndim(limit) == 0 else limit,
        optimal=optimal,
        gap=gap,
        solver=used,
        objective=covered_pop,
    )


def _capacitated(
    table: CostTable,
    cover: Coverage,
    population: NDArray[np.float64],
    capacity: Any,
    *,
    fixed: list[int],
    count: int,
    method: Method,
    extra_cover: NDArray[np.bool_] | None,
    time_limit: float | None,
    threshold: float | NDArray[np.float64],
    unit: str | None,
    candidate_ids: tuple[Hashable, ...] | None,
) -> SiteSelection:
    if extra_cover is not None:
        raise InvalidInputError.bad(
            "existing",
            "Points",
            "with capacities give existing sites as candidate indices or ids",
            shown="a Points layer",
        )
    caps, _ = check_weights(capacity, "capacity", "capacity")
    if caps.size != cover.n:
        raise InvalidInputError.bad(
            "capacity",
            capacity,
            f"must have one value per candidate ({cover.n})",
            shown=f"{caps.size} values",
        )
    integral = bool(np.all(population == np.round(population)) and np.all(caps == np.round(caps)))
    base = served(table, population, caps, fixed, integral=integral)
    if method == "greedy":
        chosen, gains = greedy_capacitated(table, population, caps, fixed, count, integral, base)
        running = base + sum(gains)
        recomputed = served(table, population, caps, [*fixed, *chosen], integral=integral)
        if not math.isclose(recomputed, running, rel_tol=1e-9, abs_tol=1e-6):  # pragma: no cover
            raise InfeasibleError(
                f"capacity: served population {recomputed:g} differs from the sum of gains "
                f"{running:g}"
            )
        running = recomputed
    else:
        chosen = milp_capacitated(table, population, caps, fixed, count, time_limit)
        gains = []
        running = base
        for k in range(len(chosen)):
            now = served(table, population, caps, [*fixed, *chosen[: k + 1]], integral=integral)
            gains.append(now - running)
            running = now
    total = float(population.sum())
    return SiteSelection(
        sites=chosen,
        gains=gains,
        covered_population=running,
        total_population=total,
        share=running / total if total > 0 else 0.0,
        covered=cover.covered_by([*fixed, *chosen]),
        existing=fixed,
        existing_covered_population=base,
        method=method,
        threshold=largest(threshold),
        cost_unit=unit,
        candidate_ids=candidate_ids,
        capacitated=True,
        thresholds=None if np.ndim(threshold) == 0 else threshold,
    )
