"""Quarterly pacing (序时开展): counts per quarter against an annual target paced by quarter."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Mapping, Sequence
from decimal import ROUND_CEILING, Decimal
from typing import Any, Literal

from attrs import frozen

from sportsgov.errors import InvalidInputError
from sportsgov.periods import as_date

__all__ = ["QuarterPace", "pace_by_quarter"]

PaceStatus = Literal["met", "behind", "not_due"]


@frozen
class QuarterPace:
    """One quarter of a paced annual target.

    Attributes
    ----------
    quarter
        1–4.
    count
        Count held in the quarter.
    cumulative
        Count held from the start of the year to the end of the quarter.
    paced_target
        Cumulative target due by the quarter's end: ⌈annual × quarter / 4⌉ (or the
        explicit schedule).
    status
        ``met`` (cumulative ≥ paced target), ``behind`` or ``not_due`` (quarter not
        ended at ``as_of``).
    shortfall
        ``max(0, paced_target − cumulative)``.
    """

    quarter: int
    count: int
    cumulative: int
    paced_target: int
    status: PaceStatus
    shortfall: int


def _counts(counts: Any, year: int, criteria: Mapping[str, Any]) -> list[int]:
    if hasattr(counts, "count_by_quarter"):
        raw = counts.count_by_quarter(year=year, **criteria)
        return _counts(raw, year, {})
    if isinstance(counts, Mapping):
        out = [0, 0, 0, 0]
        for key, value in counts.items():
            q = _quarter_key(key, year)
            if q is not None:
                out[q - 1] += _int(value, f"counts[{key!r}]")
        return out
    if isinstance(counts, Sequence) and not isinstance(counts, str):
        if len(counts) != 4:
            raise InvalidInputError.bad("counts", list(counts), "expected 4 quarterly counts")
        return [_int(v, f"counts[{i}]") for i, v in enumerate(counts)]
    raise InvalidInputError.bad(
        "counts", counts, "expected 4 counts, a {quarter: count} mapping or an EventCatalog"
    )


def _int(value: Any, argument: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise InvalidInputError.bad(argument, value, "expected a count (int >= 0)")
    return value


def _quarter_key(key: Any, year: int) -> int | None:
    """Quarter of a key (1..4, 'Q2', '2024-Q2', (2024, 2), a Period); None if another year."""
    if isinstance(key, int) and not isinstance(key, bool) and 1 <= key <= 4:
        return key
    if isinstance(key, tuple) and len(key) == 2:
        return int(key[1]) if int(key[0]) == year else None
    if hasattr(key, "start") and hasattr(key, "end"):
        start = key.start
        return (start.month - 1) // 3 + 1 if start.year == year else None
    if isinstance(key, str):
        text = key.strip().upper()
        if "-" in text:
            y, _, q = text.partition("-")
            if not y.isdigit():
                raise InvalidInputError.bad(
                    "counts", key, "expected a quarter like 'Q2' or '2024-Q2'"
                )
            if int(y) != year:
                return None
            text = q
        if text.startswith("Q") and text[1:].isdigit() and 1 <= int(text[1:]) <= 4:
            return int(text[1:])
    raise InvalidInputError.bad(
        "counts", key, "expected a quarter key: 1..4, 'Q2', '2024-Q2' or (2024, 2)"
    )


def pace_by_quarter(
    counts: Any,
    annual_target: int,
    *,
    year: int,
    as_of: dt.date | str | None = None,
    schedule: Sequence[int] | None = None,
    **criteria: Any,
) -> list[QuarterPace]:
    """Quarterly counts against an annual target paced by quarter (序时开展).

    The cumulative count at the end of quarter *q* is compared with the paced target
    ⌈annual × q / 4⌉ (rounded up: 1,000 events a year → 250, 500, 750, 1,000), or with
    an explicit cumulative ``schedule``.

    Parameters
    ----------
    counts
        Four quarterly counts; a mapping ``{quarter: count}`` (keys ``1..4``, ``"Q2"``,
        ``"2024-Q2"``, ``(2024, 2)`` or quarter Periods; other years are ignored); or an
        object with ``count_by_quarter()`` (``sportsgov.budget.events.EventCatalog``).
    annual_target
        Count due by the year end.
    year
        The year paced.
    as_of
        Quarters ending after this date are ``not_due`` (default: all are due).
    schedule
        Four cumulative targets instead of the even pace.
    **criteria
        Passed to ``count_by_quarter`` of an event catalog (``category="mass"`` ...).

    Returns
    -------
    list[QuarterPace]

    Raises
    ------
    InvalidInputError
        Bad counts, a negative target or a schedule that is not 4 non-decreasing counts.

    Examples
    --------
    >>> rows = pace_by_quarter([180, 300, 260, 300], 1000, year=2024, as_of="2024-09-30")
    >>> [(r.quarter, r.cumulative, r.paced_target, r.status) for r in rows]
    [(1, 180, 250, 'behind'), (2, 480, 500, 'behind'), (3, 740, 750, 'behind'),
     (4, 1040, 1000, 'not_due')]
    """
    if isinstance(annual_target, bool) or not isinstance(annual_target, int) or annual_target < 0:
        raise InvalidInputError.bad("annual_target", annual_target, "expected an int >= 0")
    if criteria and not hasattr(counts, "count_by_quarter"):
        raise InvalidInputError.bad(
            "criteria", sorted(criteria), "only apply to an event catalog (count_by_quarter)"
        )
    per_q = _counts(counts, year, criteria)
    if schedule is None:
        paced = [
            int((Decimal(annual_target) * q / 4).to_integral_value(rounding=ROUND_CEILING))
            for q in range(1, 5)
        ]
    else:
        paced = [_int(v, f"schedule[{i}]") for i, v in enumerate(schedule)]
        if len(paced) != 4 or any(b < a for a, b in itertools.pairwise(paced)):
            raise InvalidInputError.bad(
                "schedule", list(schedule), "expected 4 non-decreasing cumulative counts"
            )
    day = None
    if as_of is not None:
        day = as_date(as_of)
    out = []
    cum = 0
    for q in range(1, 5):
        cum += per_q[q - 1]
        q_end = dt.date(year, 3 * q, 31 if q in (1, 4) else 30)
        due = day is None or day >= q_end
        status: PaceStatus = ("met" if cum >= paced[q - 1] else "behind") if due else "not_due"
        out.append(
            QuarterPace(q, per_q[q - 1], cum, paced[q - 1], status, max(0, paced[q - 1] - cum))
        )
    return out


#: Event categories of ``sportsgov.budget.events`` behind the event-count indicators.
EVENT_INDICATORS: dict[str, str] = {
    "mass_sports_events": "mass",
    "youth_sports_events": "youth",
}


def observations_from_events(
    catalog: Any,
    *,
    as_of: dt.date | str,
    city: str = "city",
    indicators: Mapping[str, str] | None = None,
) -> list[Any]:
    """Observations of event counts from an event catalog (赛事活动目录), ready for :func:`assess`.

    For each indicator (default: ``mass_sports_events`` ← category ``"mass"``,
    ``youth_sports_events`` ← ``"youth"``) it counts the events held from 1 January of
    ``as_of``'s year through ``as_of``: one observation for the whole city (every event,
    whatever its region) and one per region named by the events (except the city).

    Parameters
    ----------
    catalog
        A :class:`sportsgov.budget.events.EventCatalog` (anything with ``filter(period=...,
        category=...)`` returning events with ``.region``).
    as_of
        Date counted up to (inclusive).
    city
        Region code of the city-wide observation.
    indicators
        ``{indicator: event category}``.

    Returns
    -------
    list[Observation]

    Examples
    --------
    >>> from sportsgov.budget.events import Event, EventCatalog, FundingModel
    >>> m = FundingModel.market_operated()
    >>> cat = EventCatalog([Event("2024-02-01", "a", "city", "mass", m, region="D1"),
    ...                     Event("2024-05-01", "b", "city", "mass", m, region="C")])
    >>> obs = observations_from_events(cat, as_of="2024-06-30", city="C")
    >>> [(o.target, o.region, o.value) for o in obs][:2]
    [('mass_sports_events', 'C', 2), ('mass_sports_events', 'D1', 1)]
    >>> obs[2].target, obs[2].value
    ('youth_sports_events', 0)
    """
    from sportsgov.assessment._observations import Observation
    from sportsgov.periods import Period, as_date

    day = as_date(as_of)
    window = Period(dt.date(day.year, 1, 1), day)
    out = []
    for indicator, category in (indicators or EVENT_INDICATORS).items():
        events = list(catalog.filter(period=window, category=category).events)
        out.append(Observation(indicator, city, len(events), day))
        by_region: dict[str, int] = {}
        for e in events:
            region = getattr(e, "region", None)
            if region and region != city:
                by_region[region] = by_region.get(region, 0) + 1
        out.extend(Observation(indicator, r, n, day) for r, n in sorted(by_region.items()))
    return out
