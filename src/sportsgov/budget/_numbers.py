"""Private helpers shared by the budget modules: exact numbers, money in fen, dates.

Everything inside :mod:`sportsgov.budget` computes in integer fen (分) and exact
:class:`~fractions.Fraction`; :class:`~sportsgov.money.Money` objects are built only
at the edges. Nothing here is public.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Mapping
from decimal import Decimal
from fractions import Fraction
from typing import Any

from sportsgov._common.dates import as_date
from sportsgov._common.numbers import round_half_up
from sportsgov._exact import Reason, to_fraction
from sportsgov.errors import InvalidInputError, format_value
from sportsgov.money import Money

__all__ = [
    "MONEY_EXPECTED",
    "as_date",
    "as_fraction",
    "as_money_fen",
    "day_cell",
    "fen_of",
    "money",
    "money_cell",
    "normalise_weights",
    "round_half_up",
]


MONEY_EXPECTED = "expected a money amount such as '12.5万元' or '1,234.50'"
"""What a money cell or argument that does not parse is told (one wording everywhere)."""


def fen_of(value: Money) -> int:
    """Integer fen of a :class:`Money`."""
    return value.fen


_NEW = object.__new__
_SET = object.__setattr__


def money(fen: int) -> Money:
    """A :class:`Money` of ``fen`` fen, for an ``int`` already checked by the caller.

    Skips the public constructor's validation (this is the ledger's hot path); the
    result is an ordinary :class:`Money` (``tests/budget/test_subsidy.py`` checks that it
    equals, hashes and prints like ``Money(fen)``).
    """
    m = _NEW(Money)
    _SET(m, "fen", fen)
    return m


def as_money_fen(
    value: object, argument: str, *, allow_negative: bool = False, allow_none: bool = False
) -> int | None:
    """Integer fen of ``value`` (a :class:`Money` or a string such as ``"12.50元"``).

    Floats are refused (binary floats cannot hold fen exactly), and so are bare
    ints (yuan or fen? say which with ``Money.yuan(...)``).
    """
    if value is None:
        if allow_none:
            return None
        raise InvalidInputError.bad(argument, value, "expected Money, e.g. Money.yuan('12.50')")
    if isinstance(value, Money):
        fen = fen_of(value)
    elif isinstance(value, str):
        try:
            fen = fen_of(Money.parse(value))
        except (InvalidInputError, ValueError):
            raise InvalidInputError.bad(argument, value, MONEY_EXPECTED) from None
    elif isinstance(value, float):
        raise InvalidInputError.bad(
            argument,
            value,
            "floats are refused for money; use Money.yuan(Decimal('...')) or a string",
        )
    else:
        raise InvalidInputError.bad(
            argument,
            value,
            f"expected Money (e.g. Money.yuan('12.50')), got {type(value).__name__}",
        )
    if fen < 0 and not allow_negative:
        raise InvalidInputError.bad(argument, value, "must be >= 0", shown=str(value))
    return fen


_AS_FRACTION_ALLOWED: dict[Reason, str] = {
    "bool": "expected a number, got a bool",
    "syntax": "not a number",
}


def as_fraction(value: object, argument: str, *, allow_negative: bool = False) -> Fraction:
    """Exact value of a number: int, Decimal, Fraction, a string (``"0.15"``, ``"3/20"``,
    ``"15%"``) or a finite float taken at its shortest decimal repr (``0.3`` -> 3/10).

    Numpy scalars other than ``numpy.float64`` (a float) are refused here.
    """
    if not isinstance(value, int | Fraction | Decimal | float | str):
        raise InvalidInputError.bad(
            argument, value, f"expected a number, got {type(value).__name__}"
        )
    return to_fraction(
        value,
        argument,
        floats="shortest",
        negative=allow_negative,
        allowed=_AS_FRACTION_ALLOWED,
    )


def normalise_weights(weights: Mapping[Any, object], argument: str) -> dict[Any, Fraction]:
    """Validate weights that must sum to exactly 1 (shares) or exactly 100 (percent).

    Returns the weights as exact fractions summing to 1.
    """
    if not isinstance(weights, Mapping):
        raise InvalidInputError.bad(argument, weights, "expected a mapping {name: weight}")
    if not weights:
        raise InvalidInputError.bad(argument, weights, "must not be empty")
    exact = {k: as_fraction(v, f"{argument}[{k!r}]") for k, v in weights.items()}
    total = sum(exact.values(), Fraction(0))
    if total == 100:
        return {k: v / 100 for k, v in exact.items()}
    if total == 1:
        return exact
    try:
        shown = (
            format(float(total), "g") if total.denominator != 1 else format_value(total.numerator)
        )
    except OverflowError:  # a fraction beyond the float range
        shown = "more than 1e308"
    raise InvalidInputError.bad(
        argument,
        weights,
        f"must sum to exactly 1 (shares) or exactly 100 (percent); they sum to {shown}",
    )


def money_cell(value: object, argument: str) -> Money:
    """Money >= 0 of a table cell: a :class:`Money` or a text such as ``"12.5万元"``.

    The typed tables (budget lines, subsidy claims) use it: text goes through
    :meth:`Money.parse` (元, 万元, 亿元, ``¥``, thousands separators), exact to the fen.
    Floats and bare numbers are refused as in :func:`as_money_fen`.
    """
    if isinstance(value, str):
        try:
            value = Money.parse(value)
        except InvalidInputError:
            raise InvalidInputError.bad(argument, value, MONEY_EXPECTED) from None
    fen = as_money_fen(value, argument)
    assert fen is not None
    return money(fen)


def day_cell(value: object, argument: str) -> _dt.date:
    """A :class:`datetime.date` of a table cell (ISO text, ``2024/3/1``, a date).

    The errors are :func:`as_date`'s (one wording for every date cell).
    """
    return as_date(value, argument)
