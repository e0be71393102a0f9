"""The missing-cell rule: which table cells and values mean "no value".

Missing: ``None``, a float NaN (numpy or pandas missing numbers, ``pandas.NA``,
``NaT``), and text that is empty after stripping blanks or is one of the
placeholders spreadsheets and statistical yearbooks write for "no data":
``NA``, ``N/A``, ``NaN``, ``null``, ``None`` (any case), ``-``, ``—``, ``--``, ``/``
and ``无``. ``0`` and ``"0"`` are values, never missing.
"""

from __future__ import annotations

import math

from sportsgov.errors import InvalidInputError

__all__ = ["MISSING_TEXT", "is_missing", "text_cell"]

#: Cell texts (compared after ``strip().lower()``) that mean "no value".
MISSING_TEXT: frozenset[str] = frozenset(
    {"", "na", "n/a", "nan", "null", "none", "-", "—", "--", "——", "/", "无"}
)


def is_missing(value: object) -> bool:
    """True when ``value`` is a missing cell (see the module docstring).

    Examples
    --------
    >>> [is_missing(v) for v in (None, "", " NA ", "—", float("nan"), 0, "0", "x")]
    [True, True, True, True, True, False, False, False]
    """
    if value is None:
        return True
    if isinstance(value, str):
        return value.strip().lower() in MISSING_TEXT
    if isinstance(value, float):
        return math.isnan(value)
    name = type(value).__name__
    if name in ("NAType", "NaTType"):
        return True
    if name.startswith("float") and hasattr(value, "dtype"):
        return bool(value != value)
    return False


def text_cell(value: object, field: str, *, required: bool = True) -> str:
    """A text cell (a code, an id or a name), stripped.

    A code typed as a number (``410102``, or ``410102.0`` from a spreadsheet) is its
    digits. A missing cell (see the module docstring) is ``""`` when not ``required``.

    Raises
    ------
    InvalidInputError
        ``field=value: missing`` for a required missing cell, ``expected text`` for a
        value that is neither text nor a whole number (a bool, a fraction, a list).

    Examples
    --------
    >>> text_cell(" S001 ", "school"), text_cell(410102, "region"), text_cell(410102.0, "region")
    ('S001', '410102', '410102')
    >>> text_cell(None, "name", required=False)
    ''
    >>> text_cell("", "school")
    Traceback (most recent call last):
    ...
    sportsgov.errors.InvalidInputError: school='': missing
    """
    if isinstance(value, bool):
        raise InvalidInputError.bad(field, value, "expected text")
    if is_missing(value):
        if required:
            raise InvalidInputError.bad(field, value, "missing")
        return ""
    if hasattr(value, "item") and not isinstance(value, str):  # numpy scalars
        value = value.item()
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if not isinstance(value, str):
        raise InvalidInputError.bad(field, value, "expected text")
    return value.strip()
