"""Tests for ``sportsgov.coverage.location.dispersion``: p-dispersion vs spopt, brute force."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from spopt.locate import PDispersion
from tests.coverage.location.oracle import SEEDS, cbc, spopt_value

from sportsgov.coverage.location import p_dispersion


@pytest.mark.parametrize("seed", SEEDS)
def test_p_dispersion_same_optimum_as_spopt(seed: int) -> None:
    rng = np.random.default_rng(seed)
    n = int(rng.integers(4, 10))
    xy = rng.uniform(0, 100, (n, 2))
    km = np.round(np.linalg.norm(xy[:, None] - xy[None], axis=2))
    p = int(rng.integers(2, n))
    ref = spopt_value(lambda: PDispersion.from_cost_matrix(km, p).solve(cbc()))
    s = p_dispersion(km, count=p)
    assert s.objective == ref and len(s.sites) == p
    g = p_dispersion(km, count=p, method="greedy")
    assert g.objective <= s.objective


@settings(max_examples=30, deadline=None)
@given(st.integers(3, 7), st.data())
def test_p_dispersion_equals_brute_force(n: int, data: st.DataObject) -> None:
    values = data.draw(st.lists(st.integers(1, 20), min_size=n * n, max_size=n * n))
    km = np.array(values, dtype=float).reshape(n, n)
    p = data.draw(st.integers(2, n))
    dist = np.minimum(km, km.T)
    best = max(
        min(dist[i, j] for i, j in itertools.combinations(s, 2))
        for s in itertools.combinations(range(n), p)
    )
    assert p_dispersion(km, count=p).objective == best


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
