"""Exact MCLP 20,000 x 2,000, p = 50: sportsgov against spopt + CBC, timed once.

Not part of ``python -m benchmarks`` (the module name has no ``bench_`` prefix):
spopt builds a dense PuLP model in Python and CBC then needs many minutes, so this
runs only by hand. Ours runs twice: the default ``solver="highs"`` (HiGHS through
highspy, seeded with the incumbent) and the same call with highspy hidden, as on a
``--no-deps`` install, where ``solver="highs"`` falls back to the HiGHS bundled
with scipy (:func:`scipy.optimize.milp`, no start, no options)::

    python -m benchmarks.spopt_large                 # spopt + CBC capped at 1,800 s
    python -m benchmarks.spopt_large --cap 600       # a shorter cap

The instance is the one of the ``location`` benchmark (``bench_location``: demand
clustered around 40 centres in a 30 km x 30 km city, 1 km, seed 20261204). The
reference is what a spopt user waits for: ``MCLP.from_cost_matrix`` on the dense
cost matrix (out-of-reach pairs set to 10 km) and ``.solve(PULP_CBC_CMD)``, build
and solve timed separately and together, in a child process (its own process
group) with a wall-clock cap for both: CBC gets the time left after the build as
its ``timeLimit``, and a build that outlasts the cap is stopped (the child and
anything it started). A run stopped at the cap is a lower bound, printed as
``> N s`` with the CPU seconds the child had used. One JSON line per side (wall and
CPU seconds: the CPU of spopt's side includes CBC's), then the ratios, and the
machine load before and after. On a shared machine the CPU ratio is the steadier.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import resource
import signal
import subprocess
import sys
import time
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.bench_location import _instance, _table
from sportsgov.coverage import suggest_sites

M, N, P, RADIUS, SEED = 20_000, 2_000, 50, 1_000.0, 20261204


def _load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


@contextlib.contextmanager
def _without_highspy() -> Iterator[None]:
    """Within the block ``import highspy`` finds nothing, as if it were not installed."""
    saved = sys.modules.get("highspy")
    sys.modules["highspy"] = None  # type: ignore[assignment]
    try:
        yield
    finally:
        if saved is None:
            del sys.modules["highspy"]
        else:
            sys.modules["highspy"] = saved


def ours(pop: np.ndarray, table: Any, *, scipy_highs: bool = False) -> dict[str, Any]:
    where = _without_highspy() if scipy_highs else contextlib.nullcontext()
    t0 = time.perf_counter()
    c0 = time.process_time()
    with where:
        s = suggest_sites(pop, costs=table, threshold=RADIUS, count=P, method="milp")
    how = "scipy's HiGHS, highspy hidden" if scipy_highs else "default: HiGHS through highspy"
    return {
        "side": f"sportsgov (reduced model, solver='highs', {how})",
        "seconds": round(time.perf_counter() - t0, 2),
        "cpu_s": round(time.process_time() - c0, 2),
        "covered": float(s.covered_population),
        "optimal": bool(s.optimal),
    }


def spopt_cbc(pop: np.ndarray, table: Any, cap: float) -> dict[str, Any]:
    """Build and solve with spopt + CBC in this process (the child)."""
    import pulp
    from spopt.locate import MCLP

    def cpu() -> float:
        kids = resource.getrusage(resource.RUSAGE_CHILDREN)  # CBC, waited for by PuLP
        return time.process_time() + kids.ru_utime + kids.ru_stime

    dense = table.to_dense()
    dense[~np.isfinite(dense)] = 10 * RADIUS  # spopt wants a full matrix
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        c0 = cpu()
        t0 = time.perf_counter()
        model = MCLP.from_cost_matrix(dense, pop, RADIUS, P)
        build = time.perf_counter() - t0
        print(json.dumps({"built_s": round(build, 2)}), flush=True)
        t1 = time.perf_counter()
        model.solve(pulp.PULP_CBC_CMD(msg=False, timeLimit=max(1.0, cap - build)))
        solve = time.perf_counter() - t1
    problem = model.problem
    proven = problem.sol_status == pulp.LpSolutionOptimal
    total = build + solve
    return {
        "side": "spopt + CBC (build + solve)",
        "build_s": round(build, 2),
        "solve_s": round(solve, 2),
        "seconds": round(total, 2),
        "cpu_s": round(cpu() - c0, 2),
        "stopped_at_cap": not proven,
        "shown": f"{total:.0f} s" if proven else f"> {total:.0f} s",
        "covered": float(problem.objective.value()),
        "optimal": bool(proven),
    }


def capped_child(cap: float) -> dict[str, Any]:
    """Run the spopt side in a child process; stop it (and CBC) at ``cap`` seconds."""
    cmd = [sys.executable, "-m", "benchmarks.spopt_large", "--side", "spopt", "--cap", str(cap)]
    t0 = time.perf_counter()
    child = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True, process_group=0)
    try:
        out, _ = child.communicate(timeout=cap + 60.0)  # CBC stops itself at the cap
    except subprocess.TimeoutExpired:
        os.killpg(child.pid, signal.SIGKILL)  # the child and the CBC it started
        out, _ = child.communicate()
    wall = time.perf_counter() - t0
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    lines = [json.loads(x) for x in out.splitlines() if x.startswith("{")]
    done = [x for x in lines if "side" in x]
    if done:
        return done[-1]
    built = next((x["built_s"] for x in lines if "built_s" in x), None)
    return {
        "side": "spopt + CBC (build + solve)",
        "build_s": built,
        "seconds": round(wall, 2),
        "stopped_at_cap": True,
        "shown": f"> {wall:.0f} s ({'solve' if built is not None else 'model build'} unfinished)",
        "child_cpu_s": round(kids.ru_utime + kids.ru_stime, 2),
        "covered": None,
        "optimal": False,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.spopt_large")
    parser.add_argument("--cap", type=float, default=1800.0, help="wall-clock cap [s]")
    parser.add_argument("--side", choices=["both", "spopt"], default="both")
    args = parser.parse_args(argv)
    pop, xy, cand = _instance(M, N, SEED)
    table = _table(xy, cand, RADIUS)
    if args.side == "spopt":
        print(json.dumps(spopt_cbc(pop, table, args.cap)), flush=True)
        return 0
    print(json.dumps({"load_before": _load(), "cores": os.cpu_count()}), flush=True)
    suggest_sites([1, 1], costs=np.eye(2), threshold=0, count=1, method="milp")  # warm up
    a = ours(pop, table)
    print(json.dumps(a), flush=True)
    print(json.dumps(ours(pop, table, scipy_highs=True)), flush=True)
    b = capped_child(args.cap)
    print(json.dumps(b), flush=True)
    ratio = a["seconds"] / b["seconds"]
    cpu_b = b.get("cpu_s", b.get("child_cpu_s"))
    bound = "at most " if b["stopped_at_cap"] else ""
    print(
        json.dumps(
            {
                "ratio": f"{bound}{ratio:.4f}",
                "faster": f"{'>= ' if bound else ''}{1 / ratio:.0f}x",
                "cpu_ratio": f"{bound}{a['cpu_s'] / cpu_b:.4f}" if cpu_b else None,
                "same_optimum": a["covered"] == b["covered"] if b["optimal"] else "not proven",
                "load_after": _load(),
            }
        ),
        flush=True,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
