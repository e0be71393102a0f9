"""Tests for sportsgov.testing: the hypothesis entry point and the strategies.

The registration test is generic: for every entry of the hook's registry it checks
that ``st.from_type`` resolves to the strategy function and draws valid instances of
the type, so a broken registration in any area fails here. The hook itself must stay
light (checked in a fresh interpreter).
"""

from __future__ import annotations

import importlib
import importlib.metadata
import inspect
import subprocess
import sys
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import sportsgov.testing as testing
from sportsgov.apportionment import Apportionment
from sportsgov.errors import InvalidInputError
from sportsgov.money import Money
from sportsgov.periods import Period
from sportsgov.testing._hook import REGISTRY


def _registered() -> list[tuple[type, str]]:
    """Every (type, strategy function) of the hook's registry whose module exists."""
    out: list[tuple[type, str]] = []
    for module_name, entries in REGISTRY.items():
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError:  # an alias kept for a renamed module
            continue
        out.extend((getattr(module, cls), function) for cls, _, function in entries)
    return list(dict.fromkeys(out))


REGISTERED = _registered()


def test_entry_point_is_declared() -> None:
    eps = importlib.metadata.entry_points(group="hypothesis")
    values = {ep.value for ep in eps}
    assert "sportsgov.testing:_hypothesis_setup_hook" in values


def test_hook_registers_foundation_types() -> None:
    types = [t for t, _ in REGISTERED]
    assert {Money, Period, Apportionment} <= set(types)
    assert len(set(types)) == len(types), "a type is registered twice"
    assert {f for _, f in REGISTERED} <= set(testing.__all__)


def test_hook_can_run_again() -> None:
    testing._hypothesis_setup_hook()  # idempotent: re-registering must not fail


@pytest.mark.parametrize(("cls", "function"), REGISTERED, ids=lambda x: getattr(x, "__name__", x))
def test_every_registered_strategy_draws_its_type(cls: type, function: str) -> None:
    # from_type resolves to the registered strategy function, not to st.builds(cls).
    assert repr(st.from_type(cls)) == repr(getattr(testing, function)())

    @settings(max_examples=10)
    @given(st.data())
    def check(data: st.DataObject) -> None:
        value = data.draw(st.from_type(cls))
        assert isinstance(value, cls)

    check()


def _run(code: str) -> str:
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return out.stdout.strip()


def test_import_hypothesis_stays_light() -> None:
    """The entry point runs in every environment with sportsgov installed: it must
    import no sportsgov model and none of numpy, scipy, pint."""
    heavy = (
        "numpy",
        "scipy",
        "pint",
        "sportsgov.money",
        "sportsgov.regions",
        "sportsgov.coverage",
    )
    code = f"import sys, hypothesis; print([m for m in {heavy!r} if m in sys.modules])"
    assert _run(code) == "[]"


def test_types_are_registered_when_their_module_is_imported() -> None:
    code = (
        "import hypothesis\n"
        "from hypothesis import strategies as st\n"
        "calls = []\n"
        "original = st.register_type_strategy\n"
        "st.register_type_strategy = lambda t, s: (calls.append(t.__name__), original(t, s))\n"
        "import sportsgov.periods, sportsgov.talent\n"
        "print(sorted(calls))\n"
    )
    assert _run(code) == str(
        sorted(
            [
                "Period",
                "PipelineModel",
                "MedalTable",
                "GamesResult",
                "GamesPoints",
                "SchoolTable",
                "InstructorTable",
            ]
        )
    )


_SHARED_LOADER = """
import importlib.abc, importlib.machinery, importlib.util, sys
import hypothesis
from hypothesis import strategies as st

class Shared(importlib.abc.Loader):  # one loader object for many modules, like pytest's
    def create_module(self, spec):
        return None
    def exec_module(self, module):
        origin = module.__spec__.origin
        exec(compile(open(origin, encoding="utf-8").read(), origin, "exec"), module.__dict__)

class Finder(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path, target=None):
        if name != "sportsgov.money":
            return None
        spec = importlib.machinery.PathFinder.find_spec(name, path)
        spec.loader = Shared()
        return spec

sys.meta_path.insert(1, Finder())
from sportsgov.money import Money
# sportsgov.periods bypasses every finder; the next sportsgov import catches it up
spec = importlib.util.find_spec("sportsgov.periods")
periods = importlib.util.module_from_spec(
    importlib.util.spec_from_file_location("sportsgov.periods", spec.origin)
)
sys.modules["sportsgov.periods"] = periods
periods.__spec__.loader.exec_module(periods)
import sportsgov.units
print(repr(st.from_type(Money)), repr(st.from_type(periods.Period)))
"""


def test_registration_survives_other_loaders() -> None:
    """pytest's --import-mode=importlib loads doctest modules through its own shared
    loader, or straight from the file: the types must be registered all the same."""
    out = _run(_SHARED_LOADER)
    assert ".map(Money)" in out and "builds(Period" not in out, out


@pytest.mark.parametrize(
    ("function", "old", "new"),
    [
        ("region_trees", {"max_regions": 3}, {"max_size": 3}),
        ("tiers", {"max_tiers": 2}, {"max_size": 2}),
        ("pipeline_models", {"max_tiers": 2}, {"max_size": 2}),
        ("medal_tables", {"max_units": 2}, {"max_size": 2}),
        ("apportion_inputs", {"max_units": 2}, {"max_size": 2}),
        ("apportionments", {"max_units": 2}, {"max_size": 2}),
        ("factor_problems", {"max_units": 2}, {"max_size": 2}),
        ("plans_", {"max_targets": 2}, {"max_size": 2}),
        ("money", {"min_fen": 0}, {"min_value": 0}),
        ("money", {"max_fen": 5}, {"max_value": 5}),
    ],
)
def test_old_argument_names_still_work_with_a_warning(
    function: str, old: dict[str, int], new: dict[str, int]
) -> None:
    strategy = getattr(testing, function)
    with pytest.warns(
        DeprecationWarning, match=rf"{function}\({next(iter(old))}=\.\.\.\) is deprecated"
    ):
        legacy = strategy(**old)
    assert repr(legacy) == repr(strategy(**new))


def test_sizes_are_keyword_only_with_hypothesis_names() -> None:
    for function in ("region_trees", "tiers", "pipeline_models", "medal_tables", "plans_"):
        params = inspect.signature(getattr(testing, function)).parameters
        assert params["max_size"].kind is inspect.Parameter.KEYWORD_ONLY, function
    with pytest.raises(TypeError):
        testing.region_trees(5)  # type: ignore[misc]
    with pytest.raises(InvalidInputError, match=r"^min_size=4: must be >= 1 and <= max_size=3$"):
        testing.region_trees(min_size=4, max_size=3)


@given(st.from_type(Money), st.from_type(Period))
def test_from_type_works_through_the_entry_point(m: Money, p: Period) -> None:
    assert isinstance(m, Money) and isinstance(p, Period)
    assert p.start <= p.end


@given(st.from_type(Apportionment))
def test_from_type_apportionment(r: Apportionment[Any, Any]) -> None:
    seats = list(r.seats.values()) if isinstance(r.seats, dict) else r.seats
    assert sum(seats) == r.total
    assert all(s >= 0 for s in seats)


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
    code = (
        f"{first}\n"
        "from hypothesis import strategies as st\n"
        "from sportsgov.money import Money\n"
        "print(repr(st.from_type(Money)))\n"
    )
    assert ".map(Money)" in _run(code)
