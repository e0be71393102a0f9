"""Map layers out: read back with pyogrio and geopandas, datums, two-datum tables."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

shapely = pytest.importorskip("shapely")
pyogrio = pytest.importorskip("pyogrio")
geopandas = pytest.importorskip("geopandas")

from sportsgov.coverage import circle_coverage, suggest_sites, two_step_fca  # noqa: E402
from sportsgov.coverage.boundaries import Boundaries  # noqa: E402
from sportsgov.coverage.geo import Points, gcj02_to_wgs84, great_circle_distance  # noqa: E402
from sportsgov.coverage.layers import (  # noqa: E402
    coordinate_columns,
    points_geojson,
    site_table,
)
from sportsgov.errors import InvalidInputError  # noqa: E402
from sportsgov.facilities import Inventory  # noqa: E402
from sportsgov.indicators import indicator_table  # noqa: E402
from sportsgov.regions import PopulationTable  # noqa: E402

RNG = np.random.default_rng(11)
LON = 113.6 + RNG.uniform(0, 0.1, 40)
LAT = 34.7 + RNG.uniform(0, 0.1, 40)
DEMAND = Points(LON, LAT, weight=RNG.integers(10, 500, 40), id=[f"g{i}" for i in range(40)])
FACS = Points([113.62, 113.68], [34.72, 34.78])


def districts() -> Boundaries:
    hole = [(113.62, 34.72), (113.63, 34.72), (113.63, 34.73), (113.62, 34.73)]
    west = shapely.Polygon(
        [(113.6, 34.7), (113.65, 34.7), (113.65, 34.8), (113.6, 34.8)], holes=[hole]
    )
    east = shapely.MultiPolygon(
        [shapely.box(113.65, 34.7, 113.7, 34.8), shapely.box(113.8, 34.7, 113.9, 34.8)]
    )
    return Boundaries.from_geometries(
        ["410102", "410103"], [west, east], names=["中原区", "二七区"]
    )


def test_coverage_geojson_reads_back_with_pyogrio_and_geopandas(tmp_path: Path) -> None:
    r = circle_coverage(DEMAND, FACS, radius=3000)
    fc = r.to_geojson(tmp_path / "cov.geojson")
    assert fc["datum"] == "wgs84" and "datum_note" not in fc
    gdf = geopandas.read_file(tmp_path / "cov.geojson")
    assert gdf["covered"].tolist() == r.covered.tolist()
    assert gdf["population"].tolist() == DEMAND.weights.tolist()
    assert np.allclose(gdf["nearest_m"], np.round(r.nearest, 1))
    assert np.abs(gdf.geometry.x.to_numpy() - LON).max() < 1e-9
    assert np.abs(gdf.geometry.y.to_numpy() - LAT).max() < 1e-9
    for suffix in (".gpkg", ".shp"):
        r.to_geojson(tmp_path / f"cov{suffix}")
        meta, _, wkb, values = pyogrio.raw.read(tmp_path / f"cov{suffix}")
        xy = shapely.get_coordinates(shapely.from_wkb(wkb))
        assert np.abs(xy[:, 0] - LON).max() < 1e-9
        col = dict(zip(meta["fields"].tolist(), values, strict=True))
        assert [bool(v) for v in col["covered"]] == r.covered.tolist()
        assert col["id"].tolist() == DEMAND.id.tolist()


def test_gcj02_output_says_so_and_round_trips_under_1_mm(tmp_path: Path) -> None:
    fc = points_geojson(DEMAND, datum="gcj02", path=tmp_path / "g.geojson")
    data = json.loads((tmp_path / "g.geojson").read_text(encoding="utf-8"))
    assert data["datum"] == "gcj02" and "GCJ-02" in data["datum_note"]
    xy = np.array([f["geometry"]["coordinates"] for f in fc["features"]])
    assert great_circle_distance(xy[0, 0], xy[0, 1], LON[0], LAT[0]) > 100  # shifted
    back_lon, back_lat = gcj02_to_wgs84(xy[:, 0], xy[:, 1])
    assert great_circle_distance(back_lon, back_lat, LON, LAT).max() < 1e-3  # < 1 mm
    # and our readers honour the datum member
    b = districts()
    b.to_geojson(tmp_path / "d.geojson", datum="gcj02")
    again = Boundaries.from_file(tmp_path / "d.geojson", name="name")
    assert again.datum == "gcj02"
    a = shapely.get_coordinates(again.geometries)
    o = shapely.get_coordinates(b.geometries)
    assert great_circle_distance(a[:, 0], a[:, 1], o[:, 0], o[:, 1]).max() < 1e-3


def test_region_layers_are_choropleth_ready(tmp_path: Path) -> None:
    b = districts()
    by = b.locate(DEMAND)
    r = circle_coverage(DEMAND, FACS, radius=3000, by=np.where(by == None, "out", by))  # noqa: E711
    r.regions_geojson(b, tmp_path / "reg.geojson")
    gdf = geopandas.read_file(tmp_path / "reg.geojson")
    assert gdf["code"].tolist() == ["410102", "410103"]
    assert gdf["name"].tolist() == ["中原区", "二七区"]
    for code, share in zip(gdf["code"], gdf["share"], strict=True):
        assert share == pytest.approx(r.regions[code].share)
    assert gdf.geometry.iloc[1].geom_type == "MultiPolygon"
    assert gdf.geometry.iloc[0].equals(b.geometries[0])  # hole kept

    inv = Inventory.from_records(
        [
            {"id": 1, "kind": "gym", "region": "410102", "area": 500},
            {"id": 2, "kind": "gym", "region": "410103", "area": 300},
        ]
    )
    pop = PopulationTable({("410102", 2024): 100, ("410103", 2024): 300})
    table = indicator_table(inv, pop, as_of="2024-12-31", regions=["410102", "410103"])
    fc = table.to_geojson(boundaries=b)
    props = [f["properties"] for f in fc["features"]]
    assert [p["value"] for p in props] == [5.0, 1.0]
    assert props[0]["unit"] == table.unit


def test_sites_and_accessibility_layers() -> None:
    cands = Points([113.61, 113.66, 113.69], [34.71, 34.75, 34.79], id=["c1", "c2", "c3"])
    s = suggest_sites(DEMAND, cands, radius=2000, count=2)
    fc = s.to_geojson(candidates=cands, boundaries=districts())
    props = [f["properties"] for f in fc["features"]]
    assert [p["order"] for p in props] == [1, 2]
    assert [p["site"] for p in props] == list(s.sites)
    assert [p["gain"] for p in props] == list(s.gains)
    assert all(p["region"] in ("410102", "410103") for p in props)
    rows = site_table(s, cands)
    chosen = cands.take(np.asarray(s.sites))
    cols = coordinate_columns(chosen)
    assert [r["lon_gcj02"] for r in rows] == cols["lon_gcj02"].tolist()
    assert [r["lon_wgs84"] for r in rows] == chosen.lon.tolist()
    with pytest.raises(InvalidInputError, match=r"candidates=None: a SiteSelection holds"):
        s.to_geojson()

    costs = np.array([[100.0, 900.0], [900.0, 100.0], [2000.0, 2000.0]])
    a = two_step_fca([10, 20, 30], [1, 1], costs, threshold=500)
    demand = Points([113.6, 113.7, 113.8], [34.7, 34.7, 34.7], weight=[10, 20, 30])
    fc = a.to_geojson(demand=demand)
    assert [f["properties"]["reached"] for f in fc["features"]] == [True, True, False]
    with pytest.raises(InvalidInputError, match=r"must have one point per score \(3\)"):
        a.to_geojson(demand=demand[:2])


def test_inventory_layer_converts_mixed_datums() -> None:
    inv = Inventory.from_records(
        [
            {"id": "a", "kind": "gym", "region": "X", "area": 1, "lon": 113.6, "lat": 34.7},
            {
                "id": "b",
                "kind": "gym",
                "region": "X",
                "area": 1,
                "lon": 113.606,
                "lat": 34.699,
                "datum": "gcj02",
            },
            {"id": "c", "kind": "gym", "region": "X", "area": 1},
        ]
    )
    fc = inv.to_geojson()
    assert [f["properties"]["id"] for f in fc["features"]] == ["a", "b"]
    lon, lat = gcj02_to_wgs84(113.606, 34.699)
    assert fc["features"][1]["geometry"]["coordinates"] == pytest.approx([lon, lat], abs=1e-9)


def test_bad_output_path(tmp_path: Path) -> None:
    with pytest.raises(
        InvalidInputError, match=r"path=.*must end in .geojson, .json, .gpkg or .shp"
    ):
        points_geojson(DEMAND, path=tmp_path / "x.kml")
    with pytest.raises(
        InvalidInputError, match=r"properties\['a'\]=.*must have one value per feature \(40\)"
    ):
        points_geojson(DEMAND, {"a": [1, 2]})
