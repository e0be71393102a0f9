"""Tests for ``sportsgov.talent.tiers``: named tiers of the talent pipeline."""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction

import pytest

from sportsgov.errors import InvalidInputError
from sportsgov.talent import PipelineModel, Tier
from sportsgov.talent.tiers import as_tiers


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


def test_tiers_from_codes_mappings_and_objects() -> None:
    assert as_tiers(["a", {"code": "b", "line": 2}, Tier("c", "三线")]) == (
        Tier("a"),
        Tier("b", line=2),
        Tier("c", "三线"),
    )


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: Tier(" "), r"^code=' ': must be a non-empty string$"),
        (lambda: Tier(3), r"^code=3: must be a non-empty string$"),
        (lambda: as_tiers("ab"), r"^tiers='ab': expected a sequence of Tier or codes$"),
        (lambda: as_tiers([]), r"^tiers=\[\]: must name at least one tier$"),
        (lambda: as_tiers([3]), r"^tiers=3: expected a Tier, a code or a mapping$"),
        (
            lambda: as_tiers(["a", Tier("a")]),
            r"^tiers=\['a', 'a'\]: codes must be unique; repeated: \['a'\]$",
        ),
    ],
)
def test_bad_tiers(make: Callable[[], object], message: str) -> None:
    with pytest.raises(InvalidInputError, match=message):
        make()
