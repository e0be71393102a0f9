"""Inverse questions (sportsgov.planning.inverse).

Independent checks: area to add by hand (2.65 m² per resident, Zhengzhou 2024 work
points) with a projected population; partial set cover against brute force over all
subsets and against the exact maximal-covering model (suggest_sites, method="milp"):
the fewest sites p* reach the share, and the best p* - 1 sites do not.
"""

from __future__ import annotations

import itertools
from decimal import Decimal

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sportsgov.coverage import suggest_sites
from sportsgov.errors import DataError, InfeasibleError, InvalidInputError
from sportsgov.money import Money
from sportsgov.planning import area_to_add, sites_to_reach
from sportsgov.regions import PopulationTable


def test_area_to_add_by_hand_with_projection() -> None:
    pop = PopulationTable(
        {("D", 2021): 400_000, ("D", 2022): 410_000, ("D", 2023): 420_000}
    ).project(2025, method="linear")
    assert pop.get("D", 2025) == 440_000
    plan = area_to_add(
        Decimal("2.65"),
        {"D": 1_000_000},
        pop,
        year=2025,
        mix={"fitness_path": "0.5", "basketball": "0.5"},
        unit_costs={"fitness_path": "200元", "basketball": "350.50元"},
    )
    r = plan.row("D")
    # 2.65 * 440,000 = 1,166,000 m² needed; 166,000 to add; 83,000 each
    assert (r.needed, r.to_add) == (Decimal("1166000.00"), Decimal("166000.00"))
    assert r.by_kind == {"fitness_path": Decimal("83000.00"), "basketball": Decimal("83000.00")}
    assert r.cost_by_kind["basketball"] == Money.yuan("29091500.00")
    assert r.cost == Money.yuan(83_000 * 200) + Money.yuan("29091500.00")
    assert plan.total_cost == r.cost
    assert plan.population_source.startswith("linear projection to 2025")
    assert plan.to_data()["rows"][0]["to_add"] == "166000.00"


def test_area_to_add_errors() -> None:
    pop = PopulationTable({("D", 2024): 10})
    with pytest.raises(InvalidInputError, match=r"shares must sum to 1"):
        area_to_add(2, {"D": 0}, pop, year=2024, mix={"gym": "0.5"})
    with pytest.raises(InvalidInputError, match=r"no unit cost for gym"):
        area_to_add(2, {"D": 0}, pop, year=2024, mix={"gym": 1}, unit_costs={"pool": "1元"})
    with pytest.raises(DataError, match=r"region='D' year=2025: no population.*project it first"):
        area_to_add(2, {"D": 0}, pop, year=2025)
    with pytest.raises(InvalidInputError, match=r"target=-1: must be a finite number >= 0"):
        area_to_add(-1, {"D": 0}, pop, year=2024)
    plan = area_to_add(2, {"D": 0}, pop, year=2024, unit_costs={"*": "10元"})
    assert plan.total_cost == Money.yuan(200)


def brute_cover(pop, reach, labels, share, price):
    regions = sorted(set(labels))
    best = None
    n = reach.shape[1]
    for k in range(n + 1):
        for combo in itertools.combinations(range(n), k):
            cov = reach[:, list(combo)].any(axis=1) if combo else np.zeros(len(pop), bool)
            ok = all(
                pop[(labels == r) & cov].sum() >= share * pop[labels == r].sum() - 1e-9
                for r in regions
            )
            if ok:
                c = float(price[list(combo)].sum())
                if best is None or c < best:
                    best = c
    return best


@settings(max_examples=40, deadline=None)
@given(
    st.integers(2, 7),
    st.integers(1, 6),
    st.data(),
)
def test_partial_cover_matches_brute_force(m, n, data) -> None:
    pop = np.array(data.draw(st.lists(st.integers(0, 50), min_size=m, max_size=m)), dtype=float)
    reach = np.array(
        data.draw(
            st.lists(st.lists(st.booleans(), min_size=n, max_size=n), min_size=m, max_size=m)
        )
    )
    labels = np.array(data.draw(st.lists(st.sampled_from("AB"), min_size=m, max_size=m)))
    share = data.draw(st.sampled_from([Decimal("0.5"), Decimal("0.8"), Decimal(1)]))
    price = np.array(data.draw(st.lists(st.integers(1, 9), min_size=n, max_size=n)), dtype=float)
    expected = brute_cover(pop, reach, labels, float(share), price)
    if expected is None:
        with pytest.raises(InfeasibleError, match="even every candidate leaves"):
            sites_to_reach(pop, reach, share=share, by=labels, site_costs=price)
        return
    exact = sites_to_reach(pop, reach, share=share, by=labels, site_costs=price)
    assert exact.cost == pytest.approx(expected) and exact.optimal
    assert all(exact.covered[r] >= exact.required[r] - 1e-9 for r in exact.required)
    greedy = sites_to_reach(pop, reach, share=share, by=labels, site_costs=price, method="greedy")
    assert all(greedy.covered[r] >= greedy.required[r] - 1e-9 for r in greedy.required)
    assert exact.lower_bound - 1e-6 <= exact.cost <= greedy.cost


def test_fewest_sites_agree_with_the_exact_siting_model() -> None:
    rng = np.random.default_rng(7)
    m, n = 60, 25
    pop = rng.integers(1, 100, m).astype(float)
    costs = rng.uniform(0, 3000, (m, n))
    threshold = 800.0
    plan = sites_to_reach(pop, costs, share="0.7", threshold=threshold)
    p = len(plan.sites)
    required = 0.7 * pop.sum()
    best = suggest_sites(pop, costs=costs, threshold=threshold, count=p, method="milp")
    assert best.covered_population >= required - 1e-9
    fewer = suggest_sites(pop, costs=costs, threshold=threshold, count=p - 1, method="milp")
    assert fewer.covered_population < required
    assert plan.covered["all"] >= required - 1e-9


def test_bad_inputs() -> None:
    reach = np.eye(2, dtype=bool)
    with pytest.raises(InvalidInputError, match=r"share=2: must be in \[0, 1\]"):
        sites_to_reach([1, 1], reach, share=2)
    with pytest.raises(InvalidInputError, match="costs need a threshold"):
        sites_to_reach([1, 1], np.eye(2), share="0.5")
    with pytest.raises(InvalidInputError, match="method='best'"):
        sites_to_reach([1, 1], reach, share="0.5", method="best")  # type: ignore[arg-type]
