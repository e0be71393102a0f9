"""Road-network coverage tiles on Dask against the same tiles in one process (target 7).

A ``side`` x ``side`` street grid of 100 m blocks, ``points`` demand points and
``facilities`` venues uniform over it, one region per block of ``block`` x ``block``
nodes, radius 1,000 m, ``max_snap`` 120 m. Modes:

* ``single``: :func:`~sportsgov.coverage.tiling.tiled_network_coverage` with
  ``scheduler=None`` (the regions one after the other in this process: the
  same-run reference);
* ``cluster``: the same call with ``scheduler=`` a ``distributed.Client`` on a
  ``LocalCluster`` of one single-thread worker process per core (the network and
  the coordinates scattered once).

``python -m benchmarks.bench_network_tiles --rounds 3`` alternates the two modes,
asserts that they give identical arrays and prints one JSON line per run and a
summary (best-of-N wall time and this process's CPU per mode, the load average).
``cases(quick)`` for ``python -m benchmarks``: the Dask path on the synchronous
scheduler against the in-process loop (the overhead of building the graph), and
:func:`~sportsgov.coverage.streaming.streamed_network_coverage` from a Parquet file
against :func:`~sportsgov.coverage.circle.circle_coverage` with ``network=`` on the
same layer in memory (results asserted equal in the setup).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.run import Case
from sportsgov.coverage import Points
from sportsgov.coverage.network import RoadNetwork
from sportsgov.coverage.tiling import tiled_network_coverage

R = 6_371_008.8


def scene(
    side: int, points: int, facilities: int, block: int, seed: int = 5
) -> tuple[RoadNetwork, Points, Points, list[str]]:
    """The street grid, demand, venues and a region code per demand point."""
    dlat = 100.0 / (R * np.pi / 180)
    dlon = dlat / np.cos(np.radians(34.75))
    ii, jj = np.meshgrid(np.arange(side), np.arange(side), indexing="ij")
    lon = 113.0 + jj.ravel() * dlon
    lat = 34.5 + ii.ravel() * dlat
    idx = np.arange(side * side).reshape(side, side)
    u = np.concatenate([idx[:, :-1].ravel(), idx[:-1, :].ravel()])
    v = np.concatenate([idx[:, 1:].ravel(), idx[1:, :].ravel()])
    net = RoadNetwork.from_edges(
        Points(lon, lat, id=np.arange(side * side)),
        {"source": u, "target": v, "length": np.full(u.size, 100.0)},
        speed=4.5,
        max_snap=120,
    )
    rng = np.random.default_rng(seed)
    span_i, span_j = rng.uniform(0, side - 1, points), rng.uniform(0, side - 1, points)
    demand = Points(
        113.0 + span_j * dlon, 34.5 + span_i * dlat, weight=rng.integers(1, 50, points)
    )
    fi, fj = rng.uniform(0, side - 1, facilities), rng.uniform(0, side - 1, facilities)
    venues = Points(113.0 + fj * dlon, 34.5 + fi * dlat)
    by = [f"{int(a // block)}:{int(b // block)}" for a, b in zip(span_i, span_j, strict=True)]
    return net, demand, venues, by


def _same(a: Any, b: Any) -> None:
    for name in ("covered", "nearest", "nearest_index", "on_network", "snap_distance"):
        if not np.array_equal(getattr(a, name), getattr(b, name)):
            raise AssertionError(f"{name} differs between the modes")


def cases(quick: bool) -> list[Case]:
    side, pts, fac = (60, 5_000, 20) if quick else (200, 200_000, 400)
    net, demand, venues, by = scene(side, pts, fac, block=20 if quick else 40)

    def ours() -> Any:
        return tiled_network_coverage(
            demand, venues, network=net, radius=1000, by=by, scheduler="synchronous"
        )

    def single() -> Any:
        return tiled_network_coverage(demand, venues, network=net, radius=1000, by=by)

    import atexit
    import shutil
    import tempfile

    import pyarrow as pa
    import pyarrow.parquet as pq

    from sportsgov.coverage import circle_coverage, streamed_network_coverage

    path = Path(tempfile.mkdtemp(prefix="sportsgov-bench-")) / "cells.parquet"
    atexit.register(shutil.rmtree, path.parent, ignore_errors=True)  # no file left behind
    pq.write_table(
        pa.table(
            {"lon": demand.lon, "lat": demand.lat, "population": demand.weight, "region": by}
        ),
        path,
        row_group_size=max(1, pts // 4),
    )

    def streamed() -> Any:
        return streamed_network_coverage(path, venues, network=net, radius=1000)

    def in_memory() -> Any:
        return circle_coverage(demand, venues, network=net, radius=1000, by=by)

    def streamed_setup() -> None:
        a, b = streamed(), in_memory()
        if (a.covered_population, a.regions) != (int(b.covered_population), b.regions):
            raise AssertionError("streamed and in-memory network coverage differ")

    return [
        Case(
            name=f"streamed network coverage from Parquet, {side * side:,} nodes, {pts:,} cells",
            func=streamed,
            reference=in_memory,
            reference_name="circle_coverage(network=) on the layer in memory",
            target="bounded memory at most 1.5x the time of the in-memory run",
            setup=streamed_setup,
            max_ratio=1.5,
        ),
        Case(
            name=f"tiled network coverage on Dask (synchronous), {side * side:,} nodes, "
            f"{pts:,} points",
            func=ours,
            reference=single,
            reference_name="the same tiles in one process (scheduler=None)",
            target="the Dask path within 20 % of the in-process loop",
            setup=lambda: _same(ours(), single()),
            max_ratio=1.2,
        ),
    ]


def _cpu() -> float:
    t = os.times()
    return t.user + t.system


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--side", type=int, default=300)
    p.add_argument("--points", type=int, default=1_000_000)
    p.add_argument("--facilities", type=int, default=900)
    p.add_argument("--block", type=int, default=50)
    p.add_argument("--rounds", type=int, default=3)
    p.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    a = p.parse_args(argv)
    import distributed

    net, demand, venues, by = scene(a.side, a.points, a.facilities, a.block)
    kw: dict[str, Any] = {"network": net, "radius": 1000, "by": by}
    best: dict[str, float] = {}
    cpu: dict[str, float] = {}
    load0 = os.getloadavg()
    with (
        distributed.LocalCluster(
            n_workers=a.workers, threads_per_worker=1, processes=True, dashboard_address=":0"
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        ref = None
        for k in range(a.rounds):
            for mode in ("single", "cluster") if k % 2 == 0 else ("cluster", "single"):
                t0, c0 = time.perf_counter(), _cpu()
                res = tiled_network_coverage(
                    demand, venues, scheduler=client if mode == "cluster" else None, **kw
                )
                wall, used = time.perf_counter() - t0, _cpu() - c0
                if ref is None:
                    ref = res
                _same(res, ref)
                best[mode] = min(best.get(mode, float("inf")), wall)
                cpu[mode] = min(cpu.get(mode, float("inf")), used)
                print(
                    json.dumps({"mode": mode, "wall_s": round(wall, 3), "cpu_s": round(used, 3)})
                )
    print(
        json.dumps(
            {
                "nodes": a.side * a.side,
                "points": a.points,
                "facilities": a.facilities,
                "regions": len(set(by)),
                "best_wall_s": {m: round(v, 3) for m, v in best.items()},
                "client_cpu_s": {m: round(v, 3) for m, v in cpu.items()},
                "cluster_over_single": round(best["cluster"] / best["single"], 3),
                "load_before": [round(x, 2) for x in load0],
                "load_after": [round(x, 2) for x in os.getloadavg()],
                "cores": os.cpu_count(),
            }
        )
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
