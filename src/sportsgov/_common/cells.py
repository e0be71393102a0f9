"""The missing-cell rule: which table cells and values mean "no value".

Missing: ``None``, a float NaN (numpy or pandas missing numbers, ``pandas.NA``,
``NaT``), and text that is empty after stripping blanks or is one of the
placeholders spreadsheets and statistical yearbooks write for "no data":
``NA``, ``N/A``, ``NaN``, ``null``, ``None`` (any case), ``-``, ``—``, ``--``, ``/``
and ``无``. ``0`` and ``"0"`` are values, never missing.

:func:`sheet_text` undoes what spreadsheets do to a cell's text before any table
parses it (the tolerant reader calls it for every cell it hands over).
"""

from __future__ import annotations

import math
import re

from sportsgov.errors import InvalidInputError

__all__ = ["MISSING_TEXT", "is_missing", "sheet_text", "text_cell"]

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


# full-width ASCII forms (U+FF01..U+FF5E) and the ideographic space, as typed with a
# Chinese input method; other characters (㎡, 万) are left for the unit parsers
_FULL_WIDTH = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)} | {0x3000: 0x20, 0xFFE5: 0xA5}
_APOSTROPHE_RE = re.compile(r"^'(?=[-+(¥￥]?\s*[\d.０-９])")
_GROUPED_RE = re.compile(r"^([-+(¥]*\s*)(\d{1,3}(?:,\d{3})+)(?![\d,])")
_BRACKETED_RE = re.compile(r"^\(\s*([¥]?\s*[\d.,]+)\s*\)\s*(.*)$")


def sheet_text(text: str, *, number: bool = False, money: bool = False) -> str:
    """A cell's text as meant, before a table parses it.

    Always: blanks around it removed, and the apostrophe Excel puts before a
    number kept as text (``'0410102`` -> ``0410102``). In number and money cells
    also: full-width forms folded (``１２０`` -> ``120``, ``30％`` -> ``30%``,
    ``（`` -> ``(``, ``￥`` -> ``¥``) and thousands separators dropped where they group by
    three (``1,200.5`` -> ``1200.5``; ``1,20`` is left for the parser to refuse).
    In money cells an amount in brackets is negative, as accountants write it
    (``(1,234.00)`` -> ``-1234.00``). Anything else is left as written.

    Examples
    --------
    >>> sheet_text("'0410102 "), sheet_text("１２０", number=True), sheet_text("1,200", money=True)
    ('0410102', '120', '1200')
    >>> sheet_text("(1,234.00)", money=True), sheet_text("1,20", number=True)
    ('-1234.00', '1,20')
    """
    out = text.strip()
    if out.startswith("'") and _APOSTROPHE_RE.match(out):
        out = out[1:].lstrip()
    if not (number or money):
        return out
    if not out.isascii():
        out = out.translate(_FULL_WIDTH).strip()
    if "," in out:
        match = _GROUPED_RE.match(out)
        if match:
            out = match[1] + match[2].replace(",", "") + out[match.end() :]
    if money and out.startswith("("):
        match = _BRACKETED_RE.match(out)
        if match:
            out = "-" + match[1].replace(" ", "") + match[2]
    return out
