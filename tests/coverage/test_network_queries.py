"""Network queries checked against networkx Dijkstra on a real street network.

The network is the GeoDaNet street network of Tempe, Arizona (293 segments, with
8 schools and 287 crime points) that ships inside libpysal
(``libpysal/examples/geodanet``), read offline with geopandas.
"""

from __future__ import annotations

import importlib.util
import itertools
import os
import warnings
from typing import Any

import networkx as nx
import numpy as np
import pytest

from sportsgov.coverage.geo import Points
from sportsgov.coverage.network import RoadNetwork
from sportsgov.coverage.network_queries import (
    aggregate,
    impedance_from_edges,
    impedance_from_speed,
    low_connectivity_nodes,
    nearest_facilities,
    nodes_in_range,
    shortest_path,
    shortest_path_lengths,
)
from sportsgov.errors import InvalidInputError

gpd = pytest.importorskip("geopandas")

US_FOOT = 1200 / 3937  # metres


def _geodanet(name: str) -> str:
    spec = importlib.util.find_spec("libpysal")
    if spec is None or spec.origin is None:
        pytest.skip("libpysal is not installed")
    path = os.path.join(os.path.dirname(spec.origin), "examples", "geodanet", name)
    if not os.path.exists(path):
        pytest.skip("libpysal's geodanet example is not shipped in this install")
    return path


@pytest.fixture(scope="module")
def tempe() -> dict[str, Any]:
    streets = gpd.read_file(_geodanet("streets.shp"))
    ends: list[tuple[float, float]] = []
    rows = []
    for geom in streets.geometry:
        a, b = geom.coords[0], geom.coords[-1]
        ka, kb = (round(a[0], 3), round(a[1], 3)), (round(b[0], 3), round(b[1], 3))
        ends += [ka, kb]
        rows.append((ka, kb, geom.length * US_FOOT))
    keys = sorted(set(ends))
    index = {k: i for i, k in enumerate(keys)}
    xy = gpd.GeoSeries(gpd.points_from_xy(*zip(*keys, strict=True)), crs=streets.crs)
    lonlat = xy.to_crs("EPSG:4326")
    edges = [(index[a], index[b], length) for a, b, length in rows]
    net = RoadNetwork.from_edges(
        {"id": list(range(len(keys))), "lon": lonlat.x.tolist(), "lat": lonlat.y.tolist()},
        edges,
        speed=4.8,
        max_snap=300,
    )
    g = nx.Graph()
    for u, v, length in edges:
        if u != v and (not g.has_edge(u, v) or g[u][v]["length"] > length):
            g.add_edge(u, v, length=length)
    g.add_nodes_from(range(len(keys)))
    schools = gpd.read_file(_geodanet("schools.shp")).to_crs("EPSG:4326")
    crimes = gpd.read_file(_geodanet("crimes.shp")).to_crs("EPSG:4326")
    return {
        "net": net,
        "nx": g,
        "edges": edges,
        "schools": Points(schools.geometry.x.to_numpy(), schools.geometry.y.to_numpy()),
        "crimes": Points(crimes.geometry.x.to_numpy(), crimes.geometry.y.to_numpy()),
    }


def test_network_is_real(tempe: dict[str, Any]) -> None:
    assert len(tempe["net"]) > 200
    assert nx.number_of_edges(tempe["nx"]) > 250


def test_shortest_path_lengths_match_networkx(tempe: dict[str, Any]) -> None:
    net, g = tempe["net"], tempe["nx"]
    rng = np.random.default_rng(0)
    a = rng.integers(0, len(net), 300)
    b = rng.integers(0, len(net), 300)
    ours = shortest_path_lengths(net, a, b)
    for k in range(a.size):
        try:
            expected = nx.dijkstra_path_length(g, int(a[k]), int(b[k]), weight="length")
        except nx.NetworkXNoPath:
            expected = np.inf
        assert ours[k] == pytest.approx(expected, rel=1e-12)


def test_nodes_in_range_matches_networkx(tempe: dict[str, Any]) -> None:
    net, g = tempe["net"], tempe["nx"]
    sources = [0, 17, 101, 150]
    t = nodes_in_range(net, sources, within=800)
    for row, s in enumerate(sources):
        expected = nx.single_source_dijkstra_path_length(g, s, cutoff=800, weight="length")
        mine = t.cost[t.demand == row]
        nodes = t.supply[t.demand == row]
        assert dict(zip(nodes.tolist(), mine.tolist(), strict=True)) == pytest.approx(expected)


def test_nearest_facilities_match_networkx(tempe: dict[str, Any]) -> None:
    net, g = tempe["net"], tempe["nx"]
    fac = net.snap(tempe["schools"], max_distance=300).node
    assert (fac >= 0).all()
    r = nearest_facilities(net, tempe["schools"], k=3, max_cost=3000)
    dist = [nx.single_source_dijkstra_path_length(g, int(f), weight="length") for f in fac]
    for v in range(len(net)):
        pairs = sorted((dist[i].get(v, np.inf), i) for i in range(fac.size))
        pairs = [p for p in pairs if p[0] <= 3000][:3]
        got = [(c, f) for c, f in zip(r.cost[v], r.facility[v], strict=True) if f >= 0]
        assert [f for _, f in got] == [f for _, f in pairs]
        assert [c for c, _ in got] == pytest.approx([c for c, _ in pairs])


def test_nearest_facilities_by_category(tempe: dict[str, Any]) -> None:
    net = tempe["net"]
    cats = ["primary", "secondary"] * 4
    by = nearest_facilities(net, tempe["schools"], k=1, max_cost=5000, categories=cats)
    both = nearest_facilities(net, tempe["schools"], k=1, max_cost=5000)
    best = np.minimum(by["primary"].cost[:, 0], by["secondary"].cost[:, 0])
    np.testing.assert_allclose(best, both.cost[:, 0])
    assert set(by["primary"].facility[:, 0].tolist()) <= {-1, 0, 2, 4, 6}


@pytest.mark.parametrize(
    ("how", "decay"),
    [
        (how, decay)
        for how in ["sum", "mean", "std", "min", "max", "count", "quantile"]
        for decay in ["flat", "linear", "exponential"]
        if decay == "flat" or how not in ("min", "max", "quantile")  # those take flat only
    ],
)
def test_aggregate_matches_brute_force_over_networkx(
    tempe: dict[str, Any], how: str, decay: str
) -> None:
    net, g = tempe["net"], tempe["nx"]
    at = net.snap(tempe["crimes"], max_distance=300).node
    at = at[at >= 0]
    values = np.random.default_rng(1).uniform(0, 10, at.size)
    within = 600.0
    r = aggregate(net, at, values, within=within, how=how, q=0.3, decay=decay)  # type: ignore[arg-type]
    for v in range(0, len(net), 7):
        d = nx.single_source_dijkstra_path_length(g, v, cutoff=within, weight="length")
        ds = np.array([d.get(int(a), np.inf) for a in at])
        ok = ds <= within
        xs, dd = values[ok], ds[ok]
        w = {
            "flat": np.ones_like(dd),
            "linear": 1 - dd / within,
            "exponential": np.exp(-dd / within),
        }[decay]
        expected = brute(how, xs, w)
        assert r.values[v] == pytest.approx(expected, rel=1e-9, abs=1e-9)
        assert r.count[v] == int(ok.sum())


def brute(how: str, xs: np.ndarray, w: np.ndarray) -> float:
    if how in ("min", "max", "quantile") and xs.size == 0:
        return 0.0
    if how == "sum":
        return float((w * xs).sum())
    if how == "mean":
        return float((w * xs).sum() / w.sum()) if w.sum() > 0 else 0.0
    if how == "count":
        return float(w.sum())
    if how == "std":
        if w.sum() == 0:
            return 0.0
        mean = (w * xs).sum() / w.sum()
        return float(np.sqrt((w * (xs - mean) ** 2).sum() / w.sum()))
    if how == "quantile":
        return float(np.quantile(xs, 0.3))
    return float(xs.min() if how == "min" else xs.max())


def test_several_impedances_on_one_network(tempe: dict[str, Any]) -> None:
    net = tempe["net"]
    walk = impedance_from_speed(net, 4.8)
    # driving: 30 km/h on every street, edges given by node id
    drive = impedance_from_edges(net, [(u, v, length / 500.0) for u, v, length in tempe["edges"]])
    a, b = np.array([0, 5, 9]), np.array([100, 120, 140])
    metres = shortest_path_lengths(net, a, b)
    np.testing.assert_allclose(shortest_path_lengths(net, a, b, impedance="time"), metres / 80)
    np.testing.assert_allclose(shortest_path_lengths(net, a, b, impedance=walk), metres / 80)
    np.testing.assert_allclose(shortest_path_lengths(net, a, b, impedance=drive), metres / 500)


def test_directed_network_costs_run_node_to_facility() -> None:
    net = RoadNetwork.from_edges(
        {"id": [0, 1], "lon": [0.0, 0.001], "lat": [0.0, 0.0]}, [(0, 1, 100.0)], directed=True
    )
    r = nearest_facilities(net, [1], k=1, max_cost=500)
    assert r.cost[:, 0].tolist() == [100.0, 0.0]  # node 0 can drive to the facility at 1
    assert shortest_path_lengths(net, [1], [0]).tolist() == [np.inf]


def test_bad_inputs() -> None:
    net = RoadNetwork.from_edges(
        {"id": [0, 1], "lon": [0.0, 0.001], "lat": [0.0, 0.0]}, [(0, 1, 100.0)]
    )
    with pytest.raises(InvalidInputError, match=r"k=0: must be an integer >= 1"):
        nearest_facilities(net, [0], k=0, max_cost=10)
    with pytest.raises(InvalidInputError, match=r"how='median': expected one of"):
        aggregate(net, [0], [1.0], within=10, how="median")  # type: ignore[arg-type]
    with pytest.raises(InvalidInputError, match=r"decay='linear': how='max' takes the values"):
        aggregate(net, [0], [1.0], within=10, how="max", decay="linear")
    with pytest.raises(InvalidInputError, match=r"q=None: how='quantile' needs q"):
        aggregate(net, [0], [1.0], within=10, how="quantile")
    with pytest.raises(InvalidInputError, match=r"sources\[0\]=5: node index must be in \[0, 2\)"):
        nodes_in_range(net, [5], within=10)
    with pytest.raises(InvalidInputError, match=r"impedance='time': needs a network speed"):
        shortest_path_lengths(net, [0], [1], impedance="time")
    with pytest.raises(InvalidInputError, match=r"within=-1: must be > 0"):
        aggregate(net, [0], [1.0], within=-1)


def test_shortest_path_route_matches_networkx(tempe: dict[str, Any]) -> None:
    net, g = tempe["net"], tempe["nx"]
    for a, b in [(0, 120), (5, 77), (30, 200)]:
        route = shortest_path(net, a, b)
        try:
            expected = nx.dijkstra_path_length(g, a, b, weight="length")
        except nx.NetworkXNoPath:
            assert route.size == 0
            continue
        assert route[0] == a and route[-1] == b
        length = sum(g[u][v]["length"] for u, v in itertools.pairwise(route))
        assert length == pytest.approx(expected)


def test_low_connectivity_nodes_match_networkx(tempe: dict[str, Any]) -> None:
    net, g = tempe["net"], tempe["nx"]
    low = low_connectivity_nodes(net, within=150, count=3)
    expected = [
        v
        for v in range(len(net))
        if len(nx.single_source_dijkstra_path_length(g, v, cutoff=150, weight="length")) - 1 < 3
    ]
    assert low.tolist() == expected
    assert 0 < len(expected) < len(net)


def test_aggregate_takes_points_and_nearest_reports_ids(tempe: dict[str, Any]) -> None:
    net = tempe["net"]
    crimes = tempe["crimes"]
    nodes = net.snap(crimes, max_distance=300).node
    values = np.ones(len(crimes))
    by_points = aggregate(net, crimes, values, within=500, max_snap=300)
    on = nodes >= 0
    by_nodes = aggregate(net, nodes[on], values[on], within=500)
    np.testing.assert_array_equal(by_points.values, by_nodes.values)
    schools = Points(tempe["schools"].lon, tempe["schools"].lat, id=[f"S{k}" for k in range(8)])
    r = nearest_facilities(net, schools, k=1, max_cost=2000)
    assert r.facility_ids == tuple(f"S{k}" for k in range(8))
    assert set(r.facility[:, 0].tolist()) <= set(range(-1, 8))


# ------------------------------------------------------- pandana as oracle ---


@pytest.fixture(scope="module")
def pandana_net(tempe: dict[str, Any]) -> Any:
    pandana = pytest.importorskip("pandana")
    pd = pytest.importorskip("pandas")
    net = tempe["net"]
    edges = np.array([(u, v, w) for u, v, w in tempe["edges"] if u != v])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        pn = pandana.Network(
            pd.Series(net.nodes.lon, index=np.arange(len(net))),
            pd.Series(net.nodes.lat, index=np.arange(len(net))),
            pd.Series(edges[:, 0].astype(int)),
            pd.Series(edges[:, 1].astype(int)),
            pd.DataFrame({"length": edges[:, 2]}),
            twoway=True,
        )
        pn.precompute(600)  # once: a second precompute doubled the sums in our runs
    return pn


def test_shortest_path_lengths_match_pandana(tempe: dict[str, Any], pandana_net: Any) -> None:
    net = tempe["net"]
    rng = np.random.default_rng(3)
    a = rng.integers(0, len(net), 200)
    b = rng.integers(0, len(net), 200)
    ours = shortest_path_lengths(net, a, b)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        theirs = np.asarray(pandana_net.shortest_path_lengths(a.tolist(), b.tolist()), float)
    reached = np.isfinite(ours)
    np.testing.assert_allclose(ours[reached], theirs[reached], rtol=1e-5)


@pytest.mark.parametrize(
    ("how", "decay"),
    [
        ("sum", "flat"),
        ("sum", "linear"),
        ("sum", "exponential"),
        ("mean", "flat"),
        ("count", "flat"),
        ("std", "flat"),
        ("min", "flat"),
        ("max", "flat"),
    ],
)
def test_aggregate_matches_pandana(
    tempe: dict[str, Any], pandana_net: Any, how: str, decay: str
) -> None:
    # with decay, pandana's "mean" divides by the item count and its "count" ignores
    # the decay; ours are the weighted mean and the total weight (see the peers page)
    pd = pytest.importorskip("pandas")
    net = tempe["net"]
    at = net.snap(tempe["crimes"], max_distance=300).node
    at = at[at >= 0]
    values = np.random.default_rng(2).uniform(0, 10, at.size)
    ours = aggregate(net, at, values, within=600, how=how, decay=decay)  # type: ignore[arg-type]
    name = f"v_{how}_{decay}"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        pandana_net.set(pd.Series(at), variable=pd.Series(values), name=name)
        theirs = pandana_net.aggregate(
            600, type=how, decay={"exponential": "exp"}.get(decay, decay), name=name
        ).to_numpy(float)
    # pandana returns -1 at a node with nothing in range for min/max (we return 0.0
    # and a count of 0); compare where something is in range
    has = ours.count > 0
    np.testing.assert_allclose(ours.values[has], theirs[has], rtol=1e-4, atol=1e-4)
    if how in ("sum", "count", "mean"):
        np.testing.assert_allclose(ours.values[~has], 0.0)


def test_nearest_facilities_match_pandana(tempe: dict[str, Any], pandana_net: Any) -> None:
    pd = pytest.importorskip("pandas")
    net = tempe["net"]
    fac = net.snap(tempe["schools"], max_distance=300).node
    ours = nearest_facilities(net, fac, k=3, max_cost=3000)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        pandana_net.set_pois(
            "school",
            3000,
            3,
            pd.Series(net.nodes.lon[fac]),
            pd.Series(net.nodes.lat[fac]),
        )
        theirs = pandana_net.nearest_pois(3000, "school", num_pois=3, include_poi_ids=True)
    dist = theirs[[1, 2, 3]].to_numpy(float)
    mine = np.where(np.isfinite(ours.cost), ours.cost, 3000.0)  # pandana fills max_distance
    np.testing.assert_allclose(mine, dist, rtol=1e-4, atol=1e-3)
