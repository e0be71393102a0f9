"""Co-funding (配套资金): split a project cost among funding levels, exact to the fen.

A key project is often paid by several levels of government: city and county
(市县), or central, provincial and local (中央、省、市县) budgets, each carrying a
fixed share. :func:`cofunding` splits the cost exactly. Remainder rule (stated
in the result): every payer first takes the whole fen of its exact share; the
few fen left over go

* ``remainder="largest"`` (default): one each to the payers with the largest
  fractional parts, equal parts broken by the order the payers are listed in
  (list the level that should take odd fen first);
* ``remainder="first"`` / ``"last"``: all to the first / last payer listed
  (e.g. "the county budget covers any difference").

A payer's contribution may be capped (``caps``): what a capped payer does not
pay is shared by the other payers in proportion to their shares.
A negative cost (a saving or refund to hand back) is split as the exact mirror
of the positive one, so refunds mirror payments fen for fen.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Mapping
from fractions import Fraction
from typing import Literal

from attrs import frozen

from sportsgov.budget._numbers import as_money_fen, money, normalise_weights
from sportsgov.budget._waterfill import waterfill
from sportsgov.errors import InvalidInputError, NotFoundError
from sportsgov.money import Money

__all__ = ["CofundingSplit", "cofunding"]

Remainder = Literal["largest", "first", "last"]


@frozen
class CofundingSplit:
    """Result of :func:`cofunding`.

    Attributes
    ----------
    cost : Money
        The project cost that was split.
    amounts : dict[Hashable, Money]
        Each payer's contribution, in the order given; sums exactly to ``cost``.
    shares : dict[Hashable, Fraction]
        The shares as exact fractions summing to 1.
    exact : dict[Hashable, Fraction]
        Each payer's exact contribution before rounding (after caps) [fen].
    remainder_units : tuple[Hashable, ...]
        Payers that took a remainder fen (in order; may repeat none).
    capped : tuple[Hashable, ...]
        Payers held at their cap.
    rule : str
        The remainder rule applied, in words.

    Examples
    --------
    >>> from sportsgov import Money
    >>> s = cofunding(Money.yuan("100.01"), {"city": 50, "county": 50})
    >>> s.amounts
    {'city': Money('50.01'), 'county': Money('50.00')}
    >>> s.remainder_units
    ('city',)
    """

    cost: Money
    amounts: dict[Hashable, Money]
    shares: dict[Hashable, Fraction]
    exact: dict[Hashable, Fraction]
    remainder_units: tuple[Hashable, ...]
    capped: tuple[Hashable, ...]
    rule: str


def cofunding(
    cost: Money,
    shares: Mapping[Hashable, object],
    *,
    remainder: Remainder = "largest",
    caps: Mapping[Hashable, Money] | None = None,
) -> CofundingSplit:
    """Split a project cost among payers by fixed shares, exact to the fen.

    Parameters
    ----------
    cost : Money
        The cost to split; a negative cost is split as the mirror of the positive one.
    shares : mapping {payer: share}
        Shares summing to exactly 1 or exactly 100 (percent); exact numbers or
        strings such as ``"60%"``.
    remainder : {"largest", "first", "last"}
        Who takes the fen left after whole-fen rounding (see the module docs).
    caps : mapping {payer: Money}, optional
        Most a payer contributes; the rest is shared by the others by their shares.

    Returns
    -------
    CofundingSplit
        ``.amounts`` sums exactly to ``cost``.

    Raises
    ------
    InvalidInputError
        Shares not summing to 1 or 100, negative shares, float money.
    NotFoundError
        A cap names an unknown payer.
    InfeasibleError
        The caps cannot cover the cost.

    Examples
    --------
    Central / provincial / local split of a 1,000,000.01 yuan project:

    >>> from sportsgov import Money
    >>> s = cofunding(
    ...     Money.yuan("1000000.01"), {"central": "50%", "provincial": "30%", "local": "20%"}
    ... )
    >>> s.amounts
    {'central': Money('500000.01'), 'provincial': Money('300000.00'), 'local': Money('200000.00')}
    >>> cofunding(Money.yuan("100.01"), {"city": 50, "county": 50}, remainder="last").amounts
    {'city': Money('50.00'), 'county': Money('50.01')}
    """
    if remainder not in ("largest", "first", "last"):
        raise InvalidInputError.bad(
            "remainder", remainder, "expected one of 'largest', 'first', 'last'"
        )
    fen = as_money_fen(cost, "cost", allow_negative=True)
    assert fen is not None
    w = normalise_weights(shares, "shares")
    payers = list(w)
    sign = -1 if fen < 0 else 1
    whole = abs(fen)
    q = math.lcm(*(v.denominator for v in w.values()))
    a = [int(w[p] * q) for p in payers]
    hi: dict[Hashable, int] = {}
    for p, value in (caps or {}).items():
        if p not in w:
            raise NotFoundError.bad(f"caps[{p!r}]", value, "unknown payer (not in shares)")
        c = as_money_fen(value, f"caps[{p!r}]")
        assert c is not None
        hi[p] = c
    fill = waterfill(whole, a, None, [hi.get(p) for p in payers], labels=payers)
    amounts = list(fill.amounts)
    order = list(fill.remainder_order)
    if remainder != "largest" and order:
        # Take the remainder fen back and give them all to one payer (if it has room).
        for i in order:
            amounts[i] -= 1
        candidates = range(len(payers)) if remainder == "first" else reversed(range(len(payers)))
        left = len(order)
        order = []
        for i in candidates:
            if fill.bound[i] == "cap" or a[i] == 0:
                continue
            c = hi.get(payers[i])
            room = left if c is None else min(left, c - amounts[i])
            amounts[i] += room
            order.extend([i] * room)
            left -= room
            if not left:
                break
    rule = {
        "largest": "whole fen first; remainder fen to the largest fractional parts, "
        "ties by the order payers are listed",
        "first": "whole fen first; all remainder fen to the first payer listed",
        "last": "whole fen first; all remainder fen to the last payer listed",
    }[remainder]
    if sign < 0:
        rule += "; negative cost split as the mirror of the positive cost"
    return CofundingSplit(
        cost=money(fen),
        amounts={p: money(sign * amounts[i]) for i, p in enumerate(payers)},
        shares=w,
        exact={p: sign * fill.exact[i] for i, p in enumerate(payers)},
        remainder_units=tuple(dict.fromkeys(payers[i] for i in order)),
        capped=tuple(p for i, p in enumerate(payers) if fill.bound[i] == "cap"),
        rule=rule,
    )
