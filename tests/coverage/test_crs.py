"""Points in any CRS: CGCS2000 Gauss–Krüger and geographic, checked against pyproj itself."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sportsgov.coverage.circle import circle_coverage
from sportsgov.coverage.crs import from_wgs84, to_wgs84
from sportsgov.coverage.geo import Points, great_circle_distance
from sportsgov.errors import DatumError, InvalidInputError

pyproj = pytest.importorskip("pyproj")


def test_gauss_kruger_zone_40_matches_pyproj() -> None:
    rng = np.random.default_rng(0)
    x = 40_500_000 + rng.uniform(-150_000, 150_000, 200)  # zone 40, central meridian 120° E
    y = rng.uniform(2_500_000, 4_500_000, 200)
    ref = pyproj.Transformer.from_crs("EPSG:4528", "EPSG:4326", always_xy=True)
    lon_ref, lat_ref = ref.transform(x, y)
    p = Points(x, y, crs="EPSG:4528")
    assert p.datum == "wgs84"
    assert p.crs is None  # input only: the layer is plain WGS-84 now
    np.testing.assert_allclose(p.lon, lon_ref, rtol=0, atol=1e-12)
    np.testing.assert_allclose(p.lat, lat_ref, rtol=0, atol=1e-12)
    # the central meridian: easting 500 km in zone 40 is 120° E
    assert Points([40_500_000.0], [3_800_000.0], crs=4528).lon[0] == pytest.approx(120.0)


@settings(max_examples=50, deadline=None)
@given(
    st.floats(40_400_000, 40_600_000, allow_nan=False),
    st.floats(2_400_000, 5_000_000, allow_nan=False),
)
def test_round_trip_below_a_millimetre(x: float, y: float) -> None:
    lon, lat = to_wgs84([x], [y], "EPSG:4528")
    xx, yy = from_wgs84(lon, lat, "EPSG:4528")
    assert abs(xx[0] - x) < 1e-3
    assert abs(yy[0] - y) < 1e-3


def test_cgcs2000_geographic_is_wgs84_within_a_metre() -> None:
    lon, lat = [113.62, 120.15], [34.75, 30.28]
    p = Points(lon, lat, crs="EPSG:4490")
    d = great_circle_distance(p.lon, p.lat, np.array(lon), np.array(lat))
    assert float(np.max(d)) < 1.0


def test_local_plane_distances_are_planar() -> None:
    rng = np.random.default_rng(1)
    xy = rng.uniform(-10_000, 10_000, (50, 2))
    p = Points(xy[:, 0], xy[:, 1], crs="local")
    i, j = np.triu_indices(50, 1)
    planar = np.hypot(*(xy[i] - xy[j]).T)
    sphere = great_circle_distance(p.lon[i], p.lat[i], p.lon[j], p.lat[j])
    assert float(np.max(np.abs(sphere - planar) / planar * 1000)) < 1.0  # < 1 mm per km


def test_circle_coverage_on_a_local_plane() -> None:
    homes = Points([0.0, 400.0, 900.0], [0.0, 299.0, 0.0], crs="local", weight=[1, 1, 1])
    gym = Points([0.0], [0.0], crs="local")
    r = circle_coverage(homes, gym, radius=500)
    assert r.covered.tolist() == [True, True, False]  # 0 m, 499.2 m, 900 m
    np.testing.assert_allclose(r.nearest, [0.0, np.hypot(400, 299), 900.0], atol=1e-3)


def test_bad_crs_inputs() -> None:
    with pytest.raises(InvalidInputError, match=r"crs='EPSG:999999': unknown to pyproj"):
        Points([1.0], [2.0], crs="EPSG:999999")
    with pytest.raises(DatumError, match=r"datum='gcj02': give either crs= or datum="):
        Points([40_500_000.0], [3_800_000.0], crs="EPSG:4528", datum="gcj02")
    with pytest.raises(InvalidInputError, match=r"x\[0\], y\[0\]=\(nan, 1.0\): must be finite"):
        to_wgs84([float("nan")], [1.0], "EPSG:4528")


def test_core_import_does_not_need_pyproj() -> None:
    code = "import sys, sportsgov, sportsgov.coverage; print('pyproj' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
