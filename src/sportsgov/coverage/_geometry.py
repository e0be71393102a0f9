"""Sphere geometry shared by the coverage modules (private; plain names).

Array-level helpers with no knowledge of datums or :class:`~sportsgov.coverage.geo.Points`
(which is why ``require_nonempty`` takes the layer class as an argument: this
module sits below ``geo`` and must not import it). One haversine formula is used
everywhere, so that a distance computed by ``great_circle_distance`` and the one a
search reports are the same float and ``<=`` at a boundary agrees.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any, Protocol, TypeAlias

import numpy as np
from numpy.typing import ArrayLike, NDArray

from sportsgov.errors import InvalidInputError

if TYPE_CHECKING:
    from scipy.spatial import cKDTree

__all__ = [
    "EARTH_RADIUS_M",
    "arc",
    "chord",
    "hav",
    "haversine",
    "kd_tree",
    "nearest",
    "prep",
    "require_nonempty",
    "search_bound",
    "unit_xyz",
]

FloatArray: TypeAlias = NDArray[np.float64]

EARTH_RADIUS_M = 6_371_008.8
"""Sphere radius [m] for all great-circle distances: the IUGG mean Earth radius R₁."""


class LonLat(Protocol):
    """A layer with WGS-84 ``lon`` / ``lat`` arrays [°] (a ``Points``)."""

    @property
    def lon(self) -> FloatArray: ...
    @property
    def lat(self) -> FloatArray: ...
    def __len__(self) -> int: ...


def chord(metres: ArrayLike) -> FloatArray:
    """Unit-sphere chord for a great-circle arc [m] (chord 2 beyond half the circumference)."""
    d = np.asarray(metres, dtype=np.float64)
    half = np.minimum(d / (2.0 * EARTH_RADIUS_M), math.pi / 2.0)
    out: FloatArray = 2.0 * np.sin(half)
    return out


def arc(chord: ArrayLike) -> FloatArray:
    """Great-circle arc [m] for a unit-sphere chord (inverse of :func:`chord`)."""
    c = np.asarray(chord, dtype=np.float64)
    out: FloatArray = 2.0 * EARTH_RADIUS_M * np.arcsin(np.clip(c / 2.0, 0.0, 1.0))
    return out


def search_bound(metres: float) -> float:
    """KD-tree chord bound for an arc [m], slightly widened so that points at exactly
    ``metres`` survive rounding (the exact test is made on the haversine distance)."""
    return float(chord(metres)) * (1.0 + 1e-9) + 1e-15


def haversine(x1: FloatArray, y1: FloatArray, x2: FloatArray, y2: FloatArray) -> FloatArray:
    p1 = np.radians(y1)
    p2 = np.radians(y2)
    return hav(np.radians(x1), p1, np.cos(p1), np.radians(x2), p2, np.cos(p2))


def hav(
    l1: FloatArray, p1: FloatArray, c1: FloatArray, l2: FloatArray, p2: FloatArray, c2: FloatArray
) -> FloatArray:
    """Haversine [m] from radians and cos(latitude) (the one formula used everywhere,
    so that a distance computed by ``great_circle_distance`` and the one a search
    reports are the same float, and ``<=`` at the boundary agrees)."""
    h = np.sin((p2 - p1) * 0.5) ** 2 + c1 * c2 * np.sin((l2 - l1) * 0.5) ** 2
    out: FloatArray = 2.0 * EARTH_RADIUS_M * np.arcsin(np.sqrt(np.clip(h, 0.0, 1.0)))
    return out


def unit_xyz(x: FloatArray, y: FloatArray) -> FloatArray:
    """3-D unit vectors (n, 3) of lon/lat arrays [°]."""
    return prep(x, y)[0]


def prep(x: FloatArray, y: FloatArray) -> tuple[FloatArray, FloatArray, FloatArray, FloatArray]:
    """Unit vectors (n, 3), longitude and latitude in radians, cos(latitude)."""
    lam = np.radians(x)
    phi = np.radians(y)
    cphi = np.cos(phi)
    out = np.empty((x.shape[0], 3), dtype=np.float64)
    out[:, 0] = cphi * np.cos(lam)
    out[:, 1] = cphi * np.sin(lam)
    out[:, 2] = np.sin(phi)
    return out, lam, phi, cphi


def require_nonempty(layer: object, name: str, kind: type) -> None:
    """Refuse anything but a non-empty layer of class ``kind`` (``Points``)."""
    if not isinstance(layer, kind):
        raise InvalidInputError.bad(
            name, layer, "must be a Points layer", shown=type(layer).__name__
        )
    if len(layer) == 0:  # type: ignore[arg-type]
        raise InvalidInputError.bad(name, layer, "must not be empty", shown="0 points")


def kd_tree(vectors: FloatArray) -> cKDTree:
    """A scipy KD-tree over unit vectors (scipy imported on first use)."""
    from scipy.spatial import cKDTree

    return cKDTree(vectors)


def nearest(
    a: LonLat, b: LonLat, limit: float, *, workers: int = 1, first_pass: float | None = None
) -> tuple[FloatArray, NDArray[np.int64]]:
    """Nearest neighbour on WGS-84 layers (already aligned, non-empty).

    ``first_pass``: search radius [m] for a cheap bounded first query; points with no
    neighbour within it are queried again with ``limit`` (exact results either way,
    fast when most points have a neighbour close by).
    """
    ub, lb, pb, cb = prep(b.lon, b.lat)
    tb = kd_tree(ub)
    ua, la, pa, ca = prep(a.lon, a.lat)
    n = len(a)
    j = np.full(n, len(b), dtype=np.int64)
    todo: NDArray[Any] = slice(None)  # type: ignore[assignment]
    if first_pass is not None and first_pass < limit:
        bound1 = search_bound(first_pass)
        _, j1 = tb.query(ua, k=1, distance_upper_bound=bound1, workers=workers)
        j[:] = j1
        todo = np.flatnonzero(j >= len(b))
    bound = np.inf if math.isinf(limit) else search_bound(limit)
    if not isinstance(todo, np.ndarray) or todo.size:
        _, j2 = tb.query(ua[todo], k=1, distance_upper_bound=bound, workers=workers)
        j[todo] = j2
    found = j < len(b)
    if found.all():
        dist = hav(la, pa, ca, lb[j], pb[j], cb[j])
    else:
        dist = np.full(n, np.inf, dtype=np.float64)
        jj = j[found]
        dist[found] = hav(la[found], pa[found], ca[found], lb[jj], pb[jj], cb[jj])
    if not math.isinf(limit):
        far = dist > limit
        found &= ~far
        dist[far] = np.inf
    index = np.where(found, j, -1).astype(np.int64)
    return dist, index
