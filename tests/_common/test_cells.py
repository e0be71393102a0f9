"""Tests for ``sportsgov._common.cells``: what counts as a missing cell."""

from __future__ import annotations

import numpy as np
import pytest

from sportsgov._common.cells import is_missing, sheet_text

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


@pytest.mark.parametrize(
    ("text", "number", "money", "expected"),
    [
        ("'0410102", False, False, "0410102"),
        (" '420 ", True, False, "420"),
        ("'abc", False, False, "'abc"),  # an apostrophe before text is the text
        ("Jon's", False, False, "Jon's"),
        ("１２０", True, False, "120"),
        ("１２０", False, False, "１２０"),  # text cells are never folded
        ("30％", True, False, "30%"),
        ("420㎡", True, False, "420㎡"),  # units are the unit parser's business
        ("1,200", True, False, "1200"),
        ("-1,234,567.5", True, False, "-1234567.5"),
        ("1,20", True, False, "1,20"),  # not grouped by three: left to be refused
        ("1,2345", True, False, "1,2345"),
        ("1,200", False, False, "1,200"),
        ("(1,234.00)", False, True, "-1234.00"),
        ("（１,２３４.００）", False, True, "-1234.00"),
        ("(¥1,234.00)", False, True, "-¥1234.00"),
        ("(1,234.00)", True, False, "(1234.00)"),  # brackets are negative only for money
        ("(备注)", False, True, "(备注)"),
    ],
)
def test_sheet_text(text: str, number: bool, money: bool, expected: str) -> None:
    assert sheet_text(text, number=number, money=money) == expected
