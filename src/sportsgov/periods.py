"""Periods of whole days and the 序时进度 (time progress) of a plan period.

A :class:`Period` is an inclusive range of calendar days, ``start`` to ``end``,
held as plain :class:`datetime.date` values (so it pickles anywhere and compares
cleanly). pendulum ``Date`` values are accepted and converted; sportsgov needs
no pendulum arithmetic here because the standard library's proleptic Gregorian
calendar already does everything exactly.

Periods are written the way plans write them and parsed back:

| text | period |
|---|---|
| ``"2024"`` | the calendar year 2024 |
| ``"2024-Q2"`` | the second quarter (2024-04-01 .. 2024-06-30) |
| ``"2024-07"`` | July 2024 |
| ``"2024-W10"`` | ISO week 10 of 2024 (Monday .. Sunday) |
| ``"2024-03-01"`` | one day |
| ``"2024年"``, ``"2024年第二季度"``, ``"2024年7月"``, ``"2024年7月1日"`` | the same in Chinese |
| ``"2020-06/2022-08"`` | June 2020 through August 2022 (a range, see below) |
| ``"2021/2025"`` | 2021-01-01 through 2025-12-31 (十四五) |

A range is any two of the forms joined by ``/`` (or 至, ~, —): from the start
of the first to the end of the second.

:func:`as_date` is the one place where every sportsgov module turns user input
into a date: ``datetime.date``, pendulum ``Date``, text ``"2024-07-01"``,
``"2024/7/1"``, ``"2024.7.1"``, ``"20240701"``, Chinese ``"2024年7月1日"``, a
``numpy.datetime64``, or a ``datetime`` (pendulum ``DateTime``, pandas
``Timestamp``): its calendar date, after converting an aware datetime to China
Standard Time (``Asia/Shanghai``). Numbers are refused (Excel serial days are
converted by the loaders that read Excel, explicitly).

Examples
--------
>>> from sportsgov.periods import Period, time_progress
>>> p = Period.parse("2024-Q2")
>>> p
Period('2024-Q2')
>>> p.start, p.end, p.days
(datetime.date(2024, 4, 1), datetime.date(2024, 6, 30), 91)
>>> time_progress(Period.year(2024), "2024-07-01")  # 183 of 366 days
Fraction(1, 2)
"""

from __future__ import annotations

import calendar
import datetime as _dt
import re
from fractions import Fraction
from typing import Literal

import attrs

from sportsgov._common.dates import as_date
from sportsgov.errors import InvalidInputError

__all__ = [
    "DEFAULT_TZ",
    "Period",
    "as_date",
    "as_period",
    "time_progress",
    "today",
]

#: The time zone whose calendar day is "today" for a Chinese sports bureau.
DEFAULT_TZ = "Asia/Shanghai"

_ONE_DAY = _dt.timedelta(days=1)


def today(tz: str = DEFAULT_TZ) -> _dt.date:
    """The current calendar day in time zone ``tz`` (default: Beijing time).

    Default as-of dates (the CLI's ``--as-of``, a report without ``as_of`` in its
    ``city.toml``) use this, so a report run at 07:30 Beijing time on a server
    whose clock is UTC is dated the Beijing day, not the previous UTC day.

    Parameters
    ----------
    tz
        IANA time-zone name, ``"Asia/Shanghai"`` by default.

    Returns
    -------
    datetime.date
        A plain standard-library date (never a pendulum ``Date``).

    Raises
    ------
    InvalidInputError
        An unknown time-zone name.

    Examples
    --------
    At 23:30 UTC on 1 March 2024 this returns ``date(2024, 3, 2)`` (07:30 in
    Beijing) while ``today("UTC")`` returns ``date(2024, 3, 1)``.

    >>> type(today())
    <class 'datetime.date'>
    """
    import pendulum

    try:
        zone = pendulum.timezone(tz)
    except ValueError:  # pendulum.tz.exceptions.InvalidTimezone
        raise InvalidInputError.bad(
            "tz", tz, "expected an IANA time zone such as 'Asia/Shanghai'"
        ) from None
    now = pendulum.now(zone)
    return _dt.date(now.year, now.month, now.day)


def _start_converter(value: object) -> _dt.date:
    return as_date(value, argument="start")


def _end_converter(value: object) -> _dt.date:
    return as_date(value, argument="end")


def _month_end(year: int, month: int) -> _dt.date:
    return _dt.date(year, month, calendar.monthrange(year, month)[1])


def _check_int(argument: str, value: object, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise InvalidInputError.bad(argument, value, f"expected an int from {low} to {high}")
    return value


_YEAR_RE = re.compile(r"^(\d{4})$")
_QUARTER_RE = re.compile(r"^(\d{4})-?Q([1-4])$", re.IGNORECASE)
_MONTH_RE = re.compile(r"^(\d{4})-(\d{2})$")
_WEEK_RE = re.compile(r"^(\d{4})-?W(\d{2})$", re.IGNORECASE)
_CN_YEAR_RE = re.compile(r"^(\d{4})\s*年度?$")
_CN_MONTH_RE = re.compile(r"^(\d{4})\s*年\s*(\d{1,2})\s*月份?$")
_CN_QUARTER_RE = re.compile(r"^(\d{4})\s*年\s*第?\s*([1-4一二三四])\s*季度$")
_CN_NUMERALS = {"一": 1, "二": 2, "三": 3, "四": 4}
_DAY_RE = re.compile(
    r"^\d{4}-\d{2}-\d{2}$|^\d{8}$|^\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*[日号]?$"
)
_RANGE_RE = re.compile(r"\s*(?:/|至|~|～|—|–)\s*")


@attrs.frozen(order=True, repr=False)
class Period:
    """An inclusive range of days, ``start`` through ``end``.

    Periods are immutable, hashable, ordered by ``(start, end)`` and pickle to
    plain dates. ``str(period)`` is the shortest text :meth:`parse` reads back.

    Attributes
    ----------
    start : datetime.date
        First day, included (the constructor takes anything :func:`as_date` accepts).
    end : datetime.date
        Last day, included.

    Raises
    ------
    InvalidInputError
        ``start`` after ``end``, or a value that is not a date.

    Examples
    --------
    >>> Period("2024-03-01", "2024-06-30")
    Period('2024-03/2024-06')
    >>> Period.year(2024).contains("2024-12-31")
    True
    >>> [str(q) for q in Period.parse("2024-02/2024-07").quarters()]
    ['2024-02/2024-03', '2024-Q2', '2024-07']
    """

    start: _dt.date = attrs.field(converter=_start_converter)
    end: _dt.date = attrs.field(converter=_end_converter)

    def __attrs_post_init__(self) -> None:
        if self.start > self.end:
            raise InvalidInputError.bad(
                "end",
                self.end,
                f"must not be before start={self.start.isoformat()}",
                shown=self.end.isoformat(),
            )

    # ------------------------------------------------------------ constructors
    @classmethod
    def from_interval(cls, interval: object) -> Period:
        """The period covered by a pendulum ``Interval``, both ends included.

        ``pendulum.interval(a, b)`` of two ``Date`` values iterates the days from
        ``a`` to ``b`` inclusive, which is exactly a :class:`Period`. The ends of an
        interval between datetimes become days as :func:`as_date` makes them
        (aware datetimes in China Standard Time).

        Parameters
        ----------
        interval : pendulum.Interval
            An interval, in either order.

        Raises
        ------
        InvalidInputError
            Not a pendulum interval.

        Examples
        --------
        >>> import pendulum
        >>> q2 = pendulum.interval(pendulum.date(2024, 4, 1), pendulum.date(2024, 6, 30))
        >>> Period.from_interval(q2)
        Period('2024-Q2')
        """
        start = getattr(interval, "start", None)
        end = getattr(interval, "end", None)
        if type(interval).__name__ != "Interval" or start is None or end is None:
            raise InvalidInputError.bad(
                "interval", interval, "expected a pendulum Interval between two dates"
            )
        first, last = sorted((as_date(start, "start"), as_date(end, "end")))
        return cls(first, last)

    @classmethod
    def year(cls, year: int) -> Period:
        """The calendar year ``year`` (1 January .. 31 December).

        Examples
        --------
        >>> Period.year(2024).days
        366
        """
        year = _check_int("year", year, 1, 9999)
        return cls(_dt.date(year, 1, 1), _dt.date(year, 12, 31))

    @classmethod
    def quarter(cls, year: int, quarter: int) -> Period:
        """Quarter ``quarter`` (1-4) of ``year``.

        Examples
        --------
        >>> Period.quarter(2024, 1)
        Period('2024-Q1')
        >>> Period.quarter(2024, 1).days   # leap year: 31 + 29 + 31
        91
        """
        year = _check_int("year", year, 1, 9999)
        quarter = _check_int("quarter", quarter, 1, 4)
        first = 3 * quarter - 2
        return cls(_dt.date(year, first, 1), _month_end(year, first + 2))

    @classmethod
    def month(cls, year: int, month: int) -> Period:
        """Month ``month`` (1-12) of ``year``.

        Examples
        --------
        >>> Period.month(2024, 2).end
        datetime.date(2024, 2, 29)
        """
        year = _check_int("year", year, 1, 9999)
        month = _check_int("month", month, 1, 12)
        return cls(_dt.date(year, month, 1), _month_end(year, month))

    @classmethod
    def week(cls, year: int, week: int) -> Period:
        """ISO week ``week`` of ISO year ``year``, Monday through Sunday.

        ISO years have 52 or 53 weeks; week 1 contains the year's first Thursday.

        Examples
        --------
        >>> Period.week(2024, 10)
        Period('2024-W10')
        >>> Period.week(2024, 10).start
        datetime.date(2024, 3, 4)
        >>> Period.week(2020, 53).end   # 2020 has 53 ISO weeks
        datetime.date(2021, 1, 3)
        """
        year = _check_int("year", year, 1, 9998)
        week = _check_int("week", week, 1, 53)
        try:
            monday = _dt.date.fromisocalendar(year, week, 1)
        except ValueError:
            raise InvalidInputError.bad(
                "week", week, f"ISO year {year} has only 52 weeks"
            ) from None
        return cls(monday, monday + _dt.timedelta(days=6))

    @classmethod
    def day(cls, day: object) -> Period:
        """The single day ``day``.

        Examples
        --------
        >>> Period.day("2024-07-01").days
        1
        """
        d = as_date(day, argument="day")
        return cls(d, d)

    @classmethod
    def parse(cls, text: str) -> Period:
        """Read a period from text (see the module docs for the forms).

        Parameters
        ----------
        text
            ``"2024"``, ``"2024-Q2"``, ``"2024-07"``, ``"2024-W10"``,
            ``"2024-03-01"``, their Chinese forms (``"2024年"``,
            ``"2024年第二季度"``, ``"2024年7月"``, ``"2024年7月1日"``), or two
            of these joined by ``/``, ``至``, ``~`` or ``—``
            (``"2020-06/2022-08"``, ``"2020年6月至2022年8月"``).

        Raises
        ------
        InvalidInputError
            Text that is not a period, or a range that ends before it starts.

        Examples
        --------
        >>> Period.parse("2020-06/2022-08")
        Period('2020-06/2022-08')
        >>> Period.parse("2020-06/2022-08").end
        datetime.date(2022, 8, 31)
        >>> Period.parse("2021/2025").days
        1826
        >>> Period.parse("2020年6月至2022年8月")
        Period('2020-06/2022-08')
        >>> Period.parse("2024-13")
        Traceback (most recent call last):
        ...
        sportsgov.errors.InvalidInputError: text='2024-13': month must be 1..12
        """
        if not isinstance(text, str):
            raise InvalidInputError.bad("text", text, "expected a string such as '2024-Q2'")
        raw = text.strip()
        halves = _RANGE_RE.split(raw, maxsplit=1)
        if len(halves) == 2:
            first = cls._parse_one(halves[0], text)
            last = cls._parse_one(halves[1], text)
            if first.start > last.end:
                raise InvalidInputError.bad("text", text, "the range ends before it starts")
            return cls(first.start, last.end)
        return cls._parse_one(raw, text)

    @classmethod
    def _parse_one(cls, part: str, text: str) -> Period:
        if m := _YEAR_RE.match(part):
            return cls.year(int(m[1]))
        if m := _QUARTER_RE.match(part):
            return cls.quarter(int(m[1]), int(m[2]))
        if m := _MONTH_RE.match(part):
            if not 1 <= int(m[2]) <= 12:
                raise InvalidInputError.bad("text", text, "month must be 1..12")
            return cls.month(int(m[1]), int(m[2]))
        if m := _WEEK_RE.match(part):
            try:
                return cls.week(int(m[1]), int(m[2]))
            except InvalidInputError as exc:
                raise InvalidInputError.bad("text", text, exc.allowed or exc.message) from None
        if _DAY_RE.match(part):
            return cls.day(as_date(part, argument="text"))
        if m := _CN_YEAR_RE.match(part):
            return cls.year(int(m[1]))
        if m := _CN_MONTH_RE.match(part):
            if not 1 <= int(m[2]) <= 12:
                raise InvalidInputError.bad("text", text, "month must be 1..12")
            return cls.month(int(m[1]), int(m[2]))
        if m := _CN_QUARTER_RE.match(part):
            return cls.quarter(int(m[1]), _CN_NUMERALS.get(m[2]) or int(m[2]))
        raise InvalidInputError.bad(
            "text",
            text,
            "expected a period such as '2024', '2024-Q2', '2024-07', '2024-W10', "
            "'2024-03-01' or a range '2020-06/2022-08'",
        )

    # ------------------------------------------------------------ queries
    @property
    def days(self) -> int:
        """Number of days in the period, both ends included.

        Examples
        --------
        >>> Period.parse("2024-02").days
        29
        """
        return (self.end - self.start).days + 1

    def contains(self, day: object) -> bool:
        """Whether the day ``day`` is in the period (ends included).

        Examples
        --------
        >>> Period.quarter(2024, 2).contains("2024-06-30")
        True
        >>> Period.quarter(2024, 2).contains("2024-07-01")
        False
        """
        d = as_date(day, argument="day")
        return self.start <= d <= self.end

    def __contains__(self, day: object) -> bool:
        return self.contains(day)

    def overlaps(self, other: Period) -> bool:
        """Whether the two periods share at least one day.

        Examples
        --------
        >>> Period.year(2024).overlaps(Period.parse("2023-12/2024-01"))
        True
        """
        return self.start <= other.end and other.start <= self.end

    def _pieces(self, months_per_piece: int) -> list[Period]:
        pieces: list[Period] = []
        year, month = self.start.year, self.start.month
        month -= (month - 1) % months_per_piece
        while True:
            last_month = month + months_per_piece - 1
            piece_start = max(_dt.date(year, month, 1), self.start)
            piece_end = min(_month_end(year, last_month), self.end)
            pieces.append(Period(piece_start, piece_end))
            if piece_end >= self.end:
                return pieces
            month = last_month + 1
            if month > 12:
                year, month = year + 1, month - 12

    def months(self) -> list[Period]:
        """The calendar months the period touches, each clipped to the period.

        The pieces partition the period: consecutive, no gaps, no overlaps.

        Examples
        --------
        >>> [str(m) for m in Period("2024-01-15", "2024-03-10").months()]
        ['2024-01-15/2024-01-31', '2024-02', '2024-03-01/2024-03-10']
        """
        return self._pieces(1)

    def quarters(self) -> list[Period]:
        """The calendar quarters the period touches, each clipped to the period.

        Examples
        --------
        >>> [str(q) for q in Period.year(2024).quarters()]
        ['2024-Q1', '2024-Q2', '2024-Q3', '2024-Q4']
        """
        return self._pieces(3)

    def years(self) -> list[Period]:
        """The calendar years the period touches, each clipped to the period.

        Examples
        --------
        >>> [str(y) for y in Period.parse("2020-06/2022-08").years()]
        ['2020-06/2020-12', '2021', '2022-01/2022-08']
        """
        return self._pieces(12)

    # ------------------------------------------------------------ text
    def __str__(self) -> str:
        s, e = self.start, self.end
        month_aligned = s.day == 1 and e == _month_end(e.year, e.month)
        if month_aligned and s.year == e.year:
            if s.month == 1 and e.month == 12:
                return f"{s.year:04d}"
            if s.month % 3 == 1 and e.month == s.month + 2:
                return f"{s.year:04d}-Q{(s.month + 2) // 3}"
            if s.month == e.month:
                return f"{s.year:04d}-{s.month:02d}"
        if s.isoweekday() == 1 and (e - s).days == 6:
            iso_year, iso_week, _ = s.isocalendar()
            return f"{iso_year:04d}-W{iso_week:02d}"
        if s == e:
            return s.isoformat()
        if month_aligned:
            if s.month == 1 and e.month == 12:
                return f"{s.year:04d}/{e.year:04d}"
            return f"{s.year:04d}-{s.month:02d}/{e.year:04d}-{e.month:02d}"
        return f"{s.isoformat()}/{e.isoformat()}"

    def __repr__(self) -> str:
        return f"Period('{self}')"


def as_period(value: object, argument: str = "period") -> Period:
    """A :class:`Period` from a period, its text, a year or a ``(start, end)`` pair.

    Parameters
    ----------
    value
        A :class:`Period`; text :meth:`Period.parse` reads (``"2024-Q2"``,
        ``"2020-06/2022-08"`` ...); an ``int`` year; two days (anything
        :func:`as_date` accepts); or a pendulum ``Interval``
        (:meth:`Period.from_interval`).
    argument : str, default "period"
        Name used in error messages.

    Examples
    --------
    >>> as_period("2024-Q2"), as_period(2024), as_period(("2024-03-01", "2024/3/31"))
    (Period('2024-Q2'), Period('2024'), Period('2024-03'))
    """
    if isinstance(value, Period):
        return value
    if isinstance(value, str):
        try:
            return Period.parse(value)
        except InvalidInputError as exc:
            raise InvalidInputError.bad(argument, value, str(exc.allowed or exc)) from None
        except (ValueError, TypeError):
            raise InvalidInputError.bad(
                argument, value, "expected '2024', '2024-Q2', '2024-07' or 'start/end'"
            ) from None
    if isinstance(value, int) and not isinstance(value, bool):
        return Period.year(value)
    if type(value).__name__ == "Interval" and hasattr(value, "start"):
        return Period.from_interval(value)
    if isinstance(value, tuple | list) and len(value) == 2:
        return Period(as_date(value[0], argument), as_date(value[1], argument))
    raise InvalidInputError.bad(
        argument,
        value,
        "expected a Period, a string like '2024' or '2020-06/2022-08', (start, end) "
        "or a pendulum Interval",
    )


def time_progress(
    period: Period | str,
    as_of: object,
    *,
    basis: Literal["day", "month", "quarter", "year"] = "day",
) -> Fraction:
    """The 序时进度 (time progress): the share of ``period`` elapsed by ``as_of``.

    Budget execution and target pacing are judged against it ("spending should
    keep pace with time": 支出进度不低于序时进度).

    Parameters
    ----------
    period : Period or str
        The plan or budget period (or text :meth:`Period.parse` reads).
    as_of
        The day of the assessment, *included* in the elapsed time
        (anything :func:`as_date` accepts).
    basis : {"day", "month", "quarter", "year"}
        ``"day"``: whole days elapsed through ``as_of`` inclusive / days in the
        period. ``"month"``: months completed by ``as_of`` (a month counts when
        its last day, clipped to the period, is on or before ``as_of``) /
        months the period touches. ``"quarter"`` and ``"year"``: the same with
        quarters and calendar years (for five-year plans: 3 of 5 years done).

    Returns
    -------
    Fraction
        In [0, 1]: 0 before the period starts, 1 from its last day on.

    Raises
    ------
    InvalidInputError
        A bad date or an unknown ``basis``.

    Examples
    --------
    >>> time_progress(Period.year(2024), "2024-07-01")   # 183 / 366
    Fraction(1, 2)
    >>> time_progress(Period.year(2024), "2024-07-02")   # 184 / 366
    Fraction(92, 183)
    >>> time_progress(Period.year(2024), "2024-06-30", basis="quarter")
    Fraction(1, 2)
    >>> time_progress(Period.year(2024), "2024-06-29", basis="month")
    Fraction(5, 12)
    >>> time_progress("2021/2025", "2023-12-31", basis="year")  # 十四五
    Fraction(3, 5)
    >>> time_progress("2024-Q3", "2024-01-01")
    Fraction(0, 1)
    """
    if type(period).__name__ == "Interval":
        period = Period.from_interval(period)
    elif isinstance(period, str):
        period = Period.parse(period)
    elif not isinstance(period, Period):
        raise InvalidInputError.bad(
            "period", period, "expected a Period (Period.year(2024), Period.parse('2024-Q2'))"
        )
    day = as_date(as_of, argument="as_of")
    if basis == "day":
        if day < period.start:
            return Fraction(0)
        elapsed = (min(day, period.end) - period.start).days + 1
        return Fraction(elapsed, period.days)
    if basis in ("month", "quarter", "year"):
        pieces = {"month": period.months, "quarter": period.quarters, "year": period.years}[
            basis
        ]()
        done = sum(1 for piece in pieces if piece.end <= day)
        return Fraction(done, len(pieces))
    raise InvalidInputError.bad(
        "basis", basis, "expected one of 'day', 'month', 'quarter', 'year'"
    )
