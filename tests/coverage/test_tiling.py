"""Tests for sportsgov.coverage.tiling: region tiles run on Dask equal one national run."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from sportsgov.coverage.circle import circle_coverage
from sportsgov.coverage.geo import Points, great_circle_distance
from sportsgov.coverage.presets import SettlementCircles
from sportsgov.coverage.tiling import plan_tiles, tiled_circle_coverage
from sportsgov.errors import InvalidInputError
from sportsgov.testing import points

pytest.importorskip("dask")


def _regions(demand: Points) -> list[str]:
    # a coarse grid of "counties": 0.02 degree cells
    return [
        f"{int(x // 0.02)}:{int(y // 0.02)}" for x, y in zip(demand.lon, demand.lat, strict=True)
    ]


def _check_equal(tiled, whole, margin):
    assert tiled.covered.tolist() == whole.covered.tolist()
    assert tiled.covered_population == pytest.approx(whole.covered_population)
    near = whole.nearest <= margin
    np.testing.assert_allclose(tiled.nearest[near], whole.nearest[near], rtol=1e-12)
    # beyond the tile's margin the tile cannot know: inf, index -1 (never NaN)
    assert np.isinf(tiled.nearest[~near]).all()
    assert (tiled.nearest_index[~near] == -1).all()
    assert tiled.regions == whole.regions


# --------------------------------------------------------------------------- worked example
def test_worked_example_synchronous():
    homes = Points([113.6, 113.7, 114.3], [34.7, 34.7, 34.7], weight=[5, 5, 10])
    gyms = Points([113.601, 114.2], [34.7, 34.7])
    r = tiled_circle_coverage(
        homes, gyms, radius=1000, by=["A", "A", "B"], scheduler="synchronous"
    )
    assert r.covered.tolist() == [True, False, False]
    assert r.nearest[0] == pytest.approx(float(great_circle_distance(113.6, 34.7, 113.601, 34.7)))
    assert math.isinf(r.nearest[1]) and r.nearest_index.tolist() == [0, -1, -1]
    tiles = plan_tiles(homes, gyms, radius=1000, by=["A", "A", "B"])
    assert [t.region for t in tiles] == ["A", "B"]
    assert tiles[0].facility_index.tolist() == [0] and tiles[1].facility_index.tolist() == []
    assert "margin=1000 m" in repr(tiles[0])


def test_local_cluster_in_process():
    distributed = pytest.importorskip("distributed")
    rng = np.random.default_rng(7)
    demand = Points(
        rng.uniform(113.5, 113.7, 400),
        rng.uniform(34.7, 34.9, 400),
        weight=rng.integers(0, 100, 400),
    )
    fac = Points(rng.uniform(113.5, 113.7, 30), rng.uniform(34.7, 34.9, 30), datum="gcj02")
    by = _regions(demand)
    with (
        distributed.LocalCluster(
            n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        tiled = tiled_circle_coverage(demand, fac, radius=800, by=by, scheduler=client)
    whole = circle_coverage(demand, fac, radius=800, by=by)
    _check_equal(tiled, whole, 800)


def test_settlement_radius_tiles():
    demand = Points([113.6, 113.6, 113.7], [34.7081, 34.7081, 34.7])
    fac = Points([113.6], [34.7])
    kwargs = {
        "radius": SettlementCircles(),
        "by": ["U", "R", "U"],
        "regions": {"U": "urban", "R": "rural"},
    }
    tiled = tiled_circle_coverage(demand, fac, scheduler="synchronous", **kwargs)
    whole = circle_coverage(demand, fac, **kwargs)
    assert tiled.covered.tolist() == whole.covered.tolist() == [False, True, False]


# --------------------------------------------------------------------------- properties
@given(
    points(min_size=1, max_size=40, datum=None, spread=0.08),
    points(min_size=1, max_size=10, datum=None, spread=0.08, weighted=False),
    st.floats(min_value=100, max_value=5000),
)
def test_tiled_equals_single_run(demand, fac, radius):
    by = _regions(demand)
    tiled = tiled_circle_coverage(demand, fac, radius=radius, by=by, scheduler="synchronous")
    whole = circle_coverage(demand, fac, radius=radius, by=by)
    _check_equal(tiled, whole, radius)


@given(
    points(min_size=1, max_size=30, spread=0.05),
    points(min_size=1, max_size=20, spread=0.05, weighted=False),
    st.floats(100, 3000),
)
def test_tile_keeps_every_facility_that_can_cover(demand, fac, radius):
    by = _regions(demand)
    for t in plan_tiles(demand, fac, radius=radius, by=by):
        d = demand.take(t.demand_index)
        dist = great_circle_distance(
            d.lon[:, None], d.lat[:, None], fac.lon[None, :], fac.lat[None, :]
        )
        needed = np.flatnonzero((dist <= radius).any(axis=0))
        assert set(needed.tolist()) <= set(t.facility_index.tolist())


# --------------------------------------------------------------------------- bad input
def test_bad_inputs():
    one = Points([1.0], [1.0])
    with pytest.raises(
        InvalidInputError, match=r"by=None: tiling needs a region code per demand point"
    ):
        plan_tiles(one, one, radius=10, by=None)  # type: ignore[arg-type]
    with pytest.raises(InvalidInputError, match=r"radius=0 m: must be > 0 m"):
        tiled_circle_coverage(one, one, radius=0, by=["A"], scheduler="synchronous")
    with pytest.raises(InvalidInputError, match=r"demand=0 points: must not be empty"):
        tiled_circle_coverage(Points([], []), one, radius=10, by=[], scheduler="synchronous")
