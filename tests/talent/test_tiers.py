"""Tests for ``sportsgov.talent.tiers``: named tiers of the talent pipeline."""

from __future__ import annotations

from fractions import Fraction

from sportsgov.talent import PipelineModel, Tier


def test_tier_objects_and_records() -> None:
    tiers = [Tier("grassroots", "三线 传统项目学校", 3), Tier("city", "二线 市县体校", 2)]
    m = PipelineModel.from_records(
        [{"from": "grassroots", "to": "city", "rate": "8%"},
         {"from": "grassroots", "to": "grassroots", "rate": "70%"}],
        tiers=tiers,
    )  # fmt: skip
    assert m.rate("grassroots", "city") == Fraction(2, 25)
    assert m.attrition_of("grassroots") == Fraction(11, 50)
    assert m.tiers[0].line == 3
