"""Money: exact arithmetic, parsing and allocation against plain int/Decimal/Fraction code."""

from __future__ import annotations

import math
import random
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from benchmarks.run import Case
from sportsgov.money import Money, allocate


def _fraction_hamilton(total_fen: int, weights: list[int]) -> list[int]:
    """Plain reference: exact quotas as Fractions, largest remainder, ties by order."""
    s = sum(weights)
    quotas = [Fraction(total_fen * w, s) for w in weights]
    parts = [math.floor(q) for q in quotas]
    left = total_fen - sum(parts)
    order = sorted(range(len(weights)), key=lambda i: (-(quotas[i] - parts[i]), i))
    for i in order[:left]:
        parts[i] += 1
    return parts


def cases(quick: bool) -> list[Case]:
    n_units = 300 if quick else 3_000
    n_amounts = 2_000 if quick else 100_000
    rng = random.Random(0)
    total = Money.parse("7668.28万元")
    weights = [rng.randint(1, 2_000_000) for _ in range(n_units)]  # e.g. county populations
    dec_weights = [Decimal(w) / 1000 for w in weights]
    amounts = [Money(rng.randint(0, 10**9)) for _ in range(n_amounts)]
    fens = [m.fen for m in amounts]
    texts = [f"{rng.randint(0, 10**7) / 100:.2f}万元" for _ in range(n_amounts // 10)]
    rate = Decimal("0.15")
    decimals = [m.to_decimal() for m in amounts]

    return [
        Case(
            f"allocate to {n_units} units (int weights)",
            lambda: allocate(total, weights),
            lambda: _fraction_hamilton(total.fen, weights),
            "plain Fraction Hamilton",
            target="ratio <= 1; < 50 ms at 3,000 units",
            max_ratio=1.0,
            max_seconds=0.05,
        ),
        Case(
            f"allocate to {n_units} units (Decimal weights)",
            lambda: allocate(total, dec_weights),
            lambda: _fraction_hamilton(total.fen, weights),
            "plain Fraction Hamilton (int weights)",
            target="ratio <= 2",
            max_ratio=2.0,
        ),
        Case(
            f"sum({n_amounts} Money)",
            lambda: sum(amounts, Money.zero()),
            lambda: sum(fens),
            "sum of int fen",
            target="ratio <= 100 (one object per step)",
            max_ratio=100.0,
        ),
        Case(
            f"Money * Decimal x{n_amounts} (half up)",
            lambda: [m * rate for m in amounts],
            lambda: [
                (d * rate).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP) for d in decimals
            ],
            "Decimal * rate, quantize",
            target="ratio <= 3",
            max_ratio=3.0,
        ),
        Case(
            f"Money.parse x{len(texts)}",
            lambda: [Money.parse(t) for t in texts],
            lambda: [Decimal(t[:-2]) * 10000 for t in texts],
            "Decimal(text) * 10000",
            target="ratio <= 15 (we validate and accept many forms)",
            max_ratio=15.0,
        ),
    ]
