"""Private: road networks from osmnx graphs, (geo)pandas frames, vector files and fast CSV columns.

Every function returns plain columns (node ids, lon, lat [°, WGS-84]; edge sources,
targets, lengths [m]; directed) so that :class:`sportsgov.coverage.network.RoadNetwork`
(above this module) builds the network with ``from_edges``. networkx, pandas, pyogrio
and pyproj are optional and imported only when used.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from sportsgov._common.csvfiles import open_text
from sportsgov._common.extras import require
from sportsgov.coverage._geometry import haversine
from sportsgov.errors import DataError, InvalidInputError

__all__ = ["Columns", "csv_columns", "file_columns", "frame_columns", "osmnx_columns"]

Columns = tuple[
    NDArray[Any],
    NDArray[np.float64],
    NDArray[np.float64],
    NDArray[Any],
    NDArray[Any],
    NDArray[np.float64],
    bool,
]
"""(node ids, lon, lat, edge source ids, edge target ids, edge length [m], directed)."""


def _to_lonlat(x: Any, y: Any, crs: Any) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    x = np.asarray(x, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    if crs is None:
        return x, y
    pyproj = require("pyproj", "geo", what="a projected road network")
    source = pyproj.CRS.from_user_input(crs)
    if source.is_geographic:
        return x, y
    tf = pyproj.Transformer.from_crs(source, "EPSG:4326", always_xy=True)
    lon, lat = tf.transform(x, y)
    return np.asarray(lon, dtype=np.float64), np.asarray(lat, dtype=np.float64)


def osmnx_columns(graph: Any, *, weight: str = "length") -> Columns:
    """Columns of an osmnx graph (networkx (Multi)(Di)Graph with node ``x``, ``y``).

    One-way streets stay one-way: a directed osmnx graph has both directions of a
    two-way street and one of a one-way street. Edge ``weight`` is in metres (osmnx
    computes ``length`` in metres whether the graph is projected or not); a missing
    length is the great-circle distance between the end nodes.
    """
    if not hasattr(graph, "nodes") or not hasattr(graph, "edges"):
        raise InvalidInputError.bad(
            "G",
            graph,
            "must be a networkx graph as osmnx returns it",
            shown=f"<{type(graph).__name__}>",
        )
    crs = getattr(graph, "graph", {}).get("crs")
    ids_list: list[Any] = []
    xs: list[float] = []
    ys: list[float] = []
    for node, data in graph.nodes(data=True):
        if "x" not in data or "y" not in data:
            raise DataError(f"node {node!r}: needs 'x' and 'y' coordinates", source="G", field="x")
        ids_list.append(node)
        xs.append(data["x"])
        ys.append(data["y"])
    ids = np.asarray(ids_list)
    lon, lat = _to_lonlat(xs, ys, crs)
    us: list[Any] = []
    vs: list[Any] = []
    lengths: list[float] = []
    for u, v, data in graph.edges(data=True):
        us.append(u)
        vs.append(v)
        value = data.get(weight)
        lengths.append(np.nan if value is None else float(value))
    length = np.asarray(lengths, dtype=np.float64)
    missing = np.isnan(length)
    if missing.any():
        pos = {node: i for i, node in enumerate(ids_list)}
        iu = np.array([pos[us[k]] for k in np.flatnonzero(missing)], dtype=np.int64)
        iv = np.array([pos[vs[k]] for k in np.flatnonzero(missing)], dtype=np.int64)
        length[missing] = haversine(lon[iu], lat[iu], lon[iv], lat[iv])
    directed = bool(graph.is_directed())
    return ids, lon, lat, np.asarray(us), np.asarray(vs), length, directed


def frame_columns(
    nodes: Any,
    edges: Any,
    *,
    id: str = "id",
    lon: str = "lon",
    lat: str = "lat",
    source: str = "source",
    target: str = "target",
    length: str = "length",
    crs: Any = None,
) -> tuple[
    NDArray[Any],
    NDArray[np.float64],
    NDArray[np.float64],
    NDArray[Any],
    NDArray[Any],
    NDArray[np.float64],
]:
    """Columns from (geo)pandas frames; osmnx's ``graph_to_gdfs`` layout is recognised.

    Nodes: ``id``, ``lon``, ``lat`` columns, or osmnx's index ``osmid`` with ``x``, ``y``.
    Edges: ``source``, ``target``, ``length`` columns, or osmnx's ``(u, v, key)`` index.
    """
    ncols = list(nodes.columns)
    if lon in ncols and lat in ncols:
        x, y = nodes[lon].to_numpy(), nodes[lat].to_numpy()
    elif "x" in ncols and "y" in ncols:
        x, y = nodes["x"].to_numpy(), nodes["y"].to_numpy()
    else:
        raise InvalidInputError.bad(
            "nodes", ncols[:12], f"needs columns {lon!r} and {lat!r} (or osmnx's 'x' and 'y')"
        )
    node_ids = nodes[id].to_numpy() if id in ncols else nodes.index.to_numpy()
    frame_crs = crs if crs is not None else getattr(nodes, "crs", None)
    lon_arr, lat_arr = _to_lonlat(x, y, frame_crs)
    ecols = list(edges.columns)
    if source in ecols and target in ecols:
        u, v = edges[source].to_numpy(), edges[target].to_numpy()
    elif "u" in ecols and "v" in ecols:
        u, v = edges["u"].to_numpy(), edges["v"].to_numpy()
    elif {"u", "v"} <= set(edges.index.names or []):
        u = edges.index.get_level_values("u").to_numpy()
        v = edges.index.get_level_values("v").to_numpy()
    else:
        raise InvalidInputError.bad(
            "edges", ecols[:12], f"needs columns {source!r} and {target!r} (or osmnx's u, v)"
        )
    if length not in ecols:
        raise InvalidInputError.bad("edges", ecols[:12], f"needs a column {length!r} [m]")
    lengths = np.asarray(edges[length].to_numpy(), dtype=np.float64)
    return node_ids, lon_arr, lat_arr, u, v, lengths


def file_columns(
    path: str | os.PathLike[str],
    *,
    layer: str | int | None = None,
    length: str | None = "length",
) -> tuple[
    NDArray[Any],
    NDArray[np.float64],
    NDArray[np.float64],
    NDArray[Any],
    NDArray[Any],
    NDArray[np.float64],
]:
    """Columns from a vector file of street lines (GeoPackage, shapefile, GeoJSON).

    A GeoPackage written by osmnx (``save_graph_geopackage``: layers ``nodes`` and
    ``edges`` with ``u``, ``v``, ``length``) keeps its node ids. Any other line layer
    is split into nodes at the line ends (ends that coincide are one node) and each
    line is an edge whose length is the ``length`` field [m] if present, else the
    great-circle length along its vertices.
    """
    pyogrio = require("pyogrio", "geo", what="reading road networks from files")
    shapely = require("shapely", "geo", what="reading road networks from files")
    p = Path(path)
    if not p.exists():
        raise DataError(f"path={str(p)!r}: no such file", source=p.name)
    layers = [str(name) for name, _ in pyogrio.list_layers(p)]
    edge_layer = layer if layer is not None else ("edges" if "edges" in layers else None)
    kwargs = {} if edge_layer is None else {"layer": edge_layer}
    meta, _fids, wkb, values = pyogrio.raw.read(p, **kwargs)
    fields = [str(f) for f in meta["fields"]]
    col = dict(zip(fields, values, strict=True))
    lines = shapely.from_wkb(wkb)
    crs = meta.get("crs")
    if "nodes" in layers and "u" in col and "v" in col:
        nmeta, _nf, nwkb, nvalues = pyogrio.raw.read(p, layer="nodes")
        ncol = dict(zip([str(f) for f in nmeta["fields"]], nvalues, strict=True))
        pts = shapely.get_coordinates(shapely.from_wkb(nwkb))
        node_ids = ncol["osmid"] if "osmid" in ncol else np.arange(len(pts))
        lon, lat = _to_lonlat(pts[:, 0], pts[:, 1], nmeta.get("crs"))
        lengths = _line_lengths(shapely, lines, crs, col.get(length) if length else None)
        return node_ids, lon, lat, col["u"], col["v"], lengths
    kinds = shapely.get_type_id(lines)
    if not bool(np.all(kinds == 1)):
        merged = shapely.line_merge(lines)
        kinds = shapely.get_type_id(merged)
        if not bool(np.all(kinds == 1)):
            k = int(np.flatnonzero(kinds != 1)[0])
            raise DataError(
                f"geometry={_geometry_name(shapely, lines[k])}: every feature must be"
                " a LineString (a street segment)",
                source=p.name,
                row=k + 1,  # the feature number, as a GIS attribute table shows it
                field="geometry",
            )
        lines = merged
    starts = shapely.get_coordinates(shapely.get_point(lines, 0))
    ends = shapely.get_coordinates(shapely.get_point(lines, -1))
    ends_xy = np.concatenate([starts, ends])
    lon_all, lat_all = _to_lonlat(ends_xy[:, 0], ends_xy[:, 1], crs)
    key = np.round(np.column_stack([lon_all, lat_all]), 9)
    uniq, inverse = np.unique(key, axis=0, return_inverse=True)
    inverse = inverse.reshape(-1)
    m = len(lines)
    lengths = _line_lengths(shapely, lines, crs, col.get(length) if length else None)
    node_lon = np.asarray(uniq[:, 0], dtype=np.float64)
    node_lat = np.asarray(uniq[:, 1], dtype=np.float64)
    return np.arange(len(uniq)), node_lon, node_lat, inverse[:m], inverse[m:], lengths


def _geometry_name(shapely: Any, geometry: Any) -> str:
    return "empty" if geometry is None or shapely.is_empty(geometry) else str(geometry.geom_type)


def _line_lengths(shapely: Any, lines: Any, crs: Any, field: Any) -> NDArray[np.float64]:
    if field is not None:
        return np.asarray(field, dtype=np.float64)
    coords, which = shapely.get_coordinates(lines, return_index=True)
    lon, lat = _to_lonlat(coords[:, 0], coords[:, 1], crs)
    same = which[1:] == which[:-1]
    seg = np.where(same, haversine(lon[:-1], lat[:-1], lon[1:], lat[1:]), 0.0)
    return np.bincount(which[:-1], weights=seg, minlength=len(lines)).astype(np.float64)


def csv_columns(path: str | os.PathLike[str], names: tuple[str, ...]) -> list[NDArray[Any]] | None:
    """Columns ``names`` of a CSV file read as whole columns, or None.

    With pandas installed its C parser reads the file (1,000,000 rows in well under
    a second); otherwise a quote-free file is split with :meth:`str.split`.
    Integer columns come back as int64, other columns as text or floats. ``None``
    tells the caller to use the general record reader (missing columns, quoted
    cells without pandas, ragged rows: it reports them with row numbers).
    """
    try:
        import pandas as pd
    except ImportError:
        pd = None
    if pd is not None:
        try:
            frame = pd.read_csv(
                path, usecols=list(names), encoding="utf-8-sig", skipinitialspace=True
            )
        except (ValueError, pd.errors.ParserError):
            return None
        return [frame[n].to_numpy() for n in names]
    with open_text(path) as fh:
        text = fh.read()
    if '"' in text:
        return None
    lines = text.splitlines()
    if not lines:
        return None
    header = [h.strip() for h in lines[0].split(",")]
    if any(n not in header for n in names):
        return None
    body = lines[1:]
    while body and not body[-1].strip():
        body.pop()
    k = len(header)
    if not body:
        return [np.asarray([], dtype=object) for _ in names]
    cells = ",".join(body).split(",")
    if len(cells) != k * len(body):
        return None
    table = np.asarray(cells).reshape(len(body), k)  # fixed-width text, parsed in C later
    return [table[:, header.index(n)] for n in names]
