"""Tests for ``sportsgov._common.arrays``: read-only copies and equality."""

from __future__ import annotations

import numpy as np

from sportsgov._common.arrays import arrays_equal, optional_arrays_equal, readonly

# ------------------------------------------------------------------------------ arrays


def test_readonly_does_not_touch_the_callers_array() -> None:
    a = np.arange(3)
    r = readonly(a)
    assert a.flags.writeable and not r.flags.writeable
    assert readonly(r) is r


def test_array_equality() -> None:
    nan = np.array([1.0, np.nan])
    assert arrays_equal(nan, nan.copy(), nan=True)
    assert not arrays_equal(nan, nan.copy())
    assert not arrays_equal(np.zeros(2), np.zeros((1, 2)))
    assert optional_arrays_equal(None, None)
    assert not optional_arrays_equal(None, np.zeros(1))
