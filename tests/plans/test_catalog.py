"""The bundled plan catalog: every quantified target of the sources, each citing its phrase."""

from __future__ import annotations

import re
import textwrap
from decimal import Decimal
from pathlib import Path

import pytest

from sportsgov import plans
from sportsgov.errors import DataError, NotFoundError

ROOT = Path(__file__).resolve().parents[2]
SOURCES = next(
    (p for p in (ROOT / "sources", ROOT.parent / "shared" / "sources") if p.is_dir()), None
)
# Where a local copy of each cited document is kept (optional: the quote check below skips
# when the copies are absent). The citation itself is the document's public identity.
LOCAL_COPY = {
    "张家口市…扎实推进冬奥筹办, 河北日报, 2021-01-22": "000_40b706a6c0366d18.txt",
    "2024年全市体育工作暨党风廉政建设工作会议精神解读, 焦作日报, 2024-03": (
        "001_1a524fcc062b4368.txt"
    ),
    "2024年郑州市体育工作要点, 郑州市体育局, 2024-07-25, 索引号 005252290/2024-00022": (
        "002_0a0dcc848cdd1f59.txt"
    ),
    "绍兴市亚运城市行动计划(2020—2022年), 绍兴市人民政府办公室, 2020-09-18": (
        "003_bdb23dee14fb24e6.txt"
    ),
    "張家口冬奧人才工作報道, 張家口新聞傳媒集團, 2021-10": "004_9361a0f17178d835.txt",
    "全民健身计划(2021—2025年), 国务院, 国发〔2021〕11号, 2021-07-18; "
    "体育强国建设纲要, 国务院办公厅, 国办发〔2019〕40号, 2019-08-10": "national-targets.md",
}
CITATION = re.compile(r"\d{4}-\d{2}")  # a publication date (and no file path)

# The list built by reading the source documents (each plan's `source`) by hand:
# every quantified target that can be stated as indicator + comparator + value.
# (plan, target id) -> (indicator, comparator, value in the indicator's unit, scope)
EXPECTED: dict[str, dict[str, tuple[str, str, str, str]]] = {
    # 2024年郑州市体育工作要点, 郑州市体育局, 2024-07-25, 索引号 005252290/2024-00022
    "zhengzhou-2024": {
        "mass-events": ("mass_sports_events", ">=", "1000", "city"),
        "youth-events": ("youth_sports_events", ">=", "500", "city"),
        "physique-monitoring-city": ("physique_tests", ">=", "3000", "city"),
        "fields-built": ("venues_built", ">=", "400", "city"),
        "per-capita-area": ("per_capita_area", ">=", "2.65", "city"),
        "regular-exercisers": ("regular_exercise_share", ">=", "45", "city"),
        "industry-output": ("sports_industry_output", ">=", "48000000000", "city"),
        "industry-value-added": ("sports_industry_value_added", ">=", "22000000000", "city"),
        "industry-gdp-share": ("sports_industry_gdp_share", ">=", "1.5", "city"),
        "event-catalog": ("event_catalog_publications", ">=", "4", "city"),
        "themed-activities-district": ("themed_fitness_activities", ">=", "6", "each district"),
        "community-games-district": ("community_games", ">=", "20", "each district"),
        "new-facilities": ("new_fitness_facilities", ">=", "200", "city"),
        "sports-park-district": ("sports_parks_built", ">=", "1", "each district"),
        "pitches-per-10k": ("pitches_per_10k", ">=", "0.9", "city"),
        "associations-city": ("sports_associations", ">=", "50", "city"),
        "associations-district": ("sports_associations", ">=", "35", "each district"),
        "instructor-training": ("instructor_trainings", ">=", "3000", "city"),
        "guidance-events-city": ("fitness_guidance_events", ">=", "80", "city"),
        "guidance-events-district": ("fitness_guidance_events", ">=", "20", "each district"),
        "physique-monitoring-district": ("physique_tests", ">=", "2000", "each district"),
        "health-promotion-centres": ("health_promotion_centres", "between", "2", "city"),
        "physique-pass-rate": ("physique_pass_rate", ">=", "92.1", "city"),
        "student-activity-hours": ("student_daily_activity_hours", ">=", "1", "city"),
        "champion-school-visits": ("champion_school_visits", ">=", "4", "city"),
        "school-coach-pilot-district": ("school_coach_pilots", ">=", "1", "each district"),
        "new-type-school-district": ("new_type_sports_schools", ">=", "1", "each district"),
        "demonstration-district": ("industry_demonstration_units", ">=", "1", "each district"),
        "high-risk-licence-rate": ("high_risk_licence_rate", ">=", "100", "city"),
        "proposal-completion": ("proposal_completion_rate", ">=", "100", "city"),
        "inquiry-completion": ("inquiry_completion_rate", ">=", "100", "city"),
    },
    # 绍兴市亚运城市行动计划(2020—2022年), 绍兴市人民政府办公室, 2020-09-18
    "shaoxing-2020-2022": {
        "themed-activities-2020": ("themed_fitness_activities", ">=", "100", "city"),
        "themed-activities-2021": ("themed_fitness_activities", ">=", "100", "city"),
        "themed-activities-2022": ("themed_fitness_activities", ">=", "100", "city"),
        "instructors-trained": ("instructors_trained", ">=", "6000", "city"),
        "feature-schools": ("sports_feature_schools", ">=", "100", "city"),
        "fitness-facilities": ("new_fitness_facilities", ">=", "1000", "city"),
        "outdoor-space": ("new_outdoor_sports_area", ">=", "2000000", "city"),
        "fitness-circle-urban": ("fitness_circle_coverage_urban", ">=", "100", "city"),
        "fitness-circle-rural": ("fitness_circle_coverage_rural", ">=", "100", "city"),
        "per-capita-area": ("per_capita_area", ">=", "2.9", "city"),
        "international-brand-events": ("international_brand_events", "between", "2", "city"),
        "smart-expressways": ("smart_expressways_built", ">=", "4", "city"),
        "5g-base-stations": ("base_stations_5g", ">=", "15000", "city"),
        "old-estate-models": ("demo_old_community_renovations", ">=", "100", "city"),
    },
    "jiaozuo-2024": {  # 2024年全市体育工作暨党风廉政建设工作会议精神解读, 焦作日报, 2024-03
        "traditional-schools": ("traditional_sports_schools", ">=", "130", "city"),
        "coaches-per-school": ("coaches_per_traditional_school", ">=", "2", "city"),
        "athletes-per-school": ("athletes_per_traditional_school", ">=", "30", "city"),
        "reserve-athletes": ("reserve_athletes", ">=", "4000", "city"),
    },
    "zhangjiakou-2021": {  # 张家口市…扎实推进冬奥筹办, 河北日报, 2021-01-22
        "venue-optimisation": ("task_completion_rate", ">=", "100", "city"),
    },
    # 張家口冬奧人才工作報道, 張家口新聞傳媒集團, 2021-10 (results, not targets)
    "zhangjiakou-talent-2021": {
        "talent-service-coverage": (
            "talent_service_centre_coverage",
            ">=",
            "100",
            "each district",
        ),
    },
    # 全民健身计划(2021—2025年), 国务院, 国发〔2021〕11号, 2021-07-18;
    # 体育强国建设纲要, 国务院办公厅, 国办发〔2019〕40号, 2019-08-10
    "national-2025-2035": {
        "regular-exercisers-2025": ("regular_exercise_share", ">=", "38.5", "city"),
        "instructors-per-1000-2025": ("instructors_per_1000", ">=", "2.16", "city"),
        "per-capita-area-2025": ("per_capita_area", ">=", "2.6", "city"),
        "three-level-facilities-2025": ("three_level_facility_coverage", ">=", "100", "city"),
        "fitness-circle-15min-2025": ("fitness_circle_coverage_15min", ">=", "100", "city"),
        "pitches-per-10k-2025": ("pitches_per_10k", ">=", "0.9", "city"),
        "regular-exercisers-2035": ("regular_exercise_share", ">=", "45", "city"),
        "per-capita-area-2035": ("per_capita_area", ">=", "2.5", "city"),
        "physique-pass-rate-2035": ("physique_pass_rate", ">", "92", "city"),
    },
}

# Quantified phrases deliberately NOT encoded as targets, with the reason (reviewed list).
EXCLUDED = {
    "002: 掌握1-2项运动技能": "a skill per student, not measured by any statistic",
    "002: 建设2-3个国民健康促进中心试点 (also in 0.3)": "encoded once as a 'between' target",
    "003: 承办篮球、排球、棒球、垒球、攀岩5个项目": "a fact about the Games, not a target",
    "003: 基本形成杭绍同城30分钟交通圈": "a travel-time goal kept as task 4",
    "001: 省运双三": "unquantified in the document",
    "000: 4支人才隊伍 / 004 achievements": "reported results (baselines), not targets",
}


def test_catalog_names_and_titles() -> None:
    entries = plans.catalog()
    assert [e.name for e in entries] == sorted(EXPECTED)
    for e in entries:
        assert e.title and e.issuer and e.targets == len(EXPECTED[e.name])
        assert CITATION.search(e.source) and not re.search(r"\.(txt|md)\b", e.source), e.source


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_quantified_target_is_in_the_catalog(name: str) -> None:
    plan = plans.load(name)
    got = {
        t.id: (t.indicator, t.comparator, str(t.value.normalize()), t.scope) for t in plan.targets
    }
    want = {
        k: (i, c, str(Decimal(v).normalize()), s) for k, (i, c, v, s) in EXPECTED[name].items()
    }
    assert got == want
    assert sum(len(v) for v in EXPECTED.values()) == 60


def test_between_targets_have_upper_bounds() -> None:
    assert plans.load("zhengzhou-2024").target("health-promotion-centres").upper == 3
    assert plans.load("shaoxing-2020-2022").target("international-brand-events").upper == 3


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_target_cites_a_document_and_phrase(name: str) -> None:
    plan = plans.load(name)
    for t in plan.targets:
        assert t.source is not None and t.source.quote, t.id
        assert t.source.document in LOCAL_COPY, t.source.document
        assert t.source.last_verified is not None
        assert t.lead, t.id


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.mark.skipif(SOURCES is None, reason="source documents not available")
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_quotes_appear_verbatim_in_the_source_documents(name: str) -> None:
    assert SOURCES is not None
    plan = plans.load(name)
    cited = [*plan.targets, *plan.tasks, *plan.baselines]
    for obj in cited:
        src = obj.source
        assert src is not None
        doc = _squash((SOURCES / LOCAL_COPY[src.document]).read_text("utf-8"))
        assert _squash(src.quote) in doc, (name, src.quote)


def test_national_verify_row_is_flagged_unverified() -> None:
    plan = plans.load("national-2025-2035")
    unverified = [t.id for t in plan.targets if not t.source.verified]  # type: ignore[union-attr]
    assert unverified == ["pitches-per-10k-2025"]
    assert "十四五" in plan.target("pitches-per-10k-2025").source.cites  # type: ignore[union-attr]


def test_shaoxing_phases_tasks_and_partners() -> None:
    plan = plans.load("shaoxing-2020-2022")
    assert [p.name for p in plan.phases] == ["赛前筹备阶段", "赛时运行阶段", "赛后利用阶段"]
    assert str(plan.phases[0].period) == "2020-06/2022-08"
    assert len(plan.tasks) == 17
    task1 = plan.tasks[0]
    assert task1.lead == "市体育局" and "市交投集团" in task1.partners
    assert plan.target("per-capita-area").period.end.isoformat() == "2022-12-31"


def test_load_unknown_name_lists_the_catalog() -> None:
    with pytest.raises(
        NotFoundError,
        match=r"name='zhengzhou-2025': no bundled plan; expected one of .*'zhengzhou-2024'",
    ):
        plans.load("zhengzhou-2025")


# ----------------------------------------------------------------- schema check

GOOD = """
name = "test-plan"
issuer = "某县体育局"
period = "2025"
[[targets]]
id = "a"
indicator = "mass_sports_events"
comparator = ">="
value = 10
[[targets]]
id = "b"
indicator = "per_capita_area"
comparator = ">="
value = 2.7
unit = "平方米/人"
"""


def _write(tmp_path: Path, text: str) -> Path:
    p = tmp_path / "mine.toml"
    p.write_text(textwrap.dedent(text), encoding="utf-8")
    return p


def test_load_file_good(tmp_path: Path) -> None:
    plan = plans.load_file(_write(tmp_path, GOOD))
    assert plan.name == "test-plan" and plan.target("b").value == Decimal("2.7")
    assert plan.target("a").lead == "某县体育局"  # default lead: the issuer


@pytest.mark.parametrize(
    ("change", "row", "field", "message"),
    [
        (
            ('indicator = "per_capita_area"', 'indicator = "per_capita_aera"'),
            2,
            "indicator",
            r"indicator='per_capita_aera': unknown indicator; did you mean 'per_capita_area'",
        ),
        (
            ('comparator = ">="\nvalue = 10', 'comparator = "=>"\nvalue = 10'),
            1,
            "comparator",
            r"comparator='=>': expected one of '>=', '<=', '==', 'between'",
        ),
        (
            ('unit = "平方米/人"', 'unit = "场次"'),
            2,
            "unit",
            r"expected m\^2/person \(area per person\), got a count",
        ),
        (('unit = "平方米/人"', 'unit = "furlongs"'), 2, "unit", r"unknown unit 'furlongs'"),
        (
            ("value = 10", 'value = 10\nperiod = "2025-13"'),
            1,
            "period",
            r"period='2025-13'.*month must be 1..12",
        ),
        (("value = 10", 'value = 10\ncolour = "red"'), 1, "colour", r"colour: unknown key"),
        (('id = "b"', 'id = "a"'), 2, "id", r"id='a': duplicate of row 1"),
        (
            ("value = 2.7", 'value = "lots"'),
            2,
            "value",
            r"value='lots': expected a decimal number",
        ),
        (
            ('comparator = ">="\nvalue = 10', 'comparator = "between"\nvalue = 10'),
            1,
            "upper",
            r"'between' needs an upper bound",
        ),
    ],
)
def test_schema_errors_name_file_row_and_field(
    tmp_path: Path, change: tuple[str, str], row: int, field: str, message: str
) -> None:
    old, new = change
    assert old in GOOD
    path = _write(tmp_path, GOOD.replace(old, new, 1))
    with pytest.raises(DataError, match=message) as info:
        plans.load_file(path)
    err = info.value
    assert (err.source, err.row, err.field) == ("mine.toml", row, field)
    assert str(err).startswith(f"mine.toml, row {row}, field {field}: targets[{row}]")


def test_schema_rejects_missing_plan_keys_and_bad_toml(tmp_path: Path) -> None:
    with pytest.raises(DataError, match=r"mine.toml, field issuer: plan: issuer: missing"):
        plans.load_file(_write(tmp_path, 'name = "x"\nperiod = "2024"\n'))
    with pytest.raises(DataError, match=r"mine.toml: not valid TOML"):
        plans.load_file(_write(tmp_path, "name = \n"))
    with pytest.raises(DataError, match=r"field period: plan: period='24/2': expected a period"):
        plans.load_file(_write(tmp_path, 'name = "x"\nissuer = "y"\nperiod = "24/2"\n'))
    with pytest.raises(NotFoundError, match=r"no such plan file"):
        plans.load_file(tmp_path / "absent.toml")


def test_schema_rejects_bad_task_and_baseline_rows(tmp_path: Path) -> None:
    text = GOOD + '\n[[tasks]]\ntitle = "t"\ndeadline = "2025-02-30"\n'
    with pytest.raises(DataError, match=r"row 1, field deadline: tasks\[1\]") as info:
        plans.load_file(_write(tmp_path, text))
    assert info.value.row == 1
    text = (
        GOOD
        + '\n[[baselines]]\nindicator = "per_capita_area"\nvalue = 3\n'
        + 'unit = "m^2"\nas_of = 2024-12-31\n'
    )
    with pytest.raises(DataError, match=r"row 1, field unit: baselines\[1\]"):
        plans.load_file(_write(tmp_path, text))


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bundled_plans_round_trip_through_json(name: str) -> None:
    from sportsgov import io

    plan = plans.load(name)
    again = io.from_json(io.to_json(plan), plans.Plan)
    assert again == plan
