"""Points.from_raster: a WorldPop-style GeoTIFF written here, totals checked cell by cell."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

rasterio = pytest.importorskip("rasterio")
shapely = pytest.importorskip("shapely")
from affine import Affine  # noqa: E402

from sportsgov.coverage.boundaries import Boundaries  # noqa: E402
from sportsgov.coverage.geo import Points  # noqa: E402
from sportsgov.errors import DataError, InvalidInputError  # noqa: E402

NODATA = -99999.0
STEP = 0.000833333333333  # WorldPop 3 arc-seconds (~100 m)


def write(path: Path, grid: np.ndarray, *, crs: str = "EPSG:4326", transform: Affine) -> Path:
    with rasterio.open(
        path,
        "w",
        driver="GTiff",
        width=grid.shape[1],
        height=grid.shape[0],
        count=1,
        dtype="float32",
        crs=crs,
        nodata=NODATA,
        transform=transform,
    ) as dst:
        dst.write(grid.astype(np.float32), 1)
    return path


def grid_fixture() -> np.ndarray:
    rng = np.random.default_rng(5)
    grid = rng.uniform(0, 80, (30, 40)).round(2)
    grid[rng.random(grid.shape) < 0.2] = NODATA
    grid[0, :5] = 0.0
    return grid


def test_totals_and_cell_centres(tmp_path: Path) -> None:
    grid = grid_fixture()
    t = Affine(STEP, 0, 113.6, 0, -STEP, 34.8)
    path = write(tmp_path / "chn_ppp.tif", grid, transform=t)
    pts = Points.from_raster(path)
    valid = (grid != NODATA) & (grid > 0)
    assert len(pts) == int(valid.sum())
    assert pts.total_weight == pytest.approx(float(grid[valid].astype(np.float32).sum()), rel=1e-6)
    rows, cols = np.nonzero(valid)
    assert np.allclose(pts.lon, 113.6 + (cols + 0.5) * STEP, atol=1e-9)
    assert np.allclose(pts.lat, 34.8 - (rows + 0.5) * STEP, atol=1e-9)
    assert len(Points.from_raster(path, keep_zero=True)) == int((grid != NODATA).sum())


def test_clipped_to_boundaries(tmp_path: Path) -> None:
    grid = grid_fixture()
    t = Affine(STEP, 0, 113.6, 0, -STEP, 34.8)
    path = write(tmp_path / "pop.tif", grid, transform=t)
    tri = shapely.Polygon([(113.605, 34.795), (113.63, 34.795), (113.605, 34.78)])
    b = Boundaries.from_geometries(["A"], [tri])
    clipped = Points.from_raster(path, boundaries=b)
    everything = Points.from_raster(path)
    inside = shapely.covers(tri, shapely.points(everything.lon, everything.lat))
    assert len(clipped) == int(inside.sum()) > 0
    assert clipped.total_weight == pytest.approx(float(everything.weights[inside].sum()))
    far = Boundaries.from_geometries(["Z"], [shapely.box(120, 30, 121, 31)])
    assert len(Points.from_raster(path, boundaries=far)) == 0


def test_projected_raster_is_converted(tmp_path: Path) -> None:
    pyproj = pytest.importorskip("pyproj")
    grid = np.array([[5.0, NODATA], [7.0, 9.0]])
    t = Affine(100.0, 0, 740_000.0, 0, -100.0, 3_850_000.0)
    path = write(tmp_path / "utm.tif", grid, crs="EPSG:32649", transform=t)
    pts = Points.from_raster(path)
    tf = pyproj.Transformer.from_crs("EPSG:32649", "EPSG:4326", always_xy=True)
    lon, lat = tf.transform(
        [740_050.0, 740_050.0, 740_150.0], [3_849_950.0, 3_849_850.0, 3_849_850.0]
    )
    assert np.allclose(pts.lon, lon, atol=1e-9) and np.allclose(pts.lat, lat, atol=1e-9)
    assert pts.weights.tolist() == [5.0, 7.0, 9.0]


def test_bad_rasters(tmp_path: Path) -> None:
    grid = np.array([[5.0, -3.0]])
    path = write(tmp_path / "neg.tif", grid, transform=Affine(STEP, 0, 113.6, 0, -STEP, 34.8))
    with pytest.raises(
        DataError, match=r"neg.tif, row 1, field band 1: population=-3: must be >= 0"
    ):
        Points.from_raster(path)
    with pytest.raises(InvalidInputError, match=r"band=2: must be within 1..1"):
        Points.from_raster(path, band=2)
    with pytest.raises(DataError, match=r"no such file"):
        Points.from_raster(tmp_path / "missing.tif")
    (tmp_path / "junk.tif").write_text("not a tiff")
    with pytest.raises(DataError, match=r"junk.tif: cannot read raster"):
        Points.from_raster(tmp_path / "junk.tif")
