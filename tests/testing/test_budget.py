"""Tests for ``sportsgov.testing.budget``: the strategies keep the shapes they promise."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from hypothesis import given

from sportsgov.money import Money
from sportsgov.testing import factor_problems, subsidy_claims


@given(factor_problems(max_size=3, max_factors=2))
def test_factor_problems_weights_sum_to_one_and_units_are_named(p: dict[str, Any]) -> None:
    assert set(p) == {"total", "measures", "weights"}
    weights = p["weights"]
    assert 1 <= len(weights) <= 2 and sum(Fraction(w) for w in weights.values()) == 1
    measures = p["measures"]  # unit -> factor -> measure
    assert 1 <= len(measures) <= 3 and set(measures) <= {"u0", "u1", "u2"}
    for factor, w in weights.items():
        total = sum(Fraction(m.get(factor, 0)) for m in measures.values())
        assert w == 0 or total > 0


@given(factor_problems(max_size=2, bounds=True))
def test_factor_problems_with_bounds_add_floors_and_caps(p: dict[str, Any]) -> None:
    assert {"floors", "caps"} <= set(p)


@given(subsidy_claims(kinds=("lift",), people=2, max_size=5))
def test_subsidy_claims_shape(claims: list[tuple[Any, ...]]) -> None:
    assert len(claims) <= 5
    for claim_id, person, kind, amount, _on in claims:
        assert claim_id.startswith("c") and person in ("p0", "p1") and kind == "lift"
        assert isinstance(amount, Money) and 0 <= amount.fen <= 100_000
