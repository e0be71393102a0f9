"""One tolerant reader for the tables users bring: CSV, TSV, gzip, xlsx and xls.

:func:`read_table` turns a file as a sports bureau actually has it -- a GBK CSV saved
by Excel, a UTF-8 file with a byte-order mark, semicolons, a workbook with a merged
title row above the header, Chinese headers with units in brackets -- into a
:class:`RawTable`: for each canonical field one column of cell texts, the row number
a spreadsheet shows for every row (header = row 1 when it is the first row; title
rows above shift it), the columns it did not recognise (kept, never dropped), and
what it detected (format, encoding, delimiter, header row, units in the headers).
The table classes parse and validate the cells; this module only reads.

Size: the detection steps (format, encoding, delimiter, header row) and the two fast
column builders (delimited text and workbooks) share one record of what was detected;
splitting them would pass that state across modules for no gain.

* Formats by content first, then by name: a zip (``PK``) is an xlsx even when named
  ``.csv``; an OLE2 file (``D0 CF 11 E0``) is an xls; ``.gz`` is decompressed; other
  files are delimited text. Excel needs the ``excel`` extra (python-calamine).
* Encodings: a byte-order mark decides (UTF-8, UTF-16); otherwise strict UTF-8, then
  GB18030 (the superset of GBK and GB2312). An explicit ``encoding=`` wins. Bytes that
  do not decode raise :class:`~sportsgov.errors.DataError` with the file and row.
* Delimiters ``,`` ``;`` and tab are detected from the header.
* Header: the row (among the first 20) that names the most known fields; headers
  are matched through the aliases of :mod:`sportsgov._common.aliases` and
  ``columns={"file header": "field"}``.
* Excel cells: dates become ISO dates, whole numbers lose their ``.0``, text is kept
  as written (numbers stored as text stay text); in ``"date"`` fields an Excel serial
  number (in a workbook or a CSV) becomes an ISO date (:func:`from_excel_serial`).

Examples
--------
>>> import pathlib, tempfile
>>> p = pathlib.Path(tempfile.mkdtemp()) / "场地.csv"
>>> text = "2024年场地表,,,\\n编号,场地类型,所属区县,面积(平方米)\\nF1,篮球场,410102,420\\n"
>>> _ = p.write_bytes(text.encode("gbk"))
>>> t = read_table(p, table="facilities")
>>> t.encoding, t.header_row, t.rows.tolist(), t.column("area"), t.units
('gb18030', 2, [3], ('420',), {'area': '平方米'})
"""

from __future__ import annotations

import codecs
import csv
import datetime as _dt
import difflib
import gc
import gzip
import io
import os
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from fractions import Fraction
from itertools import repeat
from operator import methodcaller
from pathlib import Path
from typing import IO, Any, Literal, TypeVar

import numpy as np
import numpy.typing as npt
from attrs import field, frozen

from sportsgov._common.aliases import (
    FieldSpec,
    alias_index,
    cell_quantity,
    normalize_header,
    table_fields,
    unit_scale,
)
from sportsgov._common.cells import sheet_text
from sportsgov._common.dates import from_excel_serial
from sportsgov._common.extras import require
from sportsgov._common.footers import footer_rows, row_label
from sportsgov.errors import DataError, InvalidInputError, NotFoundError

__all__ = [
    "Errors",
    "Format",
    "RawTable",
    "build_from_raw",
    "build_table",
    "cell_text",
    "decode",
    "field_specs",
    "load_table",
    "read_table",
    "sniff_format",
    "user_columns",
]

_T = TypeVar("_T")
Format = Literal["csv", "xlsx", "xls", "frame"]
Errors = Literal["raise", "collect"]

_ZIP = b"PK\x03\x04"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_GZIP = b"\x1f\x8b"
_TEXT_SUFFIXES = (".csv", ".tsv", ".txt", ".tab")
_EXCEL_SUFFIXES = (".xlsx", ".xlsm", ".xls")
_DELIMITERS = (",", ";", "\t")
_HEADER_SEARCH = 20
_SERIAL_RE = re.compile(r"^\s*\d{1,7}(\.\d+)?\s*$")
_NUMBER_RE = re.compile(r"^\s*[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?\s*$")


@frozen(eq=False)
class RawTable:
    """The cells of a table file, by canonical field, with where each row came from.

    Attributes
    ----------
    source : str
        Name used in errors (the file name unless given).
    fields : dict of str to tuple of str
        One column of cell texts per canonical field found (an empty cell is ``""``).
    rows : numpy.ndarray of int64
        Spreadsheet row number of each row (the numbers Excel shows; blank rows
        are skipped and keep their numbers).
    header : tuple of str
        The header cells as written.
    header_row : int
        Spreadsheet row number of the header.
    mapping : dict of str to str
        Canonical field -> the header text it was read from.
    extra : dict of str to tuple of str
        Columns not recognised (or a second column for a field already taken),
        keyed by their header text (``"column 7"`` when blank), carried unchanged.
    units : dict of str to str
        Canonical field -> the text in brackets after its header, normalised: the
        unit of a quantity (面积(万平方米) -> ``"万平方米"``, used by :meth:`scale`) or a
        note such as the datum (经度(GCJ-02) -> ``"gcj-02"``).
    specs : dict of str to FieldSpec
        The fields that were looked for.
    format : {"csv", "xlsx", "xls", "frame"}
        What the file turned out to be (``"frame"``: read from a pandas DataFrame).
    encoding, delimiter, sheet : str or None
        Detected text encoding and delimiter (text files), sheet name (workbooks).
    suggestions : dict of str to str
        Unknown header -> the close known header it was probably meant to be.
    findings : tuple of DataError
        Problems found with ``errors="collect"`` (empty with ``errors="raise"``).
    skipped : tuple of (int, str)
        Rows set aside as a total (合计, 全市合计, Total) right under the header or
        at the bottom, or as notes under the data (注：…, 数据来源：…, 填表人：…):
        their spreadsheet row number and their leftmost cell (see
        :mod:`sportsgov._common.footers`).
    """

    source: str
    fields: dict[str, tuple[str, ...]]
    rows: npt.NDArray[np.int64]
    header: tuple[str, ...]
    header_row: int
    mapping: dict[str, str]
    extra: dict[str, tuple[str, ...]]
    units: dict[str, str]
    specs: dict[str, FieldSpec]
    format: Format
    encoding: str | None = None
    delimiter: str | None = None
    sheet: str | None = None
    suggestions: dict[str, str] = field(factory=dict)
    findings: tuple[DataError, ...] = ()
    skipped: tuple[tuple[int, str], ...] = ()

    def __len__(self) -> int:
        return int(self.rows.shape[0])

    def column(self, name: str) -> tuple[str, ...]:
        """Cells of a canonical field; all ``""`` when the file has no such column.

        Raises
        ------
        NotFoundError
            ``name`` is not one of the fields looked for.
        """
        if name in self.fields:
            return self.fields[name]
        if name not in self.specs:
            known = ", ".join(repr(k) for k in self.specs)
            raise NotFoundError.bad("field", name, f"expected one of {known}")
        return ("",) * len(self)

    def scale(self, name: str) -> Fraction:
        """Exact factor from the unit in ``name``'s header to the field's canonical unit.

        ``Fraction(1)`` when the header states no unit or the field has none
        (e.g. 面积(万平方米) gives 10000 for ``area`` in m²).

        Raises
        ------
        DataError
            The header states a unit that is not one for this quantity.
        """
        spec = self.specs.get(name)
        unit = self.units.get(name)
        if spec is None or spec.unit is None or unit is None:
            return Fraction(1)
        try:
            return unit_scale(unit, spec.unit, field=name)
        except InvalidInputError as exc:
            raise DataError(
                exc.message, source=self.source, row=self.header_row, field=name
            ) from None

    def records(self) -> Iterator[tuple[int, dict[str, str]]]:
        """Yield ``(spreadsheet row, {field: cell})`` for the canonical fields found."""
        names = list(self.fields)
        columns = [self.fields[n] for n in names]
        for row, cells in zip(self.rows.tolist(), zip(*columns, strict=True), strict=True):
            yield row, dict(zip(names, cells, strict=True))

    def scaled(self, name: str, *, clean: bool = True) -> tuple[str, ...]:
        """Cells of a field in its canonical unit, as text.

        Every cell first goes through :func:`~sportsgov._common.cells.sheet_text`
        (blanks, Excel's leading apostrophe; in number and money fields full-width
        forms, thousands separators, money in brackets). ``clean=False`` skips that
        (and a cell's own unit) for a caller that applies ``sheet_text`` itself to
        the few cells its fast checks flag: the facility inventory's million-row
        path, which would otherwise pay a pass over every column. A number field whose header
        states a unit (常住人口(万人)) has each numeric cell multiplied exactly by
        :meth:`scale` (``"72.5"`` -> ``"725000"``); a number cell with its own
        multiplier or unit (``1.2万``, ``420平方米``, ``3亩``, ``1.2万人``) is converted
        exactly by that one instead of the header's; a money field (unit ``yuan``)
        has the header's unit appended to bare numbers (预算(万元) ``"1800"`` ->
        ``"1800万元"``), so the money parser sees it. Cells that are not numbers are
        left as written for the table's own parser to report.

        Examples
        --------
        >>> import io
        >>> t = read_table(io.StringIO("地区,年份,常住人口(万人)\\n410102,2024,72.5\\n"),
        ...                table="population")
        >>> t.scaled("population")
        ('725000',)
        >>> t = read_table(io.StringIO("编号,类型,区县,面积\\nF1,gym,A,'1200\\n"
        ...                            "F2,gym,A,0.3亩\\nF3,gym,A,１.２万\\n"), table="facilities")
        >>> t.scaled("area")
        ('1200', '200', '12000')
        """
        cells = self.column(name)
        spec = self.specs.get(name)
        if spec is None:
            return cells
        number = spec.type == "number"
        money = spec.unit == "yuan"
        typed = number or money or spec.type == "date"
        if not clean:
            factor = self.scale(name)
            if factor == 1 or not number:
                return cells
            texts = (c.strip().replace(",", "") for c in cells)
            return tuple(
                _number_text(Fraction(t) * factor) if _NUMBER_RE.match(t) else c
                for c, t in zip(cells, texts, strict=True)
            )
        if not typed and spec.type != "code":
            return cells  # ids, names, kinds: kept exactly as written
        cells, plain_column = _sheet_texts(cells, number=number, money=money, typed=typed)
        factor = self.scale(name)
        if money:
            if factor == 1:
                return cells
            unit = self.units.get(name, "")
            return tuple(c + unit if _NUMBER_RE.match(c) else c for c in cells)
        if not number:
            return cells
        if plain_column and factor == 1:
            return cells
        own: dict[str, str] = {}
        plain = _NUMBER_RE.match
        for text in () if plain_column else set(cells):
            if text and not plain(text):
                converted = cell_quantity(text, spec.unit)
                if converted is not None:
                    own[text] = _number_text(converted)
        if factor == 1 and not own:
            return cells
        out: list[str] = []
        for cell in cells:
            if cell in own:
                out.append(own[cell])
            elif factor == 1 or not plain(cell):  # not a number: the parser reports it
                out.append(cell)
            else:
                out.append(_number_text(Fraction(cell.strip()) * factor))
        return tuple(out)

    def canonical_records(self) -> Iterator[tuple[int, dict[str, str]]]:
        """Like :meth:`records`, with cells in canonical units (:meth:`scaled`)."""
        names = list(self.fields)
        columns = [self.scaled(n) for n in names]
        for row, cells in zip(self.rows.tolist(), zip(*columns, strict=True), strict=True):
            yield row, dict(zip(names, cells, strict=True))


def cell_text(value: object) -> str:
    """The text of a workbook cell as a CSV would hold it.

    ``None`` is ``""``; whole floats lose their ``.0`` (``12.0`` -> ``"12"``), other
    floats show Excel's 15 significant digits (``0.1 + 0.2`` -> ``"0.3"``); dates
    and midnight datetimes become ISO dates, other datetimes ISO
    ``YYYY-MM-DD HH:MM:SS``; booleans ``"true"``/``"false"``; text is kept as written.

    Examples
    --------
    >>> [cell_text(v) for v in (12.0, 0.1, 3, True, None, "0012", _dt.date(2024, 3, 1))]
    ['12', '0.1', '3', 'true', '', '0012', '2024-03-01']
    >>> cell_text(_dt.datetime(2024, 3, 1, 8, 30))
    '2024-03-01 08:30:00'
    """
    if isinstance(value, str):
        return value
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e16:
            return str(int(value))
        return format(value, ".15g")  # Excel's 15 significant digits: 0.1+0.2 -> 0.3
    if isinstance(value, _dt.datetime):
        if value.time() == _dt.time():
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, _dt.date | _dt.time):
        return value.isoformat()
    return str(value)


def _sheet_texts(
    cells: tuple[str, ...], *, number: bool, money: bool, typed: bool
) -> tuple[tuple[str, ...], bool]:
    """:func:`sheet_text` on a column, and whether every cell is plain ``[0-9.eE+-]`` text.

    A plain column (the common case) costs one join and one ``bytes.translate``;
    a region-code column without an apostrophe one join and one search.
    """
    joined = "".join(cells)
    if typed:
        if joined.isascii() and not joined.encode("ascii").translate(None, _PLAIN_BYTES):
            return cells, True
    elif "'" not in joined:
        return cells, False
    table = {c: sheet_text(c, number=number, money=money) for c in set(cells)}
    return tuple(map(table.__getitem__, cells)), False


_PLAIN_BYTES = b"0123456789.eE+-"


def _number_text(value: Fraction) -> str:
    return str(value.numerator) if value.denominator == 1 else repr(float(value))


def _date_cell(value: object) -> str:
    if isinstance(value, int | float) and not isinstance(value, bool):
        try:
            return from_excel_serial(value).isoformat()
        except InvalidInputError:
            return cell_text(value)
    return cell_text(value)


_NUMERIC_TYPES = frozenset({int, float, bool})
_CACHEABLE_TYPES = frozenset(
    {str, type(None), int, float, bool, _dt.date, _dt.datetime, _dt.time, _dt.timedelta}
)


def _cell_texts(col: Sequence[Any], *, date: bool) -> tuple[str, ...]:
    """A workbook column as :func:`cell_text` (or ``_date_cell``) texts, column-wise.

    The same texts as converting cell by cell, faster: a column of text is kept as
    it is; a column of floats is formatted in one pass with the few cells that
    :func:`cell_text` writes differently (whole numbers from 1e15 on, zero) redone
    one by one; other columns convert each distinct value once (cells repeat:
    dates, codes). Values that compare equal across types (``1 == 1.0 == True``)
    are never shared.
    """
    types = set(map(type, col))
    if types <= {str}:
        return tuple(col)
    convert = _date_cell if date else cell_text
    if types == {float} and not date:
        texts = list(map(format, col, repeat(".15g")))
        values = np.fromiter(col, dtype=np.float64, count=len(col))
        with np.errstate(invalid="ignore"):
            redo = np.flatnonzero((np.abs(values) >= 1e15) | (values == 0))
        for i in redo.tolist():
            texts[i] = cell_text(col[i])
        return tuple(texts)
    if types <= _CACHEABLE_TYPES and len(types & _NUMERIC_TYPES) <= 1:
        table = {value: convert(value) for value in set(col)}
        return tuple(map(table.__getitem__, col))
    return tuple(map(convert, col))


def _serial_dates(column: Sequence[str]) -> tuple[str, ...]:
    """Replace Excel serial numbers in a text date column by ISO dates."""
    found: dict[str, str] = {}
    for text in set(column):
        if len(text) > 16 or "-" in text or "/" in text:  # cheap: dates as written skip
            continue
        if _SERIAL_RE.match(text) and len(text.strip().split(".")[0]) <= 5:
            try:
                found[text] = from_excel_serial(text).isoformat()
            except InvalidInputError:
                continue
    if not found:
        return tuple(column)
    return tuple(found.get(c, c) for c in column)


def sniff_format(head: bytes, name: str) -> Format | Literal["gzip"]:
    """What a file is, from its first bytes, then its name.

    Examples
    --------
    >>> sniff_format(b"PK\\x03\\x04....", "venues.csv"), sniff_format(b"id,name", "a.csv")
    ('xlsx', 'csv')
    >>> sniff_format(b"\\xd0\\xcf\\x11\\xe0\\xa1\\xb1\\x1a\\xe1", "a.xls")
    'xls'
    """
    if head.startswith(_ZIP):
        return "xlsx"
    if head.startswith(_OLE):
        return "xls"
    if head.startswith(_GZIP):
        return "gzip"
    return "csv"


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while building millions of small lists.

    The lists and strings of a table hold no cycles; without the pause the
    collector rescans them again and again as they are allocated (about twice
    slower on a million rows). Restored on exit, also on error.
    """
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def _bad_row(data: bytes, start: int) -> int:
    return data.count(b"\n", 0, start) + 1


def decode(
    data: bytes, *, encoding: str | None = None, source: str = "<data>", row_offset: int = 0
) -> tuple[str, str]:
    """Decode the bytes of a text table; return ``(text, encoding used)``.

    With ``encoding=None``: a byte-order mark decides (UTF-8, UTF-16); otherwise
    strict UTF-8 is tried, then GB18030 (which decodes GBK and GB2312 files). A
    file that is UTF-8 up to a bad byte (Chinese text already read as UTF-8) is
    reported as a damaged UTF-8 file rather than read as GB18030 mojibake. A GBK
    file whose few Chinese characters happen to be valid UTF-8 (``180.00元``
    reads as ``180.00Ԫ``) is recognised and read as GB18030.

    Raises
    ------
    DataError
        Bytes that do not decode; names the source, the row (1 = first line) and
        the byte.
    InvalidInputError
        ``encoding`` is not a codec Python knows.

    Examples
    --------
    >>> decode("编号\\n".encode("gbk"))
    ('编号\\n', 'gb18030')
    >>> decode("\\ufeffid\\n".encode("utf-8"))
    ('id\\n', 'utf-8-sig')
    >>> decode(b"id\\nF1\\n\\x81\\x20\\n", source="a.csv")
    Traceback (most recent call last):
    ...
    sportsgov.errors.DataError: a.csv, row 3: cannot decode byte 0x81 ...
    """
    if encoding is not None:
        try:
            name = codecs.lookup(encoding).name
        except LookupError:
            raise InvalidInputError.bad(
                "encoding", encoding, "unknown codec; e.g. 'utf-8', 'utf-8-sig', 'gb18030', 'gbk'"
            ) from None
        try:
            text = data.decode(name)
        except UnicodeDecodeError as exc:
            raise _decode_error(data, exc, name, source, row_offset, explicit=True) from None
        return text.removeprefix("\ufeff"), name
    if data.startswith(codecs.BOM_UTF8):
        name = "utf-8-sig"
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        name = "utf-16"
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            prefix = data[: exc.start].decode("utf-8")
            if sum(1 for ch in prefix if ord(ch) > 127) >= 3:
                raise _decode_error(data, exc, "utf-8", source, row_offset) from None
        else:
            if not _gbk_posing_as_utf8(text, data):
                return text, "utf-8"
        name = "gb18030"
    try:
        return data.decode(name), name
    except UnicodeDecodeError as exc:
        raise _decode_error(data, exc, name, source, row_offset) from None


_THREE_BYTE = re.compile("[\u0800-\U0010ffff]")
_TWO_BYTE_SCRIPTS = re.compile("[\u0370-\u07ff]")
_NOT_CHINESE = re.compile("[^\x00-\x7f\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")


def _gbk_posing_as_utf8(text: str, data: bytes) -> bool:
    """Whether valid UTF-8 ``text`` is really GBK whose byte pairs happen to be UTF-8.

    A GBK pair with a lead byte 0xC2-0xDF and a trail byte 0x80-0xBF is also a
    two-byte UTF-8 character (元 = D4 AA reads as the Armenian Ԫ). Real UTF-8
    Chinese has three-byte characters; so text with none, with letters of the
    two-byte scripts (Greek to N'Ko, U+0370-U+07FF) that a bureau's table does not
    hold, and that GB18030 decodes to Chinese characters and ASCII only, is GBK.

    Examples
    --------
    >>> data = "180.00元".encode("gbk")
    >>> data.decode("utf-8"), _gbk_posing_as_utf8(data.decode("utf-8"), data)
    ('180.00Ԫ', True)
    >>> _gbk_posing_as_utf8("café, 体育", "café, 体育".encode("utf-8"))
    False
    """
    if text.isascii() or _THREE_BYTE.search(text) or not _TWO_BYTE_SCRIPTS.search(text):
        return False
    try:
        alt = data.decode("gb18030")
    except UnicodeDecodeError:
        return False
    return _NOT_CHINESE.search(alt) is None


def _decode_error(
    data: bytes,
    exc: UnicodeDecodeError,
    name: str,
    source: str,
    row_offset: int,
    *,
    explicit: bool = False,
) -> DataError:
    byte = data[exc.start]
    if explicit:
        hint = f"the file is not {name}; leave encoding=None to detect UTF-8 or GB18030"
    elif name == "gb18030":
        hint = "the file is neither UTF-8 nor GB18030/GBK; pass encoding= if you know it"
    else:
        hint = f"the file reads as {name} up to here; the bytes are damaged"
    return DataError(
        f"cannot decode byte 0x{byte:02x} as {name}: {hint}",
        source=source,
        row=row_offset + _bad_row(data, exc.start),
        argument="encoding",
        value=name,
    )


def _read_handle(handle: Any, source: str) -> tuple[bytes, bool]:
    """Bytes of an open handle and whether it was text (re-encoded as UTF-8)."""
    content = handle.read()
    if isinstance(content, str):
        return content.encode("utf-8", errors="surrogatepass"), True
    if not isinstance(content, bytes | bytearray | memoryview):
        raise InvalidInputError.bad(
            "path", handle, "expected a path or an open file (text or binary)"
        )
    data = bytes(content)
    if data.startswith(_GZIP):
        try:
            return gzip.decompress(data), False
        except (OSError, EOFError) as exc:
            raise DataError(f"cannot decompress the gzip data: {exc}", source=source) from None
    return data, False


def _open_bytes(path: Path, source: str) -> tuple[bytes, bool]:
    """Read the file; returns (bytes, was gzip)."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise NotFoundError.bad("path", str(path), "file not found") from None
    except IsADirectoryError:
        raise InvalidInputError.bad("path", str(path), "is a directory, expected a file") from None
    if data.startswith(_GZIP):
        try:
            return gzip.decompress(data), True
        except (OSError, EOFError) as exc:
            raise DataError(f"cannot decompress the gzip file: {exc}", source=source) from None
    if path.suffix.lower() == ".gz":
        raise DataError("named .gz but not gzip-compressed", source=source)
    return data, False


def _workbook_grid(
    data: bytes, fmt: Format, sheet: str | int | None, source: str
) -> tuple[list[list[Any]], int, str]:
    """Cells of one sheet (calamine types), the row offset of its first row, its name."""
    calamine = require("python_calamine", "excel", what=f"reading {source} ({fmt} workbook)")
    try:
        book = calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
    except Exception as exc:  # calamine raises its own, unrelated, exception types
        raise DataError(
            f"cannot read the {fmt} workbook: {type(exc).__name__}: {exc}", source=source
        ) from None
    names: list[str] = list(book.sheet_names)
    listed = ", ".join(repr(n) for n in names)
    if sheet is None:
        index = 0
    elif isinstance(sheet, int) and not isinstance(sheet, bool):
        index = sheet if sheet >= 0 else len(names) + sheet
        if not 0 <= index < len(names):
            raise NotFoundError.bad(
                "sheet", sheet, f"the workbook has {len(names)} sheets: {listed}"
            )
    elif isinstance(sheet, str):
        if sheet not in names:
            raise NotFoundError.bad("sheet", sheet, f"expected one of {listed}")
        index = names.index(sheet)
    else:
        raise InvalidInputError.bad("sheet", sheet, "expected a sheet name or index")
    if not names:
        raise DataError("the workbook has no sheets", source=source)
    try:
        ws = book.get_sheet_by_index(index)
        grid: list[list[Any]] = ws.to_python()
        start = ws.start
    except Exception as exc:  # calamine raises its own exception types
        raise DataError(
            f"cannot read sheet {names[index]!r}: {type(exc).__name__}: {exc}", source=source
        ) from None
    offset = int(start[0]) if start else 0
    return grid, offset, names[index]


def _text_grid(
    text: str, delimiter: str | None, suffix: str, score: Any
) -> tuple[list[list[str]], str, list[str] | None]:
    """Parse delimited text; the delimiter is the one whose header scores best.

    Returns ``(grid, delimiter, lines)``. Text without any quote comes back as its
    ``lines`` with only the first rows split into ``grid`` (enough to find the
    header): :func:`build_table` splits the body itself, column-wise when it can.
    """
    if delimiter is not None:
        candidates: tuple[str, ...] = (delimiter,)
    elif suffix in (".tsv", ".tab"):
        candidates = ("\t", ",", ";")
    else:
        candidates = _DELIMITERS
    best = candidates[0]
    if len(candidates) > 1:
        sample = _first_lines(text, _HEADER_SEARCH)
        best_key: tuple[int, int] = (-1, -1)
        for d in candidates:
            try:
                rows = list(csv.reader(io.StringIO(sample, newline=""), delimiter=d))
            except csv.Error:  # e.g. a cell beyond the csv module's field limit
                rows = [line.split(d) for line in sample.splitlines()]
            found = max((score(r) for r in rows), default=0)
            width = max((len(r) for r in rows), default=0)
            key = (found, 1 if width > 1 else 0)
            if key > best_key:
                best, best_key = d, key
    if '"' not in text:
        # No quoting anywhere: csv.reader would only split lines and cells, which
        # str methods do several times faster (the common case of exported files).
        crlf = text.count("\r\n")
        if crlf == text.count("\r") == text.count("\n"):  # Excel's CRLF throughout
            lines = text.split("\r\n")
        else:
            lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        if lines and lines[-1] == "":
            lines.pop()
        return list(map(methodcaller("split", best), lines[:_HEADER_SEARCH])), best, lines
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=best)
    try:
        return list(reader), best, None
    except csv.Error as exc:
        raise DataError(
            f"not a readable delimited text file: {exc}", row=reader.line_num
        ) from None


def _first_lines(text: str, count: int) -> str:
    end = -1
    for _ in range(count):
        end = text.find("\n", end + 1)
        if end < 0:
            return text
    return text[: end + 1]


def read_table(
    path: str | os.PathLike[str] | IO[str] | IO[bytes],
    *,
    table: str | None = None,
    fields: Mapping[str, FieldSpec] | Sequence[str] | None = None,
    encoding: str | None = None,
    delimiter: str | None = None,
    sheet: str | int | None = None,
    columns: Mapping[str, str] | None = None,
    source: str | None = None,
    errors: Errors = "raise",
) -> RawTable:
    """Read a CSV, TSV, gzip, xlsx or xls table into columns of cell texts by field.

    Parameters
    ----------
    path : str, os.PathLike or open file
        The file. Its bytes decide the format (an xlsx named ``.csv`` is read as
        the workbook it is); ``.gz`` files are decompressed. An open handle (text,
        or binary such as an upload) is read from its current position and not
        closed; a text handle's content is taken as already decoded.
    table : str, optional
        Table kind whose bundled fields and header aliases to use (``"facilities"``,
        ``"population"``, ``"regions"``, ...; see ``aliases.toml``).
    fields : mapping of str to FieldSpec, or sequence of str, optional
        The fields instead of (or, as a mapping, on top of) ``table``'s; a plain
        sequence names required text fields with no aliases.
    encoding : str, optional
        Text encoding; ``None`` detects UTF-8 (with or without BOM), UTF-16 with
        BOM and GB18030/GBK. Ignored for workbooks.
    delimiter : str, optional
        ``None`` detects ``,`` ``;`` or tab from the header row.
    sheet : str or int, optional
        Workbook sheet by name or 0-based index; default the first. Ignored for text.
    columns : mapping of str to str, optional
        ``{"header in the file": "field"}`` for headers the aliases do not know;
        they win over the aliases.
    source : str, optional
        Name used in errors; default the file name.
    errors : {"raise", "collect"}, default "raise"
        ``"raise"`` raises the first :class:`~sportsgov.errors.DataError` found in
        the layout (missing columns, ragged rows); ``"collect"`` returns them in
        :attr:`RawTable.findings` and reads what it can. Unreadable files (bad
        bytes, junk, no header) always raise.

    Returns
    -------
    RawTable

    Raises
    ------
    DataError
        Empty or binary file, undecodable bytes (row named), no header row in the
        first 20 rows (the expected headers named), a required column missing
        (with a suggestion for a close unknown header), a row longer than the header.
    NotFoundError
        The file or the sheet does not exist, or ``table`` is unknown.
    InvalidInputError
        A bad argument (``errors``, ``columns`` naming an unknown field, an unknown
        codec, an unsupported file name); reading Excel without the ``excel`` extra.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "pop.csv"
    >>> _ = p.write_text("地区;年份;常住人口(万人);备注\\n410102;2024;72.5;估算\\n", "utf-8-sig")
    >>> t = read_table(p, table="population")
    >>> t.delimiter, t.fields["population"], t.scale("population"), t.extra
    (';', ('72.5',), Fraction(10000, 1), {'备注': ('估算',)})
    >>> _ = p.write_text("地区,年分,常住人口\\n410102,2024,725000\\n", "utf-8")
    >>> read_table(p, table="population")
    Traceback (most recent call last):
    ...
    sportsgov.errors.DataError: pop.csv, row 1: missing column year (年份, 年度, 年); ...
    """
    if errors not in ("raise", "collect"):
        raise InvalidInputError.bad("errors", errors, "expected one of 'raise', 'collect'")
    if delimiter is not None and (not isinstance(delimiter, str) or len(delimiter) != 1):
        raise InvalidInputError.bad("delimiter", delimiter, "expected one character")
    specs = field_specs(table, fields)
    user = user_columns(columns, specs)
    if hasattr(path, "read"):  # an open handle (text or binary), e.g. an upload
        label = getattr(path, "name", None)
        p = Path(label) if isinstance(label, str) else Path("<stream>")
        name = source if source is not None else p.name
        suffix = _suffix(p) if isinstance(label, str) else ""
        data, is_text = _read_handle(path, name)
        if is_text:
            encoding = "utf-8"  # already decoded by the handle; re-encoded above
    else:
        p = Path(path)
        name = source if source is not None else p.name
        suffix = _suffix(p)
        data, _ = _open_bytes(p, name)
    if not data.strip():
        raise DataError(
            "the file is empty: expected a header row and data rows", source=name, row=1
        )
    fmt = sniff_format(data[:8], p.name)
    if fmt == "gzip":  # doubly compressed: refuse rather than guess
        raise DataError("gzip inside gzip is not supported", source=name)
    if fmt == "csv" and suffix in _EXCEL_SUFFIXES:
        raise DataError(
            f"named {suffix} but not an Excel workbook (no xlsx/xls signature); "
            "if it is text, name it .csv",
            source=name,
        )
    if fmt == "csv" and suffix not in (*_TEXT_SUFFIXES, ""):
        raise InvalidInputError.bad(
            "path", str(p), "expected a .csv, .csv.gz, .tsv, .txt, .xlsx or .xls file"
        )
    index = alias_index(specs)

    def score(cells: Sequence[object]) -> int:
        return _score(cells, user, index)

    enc: str | None = None
    delim: str | None = None
    sheet_name: str | None = None
    offset = 0
    grid: list[list[Any]]
    lines: list[str] | None = None
    if fmt == "csv":
        if (
            b"\x00" in data[:4096]
            and not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
            and encoding is None
        ):
            raise DataError(
                "looks like a binary file, not a CSV/TSV text nor an Excel workbook",
                source=name,
            )
        text, enc = decode(data, encoding=encoding, source=name)
        del data
        try:
            with _gc_paused():
                grid, delim, lines = _text_grid(text, delimiter, suffix, score)
        except DataError as exc:
            raise DataError(exc.detail, source=name, row=exc.row) from None
        del text
    else:
        with _gc_paused():
            grid, offset, sheet_name = _workbook_grid(data, fmt, sheet, name)

    with _gc_paused():
        return build_table(
            grid,
            specs=specs,
            user=user,
            source=name,
            fmt=fmt,
            errors=errors,
            offset=offset,
            encoding=enc,
            delimiter=delim,
            sheet=sheet_name,
            lines=lines,
        )


def build_table(
    grid: list[list[Any]],
    *,
    specs: dict[str, FieldSpec],
    user: dict[str, str],
    source: str,
    fmt: Format,
    errors: Errors = "raise",
    offset: int = 0,
    encoding: str | None = None,
    delimiter: str | None = None,
    sheet: str | None = None,
    search: int = _HEADER_SEARCH,
    lines: list[str] | None = None,
) -> RawTable:
    """Find the header in a grid of cells and build the :class:`RawTable`.

    The shared second half of :func:`read_table` (and of the DataFrame reader in
    :mod:`sportsgov._common.frames`): ``grid`` is the rows as read (text cells for
    ``fmt="csv"``, workbook/frame values otherwise), ``offset`` the spreadsheet row
    number of ``grid[0]`` minus one, ``user`` the output of :func:`user_columns`.
    With ``lines`` (unquoted text split by ``delimiter``), ``grid`` holds only the
    first rows split and the body is split here; ``lines`` is emptied (its strings
    are freed before the cells are made).
    """
    index = alias_index(specs)
    found: list[DataError] = []

    def problem(err: DataError) -> None:
        if errors == "raise":
            raise err
        found.append(err)

    head = min(len(grid), search)
    scores = [_score(grid[i], user, index) for i in range(head)]
    best = max(range(head), key=lambda i: (scores[i], -i), default=-1)
    if best < 0 or scores[best] == 0:
        raise _no_header(grid, head, offset, specs, source, delimiter)
    header = tuple(cell_text(c) for c in grid[best])
    header_row = offset + best + 1
    mapping, units, extra_names, suggestions = _map_header(header, user, index, specs)
    missing = [f for f, s in specs.items() if s.required and f not in mapping]
    if missing:
        problem(_missing(missing, header, suggestions, specs, source, header_row))

    text = fmt == "csv"
    width = len(header)
    cols: list[tuple[Any, ...]] | None = None
    if lines is not None and delimiter is not None:
        rest = lines[best + 1 :]
        lines.clear()
        numbers = np.arange(header_row + 1, header_row + 1 + len(rest), dtype=np.int64)
        cols = _plain_columns(rest, delimiter, width)
        body = [] if cols is not None else list(map(methodcaller("split", delimiter), rest))
        del rest
    else:
        body = grid[best + 1 :]
        numbers = np.arange(header_row + 1, header_row + 1 + len(body), dtype=np.int64)
    if cols is None:
        keep = list(map(any, body))
        if not text and not all(keep):  # any() takes a row of zeros or False for blank
            keep = [k or any(map(_filled, r)) for k, r in zip(keep, body, strict=True)]
        if not all(keep):
            body = [r for r, k in zip(body, keep, strict=True) if k]
            numbers = numbers[np.asarray(keep, dtype=bool)]
        body = _rectangular(body, width, numbers, source, problem)
        cols = list(zip(*body, strict=True)) if body else [()] * width
    skipped: tuple[tuple[int, str], ...] = ()
    first, stop = footer_rows(cols, len(numbers))
    if (first, stop) != (0, len(numbers)):  # totals and notes around the data, kept aside
        drop = [*range(first), *range(stop, len(numbers))]
        skipped = tuple((int(numbers[i]), row_label(cols, i)) for i in drop)
        numbers = numbers[first:stop]
        cols = [col[first:stop] for col in cols]
    out_fields: dict[str, tuple[str, ...]] = {}
    for fname, j in mapping.items():
        col = cols[j]
        if text:
            out_fields[fname] = _serial_dates(col) if specs[fname].type == "date" else col
        else:
            out_fields[fname] = _cell_texts(col, date=specs[fname].type == "date")
    extra = {
        label: cols[j] if text else _cell_texts(cols[j], date=False)
        for label, j in extra_names.items()
    }
    return RawTable(
        source=source,
        fields=out_fields,
        rows=numbers,
        header=header,
        header_row=header_row,
        mapping={f: header[j] for f, j in mapping.items()},
        extra=extra,
        units=units,
        specs=specs,
        format=fmt,
        encoding=encoding,
        delimiter=delimiter,
        sheet=sheet,
        suggestions=suggestions,
        findings=tuple(found),
        skipped=skipped,
    )


def _score(cells: Sequence[object], user: Mapping[str, str], index: Mapping[str, Any]) -> int:
    hits = {_match(c, user, index) for c in cells}
    hits.discard(None)
    return len(hits)


def _filled(value: object) -> bool:
    return not (value is None or value == "")


def _suffix(p: Path) -> str:
    suffixes = [s.lower() for s in p.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes.pop()
    return suffixes[-1] if suffixes else ""


def field_specs(
    table: str | None, fields: Mapping[str, FieldSpec] | Sequence[str] | None
) -> dict[str, FieldSpec]:
    """The fields to look for: ``table``'s bundled ones, updated by ``fields``.

    Examples
    --------
    >>> list(field_specs(None, ["a", "b"]))
    ['a', 'b']
    >>> field_specs("population", None)["year"].type
    'number'
    """
    specs: dict[str, FieldSpec] = table_fields(table) if table is not None else {}
    if fields is None:
        pass
    elif isinstance(fields, Mapping):
        for key, spec in fields.items():
            if not isinstance(spec, FieldSpec):
                raise InvalidInputError.bad(f"fields[{key!r}]", spec, "expected a FieldSpec")
            specs[key] = spec
    elif isinstance(fields, str):
        raise InvalidInputError.bad("fields", fields, "expected a sequence of field names")
    else:
        for key in fields:
            specs[str(key)] = FieldSpec(str(key), required=True)
    if not specs:
        raise InvalidInputError.bad("table", table, "give table= or fields= (no fields to read)")
    return specs


def user_columns(
    columns: Mapping[str, str] | None, specs: Mapping[str, FieldSpec]
) -> dict[str, str]:
    """Check ``columns={"header in the file": "field"}``; build the header lookup.

    Examples
    --------
    >>> user_columns({"场馆面积": "area"}, field_specs("facilities", None))["场馆面积"]
    'area'
    >>> user_columns({"x": "size"}, field_specs(None, ["area"]))
    Traceback (most recent call last):
    ...
    sportsgov.errors.InvalidInputError: columns['x']='size': expected one of 'area'
    """
    if columns is None:
        return {}
    if not isinstance(columns, Mapping):
        raise InvalidInputError.bad("columns", columns, 'expected {"header in the file": "field"}')
    out: dict[str, str] = {}
    for header, target in columns.items():
        if target not in specs:
            known = ", ".join(repr(k) for k in specs)
            raise InvalidInputError.bad(f"columns[{header!r}]", target, f"expected one of {known}")
        out[normalize_header(header)[0]] = target
        out[f"\0{header}"] = target  # the exact text too, units included
    return out


def _match(
    cell: object, user: Mapping[str, str], index: Mapping[str, tuple[str, int]]
) -> str | None:
    if cell is None or cell == "" or not isinstance(cell, str):
        return None
    exact = user.get(f"\0{cell}")
    if exact is not None:
        return exact
    key = normalize_header(cell)[0]
    if key in user:
        return user[key]
    hit = index.get(key)
    return hit[0] if hit is not None else None


def _map_header(
    header: Sequence[str],
    user: Mapping[str, str],
    index: Mapping[str, tuple[str, int]],
    specs: Mapping[str, FieldSpec],
) -> tuple[dict[str, int], dict[str, str], dict[str, int], dict[str, str]]:
    """(field -> column, field -> unit, extra label -> column, unknown -> suggestion)."""
    chosen: dict[str, tuple[int, int]] = {}  # field -> (priority, column)
    extras: dict[str, int] = {}
    suggestions: dict[str, str] = {}
    for j, text in enumerate(header):
        key, _ = normalize_header(text)
        fname: str | None = None
        priority = 0
        if f"\0{text}" in user:
            fname, priority = user[f"\0{text}"], -1
        elif key in user:
            fname, priority = user[key], -1
        elif key in index:
            fname, priority = index[key]
        if fname is None:
            if key:
                close = difflib.get_close_matches(key, list(index), n=1, cutoff=0.6)
                if close:
                    suggestions[text] = _display_alias(close[0], specs)
            extras[_label(text, j, extras)] = j
            continue
        if fname in chosen:
            old_priority, old_j = chosen[fname]
            if priority < old_priority:
                chosen[fname] = (priority, j)
                extras[_label(header[old_j], old_j, extras)] = old_j
            else:
                extras[_label(text, j, extras)] = j
            continue
        chosen[fname] = (priority, j)
    mapping = {f: j for f, (_, j) in sorted(chosen.items(), key=lambda kv: kv[1][1])}
    units = {}
    for f, j in mapping.items():
        unit = normalize_header(header[j])[1]
        if unit is not None:
            units[f] = unit
    return mapping, units, dict(sorted(extras.items(), key=lambda kv: kv[1])), suggestions


def _label(text: str, j: int, taken: Mapping[str, int]) -> str:
    label = text.strip() or f"column {j + 1}"
    return label if label not in taken else f"{label} (column {j + 1})"


def _display_alias(key: str, specs: Mapping[str, FieldSpec]) -> str:
    for name, spec in specs.items():
        for text in (name, *spec.aliases):
            if normalize_header(text)[0] == key:
                return text
    return key  # pragma: no cover - every key comes from the specs


def _describe(spec: FieldSpec, limit: int = 3) -> str:
    shown = [a for a in spec.aliases if not a.isascii()][:limit]
    return f"{spec.name} ({', '.join(shown)})" if shown else spec.name


def _missing(
    missing: Sequence[str],
    header: Sequence[str],
    suggestions: Mapping[str, str],
    specs: Mapping[str, FieldSpec],
    source: str,
    header_row: int,
) -> DataError:
    what = "; ".join(_describe(specs[m]) for m in missing)
    hints = "".join(f"; {h!r} is not known, did you mean {s!r}?" for h, s in suggestions.items())
    shown = [h for h in header if h]
    return DataError(
        f"missing column{'s' if len(missing) > 1 else ''} {what}; header row {header_row} "
        f"reads {shown}{hints}; map other headers with columns={{'header': 'field'}}",
        source=source,
        row=header_row,
        field=None,
        argument="columns",
        value=list(header),
    )


def _no_header(
    grid: Sequence[Sequence[Any]],
    head: int,
    offset: int,
    specs: Mapping[str, FieldSpec],
    source: str,
    delimiter: str | None,
) -> DataError:
    expected = ", ".join(_describe(s, 1) for s in specs.values() if s.required) or ", ".join(specs)
    if head == 0:
        where = "the file has no rows"
    else:
        first = [cell_text(c) for c in grid[0] if _filled(c)][:6]
        where = f"searched rows {offset + 1}-{offset + head}; row {offset + 1} reads {first}"
    hint = ""
    if delimiter is not None and all(len(r) <= 1 for r in grid[:head]):
        hint = "; every row has one column: the delimiter is not ',', ';' or tab"
    return DataError(
        f"no header row found: expected headers such as {expected}; {where}{hint}",
        source=source,
        row=offset + 1 if head else None,
    )


def _plain_columns(lines: list[str], delimiter: str, width: int) -> list[tuple[str, ...]] | None:
    """Columns of unquoted lines that all have ``width`` cells and none blank, else None.

    The common case of an exported file, done column-wise: every line is checked
    to hold exactly ``width - 1`` delimiters (so no row is ragged), the lines are
    split in one go and the columns sliced out (several times faster than splitting
    line by line and transposing); ``lines`` is then emptied. ``None`` (``lines``
    untouched) leaves blank and ragged rows to the general path, which skips or
    reports them with their row numbers.
    """
    n = len(lines)
    if not n or lines.count("") or lines.count(delimiter * (width - 1)):
        return None
    if list(map(str.count, lines, repeat(delimiter))).count(width - 1) != n:
        return None
    joined = delimiter.join(lines)
    lines.clear()  # free the line strings before making the cells
    cells = joined.split(delimiter)
    del joined
    return [tuple(cells[j::width]) for j in range(width)]


def _rectangular(
    body: list[list[Any]],
    width: int,
    numbers: npt.NDArray[np.int64],
    source: str,
    problem: Any,
) -> list[list[Any]]:
    if all(map(width.__eq__, map(len, body))):
        return body
    out: list[list[Any]] = []
    for k, r in enumerate(body):
        n = len(r)
        if n == width:
            out.append(r)
        elif n < width:
            out.append([*r, *([""] * (width - n))])
        else:
            if any(map(_filled, r[width:])):
                problem(
                    DataError(
                        f"row has {n} cells, the header has {width}: "
                        "a delimiter inside an unquoted cell?",
                        source=source,
                        row=int(numbers[k]),
                    )
                )
            out.append(r[:width])
    return out


def load_table(
    path: str | os.PathLike[str] | IO[str] | IO[bytes],
    build: Callable[[list[dict[str, str]], str], _T],
    *,
    table: str,
    encoding: str | None = None,
    sheet: str | int | None = None,
    columns: Mapping[str, str] | None = None,
    errors: Errors = "raise",
    source: str | None = None,
) -> _T:
    """Read a file with :func:`read_table` and build a table from its records.

    ``build(records, source)`` gets the records in canonical units (list of
    ``{field: cell}``) and the file name; a :class:`DataError` it raises with a
    1-based record number is re-raised with the spreadsheet row the record came
    from (header = row 1). The table classes' ``from_file`` use this.

    Examples
    --------
    >>> import io
    >>> def build(records, source):
    ...     if records[1]["year"] == "20x4":
    ...         raise DataError("year='20x4': expected a year", source=source, row=2, field="year")
    >>> load_table(io.StringIO("地区,年份,常住人口\\n410102,2024,1\\n410103,20x4,2\\n"),
    ...            build, table="population", source="人口.csv")
    Traceback (most recent call last):
    ...
    sportsgov.errors.DataError: 人口.csv, row 3, field year: year='20x4': expected a year
    """
    raw = read_table(
        path,
        table=table,
        encoding=encoding,
        sheet=sheet,
        columns=columns,
        errors=errors,
        source=source,
    )
    return build_from_raw(raw, build)


_EARLIER_ROW = re.compile(r"(first seen in row |also row )(\d+)")


def build_from_raw(raw: RawTable, build: Callable[[list[dict[str, str]], str], _T]) -> _T:
    """Call ``build(records, source)`` on ``raw``'s canonical records, rows as the sheet shows."""
    rows = raw.rows.tolist()
    records = [record for _, record in raw.canonical_records()]
    try:
        return build(records, raw.source)
    except DataError as exc:

        def sheet_row(n: int) -> int:
            return rows[n - 1] if 1 <= n <= len(rows) else n

        row = None if exc.row is None else sheet_row(exc.row)
        message = getattr(exc, "detail", None) or str(exc)
        # builders name an earlier record as "first seen in row N" / "also row N": the
        # record's number, mapped here to the row the spreadsheet shows, like exc.row
        message = _EARLIER_ROW.sub(lambda m: f"{m[1]}{sheet_row(int(m[2]))}", message)
        raise DataError(message, source=raw.source, row=row, field=exc.field) from None
