"""Accessibility scores: two-step floating catchment area (2SFCA, 两步移动搜寻法) and E2SFCA.

The two-step floating catchment area method (Luo & Wang 2003) scores every
demand location by the supply it can reach, discounted by the competition for
that supply:

1. for every supply site *j*, the supply-to-demand ratio
   ``R_j = S_j / Σ_{i: c_ij <= d0} P_i`` over the demand within its catchment;
2. for every demand location *i*, the score ``A_i = Σ_{j: c_ij <= d0} R_j``.

The enhanced variant (E2SFCA, Luo & Qi 2009) splits the catchment into cost
zones with weights ``W_r`` applied in both steps. The boundary rule is
``cost <= threshold`` everywhere (zone edges are inclusive on the upper edge).
Demand that reaches no supply scores ``0.0`` and is flagged in
:attr:`Accessibility.reached` (the ``access`` package returns NaN instead).

Everything runs on the reachable pairs only (:class:`CostTable`), never a dense
matrix, so 200,000 demand points × 10,000 sites with a 1 km catchment take
about a second. See ``docs/explanation/accessibility.md`` for the definitions.

Size: just over 1,000 lines, on purpose: the two calculators, their result class
(whose module name is part of its saved JSON, so it cannot move) and the two
builders of their cost tables (great-circle and road network) share one input path.

References
----------
Luo, W. & Wang, F. (2003). Measures of spatial accessibility to health care in a
GIS environment: synthesis and a case study in the Chicago region. *Environment
and Planning B* 30(6), 865–884.

Luo, W. & Qi, Y. (2009). An enhanced two-step floating catchment area (E2SFCA)
method for measuring spatial accessibility to primary care physicians. *Health &
Place* 15(4), 1100–1107.

Dai, D. (2010). Black residential segregation, disparities in spatial access to
health care facilities, and late-stage breast cancer diagnosis in metropolitan
Detroit. *Health & Place* 16(5), 1038–1052 (the Gaussian catchment weight).
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Sequence
from typing import Any, Literal, NamedTuple

import attrs
import numpy as np
from attrs import field, frozen
from numpy.typing import NDArray

from sportsgov._common.arrays import optional_arrays_equal
from sportsgov.coverage._costs import (
    CostTable,
    as_cost_table,
    check_weights,
    frame_pairs,
    is_frame,
    trusted_table,
)
from sportsgov.coverage._thresholds import as_threshold, is_points, largest, per_demand
from sportsgov.errors import InvalidInputError, UnitError

__all__ = [
    "AccessSummary",
    "Accessibility",
    "CostTable",
    "catchment_costs",
    "enhanced_two_step_fca",
    "network_costs",
    "two_step_fca",
]

_ARRAY_EQ = attrs.cmp_using(eq=np.array_equal)

Decay = Literal["step", "gaussian"]
_DECAYS = ("step", "gaussian")


def _readonly(value: Any, dtype: Any) -> NDArray[Any]:
    arr = np.array(value, dtype=dtype)
    arr.flags.writeable = False
    return arr


def _float_ro(value: Any) -> NDArray[np.float64]:
    return _readonly(value, np.float64)


def _bool_ro(value: Any) -> NDArray[np.bool_]:
    return _readonly(value, np.bool_)


def _ids(value: Sequence[Hashable] | None) -> tuple[Hashable, ...] | None:
    return None if value is None else tuple(value)


def _opt_float_ro(value: Any) -> NDArray[np.float64] | None:
    return None if value is None else _float_ro(value)


_OPT_ARRAY_EQ = attrs.cmp_using(eq=optional_arrays_equal)


@frozen
class AccessSummary:
    """Accessibility of one group of demand locations (see :meth:`Accessibility.summary`).

    Parameters
    ----------
    group : hashable
        The group label (``"all"`` when not grouped).
    population : float
        Population of the group [persons].
    mean_score : float
        Population-weighted mean score ``Σ P_i A_i / Σ P_i`` [supply units per
        person]; 0.0 for a group without population.
    unreached_population : float
        Population with no supply in reach [persons].
    unreached_share : float
        ``unreached_population / population`` (0.0 without population).

    Examples
    --------
    >>> AccessSummary("东区", 400.0, 1.5, 0.0, 0.0).mean_score
    1.5
    """

    group: Hashable
    population: float
    mean_score: float
    unreached_population: float
    unreached_share: float


@frozen(repr=False)
class Accessibility:
    """The result of :func:`two_step_fca` or :func:`enhanced_two_step_fca`.

    Parameters
    ----------
    scores : array of float, shape (m,)
        Accessibility ``A_i`` of each demand location [supply units per person],
        e.g. m² of venue per resident when supply is area. ``0.0`` where no
        supply is in reach (see ``reached``); never NaN.
    reached : array of bool, shape (m,)
        True where at least one supply site is within the catchment
        (``cost <= threshold``, or within the last zone edge).
    supply_ratios : array of float, shape (n,)
        Supply-to-demand ratio ``R_j`` of each site [supply units per person];
        ``0.0`` where the weighted demand in its catchment is 0 (see ``served``).
    weighted_demand : array of float, shape (n,)
        Denominator of ``R_j``: the (weighted) population within each site's
        catchment [persons].
    served : array of bool, shape (n,)
        True where a site has positive weighted demand in its catchment. Supply of
        the other sites reaches nobody and is not counted in any score.
    method : {"2sfca", "e2sfca"}
        Which calculation produced the result.
    threshold : float
        Catchment size in the cost unit (the last zone edge for E2SFCA; the
        largest one when catchments vary by demand location).
    cost_unit : str or None
        Unit of the costs and ``threshold`` (``"m"``, ``"min"``...), if known.
    decay : str
        ``"step"`` (2SFCA), ``"gaussian"`` (2SFCA with Gaussian weights) or
        ``"zones"`` (E2SFCA).
    zones : tuple of (edge, weight)
        The E2SFCA zones; empty for 2SFCA.
    demand_ids, supply_ids : tuple or None
        Ids when demand/supply were given as mappings ``{id: value}``.
    thresholds : array of float, shape (m,), or None
        Catchment of each demand location when they differ (e.g. urban 10 and
        rural 15 minutes); ``None`` when one ``threshold`` applies to all.
    population : array of float, shape (m,), or None
        The demand population the scores were computed with [persons].

    Examples
    --------
    >>> a = two_step_fca([100, 50], [10], [[1.0], [2.0]], threshold=2)
    >>> a.scores.tolist(), a.reached.tolist(), a.supply_ratios.tolist()
    ([0.0666..., 0.0666...], [True, True], [0.0666...])
    >>> a.unreached.tolist()
    []
    """

    scores: NDArray[np.float64] = field(converter=_float_ro, eq=_ARRAY_EQ, hash=False)
    reached: NDArray[np.bool_] = field(converter=_bool_ro, eq=_ARRAY_EQ, hash=False)
    supply_ratios: NDArray[np.float64] = field(converter=_float_ro, eq=_ARRAY_EQ, hash=False)
    weighted_demand: NDArray[np.float64] = field(converter=_float_ro, eq=_ARRAY_EQ, hash=False)
    served: NDArray[np.bool_] = field(converter=_bool_ro, eq=_ARRAY_EQ, hash=False)
    method: Literal["2sfca", "e2sfca"]
    threshold: float
    cost_unit: str | None = None
    decay: str = "step"
    zones: tuple[tuple[float, float], ...] = ()
    demand_ids: tuple[Hashable, ...] | None = field(default=None, converter=_ids)
    supply_ids: tuple[Hashable, ...] | None = field(default=None, converter=_ids)
    thresholds: NDArray[np.float64] | None = field(
        default=None, converter=_opt_float_ro, eq=_OPT_ARRAY_EQ, hash=False
    )
    population: NDArray[np.float64] | None = field(
        default=None, converter=_opt_float_ro, eq=_OPT_ARRAY_EQ, hash=False
    )

    @property
    def unreached(self) -> NDArray[np.int64]:
        """Indices of demand locations with no supply in reach."""
        return np.flatnonzero(~self.reached)

    def to_geojson(
        self, path: Any = None, *, datum: str = "wgs84", demand: Any = None
    ) -> dict[str, Any]:
        """Demand points with ``score`` and ``reached`` as GeoJSON.

        ``demand`` is the demand :class:`~sportsgov.coverage.geo.Points` layer the
        scores belong to. See :func:`sportsgov.coverage.layers.accessibility_geojson`.
        """
        from sportsgov.coverage.layers import accessibility_geojson

        return accessibility_geojson(self, demand, path, datum=datum)

    def to_frame(self, by: Literal["demand", "supply"] = "demand") -> Any:
        """The result as a pandas DataFrame, per demand location or per supply site.

        ``by="demand"`` (default): ``id`` (demand ids, or the position),
        ``population_persons`` (when the result carries it), ``score`` [supply
        units per person, e.g. m² per resident], ``reached``, and
        ``threshold_<cost unit>`` when catchments differ by location.
        ``by="supply"``: ``id`` (supply ids, or the position), ``supply_ratio``
        [supply units per person], ``weighted_demand_persons``, ``served``.
        Needs the ``pandas`` extra.

        Raises
        ------
        InvalidInputError
            ``by`` is not one of the two.

        Examples
        --------
        >>> a = two_step_fca({"A": 100, "B": 50}, [10], [[1.0], [2.0]], threshold=2)
        >>> a.to_frame().values.tolist()
        [['A', 100.0, 0.0666..., True], ['B', 50.0, 0.0666..., True]]
        >>> list(a.to_frame(by="supply").columns)
        ['id', 'supply_ratio', 'weighted_demand_persons', 'served']
        """
        from sportsgov._common.frames import pandas

        if by not in ("demand", "supply"):
            raise InvalidInputError.bad("by", by, "expected one of 'demand', 'supply'")
        pd = pandas("Accessibility.to_frame")
        if by == "supply":
            n = self.supply_ratios.size
            return pd.DataFrame(
                {
                    "id": list(range(n)) if self.supply_ids is None else list(self.supply_ids),
                    "supply_ratio": np.array(self.supply_ratios),
                    "weighted_demand_persons": np.array(self.weighted_demand),
                    "served": np.array(self.served),
                }
            )
        m = self.scores.size
        data: dict[str, Any] = {
            "id": list(range(m)) if self.demand_ids is None else list(self.demand_ids)
        }
        if self.population is not None:
            data["population_persons"] = np.array(self.population)
        data["score"] = np.array(self.scores)
        data["reached"] = np.array(self.reached)
        if self.thresholds is not None:
            data[f"threshold_{self.cost_unit or 'cost'}"] = np.array(self.thresholds)
        return pd.DataFrame(data)

    def __repr__(self) -> str:
        """Short: method, catchment, reach and the first scores, never one line per location.

        Examples
        --------
        >>> two_step_fca({"A": 100, "B": 50}, [10], [[1.0], [2.0]], threshold=2)
        Accessibility(method='2sfca', threshold=2.0, cost_unit=None, decay='step', reached='2/2', scores=[A: 0.0666667, B: 0.0666667])
        """  # noqa: E501
        from sportsgov._common.display import text_repr

        ids = self.demand_ids if self.demand_ids is not None else range(self.scores.size)
        return text_repr(
            "Accessibility",
            [
                ("method", self.method),
                ("threshold", self.threshold),
                ("cost_unit", self.cost_unit),
                ("decay", self.decay),
                ("reached", f"{int(self.reached.sum())}/{self.reached.size}"),
            ],
            (f"{i}: {v:.6g}" for i, v in zip(ids, self.scores.tolist(), strict=False)),
            count=self.scores.size,
            label="scores",
        )

    def _repr_html_(self) -> str:
        """A notebook table of the first demand locations: id, population, score, reached."""
        from sportsgov._common.display import html_table

        ids = self.demand_ids if self.demand_ids is not None else range(self.scores.size)
        columns = ["id", "population_persons", "score", "reached"]
        rows: Any = zip(ids, self.scores.tolist(), self.reached.tolist(), strict=False)
        if self.population is not None:
            pop = self.population.tolist()
            rows = zip(ids, pop, self.scores.tolist(), self.reached.tolist(), strict=False)
        else:
            columns.remove("population_persons")
        return html_table(
            f"Accessibility ({self.method}, threshold {self.threshold:g} "
            f"{self.cost_unit or ''}): {int(self.reached.sum()):,} of "
            f"{self.reached.size:,} demand locations reached",
            columns,
            rows,
            count=self.scores.size,
        )

    def summary(self, by: Sequence[Hashable] | NDArray[Any] | None = None) -> list[AccessSummary]:
        """Population-weighted mean score and unreached population per group.

        Parameters
        ----------
        by : sequence of labels, shape (m,), optional
            Group of each demand location (a region code, a settlement...).
            Groups come out in order of first appearance; ``None`` gives one row
            for all demand, labelled ``"all"``.

        Returns
        -------
        list of AccessSummary

        Examples
        --------
        >>> a = two_step_fca([100, 300, 50], [600], [[1.0], [2.0], [9.0]], threshold=5)
        >>> [(r.group, r.population, r.mean_score, r.unreached_population)
        ...  for r in a.summary(by=["东区", "东区", "西区"])]
        [('东区', 400.0, 1.5, 0.0), ('西区', 50.0, 0.0, 50.0)]
        """
        if self.population is None:
            raise InvalidInputError.bad(
                "population", None, "this result carries no population; recompute it"
            )
        m = self.scores.size
        labels: list[Hashable] = ["all"] * m if by is None else list(by)
        if len(labels) != m:
            raise InvalidInputError.bad(
                "by",
                by,
                f"must give one group per demand location ({m})",
                shown=f"{len(labels)} labels",
            )
        order: dict[Hashable, int] = {}
        index = np.empty(m, dtype=np.int64)
        for k, label in enumerate(labels):
            index[k] = order.setdefault(label, len(order))
        g = len(order)
        pop = np.bincount(index, weights=self.population, minlength=g)
        weighted = np.bincount(index, weights=self.population * self.scores, minlength=g)
        lost = np.bincount(
            index, weights=np.where(self.reached, 0.0, self.population), minlength=g
        )
        return [
            AccessSummary(
                group=label,
                population=float(pop[k]),
                mean_score=float(weighted[k] / pop[k]) if pop[k] > 0 else 0.0,
                unreached_population=float(lost[k]),
                unreached_share=float(lost[k] / pop[k]) if pop[k] > 0 else 0.0,
            )
            for label, k in order.items()
        ]

    def as_dict(self) -> dict[Hashable, float]:
        """Scores keyed by demand id (or by position when there are no ids).

        Examples
        --------
        >>> two_step_fca({"A": 10, "B": 0}, {"gym": 5}, [("A", "gym", 0)], threshold=1).as_dict()
        {'A': 0.5, 'B': 0.0}
        """
        keys: Sequence[Hashable] = (
            self.demand_ids if self.demand_ids is not None else range(self.scores.size)
        )
        return {k: float(v) for k, v in zip(keys, self.scores.tolist(), strict=True)}


# ------------------------------------------------------------------ helpers ---


class _Pairs(NamedTuple):
    """Checked (demand, supply, cost) pairs in the caller's order (not a table)."""

    demand: NDArray[np.int64]
    supply: NDArray[np.int64]
    cost: NDArray[np.float64]
    unit: str | None

    @property
    def nnz(self) -> int:
        return int(self.cost.size)


def _inputs(
    demand: Any,
    supply: Any,
    costs: Any,
    *,
    cost_unit: str | None,
    threshold_arg: object,
    threshold_name: str,
) -> tuple[
    NDArray[np.float64],
    NDArray[np.float64],
    CostTable | _Pairs,
    float | NDArray[np.float64],
    Any,
    Any,
]:
    """Checked weights, the pairs and the per-demand threshold of a 2SFCA-family call.

    A long-table DataFrame comes back as :class:`_Pairs` in the frame's row order
    (the two steps only sum over pairs, so no table sort); anything else as a
    :class:`CostTable`.
    """
    population, demand_ids = check_weights(demand, "demand", "population")
    capacity, supply_ids = check_weights(supply, "supply", "capacity")
    shape = (population.size, capacity.size)
    if is_frame(costs):
        d, s, c = frame_pairs(costs, shape=shape, demand_ids=demand_ids, supply_ids=supply_ids)
        pairs = _Pairs(d, s, c, cost_unit)
        limit = per_demand(threshold_arg, cost_unit, name=threshold_name, m=population.size)
        return population, capacity, pairs, limit, demand_ids, supply_ids
    if costs is None:
        if not (is_points(demand) and is_points(supply)):
            raise InvalidInputError.bad(
                "costs",
                None,
                "costs are required unless demand and supply are both Points layers "
                "(then great-circle distances in metres are used)",
            )
        limit = per_demand(
            threshold_arg, "m", name=threshold_name, m=population.size, positive=True
        )
        if population.size == 0:
            return population, capacity, CostTable([], [], [], shape, "m"), limit, None, None
        table = catchment_costs(demand, supply, max_distance=largest(limit))
        return population, capacity, table, limit, demand_ids, supply_ids
    table = as_cost_table(
        costs, shape=shape, demand_ids=demand_ids, supply_ids=supply_ids, unit=cost_unit
    )
    if cost_unit is not None and table.unit is not None and not _same_unit(table.unit, cost_unit):
        raise UnitError(
            f"cost_unit={cost_unit!r}: the cost table is in {table.unit!r}",
            argument="cost_unit",
            value=cost_unit,
        )
    limit = per_demand(threshold_arg, table.unit, name=threshold_name, m=population.size)
    return population, capacity, table, limit, demand_ids, supply_ids


def _step_on_points(demand: Any, supply: Any, threshold: object) -> Accessibility | None:
    """Step 2SFCA on two non-empty ``Points`` layers without building a cost table.

    A step catchment needs only which pairs are in reach, not their distances or
    their order: the KD-tree chord settles all pairs but a thin band at the
    boundary, where the haversine decides exactly as in :func:`catchment_costs`.
    Same reached pairs as the table path; the sums add the same terms in KD-tree
    order, so scores agree to the last few bits (``rtol`` 1e-12), not bit for bit.
    ``None`` when the inputs are not two non-empty layers (the general path then
    reports the problem).
    """
    from sportsgov.coverage._geometry import reachable
    from sportsgov.coverage.geo import Points, align_datums

    if not (isinstance(demand, Points) and isinstance(supply, Points)):
        return None
    if len(demand) == 0 or len(supply) == 0:
        return None
    population, d_ids = check_weights(demand, "demand", "population")
    capacity, s_ids = check_weights(supply, "supply", "capacity")
    limit = per_demand(threshold, "m", name="threshold", m=population.size, positive=True)
    d_w, s_w = align_datums(demand, supply)
    i, j, keep = reachable(d_w, s_w, limit)
    weight = None if bool(keep.all()) else keep.astype(np.float64)
    scores, reached, ratios, demand_at = _solve(population, capacity, i, j, weight, keep)
    return Accessibility(
        scores=scores,
        reached=reached,
        supply_ratios=ratios,
        weighted_demand=demand_at,
        served=demand_at > 0,
        method="2sfca",
        threshold=largest(limit),
        cost_unit="m",
        decay="step",
        demand_ids=d_ids,
        supply_ids=s_ids,
        thresholds=None if np.ndim(limit) == 0 else limit,
        population=population,
    )


def _same_unit(a: str, b: str) -> bool:
    if a == b:
        return True
    from sportsgov.units import Q_, magnitude_in

    try:
        return bool(math.isclose(magnitude_in(Q_(1.0, a), b), 1.0, rel_tol=1e-12))
    except (UnitError, InvalidInputError):
        return False


def _solve(
    population: NDArray[np.float64],
    capacity: NDArray[np.float64],
    i: NDArray[np.int64],
    j: NDArray[np.int64],
    weight: NDArray[np.float64] | None,
    keep: NDArray[np.bool_] | None = None,
) -> tuple[NDArray[np.float64], NDArray[np.bool_], NDArray[np.float64], NDArray[np.float64]]:
    """Both steps on the pairs ``(i, j)`` (demand, supply indices).

    ``weight`` is one factor per pair, 0 for a pair outside the catchment (so the
    table need not be cut first: no compaction pass over the pairs); ``None`` means
    every pair is inside with weight 1. A pair of weight 0 adds an exact ``+0.0``
    to the sums, so the figures equal those on the cut table bit for bit.
    ``keep`` marks the pairs inside (``reached``); default: ``weight > 0``.
    """
    m, n = population.size, capacity.size
    pw = population[i] if weight is None else population[i] * weight
    demand_at = np.bincount(j, weights=pw, minlength=n).astype(np.float64, copy=False)
    served = demand_at > 0
    ratios = np.zeros(n, dtype=np.float64)
    # a tiny demand in reach overflows a ratio (refused just below), and an
    # overflowed ratio times the weight 0 of a pair outside the catchment is NaN
    with np.errstate(over="ignore", invalid="ignore"):
        np.divide(capacity, demand_at, out=ratios, where=served)
        rw = ratios[j] if weight is None else ratios[j] * weight
        scores = np.bincount(i, weights=rw, minlength=m).astype(np.float64, copy=False)
    if not bool(np.isfinite(scores).all()):
        over = np.flatnonzero(~np.isfinite(ratios))
        k = int(over[0]) if over.size else int(np.flatnonzero(~np.isfinite(scores))[0])
        value = float(capacity[k]) if over.size else float(population[k])
        raise InvalidInputError.bad(
            f"supply[{k}]" if over.size else f"demand[{k}]",
            value,
            "the supply-to-demand ratios overflow a float64 (weighted demand in reach "
            "is tiny against the capacity); rescale the demand",
            shown=f"{value:g}",
        )
    reached = np.zeros(m, dtype=bool)
    if weight is None:
        reached[i] = True
    else:
        reached[i[weight > 0 if keep is None else keep]] = True
    return scores, reached, ratios, demand_at


def _inside(table: CostTable | _Pairs, limit: float | NDArray[np.float64]) -> NDArray[np.bool_]:
    """Pairs within the catchment (``cost <= limit``, one limit or one per demand)."""
    lim = np.asarray(limit, dtype=np.float64)
    out: NDArray[np.bool_] = table.cost <= (lim[table.demand] if lim.ndim else lim)
    return out


# ---------------------------------------------------------------- public API --


def two_step_fca(
    demand: Any,
    supply: Any,
    costs: Any = None,
    *,
    threshold: object,
    decay: Decay = "step",
    cost_unit: str | None = None,
) -> Accessibility:
    """Two-step floating catchment area accessibility (2SFCA, 两步移动搜寻法).

    ``R_j = S_j / Σ_{i: c_ij <= d0} P_i`` and ``A_i = Σ_{j: c_ij <= d0} R_j``
    (Luo & Wang 2003), with ``d0 = threshold``. Travel direction is demand →
    supply: ``costs[i, j]`` is the cost from demand ``i`` to site ``j``.

    Parameters
    ----------
    demand : sequence of float, mapping {id: float} or Points, length m
        Population of each demand location [persons], ``>= 0``, at most 1e15 in
        all (sums stay exact and finite). A ``Points`` layer contributes its ``weight``.
    supply : sequence of float, mapping {id: float} or Points, length n
        Capacity of each site (area [m²], pitches, places...), ``>= 0``, at most
        1e15 in all.
    costs : array (m, n), scipy sparse, CostTable, rows (i, j, cost), DataFrame or None
        Travel cost demand → supply in the cost unit. Dense: ``inf`` = not
        reachable. Sparse: only stored entries are reachable (explicit zeros are
        cost 0). Rows: ``(demand, supply, cost)`` by position, or by id when
        demand/supply carry ids (mappings, or ``Points`` with ``id``); unknown ids
        raise :class:`~sportsgov.errors.DataError`. A pandas DataFrame of three
        columns (demand, supply, cost, in that order, any names) is a long table,
        checked like a :class:`CostTable` (a repeated pair is refused) but used
        in its row order, without the table's sort: the quickest way from a
        routing engine's export to one result (the sums add the same terms in
        the frame's order, so they equal the table's to the last bits, ``rtol``
        1e-12). For a table used again, build it once with
        ``CostTable.from_arrays(origin, dest, cost, shape=...)`` (input already
        sorted by origin then destination skips the sort). ``None`` when both
        layers are ``Points``: great-circle distances [m] within ``threshold``
        (:func:`catchment_costs`).
    threshold : float, Quantity, array (m,) or FitnessCircle
        Catchment size ``d0`` in the cost unit; a Quantity (``"1 km"``,
        ``Q_(15, "min")``) is converted to ``cost_unit``. Boundary: ``cost <= d0``.
        One value per demand location gives variable catchments (e.g. urban 10 /
        rural 15 minutes from
        :func:`~sportsgov.coverage.presets.radius_by_settlement`); the pair
        ``(i, j)`` is in reach when ``c_ij <= d0_i``, in both steps. A
        ``FitnessCircle`` contributes its radius [m] or its minutes, whichever
        matches the cost unit.
    decay : {"step", "gaussian"}
        ``"step"``: every pair in the catchment has weight 1 (classic 2SFCA).
        ``"gaussian"``: weight ``(e^{-½(c/d0)²} − e^{-½}) / (1 − e^{-½})``, which
        falls from 1 at cost 0 to 0 at ``d0`` (Dai 2010).
    cost_unit : str, optional
        Unit of the costs (``"m"``, ``"min"``...), needed only when
        ``threshold`` is a Quantity and the costs do not carry a unit.

    Returns
    -------
    Accessibility
        ``scores`` (m,), ``reached`` (m,), ``supply_ratios`` (n,), ``served`` ...

    Raises
    ------
    InvalidInputError
        Negative or NaN population/capacity/cost, wrong shapes, a wrong
        ``decay``, a negative threshold.
    DataError
        A long table naming unknown ids.
    UnitError
        A Quantity threshold with costs of unknown or incompatible unit.

    Examples
    --------
    Three tracts that are also the sites (the ``access`` package's hospital
    example, scenario 0, with a 61-minute step catchment):

    >>> pop = [100, 50, 10]
    >>> doctors = [15, 20, 100]
    >>> minutes = [[1, 80, 40], [80, 1, 40], [40, 40, 1]]
    >>> a = two_step_fca(pop, doctors, np.asarray(minutes), threshold=61)
    >>> a.supply_ratios.round(4).tolist()
    [0.1364, 0.3333, 0.625]
    >>> a.scores.round(4).tolist()
    [0.7614, 0.9583, 1.0947]

    Unreached demand scores 0.0 and is flagged:

    >>> a = two_step_fca([10, 20], [4], [(0, 0, 5.0)], threshold=10)
    >>> a.scores.tolist(), a.reached.tolist()
    ([0.4, 0.0], [True, False])
    """
    if decay not in _DECAYS:
        raise InvalidInputError.bad("decay", decay, "expected one of 'step', 'gaussian'")
    if costs is None and decay == "step":
        fast = _step_on_points(demand, supply, threshold)
        if fast is not None:
            return fast
    population, capacity, table, limit, d_ids, s_ids = _inputs(
        demand,
        supply,
        costs,
        cost_unit=cost_unit,
        threshold_arg=threshold,
        threshold_name="threshold",
    )
    keep = _inside(table, limit)
    all_in = bool(keep.all())
    if decay == "step":
        # the pairs inside, unweighted: the sums add the same terms in the same order
        # as a weighted pass (whose pairs outside add exact +0.0), with a third less work
        i, j = (table.demand, table.supply) if all_in else (table.demand[keep], table.supply[keep])
        scores, reached, ratios, demand_at = _solve(population, capacity, i, j, None)
    else:  # gaussian: a weight per pair, 0 outside the catchment
        d0 = np.asarray(limit, dtype=np.float64)
        d0 = d0[table.demand] if d0.ndim else np.full(table.nnz, float(d0))
        ratio = np.divide(table.cost, d0, out=np.zeros(table.nnz), where=d0 > 0)
        tail = math.exp(-0.5)
        weight = (np.exp(-0.5 * ratio**2) - tail) / (1.0 - tail)
        np.maximum(weight, 0.0, out=weight)
        if not all_in:
            weight[~keep] = 0.0
        scores, reached, ratios, demand_at = _solve(
            population, capacity, table.demand, table.supply, weight, keep
        )
    return Accessibility(
        scores=scores,
        reached=reached,
        supply_ratios=ratios,
        weighted_demand=demand_at,
        served=demand_at > 0,
        method="2sfca",
        threshold=largest(limit),
        cost_unit=table.unit,
        decay=decay,
        demand_ids=d_ids,
        supply_ids=s_ids,
        thresholds=None if np.ndim(limit) == 0 else limit,
        population=population,
    )


def enhanced_two_step_fca(
    demand: Any,
    supply: Any,
    costs: Any = None,
    *,
    zones: Sequence[tuple[object, float]],
    cost_unit: str | None = None,
) -> Accessibility:
    """Enhanced two-step floating catchment area accessibility (E2SFCA).

    The catchment is cut into successive cost zones ``D_1, D_2, ...`` with
    weights ``W_r`` (Luo & Qi 2009), applied in both steps:
    ``R_j = S_j / Σ_r Σ_{i ∈ D_r(j)} P_i W_r`` and
    ``A_i = Σ_r Σ_{j ∈ D_r(i)} R_j W_r``.
    Zone ``r`` holds the costs ``edge_{r-1} < c <= edge_r`` (the first zone
    starts at 0 inclusive); costs above the last edge are outside the catchment.

    Parameters
    ----------
    demand, supply, costs, cost_unit
        As in :func:`two_step_fca`.
    zones : sequence of (edge, weight)
        Upper edges (strictly increasing, > 0, in the cost unit or Quantities)
        and weights (finite, > 0), e.g. ``[(10, 1.0), (20, 0.68), (30, 0.22)]``
        in minutes (the weights Luo & Qi 2009 use for three zones).

    Returns
    -------
    Accessibility
        With ``method="e2sfca"``, ``decay="zones"`` and ``threshold`` = last edge.

    Raises
    ------
    InvalidInputError
        Empty zones, edges not increasing or not > 0, weights not > 0, plus
        everything :func:`two_step_fca` raises.

    Examples
    --------
    >>> a = enhanced_two_step_fca(
    ...     [100, 100], [30], [[4.0], [12.0]], zones=[(5, 1.0), (10, 0.68), (15, 0.22)]
    ... )
    >>> round(float(a.supply_ratios[0]), 6)  # 30 / (100 * 1.0 + 100 * 0.22)
    0.245902
    >>> a.scores.round(6).tolist()
    [0.245902, 0.054098]

    With one zone of weight 1 it is plain 2SFCA:

    >>> cost = [[4.0], [12.0]]
    >>> b = enhanced_two_step_fca([100, 100], [30], cost, zones=[(15, 1.0)])
    >>> c = two_step_fca([100, 100], [30], cost, threshold=15)
    >>> b.scores.tolist() == c.scores.tolist()
    True
    """
    zone_list = _check_zones_shape(zones)
    population, capacity, table, _, d_ids, s_ids = _inputs(
        demand,
        supply,
        costs,
        cost_unit=cost_unit,
        threshold_arg=zone_list[-1][0],
        threshold_name=f"zones[{len(zone_list) - 1}] edge",
    )
    edges, weights = _check_zones(zone_list, table.unit)
    band = np.searchsorted(edges, table.cost, side="left")  # len(edges): outside
    weight = np.append(weights, 0.0)[band]
    scores, reached, ratios, demand_at = _solve(
        population, capacity, table.demand, table.supply, weight
    )
    return Accessibility(
        scores=scores,
        reached=reached,
        supply_ratios=ratios,
        weighted_demand=demand_at,
        served=demand_at > 0,
        method="e2sfca",
        threshold=float(edges[-1]),
        cost_unit=table.unit,
        decay="zones",
        zones=tuple((float(e), float(w)) for e, w in zip(edges, weights, strict=True)),
        demand_ids=d_ids,
        supply_ids=s_ids,
        population=population,
    )


def _check_zones_shape(zones: Any) -> list[tuple[object, float]]:
    if isinstance(zones, str | bytes) or not isinstance(zones, Sequence) or len(zones) == 0:
        raise InvalidInputError.bad(
            "zones",
            zones,
            "expected a non-empty list of (edge, weight), e.g. [(5, 1.0), (10, 0.68)]",
        )
    out: list[tuple[object, float]] = []
    for k, zone in enumerate(zones):
        try:
            edge, weight = zone
        except (TypeError, ValueError):
            raise InvalidInputError.bad(
                f"zones[{k}]", zone, "expected a pair (edge, weight)"
            ) from None
        out.append((edge, weight))
    return out


def _check_zones(
    zones: list[tuple[object, float]], unit: str | None
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    edges = np.array(
        [as_threshold(e, unit, name=f"zones[{k}] edge") for k, (e, _) in enumerate(zones)]
    )
    weights = np.zeros(len(zones))
    for k, (edge, w) in enumerate(zones):
        if isinstance(w, bool) or not isinstance(w, int | float | np.integer | np.floating):
            raise InvalidInputError.bad(f"zones[{k}] weight", w, "must be a number > 0")
        if not math.isfinite(float(w)) or float(w) <= 0:
            raise InvalidInputError.bad(f"zones[{k}] weight", w, "must be finite and > 0")
        if edges[k] <= 0:
            raise InvalidInputError.bad(f"zones[{k}] edge", edge, "must be > 0")
        if k and edges[k] <= edges[k - 1]:
            raise InvalidInputError.bad(
                f"zones[{k}] edge",
                edge,
                f"edges must be strictly increasing (previous edge {edges[k - 1]:g})",
            )
        weights[k] = float(w)
    return edges, weights


def catchment_costs(demand: Any, supply: Any, *, max_distance: object) -> CostTable:
    """Great-circle distances [m] of every (demand, site) pair within ``max_distance``.

    Neighbourhoods come from :func:`sportsgov.coverage.geo.pairs_within`: a
    KD-tree on 3-D unit vectors (never degrees), then haversine distances with the
    boundary ``distance <= max_distance``. Both layers are converted to WGS-84
    first. No dense matrix is built: memory grows with the number of pairs.

    Parameters
    ----------
    demand, supply : Points
        The two layers, in any datums (empty layers give an empty table).
    max_distance : float or Quantity
        Catchment radius [m], ``> 0``.

    Returns
    -------
    CostTable
        Sorted pairs with ``unit="m"``, shape ``(len(demand), len(supply))``.

    Raises
    ------
    InvalidInputError
        A layer that is not ``Points``, or ``max_distance`` not > 0.
    DatumError
        A layer in an unknown datum.

    Examples
    --------
    >>> from sportsgov.coverage.geo import Points
    >>> homes = Points([113.60, 113.62], [34.75, 34.75])
    >>> gyms = Points([113.6005], [34.75])
    >>> t = catchment_costs(homes, gyms, max_distance=1000)
    >>> t.demand.tolist(), t.cost.round(1).tolist(), t.unit
    ([0], [45.7], 'm')
    """
    from sportsgov.coverage.geo import Points, pairs_within

    for name, layer in (("demand", demand), ("supply", supply)):
        if not isinstance(layer, Points):
            raise InvalidInputError.bad(
                name, layer, "must be a Points layer", shown=type(layer).__name__
            )
    limit = as_threshold(max_distance, "m", name="max_distance", positive=True)
    shape = (len(demand), len(supply))
    if 0 in shape:
        return CostTable([], [], [], shape, "m")
    pairs = pairs_within(demand, supply, radius=limit)
    return trusted_table(pairs.i, pairs.j, pairs.distance, shape, "m")


def network_costs(
    network: Any,
    demand: Any,
    supply: Any,
    *,
    max_cost: object,
    cost: Literal["length", "time"] = "length",
    max_snap: object = None,
    add_snap: bool = False,
) -> CostTable:
    """Road-network costs demand → supply of every pair within ``max_cost``.

    Both layers are snapped to their nearest network node (great-circle, within
    ``max_snap``); points farther away are off the network and reach nothing.
    Shortest paths run with :func:`scipy.sparse.csgraph.dijkstra` and a cut-off,
    from the supply nodes over the reversed graph, so the cost is the trip *from*
    the demand *to* the site on one-way streets too. Supply sites are processed in
    chunks so memory stays bounded; only reachable pairs are kept.

    Parameters
    ----------
    network : RoadNetwork
        From :mod:`sportsgov.coverage.network`.
    demand, supply : Points
        The two layers (any datum).
    max_cost : float or Quantity
        Cut-off [m for ``"length"``, minutes for ``"time"``], ``> 0``; boundary
        ``cost <= max_cost`` (the snap distances included when ``add_snap``).
    cost : {"length", "time"}
        Weighted length [m] or travel time [min] (needs the network's ``speed``);
        never hop counts.
    max_snap : float or Quantity [m], optional
        Snapping limit; defaults to the network's ``max_snap``.
    add_snap : bool
        Add both snap distances (converted to minutes by the network speed for
        ``"time"``) to the network cost.

    Returns
    -------
    CostTable
        Shape ``(len(demand), len(supply))``, unit ``"m"`` or ``"minute"``.

    Raises
    ------
    InvalidInputError
        Bad ``cost``, no snapping limit, ``"time"`` without a network speed, a
        cut-off that is not > 0.

    Examples
    --------
    >>> from sportsgov.coverage.geo import Points
    >>> from sportsgov.coverage.network import RoadNetwork
    >>> net = RoadNetwork.from_edges(
    ...     {"id": [1, 2, 3], "lon": [113.600, 113.605, 113.610], "lat": [34.75] * 3},
    ...     [(1, 2, 460.0), (2, 3, 460.0)],
    ...     speed=4.8,
    ... )
    >>> homes = Points([113.600, 113.610], [34.75, 34.75], weight=[300, 200])
    >>> gym = Points([113.605], [34.75], weight=[1000])
    >>> t = network_costs(net, homes, gym, max_cost=10, cost="time", max_snap=50)
    >>> t.cost.round(2).tolist(), t.unit
    ([5.75, 5.75], 'minute')
    >>> two_step_fca(homes, gym, t, threshold=10).scores.tolist()
    [2.0, 2.0]
    """
    from scipy.sparse.csgraph import dijkstra

    if cost not in ("length", "time"):
        raise InvalidInputError.bad("cost", cost, "expected one of 'length', 'time'")
    unit = "m" if cost == "length" else "minute"
    limit = as_threshold(max_cost, unit, name="max_cost", positive=True)
    snap_arg = network.max_snap if max_snap is None else max_snap
    if snap_arg is None:
        raise InvalidInputError.bad(
            "max_snap", None, "give max_snap [m] or build the network with max_snap="
        )
    graph = network.graph
    factor = 1.0
    if cost == "time":
        if network.speed is None:
            raise InvalidInputError.bad(
                "cost", "time", "needs a network speed: RoadNetwork.from_edges(..., speed=4.5)"
            )
        factor = 60.0 / (float(network.speed) * 1000.0)
        graph = graph * factor
    if network.directed:
        graph = graph.T.tocsr()  # distances *to* the supply node
    m, n = len(demand), len(supply)
    if m == 0 or n == 0:
        return CostTable([], [], [], (m, n), unit)
    d_snap = network.snap(demand, max_distance=snap_arg)
    s_snap = network.snap(supply, max_distance=snap_arg)
    on_d = np.flatnonzero(d_snap.on_network)
    on_s = np.flatnonzero(s_snap.on_network)
    if on_d.size == 0 or on_s.size == 0:
        return CostTable([], [], [], (m, n), unit)
    d_nodes = d_snap.node[on_d]
    uniq, inv = np.unique(s_snap.node[on_s], return_inverse=True)
    group_order = np.argsort(inv, kind="stable")
    group_size = np.bincount(inv, minlength=uniq.size)
    group_ptr = np.concatenate([[0], np.cumsum(group_size)])
    n_nodes = len(network.nodes)
    chunk = max(1, int(2e7 // max(n_nodes, 1)))
    search = limit * (1 + 1e-12) + 1e-12  # the exact `<=` test is below
    parts_i: list[NDArray[np.int64]] = []
    parts_j: list[NDArray[np.int64]] = []
    parts_c: list[NDArray[np.float64]] = []
    for start in range(0, uniq.size, chunk):
        rows = uniq[start : start + chunk]
        dist = np.atleast_2d(dijkstra(graph, directed=True, indices=rows, limit=search))
        sub = dist[:, d_nodes]
        r, c = np.nonzero(sub <= search)
        if r.size == 0:
            continue
        reps = group_size[start + r]
        rr = np.repeat(r, reps)
        cc = np.repeat(c, reps)
        offset = np.arange(rr.size) - np.repeat(np.cumsum(reps) - reps, reps)
        parts_j.append(on_s[group_order[group_ptr[start + rr] + offset]])
        parts_i.append(on_d[cc])
        parts_c.append(sub[rr, cc])
    if not parts_i:
        return CostTable([], [], [], (m, n), unit)
    i = np.concatenate(parts_i)
    j = np.concatenate(parts_j)
    c_all = np.concatenate(parts_c)
    if add_snap:
        c_all = c_all + (d_snap.distance[i] + s_snap.distance[j]) * factor
    keep = c_all <= limit
    return CostTable.from_arrays(i[keep], j[keep], c_all[keep], shape=(m, n), unit=unit)
