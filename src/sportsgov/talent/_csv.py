"""Private CSV reading for :mod:`sportsgov.talent` (header check, row numbers, DataError)."""

from __future__ import annotations

import csv
from pathlib import Path

from sportsgov.errors import DataError, NotFoundError

__all__ = ["read_rows"]


def read_rows(path: str | Path, required: tuple[str, ...]) -> list[tuple[int, dict[str, str]]]:
    """Rows of a UTF-8 CSV (BOM tolerated) as ``(1-based data row, {column: text})``.

    Missing files raise :class:`NotFoundError`; missing columns :class:`DataError`.
    Loading never executes anything from the file.
    """
    file = Path(path)
    if not file.is_file():
        raise NotFoundError.bad("path", str(file), "file not found")
    with file.open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        header = [h.strip() for h in (reader.fieldnames or [])]
        missing = [c for c in required if c not in header]
        if missing:
            raise DataError(
                f"columns={header}: missing {missing}; expected {list(required)}",
                source=str(file),
                line=1,
            )
        return [
            (n, {(k or "").strip(): (v or "").strip() for k, v in row.items()})
            for n, row in enumerate(reader, start=1)
        ]
