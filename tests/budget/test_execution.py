"""Tests for sportsgov.budget.execution (预算执行率 against 序时进度)."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sportsgov.budget import execution_rate, execution_table
from sportsgov.budget.execution import percent
from sportsgov.errors import DataError, InvalidInputError
from sportsgov.money import Money
from sportsgov.periods import Period

Y2024 = Period.year(2024)


def test_half_year_example() -> None:
    """Mid-year check of a 2024 line: 40 % spent by 30 June, time progress 182/366."""
    r = execution_rate(
        Money.parse("40万元"), Money.parse("100万元"), as_of="2024-06-30", period=Y2024
    )
    assert r.time_progress == Fraction(182, 366)
    assert r.rate == Fraction(2, 5)
    assert r.status == "behind"
    assert percent(r.gap) == "-9.7%"
    assert r.unspent == Money.parse("60万元") and not r.overspent


def test_tolerance_boundaries_are_on_pace() -> None:
    # 2024-07-01: time progress exactly 1/2; 5-point tolerance
    for spent, status in [
        (45, "on_pace"),
        (55, "on_pace"),
        ("44.99", "behind"),
        ("55.01", "ahead"),
    ]:
        r = execution_rate(Money.yuan(spent), Money.yuan(100), as_of="2024-07-01", period=Y2024)
        assert r.status == status, spent
    r = execution_rate(
        Money.yuan(49), Money.yuan(100), as_of="2024-07-01", period=Y2024, tolerance=0
    )
    assert r.status == "behind"


def test_quarter_basis_and_overspend() -> None:
    r = execution_rate(
        Money.yuan(120), Money.yuan(100), as_of="2024-06-30", period="2024", basis="quarter"
    )
    assert r.time_progress == Fraction(1, 2) and r.overspent and r.status == "ahead"


def test_table_from_records_and_mapping() -> None:
    rows = [
        {"line": "场地建设", "spent": "300万元", "budget": "1000万元"},
        {"line": "赛事活动", "spent": "260万元", "budget": "500万元"},
        {"line": "体质监测", "spent": "70万元", "budget": "100万元"},
    ]
    t = execution_table(rows, as_of="2024-06-30", period=Y2024)
    assert [r.status for r in t.rows] == ["behind", "on_pace", "ahead"]
    assert t.total.spent == Money.parse("630万元") and t.total.budget == Money.parse("1600万元")
    assert [r.line for r in t.behind()] == ["场地建设"]
    assert t["赛事活动"].rate == Fraction(13, 25)
    assert t.as_records()[-1]["line"] == "total"
    same = execution_table(
        {r["line"]: (Money.parse(r["spent"]), Money.parse(r["budget"])) for r in rows},
        as_of=dt.date(2024, 6, 30),
        period=Y2024,
    )
    assert same == t


@given(
    st.integers(0, 10**9),
    st.integers(1, 10**9),
    st.dates(dt.date(2023, 12, 1), dt.date(2025, 1, 31)),
    st.fractions(0, Fraction(1, 5), max_denominator=100),
)
def test_status_against_independent_day_count(
    spent: int, budget: int, as_of: dt.date, tol: Fraction
) -> None:
    r = execution_rate(Money(spent), Money(budget), as_of=as_of, period=Y2024, tolerance=tol)
    days = min(max(as_of, dt.date(2023, 12, 31)), dt.date(2024, 12, 31)) - dt.date(2023, 12, 31)
    progress = Fraction(days.days, 366)
    assert r.time_progress == progress
    gap = Fraction(spent, budget) - progress
    expected = "ahead" if gap > tol else "behind" if gap < -tol else "on_pace"
    assert r.status == expected


@given(st.lists(st.tuples(st.integers(0, 10**8), st.integers(1, 10**8)), min_size=1, max_size=10))
def test_table_total_is_sum_of_lines(lines: list[tuple[int, int]]) -> None:
    t = execution_table(
        {f"l{i}": (Money(s), Money(b)) for i, (s, b) in enumerate(lines)},
        as_of="2024-10-01",
        period=Y2024,
    )
    assert t.total.rate == Fraction(sum(s for s, _ in lines), sum(b for _, b in lines))
    assert sum(len(v) for v in t.by_status().values()) == len(lines)


def test_bad_input() -> None:
    with pytest.raises(InvalidInputError, match=r"budget=0.00: must be > 0"):
        execution_rate(Money(1), Money(0), as_of="2024-01-01", period=Y2024)
    with pytest.raises(InvalidInputError, match=r"spent=-1.00: must be >= 0"):
        execution_rate(Money(-100), Money(1), as_of="2024-01-01", period=Y2024)
    with pytest.raises(InvalidInputError, match=r"spent=1.5: floats are refused for money"):
        execution_rate(1.5, Money(1), as_of="2024-01-01", period=Y2024)  # type: ignore[arg-type]
    with pytest.raises(InvalidInputError, match=r"tolerance='150%': must be >= 0 and < 1"):
        execution_rate(Money(1), Money(1), as_of="2024-01-01", period=Y2024, tolerance="150%")
    with pytest.raises(InvalidInputError, match=r"as_of='June': expected a date"):
        execution_rate(Money(1), Money(1), as_of="June", period=Y2024)
    with pytest.raises(DataError, match=r"row 2, field line: line='a': duplicate line id"):
        execution_table(
            [
                {"line": "a", "spent": "1", "budget": "2"},
                {"line": "a", "spent": "1", "budget": "2"},
            ],
            as_of="2024-01-01",
            period=Y2024,
        )
    with pytest.raises(DataError, match=r"row 1, field budget: missing field 'budget'"):
        execution_table([{"line": "a", "spent": "1"}], as_of="2024-01-01", period=Y2024)
