"""Tests for sportsgov.budget.evaluation (专项资金绩效评价)."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sportsgov.budget import (
    BandedRule,
    MetRule,
    PerformanceEvaluation,
    PerformanceIndicator,
    ProportionalRule,
)
from sportsgov.errors import DataError, InvalidInputError, NotFoundError

GROUPS = {"execution": 10, "outputs": 50, "outcomes": 30, "satisfaction": 10}


def _scheme(**kw: Any) -> PerformanceEvaluation:
    """Practice weights 10/50/30/10 (practice figures from secondary sources) with Zhengzhou 2024
    targets (2024年郑州市体育工作要点, 郑州市体育局, 2024-07-25, 索引号 005252290/2024-00022):
    ≥ 1,000 fitness events, ≥ 500 youth events, 400 venues, 2.65 m² per person, ≥ 45 %
    exercising regularly, 3,000 physique tests."""
    return PerformanceEvaluation(
        [
            PerformanceIndicator("execution", "execution", 10, ProportionalRule(1), "预算执行率"),
            PerformanceIndicator("events", "outputs", 15, MetRule(1000), "全民健身赛事活动场次"),
            PerformanceIndicator(
                "youth_events", "outputs", 10, MetRule(500), "青少年赛事活动场次"
            ),
            PerformanceIndicator("venues", "outputs", 20, ProportionalRule(400), "体育场地建设"),
            PerformanceIndicator("tests", "outputs", 5, ProportionalRule(3000), "体质监测人次"),
            PerformanceIndicator(
                "area", "outcomes", 15, ProportionalRule("2.65"), "人均体育场地面积"
            ),
            PerformanceIndicator(
                "exercising",
                "outcomes",
                15,
                BandedRule([("45%", 1), ("43%", "0.8"), ("40%", "0.5")]),
                "经常参加体育锻炼人数比例",
            ),
            PerformanceIndicator(
                "satisfaction",
                "satisfaction",
                10,
                BandedRule([("90%", 1), ("80%", "0.8"), ("70%", "0.6")]),
                "群众满意度",
            ),
        ],
        group_weights=GROUPS,
        **kw,
    )


ACTUALS = {
    "execution": "0.92",
    "events": 1043,
    "youth_events": 480,
    "venues": 400,
    "tests": 3120,
    "area": "2.60",
    "exercising": "0.44",
    "satisfaction": "0.88",
}


def test_worked_evaluation() -> None:
    r = _scheme().evaluate(ACTUALS)
    by_hand = (
        Fraction(92, 10)  # 10 * 0.92
        + 15
        + 0
        + 20
        + 5  # events met, youth missed, venues 400/400, tests capped at 1
        + Fraction(15 * 260, 265)  # 15 * 2.60 / 2.65
        + 12  # 44 % -> band 43 % -> 0.8 * 15
        + 8  # 88 % -> band 80 % -> 0.8 * 10
    )
    assert r.total == by_hand
    assert r.total_display() == "83.92"
    assert r.grade == "良"
    assert r.by_group == {
        "execution": Fraction(46, 5),
        "outputs": 40,
        "outcomes": Fraction(15 * 260, 265) + 12,
        "satisfaction": 8,
    }
    assert [row.share for row in r.rows][:3] == [Fraction(23, 25), 1, 0]


def test_grades_and_custom_thresholds() -> None:
    ev = _scheme()
    assert [ev.grade_of(x) for x in (100, 90, "89.999", 80, 60, "59.99", 0)] == [
        "优",
        "优",
        "良",
        "良",
        "中",
        "差",
        "差",
    ]
    strict = _scheme(grades={"A": 95, "B": 85, "C": 0})
    assert strict.grade_of(90) == "B"


@given(
    st.fixed_dictionaries(
        {
            "execution": st.fractions(0, 2),
            "events": st.integers(0, 2000),
            "youth_events": st.integers(0, 1000),
            "venues": st.integers(0, 800),
            "tests": st.integers(0, 6000),
            "area": st.fractions(0, 5),
            "exercising": st.fractions(0, 1),
            "satisfaction": st.fractions(0, 1),
        }
    ),
    st.sampled_from(list(ACTUALS)),
    st.integers(1, 100),
)
def test_properties(actuals: dict, key: str, bump: int) -> None:
    ev = _scheme()
    r = ev.evaluate(actuals)
    assert 0 <= r.total <= 100
    assert sum(r.by_group.values()) == r.total
    for g, w in GROUPS.items():
        assert 0 <= r.by_group.get(g, 0) <= w
    # independent grade rule
    expected = (
        "优" if r.total >= 90 else "良" if r.total >= 80 else "中" if r.total >= 60 else "差"
    )
    assert r.grade == expected
    # doing better on one indicator never lowers the total
    better = dict(actuals)
    better[key] = actuals[key] + Fraction(bump, 100)
    assert ev.evaluate(better).total >= r.total


@given(st.fractions(0, 10), st.fractions(Fraction(1, 10), 10))
def test_rules_against_definitions(actual: Fraction, target: Fraction) -> None:
    assert ProportionalRule(target).share(actual) == min(actual / target, 1)
    lower = ProportionalRule(target, lower_is_better=True).share(actual)
    assert lower == (1 if actual <= target else target / actual)
    assert MetRule(target, "<=").share(actual) == (1 if actual <= target else 0)
    assert MetRule(target, "==").share(actual) == (1 if actual == target else 0)


def test_bad_input() -> None:
    ind = [
        PerformanceIndicator("a", "g", 60, MetRule(1)),
        PerformanceIndicator("b", "g", 30, MetRule(1)),
    ]
    with pytest.raises(InvalidInputError, match=r"points must sum to exactly 100; they sum to 90"):
        PerformanceEvaluation(ind)
    ok = [
        PerformanceIndicator("a", "g", 60, MetRule(1)),
        PerformanceIndicator("b", "h", 40, MetRule(1)),
    ]
    with pytest.raises(InvalidInputError, match=r"group_weights=.*must sum to exactly 100"):
        PerformanceEvaluation(ok, group_weights={"g": 60, "h": 30})
    with pytest.raises(InvalidInputError, match=r"group_weights\['g'\]=50: the group's"):
        PerformanceEvaluation(ok, group_weights={"g": 50, "h": 50})
    with pytest.raises(InvalidInputError, match=r"thresholds must strictly decrease and end at 0"):
        PerformanceEvaluation(ok, grades=[("优", 90), ("良", 95), ("差", 0)])
    with pytest.raises(InvalidInputError, match=r"list bands best first"):
        BandedRule([("80%", 1), ("90%", "0.5")])
    with pytest.raises(InvalidInputError, match=r"target=0: must be > 0"):
        ProportionalRule(0)
    with pytest.raises(InvalidInputError, match=r"indicator ids must be unique"):
        PerformanceEvaluation(
            [
                PerformanceIndicator("a", "g", 50, MetRule(1)),
                PerformanceIndicator("a", "g", 50, MetRule(1)),
            ]
        )
    ev = PerformanceEvaluation(ok)
    with pytest.raises(InvalidInputError, match=r"actuals=\['b'\]: no value for indicators"):
        ev.evaluate({"a": 1})
    with pytest.raises(NotFoundError, match=r"actuals=\['zz'\]: unknown indicator ids"):
        ev.evaluate({"a": 1, "b": 1, "zz": 1})
    with pytest.raises(InvalidInputError, match=r"actuals\['a'\]='lots': not a number"):
        ev.evaluate({"a": "lots", "b": 1})
    with pytest.raises(InvalidInputError, match=r"comparator='>': expected one of"):
        MetRule(1, ">")  # type: ignore[arg-type]


def test_from_records_matches_the_scheme() -> None:
    records = [
        {
            "id": "execution",
            "group": "execution",
            "points": 10,
            "rule": "proportional",
            "target": 1,
            "name": "预算执行率",
        },
        {
            "id": "events",
            "group": "outputs",
            "points": 15,
            "rule": "met",
            "target": 1000,
            "name": "全民健身赛事活动场次",
        },
        {
            "id": "youth_events",
            "group": "outputs",
            "points": 10,
            "rule": "met",
            "target": 500,
            "name": "青少年赛事活动场次",
        },
        {
            "id": "venues",
            "group": "outputs",
            "points": 20,
            "rule": "proportional",
            "target": 400,
            "name": "体育场地建设",
        },
        {
            "id": "tests",
            "group": "outputs",
            "points": 5,
            "rule": "proportional",
            "target": 3000,
            "name": "体质监测人次",
        },
        {
            "id": "area",
            "group": "outcomes",
            "points": 15,
            "rule": "proportional",
            "target": "2.65",
            "name": "人均体育场地面积",
        },
        {
            "id": "exercising",
            "group": "outcomes",
            "points": 15,
            "rule": "banded",
            "bands": "45%:1; 43%:0.8; 40%:0.5",
            "name": "经常参加体育锻炼人数比例",
        },
        {
            "id": "satisfaction",
            "group": "satisfaction",
            "points": 10,
            "rule": "banded",
            "bands": [["90%", 1], ["80%", "0.8"], ["70%", "0.6"]],
            "name": "群众满意度",
        },
    ]
    ev = PerformanceEvaluation.from_records(records, group_weights=GROUPS)
    assert ev == _scheme()
    assert ev.evaluate(ACTUALS) == _scheme().evaluate(ACTUALS)


def test_from_records_errors_name_row_and_field() -> None:
    good = {"id": "a", "group": "g", "points": 100, "rule": "met", "target": 1}
    with pytest.raises(DataError, match=r"row 2, field rule: rule='best'"):
        PerformanceEvaluation.from_records([good, dict(good, id="b", rule="best")])
    with pytest.raises(DataError, match=r"row 1, field target: target='x': not a number"):
        PerformanceEvaluation.from_records([dict(good, target="x")])
    with pytest.raises(DataError, match=r"row 1, field points: points=None: missing"):
        PerformanceEvaluation.from_records([dict(good, points=None)])
