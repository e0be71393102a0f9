"""Private helpers for boundary files: codes as text, CRS checks, polygon repair, OGR reading.

Used by :mod:`sportsgov.coverage.boundaries` (readers) and kept apart so that module
stays about the ``Boundaries`` model.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from sportsgov._common.extras import require
from sportsgov.coverage.geo import convert
from sportsgov.errors import DataError

__all__ = [
    "code_text",
    "convert_xy",
    "is_geographic",
    "object_array",
    "polygonal",
    "read_ogr",
    "reproject",
]

GEOGRAPHIC = {"EPSG:4326", "OGC:CRS84", "EPSG:4490", "CRS84", "WGS84"}


def code_text(value: Any) -> str | None:
    """A region code as text: ints stay ints (410102.0 -> '410102'), blanks are None."""
    if value is None:
        return None
    if isinstance(value, float):
        if not np.isfinite(value):
            return None
        if value.is_integer():
            return str(int(value))
    if isinstance(value, np.floating):
        return code_text(float(value))
    if isinstance(value, np.integer):
        return str(int(value))
    text = str(value).strip()
    return text or None


def convert_xy(xy: NDArray[np.float64], src: str, dst: str) -> NDArray[np.float64]:
    if xy.shape[0] == 0:
        return xy
    x, y = convert(xy[:, 0], xy[:, 1], src=src, dst=dst)
    return np.column_stack([x, y])


def object_array(items: list[Any]) -> NDArray[Any]:
    arr = np.empty(len(items), dtype=object)
    arr[:] = items
    return arr


def polygonal(shapely: Any, geoms: NDArray[Any]) -> NDArray[Any]:
    """Keep only the polygonal parts (make_valid may return collections with lines)."""
    out = np.asarray(geoms, dtype=object).copy()
    for i, g in enumerate(out.tolist()):
        if g.geom_type == "GeometryCollection":
            parts = [
                p
                for p in shapely.get_parts(g).tolist()
                if p.geom_type in ("Polygon", "MultiPolygon")
            ]
            polys = [q for p in parts for q in shapely.get_parts(p).tolist()]
            out[i] = polys[0] if len(polys) == 1 else shapely.MultiPolygon(polys)
    return out


def is_geographic(crs: str) -> bool:
    """True for lon/lat CRSs (and for CRS text pyproj cannot parse, as GeoJSON assumes)."""
    text = crs.strip().upper()
    if text in GEOGRAPHIC or "CRS84" in text:
        return True
    try:
        pyproj = require("pyproj", "geo", what="reading a projected boundary file")
        return bool(pyproj.CRS.from_user_input(crs).is_geographic)
    except Exception:  # unparsable CRS text: treat as lon/lat, as GeoJSON does
        return True


def reproject(shapely: Any, geoms: NDArray[Any], crs: str) -> NDArray[Any]:
    """Geometries from ``crs`` to WGS-84 lon/lat (pyproj, x/y order kept)."""
    pyproj = require("pyproj", "geo", what="reading a projected boundary file")
    tf = pyproj.Transformer.from_crs(pyproj.CRS.from_user_input(crs), "EPSG:4326", always_xy=True)

    def fn(xy: NDArray[np.float64]) -> NDArray[np.float64]:
        x, y = tf.transform(xy[:, 0], xy[:, 1])
        return np.column_stack([x, y])

    return shapely.transform(geoms, fn)  # type: ignore[no-any-return]


def read_ogr(
    p: Path, fields: list[str], *, layer: str | int | None, encoding: str | None
) -> tuple[dict[str, list[Any]], NDArray[Any]]:
    """Read ``fields`` and the geometries of a GDAL vector file (geometries in WGS-84 lon/lat).

    Field names match case-insensitively (shapefiles upper-case them). A projected
    file is reprojected to WGS-84 lon/lat.
    """
    pyogrio = require("pyogrio", "geo", what="reading shapefiles and GeoPackages")
    shapely = require("shapely", "geo", what="Boundaries")
    kwargs: dict[str, Any] = {}
    if layer is not None:
        kwargs["layer"] = layer
    if encoding is not None:
        kwargs["encoding"] = encoding
    try:
        info = pyogrio.read_info(p, **kwargs)
    except Exception as exc:  # GDAL errors come in several classes
        raise DataError(f"cannot read: {exc}", source=p.name) from None
    present = [str(f) for f in info["fields"]]
    lower = {f.lower(): f for f in present}
    actual = []
    for f in fields:
        if f in present:
            actual.append(f)
        elif f.lower() in lower:  # shapefile field names are often upper-cased
            actual.append(lower[f.lower()])
        else:
            raise DataError(
                f"{f}: no such field (fields: {', '.join(present[:12])})",
                source=p.name,
                field=f,
            )
    meta, _fids, wkb, values = pyogrio.raw.read(p, columns=actual, **kwargs)
    by_name = dict(zip(actual, values, strict=True))
    geoms = shapely.from_wkb(wkb)
    crs = meta.get("crs")
    if crs and not is_geographic(str(crs)):
        geoms = reproject(shapely, geoms, str(crs))
    return {f: list(by_name[a]) for f, a in zip(fields, actual, strict=True)}, geoms
