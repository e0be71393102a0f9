"""Tests for ``sportsgov._common.datums``: one datum alias table."""

from __future__ import annotations

import pytest

from sportsgov._common.datums import normalize_datum
from sportsgov.errors import DatumError

# ------------------------------------------------------------------------------ datums


@pytest.mark.parametrize(
    ("alias", "datum"),
    [
        ("wgs84", "wgs84"),
        ("WGS-84", "wgs84"),
        ("gps", "wgs84"),
        ("EPSG:4326", "wgs84"),
        ("gcj02", "gcj02"),
        ("GCJ-02", "gcj02"),
        ("amap", "gcj02"),
        ("tencent", "gcj02"),
        ("mars", "gcj02"),
        ("bd09", "bd09"),
        ("BD-09", "bd09"),
        ("baidu", "bd09"),
        ("bd09ll", "bd09"),
    ],
)
def test_one_alias_table_everywhere(alias: str, datum: str) -> None:
    from sportsgov.coverage import Points
    from sportsgov.facilities import Location

    assert normalize_datum(alias) == datum
    assert Location(120.0, 30.0, alias).datum == datum
    assert Points([120.0], [30.0], datum=alias).datum == datum


@pytest.mark.parametrize("value", ["utm", "", None, 4326])
def test_unknown_datum(value: object) -> None:
    with pytest.raises(DatumError, match=r"expected one of 'wgs84', 'gcj02', 'bd09'$"):
        normalize_datum(value)
