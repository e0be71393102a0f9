"""Optional dependencies (extras): import them lazily, say how to install them.

Examples
--------
>>> require("math", "none").sqrt(4.0)
2.0
>>> require("no_such_module_xyz", "excel", what="reading venues.xlsx")
Traceback (most recent call last):
...
sportsgov._common.extras.MissingExtraError: reading venues.xlsx needs the optional \
package 'no_such_module_xyz': pip install "sportsgov[excel]"
"""

from __future__ import annotations

import importlib
from typing import Any

from sportsgov.errors import InvalidInputError

__all__ = ["MissingExtraError", "require"]


class MissingExtraError(InvalidInputError, ImportError):
    """An optional dependency is not installed; the message names the extra to install.

    Catchable as :class:`~sportsgov.errors.SportsgovError` and as :class:`ImportError`.
    """


def require(module: str, extra: str, *, what: str | None = None) -> Any:
    """Import an optional module or raise :class:`MissingExtraError`.

    Parameters
    ----------
    module : str
        Module to import (``"python_calamine"``, ``"pandas"``).
    extra : str
        The sportsgov extra that installs it (``"excel"``, ``"pandas"``).
    what : str, optional
        What needed it, for the message.
    """
    try:
        return importlib.import_module(module)
    except ImportError:
        need = what or "this feature"
        raise MissingExtraError(
            f'{need} needs the optional package {module!r}: pip install "sportsgov[{extra}]"',
            argument="extra",
            value=extra,
        ) from None
