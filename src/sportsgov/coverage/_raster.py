"""Private: read a population raster (WorldPop-style GeoTIFF) into cell-centre columns.

Returns plain arrays so that :meth:`sportsgov.coverage.geo.Points.from_raster`
(above this module) builds the layer; needs rasterio (``geo`` extra), and pyproj for
rasters that are not in lon/lat.
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from sportsgov._common.extras import require
from sportsgov.errors import DataError, InvalidInputError

__all__ = ["read_population_raster"]


def read_population_raster(
    path: str | os.PathLike[str],
    *,
    band: int = 1,
    bbox: tuple[float, float, float, float] | None = None,
    keep_zero: bool = False,
) -> tuple[NDArray[np.float64], NDArray[np.float64], NDArray[np.float64]]:
    """``(lon, lat, population)`` of the cell centres of a raster band, nodata skipped.

    Parameters
    ----------
    path : path
        GeoTIFF (anything GDAL reads).
    band : int, default 1
    bbox : (west, south, east, north) [°], optional
        Read only the window covering this box (lon/lat rasters) or keep only the
        cells whose centre falls in it (projected rasters).
    keep_zero : bool, default False
        Keep cells with population 0.
    """
    rasterio = require("rasterio", "geo", what="Points.from_raster")
    p = Path(path)
    if not p.exists():
        raise DataError(f"path={str(p)!r}: no such file", source=p.name)
    try:
        src = rasterio.open(p)
    except Exception as exc:  # rasterio raises its own RasterioIOError
        raise DataError(f"cannot read raster: {exc}", source=p.name) from None
    with src:
        if not 1 <= band <= src.count:
            raise InvalidInputError.bad("band", band, f"must be within 1..{src.count}")
        crs = src.crs
        geographic = crs is None or bool(crs.is_geographic)
        t = src.transform
        row0, col0 = 0, 0
        window = None
        if bbox is not None and geographic and t.b == 0 and t.d == 0:
            # north-up lon/lat raster: read only the cells around the box
            west, south, east, north = bbox
            xs = sorted(((west - t.c) / t.a, (east - t.c) / t.a))
            ys = sorted(((north - t.f) / t.e, (south - t.f) / t.e))
            col0 = max(int(np.floor(xs[0])), 0)
            col1 = min(int(np.ceil(xs[1])), src.width)
            row0 = max(int(np.floor(ys[0])), 0)
            row1 = min(int(np.ceil(ys[1])), src.height)
            if col1 <= col0 or row1 <= row0:
                empty = np.zeros(0)
                return empty, empty.copy(), empty.copy()
            window = ((row0, row1), (col0, col1))
        data = src.read(band, window=window, masked=True)
    values = np.ma.filled(data.astype(np.float64), np.nan)
    rows, cols = np.nonzero(np.isfinite(values))
    pop = values[rows, cols]
    bad = pop < 0
    if bad.any():
        k = int(np.flatnonzero(bad)[0])
        raise DataError(
            f"population={pop[k]:g}: must be >= 0 persons (or the raster's nodata value)",
            source=p.name,
            row=int(rows[k]) + row0 + 1,
            field=f"band {band}",
        )
    if not keep_zero:
        keep = pop > 0
        rows, cols, pop = rows[keep], cols[keep], pop[keep]
    # cell centres through the affine transform (whole-raster indices)
    cc, rr = cols + col0 + 0.5, rows + row0 + 0.5
    x = t.a * cc + t.b * rr + t.c
    y = t.d * cc + t.e * rr + t.f
    if not geographic:
        pyproj = require("pyproj", "geo", what="a projected population raster")
        tf = pyproj.Transformer.from_crs(crs.to_wkt(), "EPSG:4326", always_xy=True)
        x, y = tf.transform(x, y)
        x, y = np.asarray(x, dtype=np.float64), np.asarray(y, dtype=np.float64)
        if bbox is not None:
            inside = (x >= bbox[0]) & (x <= bbox[2]) & (y >= bbox[1]) & (y <= bbox[3])
            x, y, pop = x[inside], y[inside], pop[inside]
    return np.asarray(x, dtype=np.float64), np.asarray(y, dtype=np.float64), pop
