"""Gaps and pace (sportsgov.planning.gaps), hand-computed on the bundled plans.

Zhengzhou 2024 work points (2024年郑州市体育工作要点, 郑州市体育局, 2024-07-25):
>= 1,000 mass fitness events and 2.65 m² venue area per resident by 31 December 2024.
Jiaozuo 2024 (2024年焦作市体育工作, 焦作市体育局, 2024-03): 4,000 reserve athletes.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sportsgov import plans
from sportsgov.assessment import Observation, assess
from sportsgov.errors import DataError, InvalidInputError, NotFoundError
from sportsgov.planning import gaps, months_between
from sportsgov.regions import PopulationTable


@pytest.fixture(scope="module")
def zhengzhou() -> plans.Plan:
    return plans.load("zhengzhou-2024")


def test_zhengzhou_events_by_hand(zhengzhou: plans.Plan) -> None:
    a = assess(
        zhengzhou, [Observation("mass-events", "city", 688, "2024-09-30")], as_of="2024-09-30"
    )
    r = gaps(zhengzhou, a).row("mass-events", "city")
    # 1000 - 688 = 312 left; October, November, December: 3 months -> 104 a month, 312 a quarter
    assert r.shortfall == 312
    assert r.months_left == 3 and r.quarters_left == 1
    assert r.per_month == 104 and r.per_quarter == 312
    # pace so far: 688 in 9 months = 76.44/month -> 688 * 12 / 9 = 917.33 < 1000
    assert r.projected == Decimal(688) * 12 / 9
    assert r.on_course is False and r.flow is True
    assert "linear" in r.pace_basis
    # 760 by September: 760 * 12 / 9 = 1013.3 >= 1000
    a2 = assess(
        zhengzhou, [Observation("mass-events", "city", 760, "2024-09-30")], as_of="2024-09-30"
    )
    assert gaps(zhengzhou, a2).row("mass-events", "city").on_course is True


def test_zhengzhou_per_capita_area_with_projected_population(zhengzhou: plans.Plan) -> None:
    # Year-end populations (own figures, round numbers for hand-checking)
    pop = PopulationTable(
        {("city", 2021): 12_740_000, ("city", 2022): 12_830_000, ("city", 2023): 12_920_000}
    ).project(2024, method="linear")
    assert pop.get("city", 2024) == 13_010_000  # +90,000 a year
    a = assess(
        zhengzhou,
        [Observation("per_capita_area", "city", "2.60", "2024-06-30")],
        as_of="2024-06-30",
    )
    r = gaps(zhengzhou, a, population=pop).row("per-capita-area", "city")
    assert r.shortfall == Decimal("0.05")
    # the 2.60 of 30 June divides by the 2023 year-end population (population_year)
    assert r.population_now == 12_920_000 and r.population_deadline == 13_010_000
    # 2.65 * 13,010,000 - 2.60 * 12,920,000 = 34,476,500 - 33,592,000 = 884,500 m²
    assert r.area_to_add == Decimal("884500.00")
    assert r.area_per_month == Decimal("884500.00") / 6
    assert r.population_source == "linear projection to 2024 from the years 2021–2023"
    # today's population would understate it: 2.65 * 12,920,000 - 33,592,000 = 646,000
    assert r.area_to_add > Decimal("646000")


def test_jiaozuo_reserve_athletes() -> None:
    plan = plans.load("jiaozuo-2024")
    obs = [
        Observation("reserve-athletes", "city", 3900, "2023-12-31"),
        Observation("reserve-athletes", "city", 3940, "2024-03-31"),
    ]
    a = assess(plan, obs, as_of="2024-03-31")
    r = gaps(plan, a).row("reserve-athletes", "city")
    assert r.shortfall == 60 and r.months_left == 9
    assert r.per_month == Decimal(60) / 9 and r.per_quarter == 20
    # level indicator with a baseline 3900 at the period start: +40 in 3 months
    # -> +120 more in 9 months -> 4060 >= 4000
    assert r.projected == 4060 and r.on_course is True and r.flow is False
    # by mid-year instead: 3 months left -> 20 a month; pace gives 3980 < 4000
    r2 = gaps(plan, a, by="2024-06-30").row("reserve-athletes", "city")
    assert r2.per_month == 20 and r2.projected == 3980 and r2.on_course is False


def test_no_data_rows_and_json(zhengzhou: plans.Plan) -> None:
    a = assess(zhengzhou, [], as_of="2024-06-30")
    g = gaps(zhengzhou, a)
    assert len(g) == len(a.rows)
    r = g.row("mass-events", "city")
    assert r.shortfall is None and r.on_course is False and r.per_month is None
    data = g.to_data()
    assert data["as_of"] == "2024-06-30" and data["rows"][0]["target"] == a.rows[0].target_id
    import json

    json.dumps(data)
    assert g.off_course() == ()


def test_errors(zhengzhou: plans.Plan) -> None:
    a = assess(
        zhengzhou,
        [Observation("per_capita_area", "city", "2.6", "2024-06-30")],
        as_of="2024-06-30",
    )
    with pytest.raises(
        InvalidInputError, match=r"by='2024-01-01': must be on or after as_of=2024-06-30"
    ):
        gaps(zhengzhou, a, by="2024-01-01")
    with pytest.raises(InvalidInputError, match="is an assessment of another plan"):
        gaps(plans.load("jiaozuo-2024"), a)
    with pytest.raises(DataError, match=r"no population for 2024.*project the table first"):
        gaps(zhengzhou, a, population=PopulationTable({("city", 2023): 10}))
    with pytest.raises(NotFoundError):
        gaps(zhengzhou, a).row("nope", "city")


def _naive_months(a: dt.date, b: dt.date) -> Fraction:
    # day-by-day: each day counts 1 / (days in its month)
    import calendar

    total = Fraction(0)
    d = a + dt.timedelta(days=1)
    while d <= b:
        total += Fraction(1, calendar.monthrange(d.year, d.month)[1])
        d += dt.timedelta(days=1)
    return total


@given(st.dates(dt.date(2023, 1, 1), dt.date(2025, 12, 31)), st.integers(0, 500))
def test_months_between_is_the_day_by_day_sum(start: dt.date, days: int) -> None:
    end = start + dt.timedelta(days=days)
    assert months_between(start, end) == _naive_months(start, end)


def test_jiaozuo_reserve_intake_by_hand() -> None:
    from sportsgov.planning import TalentPipeline
    from sportsgov.talent import PipelineModel

    plan = plans.load("jiaozuo-2024")
    a = assess(
        plan, [Observation("reserve-athletes", "city", 3700, "2024-03-31")], as_of="2024-03-31"
    )
    # one tier keeping 80 % a year: 4000 = 0.8 * 3700 + r  ->  r = 1040 recruits in 2024
    model = PipelineModel(["reserve"], [["0.8"]])
    talent = TalentPipeline(model, {"410800": {"reserve": 3700}}, "reserve")
    r = gaps(plan, a, talent=talent).row("reserve-athletes", "city")
    assert r.intake == {"reserve": 1040}
    assert "stock at the end of 2023, 1 intake year(s) to the end of 2024" in r.intake_basis
    # two tiers, recruits enter the lower one only: stock (3000, 500), P = [[.7, .1], [0, .9]]
    # reserve = tier "b": 4000 <= 0.1*3000 + 0.9*500 + 0 (b takes no recruits) -> infeasible
    # so count tier "a" instead: 4000 = 0.7 * 3000 + r -> r = 1900
    model2 = PipelineModel(["a", "b"], [["0.7", "0.1"], [0, "0.9"]])
    t2 = TalentPipeline(model2, {"X": {"a": 3000, "b": 500}}, "a", entry=("a",))
    r2 = gaps(plan, a, talent=t2).row("reserve-athletes", "city")
    assert r2.intake == {"a": 1900}
