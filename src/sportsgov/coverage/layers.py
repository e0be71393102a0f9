"""Map layers out: GeoJSON (RFC 7946), shapefiles and GeoPackages, and two-datum tables.

One writer for every result that has a place on a map; the ``to_geojson`` methods of
:class:`~sportsgov.coverage.results.CoverageResult`,
:class:`~sportsgov.coverage.siting.SiteSelection`,
:class:`~sportsgov.coverage.fca.Accessibility`,
:class:`~sportsgov.indicators.IndicatorTable`, :class:`~sportsgov.facilities.Inventory`
and :class:`~sportsgov.coverage.boundaries.Boundaries` delegate here.

**Datums.** RFC 7946 says GeoJSON coordinates are WGS-84, and that is the default.
``datum="gcj02"`` writes coordinates ready for Amap/Tencent maps (``"bd09"`` for
Baidu); the file then says so in a top-level ``"datum"`` member (a foreign member
RFC 7946 allows), and every reader in sportsgov honours it. Coordinates are written
with 9 decimals (0.1 mm), so a WGS-84 → GCJ-02 → file → WGS-84 round trip closes to
well under 1 mm.

**Formats.** ``path`` ending in ``.geojson``/``.json`` writes JSON (UTF-8, Chinese
kept readable); ``.gpkg`` and ``.shp`` go through pyogrio (``geo`` extra). The
return value is always the GeoJSON mapping.

Tables with coordinates can carry both datums, labelled: :func:`coordinate_columns`
and :func:`site_table` give ``lon_wgs84, lat_wgs84, lon_gcj02, lat_gcj02``.

Examples
--------
>>> from sportsgov.coverage.geo import Points
>>> from sportsgov.coverage.layers import points_geojson
>>> fc = points_geojson(Points([113.6], [34.7]), {"name": ["体育馆"]}, datum="gcj02")
>>> fc["datum"], fc["features"][0]["properties"]
('gcj02', {'name': '体育馆'})
"""

from __future__ import annotations

import json
import math
import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import NDArray

from sportsgov._common.extras import require
from sportsgov.coverage.geo import Points, convert
from sportsgov.errors import InvalidInputError

if TYPE_CHECKING:
    from sportsgov.coverage.boundaries import Boundaries

__all__ = [
    "accessibility_geojson",
    "boundaries_geojson",
    "coordinate_columns",
    "coverage_geojson",
    "feature_collection",
    "inventory_geojson",
    "points_geojson",
    "records_geojson",
    "region_geojson",
    "site_table",
    "sites_geojson",
    "write_layer",
]

DECIMALS = 9
"""Decimals of a degree written (1e-9° ≈ 0.1 mm)."""

_DATUM_NOTE = {
    "wgs84": None,
    "gcj02": "GCJ-02 (国测局坐标, Amap/Tencent), not the RFC 7946 WGS-84",
    "bd09": "BD-09 (百度坐标, Baidu maps), not the RFC 7946 WGS-84",
}


def _datum(datum: str) -> str:
    return Points(np.empty(0), np.empty(0), datum=datum).datum


def _clean(value: Any) -> Any:
    """A JSON-safe property value: numpy scalars to Python, NaN/inf to None."""
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def _round(coords: Any) -> Any:
    if isinstance(coords, float):
        return round(coords, DECIMALS)
    if isinstance(coords, (list, tuple)):
        return [_round(c) for c in coords]
    return coords


def feature_collection(
    features: list[dict[str, Any]],
    path: str | os.PathLike[str] | None = None,
    *,
    datum: str = "wgs84",
    name: str | None = None,
) -> dict[str, Any]:
    """Wrap features into a FeatureCollection, mark the datum, write it if ``path`` is given.

    Parameters
    ----------
    features : list of GeoJSON Feature mappings
        Coordinates already in ``datum``.
    path : path, optional
        ``.geojson``/``.json`` (JSON), ``.gpkg`` or ``.shp`` (pyogrio).
    datum : {"wgs84", "gcj02", "bd09"}
        Datum of the coordinates; anything but WGS-84 is stated in a top-level
        ``"datum"`` member and a ``"datum_note"``.
    name : str, optional
        Layer name (``"name"`` member; the GeoPackage layer name).

    Returns
    -------
    dict
    """
    datum = _datum(datum)
    fc: dict[str, Any] = {"type": "FeatureCollection"}
    if name:
        fc["name"] = name
    fc["datum"] = datum
    note = _DATUM_NOTE[datum]
    if note:
        fc["datum_note"] = note
    fc["features"] = features
    if path is not None:
        write_layer(fc, path)
    return fc


def write_layer(fc: Mapping[str, Any], path: str | os.PathLike[str]) -> Path:
    """Write a FeatureCollection to GeoJSON, GeoPackage or shapefile (by suffix).

    Raises
    ------
    InvalidInputError
        Unknown suffix.
    MissingExtraError
        ``.gpkg``/``.shp`` without pyogrio and shapely.
    """
    p = Path(path)
    suffix = p.suffix.lower()
    if suffix in (".geojson", ".json"):
        p.write_text(json.dumps(fc, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
        return p
    if suffix not in (".gpkg", ".shp"):
        raise InvalidInputError.bad("path", str(p), "must end in .geojson, .json, .gpkg or .shp")
    pyogrio = require("pyogrio", "geo", what=f"writing {suffix} files")
    shapely = require("shapely", "geo", what=f"writing {suffix} files")
    feats = list(fc.get("features", []))
    geoms = np.array(
        [shapely.from_geojson(json.dumps(f["geometry"])) for f in feats] + [None], dtype=object
    )[:-1]
    keys: list[str] = []
    for f in feats:
        for k in f.get("properties", {}):
            if k not in keys:
                keys.append(k)
    columns = []
    for k in keys:
        vals = [f.get("properties", {}).get(k) for f in feats]
        kinds = {type(v) for v in vals if v is not None}
        if kinds <= {bool}:
            columns.append(np.array([bool(v) for v in vals]))
        elif kinds <= {int, bool} and None not in vals:
            columns.append(np.array(vals, dtype=np.int64))
        elif kinds <= {int, float, bool}:
            columns.append(np.array([np.nan if v is None else float(v) for v in vals]))
        else:
            columns.append(np.array(["" if v is None else str(v) for v in vals], dtype=object))
    types = set(shapely.get_type_id(geoms).tolist())
    gtype = (
        {0: "Point", 3: "Polygon", 6: "MultiPolygon"}.get(types.pop(), "Unknown")
        if len(types) == 1
        else ("MultiPolygon" if types <= {3, 6} else "Unknown")
    )
    if gtype == "Polygon" and suffix == ".gpkg":
        gtype = "Polygon"
    layer = str(fc.get("name") or p.stem)
    if p.exists():
        p.unlink()
    pyogrio.raw.write(
        p,
        shapely.to_wkb(geoms),
        columns,
        fields=keys,
        geometry_type=gtype,
        crs="EPSG:4326",
        layer=layer,
        driver="GPKG" if suffix == ".gpkg" else "ESRI Shapefile",
        encoding="UTF-8",
    )
    return p


def _props(properties: Mapping[str, Sequence[Any] | NDArray[Any]], n: int) -> list[dict[str, Any]]:
    cols: list[tuple[str, list[Any]]] = []
    for key, values in properties.items():
        vals = values.tolist() if isinstance(values, np.ndarray) else list(values)
        if len(vals) != n:
            raise InvalidInputError.bad(
                f"properties[{key!r}]",
                values,
                f"must have one value per feature ({n})",
                shown=f"{len(vals)} values",
            )
        cols.append((key, vals))
    return [{k: _clean(v[i]) for k, v in cols} for i in range(n)]


def points_geojson(
    points: Points,
    properties: Mapping[str, Sequence[Any] | NDArray[Any]] | None = None,
    path: str | os.PathLike[str] | None = None,
    *,
    datum: str = "wgs84",
    name: str | None = None,
) -> dict[str, Any]:
    """A point layer as GeoJSON, converted to ``datum``.

    Parameters
    ----------
    points : Points
        Any datum.
    properties : mapping of column name -> values, optional
        One value per point.
    path, datum, name
        As :func:`feature_collection`.

    Examples
    --------
    >>> from sportsgov.coverage.geo import Points
    >>> points_geojson(Points([120.5], [30.25]))["features"][0]["geometry"]
    {'type': 'Point', 'coordinates': [120.5, 30.25]}
    """
    target = _datum(datum)
    pts = points.to(target) if points.datum != target else points
    n = len(pts)
    props = _props(properties or {}, n)
    lon = np.round(pts.lon, DECIMALS).tolist()
    lat = np.round(pts.lat, DECIMALS).tolist()
    features = [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [lon[i], lat[i]]},
            "properties": props[i],
        }
        for i in range(n)
    ]
    return feature_collection(features, path, datum=target, name=name)


def boundaries_geojson(
    boundaries: Boundaries,
    path: str | os.PathLike[str] | None = None,
    *,
    datum: str = "wgs84",
    properties: Mapping[str, Sequence[Any] | NDArray[Any]] | None = None,
    name: str | None = None,
) -> dict[str, Any]:
    """Region polygons as GeoJSON (``code``, ``name``, ``parent`` and extra properties).

    Examples
    --------
    >>> import shapely
    >>> from sportsgov.coverage.boundaries import Boundaries
    >>> b = Boundaries.from_geometries(["A"], [shapely.box(0, 0, 1, 1)])
    >>> boundaries_geojson(b)["features"][0]["geometry"]["type"]
    'Polygon'
    """
    shapely = require("shapely", "geo", what="boundaries")
    target = _datum(datum)
    geoms = boundaries.geometries
    if target != "wgs84":
        geoms = shapely.transform(geoms, lambda xy: _xy(xy, "wgs84", target))
    n = len(boundaries)
    base: dict[str, Sequence[Any] | NDArray[Any]] = {"code": boundaries.codes}
    if boundaries.names is not None:
        base["name"] = boundaries.names
    if boundaries.parents is not None:
        base["parent"] = boundaries.parents
    base.update(properties or {})
    props = _props(base, n)
    features = [
        {
            "type": "Feature",
            "geometry": _round(json.loads(shapely.to_geojson(g))),
            "properties": props[i],
        }
        for i, g in enumerate(geoms.tolist())
    ]
    return feature_collection(features, path, datum=target, name=name)


def _xy(xy: NDArray[np.float64], src: str, dst: str) -> NDArray[np.float64]:
    if xy.shape[0] == 0:
        return xy
    x, y = convert(xy[:, 0], xy[:, 1], src=src, dst=dst)
    return np.column_stack([x, y])


def coverage_geojson(
    result: Any,
    path: str | os.PathLike[str] | None = None,
    *,
    datum: str = "wgs84",
) -> dict[str, Any]:
    """Demand points of a coverage result: weight, covered flag, nearest distance [m].

    Properties: ``id`` (if the demand had ids), ``population``, ``covered``,
    ``nearest_m`` (``None`` when no facility is in reach), ``radius_m`` and
    ``region`` (when the run had ``by=``).
    """
    demand: Points = result.demand
    props: dict[str, Any] = {}
    if demand.id is not None:
        props["id"] = demand.id
    props["population"] = demand.weights
    props["covered"] = result.covered
    props["nearest_m"] = np.round(np.asarray(result.nearest, dtype=float), 1)
    props["radius_m"] = np.broadcast_to(np.asarray(result.radius, dtype=float), (len(demand),))
    if getattr(result, "by", None) is not None:
        props["region"] = result.by
    return points_geojson(demand, props, path, datum=datum, name="coverage")


def sites_geojson(
    selection: Any,
    candidates: Points | None,
    path: str | os.PathLike[str] | None = None,
    *,
    datum: str = "wgs84",
    boundaries: Boundaries | None = None,
) -> dict[str, Any]:
    """Suggested sites as points: ``order`` (1 = chosen first), ``site``, ``id``, ``gain``.

    With ``boundaries`` each site also gets its ``region``.
    """
    if candidates is None:
        raise InvalidInputError.bad(
            "candidates",
            None,
            "a SiteSelection holds candidate indices, not places: pass the candidate "
            "Points layer (candidates=...)",
        )
    rows = site_table(selection, candidates, boundaries=boundaries)
    idx = np.asarray(selection.sites, dtype=np.int64)
    pts = candidates.take(idx)
    props: dict[str, list[Any]] = (
        {k: [r[k] for r in rows] for k in rows[0] if not k.startswith(("lon_", "lat_"))}
        if rows
        else {}
    )
    return points_geojson(pts, props, path, datum=datum, name="suggested_sites")


def coordinate_columns(points: Points) -> dict[str, NDArray[np.float64]]:
    """Both datums as labelled columns: ``lon_wgs84, lat_wgs84, lon_gcj02, lat_gcj02`` [°].

    Examples
    --------
    >>> cols = coordinate_columns(Points([113.6], [34.7]))
    >>> sorted(cols), round(float(cols["lon_gcj02"][0] - cols["lon_wgs84"][0]), 4)
    (['lat_gcj02', 'lat_wgs84', 'lon_gcj02', 'lon_wgs84'], 0.006)
    """
    w = points.to("wgs84") if points.datum != "wgs84" else points
    g = points.to("gcj02") if points.datum != "gcj02" else points
    return {
        "lon_wgs84": w.lon.copy(),
        "lat_wgs84": w.lat.copy(),
        "lon_gcj02": g.lon.copy(),
        "lat_gcj02": g.lat.copy(),
    }


def site_table(
    selection: Any,
    candidates: Points,
    *,
    boundaries: Boundaries | None = None,
) -> list[dict[str, Any]]:
    """One row per suggested site with coordinates in WGS-84 and GCJ-02.

    Rows: ``order``, ``site`` (candidate index), ``id``, ``gain`` [persons],
    ``covered_population``, ``share``, ``region`` (with ``boundaries``), and
    ``lon_wgs84, lat_wgs84, lon_gcj02, lat_gcj02`` [°].

    Examples
    --------
    >>> import numpy as np
    >>> from sportsgov.coverage.siting import suggest_sites
    >>> cands = Points([113.60, 113.70], [34.70, 34.70])
    >>> s = suggest_sites(Points([113.70], [34.70], weight=[50]), cands, radius=500, count=1)
    >>> row = site_table(s, cands)[0]
    >>> row["order"], row["site"], row["gain"], round(row["lon_wgs84"], 2)
    (1, 1, 50.0, 113.7)
    """
    idx = np.asarray(selection.sites, dtype=np.int64)
    if idx.size and (idx.max() >= len(candidates) or idx.min() < 0):
        raise InvalidInputError.bad(
            "candidates",
            candidates,
            f"has {len(candidates)} points but the selection uses candidate {int(idx.max())}",
            shown=f"<Points n={len(candidates)}>",
        )
    pts = candidates.take(idx)
    cols = coordinate_columns(pts)
    regions = boundaries.locate(pts) if boundaries is not None else None
    rows = []
    for k, row in enumerate(selection.table()):
        out = {
            "order": row["step"],
            "site": row["site"],
            "id": _clean(row["id"]),
            "gain": row["gain"],
            "covered_population": row["covered_population"],
            "share": row["share"],
        }
        if regions is not None:
            out["region"] = regions[k]
        for key, col in cols.items():
            out[key] = float(col[k])
        rows.append(out)
    return rows


def region_geojson(
    boundaries: Boundaries,
    values: Mapping[str, Mapping[str, Any]],
    path: str | os.PathLike[str] | None = None,
    *,
    datum: str = "wgs84",
    name: str | None = None,
) -> dict[str, Any]:
    """Polygons joined with per-region values (choropleth-ready).

    Parameters
    ----------
    boundaries : Boundaries
    values : mapping region code -> mapping of property -> value
        Regions without values get ``None`` for every property; values for codes
        the boundaries do not have are left out.
    """
    keys: list[str] = []
    for row in values.values():
        for k in row:
            if k not in keys:
                keys.append(k)
    props = {k: [values.get(code, {}).get(k) for code in boundaries.codes.tolist()] for k in keys}
    return boundaries_geojson(boundaries, path, datum=datum, properties=props, name=name)


def records_geojson(
    boundaries: Boundaries,
    records: Sequence[Mapping[str, Any]],
    path: str | os.PathLike[str] | None = None,
    *,
    key: str = "region",
    datum: str = "wgs84",
    name: str | None = None,
) -> dict[str, Any]:
    """Polygons joined with table rows on ``key`` (the rows' region code).

    Examples
    --------
    >>> import shapely
    >>> from sportsgov.coverage.boundaries import Boundaries
    >>> two = [shapely.box(0, 0, 1, 1), shapely.box(1, 0, 2, 1)]
    >>> b = Boundaries.from_geometries(["A", "B"], two)
    >>> fc = records_geojson(b, [{"region": "A", "share": 0.8}])
    >>> [f["properties"] for f in fc["features"]]
    [{'code': 'A', 'share': 0.8}, {'code': 'B', 'share': None}]
    """
    values = {str(r[key]): {k: v for k, v in r.items() if k != key} for r in records}
    return region_geojson(boundaries, values, path, datum=datum, name=name)


def accessibility_geojson(
    access: Any,
    demand: Points | None,
    path: str | os.PathLike[str] | None = None,
    *,
    datum: str = "wgs84",
) -> dict[str, Any]:
    """Demand points of a 2SFCA result: ``score``, ``reached`` (and ``population``)."""
    if demand is None:
        raise InvalidInputError.bad(
            "demand",
            None,
            "an Accessibility holds scores, not places: pass the demand Points layer (demand=...)",
        )
    scores = np.asarray(access.scores, dtype=float)
    if scores.shape[0] != len(demand):
        raise InvalidInputError.bad(
            "demand",
            demand,
            f"must have one point per score ({scores.shape[0]})",
            shown=f"<Points n={len(demand)}>",
        )
    props: dict[str, Any] = {}
    if demand.id is not None:
        props["id"] = demand.id
    props["population"] = demand.weights
    props["score"] = scores
    props["reached"] = access.reached
    return points_geojson(demand, props, path, datum=datum, name="accessibility")


def inventory_geojson(
    inventory: Any,
    path: str | os.PathLike[str] | None = None,
    *,
    datum: str = "wgs84",
) -> dict[str, Any]:
    """Facilities with coordinates: ``id``, ``name``, ``kind``, ``region``, ``area_m2``, ``public``

    Facilities recorded in different datums are converted to ``datum`` one by one.
    """
    target = _datum(datum)
    if inventory.lon is None or inventory.lat is None or inventory.datum is None:
        return feature_collection([], path, datum=target, name="facilities")
    from sportsgov.coverage.geo import DATUMS

    has = (inventory.datum >= 0) & np.isfinite(inventory.lon) & np.isfinite(inventory.lat)
    names = np.asarray(DATUMS, dtype=object)[inventory.datum[has]]
    pts = Points.from_mixed(inventory.lon[has], inventory.lat[has], names, to=target)
    props: dict[str, Any] = {"id": inventory.ids[has]}
    if inventory.names is not None:
        props["name"] = inventory.names[has]
    props["kind"] = inventory.kind_codes[has]
    props["region"] = inventory.region_of[has]
    props["area_m2"] = inventory.area[has]
    props["public"] = inventory.public[has]
    return points_geojson(pts, props, path, datum=target, name="facilities")
