"""Private: numbers that fit float64, and the bound on populations and capacities.

The coverage calculators compute in numpy float64. Two things can go wrong with
numbers that Python accepts: an ``int`` beyond ``1.8e308`` (``10**400``) cannot be
converted at all (numpy raises ``OverflowError``), and finite values near ``1e308``
overflow as soon as they are added up (a share of ``inf / inf`` is NaN).

* :func:`float64_array` converts anything array-like and turns the
  ``OverflowError`` into an :class:`~sportsgov.errors.InvalidInputError` that names
  the argument, the element and the bound.
* :func:`check_total` bounds weights (populations [persons], capacities [places,
  m², ...]): each value and the layer's total must be ``<= MAX_TOTAL = 1e15``.
  Why 1e15: float64 holds every integer up to ``2**53 ≈ 9.0e15`` exactly, so sums
  of whole persons up to 1e15 are exact, and no sum, product with a weight in
  [0, 1] or ratio of such totals overflows; it is also 100,000 times the world's
  population, so no real layer comes near it.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import NDArray

from sportsgov.errors import InvalidInputError

__all__ = ["FLOAT_MAX", "MAX_TOTAL", "check_total", "float64_array", "to_float"]

FLOAT_MAX = float(np.finfo(np.float64).max)
"""Largest finite float64, about 1.8e308."""

MAX_TOTAL = 1e15
"""Bound on each weight and on the total of a layer's weights (see the module docstring)."""

_FIT = f"must fit a finite float64 (|x| <= {FLOAT_MAX:.4g})"


def _first_overflow(value: Any, name: str) -> tuple[str, Any]:
    """The label and value of the first element that does not convert to float."""
    try:
        cells = np.array(value, dtype=object)
    except (TypeError, ValueError):  # pragma: no cover - ragged input
        return name, value
    for index, item in np.ndenumerate(cells):
        try:
            float(item)
        except OverflowError:
            label = f"{name}[{', '.join(str(k) for k in index)}]" if index else name
            return label, item
        except (TypeError, ValueError):
            continue
    return name, value  # pragma: no cover - the overflow came from elsewhere


def float64_array(value: Any, name: str, *, what: str = "values") -> NDArray[np.float64]:
    """``np.array(value, dtype=float64)`` (a copy); ``OverflowError`` becomes InvalidInputError.

    ``TypeError``/``ValueError`` (not numbers) are left to the caller, which knows
    what to say about them.

    Examples
    --------
    >>> float64_array([1, 2.5], "weight").tolist()
    [1.0, 2.5]
    >>> float64_array([1, 10**400], "weight")
    Traceback (most recent call last):
    ...
    sportsgov.errors.InvalidInputError: weight[1]=<int of about 401 digits>: values must fit ...
    """
    try:
        return np.array(value, dtype=np.float64, copy=True)
    except OverflowError:
        label, item = _first_overflow(value, name)
        raise InvalidInputError.bad(label, item, f"{what} {_FIT}") from None


def to_float(value: Any, name: str, *, what: str = "the value") -> float:
    """``float(value)``; ``OverflowError`` becomes InvalidInputError.

    Examples
    --------
    >>> to_float(3, "radius")
    3.0
    >>> to_float(-(10**400), "radius")
    Traceback (most recent call last):
    ...
    sportsgov.errors.InvalidInputError: radius=<int of about 401 digits>: the value must fit ...
    """
    try:
        return float(value)
    except OverflowError:
        raise InvalidInputError.bad(name, value, f"{what} {_FIT}") from None


def check_total(values: NDArray[np.float64], name: str, *, unit: str, label: Any = None) -> None:
    """Each value and the total must be ``<= MAX_TOTAL`` (values already finite, >= 0).

    ``unit`` is named in the message (may be empty); ``label(k)`` renders the
    position of element ``k`` (default: ``k``).

    Examples
    --------
    >>> check_total(np.array([5e14, 5e14]), "weight", unit="persons")
    >>> check_total(np.array([6e14, 6e14]), "weight", unit="persons")
    Traceback (most recent call last):
    ...
    sportsgov.errors.InvalidInputError: weight=total 1.2e+15 persons: must be <= 1e+15 persons ...
    """
    if values.size == 0:
        return
    unit = f" {unit}" if unit else ""
    big = values > MAX_TOTAL
    if bool(big.any()):
        k = int(np.flatnonzero(big)[0])
        where = label(k) if label is not None else str(k)
        raise InvalidInputError.bad(
            f"{name}[{where}]",
            float(values[k]),
            f"must be <= {MAX_TOTAL:g}{unit}",
            shown=f"{float(values[k]):g}{unit}",
        )
    total = float(values.sum())  # each <= 1e15: no overflow below 1.8e293 values
    if total > MAX_TOTAL:
        raise InvalidInputError.bad(
            name,
            total,
            f"must be <= {MAX_TOTAL:g}{unit} in all (sums stay exact and finite)",
            shown=f"total {total:g}{unit}",
        )
