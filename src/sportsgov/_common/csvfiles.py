"""CSV reading shared by every loader (open, gunzip, header check, row numbers).

Every loader that reads a delimited text file goes through these two pieces so that
``.gz`` handling, BOM tolerance, header checks and 1-based data row numbers behave
the same everywhere:

* :func:`open_text` opens a UTF-8 text file (BOM tolerated by default) and
  transparently decompresses a ``.gz`` suffix;
* :func:`read_rows` yields ``(row number, record)`` from a path or an open text
  handle after checking that the header has the required columns, and raises
  :class:`sportsgov.errors.DataError` (naming the source and the first missing
  field) otherwise, always worded ``columns=[...]: missing a, b``.

A file that does not exist raises :class:`sportsgov.errors.NotFoundError` naming
the path, for every loader.

Loading never executes anything from the file.
"""

from __future__ import annotations

import csv
import gzip
import os
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TextIO, cast

from sportsgov.errors import DataError, NotFoundError

__all__ = ["missing_columns", "open_text", "read_rows"]


def open_text(path: str | os.PathLike[str], *, encoding: str = "utf-8-sig") -> TextIO:
    """Open a text file for reading; a ``.gz`` suffix is decompressed on the fly.

    Parameters
    ----------
    path : str or os.PathLike
        The file. A name ending in ``.gz`` is read through :mod:`gzip`.
    encoding : str, default "utf-8-sig"
        Text encoding; the default accepts UTF-8 with or without a byte-order mark.

    Returns
    -------
    TextIO
        An open handle (``newline=""``, as :mod:`csv` expects); use it in ``with``.

    Raises
    ------
    NotFoundError
        The file does not exist (``path='...': no such file``).
    OSError
        The file exists but cannot be read.

    Examples
    --------
    >>> import gzip, pathlib, tempfile
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> with gzip.open(d / "a.csv.gz", "wt", encoding="utf-8-sig") as fh:
    ...     _ = fh.write("x,y\\n1,2\\n")
    >>> with open_text(d / "a.csv.gz") as fh:
    ...     fh.read()
    'x,y\\n1,2\\n'
    """
    p = Path(path)
    if not p.is_file():
        raise NotFoundError.bad("path", str(p), "no such file")
    if p.suffix == ".gz":
        return cast(TextIO, gzip.open(p, "rt", encoding=encoding, newline=""))
    return p.open(encoding=encoding, newline="")


def read_rows(
    file: str | os.PathLike[str] | Iterable[str],
    required: Sequence[str] = (),
    *,
    source: str | None = None,
    strip_header: bool = False,
    encoding: str = "utf-8-sig",
) -> Iterator[tuple[int, dict[str, str]]]:
    """Yield ``(row, record)`` from a CSV with a header row; rows count from 1.

    The row number is the 1-based data row (the header excluded), the numbering
    used by :class:`~sportsgov.errors.DataError` ``row=``. The file is opened on
    the first ``next()`` and closed when the iterator is exhausted or closed.

    Parameters
    ----------
    file : str, os.PathLike or iterable of str
        A path (opened with :func:`open_text`, so ``.gz`` is decompressed) or an
        already open text handle / iterable of lines (not closed here).
    required : sequence of str, default ()
        Columns the header must contain.
    source : str, optional
        Name used in errors; default the file name (``"<csv>"`` for a handle).
    strip_header : bool, default False
        Strip blanks around the header names (the records' keys are then the
        stripped names too).
    encoding : str, default "utf-8-sig"
        Text encoding of a path (BOM tolerated by default).

    Yields
    ------
    tuple of (int, dict of str to str)
        The data row number and the record ``{column: cell text}``.

    Raises
    ------
    DataError
        A required column is missing from the header: ``columns=[...]: missing a, b``
        with ``source``, ``line=1`` and ``field`` the first missing column.
    NotFoundError
        The file does not exist.

    Examples
    --------
    >>> import io
    >>> list(read_rows(io.StringIO("a,b\\n1,2\\n3,4\\n"), ("a",)))
    [(1, {'a': '1', 'b': '2'}), (2, {'a': '3', 'b': '4'})]
    >>> list(read_rows(io.StringIO("a\\n1\\n"), ("a", "b"), source="t.csv"))
    Traceback (most recent call last):
    ...
    sportsgov.errors.DataError: t.csv, line 1, field b: columns=['a']: missing b
    """
    if isinstance(file, str | os.PathLike):
        name = source if source is not None else Path(file).name
        with open_text(file, encoding=encoding) as handle:
            yield from _records(handle, required, name, strip_header)
    else:
        name = source if source is not None else "<csv>"
        yield from _records(file, required, name, strip_header)


def _records(
    lines: Iterable[str],
    required: Sequence[str],
    source: str,
    strip_header: bool,
) -> Iterator[tuple[int, dict[str, str]]]:
    reader = csv.DictReader(lines)
    names = reader.fieldnames or []
    header = [h.strip() for h in names] if strip_header else list(names)
    missing = [c for c in required if c not in header]
    if missing:
        raise missing_columns(header, missing, source=source)
    if strip_header:
        reader.fieldnames = header
    for number, record in enumerate(reader, start=1):
        yield number, cast(dict[str, str], record)


def missing_columns(header: Sequence[str], missing: Sequence[str], *, source: str) -> DataError:
    """The one error for a header that lacks required columns.

    Examples
    --------
    >>> print(missing_columns(["a"], ["b", "c"], source="t.csv"))
    t.csv, line 1, field b: columns=['a']: missing b, c
    """
    return DataError(
        f"columns={list(header)}: missing {', '.join(missing)}",
        source=source,
        line=1,
        field=missing[0],
    )
