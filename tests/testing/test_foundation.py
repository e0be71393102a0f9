"""Tests for ``sportsgov.testing.foundation``: money and apportionment strategies."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given

import sportsgov.testing as testing
from sportsgov.apportionment import apportion
from sportsgov.money import Money


@given(testing.money(min_value=Money.parse("1元"), max_value=Money.parse("2元")))
def test_money_bounds_accept_money(m: Money) -> None:
    assert 100 <= m.fen <= 200


@given(testing.apportion_inputs(bounds=True))
def test_apportion_inputs_are_feasible(kwargs: dict[str, Any]) -> None:
    """Drawn inputs never raise InfeasibleError, and bounds hold in the result."""
    r = apportion(**kwargs, ties="order")
    floors = kwargs["floors"] or [0] * len(r.seats)
    caps = kwargs["caps"] or [None] * len(r.seats)
    for s, f, c in zip(r.seats, floors, caps, strict=True):
        assert s >= f and (c is None or s <= c)


@given(testing.apportion_inputs(bounds=True, keyed=True))
def test_apportion_inputs_keyed(kwargs: dict[str, Any]) -> None:
    assert isinstance(kwargs["weights"], dict)
    assert set(kwargs["floors"] or {}) <= set(kwargs["weights"])
    r = apportion(**kwargs, ties="order")
    assert list(r.seats) == list(kwargs["weights"])


@given(testing.apportion_weights(kinds=("small",), max_size=4))
def test_apportion_weights_kinds(ws: list[Any]) -> None:
    assert all(type(w) is int and 0 <= w <= 6 for w in ws)
    assert any(ws)


def test_apportion_weights_rejects_unknown_kinds() -> None:
    with pytest.raises(ValueError, match=r"kinds=\('complex',\): expected some of"):
        testing.apportion_weights(kinds=("complex",))
