"""Tests for ``sportsgov.testing.talent``: the strategies keep the bounds they promise."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from hypothesis import given

from sportsgov.talent import Tier
from sportsgov.testing import pipeline_models, tiers


@given(tiers(min_size=2, max_size=3))
def test_tiers_sizes_and_unique_codes(drawn: tuple[Tier, ...]) -> None:
    assert 2 <= len(drawn) <= 3 and all(isinstance(t, Tier) for t in drawn)
    assert len({t.code for t in drawn}) == len(drawn)


@given(pipeline_models(max_size=3, denominator=10, min_attrition=2))
def test_pipeline_rates_are_multiples_and_attrition_is_kept(m: Any) -> None:
    assert 1 <= len(m.tiers) <= 3
    for row, lost in zip(m.transitions, m.attrition, strict=True):
        assert sum(row) + lost == 1 and lost >= Fraction(2, 10)
        assert all((Fraction(r) * 10).denominator == 1 for r in row)
