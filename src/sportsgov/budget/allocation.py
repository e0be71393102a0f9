"""Factor allocation (因素法): split a fund among units by weighted factors, exact to the fen.

A special fund (专项资金) is often split among districts by a published formula:
each factor (number of venues, open area, visits, population...) carries a weight,
and each unit's share of the fund is

    share_u = Σ_f w_f · m_uf / Σ_v m_vf

so a unit with 30 % of all venues and a 50 % weight on venues gets 15 % of the fund
from that factor. :func:`factor_allocation` computes these shares exactly
(:class:`~fractions.Fraction`), applies optional per-unit floors (保底) and caps
(封顶) by water-filling, and rounds to whole fen by the largest-remainder rule, so
the amounts always add up to the total and every fen can be explained.

Rules (see ``docs/explanation/rounding.md``, "Budget rules"):

* **Weights** must sum to exactly 1 (shares) or exactly 100 (percent); they are
  exact numbers (int, Decimal, Fraction, strings such as ``"50%"``; a float is
  read at its shortest repr, ``0.3`` → 3/10).
* **Floors and caps** are whole fen. Units whose formula amount falls outside
  their bounds are held at the bound and the rest of the fund is shared by the
  other units in proportion to their shares (the *water level* rises or falls
  until the amounts sum to the total). Floors above the total, or caps below it,
  raise :class:`~sportsgov.errors.InfeasibleError`.
* **Rounding**: every unit first takes the whole fen of its exact amount; the fen
  left over go one each to the units with the largest fractional parts; equal
  fractional parts at the cut are a tie, broken by input order (``ties="order"``,
  the default, reported in :attr:`FactorAllocation.tied`) or raised as
  :class:`~sportsgov.errors.TieError` (``ties="error"``).
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Mapping
from fractions import Fraction
from typing import Any, Literal

from attrs import field, frozen

from sportsgov.budget._numbers import as_fraction, as_money_fen, money, normalise_weights
from sportsgov.budget._waterfill import waterfill
from sportsgov.errors import InvalidInputError, NotFoundError
from sportsgov.money import Money

__all__ = ["FactorAllocation", "UnitAllocation", "factor_allocation"]

Ties = Literal["order", "error"]

_RULE = (
    "share_u = sum_f w_f * m_uf / sum_v m_vf; floors/caps by water-filling (the other "
    "units share what bounded units leave, in proportion to their shares); whole fen "
    "first, then one remainder fen each to the largest fractional parts; ties at the cut "
    "by {ties}"
)


@frozen
class UnitAllocation:
    """How one unit's amount came about: the parts add up to the last fen.

    ``amount`` (in fen) = ``sum(by_factor.values())`` + ``redistribution`` + ``rounding``.

    Attributes
    ----------
    unit : Hashable
        The unit (district, county...).
    amount : Money
        What the unit receives.
    share : Fraction
        The formula share ``Σ_f w_f · m_uf / Σ_v m_vf`` (before bounds).
    by_factor : dict[Hashable, Fraction]
        The exact formula amount from each factor [fen]: ``total · w_f · m_uf / Σ_v m_vf``.
    ideal : Fraction
        ``total · share`` [fen]: the exact amount with no bounds and no rounding.
    bounded : Fraction
        The exact amount after floors and caps [fen] (before rounding).
    bound : {"floor", "cap"} or None
        Which bound holds this unit, if any.
    extra_fen : int
        1 if the unit received one of the remainder fen, else 0.
    floor, cap : Money or None
        The bounds given for this unit.

    Examples
    --------
    >>> from sportsgov import Money
    >>> r = factor_allocation(Money.yuan(100), {"a": {"x": 1}, "b": {"x": 2}}, {"x": 1})
    >>> u = r["a"]
    >>> u.amount, u.share, u.ideal, u.extra_fen
    (Money('33.33'), Fraction(1, 3), Fraction(10000, 3), 0)
    >>> u.rounding
    Fraction(-1, 3)
    """

    unit: Hashable
    amount: Money
    share: Fraction
    by_factor: dict[Hashable, Fraction]
    ideal: Fraction
    bounded: Fraction
    bound: Literal["floor", "cap"] | None
    extra_fen: int
    floor: Money | None = None
    cap: Money | None = None

    @property
    def redistribution(self) -> Fraction:
        """Fen gained (+) or given up (−) through floors and caps [fen]."""
        return self.bounded - self.ideal

    @property
    def rounding(self) -> Fraction:
        """Fen gained (+) or lost (−) by rounding to whole fen, in (−1, 1) [fen]."""
        return Fraction(self.amount.fen) - self.bounded

    def as_dict(self, places: int = 4) -> dict[str, object]:
        """One flat row for a table: the amount as :class:`Money`, the exact parts in yuan
        rounded half-up to ``places`` decimals (exact values stay on the attributes).

        Examples
        --------
        >>> from sportsgov import Money
        >>> r = factor_allocation(Money.yuan(100), {"a": {"x": 1}, "b": {"x": 2}}, {"x": 1})
        >>> row = r["a"].as_dict()
        >>> row["amount"], row["share"], row["from x"], row["rounding"], row["extra_fen"]
        (Money('33.33'), '33.3333%', '33.3333', '-0.0033', 0)
        """
        row: dict[str, object] = {"unit": self.unit, "amount": self.amount}
        row["share"] = _fixed(self.share * 100, places) + "%"
        for f, v in self.by_factor.items():
            row[f"from {f}"] = _fixed(v / 100, places)
        row["redistribution"] = _fixed(self.redistribution / 100, places)
        row["rounding"] = _fixed(self.rounding / 100, places)
        row["bound"] = self.bound or ""
        row["extra_fen"] = self.extra_fen
        return row


def _fixed(value: Fraction, places: int) -> str:
    """``value`` rounded half away from zero to ``places`` decimals, as text."""
    scaled = abs(value) * 10**places
    n = math.floor(scaled + Fraction(1, 2))
    whole, frac = divmod(n, 10**places)
    sign = "-" if value < 0 and n else ""
    return f"{sign}{whole}.{frac:0{places}d}" if places else f"{sign}{whole}"


@frozen(repr=False)
class FactorAllocation:
    """Result of :func:`factor_allocation`.

    Attributes
    ----------
    total : Money
        The fund that was split.
    amounts : dict[Hashable, Money]
        What each unit receives, in input order; sums exactly to ``total``.
    units : tuple[UnitAllocation, ...]
        The per-unit, per-factor explanation, in input order.
    weights : dict[Hashable, Fraction]
        Factor weights as exact fractions summing to 1.
    factor_totals : dict[Hashable, Fraction]
        ``Σ_u m_uf`` per factor.
    remainder_units : tuple[Hashable, ...]
        Units that received a remainder fen, in the order they received it.
    tied : tuple[Hashable, ...]
        Units tied at the remainder cut (empty when no tie decided anything).
    level : Fraction
        Multiplier applied to the formula amounts of units not held at a bound
        (1 when no bound binds; > 1 when caps freed money, < 1 when floors took it).
    rule : str
        The rule applied, in words.

    Examples
    --------
    >>> from sportsgov import Money
    >>> r = factor_allocation(
    ...     Money.yuan(100),
    ...     {"a": {"x": 1}, "b": {"x": 1}, "c": {"x": 1}},
    ...     {"x": 1},
    ... )
    >>> r.amounts
    {'a': Money('33.34'), 'b': Money('33.33'), 'c': Money('33.33')}
    >>> r.remainder_units, r.tied
    (('a',), ('a', 'b', 'c'))
    """

    total: Money
    amounts: dict[Hashable, Money]
    units: tuple[UnitAllocation, ...]
    weights: dict[Hashable, Fraction]
    factor_totals: dict[Hashable, Fraction]
    remainder_units: tuple[Hashable, ...]
    tied: tuple[Hashable, ...]
    level: Fraction
    rule: str = field(default="")

    def __getitem__(self, unit: Hashable) -> UnitAllocation:
        """The :class:`UnitAllocation` of ``unit``."""
        for u in self.units:
            if u.unit == unit:
                return u
        raise NotFoundError.bad("unit", unit, "not one of the allocated units")

    def table(self) -> list[dict[str, object]]:
        """The breakdown as a list of flat rows (one per unit), for printing or CSV."""
        return [u.as_dict() for u in self.units]

    def to_frame(self) -> Any:
        """The breakdown as a pandas DataFrame, one row per unit, exact to the fen.

        Columns: ``unit``; ``amount_yuan`` (exact :class:`~decimal.Decimal` yuan);
        ``share`` (the formula share, :class:`~fractions.Fraction`); one
        ``from_<factor>_fen`` column per factor and ``ideal_fen``, ``bounded_fen``,
        ``redistribution_fen``, ``rounding_fen`` (exact Fractions in fen: they need
        not be whole fen); ``bound`` (``"floor"``, ``"cap"`` or None);
        ``extra_fen`` (0 or 1); ``floor_yuan``, ``cap_yuan`` (Decimal yuan or None).
        ``amount_yuan * 100 == sum(from_*_fen) + redistribution_fen + rounding_fen``
        on every row. Needs the ``pandas`` extra.

        Examples
        --------
        >>> from sportsgov import Money
        >>> r = factor_allocation(Money.yuan(100), {"a": {"x": 1}, "b": {"x": 2}}, {"x": 1})
        >>> df = r.to_frame()
        >>> df[["unit", "amount_yuan", "from_x_fen", "rounding_fen"]].values.tolist()
        [['a', Decimal('33.33'), Fraction(10000, 3), Fraction(-1, 3)], ['b', Decimal('66.67'), Fraction(20000, 3), Fraction(1, 3)]]
        """  # noqa: E501
        from sportsgov._common.frames import pandas

        pd = pandas("FactorAllocation.to_frame")
        factors = list(self.weights)
        rows = []
        for u in self.units:
            row: dict[str, Any] = {
                "unit": u.unit,
                "amount_yuan": u.amount.to_decimal(),
                "share": u.share,
            }
            for f in factors:
                row[f"from_{f}_fen"] = u.by_factor[f]
            row.update(
                ideal_fen=u.ideal,
                bounded_fen=u.bounded,
                redistribution_fen=u.redistribution,
                rounding_fen=u.rounding,
                bound=u.bound,
                extra_fen=u.extra_fen,
                floor_yuan=None if u.floor is None else u.floor.to_decimal(),
                cap_yuan=None if u.cap is None else u.cap.to_decimal(),
            )
            rows.append(row)
        columns = ["unit", "amount_yuan", "share", *(f"from_{f}_fen" for f in factors)]
        columns += ["ideal_fen", "bounded_fen", "redistribution_fen", "rounding_fen"]
        columns += ["bound", "extra_fen", "floor_yuan", "cap_yuan"]
        return pd.DataFrame(rows, columns=columns)

    def __repr__(self) -> str:
        """Short: the total, the level and the first amounts, never one line per unit.

        Examples
        --------
        >>> from sportsgov import Money
        >>> factor_allocation(Money.yuan(100), {"a": {"x": 1}, "b": {"x": 2}}, {"x": 1})
        FactorAllocation(total=Money('100.00'), factors=['x'], level=Fraction(1, 1), amounts=[a: 33.33, b: 66.67])
        """  # noqa: E501
        from sportsgov._common.display import text_repr

        return text_repr(
            "FactorAllocation",
            [("total", self.total), ("factors", list(self.weights)), ("level", self.level)],
            (f"{k}: {v}" for k, v in self.amounts.items()),
            count=len(self.amounts),
            label="amounts",
        )

    def _repr_html_(self) -> str:
        """A notebook table of the first units: amount (yuan), share, bound, extra fen."""
        from sportsgov._common.display import html_table

        return html_table(
            f"FactorAllocation of {self.total} yuan among {len(self.units):,} units "
            f"by {', '.join(str(f) for f in self.weights)}",
            ["unit", "amount_yuan", "share", "bound", "extra_fen"],
            (
                (u.unit, u.amount, f"{float(u.share):.4%}", u.bound, u.extra_fen)
                for u in self.units
            ),
            count=len(self.units),
        )


def _exact_measure(value: object, where: str) -> Fraction | int:
    if type(value) is int:
        if value < 0:
            raise InvalidInputError.bad(where, value, "must be >= 0")
        return value
    return as_fraction(value, where)


def _bounds(
    bounds: Mapping[Hashable, object] | None,
    name: str,
    units: list[Hashable],
) -> dict[Hashable, int]:
    if bounds is None:
        return {}
    if not isinstance(bounds, Mapping):
        raise InvalidInputError.bad(name, bounds, "expected a mapping {unit: Money}")
    known = set(units)
    out: dict[Hashable, int] = {}
    for unit, value in bounds.items():
        if unit not in known:
            raise NotFoundError.bad(f"{name}[{unit!r}]", value, "unknown unit (not in measures)")
        fen = as_money_fen(value, f"{name}[{unit!r}]")
        assert fen is not None
        out[unit] = fen
    return out


def factor_allocation(
    total: Money,
    measures: Mapping[Hashable, Mapping[Hashable, object]],
    weights: Mapping[Hashable, object],
    *,
    floors: Mapping[Hashable, Money] | None = None,
    caps: Mapping[Hashable, Money] | None = None,
    ties: Ties = "order",
) -> FactorAllocation:
    """Split ``total`` among units by weighted factors (因素法), exact to the fen.

    Parameters
    ----------
    total : Money
        The fund to split (>= 0). A string such as ``"7668.28万元"`` is parsed.
    measures : mapping {unit: {factor: value}}
        Each unit's measure of every weighted factor (counts, areas [m²], visits...),
        non-negative exact numbers. Every unit must give every factor in ``weights``.
    weights : mapping {factor: weight}
        Factor weights summing to exactly 1 or exactly 100 (percent).
    floors, caps : mapping {unit: Money}, optional
        Minimum (保底) and maximum (封顶) amounts per unit; units not listed are
        unbounded. What bounded units give up or take is shared by the others.
    ties : {"order", "error"}
        How equal remainders at the rounding cut are resolved: by input order
        (default) or by raising :class:`~sportsgov.errors.TieError`.

    Returns
    -------
    FactorAllocation
        ``.amounts`` ({unit: Money}, sums exactly to ``total``) with the per-unit,
        per-factor breakdown in ``.units``.

    Raises
    ------
    InvalidInputError
        Negative or float money, negative measures, weights not summing to 1 or 100,
        a unit missing a factor, a factor that is 0 for every unit, an unknown factor.
    NotFoundError
        A floor or cap names a unit not in ``measures``.
    InfeasibleError
        Floors sum above ``total``, caps cannot absorb it, or a floor exceeds its cap.

    Examples
    --------
    A venue-opening subsidy split 50 % by number of venues, 30 % by open area and
    20 % by visits (practice figures reported in secondary sources, not a published standard):

    >>> from sportsgov import Money
    >>> r = factor_allocation(
    ...     Money.parse("100万元"),
    ...     measures={
    ...         "A": {"venues": 12, "area": 30000, "visits": 400000},
    ...         "B": {"venues": 8, "area": 50000, "visits": 350000},
    ...         "C": {"venues": 5, "area": 20000, "visits": 250000},
    ...     },
    ...     weights={"venues": 50, "area": 30, "visits": 20},
    ... )
    >>> r.amounts
    {'A': Money('410000.00'), 'B': Money('380000.00'), 'C': Money('210000.00')}
    >>> r["A"].by_factor["venues"] / 100   # yuan from the venue factor
    Fraction(240000, 1)
    """
    if ties not in ("order", "error"):
        raise InvalidInputError.bad("ties", ties, "expected one of 'order', 'error'")
    total_fen = as_money_fen(total, "total")
    assert total_fen is not None
    w = normalise_weights(weights, "weights")
    factors = list(w)
    if not isinstance(measures, Mapping) or not measures:
        raise InvalidInputError.bad(
            "measures", measures, "expected a non-empty mapping {unit: {factor: value}}"
        )
    units = list(measures)
    # Exact measures, column by column.
    columns: dict[Hashable, list[Fraction | int]] = {f: [] for f in factors}
    known_factors = set(factors)
    for unit in units:
        row = measures[unit]
        if not isinstance(row, Mapping):
            raise InvalidInputError.bad(
                f"measures[{unit!r}]", row, "expected a mapping {factor: value}"
            )
        for f in row:
            if f not in known_factors:
                raise InvalidInputError.bad(
                    f"measures[{unit!r}][{f!r}]",
                    row[f],
                    f"unknown factor: weights name {', '.join(repr(x) for x in factors)}",
                )
        for f in factors:
            if f not in row:
                raise InvalidInputError.bad(
                    f"measures[{unit!r}]", dict(row), f"missing factor {f!r}"
                )
            columns[f].append(_exact_measure(row[f], f"measures[{unit!r}][{f!r}]"))

    # Integer weights a_u with share_u = a_u / Σ a_v, exactly.
    factor_totals: dict[Hashable, Fraction] = {}
    ints: dict[Hashable, list[int]] = {}
    sums: dict[Hashable, int] = {}
    for f in factors:
        col = columns[f]
        dens = [v.denominator for v in col if isinstance(v, Fraction)]
        scale = math.lcm(*dens) if dens else 1
        n_col = [int(v * scale) if isinstance(v, Fraction) else v * scale for v in col]
        s = sum(n_col)
        factor_totals[f] = Fraction(s, scale)
        if s == 0 and w[f] != 0:
            raise InvalidInputError.bad(
                "measures",
                f,
                "is 0 for every unit: a factor with weight > 0 needs some measure "
                "(give it weight 0 or drop it)",
                shown=f"factor {f!r}",
            )
        ints[f] = n_col
        sums[f] = s
    q = math.lcm(*(w[f].denominator for f in factors))
    p = {f: int(w[f] * q) for f in factors}
    live = [f for f in factors if p[f]]
    big_l = math.lcm(*(sums[f] for f in live))
    mult = {f: p[f] * (big_l // sums[f]) for f in live}
    a = [sum(mult[f] * ints[f][i] for f in live) for i in range(len(units))]
    big_a = q * big_l  # == sum(a)

    lo_map = _bounds(floors, "floors", units)
    hi_map = _bounds(caps, "caps", units)
    fill = waterfill(
        total_fen,
        a,
        [lo_map.get(u, 0) for u in units],
        [hi_map.get(u) for u in units],
        ties=ties,
        labels=units,
    )

    amounts: dict[Hashable, Money] = {}
    rows: list[UnitAllocation] = []
    for i, unit in enumerate(units):
        amt = money(fill.amounts[i])
        amounts[unit] = amt
        share = Fraction(a[i], big_a)
        by_factor = {
            f: (Fraction(total_fen * mult[f] * ints[f][i], big_a) if f in mult else Fraction(0))
            for f in factors
        }
        rows.append(
            UnitAllocation(
                unit=unit,
                amount=amt,
                share=share,
                by_factor=by_factor,
                ideal=total_fen * share,
                bounded=fill.exact[i],
                bound=fill.bound[i],
                extra_fen=fill.extra[i],
                floor=money(lo_map[unit]) if unit in lo_map else None,
                cap=money(hi_map[unit]) if unit in hi_map else None,
            )
        )
    return FactorAllocation(
        total=money(total_fen),
        amounts=amounts,
        units=tuple(rows),
        weights=w,
        factor_totals=factor_totals,
        remainder_units=tuple(units[i] for i in fill.remainder_order),
        tied=tuple(units[i] for i in fill.tied),
        level=fill.level,
        rule=_RULE.format(ties="input order" if ties == "order" else "raising TieError"),
    )
