"""Road networks (路网): snapping and cut-off shortest paths.

A :class:`RoadNetwork` is a weighted graph of nodes (lon/lat) and edges (length in
metres), undirected by default. Points are *snapped* to their nearest node by
great-circle distance; points farther than a limit are "not on the network".
Distances along the network come from multi-source Dijkstra with a cut-off
(:func:`scipy.sparse.csgraph.dijkstra` with ``min_only=True, limit=...``), measured as
length [m] or walking time [min] (length / speed) — never as hop counts.

Travel direction is demand → facility: on a directed network the distance of a home
is the length of the shortest path *from* the home's node *to* a facility's node.
The boundary rule is ``distance <= cut-off`` everywhere. Optionally the snap distances
(home → its node, facility's node → facility) are added to the network distance.
Coverage along the roads is :func:`~sportsgov.coverage.circle.circle_coverage` with
``network=``; this module knows nothing of coverage (it sits below ``circle``).

Examples
--------
A street of three nodes 100 m apart:

>>> from sportsgov.coverage.geo import Points
>>> net = RoadNetwork.from_edges(
...     {"id": ["a", "b", "c"], "lon": [120.0, 120.001, 120.002], "lat": [30.0, 30.0, 30.0]},
...     [("a", "b", 100.0), ("b", "c", 100.0)], speed=4.5)
>>> net
RoadNetwork(nodes=3, edges=2, directed=False, speed=4.5 km/h)
>>> dist, src = net.multi_source([0], limit=150)
>>> dist.tolist(), src.tolist()
([0.0, 100.0, inf], [0, 0, -1])
"""

from __future__ import annotations

import math
import os
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, Literal, TypeAlias, cast

import attrs
import numpy as np
from attrs import field, frozen
from numpy.typing import NDArray

from sportsgov._common.degrees import DEGREES_EXPECTED, degrees
from sportsgov.coverage._costs import sort_keys
from sportsgov.coverage._geometry import (
    GRID_ORDER_MIN,
    kd_tree,
    nearest,
    require_nonempty,
    unit_xyz,
)
from sportsgov.coverage._quantity import as_positive
from sportsgov.coverage._snapgrid import NodeGrid, build_grid, nearest_nodes, node_spacing
from sportsgov.coverage.geo import Points, align_datums
from sportsgov.errors import DataError, InvalidInputError, NotFoundError, format_value

__all__ = ["Cost", "Direction", "RoadNetwork", "Snap"]

Cost: TypeAlias = Literal["length", "time"]
"""Edge weight for shortest paths: ``"length"`` [m] or ``"time"`` [min]."""
Direction: TypeAlias = Literal["from", "to"]
"""``"from"``: distances from the sources; ``"to"``: distances to the sources."""

FloatArray: TypeAlias = NDArray[np.float64]
IntArray: TypeAlias = NDArray[np.int64]


def _ro(arr: NDArray[Any]) -> NDArray[Any]:
    arr.flags.writeable = False
    return arr


@frozen(repr=False)
class Snap:
    """Where points meet the network (result of :meth:`RoadNetwork.snap`).

    Attributes
    ----------
    node : numpy.ndarray of int64
        Node index per point; -1 where the point is off the network.
    distance : numpy.ndarray of float64 [m]
        Great-circle distance to the nearest node (reported even when beyond the limit).
    on_network : numpy.ndarray of bool
        ``distance <= max_distance``.
    max_distance : float [m]

    Examples
    --------
    >>> from sportsgov.coverage.geo import Points
    >>> net = RoadNetwork.from_edges({"id": [1, 2], "lon": [0.0, 0.001], "lat": [0.0, 0.0]},
    ...                              [(1, 2, 111.0)])
    >>> s = net.snap(Points([0.0, 0.5], [0.0001, 0.0]), max_distance=50)
    >>> s.node.tolist(), s.on_network.tolist(), s.distance.round(1).tolist()
    ([0, -1], [True, False], [11.1, 55486.3])
    """

    node: IntArray = field(eq=attrs.cmp_using(eq=np.array_equal))
    distance: FloatArray = field(eq=attrs.cmp_using(eq=np.array_equal))
    on_network: NDArray[np.bool_] = field(eq=attrs.cmp_using(eq=np.array_equal))
    max_distance: float

    def __repr__(self) -> str:
        return (
            f"Snap(points={len(self.node)}, on_network={int(self.on_network.sum())}, "
            f"max_distance={self.max_distance:g} m)"
        )


@frozen
class _Origin:
    """Where columns were read: the file name and the spreadsheet row of each record."""

    source: str
    rows: IntArray

    def row(self, k: int) -> int:
        return int(self.rows[k])


def _read_table(
    path: str | os.PathLike[str], table: str, names: Sequence[str]
) -> tuple[dict[str, tuple[str, ...]], _Origin]:
    """Columns of a road table file through the one tolerant reader (any encoding, xlsx),
    with the spreadsheet row of every record (header = row 1, title rows counted)."""
    from sportsgov._common.tables import read_table

    raw = read_table(path, table=table)
    return {name: raw.scaled(name) for name in names}, _Origin(raw.source, raw.rows)


def _record_error(
    origin: _Origin | None, k: int, name: str, value: object, allowed: str, what: str
) -> DataError:
    """DataError for record ``k`` (0-based): file and spreadsheet row when read from a file."""
    text = f"{name}={format_value(value)}: {allowed}"
    if origin is None:
        return DataError(text, source=what, row=k + 1, field=name)
    return DataError(text, source=origin.source, row=origin.row(k), field=name)


def _columns(table: Any, names: Sequence[str], what: str) -> list[NDArray[Any]]:
    """Columns from a mapping of columns, a list of records or a sequence of tuples."""
    if isinstance(table, Mapping):
        cols = []
        for name in names:
            if name not in table:
                raise InvalidInputError.bad(what, sorted(table), f"needs a column {name!r}")
            cols.append(np.asarray(table[name]))
        return cols
    rows = list(table)
    if rows and isinstance(rows[0], Mapping):
        out: list[list[Any]] = [[] for _ in names]
        for k, row in enumerate(rows, start=1):
            for c, name in enumerate(names):
                if name not in row:
                    raise DataError(f"{name}: field missing", source=what, row=k, field=name)
                out[c].append(row[name])
        return [np.asarray(c) for c in out]
    arr = np.asarray(rows, dtype=object)
    if arr.ndim != 2 or arr.shape[1] < len(names):
        if not rows:
            return [np.asarray([]) for _ in names]
        raise InvalidInputError.bad(
            what, table, f"rows must be ({', '.join(names)})", shown=f"{len(rows)} rows"
        )
    return [arr[:, c] for c in range(len(names))]


def _floats(
    values: NDArray[Any], name: str, source: str, origin: _Origin | None = None
) -> FloatArray:
    try:
        out = np.asarray(values, dtype=np.float64)
    except (TypeError, ValueError):
        if name in ("lon", "lat"):  # degrees-minutes-seconds text (113°36′12″E)
            axis: Literal["lon", "lat"] = "lon" if name == "lon" else "lat"
            out = np.empty(len(values), dtype=np.float64)
            for k, v in enumerate(values.tolist()):
                try:
                    out[k] = degrees(v, name, axis=axis)
                except InvalidInputError as exc:
                    raise _record_error(
                        origin, k, name, v, exc.allowed or DEGREES_EXPECTED, source
                    ) from None
            return out
        for k, v in enumerate(values.tolist()):
            try:
                float(v)
            except (TypeError, ValueError):
                raise _record_error(origin, k, name, v, "must be a number", source) from None
        raise  # pragma: no cover
    return out


def _check_lonlat(lon: FloatArray, lat: FloatArray, origin: _Origin) -> None:
    """Coordinates read from a file: the first bad one with its spreadsheet row."""
    for name, values, limit in (("lon", lon, 180.0), ("lat", lat, 90.0)):
        bad = ~(np.abs(values) <= limit)  # NaN is bad too
        if bad.any():
            k = int(np.flatnonzero(bad)[0])
            allowed = f"must be within [-{limit:g}, {limit:g}] °"
            raise _record_error(origin, k, name, float(values[k]), allowed, "nodes")


@frozen(repr=False)
class RoadNetwork:
    """A road network: nodes with coordinates, edges with lengths [m].

    Build it with :meth:`from_edges` or :meth:`from_csv`.

    Attributes
    ----------
    nodes : Points
        Node coordinates (``nodes.id`` holds the original node ids).
    graph : scipy.sparse.csr_array
        ``graph[u, v]`` = length [m] of the edge u → v (both directions stored for
        undirected networks; parallel edges reduced to the shortest).
    directed : bool
    speed : float or None [km/h]
        Travel speed for time costs (``None``: only lengths).
    max_snap : float or None [m]
        Default snapping limit for coverage runs.

    Examples
    --------
    >>> net = RoadNetwork.from_edges({"id": [1, 2], "lon": [0.0, 0.001], "lat": [0.0, 0.0]},
    ...                              [(1, 2, 111.0)], directed=True)
    >>> net.multi_source([0], limit=500)[0].tolist()
    [0.0, 111.0]
    >>> net.multi_source([0], limit=500, direction="to")[0].tolist()
    [0.0, inf]
    """

    nodes: Points
    graph: Any = field(eq=False)
    directed: bool = False
    speed: float | None = None
    max_snap: float | None = None
    _cache: dict[str, Any] = field(factory=dict, eq=False, init=False, repr=False)

    def __repr__(self) -> str:
        edges = self.graph.nnz if self.directed else self.graph.nnz // 2
        sp = "None" if self.speed is None else f"{self.speed:g} km/h"
        return (
            f"RoadNetwork(nodes={len(self.nodes)}, edges={edges}, "
            f"directed={self.directed}, speed={sp})"
        )

    def __getstate__(self) -> dict[str, Any]:
        return {
            "nodes": self.nodes,
            "graph": self.graph,
            "directed": self.directed,
            "speed": self.speed,
            "max_snap": self.max_snap,
        }

    def __setstate__(self, state: dict[str, Any]) -> None:
        for key, value in state.items():
            object.__setattr__(self, key, value)
        object.__setattr__(self, "_cache", {})

    # ------------------------------------------------------------------ construction
    @classmethod
    def from_edges(
        cls,
        nodes: Points | Mapping[str, Any] | Iterable[Any],
        edges: Mapping[str, Any] | Iterable[Any],
        *,
        speed: Any = None,
        directed: bool = False,
        datum: str = "wgs84",
        max_snap: Any = None,
    ) -> RoadNetwork:
        """Build a network from node coordinates and (u, v, length) edges.

        Parameters
        ----------
        nodes : Points, mapping of columns or records
            A :class:`Points` layer (``id`` = node ids; positions if absent), or columns /
            records with ``id``, ``lon``, ``lat`` [°].
        edges : mapping of columns, records or sequence of (u, v, length)
            Columns/records use ``source``, ``target``, ``length`` (``u``, ``v`` also
            accepted). Lengths [m], finite and >= 0. Self-loops are dropped; parallel
            edges keep the shortest.
        speed : float or Quantity [km/h], optional
            Travel speed; enables time costs [min].
        directed : bool, default False
            Edges are one-way u → v when True.
        datum : str, default "wgs84"
            Datum of node coordinates given as columns/records.
        max_snap : float or Quantity [m], optional
            Default snapping limit for coverage runs.

        Returns
        -------
        RoadNetwork

        Raises
        ------
        NotFoundError
            An edge names a node id that is not among the nodes.
        InvalidInputError, DataError
            Duplicate node ids, non-numeric or negative lengths, bad coordinates.

        Examples
        --------
        >>> RoadNetwork.from_edges({"id": [1, 2], "lon": [0, 0.001], "lat": [0, 0]}, [(1, 3, 5.0)])
        Traceback (most recent call last):
        ...
        sportsgov.errors.NotFoundError: edges[0].target=3: unknown node id
        """
        return cls._assemble(
            nodes, edges, speed=speed, directed=directed, datum=datum, max_snap=max_snap
        )

    @classmethod
    def _assemble(
        cls,
        nodes: Points | Mapping[str, Any] | Iterable[Any],
        edges: Mapping[str, Any] | Iterable[Any],
        *,
        speed: Any,
        directed: bool,
        datum: str,
        max_snap: Any,
        node_origin: _Origin | None = None,
        edge_origin: _Origin | None = None,
    ) -> RoadNetwork:
        """:meth:`from_edges`; with origins, errors name the file and spreadsheet row."""
        if isinstance(nodes, Points):
            pts = nodes
            ids = pts.id if pts.id is not None else np.arange(len(pts))
            if pts.id is None:
                pts = attrs.evolve(pts, id=ids)
        else:
            if isinstance(nodes, Mapping):
                cols = _columns(nodes, ("id", "lon", "lat"), "nodes")
            else:
                cols = _columns(list(nodes), ("id", "lon", "lat"), "nodes")
            ids = cols[0]
            lon = _floats(cols[1], "lon", "nodes", node_origin)
            lat = _floats(cols[2], "lat", "nodes", node_origin)
            if node_origin is not None:
                _check_lonlat(lon, lat, node_origin)
            pts = Points(lon, lat, datum=datum, id=ids)
        n = len(pts)
        keys = _key_array(np.asarray(ids))
        order: IntArray | None
        if n > 1 and bool(np.all(keys[1:] > keys[:-1])):  # ids already ascending: no sort
            order, sorted_keys = None, keys
        else:
            order = np.argsort(keys, kind="stable")
            sorted_keys = keys[order]
            dup = np.flatnonzero(sorted_keys[1:] == sorted_keys[:-1]) if n > 1 else order[:0]
            if dup.size:
                value = sorted_keys[dup[0]].item()
                if node_origin is not None:
                    first, again = sorted(order[dup[0] : dup[0] + 2].tolist())
                    allowed = f"node ids must be unique (also row {node_origin.row(first)})"
                    raise _record_error(node_origin, again, "id", value, allowed, "nodes")
                raise InvalidInputError.bad("nodes.id", value, "node ids must be unique")
        index = (sorted_keys, order)
        if isinstance(edges, Mapping):
            names = ("source", "target", "length") if "source" in edges else ("u", "v", "length")
            u_raw, v_raw, len_raw = _columns(edges, names, "edges")
        else:
            rows = list(edges)
            if rows and isinstance(rows[0], Mapping):
                names = (
                    ("source", "target", "length") if "source" in rows[0] else ("u", "v", "length")
                )
            else:
                names = ("source", "target", "length")
            u_raw, v_raw, len_raw = _columns(rows, names, "edges")
        lengths = _floats(len_raw, "length", "edges", edge_origin)
        bad = ~np.isfinite(lengths) | (lengths < 0)
        if bad.any():
            k = int(np.flatnonzero(bad)[0])
            if edge_origin is not None:
                allowed = "must be finite and >= 0 m"
                raise _record_error(edge_origin, k, "length", float(lengths[k]), allowed, "")
            raise InvalidInputError.bad(
                f"edges[{k}].length", float(lengths[k]), "must be finite and >= 0 m"
            )
        u = _lookup(u_raw, index, "source", edge_origin)
        v = _lookup(v_raw, index, "target", edge_origin)
        graph = _build_graph(u, v, lengths, n, directed=directed)
        sp = None if speed is None else cast(float, as_positive(speed, "km/h", name="speed"))
        ms = None if max_snap is None else cast(float, as_positive(max_snap, "m", name="max_snap"))
        return cls(pts, graph, directed, sp, ms)

    @classmethod
    def from_csv(
        cls,
        nodes: str | os.PathLike[str],
        edges: str | os.PathLike[str],
        *,
        speed: Any = None,
        directed: bool = False,
        datum: str = "wgs84",
        max_snap: Any = None,
    ) -> RoadNetwork:
        """Read nodes (``id,lon,lat``) and edges (``source,target,length``) table files.

        CSV in any encoding, ``.gz``, ``.xlsx`` or ``.xls`` and Chinese headers
        (节点编号, 经度, 纬度; 起点, 终点, 长度) go through the one table reader.
        See :meth:`from_edges` for the parameters.

        Raises
        ------
        DataError
            A bad cell (a length or coordinate that is not a number or out of range,
            a repeated node id); the message and the ``source`` and ``row``
            attributes give the file and the row a spreadsheet shows (header =
            row 1 when it is the first row; title rows above it are counted).
        NotFoundError
            An edge names an unknown node id; located like a DataError.

        Examples
        --------
        >>> import tempfile, pathlib
        >>> d = pathlib.Path(tempfile.mkdtemp())
        >>> _ = (d / "n.csv").write_text("id,lon,lat\\n1,0,0\\n2,0.001,0\\n")
        >>> _ = (d / "e.csv").write_text("source,target,length\\n1,2,111.2\\n")
        >>> RoadNetwork.from_csv(d / "n.csv", d / "e.csv")
        RoadNetwork(nodes=2, edges=1, directed=False, speed=None)
        """
        from sportsgov.coverage._roads import csv_columns

        node_names, edge_names = ("id", "lon", "lat"), ("source", "target", "length")
        options: dict[str, Any] = {
            "speed": speed,
            "directed": directed,
            "datum": datum,
            "max_snap": max_snap,
        }
        node_cols = csv_columns(nodes, node_names)
        edge_cols = csv_columns(edges, edge_names)
        if node_cols is not None and edge_cols is not None:
            # the fast column reader knows no spreadsheet rows: on any error, read the
            # files again through the tolerant reader, whose errors name the rows
            try:
                net = cls._assemble(
                    dict(zip(node_names, node_cols, strict=True)),
                    dict(zip(edge_names, edge_cols, strict=True)),
                    **options,
                )
            except InvalidInputError:
                pass
            else:
                if node_cols[0].dtype.kind != "i":
                    return net
                # integer ids were matched as integers (fast); keep them as text like the file
                text_ids = net.nodes.id.astype(str)  # type: ignore[union-attr]
                return attrs.evolve(net, nodes=attrs.evolve(net.nodes, id=text_ids))
        node_table, node_origin = _read_table(nodes, "road_nodes", node_names)
        edge_table, edge_origin = _read_table(edges, "road_edges", edge_names)
        return cls._assemble(
            node_table, edge_table, **options, node_origin=node_origin, edge_origin=edge_origin
        )

    @classmethod
    def from_osmnx(
        cls,
        G: Any,
        *,
        speed: Any = None,
        weight: str = "length",
        max_snap: Any = None,
    ) -> RoadNetwork:
        """Build a network from an osmnx graph (projected or not).

        A directed osmnx graph keeps one-way streets one-way (two-way streets have
        an edge each way); an undirected one gives an undirected network. Edge
        ``weight`` is read in metres (osmnx's ``length``); projected node
        coordinates are converted to WGS-84 (pyproj). Parallel edges keep the
        shortest.

        Parameters
        ----------
        G : networkx.MultiDiGraph
            As ``osmnx.graph_from_place`` / ``graph_from_xml`` return it.
        speed : float or Quantity [km/h], optional
            Travel speed, for time costs.
        weight : str, default "length"
            Edge attribute holding the length [m].
        max_snap : float or Quantity [m], optional

        Examples
        --------
        >>> import networkx as nx
        >>> G = nx.MultiDiGraph(crs="EPSG:4326")
        >>> G.add_node(1, x=113.60, y=34.70); G.add_node(2, x=113.601, y=34.70)
        >>> _ = G.add_edge(1, 2, length=91.4)  # a one-way street
        >>> net = RoadNetwork.from_osmnx(G, speed=4.5)
        >>> net.multi_source([0], limit=500)[0].tolist(), net.directed
        ([0.0, 91.4], True)
        """
        from sportsgov.coverage._roads import osmnx_columns

        ids, lon, lat, u, v, length, directed = osmnx_columns(G, weight=weight)
        return cls.from_edges(
            {"id": ids, "lon": lon, "lat": lat},
            {"source": u, "target": v, "length": length},
            speed=speed,
            directed=directed,
            max_snap=max_snap,
        )

    @classmethod
    def from_frames(
        cls,
        nodes: Any,
        edges: Any,
        *,
        speed: Any = None,
        directed: bool = False,
        datum: str = "wgs84",
        max_snap: Any = None,
        crs: Any = None,
    ) -> RoadNetwork:
        """Build a network from pandas / geopandas frames.

        Nodes need ``id``, ``lon``, ``lat`` columns (or osmnx's ``graph_to_gdfs``
        layout: index ``osmid``, columns ``x``, ``y``); edges need ``source``,
        ``target``, ``length`` [m] (or osmnx's ``(u, v, key)`` index with
        ``length``). A GeoDataFrame in a projected CRS (or ``crs=``) is converted
        to WGS-84.

        Examples
        --------
        >>> import pandas as pd
        >>> nodes = pd.DataFrame({"id": [1, 2], "lon": [113.6, 113.601], "lat": [34.7, 34.7]})
        >>> edges = pd.DataFrame({"source": [1], "target": [2], "length": [91.4]})
        >>> RoadNetwork.from_frames(nodes, edges)
        RoadNetwork(nodes=2, edges=1, directed=False, speed=None)
        """
        from sportsgov.coverage._roads import frame_columns

        ids, lon, lat, u, v, length = frame_columns(nodes, edges, crs=crs)
        return cls.from_edges(
            {"id": ids, "lon": lon, "lat": lat},
            {"source": u, "target": v, "length": length},
            speed=speed,
            directed=directed,
            datum=datum,
            max_snap=max_snap,
        )

    @classmethod
    def from_file(
        cls,
        path: str | os.PathLike[str],
        *,
        speed: Any = None,
        directed: bool = False,
        datum: str = "wgs84",
        max_snap: Any = None,
        layer: str | int | None = None,
        length: str | None = "length",
    ) -> RoadNetwork:
        """Build a network from a file of street lines (GeoPackage, shapefile, GeoJSON).

        An osmnx GeoPackage (``save_graph_geopackage``: layers ``nodes`` and
        ``edges``) keeps its node ids and lengths. Any other layer of street
        segments is split into nodes where segment ends meet; an edge's length is
        the ``length`` field [m] when there is one, else the great-circle length
        along the line. Projected files are converted to WGS-84 (pyproj).

        Examples
        --------
        >>> import json, tempfile, pathlib
        >>> p = pathlib.Path(tempfile.mkdtemp()) / "streets.geojson"
        >>> line = {"type": "LineString", "coordinates": [[113.6, 34.7], [113.601, 34.7]]}
        >>> _ = p.write_text(json.dumps({"type": "FeatureCollection", "features": [
        ...     {"type": "Feature", "properties": {}, "geometry": line}]}))
        >>> net = RoadNetwork.from_file(p)
        >>> round(float(net.graph.data[0]), 1)
        91.4
        """
        from sportsgov.coverage._roads import file_columns

        ids, lon, lat, u, v, lengths = file_columns(path, layer=layer, length=length)
        name = Path(path).name  # errors give the feature number as the row
        return cls._assemble(
            {"id": ids, "lon": lon, "lat": lat},
            {"source": u, "target": v, "length": lengths},
            speed=speed,
            directed=directed,
            datum=datum,
            max_snap=max_snap,
            node_origin=_Origin(name, np.arange(1, len(ids) + 1, dtype=np.int64)),
            edge_origin=_Origin(name, np.arange(1, len(u) + 1, dtype=np.int64)),
        )

    # ------------------------------------------------------------------ queries
    def __len__(self) -> int:
        return len(self.nodes)

    def _tree_wgs(self) -> tuple[Any, Points]:
        cached = self._cache.get("tree")
        if cached is None:
            (wgs,) = align_datums(self.nodes)
            cached = (kd_tree(unit_xyz(wgs.lon, wgs.lat)), wgs)
            self._cache["tree"] = cached
        return cast(tuple[Any, Points], cached)

    def snap(self, points: Points, *, max_distance: Any) -> Snap:
        """Snap points to their nearest node by great-circle distance.

        Parameters
        ----------
        points : Points
            Any datum (converted to WGS-84 with the nodes).
        max_distance : float or Quantity [m]
            Points farther than this from every node are off the network
            (``node = -1``, ``on_network = False``).

        Returns
        -------
        Snap

        Notes
        -----
        The network buckets its nodes once in a lon/lat grid of about the node spacing
        (cached with the network, like its KD-tree). A point within half a spacing of a
        node is answered from the 2 x 2 cells around it, which provably hold its nearest
        node; other points go to the KD-tree. Both give the exact nearest node (ties
        between equidistant nodes: either) and the same haversine distance.

        Examples
        --------
        >>> net = RoadNetwork.from_edges({"id": [1, 2], "lon": [0.0, 0.001], "lat": [0.0, 0.0]},
        ...                              [(1, 2, 111.0)])
        >>> net.snap(Points([0.0009, 3.0], [0.0, 0.0]), max_distance=100)
        Snap(points=2, on_network=1, max_distance=100 m)
        """
        require_nonempty(points, "points", Points)
        limit = cast(float, as_positive(max_distance, "m", name="max_distance"))
        (p,) = align_datums(points)
        grid = self._grid()
        if grid is None:
            j, d = self._nearest_by_tree(p, limit)
        else:
            # the cached node grid answers most points exactly; the rest (far from
            # every node, off the grid) go to the KD-tree
            j, d, sure = nearest_nodes(grid, p.lon, p.lat)
            if not bool(sure.all()):
                rest = np.flatnonzero(~sure)
                j[rest], d[rest] = self._nearest_by_tree(Points(p.lon[rest], p.lat[rest]), limit)
        on = d <= limit
        j[~on] = -1
        return Snap(_ro(j), _ro(d), _ro(on), limit)

    def _grid(self) -> NodeGrid | None:
        """The node grid of the snapping fast path, built once (None: not applicable)."""
        if "grid" not in self._cache:
            (wgs,) = align_datums(self.nodes)
            g = self.graph
            spacing = (
                node_spacing(wgs.lon, wgs.lat, g.indptr, g.indices)
                if hasattr(g, "indptr")  # CSR (from_edges); anything else: KD-tree only
                else None
            )
            grid = None if spacing is None else build_grid(wgs.lon, wgs.lat, spacing)
            self._cache["grid"] = grid
        return cast(NodeGrid | None, self._cache["grid"])

    def _nearest_by_tree(self, p: Points, limit: float) -> tuple[IntArray, FloatArray]:
        """Nearest node and distance by the cached KD-tree (exact; no limit applied)."""
        tree, wgs = self._tree_wgs()
        # a query bounded by the limit first (points off the network are then searched
        # without bound, so their distance is still reported), in grid-cell order and
        # on all cores for large layers
        workers = -1 if len(p) >= GRID_ORDER_MIN else 1
        d, j = nearest(p, wgs, math.inf, workers=workers, first_pass=limit, tree=tree)
        return j, d

    def _matrix(self, cost: Cost, direction: Direction) -> Any:
        key = f"{cost}/{direction}"
        g = self._cache.get(key)
        if g is None:
            g = self.graph
            if cost == "time":
                if self.speed is None:
                    raise InvalidInputError.bad(
                        "cost",
                        "time",
                        "needs a network speed: RoadNetwork.from_edges(..., speed=4.5)",
                    )
                g = g * (60.0 / (self.speed * 1000.0))
            if direction == "to" and self.directed:
                g = g.T.tocsr()
            self._cache[key] = g
        return g

    def multi_source(
        self,
        sources: Sequence[int] | NDArray[np.integer[Any]],
        *,
        limit: Any = None,
        cost: Cost = "length",
        direction: Direction = "from",
        offsets: Sequence[float] | FloatArray | None = None,
    ) -> tuple[FloatArray, IntArray]:
        """Distance from (or to) the nearest of several source nodes, for every node.

        One run of :func:`scipy.sparse.csgraph.dijkstra` (``min_only=True``) with a
        cut-off: nodes farther than ``limit`` get ``inf`` and source -1. With
        ``offsets`` the sources start at different costs; then a single-source run from
        a virtual super-source joined to each source node by an edge of its offset
        gives the same minimum.

        Parameters
        ----------
        sources : sequence of int
            Node indices (positions, not ids); repeats allowed.
        limit : float or Quantity, optional [m or min]
            Cut-off (> 0); none by default. Boundary: nodes at exactly ``limit`` are kept.
        cost : {"length", "time"}
            Weighted length [m] or time [min] (needs ``speed``); never hop counts.
        direction : {"from", "to"}
            ``"to"`` gives node → source distances (use it for demand → facility on a
            directed network).
        offsets : array_like, optional [same unit as cost]
            Starting cost per source (e.g. the facility's snap distance), >= 0.

        Returns
        -------
        (distance, source) : tuple of numpy.ndarray
            Per node: cost to/from the nearest source and the index *into* ``sources``
            of that source (-1 when unreached).

        Examples
        --------
        >>> net = RoadNetwork.from_edges(
        ...     {"id": [0, 1, 2], "lon": [0.0, 0.001, 0.002], "lat": [0.0, 0.0, 0.0]},
        ...     [(0, 1, 100.0), (1, 2, 100.0)], speed=6)
        >>> net.multi_source([0, 2], offsets=[0.0, 50.0])
        (array([  0., 100., 50.]), array([0, 0, 1]))
        >>> net.multi_source([2], cost="time", limit=1.5)[0].tolist()  # 100 m/min
        [inf, 1.0, 0.0]
        """
        if cost not in ("length", "time"):
            raise InvalidInputError.bad("cost", cost, "expected one of 'length', 'time'")
        if direction not in ("from", "to"):
            raise InvalidInputError.bad("direction", direction, "expected one of 'from', 'to'")
        unit = "m" if cost == "length" else "min"
        lim = np.inf if limit is None else cast(float, as_positive(limit, unit, name="limit"))
        src = np.asarray(sources, dtype=np.int64).reshape(-1)
        n = len(self.nodes)
        if src.size == 0:
            raise InvalidInputError.bad("sources", list(src), "must name at least one node")
        if src.min() < 0 or src.max() >= n:
            k = int(src[(src < 0) | (src >= n)][0])
            raise InvalidInputError.bad("sources", k, f"node index must be in [0, {n})")
        off = None if offsets is None else _check_offsets(offsets, src.size)
        dist, origin, which = self._search(src, lim, cost, direction, off)
        if which is not None:
            return dist, which
        # first index into src per source node; the extra last slot maps an unreached
        # node (scipy's origin -9999, clipped to -1) to -1 in the same gather
        first = np.full(n + 1, -1, dtype=np.int64)
        first[src[::-1]] = np.arange(src.size - 1, -1, -1, dtype=np.int64)
        which = first[np.maximum(origin, -1, out=origin)]  # origin is our own copy
        return dist, which

    def _search(
        self,
        src: IntArray,
        lim: float,
        cost: Cost,
        direction: Direction,
        offsets: FloatArray | None,
    ) -> tuple[FloatArray, IntArray, IntArray | None]:
        """Validated inputs -> per node: distance, source *node* (or -1) and, with
        offsets, the index into ``src`` of the source (else None)."""
        from scipy.sparse.csgraph import dijkstra

        g = self._matrix(cost, direction)
        if offsets is None or not offsets.any():
            dist, _, origin = dijkstra(
                g, directed=True, indices=src, min_only=True, limit=lim, return_predecessors=True
            )
            # origin stays in scipy's int32 (no 1M-element copy); callers index with it
            return np.asarray(dist, dtype=np.float64), origin, None
        dist, which = _with_offsets(g, src, offsets, lim, len(self.nodes))
        origin = np.where(which >= 0, src[np.maximum(which, 0)], -1).astype(np.int64)
        return dist, origin, which


def _key_array(values: NDArray[Any]) -> NDArray[Any]:
    """Node ids as comparable keys: integers where they look like integers (so that
    '12' from a CSV file and 12 from an array match), stripped strings otherwise."""
    arr = np.asarray(values)
    if arr.dtype.kind in "iub":
        return arr.astype(np.int64, copy=False)
    if arr.dtype.kind == "f":
        if arr.size == 0 or (np.all(np.isfinite(arr)) and np.all(arr == np.round(arr))):
            return arr.astype(np.int64)
        return arr.astype(str)
    text = np.char.strip(arr.astype(str))
    try:
        return text.astype(np.int64)
    except (ValueError, OverflowError):
        return text


def _lookup(
    raw: NDArray[Any],
    index: tuple[NDArray[Any], IntArray | None],
    name: str,
    origin: _Origin | None = None,
) -> IntArray:
    """Positions of the edge end ids ``raw`` among the nodes (vectorised)."""
    sorted_keys, order = index
    if raw.size == 0:
        return np.empty(0, dtype=np.int64)
    keys = _key_array(raw)
    n = sorted_keys.size
    if (
        keys.dtype.kind == "i"
        and sorted_keys.dtype.kind == "i"
        and n
        and int(sorted_keys[0]) == 0
        and int(sorted_keys[-1]) == n - 1
        and int(keys.min()) >= 0
        and int(keys.max()) < n
    ):  # ids 0..n-1 (unique and ascending, so id k is at sorted position k)
        direct = keys if order is None else order[keys]
        return direct.astype(np.int64, copy=False)
    if sorted_keys.size == 0 or (keys.dtype.kind == "i") != (sorted_keys.dtype.kind == "i"):
        found = np.zeros(keys.shape[0], dtype=bool)
        pos = np.zeros(keys.shape[0], dtype=np.int64)
    else:
        pos = np.searchsorted(sorted_keys, keys)
        pos = np.minimum(pos, sorted_keys.size - 1)
        found = sorted_keys[pos] == keys
    if not found.all():
        k = int(np.flatnonzero(~found)[0])
        value = raw[k].item() if hasattr(raw[k], "item") else raw[k]
        if origin is None:
            raise NotFoundError.bad(f"edges[{k}].{name}", value, "unknown node id")
        # a NotFoundError still (callers catch it), worded and located like a DataError
        where = f"{origin.source}, row {origin.row(k)}, field {name}"
        err = NotFoundError.bad(name, value, "unknown node id")
        located = NotFoundError(
            f"{where}: {err.message}", argument=name, value=value, allowed="unknown node id"
        )
        located.__dict__.update(source=origin.source, row=origin.row(k), field=name)
        raise located
    return (pos if order is None else order[pos]).astype(np.int64, copy=False)


def _build_graph(u: IntArray, v: IntArray, length: FloatArray, n: int, *, directed: bool) -> Any:
    from scipy.sparse import csr_array

    keep = u != v
    if not bool(keep.all()):
        u, v, length = u[keep], v[keep], length[keep]
    m = u.size
    # CSR order by one packed (u, v) key: a single integer sort instead of a
    # three-key lexsort; parallel edges keep the shortest (csr would sum them).
    # Few large temporaries: on a busy machine every fresh 1M-edge array costs
    # about as much as the sort, so the keys of both directions go into one buffer
    # and the lengths of an undirected network are gathered from the m originals.
    vbits = max(n - 1, 1).bit_length()
    size = m if directed else 2 * m
    key = np.empty(size, dtype=np.int64)
    np.left_shift(u, vbits, out=key[:m])
    key[:m] |= v
    if not directed:
        np.left_shift(v, vbits, out=key[m:])
        key[m:] |= u
    if size > 1 and not bool(np.all(key[1:] > key[:-1])):
        shift = max(size - 1, 1).bit_length()
        if 2 * vbits + shift <= 63:  # sort_keys, in place: key and position in one int64
            key <<= np.int64(shift)
            key |= np.arange(size, dtype=np.int64)
            key.sort()
            order = np.bitwise_and(key, np.int64((1 << shift) - 1))
            key >>= np.int64(shift)
        else:
            key, order = sort_keys(key, max(n, 1) << vbits)
        # undirected: position p >= m is the reverse of edge p - m ("wrap")
        length = np.take(length, order, mode="wrap")
        del order
        if size > 1:
            start = np.ones(size, dtype=bool)
            np.not_equal(key[1:], key[:-1], out=start[1:])
            if not bool(start.all()):
                first = np.flatnonzero(start)
                length = np.minimum.reduceat(length, first)
                key = key[first]
    elif not directed:  # already in order: only possible without edges in both halves
        length = np.concatenate([length, length])
    small = key.size < 2**31 - 1 and n < 2**31 - 1
    itype = np.int32 if small else np.int64  # csgraph works on int32: no cast per search
    indices = np.bitwise_and(key, np.int64((1 << vbits) - 1)).astype(itype, copy=False)
    key >>= np.int64(vbits)
    indptr = np.zeros(n + 1, dtype=itype)
    np.cumsum(np.bincount(key, minlength=n), out=indptr[1:])
    g = csr_array((length, indices, indptr), shape=(n, n))
    g.has_sorted_indices = True
    return g


def _check_offsets(offsets: Any, m: int) -> FloatArray:
    off = np.asarray(offsets, dtype=np.float64).reshape(-1)
    if off.shape[0] != m:
        raise InvalidInputError.bad("offsets", offsets, f"must have one value per source ({m})")
    bad = ~np.isfinite(off) | (off < 0)
    if bad.any():
        k = int(np.flatnonzero(bad)[0])
        raise InvalidInputError.bad(f"offsets[{k}]", float(off[k]), "must be finite and >= 0")
    return off


def _with_offsets(
    g: Any, src: IntArray, off: FloatArray, lim: float, n: int
) -> tuple[FloatArray, IntArray]:
    """Multi-source Dijkstra with starting costs, through a virtual super-source."""
    from scipy.sparse import csr_array
    from scipy.sparse import hstack as shstack
    from scipy.sparse import vstack as svstack
    from scipy.sparse.csgraph import dijkstra

    # Best offset per source node (and which source gave it: first in order on ties).
    order = np.lexsort((np.arange(src.size), off, src))
    s_sorted, o_sorted = src[order], off[order]
    first = np.ones(s_sorted.size, dtype=bool)
    first[1:] = s_sorted[1:] != s_sorted[:-1]
    nodes, node_off, node_src = s_sorted[first], o_sorted[first], order[first]
    top = csr_array((node_off, (np.zeros(nodes.size, dtype=np.int64), nodes)), shape=(1, n + 1))
    big = shstack([g, csr_array((n, 1))], format="csr")
    aug = svstack([big, top], format="csr")
    dist, pred = dijkstra(aug, directed=True, indices=n, limit=lim, return_predecessors=True)
    dist = np.asarray(dist[:n], dtype=np.float64)
    pred = np.asarray(pred[:n], dtype=np.int64)
    # Root of each node's shortest-path tree below the super-source: pointer jumping.
    anc = np.where(pred == n, np.arange(n), pred)
    anc = np.where(anc < 0, -1, anc)
    while True:
        valid = anc >= 0
        nxt = anc.copy()
        nxt[valid] = anc[anc[valid]]
        if np.array_equal(nxt, anc):
            break
        anc = nxt
    src_of_node = np.full(n, -1, dtype=np.int64)
    src_of_node[nodes] = node_src
    which = np.where(anc >= 0, src_of_node[np.maximum(anc, 0)], -1)
    which = np.where(np.isfinite(dist), which, -1)
    return dist, which.astype(np.int64)
