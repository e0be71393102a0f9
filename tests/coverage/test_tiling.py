"""Tests for sportsgov.coverage.tiling: region tiles run on Dask equal one national run."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from tests.coverage.network_oracle import to_nx, via_each_facility

from sportsgov.coverage.circle import circle_coverage
from sportsgov.coverage.geo import Points, great_circle_distance
from sportsgov.coverage.network import RoadNetwork
from sportsgov.coverage.presets import SettlementCircles
from sportsgov.coverage.tiling import (
    factorize_codes,
    plan_tiles,
    tiled_circle_coverage,
    tiled_network_coverage,
)
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
            n_workers=1, threads_per_worker=2, processes=False, dashboard_address=":0"
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


# --------------------------------------------------------------------------- planning
@given(st.lists(st.sampled_from(["110101", "110102", "3301", "B", "a", "中"]), min_size=1))
def test_factorize_codes_equals_np_unique(codes):
    arr = np.asarray(codes, dtype=str)
    names, inverse = factorize_codes(arr)
    uniq, inv = np.unique(arr, return_inverse=True)  # the oracle: one sorted unique
    assert names == uniq.tolist()
    assert inverse.tolist() == inv.reshape(-1).tolist()


def test_tiles_are_ranges_of_one_region_sorted_order():
    rng = np.random.default_rng(5)
    demand = Points(rng.uniform(113.5, 113.7, 300), rng.uniform(34.7, 34.9, 300))
    fac = Points(rng.uniform(113.5, 113.7, 20), rng.uniform(34.7, 34.9, 20))
    by = _regions(demand)
    tiles = plan_tiles(demand, fac, radius=500, by=by)
    assert [t.region for t in tiles] == sorted(set(by))
    for t in tiles:
        assert {by[i] for i in t.demand_index.tolist()} == {t.region}
        assert t.demand_index.tolist() == sorted(t.demand_index.tolist())  # stable
    assert sorted(np.concatenate([t.demand_index for t in tiles]).tolist()) == list(range(300))


# --------------------------------------------------------------------------- road networks
def _street_grid(side=12, spacing=150.0):
    dlat = spacing / 111_195.0
    dlon = dlat / np.cos(np.radians(34.75))
    ii, jj = np.meshgrid(np.arange(side), np.arange(side), indexing="ij")
    lon, lat = 113.55 + jj.ravel() * dlon, 34.72 + ii.ravel() * dlat
    idx = np.arange(side * side).reshape(side, side)
    u = np.concatenate([idx[:, :-1].ravel(), idx[:-1, :].ravel()])
    v = np.concatenate([idx[:, 1:].ravel(), idx[1:, :].ravel()])
    # true great-circle edge lengths: no edge is shorter than the straight line
    length = great_circle_distance(lon[u], lat[u], lon[v], lat[v])
    return RoadNetwork.from_edges(
        Points(lon, lat, id=np.arange(side * side)),
        {"source": u, "target": v, "length": length},
        speed=4.5,
        max_snap=120,
    )


@pytest.mark.parametrize("radius", [400.0, "6 min", SettlementCircles()])
@pytest.mark.parametrize("add_snap", [False, True])
def test_tiled_network_equals_one_network_run(radius, add_snap):
    net = _street_grid()
    rng = np.random.default_rng(17)
    demand = Points(
        rng.uniform(113.54, 113.575, 250),
        rng.uniform(34.715, 34.74, 250),
        weight=rng.integers(0, 40, 250),
    )
    fac = Points(rng.uniform(113.55, 113.57, 6), rng.uniform(34.72, 34.735, 6))
    by = _regions(demand)
    kinds = {c: ("urban" if c < "5677" else "rural") for c in set(by)}
    kw = {"radius": radius, "by": by, "add_snap": add_snap, "regions": kinds}
    whole = circle_coverage(demand, fac, network=net, **kw)
    asked = []
    tiled = tiled_network_coverage(demand, fac, network=lambda c: asked.append(c) or net, **kw)
    assert asked == sorted(set(by))  # one network per region, in code order
    assert tiled.covered.tolist() == whole.covered.tolist()
    assert tiled.regions == whole.regions and tiled.metric == whole.metric
    assert tiled.on_network.tolist() == whole.on_network.tolist()
    cov = whole.covered
    np.testing.assert_allclose(tiled.nearest[cov], whole.nearest[cov], rtol=1e-12)
    assert 0 < cov.sum() < len(cov)  # the comparison is not vacuous


def test_tiled_network_bad_network():
    one = Points([113.6], [34.7])
    with pytest.raises(InvalidInputError, match=r"network=.*must return a RoadNetwork for region"):
        tiled_network_coverage(one, one, network=lambda c: None, radius=100, by=["A"])


# --------------------------------------------------------------------------- networks on Dask
def _same_output(a, b):
    """Two tiled network runs are identical, array by array."""
    assert a.covered.tolist() == b.covered.tolist()
    assert a.nearest.tolist() == b.nearest.tolist()
    assert a.nearest_index.tolist() == b.nearest_index.tolist()
    assert a.on_network.tolist() == b.on_network.tolist()
    assert a.snap_distance.tolist() == b.snap_distance.tolist()
    assert a.regions == b.regions and a.metric == b.metric


_BOX = st.tuples(st.floats(113.60, 113.62), st.floats(34.74, 34.76))


@given(st.data())
def test_tiled_network_on_dask_equals_untiled_and_networkx(data):
    nodes = data.draw(st.lists(_BOX, min_size=2, max_size=10))
    n = len(nodes)
    pairs = data.draw(
        st.lists(
            st.tuples(st.integers(0, n - 1), st.integers(0, n - 1), st.floats(1.0, 2.0)),
            max_size=3 * n,
        )
    )
    lon = np.array([p[0] for p in nodes])
    lat = np.array([p[1] for p in nodes])
    # surveyed roads: no edge shorter than the straight line between its ends
    edges = [
        (u, v, float(great_circle_distance(lon[u], lat[u], lon[v], lat[v])) * f + 1.0)
        for u, v, f in pairs
        if u != v
    ]
    directed = data.draw(st.booleans())
    net = RoadNetwork.from_edges(
        {"id": list(range(n)), "lon": lon, "lat": lat}, edges, directed=directed
    )
    homes = data.draw(st.lists(_BOX, min_size=1, max_size=10))
    gyms = data.draw(st.lists(_BOX, min_size=1, max_size=4))
    by = data.draw(st.lists(st.sampled_from("ABC"), min_size=len(homes), max_size=len(homes)))
    radius = data.draw(st.floats(50.0, 1500.0))
    max_snap = data.draw(st.floats(50.0, 800.0))
    add_snap = data.draw(st.booleans())
    demand = Points([h[0] for h in homes], [h[1] for h in homes])
    fac = Points([f[0] for f in gyms], [f[1] for f in gyms])
    kw = {"radius": radius, "by": by, "max_snap": max_snap, "add_snap": add_snap}
    whole = circle_coverage(demand, fac, network=net, **kw)
    local = tiled_network_coverage(demand, fac, network=net, **kw)
    on_dask = tiled_network_coverage(demand, fac, network=net, scheduler="synchronous", **kw)
    _same_output(on_dask, local)
    assert on_dask.covered.tolist() == whole.covered.tolist()
    assert on_dask.on_network.tolist() == whole.on_network.tolist()
    assert on_dask.snap_distance.tolist() == whole.snap_distance.tolist()
    assert on_dask.regions == whole.regions
    cov = whole.covered
    np.testing.assert_allclose(on_dask.nearest[cov], whole.nearest[cov], rtol=1e-12)
    # independent oracle: brute-force snapping + networkx shortest paths home -> gym
    via = via_each_facility(
        to_nx(n, edges, directed), lon, lat, homes, gyms, max_snap=max_snap, add_snap=add_snap
    )
    for i, row in enumerate(via):
        best = min(row)
        assert bool(on_dask.covered[i]) == (best <= radius)
        if best <= radius:
            assert on_dask.nearest[i] == pytest.approx(best, abs=1e-6)
        assert not math.isnan(on_dask.nearest[i])


def test_tiled_network_on_local_cluster_equals_single_process():
    distributed = pytest.importorskip("distributed")
    net = _street_grid()
    rng = np.random.default_rng(23)
    demand = Points(
        rng.uniform(113.54, 113.575, 300),
        rng.uniform(34.715, 34.74, 300),
        weight=rng.integers(0, 40, 300),
    )
    fac = Points(rng.uniform(113.55, 113.57, 6), rng.uniform(34.72, 34.735, 6), datum="gcj02")
    by = _regions(demand)
    runs = [{"radius": 400.0}, {"radius": "6 min", "add_snap": True}]
    local = [tiled_network_coverage(demand, fac, network=net, by=by, **kw) for kw in runs]
    with (
        distributed.LocalCluster(
            n_workers=1, threads_per_worker=2, processes=False, dashboard_address=":0"
        ) as cluster,
        distributed.Client(cluster, timeout="60s") as client,
    ):
        scattered = [
            tiled_network_coverage(demand, fac, network=net, by=by, scheduler=client, **kw)
            for kw in runs
        ]
        per_region = tiled_network_coverage(
            demand, fac, network=lambda code: net, by=by, scheduler=client, radius=400.0
        )
    for a, b in zip(scattered, local, strict=True):
        _same_output(a, b)
        assert 0 < b.covered.sum() < len(b.covered)  # the comparison is not vacuous
    _same_output(per_region, local[0])
    whole = circle_coverage(demand, fac, network=net, radius=400.0, by=by)
    assert scattered[0].covered.tolist() == whole.covered.tolist()


class _OtherVersionClient:
    """Answers ``client.run`` with another sportsgov version; ships nothing."""

    def run(self, func):
        return {"tcp://w:1": "0.0.1"}

    def scatter(self, *args, **kwargs):  # pragma: no cover - must not be reached
        raise AssertionError("scattered before the version check")

    def __repr__(self):
        return "<Client: other>"


def test_tiled_network_bad_inputs_on_dask():
    one = Points([113.6], [34.7])
    net = _street_grid(side=3)
    with pytest.raises(
        InvalidInputError, match=r"^client=<Client: other>: every worker needs sportsgov .*0\.0\.1"
    ):
        tiled_network_coverage(
            one, one, network=net, radius=100, by=["A"], scheduler=_OtherVersionClient()
        )
    with pytest.raises(
        InvalidInputError, match=r"^network=int: must be a RoadNetwork or a function"
    ):
        tiled_network_coverage(one, one, network=3, radius=100, by=["A"])
    with pytest.raises(
        InvalidInputError, match=r"network=.*must return a RoadNetwork for region 'A'"
    ):
        tiled_network_coverage(
            one, one, network=lambda c: None, radius=100, by=["A"], scheduler="synchronous"
        )
    slow = RoadNetwork.from_edges(
        Points([113.6, 113.601], [34.7, 34.7], id=[1, 2]), [(1, 2, 100.0)], max_snap=50
    )
    with pytest.raises(InvalidInputError, match=r"needs a network speed .* for region 'A'"):
        tiled_network_coverage(
            one, one, network=slow, radius="5 min", by=["A"], scheduler="synchronous"
        )
