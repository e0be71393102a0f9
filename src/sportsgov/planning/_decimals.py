"""Exact decimal inputs shared by the planning modules (private; plain names)."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import Any

from sportsgov.errors import InvalidInputError

__all__ = ["exact_decimal"]


def exact_decimal(value: Any, argument: str, *, unwrap: bool, nonnegative: bool) -> Decimal:
    """An int, Decimal, Fraction or decimal string as a finite Decimal.

    ``unwrap`` first takes a quantity's ``magnitude``; ``nonnegative`` also refuses
    values < 0 (a Fraction is converted without that check). Errors show ``value``.
    """
    magnitude = getattr(value, "magnitude", value) if unwrap else value
    if isinstance(magnitude, bool) or not isinstance(magnitude, int | Decimal | str | Fraction):
        raise InvalidInputError.bad(
            argument, value, "expected an int, Decimal, Fraction or decimal string"
        )
    if isinstance(magnitude, Fraction):
        return Decimal(magnitude.numerator) / Decimal(magnitude.denominator)
    try:
        d = Decimal(magnitude)
    except ArithmeticError:
        raise InvalidInputError.bad(argument, value, "expected a decimal number") from None
    if nonnegative:
        if not d.is_finite() or d < 0:
            raise InvalidInputError.bad(argument, value, "must be a finite number >= 0")
    elif not d.is_finite():
        raise InvalidInputError.bad(argument, value, "must be finite")
    return d
