"""Exact half-up rounding (四舍五入) and the Chinese multipliers 万 and 亿."""

from __future__ import annotations

import math
from decimal import Decimal
from fractions import Fraction

__all__ = ["CN_MULTIPLIERS", "fraction_decimal", "round_half_up", "satisfies"]

#: Chinese number multipliers: 万 (萬) = 10⁴, 亿 (億) = 10⁸, 千 = 10³, 百 = 10².
CN_MULTIPLIERS: dict[str, int] = {
    "万": 10**4,
    "萬": 10**4,
    "亿": 10**8,
    "億": 10**8,
    "千": 10**3,
    "百": 10**2,
}


def round_half_up(value: Fraction | int) -> int:
    """Round an exact value to the nearest integer, halves away from zero (四舍五入).

    Symmetric: ``round_half_up(-x) == -round_half_up(x)``.

    Examples
    --------
    >>> [round_half_up(Fraction(n, 2)) for n in (5, 3, -3, -5)]
    [3, 2, -2, -3]
    """
    value = Fraction(value)
    if value >= 0:
        return math.floor(value + Fraction(1, 2))
    return -math.floor(-value + Fraction(1, 2))


def fraction_decimal(x: Fraction) -> Decimal:
    """A fraction as a Decimal (in the current decimal context).

    Examples
    --------
    >>> fraction_decimal(Fraction(1, 4))
    Decimal('0.25')
    """
    return Decimal(x.numerator) / Decimal(x.denominator)


def satisfies(comparator: str, actual: Decimal, value: Decimal, upper: Decimal | None) -> bool:
    """Whether ``actual`` meets a target ``comparator value`` (``between``: ``value..upper``).

    Examples
    --------
    >>> satisfies(">=", Decimal(3), Decimal(2), None), satisfies("<", Decimal(3), Decimal(2), None)
    (True, False)
    >>> satisfies("between", Decimal(3), Decimal(2), Decimal(3))
    True
    """
    if comparator == ">=":
        return actual >= value
    if comparator == ">":
        return actual > value
    if comparator == "<=":
        return actual <= value
    if comparator == "<":
        return actual < value
    if comparator == "==":
        return actual == value
    assert upper is not None, "'between' needs an upper bound (Target checks it)"
    return value <= actual <= upper
