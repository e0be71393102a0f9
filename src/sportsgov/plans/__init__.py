"""Plans and their quantified targets; the catalog of bundled plans (规划/工作要点).

A :class:`Plan` holds phases (实施阶段), :class:`Target` s (quantified goals with a
comparator, a period, a scope, a lead unit and a citation) and :class:`Task` s. Targets
name their indicator from a registry (:func:`indicators`) that states the unit, whether
the figure accumulates over the period (paced by 序时进度) and which calculator of
:mod:`sportsgov.indicators` computes it from raw data.

Bundled plans, one per source document plus the national targets, are TOML files
shipped with the package: :func:`catalog` lists them, :func:`load` reads one, and
:func:`load_file` reads a plan file of your own with the same schema check.

Examples
--------
>>> from sportsgov import plans
>>> plan = plans.load("zhengzhou-2024")
>>> t = plan.target("per-capita-area")
>>> t.indicator, t.comparator, t.value, t.unit
('per_capita_area', '>=', Decimal('2.65'), 'm^2/person')
>>> t.source.quote
'人均场地面积达到2.65平方米'
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from sportsgov.errors import InvalidInputError
from sportsgov.plans._catalog import CatalogEntry, catalog, load, load_file, parse_plan
from sportsgov.plans._indicators import INDICATORS, Indicator, get_indicator
from sportsgov.plans._model import (
    COMPARATORS,
    Baseline,
    Comparator,
    Milestone,
    Phase,
    Plan,
    SourceRef,
    Target,
    Task,
)
from sportsgov.plans._units import convert, known_units

__all__ = [
    "COMPARATORS",
    "INDICATORS",
    "Baseline",
    "CatalogEntry",
    "Comparator",
    "Indicator",
    "Milestone",
    "Phase",
    "Plan",
    "SourceRef",
    "Target",
    "Task",
    "catalog",
    "compute",
    "get_indicator",
    "indicators",
    "known_units",
    "load",
    "load_file",
    "parse_plan",
]


def indicators() -> list[Indicator]:
    """Every registered indicator, sorted by name.

    Examples
    --------
    >>> [i.name for i in indicators() if i.calculator][:2]
    ['fitness_circle_coverage_15min', 'fitness_circle_coverage_rural']
    """
    return [INDICATORS[k] for k in sorted(INDICATORS)]


def compute(indicator: str, /, *args: Any, **kwargs: Any) -> Decimal:
    """Compute an indicator from raw data with its registered calculator.

    The calculator's result (an ``IndicatorValue`` with a ``.value`` Quantity, a bare
    Quantity or a number) is converted exactly into the indicator's unit, so it can be
    compared with a target or used as an observation.

    Parameters
    ----------
    indicator
        Registry name, e.g. ``"per_capita_area"``.
    *args, **kwargs
        Passed to the calculator (e.g. ``inventory, population, region=..., as_of=...``).

    Returns
    -------
    Decimal
        The value [indicator unit].

    Raises
    ------
    NotFoundError
        Unknown indicator, or one without a calculator.

    Examples
    --------
    >>> compute("mass_sports_events")
    Traceback (most recent call last):
    ...
    sportsgov.errors.NotFoundError: indicator='mass_sports_events': has no calculator; ...
    """
    spec = get_indicator(indicator)
    result = spec.resolve()(*args, **kwargs)
    if isinstance(result, list | tuple):
        raise InvalidInputError.bad(
            "region", kwargs.get("region"), "compute() takes one region; call it per region"
        )
    if hasattr(result, "exact"):  # IndicatorValue: numerator / denominator × scale, exactly
        value: Any = result.exact()
        unit = "fraction" if spec.dimension == "share" else None
        return convert(value, unit, spec.unit, argument=indicator)
    value = getattr(result, "value", result)
    if hasattr(value, "share") and not hasattr(value, "magnitude"):
        value = value.share
    if spec.dimension == "share" and not hasattr(value, "magnitude"):
        return convert(value, "fraction", spec.unit, argument=indicator)
    return convert(value, None, spec.unit, argument=indicator)
