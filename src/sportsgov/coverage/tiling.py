"""Tile a national coverage run by region and run the tiles on Dask (``dask`` extra).

A national run (tens of millions of population cells, hundreds of thousands of
facilities) splits naturally by region: each *tile* holds the demand points of one
region and only the facilities that can matter to it — those within the largest
radius of the region's bounding box. Tiles are independent, so Dask can run them on
threads, processes or a cluster (``distributed.Client``); the results are stitched
back into one :class:`~sportsgov.coverage.circle.CoverageResult` in the original
point order.

Differences from a single :func:`~sportsgov.coverage.circle.circle_coverage` run:

* ``covered``, ``share`` and the per-region table are identical.
* ``nearest`` is exact where a facility lies within the tile's search margin (in
  particular for every covered point); beyond it the tile cannot know and reports
  ``inf`` (never NaN), with ``nearest_index = -1``.
* Road networks tile with :func:`tiled_network_coverage` (region by region, one
  network per region, in this process or, with ``scheduler=``, on Dask).

Only Dask itself is imported lazily; without the extra, :func:`tiled_circle_coverage`
raises ``ImportError`` naming it.

Examples
--------
>>> from sportsgov.coverage.geo import Points
>>> homes = Points([113.6, 113.7, 114.3], [34.7, 34.7, 34.7], weight=[5, 5, 10])
>>> gyms = Points([113.601, 114.2], [34.7, 34.7])
>>> r = tiled_circle_coverage(homes, gyms, radius=1000, by=["A", "A", "B"],
...                           scheduler="synchronous")
>>> r.covered.tolist(), r.share
([True, False, False], 0.25)
"""

from __future__ import annotations

import importlib
import math
import uuid
from collections.abc import Callable, Mapping, Sequence
from typing import Any, TypeAlias

import numpy as np
from attrs import frozen
from numpy.typing import NDArray

from sportsgov.coverage._cluster import require_same_version
from sportsgov.coverage._geometry import EARTH_RADIUS_M, nearest, require_nonempty
from sportsgov.coverage._quantity import as_positive
from sportsgov.coverage._radius import is_time, radius_array, region_codes, require_population
from sportsgov.coverage.circle import circle_coverage
from sportsgov.coverage.geo import Points, align_datums
from sportsgov.coverage.network import RoadNetwork
from sportsgov.coverage.results import CoverageResult
from sportsgov.errors import InvalidInputError
from sportsgov.units import as_quantity

__all__ = [
    "Tile",
    "factorize_codes",
    "plan_tiles",
    "tiled_circle_coverage",
    "tiled_network_coverage",
]

_DEG_M = EARTH_RADIUS_M * math.pi / 180.0  # metres per degree of latitude on our sphere


@frozen(repr=False)
class Tile:
    """One unit of tiled work: a region's demand points and the facilities near them.

    Attributes
    ----------
    region : str
    demand_index : numpy.ndarray of int64
        Positions of the region's demand points in the full demand layer.
    facility_index : numpy.ndarray of int64
        Positions of the facilities within the search margin of the region's box.
    margin : float [m]
        The search margin (largest radius in the tile).

    Examples
    --------
    >>> from sportsgov.coverage.geo import Points
    >>> t = plan_tiles(Points([0.0, 1.0], [0.0, 0.0]), Points([0.001, 5.0], [0.0, 0.0]),
    ...                radius=500, by=["A", "B"])
    >>> [(x.region, x.demand_index.tolist(), x.facility_index.tolist()) for x in t]
    [('A', [0], [0]), ('B', [1], [])]
    """

    region: str
    demand_index: NDArray[np.int64]
    facility_index: NDArray[np.int64]
    margin: float

    def __repr__(self) -> str:
        return (
            f"Tile(region={self.region!r}, demand={len(self.demand_index)}, "
            f"facilities={len(self.facility_index)}, margin={self.margin:g} m)"
        )


def _box_facilities(
    fac: _SortedFacilities,
    box: tuple[float, float, float, float],
    margin: float,
) -> NDArray[np.int64]:
    """Facilities (original positions, ascending) in the box widened by ``margin`` [m]."""
    lon0, lat0, lon1, lat1 = box
    dlat = margin / _DEG_M * (1.0 + 1e-9) + 1e-12
    lat_lo, lat_hi = lat0 - dlat, lat1 + dlat
    a = int(np.searchsorted(fac.lat, lat_lo, side="left"))
    b = int(np.searchsorted(fac.lat, lat_hi, side="right"))
    lon = fac.lon[a:b]
    top = max(abs(lat_lo), abs(lat_hi))
    if top >= 89.0 or (lon1 - lon0) > 180.0:
        # Near a pole or a box wider than a hemisphere: keep every facility in the band.
        keep = np.ones(lon.shape[0], dtype=bool)
    else:
        dlon = dlat / math.cos(math.radians(top))
        lo, hi = lon0 - dlon, lon1 + dlon
        keep = (lon >= lo) & (lon <= hi)
        if lo < -180.0:
            keep |= lon >= lo + 360.0
        if hi > 180.0:
            keep |= lon <= hi - 360.0
    return np.sort(fac.order[a:b][keep]).astype(np.int64)


class _SortedFacilities:
    """Facility coordinates sorted by latitude once (a tile's band is a searchsorted)."""

    def __init__(self, lon: NDArray[np.float64], lat: NDArray[np.float64]) -> None:
        self.order = np.argsort(lat, kind="stable")
        self.lat = lat[self.order]
        self.lon = lon[self.order]


def factorize_codes(codes: NDArray[Any]) -> tuple[list[str], NDArray[np.intp]]:
    """Sorted unique region codes and each point's position among them, computed once
    (pandas' hash factorization when pandas is installed, else one ``np.unique``).

    Examples
    --------
    >>> names, inv = factorize_codes(np.array(["B", "A", "B"]))
    >>> names, inv.tolist()
    (['A', 'B'], [1, 0, 1])
    """
    try:
        pd: Any = importlib.import_module("pandas")
    except ImportError:  # pragma: no cover - pandas is in the dev extra
        uniq, inverse = np.unique(codes, return_inverse=True)
        return [str(c) for c in uniq.tolist()], inverse.reshape(-1).astype(np.intp)
    inv, uniq = pd.factorize(codes, sort=True)
    return [str(c) for c in uniq.tolist()], np.asarray(inv, dtype=np.intp)


@frozen
class _Plan:
    """Demand positions grouped by region (one argsort) and each group's range."""

    names: list[str]
    order: NDArray[np.int64]
    bounds: NDArray[np.int64]


def _plan(codes: NDArray[Any]) -> _Plan:
    names, inverse = factorize_codes(codes)
    order = np.argsort(inverse, kind="stable").astype(np.int64)
    counts = np.bincount(inverse, minlength=len(names))
    bounds = np.concatenate([[0], np.cumsum(counts)]).astype(np.int64)
    return _Plan(names, order, bounds)


def _tile_box(
    lon: NDArray[np.float64], lat: NDArray[np.float64]
) -> tuple[float, float, float, float]:
    return (float(lon.min()), float(lat.min()), float(lon.max()), float(lat.max()))


def plan_tiles(
    demand: Points,
    facilities: Points,
    *,
    radius: Any,
    by: Sequence[object] | NDArray[Any] | Mapping[Any, object],
    regions: Any = None,
) -> list[Tile]:
    """Split a run into one :class:`Tile` per region code (sorted by code).

    Facilities are kept for a tile when they lie inside the region's bounding box
    widened by the tile's largest radius (in degrees of latitude, and of longitude at
    the box's most poleward latitude), a conservative superset of those that can
    cover any of its points. Region codes are factorized once and the points grouped
    by one argsort; facilities are sorted by latitude once.

    Parameters
    ----------
    demand, facilities : Points
    radius
        As for :func:`~sportsgov.coverage.circle.circle_coverage` (great-circle).
    by : sequence of str or mapping
        Region code per demand point (or mapping demand id -> code).
    regions : RegionTree or mapping, optional
        For ``radius=SettlementCircles(...)``.

    Returns
    -------
    list of Tile
    """
    require_nonempty(demand, "demand", Points)
    require_nonempty(facilities, "facilities", Points)
    codes = _codes(by, demand)
    r = radius_array(radius, demand, codes, regions, "m")
    d_w, f_w = align_datums(demand, facilities)
    plan = _plan(codes)
    fac = _SortedFacilities(f_w.lon, f_w.lat)
    tiles = []
    for k, code in enumerate(plan.names):
        idx = plan.order[plan.bounds[k] : plan.bounds[k + 1]]
        box = _tile_box(d_w.lon[idx], d_w.lat[idx])
        margin = float(r[idx].max())
        tiles.append(Tile(code, idx, _box_facilities(fac, box, margin), margin))
    return tiles


def _codes(by: Any, demand: Points) -> NDArray[np.str_]:
    codes = region_codes(by, demand)
    if codes is None:
        raise InvalidInputError.bad("by", None, "tiling needs a region code per demand point")
    return codes


def _run_range(
    demand: NDArray[np.float64], fac_lonlat: NDArray[np.float64], start: int, stop: int
) -> tuple[NDArray[np.float64], NDArray[np.int64]]:
    """One tile in a worker: rows ``start:stop`` of the region-sorted demand array
    (lon, lat, radius) against the facilities in its widened box (inf / -1 beyond)."""
    d = demand[start:stop]
    n = d.shape[0]
    margin = float(d[:, 2].max())
    fac = _sorted_facilities(fac_lonlat)
    fidx = _box_facilities(fac, _tile_box(d[:, 0], d[:, 1]), margin)
    if fidx.size == 0:
        return np.full(n, np.inf), np.full(n, -1, dtype=np.int64)
    dist, idx = nearest(
        Points(d[:, 0], d[:, 1]), Points(fac_lonlat[fidx, 0], fac_lonlat[fidx, 1]), margin
    )
    return dist, np.where(idx >= 0, fidx[np.maximum(idx, 0)], -1).astype(np.int64)


_SORTED: dict[int, tuple[NDArray[np.float64], _SortedFacilities]] = {}


def _sorted_facilities(lonlat: NDArray[np.float64]) -> _SortedFacilities:
    """Latitude-sorted facilities, built once per worker process for one array."""
    hit = _SORTED.get(id(lonlat))
    if hit is not None and hit[0] is lonlat:
        return hit[1]
    _SORTED.clear()
    fac = _SortedFacilities(lonlat[:, 0], lonlat[:, 1])
    _SORTED[id(lonlat)] = (lonlat, fac)
    return fac


def tiled_circle_coverage(
    demand: Points,
    facilities: Points,
    *,
    radius: Any,
    by: Sequence[object] | NDArray[Any] | Mapping[Any, object],
    regions: Any = None,
    scheduler: Any = None,
    progress: Callable[[str], None] | None = None,
) -> CoverageResult:
    """Circle coverage run tile by tile (one tile per region) on Dask.

    Parameters
    ----------
    demand, facilities : Points
    radius
        As for :func:`~sportsgov.coverage.circle.circle_coverage`.
    by : sequence of str or mapping
        Region code per demand point; one tile per code.
    regions : RegionTree or mapping, optional
        For ``radius=SettlementCircles(...)``.
    scheduler : str or distributed.Client, optional
        Passed to :func:`dask.compute` (``"synchronous"``, ``"threads"``,
        ``"processes"`` or a ``Client``); default: Dask's current default. With a
        ``Client`` the coordinates are scattered once to every worker; a script that
        starts process workers needs the ``if __name__ == "__main__":`` guard (see the
        how-to "The whole country on one machine").
    progress : callable, optional
        Called with a short status string once the tiles are planned.

    Returns
    -------
    CoverageResult
        In the original point order; ``nearest`` is ``inf`` where no facility lies
        within the tile's margin (see the module notes).

    Raises
    ------
    InvalidInputError
        A ``Client`` with no workers, or a worker running another sportsgov version.
    ImportError
        Dask is not installed (``pip install sportsgov[dask]``).
    """
    try:
        dask: Any = importlib.import_module("dask")
    except ImportError as exc:  # pragma: no cover - exercised only without the extra
        raise ImportError(
            "tiled_circle_coverage needs the 'dask' extra: pip install 'sportsgov[dask]'"
        ) from exc
    require_nonempty(demand, "demand", Points)
    require_nonempty(facilities, "facilities", Points)
    codes = _codes(by, demand)  # computed once, factorized once below
    r = radius_array(radius, demand, codes, regions, "m")
    d_w, f_w = align_datums(demand, facilities)
    plan = _plan(codes)
    if progress is not None:
        progress(f"{len(plan.names)} tiles planned")
    # one region-sorted (lon, lat, radius) array and one facility array, each shipped
    # once (scattered to every worker on a distributed Client); tasks carry row ranges
    sorted_demand = np.column_stack([d_w.lon, d_w.lat, r])[plan.order]
    fac_lonlat = np.column_stack([f_w.lon, f_w.lat])
    if hasattr(scheduler, "scatter"):
        require_same_version(scheduler)
        d_ref = scheduler.scatter(sorted_demand, broadcast=True, hash=False)
        f_ref = scheduler.scatter(fac_lonlat, broadcast=True, hash=False)
    else:
        d_ref = dask.delayed(sorted_demand, pure=True)
        f_ref = dask.delayed(fac_lonlat, pure=True)
    ranges = [(int(plan.bounds[k]), int(plan.bounds[k + 1])) for k in range(len(plan.names))]
    run = dask.delayed(_run_range, pure=True)
    outputs = dask.compute(*[run(d_ref, f_ref, a, b) for a, b in ranges], scheduler=scheduler)
    n = len(demand)
    nearest_m = np.full(n, np.inf, dtype=np.float64)
    index = np.full(n, -1, dtype=np.int64)
    for (a, b), (dist, idx) in zip(ranges, outputs, strict=True):
        rows = plan.order[a:b]
        nearest_m[rows] = dist
        index[rows] = idx
    return CoverageResult(
        demand=demand,
        covered=nearest_m <= r,
        nearest=nearest_m,
        nearest_index=index,
        radius=r,
        metric="great_circle",
        by=codes,
    )


NetworkSource: TypeAlias = RoadNetwork | Callable[[str], RoadNetwork]
"""One network for every region, or a function region code -> its network."""

TileOutput: TypeAlias = tuple[
    NDArray[np.float64], NDArray[np.int64], NDArray[np.bool_], NDArray[np.float64]
]
"""A tile's nearest cost, nearest facility index, on-network flag and snap distance [m]."""


@frozen
class _NetworkRun:
    """What every network tile needs besides its rows (small; goes into each task)."""

    time: bool
    max_snap: Any
    add_snap: bool


def _region_network(network: NetworkSource, code: str) -> RoadNetwork:
    net = network if isinstance(network, RoadNetwork) else network(code)
    if not isinstance(net, RoadNetwork):
        raise InvalidInputError.bad(
            "network",
            net,
            f"must return a RoadNetwork for region {code!r}",
            shown=type(net).__name__,
        )
    return net


def _network_range(
    network: NetworkSource,
    demand: NDArray[np.float64],
    fac_lonlat: NDArray[np.float64],
    start: int,
    stop: int,
    code: str,
    run: _NetworkRun,
) -> TileOutput:
    """One region on its network (in this process or a worker): rows ``start:stop`` of
    the region-sorted WGS-84 demand array (lon, lat, radius [m or min]) against the
    facilities within reach of the region's box."""
    net = _region_network(network, code)
    d = demand[start:stop]
    n = d.shape[0]
    limit = run.max_snap if run.max_snap is not None else net.max_snap
    snap_m = 0.0 if limit is None else float(as_positive(limit, "m", name="max_snap"))
    reach = float(d[:, 2].max())
    if run.time:
        if net.speed is None:
            raise InvalidInputError.bad(
                "network",
                net,
                f"a travel time needs a network speed (RoadNetwork speed=) for region {code!r}",
                shown=repr(net),
            )
        reach = reach * float(net.speed) * 1000.0 / 60.0
    margin = (reach + 2.0 * snap_m) * (1.0 + 1e-9)
    fidx = _box_facilities(_sorted_facilities(fac_lonlat), _tile_box(d[:, 0], d[:, 1]), margin)
    sub = Points(d[:, 0], d[:, 1])
    nearest_v = np.full(n, np.inf, dtype=np.float64)
    index = np.full(n, -1, dtype=np.int64)
    if fidx.size == 0:
        if limit is None:
            return nearest_v, index, np.ones(n, dtype=bool), np.full(n, np.inf)
        s = net.snap(sub, max_distance=limit)
        return nearest_v, index, np.asarray(s.on_network), np.asarray(s.distance)
    radius: Any = d[:, 2]
    if run.time:
        radius = as_quantity(d[:, 2], "minute")
    res = circle_coverage(
        sub,
        Points(fac_lonlat[fidx, 0], fac_lonlat[fidx, 1]),
        radius=radius,
        network=net,
        max_snap=run.max_snap,
        add_snap=run.add_snap,
    )
    found = res.nearest_index >= 0
    index = np.where(found, fidx[np.maximum(res.nearest_index, 0)], -1).astype(np.int64)
    on = np.ones(n, dtype=bool) if res.on_network is None else np.asarray(res.on_network)
    snap = np.full(n, np.inf) if res.snap_distance is None else np.asarray(res.snap_distance)
    return np.asarray(res.nearest, dtype=np.float64), index, on, snap


def tiled_network_coverage(
    demand: Points,
    facilities: Points,
    *,
    network: NetworkSource,
    radius: Any,
    by: Sequence[object] | NDArray[Any] | Mapping[Any, object],
    regions: Any = None,
    max_snap: Any = None,
    add_snap: bool = False,
    scheduler: Any = None,
    progress: Callable[[str], None] | None = None,
) -> CoverageResult:
    """Road-network coverage run region by region, each with its own network.

    For each region code (sorted), the region's demand points and the facilities
    within reach of its bounding box are covered on ``network(code)`` (or on the one
    ``network`` given) with :func:`~sportsgov.coverage.circle.circle_coverage`; only
    one region's network needs to be in memory at a time, so a province can be run
    from per-county network files (each clipped with a buffer of at least the radius).

    Facilities are kept for a region when their great-circle distance to its box is
    within ``radius`` (in metres; a time radius is converted at the network speed)
    plus twice ``max_snap``: a conservative superset provided no edge is shorter than
    the great-circle distance between its end nodes (true of surveyed roads).

    Parameters
    ----------
    demand, facilities : Points
    network : RoadNetwork or callable
        One network for every region, or a function region code -> its network
        (with ``scheduler=`` it is called on the worker that runs the region).
    radius, regions, max_snap, add_snap
        As for :func:`~sportsgov.coverage.circle.circle_coverage` with ``network=``.
    by : sequence of str or mapping
        Region code per demand point; one run per code.
    scheduler : str or distributed.Client, optional
        ``None`` (default): the regions run one after the other in this process, no
        Dask needed. Otherwise one Dask task per region, passed to
        :func:`dask.compute` (``"synchronous"``, ``"threads"``, ``"processes"`` or a
        ``Client``). With a ``Client`` the workers' sportsgov version is checked first,
        then the coordinates and a single ``RoadNetwork`` are scattered once to every
        worker; tasks carry only row ranges and region codes. Process workers need
        the ``if __name__ == "__main__":`` guard.
    progress : callable, optional
        Called with a short status string per region (in this process), or once the
        tiles are planned (``scheduler=``).

    Returns
    -------
    CoverageResult
        In the original point order. ``covered`` and the per-region table equal one
        run on a network holding every region's; ``nearest`` is ``inf`` beyond the
        region's largest radius (the search cut-off). The same for every
        ``scheduler``.

    Raises
    ------
    InvalidInputError
        As :func:`~sportsgov.coverage.circle.circle_coverage`; a ``network`` callable
        that returns something else than a ``RoadNetwork``; a ``Client`` with no
        workers, or a worker running another sportsgov version.
    ImportError
        ``scheduler=`` without Dask (``pip install 'sportsgov[dask]'``).

    Examples
    --------
    >>> from sportsgov.coverage.network import RoadNetwork
    >>> nodes = Points([113.6, 113.61, 114.3, 114.31], [34.7] * 4, id=[1, 2, 3, 4])
    >>> net = RoadNetwork.from_edges(nodes, [(1, 2, 920.0), (3, 4, 920.0)], max_snap=50)
    >>> homes = Points([113.6, 114.3], [34.7, 34.7], weight=[5, 10])
    >>> gyms = Points([113.61], [34.7])
    >>> r = tiled_network_coverage(homes, gyms, network=net, radius=1000, by=["A", "B"])
    >>> r.covered.tolist(), r.metric, r.share
    ([True, False], 'network_length', 0.3333333333333333)
    >>> d = tiled_network_coverage(homes, gyms, network=net, radius=1000, by=["A", "B"],
    ...                            scheduler="synchronous")
    >>> d.covered.tolist() == r.covered.tolist(), d.nearest.tolist() == r.nearest.tolist()
    (True, True)
    """
    require_nonempty(demand, "demand", Points)
    require_nonempty(facilities, "facilities", Points)
    require_population(demand)
    if not (isinstance(network, RoadNetwork) or callable(network)):
        raise InvalidInputError.bad(
            "network",
            network,
            "must be a RoadNetwork or a function region code -> RoadNetwork",
            shown=type(network).__name__,
        )
    dask: Any = None
    if scheduler is not None:
        try:
            dask = importlib.import_module("dask")
        except ImportError as exc:  # pragma: no cover - exercised only without the extra
            raise ImportError(
                "tiled_network_coverage(scheduler=...) needs the 'dask' extra: "
                "pip install 'sportsgov[dask]'"
            ) from exc
    codes = _codes(by, demand)
    time = is_time(radius)
    r = radius_array(radius, demand, codes, regions, "min" if time else "m")
    d_w, f_w = align_datums(demand, facilities)
    plan = _plan(codes)
    run = _NetworkRun(time, max_snap, bool(add_snap))
    # one region-sorted (lon, lat, radius) array; tasks carry row ranges into it
    sorted_demand = np.column_stack([d_w.lon, d_w.lat, r])[plan.order]
    fac_lonlat = np.column_stack([f_w.lon, f_w.lat])
    ranges = [(int(plan.bounds[k]), int(plan.bounds[k + 1])) for k in range(len(plan.names))]
    outputs: Sequence[TileOutput]
    if scheduler is None:
        outputs = []
        for (a, b), code in zip(ranges, plan.names, strict=True):
            if progress is not None:
                progress(f"region {code}: {b - a} points")
            outputs.append(_network_range(network, sorted_demand, fac_lonlat, a, b, code, run))
        _SORTED.clear()
    else:
        if progress is not None:
            progress(f"{len(plan.names)} region tiles planned")
        outputs = _on_dask(dask, scheduler, network, sorted_demand, fac_lonlat, ranges, plan, run)
    n = len(demand)
    nearest_v = np.full(n, np.inf, dtype=np.float64)
    index = np.full(n, -1, dtype=np.int64)
    on_network = np.ones(n, dtype=bool)
    snap = np.full(n, np.inf, dtype=np.float64)
    for (a, b), (dist, idx, on, sd) in zip(ranges, outputs, strict=True):
        rows = plan.order[a:b]
        nearest_v[rows], index[rows], on_network[rows], snap[rows] = dist, idx, on, sd
    return CoverageResult(
        demand=demand,
        covered=nearest_v <= r,
        nearest=nearest_v,
        nearest_index=index,
        radius=r,
        metric="network_time" if time else "network_length",
        by=codes,
        on_network=on_network,
        snap_distance=snap,
    )


def _on_dask(
    dask: Any,
    scheduler: Any,
    network: NetworkSource,
    sorted_demand: NDArray[np.float64],
    fac_lonlat: NDArray[np.float64],
    ranges: list[tuple[int, int]],
    plan: _Plan,
    run: _NetworkRun,
) -> Sequence[TileOutput]:
    """One task per region; the arrays (and a single network) shipped once."""
    token = uuid.uuid4().hex
    net_ref: Any
    if hasattr(scheduler, "scatter"):
        require_same_version(scheduler)  # before anything is shipped
        d_ref = scheduler.scatter(sorted_demand, broadcast=True, hash=False)
        f_ref = scheduler.scatter(fac_lonlat, broadcast=True, hash=False)
        net_ref = (
            scheduler.scatter(network, broadcast=True, hash=False)
            if isinstance(network, RoadNetwork)
            else network  # a small function, called on the worker
        )
    else:
        d_ref = dask.delayed(sorted_demand, pure=True)
        f_ref = dask.delayed(fac_lonlat, pure=True)
        net_ref = dask.delayed(network, name=f"sportsgov-network-{token}")
    task = dask.delayed(_network_range, pure=True)
    outputs: Sequence[TileOutput] = dask.compute(
        *[
            task(net_ref, d_ref, f_ref, a, b, code, run)
            for (a, b), code in zip(ranges, plan.names, strict=True)
        ],
        scheduler=scheduler,
    )
    return outputs
