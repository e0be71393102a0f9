"""Strategies for budgets: factor-allocation problems, funding models, subsidy programs,
claims, and the typed tables of budget lines and subsidy claims."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from sportsgov._common.cells import is_missing
from sportsgov.testing._compat import renamed

__all__ = [
    "budget_line_tables",
    "factor_problems",
    "funding_models",
    "subsidy_claim_tables",
    "subsidy_claims",
    "subsidy_programs",
]

# Cell text as a spreadsheet holds it: no surrounding blanks or control characters
# (the tables strip cells), anything else goes (Chinese, digits, punctuation).
_CELL_CHARS = st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Zs", "Zl", "Zp"))


def factor_problems(
    *,
    max_size: int = 5,
    max_factors: int = 3,
    max_total_fen: int = 10**9,
    bounds: bool = False,
    max_units: int | None = None,
) -> st.SearchStrategy[dict[str, Any]]:
    """Inputs for :func:`sportsgov.budget.factor_allocation` as a dict of keyword arguments.

    1 to ``max_size`` units (``max_units`` is the deprecated old name) and 1 to
    ``max_factors`` factors.

    ``{"total", "measures", "weights"}`` (plus ``"floors"`` and ``"caps"`` when
    ``bounds=True``; bounds are drawn freely, so some problems are infeasible).
    Weights are exact fractions summing to 1; every factor with a positive weight
    has a positive total measure. Units are ``"u0"``, ``"u1"``...; measures mix
    ints and Fractions.

    Examples
    --------
    >>> from hypothesis import given
    >>> from sportsgov.budget import factor_allocation
    >>> from sportsgov.testing import factor_problems
    >>> @given(factor_problems())
    ... def test_sum(p):
    ...     assert sum(factor_allocation(**p).amounts.values()) == p["total"]
    >>> test_sum()
    """
    from fractions import Fraction

    from sportsgov.money import Money

    size = renamed("factor_problems", "max_units", max_units, "max_size", max_size)

    @st.composite
    def build(draw: Any) -> dict[str, Any]:
        n = draw(st.integers(1, size))
        k = draw(st.integers(1, max_factors))
        units = [f"u{i}" for i in range(n)]
        factors = [f"f{j}" for j in range(k)]
        raw = draw(st.lists(st.integers(0, 20), min_size=k, max_size=k).filter(any))
        weights = {f: Fraction(r, sum(raw)) for f, r in zip(factors, raw, strict=True)}
        measure = st.one_of(st.integers(0, 10**6), st.fractions(0, 1000, max_denominator=50))
        measures = {u: {f: draw(measure) for f in factors} for u in units}
        for f in factors:
            if weights[f] and not any(measures[u][f] for u in units):
                measures[units[0]][f] = 1
        total = Money(draw(st.integers(0, max_total_fen)))
        problem: dict[str, Any] = {"total": total, "measures": measures, "weights": weights}
        if bounds:
            cap_fen = max_total_fen
            floors = {
                u: Money(draw(st.integers(0, total.fen // max(1, n - 1))))
                for u in units
                if draw(st.booleans())
            }
            caps = {
                u: Money(draw(st.integers(floors[u].fen if u in floors else 0, cap_fen)))
                for u in units
                if draw(st.booleans())
            }
            problem["floors"] = floors
            problem["caps"] = caps
        return problem

    return build()


def funding_models() -> st.SearchStrategy[Any]:
    """:class:`sportsgov.budget.FundingModel` of all four kinds (registered for ``from_type``).

    Examples
    --------
    >>> from hypothesis import given
    >>> from sportsgov.testing import funding_models
    >>> @given(funding_models())
    ... def test_public_cost_not_above_cost(m):
    ...     assert m.cost is None or m.public_cost <= m.cost or m.kind == "market_operated"
    >>> test_public_cost_not_above_cost()
    """
    from fractions import Fraction

    from sportsgov.budget import FundingModel
    from sportsgov.money import Money

    cost = st.integers(0, 10**9).map(Money)
    return st.one_of(
        cost.map(FundingModel.government_hosted),
        cost.map(FundingModel.purchased_service),
        st.builds(
            lambda c, r, cap: FundingModel.partial_subsidy(c, r, cap=cap),
            cost,
            st.fractions(Fraction(1, 100), 1, max_denominator=100),
            st.none() | cost,
        ),
        st.just(FundingModel.market_operated()),
    )


def subsidy_programs(
    *, kinds: tuple[str, ...] = ("ski_ticket", "coaching", "training", "event")
) -> st.SearchStrategy[Any]:
    """:class:`sportsgov.budget.SubsidyProgram` over the year 2024 with small caps and
    budgets, so that caps and the budget bind often (registered for ``from_type``).

    Examples
    --------
    >>> from hypothesis import given
    >>> from sportsgov.testing import subsidy_programs
    >>> @given(subsidy_programs())
    ... def test_budget_positive(p):
    ...     assert p.budget.fen > 0
    >>> test_budget_positive()
    """
    from fractions import Fraction

    from sportsgov.budget import SubsidyProgram
    from sportsgov.money import Money
    from sportsgov.periods import Period

    rate = st.fractions(Fraction(1, 100), 1, max_denominator=100)
    cap = st.none() | st.integers(0, 50_000).map(Money)

    @st.composite
    def build(draw: Any) -> Any:
        chosen = draw(st.lists(st.sampled_from(kinds), min_size=1, unique=True))
        rates: Any = {k: draw(rate) for k in chosen} if draw(st.booleans()) else draw(rate)
        return SubsidyProgram(
            "test program",
            chosen,
            rates,
            draw(cap),
            draw(cap),
            Money(draw(st.integers(1, 500_000))),
            Period.year(2024),
        )

    return build()


def subsidy_claims(
    *,
    kinds: tuple[str, ...] = ("ski_ticket", "coaching", "training", "event", "lift"),
    people: int = 4,
    max_size: int = 40,
) -> st.SearchStrategy[list[tuple[str, str, str, Any, Any]]]:
    """Lists of claims ``(claim_id, person, kind, amount, on)`` for a
    :class:`~sportsgov.budget.SubsidyLedger`: some ids repeat, some kinds are not
    covered and some dates fall outside 2024, so every path is exercised.

    Examples
    --------
    >>> from hypothesis import given
    >>> from sportsgov.testing import subsidy_claims
    >>> @given(subsidy_claims())
    ... def test_shape(claims):
    ...     assert all(len(c) == 5 for c in claims)
    >>> test_shape()
    """
    import datetime as dt

    from sportsgov.money import Money

    claim = st.tuples(
        st.integers(0, max_size).map(lambda i: f"c{i}"),
        st.integers(0, people - 1).map(lambda i: f"p{i}"),
        st.sampled_from(kinds),
        st.integers(0, 100_000).map(Money),
        st.dates(dt.date(2023, 12, 1), dt.date(2025, 1, 31)),
    )
    return st.lists(claim, max_size=max_size)


def budget_line_tables(*, max_size: int = 5) -> st.SearchStrategy[Any]:
    """:class:`sportsgov.budget.BudgetLineTable` of 0 to ``max_size`` lines (registered
    for ``from_type``): unique ids of any text, budgets and spending from 0 to 1 亿元
    (spending above the budget included), optional names and 6-digit region codes.

    Examples
    --------
    >>> from hypothesis import given
    >>> from sportsgov.budget import BudgetLineTable
    >>> from sportsgov.testing import budget_line_tables
    >>> @given(budget_line_tables())
    ... def test_records_round_trip(t):
    ...     assert BudgetLineTable.from_records(t.to_records()) == t
    >>> test_records_round_trip()
    """
    from sportsgov.budget import BudgetLine, BudgetLineTable
    from sportsgov.money import Money

    # placeholders such as "NA", "-" or "无" are missing cells, never ids or names
    text = st.text(_CELL_CHARS, min_size=1, max_size=6).filter(lambda t: not is_missing(t))
    fen = st.integers(0, 10**10).map(Money)

    @st.composite
    def build(draw: Any) -> Any:
        ids = draw(st.lists(text, max_size=max_size, unique=True))
        return BudgetLineTable(
            [
                BudgetLine(
                    i,
                    draw(fen),
                    draw(fen),
                    name=draw(st.just("") | text),
                    region=draw(st.just("") | st.from_regex(r"[1-9][0-9]{5}", fullmatch=True)),
                )
                for i in ids
            ]
        )

    return build()


def subsidy_claim_tables(*, max_size: int = 5) -> st.SearchStrategy[Any]:
    """:class:`sportsgov.budget.SubsidyClaimTable` of 0 to ``max_size`` claims (registered
    for ``from_type``): ids, people and kinds of any text (ids may repeat), amounts from
    0 to 100 万元, dates from 2000 to 2099.

    Examples
    --------
    >>> from hypothesis import given
    >>> from sportsgov.budget import SubsidyClaimTable
    >>> from sportsgov.testing import subsidy_claim_tables
    >>> @given(subsidy_claim_tables())
    ... def test_records_round_trip(t):
    ...     assert SubsidyClaimTable.from_records(t.to_records()) == t
    >>> test_records_round_trip()
    """
    import datetime as dt

    from sportsgov.budget import SubsidyClaim, SubsidyClaimTable
    from sportsgov.money import Money

    # placeholders such as "NA", "-" or "无" are missing cells, never ids or names
    text = st.text(_CELL_CHARS, min_size=1, max_size=6).filter(lambda t: not is_missing(t))
    claim = st.builds(
        SubsidyClaim,
        text,
        text,
        text,
        st.integers(0, 10**8).map(Money),
        st.dates(dt.date(2000, 1, 1), dt.date(2099, 12, 31)),
    )
    return st.lists(claim, max_size=max_size).map(SubsidyClaimTable)
