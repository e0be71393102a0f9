from __future__ import annotations

import pickle

import numpy as np
import pytest

from sportsgov.errors import (
    BudgetExceededError,
    DataError,
    DatumError,
    InfeasibleError,
    InvalidInputError,
    NotFoundError,
    SportsgovError,
    TieError,
    UnitError,
    format_value,
)


def test_message_style_names_argument_value_and_allowed() -> None:
    err = InvalidInputError.bad("method", "dhont", "expected one of 'hamilton', 'jefferson'")
    assert str(err) == "method='dhont': expected one of 'hamilton', 'jefferson'"
    assert (err.argument, err.value, err.allowed) == (
        "method",
        "dhont",
        "expected one of 'hamilton', 'jefferson'",
    )


@pytest.mark.parametrize(
    ("cls", "builtin"),
    [
        (InvalidInputError, ValueError),
        (UnitError, ValueError),
        (DataError, ValueError),
        (DatumError, ValueError),
        (NotFoundError, LookupError),
        (InfeasibleError, ValueError),
        (TieError, ValueError),
    ],
)
def test_builtin_mixins(cls: type[Exception], builtin: type[Exception]) -> None:
    assert issubclass(cls, SportsgovError)
    assert issubclass(cls, builtin)


def test_budget_exceeded_is_not_a_value_error() -> None:
    assert not issubclass(BudgetExceededError, ValueError)


def test_data_error_says_where() -> None:
    err = DataError(
        "area=-3: must be >= 0", source="venues.csv", row=12, line=13, field="area", value=-3
    )
    assert str(err) == "venues.csv, row 12, line 13, field area: area=-3: must be >= 0"
    assert (err.source, err.row, err.line, err.field, err.value) == (
        "venues.csv",
        12,
        13,
        "area",
        -3,
    )
    again = pickle.loads(pickle.dumps(err))
    assert (again.source, again.row, again.field, str(again)) == (
        err.source,
        err.row,
        err.field,
        str(err),
    )


def test_tie_error_lists_tied_units() -> None:
    err = TieError("2 units tie for the last seat", tied=["A", "B"])
    assert err.tied == ("A", "B")
    assert pickle.loads(pickle.dumps(err)).message == err.message


def test_format_value_shortens_arrays_and_sequences() -> None:
    text = format_value(np.arange(1000))
    assert "shape=(1000,)" in text and len(text) <= 60
    assert format_value(list(range(10))) == "[0, 1, 2, 3, 4, ... (10 items)]"
    assert format_value("x" * 200).endswith("...")
    assert format_value(-5) == "-5"
