"""Tests for ``sportsgov._common.cells``: what counts as a missing cell."""

from __future__ import annotations

import numpy as np
import pytest

from sportsgov._common.cells import is_missing

# ------------------------------------------------------------------------------ cells


@pytest.mark.parametrize(
    "value",
    [
        None,
        "",
        "  ",
        "NA",
        "n/a",
        "NaN",
        "null",
        "None",
        "-",
        "—",
        "--",
        "/",
        "无",
        float("nan"),
        np.float64("nan"),
    ],
)
def test_missing_cells(value: object) -> None:
    assert is_missing(value)


@pytest.mark.parametrize("value", [0, 0.0, "0", "x", False, "N", np.float64(1.0)])
def test_present_cells(value: object) -> None:
    assert not is_missing(value)
