"""Private CSV reading for :mod:`sportsgov.talent` (header check, row numbers, DataError)."""

from __future__ import annotations

from pathlib import Path

from sportsgov import _csv
from sportsgov.errors import DataError, NotFoundError

__all__ = ["read_rows"]


def read_rows(path: str | Path, required: tuple[str, ...]) -> list[tuple[int, dict[str, str]]]:
    """Rows of a UTF-8 CSV (BOM tolerated) as ``(1-based data row, {column: text})``.

    A ``.gz`` file is decompressed. Missing files raise :class:`NotFoundError`;
    missing columns :class:`DataError`. Loading never executes anything from the file.
    """
    file = Path(path)
    if not file.is_file():
        raise NotFoundError.bad("path", str(file), "file not found")

    def missing_columns(header: list[str], missing: list[str]) -> DataError:
        return DataError(
            f"columns={header}: missing {missing}; expected {list(required)}",
            source=str(file),
            line=1,
        )

    rows = _csv.read_rows(file, required, strip_header=True, on_missing=missing_columns)
    return [(n, {(k or "").strip(): (v or "").strip() for k, v in row.items()}) for n, row in rows]
