"""The whole country on one machine: streamed coverage from Parquet (performance target 7).

Synthetic data at real densities: China has ~1e8 populated 100 m cells and 4.59
million sports venues (2023 national venue statistics), i.e. 4.6 venues per 100
cells. A run of ``cells`` demand cells therefore gets ``0.046 * cells`` facilities,
spread over a square of ``cells * 0.01 km²`` (cells uniformly at random inside
county-sized blocks of ~35,000 cells, written block by block as a raster export
grouped by county would be; facilities uniform over the square), radius 1,000 m.

Two entry points:

* ``cases(quick)`` for ``python -m benchmarks``: streamed vs the untiled
  :func:`~sportsgov.coverage.circle.circle_coverage` on the same cells (tiny in quick
  mode, 2M cells otherwise), results asserted identical in the setup step;
* ``python -m benchmarks.bench_national --cells 1e7`` (or ``--cells 1e8``): each mode
  in its own subprocess, timing it and reading its peak resident memory with
  ``resource.getrusage(RUSAGE_SELF).ru_maxrss``: ``stream`` (one process, one
  thread), ``stream-all`` (one process, the KD-tree query on all cores:
  ``workers=-1``), ``cluster`` (a Dask ``LocalCluster`` of one single-thread worker
  process per core, sportsgov preloaded at worker start, ``LEAN_WORKERS`` settings;
  peak = the largest worker; each worker's CPU for the run is printed too) and
  ``untiled`` (``circle_coverage`` on the whole layer in memory, only with
  ``--modes untiled``). Prints one JSON line per run. ``--rounds N`` runs the modes
  N times, interleaved (the order rotates each round), and ends with a summary
  line: best-of-N wall time and CPU per mode, the load average before and after,
  the cluster's wall time over the best single-process wall time (below 1: the
  cluster is faster) and the busiest worker's CPU over one thread's CPU (what idle
  cores would give).

Linux divides CPU between sessions (``kernel.sched_autogroup_enabled=1``), not
between processes: when other sessions keep every core busy, all the processes of
one run share one session's slice, and a cluster of two worker processes gets no
more CPU than one process. Compare the wall times on a quiet machine (load below
the core count); the CPU figures hold under load.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.run import Case
from sportsgov.coverage import Points, circle_coverage
from sportsgov.coverage.streaming import streamed_circle_coverage

CELLS_PER_REGION = 35_000  # ~1e8 cells / ~2,850 county-level divisions
VENUES_PER_CELL = 4.59e6 / 1e8
RADIUS = 1000.0
LON0, LAT0 = 100.0, 25.0
KM_PER_DEG = 6_371.0088 * math.pi / 180.0


def _side_deg(cells: int) -> tuple[float, float]:
    side_km = math.sqrt(cells * 0.01)
    return side_km / (KM_PER_DEG * math.cos(math.radians(LAT0))), side_km / KM_PER_DEG


def facilities(cells: int, seed: int = 1) -> Points:
    """The synthetic venue layer for ``cells`` demand cells."""
    m = max(1, round(cells * VENUES_PER_CELL))
    w, h = _side_deg(cells)
    rng = np.random.default_rng(seed)
    return Points(LON0 + rng.uniform(0, w, m), LAT0 + rng.uniform(0, h, m))


def write_cells(path: Path, cells: int, *, rows_per_group: int = 1_000_000, seed: int = 2) -> None:
    """Write ``cells`` synthetic demand cells to ``path`` (region blocks, in block order)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    rng = np.random.default_rng(seed)
    g = max(1, round(math.sqrt(cells / CELLS_PER_REGION)))
    w, h = _side_deg(cells)
    bw, bh = w / g, h / g
    per = np.full(g * g, cells // (g * g), dtype=np.int64)
    per[: cells - int(per.sum())] += 1
    schema = pa.schema(
        [
            ("lon", pa.float64()),
            ("lat", pa.float64()),
            ("population", pa.int32()),
            ("region", pa.string()),
        ]
    )
    with pq.ParquetWriter(path, schema) as writer:
        buf: list[Any] = []
        size = 0
        for k in range(g * g):
            n = int(per[k])
            i, j = divmod(k, g)
            tab = pa.table(
                {
                    "lon": LON0 + (j + rng.uniform(0, 1, n)) * bw,
                    "lat": LAT0 + (i + rng.uniform(0, 1, n)) * bh,
                    "population": rng.integers(0, 60, n, dtype=np.int32),
                    "region": pa.array([f"R{k:05d}"] * n),
                },
                schema=schema,
            )
            buf.append(tab)
            size += n
            if size >= rows_per_group:
                writer.write_table(pa.concat_tables(buf), row_group_size=rows_per_group)
                buf, size = [], 0
        if buf:
            writer.write_table(pa.concat_tables(buf), row_group_size=rows_per_group)


LEAN_WORKERS = {
    # the worker's statistical profiler samples every running task's stack (every
    # 10 ms): ~0.2 s of CPU per 1e6-cell task on a loaded machine
    "distributed.worker.profile.enabled": False,
    # monitors and the event-loop tick at a slower pace: ~0.5 s less CPU per worker
    # at 1e7 cells in one A/B (4.5-4.8 s instead of 5.1-5.4 s, load 3), not confirmed
    # in the next interleaved run: a small gain at best
    "distributed.admin.system-monitor.interval": "2s",
    "distributed.worker.memory.monitor-interval": "2s",
    "distributed.admin.tick.interval": "200ms",
}


def _rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0  # KiB on Linux


def _worker_rss() -> float:
    return _rss_mib()


def _cpu_s() -> float:
    me = resource.getrusage(resource.RUSAGE_SELF)
    return me.ru_utime + me.ru_stime


def _child(mode: str, path: str, cells: int) -> dict[str, Any]:
    fac = facilities(cells)
    me = resource.getrusage(resource.RUSAGE_SELF)
    cpu0 = me.ru_utime + me.ru_stime
    t0 = time.perf_counter()
    extra: dict[str, Any] = {}
    if mode in ("stream", "stream-all"):
        r = streamed_circle_coverage(
            path, fac, radius=RADIUS, workers=-1 if mode == "stream-all" else 1
        )
        covered, total, regions = r.covered_population, r.total_population, r.regions
    elif mode == "cluster":
        import dask
        import distributed

        with (
            dask.config.set(LEAN_WORKERS),
            distributed.LocalCluster(
                n_workers=os.cpu_count() or 1,
                threads_per_worker=1,
                processes=True,
                dashboard_address=":0",
                # imported at worker start, as `dask worker --preload ...` does on a
                # real cluster (the how-to's recipe): start-up, not part of the run
                preload=["sportsgov.coverage.streaming"],
            ) as cluster,
            distributed.Client(cluster) as client,
        ):
            before = client.run(_cpu_s)
            t0 = time.perf_counter()  # cluster start-up is not part of the run
            r = streamed_circle_coverage(path, fac, radius=RADIUS, client=client)
            seconds = time.perf_counter() - t0
            after = client.run(_cpu_s)
            rss = client.run(_worker_rss)
            # CPU each worker spent on this run: the largest is the critical path, the
            # wall time the run would take on idle cores (plus scheduling latency)
            run_cpu = sorted(round(after[w] - before[w], 2) for w in after)
            extra = {
                "worker_peak_mib": sorted(rss.values()),
                "worker_run_cpu_s": run_cpu,
                "seconds_in_cluster": seconds,
            }
        covered, total, regions = r.covered_population, r.total_population, r.regions
    elif mode == "untiled":
        import pyarrow.parquet as pq

        t = pq.read_table(path)
        demand = Points(
            t.column("lon").to_numpy(),
            t.column("lat").to_numpy(),
            weight=t.column("population").to_numpy(),
        )
        codes = t.column("region").to_numpy(zero_copy_only=False)
        del t
        res = circle_coverage(demand, fac, radius=RADIUS, by=codes)
        covered, total, regions = res.covered_population, res.total_population, res.regions
    else:  # pragma: no cover
        raise SystemExit(f"unknown mode {mode}")
    seconds = extra.pop("seconds_in_cluster", time.perf_counter() - t0)
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)  # the cluster's worker processes
    extra["cpu_s"] = round(me.ru_utime + me.ru_stime - cpu0, 2)
    extra["worker_cpu_s"] = round(kids.ru_utime + kids.ru_stime, 2)
    table = repr(
        [(k, v.points, v.covered_points, v.covered_population) for k, v in regions.items()]
    )
    digest = hashlib.sha256(table.encode()).hexdigest()[:16]
    return {
        "mode": mode,
        "cells": cells,
        "facilities": len(fac),
        "seconds": round(seconds, 2),
        "peak_mib": round(_rss_mib()),
        "covered": float(covered),
        "total": float(total),
        "regions": len(regions),
        "digest": digest,
        **extra,
    }


def cases(quick: bool) -> list[Case]:
    cells = 20_000 if quick else 2_000_000
    tmp = Path(tempfile.mkdtemp(prefix="sportsgov-national-"))
    path = tmp / "cells.parquet"
    write_cells(path, cells, rows_per_group=max(5_000, cells // 8))
    fac = facilities(cells)
    import pyarrow.parquet as pq

    t = pq.read_table(path)
    demand = Points(
        t.column("lon").to_numpy(),
        t.column("lat").to_numpy(),
        weight=t.column("population").to_numpy(),
    )
    codes = t.column("region").to_numpy(zero_copy_only=False)

    def ours() -> Any:
        return streamed_circle_coverage(path, fac, radius=RADIUS)

    def untiled() -> Any:
        return circle_coverage(demand, fac, radius=RADIUS, by=codes)

    def setup() -> None:
        a, b = ours(), untiled()
        assert a.regions == b.regions and a.covered_population == b.covered_population

    return [
        Case(
            name=f"streamed coverage from Parquet {cells:,} x {len(fac):,} (identical)",
            func=ours,
            reference=untiled,
            reference_name="untiled circle_coverage (in memory)",
            target="1e8 x 4.6M in minutes, peak < 4 GB (see bench_national --cells)",
            repeat=1 if not quick else 2,
            setup=setup,
        )
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bench_national")
    parser.add_argument("--cells", type=float, default=1e7)
    parser.add_argument("--modes", nargs="*", default=["stream", "stream-all", "cluster"])
    parser.add_argument("--rounds", type=int, default=1, help="interleaved repetitions")
    parser.add_argument("--dir", default=None, help="where to write the Parquet file")
    parser.add_argument("--child", default=None, help=argparse.SUPPRESS)
    parser.add_argument("--path", default=None, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    cells = int(args.cells)
    if args.child:
        print(json.dumps(_child(args.child, args.path, cells)), flush=True)
        return 0
    folder = Path(args.dir or tempfile.mkdtemp(prefix="sportsgov-national-"))
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"cells-{cells}.parquet"
    if not path.exists():
        t0 = time.perf_counter()
        write_cells(path, cells)
        print(
            json.dumps(
                {
                    "wrote": str(path),
                    "seconds": round(time.perf_counter() - t0, 1),
                    "bytes": os.path.getsize(path),
                }
            ),
            flush=True,
        )
    best: dict[str, float] = {}
    cpu: dict[str, float] = {}  # best CPU seconds (the run's own process)
    critical: dict[str, float] = {}  # cluster: best busiest-worker CPU seconds
    digests: set[str] = set()
    load0 = _load()
    for k in range(args.rounds):
        modes = args.modes[k % len(args.modes) :] + args.modes[: k % len(args.modes)]
        for mode in modes:
            load = _load()
            out = subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "benchmarks.bench_national",
                    "--child",
                    mode,
                    "--path",
                    str(path),
                    "--cells",
                    str(cells),
                ],
                check=True,
                stdout=subprocess.PIPE,
                text=True,
            ).stdout
            row = json.loads(out.strip().splitlines()[-1])
            print(json.dumps({"round": k + 1, "load": load, **row}), flush=True)
            best[mode] = min(best.get(mode, math.inf), row["seconds"])
            cpu[mode] = min(cpu.get(mode, math.inf), row["cpu_s"])
            if "worker_run_cpu_s" in row:
                critical[mode] = min(critical.get(mode, math.inf), max(row["worker_run_cpu_s"]))
            digests.add(row["digest"])
    summary: dict[str, Any] = {
        "best_of": args.rounds,
        "best_seconds": best,
        "load_before": load0,
        "load_after": _load(),
        "cores": os.cpu_count(),
        "same_result": len(digests) == 1,
        "best_cpu_seconds": cpu,
    }
    single = [best[m] for m in ("stream", "stream-all") if m in best]
    if "cluster" in best and single:
        summary["cluster_over_best_single"] = round(best["cluster"] / min(single), 3)
    if "cluster" in critical and "stream" in cpu:
        # what idle cores would give: the busiest worker's CPU against one thread's CPU
        summary["cluster_critical_cpu_over_one_thread_cpu"] = round(
            critical["cluster"] / cpu["stream"], 3
        )
    print(json.dumps(summary), flush=True)
    return 0


def _load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


if __name__ == "__main__":
    raise SystemExit(main())
