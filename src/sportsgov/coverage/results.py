"""Coverage results (覆盖结果): what a circle or network coverage run found.

:class:`CoverageResult` is returned by :func:`~sportsgov.coverage.circle.circle_coverage`
(great-circle or road-network distance) and by
:func:`~sportsgov.coverage.tiling.tiled_circle_coverage`; :class:`RegionCoverage` is one
row of its per-region table. Both are frozen; the arrays are read-only.

Examples
--------
>>> from sportsgov.coverage import Points, circle_coverage
>>> r = circle_coverage(Points([120.0, 120.1], [30.0, 30.0], weight=[100, 300], id=["a", "b"]),
...                     Points([120.001], [30.0]), radius=500, by=["D1", "D2"])
>>> r.regions["D1"].share, r.regions["D2"].share
(1.0, 0.0)
"""

from __future__ import annotations

from typing import Any, Literal, TypeAlias

import attrs
import numpy as np
from attrs import field, frozen
from numpy.typing import NDArray

from sportsgov._common.arrays import optional_arrays_equal
from sportsgov.coverage.geo import Points
from sportsgov.errors import InvalidInputError

__all__ = ["CoverageResult", "Metric", "RegionCoverage"]

Metric: TypeAlias = Literal["great_circle", "network_length", "network_time"]
"""How distance was measured: great-circle metres, network metres or network minutes."""

FloatArray: TypeAlias = NDArray[np.float64]


_EQ = attrs.cmp_using(eq=optional_arrays_equal)


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
    >>> from sportsgov.coverage import Points, circle_coverage
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

    def _repr_html_(self) -> str:
        """A notebook table: the per-region table with ``by``, else the first demand points."""
        from sportsgov._common.display import html_table

        title = (
            f"CoverageResult: {self.share:.1%} of {_num(self.total_population)} persons "
            f"covered ({len(self.demand):,} demand points, {self.metric})"
        )
        if self.by is not None:
            regions = list(self.regions.values())
            return html_table(
                title,
                [
                    *("region", "points", "covered_points", "total_population_persons"),
                    *("covered_population_persons", "share"),
                ],
                (
                    (
                        r.region,
                        r.points,
                        r.covered_points,
                        r.total_population,
                        r.covered_population,
                        r.share,
                    )
                    for r in regions
                ),
                count=len(regions),
            )
        ids = self.demand.id
        return html_table(
            title,
            ["id", "population_persons", "covered", f"nearest_{self.unit}"],
            (
                (i if ids is None else ids[i], w, c, d)
                for i, (w, c, d) in enumerate(
                    zip(self.demand.weights, self.covered, self.nearest, strict=True)
                )
            ),
            count=len(self.demand),
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

    def to_frame(self, by: Literal["point", "region"] = "point") -> Any:
        """The result as a pandas DataFrame, per demand point or per region.

        ``by="point"`` (default): one row per demand point, in input order --
        ``id`` (the demand ids, or the position), ``lon``, ``lat`` (in the demand
        layer's own datum), ``region`` (runs with ``by``), ``population_persons``,
        ``covered``, ``nearest_m`` [m] (``nearest_min`` [min] for
        ``metric="network_time"``; ``inf`` where nothing is reachable),
        ``nearest_index`` (-1 where none), ``radius_m`` (``radius_min``); network runs
        add ``on_network`` and ``snap_distance_m`` [m].

        ``by="region"``: the :attr:`regions` table -- ``region, points,
        covered_points, total_population_persons, covered_population_persons,
        share`` (``share`` missing, NaN, for a region whose population is 0).

        Needs the ``pandas`` extra.

        Parameters
        ----------
        by : {"point", "region"}
            One row per demand point or per region (needs a run with ``by``).

        Raises
        ------
        InvalidInputError
            ``by`` is not one of the two, or ``"region"`` for a run without ``by``.

        Examples
        --------
        >>> from sportsgov.coverage import Points, circle_coverage
        >>> r = circle_coverage(Points([120.0, 120.1], [30.0, 30.0], weight=[100, 300]),
        ...                     Points([120.001], [30.0]), radius=500, by=["D1", "D2"])
        >>> r.to_frame()[["region", "population_persons", "covered"]].values.tolist()
        [['D1', 100.0, True], ['D2', 300.0, False]]
        >>> r.to_frame(by="region")[["region", "share"]].values.tolist()
        [['D1', 1.0], ['D2', 0.0]]
        """
        from sportsgov._common.frames import pandas

        if by not in ("point", "region"):
            raise InvalidInputError.bad("by", by, "expected one of 'point', 'region'")
        pd = pandas("CoverageResult.to_frame")
        if by == "region":
            return pd.DataFrame(
                [
                    [
                        r.region,
                        r.points,
                        r.covered_points,
                        r.total_population,
                        r.covered_population,
                        r.share,
                    ]
                    for r in self.regions.values()
                ],
                columns=[
                    "region",
                    "points",
                    "covered_points",
                    "total_population_persons",
                    "covered_population_persons",
                    "share",
                ],
            ).astype({"share": float})
        n = len(self.demand)
        unit = self.unit
        data: dict[str, Any] = {
            "id": np.arange(n) if self.demand.id is None else self.demand.id,
            "lon": self.demand.lon,
            "lat": self.demand.lat,
        }
        if self.by is not None:
            data["region"] = self.by
        data["population_persons"] = self.demand.weights
        data["covered"] = self.covered
        data[f"nearest_{unit}"] = self.nearest
        data["nearest_index"] = self.nearest_index
        data[f"radius_{unit}"] = self.radius
        if self.on_network is not None:
            data["on_network"] = self.on_network
        if self.snap_distance is not None:
            data["snap_distance_m"] = self.snap_distance
        return pd.DataFrame({k: np.array(v) for k, v in data.items()})

    def to_geojson(self, path: Any = None, *, datum: str = "wgs84") -> dict[str, Any]:
        """Demand points with ``population``, ``covered`` and ``nearest_m`` as GeoJSON.

        See :func:`sportsgov.coverage.layers.coverage_geojson` (``path`` may end in
        ``.geojson``, ``.gpkg`` or ``.shp``; ``datum="gcj02"`` for Amap).

        Examples
        --------
        >>> from sportsgov.coverage.geo import Points
        >>> from sportsgov.coverage.circle import circle_coverage
        >>> r = circle_coverage(Points([120.0], [30.0], weight=[50]), Points([120.001], [30.0]),
        ...                     radius=500)
        >>> r.to_geojson()["features"][0]["properties"]
        {'population': 50.0, 'covered': True, 'nearest_m': 96.3, 'radius_m': 500.0}
        """
        from sportsgov.coverage.layers import coverage_geojson

        return coverage_geojson(self, path, datum=datum)

    def regions_geojson(
        self, boundaries: Any, path: Any = None, *, datum: str = "wgs84"
    ) -> dict[str, Any]:
        """The per-region table joined to region polygons (choropleth-ready GeoJSON).

        See :func:`sportsgov.coverage.layers.records_geojson`.
        """
        from sportsgov.coverage.layers import records_geojson

        return records_geojson(boundaries, self.to_records(), path, datum=datum, name="coverage")
