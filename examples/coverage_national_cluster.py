"""Fitness-circle coverage of a Parquet file of population cells on a Dask cluster.

The recipe of the how-to "The whole country on one machine", as a script:

* the work is in ``main()``, called under ``if __name__ == "__main__":`` — a
  ``LocalCluster`` (or any cluster starting worker processes with ``spawn``) imports
  this file in every new worker; without the guard each worker would run it again;
* ``distributed.Client(address)`` for a running cluster, a ``LocalCluster`` otherwise;
* every worker must run the same sportsgov version: the script prints each worker's,
  and ``streamed_circle_coverage`` refuses the run if one differs;
* the cells file is opened by the workers themselves (shared storage on a real
  cluster); only the venue coordinates are sent, once.

Run::

    python examples/coverage_national_cluster.py            # synthetic cells, LocalCluster
    python examples/coverage_national_cluster.py tcp://scheduler:8786 /shared/cells.parquet

The synthetic data is clearly made up (deterministic): 200,000 cells of a 100 m grid
in 49 county blocks, 9,200 venues (real national density: 4.6 per 100 cells).
"""

from __future__ import annotations

import math
import sys
import tempfile
from pathlib import Path
from typing import Any

import numpy as np

import sportsgov
from sportsgov.coverage import Points, StreamedCoverage, streamed_circle_coverage

RADIUS_M = 300  # a few minutes on foot: at real venue density, not everyone is in reach
CELLS = 200_000
LON0, LAT0 = 113.0, 34.0
SIDE_DEG = math.sqrt(CELLS * 0.01) / 111.2  # 0.01 km² per cell


def write_demo_cells(path: Path, seed: int = 1) -> Path:
    """Synthetic cells, written county block by county block (row groups of 50,000)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    rng = np.random.default_rng(seed)
    blocks = 7
    per = CELLS // (blocks * blocks)
    size = SIDE_DEG / blocks
    tables = []
    for k in range(blocks * blocks):
        i, j = divmod(k, blocks)
        tables.append(
            pa.table(
                {
                    "lon": LON0 + (j + rng.uniform(0, 1, per)) * size,
                    "lat": LAT0 + (i + rng.uniform(0, 1, per)) * size,
                    "population": rng.integers(0, 60, per, dtype=np.int32),
                    "region": pa.array([f"41{k:04d}"] * per),
                }
            )
        )
    pq.write_table(pa.concat_tables(tables), path, row_group_size=50_000)
    return path


def demo_venues(seed: int = 2) -> Points:
    rng = np.random.default_rng(seed)
    m = round(CELLS * 0.046)
    return Points(LON0 + rng.uniform(0, SIDE_DEG, m), LAT0 + rng.uniform(0, SIDE_DEG, m))


def worker_versions(client: Any) -> dict[str, str]:
    """sportsgov version on each worker (the library also checks them before a run)."""
    versions: dict[str, str] = client.run(lambda: __import__("sportsgov").__version__)
    return versions


def cover(client: Any, cells: str | Path) -> StreamedCoverage:
    print(f"sportsgov {sportsgov.__version__} here; workers: {worker_versions(client)}")
    result = streamed_circle_coverage(cells, demo_venues(), radius=RADIUS_M, client=client)
    print(result)
    print(f"covered population {result.covered_population:,} of {result.total_population:,}")
    worst = min(result.regions.values(), key=lambda r: r.share)
    print(f"least covered region {worst.region}: {worst.share:.1%}")
    return result


def main(argv: list[str]) -> None:
    import distributed

    if argv:  # a running cluster: python ... tcp://scheduler:8786 /shared/cells.parquet
        address, cells = argv[0], argv[1]
        with distributed.Client(address) as client:
            cover(client, cells)
        return
    with tempfile.TemporaryDirectory() as tmp:
        cells = write_demo_cells(Path(tmp) / "cells.parquet")
        with (
            distributed.LocalCluster(
                n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0"
            ) as cluster,
            distributed.Client(cluster.scheduler_address) as client,
        ):
            on_cluster = cover(client, cells)
        one_process = streamed_circle_coverage(cells, demo_venues(), radius=RADIUS_M)
        assert on_cluster.regions == one_process.regions  # the same table, region by region
        print("one process gives the same table")


if __name__ == "__main__":  # required: worker processes import this file
    main(sys.argv[1:])
