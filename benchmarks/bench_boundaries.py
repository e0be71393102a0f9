"""Locating points in regions, and loading road networks from CSV.

References timed in the same run:

* locate: a plain shapely 2 ``STRtree.query(points, predicate="intersects")`` on the
  same polygons (tree built once, as our index is), after ``shapely.points``; ours
  adds the datum check, the smallest-code rule for points on shared edges and the
  code lookup, and buckets the points on a grid instead of making Point objects.
  Polygons: 3,000 Voronoi cells (about 200 vertices each after densifying, some with
  holes) over a 300 km box; 1,000,000 random points. Target: < 5 s, ratio <= 1.5.
* road CSV: ``RoadNetwork.from_csv`` on 1,000,000 nodes and edges against
  ``pandas.read_csv`` of the same two files (parsing only). Target: < 2 s.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import numpy as np

from benchmarks.run import Case
from sportsgov.coverage import Points, RoadNetwork


def _polygons(count: int, seed: int = 0) -> list[Any]:
    import shapely

    rng = np.random.default_rng(seed)
    box = shapely.box(112.0, 33.5, 115.0, 36.0)
    seeds = shapely.multipoints(
        np.column_stack([rng.uniform(112.0, 115.0, count), rng.uniform(33.5, 36.0, count)])
    )
    cells = shapely.get_parts(shapely.voronoi_polygons(seeds, extend_to=box))
    cells = shapely.intersection(cells, box)
    cells = shapely.segmentize(cells, 0.0012)  # ~200 vertices per cell, like a county
    out = cells.tolist()
    for k in range(0, len(out), 10):  # every tenth region has a hole (an enclave)
        c = out[k].centroid
        out[k] = out[k].difference(c.buffer(0.005))
    return out


def cases(quick: bool) -> list[Case]:
    try:
        import shapely
    except ImportError:  # the geo extra is optional
        return []
    from sportsgov.coverage.boundaries import Boundaries

    n_poly, n_pts = (300, 20_000) if quick else (3_000, 1_000_000)
    geoms = _polygons(n_poly)
    boundaries = Boundaries.from_geometries([f"{i:06d}" for i in range(len(geoms))], geoms)
    rng = np.random.default_rng(1)
    lon, lat = rng.uniform(112.0, 115.0, n_pts), rng.uniform(33.5, 36.0, n_pts)
    points = Points(lon, lat)
    tree = shapely.STRtree(boundaries.geometries)
    boundaries.locate(points[:10])  # build our tree once, like the reference's

    def plain() -> Any:
        return tree.query(shapely.points(lon, lat), predicate="intersects")

    out = [
        Case(
            f"locate {n_pts:,} points in {len(geoms):,} polygons",
            lambda: boundaries.locate(points),
            reference=plain,
            reference_name="shapely STRtree.query",
            target="< 5 s, ratio <= 1.5",
        )
    ]

    n = 20_000 if quick else 1_000_000
    folder = Path(tempfile.mkdtemp(prefix="sportsgov-roads-"))
    nodes, edges = folder / "nodes.csv", folder / "edges.csv"
    with nodes.open("w") as fh:
        fh.write("id,lon,lat\n")
        fh.writelines(
            f"{i},{x:.6f},{y:.6f}\n"
            for i, x, y in zip(
                range(n), rng.uniform(113, 114, n), rng.uniform(34, 35, n), strict=True
            )
        )
    with edges.open("w") as fh:
        fh.write("source,target,length\n")
        fh.writelines(f"{i},{i + 1},{d:.1f}\n" for i, d in enumerate(rng.uniform(10, 200, n - 1)))

    def pandas_read() -> Any:
        import pandas as pd

        return pd.read_csv(nodes), pd.read_csv(edges)

    try:
        import pandas  # noqa: F401

        ref: Any = pandas_read
    except ImportError:
        ref = None
    out.append(
        Case(
            f"RoadNetwork.from_csv {n:,} nodes",
            lambda: RoadNetwork.from_csv(nodes, edges),
            reference=ref,
            reference_name="pandas.read_csv (parse only)",
            target="< 2 s",
        )
    )
    return out
