"""assess(): one row per target and region with actual, ratio, time progress and status."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Any, Literal, get_args

from attrs import field, frozen

from sportsgov._common.numbers import fraction_decimal, satisfies
from sportsgov.assessment._gc import gc_paused
from sportsgov.assessment._observations import Observation, ObservationTable
from sportsgov.errors import DataError, InvalidInputError, NotFoundError, UnitError
from sportsgov.periods import Period, as_date  # runtime import: cattrs resolves the annotations
from sportsgov.plans._indicators import INDICATORS
from sportsgov.plans._model import CITY, EACH_DISTRICT, Plan, Target
from sportsgov.plans._units import convert

__all__ = ["STATUSES", "Assessment", "AssessmentRow", "Status", "assess", "status_of"]

Status = Literal["met", "on_track", "behind", "missed", "no_data"]
STATUSES: tuple[Status, ...] = get_args(Status)
#: Order used by the monotonicity property: worse < better.
STATUS_ORDER: dict[str, int] = {"missed": 0, "behind": 1, "on_track": 2, "met": 3}

DEFAULT_TOLERANCE = Decimal("0.05")


def _time_progress(period: Period, as_of: dt.date) -> Fraction:
    if as_of < period.start:
        return Fraction(0)
    if as_of >= period.end:
        return Fraction(1)
    from sportsgov.periods import time_progress

    return Fraction(time_progress(period, as_of))


def status_of(
    comparator: str,
    actual: Decimal | None,
    value: Decimal,
    *,
    upper: Decimal | None = None,
    flow: bool,
    time_progress: Fraction,
    finished: bool,
    baseline: Decimal | None = None,
    tolerance: Decimal = DEFAULT_TOLERANCE,
) -> Status:
    """The status of one target in one region (the rules of the explanation page).

    Parameters
    ----------
    comparator
        ``">="``, ``">"``, ``"<="``, ``"<"``, ``"=="`` or ``"between"``.
    actual
        Observed value [target unit], or ``None`` (→ ``"no_data"``).
    value, upper
        Target value (lower bound for ``"between"``) and upper bound.
    flow
        ``True`` for indicators that accumulate over the period (events held), whose
        observations are cumulative and can only grow.
    time_progress
        Elapsed share of the target's period (序时进度), in [0, 1].
    finished
        ``True`` when the assessment date is after the deadline (period end).
    baseline
        Value at the period start; progress of "at least" targets is measured from it.
    tolerance
        How far progress may trail time progress before a target is ``"behind"``.

    Returns
    -------
    str
        ``"met"``, ``"on_track"``, ``"behind"``, ``"missed"`` or ``"no_data"``.

    Examples
    --------
    >>> from fractions import Fraction
    >>> from decimal import Decimal as D
    >>> status_of(">=", D(400), D(1000), flow=True, time_progress=Fraction(1, 2), finished=False)
    'behind'
    >>> status_of(">=", D(480), D(1000), flow=True, time_progress=Fraction(1, 2), finished=False)
    'on_track'
    >>> status_of(">=", D(990), D(1000), flow=True, time_progress=Fraction(1), finished=True)
    'missed'
    """
    if actual is None:
        return "no_data"
    if satisfies(comparator, actual, value, upper):
        if comparator in ("<=", "<") and flow and not finished:
            # A cap on a cumulative figure is only final at the deadline: pace it.
            allowed = value * (fraction_decimal(time_progress) + tolerance)
            return "on_track" if actual <= allowed else "behind"
        return "met"
    if finished:
        return "missed"
    low = value
    above = (
        comparator in ("<=", "<")
        or (comparator == "==" and actual > value)
        or (comparator == "between" and upper is not None and actual > upper)
    )
    if above:
        # Over a cap or past an exact value: irreversible for a cumulative figure.
        return "missed" if flow else "behind"
    base = Decimal(0) if flow or baseline is None else baseline
    span = low - base
    if span <= 0:
        return "behind"
    # progress = (actual - base) / span >= time progress - tolerance, without dividing
    return (
        "on_track"
        if actual - base >= span * (fraction_decimal(time_progress) - tolerance)
        else "behind"
    )


@frozen
class AssessmentRow:
    """One target in one region: actual, target, ratio, time progress, status, lead.

    Attributes
    ----------
    target
        The :class:`~sportsgov.plans.Target`.
    region
        Region code the row is about.
    actual
        Observed value [target unit], ``None`` without data.
    observed_on
        Date of the observation used.
    ratio
        ``actual / target value`` (the lower bound for ``between``), ``None`` without
        data or for a zero target.
    time_progress
        Elapsed share of the target's period at the assessment date (序时进度).
    status
        ``met``, ``on_track``, ``behind``, ``missed`` or ``no_data``.
    baseline
        Value at the period start used for progress, if any.
    previous
        The value a year before the assessment date, if observed (for improvement rules).
    """

    target: Target
    region: str
    actual: Decimal | None
    observed_on: dt.date | None
    ratio: Decimal | None
    time_progress: Fraction
    status: Status
    baseline: Decimal | None = None
    previous: Decimal | None = None

    @property
    def target_id(self) -> str:
        """Id of the target."""
        return self.target.id

    @property
    def indicator(self) -> str:
        """Indicator of the target."""
        return self.target.indicator

    @property
    def value(self) -> Decimal:
        """Target value [unit]."""
        return self.target.value

    @property
    def unit(self) -> str:
        """Unit of ``actual`` and ``value``."""
        return self.target.unit

    @property
    def lead(self) -> str:
        """Responsible (lead) unit; for per-district targets the district's bureau."""
        return self.target.lead

    @property
    def deadline(self) -> dt.date:
        """Deadline (end of the target's period)."""
        return self.target.deadline

    def to_record(self) -> dict[str, Any]:
        """A flat dict (strings and numbers) for tables and JSON."""
        return {
            "target": self.target.id,
            "indicator": self.target.indicator,
            "region": self.region,
            "comparator": self.target.comparator,
            "value": str(self.target.value),
            "upper": None if self.target.upper is None else str(self.target.upper),
            "unit": self.target.unit,
            "actual": None if self.actual is None else str(self.actual),
            "observed_on": None if self.observed_on is None else self.observed_on.isoformat(),
            "ratio": None if self.ratio is None else str(self.ratio),
            "time_progress": str(self.time_progress),
            "status": self.status,
            "lead": self.target.lead,
            "deadline": self.target.deadline.isoformat(),
        }


@frozen(repr=False)
class Assessment:
    """The result of :func:`assess`: rows per target × region and the measures behind them.

    Attributes
    ----------
    plan
        The plan assessed.
    as_of
        Assessment date.
    rows
        :class:`AssessmentRow` s, in plan order, then region order (built on first
        access from the compact table the assessment keeps).
    regions
        Region codes assessed (the city first if it has rows).
    city
        Code used for city-scoped targets.
    tolerance
        Tolerance used for ``behind``.
    table
        The rows as plain tuples (fields of :class:`AssessmentRow`, in order).
    series
        Observations by ``(target id or indicator, region)``, as ``(date, value
        [unit], Observation)`` sorted by date.
    """

    plan: Plan
    as_of: dt.date
    table: tuple[tuple[Any, ...], ...] = field(repr=False)
    regions: tuple[str, ...]
    city: str
    tolerance: Decimal
    series: Mapping[str, dict[str, list[tuple[dt.date, Decimal, Observation]]]] = field(
        factory=dict, repr=False, eq=False
    )
    by_key: Mapping[str, dict[str, tuple[Any, ...]]] = field(factory=dict, repr=False, eq=False)
    _cache: dict[str, Any] = field(factory=dict, init=False, repr=False, eq=False)

    def _measures(self) -> tuple[dict[tuple[str, str], Decimal], dict[tuple[str, str], Decimal]]:
        got = self._cache.get("measures")
        if got is None:
            cur: dict[tuple[str, str], Decimal] = {}
            prev: dict[tuple[str, str], Decimal] = {}
            year_before = _year_before(self.as_of)
            for key, by_region in self.series.items():
                for region, lst in by_region.items():
                    e = _latest(lst, self.as_of, None)
                    if e is not None:
                        cur[(key, region)] = e[1]
                    e = _latest(lst, year_before, None)
                    if e is not None:
                        prev[(key, region)] = e[1]
            got = self._cache["measures"] = (cur, prev)
        return got

    @property
    def measures(self) -> dict[tuple[str, str], Decimal]:
        """``{(target id or indicator, region): value}`` of the latest observation on or
        before ``as_of`` (for scoring rules that read values not tied to a target)."""
        return self._measures()[0]

    @property
    def previous(self) -> dict[tuple[str, str], Decimal]:
        """Same as :attr:`measures`, one year before ``as_of`` (improvement rules)."""
        return self._measures()[1]

    @property
    def rows(self) -> tuple[AssessmentRow, ...]:
        """One :class:`AssessmentRow` per target × region."""
        rows = self._cache.get("rows")
        if rows is None:
            rows = self._cache["rows"] = tuple(_make_row(r) for r in self.table)
        return rows

    def index(self) -> Mapping[str, dict[str, tuple[Any, ...]]]:
        """``{target id: {region: raw row}}``, also keyed by indicator name (the first
        target on that indicator). Raw rows have the fields of :class:`AssessmentRow` in
        order, with the ratio left for :attr:`rows` to compute."""
        return self.by_key

    def summary(self) -> dict[str, int]:
        """Number of rows by status (every status present, possibly 0).

        Examples
        --------
        >>> from sportsgov import plans
        >>> a = assess(plans.load("jiaozuo-2024"), [], as_of="2024-06-30")
        >>> a.summary()["no_data"]
        4
        """
        counts = Counter(r[6] for r in self.table)
        return {s: counts.get(s, 0) for s in STATUSES}

    def for_region(self, region: str) -> tuple[AssessmentRow, ...]:
        """Rows of one region."""
        return tuple(r for r in self.rows if r.region == region)

    def for_target(self, target: str) -> tuple[AssessmentRow, ...]:
        """Rows of one target (one per region for per-district targets)."""
        return tuple(r for r in self.rows if r.target.id == target)

    def row(self, target: str, region: str) -> AssessmentRow:
        """The row of ``target`` in ``region``.

        Raises
        ------
        NotFoundError
            No such row.
        """
        raw = self.by_key.get(target, {}).get(region)
        if raw is None or raw[0].id != target:
            raise NotFoundError.bad(
                "row", (target, region), "no such target × region in the assessment"
            )
        return _make_row(raw)

    def measure(self, key: str, region: str, *, previous: bool = False) -> Decimal | None:
        """Latest observed value of a target id or indicator in a region (or a year earlier)."""
        return (self.previous if previous else self.measures).get((key, region))

    def to_frame(self) -> Any:
        """The rows as a pandas DataFrame, one per target × region (plan order).

        Columns: ``target, indicator, region, comparator, value, upper, unit,
        actual, baseline, previous, ratio`` (exact :class:`~decimal.Decimal`; the
        figures are in the row's ``unit``, which differs between targets, so it is a
        column and not part of the names); ``observed_on``, ``deadline``
        (:class:`datetime.date`); ``time_progress`` (exact
        :class:`~fractions.Fraction` share); ``status``, ``lead``. Missing figures
        are None. Needs the ``pandas`` extra.

        Examples
        --------
        >>> from sportsgov import plans
        >>> a = assess(plans.load("jiaozuo-2024"), [], as_of="2024-06-30")
        >>> df = a.to_frame()
        >>> df[["target", "value", "status"]].values.tolist()[0]
        ['traditional-schools', Decimal('130'), 'no_data']
        >>> len(df) == len(a.rows)
        True
        """
        from sportsgov._common.frames import pandas

        pd = pandas("Assessment.to_frame")
        columns = ["target", "indicator", "region", "comparator", "value", "upper", "unit"]
        columns += ["actual", "baseline", "previous", "ratio", "observed_on", "time_progress"]
        columns += ["status", "lead", "deadline"]
        rows = [
            [r.target.id, r.target.indicator, r.region, r.target.comparator, r.target.value,
             r.target.upper, r.target.unit, r.actual, r.baseline, r.previous, r.ratio,
             r.observed_on, r.time_progress, r.status, r.target.lead, r.target.deadline]
            for r in self.rows
        ]  # fmt: skip
        return pd.DataFrame(rows, columns=columns)

    def __repr__(self) -> str:
        """Short: the plan, the date and the rows by status (non-zero counts), never the plan.

        Examples
        --------
        >>> from sportsgov import plans
        >>> assess(plans.load("jiaozuo-2024"), [], as_of="2024-06-30")
        Assessment(plan='jiaozuo-2024', as_of='2024-06-30', regions=1, rows=4, status={'no_data': 4})
        """  # noqa: E501
        from sportsgov._common.display import text_repr

        return text_repr(
            "Assessment",
            [
                ("plan", self.plan.name),
                ("as_of", self.as_of.isoformat()),
                ("regions", len(self.regions)),
                ("rows", len(self.table)),
                ("status", {k: v for k, v in self.summary().items() if v}),
            ],
        )

    def _repr_html_(self) -> str:
        """A notebook table of the first rows: target, region, actual, target value, status."""
        from sportsgov._common.display import html_table

        return html_table(
            f"Assessment of {self.plan.name} as of {self.as_of.isoformat()}: "
            + ", ".join(f"{k} {v}" for k, v in self.summary().items()),
            ["target", "region", "comparator", "value", "unit", "actual", "status"],
            (
                (
                    r.target.id,
                    r.region,
                    r.target.comparator,
                    r.target.value,
                    r.target.unit,
                    r.actual,
                    r.status,
                )
                for r in self.rows
            ),
            count=len(self.table),
        )

    def to_records(self) -> list[dict[str, Any]]:
        """Every row as a flat dict."""
        return [r.to_record() for r in self.rows]


def _region_sets(
    regions: Any, city: str | None, observations: Sequence[Observation]
) -> tuple[str, list[str], bool]:
    """(city code, district codes, whether the region set is closed)."""
    if regions is None:
        c = city or CITY
        seen = dict.fromkeys(o.region for o in observations if o.region != c)
        return c, list(seen), False
    if hasattr(regions, "roots") and hasattr(regions, "children"):
        roots = regions.roots() if callable(regions.roots) else regions.roots
        if city is None:
            if len(roots) != 1:
                raise InvalidInputError.bad(
                    "city", None, f"the region tree has {len(roots)} roots; name the city's code"
                )
            city = roots[0].code
        return city, [r.code for r in regions.children(city)], True
    if isinstance(regions, str):
        raise InvalidInputError.bad("regions", regions, "expected a RegionTree or a list of codes")
    codes = [str(c) for c in regions]
    c = city or CITY
    return c, [x for x in codes if x != c], True


def _observation_rows(observations: Any) -> Sequence[Observation]:
    if observations is None:
        return ()
    if isinstance(observations, ObservationTable):
        return observations.rows
    if isinstance(observations, str):
        raise InvalidInputError.bad(
            "observations",
            observations,
            "expected Observations; read a file with ObservationTable.from_csv",
        )
    out = list(observations)
    for i, o in enumerate(out):
        if not isinstance(o, Observation):
            raise InvalidInputError.bad(f"observations[{i}]", o, "expected an Observation")
    return out


@gc_paused
def assess(
    plan: Plan,
    observations: Iterable[Observation] | ObservationTable | None,
    *,
    as_of: dt.date | str,
    regions: Any = None,
    city: str | None = None,
    tolerance: Decimal | str = DEFAULT_TOLERANCE,
) -> Assessment:
    """Assess every target of ``plan`` in every region it applies to, as of a date.

    Parameters
    ----------
    plan
        The :class:`~sportsgov.plans.Plan`.
    observations
        :class:`Observation` s (or an :class:`ObservationTable`), keyed by target id or
        indicator name. For each target × region the latest observation on or before
        ``as_of`` is used; observations dated later are ignored. For flow indicators
        (events held ...) observations dated before the target's period are ignored.
    as_of
        Assessment date (``datetime.date`` or ISO string).
    regions
        A :class:`~sportsgov.regions.RegionTree` (the city is its root, districts its
        children) or a list of district codes. With it, ``"each district"`` targets get
        a row for every district (``no_data`` where unobserved) and an observation for
        an unknown region is an error. Without it, the districts are those observed.
    city
        Region code of the plan's whole area (default: the tree's root, else ``"city"``).
    tolerance
        Progress may trail time progress by this much before a target is ``behind``
        (default 0.05).

    Returns
    -------
    Assessment

    Raises
    ------
    InvalidInputError
        ``as_of`` before the plan's start; bad tolerance.
    NotFoundError
        An observation names neither a target of the plan nor a registered indicator,
        or (with ``regions``) a region outside the tree.
    UnitError
        An observation's unit does not fit the indicator (a count for m²).
    DataError
        Two observations for the same target (or indicator), region and date.

    Examples
    --------
    >>> from sportsgov import plans
    >>> plan = plans.load("zhengzhou-2024")
    >>> obs = [Observation("mass-events", "city", 480, "2024-06-30", unit="场次"),
    ...        Observation("per_capita_area", "city", "2.66", "2024-06-30")]
    >>> a = assess(plan, obs, as_of="2024-06-30")
    >>> r = a.row("mass-events", "city")
    >>> r.status, r.ratio, r.time_progress
    ('on_track', Decimal('0.48'), Fraction(91, 183))
    >>> a.row("per-capita-area", "city").status
    'met'
    """
    day = as_date(as_of)
    if day < plan.period.start:
        raise InvalidInputError.bad(
            "as_of",
            day.isoformat(),
            f"is before the start of plan {plan.name!r} ({plan.period.start.isoformat()})",
        )
    try:
        tol = Decimal(tolerance) if not isinstance(tolerance, Decimal) else tolerance
    except ArithmeticError:
        raise InvalidInputError.bad(
            "tolerance", tolerance, "expected a decimal number in [0, 1]"
        ) from None
    if not (0 <= tol <= 1):
        raise InvalidInputError.bad(
            "tolerance", tolerance, "must be in [0, 1]", shown=str(tolerance)
        )
    obs = _observation_rows(observations)
    city_code, districts, closed = _region_sets(regions, city, obs)
    known_regions = {city_code, *districts}
    if closed and hasattr(regions, "codes"):  # any region of the tree may be observed
        known_regions.update(regions.codes)

    # Group observations by (key, region), check keys, regions and duplicates, and
    # convert every value once into the unit of its key (target or indicator).
    key_unit: dict[str, str] = {}
    for k, ind in INDICATORS.items():
        key_unit[k] = ind.unit
    for t in plan.targets:
        key_unit[t.id] = t.unit
    series: dict[str, dict[str, list[tuple[dt.date, Decimal, Observation]]]] = {}
    for i, o in enumerate(obs):
        unit = key_unit.get(o.target)
        if unit is None:
            raise NotFoundError.bad(
                f"observations[{o.row or i + 1}].target",
                o.target,
                f"neither a target of plan {plan.name!r} nor a registered indicator",
            )
        if closed and o.region not in known_regions:
            raise NotFoundError.bad(
                f"observations[{o.row or i + 1}].region",
                o.region,
                "not a region of the assessment (not in the region tree or list)"
                + _name_hint(regions, o.region),
            )
        v = o.value
        tv = type(v)
        if (tv is int or tv is Decimal) and (o.unit is None or o.unit == unit):
            value = v if tv is Decimal else Decimal(v)
        else:
            value = _convert_obs(o, unit, i)
        by_region = series.get(o.target)
        if by_region is None:
            by_region = series[o.target] = {}
        lst = by_region.get(o.region)
        if lst is None:
            by_region[o.region] = [(o.as_of, value, o)]
            continue
        for when, _, other in lst:
            if when == o.as_of:
                raise DataError(
                    f"duplicate observation for target={o.target!r}, region={o.region!r}, "
                    f"as_of={o.as_of.isoformat()} (first at row {other.row or '?'})",
                    row=o.row or i + 1,
                    field="as_of",
                )
        lst.append((o.as_of, value, o))
        lst.sort(key=lambda e: e[0])

    year_before = _year_before(day)

    rows: list[tuple[Any, ...]] = []
    append = rows.append
    region_order: dict[str, None] = {}
    by_key: dict[str, dict[str, tuple[Any, ...]]] = {}
    empty: dict[str, list[tuple[dt.date, Decimal, Observation]]] = {}
    for t in plan.targets:
        mine: dict[str, tuple[Any, ...]] = {}
        by_key[t.id] = mine
        s_id = series.get(t.id, empty)
        s_ind = series.get(t.indicator, empty)
        if t.scope == EACH_DISTRICT:
            scope_regions = districts
        elif t.scope == CITY:
            scope_regions = [city_code]
        else:
            scope_regions = [t.scope]
        region_order.update(dict.fromkeys(scope_regions))
        flow = INDICATORS[t.indicator].kind == "flow"
        tp = _time_progress(t.period, day)
        finished = day > t.period.end
        p_start = t.period.start
        since = p_start if flow else None
        comparator, value, upper = t.comparator, t.value, t.upper
        fast = comparator == ">=" and value > 0
        line = value * (fraction_decimal(tp) - tol)  # needed to be on track (status_of, from zero)
        for region in scope_regions:
            lst = s_id.get(region)
            if lst is None:
                lst = s_ind.get(region)
            if lst is None:
                raw: tuple[Any, ...] = (
                    t,
                    region,
                    None,
                    None,
                    None,
                    tp,
                    "no_data",
                    t.baseline,
                    None,
                )
                append(raw)
                mine[region] = raw
                continue
            if len(lst) == 1:
                when = lst[0][0]
                ok = when <= day and (since is None or when >= since)
                entry = lst[0] if ok else None
                prev_entry = lst[0] if when <= year_before else None
            else:
                entry = _latest(lst, day, since)
                prev_entry = _latest(lst, year_before, None)
            if entry is None:
                actual = None
                observed = None
            else:
                observed, actual = entry[0], entry[1]
            base = t.baseline
            if base is None and not flow:
                for when, val, _o in lst:
                    if when < p_start:
                        base = val
            status: Status
            if fast and actual is not None and (flow or base is None):
                # Inlined status_of() for ">=" measured from zero (same rules).
                if actual >= value:
                    status = "met"
                elif finished:
                    status = "missed"
                else:
                    status = "on_track" if actual >= line else "behind"
            else:
                status = status_of(
                    comparator,
                    actual,
                    value,
                    upper=upper,
                    flow=flow,
                    time_progress=tp,
                    finished=finished,
                    baseline=base,
                    tolerance=tol,
                )
            raw = (
                t,
                region,
                actual,
                observed,
                None,  # ratio: computed when rows are built
                tp,
                status,
                base,
                prev_entry[1] if prev_entry is not None else None,
            )
            append(raw)
            mine[region] = raw
    for t in plan.targets:
        if t.indicator not in by_key:
            by_key[t.indicator] = by_key[t.id]
    return Assessment(
        plan=plan,
        as_of=day,
        table=tuple(rows),
        regions=tuple(region_order),
        city=city_code,
        tolerance=tol,
        series=series,
        by_key=by_key,
    )


def _make_row(raw: tuple[Any, ...]) -> AssessmentRow:
    t, actual = raw[0], raw[2]
    ratio = actual / t.value if actual is not None and t.value != 0 else None
    return AssessmentRow(t, raw[1], actual, raw[3], ratio, *raw[5:])


def _latest(
    lst: list[tuple[dt.date, Decimal, Observation]], until: dt.date, since: dt.date | None
) -> tuple[dt.date, Decimal, Observation] | None:
    found = None
    for entry in lst:
        if entry[0] > until:
            break
        if since is None or entry[0] >= since:
            found = entry
    return found


def _convert_obs(o: Observation, unit: str, i: int) -> Decimal:
    try:
        return convert(o.value, o.unit, unit, argument=f"observations[{o.row or i + 1}].value")
    except UnitError as exc:
        raise UnitError(
            f"observation of {o.target!r} in {o.region!r}: {exc}", argument="unit", value=o.unit
        ) from None


def _year_before(day: dt.date) -> dt.date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


def _name_hint(regions: object, label: str) -> str:
    """How to resolve ``label`` when it names a region of the tree ``regions`` (else "")."""
    from sportsgov.regions import RegionTree
    from sportsgov.regions._names import name_hint

    return name_hint(regions, label) if isinstance(regions, RegionTree) else ""
