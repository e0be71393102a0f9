"""Tests for ``sportsgov.coverage.results``: CoverageResult and its per-region table.

Oracle: plain Python sums over the points, region by region.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from sportsgov.coverage.geo import Points
from sportsgov.coverage.results import CoverageResult, RegionCoverage
from sportsgov.errors import InvalidInputError


def _result(weights: list[int], covered: list[bool], by: list[str] | None) -> CoverageResult:
    n = len(weights)
    demand = Points([113.6 + 0.001 * i for i in range(n)], [34.7] * n, weight=weights)
    return CoverageResult(
        demand,
        np.array(covered, dtype=bool),
        np.where(np.array(covered, dtype=bool), 100.0, np.inf),
        np.where(np.array(covered, dtype=bool), 0, -1).astype(np.int64),
        np.full(n, 500.0),
        by=None if by is None else np.array(by),
    )


ROWS = st.lists(
    st.tuples(st.integers(0, 1000), st.booleans(), st.sampled_from(["A", "B", "C"])),
    min_size=1,
    max_size=12,
).filter(lambda rows: any(w > 0 for w, _, _ in rows))


@given(ROWS)
def test_region_table_is_the_sum_over_its_points(rows: list[tuple[int, bool, str]]) -> None:
    weights = [w for w, _, _ in rows]
    covered = [c for _, c, _ in rows]
    result = _result(weights, covered, [r for _, _, r in rows])
    expected = {}
    for code in sorted({r for _, _, r in rows}):
        mine = [(w, c) for w, c, r in rows if r == code]
        expected[code] = RegionCoverage(
            code,
            len(mine),
            sum(c for _, c in mine),
            float(sum(w for w, _ in mine)),
            float(sum(w for w, c in mine if c)),
        )
    assert result.regions == expected
    assert list(result.regions) == sorted(expected)
    assert result.total_population == sum(weights)
    assert result.covered_population == sum(w for w, c, _ in rows if c)
    assert result.share == pytest.approx(result.covered_population / sum(weights))
    assert result.uncovered_population == sum(w for w, c, _ in rows if not c)
    assert len(result.uncovered.lon) == covered.count(False)
    assert [r["region"] for r in result.to_records()] == sorted(expected)


def test_region_share_is_none_without_population() -> None:
    assert RegionCoverage("A", 2, 0, 0.0, 0.0).share is None
    assert RegionCoverage("A", 10, 7, 1000.0, 640.0).share == 0.64


def test_arrays_are_read_only() -> None:
    result = _result([1, 2], [True, False], None)
    with pytest.raises(ValueError, match="read-only"):
        result.covered[0] = False


def test_regions_need_by() -> None:
    with pytest.raises(InvalidInputError, match=r"^by=None: per-region table needs"):
        _ = _result([1], [True], None).regions
