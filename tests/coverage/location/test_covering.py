"""Tests for ``sportsgov.coverage.location.covering``: LSCP, LSCP-B vs spopt, brute force."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from spopt.locate import LSCP, LSCPB
from tests.coverage.location.oracle import SEEDS, cbc, instance, spopt_value, tiny

from sportsgov.coverage.location import lscp, lscp_b
from sportsgov.errors import InfeasibleError


@pytest.mark.parametrize("seed", SEEDS)
def test_lscp_same_optimum_as_spopt(seed: int) -> None:
    costs, w, _, t = instance(seed)
    ref = spopt_value(lambda: LSCP.from_cost_matrix(costs, t).solve(cbc()))
    s = lscp(w, costs=costs, threshold=t)
    assert s.objective == ref and s.optimal and s.gap == 0.0
    assert (costs[:, list(s.sites)].min(axis=1) <= t).all()
    greedy = lscp(w, costs=costs, threshold=t, method="greedy")
    assert greedy.objective >= s.objective and greedy.covered.all()


@pytest.mark.parametrize("seed", SEEDS)
def test_lscp_with_existing_same_as_spopt(seed: int) -> None:
    costs, w, _, t = instance(seed)
    fixed = [0, costs.shape[1] - 1]
    ref = spopt_value(
        lambda: LSCP.from_cost_matrix(costs, t, predefined_facilities_arr=np.array(fixed)).solve(
            cbc()
        )
    )
    s = lscp(w, costs=costs, threshold=t, existing=fixed)
    assert s.objective + len(fixed) == ref  # spopt counts the predefined sites too


@pytest.mark.parametrize("seed", SEEDS)
def test_capacitated_lscp_same_as_spopt(seed: int) -> None:
    costs, w, _, t = instance(seed)
    caps = np.full(costs.shape[1], float(w.sum()) / 2)
    ref = spopt_value(
        lambda: LSCP.from_cost_matrix(
            costs, t, demand_quantity_arr=w, facility_capacity_arr=caps
        ).solve(cbc())
    )
    s = lscp(w, costs=costs, threshold=t, capacities=caps)
    assert s.objective == ref
    assert set(np.unique(s.assignment)) <= set(s.sites) and s.optimal


@pytest.mark.parametrize("seed", SEEDS)
def test_lscp_b_matches_spopt_less_its_single_reach_rows(seed: int) -> None:
    costs, _, _, t = instance(seed)
    m = costs.shape[0]
    ref = spopt_value(lambda: LSCPB.from_cost_matrix(costs, t, cbc()).solve())
    single = int(((costs <= t).sum(axis=1) < 2).sum())
    s = lscp_b(np.ones(m), costs=costs, threshold=t)
    assert s.objective == round(ref) - single
    assert len(s.sites) == lscp(np.ones(m), costs=costs, threshold=t).objective


@settings(max_examples=40, deadline=None)
@given(tiny(), st.integers(0, 9))
def test_lscp_equals_brute_force(inst: tuple[np.ndarray, np.ndarray, int], t: int) -> None:
    costs, w, _ = inst
    n = costs.shape[1]
    reach = costs <= t
    if not reach.any(axis=1).all():
        with pytest.raises(InfeasibleError, match=r"demand=\[.*\]: no candidate within"):
            lscp(w, costs=costs, threshold=t)
        return
    best = min(
        k
        for k in range(1, n + 1)
        for sub in itertools.combinations(range(n), k)
        if reach[:, list(sub)].any(axis=1).all()
    )
    assert lscp(w, costs=costs, threshold=t).objective == best


@settings(max_examples=40, deadline=None)
@given(tiny(), st.integers(0, 9))
def test_lscp_b_equals_brute_force(inst: tuple[np.ndarray, np.ndarray, int], t: int) -> None:
    costs, w, _ = inst
    n = costs.shape[1]
    reach = costs <= t
    if not reach.any(axis=1).all():
        return
    size = min(
        k
        for k in range(1, n + 1)
        for s in itertools.combinations(range(n), k)
        if reach[:, list(s)].any(axis=1).all()
    )
    best = max(
        float(w[reach[:, list(s)].sum(axis=1) >= 2].sum())
        for s in itertools.combinations(range(n), size)
        if reach[:, list(s)].any(axis=1).all()
    )
    assert lscp_b(w, costs=costs, threshold=t).objective == best
