"""Network queries (the pandana family) side by side with networkx on a grid street network.

~100 m blocks; values at random nodes. References: networkx Dijkstra with a cut-off
from every value location (aggregate), and one ``dijkstra_path_length`` per pair
(shortest-path lengths). pandana itself is not installed here.
"""

from __future__ import annotations

import networkx as nx
import numpy as np

from benchmarks.run import Case
from sportsgov.coverage.network import RoadNetwork
from sportsgov.coverage.network_queries import (
    aggregate,
    nearest_facilities,
    shortest_path_lengths,
)


def cases(quick: bool) -> list[Case]:
    rng = np.random.default_rng(20261204)
    side = 60 if quick else 200
    ids = np.arange(side * side)
    gx, gy = ids % side, ids // side
    pairs = np.vstack(
        [
            np.column_stack([ids[gx < side - 1], ids[gx < side - 1] + 1]),
            np.column_stack([ids[gy < side - 1], ids[gy < side - 1] + side]),
        ]
    )
    length = rng.uniform(80, 120, len(pairs))
    net = RoadNetwork.from_edges(
        {"id": ids, "lon": 113.5 + gx * 0.001, "lat": 34.7 + gy * 0.0009},
        {"source": pairs[:, 0], "target": pairs[:, 1], "length": length},
    )
    g = nx.Graph()
    g.add_weighted_edges_from(
        zip(pairs[:, 0].tolist(), pairs[:, 1].tolist(), length.tolist(), strict=True),
        weight="length",
    )
    k = 500 if quick else 5_000
    at = rng.integers(0, side * side, k)
    values = rng.uniform(0, 100, k)
    a = rng.integers(0, side * side, 200)
    b = rng.integers(0, side * side, a.size)
    fac = rng.integers(0, side * side, 50 if quick else 300)

    def agg_ours() -> None:
        aggregate(net, at, values, within=800, how="sum", decay="linear")

    def agg_ref() -> None:
        out = np.zeros(side * side)
        for node, x in zip(at.tolist(), values.tolist(), strict=True):
            d = nx.single_source_dijkstra_path_length(g, node, cutoff=800, weight="length")
            for v, c in d.items():
                out[v] += x * (1 - c / 800)

    def spl_ours() -> None:
        shortest_path_lengths(net, a, b)

    def spl_ref() -> None:
        for u, v in zip(a.tolist(), b.tolist(), strict=True):
            nx.dijkstra_path_length(g, u, v, weight="length")

    def near_ours() -> None:
        nearest_facilities(net, fac, k=3, max_cost=2000)

    def near_ref() -> None:
        for f in fac.tolist():
            nx.single_source_dijkstra_path_length(g, f, cutoff=2000, weight="length")

    n = side * side
    return [
        Case(
            f"aggregate {n:,} nodes, {k:,} values, 800 m, linear decay",
            agg_ours,
            agg_ref,
            "networkx",
            target="< networkx",
        ),
        Case(
            f"shortest-path lengths {n:,} nodes, {a.size:,} pairs",
            spl_ours,
            spl_ref,
            "networkx",
            target="< networkx",
            repeat=1,
        ),
        Case(
            f"3 nearest of {fac.size} facilities, {n:,} nodes, 2 km",
            near_ours,
            near_ref,
            "networkx (searches only)",
            target="~ networkx",
        ),
    ]
