"""The report's talent section (``sportsgov/report/_sections/talent.py``) on the tiny city.

Oracle: figures worked by hand. The tiny city gets a three-tier pipeline whose rates
are quarters and halves of the stocks, so every yearly move is a whole number of
people and the projection can be followed on paper, and three schools against the
"2351" standard (2 coaches and 30 athletes per school).

Pipeline, 三线 -> 三线 0.5, 三线 -> 二线 0.25, 二线 -> 二线 0.5, 二线 -> 一线 0.25,
一线 -> 一线 0.5; stocks summed over the two regions: 三线 300 + 100 = 400, 二线 80,
一线 8. Target 三线 >= 400 at 2026 (two years from 2024): 0.25 * 400 + 1.5 r >= 400
gives an intake of r = 200 a year, and then

    2024: 400,  80,  8
    2025: 0.5*400+200 = 400, 0.25*400+0.5*80 = 140, 0.25*80+0.5*8 = 24
    2026: 400, 100+70 = 170, 35+12 = 47
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from sportsgov import plans
from sportsgov.citydata import CityData
from sportsgov.errors import DataError
from sportsgov.report import build_report
from sportsgov.report._context import Context
from sportsgov.report._sections.talent import PipelineData, StandardData, TalentData, compute
from sportsgov.report.settings import ReportSettings

if TYPE_CHECKING:
    from tests.conftest import TinyCity

RATES = """from,to,rate
三线,三线,0.5
三线,二线,0.25
二线,二线,0.5
二线,一线,0.25
一线,一线,0.5
"""
STOCK = """region,tier,stock
990101,三线,300
990121,三线,100
990101,二线,80
990101,一线,8
"""
SCHOOLS = """学校名称,所属区县,教练员人数,运动员人数
S1,990101,2,30
S2,990101,3,25
S3,990121,1,40
"""
TALENT_TOML = """
[talent]
start = 2024
[talent.target]
"三线" = 400

[standard]
name = "2351"
coaches = 2
athletes = 30
reserve_target = 500
"""


def _city(root: Path, tiny_city: TinyCity, toml: str = TALENT_TOML) -> Path:
    tiny_city.write(root, toml=tiny_city.toml + toml)
    (root / "talent_rates.csv").write_text(RATES, encoding="utf-8")
    (root / "talent_stock.csv").write_text(STOCK, encoding="utf-8")
    (root / "schools.csv").write_bytes(SCHOOLS.encode("gbk"))
    return root


def _compute(root: Path) -> TalentData:
    city = CityData.load(root)
    settings = ReportSettings.from_table(city.manifest.get("report"))
    ctx = Context(city, plans.load("zhengzhou-2024"), dt.date(2024, 9, 30), "en", False, settings)
    return compute(ctx)


def test_compute_matches_the_hand_computation(tmp_path: Path, tiny_city: TinyCity) -> None:
    data = _compute(_city(tmp_path / "mini", tiny_city))
    assert data.pipeline == PipelineData(
        tiers=("三线", "二线", "一线"),
        years=(2024, 2025, 2026),
        stocks={"三线": (400, 400, 400), "二线": (80, 140, 170), "一线": (8, 24, 47)},
        intake_per_year={"三线": 200, "二线": 0, "一线": 0},
        entry="三线",
        target={"三线": 400},
    )
    assert data.pipeline.horizon == 2026
    # S2 lacks 5 athletes, S3 one coach; S2's extra coach does not cover S3's gap
    assert data.standard == StandardData(
        name="2351",
        schools=3,
        required={"coaches": 6, "athletes": 90},
        actual={"coaches": 6, "athletes": 95},
        shortfall={"coaches": 1, "athletes": 5},
        short_schools=("S2", "S3"),
        reserve_target=500,
    )


def test_talent_years_setting_sets_the_default_horizon(
    tmp_path: Path, tiny_city: TinyCity
) -> None:
    # one year to 三线 >= 500: 0.5 * 400 + r >= 500, r = 300
    toml = TALENT_TOML.replace('"三线" = 400', '"三线" = 500') + "\n[report]\ntalent_years = 1\n"
    data = _compute(_city(tmp_path / "mini", tiny_city, toml))
    assert data.pipeline is not None
    assert data.pipeline.years == (2024, 2025)
    assert data.pipeline.intake_per_year["三线"] == 300
    assert data.pipeline.stocks == {"三线": (400, 500), "二线": (80, 140), "一线": (8, 24)}
    assert ReportSettings().talent_years == 2


def test_bad_talent_years_is_a_data_error_naming_the_key(
    tmp_path: Path, tiny_city: TinyCity
) -> None:
    root = _city(tmp_path / "mini", tiny_city, TALENT_TOML + "\n[report]\ntalent_years = 0\n")
    with pytest.raises(DataError, match=r"field report\.talent_years: talent_years=0: must be"):
        build_report(data=root, charts=False)


def test_horizon_not_after_start_is_a_data_error(tmp_path: Path, tiny_city: TinyCity) -> None:
    root = _city(
        tmp_path / "mini",
        tiny_city,
        TALENT_TOML.replace("start = 2024", "start = 2024\nhorizon = 2024"),
    )
    with pytest.raises(
        DataError,
        match=r"field talent\.horizon: talent\.horizon=2024: must be after talent\.start=2024$",
    ):
        _compute(root)


def test_without_target_or_standard_parts_are_left_out(
    tmp_path: Path, tiny_city: TinyCity
) -> None:
    data = _compute(_city(tmp_path / "mini", tiny_city, "\n[talent]\nstart = 2024\n"))
    assert data.standard is None
    assert data.pipeline is not None
    assert data.pipeline.target == {} and set(data.pipeline.intake_per_year.values()) == {0}
    # no intake: 三线 halves and feeds a quarter on
    assert data.pipeline.stocks["三线"] == (400, 200, 100)
    root = tiny_city.write(tmp_path / "bare")
    assert _compute(root) == TalentData(pipeline=None, standard=None)


def test_layout_shows_the_computed_figures(tmp_path: Path, tiny_city: TinyCity) -> None:
    rep = build_report(data=_city(tmp_path / "mini", tiny_city), charts=False, lang="en")
    section = next(s for s in rep.sections if s.key == "talent")
    assert section.data == {
        "pipeline": {"三线": [400, 400, 400], "二线": [80, 140, 170], "一线": [8, 24, 47]},
        "intake_per_year": {"三线": 200, "二线": 0, "一线": 0},
        "standard": {
            "required": {"coaches": 6, "athletes": 90},
            "actual": {"coaches": 6, "athletes": 95},
            "short_schools": 2,
        },
    }
    pipeline, standard = section.tables
    assert pipeline.columns[1:] == ("2024", "2025", "2026")
    assert pipeline.rows[2] == ("一线", 8, 24, 47)
    assert [row[1:] for row in standard.rows] == [(6, 6, 1), (90, 95, 5)]
    assert "500" in (standard.caption or "")
    assert len(section.paragraphs) == 2 and "200" in section.paragraphs[0]
