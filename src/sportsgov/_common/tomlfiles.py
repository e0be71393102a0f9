"""TOML reading shared by the loaders: one not-found error, one invalid-TOML error."""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Any

from sportsgov.errors import DataError, NotFoundError

__all__ = ["parse_toml", "read_toml"]


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
    """
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise DataError(f"not valid TOML: {exc}", source=source) from None


def read_toml(
    path: str | os.PathLike[str], *, source: str | None = None, missing: str = "no such file"
) -> dict[str, Any]:
    """The table of a UTF-8 TOML file.

    Raises
    ------
    NotFoundError
        ``path='...': no such file`` (``missing`` replaces the last words).
    DataError
        Not valid TOML (``source`` defaults to the file name).
    """
    p = Path(path)
    if not p.is_file():
        raise NotFoundError.bad("path", str(p), missing)
    return parse_toml(p.read_text(encoding="utf-8"), source=source or p.name)
