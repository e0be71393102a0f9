"""Private CSV reading for :mod:`sportsgov.talent` (header check, row numbers, DataError)."""

from __future__ import annotations

from pathlib import Path

from sportsgov._common import csvfiles

__all__ = ["read_rows"]


def read_rows(path: str | Path, required: tuple[str, ...]) -> list[tuple[int, dict[str, str]]]:
    """Rows of a UTF-8 CSV (BOM tolerated) as ``(1-based data row, {column: text})``.

    A ``.gz`` file is decompressed. Missing files raise :class:`NotFoundError`;
    missing columns :class:`DataError`. Loading never executes anything from the file.
    """
    file = Path(path)
    rows = csvfiles.read_rows(file, required, source=str(file), strip_header=True)
    return [(n, {(k or "").strip(): (v or "").strip() for k, v in row.items()}) for n, row in rows]
