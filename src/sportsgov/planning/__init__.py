"""Planning (from scorecard to plan): gaps and pace, inverse questions, scenarios, portfolios.

A policy-layer package on top of :mod:`sportsgov.assessment`:

* :func:`gaps` — what is left of every target and the pace needed to close it;
* :func:`area_to_add` and :func:`sites_to_reach` — inverse questions (area to build,
  fewest sites to reach a coverage share);
* :class:`Scenario` and :func:`diff` — what-if changes re-evaluated on a city;
* :func:`best_portfolio` — the best set of projects within a budget (HiGHS MILP).
"""

from __future__ import annotations

from sportsgov.planning.gaps import GapRow, Gaps, gaps, months_between
from sportsgov.planning.portfolio import (
    OBJECTIVES,
    Need,
    Objective,
    Portfolio,
    Project,
    best_portfolio,
)

__all__ = [
    "OBJECTIVES",
    "GapRow",
    "Gaps",
    "Need",
    "Objective",
    "Portfolio",
    "Project",
    "best_portfolio",
    "gaps",
    "months_between",
]
