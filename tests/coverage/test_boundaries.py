"""Boundaries: reading, datums, locating (against shapely point by point), trees, facilities."""

from __future__ import annotations

import pickle
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

shapely = pytest.importorskip("shapely")
pyogrio = pytest.importorskip("pyogrio")

from sportsgov.coverage.boundaries import Boundaries  # noqa: E402
from sportsgov.coverage.geo import Points, wgs84_to_gcj02  # noqa: E402
from sportsgov.errors import DataError, DatumError, InvalidInputError, NotFoundError  # noqa: E402
from sportsgov.facilities import Inventory  # noqa: E402
from sportsgov.regions import RegionTree  # noqa: E402

SITE = Path(pyogrio.__file__).resolve().parent.parent
LIBPYSAL = SITE / "libpysal" / "examples"


def reference(geoms: list, codes: list[str], lon: np.ndarray, lat: np.ndarray) -> list:
    """Brute force: the smallest code among the polygons that cover the point."""
    out = []
    for x, y in zip(lon.tolist(), lat.tolist(), strict=True):
        p = shapely.Point(x, y)
        hits = [c for g, c in zip(geoms, codes, strict=True) if g.covers(p)]
        out.append(min(hits) if hits else None)
    return out


def city() -> tuple[list, list[str]]:
    """Shared edges, a hole with an island in it, a multipolygon, an overlap."""
    ring = shapely.Polygon(
        [(0, 0), (4, 0), (4, 4), (0, 4)], holes=[[(1, 1), (3, 1), (3, 3), (1, 3)]]
    )
    island = shapely.box(1.5, 1.5, 2.5, 2.5)
    east = shapely.box(4, 0, 6, 4)  # shares the edge x=4 with the ring
    multi = shapely.MultiPolygon([shapely.box(6, 0, 7, 1), shapely.box(6, 3, 7, 4)])
    overlap = shapely.box(5, 3, 6.5, 5)  # overlaps east and multi
    geoms = [ring, island, east, multi, overlap]
    codes = ["20", "15", "10", "30", "05"]
    return geoms, codes


def test_locate_equals_shapely_covers_with_smallest_code_rule() -> None:
    geoms, codes = city()
    b = Boundaries.from_geometries(codes, geoms)
    rng = np.random.default_rng(7)
    lon = rng.uniform(-0.5, 7.5, 3000)
    lat = rng.uniform(-0.5, 5.5, 3000)
    # points exactly on shared edges, vertices and hole rings
    edge_lon = np.array([4.0, 4.0, 6.0, 1.0, 1.5, 2.0, 6.0, 5.0, 0.0])
    edge_lat = np.array([2.0, 0.0, 3.5, 2.0, 2.0, 2.5, 0.5, 3.0, 0.0])
    lon, lat = np.concatenate([lon, edge_lon]), np.concatenate([lat, edge_lat])
    got = b.locate(Points(lon, lat)).tolist()
    assert got == reference(geoms, codes, lon, lat)
    # spot checks of the stated rule
    assert got[-9] == "10"  # x=4 edge between ring "20" and east "10": "10" sorts first
    assert got[-6] == "20"  # on the edge of the ring's hole: the ring is a closed set
    assert got[-5] == "15"  # on the island's edge (inside the hole)
    assert got[-1] == "20"  # outer corner belongs to the ring
    assert set(got) >= {"20", "15", "10", "30", "05", None}


@settings(max_examples=25, deadline=None)
@given(
    st.lists(
        st.tuples(st.floats(-0.5, 7.5), st.floats(-0.5, 5.5)),
        min_size=1,
        max_size=30,
    )
)
def test_locate_property_random_points(pts: list[tuple[float, float]]) -> None:
    geoms, codes = city()
    b = Boundaries.from_geometries(codes, geoms)
    lon = np.array([p[0] for p in pts])
    lat = np.array([p[1] for p in pts])
    assert b.locate(Points(lon, lat)).tolist() == reference(geoms, codes, lon, lat)


def test_feature_order_does_not_matter() -> None:
    geoms, codes = city()
    a = Boundaries.from_geometries(codes, geoms)
    b = Boundaries.from_geometries(codes[::-1], geoms[::-1])
    pts = Points([4.0, 6.0, 2.0, 5.5], [2.0, 3.5, 2.0, 4.5])
    assert a.locate(pts).tolist() == b.locate(pts).tolist() == ["10", "05", "15", "05"]


def test_real_file_with_holes_and_multipolygons() -> None:
    path = LIBPYSAL / "Polygon_Holes" / "Polygon_Holes.shp"
    if not path.exists():
        pytest.skip("libpysal examples not installed")
    b = Boundaries.from_file(path, code="Name")
    _, _, wkb, values = pyogrio.raw.read(path, columns=["Name"])
    geoms = list(shapely.from_wkb(wkb))
    assert {g.geom_type for g in b.geometries} == {"Polygon", "MultiPolygon"}
    assert sum(shapely.get_num_interior_rings(shapely.get_parts(b.geometries))) >= 1
    w, s, e, n = b.bounds()
    rng = np.random.default_rng(1)
    lon, lat = rng.uniform(w, e, 5000), rng.uniform(s, n, 5000)
    got = b.locate(Points(lon, lat)).tolist()
    codes = [str(v) for v in values[0]]
    want = [
        min(
            [c for g, c in zip(geoms, codes, strict=True) if g.contains(shapely.Point(x, y))]
            or [None],
            key=lambda c: (c is None, c),
        )
        for x, y in zip(lon, lat, strict=True)
    ]
    assert got == want
    assert any(c is None for c in got)  # the holes


def test_projected_real_file_against_shapely_in_its_own_crs() -> None:
    """Tokyo's 262 municipalities (EPSG:30166, holes, multipolygons, invalid rings)."""
    pyproj = pytest.importorskip("pyproj")
    path = LIBPYSAL / "tokyo" / "tokyomet262.shp"
    if not path.exists():
        pytest.skip("libpysal examples not installed")
    b = Boundaries.from_file(path, code="GEOCODE")
    assert len(b) == 262
    _, _, wkb, values = pyogrio.raw.read(path, columns=["GEOCODE"])
    geoms = shapely.make_valid(shapely.from_wkb(wkb))
    codes = np.array([str(v) for v in values[0]], dtype=object)
    x0, y0, x1, y1 = shapely.total_bounds(geoms)
    rng = np.random.default_rng(3)
    x, y = rng.uniform(x0, x1, 20_000), rng.uniform(y0, y1, 20_000)
    pts = shapely.points(x, y)
    # keep points more than 1 m from every boundary: edges bend slightly on reprojection
    tree = shapely.STRtree(shapely.boundary(geoms))
    near = np.zeros(len(pts), dtype=bool)
    near[tree.query(pts, predicate="dwithin", distance=1.0)[0]] = True
    inside = shapely.STRtree(geoms).query(pts[~near], predicate="within")
    want = np.full((~near).sum(), None, dtype=object)
    want[inside[0]] = codes[inside[1]]
    tf = pyproj.Transformer.from_crs("EPSG:30166", "EPSG:4326", always_xy=True)
    lon, lat = tf.transform(x[~near], y[~near])
    got = b.locate(Points(lon, lat))
    assert got.tolist() == want.tolist()
    assert (want != None).sum() > 1000  # noqa: E711


def test_gcj02_polygons_are_converted_on_load() -> None:
    square = np.array([(113.60, 34.70), (113.70, 34.70), (113.70, 34.80), (113.60, 34.80)])
    gx, gy = wgs84_to_gcj02(square[:, 0], square[:, 1])
    b = Boundaries.from_geometries(
        ["A"], [shapely.Polygon(np.column_stack([gx, gy]))], datum="gcj02"
    )
    back = shapely.get_coordinates(b.geometries[0])[:4]
    assert np.abs(back - square).max() < 1e-8  # < 1 mm
    assert b.datum == "gcj02"
    # points in any datum: a GCJ-02 point just inside the WGS-84 west edge
    px, py = wgs84_to_gcj02(np.array([113.6001]), np.array([34.75]))
    assert b.locate(Points(px, py, datum="gcj02")).tolist() == ["A"]
    assert b.locate(Points([113.6001], [34.75])).tolist() == ["A"]
    assert b.locate(Points([113.5999], [34.75])).tolist() == [None]


def test_bd09_alias_and_bad_datum() -> None:
    b = Boundaries.from_geometries(["A"], [shapely.box(113.6, 34.7, 113.7, 34.8)], datum="BD-09")
    assert b.datum == "bd09"
    with pytest.raises(
        DatumError, match=r"datum='tokyo': expected one of 'wgs84', 'gcj02', 'bd09'"
    ):
        Boundaries.from_geometries(["A"], [shapely.box(0, 0, 1, 1)], datum="tokyo")


def test_features_sharing_a_code_are_merged() -> None:
    b = Boundaries.from_geometries(
        ["1", "1", "2"],
        [shapely.box(0, 0, 1, 1), shapely.box(3, 0, 4, 1), shapely.box(1, 0, 2, 1)],
    )
    assert b.codes.tolist() == ["1", "2"]
    assert b.geometries[0].geom_type == "MultiPolygon"
    assert b.locate(Points([3.5, 0.5, 1.5], [0.5, 0.5, 0.5])).tolist() == ["1", "1", "2"]


def test_numeric_codes_are_written_without_decimals() -> None:
    b = Boundaries.from_geometries([410102.0, np.int64(410103)], [shapely.box(0, 0, 1, 1)] * 2)
    assert b.codes.tolist() == ["410102", "410103"]


def test_file_formats_round_trip(tmp_path: Path) -> None:
    geoms, codes = city()
    b = Boundaries.from_geometries(codes, geoms, names=[f"区{c}" for c in codes])
    pts = Points(np.linspace(0, 7, 50), np.linspace(0, 5, 50))
    for suffix in (".geojson", ".gpkg", ".shp"):
        path = tmp_path / f"d{suffix}"
        b.to_geojson(path)
        again = Boundaries.from_file(path, name="name")
        assert again.codes.tolist() == b.codes.tolist()
        assert again.names.tolist() == b.names.tolist()
        assert again.locate(pts).tolist() == b.locate(pts).tolist()
        for g1, g2 in zip(again.geometries, b.geometries, strict=True):
            assert shapely.equals_exact(
                shapely.normalize(g1), shapely.normalize(g2), 1e-9
            ) or g1.equals(g2)


def test_projected_gpkg_is_reprojected(tmp_path: Path) -> None:
    geopandas = pytest.importorskip("geopandas")
    gdf = geopandas.GeoDataFrame(
        {"code": ["A"]}, geometry=[shapely.box(113.6, 34.7, 113.7, 34.8)], crs="EPSG:4326"
    ).to_crs("EPSG:32649")
    path = tmp_path / "utm.gpkg"
    gdf.to_file(path)
    b = Boundaries.from_file(path)
    assert b.bounds() == pytest.approx((113.6, 34.7, 113.7, 34.8), abs=1e-6)
    assert Boundaries.from_frame(gdf).bounds() == pytest.approx(b.bounds(), abs=1e-9)


def test_tree_build_and_check() -> None:
    b = Boundaries.from_geometries(
        ["410102", "410103"],
        [shapely.box(0, 0, 1, 1), shapely.box(1, 0, 2, 1)],
        names=["中原区", "二七区"],
        parents=["410100", "410100"],
    )
    tree = b.to_tree(root={"code": "410100", "name": "郑州市", "level": "city"})
    assert [r.code for r in tree.children("410100")] == ["410102", "410103"]
    assert b.check_tree(tree, level="district") == []
    other = RegionTree.from_records(
        [
            {"code": "410100", "name": "郑州市", "level": "city"},
            {"code": "410102", "name": "中原", "level": "district", "parent": "410100"},
            {"code": "410104", "name": "管城回族区", "level": "district", "parent": "410100"},
        ]
    )
    found = b.check_tree(other, level="district")
    assert [(f.level, f.id) for f in found] == [
        ("warning", "410102"),
        ("error", "410103"),
        ("warning", "410104"),
    ]
    assert found[0].message == "name='中原区': the region tree calls region 410102 '中原'"


def facilities_fixture() -> Inventory:
    inv = Inventory.from_records(
        [
            {"id": "f1", "kind": "gym", "region": "A", "area": 10, "lon": 0.5, "lat": 0.5},
            {"id": "f2", "kind": "gym", "region": "A", "area": 10, "lon": 1.5, "lat": 0.5},
            {"id": "f3", "kind": "gym", "region": "A001", "area": 10, "lon": 0.2, "lat": 0.2},
            {"id": "f4", "kind": "gym", "region": "?", "area": 10, "lon": 1.5, "lat": 0.5},
            {"id": "f5", "kind": "gym", "region": "?", "area": 10, "lon": 9.0, "lat": 9.0},
            {"id": "f6", "kind": "gym", "region": "?", "area": 10},
        ]
    )
    return inv


def test_inventory_locate_fills_missing_and_flags_disagreement() -> None:
    b = Boundaries.from_geometries(["A", "B"], [shapely.box(0, 0, 1, 1), shapely.box(1, 0, 2, 1)])
    inv = facilities_fixture()
    filled = inv.locate(b, missing=("?",))
    assert filled.region_of.tolist() == ["A", "A", "A001", "B", "?", "?"]
    result = b.locate_facilities(inv, missing=["?"])
    assert result.filled.tolist() == [False, False, False, True, False, False]
    assert result.located.tolist() == ["A", "B", "A", "B", None, None]
    assert [(f.level, f.id, f.stated, f.located) for f in result.findings] == [
        ("warning", "f5", None, None),
        ("warning", "f6", None, None),
        ("error", "f2", "A", "B"),
    ]
    assert result.findings[2].message == "region='A': the facility lies in 'B'"
    assert inv.locate(b).region_of.tolist() == inv.region_of.tolist()  # nothing missing


def test_inventory_locate_uses_tree_and_mixed_datums() -> None:
    tree = RegionTree.from_records(
        [
            {"code": "C", "name": "市", "level": "city"},
            {"code": "A", "name": "甲", "level": "district", "parent": "C"},
            {"code": "s1", "name": "街", "level": "street", "parent": "A"},
        ]
    )
    wgs = (113.65, 34.75)
    gx, gy = wgs84_to_gcj02(*wgs)
    inv = Inventory.from_records(
        [
            {
                "id": 1,
                "kind": "gym",
                "region": "s1",
                "area": 1,
                "lon": gx,
                "lat": gy,
                "datum": "gcj02",
            },
            {"id": 2, "kind": "gym", "region": "s1", "area": 1, "lon": wgs[0], "lat": wgs[1]},
        ],
        tree=tree,
    )
    b = Boundaries.from_geometries(["A"], [shapely.box(113.6499, 34.7, 113.7, 34.8)])
    result = b.locate_facilities(inv)
    assert result.located.tolist() == ["A", "A"]  # the GCJ-02 point is converted first
    assert result.findings == ()


def test_bad_inputs() -> None:
    with pytest.raises(DataError, match=r"row 1, field geometry: geometry=LineString"):
        Boundaries.from_geometries(["A"], [shapely.LineString([(0, 0), (1, 1)])])
    with pytest.raises(DataError, match=r"row 2, field code: code: is required"):
        Boundaries.from_geometries(["A", None], [shapely.box(0, 0, 1, 1)] * 2)
    with pytest.raises(InvalidInputError, match=r"codes=.*must have one value per geometry \(1\)"):
        Boundaries.from_geometries(["A", "B"], [shapely.box(0, 0, 1, 1)])
    b = Boundaries.from_geometries(["A"], [shapely.box(0, 0, 1, 1)])
    with pytest.raises(InvalidInputError, match=r"points=<list>: must be a Points layer"):
        b.locate([(0.5, 0.5)])  # type: ignore[arg-type]
    with pytest.raises(NotFoundError, match=r"code='Z': not a region of the boundaries"):
        b.get("Z")


def test_bad_files(tmp_path: Path) -> None:
    with pytest.raises(DataError, match=r"no such file"):
        Boundaries.from_file(tmp_path / "none.shp")
    p = tmp_path / "x.geojson"
    p.write_text(
        '{"type": "FeatureCollection", "features": [{"type": "Feature", '
        '"properties": {"adcode": 1}, "geometry": null}]}',
        encoding="utf-8",
    )
    with pytest.raises(DataError, match=r"x.geojson, row 1, field code: code: missing property"):
        Boundaries.from_file(p)
    with pytest.raises(DataError, match=r"x.geojson, row 1, field geometry: geometry=None"):
        Boundaries.from_file(p, code="adcode")
    geoms, codes = city()
    Boundaries.from_geometries(codes, geoms).to_geojson(tmp_path / "c.gpkg")
    with pytest.raises(DataError, match=r"c.gpkg, field adcode: adcode: no such field"):
        Boundaries.from_file(tmp_path / "c.gpkg", code="adcode")


def test_pickle_round_trip() -> None:
    geoms, codes = city()
    b = Boundaries.from_geometries(codes, geoms, names=codes)
    again = pickle.loads(pickle.dumps(b))
    pts = Points([4.0, 2.0], [2.0, 2.0])
    assert again.locate(pts).tolist() == b.locate(pts).tolist()
    assert again.names.tolist() == codes


def test_many_regions_against_an_strtree_reference() -> None:
    """200 Voronoi regions (every fifth with a hole) over a box, points in and around it."""
    rng = np.random.default_rng(4)
    box = shapely.box(113.0, 34.0, 114.0, 35.0)
    seeds = shapely.multipoints(
        np.column_stack([rng.uniform(113, 114, 200), rng.uniform(34, 35, 200)])
    )
    cells = shapely.intersection(
        shapely.get_parts(shapely.voronoi_polygons(seeds, extend_to=box)), box
    )
    geoms = [
        c.difference(c.centroid.buffer(0.01)) if k % 5 == 0 else c
        for k, c in enumerate(cells.tolist())
    ]
    codes = [f"{k:04d}" for k in rng.permutation(len(geoms))]
    b = Boundaries.from_geometries(codes, geoms)
    lon, lat = rng.uniform(112.9, 114.1, 20_000), rng.uniform(33.9, 35.1, 20_000)
    # shared vertices of the cells: covered by several regions
    verts = shapely.get_coordinates(cells)[:500]
    lon, lat = np.concatenate([lon, verts[:, 0]]), np.concatenate([lat, verts[:, 1]])
    tree = shapely.STRtree(np.array(geoms, dtype=object))
    i, j = tree.query(shapely.points(lon, lat), predicate="intersects")
    want = np.full(lon.size, None, dtype=object)
    for p, g in sorted(
        zip(i.tolist(), j.tolist(), strict=True), key=lambda t: (t[0], codes[t[1]]), reverse=True
    ):
        want[p] = codes[g]
    assert b.locate(Points(lon, lat)).tolist() == want.tolist()
