"""Hypothesis strategies for sportsgov's public models (property-based testing).

Two ways to use them in your own tests (``pip install sportsgov[test]``; needs
``hypothesis``):

* ``st.from_type(Money)``, ``st.from_type(Period)``, ``st.from_type(Apportionment)``
  ... just work: sportsgov registers its strategies through the ``hypothesis``
  entry point (``[project.entry-points.hypothesis]`` in ``pyproject.toml``), so
  hypothesis calls ``_hypothesis_setup_hook`` when it is imported. The hook is light:
  it imports no sportsgov model (nor numpy, scipy or pint); each type is registered
  when its module is first imported, and its strategy is built on first use.
* Call the strategy functions of this module for control over ranges and shapes:
  ``money(min_fen=0)``, ``periods("2024-01-01", "2024-12-31")``,
  ``quantities("m^2")``, ``apportion_inputs(bounds=True)`` ...

Strategies build objects through their public constructors, so every drawn
object passed its validators (``st.builds`` on an attrs class would not apply
them in every case, and ``from_type(Decimal)`` yields NaN: we use explicit
strategies instead).

One module per area: :mod:`~sportsgov.testing.foundation` (quantities, money, dates,
periods, apportionment), :mod:`~sportsgov.testing.models` (regions, population,
facilities, indicators), :mod:`~sportsgov.testing.coverage`,
:mod:`~sportsgov.testing.talent`, :mod:`~sportsgov.testing.budget` and
:mod:`~sportsgov.testing.plans`; every strategy is also importable from here. Sizes
follow hypothesis's own names: ``min_size`` / ``max_size``, keyword-only.

For contributors: a new type is registered by adding one line to
``sportsgov.testing._hook.REGISTRY``; ``tests/testing/test_testing.py`` draws from every
registered strategy and checks the instances, so a broken registration fails there.

Examples
--------
>>> from hypothesis import given, strategies as st
>>> from sportsgov.money import Money
>>> @given(st.from_type(Money))
... def test_money_is_exact(m):
...     assert m + Money(0) == m
>>> test_money_is_exact()
"""

from __future__ import annotations

# The hook first: hypothesis may call it while this package is still importing
# (importing the strategy modules below imports hypothesis, which runs its entry points).
from sportsgov.testing._hook import setup_hook as _hypothesis_setup_hook
from sportsgov.testing.budget import (
    budget_line_tables,
    factor_problems,
    funding_models,
    subsidy_claim_tables,
    subsidy_claims,
    subsidy_programs,
)
from sportsgov.testing.coverage import (
    MAINLAND_CHINA_BOX,
    cost_tables,
    fitness_circles,
    lonlats,
    points,
)
from sportsgov.testing.foundation import (
    apportion_inputs,
    apportion_weights,
    apportionments,
    dates,
    money,
    money_weights,
    periods,
    quantities,
)
from sportsgov.testing.models import (
    facilities,
    facility_kinds,
    facility_records,
    indicator_values,
    inventories,
    locations,
    population_tables,
    region_trees,
)
from sportsgov.testing.plans import (
    observations_for,
    plans_,
    targets,
)
from sportsgov.testing.talent import (
    games_points,
    games_results,
    instructor_tables,
    medal_tables,
    pipeline_models,
    school_tables,
    tiers,
)

__all__ = [
    "MAINLAND_CHINA_BOX",
    "apportion_inputs",
    "apportion_weights",
    "apportionments",
    "budget_line_tables",
    "cost_tables",
    "dates",
    "facilities",
    "facility_kinds",
    "facility_records",
    "factor_problems",
    "fitness_circles",
    "funding_models",
    "games_points",
    "games_results",
    "indicator_values",
    "instructor_tables",
    "inventories",
    "locations",
    "lonlats",
    "medal_tables",
    "money",
    "money_weights",
    "observations_for",
    "periods",
    "pipeline_models",
    "plans_",
    "points",
    "population_tables",
    "quantities",
    "region_trees",
    "school_tables",
    "subsidy_claim_tables",
    "subsidy_claims",
    "subsidy_programs",
    "targets",
    "tiers",
]

_hypothesis_setup_hook()  # also when hypothesis plugins are disabled
