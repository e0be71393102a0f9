"""Private: turn a length or time argument (number or Quantity) into a float.

Uses :func:`sportsgov.units.magnitude_in` when available; falls back to the
quantity's own ``.to()`` (pint) otherwise, so the coverage modules do not depend
on the import order of the units module.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
from numpy.typing import NDArray

from sportsgov.coverage._finite import float64_array, to_float
from sportsgov.errors import InvalidInputError

__all__ = ["as_positive", "magnitude"]


def _is_quantity(value: object) -> bool:
    return hasattr(value, "magnitude") and hasattr(value, "units")


def magnitude(value: object, unit: str, *, name: str) -> Any:
    """Magnitude of ``value`` in ``unit``; plain numbers are taken as already in ``unit``.

    Strings (``"1.5 km"``) and quantities of any pint registry go through
    :func:`sportsgov.units.magnitude_in` (dimension errors raise ``UnitError``).
    """
    if isinstance(value, str) or _is_quantity(value):
        from sportsgov.units import magnitude_in

        return magnitude_in(value, unit, argument=name, finite=False)
    return value


def as_positive(value: object, unit: str, *, name: str) -> float | NDArray[np.float64]:
    """A finite, strictly positive scalar or 1-D array in ``unit``."""
    mag = magnitude(value, unit, name=name)
    if isinstance(mag, bool):
        raise InvalidInputError.bad(name, value, f"must be a number > 0 {unit}")
    if isinstance(mag, int | float | np.floating | np.integer):
        number = to_float(mag, name)
        if not math.isfinite(number) or number <= 0:
            raise InvalidInputError.bad(
                name, value, f"must be > 0 {unit}", shown=f"{number:g} {unit}"
            )
        return number
    try:
        arr = float64_array(mag, name)
    except InvalidInputError:
        raise
    except (TypeError, ValueError) as exc:
        raise InvalidInputError.bad(name, value, f"must be a number > 0 {unit}") from exc
    if arr.ndim == 0:
        return as_positive(float(arr), unit, name=name)
    bad = ~np.isfinite(arr) | (arr <= 0)
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        raise InvalidInputError.bad(
            f"{name}[{i}]", float(arr[i]), f"must be > 0 {unit}", shown=f"{arr[i]:g} {unit}"
        )
    return arr
