"""Region boundaries (行政区划边界): polygons read from GeoJSON, shapefiles or GeoPackages.

A :class:`Boundaries` layer holds one polygon or multipolygon (holes allowed) per
region code, always stored in WGS-84 lon/lat: polygons recorded in GCJ-02 (Amap,
Tencent exports) or BD-09 (Baidu) are converted vertex by vertex on load with the
converters of :mod:`sportsgov.coverage.geo`; files in a projected CRS are reprojected
with pyproj.

:meth:`Boundaries.locate` tells which region each point lies in, vectorized: points
are bucketed on a grid, each region tests only the buckets under its bounding box
with a prepared shapely 2 polygon (``intersects_xy``, no Point objects are made).
Points may be in any datum (they are converted to WGS-84 first). On 1,000,000 points
and 3,000 regions this is several times faster than a plain shapely ``STRtree``
query (``benchmarks/bench_boundaries.py``).

**Edge rule.** Regions are closed sets: a point on a region's edge belongs to it.
A point covered by several regions (on an edge two districts share, on a vertex
several share, or inside polygons that overlap by mistake) belongs to the region
whose **code sorts first** (plain string order). A point covered by no region gets
``None``. So every point belongs to exactly one region or to none, and the answer
does not depend on the order of the features in the file.

It also checks a :class:`~sportsgov.regions.RegionTree` against the file
(:meth:`Boundaries.check_tree`), builds one (:meth:`Boundaries.to_tree`), fills the
region of facilities that have none and flags those whose stated region disagrees
with where they are (:meth:`Boundaries.locate_facilities`, behind
``Inventory.locate``).

Needs the ``geo`` extra (shapely 2; pyogrio for shapefiles and GeoPackages;
pyproj for projected files): ``pip install "sportsgov[geo]"``.

Examples
--------
>>> from sportsgov.coverage.boundaries import Boundaries
>>> from sportsgov.coverage.geo import Points
>>> def square(x):
...     ring = [[x, 0], [x + 1, 0], [x + 1, 1], [x, 1], [x, 0]]
...     return {"type": "Polygon", "coordinates": [ring]}
>>> b = Boundaries.from_geojson({"type": "FeatureCollection", "features": [
...     {"type": "Feature", "properties": {"code": "A"}, "geometry": square(0)},
...     {"type": "Feature", "properties": {"code": "B"}, "geometry": square(1)},
... ]})
>>> b.locate(Points([0.5, 1.0, 1.5, 5.0], [0.5, 0.5, 0.5, 0.5])).tolist()
['A', 'A', 'B', None]
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, TypeAlias, cast

import attrs
import numpy as np
from attrs import field, frozen
from numpy.typing import NDArray

from sportsgov._common.extras import require
from sportsgov.coverage._shapes import (
    code_text,
    convert_xy,
    is_geographic,
    object_array,
    polygonal,
    read_ogr,
    reproject,
)
from sportsgov.coverage.geo import DATUMS, Points
from sportsgov.errors import DataError, DatumError, InvalidInputError

if TYPE_CHECKING:
    from sportsgov.facilities import Inventory
    from sportsgov.regions import RegionTree

__all__ = ["Boundaries", "FacilityLocation", "RegionFinding"]

Level: TypeAlias = Literal["error", "warning"]

_GEOGRAPHIC = {"EPSG:4326", "OGC:CRS84", "EPSG:4490", "CRS84", "WGS84"}


def _shapely() -> Any:
    return require("shapely", "geo", what="Boundaries")


@frozen
class RegionFinding:
    """One plausibility finding about regions and where things are.

    Attributes
    ----------
    level : {"error", "warning"}
    message : str
        What is wrong, in words.
    file : str or None
        File the record came from.
    row : int or None
        1-based record number (feature or facility), if known.
    id : object
        Facility id or region code concerned.
    stated : str or None
        The region the data state.
    located : str or None
        The region the boundaries place it in.
    """

    level: Level
    message: str
    file: str | None = None
    row: int | None = None
    id: Any = None
    stated: str | None = None
    located: str | None = None


@frozen
class FacilityLocation:
    """Facilities located against boundaries: the filled inventory and the findings.

    Attributes
    ----------
    inventory : Inventory
        The inventory with missing region codes filled from the boundaries.
    located : numpy.ndarray of object
        Region code where each facility lies (``None``: no coordinates or outside).
    filled : numpy.ndarray of bool
        Facilities whose region was missing and has been filled.
    findings : tuple of RegionFinding
        Facilities whose stated region disagrees with where they lie (``error``),
        and facilities with a missing region that could not be placed (``warning``).
    """

    inventory: Inventory
    located: NDArray[Any] = field(eq=False)
    filled: NDArray[np.bool_] = field(eq=False)
    findings: tuple[RegionFinding, ...]


def _obj(values: Iterable[Any]) -> NDArray[Any]:
    arr = np.empty(len(list_ := list(values)), dtype=object)
    arr[:] = list_
    arr.flags.writeable = False
    return arr


def _opt_obj(values: Iterable[Any] | None) -> NDArray[Any] | None:
    return None if values is None else _obj(values)


def _geoms(values: Any) -> NDArray[Any]:
    arr = np.asarray(values, dtype=object).reshape(-1).copy()
    arr.flags.writeable = False
    return arr


def _datum_name(datum: str, name: str = "datum") -> str:
    """The canonical datum name ('GCJ-02' -> 'gcj02'); DatumError if unknown."""
    try:
        return Points(np.empty(0), np.empty(0), datum=datum).datum
    except DatumError as exc:
        raise DatumError.bad(name, datum, "expected one of 'wgs84', 'gcj02', 'bd09'") from exc


@frozen(eq=False)
class Boundaries:
    """Region polygons in WGS-84, one (multi)polygon per region code.

    Build it with :meth:`from_file`, :meth:`from_frame`, :meth:`from_geojson` or
    :meth:`from_geometries`.

    Attributes
    ----------
    codes : numpy.ndarray of str
        Region codes, unique, in file order.
    geometries : numpy.ndarray of shapely geometries
        Polygon or MultiPolygon per code, WGS-84 lon/lat [°].
    names : numpy.ndarray of str or None
        Region names, if the file has them.
    parents : numpy.ndarray of str or None
        Parent region codes, if the file has them.
    source : str or None
        File name the boundaries came from.
    datum : str
        Datum the file was recorded in (the geometries are WGS-84 whatever it was).

    Examples
    --------
    >>> import shapely
    >>> b = Boundaries.from_geometries(["410102"], [shapely.box(113.5, 34.7, 113.7, 34.8)],
    ...                                names=["中原区"])
    >>> b
    Boundaries(n=1, codes=['410102'], source=None)
    >>> b.locate(Points([113.6], [34.75])).tolist()
    ['410102']
    """

    codes: NDArray[Any] = field(converter=_obj)
    geometries: NDArray[Any] = field(converter=_geoms)
    names: NDArray[Any] | None = field(default=None, kw_only=True, converter=_opt_obj)
    parents: NDArray[Any] | None = field(default=None, kw_only=True, converter=_opt_obj)
    source: str | None = field(default=None, kw_only=True)
    datum: str = field(default="wgs84", kw_only=True)
    _cache: dict[str, Any] = field(factory=dict, init=False, repr=False)

    def __attrs_post_init__(self) -> None:
        n = self.codes.shape[0]
        for name in ("geometries", "names", "parents"):
            arr = getattr(self, name)
            if arr is not None and arr.shape[0] != n:
                raise InvalidInputError.bad(
                    name,
                    arr,
                    f"must have one value per code ({n})",
                    shown=f"{arr.shape[0]} values",
                )
        for i, code in enumerate(self.codes.tolist()):
            if not isinstance(code, str) or not code:
                raise InvalidInputError.bad(f"codes[{i}]", code, "must be a non-empty string")
        if len(set(self.codes.tolist())) != n:
            seen: set[str] = set()
            dup = None
            for c in self.codes.tolist():
                if c in seen:
                    dup = c
                    break
                seen.add(c)
            raise InvalidInputError.bad("codes", dup, "region codes must be unique")
        shapely = _shapely()
        kinds = shapely.get_type_id(self.geometries)
        ok = (kinds == 3) | (kinds == 6)  # Polygon, MultiPolygon
        if not ok.all():
            i = int(np.flatnonzero(~ok)[0])
            raise InvalidInputError.bad(
                f"geometries[{i}]",
                shapely.get_type_id(self.geometries[i]),
                "must be a Polygon or MultiPolygon",
                shown=str(getattr(self.geometries[i], "geom_type", None)),
            )

    def __repr__(self) -> str:
        shown = self.codes[:5].tolist()
        more = ", …" if len(self) > 5 else ""
        return f"Boundaries(n={len(self)}, codes={str(shown)[:-1]}{more}], source={self.source!r})"

    def __len__(self) -> int:
        return int(self.codes.shape[0])

    def __reduce__(self) -> tuple[Any, ...]:
        shapely = _shapely()
        return (
            _rebuild,
            (
                self.codes.tolist(),
                shapely.to_wkb(self.geometries).tolist(),
                None if self.names is None else self.names.tolist(),
                None if self.parents is None else self.parents.tolist(),
                self.source,
                self.datum,
            ),
        )

    # ------------------------------------------------------------------ construction
    @classmethod
    def from_geometries(
        cls,
        codes: Sequence[Any],
        geometries: Any,
        *,
        names: Sequence[Any] | None = None,
        parents: Sequence[Any] | None = None,
        datum: str = "wgs84",
        source: str | None = None,
    ) -> Boundaries:
        """Build boundaries from codes and shapely geometries in ``datum``.

        Features sharing a code are merged into one region (their union); invalid
        polygons are repaired with :func:`shapely.make_valid` (polygonal parts kept).

        Parameters
        ----------
        codes : sequence
            Region code per feature (numbers are written without a decimal part).
        geometries : array_like of shapely Polygon / MultiPolygon
            Lon/lat [°] in ``datum``.
        names, parents : sequence, optional
            Region name and parent code per feature.
        datum : {"wgs84", "gcj02", "bd09"}, default "wgs84"
            Datum of the coordinates; GCJ-02 and BD-09 are converted to WGS-84.
        source : str, optional
            File name, for messages.

        Raises
        ------
        DataError
            A feature without a code or without a polygonal geometry.
        DatumError
            Unknown datum.

        Examples
        --------
        >>> import shapely
        >>> two = [shapely.box(0, 0, 1, 1), shapely.box(2, 0, 3, 1)]
        >>> b = Boundaries.from_geometries([1, 1], two)
        >>> b.codes.tolist(), b.geometries[0].geom_type
        (['1'], 'MultiPolygon')
        """
        src_datum = _datum_name(datum)
        shapely = _shapely()
        geoms = np.asarray(geometries, dtype=object).reshape(-1)
        n = geoms.shape[0]
        code_list = [code_text(c) for c in codes]
        if len(code_list) != n:
            raise InvalidInputError.bad(
                "codes",
                codes,
                f"must have one value per geometry ({n})",
                shown=f"{len(code_list)} values",
            )
        for i, code in enumerate(code_list):
            if code is None:
                raise DataError("code: is required", source=source, row=i + 1, field="code")
        name_list = None if names is None else [code_text(v) for v in names]
        parent_list = None if parents is None else [code_text(v) for v in parents]
        for i, g in enumerate(geoms.tolist()):
            if g is None or shapely.is_empty(g):
                raise DataError(
                    "geometry=None: every feature needs a polygon",
                    source=source,
                    row=i + 1,
                    field="geometry",
                )
            if g.geom_type not in ("Polygon", "MultiPolygon"):
                if g.geom_type == "GeometryCollection" and any(
                    p.geom_type in ("Polygon", "MultiPolygon") for p in g.geoms
                ):
                    continue
                raise DataError(
                    f"geometry={g.geom_type}: must be a Polygon or MultiPolygon",
                    source=source,
                    row=i + 1,
                    field="geometry",
                )
        geoms = polygonal(shapely, shapely.make_valid(geoms))
        if src_datum != "wgs84":
            geoms = shapely.transform(geoms, lambda xy: convert_xy(xy, src_datum, "wgs84"))
        # merge features that share a code (a district drawn as several features)
        order: dict[str, list[int]] = {}
        for i, code in enumerate(code_list):
            order.setdefault(code, []).append(i)  # type: ignore[arg-type]
        out_codes = list(order)
        out_geoms = []
        for code in out_codes:
            idx = order[code]
            if len(idx) == 1:
                out_geoms.append(geoms[idx[0]])
            else:
                merged = np.empty(1, dtype=object)
                merged[0] = shapely.union_all(geoms[idx])
                out_geoms.append(polygonal(shapely, merged)[0])

        def first(values: list[str | None] | None) -> list[str | None] | None:
            if values is None:
                return None
            return [values[order[c][0]] for c in out_codes]

        return cls(
            out_codes,
            object_array(out_geoms),
            names=first(name_list),
            parents=first(parent_list),
            source=source,
            datum=src_datum,
        )

    @classmethod
    def from_geojson(
        cls,
        data: Mapping[str, Any] | str | os.PathLike[str],
        *,
        code: str = "code",
        name: str | None = None,
        parent: str | None = None,
        datum: str | None = None,
    ) -> Boundaries:
        """Read a GeoJSON FeatureCollection (a mapping, or a path) without GDAL.

        Parameters
        ----------
        data : mapping or path
            A parsed FeatureCollection, or a ``.geojson``/``.json`` file.
        code, name, parent : str
            Property names of the region code, name and parent code.
        datum : str, optional
            Datum of the coordinates. ``None`` reads a top-level ``"datum"`` member
            (as :func:`~sportsgov.coverage.layers.to_geojson` writes it) and falls back
            to ``"wgs84"`` (RFC 7946).

        Examples
        --------
        >>> fc = {"type": "FeatureCollection", "datum": "gcj02", "features": [
        ...     {"type": "Feature", "properties": {"adcode": 410102, "name": "中原区"},
        ...      "geometry": {"type": "Polygon",
        ...                   "coordinates": [[[113.5, 34.7], [113.7, 34.7], [113.7, 34.8],
        ...                                    [113.5, 34.7]]]}}]}
        >>> b = Boundaries.from_geojson(fc, code="adcode", name="name")
        >>> b.codes.tolist(), b.names.tolist(), b.datum
        (['410102'], ['中原区'], 'gcj02')
        """
        shapely = _shapely()
        source = None
        if not isinstance(data, Mapping):
            path = Path(data)
            source = path.name
            try:
                data = json.loads(path.read_text(encoding="utf-8-sig"))
            except (OSError, ValueError) as exc:
                raise DataError(f"cannot read GeoJSON: {exc}", source=source) from None
        if not isinstance(data, Mapping) or data.get("type") != "FeatureCollection":
            raise DataError(
                "type: must be a GeoJSON FeatureCollection", source=source, field="type"
            )
        if datum is None:
            datum = str(data.get("datum") or "wgs84")
        crs = data.get("crs")
        crs_name = None
        if isinstance(crs, Mapping):
            crs_name = str(crs.get("properties", {}).get("name", "")) or None
        feats = list(data.get("features") or [])
        codes: list[Any] = []
        names: list[Any] = []
        parents: list[Any] = []
        geoms: list[Any] = []
        for i, feat in enumerate(feats, start=1):
            props = feat.get("properties") or {}
            if code not in props:
                raise DataError(
                    f"{code}: missing property (properties present: {sorted(props)[:8]})",
                    source=source,
                    row=i,
                    field=code,
                )
            codes.append(props.get(code))
            names.append(props.get(name) if name else None)
            parents.append(props.get(parent) if parent else None)
            geom = feat.get("geometry")
            geoms.append(None if geom is None else shapely.from_geojson(json.dumps(geom)))
        arr = np.empty(len(geoms), dtype=object)
        arr[:] = geoms
        if crs_name and not is_geographic(crs_name):
            arr = reproject(shapely, arr, crs_name)
        return cls.from_geometries(
            codes,
            arr,
            names=names if name else None,
            parents=parents if parent else None,
            datum=datum,
            source=source,
        )

    @classmethod
    def from_file(
        cls,
        path: str | os.PathLike[str],
        *,
        code: str = "code",
        name: str | None = None,
        parent: str | None = None,
        datum: str | None = None,
        layer: str | int | None = None,
        encoding: str | None = None,
    ) -> Boundaries:
        """Read region polygons from GeoJSON, a shapefile or a GeoPackage.

        GeoJSON is read directly (shapely only); other formats go through pyogrio
        (GDAL). A file in a projected CRS is reprojected to WGS-84 with pyproj; a
        lon/lat file is taken to be in ``datum`` (Amap exports say EPSG:4326 but are
        GCJ-02: pass ``datum="gcj02"``).

        Parameters
        ----------
        path : path
            ``.geojson``/``.json``, ``.shp``, ``.gpkg`` or anything GDAL reads.
        code : str, default "code"
            Field holding the region code (``adcode`` in Amap exports).
        name, parent : str, optional
            Fields holding the region name and the parent code.
        datum : {"wgs84", "gcj02", "bd09"}, optional
            Datum of lon/lat coordinates; converted to WGS-84 on load. ``None``
            means WGS-84 (RFC 7946), unless a GeoJSON file names its datum in a
            top-level ``"datum"`` member (as sportsgov writes it).
        layer : str or int, optional
            Layer of a multi-layer file (GeoPackage).
        encoding : str, optional
            Text encoding of a shapefile's attributes (``"gbk"`` for many Chinese
            files without a ``.cpg``).

        Returns
        -------
        Boundaries

        Raises
        ------
        DataError
            Missing field, feature without code or polygon, unreadable file.
        MissingExtraError
            shapely / pyogrio / pyproj not installed.

        Examples
        --------
        >>> import json, tempfile, pathlib
        >>> p = pathlib.Path(tempfile.mkdtemp()) / "d.geojson"
        >>> _ = p.write_text(json.dumps({"type": "FeatureCollection", "features": [
        ...     {"type": "Feature", "properties": {"code": "A", "name": "甲区"},
        ...      "geometry": {"type": "Polygon",
        ...                   "coordinates": [[[0, 0], [1, 0], [0, 1], [0, 0]]]}}]}))
        >>> Boundaries.from_file(p, name="name").names.tolist()
        ['甲区']
        """
        p = Path(path)
        if not p.exists():
            raise DataError(f"path={str(p)!r}: no such file", source=p.name)
        if p.suffix.lower() in (".geojson", ".json"):
            return cls.from_geojson(p, code=code, name=name, parent=parent, datum=datum)
        fields = [f for f in (code, name, parent) if f]
        by_name, geoms = read_ogr(p, fields, layer=layer, encoding=encoding)
        return cls.from_geometries(
            by_name[code],
            geoms,
            names=None if name is None else by_name[name],
            parents=None if parent is None else by_name[parent],
            datum=datum or "wgs84",
            source=p.name,
        )

    @classmethod
    def from_frame(
        cls,
        frame: Any,
        *,
        code: str = "code",
        name: str | None = None,
        parent: str | None = None,
        datum: str = "wgs84",
        geometry: str = "geometry",
    ) -> Boundaries:
        """Build boundaries from a (geo)pandas frame with a geometry column.

        A GeoDataFrame in a projected CRS is reprojected to WGS-84.

        Examples
        --------
        >>> import geopandas, shapely
        >>> gdf = geopandas.GeoDataFrame({"code": ["A"]}, geometry=[shapely.box(0, 0, 1, 1)],
        ...                              crs="EPSG:4326")
        >>> Boundaries.from_frame(gdf).codes.tolist()
        ['A']
        """
        shapely = _shapely()
        for f in (code, name, parent):
            if f and f not in frame.columns:
                raise InvalidInputError.bad(
                    "frame",
                    f,
                    f"has no column {f!r} (columns: {list(frame.columns)[:12]})",
                    shown=f"<{type(frame).__name__}>",
                )
        geom_col = frame.geometry.name if hasattr(frame, "geometry") else geometry
        geoms = np.asarray(
            frame[geom_col].array if hasattr(frame[geom_col], "array") else frame[geom_col],
            dtype=object,
        )
        crs = getattr(frame, "crs", None)
        if crs is not None and not is_geographic(crs.to_string()):
            geoms = reproject(shapely, geoms, crs.to_string())
        return cls.from_geometries(
            frame[code].tolist(),
            geoms,
            names=None if name is None else frame[name].tolist(),
            parents=None if parent is None else frame[parent].tolist(),
            datum=datum,
        )

    # ------------------------------------------------------------------ queries
    def _index(self) -> dict[str, Any]:
        """Prepared polygons, their bounds and the order of codes (built once)."""
        index = self._cache.get("index")
        if index is None:
            shapely = _shapely()
            geoms = self.geometries.copy()
            shapely.prepare(geoms)
            index = {
                "geoms": geoms,
                "bounds": shapely.bounds(geoms),
                "by_code": np.argsort(self.codes.astype(str), kind="stable"),
            }
            self._cache["index"] = index
        return cast(dict[str, Any], index)

    def locate_index(self, points: Points) -> NDArray[np.int64]:
        """Index into :attr:`codes` of the region each point lies in (-1 outside every region).

        Same rule as :meth:`locate`.

        Examples
        --------
        >>> import shapely
        >>> two = [shapely.box(0, 0, 1, 1), shapely.box(1, 0, 2, 1)]
        >>> b = Boundaries.from_geometries(["B", "A"], two)
        >>> b.locate_index(Points([0.5, 1.0, 3.0], [0.5, 0.5, 0.5])).tolist()
        [0, 1, -1]
        """
        if not isinstance(points, Points):
            raise InvalidInputError.bad(
                "points",
                points,
                "must be a Points layer (Points(lon, lat, datum=...))",
                shown=f"<{type(points).__name__}>",
            )
        shapely = _shapely()
        pts = points.to("wgs84") if points.datum != "wgs84" else points
        n = len(pts)
        out = np.full(n, -1, dtype=np.int64)
        if n == 0 or len(self) == 0:
            return out
        index = self._index()
        bounds = index["bounds"]
        x, y = pts.lon, pts.lat
        # Bucket the points on a uniform grid over the regions' extent (about four
        # cells per region), sorted by cell so that a row of cells is one slice.
        x0, y0 = float(bounds[:, 0].min()), float(bounds[:, 1].min())
        x1, y1 = float(bounds[:, 2].max()), float(bounds[:, 3].max())
        width, height = max(x1 - x0, 1e-9), max(y1 - y0, 1e-9)
        cells = 4 * len(self)
        nx = max(1, min(4096, round(np.sqrt(cells * width / height))))
        ny = max(1, min(4096, round(cells / nx)))
        inside = (x >= x0) & (x <= x1) & (y >= y0) & (y <= y1)
        cx = np.clip(((x - x0) * (nx / width)).astype(np.int64), 0, nx - 1)
        cy = np.clip(((y - y0) * (ny / height)).astype(np.int64), 0, ny - 1)
        cell = np.where(inside, cy * nx + cx, nx * ny)  # outside: a bucket never read
        order = np.argsort(cell, kind="stable")
        start = np.searchsorted(cell[order], np.arange(nx * ny + 1))
        col0 = np.clip(((bounds[:, 0] - x0) * (nx / width)).astype(np.int64), 0, nx - 1)
        col1 = np.clip(((bounds[:, 2] - x0) * (nx / width)).astype(np.int64), 0, nx - 1)
        row0 = np.clip(((bounds[:, 1] - y0) * (ny / height)).astype(np.int64), 0, ny - 1)
        row1 = np.clip(((bounds[:, 3] - y0) * (ny / height)).astype(np.int64), 0, ny - 1)
        geoms = index["geoms"]
        # Regions in code order: the first region to claim a point has the smallest
        # code among those covering it (the edge rule); later ones skip it.
        for k in index["by_code"].tolist():
            rows = range(int(row0[k]), int(row1[k]) + 1)
            parts = [order[start[r * nx + col0[k]] : start[r * nx + col1[k] + 1]] for r in rows]
            cand = parts[0] if len(parts) == 1 else np.concatenate(parts)
            cand = cand[out[cand] < 0]
            if cand.size:
                hit = shapely.intersects_xy(geoms[k], x[cand], y[cand])
                out[cand[hit]] = k
        return out

    def locate(self, points: Points) -> NDArray[Any]:
        """Region code of each point (``None`` outside every region).

        Parameters
        ----------
        points : Points
            Any datum; converted to WGS-84 first.

        Returns
        -------
        numpy.ndarray of object
            One code per point. A point on an edge belongs to the region; a point
            covered by several regions belongs to the one whose code sorts first.

        Examples
        --------
        >>> import shapely
        >>> hole = [(1, 1), (3, 1), (3, 3), (1, 3)]
        >>> ring = shapely.Polygon([(0, 0), (4, 0), (4, 4), (0, 4)], holes=[hole])
        >>> b = Boundaries.from_geometries(["ring", "lake"], [ring, shapely.box(1, 1, 3, 3)])
        >>> b.locate(Points([0.5, 2.0, 9.0], [0.5, 2.0, 9.0])).tolist()
        ['ring', 'lake', None]
        """
        idx = self.locate_index(points)
        out = np.empty(idx.shape[0], dtype=object)
        inside = idx >= 0
        out[inside] = self.codes[idx[inside]]
        return out

    def get(self, code: str) -> Any:
        """The (multi)polygon of one region.

        Raises
        ------
        NotFoundError
            Unknown code.
        """
        from sportsgov.errors import NotFoundError

        hits = np.flatnonzero(self.codes == str(code))
        if not hits.size:
            raise NotFoundError.bad(
                "code", code, f"not a region of the boundaries ({len(self)} codes)"
            )
        return self.geometries[int(hits[0])]

    def bounds(self) -> tuple[float, float, float, float]:
        """``(west, south, east, north)`` of all regions [°, WGS-84]."""
        b = _shapely().total_bounds(self.geometries)
        return (float(b[0]), float(b[1]), float(b[2]), float(b[3]))

    def select(self, codes: Iterable[str]) -> Boundaries:
        """A layer with only the given codes (in that order)."""
        wanted = [str(c) for c in codes]
        idx = [
            int(np.flatnonzero(self.codes == c)[0])
            for c in wanted
            if c in set(self.codes.tolist())
        ]
        return Boundaries(
            self.codes[idx],
            self.geometries[idx],
            names=None if self.names is None else self.names[idx],
            parents=None if self.parents is None else self.parents[idx],
            source=self.source,
            datum=self.datum,
        )

    # ------------------------------------------------------------------ region trees
    def to_tree(
        self,
        *,
        level: str = "district",
        root: Mapping[str, Any] | None = None,
        settlement: str = "mixed",
    ) -> RegionTree:
        """Build a :class:`~sportsgov.regions.RegionTree` from the codes, names and parents.

        Parameters
        ----------
        level : str, default "district"
            Administrative level of every region in the file.
        root : mapping, optional
            A record (``code``, ``name``, ``level``) added as the parent of regions
            without a parent.
        settlement : {"urban", "rural", "mixed"}, default "mixed"

        Examples
        --------
        >>> import shapely
        >>> b = Boundaries.from_geometries(["410102"], [shapely.box(0, 0, 1, 1)], names=["中原区"])
        >>> t = b.to_tree(root={"code": "410100", "name": "郑州市", "level": "city"})
        >>> [r.code for r in t.children("410100")]
        ['410102']
        """
        from sportsgov.regions import RegionTree

        records: list[dict[str, Any]] = []
        root_code = None
        if root is not None:
            root_code = str(root["code"])
            records.append({"settlement": settlement, **dict(root), "code": root_code})
        for i, code in enumerate(self.codes.tolist()):
            nm = self.names[i] if self.names is not None else None
            par = self.parents[i] if self.parents is not None else None
            records.append(
                {
                    "code": code,
                    "name": nm or code,
                    "level": level,
                    "parent": par or root_code,
                    "settlement": settlement,
                }
            )
        return RegionTree.from_records(records)

    def check_tree(self, tree: RegionTree, *, level: str | None = None) -> list[RegionFinding]:
        """Compare the boundary file with a region tree: codes, names and parents.

        Parameters
        ----------
        tree : RegionTree
        level : str, optional
            The tree level the file draws (``"district"``); with it, regions of that
            level without a polygon are reported too.

        Returns
        -------
        list of RegionFinding
            ``error``: a code the tree does not know; ``warning``: a name or parent
            that differs from the tree's, a region of ``level`` with no polygon.

        Examples
        --------
        >>> import shapely
        >>> from sportsgov.regions import RegionTree
        >>> t = RegionTree.from_records([{"code": "1", "name": "甲", "level": "district"}])
        >>> boxes = [shapely.box(0, 0, 1, 1)] * 2
        >>> b = Boundaries.from_geometries(["1", "2"], boxes, names=["乙", "丙"])
        >>> [f.message for f in b.check_tree(t)]
        ["name='乙': the region tree calls region 1 '甲'", "code='2': not a region of the tree"]
        """
        findings: list[RegionFinding] = []
        for i, code in enumerate(self.codes.tolist()):
            row = i + 1
            if code not in tree:
                findings.append(
                    RegionFinding(
                        "error",
                        f"code={code!r}: not a region of the tree",
                        file=self.source,
                        row=row,
                        id=code,
                    )
                )
                continue
            region = tree.get(code)
            if self.names is not None and self.names[i] and self.names[i] != region.name:
                findings.append(
                    RegionFinding(
                        "warning",
                        f"name={self.names[i]!r}: "
                        f"the region tree calls region {code} {region.name!r}",
                        file=self.source,
                        row=row,
                        id=code,
                    )
                )
            if self.parents is not None and self.parents[i] and self.parents[i] != region.parent:
                findings.append(
                    RegionFinding(
                        "warning",
                        f"parent={self.parents[i]!r}: "
                        f"the region tree puts {code} under {region.parent!r}",
                        file=self.source,
                        row=row,
                        id=code,
                    )
                )
        if level is not None:
            have = set(self.codes.tolist())
            findings.extend(
                RegionFinding(
                    "warning",
                    f"code={region.code!r}: region {region.name} has no polygon",
                    file=self.source,
                    id=region.code,
                )
                for region in tree.at_level(level)
                if region.code not in have
            )
        return findings

    # ------------------------------------------------------------------ facilities
    def locate_facilities(
        self,
        inventory: Inventory,
        *,
        missing: Iterable[str] = ("",),
        tree: RegionTree | None = None,
    ) -> FacilityLocation:
        """Locate facilities: fill missing region codes, flag stated regions that disagree.

        A stated region *agrees* with the located one when they are equal or one
        contains the other: by ``tree`` (or the inventory's tree) if there is one,
        else by code prefix (statistical division codes nest: street ``410102001``
        lies in district ``410102``).

        Parameters
        ----------
        inventory : Inventory
            Facilities with coordinates (any datum, mixed allowed).
        missing : iterable of str, default ("",)
            Region labels that mean "not recorded" (e.g. ``"未知"``).
        tree : RegionTree, optional
            Hierarchy used to compare stated and located regions.

        Returns
        -------
        FacilityLocation
        """
        n = len(inventory)
        located = np.empty(n, dtype=object)
        has = np.zeros(n, dtype=bool)
        if inventory.lon is not None and inventory.lat is not None and inventory.datum is not None:
            has = (inventory.datum >= 0) & np.isfinite(inventory.lon) & np.isfinite(inventory.lat)
            if has.any():
                names = np.asarray(DATUMS, dtype=object)[inventory.datum[has]]
                pts = Points.from_mixed(inventory.lon[has], inventory.lat[has], names, to="wgs84")
                located[has] = self.locate(pts)
        tree = tree if tree is not None else inventory.tree
        missing_set = {str(m).strip() for m in missing}
        labels = [str(c).strip() for c in inventory.region_codes]
        label_missing = np.array([lab in missing_set for lab in labels], dtype=bool)
        row_missing = label_missing[inventory.region] if n else np.zeros(0, dtype=bool)
        filled = row_missing & np.array([c is not None for c in located], dtype=bool)

        new_codes = list(inventory.region_codes)
        index = {c: i for i, c in enumerate(new_codes)}
        region = inventory.region.copy()
        for i in np.flatnonzero(filled).tolist():
            code = located[i]
            if code not in index:
                index[code] = len(new_codes)
                new_codes.append(code)
            region[i] = index[code]
        findings: list[RegionFinding] = []
        stated: NDArray[Any] = np.asarray(inventory.region_codes, dtype=object)[inventory.region]
        ids = inventory.ids
        for i in np.flatnonzero(row_missing & ~filled).tolist():
            why = "has no coordinates" if not has[i] else "lies outside every boundary"
            findings.append(
                RegionFinding(
                    "warning",
                    f"region missing and the facility {why}",
                    file=inventory.source,
                    row=i + 1,
                    id=ids[i].item() if hasattr(ids[i], "item") else ids[i],
                )
            )
        check = has & ~row_missing
        for i in np.flatnonzero(check).tolist():
            s, loc = str(stated[i]).strip(), located[i]
            fid = ids[i].item() if hasattr(ids[i], "item") else ids[i]
            if loc is None:
                findings.append(
                    RegionFinding(
                        "warning",
                        f"region={s!r}: the facility lies outside every boundary",
                        file=inventory.source,
                        row=i + 1,
                        id=fid,
                        stated=s,
                    )
                )
            elif not _agree(s, loc, tree):
                findings.append(
                    RegionFinding(
                        "error",
                        f"region={s!r}: the facility lies in {loc!r}",
                        file=inventory.source,
                        row=i + 1,
                        id=fid,
                        stated=s,
                        located=loc,
                    )
                )
        region.flags.writeable = False
        out = attrs.evolve(inventory, region_codes=tuple(new_codes), region=region)
        located.flags.writeable = False
        filled.flags.writeable = False
        return FacilityLocation(out, located, filled, tuple(findings))

    # ------------------------------------------------------------------ output
    def to_geojson(
        self,
        path: str | os.PathLike[str] | None = None,
        *,
        datum: str = "wgs84",
        properties: Mapping[str, Sequence[Any]] | None = None,
    ) -> dict[str, Any]:
        """The regions as a GeoJSON FeatureCollection (see :mod:`sportsgov.coverage.layers`).

        Examples
        --------
        >>> import shapely
        >>> b = Boundaries.from_geometries(["A"], [shapely.box(0, 0, 1, 1)])
        >>> b.to_geojson(properties={"share": [0.5]})["features"][0]["properties"]
        {'code': 'A', 'share': 0.5}
        """
        from sportsgov.coverage.layers import boundaries_geojson

        return boundaries_geojson(self, path, datum=datum, properties=properties)


def _agree(stated: str, located: str, tree: RegionTree | None) -> bool:
    if stated == located:
        return True
    if tree is not None and stated in tree and located in tree:
        return tree.is_within(stated, located) or tree.is_within(located, stated)
    return stated.startswith(located) or located.startswith(stated)


def _rebuild(
    codes: list[str],
    wkb: list[bytes],
    names: list[Any] | None,
    parents: list[Any] | None,
    source: str | None,
    datum: str,
) -> Boundaries:
    shapely = _shapely()
    return Boundaries(
        codes,
        shapely.from_wkb(np.asarray(wkb, dtype=object)),
        names=names,
        parents=parents,
        source=source,
        datum=datum,
    )
