"""Tests for sportsgov.coverage.circle: circle_coverage and CoverageResult."""

from __future__ import annotations

import math
import pickle

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from sportsgov.coverage.circle import circle_coverage
from sportsgov.coverage.geo import Points, great_circle_distance
from sportsgov.coverage.presets import (
    LIFE_CIRCLE_10,
    RURAL_FITNESS_CIRCLE,
    URBAN_FITNESS_CIRCLE,
    SettlementCircles,
)
from sportsgov.coverage.results import CoverageResult, RegionCoverage
from sportsgov.errors import InvalidInputError, NotFoundError, UnitError
from sportsgov.testing import points
from sportsgov.units import Q_

radii = st.floats(min_value=50.0, max_value=20_000.0, allow_nan=False)


def brute(demand: Points, facilities: Points, radius):
    """Independent reference: full haversine matrix on WGS-84 copies."""
    d = demand.to("wgs84")
    f = facilities.to("wgs84")
    dist = great_circle_distance(d.lon[:, None], d.lat[:, None], f.lon[None, :], f.lat[None, :])
    nearest = dist.min(axis=1)
    covered = (dist <= np.asarray(radius, dtype=float).reshape(-1, 1)).any(axis=1)
    w = demand.weights
    return covered, nearest, float(w[covered].sum()), float(w.sum())


# --------------------------------------------------------------------------- worked examples
def test_hand_computed_example():
    # Along the equator 0.001 degree = 111.195 m on our sphere.
    step = 6_371_008.8 * math.pi / 180 * 0.001
    homes = Points(
        [0.0, 0.001, 0.005, 0.009], [0.0] * 4, weight=[100, 200, 300, 400], id=list("abcd")
    )
    gyms = Points([0.0], [0.0])
    r = circle_coverage(homes, gyms, radius=step * 5)  # boundary point c at exactly 5 steps
    assert r.nearest == pytest.approx([0.0, step, 5 * step, 9 * step], rel=1e-12)
    assert r.covered.tolist() == [True, True, True, False]
    assert r.covered_population == 600 and r.total_population == 1000
    assert r.share == pytest.approx(0.6)
    assert r.uncovered.id.tolist() == ["d"]
    assert r.nearest_index.tolist() == [0, 0, 0, 0]
    assert r.unit == "m" and r.metric == "great_circle"


def test_boundary_is_inclusive():
    d = float(great_circle_distance(120.0, 30.0, 120.0075, 30.0))
    homes = Points([120.0075], [30.0])
    gyms = Points([120.0], [30.0])
    assert circle_coverage(homes, gyms, radius=d).covered.tolist() == [True]
    assert circle_coverage(homes, gyms, radius=np.nextafter(d, 0)).covered.tolist() == [False]


def test_radius_forms():
    homes = Points([120.0, 120.0], [30.0, 30.006])  # 667 m apart
    gyms = Points([120.0], [30.0])
    assert circle_coverage(homes, gyms, radius="1 km").covered.all()
    assert circle_coverage(homes, gyms, radius=Q_(0.5, "km")).covered.tolist() == [True, False]
    assert circle_coverage(homes, gyms, radius=URBAN_FITNESS_CIRCLE).covered.all()  # 750 m
    assert circle_coverage(homes, gyms, radius=LIFE_CIRCLE_10).covered.tolist() == [True, False]
    per = circle_coverage(homes, gyms, radius=[100, 700])
    assert per.covered.tolist() == [True, True] and per.radius.tolist() == [100, 700]


def test_per_region_radius_from_settlement():
    # Two homes 900 m from a gym: covered in the rural (1,125 m) region only.
    homes = Points([113.6, 113.6], [34.7081, 34.7081], weight=[10, 30])
    gyms = Points([113.6], [34.7])
    r = circle_coverage(
        homes,
        gyms,
        radius=SettlementCircles(),
        by=["U", "R"],
        regions={"U": "urban", "R": "rural"},
    )
    assert r.radius.tolist() == [URBAN_FITNESS_CIRCLE.radius, RURAL_FITNESS_CIRCLE.radius]
    assert r.covered.tolist() == [False, True]
    table = r.regions
    assert table["R"] == RegionCoverage("R", 1, 1, 30.0, 30.0)
    assert table["U"].share == 0.0
    m = circle_coverage(homes, gyms, radius={"U": 1000, "R": "0.5 km"}, by=["U", "R"])
    assert m.covered.tolist() == [True, False]


def test_per_region_with_region_tree():
    from sportsgov.regions import RegionTree

    tree = RegionTree.from_records(
        [
            {
                "code": "33",
                "name": "浙江",
                "level": "province",
                "parent": None,
                "settlement": "mixed",
            },
            {
                "code": "3306",
                "name": "绍兴",
                "level": "city",
                "parent": "33",
                "settlement": "urban",
            },
            {
                "code": "330624",
                "name": "新昌",
                "level": "county",
                "parent": "3306",
                "settlement": "rural",
            },
        ]
    )
    homes = Points([120.58, 120.58], [30.0081, 30.0081])
    r = circle_coverage(
        homes,
        Points([120.58], [30.0]),
        radius=SettlementCircles(),
        by=["3306", "330624"],
        regions=tree,
    )
    assert r.covered.tolist() == [False, True]


def test_by_mapping_of_ids_and_records():
    homes = Points([0.0, 0.0, 1.0], [0.0, 0.001, 0.0], weight=[1, 2, 3], id=["x", "y", "z"])
    r = circle_coverage(homes, Points([0.0], [0.0]), radius=200, by={"x": "A", "y": "A", "z": "B"})
    recs = r.to_records()
    assert recs == [
        {
            "region": "A",
            "points": 2,
            "covered_points": 2,
            "total_population": 3.0,
            "covered_population": 3.0,
            "share": 1.0,
        },
        {
            "region": "B",
            "points": 1,
            "covered_points": 0,
            "total_population": 3.0,
            "covered_population": 0.0,
            "share": 0.0,
        },
    ]


def test_zero_population_region_share_is_none():
    homes = Points([0.0, 1.0], [0.0, 0.0], weight=[5, 0])
    r = circle_coverage(homes, Points([0.0], [0.0]), radius=10, by=["A", "B"])
    assert r.regions["B"].share is None


def test_progress_callback_and_threads():
    seen: list[str] = []
    homes = Points([0.0, 0.001], [0.0, 0.0])
    r = circle_coverage(homes, Points([0.0], [0.0]), radius=50, progress=seen.append, workers=2)
    assert r.covered.tolist() == [True, False]
    assert seen == ["nearest facility for 2 points among 1"]


def test_result_frozen_read_only_and_pickles():
    r = circle_coverage(Points([0.0], [0.0]), Points([0.0], [0.0]), radius=10)
    with pytest.raises(ValueError, match="read-only"):
        r.covered[0] = False
    again = pickle.loads(pickle.dumps(r))
    assert again == r and isinstance(again, CoverageResult)
    assert "share=1" in repr(r)


# --------------------------------------------------------------------------- brute force
@given(points(max_size=25, datum=None), points(max_size=8, datum=None, weighted=False), radii)
def test_matches_brute_force(demand, facilities, radius):
    r = circle_coverage(demand, facilities, radius=radius)
    covered, nearest, cov, tot = brute(demand, facilities, radius)
    assert r.covered.tolist() == covered.tolist()
    np.testing.assert_allclose(r.nearest, nearest, rtol=1e-9, atol=1e-9)
    assert r.covered_population == pytest.approx(cov, rel=1e-9)
    assert r.total_population == pytest.approx(tot, rel=1e-9)
    assert not np.isnan(r.nearest).any()


@given(points(max_size=25), points(max_size=8, weighted=False), st.data())
def test_per_point_radius_matches_brute_force(demand, facilities, data):
    radius = data.draw(st.lists(radii, min_size=len(demand), max_size=len(demand)))
    r = circle_coverage(demand, facilities, radius=radius)
    covered, *_ = brute(demand, facilities, radius)
    assert r.covered.tolist() == covered.tolist()


@given(points(max_size=25, ids=True), points(max_size=8, weighted=False), radii, st.data())
def test_region_table_matches_brute_force(demand, facilities, radius, data):
    by = data.draw(
        st.lists(st.sampled_from(["A", "B", "C"]), min_size=len(demand), max_size=len(demand))
    )
    r = circle_coverage(demand, facilities, radius=radius, by=by)
    covered, *_ = brute(demand, facilities, radius)
    w = demand.weights
    for code, row in r.regions.items():
        mask = np.array(by) == code
        assert row.points == int(mask.sum())
        assert row.covered_population == pytest.approx(float(w[mask & covered].sum()))
        assert row.total_population == pytest.approx(float(w[mask].sum()))
    assert sum(row.covered_population for row in r.regions.values()) == pytest.approx(
        r.covered_population
    )


# --------------------------------------------------------------------------- properties
@given(
    points(max_size=20),
    points(max_size=6, weighted=False),
    points(max_size=3, weighted=False),
    radii,
)
def test_adding_a_facility_never_lowers_coverage(demand, facilities, extra, radius):
    before = circle_coverage(demand, facilities, radius=radius)
    more = Points(
        np.concatenate([facilities.lon, extra.lon]), np.concatenate([facilities.lat, extra.lat])
    )
    after = circle_coverage(demand, more, radius=radius)
    assert after.covered_population >= before.covered_population
    assert (after.covered | ~before.covered).all()
    assert (after.nearest <= before.nearest).all()


@given(points(max_size=20), points(max_size=6, weighted=False), radii, radii)
def test_larger_radius_never_lowers_coverage(demand, facilities, r1, r2):
    small, big = sorted((r1, r2))
    a = circle_coverage(demand, facilities, radius=small)
    b = circle_coverage(demand, facilities, radius=big)
    assert b.covered_population >= a.covered_population
    assert (b.covered | ~a.covered).all()


@given(points(max_size=20), points(max_size=6, weighted=False), radii)
def test_gcj_facilities_with_wgs_population_equal_both_converted(demand, facilities, radius):
    gcj = facilities.to("gcj02")
    mixed = circle_coverage(demand, gcj, radius=radius)
    both = circle_coverage(demand, gcj.to("wgs84"), radius=radius)
    assert mixed.covered.tolist() == both.covered.tolist()
    np.testing.assert_allclose(mixed.nearest, both.nearest, rtol=1e-9, atol=1e-6)
    # and both in GCJ-02 gives the same answer too
    g = circle_coverage(demand.to("gcj02"), gcj, radius=radius)
    np.testing.assert_allclose(g.nearest, both.nearest, rtol=1e-9, atol=1e-6)


def test_gcj_offset_matters_when_not_converted():
    # The same gym recorded in GCJ-02 but *declared* WGS-84 moves ~490 m: a home 300 m
    # away is then wrongly uncovered. Declaring the datum fixes it.
    gym_wgs = (120.58, 30.0)
    home = Points([120.58], [30.0027])  # 300 m north
    from sportsgov.coverage.geo import wgs84_to_gcj02

    gx, gy = wgs84_to_gcj02(*gym_wgs)
    right = circle_coverage(home, Points([gx], [gy], datum="gcj02"), radius=400)
    wrong = circle_coverage(home, Points([gx], [gy]), radius=400)
    assert right.covered.tolist() == [True] and wrong.covered.tolist() == [False]


# --------------------------------------------------------------------------- bad input
def test_bad_inputs():
    one = Points([120.0], [30.0])
    empty = Points([], [])
    with pytest.raises(InvalidInputError, match=r"demand=0 points: must not be empty"):
        circle_coverage(empty, one, radius=100)
    with pytest.raises(InvalidInputError, match=r"facilities=0 points: must not be empty"):
        circle_coverage(one, empty, radius=100)
    with pytest.raises(InvalidInputError, match=r"radius=0 m: must be > 0 m"):
        circle_coverage(one, one, radius=0)
    with pytest.raises(InvalidInputError, match=r"radius=-5 m: must be > 0 m"):
        circle_coverage(one, one, radius=-5)
    with pytest.raises(InvalidInputError, match=r"radius=nan m: must be > 0 m"):
        circle_coverage(one, one, radius=float("nan"))
    with pytest.raises(InvalidInputError, match=r"radius\[1\]=-1 m: must be > 0 m"):
        circle_coverage(Points([1.0, 2.0], [1.0, 1.0]), one, radius=[5, -1])
    with pytest.raises(
        InvalidInputError,
        match=r"radius=3 values: must be one number or one per demand point \(1\)",
    ):
        circle_coverage(one, one, radius=[1, 2, 3])
    with pytest.raises(UnitError, match=r"radius=10 m.*expected \[length\]|radius=10 m\^2"):
        circle_coverage(one, one, radius=Q_(10, "m^2"))
    with pytest.raises(InvalidInputError, match=r"a travel time needs network=RoadNetwork"):
        circle_coverage(one, one, radius="10 min")
    with pytest.raises(
        InvalidInputError, match=r"by=2 values: must have one region code per demand point \(1\)"
    ):
        circle_coverage(one, one, radius=10, by=["A", "B"])
    with pytest.raises(InvalidInputError, match=r"a per-region mapping needs by=region codes"):
        circle_coverage(one, one, radius={"A": 10})
    with pytest.raises(NotFoundError, match=r"radius='B': region has no radius in the mapping"):
        circle_coverage(one, one, radius={"A": 10}, by=["B"])
    with pytest.raises(InvalidInputError, match=r"needs by=region codes and regions=RegionTree"):
        circle_coverage(one, one, radius=SettlementCircles())
    with pytest.raises(NotFoundError, match=r"region='X': not in the region tree"):
        circle_coverage(one, one, radius=SettlementCircles(), by=["X"], regions={"A": "urban"})
    with pytest.raises(InvalidInputError, match=r"total weight \(population\) must be > 0"):
        circle_coverage(Points([1.0], [1.0], weight=[0]), one, radius=10)
    with pytest.raises(InvalidInputError, match=r"demand=ndarray: must be a Points layer"):
        circle_coverage(np.zeros(2), one, radius=10)  # type: ignore[arg-type]
    with pytest.raises(InvalidInputError, match=r"per-region table needs circle_coverage"):
        _ = circle_coverage(one, one, radius=10).regions
    with pytest.raises(
        InvalidInputError, match=r"a mapping id -> region needs demand points with ids"
    ):
        circle_coverage(one, one, radius=10, by={"a": "A"})


def test_radius_beyond_float64_and_weights_near_1e308_are_refused() -> None:
    one = Points([120.0], [30.0])
    with pytest.raises(
        InvalidInputError, match=r"radius=<int of about 401 digits>: the value must fit a finite"
    ):
        circle_coverage(one, one, radius=10**400)
    # weights near 1e308 used to give share=NaN (inf / inf): refused at the layer
    with pytest.raises(InvalidInputError, match=r"weight\[0\]=1e\+308 persons: must be <= 1e\+15"):
        Points([120.0, 120.1], [30.0, 30.0], weight=[1e308, 1e308])
    big = Points([120.0, 120.1], [30.0, 30.0], weight=[5e14, 5e14])
    r = circle_coverage(big, one, radius=100)
    assert float(r.share) == 0.5
