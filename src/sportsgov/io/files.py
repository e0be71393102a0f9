"""Files by suffix (``.json``, ``.toml``, ``.csv``) and CSV tables of flat records.

:func:`dump` and :func:`load` choose the format from the file name;
:func:`to_csv` and :func:`from_csv` write and read a list of flat records of one
attrs class (scalar fields) through the converter of
:mod:`sportsgov.io.convert`; errors then name the data row and line as well.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, TypeVar, cast, get_args, get_origin

import attrs

from sportsgov._common.csvfiles import read_failure
from sportsgov.errors import DataError, InvalidInputError, NotFoundError
from sportsgov.io.convert import (
    allows_none,
    from_json,
    from_toml,
    structure_with,
    to_json,
    to_toml,
    toml_converter,
    unstructure,
)

__all__ = ["dump", "from_csv", "load", "to_csv"]

T = TypeVar("T")

SUFFIXES = (".json", ".toml", ".csv")


def dump(obj: Any, path: str | Path) -> Path:
    """Write ``obj`` to ``path`` as JSON, TOML or CSV, chosen by the suffix.

    CSV takes a list of flat records of one attrs class (see :func:`to_csv`).

    Parameters
    ----------
    obj : Any
        What to write.
    path : str or Path
        Target file ending in ``.json``, ``.toml`` or ``.csv`` (UTF-8).

    Returns
    -------
    Path
        The path written.

    Raises
    ------
    InvalidInputError
        Unknown suffix.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from sportsgov.money import Money
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> dump({"fund": Money.yuan(100)}, folder / "fund.toml").read_text(encoding="utf-8")
    'fund = "100.00"\\n'
    >>> load(folder / "fund.toml", dict[str, Money])
    {'fund': Money('100.00')}
    """
    target = Path(path)
    suffix = _suffix(target, "path")
    if suffix == ".csv":
        text = to_csv(obj)
    else:
        text = to_json(obj, indent=2) + "\n" if suffix == ".json" else to_toml(obj)
    target.write_text(text, encoding="utf-8")
    return target


def load(path: str | Path, cls: type[T] | Any) -> T:
    """Read ``path`` (``.json``, ``.toml`` or ``.csv``) and structure it as ``cls``.

    A CSV file needs ``cls = list[Record]`` (see :func:`from_csv`); a UTF-8 byte
    order mark (Excel) is ignored.

    Parameters
    ----------
    path : str or Path
        Source file (UTF-8).
    cls : type
        Target type.

    Returns
    -------
    cls
        The structured object.

    Raises
    ------
    InvalidInputError
        Unknown suffix.
    DataError
        Malformed file or data that does not fit ``cls``; names the file and field;
        or the file cannot be read (``cannot be read: Permission denied``).
    NotFoundError
        No such file, or a directory.

    Examples
    --------
    See :func:`dump`.
    """
    source = Path(path)
    suffix = _suffix(source, "path")
    if source.is_dir():
        raise NotFoundError.bad("path", str(source), "is a directory, not a file")
    if not source.is_file():
        raise NotFoundError.bad("path", str(source), "no such file")
    try:
        text = source.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise read_failure(exc, source=str(source)) from None
    if suffix == ".csv":
        return cast(T, from_csv(text, cls, source=str(source)))
    if suffix == ".json":
        return cast(T, from_json(text, cls, source=str(source)))
    return cast(T, from_toml(text, cls, source=str(source)))


def _suffix(path: Path, argument: str) -> str:
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise InvalidInputError.bad(
            argument,
            str(path),
            "expected a file name ending in '.json', '.toml' or '.csv'",
            shown=repr(str(path)),
        )
    return suffix


# ---------------------------------------------------------------------------- CSV

_TRUE = {"true", "yes", "y", "1", "是"}
_FALSE = {"false", "no", "n", "0", "否"}


def _record_class(cls: Any) -> type:
    origin, args = get_origin(cls), get_args(cls)
    if origin is list and len(args) == 1 and attrs.has(args[0]):
        return cast(type, args[0])
    raise InvalidInputError.bad(
        "cls", cls, "CSV needs list[Record] with an attrs class Record", shown=repr(cls)
    )


def _cell(value: Any, field: str) -> str:
    if value is None:
        return ""
    if isinstance(value, dict) and set(value) == {"magnitude", "unit"}:
        return f"{value['magnitude']} {value['unit']}"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict | list | tuple):
        raise InvalidInputError.bad(
            field, value, "CSV holds flat records: this field is a table or a list"
        )
    return str(value)


def to_csv(rows: Any) -> str:
    """Flat records of one attrs class as CSV text (header = field names).

    Money is written in yuan (``"1234.50"``), quantities as ``"2.65 meter ** 2"``,
    ``None`` as an empty cell, booleans as ``true``/``false``.

    Parameters
    ----------
    rows : sequence of attrs instances
        All of the same class; fields must be scalars (no nested tables or lists).

    Returns
    -------
    str
        CSV text with a header line.

    Raises
    ------
    InvalidInputError
        Mixed classes, non-attrs rows, or a field holding a table or list.

    Examples
    --------
    >>> from sportsgov.regions import Region
    >>> rows = [Region("410100", "郑州市", "city")]
    >>> rows.append(Region("410102", "中原区", "district", "410100"))
    >>> print(to_csv(rows), end="")
    code,name,level,parent,settlement
    410100,郑州市,city,,mixed
    410102,中原区,district,410100,mixed
    """
    import csv
    import io as _io

    items = list(rows)
    classes = {type(r) for r in items}
    if len(classes) > 1 or not all(attrs.has(c) for c in classes):
        raise InvalidInputError.bad(
            "rows", items, "expected records of one attrs class", shown=f"{len(items)} rows"
        )
    buffer = _io.StringIO()
    if not items:
        return ""
    names = [a.alias for a in attrs.fields(type(items[0])) if a.init]
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(names)
    for row in items:
        data = unstructure(row)
        writer.writerow([_cell(data.get(n), n) for n in names])
    return buffer.getvalue()


def from_csv(text: str, cls: Any, *, source: str | None = None) -> Any:
    r"""Parse CSV text into ``list[Record]``, validating every row.

    The header names the fields; cells are read through the same hooks as JSON
    (Money from yuan text such as ``"7668.28万元"``, quantities from ``"2.65 m^2"``,
    dates from ISO text). An empty cell means the field's default, or ``None``
    where the field allows it; ``true``/``false``/``1``/``0``/``是``/``否`` read as
    booleans.

    Parameters
    ----------
    text : str
        CSV with a header line.
    cls : type
        ``list[Record]`` for an attrs class ``Record``.
    source : str, optional
        Name for messages (default ``"<csv>"``).

    Returns
    -------
    list
        One ``Record`` per data row.

    Raises
    ------
    DataError
        A row does not fit: the message names the source, the data row (1-based,
        header excluded), the line and the field.

    Examples
    --------
    >>> from sportsgov.regions import Region
    >>> from_csv("code,name,level,parent\n410102,中原区,district,410100\n", list[Region])
    [Region(code='410102', name='中原区', level='district', parent='410100', settlement='mixed')]
    >>> text = "code,name,level\n410102,中原区,county\n4101,x,town\n"
    >>> from_csv(text, list[Region], source="r.csv")
    Traceback (most recent call last):
    ...
    sportsgov.errors.DataError: r.csv, row 2, line 3, field level: ...
    """
    import csv

    record = _record_class(cls)
    name = source or "<csv>"
    attrs.resolve_types(record)
    fields = {a.alias: a for a in attrs.fields(record) if a.init}
    reader = csv.DictReader(text.splitlines())
    header = reader.fieldnames or []
    unknown = [h for h in header if h not in fields]
    if unknown:
        raise DataError(f"unknown column(s) {unknown!r}", source=name, line=1)
    out = []
    for number, raw in enumerate(reader, start=1):
        data: dict[str, Any] = {}
        for key, cell in raw.items():
            if key is None:  # more cells than header columns
                raise DataError(
                    "more cells than columns", source=name, row=number, line=reader.line_num
                )
            attribute = fields[key]
            value: Any = cell
            if cell is None or cell.strip() == "":
                if attribute.default is not attrs.NOTHING:
                    continue
                if allows_none(attribute.type):
                    value = None
            elif attribute.type is bool:
                word = cell.strip().lower()
                if word in _TRUE or word in _FALSE:
                    value = word in _TRUE
            data[key] = value
        try:
            out.append(structure_with(toml_converter(), data, record, name))
        except DataError as exc:
            raise DataError(
                exc.detail, source=name, row=number, line=reader.line_num, field=exc.field
            ) from None
    return out
