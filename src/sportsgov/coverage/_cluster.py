"""What every Dask run of the coverage modules checks first (private; plain names).

Workers unpickle sportsgov functions by name: a worker with another sportsgov
version may compute something else or fail on import, long after the run started.
:func:`require_same_version` asks every worker once (one ``client.run`` round trip)
and refuses the run before any task is submitted.
"""

from __future__ import annotations

from typing import Any

from sportsgov._version import __version__
from sportsgov.errors import InvalidInputError

__all__ = ["require_same_version", "worker_version"]


def worker_version() -> str:
    """The sportsgov version of the process this runs in (called on each worker).

    Examples
    --------
    >>> worker_version() == __version__
    True
    """
    return __version__


def require_same_version(client: Any) -> None:
    """Raise unless every worker of ``client`` runs this process's sportsgov version.

    Raises
    ------
    InvalidInputError
        ``client=...: every worker needs sportsgov X`` naming the workers that differ,
        or a client with no workers.
    """
    found: dict[str, str] = client.run(worker_version)
    if not found:
        raise InvalidInputError.bad(
            "client", client, "has no workers (start them before the run)", shown=repr(client)
        )
    wrong = {w: v for w, v in sorted(found.items()) if v != __version__}
    if wrong:
        listed = ", ".join(f"{w} has {v}" for w, v in wrong.items())
        raise InvalidInputError.bad(
            "client",
            client,
            f"every worker needs sportsgov {__version__}, as this process ({listed}); "
            "install the same version on every worker",
            shown=repr(client),
        )
