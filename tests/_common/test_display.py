"""Tests for sportsgov._common.display (short reprs and notebook tables).

Oracles: hand-written expected strings, the standard library's html.escape, and
length bounds computed from the helper's documented widths.
"""

from __future__ import annotations

import datetime as dt
import html
import itertools
import re
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import attrs
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sportsgov import Period, plans
from sportsgov._common.display import (
    CELL_WIDTH,
    FIELD_WIDTH,
    HTML_ROWS,
    REPR_ROWS,
    cell,
    clip,
    html_table,
    text_repr,
)
from sportsgov.assessment import Observation, ObservationTable, assess
from sportsgov.budget import BudgetLineTable, EventCatalog, SubsidyClaimTable, execution_table
from sportsgov.coverage import suggest_sites
from sportsgov.money import Money
from sportsgov.planning import Gaps, ProjectTable, gaps
from sportsgov.regions import PopulationTable, RegionTree
from sportsgov.talent import InstructorTable, MedalTable, PipelineModel, SchoolTable

pd = pytest.importorskip("pandas")


def test_cell_formats_exact_values_exactly() -> None:
    assert cell(Money.yuan("7668.28")) == "7668.28"
    assert cell(Decimal("0.10")) == "0.10"
    assert cell(Fraction(2, 3)) == "2/3"
    assert cell(1 / 3) == "0.333333"
    assert cell(float("inf")) == "inf"
    assert cell(None) == "" and cell(False) == "False"
    assert cell(dt.date(2024, 12, 31)) == "2024-12-31"
    assert len(cell("长" * 100)) == CELL_WIDTH


def test_clip() -> None:
    assert clip("abcdef", 6) == "abcdef"
    assert clip("abcdefg", 6) == "abc..."
    assert clip("abcdef", 2) == "..."  # never longer than the text marker


def test_text_repr_shows_count_and_first_rows() -> None:
    rows = (f"r{i}" for i in itertools.count())  # endless: only `limit` are read
    assert text_repr("T", [("a", "x")], rows, count=10**6) == (
        "T(a='x', rows=[r0, r1, r2, r3, r4, ... 999,995 more])"
    )
    assert text_repr("T", [("a", 1)]) == "T(a=1)"
    assert text_repr("T", [], [], count=0, label="units") == "T(units=[])"


@settings(max_examples=25)
@given(
    st.lists(st.tuples(st.text(max_size=10), st.text(max_size=300)), max_size=5),
    st.lists(st.text(max_size=300), max_size=50),
)
def test_text_repr_is_bounded(fields: list[tuple[str, str]], rows: list[str]) -> None:
    text = text_repr("Name", fields, rows, count=len(rows))
    per_field = 10 + 1 + FIELD_WIDTH + 2
    bound = len("Name()") + len(fields) * per_field + 7 + REPR_ROWS * (FIELD_WIDTH + 2) + 30
    assert len(text) <= bound


@settings(max_examples=25)
@given(st.lists(st.lists(st.text(max_size=80), min_size=2, max_size=2), max_size=40))
def test_html_table_escapes_and_bounds(rows: list[list[str]]) -> None:
    out = html_table("<T> & co", ["a<", "b"], rows, count=len(rows))
    assert out.startswith("<p>&lt;T&gt; &amp; co</p><table><thead><tr><th>a&lt;</th>")
    assert out.count("<tr>") == 1 + min(len(rows), HTML_ROWS)
    for row in rows[:HTML_ROWS]:
        assert "".join(f"<td>{html.escape(cell(v))}</td>" for v in row) in out
    if len(rows) > HTML_ROWS:
        assert out.endswith(f"<p>... {len(rows) - HTML_ROWS:,} more rows</p>")
    else:
        assert out.endswith("</table>")


def test_the_typed_city_tables_print_short() -> None:
    # 6,000 subsidy claims printed 745,504 characters with the attrs repr
    from sportsgov.citydata import CityData, sample_city_path
    from sportsgov.planning import ProjectTable

    city = CityData.load(sample_city_path())
    projects = ProjectTable.from_file(sample_city_path() / "projects.csv")
    tables = [city.instructors, city.schools, city.budget_lines, city.subsidy_claims, projects]
    for table in [*tables, city.events]:
        text = repr(table)
        assert text.startswith(type(table).__name__ + ("(source=" if table in tables else "("))
        assert len(text) <= 80 + REPR_ROWS * (FIELD_WIDTH + 2) + 60, type(table).__name__
        more = len(table) - REPR_ROWS
        assert text.endswith(f"... {more:,} more])" if more > 0 else "])")


# ------------------------------------------------ every table class: bounded repr, notebook table


def _tables(tag: str, n: int) -> dict[str, Any]:
    """One instance of every table class with about ``n`` rows, ``tag`` in a text field."""
    z = plans.load("zhengzhou-2024")
    a = assess(z, [Observation("mass-events", "city", 688, "2024-09-30")], as_of="2024-09-30")
    g = gaps(z, a)
    model = PipelineModel(["a", "b", "c"], [["0.5", "0.25", 0], [0, "0.9", "0.05"], [0, 0, 1]])
    k = max(2, n // 20)
    chain = [[Fraction(1, 2) if j == i else Fraction(1, 4) if j == i + 1 else 0 for j in range(k)]
             for i in range(k)]  # fmt: skip
    pop = PopulationTable({(f"{tag}{i}", y): 1000 + i for i in range(n // 3) for y in (2021, 2022, 2023)})  # fmt: skip  # noqa: E501
    return {
        "ExecutionTable": execution_table(
            {f"{tag}{i}": (Money.yuan(i), Money.yuan(100 + i)) for i in range(n)},
            as_of="2024-06-30",
            period=Period.year(2024),
        ),
        "Projection": model.project([[100, 10, 1]] * (n // 15), 5, intake=[50, 0, 0]),
        "EventCatalog": EventCatalog.from_records(
            {
                "date": "2024-02-10",
                "name": f"{tag}{i}",
                "level": "city",
                "category": "mass",
                "model": "政府主办",
                "cost": "12万元",
            }
            for i in range(n)
        ),
        "MedalTable": MedalTable({f"{tag}{i}": (3, 2, i % 5) for i in range(n)}, name=tag),
        "PipelineModel": PipelineModel([f"{tag}{i}" for i in range(k)], chain),
        "RegionTree": RegionTree.from_records(
            [{"code": "A", "name": "City", "level": "city", "parent": ""}]
            + [
                {"code": f"A{i}", "name": f"{tag}{i}", "level": "district", "parent": "A"}
                for i in range(n)
            ]
        ),
        "PopulationTable": pop,
        "ProjectedPopulation": pop.project(2025, method="linear"),
        "ObservationTable": ObservationTable.from_records(
            {"target": "mass-events", "region": f"{tag}{i}", "value": i, "as_of": "2024-03-31"}
            for i in range(n)
        ),
        "InstructorTable": InstructorTable.from_records(
            {"region": f"{tag}{i}", "year": "2024", "instructors": str(i)} for i in range(n)
        ),
        "SchoolTable": SchoolTable.from_records(
            {"school": f"{tag}{i}", "region": "990101", "coaches": 2, "athletes": i}
            for i in range(n)
        ),
        "BudgetLineTable": BudgetLineTable.from_records(
            {"line": f"{tag}{i}", "budget": "100万元", "spent": f"{i}元"} for i in range(n)
        ),
        "SubsidyClaimTable": SubsidyClaimTable.from_records(
            {
                "claim_id": f"{tag}{i}",
                "person": "P1",
                "kind": "ski_ticket",
                "amount": "180",
                "on": "2024-01-09",
            }
            for i in range(n)
        ),
        "ProjectTable": ProjectTable.from_records(
            {
                "id": f"{tag}{i}",
                "region": "410102",
                "area_m2": "500",
                "cost": "94万元",
                "lon": "113.6",
                "lat": "34.7",
            }
            for i in range(n)
        ),
        "Gaps": attrs.evolve(g, rows=g.rows * max(1, n // len(g.rows)), plan=tag),
        "SiteSelection": suggest_sites(
            np.ones(n), costs=np.eye(n)[:, : n // 10], threshold=0.5, count=n // 10
        ),
    }


def _rows_of(obj: Any) -> list[list[Any]]:
    """The rows a table should show, from an independent source: its DataFrame."""
    if isinstance(obj, Gaps):
        names = ["target_id", "region", "unit", "value", "actual", "status", "deadline"]
        names += ["shortfall", "months_left", "per_month", "projected", "on_course"]
        return [[getattr(r, c) for c in names] for r in obj.rows]
    df = obj.to_frame()
    return [[None if pd.isna(v) else v for v in row] for row in df.itertuples(index=False)]


@pytest.fixture(scope="module")
def large() -> dict[str, Any]:
    return _tables("R", 2000)


def test_every_table_class_has_a_display() -> None:
    # The classes this file checks are the ones the how-to lists as notebook tables.
    assert set(_tables("x", 30)) <= set(_notebook_names())


def _notebook_names() -> list[str]:
    text = (Path(__file__).parents[2] / "docs/howto/load-excel.md").read_text(encoding="utf-8")
    para = text[text.index("In a notebook") :].split("\n\n")[0]
    return re.findall(r"`(\w+)`", para)


@pytest.mark.parametrize("name", sorted(_tables("x", 30)))
def test_large_table_repr_is_bounded(name: str, large: dict[str, Any]) -> None:
    obj = large[name]
    text = repr(obj)
    # before this change the attrs reprs were 0.1-6 million characters at 10,000 rows
    assert text.startswith(f"{name}(") and len(text) < 400, len(text)
    assert "more" in text or name == "Projection"


@pytest.mark.parametrize("name", sorted(_tables("x", 30)))
def test_notebook_table_shows_the_frame_first_rows(name: str, large: dict[str, Any]) -> None:
    obj = large[name]
    out = obj._repr_html_()
    rows = _rows_of(obj)
    assert out.count("<tr>") == 1 + HTML_ROWS and len(out) < 8000, len(out)
    assert out.endswith(f"<p>... {len(rows) - HTML_ROWS:,} more rows</p>")
    if hasattr(obj, "to_frame"):
        head = "".join(f"<th>{html.escape(str(c))}</th>" for c in obj.to_frame().columns)
        assert f"<thead><tr>{head}</tr></thead>" in out  # the DataFrame's column names
    body = out.split("<tbody>")[1].split("</tbody>")[0]
    expected = "".join(
        "<tr>" + "".join(f"<td>{html.escape(cell(v))}</td>" for v in row) + "</tr>"
        for row in rows[:HTML_ROWS]
    )
    assert body == expected


@pytest.mark.parametrize("name", sorted(set(_tables("x", 30)) - {"Projection", "SiteSelection"}))
def test_notebook_table_escapes_names(name: str) -> None:
    obj = _tables("<script>alert(1)</script>", 30)[name]
    out = obj._repr_html_()
    assert "<script>" not in out and "&lt;script&gt;alert(1)&lt;/script&gt;" in out
    assert "<script>" in repr(obj)  # a repr is text, not HTML


def _older_results() -> dict[str, tuple[Any, Any]]:
    """The results that had a notebook table before, with the DataFrame their table mirrors."""
    from sportsgov.apportionment import apportion
    from sportsgov.assessment import score
    from sportsgov.budget import SubsidyLedger, SubsidyProgram, factor_allocation
    from sportsgov.coverage import Points, circle_coverage, two_step_fca
    from sportsgov.facilities import Inventory
    from sportsgov.indicators import IndicatorTable
    from sportsgov.money import allocate_detailed

    n = 30
    codes = [f"R{i:02d}" for i in range(n)]
    rng = np.random.default_rng(3)
    lon, lat = 120 + rng.random(n) * 0.1, 30 + rng.random(n) * 0.1
    points = Points(lon, lat, weight=np.ones(n))
    cov = circle_coverage(points, Points([120.05], [30.05]), radius=2000)
    by = circle_coverage(points, Points([120.05], [30.05]), radius=2000, by=codes)
    fca = two_step_fca(np.ones(n), [1, 2], rng.random((n, 2)) * 10, threshold=5)
    table = IndicatorTable(
        "per_capita_area", "m²/person", dt.date(2024, 12, 31), 2024, 1, tuple(codes),
        np.full(n, 100.0), np.full(n, 50, dtype=np.int64), np.full(n, 2.0),
        np.ones(n, dtype=np.int64),
    )  # fmt: skip
    program = SubsidyProgram("s", ["a"], 1, None, None, Money.yuan(100), Period.year(2024))
    ledger = SubsidyLedger(program)
    ledger.claim("c1", "p1", "a", Money.yuan(1), "2024-05-01")
    z = plans.load("zhengzhou-2024")
    a = assess(z, [Observation("mass-events", "city", 688, "2024-09-30")], as_of="2024-09-30")
    card = score(None, "scheme-b", inputs={c: {"base_points": i} for i, c in enumerate(codes)})
    inv = Inventory.from_records([{"id": "F1", "kind": "gym", "region": "A", "area": 10}])
    alloc = factor_allocation(Money.yuan(100), {c: {"x": 1} for c in codes}, {"x": 1})
    seats = apportion(60, dict.fromkeys(codes, 1))
    return {
        "CoverageResult": (cov, cov.to_frame()),
        "CoverageResult by region": (by, by.to_frame(by="region")),
        "Accessibility": (fca, fca.to_frame()),
        "IndicatorTable": (table, table.to_frame()),
        "Apportionment": (seats, seats.to_frame()),
        "Allocation": (allocate_detailed(Money(100), dict.fromkeys(codes, 1)), None),
        "FactorAllocation": (alloc, alloc.to_frame()),
        "SubsidyLedger": (ledger, ledger.to_frame()),
        "Assessment": (a, a.to_frame()),
        "Scorecard": (card, card.to_frame()),
        "Inventory": (inv, inv.to_frame()),
    }


@pytest.mark.parametrize("name", sorted(_older_results()))
def test_older_notebook_tables_use_the_frame_column_names(name: str) -> None:
    obj, frame = _older_results()[name]
    frame = obj.to_frame() if frame is None else frame
    heads = re.findall(r"<th>(.*?)</th>", obj._repr_html_())
    columns = [html.escape(str(c)) for c in frame.columns]
    assert heads and heads == [c for c in columns if c in heads], (heads, columns)


def test_portfolio_repr_is_bounded() -> None:
    # 2,000 chosen sites printed 28,353 characters through the attrs repr before.
    from sportsgov.planning import Project, best_portfolio

    n = 2000
    sites = [Project(f"site-{i:05d}", Money.yuan(1), covers={i}) for i in range(n)]
    p = best_portfolio(
        sites, Money.yuan(n), objective="covered_population", population=np.ones(n),
        method="greedy",
    )  # fmt: skip
    text = repr(p)
    assert len(p.chosen) == n and len(text) < 400, len(text)
    assert text.endswith("chosen=[site-00000, site-00001, site-00002, site-00003, site-00004, "
                         "... 1,995 more])")  # fmt: skip
    assert "value=Fraction(2000, 1)" in text and "method='greedy'" in text
    html = p._repr_html_()
    assert len(html) < 5_000 and html.count("<tr>") == 21  # a header and 20 chosen
    assert "2,000 projects chosen, cost 2000.00 of 2000.00 yuan (0.00 left)" in html
    assert "<td>site-00019</td>" in html and "site-00020" not in html
    assert "1,980 more rows" in html
    escaped = best_portfolio(
        [Project("<b>&", Money.yuan(1), covers={0})], Money.yuan(1),
        objective="covered_population", population=[1.0],
    )._repr_html_()  # fmt: skip
    assert "<td>&lt;b&gt;&amp;</td>" in escaped and "1 project chosen" in escaped
