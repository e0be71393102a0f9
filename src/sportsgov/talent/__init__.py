"""Talent: the 一二三线 training pipeline, school standards, quotas, medals and Games points.

* :mod:`sportsgov.talent.tiers` — :class:`Tier`, one rung of the ladder;
  :mod:`sportsgov.talent.pipeline` — :class:`PipelineModel` (Markov manpower
  model); :mod:`sportsgov.talent.projection` — its results, :class:`Projection`
  and :class:`IntakePlan`.
* :mod:`sportsgov.talent.standards` — :class:`QuotaStandard` ("2351"-style
  per-school standards), coach-to-athlete :class:`RatioRule`, quota allocation.
* :mod:`sportsgov.talent.schools` — :class:`SchoolTable`, the schools of the
  network with their coaches and athletes (``schools.csv``);
  :mod:`sportsgov.talent.instructors` — :class:`InstructorTable`, social sports
  instructors (社会体育指导员) by region and year (``instructors.csv``).
* :mod:`sportsgov.talent.medals` — :class:`MedalTable` with gold-first and
  by-total rankings, ties shared (1224 ranking), deltas between editions.
* :mod:`sportsgov.talent.points` — :class:`GamesPoints` with points per place,
  shared credit (双计分), extra-credit rules and 输送 delivery credit.

Examples
--------
>>> from sportsgov.talent import QuotaStandard
>>> QuotaStandard("2351", {"coaches": 2, "athletes": 30}).requirements(130)
{'coaches': 260, 'athletes': 3900}
"""

from __future__ import annotations

from sportsgov.talent.instructors import InstructorCount, InstructorTable
from sportsgov.talent.medals import MedalDelta, MedalRank, Medals, MedalTable
from sportsgov.talent.pipeline import PipelineModel
from sportsgov.talent.points import (
    CreditLine,
    ExtraCredit,
    GamesPoints,
    GamesResult,
    GamesScore,
    PointsRank,
)
from sportsgov.talent.projection import IntakePlan, Projection
from sportsgov.talent.schools import School, SchoolTable
from sportsgov.talent.standards import (
    INDIVIDUAL_SPORTS,
    TEAM_SPORTS,
    QuotaAllocation,
    QuotaStandard,
    RatioBreach,
    RatioCheck,
    RatioRule,
    StandardGaps,
    allocate_quota,
    check_ratios,
)
from sportsgov.talent.tiers import Tier

__all__ = [
    "INDIVIDUAL_SPORTS",
    "TEAM_SPORTS",
    "CreditLine",
    "ExtraCredit",
    "GamesPoints",
    "GamesResult",
    "GamesScore",
    "InstructorCount",
    "InstructorTable",
    "IntakePlan",
    "MedalDelta",
    "MedalRank",
    "MedalTable",
    "Medals",
    "PipelineModel",
    "PointsRank",
    "Projection",
    "QuotaAllocation",
    "QuotaStandard",
    "RatioBreach",
    "RatioCheck",
    "RatioRule",
    "School",
    "SchoolTable",
    "StandardGaps",
    "Tier",
    "allocate_quota",
    "check_ratios",
]
