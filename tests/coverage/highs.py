"""Choose which HiGHS runs ``solver="highs"`` in a test.

``solver="highs"`` runs HiGHS through highspy when it can be imported and through
:func:`scipy.optimize.milp` otherwise. Tests that must reach one of the two (both
exist in the wild: highspy is a dependency, but a ``--no-deps`` install or a
platform without its wheel has only scipy's) pin it here. ``"highs/scipy"`` is
the test-only spelling of "``solver="highs"`` with scipy's HiGHS".
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from unittest import mock

from sportsgov.coverage import _milp

# every way a user's solver="highs"/"highspy" call can run, for parametrized tests
HIGHS_PATHS = ("highs", "highs/scipy", "highspy")


@contextlib.contextmanager
def highs_backend(backend: str) -> Iterator[None]:
    """Within the block, ``solver="highs"`` runs through ``backend`` ("highspy"/"scipy")."""
    with mock.patch.object(_milp, "_highs_backend", return_value=backend):
        yield


@contextlib.contextmanager
def highs_path(path: str) -> Iterator[str]:
    """Enter one of :data:`HIGHS_PATHS`; yields the ``solver=`` value to pass."""
    if path == "highs/scipy":
        with highs_backend("scipy"):
            yield "highs"
    else:
        yield path
