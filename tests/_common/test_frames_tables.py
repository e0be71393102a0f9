"""DataFrames out of every table and result a user inspects, and back where a reader exists.

Oracles: the objects themselves (each column is checked against the attribute it
comes from, not against the code that built the frame), exact identities that hold
independently of the frame code (parts sum to the total to the fen; a factor
allocation's parts add up to its amount; a projection's closing stock is the next
year's opening stock), and the table readers for the round trips
``from_frame(x.to_frame()) == x``.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sportsgov.errors import DataError, InvalidInputError
from sportsgov.money import Money, allocate_detailed
from sportsgov.testing import factor_problems, funding_models, medal_tables, pipeline_models

pd = pytest.importorskip("pandas")  # the pandas extra; in dev


# ---------------------------------------------------------------- round trips


@settings(max_examples=40)
@given(pipeline_models())
def test_pipeline_model_frame_round_trip(model: Any) -> None:
    from sportsgov.talent import PipelineModel

    frame = model.to_frame()
    assert list(frame.columns) == ["from", "to", "rate"]
    assert all(isinstance(r, Fraction) for r in frame["rate"])
    # the tiers' names and lines are not rates: they come back through tiers=
    assert PipelineModel.from_frame(frame, tiers=model.tiers) == model
    plain = PipelineModel(model.codes, model.transitions)  # codes only
    assert PipelineModel.from_frame(plain.to_frame()) == plain


@settings(max_examples=40)
@given(medal_tables(shared=True))
def test_medal_table_frame_round_trip(table: Any) -> None:
    from sportsgov.talent import MedalTable

    frame = table.to_frame()
    assert list(frame.columns) == ["unit", "gold", "silver", "bronze", "total"]
    assert MedalTable.from_frame(frame) == table
    named = MedalTable(table.entries, name="Games", source="results")
    assert MedalTable.from_frame(frame, name="Games", source="results") == named


events = st.builds(
    lambda day, name, level, category, model, organizer, region: (
        day,
        name,
        level,
        category,
        model,
        organizer,
        region,
    ),
    st.dates(dt.date(2020, 1, 1), dt.date(2030, 12, 31)),
    st.text("赛事马拉松AB ", min_size=1, max_size=6).filter(str.strip),
    st.sampled_from(["city", "district", "national"]),
    st.sampled_from(["mass", "youth", "elite"]),
    funding_models(),
    st.sampled_from(["", "市体育局", "某协会"]),
    st.sampled_from(["", "410102"]),
)


@settings(max_examples=40)
@given(st.lists(events, max_size=6))
def test_event_catalog_frame_round_trip(rows: list[tuple[Any, ...]]) -> None:
    from sportsgov.budget import Event, EventCatalog

    catalog = EventCatalog([Event(*r) for r in rows])
    frame = catalog.to_frame()
    assert EventCatalog.from_frame(frame) == catalog
    assert sum(frame["public_cost_yuan"], Decimal(0)) == catalog.total_public_cost.to_decimal()


def test_event_catalog_frame_reads_chinese_headers_too() -> None:
    from sportsgov.budget import EventCatalog

    df = pd.DataFrame(
        {
            "日期": [pd.Timestamp("2024-05-01")],
            "赛事名称": ["行走大运河"],
            "级别": ["city"],
            "类别": ["mass"],
            "办赛模式": ["部分补贴"],
            "费用": ["20万元"],
            "补贴比例": ["30%"],
        }
    )
    catalog = EventCatalog.from_frame(df)
    assert catalog.total_public_cost == Money.parse("6万元")
    assert catalog.to_frame()["public_cost_yuan"].tolist() == [Decimal("60000.00")]


def test_from_frame_errors_name_the_frame_row() -> None:
    from sportsgov.talent import MedalTable, PipelineModel

    bad = pd.DataFrame({"from": ["a", "a"], "to": ["a", "b"], "rate": ["0.5", "2"]})
    with pytest.raises(
        DataError, match=r"^<DataFrame>, row 3, field rate: rate=2: must be in \[0, 1\]"
    ):
        PipelineModel.from_frame(bad)
    with pytest.raises(DataError, match=r"^<DataFrame>, row 1: missing column rate "):
        PipelineModel.from_frame(bad[["from", "to"]])
    medals = pd.DataFrame({"单位": ["A", ""], "金牌": [1, 0], "银牌": [0, 0], "铜牌": [0, 0]})
    with pytest.raises(DataError, match=r"^<DataFrame>, row 3, field unit: unit='': must not"):
        MedalTable.from_frame(medals)
    assert MedalTable.from_frame(medals.iloc[:1]).medals("A").as_tuple() == (1, 0, 0)


# ---------------------------------------------------------------- results: columns and values


def _coverage(by: bool = True) -> Any:
    from sportsgov.coverage import Points, circle_coverage

    demand = Points(
        [120.0, 120.1, 120.0005, 120.3],
        [30.0, 30.0, 30.0, 30.0],
        weight=[100, 300, 50, 0],
        id=["a", "b", "c", "d"],
    )
    return circle_coverage(
        demand,
        Points([120.001], [30.0]),
        radius=500,
        by=["D1", "D2", "D1", "D3"] if by else None,
    )


def test_coverage_frame_per_point_and_per_region() -> None:
    r = _coverage()
    df = r.to_frame()
    assert list(df.columns) == [
        "id",
        "lon",
        "lat",
        "region",
        "population_persons",
        "covered",
        "nearest_m",
        "nearest_index",
        "radius_m",
    ]
    assert df["id"].tolist() == ["a", "b", "c", "d"]
    assert df["covered"].tolist() == r.covered.tolist()
    assert df["nearest_m"].tolist() == r.nearest.tolist()
    assert df.loc[df["covered"], "population_persons"].sum() == r.covered_population
    regions = r.to_frame(by="region")
    assert regions["region"].tolist() == list(r.regions)
    for row in regions.itertuples():
        reg = r.regions[row.region]
        assert (row.points, row.covered_points) == (reg.points, reg.covered_points)
        assert row.total_population_persons == reg.total_population
        assert row.covered_population_persons == reg.covered_population
    assert np.isnan(regions["share"].tolist()[-1])  # D3 has no population: share missing
    assert regions["share"].tolist()[:2] == [1.0, 0.0]
    assert "region" not in _coverage(by=False).to_frame().columns
    assert _coverage(by=False).to_frame()["id"].tolist() == ["a", "b", "c", "d"]


def test_coverage_frame_errors() -> None:
    with pytest.raises(InvalidInputError, match=r"^by='x': expected one of 'point', 'region'"):
        _coverage().to_frame(by="x")  # type: ignore[arg-type]
    with pytest.raises(InvalidInputError, match=r"^by=None: per-region table needs"):
        _coverage(by=False).to_frame(by="region")


def test_accessibility_frame_per_demand_and_supply() -> None:
    from sportsgov.coverage import two_step_fca

    a = two_step_fca({"A": 100, "B": 50, "C": 10}, {"S": 10, "T": 5}, np.array(
        [[1.0, 9.0], [2.0, 9.0], [9.0, 9.0]]), threshold=2)  # fmt: skip
    df = a.to_frame()
    assert list(df.columns) == ["id", "population_persons", "score", "reached"]
    assert df["score"].tolist() == a.scores.tolist()
    assert df["reached"].tolist() == [True, True, False]
    sup = a.to_frame(by="supply")
    assert sup["id"].tolist() == ["S", "T"]
    assert sup["supply_ratio"].tolist() == a.supply_ratios.tolist()
    assert sup["served"].tolist() == [True, False]
    with pytest.raises(InvalidInputError, match=r"^by='x': expected one of 'demand', 'supply'"):
        a.to_frame(by="x")  # type: ignore[arg-type]


def test_indicator_table_frame() -> None:
    from sportsgov.facilities import Inventory
    from sportsgov.indicators import indicator_table
    from sportsgov.regions import PopulationTable

    inv = Inventory.from_records(
        [
            {"id": 1, "kind": "gym", "region": "A", "area": 50},
            {"id": 2, "kind": "football_11", "region": "B", "area": 7000},
        ]
    )
    pop = PopulationTable({("A", 2024): 20, ("B", 2024): 40_000})
    t = indicator_table(inv, pop, as_of="2024-12-31", regions=["A", "B"])
    df = t.to_frame()
    assert list(df.columns) == [
        "region",
        "per_capita_area_m2_per_person",
        "area_m2",
        "population_persons",
        "facilities",
    ]
    assert df.to_dict("records") == [
        {
            "region": r["region"],
            "per_capita_area_m2_per_person": r["value"],
            "area_m2": r["numerator"],
            "population_persons": r["denominator"],
            "facilities": r["facilities"],
        }
        for r in t.to_records()
    ]
    p = indicator_table(inv, pop, as_of="2024-12-31", regions=["B"], indicator="pitches_per_10k")
    assert p.to_frame().values.tolist() == [["B", 0.25, 1.0, 40_000, 1]]
    assert list(p.to_frame().columns)[1:3] == ["pitches_per_10k", "count"]


@settings(max_examples=40)
@given(
    st.integers(-(10**12), 10**12),
    st.dictionaries(st.text("abc", min_size=1, max_size=3), st.integers(0, 50), min_size=1),
)
def test_allocation_frame_is_exact_to_the_fen(fen: int, weights: dict[str, int]) -> None:
    if not any(weights.values()):
        weights = {**weights, "x": 1}
    a = allocate_detailed(Money(fen), weights)
    df = a.to_frame()
    assert df["key"].tolist() == list(a.parts)
    assert all(isinstance(v, Decimal) for v in df["part_yuan"])
    assert sum(df["part_yuan"], Decimal(0)) * 100 == fen  # exact: no float on the way
    assert sum(df["quota_fen"], Fraction(0)) == fen
    assert df["extra_fen"].tolist() == [k in a.remainder_to for k in a.parts]


@settings(max_examples=30)
@given(factor_problems(bounds=True))
def test_factor_allocation_frame_rows_add_up(problem: dict[str, Any]) -> None:
    from sportsgov.budget import factor_allocation
    from sportsgov.errors import InfeasibleError

    try:
        r = factor_allocation(**problem)
    except InfeasibleError:
        return
    df = r.to_frame()
    factors = [f"from_{f}_fen" for f in problem["weights"]]
    assert list(df.columns)[:3] == ["unit", "amount_yuan", "share"]
    assert sum(df["amount_yuan"], Decimal(0)) == problem["total"].to_decimal()
    for row in df.to_dict("records"):
        parts = sum((row[c] for c in factors), Fraction(0))
        assert row["amount_yuan"] * 100 == parts + row["redistribution_fen"] + row["rounding_fen"]
        floor = problem["floors"].get(row["unit"])
        assert row["floor_yuan"] == (None if floor is None else floor.to_decimal())


def test_subsidy_ledger_frame_lists_the_claims() -> None:
    from sportsgov.budget import SubsidyLedger, SubsidyProgram
    from sportsgov.periods import Period

    program = SubsidyProgram(
        "ski", ["ski_ticket"], "1/2", Money.yuan(100), Money.yuan(300), Money.yuan(1000),
        Period.parse("2020-12/2021-03"),
    )  # fmt: skip
    ledger = SubsidyLedger(program)
    ledger.claim("c1", "zhang", "ski_ticket", Money.yuan(180), "2021-01-09")
    ledger.claim("c2", "zhang", "ski_ticket", Money.yuan(260), "2021-01-10")
    ledger.claim("c3", "li", "ski_ticket", Money.yuan("0.03"), "2021-01-11")
    ledger.reverse("c1")
    df = ledger.to_frame()
    assert df["claim_id"].tolist() == [c.claim_id for c in ledger.claims()]
    assert df["on"].tolist() == [dt.date(2021, 1, 9), dt.date(2021, 1, 10), dt.date(2021, 1, 11)]
    assert df["paid_yuan"].tolist() == [Decimal("90.00"), Decimal("100.00"), Decimal("0.02")]
    assert df["binding_limit"].tolist() == ["rate", "per_claim_cap", "rate"]
    assert df["reversed"].tolist() == [True, False, False]
    kept = df.loc[~df["reversed"], "paid_yuan"].sum()
    assert kept == ledger.paid_total.to_decimal()
    assert all(isinstance(v, Decimal) for v in df["remaining_yuan"])


def test_subsidy_ledger_frame_is_the_same_from_a_database(tmp_path: Any) -> None:
    from sportsgov.budget import SubsidyLedger, SubsidyProgram
    from sportsgov.periods import Period

    program = SubsidyProgram(
        "s", ["a"], "1/3", None, Money.yuan(5), Money.yuan(9), Period.year(2024)
    )
    memory = SubsidyLedger(program)
    with SubsidyLedger.open(tmp_path / "ledger.sqlite", program) as stored:
        for ledger in (memory, stored):
            for i, amount in enumerate(["10", "7", "0.05", "30"]):
                ledger.claim(f"c{i}", f"p{i % 2}", "a", Money.yuan(amount), "2024-05-01")
            ledger.reverse("c1")
        frame = stored.to_frame()
    pd.testing.assert_frame_equal(frame, memory.to_frame())
    assert frame["binding_limit"].tolist() == ["rate", "rate", "rate", "per_person_cap"]


def test_pipeline_model_from_frame_reads_chinese_headers() -> None:
    from sportsgov.talent import PipelineModel

    df = pd.DataFrame(
        {
            "起始层级": ["三线", "三线", "二线"],
            "目标层级": ["三线", "二线", "二线"],
            "转移率": ["60%", 0.1, "7/10"],
        }
    )
    m = PipelineModel.from_frame(df, source="2024 rates")
    assert m.codes == ("三线", "二线") and m.source == "2024 rates"
    assert m.attrition == (Fraction(3, 10), Fraction(3, 10))


def test_execution_table_frame() -> None:
    from sportsgov.budget import execution_table
    from sportsgov.periods import Period

    t = execution_table(
        {"venues": (Money.yuan(10), Money.yuan(100)), "events": (Money.yuan(60), Money.yuan(80))},
        as_of="2024-06-30",
        period=Period.year(2024),
    )
    df = t.to_frame()
    assert df["line"].tolist() == ["venues", "events"]
    assert df["budget_yuan"].tolist() == [Decimal("100.00"), Decimal("80.00")]
    assert df["rate"].tolist() == [Fraction(1, 10), Fraction(3, 4)]
    assert df["status"].tolist() == [r.status for r in t.rows]
    assert df["as_of"].tolist() == [dt.date(2024, 6, 30)] * 2
    full = t.to_frame(total=True)
    assert full["line"].tolist()[-1] == "total"
    assert full["spent_yuan"].tolist()[-1] == sum(df["spent_yuan"])


def test_assessment_and_scorecard_frames() -> None:
    from sportsgov import plans
    from sportsgov.assessment import assess, score

    plan = plans.load("jiaozuo-2024")
    a = assess(plan, [], as_of="2024-06-30")
    df = a.to_frame()
    assert len(df) == len(a.rows)
    assert df["target"].tolist() == [r.target.id for r in a.rows]
    assert df["value"].tolist() == [r.target.value for r in a.rows]
    assert df["deadline"].tolist() == [r.target.deadline for r in a.rows]
    assert set(df["status"]) == {"no_data"}
    card = score(
        None,
        "scheme-b",
        inputs={"A": {"base_points": 90, "bonus_events": 4}, "B": {"base_points": 95}},
    )
    sc = card.to_frame()
    assert sc[["rank", "region", "total_points"]].values.tolist() == [
        [rank, region, total] for rank, region, total in card.ranking()
    ]
    items = [c for c in sc.columns if c.startswith("item_")]
    assert items == [f"item_{it.id}_points" for it in card.scheme.items]
    assert sc["item_base_points"].tolist() == [Decimal(95), Decimal(90)]
    for row in sc.to_dict("records"):
        total = row["base_points"] + row["bonus_points"] + row["deductions_points"]
        assert total == row["total_points"]


def test_projection_frame_links_years() -> None:
    from sportsgov.talent import PipelineModel

    m = PipelineModel(["a", "b"], [["0.5", "0.25"], [0, "0.9"]])
    for mode in ("integer", "exact", "float"):
        p = m.project({"a": 100, "b": 10}, 3, intake={"a": 40}, mode=mode)
        df = p.to_frame()
        assert len(df) == 3 * 2 and list(df.columns)[:2] == ["year", "tier"]
        for tier in ("a", "b"):
            rows = df[df["tier"] == tier]
            assert rows["opening_persons"].tolist()[1:] == rows["closing_persons"].tolist()[:-1]
        assert df["closing_persons"].tolist()[-2:] == list(p.final.tolist())
    multi = m.project([[100, 10], [40, 0]], 2, intake=[50, 0]).to_frame()
    assert multi["unit"].tolist() == [0, 0, 0, 0, 1, 1, 1, 1]


def test_projected_population_frame_flags_projected_years() -> None:
    from sportsgov.regions import PopulationTable

    pop = PopulationTable({("A", 2021): 10, ("A", 2022): 20, ("A", 2023): 30})
    p = pop.project(2025)
    df = p.to_frame()
    assert df["year"].tolist() == [2021, 2022, 2023, 2024, 2025]
    assert df["projected"].tolist() == [False, False, False, True, True]
    assert PopulationTable.from_frame(df).figures == p.figures


# ---------------------------------------------------------------- short reprs, notebook tables


def _bounded(obj: Any, *, shown: str) -> None:
    text = repr(obj)
    assert len(text) < 800, len(text)
    assert "more" in text and shown in text
    html = obj._repr_html_()
    assert html.count("<tr>") <= 21  # header + 20 rows
    assert "more rows" in html
    assert len(html) < 6000, len(html)


def test_large_results_have_bounded_reprs() -> None:
    from sportsgov.apportionment import apportion
    from sportsgov.budget import factor_allocation
    from sportsgov.coverage import Points, circle_coverage, two_step_fca

    n = 5000
    codes = [f"R{i:05d}" for i in range(n)]
    _bounded(allocate_detailed(Money.yuan(10**6), dict.fromkeys(codes, 1)), shown="R00000")
    _bounded(apportion(10 * n, {c: i + 1 for i, c in enumerate(codes)}), shown="R00000")
    measures = {c: {"x": i + 1} for i, c in enumerate(codes[:2000])}
    _bounded(factor_allocation(Money.yuan(10**6), measures, {"x": 1}), shown="R00000")
    rng = np.random.default_rng(7)
    lon, lat = 120 + rng.random(n) * 0.1, 30 + rng.random(n) * 0.1
    cov = circle_coverage(
        Points(lon, lat, weight=np.ones(n)), Points([120.05], [30.05]), radius=2000, by=codes
    )
    assert len(repr(cov)) < 200  # a summary line, whatever the size
    html = cov._repr_html_()
    assert html.count("<tr>") == 21 and "4,980 more rows" in html
    costs = rng.random((n, 3)) * 10
    _bounded(two_step_fca(np.ones(n), [1, 2, 3], costs, threshold=5), shown="4,995 more")


def test_indicator_scorecard_and_ledger_reprs_are_bounded() -> None:
    from sportsgov.assessment import score
    from sportsgov.budget import SubsidyLedger, SubsidyProgram
    from sportsgov.indicators import IndicatorTable
    from sportsgov.periods import Period

    n = 3000
    t = IndicatorTable(
        "per_capita_area",
        "m²/person",
        dt.date(2024, 12, 31),
        2024,
        1,
        tuple(f"C{i}" for i in range(n)),
        np.full(n, 100.0),
        np.full(n, 50, dtype=np.int64),
        np.full(n, 2.0),
        np.ones(n, dtype=np.int64),
    )
    _bounded(t, shown="2,995 more")
    card = score(
        None, "scheme-b", inputs={f"D{i:03d}": {"base_points": i % 100} for i in range(300)}
    )
    _bounded(card, shown="ranking=[")
    program = SubsidyProgram("s", ["a"], 1, None, None, Money.yuan(10**6), Period.year(2024))
    ledger = SubsidyLedger(program)
    for i in range(200):
        ledger.claim(f"c{i}", f"p{i}", "a", Money.yuan(1), "2024-05-01")
    assert repr(ledger) == (
        "SubsidyLedger(program='s', claims=200, paid_total=Money('200.00'), "
        "remaining=Money('999800.00'))"
    )
    html = ledger._repr_html_()
    assert html.count("<tr>") == 21 and "180 more rows" in html


def test_html_tables_escape_cells() -> None:
    from sportsgov.apportionment import apportion
    from sportsgov.facilities import Inventory

    html = apportion(3, {"<b>A&B</b>": 2, "C": 1})._repr_html_()
    assert "&lt;b&gt;A&amp;B&lt;/b&gt;" in html and "<b>A" not in html
    inv = Inventory.from_records([{"id": "<i>", "kind": "gym", "region": "A", "area": 10}])
    assert "<td>&lt;i&gt;</td>" in inv._repr_html_()


def test_the_how_to_lists_the_columns_of_every_round_trip_table() -> None:
    # docs/howto/load-excel.md "Tables that read back": the first `...` of each row is
    # exactly the frame's columns (a stale page fails here)
    import re
    from pathlib import Path

    from sportsgov.citydata import CityData, sample_city_path
    from sportsgov.planning import ProjectTable
    from sportsgov.talent import MedalTable

    page = Path(__file__).resolve().parents[2] / "docs/howto/load-excel.md"
    section = page.read_text("utf-8").split("Tables that read back", 1)[1]
    section = section.split("Results (out only)", 1)[0]
    documented = dict(re.findall(r"^\| `(\w+)` \| `([^`]+)`", section, flags=re.MULTILINE))
    city = CityData.load(sample_city_path())
    tables = {
        "Inventory": city.facilities,
        "RegionTree": city.regions,
        "PopulationTable": city.population,
        "ObservationTable": city.observations,
        "EventCatalog": city.events,
        "PipelineModel": city.talent,
        "MedalTable": MedalTable({"A": (1, 0, 0)}),
        "InstructorTable": city.instructors,
        "SchoolTable": city.schools,
        "BudgetLineTable": city.budget_lines,
        "SubsidyClaimTable": city.subsidy_claims,
        "ProjectTable": ProjectTable.from_file(sample_city_path() / "projects.csv"),
    }
    assert set(documented) == set(tables)
    for name, table in tables.items():
        assert documented[name].split(", ") == list(table.to_frame().columns), name
        # a city's inventory and population were built with its region tree: pass it back
        options = {"tree": city.regions} if name in ("Inventory", "PopulationTable") else {}
        if name == "PipelineModel":
            options = {"tiers": city.talent.tiers, "source": city.talent.source}
        assert type(table).from_frame(table.to_frame(), **options) == table, name
