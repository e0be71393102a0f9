"""Budget: factor allocation (因素法) at county scale and a subsidy ledger taking 100k claims."""

from __future__ import annotations

import datetime as dt
import math
import random
from fractions import Fraction

from benchmarks.run import Case
from sportsgov.budget import SubsidyLedger, SubsidyProgram, factor_allocation
from sportsgov.money import Money
from sportsgov.periods import Period


def _fraction_factor_allocation(
    total_fen: int, measures: dict[str, dict[str, int]], weights: dict[str, Fraction]
) -> dict[str, int]:
    """Plain reference: Fraction shares, then largest remainder (no bounds, no breakdown)."""
    totals = {f: sum(m[f] for m in measures.values()) for f in weights}
    exact = {
        u: total_fen * sum(w * Fraction(m[f], totals[f]) for f, w in weights.items())
        for u, m in measures.items()
    }
    parts = {u: math.floor(x) for u, x in exact.items()}
    left = total_fen - sum(parts.values())
    order = sorted(exact, key=lambda u: exact[u] - parts[u], reverse=True)
    for u in order[:left]:
        parts[u] += 1
    return parts


def _plain_ledger(claims: list[tuple[str, str, str, int, dt.date]], budget: int) -> int:
    """Plain reference: dicts of ints, no validation, no results, no lock."""
    seen: set[str] = set()
    by_person: dict[str, int] = {}
    spent = 0
    start, end = dt.date(2020, 12, 1), dt.date(2021, 3, 31)
    for cid, person, _kind, amount, on in claims:
        if cid in seen or not start <= on <= end:
            continue
        paid = min((amount + 1) // 2, 10_000, 30_000 - by_person.get(person, 0), budget - spent)
        seen.add(cid)
        by_person[person] = by_person.get(person, 0) + paid
        spent += paid
    return spent


def cases(quick: bool) -> list[Case]:
    rng = random.Random(7)
    n_units = 200 if quick else 3_000
    n_factors = 10
    factors = [f"f{j}" for j in range(n_factors)]
    raw = [rng.randint(1, 20) for _ in factors]
    weights = {f: Fraction(r, sum(raw)) for f, r in zip(factors, raw, strict=True)}
    measures = {
        f"county{i:04d}": {f: rng.randint(0, 2_000_000) for f in factors} for i in range(n_units)
    }
    total = Money.parse("7668.28万元")
    units = list(measures)
    floors = {u: Money.yuan(5000) for u in units[: n_units // 3]}
    caps = {u: Money.yuan(30000) for u in units[n_units // 3 : 2 * n_units // 3]}

    n_claims = 2_000 if quick else 100_000
    program = SubsidyProgram(
        "乐冰雪 ski tickets",
        ["ski_ticket", "coaching"],
        "50%",
        Money.yuan(100),
        Money.yuan(300),
        Money(n_claims * 3_000),
        Period.parse("2020-12/2021-03"),
    )
    people = [f"p{i}" for i in range(n_claims // 5)]
    days = [dt.date(2020, 12, 1) + dt.timedelta(days=d) for d in range(121)]
    claims = [
        (
            f"c{i}",
            rng.choice(people),
            rng.choice(("ski_ticket", "coaching")),
            rng.randint(1_000, 30_000),
            rng.choice(days),
        )
        for i in range(n_claims)
    ]
    money_claims = [(c, p, k, Money(a), d) for c, p, k, a, d in claims]

    def run_ledger() -> None:
        ledger = SubsidyLedger(program)
        claim = ledger.claim
        for c, p, k, a, d in money_claims:
            claim(c, p, k, a, d)

    return [
        Case(
            f"factor_allocation {n_units} units x {n_factors} factors",
            lambda: factor_allocation(total, measures, weights),
            lambda: _fraction_factor_allocation(total.fen, measures, weights),
            "plain Fraction shares + largest remainder",
            target="well under 1 s at 3,000 x 10",
            max_seconds=1.0,
        ),
        Case(
            f"factor_allocation {n_units} x {n_factors} with floors and caps",
            lambda: factor_allocation(total, measures, weights, floors=floors, caps=caps),
            lambda: _fraction_factor_allocation(total.fen, measures, weights),
            "plain Fraction (unbounded)",
            target="well under 1 s at 3,000 x 10",
            max_seconds=1.0,
        ),
        Case(
            f"SubsidyLedger: {n_claims} claims, one thread",
            run_ledger,
            lambda: _plain_ledger(claims, program.budget.fen),
            "plain dict-of-int loop",
            target="about 1 s or less for 100,000 claims",
            max_seconds=1.0,
        ),
    ]
