"""Tests for ``sportsgov.testing.coverage``: the strategies keep the bounds they promise."""

from __future__ import annotations

from typing import Any

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from sportsgov.testing import cost_tables, lonlats, points

BOX = (113.0, 34.0, 114.0, 35.0)


@given(lonlats(BOX))
def test_lonlats_stay_in_the_box(p: tuple[float, float]) -> None:
    assert BOX[0] <= p[0] <= BOX[2] and BOX[1] <= p[1] <= BOX[3]


@given(points(2, 6, box=BOX, spread=None, ids=True, max_weight=50))
def test_points_sizes_box_weights_and_ids(layer: Any) -> None:
    n = len(layer.lon)
    assert 2 <= n <= 6 and len(layer.lat) == n
    assert ((layer.lon >= BOX[0]) & (layer.lon <= BOX[2])).all()
    assert ((layer.lat >= BOX[1]) & (layer.lat <= BOX[3])).all()
    weight = np.asarray(layer.weight)
    assert ((weight >= 0) & (weight <= 50)).all() and (weight > 0).any()
    assert list(layer.id) == [f"p{i}" for i in range(n)]


@given(points(1, 8, spread=0.01, weighted=False, datum=None))
def test_points_cluster_within_spread(layer: Any) -> None:
    assert float(np.ptp(layer.lon)) <= 0.02 + 1e-12 and float(np.ptp(layer.lat)) <= 0.02 + 1e-12
    assert layer.datum in ("wgs84", "gcj02", "bd09")


@given(st.data())
def test_cost_tables_shapes_and_costs(data: st.DataObject) -> None:
    table = data.draw(cost_tables(max_demand=3, max_supply=2, max_cost=10.0))
    assert 1 <= table.shape[0] <= 3 and 1 <= table.shape[1] <= 2
    assert ((table.cost >= 0) & (table.cost <= 10.0)).all()
    assert table.nnz <= table.shape[0] * table.shape[1]
