"""Tests for ``sportsgov.coverage.location.median``: p-median, p-center vs spopt, brute force."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest
from hypothesis import given, settings
from spopt.locate import PCenter, PMedian
from tests.coverage.location.oracle import SEEDS, cbc, instance, spopt_value, tiny

from sportsgov.coverage.location import p_center, p_median

MINUTES = np.array([[5, 20, 30], [8, 12, 30], [30, 9, 14], [30, 30, 6]], dtype=float)


POP = [500, 300, 200, 400]


def test_existing_sites_by_id() -> None:
    s = p_median(POP, ["a", "b", "c"], costs=MINUTES, count=1, existing=["c"])
    assert s.site_ids == ("a",) and s.existing == (2,)
    assert s.existing_covered_population == 600.0


@pytest.mark.parametrize("seed", SEEDS)
def test_p_median_same_optimum_as_spopt(seed: int) -> None:
    costs, w, p, _ = instance(seed)
    ref = spopt_value(lambda: PMedian.from_cost_matrix(costs, w, p).solve(cbc()))
    s = p_median(w, costs=costs, count=p)
    assert s.objective == pytest.approx(ref, abs=1e-6) and s.optimal
    h = p_median(w, costs=costs, count=p, method="heuristic")
    assert h.objective >= s.objective - 1e-9 and h.gap is None and not h.optimal


@pytest.mark.parametrize("seed", SEEDS)
def test_p_median_with_existing_same_as_spopt(seed: int) -> None:
    costs, w, p, _ = instance(seed)
    n = costs.shape[1]
    p = min(p, n - 1)
    ref = spopt_value(
        lambda: PMedian.from_cost_matrix(
            costs, w, p + 1, predefined_facilities_arr=np.array([n - 1])
        ).solve(cbc())
    )
    s = p_median(w, costs=costs, count=p, existing=[n - 1])
    assert s.objective == pytest.approx(ref, abs=1e-6)


@pytest.mark.parametrize("seed", SEEDS)
def test_capacitated_p_median_same_as_spopt(seed: int) -> None:
    costs, w, p, _ = instance(seed)
    n = costs.shape[1]
    p = max(p, 2)
    caps = np.full(n, math.ceil(float(w.sum()) / p) + 1.0)
    ref = spopt_value(
        lambda: PMedian.from_cost_matrix(costs, w, p, facility_capacities=caps).solve(cbc())
    )
    s = p_median(w, costs=costs, count=p, capacities=caps)
    assert s.objective == pytest.approx(ref, rel=1e-9, abs=1e-6)


@pytest.mark.parametrize("seed", SEEDS)
def test_p_center_same_optimum_as_spopt(seed: int) -> None:
    costs, w, p, _ = instance(seed)
    ref = spopt_value(lambda: PCenter.from_cost_matrix(costs, p).solve(cbc()))
    s = p_center(w, costs=costs, count=p)
    assert s.objective == ref == costs[:, list(s.sites)].min(axis=1).max()


@settings(max_examples=40, deadline=None)
@given(tiny())
def test_p_median_and_p_center_equal_brute_force(inst: tuple[np.ndarray, np.ndarray, int]) -> None:
    costs, w, p = inst
    n = costs.shape[1]
    subsets = [list(s) for s in itertools.combinations(range(n), p)]
    median = min(float((w * costs[:, s].min(axis=1)).sum()) for s in subsets)
    center = min(float(costs[:, s].min(axis=1).max()) for s in subsets)
    assert p_median(w, costs=costs, count=p).objective == pytest.approx(median)
    assert p_median(w, costs=costs, count=p, method="heuristic").objective >= median - 1e-9
    assert p_center(w, costs=costs, count=p).objective == center
