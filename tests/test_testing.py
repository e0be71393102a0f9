"""Tests for sportsgov.testing: the hypothesis entry point and the strategies.

The registration test is generic: it captures every ``register_type_strategy``
call the hook makes (each area adds its own) and checks that each registered
strategy draws valid instances of its type, so a broken registration in any
area fails here.
"""

from __future__ import annotations

import importlib.metadata
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import sportsgov.testing as testing
from sportsgov.apportionment import Apportionment, apportion
from sportsgov.money import Money
from sportsgov.periods import Period


def _registered() -> list[tuple[type, Any]]:
    calls: list[tuple[type, Any]] = []
    original = st.register_type_strategy
    try:
        st.register_type_strategy = lambda t, s: calls.append((t, s))  # type: ignore[assignment]
        testing._hypothesis_setup_hook()
    finally:
        st.register_type_strategy = original
    return calls


REGISTERED = _registered()


def test_entry_point_is_declared() -> None:
    eps = importlib.metadata.entry_points(group="hypothesis")
    values = {ep.value for ep in eps}
    assert "sportsgov.testing:_hypothesis_setup_hook" in values


def test_hook_registers_foundation_types() -> None:
    types = {t for t, _ in REGISTERED}
    assert {Money, Period, Apportionment} <= types
    assert len(types) == len(REGISTERED), "a type is registered twice"


def test_hook_can_run_again() -> None:
    testing._hypothesis_setup_hook()  # idempotent: re-registering must not fail


@pytest.mark.parametrize(("cls", "strategy"), REGISTERED, ids=lambda x: getattr(x, "__name__", ""))
def test_every_registered_strategy_draws_its_type(cls: type, strategy: Any) -> None:
    @settings(max_examples=10)
    @given(st.data())
    def check(data: st.DataObject) -> None:
        value = data.draw(strategy)
        assert isinstance(value, cls)

    check()


@given(st.from_type(Money), st.from_type(Period))
def test_from_type_works_through_the_entry_point(m: Money, p: Period) -> None:
    assert isinstance(m, Money) and isinstance(p, Period)
    assert p.start <= p.end


@given(st.from_type(Apportionment))
def test_from_type_apportionment(r: Apportionment[Any, Any]) -> None:
    seats = list(r.seats.values()) if isinstance(r.seats, dict) else r.seats
    assert sum(seats) == r.total
    assert all(s >= 0 for s in seats)


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


def test_public_strategies_are_exported_and_documented() -> None:
    for name in testing.__all__:
        obj = getattr(testing, name)
        assert obj.__doc__, f"sportsgov.testing.{name} has no docstring"


@pytest.mark.parametrize(
    "first",
    ["import sportsgov.testing", "import hypothesis"],
    ids=["testing-first", "hypothesis-first"],
)
def test_registration_in_either_import_order(first: str) -> None:
    """Importing sportsgov.testing imports hypothesis, which runs our entry point
    while sportsgov.testing is half-imported: registration must still happen."""
    import subprocess
    import sys

    code = (
        f"{first}\n"
        "from hypothesis import strategies as st\n"
        "from sportsgov.money import Money\n"
        "print(repr(st.from_type(Money)))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert ".map(Money)" in out.stdout
