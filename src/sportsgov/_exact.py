"""Private exact-number helpers shared by the calculators.

:func:`to_fraction` turns a user number (int, :class:`~fractions.Fraction`,
:class:`~decimal.Decimal`, float, numpy scalar, numeric string, ``"15%"``) into an
exact :class:`~fractions.Fraction`, raising
:class:`~sportsgov.errors.InvalidInputError` for bools, NaN, infinities and
non-numbers. How a float is read is a policy the caller states:

``"binary"``
    the float's exact binary value (``0.1`` is
    ``3602879701896397/36028797018963968``). Used where floats are measurements
    and exactness *in the float input* is what matters (apportionment weights,
    money split weights, indicator ratios).
``"shortest"``
    the value of its shortest round-trip ``repr`` (``0.1`` is ``1/10``). Used
    where a float is a human-typed decimal (budget weights and rates, talent
    rates).

:func:`fmt` renders an exact number for error messages. Nothing here is public.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from decimal import Decimal
from fractions import Fraction
from numbers import Rational, Real
from typing import Literal

from sportsgov.errors import InvalidInputError

__all__ = [
    "MAX_DIGITS",
    "MAX_EXPONENT",
    "Floats",
    "Reason",
    "decimal_in_range",
    "fmt",
    "to_fraction",
]

MAX_DIGITS = 1000
"""Most significant digits in a number read from a Decimal or a string."""
MAX_EXPONENT = 1000
"""Largest decimal exponent (either sign) of a number read from a Decimal or a string."""

Floats = Literal["binary", "shortest"]
"""How :func:`to_fraction` reads a float."""

Reason = Literal["bool", "finite", "syntax", "type", "negative", "range"]
"""Why :func:`to_fraction` refused a value (keys of its ``allowed`` texts)."""

_ALLOWED: dict[Reason, str] = {
    "bool": "expected a number, not a bool",
    "finite": "must be a finite number",
    "syntax": "expected a finite number",
    "type": "expected an int, Fraction, Decimal, float or numeric string",
    "negative": "must be >= 0",
    "range": (
        f"must have at most {MAX_DIGITS} digits and a magnitude within "
        f"1E-{MAX_EXPONENT} .. 1E+{MAX_EXPONENT}"
    ),
}
_EXPONENT_RE = re.compile(r"[eE]\s*[+-]?\s*(\d+)")


def decimal_in_range(value: Decimal) -> bool:
    """True if a finite Decimal is within :data:`MAX_DIGITS` and :data:`MAX_EXPONENT`.

    Checked before the exact value is built: ``Fraction(Decimal("1E+100000000"))``
    builds a 100-million-digit integer.
    """
    if value.is_zero():
        return True
    return len(value.as_tuple().digits) <= MAX_DIGITS and abs(value.adjusted()) <= MAX_EXPONENT


def _string_in_range(text: str) -> bool:
    if len(text) > 2 * MAX_DIGITS + 20:
        return False
    for digits in _EXPONENT_RE.findall(text):
        if len(digits.lstrip("0")) > 6 or int(digits) > MAX_EXPONENT:
            return False
    return True


_FLOATS: tuple[Floats, ...] = ("binary", "shortest")


def to_fraction(
    value: object,
    argument: str,
    *,
    floats: Floats,
    strings: bool = True,
    negative: bool = True,
    allowed: Mapping[Reason, str] | None = None,
) -> Fraction:
    """Exact value of a user number.

    Parameters
    ----------
    value : object
        An int (or numpy integer), :class:`~fractions.Fraction` (or other
        :class:`numbers.Rational`), finite :class:`~decimal.Decimal`, finite float
        (or numpy float, or 0-d numpy array), or (with ``strings``) a numeric string
        such as ``"0.15"``, ``"3/20"``, ``"1e-3"`` or ``"15%"`` (one trailing ``%``
        divides by 100).
    argument : str
        Name of the argument, for the error message.
    floats : {"binary", "shortest"}
        ``"binary"`` reads a float at its exact binary value, ``"shortest"`` at
        the value of its shortest ``repr`` (``0.3`` -> ``3/10``).
    strings : bool
        Accept numeric strings (default). When false, a string is a ``"type"``
        error (default text ``expected an int, Fraction, Decimal or float``).
    negative : bool
        Accept negative values (default). When false, a negative value is a
        ``"negative"`` error.
    allowed : mapping of reason to str, optional
        Message texts replacing the defaults, keyed by reason: ``"bool"``,
        ``"finite"`` (NaN or infinity), ``"syntax"`` (a string or array that does
        not convert), ``"type"`` (not a number), ``"negative"`` and ``"range"``
        (a Decimal or string beyond :data:`MAX_DIGITS` digits or a decimal
        exponent beyond ±:data:`MAX_EXPONENT`: refused before any big integer
        is built, so ``"1e100000000"`` cannot hang).

    Returns
    -------
    fractions.Fraction
        The exact value.

    Raises
    ------
    InvalidInputError
        For a bool (also a numpy bool), NaN, an infinity, a string that is not a
        number, any other type, a negative value when ``negative`` is false, or an
        unknown ``floats`` policy.

    Examples
    --------
    >>> to_fraction(0.1, "rate", floats="shortest")
    Fraction(1, 10)
    >>> to_fraction(0.5, "weight", floats="binary")
    Fraction(1, 2)
    >>> to_fraction(0.1, "weight", floats="binary") == Fraction(0.1)
    True
    >>> to_fraction("15%", "rate", floats="shortest")
    Fraction(3, 20)
    >>> to_fraction(True, "rate", floats="shortest")
    Traceback (most recent call last):
    ...
    sportsgov.errors.InvalidInputError: rate=True: expected a number, not a bool
    >>> to_fraction(-1, "weight", floats="binary", negative=False)
    Traceback (most recent call last):
    ...
    sportsgov.errors.InvalidInputError: weight=-1: must be >= 0
    """
    if floats not in _FLOATS:
        raise InvalidInputError.bad("floats", floats, "expected one of 'binary', 'shortest'")
    texts = dict(_ALLOWED)
    if not strings:
        texts["type"] = "expected an int, Fraction, Decimal or float"
    texts.update(allowed or {})
    reason, result = _convert(value, floats, strings)
    if reason is None and not negative and result < 0:
        reason = "negative"
    if reason is not None:
        raise InvalidInputError.bad(argument, value, texts[reason])
    return result


def _convert(value: object, floats: Floats, strings: bool) -> tuple[Reason | None, Fraction]:
    """``(None, exact value)``, or ``(reason, 0)`` when ``value`` is refused."""
    zero = Fraction(0)
    dtype = getattr(value, "dtype", None)
    kind = getattr(dtype, "kind", None)
    if isinstance(value, bool) or kind == "b":
        return "bool", zero
    if isinstance(value, Fraction):
        return None, value
    if isinstance(value, int):
        return None, Fraction(value)
    if isinstance(value, Rational):  # numpy integers and other rationals
        return None, Fraction(int(value.numerator), int(value.denominator))
    if isinstance(value, Decimal):
        if not value.is_finite():
            return "finite", zero
        if not decimal_in_range(value):
            return "range", zero
        return None, Fraction(value)
    if isinstance(value, float | Real) or dtype is not None:
        try:
            if isinstance(kind, str) and kind in "iu":  # 0-d integer arrays
                return None, Fraction(int(value))  # type: ignore[call-overload]
            as_float = float(value)  # type: ignore[arg-type]
        except (ValueError, TypeError, ArithmeticError):
            return "syntax", zero
        if not math.isfinite(as_float):
            return "finite", zero
        if floats == "binary":
            return None, Fraction(as_float)
        return None, Fraction(repr(as_float))
    if isinstance(value, str) and strings:
        text = value.strip()
        if not _string_in_range(text):
            return "range", zero
        try:
            if text.endswith("%"):
                return None, Fraction(text[:-1]) / 100
            return None, Fraction(text)
        except (ValueError, ArithmeticError):
            return "syntax", zero
    return "type", zero


def fmt(value: Fraction | int | float) -> str:
    """Render a number for messages: ints plainly, fractions as decimals when short.

    Parameters
    ----------
    value : Fraction, int or float
        The number.

    Returns
    -------
    str
        ``"3"`` for a whole fraction, ``"0.15"`` when six significant digits are
        exact, ``"1/3 (≈0.333333)"`` for a short fraction, else ``"≈…"``.

    Examples
    --------
    >>> fmt(Fraction(3, 20)), fmt(Fraction(6, 2)), fmt(Fraction(1, 3))
    ('0.15', '3', '1/3 (≈0.333333)')
    >>> fmt(7)
    '7'
    """
    if isinstance(value, Fraction):
        if value.denominator == 1:
            return str(value.numerator)
        as_float = float(value)
        text = f"{as_float:.6g}"
        if Fraction(text) == value:
            return text
        return f"{value} (≈{text})" if len(str(value)) <= 12 else f"≈{text}"
    return str(value)
