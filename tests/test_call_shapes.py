"""The call shapes other code relies on (the public API contract), exactly as promised.

Every line of that section is exercised here through the package root and through the topic
module, so a rename or a changed signature fails loudly.
"""

from __future__ import annotations

import datetime as dt
import importlib
from decimal import Decimal
from fractions import Fraction

import numpy as np
import pytest

import sportsgov
from sportsgov import (
    Inventory,
    Money,
    Period,
    Points,
    PopulationTable,
    QuotaStandard,
    RegionTree,
    SubsidyLedger,
    SubsidyProgram,
    allocate,
    apportion,
    as_quantity,
    assess,
    circle_coverage,
    enhanced_two_step_fca,
    factor_allocation,
    gcj02_to_wgs84,
    per_capita_area,
    pitches_per_10k,
    plans,
    score,
    suggest_sites,
    time_progress,
    two_step_fca,
    wgs84_to_gcj02,
)
from sportsgov.units import Q_


def test_foundation_shapes() -> None:
    seats = apportion(
        10, {"A": 5, "B": 3, "C": 2}, method="hamilton", floors=None, caps=None, ties="error"
    ).seats
    assert seats == {"A": 5, "B": 3, "C": 2}
    assert Money.parse("7668.28万元") == Money.yuan("76682800")
    assert Money.yuan("12.50") == Money(1250)
    parts = allocate(Money.parse("7668.28万元"), [1, 1, 1])
    assert isinstance(parts, list) and sum(parts) == Money.parse("7668.28万元")
    assert as_quantity("6.1万亩").to("m^2").magnitude == pytest.approx(61_000 * 10_000 / 15)
    assert as_quantity(5, "m^2") == Q_(5, "m^2")
    assert Period.year(2024) == Period.parse("2024")
    assert Period.quarter(2024, 2) == Period.parse("2024-Q2")
    assert Period.parse("2020-06/2022-08").end == dt.date(2022, 8, 31)
    assert time_progress(Period.year(2024), dt.date(2024, 12, 31)) == Fraction(1)


@pytest.fixture(scope="module")
def city() -> tuple[RegionTree, PopulationTable, Inventory]:
    tree = RegionTree.from_records(
        [
            {"code": "C", "name": "City", "level": "city", "parent": None, "settlement": "mixed"},
            {
                "code": "D1",
                "name": "East",
                "level": "district",
                "parent": "C",
                "settlement": "urban",
            },
            {
                "code": "D2",
                "name": "North",
                "level": "county",
                "parent": "C",
                "settlement": "rural",
            },
        ]
    )
    pop = PopulationTable.from_records(
        [
            {"region": "D1", "year": 2023, "population": 200_000},
            {"region": "D2", "year": 2023, "population": 100_000},
        ],
        tree=tree,
    )
    inv = Inventory.from_records(
        [
            {"id": "a", "kind": "football_11", "region": "D1", "area": 8000,
             "lon": 113.6, "lat": 34.7, "opened": "2020-01-01", "closed": None},
            {"id": "b", "kind": "football_5", "region": "D2", "area": 1000,
             "lon": 113.7, "lat": 34.8, "opened": dt.date(2021, 1, 1), "closed": None},
            {"id": "c", "kind": "gym", "region": "D2", "area": 500, "lon": 113.7, "lat": 34.81,
             "opened": "2019-01-01", "closed": "2022-01-01"},
        ]
    )  # fmt: skip
    return tree, pop, inv


def test_model_and_indicator_shapes(city: tuple[RegionTree, PopulationTable, Inventory]) -> None:
    tree, pop, inv = city
    as_of = dt.date(2023, 12, 31)
    value = per_capita_area(inv, pop, region="C", as_of=as_of, tree=tree).value
    assert value.to("m^2/person").magnitude == pytest.approx(9000 / 300_000)
    many = per_capita_area(inv, pop, region=["D1", "D2"], as_of=as_of)
    assert [v.region for v in many] == ["D1", "D2"]
    assert float(pitches_per_10k(inv, pop, region="D2", as_of=as_of).value) == pytest.approx(0.1)
    arrays = Inventory.from_arrays(
        id=np.array(["x", "y"]), kind=np.array(["gym", "gym"]), region=np.array(["D1", "D2"]),
        area=np.array([10.0, 20.0]),
        opened=np.array(["2020-01-01", "2020-01-01"], dtype="datetime64[D]"),
        closed=np.array(["NaT", "NaT"], dtype="datetime64[D]"),
    )  # fmt: skip
    assert len(arrays) == 2


def test_coverage_shapes() -> None:
    lon, lat = wgs84_to_gcj02(np.array([116.4]), np.array([39.9]))
    back = gcj02_to_wgs84(lon, lat)
    assert np.allclose(back, ([116.4], [39.9]), atol=1e-8)
    demand = Points([120.0, 120.1], [30.0, 30.0], datum="wgs84", weight=[100, 300])
    facilities = Points([120.001], [30.0])
    r = circle_coverage(demand, facilities, radius=500)
    assert (r.share, r.covered_population, r.total_population) == (0.25, 100, 400)
    assert r.covered.tolist() == [True, False] and r.nearest[0] == pytest.approx(96.3, abs=0.5)
    costs = np.array([[1.0, 9.0], [5.0, 2.0]])
    a = two_step_fca(np.array([10.0, 20.0]), np.array([1.0, 2.0]), costs, threshold=5)
    assert a.scores.shape == (2,) and a.reached.all()
    e = enhanced_two_step_fca(
        np.array([10.0, 20.0]), np.array([1.0, 2.0]), costs, zones=[(3, 1.0), (6, 0.5)]
    )
    assert e.scores.shape == (2,)
    s = suggest_sites(demand, Points([120.0, 120.1], [30.0, 30.0]), radius=500, count=1)
    assert list(s.sites) == [1] and s.covered_population == 300 and len(s.gains) == 1
    s2 = suggest_sites(np.array([10.0, 20.0]), costs=costs, threshold=3, count=1, method="milp")
    assert list(s2.sites) == [1] and s2.covered_population == 20


def test_talent_and_budget_shapes() -> None:
    assert QuotaStandard("2351", {"coaches": 2, "athletes": 30}).requirements(130) == {
        "coaches": 260,
        "athletes": 3900,
    }
    amounts = factor_allocation(
        Money.parse("100万元"),
        measures={"A": {"venues": 3, "visits": 10}, "B": {"venues": 1, "visits": 30}},
        weights={"venues": Decimal("0.5"), "visits": Decimal("0.5")},
    ).amounts
    assert sum(amounts.values()) == Money.parse("100万元") and set(amounts) == {"A", "B"}
    program = SubsidyProgram(
        "ski", ["ski_ticket"], Decimal("0.5"), Money.yuan(100), Money.yuan(300), Money.yuan(1000),
        Period.parse("2024-01/2024-03"),
    )  # fmt: skip
    ledger = SubsidyLedger(program)
    result = ledger.claim("c1", "p1", "ski_ticket", Money.yuan(300), dt.date(2024, 2, 1))
    assert (result.paid, result.binding_limit, result.remaining) == (
        Money.yuan(100), "per_claim_cap", Money.yuan(900)
    )  # fmt: skip


def test_policy_shapes() -> None:
    assert any(entry.name == "zhengzhou-2024" for entry in plans.catalog())
    plan = plans.load("zhengzhou-2024")
    assert plan.targets
    from sportsgov.assessment import Observation

    a = assess(
        plan, [Observation("community-games-district", "D1", 20, "2024-12-31")], as_of="2024-12-31"
    )
    assert a.rows
    card = score(a, "zhengzhou-2024-districts")
    assert card.regions[0].region == "D1"


@pytest.mark.parametrize(
    ("module", "names"),
    [
        ("sportsgov.apportionment", ["apportion"]),
        ("sportsgov.money", ["Money", "allocate"]),
        ("sportsgov.units", ["as_quantity"]),
        ("sportsgov.periods", ["Period", "time_progress"]),
        ("sportsgov.regions", ["RegionTree", "PopulationTable"]),
        ("sportsgov.facilities", ["Inventory"]),
        ("sportsgov.indicators", ["per_capita_area", "pitches_per_10k"]),
        ("sportsgov.coverage", ["Points", "wgs84_to_gcj02", "gcj02_to_wgs84", "circle_coverage",
                                "two_step_fca", "enhanced_two_step_fca", "suggest_sites"]),
        ("sportsgov.talent", ["QuotaStandard"]),
        ("sportsgov.budget", ["factor_allocation", "SubsidyLedger", "SubsidyProgram"]),
        ("sportsgov.plans", ["catalog", "load"]),
        ("sportsgov.assessment", ["assess", "score"]),
    ],
)  # fmt: skip
def test_names_importable_from_topic_modules(module: str, names: list[str]) -> None:
    mod = importlib.import_module(module)
    for name in names:
        assert callable(getattr(mod, name)), f"{module}.{name}"
        if name in sportsgov._EXPORTS:
            assert getattr(sportsgov, name) is getattr(mod, name) or name == "apportion"
