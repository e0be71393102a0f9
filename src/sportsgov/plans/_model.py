"""Plan models: Target, Task, Phase, Baseline, SourceRef, Plan."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any, Literal, get_args

from attrs import evolve, field, frozen

from sportsgov.errors import InvalidInputError, NotFoundError
from sportsgov.periods import (  # runtime import: cattrs resolves the annotations
    Period,
    as_date,
    as_period,
)
from sportsgov.plans._indicators import Indicator, get_indicator
from sportsgov.plans._units import convert

__all__ = [
    "COMPARATORS",
    "Baseline",
    "Comparator",
    "Milestone",
    "Phase",
    "Plan",
    "SourceRef",
    "Target",
    "Task",
]

Comparator = Literal[">=", "<=", "==", "between", ">", "<"]
COMPARATORS: tuple[str, ...] = get_args(Comparator)
EACH_DISTRICT = "each district"
CITY = "city"


def _opt_date(value: Any) -> dt.date | None:
    return None if value is None else as_date(value, "last_verified")


def _tup(value: Iterable[Any]) -> tuple[Any, ...]:
    return tuple(value)


def _opt_published(value: Any) -> dt.date | None:
    return None if value is None else as_date(value, "published")


def _names(value: Any) -> tuple[str, ...]:
    """Partner units: a list of names; one bare name is a list of one.

    A string is never split into characters (``"abc"`` is ``("abc",)``).
    """
    if isinstance(value, str):
        return (value,)
    allowed = "expected a unit name or a list of unit names (strings)"
    if isinstance(value, Mapping) or not isinstance(value, Iterable):
        raise InvalidInputError.bad("partners", value, allowed)
    out = tuple(value)
    if not all(isinstance(v, str) for v in out):
        raise InvalidInputError.bad("partners", value, allowed)
    return out


def _on(value: Any) -> dt.date:
    return as_date(value, "on")


def _as_of(value: Any) -> dt.date:
    return as_date(value, "as_of")


def _opt_deadline(value: Any) -> dt.date | None:
    return None if value is None else as_date(value, "deadline")


@frozen
class SourceRef:
    """Where a figure comes from: the document cited and the quoted phrase.

    Attributes
    ----------
    document
        The document's public identity: title, issuer, date and document number
        where it has one, e.g. ``"2024年郑州市体育工作要点, 郑州市体育局, 2024-07-25,
        索引号 005252290/2024-00022"``.
    quote
        The phrase quoted verbatim from the document (Chinese).
    cites
        The published document the file reproduces or names, if different.
    verified
        ``False`` when the figure was seen in secondary sources only and still
        needs checking against the original document.
    last_verified
        Date the citation was last checked against the document.

    Examples
    --------
    >>> doc = "2024年郑州市体育工作要点, 郑州市体育局, 2024-07-25, 索引号 005252290/2024-00022"
    >>> SourceRef(doc, "人均场地面积达到2.65平方米").verified
    True
    """

    document: str
    quote: str = ""
    cites: str = ""
    verified: bool = True
    last_verified: dt.date | None = field(default=None, converter=_opt_date)


def _decimal_value(value: Any) -> Decimal:
    # Values are converted into the indicator unit by Target.create; here only
    # exact numbers are accepted.
    if isinstance(value, Decimal):
        return value
    return convert(value, None, "count", argument="value")


def _opt_decimal(value: Any) -> Decimal | None:
    return None if value is None else _decimal_value(value)


def _check_comparator(_: Any, __: Any, value: str) -> None:
    if value not in COMPARATORS:
        raise InvalidInputError.bad(
            "comparator", value, "expected one of " + ", ".join(repr(c) for c in COMPARATORS)
        )


def _check_indicator(_: Any, __: Any, value: str) -> None:
    get_indicator(value)


@frozen
class Target:
    """A quantified target: indicator, comparator, value, period, scope and who leads.

    The value is kept exactly (``Decimal``) in the unit of its indicator
    (``Target.unit``); build targets from other units, quantities or Money with
    :meth:`create`.

    Attributes
    ----------
    id
        Identifier, unique within its plan (``"per-capita-area"``).
    indicator
        Name in the indicator registry (:func:`sportsgov.plans.indicators`).
    comparator
        ``">="``, ``"<="``, ``"=="``, ``"between"`` (inclusive), or the strict ``">"``, ``"<"``.
    value
        Target value [indicator unit]; the lower bound for ``"between"``.
    period
        :class:`~sportsgov.periods.Period` the target applies to; its end is the deadline.
    scope
        ``"city"`` (the plan's whole area), ``"each district"`` (the value is a minimum
        for every district) or a region code.
    lead
        Responsible (lead) unit, 牵头单位.
    partners
        Partner units, 配合单位 (one name alone is read as a list of one; a string is
        never split into characters).
    source
        :class:`SourceRef` citing the document and phrase.
    upper
        Upper bound for ``"between"`` [indicator unit].
    baseline
        Value at the start of the period, if known; progress of level targets is then
        measured from it.
    pace
        ``"quarterly"`` if the document asks for 序时 pacing by quarter.
    title
        Short description (Chinese).

    Examples
    --------
    >>> from sportsgov.periods import Period
    >>> t = Target.create("pca", "per_capita_area", ">=", "2.65", Period.year(2024),
    ...                   unit="平方米/人")
    >>> t.value, t.unit, t.period.end.isoformat()
    (Decimal('2.65'), 'm^2/person', '2024-12-31')
    """

    id: str
    indicator: str = field(validator=_check_indicator)
    comparator: Comparator = field(validator=_check_comparator)
    value: Decimal = field(converter=_decimal_value)
    period: Period
    scope: str = CITY
    lead: str = ""
    partners: tuple[str, ...] = field(default=(), converter=_names)
    source: SourceRef | None = None
    upper: Decimal | None = field(default=None, converter=_opt_decimal)
    baseline: Decimal | None = field(default=None, converter=_opt_decimal)
    pace: Literal["none", "quarterly"] = "none"
    title: str = ""

    def __attrs_post_init__(self) -> None:
        if self.comparator == "between":
            if self.upper is None:
                raise InvalidInputError.bad(
                    "upper", None, f"target {self.id!r}: 'between' needs an upper bound"
                )
            if self.upper < self.value:
                raise InvalidInputError.bad(
                    "upper",
                    self.upper,
                    f"target {self.id!r}: must be >= value={self.value}",
                    shown=str(self.upper),
                )
        elif self.upper is not None:
            raise InvalidInputError.bad(
                "upper",
                self.upper,
                f"target {self.id!r}: only 'between' takes an upper bound",
                shown=str(self.upper),
            )
        if self.pace not in ("none", "quarterly"):
            raise InvalidInputError.bad("pace", self.pace, "expected one of 'none', 'quarterly'")

    @classmethod
    def create(
        cls,
        id: str,
        indicator: str,
        comparator: str,
        value: Any,
        period: Any,
        *,
        unit: str | None = None,
        upper: Any = None,
        baseline: Any = None,
        **kwargs: Any,
    ) -> Target:
        """Build a target from a value in any unit (number + unit, Quantity or Money).

        ``value``, ``upper`` and ``baseline`` are converted exactly into the
        indicator's unit; ``period`` may be a string such as ``"2024"`` or
        ``"2020-06/2022-12"``.

        Raises
        ------
        NotFoundError
            Unknown indicator.
        UnitError
            ``unit`` does not fit the indicator (a count for an area target).
        InvalidInputError
            Unknown comparator or malformed period.

        Examples
        --------
        >>> t = Target.create("outdoor", "new_outdoor_sports_area", ">=", 200, "2020-06/2022-12",
        ...                   unit="万 m^2")
        >>> t.value
        Decimal('2000000')
        """
        ind = get_indicator(indicator)

        def conv(v: Any, arg: str) -> Decimal | None:
            return None if v is None else convert(v, unit, ind.unit, argument=arg)

        return cls(
            id=id,
            indicator=indicator,
            comparator=comparator,  # type: ignore[arg-type]
            value=conv(value, "value"),
            period=as_period(period),
            upper=conv(upper, "upper"),
            baseline=conv(baseline, "baseline"),
            **kwargs,
        )

    @property
    def unit(self) -> str:
        """Unit of ``value`` (the indicator's unit)."""
        return get_indicator(self.indicator).unit

    @property
    def spec(self) -> Indicator:
        """The registry entry of the indicator."""
        return get_indicator(self.indicator)

    @property
    def deadline(self) -> dt.date:
        """Last day of the target's period."""
        end: dt.date = self.period.end
        return end

    @property
    def per_district(self) -> bool:
        """True if the value applies to every district (scope ``"each district"``)."""
        return self.scope == EACH_DISTRICT

    def quantity(self) -> Any:
        """The value as a pint Quantity of :mod:`sportsgov.units`, where it has one.

        Counts and shares come back as plain dimensionless quantities.
        """
        from sportsgov.units import Q_

        spelling = {"m^2/person": "m**2/person", "m^2": "m**2", "person": "person"}
        return Q_(self.value, spelling.get(self.unit, "dimensionless"))

    def money(self) -> Any:
        """The value as :class:`~sportsgov.money.Money` (money targets only).

        Raises
        ------
        UnitError
            If the indicator is not measured in yuan.
        """
        from sportsgov.errors import UnitError
        from sportsgov.money import Money

        if self.unit != "yuan":
            raise UnitError(f"target {self.id!r}: unit {self.unit} is not money")
        return Money.yuan(self.value)

    def describe(self) -> str:
        """One line: ``id: indicator comparator value unit (period, scope)``."""
        bound = f"{self.value}–{self.upper}" if self.comparator == "between" else str(self.value)
        op = "" if self.comparator == "between" else f"{self.comparator} "
        return f"{self.id}: {self.indicator} {op}{bound} {self.unit} ({self.period}, {self.scope})"


@frozen
class Milestone:
    """A dated step of a task.

    Examples
    --------
    >>> Milestone("2024-06-30", "草案").on
    datetime.date(2024, 6, 30)
    """

    on: dt.date = field(converter=_on)
    what: str = ""


@frozen
class Task:
    """An unquantified task with a lead unit, partners, deadline and milestones.

    Attributes
    ----------
    title
        What is to be done (Chinese).
    lead
        Lead unit (牵头单位).
    partners
        Partner units (配合/责任单位); one name alone is read as a list of one.
    deadline
        Date by which it is due, if stated.
    milestones
        Dated steps.
    source
        Citation.

    Examples
    --------
    >>> Task("编制出台《郑州市体育设施专项规划》", deadline="2024-12-31").deadline
    datetime.date(2024, 12, 31)
    """

    title: str
    lead: str = ""
    partners: tuple[str, ...] = field(default=(), converter=_names)
    deadline: dt.date | None = field(default=None, converter=_opt_deadline)
    milestones: tuple[Milestone, ...] = field(default=(), converter=_tup)
    source: SourceRef | None = None
    id: str = ""


@frozen
class Phase:
    """A named phase of a plan (实施阶段) with its period.

    Examples
    --------
    >>> from sportsgov.periods import Period
    >>> Phase("赛时运行阶段", Period.parse("2022-09/2022-10")).name
    '赛时运行阶段'
    """

    name: str
    period: Period | None = None
    description: str = ""


@frozen
class Baseline:
    """A reported figure (not a target): a base value or an achievement stated in a source.

    Baselines can be fed to :func:`sportsgov.assessment.assess` as observations and are
    the "last year" value of improvement rules.

    Examples
    --------
    >>> b = Baseline("per_capita_area", Decimal("2.62"), "2023-12-31")
    >>> b.as_of.year
    2023
    """

    indicator: str = field(validator=_check_indicator)
    value: Decimal = field(converter=_decimal_value)
    as_of: dt.date = field(converter=_as_of)
    region: str = CITY
    source: SourceRef | None = None
    title: str = ""

    @property
    def unit(self) -> str:
        """Unit of ``value`` (the indicator's unit)."""
        return get_indicator(self.indicator).unit


def _check_unique(instance: Plan, _: Any, targets: tuple[Target, ...]) -> None:
    seen: set[str] = set()
    for t in targets:
        if t.id in seen:
            raise InvalidInputError.bad("targets", t.id, f"plan {instance.name!r}: duplicate id")
        seen.add(t.id)


@frozen
class Plan:
    """A plan: name, issuer, period, phases, targets and tasks.

    Attributes
    ----------
    name
        Catalog name (``"zhengzhou-2024"``).
    issuer
        Issuing body (发布单位).
    period
        Period the plan covers.
    phases, targets, tasks, baselines
        Contents.
    title
        Title of the document (Chinese).
    region
        Area the plan governs (``"郑州市"``); ``"city"``-scoped targets refer to it.
    source
        Citation of the whole document.
    published
        Publication date.

    Examples
    --------
    >>> from sportsgov import plans
    >>> plan = plans.load("zhengzhou-2024")
    >>> plan.target("per-capita-area").value
    Decimal('2.65')
    """

    name: str
    issuer: str
    period: Period
    phases: tuple[Phase, ...] = field(default=(), converter=_tup)
    targets: tuple[Target, ...] = field(default=(), converter=_tup, validator=_check_unique)
    tasks: tuple[Task, ...] = field(default=(), converter=_tup)
    title: str = ""
    title_en: str = ""
    region: str = ""
    source: SourceRef | None = None
    published: dt.date | None = field(default=None, converter=_opt_published)
    baselines: tuple[Baseline, ...] = field(default=(), converter=_tup)

    def target(self, id: str) -> Target:
        """The target with ``id``.

        Raises
        ------
        NotFoundError
            If the plan has no such target.
        """
        for t in self.targets:
            if t.id == id:
                return t
        raise NotFoundError.bad("target", id, f"plan {self.name!r} has no such target")

    def with_targets(self, targets: Iterable[Target]) -> Plan:
        """A copy of the plan with other targets (``attrs.evolve``)."""
        return evolve(self, targets=tuple(targets))

    def target_for(
        self,
        indicator: str,
        *,
        as_of: Any,
        scope: str = CITY,
        outside: Literal["raise", "none"] = "raise",
    ) -> Target | None:
        """The target on ``indicator`` in force at ``as_of`` (its period contains the date).

        When several are in force (a 2025 and a 2035 target), the one with the earliest
        deadline is returned. A date outside every target's period follows an explicit
        policy instead of silently reusing an old target: ``outside="raise"`` (the
        default) raises, ``"none"`` returns ``None``.

        Raises
        ------
        NotFoundError
            No target on the indicator and scope is in force at ``as_of``
            (``outside="raise"``), or the indicator is unknown.

        Examples
        --------
        >>> from sportsgov import plans
        >>> nat = plans.load("national-2025-2035")
        >>> nat.target_for("per_capita_area", as_of="2024-06-30").id
        'per-capita-area-2025'
        >>> nat.target_for("per_capita_area", as_of="2030-01-01").id
        'per-capita-area-2035'
        >>> nat.target_for("per_capita_area", as_of="2040-01-01", outside="none") is None
        True
        """
        if outside not in ("raise", "none"):
            raise InvalidInputError.bad("outside", outside, "expected one of 'raise', 'none'")
        get_indicator(indicator)
        day = as_date(as_of, "as_of")
        live = [
            t
            for t in self.targets
            if t.indicator == indicator and t.scope == scope and t.period.contains(day)
        ]
        if live:
            return min(live, key=lambda t: t.period.end)
        if outside == "none":
            return None
        spans = ", ".join(
            f"{t.id} ({t.period})"
            for t in self.targets
            if t.indicator == indicator and t.scope == scope
        )
        raise NotFoundError.bad(
            "as_of",
            day.isoformat(),
            f"no target on {indicator!r} (scope {scope!r}) of plan {self.name!r} is in force"
            + (f"; targets: {spans}" if spans else ""),
        )

    def for_indicator(self, indicator: str) -> tuple[Target, ...]:
        """Targets of the plan on ``indicator``."""
        get_indicator(indicator)
        return tuple(t for t in self.targets if t.indicator == indicator)
