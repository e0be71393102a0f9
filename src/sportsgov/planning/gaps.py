"""Gaps and pace: what is left of every target and the pace needed to close it.

:func:`gaps` reads an :class:`~sportsgov.assessment.Assessment` and gives, per
target × region, the shortfall at the assessment date, the months (and quarters)
left until the deadline, the pace needed per month and quarter, and whether the
current pace gets there.

The pace rule (linear, stated in every row's ``pace_basis``):

* months are counted exactly, whole calendar months plus the unelapsed share of
  the month of ``as_of`` (30 September → 31 December is 3 months);
* a cumulative (flow) figure such as events held continues at its average rate
  since the period started: ``projected = actual × months in period / months
  elapsed``;
* a level figure (area per person, reserve athletes) continues its change since
  the baseline (the value at the period start) at the same monthly rate; without
  a baseline it is assumed to stay where it is (and the row says so);
* ``on_course`` is whether ``projected`` satisfies the target's comparator.

Per-capita targets (m²/person) also get the venue area to add [m²], measured
against the population *at the deadline* (give a projected
:class:`~sportsgov.regions.PopulationTable`, see
:meth:`~sportsgov.regions.PopulationTable.project`), not today's.

Examples
--------
>>> from sportsgov import plans
>>> from sportsgov.assessment import Observation, assess
>>> plan = plans.load("zhengzhou-2024")
>>> a = assess(plan, [Observation("mass-events", "city", 688, "2024-09-30")],
...            as_of="2024-09-30")
>>> r = gaps(plan, a).row("mass-events", "city")
>>> r.shortfall, r.months_left, r.per_month, round(r.projected, 2), r.on_course
(Decimal('312'), Fraction(3, 1), Decimal('104'), Decimal('917.33'), False)
>>> r.pace_basis
'linear: 688 in 9 month(s) since 2024-01-01, continued for 3 more month(s)'
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterator, Mapping
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from attrs import frozen

from sportsgov._common.numbers import fraction_decimal, satisfies
from sportsgov.errors import DataError, InvalidInputError, NotFoundError
from sportsgov.periods import as_date

if TYPE_CHECKING:
    from sportsgov.assessment import Assessment, AssessmentRow
    from sportsgov.plans import Plan
    from sportsgov.regions import PopulationTable

__all__ = ["GapRow", "Gaps", "TalentPipeline", "gaps", "months_between"]


@frozen
class TalentPipeline:
    """What :func:`gaps` needs to add the required intake to talent rows.

    Attributes
    ----------
    model
        A :class:`~sportsgov.talent.PipelineModel` (yearly transitions).
    stock
        ``{region: {tier: people}}`` at the last year-end on or before ``as_of``;
        the city row uses the sum over regions when the city has no own entry.
    tier
        The tier the target counts (e.g. ``"三线 传统校/俱乐部"``).
    entry
        Tiers that take recruits (default: every tier).
    indicators
        Indicators whose rows get an intake (default ``("reserve_athletes",)``).
    """

    model: Any
    stock: Mapping[str, Mapping[str, int]]
    tier: str
    entry: tuple[str, ...] | None = None
    indicators: tuple[str, ...] = ("reserve_athletes",)


def months_between(start: dt.date, end: dt.date) -> Fraction:
    """Exact months from the end of day ``start`` to the end of day ``end`` [months].

    Whole calendar months plus the unelapsed share of ``start``'s month minus the
    unelapsed share of ``end``'s month; 0 when ``end <= start``.

    Examples
    --------
    >>> months_between(dt.date(2024, 9, 30), dt.date(2024, 12, 31))
    Fraction(3, 1)
    >>> months_between(dt.date(2024, 9, 15), dt.date(2024, 12, 31))
    Fraction(7, 2)
    """
    if end <= start:
        return Fraction(0)
    ds = calendar.monthrange(start.year, start.month)[1]
    de = calendar.monthrange(end.year, end.month)[1]
    whole = (end.year * 12 + end.month) - (start.year * 12 + start.month)
    return whole + Fraction(ds - start.day, ds) - Fraction(de - end.day, de)


def _shortfall(comparator: str, actual: Decimal, value: Decimal, upper: Decimal | None) -> Decimal:
    """Distance to the target in its unit: still to add (>=) or to remove (<=)."""
    if comparator in (">=", ">"):
        return max(Decimal(0), value - actual)
    if comparator in ("<=", "<"):
        return max(Decimal(0), actual - value)
    if comparator == "==":
        return abs(value - actual)
    hi = upper if upper is not None else value
    return value - actual if actual < value else max(Decimal(0), actual - hi)


@frozen
class GapRow:
    """One target in one region: what is left and the pace to close it.

    Attributes
    ----------
    target_id, indicator, region, comparator, unit
        What the row is about (``unit`` is the target's unit).
    value, upper
        Target value (and upper bound for ``between``) [unit].
    actual
        Observed value at ``as_of`` [unit], ``None`` without data.
    status
        The assessment status (``met`` … ``no_data``).
    as_of, deadline
        Assessment date and the date the gap is to be closed by.
    shortfall
        Amount left [unit] (to add for ``>=``, to remove for ``<=``); 0 when met;
        ``None`` without data.
    months_left, quarters_left
        Exact time left [months], [quarters].
    per_month, per_quarter
        Pace needed: ``shortfall / months_left`` [unit/month] and per quarter;
        ``None`` when no time is left or without data.
    projected
        Value at the deadline at the current pace [unit] (rule in ``pace_basis``).
    on_course
        Whether ``projected`` meets the target (``False`` without data).
    pace_basis
        The pace rule applied, in words.
    flow
        ``True`` for cumulative indicators (events held).
    population_now, population_deadline
        Per-capita targets with a population: year-end population behind ``actual``
        and at the deadline [persons].
    area_to_add
        Per-capita area targets: venue area to add by the deadline [m²] so that the
        area per person reaches the target with ``population_deadline`` residents.
    area_per_month
        ``area_to_add / months_left`` [m²/month].
    intake, intake_basis
        Talent targets with a :class:`TalentPipeline`: whole recruits per year and
        entry tier that bring the tier to the target by the deadline
        (:meth:`~sportsgov.talent.PipelineModel.required_intake`, ``match="at_least"``),
        and how it was computed.
    population_source
        How the deadline population was obtained (the projection's statement).
    """

    target_id: str
    indicator: str
    region: str
    comparator: str
    unit: str
    value: Decimal
    upper: Decimal | None
    actual: Decimal | None
    status: str
    as_of: dt.date
    deadline: dt.date
    shortfall: Decimal | None
    months_left: Fraction
    quarters_left: Fraction
    per_month: Decimal | None
    per_quarter: Decimal | None
    projected: Decimal | None
    on_course: bool
    pace_basis: str
    flow: bool
    population_now: int | None = None
    population_deadline: int | None = None
    area_to_add: Decimal | None = None
    area_per_month: Decimal | None = None
    population_source: str | None = None
    intake: Mapping[str, int] | None = None
    intake_basis: str | None = None

    def to_record(self) -> dict[str, Any]:
        """A flat JSON-able dict (numbers as strings where exact)."""

        def s(x: Any) -> Any:
            return None if x is None else str(x)

        return {
            "target": self.target_id,
            "indicator": self.indicator,
            "region": self.region,
            "comparator": self.comparator,
            "unit": self.unit,
            "value": s(self.value),
            "upper": s(self.upper),
            "actual": s(self.actual),
            "status": self.status,
            "as_of": self.as_of.isoformat(),
            "deadline": self.deadline.isoformat(),
            "shortfall": s(self.shortfall),
            "months_left": s(self.months_left),
            "quarters_left": s(self.quarters_left),
            "per_month": s(self.per_month),
            "per_quarter": s(self.per_quarter),
            "projected": s(self.projected),
            "on_course": self.on_course,
            "pace_basis": self.pace_basis,
            "flow": self.flow,
            "population_now": self.population_now,
            "population_deadline": self.population_deadline,
            "area_to_add": s(self.area_to_add),
            "area_per_month": s(self.area_per_month),
            "population_source": self.population_source,
            "intake": None if self.intake is None else dict(self.intake),
            "intake_basis": self.intake_basis,
        }


@frozen
class Gaps:
    """The result of :func:`gaps`: one :class:`GapRow` per target × region.

    Attributes
    ----------
    rows
        In assessment order.
    as_of
        Assessment date.
    by
        The common deadline asked for, or ``None`` (each target's own deadline).
    plan
        Name of the plan.
    """

    rows: tuple[GapRow, ...]
    as_of: dt.date
    by: dt.date | None
    plan: str

    def __repr__(self) -> str:
        """Short: the plan, the dates and the first rows' shortfalls (never every row)."""
        from sportsgov._common.display import text_repr

        return text_repr(
            "Gaps",
            [("plan", self.plan), ("as_of", self.as_of), ("by", self.by)],
            (f"{r.target_id} {r.region}: {r.status}" for r in self.rows),
            count=len(self.rows),
        )

    def _repr_html_(self) -> str:
        """A notebook table of the first rows: what is left and the pace to close it."""
        from sportsgov._common.display import html_table

        return html_table(
            f"Gaps of {self.plan} as of {self.as_of}: {len(self.rows):,} rows",
            [
                *("target", "region", "unit", "value", "actual", "status", "deadline"),
                *("shortfall", "months_left", "per_month", "projected", "on_course"),
            ],
            (
                (
                    *(r.target_id, r.region, r.unit, r.value, r.actual, r.status, r.deadline),
                    *(r.shortfall, r.months_left, r.per_month, r.projected, r.on_course),
                )
                for r in self.rows
            ),
            count=len(self.rows),
        )

    def __iter__(self) -> Iterator[GapRow]:
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)

    def row(self, target_id: str, region: str) -> GapRow:
        """The row of ``target_id`` in ``region``.

        Raises
        ------
        NotFoundError
            No such row.
        """
        for r in self.rows:
            if r.target_id == target_id and r.region == region:
                return r
        raise NotFoundError.bad("row", (target_id, region), "no such target × region in the gaps")

    def off_course(self) -> tuple[GapRow, ...]:
        """Rows with data whose current pace does not reach the target."""
        return tuple(r for r in self.rows if r.actual is not None and not r.on_course)

    def to_records(self) -> list[dict[str, Any]]:
        """Every row as a flat dict."""
        return [r.to_record() for r in self.rows]

    def needs(self, *, city: str | None = None) -> list[Any]:
        """Open ``>=`` gaps as :class:`~sportsgov.planning.Need` s for
        :func:`~sportsgov.planning.best_portfolio`.

        The measure is the indicator (amount: the shortfall [unit]); per-capita area
        rows with an ``area_to_add`` use the measure ``"area_m2"`` [m²]. Rows of the
        ``city`` region (default: regions named ``"city"``) count projects anywhere.

        Examples
        --------
        >>> from sportsgov import plans
        >>> from sportsgov.assessment import Observation, assess
        >>> plan = plans.load("zhengzhou-2024")
        >>> a = assess(plan, [Observation("mass-events", "city", 688, "2024-09-30")],
        ...            as_of="2024-09-30")
        >>> [(n.id, n.measure, n.amount, n.region) for n in gaps(plan, a).needs()]
        [('mass-events@city', 'mass_sports_events', Decimal('312'), None)]
        """
        from sportsgov.planning.portfolio import Need

        out = []
        for r in self.rows:
            if r.comparator not in (">=", ">") or not r.shortfall:
                continue
            region = None if r.region == (city or "city") else r.region
            if r.area_to_add is not None:
                measure, amount = "area_m2", r.area_to_add
            else:
                measure, amount = r.indicator, r.shortfall
            if amount > 0:
                out.append(Need(f"{r.target_id}@{r.region}", measure, amount, region=region))
        return out

    def to_data(self) -> dict[str, Any]:
        """Plain JSON-able data: plan, dates and rows."""
        return {
            "plan": self.plan,
            "as_of": self.as_of.isoformat(),
            "by": None if self.by is None else self.by.isoformat(),
            "rows": self.to_records(),
        }


def _population(population: PopulationTable, region: str, year: int, target: str) -> int:
    try:
        return population.get(region, year)
    except (DataError, NotFoundError) as exc:
        raise DataError(
            f"target={target!r} region={region!r}: no population for {year} ({exc}); "
            "project the table first: population.project(year, method='linear'|'geometric')"
        ) from None


def _population_source(population: PopulationTable, year: int) -> str:
    from sportsgov.regions import ProjectedPopulation

    if isinstance(population, ProjectedPopulation) and year > population.base_years[1]:
        return population.describe()
    return f"year-end population {year} (given)"


def _intake(
    talent: TalentPipeline, region: str, value: Decimal, as_of: dt.date, deadline: dt.date
) -> dict[str, Any]:
    from sportsgov.indicators import population_year

    stock = talent.stock.get(region)
    if stock is None:  # the city: sum of the regions
        summed: dict[str, int] = {}
        for by_tier in talent.stock.values():
            for tier, n in by_tier.items():
                summed[tier] = summed.get(tier, 0) + int(n)
        stock = summed
    start = population_year(as_of)
    years = deadline.year - start
    if years < 1:
        return {"intake": None, "intake_basis": "deadline reached: no intake year left"}
    plan = talent.model.required_intake(
        {talent.tier: value},
        deadline.year,
        stock=dict(stock),
        start=start,
        entry=talent.entry,
        match="at_least",
    )
    whole = plan.as_dict(whole=True)
    return {
        "intake": {k: int(v) for k, v in whole.items() if v},
        "intake_basis": (
            f"required_intake ({plan.method}): stock at the end of {start}, "
            f"{years} intake year(s) to the end of {deadline.year}, at least {value} "
            f"in {talent.tier!r}"
        ),
    }


def _row(
    r: AssessmentRow,
    as_of: dt.date,
    by: dt.date | None,
    population: PopulationTable | None,
    talent: TalentPipeline | None = None,
) -> GapRow:
    from sportsgov.indicators import population_year
    from sportsgov.plans import get_indicator

    t = r.target
    flow = get_indicator(t.indicator).kind == "flow"
    deadline = by if by is not None else t.deadline
    left = months_between(as_of, deadline)
    start_eve = t.period.start - dt.timedelta(days=1)
    elapsed = months_between(start_eve, min(as_of, deadline))
    total = elapsed + left
    actual = r.actual
    base: dict[str, Any] = {
        "target_id": t.id,
        "indicator": t.indicator,
        "region": r.region,
        "comparator": t.comparator,
        "unit": t.unit,
        "value": t.value,
        "upper": t.upper,
        "actual": actual,
        "status": r.status,
        "as_of": as_of,
        "deadline": deadline,
        "months_left": left,
        "quarters_left": left / 3,
        "flow": flow,
    }
    if actual is None:
        return GapRow(
            **base,
            shortfall=None,
            per_month=None,
            per_quarter=None,
            projected=None,
            on_course=False,
            pace_basis="no observation: pace unknown",
        )
    short = _shortfall(t.comparator, actual, t.value, t.upper)
    per_month = per_quarter = None
    if left > 0:
        per_month = short / fraction_decimal(left)
        per_quarter = short / fraction_decimal(left / 3)
    if left == 0:
        projected, basis = actual, "deadline reached: the value stays as observed"
    elif flow:
        if elapsed == 0:
            projected, basis = actual, "period not started: no pace yet"
        else:
            projected = actual * fraction_decimal(total) / fraction_decimal(elapsed)
            basis = (
                f"linear: {actual} in {elapsed} month(s) since {t.period.start.isoformat()}, "
                f"continued for {left} more month(s)"
            )
    elif r.baseline is not None and elapsed > 0:
        change = actual - r.baseline
        projected = actual + change * fraction_decimal(left) / fraction_decimal(elapsed)
        basis = (
            f"linear: change of {change} since the baseline {r.baseline} "
            f"over {elapsed} month(s), continued for {left} more month(s)"
        )
    else:
        projected, basis = actual, "flat: no baseline, the value is assumed to stay as observed"
    on_course = satisfies(t.comparator, projected, t.value, t.upper)
    extra: dict[str, Any] = {}
    if population is not None and t.unit == "m^2/person":
        year_now = population_year(as_of)
        p_now = _population(population, r.region, year_now, t.id)
        p_end = _population(population, r.region, deadline.year, t.id)
        area_now = actual * p_now
        need = t.value * p_end
        area_to_add = max(Decimal(0), need - area_now) if t.comparator in (">=", ">") else None
        extra = {
            "population_now": p_now,
            "population_deadline": p_end,
            "area_to_add": area_to_add,
            "area_per_month": (
                area_to_add / fraction_decimal(left)
                if area_to_add is not None and left > 0
                else None
            ),
            "population_source": _population_source(population, deadline.year),
        }
    if talent is not None and t.indicator in talent.indicators and t.comparator in (">=", ">"):
        extra.update(_intake(talent, r.region, t.value, as_of, deadline))
    return GapRow(
        **base,
        shortfall=short,
        per_month=per_month,
        per_quarter=per_quarter,
        projected=projected,
        on_course=on_course,
        pace_basis=basis,
        **extra,
    )


def gaps(
    plan: Plan,
    assessment: Assessment,
    *,
    by: dt.date | str | None = None,
    population: PopulationTable | None = None,
    talent: TalentPipeline | None = None,
) -> Gaps:
    """The shortfall of every target × region and the pace needed to close it.

    Parameters
    ----------
    plan
        The :class:`~sportsgov.plans.Plan` assessed.
    assessment
        Its :class:`~sportsgov.assessment.Assessment` (the date is its ``as_of``).
    by
        Close every gap by this date instead of each target's deadline.
    population
        Year-end population [persons] covering the year of ``as_of``'s figure and the
        deadline year (e.g. ``pop.project(2025, method="linear")``); enables the
        area to add [m²] for per-capita area targets.
    talent
        A :class:`TalentPipeline`: talent rows (reserve athletes) then carry the
        yearly intake required to reach the target (``required_intake``).

    Returns
    -------
    Gaps

    Raises
    ------
    InvalidInputError
        The assessment is of another plan, or ``by`` is before ``as_of``.
    DataError
        A per-capita target and the population lacks a needed year.

    Examples
    --------
    >>> from sportsgov import plans
    >>> from sportsgov.assessment import Observation, assess
    >>> plan = plans.load("jiaozuo-2024")
    >>> a = assess(plan, [Observation("reserve-athletes", "city", 3700, "2024-06-30")],
    ...            as_of="2024-06-30")
    >>> r = gaps(plan, a).row("reserve-athletes", "city")
    >>> r.shortfall, r.per_month, r.per_quarter, r.on_course
    (Decimal('300'), Decimal('50'), Decimal('150'), False)
    """
    if assessment.plan.name != plan.name:
        raise InvalidInputError.bad(
            "assessment",
            assessment.plan.name,
            f"is an assessment of another plan (expected {plan.name!r})",
        )
    day = assessment.as_of
    deadline = None if by is None else as_date(by, argument="by")
    if deadline is not None and deadline < day:
        raise InvalidInputError.bad(
            "by", deadline.isoformat(), f"must be on or after as_of={day.isoformat()}"
        )
    rows = tuple(_row(r, day, deadline, population, talent) for r in assessment.rows)
    return Gaps(rows=rows, as_of=day, by=deadline, plan=plan.name)
