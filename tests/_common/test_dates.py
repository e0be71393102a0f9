"""Tests for ``sportsgov._common.dates``: one date parser, Excel serial days."""

from __future__ import annotations

import datetime as dt
import decimal

import numpy as np
import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from sportsgov._common.dates import as_date, from_excel_serial
from sportsgov.errors import InvalidInputError

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
        (np.datetime64("NaT", "D"), r"must not be NaT"),
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
