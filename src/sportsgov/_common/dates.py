"""The one date parser of sportsgov (public as :func:`sportsgov.periods.as_date`).

Accepted, everywhere a day is asked for:

* ``datetime.date`` and pendulum ``Date`` (returned as a plain ``datetime.date``);
* ``datetime.datetime``, pendulum ``DateTime`` and pandas ``Timestamp``: the
  calendar date. A naive datetime is taken as written; an aware one is first
  converted to China Standard Time (``Asia/Shanghai``, UTC+8), so
  ``pendulum.parse("2024-06-30T20:00:00Z")`` is 2024-07-01 in Beijing;
* text: ISO ``2024-03-01``, ``2024-3-1``, ``2024/3/1``, ``2024.3.1``,
  Chinese ``2024年3月1日`` (or ``号``), compact ``20240301`` (eight digits, year
  first, as ISO 8601's basic format), and an ISO date-time such as
  ``2024-03-01T10:00`` or ``2024-03-01 00:00:00`` (the date part, time zones as
  above); blanks around the text are ignored;
* ``numpy.datetime64`` (the day it falls on; ``NaT`` is refused).

A month without a day (``2024年3月``, ``2024-03``) is refused with ``a day is
missing``: whether it means the 1st or the last day depends on the column (opened
or closed, start or end of a period), so no loader guesses.

Plain numbers are refused: ``45352`` could be an Excel serial day or a typo, so
loaders that read Excel call :func:`from_excel_serial` explicitly.
"""

from __future__ import annotations

import datetime as _dt
import re
from functools import cache
from typing import Literal

from sportsgov.errors import InvalidInputError

__all__ = ["DATE_EXPECTED", "as_date", "china_tz", "from_excel_serial"]

DATE_EXPECTED = "expected a date such as 2024-03-01, 2024/3/1 or 2024年3月1日"

_YMD_RE = re.compile(r"^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})$")
_CN_RE = re.compile(r"^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?$")
_COMPACT_RE = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_MONTH_RE = re.compile(r"^\d{4}\s*(年\s*\d{1,2}\s*月(份)?|[-/.]\d{1,2})$")
_DATETIME_RE = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}")
_EXCEL_EPOCH = _dt.date(1899, 12, 30)
_EXCEL_1904 = _dt.date(1904, 1, 1)
_MAX_SERIAL = 2_958_465  # 9999-12-31


@cache
def china_tz() -> _dt.tzinfo:
    """``Asia/Shanghai`` (UTC+8 when the zone database is not installed)."""
    try:
        from zoneinfo import ZoneInfo

        return ZoneInfo("Asia/Shanghai")
    except Exception:  # pragma: no cover - no tz database on this system
        return _dt.timezone(_dt.timedelta(hours=8), "CST")


def _day_of(value: _dt.datetime) -> _dt.date:
    if value.tzinfo is not None and value.utcoffset() is not None:
        value = value.astimezone(china_tz())
    return _dt.date(value.year, value.month, value.day)


def _ymd(argument: str, value: object, y: str, m: str, d: str) -> _dt.date:
    try:
        return _dt.date(int(y), int(m), int(d))
    except ValueError as exc:
        raise InvalidInputError.bad(argument, value, f"not a valid date ({exc})") from None


def as_date(value: object, argument: str = "as_of") -> _dt.date:
    """A plain :class:`datetime.date` from any usual way of writing a day.

    Parameters
    ----------
    value
        See the module docstring for the accepted forms.
    argument : str, default "as_of"
        Name used in error messages.

    Raises
    ------
    InvalidInputError
        ``argument=value: expected a date such as 2024-03-01, 2024/3/1 or 2024年3月1日``,
        or ``not a valid date (...)`` for an impossible day such as 2024-02-30.

    Examples
    --------
    >>> as_date("2024/3/1"), as_date("2024年3月1日"), as_date("20240301")
    (datetime.date(2024, 3, 1), datetime.date(2024, 3, 1), datetime.date(2024, 3, 1))
    >>> as_date(_dt.datetime(2024, 6, 30, 20, tzinfo=_dt.timezone.utc))
    datetime.date(2024, 7, 1)
    >>> as_date("2024年3月", "opened")
    Traceback (most recent call last):
    ...
    sportsgov.errors.InvalidInputError: opened='2024年3月': a day is missing; expected a date ...
    """
    if isinstance(value, _dt.datetime):
        return _day_of(value)
    if isinstance(value, _dt.date):
        if type(value) is _dt.date:
            return value
        return _dt.date(value.year, value.month, value.day)
    if isinstance(value, str):
        text = value.strip()
        match = _YMD_RE.match(text)
        if match:
            return _ymd(argument, value, match[1], match[3], match[4])
        match = _CN_RE.match(text)
        if match:
            return _ymd(argument, value, match[1], match[2], match[3])
        match = _COMPACT_RE.match(text)
        if match:
            return _ymd(argument, value, match[1], match[2], match[3])
        if _DATETIME_RE.match(text):
            try:
                return _day_of(_dt.datetime.fromisoformat(text))
            except ValueError as exc:
                raise InvalidInputError.bad(argument, value, f"not a valid date ({exc})") from None
        if _MONTH_RE.match(text):  # a month is not a day: no rule picks the 1st or the last
            raise InvalidInputError.bad(argument, value, f"a day is missing; {DATE_EXPECTED}")
        raise InvalidInputError.bad(argument, value, DATE_EXPECTED)
    if type(value).__name__ == "datetime64":
        day = value.astype("datetime64[D]").item()  # type: ignore[attr-defined]
        if isinstance(day, _dt.date):
            return day
        raise InvalidInputError.bad(argument, value, "must not be NaT")
    raise InvalidInputError.bad(argument, value, DATE_EXPECTED)


def from_excel_serial(
    serial: object, *, system: Literal[1900, 1904] = 1900, argument: str = "serial"
) -> _dt.date:
    """The date of an Excel serial day number (the time of day is dropped).

    In the 1900 system (Excel's default) day 1 is 1900-01-01 and day 60 is the
    1900-02-29 that never was (kept by Excel for Lotus 1-2-3 compatibility), so
    from day 61 on the date is 1899-12-30 + serial. The 1904 system (old Mac
    workbooks) counts from 1904-01-01 = day 0.

    Parameters
    ----------
    serial : float, int or str
        Day number [day], 1 to 2958465 (9999-12-31); a fraction is a time of day.
    system : {1900, 1904}, default 1900
        The workbook's date system.
    argument : str, default "serial"
        The name used in error messages (a column or argument name).

    Raises
    ------
    InvalidInputError
        Not a number, out of range, or day 60 of the 1900 system.

    Examples
    --------
    >>> from_excel_serial(45352), from_excel_serial("45352.75"), from_excel_serial(1)
    (datetime.date(2024, 3, 1), datetime.date(2024, 3, 1), datetime.date(1900, 1, 1))
    >>> from_excel_serial(59), from_excel_serial(61)
    (datetime.date(1900, 2, 28), datetime.date(1900, 3, 1))
    >>> from_excel_serial(0, system=1904)
    datetime.date(1904, 1, 1)
    >>> from_excel_serial(60)
    Traceback (most recent call last):
    ...
    sportsgov.errors.InvalidInputError: serial=60: is 1900-02-29, a day that does not exist ...
    """
    if system not in (1900, 1904):
        raise InvalidInputError.bad("system", system, "expected one of 1900, 1904")
    if isinstance(serial, bool):
        raise InvalidInputError.bad(argument, serial, "expected an Excel day number")
    try:
        value = float(serial)  # type: ignore[arg-type]
    except (TypeError, ValueError, OverflowError):
        raise InvalidInputError.bad(argument, serial, "expected an Excel day number") from None
    low = 0 if system == 1904 else 1
    if not low <= value < _MAX_SERIAL + 1:
        raise InvalidInputError.bad(
            "serial", serial, f"expected an Excel day number from {low} to {_MAX_SERIAL}"
        )
    day = int(value)
    if system == 1904:
        return _EXCEL_1904 + _dt.timedelta(days=day)
    if day == 60:
        raise InvalidInputError.bad(
            argument,
            serial,
            "is 1900-02-29, a day that does not exist (Excel's 1900 leap-year bug)",
        )
    return _EXCEL_EPOCH + _dt.timedelta(days=day if day > 60 else day + 1)
