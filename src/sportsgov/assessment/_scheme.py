"""Scoring schemes as data: items, rules, bands; TOML loading with row-level errors."""

from __future__ import annotations

import functools
from collections.abc import Mapping
from decimal import Decimal
from importlib import resources
from pathlib import Path
from typing import Any, Literal, get_args

from attrs import field, frozen

from sportsgov._common.tomlfiles import MALFORMED, malformed, parse_toml, read_toml, tables
from sportsgov.errors import DataError, InvalidInputError, NotFoundError, SportsgovError

__all__ = [
    "Band",
    "Item",
    "Scheme",
    "load_scheme",
    "load_scheme_file",
    "parse_scheme",
    "schemes",
]

Rule = Literal[
    "threshold", "bands", "shortfall", "all_or_nothing", "proportional", "given", "per_unit"
]
RULES: tuple[str, ...] = get_args(Rule)
Group = Literal["base", "bonus", "deduction"]
GROUPS: tuple[str, ...] = get_args(Group)
Transform = Literal["value", "growth_percent", "growth_points", "ratio"]
TRANSFORMS: tuple[str, ...] = get_args(Transform)
Edges = Literal["lower-inclusive", "upper-inclusive"]
EDGES: tuple[str, ...] = get_args(Edges)
Direction = Literal["higher", "lower"]


def _dec(value: Any, argument: str = "value") -> Decimal:
    if isinstance(value, bool):
        raise InvalidInputError.bad(argument, value, "expected a number")
    out: Decimal | None = None
    if isinstance(value, Decimal):
        out = value
    elif isinstance(value, int):
        out = Decimal(value)
    elif isinstance(value, float):
        out = Decimal(repr(value))
    elif isinstance(value, str):
        try:
            out = Decimal(value)
        except ArithmeticError:
            out = None
    if out is None:
        raise InvalidInputError.bad(argument, value, "expected a decimal number")
    if not out.is_finite():  # a scheme parameter of NaN or Infinity would score silently wrong
        raise InvalidInputError.bad(argument, value, "must be a finite number")
    if out.copy_abs() > MAX_PARAMETER or (out and out.adjusted() < -MAX_PLACES):
        raise InvalidInputError.bad(argument, value, _RANGE)
    return out


MAX_PARAMETER = Decimal("1E+15")
"""Largest magnitude of a scheme number (points, thresholds, band edges, weights, ...)."""
MAX_PLACES = 12
"""Smallest nonzero magnitude of a scheme number is ``1E-12``; the precision likewise."""
_RANGE = f"must be within ±{MAX_PARAMETER} and, unless 0, at least 1E-{MAX_PLACES} in magnitude"


def _precision(value: Any) -> Decimal:
    out = _dec(value, "precision")
    if out <= 0:
        raise InvalidInputError.bad("precision", value, "must be > 0 (e.g. '0.01')")
    return out


def _opt_dec(value: Any) -> Decimal | None:
    return None if value is None else _dec(value)


def _points(value: Any) -> Decimal:
    return _dec(value, "points")


def _weight(value: Any) -> Decimal:
    return _dec(value, "weight")


def _step(value: Any) -> Decimal | None:
    return None if value is None else _dec(value, "step")


def _per_step(value: Any) -> Decimal | None:
    return None if value is None else _dec(value, "per_step")


def _per_unit(value: Any) -> Decimal | None:
    return None if value is None else _dec(value, "per_unit")


def _tup(value: Any) -> tuple[Any, ...]:
    return tuple(value)


def _ref_check(name: str) -> Any:
    def check(_: Any, __: Any, value: str | None) -> None:
        if value is not None and not (value == "target" or value.startswith("input:")):
            raise InvalidInputError.bad(name, value, "expected 'target' or 'input:<name>'")

    return check


def _choice(allowed: tuple[str, ...], name: str) -> Any:
    def check(_: Any, __: Any, value: str) -> None:
        if value not in allowed:
            raise InvalidInputError.bad(
                name, value, "expected one of " + ", ".join(repr(a) for a in allowed)
            )

    return check


@frozen
class Band:
    """One band of a banded rule: ``lo``–``hi`` → ``points``.

    ``lo``/``hi`` ``None`` mean open ends. ``lo_inclusive``/``hi_inclusive`` ``None``
    mean "follow the scheme's edge rule" (default ``lower-inclusive``: ``[lo, hi)``).

    Examples
    --------
    >>> b = Band(Decimal(40), Decimal(42), Decimal("1.5"))
    >>> b.contains(Decimal(40), "lower-inclusive"), b.contains(Decimal(42), "lower-inclusive")
    (True, False)
    >>> b.contains(Decimal(42), "upper-inclusive")
    True
    """

    lo: Decimal | None = field(converter=_opt_dec)
    hi: Decimal | None = field(converter=_opt_dec)
    points: Decimal = field(converter=_dec)
    lo_inclusive: bool | None = None
    hi_inclusive: bool | None = None

    def contains(self, x: Decimal, edges: str) -> bool:
        """Whether ``x`` falls in the band under the scheme's edge rule ``edges``."""
        lo_inc = self.lo_inclusive if self.lo_inclusive is not None else edges == "lower-inclusive"
        hi_inc = self.hi_inclusive if self.hi_inclusive is not None else edges == "upper-inclusive"
        if self.lo is not None and (x < self.lo or (x == self.lo and not lo_inc)):
            return False
        return not (self.hi is not None and (x > self.hi or (x == self.hi and not hi_inc)))

    def label(self, edges: str) -> str:
        """Human label, e.g. ``[40, 42)``."""
        lo_inc = self.lo_inclusive if self.lo_inclusive is not None else edges == "lower-inclusive"
        hi_inc = self.hi_inclusive if self.hi_inclusive is not None else edges == "upper-inclusive"
        left = "(-∞" if self.lo is None else ("[" if lo_inc else "(") + str(self.lo)
        right = "+∞)" if self.hi is None else str(self.hi) + ("]" if hi_inc else ")")
        return f"{left}, {right}"


@frozen
class Item:
    """One scored item of a scheme.

    Attributes
    ----------
    id
        Item number as published (``"1.1a"``).
    title, title_en
        Names in Chinese and English.
    measure
        What is scored: a target id or indicator of the assessment, or an input name
        supplied to :func:`score` (``inputs={region: {name: value}}``).
    points
        Full points of the item (for bonus/deduction items: the item's cap, if any).
    rule
        ``threshold`` (full at or above the threshold, minus ``per_step`` for each
        ``step`` short, partial steps counted whole, floor 0); ``bands``; ``shortfall``
        (minus ``per_unit`` per missing unit of ``required``, floor 0);
        ``all_or_nothing``; ``proportional`` (full × achieved share, capped at full);
        ``given`` (points read from the measure, clamped to [0, points]);
        ``per_unit`` (``per_unit`` × count, for bonus and deduction items).
    group
        ``base``, ``bonus`` (summed, then capped by the scheme's ``bonus_cap``) or
        ``deduction`` (negative points).
    transform
        How the measure becomes the scored value: ``value``; ``growth_percent``
        ((this − last year) / last year × 100) or ``growth_points`` (this − last
        year), which make "improvement on last year" rules; ``ratio`` (actual / target).
    threshold, threshold_ref
        A number, or a reference: ``"target"`` (the assessed target's value for the
        region) or ``"input:<name>"`` (an input such as the provincial average). In a
        scheme file both are written ``threshold = ...``.
    direction
        ``higher`` (more is better, the default) or ``lower`` (a ceiling).
    step, per_step
        Deduction step and points per step for ``threshold``.
    required, required_ref, per_unit
        Required count (a number, or a reference ``"target"`` / ``"input:<name>"``) and
        points per unit for ``shortfall`` and ``per_unit``.
    bands, bands_otherwise, choose_by
        Bands; with ``choose_by`` (another item's id), ``bands`` apply when that item
        scored full points and ``bands_otherwise`` when it did not.
    weight
        Multiplier on the item's points (default 1).
    unit, unit_en
        Unit shown in reasons (Chinese; English if different).
    """

    id: str
    title: str
    points: Decimal = field(converter=_points)
    rule: Rule = field(validator=_choice(RULES, "rule"))
    measure: str = ""
    title_en: str = ""
    group: Group = field(default="base", validator=_choice(GROUPS, "group"))
    transform: Transform = field(default="value", validator=_choice(TRANSFORMS, "transform"))
    threshold: Decimal | None = field(default=None, converter=_opt_dec)
    threshold_ref: str | None = field(default=None, validator=_ref_check("threshold_ref"))
    direction: Direction = field(
        default="higher", validator=_choice(("higher", "lower"), "direction")
    )
    step: Decimal | None = field(default=None, converter=_step)
    per_step: Decimal | None = field(default=None, converter=_per_step)
    required: Decimal | None = field(default=None, converter=_opt_dec)
    required_ref: str | None = field(default=None, validator=_ref_check("required_ref"))
    per_unit: Decimal | None = field(default=None, converter=_per_unit)
    bands: tuple[Band, ...] = field(default=(), converter=_tup)
    bands_otherwise: tuple[Band, ...] = field(default=(), converter=_tup)
    choose_by: str | None = None
    weight: Decimal = field(default=Decimal(1), converter=_weight)
    unit: str = ""
    unit_en: str = ""

    def __attrs_post_init__(self) -> None:
        need: dict[str, tuple[str, ...]] = {
            "threshold": ("threshold|threshold_ref",),
            "bands": ("bands",),
            "shortfall": ("required|required_ref", "per_unit"),
            "all_or_nothing": (),
            "proportional": (),
            "given": (),
            "per_unit": ("per_unit",),
        }
        for attr in need[self.rule]:
            if all(getattr(self, a) in (None, ()) for a in attr.split("|")):
                attr = attr.split("|")[0]
                raise InvalidInputError.bad(
                    attr, None, f"item {self.id!r}: rule {self.rule!r} needs {attr}"
                )
        if self.rule == "threshold" and (self.step is None) != (self.per_step is None):
            raise InvalidInputError.bad(
                "step", self.step, f"item {self.id!r}: give both step and per_step, or neither"
            )
        if self.step is not None and self.step <= 0:
            raise InvalidInputError.bad("step", self.step, f"item {self.id!r}: must be > 0")
        if self.points < 0:
            raise InvalidInputError.bad("points", self.points, f"item {self.id!r}: must be >= 0")

    def label(self, lang: str = "zh") -> str:
        """Item id and title in ``lang``."""
        title = self.title_en if lang == "en" and self.title_en else self.title
        return f"{self.id} {title}"


def _check_items(instance: Scheme, _: Any, items: tuple[Item, ...]) -> None:
    ids: set[str] = set()
    for it in items:
        if it.id in ids:
            raise InvalidInputError.bad(
                "items", it.id, f"scheme {instance.name!r}: duplicate item id"
            )
        if it.choose_by is not None and it.choose_by not in ids:
            raise InvalidInputError.bad(
                "choose_by",
                it.choose_by,
                f"item {it.id!r}: must name an earlier item of the scheme",
            )
        ids.add(it.id)


@frozen
class Scheme:
    """A scoring scheme (考核评分细则): items, the band edge rule and the bonus cap.

    Attributes
    ----------
    name
        Catalog name (``"scheme-a"``).
    title, title_en
        Titles.
    items
        :class:`Item` s, scored in order (an item may depend on an earlier one).
    edges
        Default edge rule of bands: ``lower-inclusive`` (``[lo, hi)``: reaching a band's
        lower edge earns it; the default) or ``upper-inclusive`` (``(lo, hi]``).
    bonus_cap
        Cap on the sum of bonus items (``None``: uncapped).
    precision
        Points are rounded half-up to this quantum after weighting (default 0.01).
    source
        Citation.

    Examples
    --------
    >>> s = load_scheme("scheme-a")
    >>> [i.id for i in s.items]
    ['1.1a', '1.1b', '1.2a', '1.2b', '1.3a', '1.3b']
    >>> s.max_base
    Decimal('9')
    """

    name: str
    title: str
    items: tuple[Item, ...] = field(converter=_tup, validator=_check_items)
    title_en: str = ""
    edges: Edges = field(default="lower-inclusive", validator=_choice(EDGES, "edges"))
    bonus_cap: Decimal | None = field(default=None, converter=_opt_dec)
    precision: Decimal = field(default=Decimal("0.01"), converter=_precision)
    source: str = ""
    note: str = ""

    @property
    def max_base(self) -> Decimal:
        """Full marks of the base items (weighted)."""
        return sum((i.points * i.weight for i in self.items if i.group == "base"), Decimal(0))

    @property
    def max_total(self) -> Decimal:
        """Highest possible total: base plus the bonus cap (or the bonus items' points)."""
        bonus = sum((i.points * i.weight for i in self.items if i.group == "bonus"), Decimal(0))
        if self.bonus_cap is not None:
            bonus = min(bonus, self.bonus_cap) if bonus else self.bonus_cap
        return self.max_base + bonus

    def item(self, id: str) -> Item:
        """The item with ``id``.

        Raises
        ------
        NotFoundError
            No such item.
        """
        for it in self.items:
            if it.id == id:
                return it
        raise NotFoundError.bad("item", id, f"scheme {self.name!r} has no such item")


_SCHEME_KEYS = {
    "name",
    "title",
    "title_en",
    "edges",
    "bonus_cap",
    "precision",
    "source",
    "note",
    "items",
}
_ITEM_KEYS = {
    "id",
    "title",
    "title_en",
    "measure",
    "points",
    "rule",
    "group",
    "transform",
    "threshold",
    "direction",
    "step",
    "per_step",
    "required",
    "per_unit",
    "bands",
    "bands_otherwise",
    "choose_by",
    "weight",
    "unit",
    "unit_en",
    "note",
}
_BAND_KEYS = {"lo", "hi", "points", "lo_inclusive", "hi_inclusive"}


def _num_or_ref(value: Any, argument: str) -> tuple[Decimal | None, str | None]:
    if value is None:
        return None, None
    if isinstance(value, str) and (value == "target" or value.startswith("input:")):
        return None, value
    return _dec(value, argument), None


def parse_scheme(data: Mapping[str, Any], *, source: str = "<scheme>") -> Scheme:
    """Build a :class:`Scheme` from parsed TOML data.

    Raises
    ------
    DataError
        Unknown keys, rules, groups, edge rules or malformed numbers, naming the file,
        the item row (1-based) and the field; ``items`` or ``bands`` that are not
        arrays of tables, values of the wrong shape, numbers beyond ±1E+15 (or nonzero
        below 1E-12), naming the field path (``items[2].bands[1]``).

    Examples
    --------
    >>> parse_scheme({"name": "s", "title": "t", "items": [1]}, source="s.toml")
    Traceback (most recent call last):
    ...
    sportsgov.errors.DataError: s.toml, row 1, field items[1]: items[1]=1: expected a table
    """
    at = ["scheme"]
    try:
        return _parse_scheme(data, source, at)
    except MALFORMED as exc:
        if isinstance(exc, SportsgovError):
            raise
        raise malformed(exc, source=source, where=at[0]) from None


def _parse_scheme(data: Mapping[str, Any], source: str, at: list[str]) -> Scheme:
    if not isinstance(data, Mapping):
        raise DataError(f"scheme={data!r:.60}: expected a table", source=source)
    for key in data:
        if key not in _SCHEME_KEYS:
            raise DataError(f"{key}: unknown key", source=source, field=key)
    for key in ("name", "title", "items"):
        if key not in data:
            raise DataError(f"{key}: missing", source=source, field=key)
    items = []
    for i, row in enumerate(tables(data["items"], "items", source=source), start=1):
        at[0] = f"items[{i}]"
        ident = row.get("id", "")
        where = f"items[{i}] (id={ident!r})"
        for key in row:
            if key not in _ITEM_KEYS:
                raise DataError(f"{where}: {key}: unknown key", source=source, row=i, field=key)
        for key in ("id", "title", "points", "rule"):
            if key not in row:
                raise DataError(f"{where}: {key}: missing", source=source, row=i, field=key)
        field_name = "bands"
        try:
            bands = []
            for name in ("bands", "bands_otherwise"):
                field_name = name
                out = []
                for b in tables(row.get(name, []), f"items[{i}].{name}", source=source):
                    for key in b:
                        if key not in _BAND_KEYS:
                            raise InvalidInputError(
                                f"{key}={b[key]!r}: unknown band key; allowed: "
                                + ", ".join(sorted(_BAND_KEYS)),
                                argument=name,
                            )
                    out.append(
                        Band(
                            b.get("lo"),
                            b.get("hi"),
                            b["points"],
                            b.get("lo_inclusive"),
                            b.get("hi_inclusive"),
                        )
                    )
                bands.append(tuple(out))
            field_name = "threshold"
            threshold = _num_or_ref(row.get("threshold"), "threshold")
            field_name = "required"
            required = _num_or_ref(row.get("required"), "required")
            field_name = "points"
            items.append(
                Item(
                    id=str(ident),
                    title=str(row["title"]),
                    points=row["points"],
                    rule=row["rule"],
                    measure=str(row.get("measure", "")),
                    title_en=str(row.get("title_en", "")),
                    group=row.get("group", "base"),
                    transform=row.get("transform", "value"),
                    threshold=threshold[0],
                    threshold_ref=threshold[1],
                    direction=row.get("direction", "higher"),
                    step=row.get("step"),
                    per_step=row.get("per_step"),
                    required=required[0],
                    required_ref=required[1],
                    per_unit=row.get("per_unit"),
                    bands=bands[0],
                    bands_otherwise=bands[1],
                    choose_by=row.get("choose_by"),
                    weight=row.get("weight", 1),
                    unit=str(row.get("unit", "")),
                    unit_en=str(row.get("unit_en", "")),
                )
            )
        except DataError:
            raise
        except (InvalidInputError, KeyError) as exc:
            arg = getattr(exc, "argument", None) or field_name
            raise DataError(f"{where}: {exc}", source=source, row=i, field=arg) from None
    at[0] = "scheme"
    try:
        return Scheme(
            name=str(data["name"]),
            title=str(data["title"]),
            items=items,
            title_en=str(data.get("title_en", "")),
            edges=data.get("edges", "lower-inclusive"),
            bonus_cap=data.get("bonus_cap"),
            precision=data.get("precision", "0.01"),
            source=str(data.get("source", "")),
            note=str(data.get("note", "")),
        )
    except InvalidInputError as exc:
        raise DataError(str(exc), source=source, field=exc.argument) from None


def load_scheme_file(path: str | Path) -> Scheme:
    """Load a scoring scheme from a TOML file of your own.

    Raises
    ------
    NotFoundError
        No such file.
    DataError
        Invalid TOML or schema (file, item row and field named).
    """
    p = Path(path)
    return parse_scheme(read_toml(p, missing="no such scheme file"), source=p.name)


def _dir() -> Any:
    return resources.files("sportsgov.assessment").joinpath("schemes")


def schemes() -> list[str]:
    """Names of the bundled schemes.

    Examples
    --------
    >>> schemes()
    ['scheme-a', 'scheme-b', 'scheme-c', 'zhengzhou-2024-districts']
    """
    return sorted(p.name[:-5] for p in _dir().iterdir() if p.name.endswith(".toml"))


@functools.cache
def load_scheme(name: str) -> Scheme:
    """Load a bundled scheme by name.

    Raises
    ------
    NotFoundError
        Unknown name (the message lists the bundled ones).

    Examples
    --------
    >>> load_scheme("scheme-b").bonus_cap
    Decimal('10')
    """
    names = schemes()
    if name not in names:
        raise NotFoundError.bad("scheme", name, "expected one of " + ", ".join(map(repr, names)))
    text = _dir().joinpath(f"{name}.toml").read_text(encoding="utf-8")
    return parse_scheme(parse_toml(text, source=f"{name}.toml"), source=f"{name}.toml")
