"""Circle coverage at national density: sportsgov against a plain cKDTree query, by hand.

Not part of ``python -m benchmarks`` (the module name has no ``bench_`` prefix): at
the full size (20,000,000 residents x 1,000,000 facilities) it needs a few minutes
and several GB, so it runs only by hand::

    python -m benchmarks.circle_large                     # 20M x 1M, 500 m, best of 2
    python -m benchmarks.circle_large --people 2e6 --facilities 1e5

Both sides get the same unsorted input (uniform in a box scaled so that the
density is that of the 1,000,000 x 50,000 case of ``bench_coverage``) and return
the covered share; the reference is what a scipy user writes: ``cKDTree`` on unit
vectors, one ``query(k=1, distance_upper_bound=chord)``, weights summed. Each side
runs in its own child process (imports and input made before the clock starts; the
peak resident memory above the input is its own), modes
alternated, best of N. One JSON line per run, then the ratios and the machine
load before and after.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from typing import Any

import numpy as np

R = 6_371_008.8  # mean Earth radius [m]


def _unit(lon: np.ndarray, lat: np.ndarray) -> np.ndarray:
    lam, phi = np.radians(lon), np.radians(lat)
    c = np.cos(phi)
    return np.column_stack([c * np.cos(lam), c * np.sin(lam), np.sin(phi)])


def _data(people: int, facilities: int) -> tuple[np.ndarray, ...]:
    rng = np.random.default_rng(20261204)
    # bench_coverage: 1,000,000 people in 1.5 deg x 1.0 deg; keep that density
    scale = np.sqrt(people / 1_000_000)
    lon0, lat0 = 100.0, 25.0
    lon = rng.uniform(lon0, lon0 + 1.5 * scale, people)
    lat = rng.uniform(lat0, lat0 + 1.0 * scale, people)
    w = rng.integers(0, 50, people)
    flon = rng.uniform(lon0, lon0 + 1.5 * scale, facilities)
    flat = rng.uniform(lat0, lat0 + 1.0 * scale, facilities)
    return lon, lat, w, flon, flat


def _child(mode: str, people: int, facilities: int, radius: float) -> None:
    lon, lat, w, flon, flat = _data(people, facilities)
    from scipy.spatial import cKDTree

    from sportsgov.coverage import Points, circle_coverage

    base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    t0, c0 = time.perf_counter(), time.process_time()
    if mode == "sportsgov":
        share = float(
            circle_coverage(Points(lon, lat, weight=w), Points(flon, flat), radius=radius).share
        )
    else:
        tree = cKDTree(_unit(flon, flat))
        chord = 2 * np.sin(radius / (2 * R))
        d, _ = tree.query(_unit(lon, lat), k=1, distance_upper_bound=chord)
        share = float(w[np.isfinite(d)].sum() / w.sum())
    seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(
        json.dumps(
            {
                "side": mode,
                "seconds": round(seconds, 2),
                "cpu_s": round(cpu, 2),
                "peak_mib_over_input": round((peak - base) / 1024, 0),
                "share": share,
            }
        )
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.circle_large")
    ap.add_argument("--people", type=float, default=2e7)
    ap.add_argument("--facilities", type=float, default=1e6)
    ap.add_argument("--radius", type=float, default=500.0, help="[m]")
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--child", choices=["sportsgov", "cKDTree"], help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    people, facilities = int(args.people), int(args.facilities)
    if args.child:
        _child(args.child, people, facilities, args.radius)
        return 0
    print(json.dumps({"load_before": " ".join(f"{x:.2f}" for x in os.getloadavg())}))
    best: dict[str, dict[str, Any]] = {}
    for r in range(args.rounds):
        order = ["sportsgov", "cKDTree"] if r % 2 == 0 else ["cKDTree", "sportsgov"]
        for side in order:
            cmd = [sys.executable, "-m", "benchmarks.circle_large", "--child", side]
            cmd += ["--people", str(people), "--facilities", str(facilities)]
            cmd += ["--radius", str(args.radius)]
            out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
            row = json.loads(out.strip().splitlines()[-1])
            print(json.dumps({"round": r + 1, **row}))
            if side not in best or row["seconds"] < best[side]["seconds"]:
                best[side] = row
    ours, ref = best["sportsgov"], best["cKDTree"]
    if abs(ours["share"] - ref["share"]) > 1e-12:
        raise AssertionError(f"shares differ: {ours['share']} vs {ref['share']}")
    print(
        json.dumps(
            {
                "people": people,
                "facilities": facilities,
                "ratio": round(ours["seconds"] / ref["seconds"], 3),
                "cpu_ratio": round(ours["cpu_s"] / ref["cpu_s"], 3),
                "memory_ratio": round(
                    ours["peak_mib_over_input"] / max(ref["peak_mib_over_input"], 1.0), 3
                ),
                "load_after": " ".join(f"{x:.2f}" for x in os.getloadavg()),
            }
        )
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
