"""Shared by the road-network tests: networkx graphs and the brute-force coverage oracle."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import networkx as nx
import numpy as np

from sportsgov.coverage.geo import great_circle_distance


def to_nx(n: int, edges: Sequence[tuple[int, int, float]], directed: bool) -> Any:
    """The network as networkx sees it: self-loops dropped, the shortest of parallel edges."""
    g = nx.DiGraph() if directed else nx.Graph()
    g.add_nodes_from(range(n))
    for u, v, w in edges:
        if u == v:
            continue
        if g.has_edge(u, v):
            g[u][v]["length"] = min(g[u][v]["length"], w)
        else:
            g.add_edge(u, v, length=w)
    return g


def via_each_facility(
    g: Any,
    lon: Sequence[float],
    lat: Sequence[float],
    homes: Sequence[tuple[float, float]],
    gyms: Sequence[tuple[float, float]],
    *,
    max_snap: float,
    add_snap: bool,
) -> list[list[float]]:
    """Per home, its network distance to each gym [m] (inf when either end is farther
    than ``max_snap`` from its nearest node, or no path): brute-force snapping to the
    nearest node, then networkx Dijkstra home -> gym, plus both snap legs if
    ``add_snap``."""
    node_lon, node_lat = np.asarray(lon), np.asarray(lat)

    def snap(x: float, y: float) -> tuple[int, float]:
        d = great_circle_distance(x, y, node_lon, node_lat)
        k = int(np.argmin(d))
        return k, float(d[k])

    fsnap = [snap(*f) for f in gyms]
    out: list[list[float]] = []
    for h in homes:
        node, sd = snap(*h)
        row = [math.inf] * len(gyms)
        if sd <= max_snap:
            lengths = nx.single_source_dijkstra_path_length(g, node, weight="length")
            for j, (fn, fd) in enumerate(fsnap):
                if fd <= max_snap and fn in lengths:
                    row[j] = lengths[fn] + (sd + fd if add_snap else 0.0)
        out.append(row)
    return out
