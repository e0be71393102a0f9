"""Read-only numpy array fields and array equality for frozen attrs classes."""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt

__all__ = ["arrays_equal", "optional_arrays_equal", "readonly"]


def readonly(arr: npt.NDArray[Any]) -> npt.NDArray[Any]:
    """A read-only view of ``arr`` (never changes the flags of an array the caller holds).

    Examples
    --------
    >>> a = np.arange(3)
    >>> r = readonly(a)
    >>> r.flags.writeable, a.flags.writeable
    (False, True)
    """
    if arr.flags.writeable:
        arr = arr.view()
        arr.flags.writeable = False
    return arr


def arrays_equal(a: npt.NDArray[Any], b: npt.NDArray[Any], *, nan: bool = False) -> bool:
    """Same shape and same elements (``nan=True``: NaN equals NaN, float arrays only).

    Examples
    --------
    >>> arrays_equal(np.array([1.0, np.nan]), np.array([1.0, np.nan]), nan=True)
    True
    >>> arrays_equal(np.zeros(2), np.zeros(3))
    False
    """
    if a.shape != b.shape:
        return False
    return bool(np.array_equal(a, b, equal_nan=nan))


def optional_arrays_equal(a: npt.NDArray[Any] | None, b: npt.NDArray[Any] | None) -> bool:
    """:func:`arrays_equal` where ``None`` equals only ``None``."""
    if a is None or b is None:
        return a is b
    return arrays_equal(a, b)
