"""Circle coverage (健身圈覆盖率): who lives within reach of at least one facility.

:func:`circle_coverage` answers "is our ten-minute fitness circle complete?": the
share of the population (常住人口) living within ``radius`` of at least one facility,
the points left out, the distance to the nearest facility for every demand point and
a per-region table.

Definitions
-----------
* Distance is the great-circle distance on a sphere of radius 6,371,008.8 m
  (:func:`sportsgov.coverage.geo.great_circle_distance`), or — with ``network=`` — the
  shortest road-network length or walking time from the demand point to the facility
  (travel direction demand → facility).
* A demand point is covered when ``distance <= radius`` (boundary included).
* All layers are converted to WGS-84 first; the search is a KD-tree on 3-D unit
  vectors with the chord radius, never degrees.
* ``nearest`` is ``inf`` (never NaN) where no facility can be reached: on a road
  network when the facility is beyond the search cut-off or in another component,
  or when the point could not be snapped to the network.

Examples
--------
>>> from sportsgov.coverage.geo import Points
>>> homes = Points([120.580, 120.585, 120.600], [30.0, 30.0, 30.0],
...                weight=[1200, 800, 500], id=["a", "b", "c"])
>>> gyms = Points([120.581], [30.0])
>>> r = circle_coverage(homes, gyms, radius=750)
>>> r.covered.tolist(), r.covered_population, r.share
([True, True, False], 2000.0, 0.8)
>>> r.uncovered.id.tolist()
['c']
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Literal, TypeAlias, cast

import attrs
import numpy as np
from attrs import field, frozen
from numpy.typing import NDArray

from sportsgov.coverage._quantity import as_positive
from sportsgov.coverage.geo import Points, _nearest, _require_nonempty, align_datums
from sportsgov.coverage.presets import FitnessCircle, SettlementCircles, radius_by_settlement
from sportsgov.errors import InvalidInputError, NotFoundError

if TYPE_CHECKING:
    from sportsgov.coverage.network import RoadNetwork, Snap
    from sportsgov.regions import RegionTree

__all__ = ["CoverageResult", "Metric", "RegionCoverage", "circle_coverage"]

Metric: TypeAlias = Literal["great_circle", "network_length", "network_time"]
"""How distance was measured: great-circle metres, network metres or network minutes."""

FloatArray: TypeAlias = NDArray[np.float64]


def _arr_eq(a: Any, b: Any) -> bool:
    if a is None or b is None:
        return a is b
    return bool(a.shape == b.shape and np.array_equal(a, b))


_EQ = attrs.cmp_using(eq=_arr_eq)


def _num(x: float) -> str:
    return f"{int(x):,}" if float(x).is_integer() else f"{x:,.2f}"


@frozen
class RegionCoverage:
    """Coverage of one region (a row of :attr:`CoverageResult.regions`).

    Attributes
    ----------
    region : str
        Region code.
    points : int
        Demand points in the region.
    covered_points : int
    total_population : float [persons]
    covered_population : float [persons]
    share : float or None
        covered / total population; ``None`` when the region's population is 0.

    Examples
    --------
    >>> RegionCoverage("330602", 10, 7, 1000.0, 640.0).share
    0.64
    """

    region: str
    points: int
    covered_points: int
    total_population: float
    covered_population: float

    @property
    def share(self) -> float | None:
        """Covered share of the region's population (None if its population is 0)."""
        if self.total_population == 0:
            return None
        return self.covered_population / self.total_population


@frozen(repr=False)
class CoverageResult:
    """What :func:`circle_coverage` found. Frozen; arrays are read-only.

    Attributes
    ----------
    demand : Points
        The demand layer as given (its own datum).
    covered : numpy.ndarray of bool
        Per demand point: at least one facility with ``distance <= radius``.
    nearest : numpy.ndarray of float64 [m, or min for ``metric="network_time"``]
        Distance to the nearest facility; ``inf`` where none can be reached (beyond
        the network cut-off, another component, or not snapped to the network).
    nearest_index : numpy.ndarray of int64
        Index into the facilities of the nearest one; -1 where ``nearest`` is inf.
    radius : numpy.ndarray of float64 [m, or min]
        The threshold each point was tested against.
    metric : {"great_circle", "network_length", "network_time"}
    by : numpy.ndarray of str or None
        Region code per demand point when ``by`` was given.
    on_network : numpy.ndarray of bool or None
        Network runs only: whether each demand point snapped to the network within
        ``max_snap``; points off the network count as not covered.
    snap_distance : numpy.ndarray of float64 or None [m]
        Network runs only: great-circle distance from each demand point to its node.

    Examples
    --------
    >>> from sportsgov.coverage.geo import Points
    >>> r = circle_coverage(Points([0.0, 0.01], [0.0, 0.0], weight=[3, 1]),
    ...                     Points([0.0], [0.0]), radius=500)
    >>> r
    CoverageResult(share=0.75, covered=3/4, points=2, metric='great_circle')
    >>> r.nearest.round().tolist()
    [0.0, 1112.0]
    """

    demand: Points
    covered: NDArray[np.bool_] = field(eq=_EQ)
    nearest: FloatArray = field(eq=_EQ)
    nearest_index: NDArray[np.int64] = field(eq=_EQ)
    radius: FloatArray = field(eq=_EQ)
    metric: Metric = "great_circle"
    by: NDArray[np.str_] | None = field(default=None, eq=_EQ)
    on_network: NDArray[np.bool_] | None = field(default=None, eq=_EQ)
    snap_distance: FloatArray | None = field(default=None, eq=_EQ)

    def __attrs_post_init__(self) -> None:
        for name in (
            "covered",
            "nearest",
            "nearest_index",
            "radius",
            "by",
            "on_network",
            "snap_distance",
        ):
            arr = getattr(self, name)
            if arr is not None and arr.flags.writeable:
                arr.flags.writeable = False

    def __repr__(self) -> str:
        return (
            f"CoverageResult(share={self.share:.6g}, "
            f"covered={_num(self.covered_population)}/{_num(self.total_population)}, "
            f"points={len(self.demand)}, metric={self.metric!r})"
        )

    @property
    def unit(self) -> str:
        """Unit of :attr:`nearest` and :attr:`radius`: ``"m"`` or ``"min"``."""
        return "min" if self.metric == "network_time" else "m"

    @property
    def total_population(self) -> float:
        """Sum of demand weights [persons] (number of points if unweighted)."""
        return float(self.demand.weights.sum())

    @property
    def covered_population(self) -> float:
        """Sum of the weights of covered demand points [persons]."""
        return float(self.demand.weights[self.covered].sum())

    @property
    def uncovered_population(self) -> float:
        """Population not covered [persons]."""
        return self.total_population - self.covered_population

    @property
    def share(self) -> float:
        """covered_population / total_population, in [0, 1]."""
        return self.covered_population / self.total_population

    @property
    def uncovered(self) -> Points:
        """The demand points not covered (original datum, weights and ids kept)."""
        return self.demand[~self.covered]

    @property
    def regions(self) -> dict[str, RegionCoverage]:
        """Per-region table keyed by region code (sorted); needs ``by``.

        Raises
        ------
        InvalidInputError
            The run was made without ``by``.
        """
        if self.by is None:
            raise InvalidInputError.bad(
                "by", None, "per-region table needs circle_coverage(..., by=region codes)"
            )
        codes, inverse = np.unique(self.by, return_inverse=True)
        inverse = inverse.reshape(-1)
        k = len(codes)
        w = self.demand.weights
        pts = np.bincount(inverse, minlength=k)
        cov_pts = np.bincount(inverse, weights=self.covered.astype(np.float64), minlength=k)
        pop = np.bincount(inverse, weights=w, minlength=k)
        cov_pop = np.bincount(inverse, weights=np.where(self.covered, w, 0.0), minlength=k)
        return {
            str(c): RegionCoverage(
                str(c), int(pts[i]), int(cov_pts[i]), float(pop[i]), float(cov_pop[i])
            )
            for i, c in enumerate(codes.tolist())
        }

    def to_records(self) -> list[dict[str, Any]]:
        """The per-region table as plain dicts (for CSV/JSON reports)."""
        return [
            {
                "region": r.region,
                "points": r.points,
                "covered_points": r.covered_points,
                "total_population": r.total_population,
                "covered_population": r.covered_population,
                "share": r.share,
            }
            for r in self.regions.values()
        ]


# --------------------------------------------------------------------------- inputs
def _codes(by: Any, demand: Points) -> NDArray[np.str_] | None:
    if by is None:
        return None
    n = len(demand)
    if isinstance(by, Mapping):
        if demand.id is None:
            raise InvalidInputError.bad(
                "by",
                by,
                "a mapping id -> region needs demand points with ids (Points(..., id=...))",
                shown=f"mapping of {len(by)} ids",
            )
        out = []
        for pid in demand.id.tolist():
            if pid not in by:
                raise NotFoundError.bad("by", pid, "demand id has no region in the mapping")
            out.append(str(by[pid]))
        return np.asarray(out, dtype=str)
    if isinstance(by, str):
        raise InvalidInputError.bad(
            "by", by, "must be one region code per demand point or a mapping id -> code"
        )
    arr = np.asarray(list(by) if not isinstance(by, np.ndarray) else by)
    if arr.ndim != 1 or arr.shape[0] != n:
        raise InvalidInputError.bad(
            "by",
            by,
            f"must have one region code per demand point ({n})",
            shown=f"{arr.size} values",
        )
    return arr.astype(str)


def _is_time(value: Any) -> bool:
    if isinstance(value, str) or (hasattr(value, "magnitude") and hasattr(value, "units")):
        from sportsgov.units import as_quantity

        q = as_quantity(value, argument="radius", finite=False)
        return bool(q.dimensionality == as_quantity(1, "minute").dimensionality)
    return False


def _radius_array(
    radius: Any,
    demand: Points,
    codes: NDArray[np.str_] | None,
    regions: RegionTree | Mapping[str, str] | None,
    unit: str,
) -> FloatArray:
    n = len(demand)
    if isinstance(radius, FitnessCircle):
        value = radius.radius if unit == "m" else radius.minutes
        return np.full(n, value, dtype=np.float64)
    if isinstance(radius, SettlementCircles):
        if codes is None or regions is None:
            raise InvalidInputError.bad(
                "radius",
                "SettlementCircles",
                "needs by=region codes and regions=RegionTree",
                shown="SettlementCircles(...)",
            )
        if unit == "m":
            return radius_by_settlement(regions, codes.tolist(), circles=radius)
        settlement = (
            {str(k): str(v) for k, v in regions.items()}
            if isinstance(regions, Mapping)
            else {r.code: r.settlement for r in regions}
        )
        out = np.empty(n, dtype=np.float64)
        for k, c in enumerate(codes.tolist()):
            if c not in settlement:
                raise NotFoundError.bad("region", c, "not in the region tree")
            out[k] = radius.for_settlement(settlement[c]).minutes
        return out
    if isinstance(radius, Mapping):
        if codes is None:
            raise InvalidInputError.bad(
                "radius",
                radius,
                "a per-region mapping needs by=region codes",
                shown=f"mapping of {len(radius)} regions",
            )
        per: dict[str, float] = {}
        for key, val in radius.items():
            v = (
                val.radius
                if (isinstance(val, FitnessCircle) and unit == "m")
                else (val.minutes if isinstance(val, FitnessCircle) else val)
            )
            per[str(key)] = cast(float, as_positive(v, unit, name=f"radius[{key!r}]"))
        uniq, inverse = np.unique(codes, return_inverse=True)
        vals = np.empty(len(uniq), dtype=np.float64)
        for k, c in enumerate(uniq.tolist()):
            if c not in per:
                raise NotFoundError.bad("radius", c, "region has no radius in the mapping")
            vals[k] = per[c]
        return vals[inverse.reshape(-1)]
    r = as_positive(radius, unit, name="radius")
    if isinstance(r, float):
        return np.full(n, r, dtype=np.float64)
    if r.ndim != 1 or r.shape[0] != n:
        raise InvalidInputError.bad(
            "radius",
            radius,
            f"must be one number or one per demand point ({n})",
            shown=f"{r.size} values",
        )
    return r.astype(np.float64, copy=True)


# --------------------------------------------------------------------------- calculator
def circle_coverage(
    demand: Points,
    facilities: Points,
    *,
    radius: Any,
    by: Sequence[object] | NDArray[Any] | Mapping[Any, object] | None = None,
    regions: RegionTree | Mapping[str, str] | None = None,
    network: RoadNetwork | None = None,
    max_snap: Any = None,
    add_snap: bool = False,
    demand_snap: Snap | None = None,
    workers: int = 1,
    progress: Callable[[str], None] | None = None,
) -> CoverageResult:
    """Population share within ``radius`` of at least one facility.

    Parameters
    ----------
    demand : Points
        Where people live; ``weight`` is the population of each point (1 if absent).
    facilities : Points
        Sports facilities (any datum; converted with ``demand`` to WGS-84).
    radius : float, Quantity, str, FitnessCircle, array_like, mapping or SettlementCircles
        The threshold [m] (or [min] for a time on a road network):

        * a number [m], a length quantity or string (``"1 km"``), or a
          :class:`~sportsgov.coverage.presets.FitnessCircle` (its ``radius``);
        * an array with one value per demand point;
        * a mapping region code -> value (needs ``by``);
        * :class:`~sportsgov.coverage.presets.SettlementCircles` (needs ``by`` and
          ``regions``): urban 10-minute, rural 15-minute circles from each region's
          settlement.

        With ``network=``, a time (``"10 min"``, a minute quantity) means walking time
        along the roads (the network needs a speed); otherwise network length [m].
    by : sequence of str or mapping, optional
        Region code per demand point, or a mapping demand id -> region code; enables
        :attr:`CoverageResult.regions`.
    regions : RegionTree or mapping code -> settlement, optional
        Used with ``radius=SettlementCircles(...)``.
    network : RoadNetwork, optional
        Measure along roads instead of great circles (see
        :mod:`sportsgov.coverage.network`).
    max_snap : float or Quantity [m], optional
        Network runs: points farther than this from every node are "not on the
        network" (uncovered, flagged in ``on_network``); facilities that far away are
        ignored. Default: the network's ``max_snap``.
    add_snap : bool, default False
        Network runs: add the snap distances (demand → node, node → facility) to the
        network distance (converted to time at the network speed when measuring time).
    demand_snap : Snap, optional
        Network runs: the result of ``network.snap(demand, max_distance=max_snap)``
        computed once and reused across scenarios (snapping a million points costs
        about as much as the shortest-path search). Must come from the same network,
        demand layer and ``max_snap``; its length is checked.
    workers : int, default 1
        Threads for the KD-tree query (-1: all cores).
    progress : callable, optional
        Called with short status strings.

    Returns
    -------
    CoverageResult

    Raises
    ------
    InvalidInputError
        Empty layers, a radius that is not > 0, ``by`` of the wrong length, a weight
        total of 0.
    DatumError
        A layer that is not :class:`~sportsgov.coverage.geo.Points`.
    NotFoundError
        A region code missing from a radius mapping or region tree.

    Examples
    --------
    >>> from sportsgov.coverage.geo import Points
    >>> from sportsgov.coverage.presets import SettlementCircles
    >>> homes = Points([120.0, 120.0, 121.0], [30.0, 30.009, 30.009], weight=[100, 100, 50])
    >>> gyms = Points([120.0, 121.0], [30.0, 30.0])
    >>> r = circle_coverage(homes, gyms, radius=SettlementCircles(), by=["U", "U", "R"],
    ...                     regions={"U": "urban", "R": "rural"})
    >>> r.covered.tolist(), r.radius.tolist()
    ([True, False, True], [750.0, 750.0, 1125.0])
    >>> r.regions["U"].share
    0.5
    """
    _require_nonempty(demand, "demand")
    _require_nonempty(facilities, "facilities")
    codes = _codes(by, demand)
    if network is not None:
        from sportsgov.coverage.network import _network_coverage

        return _network_coverage(
            network,
            demand,
            facilities,
            radius=radius,
            codes=codes,
            regions=regions,
            max_snap=max_snap,
            add_snap=add_snap,
            demand_snap=demand_snap,
            progress=progress,
        )
    if demand.total_weight <= 0:
        raise InvalidInputError.bad(
            "demand",
            demand,
            "total weight (population) must be > 0",
            shown=f"{len(demand)} points of weight 0",
        )
    if _is_time(radius):
        raise InvalidInputError.bad(
            "radius",
            radius,
            "a travel time needs network=RoadNetwork(...); give a length in m otherwise",
        )
    r = _radius_array(radius, demand, codes, regions, "m")
    d_w, f_w = align_datums(demand, facilities)
    if progress is not None:
        progress(f"nearest facility for {len(demand)} points among {len(facilities)}")
    dist, idx = _nearest(d_w, f_w, math.inf, workers=workers, first_pass=float(r.max()))
    covered = dist <= r
    return CoverageResult(
        demand=demand,
        covered=covered,
        nearest=dist,
        nearest_index=idx,
        radius=r,
        metric="great_circle",
        by=codes,
    )
