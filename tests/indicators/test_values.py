"""Tests for ``sportsgov.indicators.values``: indicator values and tables as records."""

from __future__ import annotations

import datetime as dt

import pytest

from sportsgov.facilities import Inventory
from sportsgov.indicators import IndicatorValue, indicator_table
from sportsgov.regions import PopulationTable


def test_indicator_value_is_frozen_and_explains() -> None:
    v = IndicatorValue(0.5, 1, 2, "share", "A", dt.date(2024, 12, 31), indicator="share")
    with pytest.raises(AttributeError):
        v.value = 1.0  # type: ignore[misc]
    assert v.explain() == "占比 share, region A, as of 2024-12-31: 1 / 2 = 0.5 share"


def test_table_pickles_with_lazy_counts() -> None:
    import pickle

    inv = Inventory.from_records([{"id": 1, "kind": "gym", "region": "A", "area": 10}])
    table = indicator_table(inv, PopulationTable({("A", 2024): 5}), as_of="2024-12-31")
    again = pickle.loads(pickle.dumps(table))
    assert again.rows() == table.rows() and again.facilities.tolist() == [1]
