"""Tests for sportsgov._common.frames (pandas in and out).

Oracles: the file reader itself (a frame and the CSV pandas writes from it must read
the same), exact Decimal arithmetic on the fen, and hand-written unit factors.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sportsgov._common.frames import frame_columns, to_frame, unit_suffix
from sportsgov._common.tables import read_table
from sportsgov.errors import DataError, InvalidInputError, UnitError
from sportsgov.money import Money
from sportsgov.units import Q_

pd = pytest.importorskip("pandas")  # the pandas extra; in dev


def facilities_frame() -> object:
    return pd.DataFrame(
        {
            "编号": ["F1", "F2", "F3"],
            "类型": ["篮球场", "足球场", "游泳馆"],
            "所属区县": [410102, 410103, 410104],
            "面积(万平方米)": [0.042, 0.714, None],
            "建成日期": [pd.Timestamp("2024-03-01"), pd.NaT, pd.Timestamp("2023-01-02")],
            "备注": ["a", None, "c"],
        },
        index=[10, 20, 30],
    )


def test_frame_reads_like_the_file_it_writes(tmp_path: Path) -> None:
    df = facilities_frame()
    t = frame_columns(df, table="facilities", source="df")
    assert t.format == "frame" and t.source == "df" and t.header_row == 1
    assert t.rows.tolist() == [2, 3, 4]  # position + 2, not the index
    assert t.fields["region"] == ("410102", "410103", "410104")
    assert t.fields["area"] == ("0.042", "0.714", "")
    assert t.fields["opened"] == ("2024-03-01", "", "2023-01-02")
    assert t.extra == {"备注": ("a", "", "c")}
    assert t.scale("area") == 10_000
    p = tmp_path / "f.csv"
    df.to_csv(p, index=False, encoding="gbk", date_format="%Y-%m-%d")
    f = read_table(p, table="facilities")
    assert f.fields == t.fields and f.rows.tolist() == t.rows.tolist() and f.extra == t.extra


def test_frame_columns_errors() -> None:
    df = pd.DataFrame({"编号": ["F1"], "类型": ["x"]})
    with pytest.raises(DataError, match=r"^<DataFrame>, row 1: missing columns region .*area"):
        frame_columns(df, table="facilities")
    t = frame_columns(df, table="facilities", errors="collect")
    assert len(t.findings) == 1 and t.fields["id"] == ("F1",)
    t = frame_columns(df, fields=["code", "kind"], columns={"编号": "code", "类型": "kind"})
    assert t.fields == {"code": ("F1",), "kind": ("x",)}
    with pytest.raises(InvalidInputError, match=r"^df=\[1, 2\]: expected a pandas DataFrame"):
        frame_columns([1, 2], table="facilities")
    with pytest.raises(InvalidInputError, match=r"^errors='x': expected one of"):
        frame_columns(df, table="facilities", errors="x")  # type: ignore[arg-type]


@settings(max_examples=30)
@given(st.lists(st.integers(-(10**12), 10**12), min_size=1, max_size=20))
def test_to_frame_money_is_exact_decimal_yuan(fens: list[int]) -> None:
    df = to_frame({"budget": [Money(f) for f in fens]})
    assert list(df.columns) == ["budget_yuan"]
    values = df["budget_yuan"].tolist()
    assert all(isinstance(v, Decimal) for v in values)
    assert sum(values) == Decimal(sum(fens)) / 100  # exact, no float on the way


def test_to_frame_quantities_records_and_index() -> None:
    records = [
        {"region": "A", "area": Q_(1, "mu_cn"), "opened": dt.date(2024, 3, 1), "budget": None},
        {"region": "B", "area": Q_(2, "ha"), "opened": None, "budget": Money.yuan("1.5")},
    ]
    df = to_frame(records, units={"area": "m^2"}, index="region")
    assert list(df.columns) == ["area_m2", "opened", "budget_yuan"]
    assert df.index.tolist() == ["A", "B"]
    assert df["area_m2"].tolist() == pytest.approx([10_000 / 15, 20_000.0], rel=1e-12)
    assert df["budget_yuan"].tolist() == [None, Decimal("1.50")]
    assert df["opened"].tolist()[0] == dt.date(2024, 3, 1)
    per = to_frame({"v": [Q_(2.5, "m^2/person")]})
    assert list(per.columns) == ["v_m2_per_person"]
    assert to_frame([]).shape == (0, 0)


def test_to_frame_errors() -> None:
    with pytest.raises(InvalidInputError, match=r"columns must have the same length"):
        to_frame({"a": [1], "b": [1, 2]})
    with pytest.raises(UnitError, match=r"^units\['a'\]='m\^2': cannot express 1 km in it"):
        to_frame({"a": [Q_(1, "km")]}, units={"a": "m^2"})
    with pytest.raises(InvalidInputError, match=r"^a\[1\]=2: expected a quantity"):
        to_frame({"a": [Q_(1, "km"), 2]})
    with pytest.raises(InvalidInputError, match=r"^units='b': not a column"):
        to_frame({"a": [1]}, units={"b": "m"})
    with pytest.raises(InvalidInputError, match=r"^index='b': not a column"):
        to_frame({"a": [1]}, index="b")


def test_unit_suffix() -> None:
    assert [unit_suffix(u) for u in ("m^2", "m", "km^2", "m^2/person", "person/km^2")] == [
        "m2",
        "m",
        "km2",
        "m2_per_person",
        "person_per_km2",
    ]


# ------------------------------------------------ table classes: from_frame(x.to_frame()) == x
from sportsgov.testing.models import inventories, population_tables, region_trees  # noqa: E402


@settings(max_examples=25)
@given(inventories(max_size=8))
def test_inventory_frame_round_trip(inventory: object) -> None:
    from sportsgov.facilities import Inventory

    assert isinstance(inventory, Inventory)
    frame = inventory.to_frame()
    assert {"area_m2", "length_m"} <= set(frame.columns)  # the unit in the column name
    back = Inventory.from_frame(frame)
    assert back.to_records() == inventory.to_records()


@settings(max_examples=25)
@given(region_trees(max_size=10))
def test_region_tree_frame_round_trip(tree: object) -> None:
    from sportsgov.regions import RegionTree

    assert isinstance(tree, RegionTree)
    assert RegionTree.from_frame(tree.to_frame()) == tree


@settings(max_examples=25)
@given(population_tables())
def test_population_table_frame_round_trip(table: object) -> None:
    from sportsgov.regions import PopulationTable

    assert isinstance(table, PopulationTable)
    assert PopulationTable.from_frame(table.to_frame()).figures == table.figures


def test_inventory_from_frame_uses_chinese_headers_and_rows() -> None:
    from sportsgov._common.frames import pandas
    from sportsgov.errors import DataError
    from sportsgov.facilities import Inventory

    pd = pandas()
    df = pd.DataFrame(
        {
            "编号": ["F1", "F2"],
            "类型": ["篮球场", "七人制足球场"],
            "所属区县": [410102, 410102],
            "面积(万平方米)": [0.042, "x"],
        }
    )
    with pytest.raises(DataError, match=r"<DataFrame>, row 3, field area: area='x'"):
        Inventory.from_frame(df)
    inv = Inventory.from_frame(df.iloc[:1])
    assert inv[0].kind == "basketball" and float(inv.area[0]) == 420.0


@settings(max_examples=25)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["mass-events", "per-capita-area", "fields-built"]),
            st.sampled_from(["410100", "410102", "A"]),
            st.decimals(min_value=0, max_value=10**9, places=3, allow_nan=False),
            st.sampled_from([None, "场次", "m^2/person"]),
            st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2035, 12, 31)),
        ),
        min_size=1,
        max_size=6,
    )
)
def test_observation_table_frame_round_trip(rows: list[tuple[Any, ...]]) -> None:
    from sportsgov.assessment import ObservationTable

    table = ObservationTable.from_records(
        [{"target": a, "region": b, "value": v, "unit": u, "as_of": d} for a, b, v, u, d in rows]
    )
    assert ObservationTable.from_frame(table.to_frame()).rows == table.rows


def test_apportionment_to_frame_keeps_exact_quotas() -> None:
    from fractions import Fraction

    from sportsgov.apportionment import apportion

    frame = apportion(7, {"A": 5, "B": 3, "C": 2}).to_frame()
    assert frame["seats"].tolist() == [4, 2, 1]
    assert frame["quota"].tolist() == [Fraction(7, 2), Fraction(21, 10), Fraction(7, 5)]
    assert sum(frame["quota"]) == 7
