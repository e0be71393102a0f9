"""TOML reading shared by the loaders: one not-found error, one invalid-TOML error.

A directory or a missing file is a :class:`~sportsgov.errors.NotFoundError`; a file
that cannot be read (permissions, an I/O error), TOML nested too deeply for the
parser (a ``RecursionError`` in :mod:`tomllib`) or invalid TOML is a
:class:`~sportsgov.errors.DataError` naming the file.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from sportsgov._common.csvfiles import read_failure
from sportsgov.errors import DataError, NotFoundError, format_value

__all__ = ["MALFORMED", "malformed", "parse_toml", "read_toml", "tables"]


def parse_toml(text: str, *, source: str) -> dict[str, Any]:
    """The table of a TOML text; :class:`DataError` ``not valid TOML: ...`` naming ``source``.

    Examples
    --------
    >>> parse_toml('a = 1', source="x.toml")
    {'a': 1}
    >>> parse_toml('a = ', source="x.toml")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    sportsgov.errors.DataError: x.toml: not valid TOML: ...
    >>> parse_toml('a = ' + '[' * 5000 + ']' * 5000, source="x.toml")
    Traceback (most recent call last):
    ...
    sportsgov.errors.DataError: x.toml: not valid TOML: arrays or tables nested too deeply
    """
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise DataError(f"not valid TOML: {exc}", source=source) from None
    except RecursionError:
        raise DataError(
            "not valid TOML: arrays or tables nested too deeply", source=source
        ) from None


def read_toml(
    path: str | os.PathLike[str], *, source: str | None = None, missing: str = "no such file"
) -> dict[str, Any]:
    """The table of a UTF-8 TOML file.

    Raises
    ------
    NotFoundError
        ``path='...': no such file`` (``missing`` replaces the last words), or
        ``is a directory, not a file``.
    DataError
        Cannot be read (``cannot be read: Permission denied``) or not valid TOML
        (``source`` defaults to the file name).
    """
    p = Path(path)
    if p.is_dir():
        raise NotFoundError.bad("path", str(p), "is a directory, not a file")
    if not p.is_file():
        raise NotFoundError.bad("path", str(p), missing)
    name = source or p.name
    try:
        text = p.read_text(encoding="utf-8")
    except OSError as exc:
        raise read_failure(exc, source=name) from None
    return parse_toml(text, source=name)


MALFORMED: tuple[type[Exception], ...] = (
    TypeError,
    AttributeError,
    KeyError,
    IndexError,
    ValueError,
    ArithmeticError,
    RecursionError,
)
"""What a schema check over parsed TOML can still raise on a shape it did not foresee
(``'int' object has no attribute 'get'``, ``unhashable type: 'list'``, a decimal
overflow): the loaders turn these into :func:`malformed` errors."""


def malformed(exc: BaseException, *, source: str, where: str) -> DataError:
    """The :class:`DataError` for an unforeseen shape at the path ``where``.

    Examples
    --------
    >>> print(malformed(TypeError("unhashable type: 'list'"), source="p.toml",
    ...                 where="targets[2]"))
    p.toml, field targets[2]: targets[2]: malformed (TypeError: unhashable type: 'list')
    """
    return DataError(
        f"{where}: malformed ({type(exc).__name__}: {str(exc)[:200]})", source=source, field=where
    )


def tables(value: Any, key: str, *, source: str) -> list[Mapping[str, Any]]:
    """``value`` checked to be an array of tables (``[[key]]``): a list of mappings.

    Raises
    ------
    DataError
        Naming ``source``, the field path ``key`` (``key[i]`` for a bad element, with
        ``row=i``, 1-based) and what was found.

    Examples
    --------
    >>> tables([{"a": 1}], "targets", source="p.toml")
    [{'a': 1}]
    >>> tables("abc", "targets", source="p.toml")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    sportsgov.errors.DataError: p.toml, field targets: targets='abc': expected an array ...
    >>> tables([{"a": 1}, 5], "targets", source="p.toml")
    Traceback (most recent call last):
    ...
    sportsgov.errors.DataError: p.toml, row 2, field targets[2]: targets[2]=5: expected a table
    """
    if not isinstance(value, list | tuple):
        raise DataError(
            f"{key}={format_value(value)}: expected an array of tables ([[{key}]])",
            source=source,
            field=key,
        )
    for i, item in enumerate(value, start=1):
        if not isinstance(item, Mapping):
            raise DataError(
                f"{key}[{i}]={format_value(item)}: expected a table",
                source=source,
                row=i,
                field=f"{key}[{i}]",
            )
    return list(value)
