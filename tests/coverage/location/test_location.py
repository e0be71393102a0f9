"""Location-allocation models (sportsgov.coverage.location) and the exact MCLP path.

Oracles:

* spopt 0.7 (PySAL) solving the same instances with CBC: same objective value
  for LSCP (also with existing sites and capacities), MCLP, p-median (also
  capacitated), p-center and p-dispersion. spopt's LSCP-B counts every demand
  location that only one candidate reaches as "backed up" (its backup
  constraint for such rows is ``>= 1 + 0 * u_i``, leaving ``u_i`` free), so its
  objective is ours plus the number of those locations;
* brute force over all subsets on tiny instances;
* the plain, unreduced MCLP model solved with :func:`scipy.optimize.milp`, for
  the reductions.
"""

from __future__ import annotations

import sys

import numpy as np
import pytest
import scipy.optimize
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import sparse
from spopt.locate import MCLP, PDispersion
from tests.coverage.highs import HIGHS_PATHS, highs_path
from tests.coverage.location.oracle import SEEDS, cbc, instance, spopt_value

from sportsgov.coverage import CostTable, _milp, suggest_sites
from sportsgov.coverage.location import lscp, p_center, p_dispersion, p_median
from sportsgov.errors import InfeasibleError, InvalidInputError

# ------------------------------------------------------------ worked example

MINUTES = np.array([[5, 20, 30], [8, 12, 30], [30, 9, 14], [30, 30, 6]], dtype=float)
POP = [500, 300, 200, 400]


def test_worked_example_by_hand() -> None:
    # threshold 10: rows 0, 1 only site 0; row 2 only site 1; row 3 only site 2
    s = lscp(POP, costs=MINUTES, threshold=10)
    assert s.objective == 3.0 and sorted(s.sites) == [0, 1, 2] and s.model == "lscp"
    assert s.assignment.tolist() == [0, 0, 1, 2] and s.covered.all()
    # with 14 minutes site 2 also reaches row 2: two sites do
    s = lscp(POP, costs=MINUTES, threshold=14)
    assert s.sites == (0, 2) and s.objective == 2.0
    # p-median: 500*5 + 300*8 + 200*14 + 400*6
    m = p_median(POP, costs=MINUTES, count=2)
    assert m.objective == 10100.0 and m.assignment.tolist() == [0, 0, 2, 2]
    assert m.gains == (800.0, 600.0) and m.threshold == 14.0
    c = p_center(POP, costs=MINUTES, count=2)
    assert c.objective == 14.0 and c.threshold == 14.0
    # site 1 fixed: adding 0 leaves row 3 at 30, adding 2 leaves row 0 at 20
    c = p_center(POP, costs=MINUTES, count=1, existing=[1])
    assert c.sites == (2,) and c.objective == 20.0


# ---------------------------------------------------------------- vs spopt


@pytest.mark.parametrize("seed", SEEDS)
def test_mclp_same_optimum_as_spopt(seed: int) -> None:
    costs, w, p, t = instance(seed)
    ref = spopt_value(lambda: MCLP.from_cost_matrix(costs, w, t / 2, p).solve(cbc()))
    s = suggest_sites(w, costs=costs, threshold=t / 2, count=p, method="milp")
    assert s.covered_population == ref and s.optimal


# ----------------------------------------------------------- brute force


# ------------------------------------------- MCLP reductions keep the optimum


def plain_mclp(w: np.ndarray, costs: np.ndarray, t: float, p: int, fixed: list[int]) -> float:
    """The textbook MCLP (Church & ReVelle 1974), no reductions, scipy milp."""
    m, n = costs.shape
    a = (costs <= t).astype(float)
    # max sum w_i y_i : y_i <= sum_j a_ij x_j, sum x = p + fixed, x fixed = 1
    cover = sparse.hstack([-sparse.csr_array(a), sparse.eye_array(m)]).tocsr()
    card = sparse.csr_array(np.concatenate([np.ones(n), np.zeros(m)])[None, :])
    lower = np.zeros(n + m)
    lower[fixed] = 1
    res = scipy.optimize.milp(
        -np.concatenate([np.zeros(n), w]),
        constraints=[
            scipy.optimize.LinearConstraint(cover, -np.inf, 0),
            scipy.optimize.LinearConstraint(card, p + len(fixed), p + len(fixed)),
        ],
        integrality=np.concatenate([np.ones(n), np.zeros(m)]),
        bounds=scipy.optimize.Bounds(lower, np.ones(n + m)),
    )
    assert res.status == 0
    return float(-res.fun)


@st.composite
def clustered(draw: st.DrawFn) -> tuple[np.ndarray, np.ndarray, int, list[int]]:
    """Instances with repeated rows and nested covers, so every reduction fires."""
    m = draw(st.integers(1, 14))
    n = draw(st.integers(2, 7))
    base = np.array(
        draw(
            st.lists(st.lists(st.integers(0, 4), min_size=n, max_size=n), min_size=3, max_size=3)
        ),
        dtype=float,
    )
    rows = draw(st.lists(st.integers(0, 2), min_size=m, max_size=m))
    costs = base[rows]
    w = np.array(draw(st.lists(st.integers(0, 9), min_size=m, max_size=m)), dtype=float)
    fixed = draw(st.lists(st.integers(0, n - 1), max_size=1, unique=True))
    p = draw(st.integers(0, n - len(fixed)))
    return costs, w, p, fixed


@settings(max_examples=60, deadline=None)
@given(clustered(), st.sampled_from([0.0, 1.0, 2.0]))
def test_reductions_preserve_the_mclp_optimum(
    inst: tuple[np.ndarray, np.ndarray, int, list[int]], t: float
) -> None:
    costs, w, p, fixed = inst
    s = suggest_sites(w, costs=costs, threshold=t, count=p, existing=fixed, method="milp")
    assert s.covered_population == plain_mclp(w, costs, t, p, fixed)
    assert len(s.sites) == p and s.optimal and s.gap == 0.0


# ---------------------------------------------------- solvers, time limits


@pytest.mark.parametrize("path", [*HIGHS_PATHS, "cbc"])
def test_every_solver_finds_the_same_optimum(path: str) -> None:
    costs, w, p, t = instance(3)
    ref = suggest_sites(w, costs=costs, threshold=t / 2, count=p, method="milp")
    ref_median = p_median(w, costs=costs, count=p).objective
    ref_lscp = lscp(w, costs=costs, threshold=t).objective
    with highs_path(path) as solver:
        s = suggest_sites(w, costs=costs, threshold=t / 2, count=p, method="milp", solver=solver)
        assert s.covered_population == ref.covered_population and s.solver == solver
        assert p_median(w, costs=costs, count=p, solver=solver).objective == pytest.approx(
            ref_median
        )
        assert lscp(w, costs=costs, threshold=t, solver=solver).objective == ref_lscp


def city(seed: int, m: int = 1500, n: int = 300) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    xy = rng.uniform(0, 10_000, (m, 2))
    sites = rng.uniform(0, 10_000, (n, 2))
    return rng.integers(1, 100, m).astype(float), np.linalg.norm(xy[:, None] - sites[None], axis=2)


@pytest.mark.parametrize("path", HIGHS_PATHS)
def test_time_limit_returns_at_least_greedy(path: str) -> None:
    pop, dist = city(1)
    greedy = suggest_sites(pop, costs=dist, threshold=1500, count=12)
    with highs_path(path) as solver:
        s = suggest_sites(
            pop, costs=dist, threshold=1500, count=12, method="milp", time_limit=0.05,
            solver=solver,
        )  # fmt: skip
    assert len(s.sites) == 12
    assert s.covered_population >= greedy.covered_population
    assert s.gap is not None and s.gap >= 0.0
    if s.optimal:
        assert s.gap == 0.0


def test_time_limit_fallback_when_the_solver_has_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    class Fake:
        status = 1
        x = None
        message = "Time limit reached"
        mip_dual_bound = None

    pop, dist = city(2, 200, 40)
    greedy = suggest_sites(pop, costs=dist, threshold=2500, count=5)
    monkeypatch.setattr(_milp, "_highs_backend", lambda: "scipy")
    monkeypatch.setattr(scipy.optimize, "milp", lambda *a, **k: Fake())
    s = suggest_sites(pop, costs=dist, threshold=2500, count=5, method="milp", time_limit=1)
    # the fallback is greedy improved by swaps: never worse than greedy
    assert not s.optimal and s.covered_population >= greedy.covered_population
    assert s.gap is not None and 0.0 <= s.gap < 1.0
    h = p_median(pop, costs=dist, count=4, time_limit=1)
    assert not h.optimal
    assert h.objective == p_median(pop, costs=dist, count=4, method="heuristic").objective


def test_heuristic_gap_is_measured() -> None:
    pop, dist = city(4, 300, 40)
    exact = p_median(pop, costs=dist, count=6)
    fast = p_median(pop, costs=dist, count=6, method="heuristic")
    gap = (fast.objective - exact.objective) / exact.objective
    assert 0.0 <= gap < 0.05  # Teitz-Bart is usually within a few per cent


# ---------------------------------------------------------------- errors


def test_unknown_solver_lists_the_choices() -> None:
    with pytest.raises(
        InvalidInputError, match=r"solver='gurobi': expected one of 'highs', 'highspy', 'cbc'"
    ):
        lscp(POP, costs=MINUTES, threshold=10, solver="gurobi")
    with pytest.raises(InvalidInputError, match=r"solver='glpk'"):
        suggest_sites(POP, costs=MINUTES, threshold=10, count=1, method="milp", solver="glpk")


def test_missing_solver_package_names_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pulp", None)  # its import then fails: "not installed"
    with pytest.raises(
        InvalidInputError,
        match=r"solver='cbc': needs the 'pulp' package, which is not installed "
        r"\(pip install 'sportsgov\[solvers\]'\)",
    ):
        p_median(POP, costs=MINUTES, count=1, solver="cbc")


def test_lscp_names_unreachable_demand() -> None:
    with pytest.raises(
        InfeasibleError, match=r"demand=\['far'\]: no candidate within threshold=10"
    ):
        lscp({"near": 10, "far": 5}, costs=np.array([[1.0], [50.0]]), threshold=10)
    table = CostTable.from_rows([(0, 0, 1.0)], shape=(2, 1))
    with pytest.raises(InfeasibleError, match=r"demand=\[1\]: no candidate within the cost table"):
        p_median([1, 1], costs=table, count=1)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (
            lambda: lscp(POP, costs=MINUTES, threshold=10, method="fast"),
            r"method='fast': expected",
        ),
        (lambda: lscp(POP, costs=MINUTES, threshold=-1), r"threshold=-1: must be a finite"),
        (
            lambda: lscp(POP, costs=MINUTES, threshold=40, capacities=[9, 9, 9], method="greedy"),
            r"method='greedy': capacities need method='milp'",
        ),
        (lambda: p_median(POP, costs=MINUTES, count=0), r"count=0: must be >= 1"),
        (lambda: p_median(POP, costs=MINUTES, count=3, existing=[0]), r"count=3: must be <= 2"),
        (lambda: p_center(POP, costs=MINUTES, count=1, time_limit=0), r"time_limit=0: must be"),
        (
            lambda: p_median(POP, costs=MINUTES, count=1, capacities=[1, 2]),
            r"capacities=.*: must have one value per candidate \(3\)",
        ),
        (
            lambda: p_dispersion(np.array([[0, 1, np.inf], [1, 0, 2], [np.inf, 2, 0]]), count=2),
            r"candidates_costs=pair \(0, 2\) missing: every pair of candidates needs a cost",
        ),
        (
            lambda: p_dispersion(np.ones((3, 3)), count=1),
            r"count=1: p-dispersion needs at least 2 sites",
        ),
    ],
)
def test_bad_input(call: object, message: str) -> None:
    with pytest.raises(InvalidInputError, match=message):
        call()  # type: ignore[operator]


def test_p_dispersion_on_metre_distances_solves() -> None:
    # scipy's HiGHS once failed ("Solve error") on this big-M model in metres
    rng = np.random.default_rng(4)
    rng.uniform(0, 10_000, (300, 2))
    xy = rng.uniform(0, 10_000, (40, 2))
    km = np.linalg.norm(xy[:, None] - xy[None], axis=2)
    s = p_dispersion(km, count=6)
    ref = spopt_value(lambda: PDispersion.from_cost_matrix(km, 6).solve(cbc()))
    assert s.optimal and s.objective == pytest.approx(ref, rel=1e-6)  # CBC prints 4 decimals
    assert s.objective >= p_dispersion(km, count=6, method="greedy").objective


@pytest.mark.parametrize("k", [1, 5, 8])
def test_p_median_on_k_nearest_pairs(k: int) -> None:
    """spopt's KNearestPMedian restricts each demand point to its k nearest candidates:
    a sparse cost table does the same here; never better than the full model, equal at k = n."""
    rng = np.random.default_rng(7)
    m, n = 30, 8
    d = rng.uniform(0, 10, (m, n))
    full = p_median(np.ones(m), costs=d, count=3)
    rows = [(i, int(j), float(d[i, j])) for i in range(m) for j in np.argsort(d[i])[:k]]
    table = CostTable.from_rows(rows, shape=(m, n))
    if k == 1:  # every point reaches only its nearest candidate: 3 sites cannot serve all
        with pytest.raises(InfeasibleError, match="infeasible"):
            p_median(np.ones(m), costs=table, count=3)
        return
    near = p_median(np.ones(m), costs=table, count=3)
    assert near.objective >= full.objective - 1e-9
    if k == n:
        assert near.objective == pytest.approx(full.objective)
