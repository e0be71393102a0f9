"""The report's sections, one module each; every module's ``build(ctx)`` returns its Section.

The builder (:func:`sportsgov.report.build_report`) only orchestrates: it makes the
shared :class:`~sportsgov.report._context.Context`, skips the sections whose input files
are absent (:func:`needs`) and calls :data:`BUILDERS` in :data:`SECTIONS` order.
"""

from __future__ import annotations

from collections.abc import Callable

from sportsgov.citydata import CityData
from sportsgov.report._context import Context
from sportsgov.report._sections import budget, coverage, indicators, plan, quality, scores, talent
from sportsgov.report.document import Section

__all__ = ["BUILDERS", "SECTIONS", "needs"]

SECTIONS = ("indicators", "coverage", "talent", "budget", "scores", "plan", "quality")

BUILDERS: dict[str, Callable[[Context], Section]] = {
    "indicators": indicators.build,
    "coverage": coverage.build,
    "talent": talent.build,
    "budget": budget.build,
    "scores": scores.build,
    "plan": plan.build,
    "quality": quality.build,
}


def needs(city: CityData, key: str) -> bool:
    """Whether ``city`` has the input files section ``key`` needs."""
    if key == "coverage":
        return city.grid is not None
    if key == "talent":
        return city.talent is not None or bool(city.schools)
    if key == "plan":  # the next-year plan needs the candidate-project list
        return (city.root / "projects.csv").is_file()
    if key == "budget":
        return bool(city.budget_lines) or city.subsidy_program is not None
    return True
