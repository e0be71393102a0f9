"""Health-circle coverage (健身圈覆盖): coordinates, catchments, road networks, 2SFCA and siting.

Public names are importable from here and from their modules:

* :mod:`sportsgov.coverage.geo` — :class:`Points`, WGS-84 ⇄ GCJ-02 ⇄ BD-09, great-circle distance.
* :mod:`sportsgov.coverage.presets` — :class:`FitnessCircle` and cited radius presets.
* :mod:`sportsgov.coverage.results` — :class:`CoverageResult` and :class:`RegionCoverage`.
* :mod:`sportsgov.coverage.network` — :class:`RoadNetwork` (snapping, cut-off Dijkstra).
* :mod:`sportsgov.coverage.circle` — :func:`circle_coverage`, by great circle or along a
  :class:`RoadNetwork` (``network=``).
* :mod:`sportsgov.coverage.tiling` — tile a national run by region (``dask`` extra).
* :mod:`sportsgov.coverage.streaming` — stream a national run from Parquet in bounded
  memory, on one machine or a Dask cluster (``parquet`` extra).
* :mod:`sportsgov.coverage.fca` and :mod:`sportsgov.coverage.siting` — 2SFCA and siting.
* :mod:`sportsgov.coverage.access_models` — 3SFCA, RAAM, gravity, weighted catchment and
  the FCA ratio; :mod:`sportsgov.coverage.weights` — distance-decay weights.
* :mod:`sportsgov.coverage.network_queries` — k nearest facilities, aggregations within a
  distance, nodes in range, path lengths (the pandana family).
* :mod:`sportsgov.coverage.location` — LSCP, LSCP-B, p-median, p-center, p-dispersion
  (a package: ``covering``, ``median``, ``dispersion``).
* :mod:`sportsgov.coverage.crs` — any pyproj CRS to WGS-84 (``geo`` extra).
* :mod:`sportsgov.coverage.boundaries` — :class:`Boundaries` (region polygons, locating
  points and facilities; ``geo`` extra).
* :mod:`sportsgov.coverage.layers` — GeoJSON / GeoPackage / shapefile out, two-datum tables.

Module levels (a module imports only from lower levels, so there is no import
cycle; ``tests/test_architecture.py`` checks it)::

    6  location                          location-allocation models (re-exports)
    5  location.covering · location.median · location.dispersion
    4  location._shared                  inputs, nearest site, gaps, the result
    3  circle · tiling · streaming       the calculators (tiling imports circle)
       siting
       access_models · network_queries
    2  network · results · _radius · fca · _mclp · boundaries · layers
    1  geo · presets · _costs · _thresholds · _milp · _raster · _roads · _shapes
    0  _geometry · _quantity · crs · weights

(``boundaries`` calls ``layers`` only inside ``to_geojson``; ``layers`` never imports
``boundaries`` at run time, so the two do not form a cycle.)

Private modules hold the helpers two or more modules share, under plain names:
``_milp`` (the MILP solvers and their options), ``_mclp`` (the greedy and exact
MCLP behind ``siting``, kept apart so ``siting`` stays one topic),
``location._shared`` (input checks, nearest site, gaps and the result the
location models share), ``_geometry`` (haversine, unit
vectors, KD-tree, nearest neighbour; below ``geo``),
``_radius`` (``by=`` codes and ``radius=`` resolution for circle, network and tiled
coverage), ``_thresholds`` (cost thresholds for 2SFCA and siting), ``_costs``
(:class:`CostTable`) and ``_quantity``. Results and radius resolution sit below
circle and tiled coverage; network coverage is circle coverage with ``network=``,
so ``network`` keeps only snapping and shortest-path search and never imports ``circle``.

Examples
--------
>>> from sportsgov.coverage import Points, circle_coverage
>>> r = circle_coverage(Points([120.0, 120.1], [30.0, 30.0], weight=[100, 300]),
...                     Points([120.001], [30.0]), radius=500)
>>> r.share
0.25
"""

from __future__ import annotations

from sportsgov.coverage.access_models import (
    AccessScores,
    Normalize,
    fca_ratio,
    gravity,
    raam,
    three_step_fca,
    weighted_catchment,
)
from sportsgov.coverage.boundaries import Boundaries, FacilityLocation, RegionFinding  # geography
from sportsgov.coverage.circle import circle_coverage

# --- fca/siting ---
from sportsgov.coverage.fca import (
    Accessibility,
    AccessSummary,
    CostTable,
    catchment_costs,
    enhanced_two_step_fca,
    network_costs,
    two_step_fca,
)
from sportsgov.coverage.geo import (
    CHINA_BOX,
    DATUMS,
    EARTH_RADIUS_M,
    Datum,
    NeighbourPairs,
    Points,
    align_datums,
    arc_for_chord,
    bd09_to_gcj02,
    bd09_to_wgs84,
    chord_for_arc,
    convert,
    gcj02_to_bd09,
    gcj02_to_wgs84,
    great_circle_distance,
    nearest_neighbours,
    out_of_china,
    pairs_within,
    unit_vectors,
    wgs84_to_bd09,
    wgs84_to_gcj02,
)
from sportsgov.coverage.layers import coordinate_columns, site_table  # geography
from sportsgov.coverage.location import lscp, lscp_b, p_center, p_dispersion, p_median
from sportsgov.coverage.network import Cost, Direction, RoadNetwork, Snap
from sportsgov.coverage.network_queries import (
    Aggregation,
    NearestFacilities,
    aggregate,
    impedance_from_edges,
    impedance_from_speed,
    low_connectivity_nodes,
    nearest_facilities,
    nodes_in_range,
    shortest_path,
    shortest_path_lengths,
)
from sportsgov.coverage.presets import (
    FITNESS_CIRCLES,
    LIFE_CIRCLE_5,
    LIFE_CIRCLE_10,
    LIFE_CIRCLE_15,
    RURAL_FITNESS_CIRCLE,
    URBAN_FITNESS_CIRCLE,
    WALK_SPEED_KMH,
    FitnessCircle,
    Mode,
    SettlementCircles,
    radius_by_settlement,
)
from sportsgov.coverage.results import CoverageResult, Metric, RegionCoverage
from sportsgov.coverage.siting import SiteSelection, suggest_sites
from sportsgov.coverage.streaming import (
    StreamedCoverage,
    streamed_circle_coverage,
    streamed_network_coverage,
)
from sportsgov.coverage.tiling import (
    Tile,
    factorize_codes,
    plan_tiles,
    tiled_circle_coverage,
    tiled_network_coverage,
)

# --- end fca/siting ---

__all__ = [  # noqa: RUF022 - blocks (part 1, fca/siting, access models, geography), each sorted
    "CHINA_BOX",
    "DATUMS",
    "EARTH_RADIUS_M",
    "FITNESS_CIRCLES",
    "LIFE_CIRCLE_5",
    "LIFE_CIRCLE_10",
    "LIFE_CIRCLE_15",
    "RURAL_FITNESS_CIRCLE",
    "URBAN_FITNESS_CIRCLE",
    "WALK_SPEED_KMH",
    "Cost",
    "CoverageResult",
    "Datum",
    "Direction",
    "FitnessCircle",
    "Metric",
    "Mode",
    "NeighbourPairs",
    "Points",
    "RegionCoverage",
    "RoadNetwork",
    "SettlementCircles",
    "Snap",
    "StreamedCoverage",
    "Tile",
    "align_datums",
    "arc_for_chord",
    "bd09_to_gcj02",
    "bd09_to_wgs84",
    "chord_for_arc",
    "circle_coverage",
    "convert",
    "factorize_codes",
    "gcj02_to_bd09",
    "gcj02_to_wgs84",
    "great_circle_distance",
    "nearest_neighbours",
    "out_of_china",
    "pairs_within",
    "plan_tiles",
    "radius_by_settlement",
    "streamed_circle_coverage",
    "streamed_network_coverage",
    "tiled_circle_coverage",
    "tiled_network_coverage",
    "unit_vectors",
    "wgs84_to_bd09",
    "wgs84_to_gcj02",
    # --- fca/siting ---
    "Accessibility",
    "AccessSummary",
    "CostTable",
    "SiteSelection",
    "catchment_costs",
    "enhanced_two_step_fca",
    "lscp",
    "lscp_b",
    "network_costs",
    "p_center",
    "p_dispersion",
    "p_median",
    "suggest_sites",
    "two_step_fca",
    # --- end fca/siting ---
    # accessibility models and network queries
    "AccessScores",
    "Aggregation",
    "NearestFacilities",
    "Normalize",
    "aggregate",
    "fca_ratio",
    "gravity",
    "impedance_from_edges",
    "impedance_from_speed",
    "low_connectivity_nodes",
    "nearest_facilities",
    "nodes_in_range",
    "raam",
    "shortest_path",
    "shortest_path_lengths",
    "three_step_fca",
    "weighted_catchment",
    # --- geography ---
    "Boundaries",
    "FacilityLocation",
    "RegionFinding",
    "coordinate_columns",
    "site_table",
    # --- end geography ---
]
