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

A file that does not exist (or is a directory) raises
:class:`sportsgov.errors.NotFoundError` naming the path, for every loader. A file
that cannot be opened (permissions) or read to its end (a truncated or corrupt
``.gz``, a field beyond :mod:`csv`'s field size limit) raises
:class:`sportsgov.errors.DataError` naming the file and the line: :func:`read_failure`
is the one translation, :func:`cells` the guarded :mod:`csv` reader.

Loading never executes anything from the file.
"""

from __future__ import annotations

import csv
import gzip
import os
import zlib
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TextIO, cast

from sportsgov.errors import DataError, NotFoundError

__all__ = ["READ_ERRORS", "cells", "missing_columns", "open_text", "read_failure", "read_rows"]

READ_ERRORS: tuple[type[Exception], ...] = (csv.Error, EOFError, OSError, zlib.error)
"""What reading a text file can raise besides a decoding error: a field beyond the
:mod:`csv` field size limit, a truncated ``.gz`` (``EOFError``), a file that is not
gzip (``gzip.BadGzipFile``, an ``OSError``), a corrupt deflate stream, an I/O error."""


def read_failure(exc: BaseException, *, source: str, line: int | None = None) -> DataError:
    """The one :class:`DataError` for a file that could not be opened or read to its end.

    Examples
    --------
    >>> import csv
    >>> print(read_failure(csv.Error("field larger than field limit (131072)"), source="a.csv",
    ...                    line=3))
    a.csv, line 3: cannot be read: field larger than field limit (131072)
    >>> print(read_failure(EOFError("Compressed file ended"), source="a.csv.gz"))
    a.csv.gz: cannot be read: truncated: Compressed file ended
    >>> print(read_failure(PermissionError(13, "Permission denied"), source="a.csv"))
    a.csv: cannot be read: Permission denied
    """
    if isinstance(exc, EOFError):
        what = f"truncated: {exc}"
    elif isinstance(exc, OSError) and exc.strerror:
        what = exc.strerror
    else:
        what = str(exc) or type(exc).__name__
    return DataError(f"cannot be read: {what}", source=source, line=line)


def cells(lines: Iterable[str], *, source: str) -> Iterator[list[str]]:
    """:func:`csv.reader` over ``lines``, every read failure a :class:`DataError`.

    The error names ``source`` and the physical line reached (``line=``).

    Examples
    --------
    >>> import io
    >>> list(cells(io.StringIO("a,b\\n1,2\\n"), source="t.csv"))
    [['a', 'b'], ['1', '2']]
    >>> list(cells(io.StringIO("a\\n" + "x" * 2**18), source="t.csv"))  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    sportsgov.errors.DataError: t.csv, line 2: cannot be read: field larger than field limit (...)
    """
    reader = csv.reader(lines)
    try:
        yield from reader
    except READ_ERRORS as exc:
        raise read_failure(exc, source=source, line=max(reader.line_num, 1)) from None


def open_text(
    path: str | os.PathLike[str], *, encoding: str = "utf-8-sig", source: str | None = None
) -> TextIO:
    """Open a text file for reading; a ``.gz`` suffix is decompressed on the fly.

    Parameters
    ----------
    path : str or os.PathLike
        The file. A name ending in ``.gz`` is read through :mod:`gzip`.
    encoding : str, default "utf-8-sig"
        Text encoding; the default accepts UTF-8 with or without a byte-order mark.
    source : str, optional
        Name used in errors; default the file name.

    Returns
    -------
    TextIO
        An open handle (``newline=""``, as :mod:`csv` expects); use it in ``with``.

    Raises
    ------
    NotFoundError
        The file does not exist (``path='...': no such file``) or is a directory.
    DataError
        The file exists but cannot be opened (``cannot be read: Permission denied``).
        A corrupt ``.gz`` is found on the first read: read through :func:`cells`
        or :func:`read_rows`, which turn that into a :class:`DataError` too.

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
    if p.is_dir():
        raise NotFoundError.bad("path", str(p), "is a directory, not a file")
    if not p.is_file():
        raise NotFoundError.bad("path", str(p), "no such file")
    try:
        if p.suffix == ".gz":
            return cast(TextIO, gzip.open(p, "rt", encoding=encoding, newline=""))
        return p.open(encoding=encoding, newline="")
    except OSError as exc:
        raise read_failure(exc, source=source or p.name) from None


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
        with ``source``, ``line=1`` and ``field`` the first missing column; or the
        file cannot be read to its end (``cannot be read: ...`` with the ``row``
        being read: a field beyond the csv field size limit, a truncated ``.gz``).
    NotFoundError
        The file does not exist or is a directory.

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
        with open_text(file, encoding=encoding, source=name) as handle:
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
    try:
        names = reader.fieldnames or []
    except READ_ERRORS as exc:
        raise read_failure(exc, source=source, line=1) from None
    header = [h.strip() for h in names] if strip_header else list(names)
    missing = [c for c in required if c not in header]
    if missing:
        raise missing_columns(header, missing, source=source)
    if strip_header:
        reader.fieldnames = header
    number = 0
    try:
        for number, record in enumerate(reader, start=1):
            yield number, cast(dict[str, str], record)
    except READ_ERRORS as exc:
        err = read_failure(exc, source=source)
        raise DataError(err.detail, source=source, row=number + 1) from None


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
