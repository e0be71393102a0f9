"""Coordinates in any coordinate reference system (坐标系), converted once to WGS-84 lon/lat.

:class:`~sportsgov.coverage.geo.Points` takes ``crs=`` for coordinates in any
CRS that pyproj knows: EPSG codes, WKT, PROJ strings. Chinese government GIS
data commonly come in CGCS2000 (China Geodetic Coordinate System 2000,
EPSG:4490) or its Gauss–Krüger projections (3-degree zones EPSG:4513–4533, e.g.
EPSG:4528 = zone 40, central meridian 120° E, with the zone number in front of
the easting; 6-degree zones EPSG:4491–4501 ...). The coordinates are converted
once, on input, to WGS-84 lon/lat; everything downstream is unchanged.

CGCS2000 and WGS-84 (G1762) agree to a few centimetres, far below the accuracy
of any facility location; pyproj applies its "ballpark" (null) transformation
between them, and so does this module: CGCS2000 is treated as WGS-84 to within
about 1 m. GCJ-02 and BD-09 are not CRSs pyproj knows: give them with
``datum="gcj02"`` / ``"bd09"`` as before.

``crs="local"`` takes planar x/y in metres of a small local plane (a survey
drawing, a site plan): the points are laid on an azimuthal equidistant
projection of the sphere the library measures great-circle distances on
(radius 6,371,008.8 m), centred at 0° N 0° E, where great-circle distances
equal planar distances to within 1 mm per km over 20 km. Use it for every layer of one
calculation (local coordinates cannot be related to real ones).

Needs pyproj (``pip install sportsgov[geo]``); importing sportsgov does not.

Examples
--------
>>> lon, lat = to_wgs84([40500000.0], [3800000.0], "EPSG:4528")
>>> round(float(lon[0]), 6), round(float(lat[0]), 6)
(120.0, 34.327595)
"""

from __future__ import annotations

import functools
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from sportsgov.errors import InvalidInputError

__all__ = ["LOCAL", "from_wgs84", "to_wgs84"]

FloatArray = NDArray[np.float64]

LOCAL = "+proj=aeqd +lat_0=0 +lon_0=0 +x_0=0 +y_0=0 +R=6371008.8 +units=m +no_defs"
"""The PROJ definition behind ``crs="local"``."""


def _pyproj() -> Any:
    try:
        import pyproj
    except ImportError as exc:
        raise InvalidInputError.bad(
            "crs", "pyproj", "needs pyproj: pip install 'sportsgov[geo]'"
        ) from exc
    return pyproj


@functools.lru_cache(maxsize=64)
def _transformer(crs: str, inverse: bool) -> Any:
    pyproj = _pyproj()
    source = LOCAL if crs.strip().lower() == "local" else crs
    try:
        src = pyproj.CRS.from_user_input(source)
    except pyproj.exceptions.CRSError as exc:
        raise InvalidInputError.bad(
            "crs",
            crs,
            "unknown to pyproj; give an EPSG code ('EPSG:4528'), WKT, a PROJ string or 'local'",
        ) from exc
    wgs = pyproj.CRS.from_epsg(4326)
    a, b = (wgs, src) if inverse else (src, wgs)
    return pyproj.Transformer.from_crs(a, b, always_xy=True)


def _crs_key(crs: object) -> str:
    if isinstance(crs, str):
        return crs
    if isinstance(crs, int) and not isinstance(crs, bool):
        return f"EPSG:{crs}"
    to_wkt = getattr(crs, "to_wkt", None)
    if callable(to_wkt):
        return str(to_wkt())
    raise InvalidInputError.bad(
        "crs", crs, "expected an EPSG code, 'EPSG:4528', WKT, a PROJ string or a pyproj CRS"
    )


def _convert(a: ArrayLike, b: ArrayLike, crs: object, *, inverse: bool) -> tuple[Any, Any]:
    x = np.array(a, dtype=np.float64).reshape(-1)
    y = np.array(b, dtype=np.float64).reshape(-1)
    if x.shape != y.shape:
        raise InvalidInputError.bad(
            "y", b, f"must have as many values as x ({x.size})", shown=f"{y.size} values"
        )
    bad = ~(np.isfinite(x) & np.isfinite(y))
    if bool(bad.any()):
        k = int(np.flatnonzero(bad)[0])
        raise InvalidInputError.bad(
            f"x[{k}], y[{k}]", (float(x[k]), float(y[k])), "must be finite"
        )
    key = _crs_key(crs)
    out_x, out_y = _transformer(key, inverse).transform(x, y)
    out_x = np.asarray(out_x, dtype=np.float64)
    out_y = np.asarray(out_y, dtype=np.float64)
    bad = ~(np.isfinite(out_x) & np.isfinite(out_y))
    if bool(bad.any()):
        k = int(np.flatnonzero(bad)[0])
        raise InvalidInputError.bad(
            f"x[{k}], y[{k}]",
            (float(x[k]), float(y[k])),
            f"outside the area of crs={key!r} (check the CRS and the x/y order: x = easting)",
        )
    return out_x, out_y


def to_wgs84(x: ArrayLike, y: ArrayLike, crs: object) -> tuple[FloatArray, FloatArray]:
    """WGS-84 (lon, lat) [°] of points given as (x, y) in ``crs``.

    Parameters
    ----------
    x, y : array_like
        Easting/northing [the CRS's unit, metres for Gauss–Krüger] or lon/lat [°]
        for a geographic CRS (x = longitude, always).
    crs : str, int or pyproj.CRS
        ``"EPSG:4528"``, ``4528``, WKT, a PROJ string, a pyproj CRS, or ``"local"``.

    Returns
    -------
    (lon, lat) : arrays of float [°]

    Raises
    ------
    InvalidInputError
        An unknown CRS, non-finite input, a point outside the CRS's area, or
        pyproj missing.

    Examples
    --------
    >>> lon, lat = to_wgs84([1000.0], [0.0], "local")
    >>> from sportsgov.coverage.geo import great_circle_distance
    >>> round(float(great_circle_distance(0.0, 0.0, lon[0], lat[0])), 6)  # metres from the origin
    1000.0
    """
    return _convert(x, y, crs, inverse=False)


def from_wgs84(lon: ArrayLike, lat: ArrayLike, crs: object) -> tuple[FloatArray, FloatArray]:
    """(x, y) in ``crs`` of WGS-84 lon/lat [°] (the inverse of :func:`to_wgs84`).

    Examples
    --------
    >>> x, y = from_wgs84([120.0], [34.327595], "EPSG:4528")
    >>> round(float(x[0]), 1)
    40500000.0
    """
    return _convert(lon, lat, crs, inverse=True)
