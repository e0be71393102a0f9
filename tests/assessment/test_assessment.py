"""sportsgov.assessment: assess() statuses, pacing (序时进度), observations and bad input."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sportsgov import plans
from sportsgov.assessment import (
    STATUSES,
    Observation,
    ObservationTable,
    assess,
    pace_by_quarter,
    status_of,
)
from sportsgov.errors import DataError, InvalidInputError, NotFoundError, UnitError
from sportsgov.periods import Period, time_progress
from sportsgov.plans import Plan, Target
from sportsgov.regions import RegionTree
from sportsgov.testing import observations_for, plans_

ZZ = plans.load("zhengzhou-2024")
DISTRICTS = ["410102", "410103", "410104"]
ORDER = {"missed": 0, "behind": 1, "on_track": 2, "met": 3}


def brute_status(
    comparator: str,
    actual: Decimal | None,
    value: Decimal,
    upper: Decimal | None,
    *,
    flow: bool,
    start: dt.date,
    end: dt.date,
    as_of: dt.date,
    baseline: Decimal | None = None,
    tol: Fraction = Fraction(1, 20),
) -> str:
    """Independent re-statement of the documented rules, with Fractions and day counts."""
    if actual is None:
        return "no_data"
    a, v = Fraction(actual), Fraction(value)
    days = (end - start).days + 1
    elapsed = min(max((as_of - start).days + 1, 0), days)
    tp = Fraction(elapsed, days)
    ok = {
        ">=": a >= v,
        ">": a > v,
        "<=": a <= v,
        "<": a < v,
        "==": a == v,
        "between": upper is not None and v <= a <= Fraction(upper),
    }[comparator]
    done = as_of > end
    if ok:
        if comparator in ("<=", "<") and flow and not done:
            return "on_track" if a <= v * (tp + tol) else "behind"
        return "met"
    if done:
        return "missed"
    over = (
        comparator in ("<=", "<")
        or (comparator == "==" and a > v)
        or (comparator == "between" and upper is not None and a > Fraction(upper))
    )
    if over:
        return "missed" if flow else "behind"
    b = Fraction(0) if flow or baseline is None else Fraction(baseline)
    if v - b <= 0:
        return "behind"
    return "on_track" if (a - b) / (v - b) >= tp - tol else "behind"


# ------------------------------------------------------------ worked examples


@pytest.mark.parametrize(
    ("as_of", "held", "status"),
    [
        # "全市举办各级各类全民健身赛事活动1000场次以上", 2024 (366 days)
        ("2024-03-31", 200, "on_track"),  # 20 % vs time progress 91/366 = 24.9 % − 5 %
        ("2024-03-31", 190, "behind"),  # 19 % < 19.9 %
        ("2024-06-30", 480, "on_track"),
        ("2024-06-30", 440, "behind"),
        ("2024-12-31", 999, "on_track"),  # deadline day: within tolerance, not yet missed
        ("2024-12-31", 940, "behind"),
        ("2025-01-01", 999, "missed"),  # after the deadline
        ("2024-10-01", 1000, "met"),
    ],
)
def test_mass_events_pacing_zhengzhou(as_of: str, held: int, status: str) -> None:
    a = assess(ZZ, [Observation("mass-events", "city", held, as_of, unit="场次")], as_of=as_of)
    row = a.row("mass-events", "city")
    assert row.status == status
    assert row.ratio == Decimal(held) / 1000
    assert row.time_progress == time_progress(Period.year(2024), dt.date.fromisoformat(as_of)) or (
        as_of == "2025-01-01" and row.time_progress == 1
    )
    assert row.lead == "郑州市体育局" and row.deadline == dt.date(2024, 12, 31)


def test_time_progress_is_the_documented_fraction() -> None:
    a = assess(ZZ, [], as_of="2024-06-30")
    assert a.row("mass-events", "city").time_progress == Fraction(182, 366)


def test_per_district_minimums_with_region_tree() -> None:
    tree = RegionTree.from_records(
        [{"code": "4101", "name": "郑州市", "level": "city", "parent": None}]
        + [{"code": d, "name": d, "level": "district", "parent": "4101"} for d in DISTRICTS]
    )
    obs = [
        Observation("associations-district", "410102", 36, "2024-12-31", unit="家"),
        Observation("sports_associations", "410103", 30, "2024-12-31"),  # by indicator
        Observation("sports_associations", "4101", 52, "2024-12-31"),  # the city's own target
    ]
    a = assess(ZZ, obs, as_of="2025-01-15", regions=tree)
    rows = {r.region: r.status for r in a.for_target("associations-district")}
    assert rows == {"410102": "met", "410103": "missed", "410104": "no_data"}
    assert a.row("associations-city", "4101").status == "met"
    assert a.city == "4101" and a.regions[0] == "4101"
    assert a.row("associations-district", "410102").lead == "各开发区、区县(市)体育主管部门"
    with pytest.raises(NotFoundError, match=r"region='410199': not a region of the assessment"):
        assess(
            ZZ,
            [Observation("sports_associations", "410199", 3, "2024-12-31")],
            as_of="2025-01-15",
            regions=tree,
        )
    street = RegionTree.from_records(
        [
            {"code": "4101", "name": "郑州市", "level": "city", "parent": None},
            {"code": "410102", "name": "中原区", "level": "district", "parent": "4101"},
            {"code": "410102001", "name": "某街道", "level": "street", "parent": "410102"},
        ]
    )
    b = assess(
        ZZ,
        [Observation("community_games", "410102001", 4, "2024-12-31")],
        as_of="2025-01-15",
        regions=street,
    )
    assert b.measure("community_games", "410102001") == 4  # kept, not assessed
    assert b.row("community-games-district", "410102").status == "no_data"


def test_level_target_progress_from_baseline() -> None:
    # National 2.6 m² by 2025; baseline 2.41 (2021 year end) observed before the period.
    plan = Plan(
        "n",
        "国务院",
        Period.parse("2022/2025"),
        targets=[
            Target("pca", "per_capita_area", ">=", Decimal("2.6"), Period.parse("2022/2025"))
        ],
    )
    obs = [
        Observation("per_capita_area", "city", "2.41", "2021-12-31"),
        Observation("per_capita_area", "city", "2.45", "2023-12-31"),
    ]
    row = assess(plan, obs, as_of="2023-12-31").row("pca", "city")
    assert row.baseline == Decimal("2.41") and row.actual == Decimal("2.45")
    # progress (2.45 − 2.41) / (2.6 − 2.41) = 21 % < 50 % − 5 %: behind
    assert row.status == "behind"
    assert row.previous == Decimal("2.41")  # latest on or before 2022-12-31
    a2 = assess(
        plan,
        [*obs, Observation("per_capita_area", "city", "2.43", "2022-12-31")],
        as_of="2023-12-31",
    )
    assert a2.row("pca", "city").previous == Decimal("2.43")


def test_flow_observations_before_the_period_do_not_count() -> None:
    plan = plans.load("shaoxing-2020-2022")
    obs = [Observation("themed_fitness_activities", "city", 120, "2021-12-31")]
    a = assess(plan, obs, as_of="2022-03-31")
    assert a.row("themed-activities-2021", "city").status == "met"
    assert a.row("themed-activities-2022", "city").status == "no_data"


def test_every_bundled_plan_against_a_synthetic_observation_set() -> None:
    for entry in plans.catalog():
        plan = plans.load(entry.name)
        for frac, expect_end in [(Fraction(1), "met"), (Fraction(1, 2), "missed")]:
            obs = []
            for t in plan.targets:
                regions = DISTRICTS if t.per_district else ["city"]
                v = t.value * Decimal(frac.numerator) / Decimal(frac.denominator)
                if t.comparator == ">":
                    v += 1
                obs += [Observation(t.id, r, v, t.period.start) for r in regions]
            for day in sorted({t.period.start for t in plan.targets} | {plan.period.end}):
                a = assess(plan, obs, as_of=max(day, plan.period.start))
                assert set(a.summary()) == set(STATUSES)
                assert len(a.rows) == sum(
                    len(DISTRICTS) if t.per_district else 1 for t in plan.targets
                )
            after = max(t.period.end for t in plan.targets) + dt.timedelta(days=1)
            final = assess(plan, obs, as_of=after)
            assert {r.status for r in final.rows} == {expect_end}, entry.name
            mid = min(t.period.start for t in plan.targets)
            started = assess(plan, obs, as_of=max(mid, plan.period.start))
            for r in started.rows:
                assert r.status == brute_status(
                    r.target.comparator,
                    r.actual,
                    r.target.value,
                    r.target.upper,
                    flow=r.target.spec.kind == "flow",
                    start=r.target.period.start,
                    end=r.target.period.end,
                    as_of=started.as_of,
                    baseline=r.baseline,
                )


# ------------------------------------------------------------ properties


comparators = st.sampled_from([">=", ">", "<=", "<", "==", "between"])
amounts = st.decimals(min_value=Decimal(0), max_value=Decimal(2000), places=2)


@given(comparators, amounts, amounts, st.booleans(), st.integers(0, 400), st.data())
def test_status_matches_the_brute_force_rules(
    comparator: str, value: Decimal, actual: Decimal, flow: bool, day: int, data: st.DataObject
) -> None:
    start, end = dt.date(2024, 1, 1), dt.date(2024, 12, 31)
    as_of = start + dt.timedelta(days=day)
    upper = value + data.draw(amounts) if comparator == "between" else None
    tp = time_progress(Period(start, end), min(as_of, end))
    got = status_of(
        comparator, actual, value, upper=upper, flow=flow, time_progress=tp, finished=as_of > end
    )
    assert got == brute_status(
        comparator, actual, value, upper, flow=flow, start=start, end=end, as_of=as_of
    )


@given(
    st.sampled_from([">=", ">", "<=", "<"]),
    amounts,
    amounts,
    amounts,
    st.booleans(),
    st.fractions(min_value=0, max_value=1),
    st.booleans(),
)
def test_status_is_monotone_in_the_actual_value(
    comparator: str,
    value: Decimal,
    a1: Decimal,
    a2: Decimal,
    flow: bool,
    tp: Fraction,
    finished: bool,
) -> None:
    lo, hi = sorted([a1, a2])
    s_lo = status_of(comparator, lo, value, flow=flow, time_progress=tp, finished=finished)
    s_hi = status_of(comparator, hi, value, flow=flow, time_progress=tp, finished=finished)
    if comparator in (">=", ">"):
        assert ORDER[s_lo] <= ORDER[s_hi]
    else:
        assert ORDER[s_lo] >= ORDER[s_hi]


@given(plans_(max_size=5, year=2024), st.sampled_from(["2024-01-01", "2024-07-01", "2025-01-01"]))
def test_assess_random_plans_gives_one_row_per_target_and_region(plan: Plan, as_of: str) -> None:
    a = assess(plan, [], as_of=as_of, regions=DISTRICTS)
    assert len(a.rows) == sum(len(DISTRICTS) if t.per_district else 1 for t in plan.targets)
    assert all(r.status == "no_data" for r in a.rows)


@given(st.data())
def test_observed_rows_use_the_observation(data: st.DataObject) -> None:
    obs = data.draw(observations_for(ZZ, DISTRICTS, as_of="2024-09-30"))
    a = assess(ZZ, obs, as_of="2024-09-30", regions=DISTRICTS)
    for o in obs:
        row = a.row(o.target, o.region)
        assert row.actual == o.value and row.observed_on == dt.date(2024, 9, 30)
        assert row.status != "no_data"
    assert a.summary()["no_data"] == len(a.rows) - len(obs)


# ------------------------------------------------------------ observations from CSV


def test_observation_table_from_csv_sample_layout() -> None:
    text = (
        "target,region,value,unit,as_of\n"
        "mass-events,city,260,场次,2024-03-31\n"
        "per-capita-area,city,2.58,平方米/人,2024-03-31\n"
        "community-games-district,410102,6,,2024-03-31\n"
    )
    table = ObservationTable.from_csv(io.StringIO(text))
    assert [o.row for o in table] == [1, 2, 3]
    a = assess(ZZ, table, as_of="2024-03-31")
    assert a.row("per-capita-area", "city").actual == Decimal("2.58")
    assert a.row("community-games-district", "410102").status == "on_track"


def test_csv_errors_name_the_row_and_field(tmp_path: object) -> None:
    bad = "target,region,value,unit,as_of\nmass-events,city,lots,场次,2024-03-31\n"
    with pytest.raises(
        DataError, match=r"<stream>, row 2, field value: value='lots': expected a decimal"
    ):
        ObservationTable.from_csv(io.StringIO(bad))
    with pytest.raises(
        DataError,
        match=r"row 1: missing column as_of \(统计日期, 截至日期, 截止日期\)",
    ):
        ObservationTable.from_csv(io.StringIO("target,region,value\nx,y,1\n"))
    with pytest.raises(
        DataError, match=r"row 2, field as_of: as_of='31/03/2024': expected a date"
    ):
        ObservationTable.from_csv(io.StringIO("target,region,value,as_of\nx,y,1,31/03/2024\n"))


# ------------------------------------------------------------ bad input


def test_unknown_target_or_region() -> None:
    with pytest.raises(
        NotFoundError, match=r"observations\[1\].target='mass-event': neither a target"
    ):
        assess(ZZ, [Observation("mass-event", "city", 1, "2024-03-31")], as_of="2024-03-31")
    with pytest.raises(NotFoundError, match=r"observations\[1\].region='999999': not a region"):
        assess(
            ZZ,
            [Observation("community-games-district", "999999", 1, "2024-03-31")],
            as_of="2024-03-31",
            regions=DISTRICTS,
        )


def test_unit_mismatch_count_against_area() -> None:
    obs = [Observation("per-capita-area", "city", 3, "2024-03-31", unit="场次")]
    with pytest.raises(
        UnitError, match=r"observation of 'per-capita-area' in 'city': .*expected m\^2/person"
    ):
        assess(ZZ, obs, as_of="2024-03-31")


def test_as_of_before_plan_start_and_bad_tolerance() -> None:
    with pytest.raises(
        InvalidInputError,
        match=r"as_of='2023-12-31': is before the start of plan 'zhengzhou-2024' \(2024-01-01\)",
    ):
        assess(ZZ, [], as_of="2023-12-31")
    with pytest.raises(InvalidInputError, match=r"tolerance=2: must be in \[0, 1\]"):
        assess(ZZ, [], as_of="2024-03-31", tolerance="2")
    with pytest.raises(InvalidInputError, match=r"as_of='soon': expected a date"):
        assess(ZZ, [], as_of="soon")


def test_duplicate_observations_raise() -> None:
    obs = [
        Observation("mass-events", "city", 10, "2024-03-31"),
        Observation("mass-events", "city", 12, "2024-03-31"),
    ]
    with pytest.raises(
        DataError,
        match=r"duplicate observation for target='mass-events', region='city', as_of=2024-03-31",
    ):
        assess(ZZ, obs, as_of="2024-03-31")


def test_observations_must_be_observations() -> None:
    with pytest.raises(InvalidInputError, match=r"observations\[0\]=\('mass-events'"):
        assess(ZZ, [("mass-events", "city", 1, "2024-01-02")], as_of="2024-03-31")  # type: ignore[list-item]
    with pytest.raises(InvalidInputError, match=r"value=True: expected a number, not a bool"):
        Observation("mass-events", "city", True, "2024-03-31")


# ------------------------------------------------------------ quarterly pacing (序时开展)


def test_quarterly_event_pacing_1000_a_year() -> None:
    rows = pace_by_quarter(
        {"2024-Q1": 260, "2024-Q2": 250, "2024-Q3": 200, "2023-Q4": 999},
        1000,
        year=2024,
        as_of="2024-12-31",
    )
    assert [(r.paced_target, r.cumulative, r.status, r.shortfall) for r in rows] == [
        (250, 260, "met", 0),
        (500, 510, "met", 0),
        (750, 710, "behind", 40),
        (1000, 710, "behind", 290),
    ]
    # 500 youth events: 125, 250, 375, 500; 6 themed activities: ceil(1.5) = 2, 3, 5, 6
    assert [r.paced_target for r in pace_by_quarter([0, 0, 0, 0], 6, year=2024)] == [2, 3, 5, 6]


def test_pacing_accepts_an_event_catalog_like_object() -> None:
    class Catalog:
        def count_by_quarter(self, **kw: object) -> dict[tuple[int, int], int]:
            assert kw == {"year": 2024}
            return {(2024, 1): 300, (2024, 2): 300}

    rows = pace_by_quarter(Catalog(), 1000, year=2024, as_of="2024-06-30")
    assert [r.status for r in rows] == ["met", "met", "not_due", "not_due"]


def test_pacing_with_the_budget_event_catalog() -> None:
    from sportsgov.budget.events import Event, EventCatalog, FundingModel

    m = FundingModel.market_operated()
    days = ["2024-01-05", "2024-02-01", "2024-05-01", "2024-08-01", "2023-12-30"]
    cat = EventCatalog([Event(d, f"e{i}", "city", "mass", m) for i, d in enumerate(days)])
    rows = pace_by_quarter(cat, 4, year=2024, as_of="2024-12-31", category="mass")
    assert [(r.count, r.cumulative, r.paced_target, r.status) for r in rows] == [
        (2, 2, 1, "met"),
        (1, 3, 2, "met"),
        (1, 4, 3, "met"),
        (0, 4, 4, "met"),
    ]
    assert [r.status for r in pace_by_quarter(cat, 4, year=2024, category="youth")] == [
        "behind"
    ] * 4


def test_pacing_bad_input() -> None:
    with pytest.raises(
        InvalidInputError, match=r"counts=\[1, 2, 3\]: expected 4 quarterly counts"
    ):
        pace_by_quarter([1, 2, 3], 10, year=2024)
    with pytest.raises(InvalidInputError, match=r"counts\[1\]=-1: expected a count"):
        pace_by_quarter([1, -1, 0, 0], 10, year=2024)
    with pytest.raises(
        InvalidInputError, match=r"schedule=\[5, 4, 6, 7\]: expected 4 non-decreasing"
    ):
        pace_by_quarter([1, 1, 1, 1], 10, year=2024, schedule=[5, 4, 6, 7])
    with pytest.raises(InvalidInputError, match=r"counts='Q9': expected a quarter key"):
        pace_by_quarter({"Q9": 1}, 10, year=2024)
    with pytest.raises(
        InvalidInputError, match=r"criteria=\['category'\]: only apply to an event catalog"
    ):
        pace_by_quarter([1, 1, 1, 1], 10, year=2024, category="mass")


# ------------------------------------------------------------ the bundled sample city


def test_sample_city_observations_events_and_scores() -> None:
    from importlib import resources

    from sportsgov.assessment import observations_from_events, score
    from sportsgov.budget.events import EventCatalog

    d = resources.files("sportsgov.data").joinpath("sample_city")
    tree = RegionTree.from_csv(d.joinpath("regions.csv"))  # type: ignore[arg-type]
    table = ObservationTable.from_csv(d.joinpath("observations.csv"))  # type: ignore[arg-type]
    events = EventCatalog.from_csv(d.joinpath("events.csv"))  # type: ignore[arg-type]
    from_events = observations_from_events(events, as_of="2024-09-30", city="990100")
    a = assess(ZZ, [*table, *from_events], as_of="2024-09-30", regions=tree)
    assert a.city == "990100" and len(a.regions) == 9
    mass = a.row("mass-events", "990100")
    # Independent count straight from the CSV file.
    import csv

    with d.joinpath("events.csv").open(encoding="utf-8") as fh:
        n = sum(
            1 for r in csv.DictReader(fh) if r["category"] == "mass" and r["date"] <= "2024-09-30"
        )
    assert mass.actual == n
    assert mass.status == (
        "on_track" if Fraction(n, 1000) >= Fraction(274, 366) - Fraction(1, 20) else "behind"
    )
    pace = pace_by_quarter(events, 1000, year=2024, as_of="2024-09-30", category="mass")
    assert pace[2].cumulative == n
    card = score(a, "zhengzhou-2024-districts")
    assert len(card.regions) == 8 and card.regions[0].rank == 1
    for r in card.regions:
        assert 0 <= r.total <= 105
        assert sum(i.lost for i in r.items) == 100 - r.base
