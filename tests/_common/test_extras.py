"""Tests for ``sportsgov._common.extras``: a missing optional dependency names its extra."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from sportsgov._common.extras import MissingExtraError
from sportsgov._common.frames import frame_columns, pandas, to_frame
from sportsgov._common.tables import read_table
from sportsgov.errors import SportsgovError


def test_missing_pandas_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)  # makes `import pandas` fail
    with pytest.raises(MissingExtraError) as info:
        to_frame({"a": [1]})
    assert str(info.value) == (
        "building a DataFrame needs the optional package 'pandas': "
        'pip install "sportsgov[pandas]"'
    )
    assert isinstance(info.value, SportsgovError) and isinstance(info.value, ImportError)
    with pytest.raises(MissingExtraError, match="reading a DataFrame"):
        frame_columns(object(), table="facilities")
    with pytest.raises(MissingExtraError):
        pandas()


def test_missing_calamine_names_the_extra(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    p = tmp_path / "x.csv"
    p.write_bytes(b"PK\x03\x04" + b"\x00" * 40)
    monkeypatch.setitem(sys.modules, "python_calamine", None)
    with pytest.raises(
        MissingExtraError, match=r"^reading x\.csv \(xlsx workbook\) needs .*sportsgov\[excel\]"
    ):
        read_table(p, table="facilities")
