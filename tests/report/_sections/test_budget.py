"""The report's budget section (``sportsgov/report/_sections/budget.py``) on the tiny city.

Oracle: the figures worked by hand from the budget lines, program and claims below
(序时进度 on 2024-09-30: 274 of 366 days; each claim's payment from the program's
rate and caps, in order).
"""

from __future__ import annotations

import datetime as dt
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from sportsgov import plans
from sportsgov.budget import BudgetLineTable, SubsidyClaimTable
from sportsgov.citydata import CityData
from sportsgov.money import Money
from sportsgov.report import build_report
from sportsgov.report._context import Context
from sportsgov.report._sections.budget import KindPaid, compute, layout
from sportsgov.report.settings import ReportSettings

if TYPE_CHECKING:
    from tests.conftest import TinyCity

LINES = """项目编号,项目名称,所属区县,预算(万元),已支出(万元)
B1,全民健身,990100,100,80
B2,场地,990121,200,100
B3,赛事,,50,37.5
"""
PROGRAM = """name = "冰雪补贴"
kinds = ["ski_ticket", "coaching"]
rate = "0.5"
per_person_cap = "150元"
budget = "200元"
period = "2024-01/2024-03"
[per_claim_cap]
ski_ticket = "100元"
"""
CLAIMS = """claim_id,person,kind,amount,on
C1,P1,ski_ticket,180,2024-01-05
C2,P1,ski_ticket,300,2024-01-06
C3,P2,coaching,100,2024-02-01
C4,P3,coaching,40,2024-02-02
C5,P3,lift,10,2024-02-03
C6,P4,ski_ticket,10,2024-05-01
"""


def _city(root: Path, tiny_city: TinyCity, *, toml: str | None = None) -> CityData:
    tiny_city.write(root, toml=toml)
    (root / "budget_lines.csv").write_bytes(LINES.encode("gbk"))
    (root / "subsidy_program.toml").write_text(PROGRAM, encoding="utf-8")
    (root / "subsidy_claims.csv").write_text(CLAIMS, encoding="utf-8")
    city = CityData.load(root)
    assert isinstance(city.budget_lines, BudgetLineTable)
    assert isinstance(city.subsidy_claims, SubsidyClaimTable)
    return city


def _ctx(city: CityData, settings: ReportSettings | None = None) -> Context:
    plan = plans.load("zhengzhou-2024")
    return Context(city, plan, dt.date(2024, 9, 30), "en", False, settings or ReportSettings())


def test_compute_matches_the_hand_computation(tmp_path: Path, tiny_city: TinyCity) -> None:
    data = compute(_ctx(_city(tmp_path / "mini", tiny_city)))
    assert data.time_progress == Fraction(274, 366)
    ex = data.execution
    assert ex is not None
    assert [r.rate for r in ex.rows] == [Fraction(4, 5), Fraction(1, 2), Fraction(3, 4)]
    # 0.8 - 0.7486 > 5 points: ahead; 0.5 behind; 0.75 within 5 points: on pace
    assert [r.status for r in ex.rows] == ["ahead", "behind", "on_pace"]
    assert ex.total.rate == Fraction(2175, 3500)  # 217.5万元 of 350万元
    assert ex.total.budget == Money(350_0000_00)
    sub = data.subsidy
    assert sub is not None
    # C1 90 (rate); C2 100 by claim cap, 60 left of P1's 150 (person cap);
    # C3 50 (rate) spends the 200; C4 nothing left; C5 kind not covered; C6 after March
    assert sub.paid == Money(200_00)
    assert sub.kinds == (
        KindPaid("coaching", 1, Money(50_00)),
        KindPaid("ski_ticket", 2, Money(150_00)),
    )
    assert sub.rejected == 3
    assert sub.binding == {"rate": 2, "per_person_cap": 1}


def test_thresholds_come_from_the_settings(tmp_path: Path, tiny_city: TinyCity) -> None:
    city = _city(tmp_path / "mini", tiny_city)
    wide = compute(_ctx(city, ReportSettings(execution_tolerance=0.06))).execution
    assert wide is not None and [r.status for r in wide.rows] == ["on_pace", "behind", "on_pace"]
    months = compute(_ctx(city, ReportSettings(execution_basis="month")))
    assert months.time_progress == Fraction(9, 12)  # nine whole months of twelve
    assert months.execution is not None
    # 0.8 is exactly 5 points ahead of 0.75: a boundary counts as on pace
    assert [r.status for r in months.execution.rows] == ["on_pace", "behind", "on_pace"]


def test_layout_shows_the_computed_figures(tmp_path: Path, tiny_city: TinyCity) -> None:
    ctx = _ctx(_city(tmp_path / "mini", tiny_city))
    section = layout(compute(ctx), ctx)
    execution, subsidy = section.tables
    assert [row[0] for row in execution.rows] == ["全民健身", "场地 · 山里县", "赛事"]
    assert execution.rows[1][1:4] == ("200.00", "100.00", "50.0%")
    assert execution.status == ("ahead", "behind", "on_pace")
    assert [tuple(row[1:]) for row in subsidy.rows] == [(1, "50.00"), (2, "150.00")]
    assert section.data == {
        "execution": {
            "rate": pytest.approx(2175 / 3500),
            "time_progress": pytest.approx(274 / 366),
            "behind": ["B2"],
        },
        "subsidy": {
            "paid": "200.00",
            "budget": "200.00",
            "rejected": 3,
            "binding": {"rate": 2, "per_person_cap": 1},
        },
    }


def test_report_table_in_city_toml_reaches_the_section(
    tmp_path: Path, tiny_city: TinyCity
) -> None:
    toml = tiny_city.toml + "[report]\nexecution_tolerance = 0.06\n"
    root = tmp_path / "mini"
    _city(root, tiny_city, toml=toml)
    report = build_report(data=root, charts=False, lang="en")
    budget = next(s for s in report.sections if s.key == "budget")
    assert budget.tables[0].status == ("on_pace", "behind", "on_pace")
