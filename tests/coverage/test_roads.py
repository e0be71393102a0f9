"""Real road networks in: osmnx graphs, frames, files and CSV columns, against networkx Dijkstra.

The street network is libpysal's bundled Tempe, Arizona streets (``geodanet/streets.shp``,
293 segments in Arizona Central State Plane, US survey feet) — a real network that
ships inside a wheel.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

nx = pytest.importorskip("networkx")
shapely = pytest.importorskip("shapely")
pyogrio = pytest.importorskip("pyogrio")
pyproj = pytest.importorskip("pyproj")

from sportsgov.coverage.network import RoadNetwork  # noqa: E402
from sportsgov.errors import DataError, InvalidInputError, NotFoundError  # noqa: E402

STREETS = Path(pyogrio.__file__).resolve().parent.parent / "libpysal/examples/geodanet/streets.shp"
US_FOOT = 1200 / 3937  # metres


@pytest.fixture(scope="module")
def tempe() -> nx.MultiDiGraph:
    """An osmnx-style graph of the Tempe streets: WGS-84 nodes, lengths in metres,
    every fifth street one-way (drawn direction only)."""
    if not STREETS.exists():
        pytest.skip("libpysal examples not installed")
    meta, _, wkb, values = pyogrio.raw.read(STREETS)
    lines = shapely.from_wkb(wkb)
    feet = dict(zip(meta["fields"].tolist(), values, strict=True))["Length"]
    tf = pyproj.Transformer.from_crs(meta["crs"], "EPSG:4326", always_xy=True)
    ends = np.concatenate(
        [
            shapely.get_coordinates(shapely.get_point(lines, 0)),
            shapely.get_coordinates(shapely.get_point(lines, -1)),
        ]
    )
    lon, lat = tf.transform(ends[:, 0], ends[:, 1])
    keys = [(round(x, 9), round(y, 9)) for x, y in zip(lon, lat, strict=True)]
    ids: dict[tuple[float, float], int] = {}
    G = nx.MultiDiGraph(crs="EPSG:4326")
    for key in keys:
        if key not in ids:
            ids[key] = 1000 + len(ids)
            G.add_node(ids[key], x=key[0], y=key[1])
    m = len(lines)
    for k in range(m):
        u, v, metres = ids[keys[k]], ids[keys[m + k]], float(feet[k]) * US_FOOT
        G.add_edge(u, v, length=metres)
        if k % 5:
            G.add_edge(v, u, length=metres)
    return G


def dijkstra_all(G: nx.Graph, net: RoadNetwork, sources: list[int]) -> None:
    """Our cut-off Dijkstra equals networkx's from several sources, node by node."""
    position = {node: i for i, node in enumerate(net.nodes.id.tolist())}
    for s in sources:
        want = nx.single_source_dijkstra_path_length(G, s, weight="length")
        dist, _ = net.multi_source([position[s]], limit=1e9)
        got = {node: float(dist[i]) for node, i in position.items() if np.isfinite(dist[i])}
        assert got.keys() == want.keys()
        assert max(abs(got[k] - want[k]) for k in want) < 1e-6


def test_from_osmnx_equals_networkx_dijkstra(tempe: nx.MultiDiGraph) -> None:
    net = RoadNetwork.from_osmnx(tempe, speed=4.5)
    assert net.directed and len(net) == tempe.number_of_nodes()
    sources = list(tempe.nodes)[::40]
    dijkstra_all(tempe, net, sources)
    # undirected graphs give undirected networks
    und = nx.Graph(tempe.to_undirected())
    dijkstra_all(und, RoadNetwork.from_osmnx(und), sources)


def test_projected_osmnx_graph_is_converted(tempe: nx.MultiDiGraph) -> None:
    tf = pyproj.Transformer.from_crs("EPSG:4326", "EPSG:32612", always_xy=True)
    G = tempe.copy()
    G.graph["crs"] = "EPSG:32612"
    for _, data in G.nodes(data=True):
        data["x"], data["y"] = tf.transform(data["x"], data["y"])
    net = RoadNetwork.from_osmnx(G)
    ref = RoadNetwork.from_osmnx(tempe)
    assert np.abs(net.nodes.lon - ref.nodes.lon).max() < 1e-9
    assert np.abs(net.nodes.lat - ref.nodes.lat).max() < 1e-9


def test_missing_lengths_are_great_circle(tempe: nx.MultiDiGraph) -> None:
    G = nx.MultiDiGraph(crs="EPSG:4326")
    G.add_node("a", x=-111.9, y=33.4)
    G.add_node("b", x=-111.9, y=33.401)
    G.add_edge("a", "b")
    net = RoadNetwork.from_osmnx(G)
    assert net.multi_source([0], limit=1e9)[0][1] == pytest.approx(111.19, abs=0.01)


def test_from_frames_and_geopackage_of_osmnx(tempe: nx.MultiDiGraph, tmp_path: Path) -> None:
    ox = pytest.importorskip("osmnx")
    nodes, edges = ox.convert.graph_to_gdfs(tempe)
    net = RoadNetwork.from_frames(nodes, edges, directed=True)
    sources = list(tempe.nodes)[::60]
    dijkstra_all(tempe, net, sources)
    path = tmp_path / "tempe.gpkg"
    ox.io.save_graph_geopackage(tempe, path, directed=True)
    dijkstra_all(tempe, RoadNetwork.from_file(path, directed=True), sources)


def test_street_file_split_at_line_ends() -> None:
    if not STREETS.exists():
        pytest.skip("libpysal examples not installed")
    net = RoadNetwork.from_file(STREETS, length=None)  # great-circle lengths along the lines
    meta, _, _, values = pyogrio.raw.read(STREETS)
    feet = dict(zip(meta["fields"].tolist(), values, strict=True))["Length"]
    ours = np.sort(net.graph.data)
    theirs = np.sort(np.asarray(feet, dtype=float) * US_FOOT)
    # the file's lengths are planar State Plane lengths: within 0.5 % of ours
    assert np.allclose(ours[ours > 1], np.repeat(theirs, 2)[np.repeat(theirs, 2) > 1], rtol=5e-3)
    with_field = RoadNetwork.from_file(STREETS, length="Length")
    assert with_field.graph.nnz == net.graph.nnz


def test_csv_columns_match_the_record_reader(tmp_path: Path) -> None:
    (tmp_path / "n.csv").write_text("id,lon,lat\n7,113.6,34.7\n8,113.601,34.7\n9,113.602,34.7\n")
    (tmp_path / "e.csv").write_text("source,target,length\n7,8,91.4\n8,9,91.4\n")
    (tmp_path / "nq.csv").write_text(
        'id,lon,lat\n"7",113.6,34.7\n"8",113.601,34.7\n"9",113.602,34.7\n'
    )
    fast = RoadNetwork.from_csv(tmp_path / "n.csv", tmp_path / "e.csv")
    slow = RoadNetwork.from_csv(tmp_path / "nq.csv", tmp_path / "e.csv")
    assert fast.nodes.id.tolist() == slow.nodes.id.tolist() == ["7", "8", "9"]
    assert fast.multi_source([0])[0].tolist() == slow.multi_source([0])[0].tolist()
    (tmp_path / "bad.csv").write_text("source,target,length\n7,99,1\n")
    with pytest.raises(NotFoundError, match=r"^bad.csv, row 2, field target: target='99'"):
        RoadNetwork.from_csv(tmp_path / "n.csv", tmp_path / "bad.csv")


def test_bad_inputs() -> None:
    with pytest.raises(InvalidInputError, match=r"G=<list>: must be a networkx graph"):
        RoadNetwork.from_osmnx([1, 2])
    pd = pytest.importorskip("pandas")
    with pytest.raises(InvalidInputError, match=r"nodes=.*needs columns 'lon' and 'lat'"):
        RoadNetwork.from_frames(pd.DataFrame({"a": [1]}), pd.DataFrame({"source": [1]}))


def test_file_errors_name_the_feature(tmp_path: Path) -> None:
    import json

    def feature(geometry: dict, **props: object) -> dict:
        return {"type": "Feature", "properties": props, "geometry": geometry}

    line = {"type": "LineString", "coordinates": [[113.6, 34.7], [113.601, 34.7]]}
    other = {"type": "LineString", "coordinates": [[113.601, 34.7], [113.602, 34.7]]}
    point = {"type": "Point", "coordinates": [113.6, 34.7]}
    path = tmp_path / "streets.geojson"
    path.write_text(
        json.dumps({"type": "FeatureCollection", "features": [feature(line), feature(point)]})
    )
    with pytest.raises(
        DataError, match=r"^streets.geojson, row 2, field geometry: geometry=Point:"
    ):
        RoadNetwork.from_file(path)
    features = [feature(line, length=91.4), feature(other, length=-1.0)]
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}))
    with pytest.raises(DataError, match=r"^streets.geojson, row 2, field length: length=-1.0"):
        RoadNetwork.from_file(path)
