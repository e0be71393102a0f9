"""Tests for sportsgov.coverage.streaming: a streamed Parquet run equals one untiled run."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from attrs import evolve
from hypothesis import given, settings
from hypothesis import strategies as st

import sportsgov
from sportsgov.coverage.circle import circle_coverage
from sportsgov.coverage.geo import Points
from sportsgov.coverage.network import RoadNetwork
from sportsgov.coverage.presets import FitnessCircle
from sportsgov.coverage.streaming import (
    StreamedCoverage,
    streamed_circle_coverage,
    streamed_network_coverage,
)
from sportsgov.coverage.tiling import tiled_circle_coverage
from sportsgov.errors import DataError, InvalidInputError

pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")


# generous comm timeouts for the cluster tests: on a loaded 2-core machine the default
# 30 s tcp timeout dropped the client's connection once ("lost dependencies")
COMM_TIMEOUTS = {
    "distributed.comm.timeouts.connect": "120s",
    "distributed.comm.timeouts.tcp": "300s",
}


def _write(path, lon, lat, pop, region, *, row_group_size=None, datum_cols=None):
    table = pa.table({"lon": lon, "lat": lat, "population": pop, "region": region})
    pq.write_table(table, path, row_group_size=row_group_size)
    return path


def _random_layer(seed, n, m):
    rng = np.random.default_rng(seed)
    lon = rng.uniform(113.5, 113.6, n)
    lat = rng.uniform(34.7, 34.8, n)
    pop = rng.integers(0, 500, n)
    region = np.array([f"41010{k}" for k in rng.integers(0, 4, n)])
    fac = Points(rng.uniform(113.5, 113.6, m), rng.uniform(34.7, 34.8, m))
    return lon, lat, pop, region, fac


def _check(streamed, whole):
    assert streamed.points == len(whole.demand)
    assert streamed.covered_points == int(whole.covered.sum())
    assert streamed.covered_population == whole.covered_population
    assert streamed.total_population == whole.total_population
    assert streamed.regions == whole.regions
    assert streamed.share == pytest.approx(whole.share, rel=1e-12)


# --------------------------------------------------------------------------- oracle: untiled
@settings(max_examples=25, deadline=None)
@given(
    seed=st.integers(0, 2**32 - 1),
    n=st.integers(1, 60),
    m=st.integers(1, 8),
    radius=st.floats(200.0, 3000.0),
    rows=st.integers(1, 25),
    batch=st.integers(1, 30),
)
def test_equals_untiled_circle_coverage(tmp_path_factory, seed, n, m, radius, rows, batch):
    lon, lat, pop, region, fac = _random_layer(seed, n, m)
    pop[0] += 1  # circle_coverage needs a population > 0
    path = _write(
        tmp_path_factory.mktemp("s") / "cells.parquet", lon, lat, pop, region, row_group_size=rows
    )
    out = path.with_name("out.parquet")
    streamed = streamed_circle_coverage(path, fac, radius=radius, batch_rows=batch, output=out)
    whole = circle_coverage(Points(lon, lat, weight=pop), fac, radius=radius, by=region)
    _check(streamed, whole)
    assert isinstance(streamed.total_population, int)  # integer column: exact ints
    cells = pq.read_table(out)
    assert cells.column("covered").to_pylist() == whole.covered.tolist()
    near = cells.column("nearest").to_numpy()
    idx = cells.column("nearest_index").to_numpy()
    np.testing.assert_array_equal(near[whole.covered], whole.nearest[whole.covered])
    np.testing.assert_array_equal(idx[whole.covered], whole.nearest_index[whole.covered])
    assert np.isinf(near[~whole.covered]).all() and (idx[~whole.covered] == -1).all()


@settings(max_examples=15, deadline=None)
@given(
    seed=st.integers(0, 2**32 - 1),
    n=st.integers(1, 80),
    m=st.integers(1, 8),
    radius=st.floats(200.0, 3000.0),
    batch=st.integers(1, 40),
)
def test_grid_ordered_batches_equal_untiled(tmp_path_factory, seed, n, m, radius, batch):
    # every batch queried in grid-cell order (the threshold lowered to 1 point):
    # per-cell answers are put back in input order, so nothing changes
    from sportsgov.coverage import streaming

    lon, lat, pop, region, fac = _random_layer(seed, n, m)
    pop[0] += 1
    path = _write(tmp_path_factory.mktemp("g") / "cells.parquet", lon, lat, pop, region)
    out = path.with_name("out.parquet")
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(streaming, "GRID_ORDER_MIN", 1)
        streamed = streamed_circle_coverage(path, fac, radius=radius, batch_rows=batch, output=out)
    whole = circle_coverage(Points(lon, lat, weight=pop), fac, radius=radius, by=region)
    _check(streamed, whole)
    cells = pq.read_table(out)
    assert cells.column("covered").to_pylist() == whole.covered.tolist()
    idx = cells.column("nearest_index").to_numpy()
    np.testing.assert_array_equal(idx[whole.covered], whole.nearest_index[whole.covered])


def test_large_batch_in_grid_order_equals_untiled(tmp_path):
    # 70,000 cells in one batch: above the grid-order threshold, as in a national run
    lon, lat, pop, region, fac = _random_layer(5, 70_000, 300)
    path = _write(tmp_path / "c.parquet", lon, lat, pop, region)
    out = tmp_path / "out.parquet"
    streamed = streamed_circle_coverage(path, fac, radius=400, output=out)  # all cores
    whole = circle_coverage(Points(lon, lat, weight=pop), fac, radius=400, by=region)
    _check(streamed, whole)
    one_thread = streamed_circle_coverage(path, fac, radius=400, workers=1)
    assert one_thread.regions == streamed.regions
    assert 0 < whole.covered.sum() < len(lon)  # both covered and uncovered cells
    cells = pq.read_table(out)
    assert cells.column("covered").to_pylist() == whole.covered.tolist()
    near = cells.column("nearest").to_numpy()
    np.testing.assert_array_equal(near[whole.covered], whole.nearest[whole.covered])


def test_worked_example_and_float_weights(tmp_path):
    path = _write(
        tmp_path / "c.parquet",
        [113.6, 113.7, 114.3],
        [34.7, 34.7, 34.7],
        [2.5, 5.0, 10.0],
        ["A", "A", "B"],
    )
    gyms = Points([113.601, 114.2], [34.7, 34.7])
    r = streamed_circle_coverage(path, gyms, radius=FitnessCircle(10, distance=1000))
    assert (r.covered_population, r.total_population) == (2.5, 17.5)
    assert isinstance(r.total_population, float)
    assert r.regions["A"].points == 2 and r.regions["B"].covered_points == 0
    assert "StreamedCoverage(share=0.142857" in repr(r)
    # unweighted, no regions
    r = streamed_circle_coverage(path, gyms, radius="1 km", weight=None, by=None)
    assert (r.points, r.covered_points, r.total_population, r.regions) == (3, 1, 3, {})


def test_datum_of_the_cells_is_converted(tmp_path):
    rng = np.random.default_rng(3)
    n = 200
    lon, lat = rng.uniform(116.3, 116.4, n), rng.uniform(39.9, 40.0, n)
    demand = Points(lon, lat, datum="gcj02", weight=np.ones(n))
    fac = Points(rng.uniform(116.3, 116.4, 12), rng.uniform(39.9, 40.0, 12))
    path = _write(tmp_path / "g.parquet", lon, lat, np.ones(n, dtype=np.int64), ["X"] * n)
    r = streamed_circle_coverage(path, fac, radius=700, datum="gcj02")
    _check(r, circle_coverage(demand, fac, radius=700, by=["X"] * n))
    assert StreamedCoverage(0, 0, 0, 0, 1.0, {}, 0, None).share == 0.0


# --------------------------------------------------------------------------- bad input
def test_bad_arguments(tmp_path):
    path = _write(tmp_path / "c.parquet", [113.6], [34.7], [1], ["A"])
    gyms = Points([113.6], [34.7])
    with pytest.raises(InvalidInputError, match=r"^radius=-5 m: must be > 0 m"):
        streamed_circle_coverage(path, gyms, radius=-5)
    with pytest.raises(InvalidInputError, match="one radius > 0 m for every cell"):
        streamed_circle_coverage(path, gyms, radius=[100, 200])
    with pytest.raises(InvalidInputError, match=r"^batch_rows=0: must be an integer >= 1"):
        streamed_circle_coverage(path, gyms, radius=100, batch_rows=0)
    allowed = r": must be None, -1 \(all cores\) or >= 1"
    for bad in (0, -2, 1.5, True):
        with pytest.raises(InvalidInputError, match=rf"^workers={bad!r}{allowed}"):
            streamed_circle_coverage(path, gyms, radius=100, workers=bad)
    with pytest.raises(InvalidInputError, match=r"^by='county': not a column of .*region"):
        streamed_circle_coverage(path, gyms, radius=100, by="county")
    with pytest.raises(InvalidInputError, match=r"^facilities=.*must not be empty"):
        streamed_circle_coverage(path, Points([], []), radius=100)
    with pytest.raises(DataError, match="not a readable Parquet file"):
        streamed_circle_coverage(tmp_path / "missing.parquet", gyms, radius=100)


@pytest.mark.parametrize(
    ("column", "values", "message"),
    [
        ("population", [1, None], r"row 2, field population: population=null"),
        ("population", [1, -3], r"row 2, field population: population=-3: must be a finite"),
        ("region", ["A", None], r"row 2, field region: region=null"),
        ("lat", [34.7, 95.0], r"lat\[1\]=95"),
        ("lon", ["x", "y"], r"lon=string: must be numeric"),
    ],
)
def test_bad_cells_say_where(tmp_path, column, values, message):
    cols = {"lon": [113.6, 113.7], "lat": [34.7, 34.7], "population": [1, 1], "region": ["A"] * 2}
    cols[column] = values
    path = tmp_path / "bad.parquet"
    pq.write_table(pa.table(cols), path)
    with pytest.raises(DataError, match=message):
        streamed_circle_coverage(path, Points([113.6], [34.7]), radius=100)


# --------------------------------------------------------------------------- Dask cluster
@pytest.mark.slow
def test_local_cluster_processes_equal_single_process(tmp_path):
    distributed = pytest.importorskip("distributed")
    lon, lat, pop, region, fac = _random_layer(11, 3000, 40)
    path = _write(tmp_path / "c.parquet", lon, lat, pop, region, row_group_size=500)
    single = streamed_circle_coverage(path, fac, radius=900)
    demand = Points(lon, lat, weight=pop)
    import dask

    with (
        dask.config.set(COMM_TIMEOUTS),
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0"
        ) as cluster,
        distributed.Client(cluster.scheduler_address) as client,  # Client(address)
    ):
        out = tmp_path / "parts"
        on_cluster = streamed_circle_coverage(path, fac, radius=900, client=client, output=out)
        tiled = tiled_circle_coverage(demand, fac, radius=900, by=region, scheduler=client)
    assert on_cluster.batches == 6  # one task per row group
    assert (on_cluster.regions, on_cluster.covered_population) == (
        single.regions,
        single.covered_population,
    )
    whole = circle_coverage(demand, fac, radius=900, by=region)
    _check(on_cluster, whole)
    parts = sorted(out.glob("part-*.parquet"))
    assert len(parts) == 6
    covered = np.concatenate([pq.read_table(p).column("covered").to_numpy() for p in parts])
    assert covered.tolist() == whole.covered.tolist()
    assert tiled.covered.tolist() == whole.covered.tolist()
    assert tiled.regions == whole.regions


class _FakeClient:
    """Answers ``client.run`` like a distributed.Client, submits nothing."""

    def __init__(self, versions):
        self.versions = versions

    def run(self, func):
        assert func() == sportsgov.__version__  # the function asked is this version's
        return self.versions

    def scatter(self, *args, **kwargs):  # pragma: no cover - must not be reached
        raise AssertionError("scattered before the version check")

    def __repr__(self):
        return "<Client: fake>"


def test_cluster_with_another_sportsgov_version_is_refused(tmp_path):
    lon, lat, pop, region, fac = _random_layer(3, 10, 2)
    path = _write(tmp_path / "c.parquet", lon, lat, pop, region)
    other = _FakeClient({"tcp://a:1": sportsgov.__version__, "tcp://b:2": "0.0.1"})
    with pytest.raises(
        InvalidInputError,
        match=r"^client=<Client: fake>: every worker needs sportsgov .*\(tcp://b:2 has 0\.0\.1\)",
    ):
        streamed_circle_coverage(path, fac, radius=500, client=other)
    with pytest.raises(InvalidInputError, match=r"^client=<Client: fake>: has no workers"):
        streamed_circle_coverage(path, fac, radius=500, client=_FakeClient({}))
    demand = Points(lon, lat, weight=pop)
    with pytest.raises(InvalidInputError, match=r"tcp://b:2 has 0\.0\.1"):
        tiled_circle_coverage(demand, fac, radius=500, by=region, scheduler=other)


# --------------------------------------------------------------------------- the recipe
EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "coverage_national_cluster.py"


def _run_example(*args):
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    done = subprocess.run(
        [sys.executable, str(EXAMPLE), *map(str, args)],
        capture_output=True,
        text=True,
        timeout=900,  # a loaded 2-core machine starts worker processes slowly
        env=env,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


@pytest.mark.slow
def test_recipe_script_on_a_client_address(tmp_path):
    # the how-to's script connected with Client(address) to a running scheduler
    distributed = pytest.importorskip("distributed")
    spec = importlib.util.spec_from_file_location("recipe", EXAMPLE)
    recipe = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(recipe)  # the guard: importing runs nothing
    cells = recipe.write_demo_cells(tmp_path / "cells.parquet")
    single = streamed_circle_coverage(cells, recipe.demo_venues(), radius=recipe.RADIUS_M)
    with (
        distributed.LocalCluster(
            n_workers=1,
            threads_per_worker=2,
            processes=False,
            protocol="tcp",  # reachable from the script's process
            dashboard_address=":0",
        ) as cluster,
    ):
        out = _run_example(cluster.scheduler_address, cells)
    assert f"'{sportsgov.__version__}'" in out  # every worker's version was shown
    assert f"covered population {single.covered_population:,} of" in out
    assert 0 < single.share < 1


@pytest.mark.slow
def test_recipe_script_starts_its_own_local_cluster():
    # no address: the script starts worker processes, which import it (main guard)
    out = _run_example()
    assert "one process gives the same table" in out


# --------------------------------------------------------------------------- road networks
def _grid_network(side=10, spacing=150.0, speed=4.5):
    """A street grid near 34.75 N, edges as long as the straight line (max_snap 120 m)."""
    dlat = spacing / 111_195.0
    dlon = dlat / np.cos(np.radians(34.75))
    ii, jj = np.meshgrid(np.arange(side), np.arange(side), indexing="ij")
    lon, lat = 113.55 + jj.ravel() * dlon, 34.72 + ii.ravel() * dlat
    idx = np.arange(side * side).reshape(side, side)
    u = np.concatenate([idx[:, :-1].ravel(), idx[:-1, :].ravel()])
    v = np.concatenate([idx[:, 1:].ravel(), idx[1:, :].ravel()])
    return RoadNetwork.from_edges(
        Points(lon, lat, id=np.arange(side * side)),
        {"source": u, "target": v, "length": np.full(u.size, spacing)},
        speed=speed,
        max_snap=120,
    )


def _network_layer(seed, n, m):
    rng = np.random.default_rng(seed)
    # a little beyond the grid (13.5 km x 13.5 km of blocks): some cells off the network
    lon = rng.uniform(113.545, 113.568, n)
    lat = rng.uniform(34.718, 34.735, n)
    pop = rng.integers(0, 500, n)
    region = np.array([f"41010{k}" for k in rng.integers(0, 4, n)])
    fac = Points(rng.uniform(113.545, 113.568, m), rng.uniform(34.718, 34.735, m))
    return lon, lat, pop, region, fac


@settings(max_examples=20, deadline=None)
@given(
    seed=st.integers(0, 2**32 - 1),
    n=st.integers(1, 50),
    m=st.integers(1, 5),
    radius=st.one_of(st.floats(100.0, 1500.0), st.sampled_from(["3 min", "8 min"])),
    add_snap=st.booleans(),
    rows=st.integers(1, 20),
    batch=st.integers(1, 25),
)
def test_streamed_network_equals_untiled_network_coverage(
    tmp_path_factory, seed, n, m, radius, add_snap, rows, batch
):
    net = _grid_network()
    lon, lat, pop, region, fac = _network_layer(seed, n, m)
    tmp = tmp_path_factory.mktemp("net")
    path = _write(tmp / "c.parquet", lon, lat, pop, region, row_group_size=rows)
    out = tmp / "out.parquet"
    streamed = streamed_network_coverage(
        path, fac, network=net, radius=radius, add_snap=add_snap, batch_rows=batch, output=out
    )
    demand = Points(lon, lat, weight=pop)
    if pop.sum() == 0:
        assert streamed.total_population == 0 and streamed.share == 0.0
        return
    whole = circle_coverage(demand, fac, network=net, radius=radius, by=region, add_snap=add_snap)
    _check(streamed, whole)
    cells = pq.read_table(out)
    cov = whole.covered
    assert cells.column("covered").to_numpy().tolist() == cov.tolist()
    nearest = cells.column("nearest").to_numpy()
    assert nearest[cov].tolist() == whole.nearest[cov].tolist()
    assert np.isinf(nearest[~cov]).all()
    index = cells.column("nearest_index").to_numpy()
    assert index[cov].tolist() == whole.nearest_index[cov].tolist()
    assert (index[~cov] == -1).all()


def test_streamed_network_worked_example_and_time(tmp_path):
    net = _grid_network(side=3, spacing=100.0, speed=6.0)  # 100 m blocks, 1 min per block
    lon0, lat0 = net.nodes.lon, net.nodes.lat
    # cells on nodes 0, 2 and 8 (corners); the gym on node 0
    path = _write(
        tmp_path / "c.parquet",
        [lon0[0], lon0[2], lon0[8]],
        [lat0[0], lat0[2], lat0[8]],
        [10, 20, 30],
        ["A", "A", "B"],
    )
    gym = Points([lon0[0]], [lat0[0]])
    by_length = streamed_network_coverage(path, gym, network=net, radius=250)
    assert (by_length.covered_population, by_length.total_population) == (30, 60)
    by_time = streamed_network_coverage(path, gym, network=net, radius="4 min")
    assert by_time.covered_population == 60 and by_time.radius == 4.0
    assert by_time.regions["B"].covered_points == 1


def test_streamed_network_bad_arguments(tmp_path):
    lon, lat, pop, region, fac = _network_layer(1, 10, 2)
    path = _write(tmp_path / "c.parquet", lon, lat, pop, region)
    net = _grid_network()
    with pytest.raises(InvalidInputError, match=r"^network=str: must be a RoadNetwork"):
        streamed_network_coverage(path, fac, network="roads.gpkg", radius=500)
    slow = _grid_network(speed=None)
    with pytest.raises(InvalidInputError, match=r"^radius='5 min': a travel time needs a network"):
        streamed_network_coverage(path, fac, network=slow, radius="5 min")
    with pytest.raises(InvalidInputError, match=r"^radius=.*one radius > 0 for every cell"):
        streamed_network_coverage(path, fac, network=net, radius=[100, 200])
    with pytest.raises(InvalidInputError, match=r"^batch_rows=0: must be an integer >= 1"):
        streamed_network_coverage(path, fac, network=net, radius=500, batch_rows=0)
    with pytest.raises(InvalidInputError, match=r"^by='county': not a column"):
        streamed_network_coverage(path, fac, network=net, radius=500, by="county")
    bare = RoadNetwork.from_edges(
        Points([113.6, 113.601], [34.7, 34.7], id=[1, 2]), [(1, 2, 100.0)]
    )
    with pytest.raises(InvalidInputError, match=r"^max_snap=None: required for network"):
        streamed_network_coverage(path, fac, network=bare, radius=500)
    with pytest.raises(
        InvalidInputError, match=r"^client=<Client: fake>: every worker needs sportsgov"
    ):
        streamed_network_coverage(
            path, fac, network=net, radius=500, client=_FakeClient({"tcp://b:2": "0.0.1"})
        )


def test_streamed_network_on_local_cluster_equals_single_process(tmp_path):
    distributed = pytest.importorskip("distributed")
    import dask

    net = _grid_network()
    lon, lat, pop, region, fac = _network_layer(13, 2000, 8)
    path = _write(tmp_path / "c.parquet", lon, lat, pop, region, row_group_size=400)
    single = streamed_network_coverage(path, fac, network=net, radius="6 min", add_snap=True)
    with (
        dask.config.set(COMM_TIMEOUTS),
        distributed.LocalCluster(
            n_workers=1, threads_per_worker=2, processes=False, dashboard_address=":0"
        ) as cluster,
        distributed.Client(cluster, timeout="120s") as client,
    ):
        out = tmp_path / "parts"
        on_cluster = streamed_network_coverage(
            path, fac, network=net, radius="6 min", add_snap=True, client=client, output=out
        )
    assert on_cluster.batches == 5  # one task per row group
    assert on_cluster == evolve(single, batches=5, output=str(out))
    whole = circle_coverage(
        Points(lon, lat, weight=pop), fac, network=net, radius="6 min", by=region, add_snap=True
    )
    _check(on_cluster, whole)
    assert 0 < whole.covered.sum() < len(lon)  # the comparison is not vacuous
    parts = sorted(out.glob("part-*.parquet"))
    covered = np.concatenate([pq.read_table(p).column("covered").to_numpy() for p in parts])
    assert covered.tolist() == whole.covered.tolist()
