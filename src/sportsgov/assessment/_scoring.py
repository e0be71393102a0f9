"""score(): automatic district scores from an assessment and a scheme, with reasons and ranks."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal
from typing import Any

from attrs import field, frozen

from sportsgov._i18n import Lang, t
from sportsgov.assessment._assess import Assessment
from sportsgov.assessment._gc import gc_paused
from sportsgov.assessment._scheme import Band, Item, Scheme, load_scheme
from sportsgov.errors import InvalidInputError, NotFoundError

__all__ = ["ItemScore", "Reason", "RegionScore", "Scorecard", "rank_competition", "score"]

_ZERO = Decimal(0)


def _fmt(d: Decimal | None) -> str:
    """Show a Decimal plainly: integers without decimals, at most 4 decimals otherwise."""
    if d is None:
        return "—"
    if d == d.to_integral_value():
        return str(d.quantize(Decimal(1)))
    exp = d.as_tuple().exponent
    if isinstance(exp, int) and exp < -4:
        d = d.quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP)
    return format(d.normalize(), "f")


def _tup(value: Any) -> tuple[Any, ...]:
    return tuple(value)


@frozen
class Reason:
    """Why points were lost on an item, as a message key and its parameters.

    Render it with :meth:`text` in Chinese (``"zh"``) or English (``"en"``); the texts
    live in the one message catalog (``sportsgov._i18n``).

    Examples
    --------
    >>> r = Reason("reason.bonus_cap", None, (("bonus", "12"), ("cap", "10")))
    >>> r.text("zh")
    '加分项合计12分,超过上限10分,按10分计'
    """

    key: str
    item: Item | None
    params: tuple[tuple[str, str | Decimal], ...] = field(converter=_tup)

    def text(self, lang: Lang = "zh") -> str:
        """The reason in ``lang`` (``"zh"`` or ``"en"``)."""
        values: dict[str, str] = {}
        for k, v in self.params:
            if isinstance(v, Decimal):
                values[k] = _fmt(v)
            else:
                values[k] = t(v[1:], lang) if v.startswith("@") else v
        if self.item is not None:
            values["item"] = self.item.label(lang)
            if lang == "en" and self.item.unit_en and "unit" in values:
                values["unit"] = self.item.unit_en
        return t(self.key, lang, **values)


@frozen
class ItemScore:
    """Points of one item for one region, with the value scored and the reason for any loss.

    Attributes
    ----------
    item
        The scheme :class:`Item`.
    points
        Points earned (negative for deductions) [points].
    max_points
        Full points of the item (weighted).
    value
        The value scored (after the item's transform), ``None`` without data.
    reason
        :class:`Reason` when points were lost (or deducted), else ``None``.
    """

    item: Item
    points: Decimal
    max_points: Decimal
    value: Decimal | None
    reason: Reason | None = None

    @property
    def lost(self) -> Decimal:
        """Points lost: full − earned for base items; the deduction for deduction items."""
        if self.item.group == "deduction":
            return -self.points
        if self.item.group == "bonus":
            return _ZERO
        return self.max_points - self.points


def _reason(item: Item, spec: Any) -> Reason | None:
    """Build a Reason from the compact spec kept while scoring."""
    if spec is None:
        return None
    if spec[0] == "@proportional":
        _, share, pts, full = spec
        params = (("percent", share * 100), ("points", pts), ("full", full), ("lost", full - pts))
        return Reason("reason.proportional", item, params)
    return Reason(spec[0], item, spec[1])


@frozen
class RegionScore:
    """A region's score: total, its parts, the items and its rank.

    Attributes
    ----------
    region
        Region code.
    total
        base + min(bonus, cap) + deductions [points].
    base, bonus, deductions
        The parts (``bonus`` after the cap; ``deductions`` ≤ 0).
    rank
        Competition rank (1224): regions with equal totals share a rank.
    bonus_capped
        :class:`Reason` if the bonus was capped.
    items
        :class:`ItemScore` per item, in scheme order.
    """

    region: str
    total: Decimal
    base: Decimal
    bonus: Decimal
    deductions: Decimal
    rank: int
    bonus_capped: Reason | None
    raw: tuple[tuple[Any, ...], ...] = field(repr=False, eq=False)
    _cache: dict[str, Any] = field(factory=dict, init=False, repr=False, eq=False)

    @property
    def items(self) -> tuple[ItemScore, ...]:
        """:class:`ItemScore` per item, in scheme order."""
        out = self._cache.get("items")
        if out is None:
            out = self._cache["items"] = tuple(
                ItemScore(it, pts, full, x, _reason(it, spec))
                for it, pts, full, x, spec in self.raw
            )
        return out

    def reasons(self, lang: Lang = "zh") -> list[str]:
        """Every reason for points lost or deducted, in words."""
        out = [i.reason.text(lang) for i in self.items if i.reason is not None]
        if self.bonus_capped is not None:
            out.append(self.bonus_capped.text(lang))
        return out

    def item(self, id: str) -> ItemScore:
        """The score of item ``id``.

        Raises
        ------
        NotFoundError
            No such item.
        """
        for it in self.items:
            if it.item.id == id:
                return it
        raise NotFoundError.bad("item", id, "no such item in this score")


@frozen(repr=False)
class Scorecard:
    """Scores and ranking of every region under one scheme, ready for a report.

    Attributes
    ----------
    scheme
        The :class:`Scheme` used.
    regions
        :class:`RegionScore` s sorted by rank, then region code.
    as_of
        Assessment date, if scored from an assessment.
    plan
        Name of the plan assessed, if any.

    Examples
    --------
    >>> card = score(None, "scheme-b", inputs={"A": {"base_points": 90, "bonus_events": 4},
    ...                                       "B": {"base_points": 95}})
    >>> [(r.region, r.total, r.rank) for r in card.regions]
    [('B', Decimal('95'), 1), ('A', Decimal('94'), 2)]
    """

    scheme: Scheme
    regions: tuple[RegionScore, ...]
    as_of: Any = None
    plan: str = ""

    def region(self, code: str) -> RegionScore:
        """The score of region ``code``.

        Raises
        ------
        NotFoundError
            Region not scored.
        """
        for r in self.regions:
            if r.region == code:
                return r
        raise NotFoundError.bad("region", code, "not in this scorecard")

    def ranking(self) -> list[tuple[int, str, Decimal]]:
        """``(rank, region, total)`` from first to last."""
        return [(r.rank, r.region, r.total) for r in self.regions]

    def to_records(self, lang: Lang = "zh") -> list[dict[str, Any]]:
        """One flat dict per region: rank, region, total, parts, points per item, reasons."""
        out = []
        for r in self.regions:
            rec: dict[str, Any] = {
                "rank": r.rank,
                "region": r.region,
                "total": str(r.total),
                "base": str(r.base),
                "bonus": str(r.bonus),
                "deductions": str(r.deductions),
            }
            for it in r.items:
                rec[f"item:{it.item.id}"] = str(it.points)
            rec["reasons"] = r.reasons(lang)
            out.append(rec)
        return out

    def to_frame(self, lang: Lang = "zh") -> Any:
        """The scorecard as a pandas DataFrame, one row per region in rank order.

        Columns: ``rank, region, total_points, base_points, bonus_points,
        deductions_points`` (exact :class:`~decimal.Decimal` points; bonus after its
        cap, deductions <= 0), one ``item_<item id>_points`` column per scheme item
        (in scheme order), and ``reasons`` (points lost, in words, joined by ``"; "``).
        Needs the ``pandas`` extra.

        Examples
        --------
        >>> card = score(None, "scheme-b", inputs={"A": {"base_points": 90, "bonus_events": 4},
        ...                                       "B": {"base_points": 95}})
        >>> df = card.to_frame()
        >>> df[["rank", "region", "total_points", "item_bonus.events_points"]].values.tolist()
        [[1, 'B', Decimal('95'), Decimal('0')], [2, 'A', Decimal('94'), Decimal('4')]]
        """
        from sportsgov._common.frames import pandas

        pd = pandas("Scorecard.to_frame")
        ids = [it.id for it in self.scheme.items]
        columns = ["rank", "region", "total_points", "base_points", "bonus_points"]
        columns += ["deductions_points", *(f"item_{i}_points" for i in ids), "reasons"]
        rows = []
        for r in self.regions:
            points = {it.item.id: it.points for it in r.items}
            rows.append(
                [r.rank, r.region, r.total, r.base, r.bonus, r.deductions]
                + [points.get(i) for i in ids]
                + ["; ".join(r.reasons(lang))]
            )
        return pd.DataFrame(rows, columns=columns)

    def __repr__(self) -> str:
        """Short: the scheme, the date and the ranking's head, never every item.

        Examples
        --------
        >>> score(None, "scheme-b", inputs={"A": {"base_points": 90}, "B": {"base_points": 95}})
        Scorecard(scheme='scheme-b', as_of=None, plan='', ranking=[1 B 95, 2 A 90])
        """
        from sportsgov._common.display import text_repr

        return text_repr(
            "Scorecard",
            [("scheme", self.scheme.name), ("as_of", self.as_of), ("plan", self.plan)],
            (f"{r.rank} {r.region} {r.total}" for r in self.regions),
            count=len(self.regions),
            label="ranking",
        )

    def _repr_html_(self) -> str:
        """A notebook table of the ranking: rank, region, total and its parts."""
        from sportsgov._common.display import html_table

        return html_table(
            f"Scorecard {self.scheme.name}: {len(self.regions):,} regions"
            + (f", {self.plan}" if self.plan else "")
            + (f" as of {self.as_of}" if self.as_of is not None else ""),
            ["rank", "region", "total_points", "base_points", "bonus_points", "deductions_points"],
            ((r.rank, r.region, r.total, r.base, r.bonus, r.deductions) for r in self.regions),
            count=len(self.regions),
        )


def rank_competition(totals: Mapping[str, Decimal]) -> dict[str, int]:
    """Competition ranking ("1224"): rank = 1 + number of strictly higher totals.

    Equal totals share a rank and the next rank is skipped; the result does not depend
    on the order of ``totals``.

    Examples
    --------
    >>> rank_competition({"a": Decimal(90), "b": Decimal(95), "c": Decimal(90), "d": Decimal(80)})
    {'a': 2, 'b': 1, 'c': 2, 'd': 4}
    """
    ordered = sorted(totals.values(), reverse=True)
    first: dict[Decimal, int] = {}
    for i, v in enumerate(ordered, start=1):
        first.setdefault(v, i)
    return {k: first[v] for k, v in totals.items()}


class _Lookup:
    """Where item measures come from: inputs, assessment rows, assessment measures."""

    def __init__(self, assessment: Assessment | None, inputs: Mapping[str, Mapping[str, Any]]):
        self.assessment = assessment
        self.inputs = inputs
        self.glob = inputs.get("*", {})
        self.by_key: Mapping[str, dict[str, tuple[Any, ...]]] = (
            assessment.index() if assessment is not None else {}
        )

    def row(self, name: str, region: str) -> tuple[Any, ...] | None:
        col = self.by_key.get(name)
        return None if col is None else col.get(region)

    def _input(self, region: str, name: str) -> Any:
        mine = self.inputs.get(region)
        if mine is not None and name in mine:
            return mine[name]
        return self.glob.get(name)

    def value(self, region: str, name: str) -> Decimal | None:
        if self.inputs:
            v = self._input(region, name)
            if v is not None:
                return _num(v, f"inputs[{region!r}][{name!r}]")
        row = self.row(name, region)
        if row is not None:
            return row[2]  # type: ignore[no-any-return]
        if self.assessment is None:
            return None
        return self.assessment.measures.get((name, region))

    def previous(self, region: str, name: str) -> Decimal | None:
        v = self._input(region, f"{name}@previous")
        if v is not None:
            return _num(v, f"inputs[{region!r}][{name + '@previous'!r}]")
        row = self.row(name, region)
        if row is not None and row[8] is not None:
            return row[8]  # type: ignore[no-any-return]
        if self.assessment is None:
            return None
        return self.assessment.previous.get((name, region))

    def status(self, region: str, name: str) -> str | None:
        row = self.row(name, region)
        return None if row is None else row[6]

    def ref(self, region: str, name: str, ref: Decimal | str | None) -> Decimal | None:
        if ref is None or isinstance(ref, Decimal):
            return ref
        if ref == "target":
            row = self.row(name, region)
            return None if row is None else row[0].value
        v = self._input(region, ref[len("input:") :])
        return None if v is None else _num(v, ref)


def _num(v: Any, argument: str) -> Decimal:
    out = _num_unchecked(v, argument)
    if not out.is_finite():  # ±Infinity would score as met or missed, NaN silently 0
        raise InvalidInputError.bad(argument, v, "must be a finite number")
    if out.copy_abs() > MAX_OBSERVATION:
        raise InvalidInputError.bad(argument, v, f"must be within ±{MAX_OBSERVATION}")
    return out


MAX_OBSERVATION = Decimal("1E+15")
"""Largest magnitude of a value scored (an input or an observation)."""


def _num_unchecked(v: Any, argument: str) -> Decimal:
    if isinstance(v, Decimal):
        return v
    if isinstance(v, bool):
        raise InvalidInputError.bad(argument, v, "expected a number")
    if isinstance(v, int):
        if v.bit_length() > 64:
            raise InvalidInputError.bad(argument, v, f"must be within ±{MAX_OBSERVATION}")
        return Decimal(v)
    if isinstance(v, float):
        return Decimal(repr(v))
    if isinstance(v, str):
        try:
            return Decimal(v)
        except ArithmeticError:
            pass
    raise InvalidInputError.bad(argument, v, "expected a number")


def _ceil(x: Decimal) -> Decimal:
    return x.to_integral_value(rounding=ROUND_CEILING)


def _band_label(b: Band, edges: str) -> str:
    return b.label(edges)


def _finish(
    item: Item, scheme: Scheme, points: Decimal, x: Decimal | None, reason: Any
) -> tuple[Any, ...]:
    """Weight, sign and package an item's points as a raw ItemScore tuple."""
    if item.group == "deduction":
        points = -abs(points)
    if item.weight != 1:
        points = (points * item.weight).quantize(scheme.precision, rounding=ROUND_HALF_UP)
    return (item, points, item.points * item.weight, x, reason)


def _thr(item: Item) -> Decimal | str | None:
    return item.threshold if item.threshold is not None else item.threshold_ref


def _why(key: str, *params: tuple[str, Any]) -> tuple[str, tuple[tuple[str, Any], ...]]:
    return (key, params)


def _score_item(
    item: Item,
    scheme: Scheme,
    region: str,
    look: _Lookup,
    other: tuple[Any, ...] | None = None,
) -> tuple[Any, ...]:
    """Score one item for one region; ``other`` is the result of ``item.choose_by``."""
    full = item.points
    measure = item.measure
    simple = item.group == "base" and item.weight == 1
    col = look.by_key.get(measure)
    row = None if col is None else col.get(region)
    if look.inputs or row is None:
        value = look.value(region, measure) if measure else None
    else:
        value = row[2]

    if value is None:
        if item.group == "base":
            return _finish(
                item, scheme, _ZERO, None, _why("reason.no_data", ("lost", full * item.weight))
            )
        return _finish(item, scheme, _ZERO, None, None)

    x: Decimal = value
    transform = item.transform
    if transform != "value":
        if transform == "ratio":
            tv = look.ref(region, measure, "target")
            if tv is None or tv == 0:
                return _finish(item, scheme, _ZERO, None, _why("reason.no_data", ("lost", full)))
            x = value / tv
        else:
            prev = look.previous(region, measure)
            if prev is None or (transform == "growth_percent" and prev == 0):
                if item.group == "base":
                    return _finish(
                        item, scheme, _ZERO, None, _why("reason.no_data", ("lost", full))
                    )
                return _finish(item, scheme, _ZERO, None, None)
            x = (value - prev) / prev * 100 if transform == "growth_percent" else value - prev

    rule = item.rule
    unit = item.unit
    if rule == "proportional":
        if item.threshold is None and item.threshold_ref is None and row is not None:
            ref: Decimal | None = row[0].value
        else:
            ref = look.ref(region, measure, _thr(item) or "target")
        if ref is None or ref <= 0:
            return _finish(item, scheme, _ZERO, x, _why("reason.no_data", ("lost", full)))
        share = x / ref
        if share >= 1:
            return (item, full, full, x, None) if simple else _finish(item, scheme, full, x, None)
        if share < 0:
            share = _ZERO
        pts = (full * share).quantize(scheme.precision, rounding=ROUND_HALF_UP)
        why = _why(
            "reason.proportional",
            ("percent", share * 100),
            ("points", pts),
            ("full", full),
            ("lost", full - pts),
        )
        return (item, pts, full, x, why) if simple else _finish(item, scheme, pts, x, why)
    if rule == "threshold":
        thr = look.ref(region, measure, _thr(item))
        if thr is None:
            return _finish(item, scheme, _ZERO, x, _why("reason.no_data", ("lost", full)))
        gap = thr - x if item.direction == "higher" else x - thr
        if gap <= 0:
            return _finish(item, scheme, full, x, None)
        if item.step is None or item.per_step is None:
            return _finish(
                item,
                scheme,
                _ZERO,
                x,
                _why(
                    "reason.all_or_nothing",
                    ("value", x),
                    ("threshold", thr),
                    ("unit", unit),
                    ("lost", full),
                ),
            )
        steps = _ceil(gap / item.step)
        pts = max(_ZERO, full - steps * item.per_step)
        key = (
            "reason.threshold_high"
            if item.direction == "lower"
            else ("reason.threshold" if pts > 0 else "reason.threshold_floor")
        )
        return _finish(
            item,
            scheme,
            pts,
            x,
            _why(
                key,
                ("value", x),
                ("threshold", thr),
                ("gap", gap),
                ("step", item.step),
                ("per_step", item.per_step),
                ("steps", steps),
                ("unit", unit),
                ("lost", full - pts),
            ),
        )
    if rule == "bands":
        table = item.bands
        if item.choose_by is not None and other is not None and other[1] < other[2]:
            table = item.bands_otherwise
        label = "@measure." + transform
        for b in table:
            if b.contains(x, scheme.edges):
                pts = b.points
                if pts >= full:
                    return _finish(item, scheme, pts, x, None)
                return _finish(
                    item,
                    scheme,
                    pts,
                    x,
                    _why(
                        "reason.band",
                        ("measure", label),
                        ("value", x),
                        ("unit", unit),
                        ("band", b.label(scheme.edges)),
                        ("points", pts),
                        ("full", full),
                        ("lost", full - pts),
                    ),
                )
        return _finish(
            item,
            scheme,
            _ZERO,
            x,
            _why(
                "reason.band_none",
                ("measure", label),
                ("value", x),
                ("unit", unit),
                ("lost", full),
            ),
        )
    if rule == "shortfall":
        req = look.ref(
            region, measure, item.required if item.required is not None else item.required_ref
        )
        if req is None:
            return _finish(item, scheme, _ZERO, x, _why("reason.no_data", ("lost", full)))
        missing = _ceil(max(_ZERO, req - x))
        if missing == 0:
            return _finish(item, scheme, full, x, None)
        assert item.per_unit is not None
        pts = max(_ZERO, full - missing * item.per_unit)
        return _finish(
            item,
            scheme,
            pts,
            x,
            _why(
                "reason.shortfall",
                ("value", x),
                ("required", req),
                ("missing", missing),
                ("per_unit", item.per_unit),
                ("lost", full - pts),
            ),
        )
    if rule == "all_or_nothing":
        thr = look.ref(region, measure, _thr(item))
        if thr is not None:
            ok = x >= thr if item.direction == "higher" else x <= thr
            if ok:
                return _finish(item, scheme, full, x, None)
            return _finish(
                item,
                scheme,
                _ZERO,
                x,
                _why(
                    "reason.all_or_nothing",
                    ("value", x),
                    ("threshold", thr),
                    ("unit", unit),
                    ("lost", full),
                ),
            )
        status = look.status(region, measure)
        if status is None:
            return _finish(item, scheme, _ZERO, x, _why("reason.no_data", ("lost", full)))
        if status == "met":
            return _finish(item, scheme, full, x, None)
        return _finish(
            item,
            scheme,
            _ZERO,
            x,
            _why("reason.not_met", ("status", "@status." + status), ("lost", full)),
        )
    if rule == "given":
        pts = max(_ZERO, min(full, x)) if full > 0 else max(_ZERO, x)
        if item.group == "base" and pts < full:
            return _finish(
                item,
                scheme,
                pts,
                x,
                _why("reason.given", ("points", pts), ("full", full), ("lost", full - pts)),
            )
        return _finish(item, scheme, pts, x, None)
    # per_unit
    assert item.per_unit is not None
    amount = max(_ZERO, x) * item.per_unit
    if full > 0:
        amount = min(amount, full)
    if item.group == "deduction" and amount > 0:
        return _finish(
            item,
            scheme,
            amount,
            x,
            _why("reason.deduction", ("value", x), ("per_unit", item.per_unit), ("lost", amount)),
        )
    return _finish(item, scheme, amount, x, None)


def _score_column(
    item: Item,
    scheme: Scheme,
    regions: list[str],
    look: _Lookup,
    other: list[tuple[Any, ...]] | None,
) -> list[tuple[Any, ...]]:
    """Score one item for every region (a fast loop for pro-rata items on targets)."""
    col = look.by_key.get(item.measure)
    fast = (
        col is not None
        and item.rule == "proportional"
        and item.transform == "value"
        and item.group == "base"
        and item.weight == 1
        and item.threshold is None
        and item.threshold_ref is None
        and not look.inputs
    )
    if not fast or col is None:
        if other is None:
            return [_score_item(item, scheme, r, look) for r in regions]
        return [_score_item(item, scheme, r, look, o) for r, o in zip(regions, other, strict=True)]
    full, precision = item.points, scheme.precision
    targets = {id(r[0]): r[0] for r in col.values()}
    if len(targets) != 1:  # an indicator shared by several targets: the general path
        return [_score_item(item, scheme, r, look) for r in regions]
    ref = next(iter(targets.values())).value
    if ref <= 0:
        return [_score_item(item, scheme, r, look) for r in regions]
    out: list[tuple[Any, ...]] = []
    append = out.append
    for region in regions:
        row = col.get(region)
        x = None if row is None else row[2]
        if x is None:
            append(_score_item(item, scheme, region, look))
        elif x >= ref:
            append((item, full, full, x, None))
        else:
            share = x / ref if x > 0 else _ZERO
            pts = (full * share).quantize(precision, rounding=ROUND_HALF_UP)
            append((item, pts, full, x, ("@proportional", share, pts, full)))
    return out


@gc_paused
def score(
    assessment: Assessment | None,
    scheme: Scheme | str,
    *,
    inputs: Mapping[str, Mapping[str, Any]] | None = None,
    regions: Iterable[str] | None = None,
) -> Scorecard:
    """Score every region under ``scheme`` and rank them (成绩自动生成).

    Parameters
    ----------
    assessment
        The :class:`Assessment` whose rows and measures feed the items (may be ``None``
        when every measure comes from ``inputs``).
    scheme
        A :class:`Scheme` or the name of a bundled one (``"scheme-a"``).
    inputs
        Extra values per region ``{region: {name: value}}`` for measures that are not
        observations of the plan (provincial averages, bonus points, incidents ...);
        ``"<name>@previous"`` gives last year's value; the region ``"*"`` holds values
        that apply to every region. Inputs take precedence over the assessment.
    regions
        Regions to score. Default: the assessment's regions except the city (or all of
        them if there are no districts), plus every region named in ``inputs``.

    Returns
    -------
    Scorecard
        Regions sorted by competition rank (ties share a rank), then by code.

    Raises
    ------
    NotFoundError
        Unknown bundled scheme name.
    InvalidInputError
        A non-numeric input, a NaN or an infinity (never scored), a value beyond
        ±1E+15, or figures too large for exact decimal scoring at the scheme's
        precision (naming the item).

    Examples
    --------
    >>> card = score(None, "scheme-a", inputs={"*": {"provincial_average": "2.62"},
    ...     "X": {"per_capita_area": "2.45", "per_capita_area@previous": "2.40",
    ...           "facility_tasks_done": 7, "facility_tasks_required": 8,
    ...           "one_stadium_two_halls": 100, "regular_exercise_share": "29.37",
    ...           "regular_exercise_share@previous": "29.0"}})
    >>> x = card.region("X")
    >>> [str(i.points) for i in x.items], x.total
    (['0', '1', '1.5', '1', '0.8', '0'], Decimal('4.3'))
    >>> x.reasons("en")[0]
    ... # doctest: +ELLIPSIS
    '1.1a per-capita venue area: 2.45m² is 0.17m² below 2.62m²; 2 step(s), deducted ... −2'
    >>> x.reasons("zh")[-1]
    '1.3b 经常参加体育锻炼人数比例提高:0.37个百分点未达到0.5个百分点,不得分(−1分)'
    """
    if isinstance(scheme, str):
        scheme = load_scheme(scheme)
    inputs = inputs or {}
    look = _Lookup(assessment, inputs)
    if regions is None:
        codes: dict[str, None] = {}
        if assessment is not None:
            districts = [r for r in assessment.regions if r != assessment.city]
            codes.update(dict.fromkeys(districts or assessment.regions))
        codes.update(dict.fromkeys(k for k in inputs if k != "*"))
        region_list = list(codes)
    else:
        region_list = list(dict.fromkeys(regions))
    items = scheme.items
    position = {it.id: k for k, it in enumerate(items)}
    columns: list[list[tuple[Any, ...]]] = []
    for item in items:
        other_col = columns[position[item.choose_by]] if item.choose_by is not None else None
        try:
            columns.append(_score_column(item, scheme, region_list, look, other_col))
        except ArithmeticError as exc:  # decimal.InvalidOperation / Overflow: beyond precision
            raise InvalidInputError(
                f"item={item.id!r}: its figures exceed exact decimal scoring "
                f"({type(exc).__name__}); inputs must be within ±{MAX_OBSERVATION} "
                f"and the scheme's precision={scheme.precision} coarse enough for them",
                argument="item",
                value=item.id,
            ) from None
    cap = scheme.bonus_cap
    base_k = [k for k, it in enumerate(items) if it.group == "base"]
    bonus_k = [k for k, it in enumerate(items) if it.group == "bonus"]
    ded_k = [k for k, it in enumerate(items) if it.group == "deduction"]
    results: list[tuple[Any, ...]] = []
    for ri, region in enumerate(region_list):
        raw = tuple(col[ri] for col in columns)
        base = sum((raw[k][1] for k in base_k), _ZERO)
        bonus = sum((raw[k][1] for k in bonus_k), _ZERO)
        ded = sum((raw[k][1] for k in ded_k), _ZERO)
        capped = None
        if cap is not None and bonus > cap:
            capped = Reason("reason.bonus_cap", None, (("bonus", bonus), ("cap", cap)))
            bonus = cap
        results.append((region, base + bonus + ded, base, bonus, ded, capped, raw))
    ranks = rank_competition({r[0]: r[1] for r in results})
    ranked = sorted(
        (RegionScore(r[0], r[1], r[2], r[3], r[4], ranks[r[0]], r[5], r[6]) for r in results),
        key=lambda r: (r.rank, r.region),
    )
    return Scorecard(
        scheme,
        tuple(ranked),
        assessment.as_of if assessment is not None else None,
        assessment.plan.name if assessment is not None else "",
    )
