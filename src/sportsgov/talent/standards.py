"""School standards, coach-to-athlete ratios and reserve-quota allocation.

* :class:`QuotaStandard` — a per-unit staffing standard such as Jiaozuo's
  "2351" project (2024年全市体育工作暨党风廉政建设工作会议精神解读, 焦作日报, 2024-03:
  keep 130 traditional schools 传统项目学校 each with 2 full- or part-time coaches and 30 athletes,
  and a youth reserve pool 青少年体育后备人才 of 4,000):
  ``requirements(130)`` → 260 coaches and 3,900 athletes; :meth:`QuotaStandard.gaps`
  compares actual staffing per unit.
* :class:`RatioRule` and :func:`check_ratios` — athletes per coach within a
  band; :data:`INDIVIDUAL_SPORTS` (1:8–10) and :data:`TEAM_SPORTS` (1:12–15)
  are practice figures from secondary sources: parameters, not national constants.
* :func:`allocate_quota` — split reserve places, training places or team slots
  among districts or schools with :func:`sportsgov.apportionment.apportion`, with
  floors such as "each district at least one new-type sports school 新型体校"
  (2024年郑州市体育工作要点, 郑州市体育局, 2024-07-25, 索引号 005252290/2024-00022).

Examples
--------
>>> from sportsgov.talent import QuotaStandard
>>> std = QuotaStandard("2351", {"coaches": 2, "athletes": 30})
>>> std.requirements(130)
{'coaches': 260, 'athletes': 3900}
>>> std.units_needed("athletes", 4000)
134
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from fractions import Fraction
from typing import TYPE_CHECKING, Any, Literal, TypeAlias

from attrs import field, frozen

from sportsgov._exact import fmt, to_fraction
from sportsgov.errors import InvalidInputError, NotFoundError

if TYPE_CHECKING:
    from sportsgov.apportionment import Method

__all__ = [
    "INDIVIDUAL_SPORTS",
    "TEAM_SPORTS",
    "QuotaAllocation",
    "QuotaStandard",
    "RatioBreach",
    "RatioCheck",
    "RatioRule",
    "StandardGaps",
    "allocate_quota",
    "check_ratios",
]

Number: TypeAlias = int | Fraction


def _whole_or_fraction(value: Fraction) -> Number:
    return value.numerator if value.denominator == 1 else value


def _per_unit(value: Mapping[str, object]) -> dict[str, Fraction]:
    if not isinstance(value, Mapping) or not value:
        raise InvalidInputError.bad(
            "per_unit", value, "expected a non-empty mapping {role: people per unit}"
        )
    out: dict[str, Fraction] = {}
    for role, n in value.items():
        if not isinstance(role, str) or not role:
            raise InvalidInputError.bad("per_unit", role, "roles must be non-empty strings")
        frac = to_fraction(n, f"per_unit[{role!r}]", floats="shortest")
        if frac < 0:
            raise InvalidInputError.bad(
                f"per_unit[{role!r}]", n, "must be >= 0 [people]", shown=fmt(frac)
            )
        out[role] = frac
    return out


def _count(value: object, argument: str) -> int:
    frac = to_fraction(value, argument, floats="shortest")
    if frac < 0 or frac.denominator != 1:
        raise InvalidInputError.bad(
            argument, value, "must be a whole number >= 0", shown=fmt(frac)
        )
    return frac.numerator


@frozen
class StandardGaps:
    """Result of :meth:`QuotaStandard.gaps`.

    Attributes
    ----------
    required : dict
        ``{role: people}`` required per unit.
    shortfall : dict
        ``{unit: {role: people}}`` missing per unit (0 where the unit meets
        the standard; a surplus in one unit never covers another's gap).
    surplus : dict
        ``{unit: {role: people}}`` above the standard per unit.
    total_shortfall : dict
        ``{role: people}`` summed over units.
    net : dict
        ``{role: actual total - required total}`` (surpluses count here).
    short_units : tuple of str
        Units short in at least one role, in input order.

    Examples
    --------
    >>> std = QuotaStandard("2351", {"coaches": 2, "athletes": 30})
    >>> g = std.gaps({"school A": {"coaches": 1, "athletes": 34}})
    >>> g.shortfall, g.net
    ({'school A': {'coaches': 1, 'athletes': 0}}, {'coaches': -1, 'athletes': 4})
    """

    required: dict[str, Number]
    shortfall: dict[str, dict[str, Number]]
    surplus: dict[str, dict[str, Number]]
    total_shortfall: dict[str, Number]
    net: dict[str, Number]
    short_units: tuple[str, ...]


@frozen
class QuotaStandard:
    """A per-unit staffing standard (e.g. "2351": 2 coaches + 30 athletes per school).

    Parameters
    ----------
    name : str
        Name of the standard (``"2351"``).
    per_unit : mapping
        ``{role: people per unit}`` [people/unit]; ints or exact fractions.
    source : str
        Citation (e.g. ``"2024年全市体育工作暨党风廉政建设工作会议精神解读, 焦作日报, 2024-03"``).

    Examples
    --------
    >>> QuotaStandard("2351", {"coaches": 2, "athletes": 30}).requirements(130)
    {'coaches': 260, 'athletes': 3900}
    >>> QuotaStandard("2351", {"coaches": 2, "athletes": 30}).requirements({"A": 70, "B": 60})
    {'coaches': 260, 'athletes': 3900}
    """

    name: str
    per_unit: dict[str, Fraction] = field(converter=_per_unit)
    source: str = field(default="", kw_only=True)

    @property
    def roles(self) -> tuple[str, ...]:
        """Role names in the order given."""
        return tuple(self.per_unit)

    def requirements(self, units: int | Mapping[str, int]) -> dict[str, Number]:
        """People required for ``units`` units: ``{role: per_unit × units}``.

        ``units`` is a count or ``{district: count}`` (summed). Fractional
        results (fractional standards) are rounded up: a standard is a minimum.

        Examples
        --------
        >>> QuotaStandard("x", {"coaches": "1/2"}).requirements(3)
        {'coaches': 2}
        """
        if isinstance(units, Mapping):
            n = sum(_count(v, f"units[{k!r}]") for k, v in units.items())
        else:
            n = _count(units, "units")
        return {role: math.ceil(rate * n) for role, rate in self.per_unit.items()}

    def by_unit(self, units: Mapping[str, int]) -> dict[str, dict[str, Number]]:
        """Requirements per district: ``{district: {role: people}}``.

        Examples
        --------
        >>> QuotaStandard("2351", {"coaches": 2, "athletes": 30}).by_unit({"A": 2})
        {'A': {'coaches': 4, 'athletes': 60}}
        """
        return {name: self.requirements(n) for name, n in units.items()}

    def units_needed(self, role: str, target: int) -> int:
        """Smallest number of units whose requirement for ``role`` reaches ``target``.

        Examples
        --------
        >>> QuotaStandard("2351", {"coaches": 2, "athletes": 30}).units_needed("athletes", 4000)
        134
        """
        rate = self._rate(role)
        goal = _count(target, "target")
        if rate == 0:
            if goal == 0:
                return 0
            raise InvalidInputError.bad(
                "role", role, f"has 0 people per unit in standard {self.name!r}; cannot reach"
            )
        return math.ceil(Fraction(goal) / rate)

    def _rate(self, role: str) -> Fraction:
        if role not in self.per_unit:
            allowed = ", ".join(repr(r) for r in self.per_unit)
            raise NotFoundError.bad("role", role, f"unknown role; expected one of {allowed}")
        return self.per_unit[role]

    def gaps(self, actual: Mapping[str, Mapping[str, object]]) -> StandardGaps:
        """Compare actual staffing per unit with the standard.

        Parameters
        ----------
        actual : mapping
            ``{unit: {role: people}}``; missing roles count as 0, unknown
            roles raise :class:`NotFoundError`.

        Examples
        --------
        >>> std = QuotaStandard("2351", {"coaches": 2, "athletes": 30})
        >>> g = std.gaps({"A": {"coaches": 2, "athletes": 28},
        ...               "B": {"coaches": 3, "athletes": 30}})
        >>> g.total_shortfall, g.short_units
        ({'coaches': 0, 'athletes': 2}, ('A',))
        """
        if not isinstance(actual, Mapping):
            raise InvalidInputError.bad("actual", actual, "expected {unit: {role: people}}")
        shortfall: dict[str, dict[str, Number]] = {}
        surplus: dict[str, dict[str, Number]] = {}
        totals = dict.fromkeys(self.per_unit, Fraction(0))
        have = dict.fromkeys(self.per_unit, Fraction(0))
        for unit, roles in actual.items():
            if not isinstance(roles, Mapping):
                raise InvalidInputError.bad(f"actual[{unit!r}]", roles, "expected {role: people}")
            counts = dict.fromkeys(self.per_unit, Fraction(0))
            for role, n in roles.items():
                self._rate(role)
                counts[role] = Fraction(_count(n, f"actual[{unit!r}][{role!r}]"))
            short = {r: max(self.per_unit[r] - counts[r], Fraction(0)) for r in self.per_unit}
            over = {r: max(counts[r] - self.per_unit[r], Fraction(0)) for r in self.per_unit}
            shortfall[unit] = {r: _whole_or_fraction(v) for r, v in short.items()}
            surplus[unit] = {r: _whole_or_fraction(v) for r, v in over.items()}
            for r in self.per_unit:
                totals[r] += short[r]
                have[r] += counts[r]
        n_units = len(actual)
        net = {r: _whole_or_fraction(have[r] - self.per_unit[r] * n_units) for r in self.per_unit}
        return StandardGaps(
            required={r: _whole_or_fraction(v) for r, v in self.per_unit.items()},
            shortfall=shortfall,
            surplus=surplus,
            total_shortfall={r: _whole_or_fraction(v) for r, v in totals.items()},
            net=net,
            short_units=tuple(u for u, s in shortfall.items() if any(v > 0 for v in s.values())),
        )


# -- coach-to-athlete ratios ---------------------------------------------------------------


def _ratio_bound(value: object) -> Fraction:
    frac = to_fraction(value, "ratio bound", floats="shortest")
    if frac <= 0:
        raise InvalidInputError.bad(
            "ratio bound", value, "must be > 0 [athletes per coach]", shown=fmt(frac)
        )
    return frac


@frozen
class RatioRule:
    """Athletes per coach allowed: ``low <= athletes / coaches <= high``.

    Parameters
    ----------
    name : str
        ``"individual"``, ``"team"`` or any label.
    low, high : number [athletes per coach]
        Inclusive bounds (a ratio 1:8–10 is ``low=8, high=10``).
    source : str
        Citation of the figure.

    Examples
    --------
    >>> INDIVIDUAL_SPORTS.allows(coaches=3, athletes=27)
    True
    >>> RatioRule("bad", 10, 8)
    Traceback (most recent call last):
    ...
    sportsgov.errors.InvalidInputError: high=8: must be >= low=10
    """

    name: str
    low: Fraction = field(converter=_ratio_bound)
    high: Fraction = field(converter=_ratio_bound)
    source: str = field(default="", kw_only=True)

    def __attrs_post_init__(self) -> None:
        if self.high < self.low:
            raise InvalidInputError.bad(
                "high", self.high, f"must be >= low={fmt(self.low)}", shown=fmt(self.high)
            )

    def allows(self, *, coaches: int, athletes: int) -> bool:
        """True if ``athletes / coaches`` is within the band (0 coaches: only with 0 athletes).

        Examples
        --------
        >>> TEAM_SPORTS.allows(coaches=2, athletes=20)
        False
        """
        c = _count(coaches, "coaches")
        a = _count(athletes, "athletes")
        if c == 0:
            return a == 0
        return self.low <= Fraction(a, c) <= self.high


INDIVIDUAL_SPORTS = RatioRule(
    "individual",
    8,
    10,
    source="practice figure (secondary sources): coach-to-athlete 1:8–10 (individual)",
)
"""Individual sports: 8–10 athletes per coach (practice figure, a parameter)."""

TEAM_SPORTS = RatioRule(
    "team",
    12,
    15,
    source="practice figure (secondary sources): coach-to-athlete 1:12–15 (team)",
)
"""Team sports: 12–15 athletes per coach (practice figure, a parameter)."""


@frozen
class RatioBreach:
    """One unit outside its ratio band.

    Attributes
    ----------
    unit : str
    rule : str
        Name of the rule applied.
    coaches, athletes : int [people]
    ratio : Fraction or None [athletes per coach]
        None when there are athletes but no coach.
    direction : str
        ``"too_many_athletes"`` (too few coaches) or ``"too_few_athletes"``.
    coaches_needed : int
        Coaches to add (too many athletes) so the ratio is at most ``high``; 0 otherwise.

    Examples
    --------
    >>> b = check_ratios({"swimming": (2, 30)}).out_of_range[0]
    >>> b.ratio, b.direction, b.coaches_needed
    (Fraction(15, 1), 'too_many_athletes', 1)
    """

    unit: str
    rule: str
    coaches: int
    athletes: int
    ratio: Fraction | None
    direction: str
    coaches_needed: int


@frozen
class RatioCheck:
    """Result of :func:`check_ratios`: every unit's ratio and the breaches.

    Attributes
    ----------
    ratios : dict
        ``{unit: athletes per coach}`` (None when there is no coach).
    out_of_range : tuple of RatioBreach
        Units outside their band, in input order.

    Examples
    --------
    >>> check_ratios({"A": (3, 27)}).ok
    True
    """

    ratios: dict[str, Fraction | None]
    out_of_range: tuple[RatioBreach, ...]

    @property
    def ok(self) -> bool:
        """True when no unit is out of range."""
        return not self.out_of_range


def check_ratios(
    units: Mapping[str, Mapping[str, object] | Sequence[object]],
    rule: RatioRule | Mapping[str, RatioRule] = INDIVIDUAL_SPORTS,
) -> RatioCheck:
    """List the units whose athletes per coach fall outside the rule's band.

    Parameters
    ----------
    units : mapping
        ``{unit: {"coaches": c, "athletes": a}}`` or ``{unit: (coaches, athletes)}``.
    rule : RatioRule or mapping
        One rule for all, or ``{unit: rule}`` (e.g. team sports for a football school).

    Examples
    --------
    >>> r = check_ratios({"A": (3, 27), "B": (2, 30), "C": (4, 20)})
    >>> [(b.unit, b.direction, b.coaches_needed) for b in r.out_of_range]
    [('B', 'too_many_athletes', 1), ('C', 'too_few_athletes', 0)]
    """
    ratios: dict[str, Fraction | None] = {}
    breaches: list[RatioBreach] = []
    for unit, value in units.items():
        if isinstance(value, Mapping):
            try:
                c_raw, a_raw = value["coaches"], value["athletes"]
            except KeyError as exc:
                raise InvalidInputError.bad(
                    f"units[{unit!r}]", dict(value), f"missing {exc.args[0]!r}"
                ) from None
        else:
            pair = list(value)
            if len(pair) != 2:
                raise InvalidInputError.bad(
                    f"units[{unit!r}]", value, "expected (coaches, athletes)"
                )
            c_raw, a_raw = pair
        c = _count(c_raw, f"units[{unit!r}].coaches")
        a = _count(a_raw, f"units[{unit!r}].athletes")
        if isinstance(rule, RatioRule):
            r = rule
        else:
            if unit not in rule:
                raise NotFoundError.bad("rule", unit, "no ratio rule given for this unit")
            r = rule[unit]
        ratio = Fraction(a, c) if c else None
        ratios[unit] = ratio
        if r.allows(coaches=c, athletes=a):
            continue
        if ratio is None or ratio > r.high:
            needed = math.ceil(Fraction(a) / r.high) - c
            breaches.append(RatioBreach(unit, r.name, c, a, ratio, "too_many_athletes", needed))
        else:
            breaches.append(RatioBreach(unit, r.name, c, a, ratio, "too_few_athletes", 0))
    return RatioCheck(ratios, tuple(breaches))


# -- quota allocation ----------------------------------------------------------------------


@frozen
class QuotaAllocation:
    """Result of :func:`allocate_quota`.

    Attributes
    ----------
    places : dict
        ``{unit: places}`` (ints summing to the total).
    quotas : dict
        ``{unit: exact standard quota}`` before rounding.
    method : str
    tied : tuple
        Units tied for the last place(s), as reported by ``apportion``.
    floors, caps : dict
        The bounds applied per unit.
    notes : tuple of str
        What ``apportion`` reports about the rounding (bounds applied, fall-backs).

    Examples
    --------
    >>> a = allocate_quota(5, {"A": 3, "B": 1})
    >>> a.places, a.quotas
    ({'A': 4, 'B': 1}, {'A': Fraction(15, 4), 'B': Fraction(5, 4)})
    """

    places: dict[str, int]
    quotas: dict[str, Fraction]
    method: str
    tied: tuple[Any, ...]
    floors: dict[str, int]
    caps: dict[str, int]
    notes: tuple[str, ...] = ()


def _bounds(
    value: int | Mapping[str, int] | None, names: Sequence[str], arg: str
) -> dict[str, int]:
    if value is None:
        return {}
    if isinstance(value, Mapping):
        out = {}
        for k, v in value.items():
            if k not in names:
                raise NotFoundError.bad(arg, k, "unknown unit")
            out[k] = _count(v, f"{arg}[{k!r}]")
        return out
    n = _count(value, arg)
    return dict.fromkeys(names, n)


def allocate_quota(
    total: int,
    weights: Mapping[str, object],
    *,
    method: Method = "hamilton",
    floors: int | Mapping[str, int] | None = None,
    caps: int | Mapping[str, int] | None = None,
    ties: Literal["error", "order"] = "error",
) -> QuotaAllocation:
    """Split ``total`` places among units by weight with :func:`sportsgov.apportionment.apportion`.

    ``floors`` / ``caps`` may be one int for every unit ("at least one new-type
    sports school per district", 2024年郑州市体育工作要点, 郑州市体育局, 2024-07-25, 索引号
    005252290/2024-00022) or a mapping per unit. All other rules (methods, bounds,
    ties, infeasibility) are those of :func:`sportsgov.apportionment.apportion`.

    Parameters
    ----------
    total : int [places]
    weights : mapping
        ``{unit: weight}`` (e.g. registered athletes, schools, population).

    Examples
    --------
    >>> a = allocate_quota(10, {"A": 50, "B": 30, "C": 1}, floors=1)
    >>> a.places
    {'A': 6, 'B': 3, 'C': 1}
    """
    from sportsgov.apportionment import apportion

    if not isinstance(weights, Mapping) or not weights:
        raise InvalidInputError.bad("weights", weights, "expected a non-empty {unit: weight}")
    names = list(weights)
    low = _bounds(floors, names, "floors")
    high = _bounds(caps, names, "caps")
    result = apportion(
        total,
        dict(weights),  # type: ignore[arg-type]
        method=method,
        floors=low or None,
        caps=high or None,
        ties=ties,
    )
    seats = result.seats
    quotas = result.quotas
    return QuotaAllocation(
        places={u: int(seats[u]) for u in names},
        quotas={u: Fraction(quotas[u]) for u in names},
        method=str(result.method),
        tied=tuple(result.tied),
        floors=low,
        caps=high,
        notes=tuple(str(n) for n in getattr(result, "notes", ())),
    )
