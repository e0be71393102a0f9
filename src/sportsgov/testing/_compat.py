"""Old argument names of the strategy functions, accepted with a DeprecationWarning."""

from __future__ import annotations

import warnings

__all__ = ["renamed"]


def renamed(function: str, old: str, old_value: int | None, new: str, value: int) -> int:
    """``value`` of the argument ``new``, or ``old_value`` (warning) when the old name was used."""
    if old_value is None:
        return value
    warnings.warn(
        f"{function}({old}=...) is deprecated; use {new}=... (hypothesis's name)",
        DeprecationWarning,
        stacklevel=3,
    )
    return old_value
