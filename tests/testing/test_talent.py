"""Tests for ``sportsgov.testing.talent``: the strategies keep the bounds they promise."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from hypothesis import given

from sportsgov.talent import InstructorTable, SchoolTable, Tier
from sportsgov.testing import instructor_tables, pipeline_models, school_tables, tiers


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


@given(school_tables(max_size=4))
def test_school_tables_sizes_and_unique_names(t: SchoolTable) -> None:
    assert isinstance(t, SchoolTable) and len(t) <= 4
    assert len({s.school for s in t}) == len(t)
    assert all(len(s.region) == 6 and s.coaches >= 0 and s.athletes >= 0 for s in t)


@given(instructor_tables(max_size=4))
def test_instructor_tables_sizes_and_unique_keys(t: InstructorTable) -> None:
    assert isinstance(t, InstructorTable) and len(t) <= 4
    assert len({(r.region, r.year) for r in t}) == len(t)
    assert all(1990 <= r.year <= 2035 and r.instructors >= 0 for r in t)
