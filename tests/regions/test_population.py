"""Tests for ``sportsgov.regions.population``: year-end resident population by region."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sportsgov.errors import DataError, InvalidInputError, NotFoundError
from sportsgov.regions import PopulationTable, Region, RegionTree
from sportsgov.testing import population_tables

CITY = [
    {"code": "4101", "name": "郑州市", "level": "city", "parent": None, "settlement": "mixed"},
    {"code": "410102", "name": "中原区", "level": "区", "parent": "4101", "settlement": "城镇"},
    {"code": "410122", "name": "中牟县", "level": "县", "parent": "4101", "settlement": "rural"},
    {"code": "41010201", "name": "林山寨街道", "level": "街道", "parent": "410102"},
    {"code": "41010202", "name": "建设路街道", "level": "street", "parent": "410102"},
    {"code": "41012201", "name": "城关镇", "level": "镇", "parent": "410122"},
]


@pytest.fixture
def tree() -> RegionTree:
    return RegionTree.from_records(CITY)


def test_population_parent_is_sum_of_children(tree: RegionTree) -> None:
    pop = PopulationTable.from_records(
        [
            {"region": "41010201", "year": 2024, "population": 120_000},
            {"region": "41010202", "year": 2024, "population": 80_000},
            {"region": "41012201", "year": 2024, "population": "12.5万"},
            {"region": "410122", "year": 2024, "population": 600_000},
        ],
        tree=tree,
    )
    assert pop.get("410102", 2024) == 200_000
    assert pop.get("410122", 2024) == 600_000  # own figure, not 125,000
    assert pop.get("4101", 2024) == 800_000
    assert pop.get("中原区", 2024) == 200_000
    assert pop.resolve_year(2024)["4101"] == 800_000
    mismatches = pop.check()
    assert [(m.region, m.own, m.children_sum, m.difference) for m in mismatches] == [
        ("410122", 600_000, 125_000, 475_000)
    ]
    assert pop.check(tolerance=0.8) == []
    assert pop.check(absolute=500_000) == []


def test_national_population_figures() -> None:
    """NBS statistical communiqués: year-end population 2022 141,175万, 2023 140,967万,
    2024 140,828万 (国家统计局, 国民经济和社会发展统计公报)."""
    pop = PopulationTable.from_records(
        [
            {"region": "CN", "year": 2022, "population": "141175万"},
            {"region": "CN", "year": 2023, "population": "140967万"},
            {"region": "CN", "year": 2024, "population": "140828万"},
        ]
    )
    assert pop.get("CN", 2024) == 1_408_280_000
    assert pop.get("CN", 2023) - pop.get("CN", 2024) == 1_390_000  # "比上年末减少139万人"
    assert pop.get("CN", 2022) - pop.get("CN", 2023) == 2_080_000  # "减少208万人"


def test_interpolation_is_linear_and_never_extrapolates() -> None:
    pop = PopulationTable({("A", 2020): 1000, ("A", 2024): 1101})
    assert pop.get("A", 2022, interpolate=True) == 1051  # 1050.5 rounded half up
    assert pop.get("A", 2021, interpolate=True) == 1025  # 1025.25
    with pytest.raises(DataError, match="no extrapolation"):
        pop.get("A", 2025, interpolate=True)
    with pytest.raises(DataError, match=r"region='A' year=2022: no year-end population"):
        pop.get("A", 2022)


def test_interpolation_through_children(tree: RegionTree) -> None:
    pop = PopulationTable(
        {
            ("41010201", 2020): 100,
            ("41010201", 2022): 200,
            ("41010202", 2021): 50,
        },
        tree=tree,
    )
    assert pop.get("410102", 2021, interpolate=True) == 150 + 50
    with pytest.raises(DataError, match="children without a figure: '41010201'"):
        pop.get("410102", 2021)


@given(population_tables(years=(2024,)))
def test_population_root_is_sum_of_leaves(pop: PopulationTable) -> None:
    tree = pop.tree
    assert tree is not None
    root = tree.roots()[0].code
    assert pop.get(root, 2024) == sum(pop.get(r.code, 2024) for r in tree.leaves())
    resolved = pop.resolve_year(2024)
    assert all(resolved[c] == pop.get(c, 2024) for c in tree.codes)
    assert pop.check() == []  # only leaves have own figures: nothing to disagree


@given(population_tables(years=(2023, 2024), parents=True))
def test_check_reports_exactly_the_disagreeing_parents(pop: PopulationTable) -> None:
    tree = pop.tree
    assert tree is not None
    reported = {(m.region, m.year) for m in pop.check()}
    expected = set()
    for (code, year), own in pop.figures.items():
        kids = tree.children(code)
        if kids and own != sum(pop.get(k.code, year) for k in kids):
            expected.add((code, year))
    assert reported == expected


@given(
    st.integers(0, 10**7),
    st.integers(0, 10**7),
    st.integers(1990, 2020),
    st.integers(2, 10),
    st.data(),
)
def test_interpolation_bounded_and_exact(
    v0: int, v1: int, y0: int, gap: int, data: st.DataObject
) -> None:
    y1 = y0 + gap
    year = data.draw(st.integers(y0 + 1, y1 - 1))
    pop = PopulationTable({("A", y0): v0, ("A", y1): v1})
    got = pop.get("A", year, interpolate=True)
    exact = Fraction(v0) + Fraction(v1 - v0, gap) * (year - y0)
    assert abs(got - exact) <= Fraction(1, 2)
    assert min(v0, v1) <= got <= max(v0, v1)


def test_population_bad_input(tree: RegionTree) -> None:
    with pytest.raises(DataError, match=r"row 1, field population: population=-5: must be >= 0"):
        PopulationTable.from_records([{"region": "A", "year": 2024, "population": -5}])
    with pytest.raises(DataError, match=r"population=12.5: must be a whole number"):
        PopulationTable.from_records([{"region": "A", "year": 2024, "population": 12.5}])
    with pytest.raises(DataError, match=r"row 1, field year: year='24': must be a 4-digit year"):
        PopulationTable.from_records([{"region": "A", "year": "24", "population": 5}])
    with pytest.raises(DataError, match=r"row 2, field region: region='A' year=2024: duplicate"):
        PopulationTable.from_records(
            [
                {"region": "A", "year": 2024, "population": 5},
                {"region": "A", "year": 2024, "population": 6},
            ]
        )
    with pytest.raises(DataError, match=r"row 1, field region: region='Z': unknown region"):
        PopulationTable.from_records([{"region": "Z", "year": 2024, "population": 5}], tree=tree)
    with pytest.raises(NotFoundError, match=r"region='B': no population figures"):
        PopulationTable({("A", 2024): 5}).get("B", 2024)
    with pytest.raises(InvalidInputError, match=r"tree=None: check\(\) needs"):
        PopulationTable({("A", 2024): 5}).check()
    with pytest.raises(InvalidInputError, match=r"tolerance=-0.1: must be a finite number >= 0"):
        PopulationTable({("A", 2024): 5}, tree=tree.__class__([Region("A", "X", "city")])).check(
            tolerance=-0.1
        )
