"""Exact half-up rounding (四舍五入) and the Chinese multipliers 万 and 亿."""

from __future__ import annotations

import math
from fractions import Fraction

__all__ = ["CN_MULTIPLIERS", "round_half_up"]

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
