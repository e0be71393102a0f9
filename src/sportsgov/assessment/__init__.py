"""Assessment: status of every target (序时进度), automatic scores and rankings.

* :func:`assess` compares observations with a plan's targets as of a date and gives
  one :class:`AssessmentRow` per target × region: actual, target, ratio, the time
  progress of the target's period and a status ``met | on_track | behind | missed |
  no_data`` (rules in :func:`status_of` and the explanation page).
* :func:`score` turns an assessment (and extra inputs) into points per item under a
  :class:`Scheme` — data loaded from TOML, expressing the rule kinds of the published
  schemes — with the reason for every point lost, and ranks the regions (ties share a
  rank). The result is a :class:`Scorecard` for reports.
* :func:`pace_by_quarter` checks quarterly counts against an annual target paced by
  quarter (序时开展, e.g. the quarterly event catalog).

Examples
--------
>>> from sportsgov import plans
>>> from sportsgov.assessment import Observation, assess, score
>>> plan = plans.load("zhengzhou-2024")
>>> obs = [Observation("community-games-district", d, n, "2024-12-31")
...        for d, n in [("410102", 22), ("410103", 15), ("410122", 20)]]
>>> a = assess(plan, obs, as_of="2024-12-31")
>>> [(r.region, r.status) for r in a.for_target("community-games-district")]
[('410102', 'met'), ('410103', 'behind'), ('410122', 'met')]
>>> card = score(a, "zhengzhou-2024-districts")
>>> card.region("410103").item("2").points
Decimal('7.50')
"""

from __future__ import annotations

from sportsgov.assessment._assess import (
    STATUSES,
    Assessment,
    AssessmentRow,
    Status,
    assess,
    status_of,
)
from sportsgov.assessment._observations import Observation, ObservationTable
from sportsgov.assessment._pacing import (
    EVENT_INDICATORS,
    QuarterPace,
    observations_from_events,
    pace_by_quarter,
)
from sportsgov.assessment._scheme import (
    Band,
    Item,
    Scheme,
    load_scheme,
    load_scheme_file,
    parse_scheme,
    schemes,
)
from sportsgov.assessment._scoring import (
    ItemScore,
    Reason,
    RegionScore,
    Scorecard,
    rank_competition,
    score,
)

__all__ = [
    "EVENT_INDICATORS",
    "STATUSES",
    "Assessment",
    "AssessmentRow",
    "Band",
    "Item",
    "ItemScore",
    "Observation",
    "ObservationTable",
    "QuarterPace",
    "Reason",
    "RegionScore",
    "Scheme",
    "Scorecard",
    "Status",
    "assess",
    "load_scheme",
    "load_scheme_file",
    "observations_from_events",
    "pace_by_quarter",
    "parse_scheme",
    "rank_competition",
    "schemes",
    "score",
    "status_of",
]
