"""Value parsers shared by the region tree and the population table (private).

Region codes, CSV rows and loading a file by its suffix; both
:mod:`sportsgov.regions.tree` and :mod:`sportsgov.regions.population` read their
input through these.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from sportsgov._common.cells import is_missing
from sportsgov._common.csvfiles import read_rows
from sportsgov.errors import InvalidInputError


def region_code(value: object, name: str = "code") -> str:
    """Region codes are strings; integers are accepted and converted."""
    if isinstance(value, bool) or is_missing(value):
        raise InvalidInputError.bad(name, value, "must be a non-empty code")
    if isinstance(value, int | np.integer):
        return str(int(value))
    if isinstance(value, str):
        return value.strip()
    raise InvalidInputError.bad(name, value, "must be a string (or integer) code")


def read_csv(
    path: str | os.PathLike[str], required: Sequence[str]
) -> Iterator[tuple[int, dict[str, str]]]:
    """Yield ``(row, record)`` with 1-based data row numbers; checks the header."""
    yield from read_rows(path, required, strip_header=True)


def load_by_suffix(cls: Any, path: str | os.PathLike[str], **csv_kwargs: Any) -> Any:
    p = Path(path)
    suffixes = [x.lower() for x in p.suffixes[-2:]]
    if suffixes[-1:] == [".csv"] or suffixes == [".csv", ".gz"]:
        return cls.from_csv(p, **csv_kwargs)
    if suffixes[-1:] in ([".xlsx"], [".xls"], [".xlsm"], [".tsv"]):
        return cls.from_file(p, **csv_kwargs)
    if suffixes[-1:] in ([".json"], [".toml"]):
        from sportsgov.io import load

        return load(p, cls)
    raise InvalidInputError.bad(
        "path",
        str(p),
        "expected a .csv, .csv.gz, .xlsx, .xls, .json or .toml file",
        shown=repr(p.name),
    )
