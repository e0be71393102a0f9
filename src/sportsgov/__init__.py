"""sportsgov: typed, exact domain models for sports governance.

The package root is the front door: every public name is importable from here
and from its topic module (``sportsgov.money``, ``sportsgov.coverage`` ...).
Names are loaded lazily (PEP 562) so ``import sportsgov`` stays fast and does not
pull in scipy or pint until a calculator that needs them is used.

Examples
--------
>>> import sportsgov
>>> sportsgov.__version__
'0.1.0'
>>> from sportsgov import Money
>>> Money.parse("7668.28万元")
Money('76682800.00')
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from sportsgov._version import __version__

# Public name -> module that defines it. Keep in step with the TYPE_CHECKING
# block below (tests/test_public_api.py checks both agree and are documented).
_EXPORTS: dict[str, str] = {
    # --- foundation ---
    "SportsgovError": "sportsgov.errors",
    "InvalidInputError": "sportsgov.errors",
    "UnitError": "sportsgov.errors",
    "DataError": "sportsgov.errors",
    "DatumError": "sportsgov.errors",
    "NotFoundError": "sportsgov.errors",
    "InfeasibleError": "sportsgov.errors",
    "TieError": "sportsgov.errors",
    "BudgetExceededError": "sportsgov.errors",
    # --- end foundation ---
    # --- units ---
    # --- end units ---
    # --- money ---
    # --- end money ---
    # --- periods ---
    # --- end periods ---
    # --- apportion ---
    # --- end apportion ---
    # --- io ---
    # --- end io ---
    # --- regions-facilities-indicators ---
    # --- end regions-facilities-indicators ---
    # --- coverage ---
    # --- end coverage ---
    # --- talent ---
    # --- end talent ---
    # --- budget ---
    # --- end budget ---
    # --- plans-assessment ---
    # --- end plans-assessment ---
    # --- report ---
    # --- end report ---
}

if TYPE_CHECKING:
    # --- foundation ---
    from sportsgov.errors import (
        BudgetExceededError,
        DataError,
        DatumError,
        InfeasibleError,
        InvalidInputError,
        NotFoundError,
        SportsgovError,
        TieError,
        UnitError,
    )
    # --- end foundation ---
    # --- units ---
    # --- end units ---
    # --- money ---
    # --- end money ---
    # --- periods ---
    # --- end periods ---
    # --- apportion ---
    # --- end apportion ---
    # --- io ---
    # --- end io ---
    # --- regions-facilities-indicators ---
    # --- end regions-facilities-indicators ---
    # --- coverage ---
    # --- end coverage ---
    # --- talent ---
    # --- end talent ---
    # --- budget ---
    # --- end budget ---
    # --- plans-assessment ---
    # --- end plans-assessment ---
    # --- report ---
    # --- end report ---

__all__ = ["__version__", *sorted(_EXPORTS)]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'sportsgov' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_EXPORTS))
