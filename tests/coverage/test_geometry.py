"""The query-ordered nearest-neighbour search against brute force and the plain order.

``nearest`` sorts large query layers by grid cell before the KD-tree query and puts
the answers back in input order; the results must not depend on that (same index,
same distance to 1e-9 m as a dense haversine scan written here).
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from sportsgov.coverage import _geometry
from sportsgov.coverage.circle import circle_coverage
from sportsgov.coverage.geo import Points

R = 6_371_008.8


def _dense(a: Points, b: Points) -> np.ndarray:
    """Haversine of every pair, written out independently of the library."""
    p1, p2 = np.radians(a.lat)[:, None], np.radians(b.lat)[None, :]
    dl = np.radians(b.lon)[None, :] - np.radians(a.lon)[:, None]
    h = np.sin((p2 - p1) / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dl / 2) ** 2
    return 2 * R * np.arcsin(np.sqrt(np.clip(h, 0, 1)))


layer = st.integers(1, 40).flatmap(
    lambda k: st.tuples(
        st.lists(st.floats(113.0, 113.3), min_size=k, max_size=k),
        st.lists(st.floats(34.5, 34.8), min_size=k, max_size=k),
    )
)


@pytest.mark.parametrize("ordered", [False, True])
@given(layer, layer, st.sampled_from([math.inf, 3000.0, 300.0]), st.sampled_from([None, 500.0]))
def test_nearest_matches_brute_force_in_any_query_order(
    ordered: bool, a: tuple, b: tuple, limit: float, first: float | None
) -> None:
    pa, pb = Points(*a), Points(*b)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(_geometry, "GRID_ORDER_MIN", 0 if ordered else 10**9)
        dist, index = _geometry.nearest(pa, pb, limit, first_pass=first)
    dense = _dense(pa, pb)
    best = dense.min(axis=1)
    hit = best <= limit
    assert (index >= 0).tolist() == hit.tolist()
    np.testing.assert_allclose(dist[hit], best[hit], rtol=0, atol=1e-9)
    assert np.isinf(dist[~hit]).all()
    # the index found is a nearest one (ties may pick either)
    rows = np.flatnonzero(hit)
    np.testing.assert_allclose(dense[rows, index[rows]], best[rows], rtol=0, atol=1e-9)


def test_grid_order_changes_nothing_but_speed() -> None:
    rng = np.random.default_rng(7)
    homes = Points(
        rng.uniform(113.0, 113.5, 70_000),
        rng.uniform(34.5, 34.9, 70_000),
        weight=rng.integers(0, 9, 70_000),
    )
    gyms = Points(rng.uniform(113.0, 113.5, 300), rng.uniform(34.5, 34.9, 300))
    assert len(homes) >= _geometry.GRID_ORDER_MIN
    ordered = circle_coverage(homes, gyms, radius=800, workers=1)
    threaded = circle_coverage(homes, gyms, radius=800)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(_geometry, "GRID_ORDER_MIN", 10**9)
        plain = circle_coverage(homes, gyms, radius=800, workers=1)
    for other in (ordered, threaded):
        assert other.nearest.tolist() == plain.nearest.tolist()
        assert other.nearest_index.tolist() == plain.nearest_index.tolist()
        assert other.share == plain.share


def test_grid_order_sorts_by_cell_row_then_column() -> None:
    lon = np.array([113.015, 113.001, 113.005, 113.0])
    lat = np.array([34.0, 34.011, 34.001, 34.0])
    assert _geometry.grid_order(lon, lat).tolist() in ([3, 2, 0, 1], [2, 3, 0, 1])
