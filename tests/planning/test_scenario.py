"""Scenarios (sportsgov.planning.scenario) on the bundled sample city.

Independent checks: the base evaluation equals the scorecard report's figures
(per-capita area, status counts, district ranking) computed by a separate code
path; added area moves the per-capita figure by exactly area / population;
JSON and TOML round trips (hypothesis).
"""

from __future__ import annotations

import json
from decimal import Decimal

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sportsgov.citydata import CityData
from sportsgov.coverage import Points, circle_coverage
from sportsgov.errors import DataError, InvalidInputError
from sportsgov.money import Money
from sportsgov.planning import (
    AddArea,
    AddEvents,
    AddFacility,
    ChangePopulation,
    CloseFacilities,
    Scenario,
    Spend,
    diff,
)


@pytest.fixture(scope="module")
def city() -> CityData:
    return CityData.sample()


@pytest.fixture(scope="module")
def base(city: CityData):
    return Scenario(city).evaluate()


def test_base_matches_the_report(city: CityData, base) -> None:
    from sportsgov.report import build_report

    report = build_report(data=city, charts=False, lang="en")
    sections = {s.key: s for s in report.sections}
    for code, value in sections["indicators"].data["per_capita_area"].items():
        assert base.per_capita[code] == pytest.approx(value, rel=1e-12)
    counts: dict[str, int] = {}
    for s in base.statuses.values():
        counts[s] = counts.get(s, 0) + 1
    assert counts == {k: v for k, v in sections["scores"].data["status_counts"].items() if v}
    ranking = sections["scores"].data["ranking"]
    assert {r: rank for rank, r, _ in ranking} == dict(base.ranks)


def test_added_area_moves_per_capita_exactly(city: CityData, base) -> None:
    sc = Scenario(city, changes=[AddArea("990123", 50_000, cost="750万元")])
    r = sc.evaluate()
    pop = base.population["990123"]
    assert r.per_capita["990123"] == pytest.approx(base.per_capita["990123"] + 50_000 / pop)
    assert r.area["990100"] == pytest.approx(base.area["990100"] + 50_000)
    d = diff(base, r)
    assert set(d.per_capita_change) == {"990123", "990100"}
    assert d.money_spent == Money.parse("750万元")


def test_closing_and_adding_facilities(city: CityData, base) -> None:
    inv = city.facilities
    first = inv[0]
    r = Scenario(city, changes=[CloseFacilities([first.id])]).evaluate()
    assert r.area["990100"] < base.area["990100"]
    assert Scenario(city).evaluate().coverage == base.coverage
    # a facility far from every resident gains no coverage; one on the resident point
    # farthest from any facility in service gains that point's people
    far = AddFacility("NEW-FAR", "fitness_path", "990102001", 300, lon=120.0, lat=30.0)
    assert diff(base, Scenario(city, changes=[far]).evaluate()).coverage_gained == {}
    grid = city.grid
    ok = inv.in_service(city.as_of) & np.isfinite(np.asarray(inv.lon))
    facilities = Points(np.asarray(inv.lon)[ok], np.asarray(inv.lat)[ok], datum="wgs84")
    nearest = np.asarray(circle_coverage(grid, facilities, radius=1.0).nearest)
    i = int(np.argmax(nearest))
    assert nearest[i] > 2000  # beyond every fitness circle
    code = str(city.grid_regions[i])
    near = AddFacility(
        "NEW-NEAR", "fitness_path", code, 300, lon=float(grid.lon[i]), lat=float(grid.lat[i])
    )
    d = diff(base, Scenario(city, changes=[near]).evaluate())
    assert d.coverage_gained and all(s >= 0 and p > 0 for s, p in d.coverage_gained.values())


def test_events_flip_a_district_status_and_rank(city: CityData, base) -> None:
    behind = [
        (t, r)
        for (t, r), s in base.statuses.items()
        if t == "community-games-district" and s in ("behind", "no_data")
    ]
    assert behind
    target, region = behind[0]
    r = Scenario(city, changes=[AddEvents(target, region, 40)]).evaluate()
    d = diff(base, r)
    assert any(f.target == target and f.region == region for f in d.flips)
    assert region in d.score_changes and d.score_changes[region] > 0


def test_spend_and_population(city: CityData, base) -> None:
    r = Scenario(city, changes=[Spend("B01", "100万元")]).evaluate()
    assert r.budget["B01"][1] == base.budget["B01"][1] + Money.parse("100万元")
    assert r.money == Money.parse("100万元")
    # a bigger population lowers the per-capita area of that district
    year = 2023  # population year of the sample's as_of 2024-09-30
    code = "990102001"
    bigger = city.population.get(code, year) + 100_000
    r2 = Scenario(city, changes=[ChangePopulation(figures={(code, year): bigger})]).evaluate()
    assert r2.population["990102"] == base.population["990102"] + 100_000
    assert r2.per_capita["990102"] < base.per_capita["990102"]


def test_bad_changes(city: CityData) -> None:
    with pytest.raises(InvalidInputError, match=r"line='B99': not a budget line"):
        Scenario(city, changes=[Spend("B99", "1元")]).evaluate()
    with pytest.raises(InvalidInputError, match=r"ids='NOPE': no facility with this id"):
        Scenario(city, changes=[CloseFacilities(["NOPE"])]).evaluate()
    with pytest.raises(InvalidInputError, match=r"changes\[0\]=1: expected AddFacility"):
        Scenario(city, changes=[1])
    with pytest.raises(InvalidInputError, match=r"area=-5: must be a finite number >= 0"):
        AddArea("990102", -5)
    with pytest.raises(DataError, match=r"changes\[0\].type='build': expected one of"):
        Scenario.from_data({"changes": [{"type": "build"}]})


changes_st = st.one_of(
    st.builds(
        AddFacility,
        st.text("ABC123", min_size=1, max_size=5),
        st.sampled_from(["gym", "fitness_path"]),
        st.sampled_from(["990102", "990103"]),
        st.integers(0, 10**6),
        lon=st.none() | st.floats(110, 115, allow_nan=False),
        lat=st.none() | st.floats(30, 35, allow_nan=False),
        opened=st.none() | st.dates(),
        cost=st.none() | st.integers(0, 10**9).map(Money),
    ),
    st.builds(AddArea, st.sampled_from(["990102"]), st.decimals(0, 10**6, places=2)),
    st.builds(
        CloseFacilities,
        st.lists(st.text("F0123", min_size=1, max_size=4), max_size=3),
        on=st.none() | st.dates(),
    ),
    st.builds(Spend, st.sampled_from(["B01", "B02"]), st.integers(-(10**9), 10**9).map(Money)),
    st.builds(
        ChangePopulation,
        method=st.none() | st.sampled_from(["linear", "geometric"]),
        to_year=st.none() | st.integers(2024, 2035),
        figures=st.lists(
            st.tuples(
                st.sampled_from(["990102001"]), st.integers(2020, 2030), st.integers(0, 10**7)
            ),
            max_size=2,
        ),
    ),
    st.builds(
        AddEvents,
        st.sampled_from(["mass-events"]),
        st.sampled_from(["990100"]),
        st.integers(0, 500),
    ),
)


@settings(max_examples=40, deadline=None)
@given(st.lists(changes_st, max_size=4), st.text(max_size=10))
def test_json_and_toml_round_trip(changes, name) -> None:
    sc = Scenario("sample", changes=changes, name=name)
    assert Scenario.from_data(json.loads(json.dumps(sc.to_data()))) == sc
    assert Scenario.from_toml(sc.to_toml()) == sc


def test_scenario_toml_by_hand(city: CityData) -> None:
    text = """
name = "东城区加码"
base = "sample"
as_of = "2024-09-30"

[[changes]]
type = "add_area"
region = "990102"
area = "12000"
cost = "180万元"

[[changes]]
type = "spend"
line = "B02"
amount = "180万元"
"""
    sc = Scenario.from_toml(text, base=city)
    assert sc.changes == (
        AddArea("990102", Decimal(12000), cost="180万元"),
        Spend("B02", "180万元"),
    )
    r = sc.evaluate()
    assert r.money == Money.parse("360万元")
