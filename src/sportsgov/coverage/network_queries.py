"""Network queries (the ``pandana`` family) on a :class:`~sportsgov.coverage.network.RoadNetwork`.

* :func:`nearest_facilities` — the ``k`` nearest facilities of every node, with
  their indices and costs, per category if asked (pandana ``nearest_pois``);
* :func:`aggregate` — sum, mean, min, max, count or a quantile of values placed
  at nodes within a cost of every node, with flat, linear or exponential decay
  (pandana ``aggregate``);
* :func:`nodes_in_range` — every node within a cost of each source node
  (pandana ``nodes_in_range``), as a :class:`~sportsgov.coverage.fca.CostTable`;
* :func:`shortest_path_lengths` — costs between arbitrary node pairs
  (pandana ``shortest_path_lengths``), :func:`shortest_path` — the route itself;
* :func:`low_connectivity_nodes` — nodes that reach fewer than ``count`` others
  (pandana ``low_connectivity_nodes``: islands and stubs to drop before a run).

Every query takes an ``impedance``: ``"length"`` [m], ``"time"`` [min] at the
network's speed, or an edge-cost graph built once with
:func:`impedance_from_speed` or :func:`impedance_from_edges` (walking time,
driving time with per-street speeds, ...), so one network carries several
impedances. Costs are weighted lengths or times, never hop counts; a cut-off
keeps nodes at exactly the cut-off (``cost <= within``). Costs run from each
node *to* the facility / value location (this matters on directed networks).

Examples
--------
>>> from sportsgov.coverage.network import RoadNetwork
>>> net = RoadNetwork.from_edges(
...     {"id": [0, 1, 2, 3], "lon": [0.0, 0.001, 0.002, 0.003], "lat": [0.0] * 4},
...     [(0, 1, 100.0), (1, 2, 100.0), (2, 3, 100.0)])
>>> r = nearest_facilities(net, [0, 3], k=1, max_cost=500)
>>> r.facility[:, 0].tolist(), r.cost[:, 0].tolist()
([0, 0, 1, 1], [0.0, 100.0, 100.0, 0.0])
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Sequence
from typing import Any, Literal

import attrs
import numpy as np
from attrs import field, frozen
from numpy.typing import NDArray

from sportsgov.coverage._costs import CostTable
from sportsgov.errors import InvalidInputError

__all__ = [
    "Aggregation",
    "NearestFacilities",
    "aggregate",
    "impedance_from_edges",
    "impedance_from_speed",
    "low_connectivity_nodes",
    "nearest_facilities",
    "nodes_in_range",
    "shortest_path",
    "shortest_path_lengths",
]

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]
How = Literal["sum", "mean", "std", "min", "max", "count", "quantile"]
DecayName = Literal["flat", "linear", "exponential"]
_HOWS = ("sum", "mean", "std", "min", "max", "count", "quantile")
_DECAYS = ("flat", "linear", "exponential")
_ARRAY_EQ = attrs.cmp_using(eq=np.array_equal)
_CHUNK_CELLS = 2e7


def _ro(value: Any, dtype: Any) -> NDArray[Any]:
    arr = np.array(value, dtype=dtype)
    arr.flags.writeable = False
    return arr


def _ro_float(value: Any) -> FloatArray:
    return _ro(value, np.float64)


def _opt_tuple(value: Sequence[Hashable] | None) -> tuple[Hashable, ...] | None:
    return None if value is None else tuple(value)


def _ro_int(value: Any) -> IntArray:
    return _ro(value, np.int64)


# --------------------------------------------------------------- impedances ---


def impedance_from_speed(network: Any, speed: object) -> Any:
    """Edge travel times [min] at one speed [km/h]: a graph to pass as ``impedance``.

    Examples
    --------
    >>> from sportsgov.coverage.network import RoadNetwork
    >>> net = RoadNetwork.from_edges({"id": [1, 2], "lon": [0.0, 0.001], "lat": [0.0, 0.0]},
    ...                              [(1, 2, 500.0)])
    >>> shortest_path_lengths(net, [0], [1], impedance=impedance_from_speed(net, 30)).tolist()
    [1.0]
    """
    from sportsgov.coverage._quantity import as_positive

    kmh = float(as_positive(speed, "km/h", name="speed"))
    return network.graph * (60.0 / (kmh * 1000.0))


def impedance_from_edges(network: Any, edges: Any) -> Any:
    """An edge-cost graph from rows ``(u, v, cost)`` naming the network's node ids.

    The same rules as :meth:`RoadNetwork.from_edges`: costs finite and >= 0,
    both directions on an undirected network, the cheapest of parallel edges.
    Give driving times with per-street speeds, stairs penalties, ...

    Examples
    --------
    >>> from sportsgov.coverage.network import RoadNetwork
    >>> net = RoadNetwork.from_edges({"id": [1, 2], "lon": [0.0, 0.001], "lat": [0.0, 0.0]},
    ...                              [(1, 2, 500.0)])
    >>> drive = impedance_from_edges(net, [(1, 2, 0.75)])  # minutes
    >>> shortest_path_lengths(net, [1], [0], impedance=drive).tolist()
    [0.75]
    """
    from sportsgov.coverage.network import RoadNetwork

    return RoadNetwork.from_edges(network.nodes, edges, directed=network.directed).graph


def _graph(network: Any, impedance: object, *, reverse: bool) -> Any:
    from sportsgov.coverage.network import RoadNetwork

    if not isinstance(network, RoadNetwork):
        raise InvalidInputError.bad(
            "network", network, "must be a RoadNetwork", shown=type(network).__name__
        )
    n = len(network.nodes)
    if isinstance(impedance, str):
        if impedance == "length":
            g = network.graph
        elif impedance == "time":
            if network.speed is None:
                raise InvalidInputError.bad(
                    "impedance",
                    "time",
                    "needs a network speed: RoadNetwork.from_edges(..., speed=4.5) "
                    "or impedance=impedance_from_speed(net, 4.5)",
                )
            g = impedance_from_speed(network, network.speed)
        else:
            raise InvalidInputError.bad(
                "impedance",
                impedance,
                "expected 'length', 'time' or a graph from impedance_from_speed / "
                "impedance_from_edges",
            )
    elif hasattr(impedance, "tocsr") and getattr(impedance, "shape", None) == (n, n):
        g = impedance.tocsr()
    else:
        raise InvalidInputError.bad(
            "impedance",
            impedance,
            f"expected 'length', 'time' or an ({n}, {n}) sparse edge-cost graph",
        )
    if reverse and network.directed:
        g = g.T.tocsr()
    return g


def _nodes(network: Any, values: Any, name: str) -> IntArray:
    arr = np.asarray(values)
    if arr.dtype.kind not in "iu" and arr.size:
        raise InvalidInputError.bad(name, values, "expected node indices (integers)")
    out = arr.astype(np.int64).reshape(-1)
    n = len(network.nodes)
    bad = (out < 0) | (out >= n)
    if bool(bad.any()):
        k = int(np.flatnonzero(bad)[0])
        raise InvalidInputError.bad(f"{name}[{k}]", int(out[k]), f"node index must be in [0, {n})")
    return out


def _facility_nodes(network: Any, facilities: Any, max_snap: object) -> IntArray:
    """Node index of each facility (-1 when a Points facility is off the network)."""
    from sportsgov.coverage.geo import Points

    if isinstance(facilities, Points):
        limit = network.max_snap if max_snap is None else max_snap
        if limit is None:
            raise InvalidInputError.bad(
                "max_snap", None, "give max_snap [m] to snap Points facilities to the network"
            )
        snap = network.snap(facilities, max_distance=limit)
        return np.asarray(snap.node, dtype=np.int64)
    return _nodes(network, facilities, "facilities")


def _limit(value: object, name: str) -> float:
    if value is None:
        return math.inf
    if isinstance(value, bool) or not isinstance(value, int | float | np.integer | np.floating):
        raise InvalidInputError.bad(name, value, "must be a number > 0 in the impedance's unit")
    number = float(value)
    if not number > 0 or math.isnan(number):
        raise InvalidInputError.bad(name, value, "must be > 0 in the impedance's unit")
    return number


def _search(g: Any, sources: IntArray, limit: float) -> FloatArray:
    from scipy.sparse.csgraph import dijkstra

    search = limit * (1 + 1e-12) + 1e-12 if math.isfinite(limit) else np.inf
    dist = np.atleast_2d(dijkstra(g, directed=True, indices=sources, limit=search))
    if math.isfinite(limit):
        dist[dist > limit] = np.inf
    return np.asarray(dist, dtype=np.float64)


def _chunks(count: int, n_nodes: int) -> range:
    return range(0, count, max(1, int(_CHUNK_CELLS // max(n_nodes, 1))))


# ------------------------------------------------------------------ queries ---


def shortest_path_lengths(
    network: Any, from_nodes: Any, to_nodes: Any, *, impedance: object = "length"
) -> FloatArray:
    """Shortest-path cost from ``from_nodes[k]`` to ``to_nodes[k]`` for every k.

    Parameters
    ----------
    network : RoadNetwork
    from_nodes, to_nodes : sequence of int, same length
        Node indices (positions in ``network.nodes``).
    impedance : "length", "time" or an edge-cost graph
        Cost [m], [min] or the graph's unit.

    Returns
    -------
    array of float
        ``inf`` where ``to`` cannot be reached from ``from``.

    Examples
    --------
    >>> from sportsgov.coverage.network import RoadNetwork
    >>> net = RoadNetwork.from_edges({"id": [1, 2, 3], "lon": [0.0, 0.001, 0.002],
    ...                               "lat": [0.0] * 3}, [(1, 2, 100.0), (2, 3, 50.0)])
    >>> shortest_path_lengths(net, [0, 2], [2, 0]).tolist()
    [150.0, 150.0]
    """
    g = _graph(network, impedance, reverse=False)
    a = _nodes(network, from_nodes, "from_nodes")
    b = _nodes(network, to_nodes, "to_nodes")
    if a.size != b.size:
        raise InvalidInputError.bad(
            "to_nodes", to_nodes, f"must have one node per from_node ({a.size})"
        )
    out = np.full(a.size, np.inf)
    uniq, inv = np.unique(a, return_inverse=True)
    n = len(network.nodes)
    for start in _chunks(uniq.size, n):
        rows = uniq[start : start + max(1, int(_CHUNK_CELLS // max(n, 1)))]
        dist = _search(g, rows, math.inf)
        sel = (inv >= start) & (inv < start + rows.size)
        out[sel] = dist[inv[sel] - start, b[sel]]
    return out


def nodes_in_range(
    network: Any, sources: Any, *, within: float, impedance: object = "length"
) -> CostTable:
    """Every node within ``within`` of each source node (``cost <= within``).

    Parameters
    ----------
    network : RoadNetwork
    sources : sequence of int
        Source node indices.
    within : float
        Cut-off in the impedance's unit (> 0).
    impedance : "length", "time" or an edge-cost graph

    Returns
    -------
    CostTable
        Shape ``(len(sources), len(network.nodes))``: row = source, column =
        node, cost from the source to the node.

    Examples
    --------
    >>> from sportsgov.coverage.network import RoadNetwork
    >>> net = RoadNetwork.from_edges({"id": [1, 2, 3], "lon": [0.0, 0.001, 0.002],
    ...                               "lat": [0.0] * 3}, [(1, 2, 100.0), (2, 3, 50.0)])
    >>> t = nodes_in_range(net, [1], within=100)
    >>> t.supply.tolist(), t.cost.tolist()
    ([0, 1, 2], [100.0, 0.0, 50.0])
    """
    g = _graph(network, impedance, reverse=False)
    src = _nodes(network, sources, "sources")
    limit = _limit(within, "within")
    n = len(network.nodes)
    parts: list[tuple[IntArray, IntArray, FloatArray]] = []
    step = max(1, int(_CHUNK_CELLS // max(n, 1)))
    for start in range(0, src.size, step):
        dist = _search(g, src[start : start + step], limit)
        r, c = np.nonzero(np.isfinite(dist))
        parts.append((r + start, c, dist[r, c]))
    if not parts:
        return CostTable([], [], [], (src.size, n))
    return CostTable(
        np.concatenate([p[0] for p in parts]),
        np.concatenate([p[1] for p in parts]),
        np.concatenate([p[2] for p in parts]),
        (src.size, n),
    )


@frozen
class NearestFacilities:
    """The ``k`` nearest facilities of every network node (see :func:`nearest_facilities`).

    Parameters
    ----------
    facility : array of int, shape (N, k)
        Index into the facilities given, nearest first; -1 where fewer than
        ``k`` are within ``max_cost``.
    cost : array of float, shape (N, k)
        Cost from the node to that facility; ``inf`` where ``facility`` is -1.
    category : hashable or None
        The category these facilities belong to, when split by category.
    facility_ids : tuple or None
        Ids of the facilities (a Points layer's ``id``), to look indices up.

    Examples
    --------
    >>> r = NearestFacilities([[0, -1]], [[5.0, np.inf]])
    >>> r.found.tolist()
    [[True, False]]
    """

    facility: IntArray = field(converter=_ro_int, eq=_ARRAY_EQ, hash=False)
    cost: FloatArray = field(converter=_ro_float, eq=_ARRAY_EQ, hash=False)
    category: Hashable | None = None
    facility_ids: tuple[Hashable, ...] | None = field(default=None, converter=_opt_tuple)

    @property
    def found(self) -> NDArray[np.bool_]:
        """True where a facility was found within ``max_cost``."""
        return self.facility >= 0


def nearest_facilities(
    network: Any,
    facilities: Any,
    *,
    k: int,
    max_cost: float,
    categories: Sequence[Hashable] | None = None,
    impedance: object = "length",
    max_snap: object = None,
) -> Any:
    """The ``k`` nearest facilities of every network node within ``max_cost``.

    Parameters
    ----------
    network : RoadNetwork
    facilities : sequence of int or Points
        Facility node indices, or a Points layer snapped to the nearest node
        within ``max_snap`` [m] (facilities off the network are never found).
    k : int
        How many, >= 1.
    max_cost : float
        Search cut-off in the impedance's unit (``cost <= max_cost``).
    categories : sequence, optional
        Category of each facility (pitch, pool, gym...): the result is then a
        dict ``{category: NearestFacilities}``, the k nearest of each category.
    impedance : "length", "time" or an edge-cost graph
    max_snap : float or Quantity [m], optional
        Snapping limit for Points; default the network's ``max_snap``.

    Returns
    -------
    NearestFacilities or dict of category to NearestFacilities
        Ties in cost are broken by facility index.

    Examples
    --------
    >>> from sportsgov.coverage.network import RoadNetwork
    >>> net = RoadNetwork.from_edges(
    ...     {"id": [0, 1, 2], "lon": [0.0, 0.001, 0.002], "lat": [0.0] * 3},
    ...     [(0, 1, 100.0), (1, 2, 100.0)])
    >>> by = nearest_facilities(net, [0, 2, 2], k=2, max_cost=150,
    ...                         categories=["pool", "gym", "pool"])
    >>> by["pool"].facility.tolist()
    [[0, -1], [0, 2], [2, -1]]
    >>> by["gym"].cost[:, 0].tolist()
    [inf, 100.0, 0.0]
    """
    from sportsgov.coverage.geo import Points

    if isinstance(k, bool) or not isinstance(k, int | np.integer) or k < 1:
        raise InvalidInputError.bad("k", k, "must be an integer >= 1")
    limit = _limit(max_cost, "max_cost")
    g = _graph(network, impedance, reverse=True)
    fac = _facility_nodes(network, facilities, max_snap)
    ids = None
    if isinstance(facilities, Points) and facilities.id is not None:
        ids = tuple(np.asarray(facilities.id).tolist())
    if categories is None:
        return _k_nearest(
            g, fac, np.arange(fac.size), int(k), limit, len(network.nodes), None, ids
        )
    labels = list(categories)
    if len(labels) != fac.size:
        raise InvalidInputError.bad(
            "categories", categories, f"must give one category per facility ({fac.size})"
        )
    out: dict[Hashable, NearestFacilities] = {}
    for label in dict.fromkeys(labels):
        members = np.array([i for i, c in enumerate(labels) if c == label], dtype=np.int64)
        out[label] = _k_nearest(
            g, fac[members], members, int(k), limit, len(network.nodes), label, ids
        )
    return out


def _k_nearest(
    g: Any,
    nodes: IntArray,
    index: IntArray,
    k: int,
    limit: float,
    n: int,
    category: Hashable | None,
    ids: tuple[Hashable, ...] | None,
) -> NearestFacilities:
    best_c = np.full((n, k), np.inf)
    best_f = np.full((n, k), -1, dtype=np.int64)
    on = nodes >= 0
    nodes, index = nodes[on], index[on]
    uniq, inv = np.unique(nodes, return_inverse=True)
    step = max(1, int(_CHUNK_CELLS // max(n, 1)))
    for start in range(0, uniq.size, step):
        dist = _search(g, uniq[start : start + step], limit)  # (c, n): from facility node
        sel = np.flatnonzero((inv >= start) & (inv < start + dist.shape[0]))
        cand_c = dist[inv[sel] - start].T  # (n, facilities in this chunk)
        cand_f = np.broadcast_to(index[sel], cand_c.shape)
        all_c = np.concatenate([best_c, cand_c], axis=1)
        all_f = np.concatenate([best_f, np.where(np.isfinite(cand_c), cand_f, -1)], axis=1)
        tie = np.where(all_f >= 0, all_f, np.iinfo(np.int64).max)
        order = np.lexsort((tie, all_c), axis=1)[:, :k]
        best_c = np.take_along_axis(all_c, order, axis=1)
        best_f = np.take_along_axis(all_f, order, axis=1)
    best_f[~np.isfinite(best_c)] = -1
    return NearestFacilities(best_f, best_c, category, ids)


@frozen
class Aggregation:
    """Values aggregated around every network node (see :func:`aggregate`).

    Parameters
    ----------
    values : array of float, shape (N,)
        The aggregate at each node; 0.0 where nothing is within reach (see
        ``count``), never NaN.
    count : array of int, shape (N,)
        How many value locations are within reach of each node.
    how : str
    within : float
    decay : str

    Examples
    --------
    >>> Aggregation([3.0, 0.0], [2, 0], "sum", 100.0, "flat").values.tolist()
    [3.0, 0.0]
    """

    values: FloatArray = field(converter=_ro_float, eq=_ARRAY_EQ, hash=False)
    count: IntArray = field(converter=_ro_int, eq=_ARRAY_EQ, hash=False)
    how: str
    within: float
    decay: str


def aggregate(
    network: Any,
    nodes: Any,
    values: Any,
    *,
    within: float,
    how: How = "sum",
    q: float | None = None,
    decay: DecayName = "flat",
    impedance: object = "length",
    max_snap: object = None,
) -> Aggregation:
    """Aggregate values placed at nodes within ``within`` of every network node.

    For node ``v`` the items ``i`` at nodes with ``cost(v → node_i) <= within``
    count, each with a weight ``w = 1`` (``"flat"``), ``1 − d/within``
    (``"linear"``) or ``e^{−d/within}`` (``"exponential"``), as in pandana.

    Parameters
    ----------
    network : RoadNetwork
    nodes : sequence of int or Points
        Node index of each item (residents, pitches, ...), or a Points layer
        snapped to the nearest node within ``max_snap`` [m] (items off the
        network are left out).
    values : sequence of float
        Value of each item (population, area [m²], ...).
    within : float
        Cut-off in the impedance's unit (> 0).
    how : {"sum", "mean", "std", "min", "max", "count", "quantile"}
        ``sum`` = Σ w·x; ``mean`` = Σ w·x / Σ w; ``std`` = the weighted
        population standard deviation ``sqrt(Σ w (x − mean)² / Σ w)``;
        ``count`` = Σ w; ``min``,
        ``max`` and ``quantile`` (numpy's linear interpolation, ``q`` in [0, 1])
        take the values in reach unweighted (they need ``decay="flat"``).
    q : float, optional
        The quantile for ``how="quantile"``.
    decay : {"flat", "linear", "exponential"}
    impedance : "length", "time" or an edge-cost graph
    max_snap : float or Quantity [m], optional
        Snapping limit when ``nodes`` is a Points layer; default the network's.

    Returns
    -------
    Aggregation

    Examples
    --------
    >>> from sportsgov.coverage.network import RoadNetwork
    >>> net = RoadNetwork.from_edges(
    ...     {"id": [0, 1, 2], "lon": [0.0, 0.001, 0.002], "lat": [0.0] * 3},
    ...     [(0, 1, 100.0), (1, 2, 100.0)])
    >>> aggregate(net, [0, 2], [10.0, 30.0], within=100).values.tolist()
    [10.0, 40.0, 30.0]
    >>> aggregate(net, [0, 2], [10.0, 30.0], within=200, decay="linear").values.tolist()
    [10.0, 20.0, 30.0]
    >>> aggregate(net, [0, 2], [10.0, 30.0], within=200, how="max").values.tolist()
    [30.0, 30.0, 30.0]
    """
    if how not in _HOWS:
        raise InvalidInputError.bad(
            "how", how, "expected one of 'sum', 'mean', 'std', 'min', 'max', 'count', 'quantile'"
        )
    if decay not in _DECAYS:
        raise InvalidInputError.bad(
            "decay", decay, "expected one of 'flat', 'linear', 'exponential'"
        )
    if how in ("min", "max", "quantile") and decay != "flat":
        raise InvalidInputError.bad(
            "decay", decay, f"how={how!r} takes the values unweighted: use decay='flat'"
        )
    if how == "quantile" and (
        q is None or isinstance(q, bool) or not isinstance(q, int | float) or not 0 <= q <= 1
    ):
        raise InvalidInputError.bad("q", q, "how='quantile' needs q in [0, 1]")
    g = _graph(network, impedance, reverse=True)
    at = _facility_nodes(network, nodes, max_snap)
    x = np.asarray(values, dtype=np.float64).reshape(-1)
    if x.size != at.size:
        raise InvalidInputError.bad("values", values, f"must give one value per node ({at.size})")
    on = at >= 0
    at, x = at[on], x[on]
    if not bool(np.isfinite(x).all()):
        k = int(np.flatnonzero(~np.isfinite(x))[0])
        raise InvalidInputError.bad(f"values[{k}]", float(x[k]), "must be finite")
    limit = _limit(within, "within")
    n = len(network.nodes)
    item, node, d = _items_in_range(g, at, limit, n)
    w = np.ones(d.size)
    if decay == "linear":
        w = 1.0 - d / limit
    elif decay == "exponential":
        w = np.exp(-d / limit)
    count = np.bincount(node, minlength=n)
    out = np.zeros(n)
    if how == "sum":
        out = np.bincount(node, weights=w * x[item], minlength=n).astype(np.float64)
    elif how == "count":
        out = np.bincount(node, weights=w, minlength=n).astype(np.float64)
    elif how in ("mean", "std"):
        num = np.bincount(node, weights=w * x[item], minlength=n)
        den = np.bincount(node, weights=w, minlength=n)
        out = np.divide(num, den, out=np.zeros(n), where=den > 0)
        if how == "std":
            dev = np.bincount(node, weights=w * (x[item] - out[node]) ** 2, minlength=n)
            out = np.sqrt(np.divide(dev, den, out=np.zeros(n), where=den > 0))
    elif how in ("min", "max"):
        fill = np.inf if how == "min" else -np.inf
        acc = np.full(n, fill)
        (np.minimum if how == "min" else np.maximum).at(acc, node, x[item])
        out = np.where(count > 0, acc, 0.0)
    else:
        out = _quantile(node, x[item], count, float(q), n)  # type: ignore[arg-type]
    return Aggregation(out, count, how, limit, decay)


def _items_in_range(
    g: Any, at: IntArray, limit: float, n: int
) -> tuple[IntArray, IntArray, FloatArray]:
    """(item, node, cost node → item) for every node within ``limit`` of each item."""
    uniq, inv = np.unique(at, return_inverse=True)
    items: list[IntArray] = []
    nodes: list[IntArray] = []
    costs: list[FloatArray] = []
    order = np.argsort(inv, kind="stable")
    size = np.bincount(inv, minlength=uniq.size)
    ptr = np.concatenate([[0], np.cumsum(size)])
    step = max(1, int(_CHUNK_CELLS // max(n, 1)))
    for start in range(0, uniq.size, step):
        dist = _search(g, uniq[start : start + step], limit)
        r, c = np.nonzero(np.isfinite(dist))
        reps = size[start + r]
        rr, cc = np.repeat(r, reps), np.repeat(c, reps)
        offset = np.arange(rr.size) - np.repeat(np.cumsum(reps) - reps, reps)
        items.append(order[ptr[start + rr] + offset])
        nodes.append(cc)
        costs.append(dist[rr, cc])
    if not items:
        return np.empty(0, np.int64), np.empty(0, np.int64), np.empty(0)
    return np.concatenate(items), np.concatenate(nodes), np.concatenate(costs)


def _quantile(node: IntArray, x: FloatArray, count: IntArray, q: float, n: int) -> FloatArray:
    order = np.lexsort((x, node))
    xs = x[order]
    start = np.concatenate([[0], np.cumsum(count)[:-1]])
    has = count > 0
    pos = q * (count - 1)
    lo = np.floor(pos).astype(np.int64)
    hi = np.ceil(pos).astype(np.int64)
    out = np.zeros(n)
    a = xs[(start + lo)[has]]
    b = xs[(start + hi)[has]]
    frac = (pos - lo)[has]
    out[has] = a + (b - a) * frac
    return out


def shortest_path(
    network: Any, from_node: int, to_node: int, *, impedance: object = "length"
) -> IntArray:
    """The node indices of a shortest route ``from_node`` → ``to_node`` (both included).

    Returns an empty array when ``to_node`` cannot be reached.

    Examples
    --------
    >>> from sportsgov.coverage.network import RoadNetwork
    >>> net = RoadNetwork.from_edges({"id": [1, 2, 3], "lon": [0.0, 0.001, 0.002],
    ...                               "lat": [0.0] * 3}, [(1, 2, 100.0), (2, 3, 50.0)])
    >>> shortest_path(net, 0, 2).tolist()
    [0, 1, 2]
    """
    from scipy.sparse.csgraph import dijkstra

    g = _graph(network, impedance, reverse=False)
    a = int(_nodes(network, [from_node], "from_node")[0])
    b = int(_nodes(network, [to_node], "to_node")[0])
    dist, pred = dijkstra(g, directed=True, indices=a, return_predecessors=True)
    if not np.isfinite(dist[b]):
        return np.empty(0, dtype=np.int64)
    route = [b]
    while route[-1] != a:
        route.append(int(pred[route[-1]]))
    return np.array(route[::-1], dtype=np.int64)


def low_connectivity_nodes(
    network: Any, *, within: float, count: int, impedance: object = "length"
) -> IntArray:
    """Nodes from which fewer than ``count`` other nodes are within ``within``.

    pandana's ``low_connectivity_nodes``: small islands and stubs of a street
    extract, to drop or inspect before coverage runs.

    Examples
    --------
    >>> from sportsgov.coverage.network import RoadNetwork
    >>> net = RoadNetwork.from_edges(
    ...     {"id": [1, 2, 3, 4, 5], "lon": [0.0, 0.001, 0.002, 1.0, 1.001], "lat": [0.0] * 5},
    ...     [(1, 2, 100.0), (2, 3, 100.0), (4, 5, 100.0)])
    >>> low_connectivity_nodes(net, within=1000, count=2).tolist()
    [3, 4]
    """
    if isinstance(count, bool) or not isinstance(count, int | np.integer) or count < 1:
        raise InvalidInputError.bad("count", count, "must be an integer >= 1")
    n = len(network.nodes)
    table = nodes_in_range(network, np.arange(n), within=within, impedance=impedance)
    reach = np.bincount(table.demand, minlength=n) - 1  # not counting the node itself
    return np.flatnonzero(reach < count).astype(np.int64)
