"""Performance evaluation of special funds (专项资金绩效评价).

The sources require special funds to be evaluated for performance (配合做好省级冬奥
专项资金绩效评价, 张家口市…扎实推进冬奥筹办, 河北日报, 2021-01-22). An evaluation scheme
is a set of indicators, each worth some points and scored by a rule, grouped into
first-level groups whose weights sum to 100: for example execution 10, outputs 50,
outcomes 30, satisfaction 10 (practice figures reported in secondary sources, not a
published standard), or decision / process / output / outcome (决策、过程、产出、效益).
The total (out of 100) gets a grade: 优 ≥ 90, 良 ≥ 80, 中 ≥ 60, 差 < 60 by default (the
bands of the Ministry of Finance's 项目支出绩效评价管理办法, 财预〔2020〕10号);
thresholds are parameters.

Scoring rules (each returns a share of the indicator's points, in [0, 1]):

* :class:`MetRule` (达标得分): all points if ``actual`` meets the target
  (``>=``, ``<=`` or ``==``), else none.
* :class:`ProportionalRule` (按比例得分): ``min(actual / target, 1)`` (or
  ``min(target / actual, 1)`` when lower is better).
* :class:`BandedRule` (分档得分): the share of the first band whose threshold
  ``actual`` reaches (bands listed best first), 0 below every band.

Scores are exact fractions; the grade is decided on the exact total.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping, Sequence
from fractions import Fraction
from typing import Any, Literal

from attrs import field, frozen

from sportsgov._common.numbers import round_half_up
from sportsgov.budget._numbers import as_fraction
from sportsgov.errors import DataError, InvalidInputError, NotFoundError

__all__ = [
    "BandedRule",
    "EvaluationResult",
    "IndicatorScore",
    "MetRule",
    "PerformanceEvaluation",
    "PerformanceIndicator",
    "ProportionalRule",
]

Comparator = Literal[">=", "<=", "=="]

DEFAULT_GRADES: tuple[tuple[str, Fraction], ...] = (
    ("优", Fraction(90)),
    ("良", Fraction(80)),
    ("中", Fraction(60)),
    ("差", Fraction(0)),
)


def _target(value: object) -> Fraction:
    return as_fraction(value, "target", allow_negative=True)


@frozen
class MetRule:
    """All points if the target is met, none otherwise (达标得分).

    Examples
    --------
    >>> MetRule(1000).share(1043), MetRule(1000).share(999)
    (Fraction(1, 1), Fraction(0, 1))
    """

    target: Fraction = field(converter=_target)
    comparator: Comparator = ">="

    def __attrs_post_init__(self) -> None:
        if self.comparator not in (">=", "<=", "=="):
            raise InvalidInputError.bad(
                "comparator", self.comparator, "expected one of '>=', '<=', '=='"
            )

    def share(self, actual: object) -> Fraction:
        """Share of the indicator's points earned by ``actual`` (0 or 1)."""
        a = as_fraction(actual, "actual", allow_negative=True)
        ok = (
            a >= self.target
            if self.comparator == ">="
            else a <= self.target
            if self.comparator == "<="
            else a == self.target
        )
        return Fraction(1 if ok else 0)


@frozen
class ProportionalRule:
    """Points in proportion to achievement, capped at full points (按比例得分).

    ``share = min(actual / target, 1)``; with ``lower_is_better=True``,
    ``share = min(target / actual, 1)`` (1 when ``actual`` is 0).

    Examples
    --------
    >>> ProportionalRule(400).share(300)
    Fraction(3, 4)
    >>> ProportionalRule(10, lower_is_better=True).share(20)
    Fraction(1, 2)
    """

    target: Fraction = field(converter=_target)
    lower_is_better: bool = False

    @target.validator
    def _check(self, _attr: object, value: Fraction) -> None:
        if value <= 0:
            raise InvalidInputError.bad(
                "target", value, "must be > 0 for a proportional rule", shown=str(value)
            )

    def share(self, actual: object) -> Fraction:
        """Share of the indicator's points earned by ``actual``, in [0, 1]."""
        a = as_fraction(actual, "actual")
        if self.lower_is_better:
            return Fraction(1) if a <= self.target else self.target / a
        return min(a / self.target, Fraction(1))


def _bands(value: object) -> tuple[tuple[Fraction, Fraction], ...]:
    if isinstance(value, Mapping):
        value = list(value.items())
    if not isinstance(value, Iterable) or isinstance(value, str):
        raise InvalidInputError.bad("bands", value, "expected [(threshold, share), ...]")
    out: list[tuple[Fraction, Fraction]] = []
    for i, item in enumerate(value):
        if not isinstance(item, Sequence) or len(item) != 2:
            raise InvalidInputError.bad(f"bands[{i}]", item, "expected (threshold, share)")
        t = as_fraction(item[0], f"bands[{i}] threshold", allow_negative=True)
        s = as_fraction(item[1], f"bands[{i}] share")
        if s > 1:
            raise InvalidInputError.bad(f"bands[{i}] share", item[1], "must be in [0, 1]")
        out.append((t, s))
    if not out:
        raise InvalidInputError.bad("bands", value, "must hold at least one band")
    return tuple(out)


@frozen
class BandedRule:
    """Points by bands (分档得分): the share of the first band whose threshold is reached.

    Bands are listed best first: thresholds strictly decreasing (strictly increasing
    when ``lower_is_better``) and shares non-increasing. Below every band: 0.

    Examples
    --------
    >>> rule = BandedRule([("95%", 1), ("90%", "0.8"), ("80%", "0.6")])
    >>> rule.share("0.93"), rule.share("0.79")
    (Fraction(4, 5), Fraction(0, 1))
    """

    bands: tuple[tuple[Fraction, Fraction], ...] = field(converter=_bands)
    lower_is_better: bool = False

    def __attrs_post_init__(self) -> None:
        for (t0, s0), (t1, s1) in itertools.pairwise(self.bands):
            ordered = t1 > t0 if self.lower_is_better else t1 < t0
            if not ordered or s1 > s0:
                raise InvalidInputError.bad(
                    "bands",
                    [(str(t), str(s)) for t, s in self.bands],
                    "list bands best first: thresholds strictly "
                    + ("increasing" if self.lower_is_better else "decreasing")
                    + ", shares non-increasing",
                )

    def share(self, actual: object) -> Fraction:
        """Share of the indicator's points earned by ``actual``, in [0, 1]."""
        a = as_fraction(actual, "actual", allow_negative=True)
        for t, s in self.bands:
            if (a <= t) if self.lower_is_better else (a >= t):
                return s
        return Fraction(0)


Rule = MetRule | ProportionalRule | BandedRule


def _points(value: object) -> Fraction:
    p = as_fraction(value, "points")
    if p <= 0:
        raise InvalidInputError.bad("points", value, "must be > 0")
    return p


@frozen
class PerformanceIndicator:
    """One evaluation indicator (绩效指标).

    Attributes
    ----------
    id : str
        Key used in the actuals mapping.
    group : str
        First-level group (e.g. ``"outputs"`` / 产出).
    points : number
        Full score of the indicator (分值).
    rule : MetRule, ProportionalRule or BandedRule
        How ``actual`` is scored.
    name : str
        Human-readable name (e.g. ``"全民健身赛事活动场次"``).

    Examples
    --------
    >>> PerformanceIndicator("events", "outputs", 20, MetRule(1000), "赛事活动场次").points
    Fraction(20, 1)
    """

    id: str
    group: str
    points: Fraction = field(converter=_points)
    rule: Rule = field()
    name: str = ""

    @rule.validator
    def _check_rule(self, _attr: object, value: object) -> None:
        if not isinstance(value, MetRule | ProportionalRule | BandedRule):
            raise InvalidInputError.bad(
                "rule", value, "expected a MetRule, ProportionalRule or BandedRule"
            )


@frozen
class IndicatorScore:
    """The score of one indicator in an :class:`EvaluationResult`.

    Examples
    --------
    >>> s = IndicatorScore("events", "outputs", 1043, Fraction(20), Fraction(1), Fraction(20))
    >>> s.score
    Fraction(20, 1)
    """

    id: str
    group: str
    actual: object
    points: Fraction
    share: Fraction
    score: Fraction


@frozen
class EvaluationResult:
    """Scores, total and grade of one evaluation.

    Attributes
    ----------
    rows : tuple[IndicatorScore, ...]
        One per indicator, in scheme order.
    by_group : dict[str, Fraction]
        Score per group.
    total : Fraction
        Total score out of 100 (exact).
    grade : str
        The grade label of ``total``.

    Examples
    --------
    >>> ev = PerformanceEvaluation([PerformanceIndicator("x", "g", 100, ProportionalRule(10))])
    >>> r = ev.evaluate({"x": 8})
    >>> r.total, r.grade, r.total_display()
    (Fraction(80, 1), '良', '80.00')
    """

    rows: tuple[IndicatorScore, ...]
    by_group: dict[str, Fraction]
    total: Fraction
    grade: str

    def total_display(self, places: int = 2) -> str:
        """The total rounded half-up to ``places`` decimals, as text."""
        scaled = self.total * 10**places
        n = round_half_up(abs(scaled))
        sign = "-" if scaled < 0 and n else ""
        whole, frac = divmod(n, 10**places)
        return f"{sign}{whole}.{frac:0{places}d}" if places else f"{sign}{whole}"


def _grades(value: object) -> tuple[tuple[str, Fraction], ...]:
    if isinstance(value, Mapping):
        value = list(value.items())
    if not isinstance(value, Iterable) or isinstance(value, str):
        raise InvalidInputError.bad("grades", value, "expected [(label, threshold), ...]")
    out = []
    for item in value:
        if not isinstance(item, Sequence) or len(item) != 2 or not isinstance(item[0], str):
            raise InvalidInputError.bad("grades", item, "expected (label, threshold)")
        out.append((item[0], as_fraction(item[1], f"grades[{item[0]!r}]")))
    if not out:
        raise InvalidInputError.bad("grades", value, "must hold at least one grade")
    thresholds = [t for _, t in out]
    if any(b >= a for a, b in itertools.pairwise(thresholds)) or thresholds[-1]:
        raise InvalidInputError.bad(
            "grades",
            {k: str(v) for k, v in out},
            "thresholds must strictly decrease and end at 0 (best grade first)",
        )
    return tuple(out)


def _group_weights(value: object) -> dict[str, Fraction] | None:
    if value is None:
        return None
    if not isinstance(value, Mapping) or not value:
        raise InvalidInputError.bad("group_weights", value, "expected a mapping {group: points}")
    out = {str(k): as_fraction(v, f"group_weights[{k!r}]") for k, v in value.items()}
    total = sum(out.values(), Fraction(0))
    if total != 100:
        raise InvalidInputError.bad(
            "group_weights", value, f"must sum to exactly 100; they sum to {float(total):g}"
        )
    return out


def _indicators(value: Iterable[PerformanceIndicator]) -> tuple[PerformanceIndicator, ...]:
    return tuple(value)


@frozen
class PerformanceEvaluation:
    """An evaluation scheme: indicators, group weights and grade thresholds.

    Attributes
    ----------
    indicators : sequence of PerformanceIndicator
        Their points must sum to exactly 100; ids unique.
    group_weights : mapping {group: points}, optional
        Weights of the first-level groups; must sum to exactly 100, and the points
        of each group's indicators must add up to its weight.
    grades : sequence of (label, threshold) or mapping, optional
        Best grade first; thresholds strictly decreasing, the last 0. A total
        ``>= threshold`` gets that grade. Default 优 90, 良 80, 中 60, 差 0.

    Examples
    --------
    Execution 10, outputs 50, outcomes 30, satisfaction 10 (practice weights
    from secondary sources); targets from Zhengzhou's 2024 work points
    (2024年郑州市体育工作要点, 郑州市体育局, 2024-07-25, 索引号 005252290/2024-00022:
    ≥ 1,000 fitness events, 400 venues, 2.65 m² per person, ≥ 45 % exercising regularly):

    >>> ev = PerformanceEvaluation(
    ...     [
    ...         PerformanceIndicator("execution", "execution", 10, ProportionalRule(1)),
    ...         PerformanceIndicator("events", "outputs", 20, MetRule(1000)),
    ...         PerformanceIndicator("venues", "outputs", 30, ProportionalRule(400)),
    ...         PerformanceIndicator("area", "outcomes", 15, ProportionalRule("2.65")),
    ...         PerformanceIndicator("exercising", "outcomes", 15,
    ...                   BandedRule([("45%", 1), ("42%", "0.8"), ("40%", "0.5")])),
    ...         PerformanceIndicator("satisfaction", "satisfaction", 10,
    ...                   BandedRule([("90%", 1), ("80%", "0.8"), ("70%", "0.6")])),
    ...     ],
    ...     group_weights={"execution": 10, "outputs": 50, "outcomes": 30, "satisfaction": 10},
    ... )
    >>> r = ev.evaluate({"execution": "0.96", "events": 1043, "venues": 380,
    ...                  "area": "2.65", "exercising": "0.43", "satisfaction": "0.85"})
    >>> r.total_display(), r.grade
    ('93.10', '优')
    >>> r.by_group["outputs"]
    Fraction(97, 2)
    """

    indicators: tuple[PerformanceIndicator, ...] = field(converter=_indicators)
    group_weights: dict[str, Fraction] | None = field(default=None, converter=_group_weights)
    grades: tuple[tuple[str, Fraction], ...] = field(default=DEFAULT_GRADES, converter=_grades)

    def __attrs_post_init__(self) -> None:
        if not self.indicators:
            raise InvalidInputError.bad("indicators", [], "must hold at least one indicator")
        ids = [i.id for i in self.indicators]
        for ind in self.indicators:
            if not isinstance(ind, PerformanceIndicator):
                raise InvalidInputError.bad(
                    "indicators", ind, "expected PerformanceIndicator objects"
                )
        dup = sorted({i for i in ids if ids.count(i) > 1})
        if dup:
            raise InvalidInputError.bad("indicators", dup, "indicator ids must be unique")
        total = sum((i.points for i in self.indicators), Fraction(0))
        if total != 100:
            raise InvalidInputError.bad(
                "indicators",
                {i.id: str(i.points) for i in self.indicators},
                f"points must sum to exactly 100; they sum to {float(total):g}",
            )
        if self.group_weights is not None:
            per: dict[str, Fraction] = {}
            for ind in self.indicators:
                per[ind.group] = per.get(ind.group, Fraction(0)) + ind.points
            unknown = sorted(set(per) - set(self.group_weights))
            if unknown:
                raise InvalidInputError.bad(
                    "indicators", unknown, "groups not in group_weights", shown=str(unknown)
                )
            for g, wgt in self.group_weights.items():
                got = per.get(g, Fraction(0))
                if got != wgt:
                    raise InvalidInputError.bad(
                        f"group_weights[{g!r}]",
                        wgt,
                        shown=str(wgt),
                        allowed=f"the group's indicators carry {float(got):g} points; they must "
                        "add up to the group weight",
                    )

    @classmethod
    def from_records(
        cls,
        records: Iterable[Mapping[str, Any]],
        *,
        group_weights: Mapping[str, object] | None = None,
        grades: object = DEFAULT_GRADES,
        source: str | None = None,
    ) -> PerformanceEvaluation:
        """Build a scheme from flat records (a CSV or TOML table of indicators).

        Keys: ``id``, ``group``, ``points``, ``rule`` (``"met"``, ``"proportional"`` or
        ``"banded"``), ``name`` (optional); for ``met``: ``target`` and ``comparator``
        (default ``">="``); for ``proportional``: ``target`` and ``lower_is_better``
        (optional); for ``banded``: ``bands`` as ``[[threshold, share], ...]`` or text
        ``"95%:1; 90%:0.8"``, and ``lower_is_better`` (optional).

        Raises
        ------
        DataError
            Says which row and field is wrong.

        Examples
        --------
        >>> ev = PerformanceEvaluation.from_records([
        ...     {"id": "rate", "group": "execution", "points": 40, "rule": "proportional",
        ...      "target": 1},
        ...     {"id": "sat", "group": "satisfaction", "points": 60, "rule": "banded",
        ...      "bands": "90%:1; 80%:0.8"},
        ... ])
        >>> ev.evaluate({"rate": "0.9", "sat": "0.85"}).total
        Fraction(84, 1)
        """
        indicators: list[PerformanceIndicator] = []
        for row, rec in enumerate(records, start=1):
            fld = "rule"
            try:
                if not isinstance(rec, Mapping):
                    raise InvalidInputError.bad("record", rec, "expected a mapping")
                for key in ("id", "group", "points", "rule"):
                    if rec.get(key) in (None, ""):
                        fld = key
                        raise InvalidInputError.bad(key, rec.get(key), "missing")
                kind = str(rec["rule"]).strip().lower()
                lower = str(rec.get("lower_is_better", "")).strip().lower() in ("1", "true", "yes")
                rule: Rule
                if kind == "met":
                    fld = "target"
                    rule = MetRule(rec.get("target"), rec.get("comparator") or ">=")
                elif kind == "proportional":
                    fld = "target"
                    rule = ProportionalRule(rec.get("target"), lower_is_better=lower)
                elif kind == "banded":
                    fld = "bands"
                    bands = rec.get("bands")
                    if isinstance(bands, str):
                        bands = [
                            tuple(part.split(":")) for part in bands.split(";") if part.strip()
                        ]
                    rule = BandedRule(bands, lower_is_better=lower)
                else:
                    raise InvalidInputError.bad(
                        "rule", rec["rule"], "expected one of 'met', 'proportional', 'banded'"
                    )
                fld = "points"
                indicators.append(
                    PerformanceIndicator(
                        str(rec["id"]),
                        str(rec["group"]),
                        rec["points"],
                        rule,
                        str(rec.get("name") or ""),
                    )
                )
            except InvalidInputError as exc:
                raise DataError(str(exc), source=source, row=row, field=fld) from None
        return cls(indicators, group_weights=group_weights, grades=grades)

    def grade_of(self, total: object) -> str:
        """The grade label of a total score.

        Examples
        --------
        >>> ev = PerformanceEvaluation([PerformanceIndicator("x", "g", 100, MetRule(1))])
        >>> ev.grade_of(90), ev.grade_of("89.99"), ev.grade_of(59)
        ('优', '良', '差')
        """
        t = as_fraction(total, "total")
        for label, threshold in self.grades:
            if t >= threshold:
                return label
        return self.grades[-1][0]  # pragma: no cover - the last threshold is 0

    def evaluate(self, actuals: Mapping[str, object]) -> EvaluationResult:
        """Score ``actuals`` ({indicator id: value}) and grade the total.

        Raises
        ------
        InvalidInputError
            An indicator has no actual, or a value is not a number.
        NotFoundError
            ``actuals`` names an unknown indicator.
        """
        if not isinstance(actuals, Mapping):
            raise InvalidInputError.bad("actuals", actuals, "expected a mapping {id: value}")
        ids = {i.id for i in self.indicators}
        unknown = [k for k in actuals if k not in ids]
        if unknown:
            raise NotFoundError.bad("actuals", unknown, "unknown indicator ids")
        missing = [i.id for i in self.indicators if i.id not in actuals]
        if missing:
            raise InvalidInputError.bad("actuals", missing, "no value for indicators")
        rows: list[IndicatorScore] = []
        by_group: dict[str, Fraction] = {}
        for ind in self.indicators:
            value = actuals[ind.id]
            try:
                share = ind.rule.share(value)
            except InvalidInputError as exc:
                raise InvalidInputError.bad(
                    f"actuals[{ind.id!r}]", value, exc.allowed or str(exc)
                ) from None
            score = share * ind.points
            rows.append(IndicatorScore(ind.id, ind.group, value, ind.points, share, score))
            by_group[ind.group] = by_group.get(ind.group, Fraction(0)) + score
        total = sum((r.score for r in rows), Fraction(0))
        return EvaluationResult(tuple(rows), by_group, total, self.grade_of(total))
