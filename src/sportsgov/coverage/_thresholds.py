"""Cost thresholds shared by 2SFCA and siting (private; plain names, see coverage/__init__).

A threshold is a number in the costs' unit, a quantity converted to it, one value
per demand location, or a :class:`~sportsgov.coverage.presets.FitnessCircle` (its
radius or its minutes, by the costs' dimension).
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
from numpy.typing import NDArray

from sportsgov.coverage._finite import float64_array, to_float
from sportsgov.errors import InvalidInputError, UnitError

__all__ = ["as_threshold", "check_count", "is_points", "largest", "per_demand", "same_dimension"]


def as_threshold(value: object, unit: str | None, *, name: str, positive: bool = False) -> float:
    """A finite cost threshold >= 0 (> 0 if ``positive``) in the costs' unit."""
    is_quantity = isinstance(value, str) or (
        hasattr(value, "magnitude") and hasattr(value, "units")
    )
    if is_quantity and unit is None:
        raise UnitError(
            f"{name}={value}: the costs carry no unit, so a quantity cannot be converted; "
            "pass cost_unit='m' (or 'min', ...) or a plain number in the costs' unit",
            argument=name,
            value=value,
        )
    if is_quantity and unit is not None:
        from sportsgov.units import magnitude_in

        mag: Any = magnitude_in(value, unit, argument=name)
    else:
        mag = value
    if isinstance(mag, bool) or not isinstance(mag, int | float | np.integer | np.floating):
        raise InvalidInputError.bad(name, value, "must be a number >= 0 (or a Quantity)")
    number = to_float(mag, name)
    shown = f"{number:g} {unit}" if unit else f"{number:g}"
    if positive and not number > 0:
        raise InvalidInputError.bad(name, value, f"must be > 0 {unit or ''}".rstrip(), shown=shown)
    if not math.isfinite(number) or number < 0:
        sign = ">" if positive else ">="
        allowed = f"must be finite and {sign} 0 {unit or ''}".rstrip()
        raise InvalidInputError.bad(name, value, allowed, shown=shown)
    return number


def per_demand(
    value: object, unit: str | None, *, name: str, m: int, positive: bool = False
) -> float | NDArray[np.float64]:
    """A threshold: one number, or one per demand location (m,), or a FitnessCircle."""
    if hasattr(value, "radius") and hasattr(value, "minutes"):  # a FitnessCircle
        if unit is None:
            raise UnitError(
                f"{name}={value!r}: the costs carry no unit; pass cost_unit='m' or 'minute'",
                argument=name,
                value=value,
            )
        is_length = same_dimension(unit, "m")
        unit_of_value = "m" if is_length else "minute"
        number = as_threshold(
            value.radius if is_length else value.minutes,
            unit_of_value,
            name=name,
            positive=positive,
        )
        if unit_of_value == unit:
            return number
        from sportsgov.units import Q_, magnitude_in

        return float(magnitude_in(Q_(number, unit_of_value), unit, argument=name))
    scalar = isinstance(value, str | int | float | np.integer | np.floating) or value is None
    is_quantity = hasattr(value, "magnitude") and hasattr(value, "units")
    if scalar or (is_quantity and np.ndim(value.magnitude) == 0):  # type: ignore[attr-defined]
        return as_threshold(value, unit, name=name, positive=positive)
    if is_quantity:
        if unit is None:
            return as_threshold(value, unit, name=name, positive=positive)  # raises UnitError
        from sportsgov.units import magnitude_in

        raw: Any = magnitude_in(value, unit, argument=name, finite=False)
    else:
        raw = value
    try:
        arr = float64_array(raw, name)
    except InvalidInputError:
        raise
    except (TypeError, ValueError) as exc:
        raise InvalidInputError.bad(
            name, value, "must be a number or one number per demand location"
        ) from exc
    if arr.shape != (m,):
        raise InvalidInputError.bad(
            name,
            value,
            f"must be a number or one number per demand location ({m})",
            shown=f"shape {arr.shape}",
        )
    bad = ~np.isfinite(arr) | ((arr <= 0) if positive else (arr < 0))
    if bool(bad.any()):
        k = int(np.flatnonzero(bad)[0])
        sign = ">" if positive else ">="
        raise InvalidInputError.bad(
            f"{name}[{k}]", float(arr[k]), f"must be finite and {sign} 0 {unit or ''}".rstrip()
        )
    arr.flags.writeable = False
    return arr


def same_dimension(a: str, b: str) -> bool:
    from sportsgov.units import Q_, magnitude_in

    try:
        magnitude_in(Q_(1.0, a), b)
    except (UnitError, InvalidInputError):
        return False
    return True


def largest(limit: float | NDArray[np.float64]) -> float:
    return float(limit) if np.ndim(limit) == 0 else float(np.max(limit, initial=0.0))


def is_points(value: object) -> bool:
    return hasattr(value, "lon") and hasattr(value, "lat") and hasattr(value, "datum")


def check_count(count: object, available: int, *, minimum: int) -> int:
    """How many sites to choose: an int from ``minimum`` to ``available`` (the free candidates)."""
    if isinstance(count, bool) or not isinstance(count, int | np.integer):
        raise InvalidInputError.bad("count", count, f"must be an int >= {minimum}")
    value = int(count)
    if value < minimum:
        raise InvalidInputError.bad("count", count, f"must be >= {minimum}")
    if value > available:
        raise InvalidInputError.bad(
            "count",
            count,
            f"must be <= {available}, the number of candidates that are not existing sites",
        )
    return value
