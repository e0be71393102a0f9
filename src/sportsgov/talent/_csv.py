"""Private table reading for :mod:`sportsgov.talent` through the one tolerant reader."""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

from sportsgov._common.tables import read_table

__all__ = ["read_rows"]


def read_rows(
    path: str | os.PathLike[str],
    required: tuple[str, ...],
    *,
    table: str,
    encoding: str | None = None,
    sheet: str | int | None = None,
    columns: Mapping[str, str] | None = None,
    errors: Any = "raise",
) -> list[tuple[int, dict[str, str]]]:
    """Rows of a table file as ``(spreadsheet row, {field: text})`` (header = row 1).

    CSV in any encoding, ``.gz``, ``.xlsx`` and ``.xls`` are read by
    :func:`~sportsgov._common.tables.read_table` with ``table``'s header aliases;
    missing files raise :class:`NotFoundError`, missing columns :class:`DataError`.
    ``required`` lists the fields every row has (empty text when absent).
    """
    raw = read_table(
        path, table=table, encoding=encoding, sheet=sheet, columns=columns, errors=errors
    )
    out: list[tuple[int, dict[str, str]]] = []
    for n, row in raw.canonical_records():
        record = {k: (v or "").strip() for k, v in row.items()}
        for name in required:
            record.setdefault(name, "")
        out.append((n, record))
    return out
