"""Tests for ``sportsgov.testing.models``: strategies for the domain models."""

from __future__ import annotations

from typing import Any

from hypothesis import given

import sportsgov.testing as testing


@given(testing.region_trees(min_size=3, max_size=4))
def test_region_trees_sizes(tree: Any) -> None:
    assert 3 <= len(tree.regions) <= 4
