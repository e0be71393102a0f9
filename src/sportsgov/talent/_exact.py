"""Private exact-arithmetic helpers for :mod:`sportsgov.talent`.

``to_fraction`` turns user numbers into :class:`~fractions.Fraction` (floats go
through their shortest ``repr``, so ``0.1`` means one tenth, not the binary
approximation); ``fmt`` renders exact numbers for error messages.
"""

from __future__ import annotations

import math
from decimal import Decimal
from fractions import Fraction
from numbers import Rational

from sportsgov.errors import InvalidInputError

__all__ = ["fmt", "to_fraction"]


def to_fraction(value: object, argument: str) -> Fraction:
    """Convert an int, Fraction, Decimal, float or numeric string exactly.

    Floats are read through ``repr`` (``0.43`` -> ``43/100``). Booleans, NaN,
    infinities and non-numbers raise :class:`InvalidInputError`.
    """
    if isinstance(value, bool):
        raise InvalidInputError.bad(argument, value, "expected a number, not a bool")
    try:
        if isinstance(value, Fraction):
            return value
        if isinstance(value, int):
            return Fraction(value)
        if isinstance(value, Rational):
            return Fraction(int(value.numerator), int(value.denominator))
        if isinstance(value, Decimal):
            if not value.is_finite():
                raise InvalidInputError.bad(argument, value, "must be a finite number")
            return Fraction(value)
        if isinstance(value, float) or hasattr(value, "dtype"):
            as_float = float(value)  # type: ignore[arg-type]
            if not math.isfinite(as_float):
                raise InvalidInputError.bad(argument, value, "must be a finite number")
            if hasattr(value, "dtype") and getattr(value, "dtype").kind in "iu":  # noqa: B009
                return Fraction(int(value))  # type: ignore[call-overload]
            return Fraction(repr(as_float))
        if isinstance(value, str):
            text = value.strip().rstrip("%")
            frac = Fraction(text)
            return frac / 100 if value.strip().endswith("%") else frac
    except InvalidInputError:
        raise
    except (ValueError, ZeroDivisionError, TypeError, OverflowError):
        raise InvalidInputError.bad(argument, value, "expected a finite number") from None
    raise InvalidInputError.bad(
        argument, value, "expected an int, Fraction, Decimal, float or numeric string"
    )


def fmt(value: Fraction | int | float) -> str:
    """Render a number for messages: ints plainly, fractions as decimals when short."""
    if isinstance(value, Fraction):
        if value.denominator == 1:
            return str(value.numerator)
        as_float = float(value)
        text = f"{as_float:.6g}"
        if Fraction(text) == value:
            return text
        return f"{value} (≈{text})" if len(str(value)) <= 12 else f"≈{text}"
    return str(value)
