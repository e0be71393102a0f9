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
* Road networks are not tiled (run :class:`~sportsgov.coverage.network.RoadNetwork`
  coverage per region yourself).

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
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import numpy as np
from attrs import frozen
from numpy.typing import NDArray

from sportsgov.coverage._geometry import EARTH_RADIUS_M, nearest, require_nonempty
from sportsgov.coverage._radius import radius_array, region_codes
from sportsgov.coverage.geo import Points, align_datums
from sportsgov.coverage.results import CoverageResult
from sportsgov.errors import InvalidInputError

__all__ = ["Tile", "plan_tiles", "tiled_circle_coverage"]

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


def _box_mask(
    lon: NDArray[np.float64],
    lat: NDArray[np.float64],
    box: tuple[float, float, float, float],
    margin: float,
) -> NDArray[np.bool_]:
    lon0, lat0, lon1, lat1 = box
    dlat = margin / _DEG_M * (1.0 + 1e-9) + 1e-12
    lat_lo, lat_hi = lat0 - dlat, lat1 + dlat
    top = max(abs(lat_lo), abs(lat_hi))
    if top >= 89.0 or (lon1 - lon0) > 180.0:
        # Near a pole or a box wider than a hemisphere: keep every facility in the band.
        return (lat >= lat_lo) & (lat <= lat_hi)
    dlon = dlat / math.cos(math.radians(top))
    lo, hi = lon0 - dlon, lon1 + dlon
    in_lon = (lon >= lo) & (lon <= hi)
    if lo < -180.0:
        in_lon |= lon >= lo + 360.0
    if hi > 180.0:
        in_lon |= lon <= hi - 360.0
    return (lat >= lat_lo) & (lat <= lat_hi) & in_lon


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
    cover any of its points.

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
    codes = region_codes(by, demand)
    if codes is None:
        raise InvalidInputError.bad("by", None, "tiling needs a region code per demand point")
    r = radius_array(radius, demand, codes, regions, "m")
    return _plan(demand, facilities, codes, r)


def _plan(
    demand: Points, facilities: Points, codes: NDArray[Any], r: NDArray[np.float64]
) -> list[Tile]:
    """The tiles for region codes and radii already computed (each computed once per run:
    the codes' string sort is the expensive part of planning at national scale)."""
    d_w, f_w = align_datums(demand, facilities)
    uniq, inverse = np.unique(codes, return_inverse=True)
    inverse = inverse.reshape(-1)
    order = np.argsort(inverse, kind="stable")
    bounds = np.searchsorted(inverse[order], np.arange(len(uniq) + 1))
    tiles = []
    for k, code in enumerate(uniq.tolist()):
        idx = order[bounds[k] : bounds[k + 1]].astype(np.int64)
        box = (
            float(d_w.lon[idx].min()),
            float(d_w.lat[idx].min()),
            float(d_w.lon[idx].max()),
            float(d_w.lat[idx].max()),
        )
        margin = float(r[idx].max())
        fidx = np.flatnonzero(_box_mask(f_w.lon, f_w.lat, box, margin)).astype(np.int64)
        tiles.append(Tile(str(code), idx, fidx, margin))
    return tiles


def _run_tile(
    demand: Points, facilities: Points | None, radius: NDArray[np.float64]
) -> tuple[NDArray[np.float64], NDArray[np.int64]]:
    """Nearest facility within the tile's margin (inf / -1 beyond it)."""
    n = len(demand)
    if facilities is None:
        return np.full(n, np.inf), np.full(n, -1, dtype=np.int64)
    d_w, f_w = align_datums(demand, facilities)
    margin = float(radius.max())
    return nearest(d_w, f_w, margin)


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
        ``"processes"`` or a ``Client``); default: Dask's current default.
    progress : callable, optional
        Called with a short status string once the tiles are planned.

    Returns
    -------
    CoverageResult
        In the original point order; ``nearest`` is ``inf`` where no facility lies
        within the tile's margin (see the module notes).

    Raises
    ------
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
    codes = region_codes(by, demand)
    if codes is None:
        raise InvalidInputError.bad("by", None, "tiling needs a region code per demand point")
    r = radius_array(radius, demand, codes, regions, "m")
    tiles = _plan(demand, facilities, codes, r)  # codes and radii computed once
    if progress is not None:
        progress(f"{len(tiles)} tiles planned")
    (f_w,) = align_datums(facilities)
    tasks = []
    for t in tiles:
        d_t = demand.take(t.demand_index)
        f_t = f_w.take(t.facility_index) if len(t.facility_index) else None
        tasks.append(dask.delayed(_run_tile, pure=True)(d_t, f_t, r[t.demand_index]))
    outputs = dask.compute(*tasks, scheduler=scheduler)
    n = len(demand)
    nearest = np.full(n, np.inf, dtype=np.float64)
    index = np.full(n, -1, dtype=np.int64)
    for t, (dist, idx) in zip(tiles, outputs, strict=True):
        nearest[t.demand_index] = dist
        if len(t.facility_index):
            index[t.demand_index] = np.where(idx >= 0, t.facility_index[np.maximum(idx, 0)], -1)
    return CoverageResult(
        demand=demand,
        covered=nearest <= r,
        nearest=nearest,
        nearest_index=index,
        radius=r,
        metric="great_circle",
        by=codes,
    )
