"""The unit vocabulary of targets and observations, with exact conversion factors.

Targets are parameters people check against published documents, so their values are
kept exact (``Decimal``) in the unit the indicator is defined in. This module knows the
handful of unit spellings that appear in plans and statistics tables (平方米, 万元, 场次,
%, ...) and the exact factor from each to its dimension's canonical unit. Quantities
from :mod:`sportsgov.units` are accepted too; they are converted through that module
(pint) and then read back exactly by their shortest decimal representation.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import Any

from sportsgov._exact import MAX_DIGITS, MAX_EXPONENT, decimal_in_range
from sportsgov.errors import UnitError

RANGE = (
    f"must have at most {MAX_DIGITS} digits and a magnitude within "
    f"1E-{MAX_EXPONENT} .. 1E+{MAX_EXPONENT}"
)
_MAX_BITS = 3400  # 2**3400 > 10**1000

__all__ = ["DIMENSIONS", "canonical_unit", "convert", "dimension_of", "known_units"]

# dimension -> (canonical unit, {spelling: factor to canonical}, pint spelling or None)
DIMENSIONS: dict[str, tuple[str, dict[str, Fraction], str | None]] = {
    "count": (
        "count",
        {
            s: Fraction(1)
            for s in (
                "count",
                "1",
                "个",
                "场",
                "场次",
                "项",
                "块",
                "处",
                "家",
                "所",
                "次",
                "人次",
                "名",
                "条",
                "支",
                "event",
                "events",
                "pitch",
                "pitches",
                "facility",
                "facilities",
                "school",
                "schools",
                "item",
                "items",
            )
        }
        | {"person": Fraction(1), "people": Fraction(1), "人": Fraction(1)}
        | {
            "万": Fraction(10_000),
            "万个": Fraction(10_000),
            "万人次": Fraction(10_000),
            "万人": Fraction(10_000),
            "万名": Fraction(10_000),
        },
        None,
    ),
    "area": (
        "m^2",
        {
            "m^2": Fraction(1),
            "m²": Fraction(1),
            "m**2": Fraction(1),
            "平方米": Fraction(1),
            "万m^2": Fraction(10_000),
            "万 m^2": Fraction(10_000),
            "万m²": Fraction(10_000),
            "万 m²": Fraction(10_000),
            "万平方米": Fraction(10_000),
            "km^2": Fraction(1_000_000),
            "km²": Fraction(1_000_000),
            "ha": Fraction(10_000),
            "公顷": Fraction(10_000),
            "mu_cn": Fraction(10_000, 15),
            "亩": Fraction(10_000, 15),
        },
        "m**2",
    ),
    "area_per_person": (
        "m^2/person",
        {
            "m^2/person": Fraction(1),
            "m²/person": Fraction(1),
            "m**2/person": Fraction(1),
            "m²/人": Fraction(1),
            "平方米/人": Fraction(1),
        },
        "m**2/person",
    ),
    "share": (
        "%",
        {"%": Fraction(1), "percent": Fraction(1), "fraction": Fraction(100)},
        None,
    ),
    "per_10k": (
        "per 10k people",
        {
            "per 10k people": Fraction(1),
            "块/万人": Fraction(1),
            "个/万人": Fraction(1),
            "per person": Fraction(10_000),
        },
        None,
    ),
    "per_1000": (
        "per 1000 people",
        {
            "per 1000 people": Fraction(1),
            "人/千人": Fraction(1),
            "名/千人": Fraction(1),
            "per person": Fraction(1000),
        },
        None,
    ),
    "per_school": (
        "person/school",
        {"person/school": Fraction(1), "人/所": Fraction(1), "名/所": Fraction(1)},
        None,
    ),
    "money": (
        "yuan",
        {
            "yuan": Fraction(1),
            "元": Fraction(1),
            "CNY": Fraction(1),
            "万元": Fraction(10_000),
            "亿元": Fraction(100_000_000),
            "亿": Fraction(100_000_000),
        },
        None,
    ),
    "hours_per_day": (
        "hour/day",
        {"hour/day": Fraction(1), "小时/天": Fraction(1), "minute/day": Fraction(1, 60)},
        None,
    ),
}

_BY_SPELLING: dict[tuple[str, str], Fraction] = {
    (dim, spelling): factor
    for dim, (_, table, _) in DIMENSIONS.items()
    for spelling, factor in table.items()
}
_ALL_SPELLINGS: dict[str, list[str]] = {}
for _dim, (_c, _table, _p) in DIMENSIONS.items():
    for _s in _table:
        _ALL_SPELLINGS.setdefault(_s, []).append(_dim)


def known_units() -> list[str]:
    """Every unit spelling the target vocabulary knows, sorted.

    Examples
    --------
    >>> "万元" in known_units() and "m^2/person" in known_units()
    True
    """
    return sorted(_ALL_SPELLINGS)


def canonical_unit(dimension: str) -> str:
    """The canonical unit of ``dimension`` (``"area"`` → ``"m^2"``)."""
    return DIMENSIONS[dimension][0]


def dimension_of(unit: str) -> list[str]:
    """Dimensions a unit spelling belongs to (empty if unknown)."""
    return list(_ALL_SPELLINGS.get(unit.strip(), []))


def _to_decimal(value: Any, *, argument: str) -> Decimal:
    out = _to_decimal_unbounded(value, argument=argument)
    if not decimal_in_range(out):
        from sportsgov.errors import InvalidInputError

        raise InvalidInputError.bad(argument, value, RANGE)
    return out


def _to_decimal_unbounded(value: Any, *, argument: str) -> Decimal:
    from sportsgov.errors import InvalidInputError

    if isinstance(value, bool):
        raise InvalidInputError.bad(argument, value, "expected a number, not a bool")
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise InvalidInputError.bad(argument, value, "must be a finite number")
        return value
    if isinstance(value, int):
        if value.bit_length() > _MAX_BITS:  # Decimal(int) of 5000 digits is refused by str()
            raise InvalidInputError.bad(argument, value, RANGE)
        return Decimal(value)
    if isinstance(value, Fraction):
        if max(value.numerator.bit_length(), value.denominator.bit_length()) > _MAX_BITS:
            raise InvalidInputError.bad(argument, value, RANGE)
        if value.denominator == 1:
            return Decimal(value.numerator)
        exact = Decimal(value.numerator) / Decimal(value.denominator)
        return exact
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise InvalidInputError.bad(argument, value, "must be a finite number")
        # Shortest round-trip repr: 29.4 -> Decimal('29.4'), never 29.39999...
        return Decimal(repr(value))
    if isinstance(value, str):
        text = value.strip().replace(",", "")
        try:
            out = Decimal(text)
        except ArithmeticError:
            raise InvalidInputError.bad(argument, value, "expected a decimal number") from None
        if not out.is_finite():
            raise InvalidInputError.bad(argument, value, "must be a finite number")
        return out
    raise InvalidInputError.bad(
        argument, value, "expected an int, Decimal, Fraction, float, str, Money or Quantity"
    )


def convert(value: Any, unit: str | None, to: str, *, argument: str = "value") -> Decimal:
    """Convert ``value`` given in ``unit`` to the unit spelling ``to``, exactly.

    ``value`` may be a number (int, Decimal, Fraction, float, numeric str), a
    :class:`~sportsgov.money.Money` (read as yuan), or a pint Quantity from
    :mod:`sportsgov.units` (then ``unit`` is ignored). ``unit=None`` means "already
    in ``to``".

    Raises
    ------
    UnitError
        If the units are unknown or of different dimensions (a count against m²).

    Examples
    --------
    >>> convert("200", "万 m^2", "m^2")
    Decimal('2000000')
    >>> convert(Decimal("0.45"), "fraction", "%")
    Decimal('45.00')
    >>> convert(3, "场次", "m^2")
    Traceback (most recent call last):
    ...
    sportsgov.errors.UnitError: value=3 场次: expected m^2 (area), got a count
    """
    to = to.strip()
    to_dims = _ALL_SPELLINGS.get(to)
    if not to_dims:
        raise UnitError(f"unit={to!r}: unknown unit; known: {', '.join(known_units())}")
    if hasattr(value, "fen") and type(value).__name__ == "Money":
        value, unit = Decimal(value.fen) / 100, "yuan"
    elif hasattr(value, "magnitude") and hasattr(value, "units"):
        return _convert_quantity(value, to, to_dims, argument=argument)
    number = _to_decimal(value, argument=argument)
    if unit is None or unit.strip() == to:
        return number
    unit = unit.strip()
    from_dims = _ALL_SPELLINGS.get(unit)
    if not from_dims:
        raise UnitError(
            f"{argument}={value} {unit}: unknown unit {unit!r}; known: {', '.join(known_units())}",
            argument=argument,
            value=value,
        )
    common = [d for d in to_dims if d in from_dims]
    if not common:
        raise UnitError(
            f"{argument}={value} {unit}: expected {to} ({to_dims[0].replace('_', ' ')}), "
            f"got a {from_dims[0].replace('_', ' ')}",
            argument=argument,
            value=value,
        )
    dim = common[0]
    factor = _BY_SPELLING[(dim, unit)] / _BY_SPELLING[(dim, to)]
    if factor == 1:
        return number
    out = number * Decimal(factor.numerator)
    if factor.denominator != 1:
        out = out / Decimal(factor.denominator)
    return out


def _convert_quantity(value: Any, to: str, to_dims: list[str], *, argument: str) -> Decimal:
    pint_to = next((DIMENSIONS[d][2] for d in to_dims if DIMENSIONS[d][2]), None)
    factor = next(
        (_BY_SPELLING[(d, to)] for d in to_dims if DIMENSIONS[d][2] is not None), Fraction(1)
    )
    if pint_to is None:
        if str(value.units) in ("dimensionless", "") and "count" in to_dims:
            return _to_decimal(value.magnitude, argument=argument)
        raise UnitError(
            f"{argument}={value}: a quantity cannot be read as {to}; give a number and a unit",
            argument=argument,
            value=value,
        )
    try:
        from sportsgov.units import magnitude_in

        magnitude = magnitude_in(value, pint_to)
    except ImportError:  # pragma: no cover - units always ships with the package
        magnitude = value.to(pint_to).magnitude
    except UnitError:
        raise
    except Exception as exc:  # pint DimensionalityError and friends
        raise UnitError(
            f"{argument}={value}: expected {to}, got {value.units}", argument=argument, value=value
        ) from exc
    number = _to_decimal(float(magnitude), argument=argument)
    if factor != 1:
        number = number * Decimal(factor.denominator) / Decimal(factor.numerator)
    return number
