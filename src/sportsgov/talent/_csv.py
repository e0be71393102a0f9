"""Private table reading for :mod:`sportsgov.talent` through the one tolerant reader."""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from decimal import Decimal
from fractions import Fraction
from typing import Any, TypeVar

from sportsgov._common.cells import is_missing
from sportsgov._common.tables import RawTable
from sportsgov.errors import DataError, InvalidInputError

__all__ = ["cell", "count_cell", "sheet_rows", "year_cell"]

_T = TypeVar("_T")

# digits, optionally grouped by thousands separators (1,234), optionally ".0" (Excel)
_WHOLE_RE = re.compile(r"^[-+]?(\d+|\d{1,3}(,\d{3})+)(\.0*)?$")


def sheet_rows(raw: RawTable, required: tuple[str, ...]) -> list[tuple[int, dict[str, str]]]:
    """Rows of a read table as ``(spreadsheet row, {field: text})`` (header = row 1).

    Cells are stripped; ``required`` lists the fields every row has (empty text
    when absent). ``raw`` comes from the one tolerant reader (a file or a frame).
    """
    out: list[tuple[int, dict[str, str]]] = []
    for n, row in raw.canonical_records():
        record = {k: (v or "").strip() for k, v in row.items()}
        for name in required:
            record.setdefault(name, "")
        out.append((n, record))
    return out


def count_cell(value: object, field: str) -> int:
    """A whole number >= 0 from a cell: an int, a whole float, or digits as text.

    Text may group thousands (``"1,234"``) and end in ``.0`` (a whole number as
    Excel writes it into a CSV); anything else is refused with the standard message.

    Examples
    --------
    >>> count_cell("1,234", "athletes"), count_cell(30.0, "athletes"), count_cell("7.0", "x")
    (1234, 30, 7)
    >>> count_cell("-3", "athletes")
    Traceback (most recent call last):
    ...
    sportsgov.errors.InvalidInputError: athletes='-3': must be >= 0
    >>> count_cell("2.5", "coaches")
    Traceback (most recent call last):
    ...
    sportsgov.errors.InvalidInputError: coaches='2.5': expected a whole number
    """
    number: int | None = None
    if isinstance(value, bool):
        number = None
    elif isinstance(value, int):
        number = value
    elif isinstance(value, str):
        text = value.strip()
        if _WHOLE_RE.match(text):
            number = int(text.split(".")[0].replace(",", ""))
    elif isinstance(value, float):
        if math.isfinite(value) and value.is_integer():
            number = int(value)
    elif isinstance(value, Decimal | Fraction):
        if (not isinstance(value, Decimal) or value.is_finite()) and value == int(value):
            number = int(value)
    elif hasattr(value, "dtype") and hasattr(value, "item"):  # numpy scalars
        return count_cell(value.item(), field)
    if number is None:
        raise InvalidInputError.bad(field, value, "expected a whole number")
    if number < 0:
        raise InvalidInputError.bad(field, value, "must be >= 0")
    return number


def year_cell(value: object, field: str = "year") -> int:
    """A calendar year (four digits) from a cell.

    Examples
    --------
    >>> year_cell("2024"), year_cell(2024.0)
    (2024, 2024)
    >>> year_cell("24")
    Traceback (most recent call last):
    ...
    sportsgov.errors.InvalidInputError: year='24': must be a 4-digit year
    """
    try:
        year = count_cell(value, field)
    except InvalidInputError:
        raise InvalidInputError.bad(field, value, "must be a 4-digit year") from None
    if not 1000 <= year <= 9999:
        raise InvalidInputError.bad(field, value, "must be a 4-digit year")
    return year


def cell(
    record: Mapping[str, Any],
    name: str,
    parse: Callable[[object, str], _T],
    *,
    row: int,
    source: str | None,
) -> _T:
    """``parse(record[name], name)``, a missing or bad cell raising DataError at ``row``.

    Examples
    --------
    >>> cell({"coaches": "2"}, "coaches", count_cell, row=1, source=None)
    2
    >>> cell({"coaches": " "}, "coaches", count_cell, row=3, source="schools.csv")
    Traceback (most recent call last):
    ...
    sportsgov.errors.DataError: schools.csv, row 3, field coaches: coaches=' ': missing
    """
    value = record.get(name)
    if is_missing(value):
        message = InvalidInputError.bad(name, value, "missing").message
        raise DataError(message, source=source, row=row, field=name)
    try:
        return parse(value, name)
    except InvalidInputError as exc:
        raise DataError(str(exc), source=source, row=row, field=name) from None
