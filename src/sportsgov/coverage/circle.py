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
from typing import TYPE_CHECKING, Any, cast

import numpy as np
from numpy.typing import NDArray

from sportsgov.coverage._geometry import GRID_ORDER_MIN, nearest, require_nonempty
from sportsgov.coverage._radius import is_time, radius_array, region_codes, require_population
from sportsgov.coverage.geo import Points, align_datums
from sportsgov.coverage.network import Cost, RoadNetwork, Snap
from sportsgov.coverage.results import CoverageResult
from sportsgov.errors import InvalidInputError

if TYPE_CHECKING:
    from sportsgov.regions import RegionTree

# CoverageResult, Metric and RegionCoverage are defined in sportsgov.coverage.results.
__all__ = ["circle_coverage"]


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
    workers: int | None = None,
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
    workers : int, optional
        Threads for the KD-tree query (-1: all cores). Default: all cores for
        65,536 demand points or more (where a second thread pays for itself), else 1.
        Large layers are queried in grid-cell order whatever the input order; the
        result is the same for any ``workers``.
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
    require_nonempty(demand, "demand", Points)
    require_nonempty(facilities, "facilities", Points)
    codes = region_codes(by, demand)
    if network is not None:
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
    require_population(demand)
    if is_time(radius):
        raise InvalidInputError.bad(
            "radius",
            radius,
            "a travel time needs network=RoadNetwork(...); give a length in m otherwise",
        )
    r = radius_array(radius, demand, codes, regions, "m")
    d_w, f_w = align_datums(demand, facilities)
    if progress is not None:
        progress(f"nearest facility for {len(demand)} points among {len(facilities)}")
    if workers is None:
        workers = -1 if len(demand) >= GRID_ORDER_MIN else 1
    dist, idx = nearest(d_w, f_w, math.inf, workers=workers, first_pass=float(r.max()))
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


# --------------------------------------------------------------------------- road network
def _network_coverage(
    net: RoadNetwork,
    demand: Points,
    facilities: Points,
    *,
    radius: Any,
    codes: Any,
    regions: RegionTree | Mapping[str, str] | None,
    max_snap: Any,
    add_snap: bool,
    progress: Callable[[str], None] | None,
    demand_snap: Snap | None = None,
) -> CoverageResult:
    if not isinstance(net, RoadNetwork):
        raise InvalidInputError.bad(
            "network", net, "must be a RoadNetwork", shown=type(net).__name__
        )
    require_population(demand)
    time = is_time(radius)
    cost: Cost = "time" if time else "length"
    unit = "min" if time else "m"
    if time and net.speed is None:
        raise InvalidInputError.bad(
            "radius",
            radius,
            "a travel time needs a network speed: RoadNetwork.from_edges(..., speed=4.5)",
        )
    limit_m = max_snap if max_snap is not None else net.max_snap
    if limit_m is None:
        raise InvalidInputError.bad(
            "max_snap",
            None,
            "required for network coverage: how far [m] a point may lie from the nearest node "
            "(pass max_snap=... or RoadNetwork.from_edges(..., max_snap=...))",
        )
    r = radius_array(radius, demand, codes, regions, unit)
    if progress is not None:
        progress(f"snapping {len(demand)} demand and {len(facilities)} facility points")
    if demand_snap is None:
        sd = net.snap(demand, max_distance=limit_m)
    else:
        if not isinstance(demand_snap, Snap) or len(demand_snap.node) != len(demand):
            raise InvalidInputError.bad(
                "demand_snap",
                demand_snap,
                f"must be network.snap(demand, ...) for these {len(demand)} demand points",
            )
        sd = demand_snap
    sf = net.snap(facilities, max_distance=limit_m)
    to_cost = 1.0 if cost == "length" else 60.0 / (cast(float, net.speed) * 1000.0)
    fac_on = np.flatnonzero(sf.on_network)
    n_d = len(demand)
    near: NDArray[np.float64] | None = None
    index: NDArray[np.int64] | None = None
    if fac_on.size:
        offsets = sf.distance[fac_on] * to_cost if add_snap else None
        if progress is not None:
            progress(
                f"multi-source Dijkstra from {fac_on.size} facilities, cut-off {r.max():g} {unit}"
            )
        # per node: cost to the nearest facility and which one (index into fac_on, -1
        # unreached); the extra last slot of node_fac maps -1 to -1
        dist, which = net.multi_source(
            sf.node[fac_on], limit=float(r.max()), cost=cost, direction="to", offsets=offsets
        )
        on = sd.on_network
        all_on = bool(on.all())
        nodes = sd.node if all_on else sd.node[on]
        d = dist[nodes]
        if add_snap:
            d = d + (sd.distance if all_on else sd.distance[on]) * to_cost
        fac = which[nodes]
        if fac_on.size < len(facilities):  # index into fac_on -> into facilities
            fac = np.append(fac_on, -1)[fac]
        if all_on:
            near, index = d, fac
        else:
            near = np.full(n_d, np.inf, dtype=np.float64)
            index = np.full(n_d, -1, dtype=np.int64)
            near[on] = d
            index[on] = fac
    if near is None or index is None:  # no facility on the network
        near = np.full(n_d, np.inf, dtype=np.float64)
        index = np.full(n_d, -1, dtype=np.int64)
    covered = near <= r
    return CoverageResult(
        demand=demand,
        covered=covered,
        nearest=near,
        nearest_index=index,
        radius=r,
        metric="network_time" if time else "network_length",
        by=codes,
        on_network=sd.on_network,  # read-only arrays, shared with the Snap
        snap_distance=sd.distance,
    )
