"""Planning (from scorecard to plan): gaps and pace, inverse questions, scenarios, portfolios.

A policy-layer package on top of :mod:`sportsgov.assessment`:

* :func:`gaps` — what is left of every target and the pace needed to close it;
* :func:`area_to_add` and :func:`sites_to_reach` — inverse questions (area to build,
  fewest sites to reach a coverage share);
* :class:`Scenario` and :func:`diff` — what-if changes re-evaluated on a city;
* :func:`best_portfolio` — the best set of projects within a budget (HiGHS MILP), the
  candidates read from a table file by :class:`ProjectTable`.
"""

from __future__ import annotations

from sportsgov.planning.gaps import GapRow, Gaps, TalentPipeline, gaps, months_between
from sportsgov.planning.inverse import AreaPlan, AreaRow, CoverPlan, area_to_add, sites_to_reach
from sportsgov.planning.portfolio import (
    OBJECTIVES,
    Need,
    Objective,
    Portfolio,
    Project,
    best_portfolio,
)
from sportsgov.planning.projects import CandidateProject, ProjectTable
from sportsgov.planning.scenario import (
    AddArea,
    AddEvents,
    AddFacility,
    Change,
    ChangePopulation,
    CloseFacilities,
    Scenario,
    ScenarioDiff,
    ScenarioResult,
    Spend,
    StatusFlip,
    diff,
    evaluate_city,
)

__all__ = [
    "OBJECTIVES",
    "AddArea",
    "AddEvents",
    "AddFacility",
    "AreaPlan",
    "AreaRow",
    "CandidateProject",
    "Change",
    "ChangePopulation",
    "CloseFacilities",
    "CoverPlan",
    "GapRow",
    "Gaps",
    "Need",
    "Objective",
    "Portfolio",
    "Project",
    "ProjectTable",
    "Scenario",
    "ScenarioDiff",
    "ScenarioResult",
    "Spend",
    "StatusFlip",
    "TalentPipeline",
    "area_to_add",
    "best_portfolio",
    "diff",
    "evaluate_city",
    "gaps",
    "months_between",
    "sites_to_reach",
]
