"""Register sportsgov's strategies with hypothesis without importing sportsgov's models.

hypothesis calls the entry point (``[project.entry-points.hypothesis]``) at ``import
hypothesis`` in every environment where sportsgov is installed, including ones that never
use sportsgov. Importing the model modules there would pull numpy, scipy and pint into
every hypothesis run. So :func:`setup_hook` registers nothing heavy:

* a model module that is already imported gets its types registered at once;
* for the others it installs a meta-path finder that registers a module's types right
  after that module finishes importing (the first ``from sportsgov.money import Money``).

Each registration is ``st.deferred(...)``: the strategy function of
:mod:`sportsgov.testing` is only called when ``st.from_type`` first draws the type.
"""

from __future__ import annotations

import importlib
import importlib.abc
import importlib.machinery
import sys
from collections.abc import Callable, Sequence
from types import ModuleType
from typing import Any

__all__ = ["REGISTRY", "registered", "setup_hook"]

#: model module -> ((class name in that module, strategy module, strategy function), ...)
REGISTRY: dict[str, tuple[tuple[str, str, str], ...]] = {
    "sportsgov.money": (("Money", "foundation", "money"),),
    "sportsgov.periods": (("Period", "foundation", "periods"),),
    "sportsgov.apportionment": (("Apportionment", "foundation", "apportionments"),),
    "sportsgov.regions": (
        ("RegionTree", "models", "region_trees"),
        ("PopulationTable", "models", "population_tables"),
    ),
    "sportsgov.facilities": (
        ("Facility", "models", "facilities"),
        ("Inventory", "models", "inventories"),
        ("Location", "models", "locations"),
        ("FacilityKind", "models", "facility_kinds"),
    ),
    "sportsgov.indicators": (("IndicatorValue", "models", "indicator_values"),),
    "sportsgov.coverage.geo": (("Points", "coverage", "points"),),
    "sportsgov.coverage.presets": (("FitnessCircle", "coverage", "fitness_circles"),),
    "sportsgov.coverage.fca": (("CostTable", "coverage", "cost_tables"),),
    "sportsgov.talent": (
        ("PipelineModel", "talent", "pipeline_models"),
        ("MedalTable", "talent", "medal_tables"),
        ("GamesResult", "talent", "games_results"),
        ("GamesPoints", "talent", "games_points"),
        ("SchoolTable", "talent", "school_tables"),
        ("InstructorTable", "talent", "instructor_tables"),
    ),
    "sportsgov.budget": (
        ("FundingModel", "budget", "funding_models"),
        ("SubsidyProgram", "budget", "subsidy_programs"),
        ("BudgetLineTable", "budget", "budget_line_tables"),
        ("SubsidyClaimTable", "budget", "subsidy_claim_tables"),
    ),
    "sportsgov.plans": (("Target", "plans", "targets"), ("Plan", "plans", "plans_")),
}

_done: set[str] = set()


def _resolver(strategy_module: str, function: str) -> Callable[[], Any]:
    """A function building the strategy on first use (it imports the model then)."""

    def resolve() -> Any:
        module = importlib.import_module(f"sportsgov.testing.{strategy_module}")
        return getattr(module, function)()

    return resolve


def register_module(name: str, *, executed: bool = False) -> None:
    """Register the types of the imported model module ``name`` (once).

    ``executed``: called by the loader right after the module ran (importlib still
    marks it as initializing then).
    """
    if name in _done or name not in sys.modules:
        return
    from hypothesis import strategies as st

    module = sys.modules[name]
    if not executed and getattr(getattr(module, "__spec__", None), "_initializing", False):
        return  # still executing: its loader registers it when done
    classes: list[Any] = [getattr(module, entry[0], None) for entry in REGISTRY[name]]
    if any(cls is None for cls in classes):
        return  # half-imported, or the module no longer defines the class
    for cls, (_, strategy_module, function) in zip(classes, REGISTRY[name], strict=True):
        st.register_type_strategy(cls, st.deferred(_resolver(strategy_module, function)))
    _done.add(name)


def registered() -> list[tuple[type, Any]]:
    """Every registered type with its strategy (imports all the model modules).

    For tests that check every registration (draws, round trips); modules listed for a
    renamed module that does not exist are skipped.
    """
    out: dict[type, Any] = {}
    for module_name, entries in REGISTRY.items():
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError:
            continue
        for class_name, strategy_module, function in entries:
            out[getattr(module, class_name)] = _resolver(strategy_module, function)()
    return list(out.items())


class _RegisteringLoader(importlib.abc.Loader):
    """Delegate to another loader, then register the module's types."""

    def __init__(self, loader: Any, name: str) -> None:
        self._loader = loader
        self._name = name

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> ModuleType | None:
        module: ModuleType | None = self._loader.create_module(spec)
        return module

    def exec_module(self, module: ModuleType) -> None:
        self._loader.exec_module(module)
        register_module(self._name, executed=True)

    def __getattr__(self, attribute: str) -> Any:
        return getattr(self._loader, attribute)


class _RegisterAfterImport(importlib.abc.MetaPathFinder):
    """Find a model module with the other finders and register its types once it is run."""

    def find_spec(
        self,
        fullname: str,
        path: Sequence[str] | None,
        target: ModuleType | None = None,
    ) -> importlib.machinery.ModuleSpec | None:
        if fullname.startswith("sportsgov."):
            # Catch up on model modules that reached sys.modules without this finder.
            for name in REGISTRY:
                if name not in _done and name in sys.modules:
                    register_module(name)
        if fullname not in REGISTRY or fullname in _done:
            return None
        for finder in sys.meta_path:
            if finder is self or not hasattr(finder, "find_spec"):
                continue
            spec = finder.find_spec(fullname, path, target)
            if spec is not None:
                break
        else:
            return None
        loader = spec.loader
        if loader is None or not hasattr(loader, "exec_module"):
            return spec
        if type(loader) in (
            importlib.machinery.SourceFileLoader,
            importlib.machinery.SourcelessFileLoader,
        ):
            # A per-module file loader: an instance attribute shadows the method and
            # the loader keeps its type (importlib.resources and friends see no change).
            run = loader.exec_module

            def exec_module(module: ModuleType) -> None:
                run(module)
                register_module(fullname, executed=True)

            loader.exec_module = exec_module  # type: ignore[method-assign]
        else:
            # A shared loader object (pytest's assertion rewriter, zipimport ...): wrap it.
            spec.loader = _RegisteringLoader(loader, fullname)
        return spec


_FINDER = _RegisterAfterImport()


def setup_hook() -> None:
    """The hypothesis entry point: register what is imported, defer the rest.

    Light by design: it imports neither numpy, scipy, pint nor any sportsgov model.
    Calling it again is harmless.
    """
    for name in REGISTRY:
        register_module(name)
    if len(_done) < len(REGISTRY) and _FINDER not in sys.meta_path:
        sys.meta_path.insert(0, _FINDER)
