"""Tests for sportsgov.periods: Period, parsing, partitions, as_date, time_progress."""

from __future__ import annotations

import datetime as dt
import itertools
import pickle
import subprocess
import sys
from fractions import Fraction

import numpy as np
import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from sportsgov.errors import InvalidInputError
from sportsgov.periods import Period, as_date, as_period, time_progress, today
from sportsgov.testing import dates, periods

D = dt.date

# ----------------------------------------------------------------- constructors


def test_calendar_constructors() -> None:
    assert Period.year(2024) == Period(D(2024, 1, 1), D(2024, 12, 31))
    assert Period.quarter(2024, 2) == Period(D(2024, 4, 1), D(2024, 6, 30))
    assert Period.quarter(2023, 4) == Period(D(2023, 10, 1), D(2023, 12, 31))
    assert Period.month(2024, 7) == Period(D(2024, 7, 1), D(2024, 7, 31))
    assert Period.month(2023, 2).end == D(2023, 2, 28)
    assert Period.month(2024, 2).end == D(2024, 2, 29)
    assert Period.month(1900, 2).end == D(1900, 2, 28)  # century rule
    assert Period.month(2000, 2).end == D(2000, 2, 29)  # 400-year rule
    assert Period.day("2024-07-01") == Period(D(2024, 7, 1), D(2024, 7, 1))


def test_iso_weeks() -> None:
    # ISO 8601: week 1 holds the year's first Thursday.
    assert Period.week(2024, 1) == Period(D(2024, 1, 1), D(2024, 1, 7))
    assert Period.week(2024, 10) == Period(D(2024, 3, 4), D(2024, 3, 10))
    assert Period.week(2021, 1).start == D(2021, 1, 4)
    assert Period.week(2020, 53) == Period(D(2020, 12, 28), D(2021, 1, 3))
    assert Period.week(2025, 1).start == D(2024, 12, 30)  # ISO year 2025 starts in 2024
    with pytest.raises(InvalidInputError, match=r"^week=53: ISO year 2021 has only 52 weeks$"):
        Period.week(2021, 53)


def test_days() -> None:
    assert Period.year(2024).days == 366
    assert Period.year(2023).days == 365
    assert Period.year(2100).days == 365
    assert [q.days for q in Period.year(2024).quarters()] == [91, 91, 92, 92]
    assert [q.days for q in Period.year(2023).quarters()] == [90, 91, 92, 92]
    assert Period.parse("2021/2025").days == 365 * 5 + 1  # 十四五: one leap day (2024)


def test_accepts_pendulum_and_strings_and_stores_plain_dates() -> None:
    p = Period(pendulum.date(2024, 1, 1), "2024-03-31")
    assert type(p.start) is dt.date
    assert type(p.end) is dt.date
    assert p == Period.quarter(2024, 1)


def test_pickles_cleanly_in_another_process() -> None:
    p = Period(pendulum.date(2024, 3, 4), pendulum.date(2024, 3, 10))
    payload = pickle.dumps([p, Period.parse("2020-06/2022-08")])
    # The payload references only plain dates: no pendulum class (pendulum#899).
    assert b"pendulum" not in payload
    code = (
        "import pickle, sys\n"
        "ps = pickle.loads(sys.stdin.buffer.read())\n"
        "print(' '.join(str(p) for p in ps), ps[0].days)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], input=payload, capture_output=True, check=True
    )
    assert out.stdout.decode().split() == ["2024-W10", "2020-06/2022-08", "7"]


def test_order_hash_immutability() -> None:
    qs = Period.year(2024).quarters()
    assert sorted([qs[2], qs[0], qs[3], qs[1]]) == qs
    assert len({Period.year(2024), Period.parse("2024-01/2024-12")}) == 1
    with pytest.raises(AttributeError):
        qs[0].start = D(2024, 1, 2)  # type: ignore[misc]


# ----------------------------------------------------------------- parse / str


@pytest.mark.parametrize(
    ("text", "start", "end", "canonical"),
    [
        ("2024", D(2024, 1, 1), D(2024, 12, 31), "2024"),
        ("2024-Q2", D(2024, 4, 1), D(2024, 6, 30), "2024-Q2"),
        ("2024q3", D(2024, 7, 1), D(2024, 9, 30), "2024-Q3"),
        ("2024-07", D(2024, 7, 1), D(2024, 7, 31), "2024-07"),
        ("2024-W10", D(2024, 3, 4), D(2024, 3, 10), "2024-W10"),
        ("2024W01", D(2024, 1, 1), D(2024, 1, 7), "2024-W01"),
        ("2024-03-01", D(2024, 3, 1), D(2024, 3, 1), "2024-03-01"),
        ("2020-06/2022-08", D(2020, 6, 1), D(2022, 8, 31), "2020-06/2022-08"),
        ("2024-03-01/2024-06-30", D(2024, 3, 1), D(2024, 6, 30), "2024-03/2024-06"),
        ("2024-03-02/2024-06-30", D(2024, 3, 2), D(2024, 6, 30), "2024-03-02/2024-06-30"),
        ("2021/2025", D(2021, 1, 1), D(2025, 12, 31), "2021/2025"),
        ("2024-Q1/2024-Q3", D(2024, 1, 1), D(2024, 9, 30), "2024-01/2024-09"),
        ("2024-01/2024-12", D(2024, 1, 1), D(2024, 12, 31), "2024"),
        ("2024-04-01/2024-06-30", D(2024, 4, 1), D(2024, 6, 30), "2024-Q2"),
        (" 2024年7月1日 ", D(2024, 7, 1), D(2024, 7, 1), "2024-07-01"),
        ("2024-03-04/2024-03-10", D(2024, 3, 4), D(2024, 3, 10), "2024-W10"),
        ("2024年", D(2024, 1, 1), D(2024, 12, 31), "2024"),
        ("2024年度", D(2024, 1, 1), D(2024, 12, 31), "2024"),
        ("2024年7月", D(2024, 7, 1), D(2024, 7, 31), "2024-07"),
        ("2024年第二季度", D(2024, 4, 1), D(2024, 6, 30), "2024-Q2"),
        ("2024年第4季度", D(2024, 10, 1), D(2024, 12, 31), "2024-Q4"),
        ("2024年三季度", D(2024, 7, 1), D(2024, 9, 30), "2024-Q3"),
        # 绍兴市亚运城市行动计划(2020—2022年), 绍兴市人民政府办公室, 2020-09-18
        ("2020年6月至2022年8月", D(2020, 6, 1), D(2022, 8, 31), "2020-06/2022-08"),
        ("2020-06 ~ 2022-08", D(2020, 6, 1), D(2022, 8, 31), "2020-06/2022-08"),
        ("2021年—2025年", D(2021, 1, 1), D(2025, 12, 31), "2021/2025"),
    ],
)
def test_parse_and_canonical_text(text: str, start: dt.date, end: dt.date, canonical: str) -> None:
    p = Period.parse(text)
    assert (p.start, p.end) == (start, end)
    assert str(p) == canonical
    assert repr(p) == f"Period('{canonical}')"
    assert Period.parse(str(p)) == p


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2024-13", r"^text='2024-13': month must be 1..12$"),
        ("2024-00", r"month must be 1..12"),
        ("2024-Q5", r"^text='2024-Q5': expected a period such as"),
        ("2021-W53", r"^text='2021-W53': ISO year 2021 has only 52 weeks"),
        ("2024-02-30", r"^text='2024-02-30': not a valid date"),
        ("2024-08/2024-06", r"^text='2024-08/2024-06': the range ends before it starts"),
        ("24", r"expected a period such as"),
        ("", r"^text='': expected a period such as"),
        ("2024/", r"expected a period such as"),
        ("2024-07-01T00:00", r"expected a period such as"),
        ("2024年13月", r"month must be 1..12"),
        ("2024年第五季度", r"expected a period such as"),
        ("2024/2025/2026", r"expected a period such as"),
    ],
)
def test_parse_refuses(text: str, message: str) -> None:
    with pytest.raises(InvalidInputError, match=message):
        Period.parse(text)


def test_bad_constructor_input() -> None:
    with pytest.raises(InvalidInputError, match=r"^end=2024-01-01: must not be before start="):
        Period("2024-02-01", "2024-01-01")
    with pytest.raises(InvalidInputError, match=r"^start=20240101: expected a date such as"):
        Period(20240101, "2024-01-01")
    with pytest.raises(InvalidInputError, match=r"^quarter=5: expected an int from 1 to 4$"):
        Period.quarter(2024, 5)
    with pytest.raises(InvalidInputError, match=r"^month=0: expected an int from 1 to 12$"):
        Period.month(2024, 0)
    with pytest.raises(InvalidInputError, match=r"^year='2024': expected an int from 1 to 9999$"):
        Period.year("2024")  # type: ignore[arg-type]
    with pytest.raises(InvalidInputError, match=r"^text=2024: expected a string"):
        Period.parse(2024)  # type: ignore[arg-type]


# ----------------------------------------------------------------- queries


def test_contains() -> None:
    q2 = Period.quarter(2024, 2)
    assert q2.contains("2024-04-01") and q2.contains(D(2024, 6, 30))
    assert not q2.contains("2024-03-31") and not q2.contains("2024-07-01")
    assert "2024-05-05" in q2
    assert pendulum.date(2024, 5, 5) in q2
    with pytest.raises(InvalidInputError, match=r"^day='May 5': expected a date"):
        q2.contains("May 5")


def test_partitions() -> None:
    p = Period.parse("2020-06/2022-08")
    assert [str(y) for y in p.years()] == ["2020-06/2020-12", "2021", "2022-01/2022-08"]
    assert len(p.months()) == 27
    assert [str(q) for q in p.quarters()][:2] == ["2020-06", "2020-Q3"]
    assert Period.day("2024-02-29").months() == [Period.day("2024-02-29")]
    assert Period.year(2024).overlaps(Period.parse("2024-12-31/2025-01-05"))
    assert not Period.year(2024).overlaps(Period.year(2025))


# ----------------------------------------------------------------- as_date


def test_as_date_accepts() -> None:
    assert as_date("2024-07-01") == D(2024, 7, 1)
    assert as_date("20240701") == D(2024, 7, 1)
    assert as_date("2024年7月1日") == D(2024, 7, 1)
    assert as_date("2024 年 07 月 01 号") == D(2024, 7, 1)
    assert as_date(D(2024, 7, 1)) == D(2024, 7, 1)
    assert type(as_date(pendulum.date(2024, 7, 1))) is dt.date
    assert as_date(np.datetime64("2024-07-01")) == D(2024, 7, 1)
    assert as_date(np.datetime64("2024-07-01T12:00")) == D(2024, 7, 1)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("2024-07-01T25:00", r"^as_of='2024-07-01T25:00': not a valid date"),
        ("2024-02-30", r"^as_of='2024-02-30': not a valid date"),
        ("2024年2月30日", r"not a valid date"),
        ("July 1", r"expected a date such as"),
        (
            20240701,
            r"^as_of=20240701: expected a date such as 2024-03-01, 2024/3/1 or 2024年3月1日$",
        ),
        (None, r"^as_of=None: expected a date such as 2024-03-01"),
        ("2024/13/1", r"not a valid date"),
        ("2024-03/01", r"expected a date such as"),
        (np.datetime64("NaT", "D"), r"must not be NaT"),
    ],
)
def test_as_date_refuses(value: object, message: str) -> None:
    with pytest.raises(InvalidInputError, match=message):
        as_date(value)


def test_as_date_argument_name() -> None:
    with pytest.raises(InvalidInputError, match=r"^opened='x'"):
        as_date("x", argument="opened")


# ----------------------------------------------------------------- pendulum traps


def test_pendulum_traps_we_avoid() -> None:
    """The pendulum traps of docs/explanation/conventions.md, pinned so that a change is noticed.

    sportsgov's periods use none of these; they show why."""
    # start_of("quarter") raises in pendulum 3; our Period.quarter does the job.
    with pytest.raises(ValueError, match="quarter"):
        pendulum.date(2024, 5, 5).start_of("quarter")
    assert Period.parse("2024-Q2").start == D(2024, 4, 1)
    # duration(months=1) == duration(days=30): months are not a fixed length.
    assert pendulum.duration(months=1) == pendulum.duration(days=30)
    assert [m.days for m in Period.year(2024).months()][:2] == [31, 29]
    # parse() returns a UTC datetime unless exact=True; as_date takes its day in
    # China Standard Time, so a UTC evening is the next Beijing day.
    parsed = pendulum.parse("2024-07-01")
    assert isinstance(parsed, dt.datetime)
    assert as_date(parsed) == D(2024, 7, 1)
    assert as_date(pendulum.parse("2024-06-30T20:00:00Z")) == D(2024, 7, 1)
    assert as_date(pendulum.parse("2024-07-01", exact=True)) == D(2024, 7, 1)
    # month addition clamps: Jan 31 + 1 month = Feb 29, + 1 month again = Mar 29, not Mar 31.
    jan31 = pendulum.date(2024, 1, 31)
    assert jan31.add(months=1) == pendulum.date(2024, 2, 29)
    assert jan31.add(months=1).add(months=1) == pendulum.date(2024, 3, 29)
    assert Period.month(2024, 3).end == D(2024, 3, 31)


# ----------------------------------------------------------------- time_progress


def test_time_progress_readme_example() -> None:
    # 2024 is a leap year: 1 Jan .. 1 Jul inclusive is 183 of 366 days.
    assert time_progress(Period.year(2024), "2024-07-01") == Fraction(183, 366)
    assert time_progress(Period.year(2024), "2024-07-01") == Fraction(61, 122)
    assert time_progress(Period.year(2023), "2023-07-01") == Fraction(182, 365)


@pytest.mark.parametrize(
    ("as_of", "day", "month", "quarter"),
    [
        ("2023-12-31", Fraction(0), Fraction(0), Fraction(0)),
        ("2024-01-01", Fraction(1, 366), Fraction(0), Fraction(0)),
        ("2024-01-31", Fraction(31, 366), Fraction(1, 12), Fraction(0)),
        ("2024-02-28", Fraction(59, 366), Fraction(1, 12), Fraction(0)),
        ("2024-02-29", Fraction(60, 366), Fraction(2, 12), Fraction(0)),
        ("2024-03-31", Fraction(91, 366), Fraction(3, 12), Fraction(1, 4)),
        ("2024-04-01", Fraction(92, 366), Fraction(3, 12), Fraction(1, 4)),
        ("2024-06-29", Fraction(181, 366), Fraction(5, 12), Fraction(1, 4)),
        ("2024-06-30", Fraction(182, 366), Fraction(6, 12), Fraction(2, 4)),
        ("2024-09-30", Fraction(274, 366), Fraction(9, 12), Fraction(3, 4)),
        ("2024-12-30", Fraction(365, 366), Fraction(11, 12), Fraction(3, 4)),
        ("2024-12-31", Fraction(1), Fraction(1), Fraction(1)),
        ("2025-06-01", Fraction(1), Fraction(1), Fraction(1)),
    ],
)
def test_time_progress_bases(
    as_of: str, day: Fraction, month: Fraction, quarter: Fraction
) -> None:
    year = Period.year(2024)
    assert time_progress(year, as_of) == day
    assert time_progress(year, as_of, basis="day") == day
    assert time_progress(year, as_of, basis="month") == month
    assert time_progress(year, as_of, basis="quarter") == quarter


def test_time_progress_partial_months_and_text_period() -> None:
    p = Period("2024-01-15", "2024-03-10")  # pieces: Jan 15-31, Feb, Mar 1-10
    assert time_progress(p, "2024-01-31", basis="month") == Fraction(1, 3)
    assert time_progress(p, "2024-03-10", basis="month") == 1
    assert time_progress("2024-Q3", "2024-08-15") == Fraction(46, 92)
    assert time_progress("2020-06/2022-08", "2021-05-31", basis="month") == Fraction(12, 27)
    five_year = Period.parse("2021/2025")  # 十四五
    assert time_progress(five_year, "2023-12-30", basis="year") == Fraction(2, 5)
    assert time_progress(five_year, "2023-12-31", basis="year") == Fraction(3, 5)


def test_time_progress_bad_input() -> None:
    with pytest.raises(
        InvalidInputError,
        match=r"^basis='week': expected one of 'day', 'month', 'quarter', 'year'$",
    ):
        time_progress(Period.year(2024), "2024-07-01", basis="week")  # type: ignore[arg-type]
    with pytest.raises(InvalidInputError, match=r"^period=2024: expected a Period"):
        time_progress(2024, "2024-07-01")  # type: ignore[arg-type]
    with pytest.raises(InvalidInputError, match=r"^as_of='someday': expected a date such as"):
        time_progress(Period.year(2024), "someday")


# ----------------------------------------------------------------- properties


@given(periods())
def test_text_round_trip(p: Period) -> None:
    assert Period.parse(str(p)) == p


@given(st.from_type(Period))
def test_registered_strategy(p: Period) -> None:
    assert p.start <= p.end


@given(periods(max_days=800))
def test_partitions_cover_the_period(p: Period) -> None:
    for pieces in (p.months(), p.quarters(), p.years()):
        assert pieces[0].start == p.start
        assert pieces[-1].end == p.end
        assert sum(x.days for x in pieces) == p.days
        for a, b in itertools.pairwise(pieces):
            assert b.start - a.end == dt.timedelta(days=1)


@given(periods(), dates())
def test_time_progress_in_unit_interval_and_matches_brute_force(p: Period, d: dt.date) -> None:
    value = time_progress(p, d)
    assert 0 <= value <= 1
    # Oracle: count the days one by one.
    elapsed = 0
    day = p.start
    while day <= p.end:
        elapsed += day <= d
        day += dt.timedelta(days=1)
    assert value == Fraction(elapsed, p.days)
    assert p.contains(d) == (p.start <= d <= p.end)


@given(periods(max_days=800), dates(), dates())
def test_time_progress_monotone(p: Period, d1: dt.date, d2: dt.date) -> None:
    lo, hi = sorted([d1, d2])
    for basis in ("day", "month", "quarter", "year"):
        assert time_progress(p, lo, basis=basis) <= time_progress(p, hi, basis=basis)


@given(st.integers(min_value=1, max_value=9998), st.integers(min_value=1, max_value=12))
def test_month_agrees_with_pendulum(year: int, month: int) -> None:
    # Peer oracle: pendulum's end_of("month") (fine for months; only quarters raise).
    start = pendulum.date(year, month, 1)
    assert Period.month(year, month).end == start.end_of("month")
    assert Period.month(year, month).days == start.days_in_month


@given(dates())
def test_calendar_periods_contain_their_day(d: dt.date) -> None:
    iso_year, iso_week, _ = d.isocalendar()
    for p in (
        Period.year(d.year),
        Period.quarter(d.year, (d.month - 1) // 3 + 1),
        Period.month(d.year, d.month),
        Period.week(iso_year, iso_week),
        Period.day(d),
    ):
        assert p.contains(d)
        assert Period.parse(str(p)) == p


@given(
    st.integers(min_value=1995, max_value=2050),
    st.integers(min_value=1, max_value=12),
    st.integers(min_value=1, max_value=40),
    dates("1994-01-01", "2055-12-31"),
)
def test_month_basis_matches_calendar_oracle(
    year: int, month: int, n_months: int, as_of: dt.date
) -> None:
    """Oracle: count (year, month) pairs whose last day (calendar.monthrange) <= as_of."""
    import calendar

    months = [
        ((year * 12 + month - 1 + k) // 12, (month - 1 + k) % 12 + 1) for k in range(n_months)
    ]
    last = months[-1]
    p = Period(D(year, month, 1), D(last[0], last[1], calendar.monthrange(*last)[1]))
    done = sum(1 for y, m in months if D(y, m, calendar.monthrange(y, m)[1]) <= as_of)
    assert time_progress(p, as_of, basis="month") == Fraction(done, n_months)


def test_as_period_accepts_every_form_and_names_the_argument() -> None:
    from sportsgov.periods import as_period

    q2 = Period.quarter(2024, 2)
    assert as_period(q2) is q2
    assert as_period("2024-Q2") == q2
    assert as_period(("2024-04-01", "2024/6/30")) == q2
    assert as_period(2024) == Period.year(2024)
    with pytest.raises(InvalidInputError, match=r"^program='2024-13': month must be 1..12$"):
        as_period("2024-13", "program")
    with pytest.raises(InvalidInputError, match=r"^period=True: expected a Period"):
        as_period(True)


# ------------------------------------------------------------ today and pendulum


def freeze_clock(monkeypatch: pytest.MonkeyPatch, instant: pendulum.DateTime) -> None:
    """Make ``pendulum.now(tz)`` return ``instant`` seen from ``tz`` (a fixed clock)."""
    monkeypatch.setattr(pendulum, "now", lambda tz=None: instant.in_timezone(tz or "UTC"))


def test_today_is_the_beijing_day(monkeypatch: pytest.MonkeyPatch) -> None:
    # 23:30 UTC on 1 March is 07:30 on 2 March in Beijing (UTC+8, no DST).
    freeze_clock(monkeypatch, pendulum.datetime(2024, 3, 1, 23, 30, tz="UTC"))
    assert today() == D(2024, 3, 2)
    assert type(today()) is D
    assert today("UTC") == D(2024, 3, 1)
    assert today("America/New_York") == D(2024, 3, 1)
    # 15:59 UTC is 23:59 Beijing: still the same day in both zones.
    freeze_clock(monkeypatch, pendulum.datetime(2024, 3, 1, 15, 59, tz="UTC"))
    assert today() == today("UTC") == D(2024, 3, 1)
    freeze_clock(monkeypatch, pendulum.datetime(2024, 3, 1, 16, 0, tz="UTC"))
    assert today() == D(2024, 3, 2)


def test_today_bad_zone() -> None:
    with pytest.raises(InvalidInputError, match=r"^tz='Mars/Base': expected an IANA time zone"):
        today("Mars/Base")


def test_period_from_pendulum_interval() -> None:
    q2 = pendulum.interval(pendulum.date(2024, 4, 1), pendulum.date(2024, 6, 30))
    assert Period.from_interval(q2) == Period.quarter(2024, 2)
    # Both ends are included: the interval iterates exactly the period's days.
    assert len(list(q2.range("days"))) == Period.from_interval(q2).days
    # A reversed interval covers the same days.
    back = pendulum.date(2024, 6, 30) - pendulum.date(2024, 4, 1)
    assert Period.from_interval(back) == Period.quarter(2024, 2)
    assert as_period(q2) == Period.quarter(2024, 2)
    assert time_progress(q2, "2024-05-16") == time_progress("2024-Q2", "2024-05-16")
    with pytest.raises(InvalidInputError, match=r"^interval='2024': expected a pendulum Interval"):
        Period.from_interval("2024")


@given(dates(), dates())
def test_interval_and_period_agree(a: dt.date, b: dt.date) -> None:
    interval = pendulum.interval(
        pendulum.date(a.year, a.month, a.day), pendulum.date(b.year, b.month, b.day)
    )
    period = Period.from_interval(interval)
    assert (period.start, period.end) == (min(a, b), max(a, b))
    assert period.days == abs((b - a).days) + 1
