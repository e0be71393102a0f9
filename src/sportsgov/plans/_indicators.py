"""The indicator registry: every indicator a target may name, with its unit and calculator.

An indicator is a measured quantity (人均体育场地面积, 经常参加体育锻炼人数比例, the
number of mass events held ...). Each entry records the dimension and unit its values
are stated in, whether it accumulates over the target's period (a *flow*: events held,
facilities built; these are paced by 序时进度) or is a *level* read at a date (per-capita
area, a share), and, where the library can compute it from raw data, the dotted path of
the calculator (``sportsgov.indicators.per_capita_area``).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any, Literal

from attrs import field, frozen

from sportsgov.errors import NotFoundError

__all__ = ["INDICATORS", "Indicator", "get_indicator"]

Kind = Literal["flow", "level"]


@frozen
class Indicator:
    """One entry of the indicator registry.

    Attributes
    ----------
    name
        Registry key used by targets (``per_capita_area``).
    zh, en
        Titles in Chinese and English.
    dimension
        Dimension of its values (``count``, ``area``, ``share``, ``money`` ...).
    unit
        Unit the values are stated in (``m^2/person``, ``%``, ``count``).
    kind
        ``"flow"`` if it accumulates over the period (paced by time progress),
        ``"level"`` if it is a state read at a date.
    calculator
        Dotted path of the function that computes it from raw data, or ``None``.

    Examples
    --------
    >>> ind = get_indicator("per_capita_area")
    >>> ind.unit, ind.kind, ind.calculator
    ('m^2/person', 'level', 'sportsgov.indicators.per_capita_area')
    """

    name: str
    zh: str
    en: str
    dimension: str
    unit: str
    kind: Kind = "flow"
    calculator: str | None = field(default=None)

    def resolve(self) -> Callable[..., Any]:
        """Import and return the calculator function.

        Raises
        ------
        NotFoundError
            If the indicator has no calculator (it is only observed, never computed).
        """
        if self.calculator is None:
            raise NotFoundError.bad(
                "indicator", self.name, "has no calculator; supply observations instead"
            )
        module, _, attr = self.calculator.rpartition(".")
        try:
            return getattr(importlib.import_module(module), attr)  # type: ignore[no-any-return]
        except (ImportError, AttributeError):
            raise NotFoundError.bad(
                "indicator", self.name, f"calculator {self.calculator} is not available"
            ) from None


def _i(
    name: str,
    zh: str,
    en: str,
    dimension: str,
    unit: str,
    kind: Kind = "flow",
    calculator: str | None = None,
) -> Indicator:
    return Indicator(name, zh, en, dimension, unit, kind, calculator)


_LIST = [
    # facilities and space
    _i(
        "per_capita_area",
        "人均体育场地面积",
        "per-capita sports venue area",
        "area_per_person",
        "m^2/person",
        "level",
        "sportsgov.indicators.per_capita_area",
    ),
    _i(
        "pitches_per_10k",
        "每万人拥有足球场地数量",
        "football pitches per 10,000 residents",
        "per_10k",
        "per 10k people",
        "level",
        "sportsgov.indicators.pitches_per_10k",
    ),
    _i("venues_built", "体育场地建设任务(块)", "sports fields built", "count", "count"),
    _i(
        "new_fitness_facilities",
        "新增全民健身场地设施",
        "new fitness facilities",
        "count",
        "count",
    ),
    _i(
        "sports_parks_built",
        "新建或改建标准体育公园",
        "sports parks built or rebuilt",
        "count",
        "count",
    ),
    _i(
        "new_outdoor_sports_area",
        "新增户外运动场地面积",
        "new outdoor sports space",
        "area",
        "m^2",
    ),
    _i(
        "fitness_circle_coverage_urban",
        "城区10分钟健身圈覆盖率",
        "urban 10-minute fitness circle coverage",
        "share",
        "%",
        "level",
        "sportsgov.coverage.circle_coverage",
    ),
    _i(
        "fitness_circle_coverage_rural",
        "农村15分钟健身圈覆盖率",
        "rural 15-minute fitness circle coverage",
        "share",
        "%",
        "level",
        "sportsgov.coverage.circle_coverage",
    ),
    _i(
        "fitness_circle_coverage_15min",
        "城市社区15分钟健身圈覆盖率",
        "urban community 15-minute fitness circle coverage",
        "share",
        "%",
        "level",
        "sportsgov.coverage.circle_coverage",
    ),
    _i(
        "three_level_facility_coverage",
        "县乡村三级公共健身设施覆盖率",
        "county/township/village fitness facility coverage",
        "share",
        "%",
        "level",
    ),
    # participation and health
    _i(
        "regular_exercise_share",
        "经常参加体育锻炼人数比例",
        "share of people exercising regularly",
        "share",
        "%",
        "level",
    ),
    _i(
        "physique_pass_rate",
        "《国民体质测定标准》合格以上人数比例",
        "share meeting the national physique standard",
        "share",
        "%",
        "level",
    ),
    _i(
        "physique_tests",
        "国民体质监测人数",
        "people tested for physique monitoring",
        "count",
        "count",
    ),
    _i(
        "health_promotion_centres",
        "国民健康促进中心试点",
        "health promotion centre pilots",
        "count",
        "count",
    ),
    _i(
        "student_daily_activity_hours",
        "学生每天校内体育活动时间",
        "students' daily in-school physical activity",
        "hours_per_day",
        "hour/day",
        "level",
    ),
    # events
    _i("mass_sports_events", "全民健身赛事活动场次", "mass fitness events held", "count", "count"),
    _i("youth_sports_events", "青少年赛事活动场次", "youth sports events held", "count", "count"),
    _i(
        "themed_fitness_activities",
        "全民健身主题活动",
        "themed fitness activities",
        "count",
        "count",
    ),
    _i("community_games", "社区运动会场次", "community games held", "count", "count"),
    _i(
        "fitness_guidance_events",
        "进基层及健身指导活动场次",
        "grass-roots fitness guidance events",
        "count",
        "count",
    ),
    _i("champion_school_visits", "冠军进校园活动次数", "champion school visits", "count", "count"),
    _i(
        "event_catalog_publications",
        "赛事活动目录公布次数",
        "quarterly event catalogues published",
        "count",
        "count",
    ),
    _i(
        "international_brand_events",
        "具有全国影响力的国际性赛事",
        "international events of national standing",
        "count",
        "count",
        "level",
    ),
    # organisations and people
    _i(
        "sports_associations",
        "单项体育协会总数",
        "single-sport associations",
        "count",
        "count",
        "level",
    ),
    _i(
        "instructor_trainings",
        "社会体育指导员培训人次",
        "instructor training places",
        "count",
        "count",
    ),
    _i(
        "instructors_trained",
        "培训社会体育指导员人数",
        "social sports instructors trained",
        "count",
        "count",
    ),
    _i(
        "instructors_per_1000",
        "每千人拥有社会体育指导员",
        "social sports instructors per 1,000",
        "per_1000",
        "per 1000 people",
        "level",
        "sportsgov.indicators.instructors_per_1000",
    ),
    _i(
        "reserve_athletes",
        "青少年体育后备人才规模",
        "youth reserve athletes",
        "count",
        "count",
        "level",
    ),
    # schools
    _i(
        "new_type_sports_schools", "新型体校", "new-type sports schools", "count", "count", "level"
    ),
    _i(
        "school_coach_pilots",
        "学校教练员岗位聘用试点",
        "school coach post pilots",
        "count",
        "count",
    ),
    _i(
        "sports_feature_schools",
        "市级体育特色学校",
        "city-level sports feature schools",
        "count",
        "count",
    ),
    _i(
        "traditional_sports_schools",
        "体育传统项目学校",
        "traditional sports schools",
        "count",
        "count",
        "level",
    ),
    _i(
        "coaches_per_traditional_school",
        "每所传校专(兼)职教练员",
        "coaches per traditional sports school",
        "per_school",
        "person/school",
        "level",
    ),
    _i(
        "athletes_per_traditional_school",
        "每所传校运动员",
        "athletes per traditional school",
        "per_school",
        "person/school",
        "level",
    ),
    # industry
    _i(
        "sports_industry_output",
        "体育产业总产值",
        "sports industry gross output",
        "money",
        "yuan",
        "level",
    ),
    _i(
        "sports_industry_value_added",
        "体育产业增加值",
        "sports industry value added",
        "money",
        "yuan",
        "level",
    ),
    _i(
        "sports_industry_gdp_share",
        "体育产业增加值占GDP比重",
        "sports industry value added, share of GDP",
        "share",
        "%",
        "level",
    ),
    _i(
        "industry_demonstration_units",
        "体育产业示范基地、单位和项目",
        "sports industry demonstration bases, units and projects",
        "count",
        "count",
    ),
    # governance
    _i(
        "high_risk_licence_rate",
        "高危险性体育项目经营场所办证率",
        "licence rate of high-risk sports venues",
        "share",
        "%",
        "level",
    ),
    _i(
        "proposal_completion_rate",
        "人大建议、政协提案办结率",
        "completion rate of deputies' proposals",
        "share",
        "%",
        "level",
    ),
    _i(
        "inquiry_completion_rate",
        "群众咨询办结率",
        "completion rate of public inquiries",
        "share",
        "%",
        "level",
    ),
    _i("task_completion_rate", "任务完成率", "task completion rate", "share", "%", "level"),
    _i(
        "talent_service_centre_coverage",
        "县区高层次人才服务中心覆盖率",
        "county high-level talent service centre coverage",
        "share",
        "%",
        "level",
    ),
    # city infrastructure named in the Shaoxing action plan
    _i("base_stations_5g", "5G基站数量", "5G base stations", "count", "count", "level"),
    _i(
        "demo_old_community_renovations",
        "示范老旧小区改造",
        "model old-estate renovations",
        "count",
        "count",
    ),
    _i(
        "smart_expressways_built",
        "智慧快速路建成条数",
        "smart expressways completed",
        "count",
        "count",
    ),
    # talent work (Zhangjiakou)
    _i("talent_fund_spent", "人才专项资金投入", "talent special fund spent", "money", "yuan"),
    _i("talent_trainings", "各类培训人次", "training places delivered", "count", "count"),
    _i("talents_in_reserve", "储备人才", "talents in reserve", "count", "count", "level"),
]

INDICATORS: dict[str, Indicator] = {ind.name: ind for ind in _LIST}


def get_indicator(name: str) -> Indicator:
    """Look an indicator up by name.

    Raises
    ------
    NotFoundError
        If ``name`` is not registered; the message lists close names.

    Examples
    --------
    >>> get_indicator("regular_exercise_share").unit
    '%'
    """
    try:
        return INDICATORS[name]
    except KeyError:
        import difflib

        close = difflib.get_close_matches(str(name), INDICATORS, n=3)
        hint = (
            f"did you mean {', '.join(repr(c) for c in close)}?"
            if close
            else ("see sportsgov.plans.indicators()")
        )
        raise NotFoundError.bad("indicator", name, f"unknown indicator; {hint}") from None
