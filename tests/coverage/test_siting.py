"""Maximal covering location (sportsgov.coverage.siting).

Independent checks:
* brute force over every subset of candidates on tiny random instances (the
  MCLP optimum of Church & ReVelle 1974) against ``method="milp"``;
* a naive, loop-based greedy (recompute every gain every step, lowest index on
  ties) against our incremental greedy, step by step;
* the (1 − 1/e) guarantee of greedy for monotone submodular coverage
  (Nemhauser, Wolsey & Fisher 1978);
* great-circle catchments against a dense haversine matrix.
"""

from __future__ import annotations

import itertools
import math
import sys
from pathlib import Path

import networkx as nx
import numpy as np
import pytest
import scipy.optimize
from hypothesis import given
from hypothesis import strategies as st
from tests.coverage.highs import HIGHS_PATHS, highs_backend, highs_path

from sportsgov.coverage import Points, _milp, great_circle_distance
from sportsgov.coverage.siting import SiteSelection, suggest_sites
from sportsgov.errors import InfeasibleError, InvalidInputError

# ----------------------------------------------------------------- references


def coverage_of(pop: np.ndarray, reach: np.ndarray, sites) -> float:
    if not len(sites):
        return 0.0
    return float(pop[reach[:, list(sites)].any(axis=1)].sum())


def brute_optimum(pop, reach, count, fixed=()) -> float:
    n = reach.shape[1]
    free = [j for j in range(n) if j not in fixed]
    return max(
        coverage_of(pop, reach, [*fixed, *combo]) for combo in itertools.combinations(free, count)
    )


def naive_greedy(pop, reach, count, fixed=()) -> tuple[list[int], list[float]]:
    chosen = list(fixed)
    sites, gains = [], []
    for _ in range(count):
        base = coverage_of(pop, reach, chosen)
        best, best_gain = None, -1.0
        for j in range(reach.shape[1]):
            if j in chosen:
                continue
            gain = coverage_of(pop, reach, [*chosen, j]) - base
            if gain > best_gain:  # strict: the lowest index wins ties
                best, best_gain = j, gain
        chosen.append(best)
        sites.append(best)
        gains.append(best_gain)
    return sites, gains


@st.composite
def instances(draw: st.DrawFn, max_n: int = 6):
    m = draw(st.integers(1, 9))
    n = draw(st.integers(1, max_n))
    pop = np.array(draw(st.lists(st.integers(0, 100), min_size=m, max_size=m)), float)
    cost = np.array(
        draw(st.lists(st.integers(0, 20), min_size=m * n, max_size=m * n)), float
    ).reshape(m, n)
    count = draw(st.integers(0, n))
    return pop, cost, count


# ------------------------------------------------------------ worked examples

POP = [500, 300, 200, 400]
MINUTES = np.array([[5, 20, 30], [8, 12, 30], [30, 9, 14], [30, 30, 6]], float)


def test_worked_example_greedy_and_milp() -> None:
    g = suggest_sites(POP, costs=MINUTES, threshold=10, count=2)
    assert g.sites == (0, 2) and g.gains == (800.0, 400.0)
    assert g.covered_population == 1200.0 and g.total_population == 1400.0
    assert g.share == pytest.approx(1200 / 1400)
    assert g.covered.tolist() == [True, True, False, True]
    assert g.method == "greedy" and isinstance(g, SiteSelection)
    exact = suggest_sites(POP, costs=MINUTES, threshold=10, count=2, method="milp")
    assert exact.covered_population == 1200.0 and sorted(exact.sites) == [0, 2]
    three = suggest_sites(POP, costs=MINUTES, threshold=10, count=3, method="milp")
    assert three.covered_population == 1400.0 and three.share == 1.0


def test_greedy_is_not_always_optimal_but_milp_is() -> None:
    # site 0 covers the middle four (12 people); sites 1 and 2 each cover two of
    # them plus an outlier (8 each): greedy takes 0 then 1 (14), the optimum is 1 + 2 (16)
    pop = [3, 3, 3, 3, 2, 2]
    reach = np.array([[1, 1, 0], [1, 1, 0], [1, 0, 1], [1, 0, 1], [0, 1, 0], [0, 0, 1]], bool)
    cost = np.where(reach, 0.0, np.inf)
    greedy = suggest_sites(pop, costs=cost, threshold=0, count=2)
    exact = suggest_sites(pop, costs=cost, threshold=0, count=2, method="milp")
    assert greedy.sites == (0, 1) and greedy.gains == (12.0, 2.0)
    assert exact.covered_population == 16.0 == brute_optimum(np.array(pop, float), reach, 2)
    assert exact.sites == (1, 2) and exact.gains == (8.0, 8.0)  # tie within the set: lowest index
    assert greedy.covered_population >= (1 - 1 / math.e) * exact.covered_population


def test_existing_by_index_and_by_id() -> None:
    s = suggest_sites(POP, costs=MINUTES, threshold=10, count=1, existing=[2])
    assert s.existing == (2,) and s.sites == (0,)
    assert s.existing_covered_population == 400.0 and s.gains == (800.0,)
    assert s.covered_population == 1200.0
    ids = ["east", "centre", "west"]
    t = suggest_sites(POP, ids, costs=MINUTES, threshold=10, count=1, existing=["west"])
    assert t.sites == (0,) and t.site_ids == ("east",) and t.existing == (2,)
    assert [r["id"] for r in t.table()] == ["east"]
    assert t.table()[0]["covered_population"] == 1200.0


def test_ids_long_table() -> None:
    demand = {"a": 100, "b": 50, "c": 25}
    rows = [("a", "s1", 3.0), ("b", "s1", 4.0), ("c", "s2", 1.0), ("b", "s2", 2.0)]
    s = suggest_sites(demand, ["s1", "s2"], costs=rows, threshold=5, count=1)
    assert s.site_ids == ("s1",) and s.covered_population == 150.0


def test_count_zero_and_zero_gain_picks() -> None:
    s = suggest_sites([5, 5], costs=np.array([[0.0, 0.0], [9, 9]]), threshold=1, count=0)
    assert s.sites == () and s.covered_population == 0.0
    s = suggest_sites([5, 0], costs=np.array([[0.0, 9, 9], [9, 9, 9]]), threshold=1, count=3)
    assert s.sites == (0, 1, 2) and s.gains == (5.0, 0.0, 0.0)


def test_great_circle_mode_and_existing_points() -> None:
    homes = Points([113.60, 113.62, 113.64, 113.66], [34.75] * 4, weight=[100, 200, 300, 400])
    cands = Points([113.601, 113.641, 113.661], [34.75] * 3)
    s = suggest_sites(homes, cands, radius=500, count=2)
    assert s.sites == (2, 1) and s.covered_population == 700.0
    assert s.threshold == 500.0 and s.cost_unit == "m"
    built = Points([113.6605], [34.75], datum="wgs84").to("gcj02")
    t = suggest_sites(homes, cands, radius="0.5 km", count=1, existing=built)
    assert t.existing_covered_population == 400.0 and t.sites == (1,)
    assert t.covered_population == 700.0
    named = Points(cands.lon, cands.lat, id=["a", "b", "c"])
    u = suggest_sites(homes, named, radius=500, count=1, existing=["c"])
    assert u.site_ids == ("b",) and u.existing == (2,)


def test_urban_and_rural_radii_with_existing_points() -> None:
    homes = Points([113.600, 113.620, 113.640], [34.75] * 3, weight=[100, 200, 300])
    plots = Points([113.606, 113.626, 113.646], [34.75] * 3)  # about 550 m east of each
    s = suggest_sites(homes, plots, radius=[750.0, 500.0, 1125.0], count=2)
    assert s.sites == (2, 0) and s.covered_population == 400.0
    assert s.thresholds is not None and s.threshold == 1125.0
    built = Points([113.626], [34.75])
    t = suggest_sites(homes, plots, radius=[750.0, 500.0, 1125.0], count=1, existing=built)
    assert t.existing_covered_population == 0.0  # home 1 has a 500 m radius
    from sportsgov.coverage import URBAN_FITNESS_CIRCLE

    u = suggest_sites(homes, plots, radius=URBAN_FITNESS_CIRCLE, count=1)  # 750 m
    assert u.threshold == 750.0 and u.thresholds is None and u.covered_population == 300.0


# A small instance the reductions cannot solve alone: overlapping covers.
OVERLAP_POP = [10, 20, 30, 40, 50]
OVERLAP = np.array(
    [
        [1, 1, 9, 9],
        [9, 1, 1, 9],
        [9, 9, 1, 1],
        [1, 9, 9, 1],
        [1, 9, 1, 9],
    ],
    dtype=float,
)


def _fake_milp(status: int, x: object = None, bound: float | None = None) -> object:
    class Fake:
        message = "fake"

    Fake.status = status  # type: ignore[attr-defined]
    Fake.x = x  # type: ignore[attr-defined]
    Fake.mip_dual_bound = bound  # type: ignore[attr-defined]
    return lambda *a, **k: Fake()


def test_milp_solver_failure_raises(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_milp, "_highs_backend", lambda: "scipy")
    monkeypatch.setattr(scipy.optimize, "milp", _fake_milp(4))
    with pytest.raises(InfeasibleError, match=r"solver='highs': the solver failed \(status=4"):
        suggest_sites(OVERLAP_POP, costs=OVERLAP, threshold=2, count=2, method="milp")


@pytest.mark.parametrize("backend", ["highspy", "scipy"])
@pytest.mark.parametrize("solver", ["highs", "highspy"])
def test_an_infeasible_model_names_the_solver_the_caller_chose(backend: str, solver: str) -> None:
    # x in {0, 1} with x >= 2: infeasible on every HiGHS path
    one = np.ones(1)
    with (
        highs_backend(backend),
        pytest.raises(InfeasibleError, match=rf"solver='{solver}': the problem is infeasible"),
    ):
        _milp.solve(
            one, np.ones((1, 1)), 2 * one, np.full(1, np.inf), 0 * one, one,
            np.ones(1, dtype=bool), solver=solver,
        )  # fmt: skip


def _no_incumbent_highspy(*args: object, name: str = "highspy", **kwargs: object) -> object:
    return _milp.MilpAnswer(None, math.inf, -math.inf, False, True, name)


@pytest.mark.parametrize("backend", ["highspy", "scipy"])
def test_milp_limit_without_incumbent_returns_greedy_with_gap(
    monkeypatch: pytest.MonkeyPatch, backend: str
) -> None:
    greedy = suggest_sites(OVERLAP_POP, costs=OVERLAP, threshold=2, count=2)
    monkeypatch.setattr(_milp, "_highs_backend", lambda: backend)
    monkeypatch.setattr(scipy.optimize, "milp", _fake_milp(1, None, None))
    monkeypatch.setattr(_milp, "_highspy", _no_incumbent_highspy)
    s = suggest_sites(OVERLAP_POP, costs=OVERLAP, threshold=2, count=2, method="milp")
    assert s.optimal is False and s.solver == "highs"
    assert s.covered_population == greedy.covered_population
    assert sorted(s.sites) == sorted(greedy.sites)
    # bound from the LP relaxation: a valid, finite, non-negative gap
    assert s.gap is not None and 0.0 <= s.gap < 1.0


def test_default_highs_runs_highspy_with_the_incumbent_when_it_is_installed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls: list[dict[str, object]] = []
    real = _milp._highspy

    def spy(*args: object, **kwargs: object) -> object:
        calls.append({"start": args[8], "restart": args[10], **kwargs})
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(_milp, "_highspy", spy)
    rng = np.random.default_rng(7)
    cost = rng.uniform(0, 10, size=(40, 12))
    pop = rng.integers(1, 50, size=40).astype(float)
    s = suggest_sites(pop, costs=cost, threshold=3.0, count=3, method="milp")
    assert s.solver == "highs" and len(calls) == 1 and calls[0]["name"] == "highs"
    assert calls[0]["start"] is not None  # the swap-improved incumbent seeds HiGHS
    # without highspy importable, the same call runs scipy's HiGHS: same optimum
    monkeypatch.setitem(sys.modules, "highspy", None)  # its import then fails: absent
    assert _milp._highs_backend() == "scipy"
    t = suggest_sites(pop, costs=cost, threshold=3.0, count=3, method="milp")
    assert len(calls) == 1 and t.solver == "highs"
    assert t.covered_population == s.covered_population
    with pytest.raises(InvalidInputError, match=r"solver='highspy': needs the 'highspy' package"):
        suggest_sites(pop, costs=cost, threshold=3.0, count=3, method="milp", solver="highspy")


def test_a_highspy_that_fails_to_import_falls_back_or_is_named(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # a broken install (a wheel for another platform): found, but import fails
    (tmp_path / "highspy").mkdir()
    (tmp_path / "highspy" / "__init__.py").write_text("raise ImportError('no libhighs')\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.delitem(sys.modules, "highspy", raising=False)
    assert _milp._highs_backend() == "scipy"
    s = suggest_sites(OVERLAP_POP, costs=OVERLAP, threshold=2, count=2, method="milp")
    assert s.optimal is True and s.solver == "highs"
    with pytest.raises(
        InvalidInputError,
        match=r"solver='highspy': needs the 'highspy' package, which cannot be imported "
        r"\(no libhighs\); reinstall it \(pip install highspy\) or use solver='highs'",
    ):
        suggest_sites(
            OVERLAP_POP, costs=OVERLAP, threshold=2, count=2, method="milp", solver="highspy"
        )


def test_a_missing_highspy_is_not_sent_to_the_solvers_extra(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # highspy is a dependency of sportsgov; the solvers extra is PuLP only
    monkeypatch.setitem(sys.modules, "highspy", None)
    with pytest.raises(InvalidInputError) as err:
        suggest_sites(
            OVERLAP_POP, costs=OVERLAP, threshold=2, count=2, method="milp", solver="highspy"
        )
    assert "pip install highspy" in str(err.value) and "[solvers]" not in str(err.value)


def test_milp_optimal_reports_zero_gap() -> None:
    s = suggest_sites(OVERLAP_POP, costs=OVERLAP, threshold=2, count=2, method="milp")
    assert s.optimal is True and s.gap == 0.0 and s.solver == "highs"
    g = suggest_sites(OVERLAP_POP, costs=OVERLAP, threshold=2, count=2)
    assert g.optimal is False and g.gap is None and g.solver is None


# -------------------------------------------------------------- properties


@given(instances(), st.sampled_from([0.0, 5.0, 10.0]))
def test_milp_equals_brute_force(inst, threshold: float) -> None:
    pop, cost, count = inst
    reach = cost <= threshold
    s = suggest_sites(pop, costs=cost, threshold=threshold, count=count, method="milp")
    assert s.covered_population == brute_optimum(pop, reach, count)
    assert len(s.sites) == count == len(set(s.sites))
    assert s.covered_population == coverage_of(pop, reach, s.sites)  # recomputed


@given(instances(), st.sampled_from([3.0, 10.0]), st.data())
def test_greedy_matches_naive_greedy_and_bound(inst, threshold: float, data) -> None:
    pop, cost, count = inst
    n = cost.shape[1]
    fixed = tuple(data.draw(st.lists(st.integers(0, n - 1), unique=True, max_size=n - count)))
    reach = cost <= threshold
    s = suggest_sites(pop, costs=cost, threshold=threshold, count=count, existing=list(fixed))
    sites, gains = naive_greedy(pop, reach, count, fixed)
    assert list(s.sites) == sites and list(s.gains) == gains
    assert s.existing_covered_population == coverage_of(pop, reach, fixed)
    assert s.covered_population == coverage_of(pop, reach, [*fixed, *s.sites])
    assert s.covered_population == pytest.approx(s.existing_covered_population + sum(s.gains))
    best = brute_optimum(pop, reach, count, fixed)
    milp = suggest_sites(
        pop, costs=cost, threshold=threshold, count=count, existing=list(fixed), method="milp"
    )
    assert milp.covered_population == best
    # greedy's guarantee, on the marginal part beyond the fixed sites
    base = s.existing_covered_population
    assert s.covered_population - base >= (1 - 1 / math.e) * (best - base) - 1e-9


@given(instances(), st.data())
def test_variable_catchments(inst, data) -> None:
    pop, cost, count = inst
    m = cost.shape[0]
    d0 = np.array(data.draw(st.lists(st.sampled_from([3.0, 8.0, 15.0]), min_size=m, max_size=m)))
    reach = cost <= d0[:, None]
    g = suggest_sites(pop, costs=cost, threshold=d0, count=count)
    assert list(g.sites) == naive_greedy(pop, reach, count)[0]
    e = suggest_sites(pop, costs=cost, threshold=d0, count=count, method="milp")
    assert e.covered_population == brute_optimum(pop, reach, count)
    assert g.thresholds is not None and g.threshold == float(d0.max())


@given(instances(max_n=5), st.lists(st.integers(0, 20), min_size=9, max_size=9))
def test_adding_a_candidate_never_lowers_the_optimum(inst, column) -> None:
    pop, cost, count = inst
    more = np.column_stack([cost, np.array(column[: cost.shape[0]], float)])
    a = suggest_sites(pop, costs=cost, threshold=6, count=count, method="milp")
    b = suggest_sites(pop, costs=more, threshold=6, count=count, method="milp")
    assert b.covered_population >= a.covered_population


@given(st.data())
def test_great_circle_mode_matches_dense_haversine(data) -> None:
    m = data.draw(st.integers(1, 10))
    n = data.draw(st.integers(1, 5))
    coords = st.tuples(st.floats(113.60, 113.63), st.floats(34.74, 34.76))
    dem = data.draw(st.lists(coords, min_size=m, max_size=m))
    can = data.draw(st.lists(coords, min_size=n, max_size=n))
    pop = np.array(data.draw(st.lists(st.integers(0, 50), min_size=m, max_size=m)), float)
    d = Points([p[0] for p in dem], [p[1] for p in dem], weight=pop)
    c = Points([p[0] for p in can], [p[1] for p in can])
    dense = great_circle_distance(d.lon[:, None], d.lat[:, None], c.lon[None, :], c.lat[None, :])
    count = data.draw(st.integers(0, n))
    s = suggest_sites(d, c, radius=800, count=count, method="milp")
    assert s.covered_population == brute_optimum(pop, dense <= 800, count)


@given(instances(), st.lists(st.floats(0, 1), min_size=9, max_size=9))
def test_greedy_with_fractional_population(inst, fractions) -> None:
    pop, cost, count = inst
    pop = pop + np.array(fractions[: pop.size]) / 3  # not exact in binary
    reach = cost <= 10
    s = suggest_sites(pop, costs=cost, threshold=10, count=count)
    sites, gains = naive_greedy(pop, reach, count)
    assert s.gains == pytest.approx(gains, rel=1e-9, abs=1e-9)
    assert s.covered_population == pytest.approx(coverage_of(pop, reach, sites), rel=1e-12)


# --------------------------------------------------------------- capacities


def served_by_flow(pop, reach, caps, sites) -> float:
    """Independent oracle: networkx maximum flow source -> demand -> site -> sink."""
    g = nx.DiGraph()
    for i, p in enumerate(pop):
        g.add_edge("s", ("d", i), capacity=float(p))
        for j in sites:
            if reach[i, j]:
                g.add_edge(("d", i), ("f", j), capacity=math.inf)
    for j in sites:
        g.add_edge(("f", j), "t", capacity=float(caps[j]))
    if "t" not in g or "s" not in g:
        return 0.0
    return float(nx.maximum_flow_value(g, "s", "t"))


def test_capacitated_worked_example() -> None:
    s = suggest_sites(
        POP, costs=MINUTES, threshold=10, count=2, method="milp", capacity=[600, 1000, 300]
    )
    # site 0 can serve 600 of the 800 in reach, site 2 300 of 400; site 1 only 200
    assert s.sites == (0, 2) and s.gains == (600.0, 300.0) and s.capacitated
    assert s.covered_population == 900.0 and s.covered.tolist() == [True, True, False, True]


@given(instances(max_n=4), st.data())
def test_capacitated_milp_equals_brute_force_max_flow(inst, data) -> None:
    pop, cost, count = inst
    n = cost.shape[1]
    caps = np.array(data.draw(st.lists(st.integers(0, 150), min_size=n, max_size=n)), float)
    fixed = tuple(data.draw(st.lists(st.integers(0, n - 1), unique=True, max_size=n - count)))
    reach = cost <= 8
    s = suggest_sites(
        pop,
        costs=cost,
        threshold=8,
        count=count,
        method="milp",
        capacity=caps,
        existing=list(fixed),
    )
    free = [j for j in range(n) if j not in fixed]
    best = max(
        served_by_flow(pop, reach, caps, [*fixed, *combo])
        for combo in itertools.combinations(free, count)
    )
    assert s.covered_population == pytest.approx(best, abs=1e-6)
    assert s.covered_population == pytest.approx(
        served_by_flow(pop, reach, caps, [*fixed, *s.sites]), abs=1e-6
    )
    assert s.existing_covered_population == pytest.approx(
        served_by_flow(pop, reach, caps, fixed), abs=1e-6
    )
    assert sum(s.gains) == pytest.approx(s.covered_population - s.existing_covered_population)
    # capacities never help: the uncapacitated optimum is an upper bound
    free_cover = suggest_sites(
        pop, costs=cost, threshold=8, count=count, method="milp", existing=list(fixed)
    )
    assert s.covered_population <= free_cover.covered_population + 1e-6


@given(instances(max_n=4), st.data())
def test_capacitated_greedy_matches_naive_greedy_with_flows(inst, data) -> None:
    pop, cost, count = inst
    n = cost.shape[1]
    caps = np.array(data.draw(st.lists(st.integers(0, 150), min_size=n, max_size=n)), float)
    fixed = data.draw(st.lists(st.integers(0, n - 1), unique=True, max_size=n - count))
    reach = cost <= 8
    s = suggest_sites(
        pop, costs=cost, threshold=8, count=count, capacity=caps, existing=list(fixed)
    )
    chosen = list(fixed)
    sites, gains = [], []
    for _ in range(count):
        now = served_by_flow(pop, reach, caps, chosen)
        best, best_gain = None, -1.0
        for j in range(n):
            if j not in chosen:
                gain = served_by_flow(pop, reach, caps, [*chosen, j]) - now
                if gain > best_gain + 1e-9:
                    best, best_gain = j, gain
        chosen.append(best)
        sites.append(best)
        gains.append(best_gain)
    assert list(s.sites) == sites
    assert list(s.gains) == pytest.approx(gains, abs=1e-6)
    assert s.covered_population == pytest.approx(served_by_flow(pop, reach, caps, chosen))
    exact = suggest_sites(
        pop,
        costs=cost,
        threshold=8,
        count=count,
        capacity=caps,
        existing=list(fixed),
        method="milp",
    )
    base = s.existing_covered_population
    assert (
        s.covered_population - base >= (1 - 1 / math.e) * (exact.covered_population - base) - 1e-6
    )


def test_capacity_bad_input() -> None:
    with pytest.raises(InvalidInputError, match=r"capacity=2 values: must have one value per"):
        suggest_sites(POP, costs=MINUTES, threshold=10, count=1, method="milp", capacity=[1, 1])
    with pytest.raises(InvalidInputError, match=r"capacity\[1\]=-1.0: capacity must be"):
        suggest_sites(
            POP, costs=MINUTES, threshold=10, count=1, method="milp", capacity=[1, -1, 1]
        )


# ---------------------------------------------------------------- bad input


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"count": 3, "existing": [0]}, InvalidInputError, r"count=3: must be <= 2"),
        ({"count": 4}, InvalidInputError, r"count=4: must be <= 3"),
        ({"count": -1}, InvalidInputError, r"count=-1: must be >= 0"),
        ({"count": True}, InvalidInputError, r"count=True: must be an int"),
        ({"count": 1, "method": "exact"}, InvalidInputError, r"method='exact': expected one of"),
        ({"count": 1, "existing": [5]}, InvalidInputError, r"existing=5: candidate index out of"),
        ({"count": 1, "existing": [0, 0]}, InvalidInputError, r"listed only once"),
        ({"count": 1, "existing": ["x"]}, InvalidInputError, r"existing='x': expected candidate"),
        ({"count": 1, "threshold": None}, InvalidInputError, r"needs a threshold"),
        ({"count": 1, "radius": 5}, InvalidInputError, r"radius=5: give either radius"),
        ({"count": 1, "time_limit": -2}, InvalidInputError, r"time_limit=-2: must be a number"),
    ],
)
def test_bad_arguments(kwargs, error, match: str) -> None:
    args = {"costs": MINUTES, "threshold": 10, **kwargs}
    with pytest.raises(error, match=match):
        suggest_sites(POP, **args)


def test_bad_population_and_modes() -> None:
    with pytest.raises(InvalidInputError, match=r"demand\[1\]=-3.0: population must be"):
        suggest_sites([1, -3, 1, 1], costs=MINUTES, threshold=10, count=1)
    with pytest.raises(InvalidInputError, match=r"give radius \(with Points\) or costs"):
        suggest_sites(POP, count=1)
    with pytest.raises(InvalidInputError, match="radius needs demand and candidates as Points"):
        suggest_sites(POP, radius=500, count=1)
    p = Points([113.6], [34.7])
    with pytest.raises(InvalidInputError, match=r"radius=0 m: must be > 0 m"):
        suggest_sites(p, p, radius=0, count=1)
    with pytest.raises(InvalidInputError, match=r"existing=a Points layer: .* needs radius"):
        suggest_sites(POP, costs=MINUTES, threshold=10, count=1, existing=p)


def test_three_by_three_list_is_ambiguous_and_huge_numbers_refused() -> None:
    """A 3x3 list of lists was read as a long table; as an array it is a matrix."""
    rows = [[0, 1, 5], [1, 0, 3], [2, 1, 7]]
    with pytest.raises(
        InvalidInputError, match=r"costs=list of 3 rows of 3: ambiguous: 3 rows of 3 values"
    ):
        suggest_sites([1, 1, 1], costs=rows, threshold=1, count=1)
    s = suggest_sites([1, 1, 1], costs=np.array(rows), threshold=1, count=1)
    assert s.sites == (1,) and s.covered_population == 3.0  # matrix: column 1 is <= 1 in all
    with pytest.raises(
        InvalidInputError, match=r"demand\[0\]=<int of about 401 digits>: population must fit"
    ):
        suggest_sites([10**400], costs=np.array([[1.0]]), threshold=1, count=1)
    with pytest.raises(InvalidInputError, match=r"demand\[1\]=1e\+308 persons: must be <= 1e\+15"):
        suggest_sites([1.0, 1e308], costs=np.array([[1.0], [1.0]]), threshold=5, count=1)
    with pytest.raises(InvalidInputError, match=r"threshold=<int of about 401 digits>"):
        suggest_sites([1.0], costs=np.array([[1.0]]), threshold=10**400, count=1)
    with pytest.raises(InvalidInputError, match=r"costs=.*supply index out of range"):
        suggest_sites([1.0, 1.0], costs=[(0, 2**63, 1.0)], threshold=5, count=1)


def test_large_selection_has_a_short_repr_and_a_frame() -> None:
    rng = np.random.default_rng(0)
    costs = rng.uniform(0, 10, size=(60, 2520))
    s = suggest_sites(rng.integers(1, 100, 60).tolist(), costs=costs, threshold=1.0, count=25)
    text = repr(s)
    assert len(text) < 300 and "... 15 more" in text and "share=" in text
    html = s._repr_html_()
    assert html.count("<tr>") == 21 and "5 more rows" in html  # a header and 20 sites
    frame = s.to_frame()
    assert frame["site"].tolist() == list(s.sites)
    assert frame["gain_persons"].sum() == pytest.approx(
        s.covered_population - s.existing_covered_population
    )


@given(
    st.integers(0, 2**32 - 1),
    st.sampled_from([2, 3]),
    st.booleans(),
    st.sampled_from(HIGHS_PATHS),
)
def test_milp_with_reduced_cost_fixing_equals_brute_force(
    seed: int, count: int, whole: bool, path: str
) -> None:
    # big enough that the LP relaxation, the swap search and the reduced-cost
    # fixing run (more useful candidates than `count`, rows shared by several)
    rng = np.random.default_rng(seed)
    xy = rng.uniform(0, 10, size=(40, 2))
    sites = rng.uniform(0, 10, size=(12, 2))
    cost = np.linalg.norm(xy[:, None, :] - sites[None, :, :], axis=2)
    pop = rng.integers(1, 50, size=40).astype(float)
    if not whole:
        pop = pop + rng.uniform(0, 1, size=40)
    reach = cost <= 3.0
    with highs_path(path) as solver:
        s = suggest_sites(
            pop, costs=cost, threshold=3.0, count=count, method="milp", solver=solver
        )
    best = max(coverage_of(pop, reach, c) for c in itertools.combinations(range(12), count))
    assert s.covered_population == pytest.approx(best, rel=1e-12)
    assert s.optimal is True
