"""Short reprs and notebook tables for large results: one helper for every class.

A result may hold thousands of rows (a 2,520-candidate siting run, a table of
every county). Its ``repr`` shows the headline fields and the first few rows,
then ``... N more``; its ``_repr_html_`` (Jupyter) is a small HTML table of the
first rows, every cell escaped. Both are bounded whatever the size of the result:
each field and cell is clipped to a fixed width and only ``limit`` rows are drawn
(from an iterator: the rest are never built).

Examples
--------
>>> rows = ((f"R{i}", i * 0.5) for i in range(10_000))
>>> text_repr("Table", [("unit", "m")], (f"{r}: {v}" for r, v in rows), count=10_000)
"Table(unit='m', rows=[R0: 0.0, R1: 0.5, R2: 1.0, R3: 1.5, R4: 2.0, ... 9,995 more])"
>>> html = html_table("<Table>", ["region", "value"], [("A&B", 1.25)], count=1)
>>> html.split("<table>")[0]
'<p>&lt;Table&gt;</p>'
>>> "<td>A&amp;B</td><td>1.25</td>" in html
True
"""

from __future__ import annotations

import datetime as _dt
import html
import itertools
from collections.abc import Iterable, Sequence
from typing import Any

__all__ = ["HTML_ROWS", "REPR_ROWS", "cell", "html_table", "text_repr"]

REPR_ROWS = 5
"""Rows a ``repr`` shows before ``... N more``."""
HTML_ROWS = 20
"""Rows a notebook table shows before ``... N more rows``."""
FIELD_WIDTH = 80
"""Longest text of one field or row in a ``repr`` [characters]."""
CELL_WIDTH = 40
"""Longest text of one cell in an HTML table [characters]."""


def clip(text: str, width: int) -> str:
    """``text`` cut to ``width`` characters (the cut marked ``...``).

    Examples
    --------
    >>> clip("abcdef", 5), clip("abc", 5)
    ('ab...', 'abc')
    """
    return text if len(text) <= width else text[: max(0, width - 3)] + "..."


def cell(value: Any, width: int = CELL_WIDTH) -> str:
    """One value as short text: floats to 6 significant digits, dates ISO, None blank.

    Money, Decimal and Fraction print exactly (``str``); anything else by ``str``.

    Examples
    --------
    >>> from decimal import Decimal
    >>> from fractions import Fraction
    >>> [cell(v) for v in (None, 2 / 3, Decimal("12.50"), Fraction(1, 3), True)]
    ['', '0.666667', '12.50', '1/3', 'True']
    >>> cell(_dt.date(2024, 3, 1)), cell("x" * 50, width=8)
    ('2024-03-01', 'xxxxx...')
    """
    if value is None:
        text = ""
    elif isinstance(value, bool):
        text = str(value)
    elif isinstance(value, float) or type(value).__name__.startswith("float"):
        text = f"{float(value):.6g}"
    elif isinstance(value, _dt.date):
        text = value.isoformat()
    else:
        text = str(value)
    return clip(text, width)


def text_repr(
    name: str,
    fields: Iterable[tuple[str, Any]],
    rows: Iterable[str] = (),
    *,
    count: int | None = None,
    label: str = "rows",
    limit: int = REPR_ROWS,
) -> str:
    """``name(field=value, ..., label=[row, row, ... N more])``, bounded in length.

    Parameters
    ----------
    name : str
        The class name.
    fields : iterable of (str, object)
        Headline fields, shown with ``repr`` (each clipped to 80 characters).
    rows : iterable of str
        One short text per row; only the first ``limit`` are read.
    count : int, optional
        Number of rows in all; without it no row list is shown.
    label : str, default "rows"
        Name of the row list.
    limit : int, default 5
        Rows shown.

    Examples
    --------
    >>> text_repr("T", [("n", 3)], ["a", "b", "c"], count=3, label="units")
    'T(n=3, units=[a, b, c])'
    """
    parts = [f"{key}={clip(repr(value), FIELD_WIDTH)}" for key, value in fields]
    if count is not None:
        shown = [clip(r, FIELD_WIDTH) for r in itertools.islice(rows, limit)]
        more = f"... {count - len(shown):,} more" if count > len(shown) else ""
        parts.append(f"{label}=[{', '.join([*shown, more] if more else shown)}]")
    return f"{name}({', '.join(parts)})"


def html_table(
    title: str,
    columns: Sequence[str],
    rows: Iterable[Sequence[Any]],
    *,
    count: int,
    limit: int = HTML_ROWS,
) -> str:
    """A small HTML table for notebooks: a title line, the first ``limit`` rows, a count.

    Every text is escaped; cells go through :func:`cell`.

    Parameters
    ----------
    title : str
        One line above the table (plain text).
    columns : sequence of str
        Column headers.
    rows : iterable of sequences
        Cells per row; only the first ``limit`` are read.
    count : int
        Number of rows in all (for the ``... N more rows`` line).
    limit : int, default 20
        Rows drawn.

    Examples
    --------
    >>> html_table("T", ["a"], ([i] for i in range(100)), count=100, limit=2).split("</tbody>")[1]
    '</table><p>... 98 more rows</p>'
    """
    esc = html.escape
    head = "".join(f"<th>{esc(c)}</th>" for c in columns)
    body = [
        "<tr>" + "".join(f"<td>{esc(cell(v))}</td>" for v in row) + "</tr>"
        for row in itertools.islice(rows, limit)
    ]
    more = f"<p>... {count - len(body):,} more rows</p>" if count > len(body) else ""
    return (
        f"<p>{esc(title)}</p><table><thead><tr>{head}</tr></thead>"
        f"<tbody>{''.join(body)}</tbody></table>{more}"
    )
