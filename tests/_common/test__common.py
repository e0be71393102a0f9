"""Tests for the cross-cutting helpers in ``sportsgov._common``."""

from __future__ import annotations

import datetime as dt
import decimal
from fractions import Fraction

import numpy as np
import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from sportsgov._common.arrays import arrays_equal, optional_arrays_equal, readonly
from sportsgov._common.cells import is_missing
from sportsgov._common.dates import as_date, from_excel_serial
from sportsgov._common.datums import normalize_datum
from sportsgov._common.numbers import CN_MULTIPLIERS, round_half_up
from sportsgov.errors import DatumError, InvalidInputError

D = dt.date(2024, 3, 1)
BAD = r"expected a date such as 2024-03-01, 2024/3/1 or 2024年3月1日$"

# ------------------------------------------------------------------------------ dates


@pytest.mark.parametrize(
    "value",
    [
        D,
        pendulum.date(2024, 3, 1),
        dt.datetime(2024, 3, 1, 23, 59),
        pendulum.datetime(2024, 3, 1, 1, tz="Asia/Shanghai"),
        dt.datetime(2024, 2, 29, 16, 0, tzinfo=dt.UTC),  # 00:00 on 1 March in Beijing
        "2024-03-01",
        " 2024-03-01 ",
        "2024-3-1",
        "2024/3/1",
        "2024/03/01",
        "2024.3.1",
        "2024年3月1日",
        "2024年03月01号",
        "2024 年 3 月 1 日",
        "20240301",
        "2024-03-01T10:00",
        "2024-03-01 00:00:00",
        np.datetime64("2024-03-01"),
        np.datetime64("2024-03-01T18:30"),
    ],
)
def test_as_date_accepts_every_form(value: object) -> None:
    out = as_date(value)
    assert out == D
    assert type(out) is dt.date


def test_aware_datetimes_take_the_beijing_day() -> None:
    # 15:59 UTC is 23:59 in Beijing, 16:00 UTC already the next day there.
    assert as_date(dt.datetime(2024, 2, 29, 15, 59, tzinfo=dt.UTC)) == dt.date(2024, 2, 29)
    assert as_date("2024-02-29T16:00:00+00:00") == D


FORMATS = [
    lambda d: d.isoformat(),
    lambda d: f"{d.year}/{d.month}/{d.day}",
    lambda d: f"{d.year}.{d.month}.{d.day}",
    lambda d: f"{d.year}-{d.month}-{d.day}",
    lambda d: f"{d.year}年{d.month}月{d.day}日",
    lambda d: d.strftime("%Y%m%d"),
    lambda d: pendulum.date(d.year, d.month, d.day),
    lambda d: dt.datetime(d.year, d.month, d.day, 12),
    lambda d: np.datetime64(d.isoformat()),
]


@given(st.dates(min_value=dt.date(1000, 1, 1)), st.sampled_from(FORMATS))
def test_round_trip_through_every_format(day: dt.date, fmt: object) -> None:
    assert as_date(fmt(day)) == day  # type: ignore[operator]


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("2024-02-30", r"^as_of='2024-02-30': not a valid date"),
        ("2024/2/30", r"not a valid date"),
        ("2024年13月1日", r"not a valid date"),
        ("2024-03/01", BAD),
        ("March 1", BAD),
        ("", BAD),
        (45352, r"^as_of=45352: " + BAD),
        (45352.0, BAD),
        (True, BAD),
        (None, r"^as_of=None: " + BAD),
        (decimal.Decimal("2024"), BAD),
        (np.datetime64("NaT"), r"must not be NaT"),
    ],
)
def test_as_date_refuses(value: object, message: str) -> None:
    with pytest.raises(InvalidInputError, match=message):
        as_date(value)


def test_as_date_names_the_argument() -> None:
    with pytest.raises(InvalidInputError, match=r"^opened='x': expected a date"):
        as_date("x", "opened")


def test_periods_as_date_is_the_one_parser() -> None:
    from sportsgov.budget import _numbers
    from sportsgov.periods import as_date as public

    assert public is as_date
    assert _numbers.as_date is as_date


@pytest.mark.parametrize(
    ("serial", "day"),
    [
        (1, dt.date(1900, 1, 1)),
        (59, dt.date(1900, 2, 28)),
        (61, dt.date(1900, 3, 1)),
        (45352, D),
        (45352.75, D),
        (np.int64(45352), D),
        (2958465, dt.date(9999, 12, 31)),
    ],
)
def test_excel_serial_days(serial: object, day: dt.date) -> None:
    assert from_excel_serial(serial) == day


@given(st.dates(min_value=dt.date(1900, 3, 1)))
def test_excel_serial_matches_the_1899_12_30_epoch_from_march_1900(day: dt.date) -> None:
    # Independent oracle: after the fictitious 1900-02-29, serial = days since 1899-12-30.
    assert from_excel_serial((day - dt.date(1899, 12, 30)).days) == day


@pytest.mark.parametrize(
    ("serial", "message"),
    [
        (60, r"^serial=60: is 1900-02-29, a day that does not exist"),
        (0, r"expected an Excel day number from 1 to 2958465"),
        (-3, r"expected an Excel day number from 1"),
        (float("nan"), r"expected an Excel day number"),
        ("x45352", r"expected an Excel day number"),
        (True, r"expected an Excel day number"),
    ],
)
def test_excel_serial_refuses(serial: object, message: str) -> None:
    with pytest.raises(InvalidInputError, match=message):
        from_excel_serial(serial)


# ------------------------------------------------------------------------------ numbers


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (Fraction(5, 2), 3),
        (Fraction(-5, 2), -3),
        (Fraction(3, 2), 2),
        (Fraction(-3, 2), -2),
        (Fraction(7, 3), 2),
        (Fraction(-7, 3), -2),
        (0, 0),
        (4, 4),
    ],
)
def test_round_half_up_is_away_from_zero(value: Fraction, expected: int) -> None:
    assert round_half_up(value) == expected


@given(st.fractions(max_denominator=1000))
def test_round_half_up_matches_decimal_and_is_symmetric(value: Fraction) -> None:
    with decimal.localcontext(decimal.Context(prec=200)):
        exact = decimal.Decimal(value.numerator) / decimal.Decimal(value.denominator)
        oracle = int(exact.quantize(decimal.Decimal(1), rounding=decimal.ROUND_HALF_UP))
    assert round_half_up(value) == oracle
    assert round_half_up(-value) == -round_half_up(value)


def test_multipliers() -> None:
    assert CN_MULTIPLIERS["万"] == 10_000 and CN_MULTIPLIERS["亿"] == 100_000_000


def test_population_uses_symmetric_rounding() -> None:
    from sportsgov.regions import PopulationTable

    pop = PopulationTable.from_records([{"region": "A", "year": 2024, "population": "1.5万"}])
    assert pop.get("A", 2024) == 15_000


# ------------------------------------------------------------------------------ datums


@pytest.mark.parametrize(
    ("alias", "datum"),
    [
        ("wgs84", "wgs84"),
        ("WGS-84", "wgs84"),
        ("gps", "wgs84"),
        ("EPSG:4326", "wgs84"),
        ("gcj02", "gcj02"),
        ("GCJ-02", "gcj02"),
        ("amap", "gcj02"),
        ("tencent", "gcj02"),
        ("mars", "gcj02"),
        ("bd09", "bd09"),
        ("BD-09", "bd09"),
        ("baidu", "bd09"),
        ("bd09ll", "bd09"),
    ],
)
def test_one_alias_table_everywhere(alias: str, datum: str) -> None:
    from sportsgov.coverage import Points
    from sportsgov.facilities import Location

    assert normalize_datum(alias) == datum
    assert Location(120.0, 30.0, alias).datum == datum
    assert Points([120.0], [30.0], datum=alias).datum == datum


@pytest.mark.parametrize("value", ["utm", "", None, 4326])
def test_unknown_datum(value: object) -> None:
    with pytest.raises(DatumError, match=r"expected one of 'wgs84', 'gcj02', 'bd09'$"):
        normalize_datum(value)


# ------------------------------------------------------------------------------ cells


@pytest.mark.parametrize(
    "value",
    [
        None,
        "",
        "  ",
        "NA",
        "n/a",
        "NaN",
        "null",
        "None",
        "-",
        "—",
        "--",
        "/",
        "无",
        float("nan"),
        np.float64("nan"),
    ],
)
def test_missing_cells(value: object) -> None:
    assert is_missing(value)


@pytest.mark.parametrize("value", [0, 0.0, "0", "x", False, "N", np.float64(1.0)])
def test_present_cells(value: object) -> None:
    assert not is_missing(value)


# ------------------------------------------------------------------------------ arrays


def test_readonly_does_not_touch_the_callers_array() -> None:
    a = np.arange(3)
    r = readonly(a)
    assert a.flags.writeable and not r.flags.writeable
    assert readonly(r) is r


def test_array_equality() -> None:
    nan = np.array([1.0, np.nan])
    assert arrays_equal(nan, nan.copy(), nan=True)
    assert not arrays_equal(nan, nan.copy())
    assert not arrays_equal(np.zeros(2), np.zeros((1, 2)))
    assert optional_arrays_equal(None, None)
    assert not optional_arrays_equal(None, np.zeros(1))


# ------------------------------------------------------------------------------ TOML files


def test_toml_files_one_not_found_and_one_invalid_error(tmp_path: object) -> None:
    from pathlib import Path

    from sportsgov._common.tomlfiles import read_toml
    from sportsgov.errors import DataError, NotFoundError
    from sportsgov.facilities import FacilityKinds

    root = Path(str(tmp_path))
    with pytest.raises(NotFoundError, match=r"^path='.*: no such file$"):
        read_toml(root / "none.toml")
    bad = root / "bad.toml"
    bad.write_text("a = ", encoding="utf-8")
    with pytest.raises(DataError, match=r"^bad\.toml: not valid TOML: "):
        read_toml(bad)
    with pytest.raises(DataError, match=r"^bad\.toml: not valid TOML: "):
        FacilityKinds.load(bad)
    (root / "ok.toml").write_text('a = "b"\n', encoding="utf-8")
    assert read_toml(root / "ok.toml") == {"a": "b"}
