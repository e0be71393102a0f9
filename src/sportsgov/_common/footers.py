"""Total rows and notes around a table's data: what a bureau's spreadsheet adds.

A table exported from a statistics system or kept in Excel rarely ends with its
last record. Under the data come a total row (``合计``, ``总计``, ``全市合计``,
``Total``) and notes (``注：…``, ``说明：…``, ``数据来源：…``, ``填表人：张三  审核人：李四``);
a total row may also come first, right under the header (``全市合计`` above the
districts). None of these is a record. :func:`footer_rows` finds them, so that
the reader can set them aside (they are kept in ``RawTable.skipped``, never
silently dropped).

The rule, on the leftmost non-empty cell of a row (its *label*):

* a **total** label is, after spaces and a trailing colon, ``合计``, ``总计``,
  ``小计`` or ``共计`` with at most 12 other characters before it and no digit
  (``全市合计``, ``金水区小计``), or ``total``, ``subtotal``, ``grand total``,
  ``sum`` in any case;
* a **note** label starts with ``注``, ``说明``, ``备注``, ``附注``, ``数据来源``,
  ``资料来源``, ``来源``, ``填表人``, ``填报人``, ``制表人``, ``制表``, ``审核人``,
  ``审核``, ``负责人``, ``单位负责人``, ``联系人``, ``联系电话``, ``填报日期``,
  ``填表日期``, ``报送日期``, ``note``, ``notes`` or ``source``, followed by a
  colon, a bracket, ``、``, a full stop, a digit, a space or nothing (``注册`` is
  not a note); a note is a line of text, not a record, so a row with such a
  label is a note row only if it fills at most half the columns or every cell
  it fills reads as a note (``填表人：张三 | 审核人：李四``): a full record whose
  first cell happens to read ``注1`` or ``Source 2`` stays data;
* total rows directly under the header are set aside;
* at the bottom, the run of rows that are totals, notes, or one filled cell (a
  note's second line, ``2. 本表…``) is set aside, from its first total or note
  row down; a one-cell row above every total and note stays data.

Totals in the middle of the data (a ``小计`` after each district) are not
touched: a loader reports them as bad rows, with their row numbers.

Examples
--------
>>> cols = [("F1", "F2", "合计", "注：截至年底", "填表人：张三"),
...         ("篮球场", "足球场", "", "", ""),
...         ("420", "7000", "7420", "", "")]
>>> footer_rows(cols, 5)  # the data are rows 0 and 1
(0, 2)
>>> footer_rows([("全市合计", "410102", "410103"), ("3", "1", "2")], 3)
(1, 3)
>>> footer_rows([("F1", "注册中心"), ("a", "b")], 2)
(0, 2)
"""

from __future__ import annotations

import re
from collections.abc import Sequence

__all__ = ["footer_rows", "is_note", "is_total", "row_label"]

_TOTAL = re.compile(
    r"[^\d]{0,12}?(?:合\s*计|总\s*计|小\s*计|共\s*计)|(?:grand\s+|sub\s*)?total|sum",
    re.IGNORECASE,
)
_NOTE = re.compile(
    r"(?:注|说明|备注|附注|数据来源|资料来源|来源|填表人|填报人|制表人|制表|审核人|审核|"
    r"单位负责人|负责人|联系人|联系电话|填报日期|填表日期|报送日期|notes?|source)"
    r"(?:[:：\s（(、.．]|\d|$)",
    re.IGNORECASE,
)


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value != value:  # NaN from a DataFrame
        return ""
    return str(value).strip()


def row_label(cols: Sequence[Sequence[object]], i: int) -> str:
    """The leftmost non-empty cell of row ``i`` (``""`` for a blank row)."""
    for col in cols:
        text = _text(col[i])
        if text:
            return text
    return ""


def is_total(label: str) -> bool:
    """Whether a row label reads as a total (合计, 全市合计, 小计, Total ...).

    Examples
    --------
    >>> [is_total(t) for t in ("合计", "全市合计：", "金水区 小计", "Total", "合计球场")]
    [True, True, True, True, False]
    >>> is_total("2024合计")  # a digit: not a label
    False
    """
    return _TOTAL.fullmatch(label.strip().rstrip(":：").strip()) is not None


def is_note(label: str) -> bool:
    """Whether a row label reads as a note under a table (注：, 说明, 填表人 ...).

    Examples
    --------
    >>> [is_note(t) for t in ("注：截至年底", "注1、口径", "数据来源:统计局", "注册中心", "Notes")]
    [True, True, True, False, True]
    """
    return _NOTE.match(label.strip()) is not None


def _filled(cols: Sequence[Sequence[object]], i: int) -> int:
    return sum(1 for col in cols if _text(col[i]))


def _is_note_row(cols: Sequence[Sequence[object]], i: int, label: str) -> bool:
    """Row ``i`` is a note line: a note label, and no record (see the module doc)."""
    if not is_note(label):
        return False
    filled = [text for text in (_text(col[i]) for col in cols) if text]
    return 2 * len(filled) <= len(cols) or all(is_note(text) for text in filled)


def footer_rows(cols: Sequence[Sequence[object]], n: int) -> tuple[int, int]:
    """``(first, stop)``: the data are rows ``first:stop`` of the ``n`` rows.

    Rows before ``first`` are totals under the header, rows from ``stop`` on the
    totals and notes at the bottom. ``cols`` are the table's columns in file order
    (all of length ``n``; cells are text or workbook values). Only the rows next
    to the header and the run at the bottom are looked at, so the cost does not
    grow with the table.
    """
    first = 0
    while first < n and is_total(row_label(cols, first)):
        first += 1
    if first == n:  # nothing but totals: leave the rows to the loader's checks
        return 0, n
    # the run at the bottom of totals, notes and one-cell lines, from its topmost
    # total or note down (a one-cell line above every total and note is data)
    stop = n
    for j in range(n - 1, first - 1, -1):
        label = row_label(cols, j)
        if is_total(label) or _is_note_row(cols, j, label):
            stop = j
        elif _filled(cols, j) != 1:
            break
    return first, stop
