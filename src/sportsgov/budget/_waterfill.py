"""Private exact engine: split integer fen in proportion to integer weights, with
per-unit floors and caps (water-filling) and largest-remainder rounding.

The bounded ideal of unit ``u`` is ``x_u = clamp(mu * a_u, floor_u, cap_u)``
where the *water level* ``mu`` is the one value for which ``sum(x_u) == total``
(``g(mu) = sum(x_u)`` is continuous and non-decreasing, so the level is found by
sweeping the breakpoints ``floor_u / a_u`` and ``cap_u / a_u`` in increasing
order). Units still between their bounds at that level share ``R = total - fixed``
exactly in proportion to ``a_u``: ``x_u = R * a_u / D`` with ``D`` the sum of
their weights, so every ideal is a fraction over one common denominator ``D``.
Rounding: every unit takes ``floor(x_u)``; the fen left over go one each to the
units with the largest remainders ``R * a_u mod D``; equal remainders at the cut
are a tie, broken by input order (``ties="order"``) or raised (``ties="error"``).
Floors and caps are whole fen, so rounding never breaks a bound.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from typing import Literal

from attrs import frozen

from sportsgov.errors import InfeasibleError, InvalidInputError, TieError

__all__ = ["Fill", "waterfill"]

Bound = Literal["floor", "cap"]


def _yuan(fen: int) -> str:
    """Exact yuan text of a fen amount (no float rounding at any size)."""
    sign = "-" if fen < 0 else ""
    whole, part = divmod(abs(fen), 100)
    return f"{sign}{whole}.{part:02d}"


@frozen
class Fill:
    """Outcome of :func:`waterfill` (all money in integer fen)."""

    amounts: tuple[int, ...]
    exact: tuple[Fraction, ...]  # bounded ideal, fen
    bound: tuple[Bound | None, ...]
    extra: tuple[int, ...]  # 1 where a remainder fen was given
    remainder_order: tuple[int, ...]  # indices given a remainder fen, in order
    tied: tuple[int, ...]  # indices tied at the remainder cut
    level: Fraction  # free units' multiplier relative to the unbounded split (1 if none bind)


def waterfill(
    total: int,
    weights: Sequence[int],
    floors: Sequence[int] | None = None,
    caps: Sequence[int | None] | None = None,
    *,
    ties: Literal["order", "error"] = "order",
    labels: Sequence[object] | None = None,
) -> Fill:
    """Split ``total`` fen in proportion to non-negative integer ``weights``."""
    n = len(weights)
    big_a = sum(weights)
    if big_a <= 0:
        raise InvalidInputError.bad("weights", list(weights), "at least one weight must be > 0")
    lo = list(floors) if floors is not None else [0] * n
    hi: list[int | None] = list(caps) if caps is not None else [None] * n
    names = list(labels) if labels is not None else list(range(n))

    for i in range(n):
        c = hi[i]
        if c is not None and c < lo[i]:
            raise InfeasibleError(
                f"floors[{names[i]!r}]={_yuan(lo[i])} > caps[{names[i]!r}]={_yuan(c)}: "
                "a floor must not exceed its cap"
            )
    floor_sum = sum(lo)
    if floor_sum > total:
        raise InfeasibleError(
            f"floors sum to {_yuan(floor_sum)} > total={_yuan(total)}: "
            "the floors cannot all be met"
        )
    reach = 0
    unbounded = False
    for i in range(n):
        c = hi[i]
        if weights[i] == 0:
            reach += lo[i]
        elif c is None:
            unbounded = True
        else:
            reach += c
    if not unbounded and reach < total:
        raise InfeasibleError(
            f"total={_yuan(total)} exceeds {_yuan(reach)}, the most the caps allow "
            "(units with a zero share get only their floor)"
        )

    # Fast path: the unbounded split already respects every bound.
    ok = True
    for i in range(n):
        ta = total * weights[i]
        c = hi[i]
        if lo[i] * big_a > ta or (c is not None and c * big_a < ta):
            ok = False
            break
    state: list[Bound | None] = [None] * n
    if ok:
        fixed = 0
        denom = big_a
        free = [i for i in range(n) if weights[i] > 0]
        for i in range(n):
            if weights[i] == 0:
                state[i] = "floor" if lo[i] > 0 else None
        level = Fraction(1)
    else:
        fixed, denom, free, level = _sweep(total, weights, lo, hi, state, big_a)

    rest = total - fixed
    amounts = [0] * n
    exact: list[Fraction] = [Fraction(0)] * n
    rems: list[tuple[int, int]] = []
    for i in range(n):
        st = state[i]
        if st == "floor" or (weights[i] == 0):
            amounts[i] = lo[i]
            exact[i] = Fraction(lo[i])
        elif st == "cap":
            c = hi[i]
            assert c is not None
            amounts[i] = c
            exact[i] = Fraction(c)
    for i in free:
        num = rest * weights[i]
        q, r = divmod(num, denom)
        amounts[i] = q
        exact[i] = Fraction(num, denom)
        if r:
            rems.append((r, i))
    left = total - sum(amounts)
    order: list[int] = []
    tied: list[int] = []
    if left:
        rems.sort(key=lambda t: (-t[0], t[1]))
        cut = rems[left - 1][0]
        if left < len(rems) and rems[left][0] == cut:
            tied = sorted(i for r, i in rems if r == cut)
            if ties == "error":
                raise TieError(
                    f"units {[names[i] for i in tied]} tie for the last "
                    f"{sum(1 for r, _ in rems[:left] if r == cut)} remainder fen; "
                    "pass ties='order' to break the tie by input order",
                    tied=[names[i] for i in tied],
                )
        order = [i for _, i in rems[:left]]
        for i in order:
            amounts[i] += 1
    extra = [0] * n
    for i in order:
        extra[i] = 1
    return Fill(
        amounts=tuple(amounts),
        exact=tuple(exact),
        bound=tuple(state),
        extra=tuple(extra),
        remainder_order=tuple(order),
        tied=tuple(tied),
        level=level,
    )


def _sweep(
    total: int,
    weights: Sequence[int],
    lo: list[int],
    hi: list[int | None],
    state: list[Bound | None],
    big_a: int,
) -> tuple[int, int, list[int], Fraction]:
    """Find the water level by sweeping breakpoints; fills ``state`` in place."""
    n = len(weights)
    events: list[tuple[Fraction, int, int]] = []  # (level, 0=leave floor / 1=reach cap, i)
    fixed = sum(lo)
    slope = 0
    for i in range(n):
        a = weights[i]
        if a == 0:
            continue
        events.append((Fraction(lo[i], a), 0, i))
        c = hi[i]
        if c is not None:
            events.append((Fraction(c, a), 1, i))
    events.sort(key=lambda e: (e[0], e[1], e[2]))
    pos = 0
    mu: Fraction | None = None
    while pos < len(events):
        at = events[pos][0]
        # configuration valid on [previous, at]: g(at) = fixed + at * slope
        if fixed + at * slope >= total:
            mu = Fraction(total - fixed, slope) if slope else at
            break
        while pos < len(events) and events[pos][0] == at:
            _, kind, i = events[pos]
            if kind == 0:
                fixed -= lo[i]
                slope += weights[i]
            else:
                c = hi[i]
                assert c is not None
                fixed += c
                slope -= weights[i]
            pos += 1
    if mu is None:
        if slope == 0:  # pragma: no cover - excluded by the feasibility check
            raise InfeasibleError("total cannot be reached within the caps")
        mu = Fraction(total - fixed, slope)
    free: list[int] = []
    fixed = 0
    denom = 0
    for i in range(n):
        a = weights[i]
        c = hi[i]
        x = mu * a
        if x < lo[i]:
            state[i] = "floor"
            fixed += lo[i]
        elif c is not None and x > c:
            state[i] = "cap"
            fixed += c
        elif a == 0:
            state[i] = None
        else:
            free.append(i)
            denom += a
    if not free:
        denom = 1
    return fixed, denom, free, mu * big_a / total if total else Fraction(1)
