"""Tests for sportsgov.coverage.presets: fitness/life circles and settlement thresholds."""

from __future__ import annotations

import pickle

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from sportsgov.coverage.presets import (
    FITNESS_CIRCLES,
    LIFE_CIRCLE_5,
    LIFE_CIRCLE_10,
    LIFE_CIRCLE_15,
    RURAL_FITNESS_CIRCLE,
    URBAN_FITNESS_CIRCLE,
    WALK_SPEED_KMH,
    FitnessCircle,
    SettlementCircles,
    radius_by_settlement,
)
from sportsgov.errors import InvalidInputError, NotFoundError, UnitError
from sportsgov.testing import fitness_circles
from sportsgov.units import Q_


# --------------------------------------------------------------------------- worked examples
def test_shaoxing_urban_10_rural_15_minutes():
    # 绍兴市亚运城市行动计划(2020—2022年), 绍兴市人民政府办公室, 2020-09-18:
    # 构建城区10分钟健身圈、农村15分钟健身圈
    assert URBAN_FITNESS_CIRCLE.minutes == 10 and RURAL_FITNESS_CIRCLE.minutes == 15
    assert "绍兴市亚运城市行动计划(2020—2022年)" in URBAN_FITNESS_CIRCLE.source
    # 4.5 km/h = 75 m/min
    assert WALK_SPEED_KMH == 4.5
    assert URBAN_FITNESS_CIRCLE.radius == 750.0
    assert RURAL_FITNESS_CIRCLE.radius == 1125.0


def test_gb50180_life_circles():
    # GB 50180-2018: 5 min 300 m, 10 min 500 m, 15 min 800-1000 m
    assert (LIFE_CIRCLE_5.minutes, LIFE_CIRCLE_5.radius) == (5, 300)
    assert (LIFE_CIRCLE_10.minutes, LIFE_CIRCLE_10.radius) == (10, 500)
    assert (LIFE_CIRCLE_15.minutes, LIFE_CIRCLE_15.radius) == (15, 1000)
    assert LIFE_CIRCLE_15.distance_range == (800.0, 1000.0)
    assert all(
        "GB 50180-2018" in c.source for c in (LIFE_CIRCLE_5, LIFE_CIRCLE_10, LIFE_CIRCLE_15)
    )


def test_speed_forms_and_cycle():
    assert FitnessCircle(10, speed=Q_(5, "km/h")).radius == pytest.approx(833.3333333)
    assert FitnessCircle("15 min", speed="4 km/h").radius == pytest.approx(1000.0)
    assert FitnessCircle(Q_(0.25, "hour")).minutes == pytest.approx(15.0)
    assert FitnessCircle(10, mode="cycle", speed=12).radius == pytest.approx(2000.0)
    assert FitnessCircle(10).speed_m_per_min == 75.0
    assert LIFE_CIRCLE_10.with_speed(6).radius == pytest.approx(1000.0)


def test_settlement_thresholds():
    assert FITNESS_CIRCLES.for_settlement("urban") is URBAN_FITNESS_CIRCLE
    assert FITNESS_CIRCLES.for_settlement("rural") is RURAL_FITNESS_CIRCLE
    assert FITNESS_CIRCLES.for_settlement("mixed") is URBAN_FITNESS_CIRCLE  # stricter by default
    lenient = SettlementCircles(mixed=RURAL_FITNESS_CIRCLE)
    assert lenient.for_settlement("mixed").minutes == 15


def test_radius_by_settlement_with_region_tree():
    from sportsgov.regions import RegionTree

    tree = RegionTree.from_records(
        [
            {
                "code": "4101",
                "name": "郑州市",
                "level": "city",
                "parent": None,
                "settlement": "mixed",
            },
            {
                "code": "410102",
                "name": "中原区",
                "level": "district",
                "parent": "4101",
                "settlement": "urban",
            },
            {
                "code": "410122",
                "name": "中牟县",
                "level": "county",
                "parent": "4101",
                "settlement": "rural",
            },
        ]
    )
    got = radius_by_settlement(tree, ["410102", "410122", "4101", "410122"])
    assert got.tolist() == [750.0, 1125.0, 750.0, 1125.0]
    assert FITNESS_CIRCLES.radius_by_region(tree) == {
        "4101": 750.0,
        "410102": 750.0,
        "410122": 1125.0,
    }


def test_pickle_and_frozen():
    c = pickle.loads(pickle.dumps(URBAN_FITNESS_CIRCLE))
    assert c == URBAN_FITNESS_CIRCLE
    with pytest.raises(AttributeError):
        c.minutes = 5  # type: ignore[misc]


# --------------------------------------------------------------------------- properties
@given(
    st.floats(min_value=0.5, max_value=120, allow_nan=False),
    st.floats(min_value=1, max_value=30, allow_nan=False),
)
def test_radius_is_speed_times_time(minutes, speed):
    c = FitnessCircle(minutes, speed=speed)
    assert c.radius == pytest.approx(speed * 1000 / 60 * minutes, rel=1e-12)
    assert FitnessCircle(minutes * 2, speed=speed).radius == pytest.approx(2 * c.radius, rel=1e-12)


@given(fitness_circles(), st.floats(min_value=3.0, max_value=6.0))
def test_faster_means_larger(circle, faster):
    if faster > circle.speed:
        assert circle.with_speed(faster).radius > circle.radius


@given(st.lists(st.sampled_from(["u", "r", "m"]), min_size=1, max_size=30))
def test_radius_by_settlement_matches_lookup(codes):
    table = {"u": "urban", "r": "rural", "m": "mixed"}
    got = radius_by_settlement(table, codes)
    expected = [FITNESS_CIRCLES.for_settlement(table[c]).radius for c in codes]
    assert got.tolist() == expected
    assert got.dtype == np.float64


# --------------------------------------------------------------------------- bad input
def test_bad_inputs():
    with pytest.raises(InvalidInputError, match=r"minutes=0 min: must be > 0 min"):
        FitnessCircle(0)
    with pytest.raises(InvalidInputError, match=r"minutes=-5 min: must be > 0 min"):
        FitnessCircle(-5)
    with pytest.raises(InvalidInputError, match=r"speed=0 km/h: must be > 0 km/h"):
        FitnessCircle(10, speed=0)
    with pytest.raises(InvalidInputError, match=r"speed=None: required for mode='cycle'"):
        FitnessCircle(10, mode="cycle")
    with pytest.raises(InvalidInputError, match=r"mode='drive': expected one of 'walk', 'cycle'"):
        FitnessCircle(10, mode="drive")  # type: ignore[arg-type]
    with pytest.raises(UnitError, match=r"minutes=10 m: expected \[time\]"):
        FitnessCircle(Q_(10, "m"))
    with pytest.raises(InvalidInputError, match=r"distance=-3 m: must be > 0 m"):
        FitnessCircle(5, distance=-3)
    with pytest.raises(
        InvalidInputError, match=r"distance_range=\(1000, 800\): must satisfy 0 < low <= high m"
    ):
        FitnessCircle(5, distance=900, distance_range=(1000, 800))
    with pytest.raises(
        InvalidInputError,
        match=r"settlement='suburban': expected one of 'urban', 'rural', 'mixed'",
    ):
        FITNESS_CIRCLES.for_settlement("suburban")
    with pytest.raises(NotFoundError, match=r"region='9': not in the region tree"):
        radius_by_settlement({"1": "urban"}, ["1", "9"])
    with pytest.raises(InvalidInputError, match=r"minutes=nan min: must be > 0 min"):
        FitnessCircle(float("nan"))
