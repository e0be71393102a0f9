"""Tests for sportsgov.coverage.network: RoadNetwork, snapping, cut-off Dijkstra, coverage."""

from __future__ import annotations

import math
import pickle
from pathlib import Path

import networkx as nx
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from tests.coverage.network_oracle import to_nx, via_each_facility

from sportsgov.coverage._snapgrid import (
    NodeGrid,
    build_grid,
    nearest_nodes,
    node_spacing,
    scattered,
)
from sportsgov.coverage.circle import circle_coverage
from sportsgov.coverage.geo import Points, great_circle_distance
from sportsgov.coverage.network import RoadNetwork
from sportsgov.errors import DataError, InvalidInputError, NotFoundError
from sportsgov.units import Q_


def street(n: int = 5, step: float = 0.001, speed: float | None = 4.5) -> RoadNetwork:
    """Nodes 0..n-1 along the equator, edges of exactly 100 m (declared)."""
    return RoadNetwork.from_edges(
        {"id": list(range(n)), "lon": [i * step for i in range(n)], "lat": [0.0] * n},
        [(i, i + 1, 100.0) for i in range(n - 1)],
        speed=speed,
    )


@st.composite
def graphs(draw, max_nodes: int = 14):
    n = draw(st.integers(min_value=2, max_value=max_nodes))
    m = draw(st.integers(min_value=0, max_value=3 * n))
    edges = draw(
        st.lists(
            st.tuples(
                st.integers(0, n - 1),
                st.integers(0, n - 1),
                st.floats(min_value=0.0, max_value=1000.0, allow_nan=False),
            ),
            min_size=m,
            max_size=m,
        )
    )
    directed = draw(st.booleans())
    lon = draw(st.lists(st.floats(113.60, 113.62), min_size=n, max_size=n))
    lat = draw(st.lists(st.floats(34.74, 34.76), min_size=n, max_size=n))
    return n, edges, directed, lon, lat


# --------------------------------------------------------------------------- worked examples
def test_street_distances_and_cutoff_inclusive():
    net = street()
    dist, src = net.multi_source([0], limit=200)
    assert dist.tolist() == [0.0, 100.0, 200.0, math.inf, math.inf]  # 200 <= 200 kept
    assert src.tolist() == [0, 0, 0, -1, -1]
    dist, src = net.multi_source([0, 4], limit=1000)
    assert dist.tolist() == [0.0, 100.0, 200.0, 100.0, 0.0]
    assert src.tolist()[:2] == [0, 0] and src.tolist()[3:] == [1, 1]
    assert src[2] in (0, 1)  # a tie: either source attains 200 m
    t, _ = net.multi_source([0], cost="time")  # 4.5 km/h = 75 m/min
    assert t.tolist() == pytest.approx([0, 100 / 75, 200 / 75, 300 / 75, 400 / 75])


def test_directed_travel_direction_is_demand_to_facility():
    # one-way street 0 -> 1 -> 2; the gym is at node 2
    net = RoadNetwork.from_edges(
        {"id": ["a", "b", "c"], "lon": [0.0, 0.001, 0.002], "lat": [0.0, 0.0, 0.0]},
        {"source": ["a", "b"], "target": ["b", "c"], "length": [100, 100]},
        directed=True,
    )
    homes = Points([0.0, 0.002], [0.0, 0.0])
    gym = Points([0.001], [0.0])  # at node b
    r = circle_coverage(homes, gym, radius=150, network=net, max_snap=10)
    # a -> b is 100 m (home a reaches the gym); c cannot drive back to b
    assert r.covered.tolist() == [True, False]
    assert r.nearest.tolist() == [100.0, math.inf]
    assert r.metric == "network_length"


def test_snap_reports_distance_and_off_network():
    net = street()
    s = net.snap(Points([0.0005, 0.0, 0.2], [0.0, 0.0001, 0.0]), max_distance=60)
    assert s.node.tolist()[1:] == [0, -1]
    assert s.node[0] in (0, 1)
    assert s.distance[1] == pytest.approx(11.1195, abs=1e-3)
    assert s.on_network.tolist() == [True, True, False]
    assert s.distance[2] > 60


def test_network_coverage_worked_example_with_snap():
    net = street()  # nodes every ~111 m, declared 100 m edges
    homes = Points([0.0, 0.004, 0.004, 0.5], [0.0, 0.0, 0.0003, 0.0], weight=[10, 20, 30, 40])
    gym = Points([0.0], [0.0001])  # 11.1 m off node 0
    r = circle_coverage(homes, gym, radius=400, network=net, max_snap=50)
    assert r.covered.tolist() == [True, True, True, False]
    assert r.on_network.tolist() == [True, True, True, False]
    assert r.nearest[:3].tolist() == [0.0, 400.0, 400.0]
    assert math.isinf(r.nearest[3]) and r.nearest_index.tolist() == [0, 0, 0, -1]
    # adding snap distances: home 2 is 33.4 m off node 4, the gym 11.1 m off node 0
    s = circle_coverage(homes, gym, radius=400, network=net, max_snap=50, add_snap=True)
    assert s.nearest[0] == pytest.approx(11.1195, abs=1e-3)
    # home 1 needs 400 + 11.1 m, home 2 400 + 33.4 + 11.1 m: both beyond the 400 m
    # cut-off, where the search stops (nearest = inf, never NaN)
    assert s.covered.tolist() == [True, False, False, False]
    assert math.isinf(s.nearest[1]) and math.isinf(s.nearest[2])
    assert s.covered_population == 10
    w = circle_coverage(homes, gym, radius=450, network=net, max_snap=50, add_snap=True)
    assert w.nearest[1] == pytest.approx(400 + 11.1195, abs=1e-3)
    assert w.nearest[2] == pytest.approx(400 + 33.3585 + 11.1195, abs=1e-2)
    assert w.covered.tolist() == [True, True, True, False]


def test_network_time_radius():
    net = street()
    homes = Points([0.001 * i for i in range(5)], [0.0] * 5)
    gym = Points([0.0], [0.0])
    r = circle_coverage(homes, gym, radius="4 min", network=net, max_snap=10)  # 300 m at 75 m/min
    assert r.metric == "network_time" and r.unit == "min"
    assert r.covered.tolist() == [True, True, True, True, False]
    assert r.nearest.tolist() == pytest.approx([0, 4 / 3, 8 / 3, 4, math.inf])
    q = circle_coverage(homes, gym, radius=Q_(240, "second"), network=net, max_snap=10)
    assert q.covered.tolist() == r.covered.tolist()


def test_parallel_edges_keep_shortest_and_self_loops_dropped():
    net = RoadNetwork.from_edges(
        {"id": [1, 2], "lon": [0.0, 0.001], "lat": [0.0, 0.0]},
        [(1, 2, 300.0), (2, 1, 120.0), (1, 1, 5.0)],
    )
    assert net.multi_source([0])[0].tolist() == [0.0, 120.0]
    assert "edges=1" in repr(net)


def test_from_csv_string_ids(tmp_path):
    import gzip

    (tmp_path / "n.csv").write_text("id,lon,lat\n10,0,0\n11,0.001,0\n12,0.002,0\n")
    with gzip.open(tmp_path / "e.csv.gz", "wt") as fh:
        fh.write("source,target,length\n10,11,100\n11,12,100.5\n")
    net = RoadNetwork.from_csv(tmp_path / "n.csv", tmp_path / "e.csv.gz", speed=5)
    assert net.multi_source([0])[0].tolist() == [0.0, 100.0, 200.5]
    assert net.nodes.id.tolist() == ["10", "11", "12"]


def test_ids_match_across_types():
    nodes = {"id": np.array([10, 11]), "lon": [0.0, 0.001], "lat": [0.0, 0.0]}
    net = RoadNetwork.from_edges(nodes, [("10", " 11", 5.0)])
    assert net.multi_source([0])[0].tolist() == [0.0, 5.0]
    named = {"id": ["x", "y"], "lon": [0.0, 0.001], "lat": [0.0, 0.0]}
    with pytest.raises(NotFoundError, match=r"edges\[0\].source=1: unknown node id"):
        RoadNetwork.from_edges(named, [(1, "y", 5.0)])


def test_pickles_without_cache():
    net = street()
    net.snap(Points([0.0], [0.0]), max_distance=1)  # fills the cache
    again = pickle.loads(pickle.dumps(net))
    assert again.multi_source([2])[0].tolist() == net.multi_source([2])[0].tolist()
    assert again.nodes == net.nodes


def test_network_max_snap_is_the_default_snap_limit():
    net = RoadNetwork.from_edges(
        {"id": [0, 1], "lon": [0.0, 0.001], "lat": [0.0, 0.0]}, [(0, 1, 100.0)], max_snap=20
    )
    r = circle_coverage(Points([0.001], [0.0]), Points([0.0], [0.0]), radius=100, network=net)
    assert r.covered.tolist() == [True]


def test_reused_demand_snap_gives_same_result():
    net = street()
    homes = Points([0.0, 0.004, 0.5], [0.0, 0.0003, 0.0])
    gym = Points([0.0], [0.0001])
    snap = net.snap(homes, max_distance=50)
    a = circle_coverage(homes, gym, radius=450, network=net, max_snap=50, add_snap=True)
    b = circle_coverage(
        homes, gym, radius=450, network=net, max_snap=50, add_snap=True, demand_snap=snap
    )
    assert a == b
    with pytest.raises(
        InvalidInputError, match=r"must be network.snap\(demand, ...\) for these 1 demand points"
    ):
        circle_coverage(homes[:1], gym, radius=450, network=net, max_snap=50, demand_snap=snap)


# --------------------------------------------------------------------------- oracle: networkx
@given(graphs(), st.data())
def test_multi_source_equals_networkx(graph, data):
    n, edges, directed, lon, lat = graph
    sources = data.draw(st.lists(st.integers(0, n - 1), min_size=1, max_size=4))
    limit = data.draw(st.one_of(st.none(), st.floats(min_value=1.0, max_value=3000.0)))
    direction = data.draw(st.sampled_from(["from", "to"]))
    net = RoadNetwork.from_edges(
        {"id": list(range(n)), "lon": lon, "lat": lat}, edges, directed=directed
    )
    dist, src = net.multi_source(sources, limit=limit, direction=direction)
    g = to_nx(n, edges, directed)
    if direction == "to" and directed:
        g = g.reverse()
    ref = nx.multi_source_dijkstra_path_length(g, set(sources), cutoff=limit, weight="length")
    expected = np.array([ref.get(v, math.inf) for v in range(n)])
    np.testing.assert_allclose(dist, expected, rtol=1e-12, atol=1e-9)
    # the reported source is one that attains the distance
    for v in range(n):
        if math.isfinite(dist[v]):
            s = sources[src[v]]
            assert nx.dijkstra_path_length(g, s, v, weight="length") == pytest.approx(
                dist[v], abs=1e-9
            )
        else:
            assert src[v] == -1


@given(graphs(), st.data())
def test_offsets_equal_brute_force(graph, data):
    n, edges, directed, lon, lat = graph
    k = data.draw(st.integers(1, 4))
    sources = data.draw(st.lists(st.integers(0, n - 1), min_size=k, max_size=k))
    offsets = data.draw(st.lists(st.floats(0.0, 500.0), min_size=k, max_size=k))
    limit = data.draw(st.floats(min_value=1.0, max_value=3000.0))
    net = RoadNetwork.from_edges(
        {"id": list(range(n)), "lon": lon, "lat": lat}, edges, directed=directed
    )
    dist, src = net.multi_source(sources, limit=limit, offsets=offsets)
    g = to_nx(n, edges, directed)
    best = np.full(n, math.inf)
    for s, off in zip(sources, offsets, strict=True):
        for v, d in nx.single_source_dijkstra_path_length(g, s, weight="length").items():
            best[v] = min(best[v], off + d)
    best[best > limit] = math.inf
    np.testing.assert_allclose(dist, best, rtol=1e-12, atol=1e-9)
    for v in range(n):
        if math.isfinite(dist[v]):
            s = sources[src[v]]
            d = nx.dijkstra_path_length(g, s, v, weight="length") + offsets[src[v]]
            assert d == pytest.approx(dist[v], abs=1e-9)


@given(graphs(), st.data())
def test_network_coverage_equals_networkx(graph, data):
    n, edges, directed, lon, lat = graph
    net = RoadNetwork.from_edges(
        {"id": list(range(n)), "lon": lon, "lat": lat}, edges, directed=directed
    )
    pt = st.tuples(st.floats(113.60, 113.62), st.floats(34.74, 34.76))
    homes = data.draw(st.lists(pt, min_size=1, max_size=8))
    gyms = data.draw(st.lists(pt, min_size=1, max_size=3))
    radius = data.draw(st.floats(10.0, 2000.0))
    max_snap = data.draw(st.floats(50.0, 2000.0))
    add_snap = data.draw(st.booleans())
    demand = Points([h[0] for h in homes], [h[1] for h in homes])
    fac = Points([f[0] for f in gyms], [f[1] for f in gyms])
    r = circle_coverage(
        demand, fac, radius=radius, network=net, max_snap=max_snap, add_snap=add_snap
    )
    # reference: brute-force snapping + networkx shortest paths home -> gym
    via = via_each_facility(
        to_nx(n, edges, directed), lon, lat, homes, gyms, max_snap=max_snap, add_snap=add_snap
    )
    for i, row in enumerate(via):
        best = min(row)
        expected_cov = best <= radius
        assert bool(r.covered[i]) == expected_cov
        if expected_cov:
            assert r.nearest[i] == pytest.approx(best, abs=1e-6)
            # the reported facility attains that distance
            assert row[r.nearest_index[i]] == pytest.approx(best, abs=1e-6)
        assert not math.isnan(r.nearest[i])


# --------------------------------------------------------------------------- bad input
def test_bad_inputs():
    nodes = {"id": [1, 2], "lon": [0.0, 0.001], "lat": [0.0, 0.0]}
    with pytest.raises(NotFoundError, match=r"edges\[0\].target=3: unknown node id"):
        RoadNetwork.from_edges(nodes, [(1, 3, 5.0)])
    with pytest.raises(
        InvalidInputError, match=r"edges\[0\].length=-5.0: must be finite and >= 0 m"
    ):
        RoadNetwork.from_edges(nodes, [(1, 2, -5.0)])
    with pytest.raises(InvalidInputError, match=r"edges\[0\].length=nan"):
        RoadNetwork.from_edges(nodes, [(1, 2, float("nan"))])
    with pytest.raises(
        DataError, match=r"edges, row 1, field length: length='far': must be a number"
    ):
        RoadNetwork.from_edges(nodes, [{"source": 1, "target": 2, "length": "far"}])
    with pytest.raises(InvalidInputError, match=r"nodes.id=1: node ids must be unique"):
        RoadNetwork.from_edges({"id": [1, 1], "lon": [0.0, 0.1], "lat": [0.0, 0.0]}, [])
    with pytest.raises(InvalidInputError, match=r"lat\[0\]=95.0: must be within"):
        RoadNetwork.from_edges({"id": [1], "lon": [0.0], "lat": [95.0]}, [])
    with pytest.raises(InvalidInputError, match=r"nodes=\['id', 'lon'\]: needs a column 'lat'"):
        RoadNetwork.from_edges({"id": [1], "lon": [0.0]}, [])
    net = street(speed=None)
    one = Points([0.0], [0.0])
    with pytest.raises(InvalidInputError, match=r"max_snap=None: required for network coverage"):
        circle_coverage(one, one, radius=100, network=net)
    with pytest.raises(InvalidInputError, match=r"a travel time needs a network speed"):
        circle_coverage(one, one, radius="10 min", network=net, max_snap=10)
    with pytest.raises(InvalidInputError, match=r"cost='time': needs a network speed"):
        net.multi_source([0], cost="time")
    with pytest.raises(InvalidInputError, match=r"cost='hops': expected one of 'length', 'time'"):
        net.multi_source([0], cost="hops")  # type: ignore[arg-type]
    with pytest.raises(InvalidInputError, match=r"sources=9: node index must be in \[0, 5\)"):
        net.multi_source([9])
    with pytest.raises(InvalidInputError, match=r"sources=\[\]: must name at least one node"):
        net.multi_source([])
    with pytest.raises(InvalidInputError, match=r"limit=0 m: must be > 0 m"):
        net.multi_source([0], limit=0)
    with pytest.raises(InvalidInputError, match=r"offsets\[0\]=-1.0: must be finite and >= 0"):
        net.multi_source([0], offsets=[-1.0])
    with pytest.raises(InvalidInputError, match=r"max_distance=-1 m: must be > 0 m"):
        net.snap(one, max_distance=-1)
    with pytest.raises(InvalidInputError, match=r"network=str: must be a RoadNetwork"):
        circle_coverage(one, one, radius=10, network="roads")  # type: ignore[arg-type]
    with pytest.raises(InvalidInputError, match=r"radius=0 m: must be > 0 m"):
        circle_coverage(one, one, radius=0, network=net, max_snap=5)


def test_from_csv_reads_excel_bom_files(tmp_path: Path) -> None:
    # Spreadsheet exports start with a byte-order mark; it must not end up in the "id" column name.
    nodes = tmp_path / "nodes.csv"
    edges = tmp_path / "edges.csv"
    nodes.write_text("id,lon,lat\n1,0,0\n2,0.001,0\n", encoding="utf-8-sig")
    edges.write_text("source,target,length\n1,2,111.2\n", encoding="utf-8-sig")
    net = RoadNetwork.from_csv(nodes, edges)
    assert repr(net) == "RoadNetwork(nodes=2, edges=1, directed=False, speed=None)"


# ------------------------------------------------- fast construction and snapping
@given(
    st.integers(1, 8).flatmap(
        lambda k: st.tuples(
            st.just(k),
            st.lists(
                st.tuples(st.integers(0, k - 1), st.integers(0, k - 1), st.integers(0, 300)),
                max_size=25,
            ),
            st.booleans(),
            st.permutations(list(range(k))),
        )
    )
)
def test_graph_equals_a_dictionary_of_shortest_edges(case) -> None:
    """Packed-key CSR build against a plain dict: self-loops dropped, parallel edges
    (and both directions of undirected ones) keep the shortest; ids in any order."""
    k, edges, directed, ids = case
    lon = [113.6 + 0.001 * p for p in range(k)]
    net = RoadNetwork.from_edges(
        {"id": [ids[p] for p in range(k)], "lon": lon, "lat": [34.75] * k},
        [(ids[a], ids[b], w) for a, b, w in edges],
        directed=directed,
    )
    best: dict[tuple[int, int], float] = {}
    for a, b, w in edges:
        for key in [(a, b)] if directed else [(a, b), (b, a)]:
            if a != b and (key not in best or w < best[key]):
                best[key] = float(w)
    g = net.graph
    assert g.has_sorted_indices
    coo = g.tocoo()
    pairs = list(zip(coo.row.tolist(), coo.col.tolist(), strict=True))
    got = dict(zip(pairs, coo.data.tolist(), strict=True))
    assert got == best
    assert len(got) == g.nnz  # no duplicates stored
    assert g.indptr.tolist() == np.searchsorted(coo.row, np.arange(k + 1)).tolist()


@given(
    st.lists(st.tuples(st.floats(113.0, 113.05), st.floats(34.7, 34.75)), min_size=1, max_size=9),
    st.lists(
        st.tuples(st.floats(112.99, 113.06), st.floats(34.69, 34.76)), min_size=1, max_size=30
    ),
    st.sampled_from([50.0, 400.0, 5000.0]),
)
def test_snap_equals_brute_force(nodes, points, limit) -> None:
    k = len(nodes)
    net = RoadNetwork.from_edges(
        {"id": list(range(k)), "lon": [p[0] for p in nodes], "lat": [p[1] for p in nodes]}, []
    )
    pts = Points([p[0] for p in points], [p[1] for p in points])
    snap = net.snap(pts, max_distance=limit)
    dense = great_circle_distance(
        pts.lon[:, None], pts.lat[:, None], net.nodes.lon[None, :], net.nodes.lat[None, :]
    )
    best = dense.min(axis=1)
    np.testing.assert_allclose(snap.distance, best, rtol=0, atol=1e-9)  # off-network too
    assert snap.on_network.tolist() == (snap.distance <= limit).tolist()
    on = snap.on_network
    rows = np.flatnonzero(on)
    np.testing.assert_allclose(dense[rows, snap.node[on]], best[on], rtol=0, atol=1e-9)
    assert (snap.node[~on] == -1).all()


# ------------------------------------------------- snapping through the node grid
def kd_snap(net: RoadNetwork, pts: Points, limit: float) -> tuple[np.ndarray, np.ndarray]:
    """The snapping of the first release, kept as the reference: a KD-tree query on unit
    vectors for the nearest node, then the haversine distance to it."""
    from scipy.spatial import cKDTree

    def unit(lon, lat):
        lam, phi = np.radians(lon), np.radians(lat)
        return np.column_stack([np.cos(phi) * np.cos(lam), np.cos(phi) * np.sin(lam), np.sin(phi)])

    _, j = cKDTree(unit(net.nodes.lon, net.nodes.lat)).query(unit(pts.lon, pts.lat), k=1)
    d = great_circle_distance(pts.lon, pts.lat, net.nodes.lon[j], net.nodes.lat[j])
    return np.where(d <= limit, j, -1), d


def grid_of(net: RoadNetwork) -> NodeGrid | None:
    """The node grid the network builds for snapping (same inputs, built again)."""
    g = net.graph
    spacing = node_spacing(net.nodes.lon, net.nodes.lat, g.indptr, g.indices)
    return None if spacing is None else build_grid(net.nodes.lon, net.nodes.lat, spacing)


@st.composite
def street_grids(draw):
    """A jittered street grid (edges along rows and columns), points near and far."""
    rows, cols = draw(st.integers(1, 6)), draw(st.integers(2, 6))
    step = draw(st.floats(0.0002, 0.005))  # ~20-550 m
    lat0 = draw(st.sampled_from([0.0, 34.75, -45.0, 79.0]))
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    jitter = draw(st.sampled_from([0.0, 0.1, 0.45]))
    ii, jj = np.meshgrid(np.arange(rows), np.arange(cols), indexing="ij")
    lon = 113.6 + (jj.ravel() + rng.uniform(-jitter, jitter, ii.size)) * step
    lat = lat0 + (ii.ravel() + rng.uniform(-jitter, jitter, ii.size)) * step
    idx = np.arange(rows * cols).reshape(rows, cols)
    u = np.concatenate([idx[:, :-1].ravel(), idx[:-1, :].ravel()])
    v = np.concatenate([idx[:, 1:].ravel(), idx[1:, :].ravel()])
    m = draw(st.integers(1, 40))
    near = rng.integers(0, lon.size, m)
    scale = draw(st.sampled_from([0.0, 0.2, 1.0, 5.0]))  # offsets in grid steps
    plon = lon[near] + rng.normal(0.0, scale * step, m)
    plat = lat[near] + rng.normal(0.0, scale * step, m)
    net = RoadNetwork.from_edges(
        {"id": np.arange(lon.size), "lon": lon, "lat": lat},
        {"source": u, "target": v, "length": np.full(u.size, 100.0)},
    )
    return net, Points(plon, plat)


@given(street_grids(), st.sampled_from([10.0, 100.0, 1000.0]))
def test_grid_snap_equals_the_kd_tree_snap_and_brute_force(case, limit) -> None:
    """The grid fast path gives the nodes and distances of the KD-tree snapping of the
    first release (bit for bit) and of a brute-force minimum over all nodes."""
    net, pts = case
    snap = net.snap(pts, max_distance=limit)
    node, dist = kd_snap(net, pts, limit)
    np.testing.assert_array_equal(snap.distance, dist)
    np.testing.assert_array_equal(snap.node, node)
    dense = great_circle_distance(
        pts.lon[:, None], pts.lat[:, None], net.nodes.lon[None, :], net.nodes.lat[None, :]
    )
    np.testing.assert_allclose(snap.distance, dense.min(axis=1), rtol=0, atol=1e-9)


def test_grid_answers_most_points_and_defers_the_rest() -> None:
    """Points within half the node spacing are answered by the grid alone ("sure");
    far points and points off the grid are left to the KD-tree, still exact."""
    net = street(50, step=0.001)  # nodes 111 m apart
    grid = grid_of(net)
    assert grid is not None and 40 < grid.half < 70
    lon = np.array([0.0102, 0.0303, 0.0, 0.025, -0.01, 0.049])
    lat = np.array([0.0, 0.0001, 0.0004, 0.002, 0.0, 0.0])
    _, _, sure = nearest_nodes(grid, lon, lat)
    assert sure.tolist() == [True, True, True, False, False, True]
    pts = Points(lon, lat)
    snap = net.snap(pts, max_distance=10_000)
    node, dist = kd_snap(net, pts, 10_000)
    assert snap.node.tolist() == node.tolist() == [10, 30, 0, 25, 0, 49]
    np.testing.assert_array_equal(snap.distance, dist)
    # no grid near a pole or across more than half the globe: the KD-tree alone
    assert build_grid(np.array([0.0, 0.001]), np.array([85.0, 85.0]), 100.0) is None
    assert build_grid(np.array([-100.0, 100.0]), np.array([0.0, 0.0]), 100.0) is None


def test_grid_of_a_sparse_box_grows_its_cells() -> None:
    """Two towns 500 km apart: the cell table stays within its size bound (bigger
    cells) and the snapping is still the exact nearest node."""
    town = np.arange(20) * 0.001
    lon = np.concatenate([113.0 + town, 118.0 + town])
    lat = np.full(lon.size, 34.75)
    edges = [(i, i + 1, 100.0) for i in range(lon.size - 1) if i != 19]
    net = RoadNetwork.from_edges({"id": np.arange(lon.size), "lon": lon, "lat": lat}, edges)
    grid = grid_of(net)
    assert grid is not None and grid.nx * grid.ny <= 4 * lon.size + 4096 and grid.half > 100
    rng = np.random.default_rng(7)
    pts = Points(lon[rng.integers(0, 40, 200)] + rng.normal(0, 0.002, 200), np.full(200, 34.7505))
    snap = net.snap(pts, max_distance=150)
    node, dist = kd_snap(net, pts, 150)
    np.testing.assert_array_equal(snap.node, node)
    np.testing.assert_array_equal(snap.distance, dist)


def test_large_scattered_layer_gives_the_same_answers_in_cell_order() -> None:
    """A layer of 70,000 points in random order is searched in grid-cell order and the
    answers are put back: same nodes and distances as the first-release snapping."""
    side = 40
    ii, jj = np.meshgrid(np.arange(side), np.arange(side), indexing="ij")
    lon, lat = 113.6 + jj.ravel() * 0.001, 34.7 + ii.ravel() * 0.0009
    idx = np.arange(side * side).reshape(side, side)
    u = np.concatenate([idx[:, :-1].ravel(), idx[:-1, :].ravel()])
    v = np.concatenate([idx[:, 1:].ravel(), idx[1:, :].ravel()])
    net = RoadNetwork.from_edges(
        {"id": idx.ravel(), "lon": lon, "lat": lat},
        {"source": u, "target": v, "length": np.full(u.size, 100.0)},
    )
    rng = np.random.default_rng(11)
    pts = Points(rng.uniform(113.59, 113.65, 70_000), rng.uniform(34.69, 34.74, 70_000))
    assert scattered(pts.lon, pts.lat)
    snap = net.snap(pts, max_distance=60)
    node, dist = kd_snap(net, pts, 60)
    np.testing.assert_array_equal(snap.node, node)
    np.testing.assert_array_equal(snap.distance, dist)


# ------------------------------------------- loader errors name the file and its row
def _sheet_row(path: Path, cell: str) -> int:
    """Oracle: the row number a spreadsheet shows for the first line holding ``cell``
    (the csv module reads the file, counting every line from 1)."""
    import csv

    with path.open(newline="", encoding="utf-8-sig") as fh:
        for number, row in enumerate(csv.reader(fh), start=1):
            if cell in row:
                return number
    raise AssertionError(cell)


def _road_files(tmp_path: Path, bad_edge: str) -> tuple[Path, Path]:
    nodes = tmp_path / "路网节点.csv"
    nodes.write_text("2024年路网节点,,\n节点编号,经度,纬度\n1,113.6,34.7\n2,113.601,34.7\n")
    edges = tmp_path / "路段.csv"
    edges.write_text(f"2024年路段表,,\n起点,终点,长度\n1,2,91.4\n\n{bad_edge}\n2,1,91.4\n")
    return nodes, edges


@pytest.mark.parametrize(
    ("bad_edge", "cell", "error", "message"),
    [
        ("2,1,abc", "abc", DataError, "field length: length='abc': must be a number"),
        ("2,1,-5", "-5", DataError, "field length: length=-5.0: must be finite and >= 0 m"),
        ("2,9,10", "9", NotFoundError, "field target: target='9': unknown node id"),
    ],
)
def test_from_csv_errors_name_the_file_and_spreadsheet_row(
    tmp_path: Path, bad_edge: str, cell: str, error: type[Exception], message: str
) -> None:
    # a title row above the header and a blank line before the bad edge: both counted
    nodes, edges = _road_files(tmp_path, bad_edge)
    row = _sheet_row(edges, cell)
    assert row == 5
    with pytest.raises(error, match=rf"^路段.csv, row {row}, {message}$") as info:
        RoadNetwork.from_csv(nodes, edges)
    assert (info.value.source, info.value.row) == ("路段.csv", row)  # type: ignore[attr-defined]


def test_from_csv_fast_path_errors_also_name_rows(tmp_path: Path) -> None:
    # header in row 1 (the fast column reader takes the file) and a bad length in row 3
    (tmp_path / "n.csv").write_text("id,lon,lat\n1,0,0\n2,0.001,0\n")
    (tmp_path / "e.csv").write_text("source,target,length\n1,2,10\n2,1,x\n")
    with pytest.raises(DataError, match=r"^e.csv, row 3, field length: length='x'") as info:
        RoadNetwork.from_csv(tmp_path / "n.csv", tmp_path / "e.csv")
    assert info.value.row == _sheet_row(tmp_path / "e.csv", "x")


def test_from_csv_node_errors_name_rows(tmp_path: Path) -> None:
    edges = tmp_path / "e.csv"
    edges.write_text("source,target,length\n1,2,10\n")
    dup = tmp_path / "dup.csv"
    dup.write_text("id,lon,lat\n1,0,0\n2,0.001,0\n1,0.002,0\n")
    with pytest.raises(
        DataError, match=r"^dup.csv, row 4, field id: id=1: node ids must be unique \(also row 2\)"
    ):
        RoadNetwork.from_csv(dup, edges)
    far = tmp_path / "far.csv"
    far.write_text("id,lon,lat\n1,0,0\n2,0.001,95\n")
    with pytest.raises(DataError, match=r"^far.csv, row 3, field lat: lat=95.0: must be within"):
        RoadNetwork.from_csv(far, edges)
    text = tmp_path / "text.csv"
    text.write_text("id,lon,lat\n1,0,0\n2,东经113°61′,0\n")
    with pytest.raises(
        DataError, match=r"^text.csv, row 3, field lon: lon='东经113°61′': minutes must be < 60"
    ):
        RoadNetwork.from_csv(text, edges)


def test_from_csv_xlsx_errors_name_the_sheet_row(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    pytest.importorskip("python_calamine")
    nodes = tmp_path / "nodes.csv"
    nodes.write_text("id,lon,lat\n1,113.6,34.7\n2,113.601,34.7\n")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws["A1"] = "清河市路段表"
    ws.merge_cells("A1:C1")
    ws.append(["起点", "终点", "长度(米)"])
    ws.append([1, 2, 91.4])
    ws.append([2, 1, "九十"])
    wb.save(tmp_path / "edges.xlsx")
    # oracle: openpyxl's own row numbers
    reread = openpyxl.load_workbook(tmp_path / "edges.xlsx").active
    row = next(c.row for r in reread.iter_rows() for c in r if c.value == "九十")
    assert row == 4
    with pytest.raises(DataError, match=rf"^edges.xlsx, row {row}, field length: length='九十'"):
        RoadNetwork.from_csv(nodes, tmp_path / "edges.xlsx")
    ws.cell(row=4, column=3, value=91.4)
    wb.save(tmp_path / "edges.xlsx")
    net = RoadNetwork.from_csv(nodes, tmp_path / "edges.xlsx")
    assert net.multi_source([0])[0].tolist() == [0.0, 91.4]
