"""The missing-cell rule: which table cells and values mean "no value".

Missing: ``None``, a float NaN (numpy or pandas missing numbers, ``pandas.NA``,
``NaT``), and text that is empty after stripping blanks or is one of the
placeholders spreadsheets and statistical yearbooks write for "no data":
``NA``, ``N/A``, ``NaN``, ``null``, ``None`` (any case), ``-``, ``—``, ``--``, ``/``
and ``无``. ``0`` and ``"0"`` are values, never missing.
"""

from __future__ import annotations

import math

__all__ = ["MISSING_TEXT", "is_missing"]

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
