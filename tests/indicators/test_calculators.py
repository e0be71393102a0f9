"""Tests for sportsgov.indicators.calculators, with national statistics as worked checks.

Sources (cited in docs/explanation/indicators.md):

* national sports venue statistics (全国体育场地统计调查数据, General Administration of
  Sport): 2013 census 19.92亿 m² venue area, 169.46万 venues,
  1.46 m² per person and 12.45 venues per 10,000 on 13.61亿 people; 2022: 422.68万
  venues, 37.02亿 m², 2.62 m²; football pitches 13.59万 = 11-a-side 3.12万 + 7-a-side
  4.32万 + 5-a-side 6.14万 + 140 beach; 2023: 2.89 m²; 2024: 484.17万 venues,
  42.3亿 m², 3.0 m²;
* NBS statistical communiqués: year-end population 2022 141,175万, 2023 140,967万,
  2024 140,828万.
"""

from __future__ import annotations

import datetime as dt
import math
from fractions import Fraction
from typing import Any

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from sportsgov.errors import DataError, InvalidInputError, NotFoundError
from sportsgov.facilities import FacilityKinds, Inventory
from sportsgov.indicators import (
    indicator_table,
    instructors_per_1000,
    per_capita_area,
    pitches_per_10k,
    population_year,
    ratio,
    share,
)
from sportsgov.regions import PopulationTable, RegionTree
from sportsgov.testing import inventories, population_tables, region_trees
from sportsgov.units import Q_

NATIONAL_POPULATION = {2022: "141175万", 2023: "140967万", 2024: "140828万"}


def _national(area_m2: float, year: int) -> tuple[Inventory, PopulationTable]:
    inv = Inventory.from_records([{"id": "all", "kind": "other", "region": "CN", "area": area_m2}])
    pop = PopulationTable.from_records(
        [{"region": "CN", "year": y, "population": p} for y, p in NATIONAL_POPULATION.items()]
    )
    return inv, pop


# --------------------------------------------------------------------------- worked checks


@pytest.mark.parametrize(
    ("year", "area", "published"),
    [(2022, 37.02e8, 2.62), (2024, 42.3e8, 3.0)],
)
def test_national_per_capita_area_series(year: int, area: float, published: float) -> None:
    inv, pop = _national(area, year)
    v = per_capita_area(inv, pop, region="CN", as_of=f"{year}-12-31")
    assert v.value.units == Q_(1, "m^2/person").units
    assert v.population_year == year
    digits = len(str(published).split(".")[1])
    assert round(v.magnitude, digits) == published  # 2.6223 -> 2.62, 3.0036 -> 3.0
    assert v.denominator == PopulationTable.from_records(
        [{"region": "CN", "year": year, "population": NATIONAL_POPULATION[year]}]
    ).get("CN", year)


def test_2013_census_per_capita_and_venues_per_10k() -> None:
    """第六次全国体育场地普查: 19.92亿 m², 169.46万 venues, 13.61亿 people -> 1.46 m², 12.45."""
    inv = Inventory.from_records([{"id": 1, "kind": "other", "region": "CN", "area": 19.92e8}])
    pop = PopulationTable.from_records([{"region": "CN", "year": 2013, "population": "13.61亿"}])
    v = per_capita_area(inv, pop, region="CN", as_of="2013-12-31")
    assert round(v.magnitude, 2) == 1.46
    venues = ratio(1_694_600, pop.get("CN", 2013), scale=10_000)
    assert round(venues.value, 2) == 12.45


def test_2022_pitches_per_10k_each_pitch_counts_once() -> None:
    """13.59万 football pitches in 2022 = 3.12万 (11) + 4.32万 (7) + 6.14万 (5) + 140 beach."""
    counts = {
        "football_11": 31_200,
        "football_7": 43_200,
        "football_5": 61_400,
        "beach_football": 140,
        "basketball": 1_102_800,
    }
    kind = np.concatenate([np.full(n, k) for k, n in counts.items()])
    n = kind.size
    inv = Inventory.from_arrays(
        id=np.arange(n),
        kind=kind,
        region=np.full(n, "CN"),
        area=np.full(n, 1000.0),
        opened=np.full(n, np.datetime64("2020-01-01")),
        closed=None,
    )
    pop = PopulationTable.from_records([{"region": "CN", "year": 2022, "population": "141175万"}])
    v = pitches_per_10k(inv, pop, region="CN", as_of="2022-12-31")
    assert v.numerator == 135_940  # rounds to the published 13.59万
    assert v.facilities == 135_940
    assert round(v.value, 3) == 0.963  # above the 2025 target of 0.9 (十四五 plan)
    assert v.value == pytest.approx(135_940 / 1_411_750_000 * 10_000)
    courts = pitches_per_10k(inv, pop, region="CN", as_of="2022-12-31", which="ball_courts")
    assert courts.numerator == 135_940 + 1_102_800


def test_city_districts_and_streets() -> None:
    tree = RegionTree.from_records(
        [
            {"code": "C", "name": "City", "level": "city", "parent": None},
            {"code": "D1", "name": "East", "level": "district", "parent": "C"},
            {"code": "D2", "name": "West", "level": "county", "parent": "C"},
            {"code": "S1", "name": "S1", "level": "street", "parent": "D1"},
        ]
    )
    pop = PopulationTable.from_records(
        [
            {"region": "S1", "year": 2024, "population": 400_000},
            {"region": "D1", "year": 2024, "population": 1_000_000},
            {"region": "D2", "year": 2024, "population": 500_000},
        ],
        tree=tree,
    )
    inv = Inventory.from_records(
        [
            {"id": 1, "kind": "stadium", "region": "S1", "area": 1_200_000},
            {"id": 2, "kind": "gym", "region": "D1", "area": 1_420_000},
            {"id": 3, "kind": "football_11", "region": "D2", "area": 1_310_000},
            {"id": 4, "kind": "greenway", "region": "D2", "area": 5_000_000},  # not venue area
            {"id": 5, "kind": "football_7", "region": "D2", "area": 2_000, "opened": "2025-01-01"},
        ]
    )
    got = per_capita_area(inv, pop, region=["D1", "D2", "C", "S1"], as_of="2024-12-31")
    assert [v.region for v in got] == ["D1", "D2", "C", "S1"]
    assert [round(v.magnitude, 2) for v in got] == [2.62, 2.62, 2.62, 3.0]
    assert got[2].numerator.magnitude == 3_930_000 and got[2].denominator == 1_500_000
    assert got[2].facilities == 3
    table = indicator_table(inv, pop, as_of="2024-12-31", level="district")
    assert table.regions == ("D1", "D2")
    assert table["D2"] == got[1]
    text = got[0].explain()
    assert "人均体育场地面积" in text and "year-end 2024 resident population" in text
    assert "2.62 m²/person" in text


def test_population_year_rule() -> None:
    """Latest year-end on or before as_of."""
    assert population_year("2024-12-31") == 2024
    assert population_year(dt.date(2024, 12, 30)) == 2023
    assert population_year("2025-01-01") == 2024
    inv, pop = _national(42.3e8, 2024)
    mid = per_capita_area(inv, pop, region="CN", as_of="2024-06-30")
    assert mid.population_year == 2023
    assert mid.denominator == 1_409_670_000
    forced = per_capita_area(inv, pop, region="CN", as_of="2024-06-30", population_year=2024)
    assert forced.denominator == 1_408_280_000


def test_instructors_share_and_ratio() -> None:
    pop = PopulationTable({("A", 2024): 500_000, ("B", 2024): 1_000_000})
    v = instructors_per_1000({"A": 1080}, pop, region="A", as_of="2024-12-31")
    assert v.value == 2.16 and v.exact() == Fraction(216, 100)  # national 2025 target
    records = [{"region": "A", "count": 1080}, {"region": "B", "count": 1500}]
    both = instructors_per_1000(records, pop, region=["B", "A"], as_of="2024-12-31")
    assert [x.value for x in both] == [1.5, 2.16]
    s = share(385, 1000)
    assert s.value == 0.385 and s.unit == "share"
    assert ratio({"A": 3}, {"A": 4}, region="A").value == 0.75


def test_instructors_roll_up_to_parents() -> None:
    tree = RegionTree.from_records(
        [
            {"code": "C", "name": "City", "level": "city", "parent": None},
            {"code": "D1", "name": "East", "level": "district", "parent": "C"},
            {"code": "D2", "name": "West", "level": "district", "parent": "C"},
        ]
    )
    pop = PopulationTable({("D1", 2024): 1000, ("D2", 2024): 3000}, tree=tree)
    v = instructors_per_1000({"D1": 2, "D2": 6}, pop, region="C", as_of="2024-12-31")
    assert (v.numerator, v.denominator, v.value) == (8, 4000, 2.0)


def test_unknown_regions_raise_or_are_excluded_and_reported() -> None:
    tree = RegionTree.from_records([{"code": "A", "name": "A", "level": "city", "parent": None}])
    pop = PopulationTable({("A", 2024): 100}, tree=tree)
    inv = Inventory.from_records(
        [
            {"id": 1, "kind": "gym", "region": "A", "area": 200},
            {"id": 2, "kind": "gym", "region": "Z", "area": 999},
        ]
    )
    with pytest.raises(DataError, match=r"row 2, field region: region='Z': not a region of the"):
        per_capita_area(inv, pop, region="A", as_of="2024-12-31")
    v = per_capita_area(inv, pop, region="A", as_of="2024-12-31", unknown_regions="exclude")
    assert v.magnitude == 2.0 and v.excluded == 1
    assert "1 facilities outside the region tree excluded" in v.explain()


# --------------------------------------------------------------------------- properties


@given(region_trees(max_size=10), st.data())
def test_table_matches_brute_force(tree: RegionTree, data: st.DataObject) -> None:
    pop = data.draw(population_tables(tree, years=(2024,), max_population=10_000))
    inv = data.draw(inventories(tree=tree, max_size=12))
    # every day whose latest year-end is 2024-12-31, and a few others
    day = data.draw(
        st.one_of(
            st.dates(dt.date(2024, 12, 31), dt.date(2025, 12, 30)),
            st.dates(dt.date(2000, 1, 1), dt.date(2030, 12, 31)),
        )
    )
    year = population_year(day)
    kinds = FacilityKinds.default()
    records = inv.to_records()

    def alive(r: dict[str, Any]) -> bool:
        return (r["opened"] is None or r["opened"] <= day) and (
            r["closed"] is None or r["closed"] > day
        )

    if year != 2024:
        with pytest.raises(DataError, match=f"year={year}: no year-end population"):
            per_capita_area(inv, pop, region=tree.codes[0], as_of=day)
        return
    table = indicator_table(inv, pop, as_of=day)
    for region in tree:
        within = {region.code} | {d.code for d in tree.descendants(region.code)}
        area = sum(
            (r["area"] or 0.0)
            for r in records
            if r["region"] in within and alive(r) and kinds[r["kind"]].counts_toward_area
        )
        people = pop.get(region.code, 2024)
        if people == 0:
            assert region.code in dict(table.skipped)
            with pytest.raises(DataError, match="population=0 in 2024: per-capita indicators"):
                per_capita_area(inv, pop, region=region.code, as_of=day)
            continue
        v = per_capita_area(inv, pop, region=region.code, as_of=day)
        assert v.magnitude == pytest.approx(area / people, rel=1e-12, abs=1e-12)
        assert math.isfinite(v.magnitude)
        assert table[region.code] == v
        pitches = sum(
            1
            for r in records
            if r["region"] in within and alive(r) and kinds[r["kind"]].counts_as_pitch
        )
        p = pitches_per_10k(inv, pop, region=region.code, as_of=day)
        assert p.numerator == pitches
        assert p.exact() == Fraction(pitches * 10_000, people)


@given(region_trees(max_size=10), st.data())
def test_list_form_is_the_same_as_one_by_one(tree: RegionTree, data: st.DataObject) -> None:
    pop = data.draw(population_tables(tree, years=(2024,), max_population=10_000))
    inv = data.draw(inventories(tree=tree, max_size=10))
    codes = [c for c in tree.codes if pop.get(c, 2024) > 0]
    order = data.draw(st.permutations(codes))
    listed = per_capita_area(inv, pop, region=order, as_of="2024-12-31")
    assert [v.region for v in listed] == list(order)
    for v in listed:
        assert v == per_capita_area(inv, pop, region=v.region, as_of="2024-12-31")


@given(st.integers(0, 10**9), st.integers(1, 10**9), st.sampled_from([1, 1000, 10_000]))
def test_ratio_is_exact(num: int, den: int, scale: int) -> None:
    v = ratio(num, den, scale=scale)
    assert v.exact() == Fraction(num * scale, den)
    assert v.value == float(Fraction(num * scale, den))


# --------------------------------------------------------------------------- bad input


def test_zero_and_missing_population_are_errors_not_inf() -> None:
    inv = Inventory.from_records([{"id": 1, "kind": "gym", "region": "A", "area": 10}])
    zero = PopulationTable({("A", 2024): 0})
    with pytest.raises(DataError, match=r"region='A': population=0 in 2024: per-capita"):
        per_capita_area(inv, zero, region="A", as_of="2024-12-31")
    missing = PopulationTable({("A", 2023): 10})
    with pytest.raises(DataError, match=r"region='A' year=2024: no year-end population"):
        pitches_per_10k(inv, missing, region="A", as_of="2024-12-31")
    table = indicator_table(inv, missing, as_of="2024-12-31")
    assert len(table) == 0 and table.skipped == (("A", "no year-end 2024 population"),)
    with pytest.raises(DataError, match=r"region='A': no year-end 2024 population"):
        table["A"]
    with pytest.raises(DataError, match="no year-end population"):
        indicator_table(inv, missing, as_of="2024-12-31", missing="raise")
    with pytest.raises(DataError, match=r"region='A': denominator=0: must be > 0"):
        ratio({"A": 1}, {"A": 0}, region="A")
    with pytest.raises(InvalidInputError, match=r"denominator=0: must be > 0"):
        ratio(1, 0)


def test_bad_arguments() -> None:
    inv = Inventory.from_records([{"id": 1, "kind": "gym", "region": "A", "area": 10}])
    pop = PopulationTable({("A", 2024): 10})
    with pytest.raises(NotFoundError, match=r"region='B': no population figures"):
        per_capita_area(inv, pop, region="B", as_of="2024-12-31")
    with pytest.raises(InvalidInputError, match=r"region=None: is required"):
        per_capita_area(inv, pop, region=None, as_of="2024-12-31")  # type: ignore[call-overload]
    with pytest.raises(InvalidInputError, match=r"as_of='soon'"):
        per_capita_area(inv, pop, region="A", as_of="soon")
    with pytest.raises(InvalidInputError, match=r"which='hockey': expected one of 'football'"):
        pitches_per_10k(inv, pop, region="A", as_of="2024-12-31", which="hockey")  # type: ignore[call-overload]
    with pytest.raises(InvalidInputError, match=r"indicator='gdp': expected one of"):
        indicator_table(inv, pop, as_of="2024-12-31", indicator="gdp")  # type: ignore[arg-type]
    with pytest.raises(InvalidInputError, match=r"unknown_regions='drop': expected one of"):
        per_capita_area(inv, pop, region="A", as_of="2024-12-31", unknown_regions="drop")  # type: ignore[call-overload]
    with pytest.raises(InvalidInputError, match=r"part=5: must be <= whole=4"):
        share(5, 4)
    with pytest.raises(InvalidInputError, match=r"scale=0: must be a positive integer"):
        ratio(1, 2, scale=0)
    with pytest.raises(InvalidInputError, match=r"numerator=nan: must be a finite number"):
        ratio(float("nan"), 2)
    with pytest.raises(InvalidInputError, match=r"inventory=.*: must be an Inventory"):
        per_capita_area({}, pop, region="A", as_of="2024-12-31")  # type: ignore[call-overload]


def test_instructor_records_by_year_as_in_the_sample_city() -> None:
    """``instructors.csv`` has region,year,instructors (strings from csv.DictReader)."""
    pop = PopulationTable({("A", 2023): 400_000, ("A", 2024): 500_000})
    records = [
        {"region": "A", "year": "2023", "instructors": "900"},
        {"region": "A", "year": "2024", "instructors": "1080"},
    ]
    v = instructors_per_1000(records, pop, region="A", as_of="2024-12-31")
    assert (v.numerator, v.denominator, v.population_year) == (1080, 500_000, 2024)
    mid = instructors_per_1000(records, pop, region="A", as_of="2024-06-30")
    assert (mid.numerator, mid.denominator) == (900, 400_000)
    with pytest.raises(DataError, match="records have a 'year' column: pass as_of"):
        ratio(records, {"A": 5}, region="A")


def test_table_pickles_with_lazy_counts() -> None:
    import pickle

    inv = Inventory.from_records([{"id": 1, "kind": "gym", "region": "A", "area": 10}])
    table = indicator_table(inv, PopulationTable({("A", 2024): 5}), as_of="2024-12-31")
    again = pickle.loads(pickle.dumps(table))
    assert again.rows() == table.rows() and again.facilities.tolist() == [1]


@given(region_trees(max_size=10), st.data())
def test_bulk_rows_equal_rows_built_one_by_one(tree: RegionTree, data: st.DataObject) -> None:
    """``rows()`` builds its quantities in bulk; each row must be the very value the
    one-row path (``table[code]``, pint multiplication) gives, and behave like one."""
    pop = data.draw(population_tables(tree, years=(2024,), max_population=10_000))
    inv = data.draw(inventories(tree=tree, max_size=12))
    for table in (
        indicator_table(inv, pop, as_of="2024-12-31"),
        indicator_table(inv, pop, as_of="2024-12-31", indicator="pitches_per_10k"),
    ):
        rows = table.rows()
        assert [r.region for r in rows] == list(table.regions)
        for row in rows:
            one = table[row.region]
            assert row == one
            for mine, theirs in ((row.value, one.value), (row.numerator, one.numerator)):
                assert type(mine) is type(theirs)
                assert str(getattr(mine, "units", "")) == str(getattr(theirs, "units", ""))
            if table.indicator == "per_capita_area":
                assert row.value.to("cm^2/person").magnitude == pytest.approx(row.magnitude * 1e4)
                ratio = row.numerator / Q_(row.denominator, "person")
                assert ratio.to("m^2/person").magnitude == pytest.approx(row.magnitude)


def test_areas_adding_up_beyond_the_float_range_are_refused() -> None:
    # found by the fuzz suite: two finite areas of 1e308 m² summed to an infinite
    # numerator, and per_capita_area returned inf m²/person
    inv = Inventory.from_records(
        [{"id": i, "kind": "other", "region": "B", "area": 1e308} for i in range(2)]
        + [{"id": 9, "kind": "other", "region": "A", "area": 1e308}]
    )
    pop = PopulationTable({("A", 2024): 10, ("B", 2024): 10})
    one = per_capita_area(inv, pop, region="A", as_of="2024-12-31")
    assert one.magnitude == 1e307  # one such area is still a figure
    with pytest.raises(
        DataError, match=r"^field area: region='B': the facilities' areas add up beyond the float"
    ):
        per_capita_area(inv, pop, region=["A", "B"], as_of="2024-12-31")
    # counting pitches does not sum areas: unaffected
    assert pitches_per_10k(inv, pop, region="B", as_of="2024-12-31").value == 0.0


def test_region_codes_are_stripped_as_the_tables_store_them() -> None:
    # found by the fuzz suite: region=[" A"] reached an internal AssertionError
    # ("unreachable"), since the population table strips codes and the lookup did not
    inv = Inventory.from_records([{"id": 1, "kind": "football_7", "region": "A", "area": 1164}])
    pop = PopulationTable({("A", 2024): 10})
    for fn in (per_capita_area, pitches_per_10k):
        one = fn(inv, pop, region=" A", as_of="2024-12-31")
        both = fn(inv, pop, region=["A", " A\t"], as_of="2024-12-31")
        assert one.region == both[0].region == both[1].region == "A"
        assert (
            one.exact() == both[1].exact() == fn(inv, pop, region="A", as_of="2024-12-31").exact()
        )
    assert per_capita_area(inv, pop, region=" A", as_of="2024-12-31").magnitude == 116.4
    with pytest.raises(InvalidInputError, match=r"^region='': must be a non-empty code"):
        per_capita_area(inv, pop, region=[" "], as_of="2024-12-31")
