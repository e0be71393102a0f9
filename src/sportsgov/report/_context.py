"""What every report section needs, computed once, and the number formats they share."""

from __future__ import annotations

import datetime as _dt
from decimal import Decimal
from fractions import Fraction
from typing import Any, Literal

from sportsgov._i18n import MESSAGES, Lang, t
from sportsgov.citydata import CityData
from sportsgov.report._charts import (
    has_cjk_font,
)
from sportsgov.report.document import Cell
from sportsgov.report.settings import ReportSettings

__all__ = ["Context", "as_float", "pct", "scaled", "wan", "yuan"]


class Context:
    """What every section builder needs, computed once."""

    def __init__(
        self,
        city: CityData,
        plan: Any,
        as_of: _dt.date,
        lang: Lang,
        charts: bool,
        settings: ReportSettings,
    ) -> None:
        self.city = city
        self.settings = settings
        self.plan = plan
        self.as_of = as_of
        self.lang = lang
        self.charts = charts
        self.cjk = has_cjk_font() if charts else False
        root = city.root_code
        self.root = root
        self.districts = [r.code for r in city.regions.children(root)]
        self.names = {r.code: r.name for r in city.regions}
        self.settlement = {r.code: r.settlement for r in city.regions}
        # leaf or street code -> district code (child of the root)
        self.district_of: dict[str, str] = {}
        for d in self.districts:
            for r in city.regions.descendants(d, include_self=True):
                self.district_of[r.code] = d
        self.observations: list[Any] = []  # computed observations fed to the assessment
        # the population year the indicators divide by (a fallback is stated in the note)
        self.population_year: int | None = None
        self.population_note: str | None = None
        self.findings: list[Any] = []  # sportsgov.quality.Finding: the data-quality section
        self.basemap: Literal["osm"] | None = None  # online tiles under the coverage map

    def label(self, code: str) -> str:
        """A region's display name (its code when charts cannot draw Chinese)."""
        return self.names.get(code, code)

    def chart_label(self, code: str) -> str:
        return (
            self.label(code)
            if self.cjk or (self.lang == "en" and self.label(code).isascii())
            else code
        )

    def target_value(self, indicator: str) -> float | None:
        """The city-wide target on ``indicator`` in force at ``as_of`` (None if there is none)."""
        from sportsgov.errors import NotFoundError

        try:
            target = self.plan.target_for(indicator, as_of=self.as_of, outside="none")
        except NotFoundError:  # the plan does not use this indicator at all
            return None
        if target is None or target.comparator not in (">=", ">", "<=", "<", "=="):
            return None
        return float(target.value)

    def observe(self, indicator: str, region: str, value: Any, unit: str | None = None) -> None:
        from sportsgov.assessment import Observation

        self.observations.append(Observation(indicator, region, value, self.as_of, unit=unit))


def as_float(value: Any) -> float:
    """A number or the magnitude of a quantity, as a float."""
    return float(getattr(value, "magnitude", value))


def pct(value: float | Fraction | Decimal) -> str:
    """A share as a percentage with one decimal."""
    return f"{float(value):.1%}"


def wan(money: Any) -> str:
    """Money as a number of 万元 with thousands separators (the column header names the unit)."""
    return str(format(money, ",.2万元")).removesuffix("万元")


def yuan(money: Any) -> str:
    """Money in 元 with thousands separators."""
    return str(format(money, ",")).removesuffix("元")


def scaled(value: Any, unit: str | None, lang: Lang) -> tuple[Cell, str]:
    """A target/actual value for display and its unit label: yuan is shown in 亿元."""
    if value is None:
        return None, ""
    number = float(getattr(value, "magnitude", value))
    if unit == "yuan":
        return round(number / 1e8, 2), t("unit.yuan_1e8", lang)
    if unit in (None, "", "count"):
        return number, ""
    key = f"unit.{unit}"
    return number, t(key, lang) if key in MESSAGES else str(unit)
