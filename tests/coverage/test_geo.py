"""Tests for sportsgov.coverage.geo: Points, datum conversions, great-circle helpers."""

from __future__ import annotations

import math
import pickle
import subprocess
import sys
from fractions import Fraction

import attrs
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from sportsgov.coverage.geo import (
    CHINA_BOX,
    EARTH_RADIUS_M,
    NeighbourPairs,
    Points,
    align_datums,
    arc_for_chord,
    bd09_to_gcj02,
    bd09_to_wgs84,
    chord_for_arc,
    convert,
    gcj02_to_bd09,
    gcj02_to_wgs84,
    great_circle_distance,
    nearest_neighbours,
    out_of_china,
    pairs_within,
    unit_vectors,
    wgs84_to_bd09,
    wgs84_to_gcj02,
)
from sportsgov.errors import DataError, DatumError, InvalidInputError
from sportsgov.testing import MAINLAND_CHINA_BOX, lonlats, points

# --------------------------------------------------------------------------- fixtures
# Published conversion pairs.
# googollee/eviltransform, python/test.py: (wgsLat, wgsLng, gcjLat, gcjLng)
EVILTRANSFORM = [
    (31.1774276, 121.5272106, 31.17530398364597, 121.531541859215),  # shanghai
    (22.543847, 113.912316, 22.540796131694766, 113.9171764808363),  # shenzhen
    (39.911954, 116.377817, 39.91334545536069, 116.38404722455657),  # beijing
]
# (eviltransform's test file also lists two BD-09 -> WGS-84 pairs; they are 10-40 m
# away from what its own formula gives, so they probably come from Baidu's online
# API rather than the formula, and are not used here.)
# Glatzel/pyxis (geotool) python tests: one point in three datums. pyxis uses the
# WGS-84 semi-major axis (6378137 m) in the GCJ formula instead of Krasovsky's
# 6378245 m, which moves GCJ-02 by ~1 cm; the GCJ-02 -> BD-09 step is identical.
PYXIS_WGS = (121.0917077, 30.6107779)
PYXIS_GCJ = (121.09626935575027, 30.608604331756705)
PYXIS_BD = (121.10271732371203, 30.61484572185035)

# Provincial capitals (WGS-84, rounded): their GCJ-02 shift must lie within the
# 41-686 m range reported in secondary sources for mainland China.
CAPITALS = {
    "Beijing": (116.40, 39.90),
    "Shanghai": (121.47, 31.23),
    "Urumqi": (87.62, 43.82),
    "Lhasa": (91.11, 29.65),
    "Harbin": (126.63, 45.75),
    "Haikou": (110.35, 20.02),
    "Kunming": (102.83, 24.88),
    "Lanzhou": (103.83, 36.06),
    "Hohhot": (111.75, 40.84),
    "Zhengzhou": (113.62, 34.75),
    "Hangzhou": (120.15, 30.27),
    "Xining": (101.78, 36.62),
}


def _brute_haversine(lon1, lat1, lon2, lat2):
    """Independent formula: central angle via atan2 of cross/dot of unit vectors."""

    def vec(lon, lat):
        lon, lat = np.radians(lon), np.radians(lat)
        return np.stack([np.cos(lat) * np.cos(lon), np.cos(lat) * np.sin(lon), np.sin(lat)], -1)

    a, b = (
        vec(np.asarray(lon1, float), np.asarray(lat1, float)),
        vec(np.asarray(lon2, float), np.asarray(lat2, float)),
    )
    cross = np.linalg.norm(np.cross(a, b), axis=-1)
    dot = np.sum(a * b, axis=-1)
    return EARTH_RADIUS_M * np.arctan2(cross, dot)


# --------------------------------------------------------------------------- worked examples
@pytest.mark.parametrize(("wlat", "wlon", "glat", "glon"), EVILTRANSFORM)
def test_wgs_to_gcj_matches_eviltransform(wlat, wlon, glat, glon):
    x, y = wgs84_to_gcj02(wlon, wlat)
    assert x == pytest.approx(glon, abs=1e-9)
    assert y == pytest.approx(glat, abs=1e-9)


@pytest.mark.parametrize(("wlat", "wlon", "glat", "glon"), EVILTRANSFORM)
def test_gcj_to_wgs_inverts_eviltransform_pairs(wlat, wlon, glat, glon):
    x, y = gcj02_to_wgs84(glon, glat)
    # eviltransform's exact inverse promises < 0.5 m; ours closes to < 1 mm.
    assert great_circle_distance(x, y, wlon, wlat) < 1e-3


def test_r_package_vector():
    # R 'ChinaGeo'-style test (wgs 39.90734, 116.39089 -> gcj 39.90874107, 116.39713094)
    x, y = wgs84_to_gcj02(116.39089, 39.90734)
    assert (round(x, 8), round(y, 8)) == (116.39713094, 39.90874107)


def test_pyxis_vectors():
    assert gcj02_to_bd09(*PYXIS_GCJ) == pytest.approx(PYXIS_BD, abs=1e-9)
    assert bd09_to_gcj02(*PYXIS_BD) == pytest.approx(PYXIS_GCJ, abs=1e-9)
    # different semi-major axis in pyxis: ~1 cm, i.e. < 2e-7 degrees
    assert wgs84_to_gcj02(*PYXIS_WGS) == pytest.approx(PYXIS_GCJ, abs=2e-7)
    assert wgs84_to_bd09(*PYXIS_WGS) == pytest.approx(PYXIS_BD, abs=2e-7)
    assert bd09_to_wgs84(*PYXIS_BD) == pytest.approx(PYXIS_WGS, abs=2e-7)
    assert convert(*PYXIS_BD, src="BD-09", dst="GCJ-02") == pytest.approx(PYXIS_GCJ, abs=1e-9)


@pytest.mark.parametrize("city", sorted(CAPITALS))
def test_gcj_shift_in_published_range(city):
    lon, lat = CAPITALS[city]
    x, y = wgs84_to_gcj02(lon, lat)
    shift = float(great_circle_distance(lon, lat, x, y))
    assert 41.0 <= shift <= 686.0


def test_one_degree_of_latitude_and_radius():
    assert float(great_circle_distance(0, 0, 0, 1)) == pytest.approx(
        EARTH_RADIUS_M * math.pi / 180, rel=1e-12
    )
    assert float(great_circle_distance(0, 0, 180, 0)) == pytest.approx(
        math.pi * EARTH_RADIUS_M, rel=1e-12
    )
    assert EARTH_RADIUS_M == 6_371_008.8


def test_out_of_china_unchanged():
    lon = np.array([2.35, -74.0, 139.69, 72.0, 137.9])
    lat = np.array([48.86, 40.7, 35.69, 30.0, 40.0])
    assert out_of_china(lon, lat).all()
    for f in (
        wgs84_to_gcj02,
        gcj02_to_wgs84,
        gcj02_to_bd09,
        bd09_to_gcj02,
        wgs84_to_bd09,
        bd09_to_wgs84,
    ):
        x, y = f(lon, lat)
        assert np.array_equal(x, lon) and np.array_equal(y, lat)


def test_box_edges_inclusive():
    lon0, lat0, lon1, lat1 = CHINA_BOX
    assert not out_of_china([lon0, lon1], [lat0, lat1]).any()
    assert out_of_china([lon0 - 1e-9], [lat0]).all()


def test_scalar_in_float_out_and_shapes():
    x, y = wgs84_to_gcj02(116.4, 39.9)
    assert isinstance(x, float) and isinstance(y, float)
    xs, _ = wgs84_to_gcj02([[116.4, 120.0]], [[39.9, 30.0]])
    assert xs.shape == (1, 2)
    xs, _ = gcj02_to_wgs84(np.array([]), np.array([]))
    assert xs.shape == (0,)


def test_inputs_not_mutated():
    lon = np.array([116.4, 120.0])
    lat = np.array([39.9, 30.0])
    before = lon.copy(), lat.copy()
    for f in (wgs84_to_gcj02, gcj02_to_wgs84, bd09_to_wgs84):
        f(lon, lat)
    p = Points(lon, lat)
    lon[0] = 0.0
    assert np.array_equal(before[1], lat)
    assert p.lon[0] == 116.4  # copied, not aliased


# --------------------------------------------------------------------------- properties
china = lonlats(MAINLAND_CHINA_BOX)


@given(st.lists(china, min_size=1, max_size=20))
def test_round_trip_gcj_below_1mm(pairs):
    lon = np.array([p[0] for p in pairs])
    lat = np.array([p[1] for p in pairs])
    x, y = gcj02_to_wgs84(*wgs84_to_gcj02(lon, lat))
    assert great_circle_distance(lon, lat, x, y).max() < 1e-3
    x, y = wgs84_to_gcj02(*gcj02_to_wgs84(lon, lat))
    assert great_circle_distance(lon, lat, x, y).max() < 1e-3


@given(st.lists(china, min_size=1, max_size=20))
def test_round_trip_bd_below_1mm(pairs):
    lon = np.array([p[0] for p in pairs])
    lat = np.array([p[1] for p in pairs])
    for fwd, inv in ((gcj02_to_bd09, bd09_to_gcj02), (wgs84_to_bd09, bd09_to_wgs84)):
        x, y = inv(*fwd(lon, lat))
        assert great_circle_distance(lon, lat, x, y).max() < 1e-3
        x, y = fwd(*inv(lon, lat))
        assert great_circle_distance(lon, lat, x, y).max() < 1e-3


@given(china)
def test_shift_is_tens_to_hundreds_of_metres(p):
    x, y = wgs84_to_gcj02(*p)
    shift = float(great_circle_distance(p[0], p[1], x, y))
    # over the whole box (which also holds sea and neighbouring land) the offset stays
    # between ~20 m and ~720 m; never zero inside the box
    assert 15.0 < shift < 750.0


@given(lonlats((-180, -90, 180, 90)), lonlats((-180, -90, 180, 90)))
def test_distance_matches_independent_formula(a, b):
    d = float(great_circle_distance(a[0], a[1], b[0], b[1]))
    ref = float(_brute_haversine(a[0], a[1], b[0], b[1]))
    assert d == pytest.approx(ref, rel=1e-9, abs=1e-6)
    assert d == pytest.approx(
        float(great_circle_distance(b[0], b[1], a[0], a[1])), rel=1e-12, abs=1e-9
    )
    assert 0.0 <= d <= math.pi * EARTH_RADIUS_M + 1e-6


@given(st.floats(min_value=0.0, max_value=math.pi * EARTH_RADIUS_M * 0.999))
def test_chord_arc_inverse(metres):
    assert float(arc_for_chord(chord_for_arc(metres))) == pytest.approx(metres, rel=1e-9, abs=1e-6)


@given(points(min_size=2, max_size=10, spread=None, weighted=False))
def test_chord_of_unit_vectors_is_arc(p):
    u = unit_vectors(p)
    assert np.allclose(np.linalg.norm(u, axis=1), 1.0)
    chord = np.linalg.norm(u[0] - u[1:], axis=1)
    arc = great_circle_distance(p.lon[0], p.lat[0], p.lon[1:], p.lat[1:])
    assert np.allclose(arc_for_chord(chord), arc, rtol=1e-7, atol=1e-3)


@given(points(max_size=15, datum=None, ids=True))
def test_points_to_round_trip_and_pickle(p):
    for d in ("wgs84", "gcj02", "bd09"):
        back = p.to(d).to(p.datum)
        assert great_circle_distance(p.lon, p.lat, back.lon, back.lat).max() < 1e-3
        assert back.datum == p.datum
    again = pickle.loads(pickle.dumps(p))
    assert again == p
    assert not again.lon.flags.writeable


@given(points(max_size=12, ids=True), st.data())
def test_slicing_and_take(p, data):
    mask = np.array(data.draw(st.lists(st.booleans(), min_size=len(p), max_size=len(p))))
    sub = p[mask]
    assert len(sub) == int(mask.sum())
    assert sub.id.tolist() == p.id[mask].tolist()
    idx = data.draw(st.lists(st.integers(0, len(p) - 1), max_size=5))
    assert p.take(idx).id.tolist() == [p.id[i] for i in idx]
    assert p[idx].lon.tolist() == [p.lon[i] for i in idx]
    assert len(p[1:]) == len(p) - 1
    assert p[-1].id.tolist() == [p.id[-1]]


# --------------------------------------------------------------------------- neighbour helpers
@given(points(max_size=15, datum=None), points(max_size=15, datum=None), st.floats(100, 20_000))
def test_pairs_within_matches_brute_force(a, b, radius):
    pairs = pairs_within(a, b, radius=radius)
    aw, bw = a.to("wgs84"), b.to("wgs84")
    d = great_circle_distance(aw.lon[:, None], aw.lat[:, None], bw.lon[None, :], bw.lat[None, :])
    ii, jj = np.nonzero(d <= radius)
    assert pairs.i.tolist() == ii.tolist()
    assert pairs.j.tolist() == jj.tolist()
    assert np.allclose(pairs.distance, d[ii, jj], rtol=1e-12)
    assert pairs.to_sparse().shape == (len(a), len(b))


@given(points(max_size=15, datum=None), points(max_size=15, datum=None))
def test_nearest_neighbours_matches_brute_force(a, b):
    dist, idx = nearest_neighbours(a, b)
    aw, bw = a.to("wgs84"), b.to("wgs84")
    d = great_circle_distance(aw.lon[:, None], aw.lat[:, None], bw.lon[None, :], bw.lat[None, :])
    assert np.allclose(dist, d.min(axis=1), rtol=1e-9, atol=1e-9)
    assert np.allclose(d[np.arange(len(a)), idx], d.min(axis=1), rtol=1e-9, atol=1e-9)


def test_nearest_with_limit_never_nan():
    dist, idx = nearest_neighbours(
        Points([0.0, 10.0], [0.0, 0.0]), Points([0.0], [0.001]), max_distance=500
    )
    assert dist[0] == pytest.approx(111.19, abs=0.01)
    assert math.isinf(dist[1]) and idx[1] == -1
    assert not np.isnan(dist).any()


def test_pairs_boundary_is_inclusive():
    a = Points([120.0], [30.0])
    b = Points([120.01], [30.0])
    d = float(great_circle_distance(120.0, 30.0, 120.01, 30.0))
    assert len(pairs_within(a, b, radius=d)) == 1
    assert len(pairs_within(a, b, radius=np.nextafter(d, 0))) == 0


def test_gcj_and_wgs_layers_are_aligned_before_pairs():
    wgs = Points([120.58, 120.60], [30.0, 30.01])
    gcj = wgs.to("gcj02")
    pairs = pairs_within(wgs, gcj, radius=1.0)  # same places, 490 m apart if not aligned
    assert pairs.i.tolist() == [0, 1] and pairs.j.tolist() == [0, 1]
    assert pairs.distance.max() < 1e-3


def test_neighbour_pairs_repr_and_len():
    p = pairs_within(Points([0.0], [0.0]), Points([0.0], [0.0]), radius=1)
    assert isinstance(p, NeighbourPairs) and len(p) == 1 and "n=1" in repr(p)


# --------------------------------------------------------------------------- Points model
def test_points_frozen_and_read_only():
    p = Points([1.0], [2.0], weight=[3])
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        p.datum = "gcj02"  # type: ignore[misc]
    with pytest.raises(ValueError, match="read-only"):
        p.lon[0] = 5.0


def test_points_equality_and_hash():
    a = Points([1.0, 2.0], [3.0, 4.0], weight=[1, 2])
    assert a == Points([1, 2], [3, 4], weight=[1.0, 2.0])
    assert a != Points([1.0, 2.0], [3.0, 4.0])
    assert a != Points([1.0, 2.0], [3.0, 4.0], weight=[1, 2], datum="gcj02")
    assert hash(a) == hash(Points([1, 2], [3, 4], weight=[1.0, 2.0]))


def test_weights_default_to_one_and_bbox():
    p = Points([1.0, 3.0], [2.0, -4.0])
    assert p.weights.tolist() == [1.0, 1.0] and p.total_weight == 2.0
    assert p.bbox == (1.0, -4.0, 3.0, 2.0)


def test_from_records_and_mixed():
    rows = [
        {"lon": "120.58", "lat": "30.0", "datum": "wgs84", "pop": "10"},
        {"lon": "120.585", "lat": "29.998", "datum": "GCJ-02", "pop": "5"},
    ]
    with pytest.raises(
        DatumError, match=r"datum: layer mixes 'gcj02' \(1 point\), 'wgs84' \(1 point\)"
    ):
        Points.from_records(rows, weight="pop", datum_field="datum")
    p = Points.from_records(rows, weight="pop", datum_field="datum", to="wgs84")
    assert p.datum == "wgs84" and p.weight.tolist() == [10.0, 5.0]
    x, y = gcj02_to_wgs84(120.585, 29.998)
    assert (p.lon[1], p.lat[1]) == pytest.approx((x, y), abs=1e-12)
    same = Points.from_records(rows[1:], datum_field="datum")
    assert same.datum == "gcj02"


def test_from_csv_gz_and_errors(tmp_path):
    import gzip

    f = tmp_path / "pop.csv.gz"
    with gzip.open(f, "wt", encoding="utf-8") as fh:
        fh.write("lon,lat,population\n113.6,34.7,120\n113.61,34.71,80\n")
    p = Points.from_csv(f, weight="population")
    assert p.weight.tolist() == [120.0, 80.0] and p.datum == "wgs84"
    bad = tmp_path / "bad.csv"
    bad.write_text("lon,lat\n113.6,34.7\n113.6,north\n", encoding="utf-8")
    with pytest.raises(
        DataError, match=r"bad.csv, row 3, field lat: lat='north': expected degrees such as 113.6"
    ):
        Points.from_csv(bad)
    missing = tmp_path / "missing.csv"
    missing.write_text("x,lat\n1,2\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"missing.csv, row 1, field lon: lon: field missing"):
        Points.from_csv(missing)


def test_mixed_datum_array_refused_in_constructor():
    with pytest.raises(
        DatumError, match=r"datum: layer mixes 'bd09' \(2 points\), 'wgs84' \(1 point\)"
    ):
        Points([1.0, 2.0, 3.0], [1.0, 2.0, 3.0], datum=["bd09", "wgs84", "BD-09"])
    with pytest.raises(
        InvalidInputError, match=r"datums=2 values: must have one value per point \(1\)"
    ):
        Points.from_mixed([1.0], [1.0], ["wgs84", "gcj02"])


def test_datum_aliases():
    assert Points([1.0], [1.0], datum="WGS-84").datum == "wgs84"
    assert Points([1.0], [1.0], datum="GCJ_02").datum == "gcj02"
    assert Points([1.0], [1.0], datum=["bd09", "BD-09"]).datum == "bd09"


def test_align_datums():
    a = Points([120.58], [30.0], datum="bd09")
    (w,) = align_datums(a)
    assert w.datum == "wgs84"
    assert align_datums(w)[0] is w


def test_points_subprocess_pickle():
    p = Points([120.5, 121.0], [30.0, 31.0], datum="gcj02", weight=[1, 2], id=["a", "b"])
    code = (
        "import pickle, sys; p = pickle.loads(sys.stdin.buffer.read()); "
        "print(p.datum, p.weight.tolist(), p.id.tolist(), p.lon.flags.writeable)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], input=pickle.dumps(p), capture_output=True, check=True
    )
    assert out.stdout.decode().split() == ["gcj02", "[1.0,", "2.0]", "['a',", "'b']", "False"]


# --------------------------------------------------------------------------- bad input
@pytest.mark.parametrize(
    ("lon", "lat", "message"),
    [
        ([np.nan], [30.0], r"lon\[0\]=nan: must be finite"),
        ([120.0, 120.0], [30.0, np.inf], r"lat\[1\]=inf: must be finite"),
        ([120.0], [95.0], r"lat\[0\]=95.0: must be within \[-90, 90\] °$"),
        ([200.0], [30.0], r"lon\[0\]=200.0: must be within \[-180, 180\] °"),
        ([30.0, 31.0], [120.0, 121.0], r"lon and lat look swapped \(pass longitude first\)"),
        ([1.0, 2.0], [3.0], r"lat=\[3.0\]: must have as many values as lon \(2\)|lat=1 values"),
        ([[1.0, 2.0]], [[3.0, 4.0]], r"lon=array of shape \(1, 2\): must be 1-D"),
        (["a"], [1.0], r"lon\[0\]='a': expected degrees such as 113.6"),
        ([1.0], ["34°61′"], r"lat\[0\]='34°61′': minutes must be < 60"),
        (["113°36′N"], [1.0], r"lon\[0\]='113°36′N': hemisphere N is not one of a longitude"),
    ],
)
def test_bad_coordinates(lon, lat, message):
    with pytest.raises(InvalidInputError, match=message):
        Points(lon, lat)


def test_coordinates_as_text_dms_or_decimal_in_frames_and_arrays():
    # oracle: D + M/60 + S/3600 (exact), W and S negative
    pd = pytest.importorskip("pandas")
    df = pd.DataFrame({"经度": ["113°36′12″E", "113.7", "0°30′W"], "纬度": ["34°46′N"] * 3})
    p = Points.from_frame(df, lon="经度", lat="纬度")
    dms = Fraction(113) + Fraction(36, 60) + Fraction(12, 3600)
    assert p.lon.tolist() == [float(dms), 113.7, -0.5]
    assert p.lat.tolist() == [float(34 + Fraction(46, 60))] * 3
    assert Points(np.array(["113度36分"], dtype=object), [34.5]).lon.tolist() == [113.6]


def test_swapped_western_china_detected():
    # Kashgar and Urumqi passed as (lat, lon): "lat" 76-88 is valid, so only the
    # China heuristic can catch it.
    with pytest.raises(
        InvalidInputError, match=r"with lon and lat swapped every point falls in China"
    ):
        Points([39.47, 43.82], [75.99, 87.62])
    # Genuine Arctic data whose swap does not land in China is accepted (Norilsk;
    # Tromsø, whose swap (69.6, 18.9) is west of the box).
    Points([88.2], [69.35])
    Points([18.96], [69.65])


def test_bad_weights():
    with pytest.raises(
        InvalidInputError, match=r"weight\[1\]=-1.0: must be finite and >= 0 persons"
    ):
        Points([1.0, 2.0], [1.0, 2.0], weight=[3, -1])
    with pytest.raises(InvalidInputError, match=r"weight\[0\]=nan: must be finite"):
        Points([1.0], [1.0], weight=[np.nan])
    with pytest.raises(
        InvalidInputError, match=r"weight=1 values: must have one value per point \(2\)"
    ):
        Points([1.0, 2.0], [1.0, 2.0], weight=[3])


def test_unknown_datum():
    with pytest.raises(
        DatumError, match=r"datum='cgcs2000': expected one of 'wgs84', 'gcj02', 'bd09'"
    ):
        Points([1.0], [1.0], datum="cgcs2000")
    with pytest.raises(DatumError, match=r"datum=None"):
        Points([1.0], [1.0], datum=None)  # type: ignore[arg-type]
    with pytest.raises(DatumError, match=r"src='utm'"):
        convert(1.0, 2.0, src="utm", dst="wgs84")
    with pytest.raises(
        DatumError, match=r"layers\[0\]=ndarray: must be a Points layer with a datum"
    ):
        align_datums(np.zeros(3))  # type: ignore[arg-type]


def test_bad_conversion_inputs():
    with pytest.raises(InvalidInputError, match=r"lat\[0\]=nan: must be finite"):
        wgs84_to_gcj02([120.0], [np.nan])
    with pytest.raises(InvalidInputError, match=r"lat=91.0: must be within"):
        gcj02_to_wgs84(120.0, 91.0)
    with pytest.raises(InvalidInputError, match=r"lon and lat must have the same shape"):
        great_circle_distance([1.0, 2.0, 3.0], [1.0, 2.0], 0.0, 0.0)


def test_empty_layers_and_bad_radius():
    empty = Points([], [])
    assert len(empty) == 0
    one = Points([1.0], [1.0])
    with pytest.raises(InvalidInputError, match=r"a=0 points: must not be empty"):
        pairs_within(empty, one, radius=10)
    with pytest.raises(InvalidInputError, match=r"b=0 points: must not be empty"):
        nearest_neighbours(one, empty)
    with pytest.raises(InvalidInputError, match=r"radius=0 m: must be > 0 m"):
        pairs_within(one, one, radius=0)
    with pytest.raises(InvalidInputError, match=r"radius=-5 m: must be > 0 m"):
        pairs_within(one, one, radius=-5)
    with pytest.raises(InvalidInputError, match=r"points=0 points: must not be empty"):
        _ = empty.bbox
    with pytest.raises(InvalidInputError, match=r"index=5: must be in \[-1, 1\)"):
        one[5]
    with pytest.raises(InvalidInputError, match=r"indices=3: must be in"):
        one.take([3])


def test_numbers_beyond_float64_and_huge_weights_are_refused() -> None:
    """The hardening work: ints beyond 1.8e308 used to escape as OverflowError; weights near
    1e308 made the layer's total inf (and a coverage share NaN)."""
    with pytest.raises(
        InvalidInputError,
        match=r"lon\[1\]=<int of about 401 digits>: coordinates must fit a finite float64 "
        r"\(\|x\| <= 1\.798e\+308\)",
    ):
        Points([120.0, 10**400], [30.0, 30.0])
    with pytest.raises(InvalidInputError, match=r"weight\[0\]=<int of about 401 digits>: weights"):
        Points([120.0], [30.0], weight=[10**400])
    with pytest.raises(
        InvalidInputError, match=r"weight\[1\]=1e\+308 persons: must be <= 1e\+15 persons$"
    ):
        Points([120.0, 120.1], [30.0, 30.0], weight=[1, 1e308])
    with pytest.raises(
        InvalidInputError,
        match=r"weight=total 1\.2e\+15 persons: must be <= 1e\+15 persons in all",
    ):
        Points([120.0, 120.1], [30.0, 30.0], weight=[6e14, 6e14])
    at_bound = Points([120.0, 120.1], [30.0, 30.0], weight=[5e14, 5e14])
    assert at_bound.total_weight == 1e15


def test_points_from_frame_equals_points_built_from_the_columns() -> None:
    pd = pytest.importorskip("pandas")
    df = pd.DataFrame({"x": [113.6, 113.7], "y": [34.7, 34.8], "pop": [5, 7], "code": ["a", "b"]})
    got = Points.from_frame(df, lon="x", lat="y", weight="pop", id="code", datum="gcj02")
    assert got == Points([113.6, 113.7], [34.7, 34.8], weight=[5, 7], id=["a", "b"], datum="gcj02")
    with pytest.raises(InvalidInputError, match=r"^lon='lon': no such column; the frame has x, y"):
        Points.from_frame(df)
