"""2SFCA / E2SFCA (sportsgov.coverage.fca) and cost tables.

Independent checks:
* a hand calculation with exact fractions of the three-tract "hospital" example
  from the ``access`` package's tests (pysal/access,
  ``access/tests/test_hospital_example.py``: tracts of 100/50/10 people with
  15/20/100 doctors and travel times 1/40/80 minutes), here with a step catchment;
* brute-force double loops over a dense matrix on random data (hypothesis),
  matching to 1e-9 relative;
* the supply-conservation identity Σ_i P_i·A_i = Σ_j S_j over the supply that
  reaches someone (Luo & Wang 2003);
* great-circle catchments against a dense haversine matrix.
"""

from __future__ import annotations

import math
import warnings
from fractions import Fraction

import networkx as nx
import numpy as np
import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from scipy import sparse

from sportsgov.coverage import Points, great_circle_distance
from sportsgov.coverage.fca import (
    Accessibility,
    CostTable,
    catchment_costs,
    enhanced_two_step_fca,
    network_costs,
    two_step_fca,
)
from sportsgov.coverage.network import RoadNetwork
from sportsgov.errors import DataError, InvalidInputError, UnitError
from sportsgov.units import Q_

# ----------------------------------------------------------------- references


def brute_2sfca(
    pop: np.ndarray, sup: np.ndarray, cost: np.ndarray, weight_of
) -> tuple[np.ndarray, np.ndarray]:
    """Textbook double loop: weight_of(c) is None outside the catchment."""
    m, n = cost.shape
    ratios = np.zeros(n)
    for j in range(n):
        denom = 0.0
        for i in range(m):
            w = weight_of(cost[i, j])
            if w is not None:
                denom += pop[i] * w
        ratios[j] = sup[j] / denom if denom > 0 else 0.0
    scores = np.zeros(m)
    for i in range(m):
        for j in range(n):
            w = weight_of(cost[i, j])
            if w is not None:
                scores[i] += ratios[j] * w
    return scores, ratios


def step(t: float):
    return lambda c: 1.0 if c <= t else None


def zoned(zones: list[tuple[float, float]]):
    def w(c: float) -> float | None:
        lower = -1.0
        for edge, weight in zones:
            if lower < c <= edge or (lower < 0 and 0 <= c <= edge):
                return weight
            lower = edge
        return None

    return w


@st.composite
def instances(draw: st.DrawFn) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    m = draw(st.integers(1, 7))
    n = draw(st.integers(1, 6))
    pop = np.array(draw(st.lists(st.integers(0, 1000), min_size=m, max_size=m)), float)
    sup = np.array(draw(st.lists(st.integers(0, 50), min_size=n, max_size=n)), float)
    cells = st.one_of(st.integers(0, 30).map(float), st.just(math.inf))
    cost = np.array(draw(st.lists(cells, min_size=m * n, max_size=m * n))).reshape(m, n)
    return pop, sup, cost


def close(a: np.ndarray, b: np.ndarray) -> bool:
    return bool(np.allclose(a, b, rtol=1e-9, atol=1e-12))


# ------------------------------------------------------------ worked examples

POP = [100, 50, 10]
DOCS = [15, 20, 100]
# costs[i][j]: demand tract i+1 -> supply tract j+1 (access's origin -> dest)
GRIDLOCK = [[1, 80, 40], [80, 1, 40], [40, 40, 1]]
INBOUND_FAST = [[1, 80, 20], [80, 1, 20], [40, 40, 1]]


def test_hospital_example_scenario_0_by_hand() -> None:
    a = two_step_fca(POP, DOCS, np.asarray(GRIDLOCK, float), threshold=61)
    r1, r2, r3 = Fraction(15, 100 + 10), Fraction(20, 50 + 10), Fraction(100, 160)
    assert a.supply_ratios.tolist() == pytest.approx([float(r1), float(r2), float(r3)], rel=1e-12)
    expected = [r1 + r3, r2 + r3, r1 + r2 + r3]
    assert a.scores.tolist() == pytest.approx([float(x) for x in expected], rel=1e-12)
    assert a.reached.all() and a.served.all()
    assert a.weighted_demand.tolist() == [110.0, 60.0, 160.0]


def test_hospital_example_direction_matters() -> None:
    """Fast inbound lanes: at 30 minutes tracts 1 and 2 reach 3, but 3 reaches neither."""
    a = two_step_fca(POP, DOCS, np.asarray(INBOUND_FAST, float), threshold=30)
    r1, r2, r3 = Fraction(15, 100), Fraction(20, 50), Fraction(100, 160)
    assert a.scores.tolist() == pytest.approx([float(r1 + r3), float(r2 + r3), float(r3)])
    transposed = two_step_fca(POP, DOCS, np.asarray(INBOUND_FAST, float).T, threshold=30)
    assert transposed.scores.tolist() != a.scores.tolist()


def test_boundary_is_inclusive_and_unreached_scores_zero() -> None:
    a = two_step_fca([10, 10, 10], [6], [[5.0], [5.000001], [0.0]], threshold=5)
    assert a.reached.tolist() == [True, False, True]
    assert a.scores.tolist() == [0.3, 0.0, 0.3]
    assert not np.isnan(a.scores).any()
    assert a.unreached.tolist() == [1]


def test_e2sfca_luo_qi_style_zones_by_hand() -> None:
    zones = [(10, 1.0), (20, 0.68), (30, 0.22)]
    cost = np.array([[10.0, 25.0], [10.0001, 31.0], [20.0, 0.0]])
    a = enhanced_two_step_fca([100, 200, 300], [10, 20], cost, zones=zones)
    d0 = 100 * 1.0 + 200 * 0.68 + 300 * 0.68
    d1 = 100 * 0.22 + 300 * 1.0
    r = [10 / d0, 20 / d1]
    assert a.supply_ratios.tolist() == pytest.approx(r, rel=1e-12)
    assert a.scores.tolist() == pytest.approx(
        [r[0] * 1.0 + r[1] * 0.22, r[0] * 0.68, r[0] * 0.68 + r[1] * 1.0], rel=1e-12
    )
    assert a.zones == ((10.0, 1.0), (20.0, 0.68), (30.0, 0.22))
    assert a.threshold == 30.0 and a.method == "e2sfca"


def test_ids_long_table_and_as_dict() -> None:
    a = two_step_fca(
        {"north": 1000, "south": 3000, "east": 500},
        {"stadium": 8000, "park": 2000},
        [("north", "stadium", 12.0), ("south", "stadium", 8.0), ("south", "park", 3.0)],
        threshold=15,
        cost_unit="minute",
    )
    assert a.as_dict() == pytest.approx({"north": 2.0, "south": 2.0 + 2 / 3, "east": 0.0})
    assert a.supply_ids == ("stadium", "park")
    assert a.cost_unit == "minute"


def test_quantity_threshold_converted_to_cost_unit() -> None:
    cost = np.array([[30.0], [70.0]])
    a = two_step_fca([1, 2], [3], cost, threshold=Q_(1, "hour"), cost_unit="minute")
    assert a.threshold == 60.0 and a.reached.tolist() == [True, False]
    b = two_step_fca([1, 2], [3], cost, threshold="1.2 hour", cost_unit="minute")
    assert b.reached.tolist() == [True, True]


def test_cost_unit_must_agree_with_the_table() -> None:
    table = CostTable.from_dense([[5.0]], unit="minute")
    a = two_step_fca([1], [1], table, threshold=Q_(5, "min"), cost_unit="min")
    assert a.reached.tolist() == [True]
    with pytest.raises(UnitError, match="cost_unit='m': the cost table is in 'minute'"):
        two_step_fca([1], [1], table, threshold=5, cost_unit="m")


def test_gaussian_decay_matches_formula() -> None:
    a = two_step_fca([10, 20], [5], [[0.0], [500.0]], threshold=1000, decay="gaussian")
    g = (math.exp(-0.125) - math.exp(-0.5)) / (1 - math.exp(-0.5))
    r = 5 / (10 * 1.0 + 20 * g)
    assert a.scores.tolist() == pytest.approx([r, r * g], rel=1e-12)
    edge = two_step_fca([10], [5], [[1000.0]], threshold=1000, decay="gaussian")
    assert edge.reached.tolist() == [True] and edge.scores.tolist() == [0.0]
    assert edge.served.tolist() == [False]


def test_result_is_frozen_and_inputs_not_mutated() -> None:
    cost = np.array([[1.0, 2.0]])
    pop = np.array([5.0])
    a = two_step_fca(pop, [1, 1], cost, threshold=3)
    with pytest.raises(ValueError, match="read-only"):
        a.scores[0] = 1.0
    with pytest.raises(AttributeError):
        a.threshold = 4  # type: ignore[misc]
    assert cost.tolist() == [[1.0, 2.0]] and pop.tolist() == [5.0]
    assert isinstance(a, Accessibility)


# ------------------------------------------------------------- cost forms


def test_all_cost_forms_agree() -> None:
    dense = np.array([[0.0, 7.0, np.inf], [3.0, np.inf, 9.0]])
    rows = [(0, 0, 0.0), (0, 1, 7.0), (1, 0, 3.0), (1, 2, 9.0)]
    coo = sparse.coo_array(([0.0, 7.0, 3.0, 9.0], ([0, 0, 1, 1], [0, 1, 0, 2])), shape=(2, 3))
    args = ([4, 6], [1, 2, 3])
    results = [
        two_step_fca(*args, c, threshold=8).scores.tolist()
        for c in (dense, rows, coo, coo.tocsr(), CostTable.from_rows(rows, shape=(2, 3)))
    ]
    assert all(r == results[0] for r in results)
    # the explicit zero in the sparse matrix is a reachable pair at cost 0
    assert CostTable.from_sparse(coo.tocsr()).nnz == 4


def test_sparse_missing_entry_is_unreachable_not_zero() -> None:
    m = sparse.csr_array(([5.0], ([0], [1])), shape=(2, 2))
    a = two_step_fca([1, 1], [1, 1], m, threshold=100)
    assert a.reached.tolist() == [True, False]


def test_list_of_lists_is_a_matrix_when_shape_says_so() -> None:
    a = two_step_fca([1, 1], [1, 1], [[1.0, 9.0], [9.0, 1.0]], threshold=2)
    assert a.scores.tolist() == [1.0, 1.0]


# -------------------------------------------------------------- properties


@given(instances(), st.sampled_from([0.0, 5.0, 12.0, 30.0]))
def test_2sfca_matches_brute_force(inst, threshold: float) -> None:
    pop, sup, cost = inst
    a = two_step_fca(pop, sup, cost, threshold=threshold)
    scores, ratios = brute_2sfca(pop, sup, cost, step(threshold))
    assert close(a.scores, scores) and close(a.supply_ratios, ratios)
    assert a.reached.tolist() == (cost <= threshold).any(axis=1).tolist()
    assert not a.scores[~a.reached].any()


@given(instances(), st.data())
def test_variable_catchments_match_brute_force(inst, data: st.DataObject) -> None:
    """Per-demand thresholds (urban 10 / rural 15 minutes): pair in reach iff c_ij <= d0_i."""
    pop, sup, cost = inst
    m, n = cost.shape
    d0 = np.array(data.draw(st.lists(st.sampled_from([5.0, 10.0, 15.0]), min_size=m, max_size=m)))
    a = two_step_fca(pop, sup, cost, threshold=d0)
    inside = cost <= d0[:, None]
    denom = (pop[:, None] * inside).sum(axis=0)
    ratios = np.divide(sup, denom, out=np.zeros(n), where=denom > 0)
    scores = (inside * ratios[None, :]).sum(axis=1)
    assert close(a.scores, scores) and close(a.supply_ratios, ratios)
    assert a.thresholds is not None and a.thresholds.tolist() == d0.tolist()
    assert a.threshold == float(d0.max())
    reaching = (inside & (pop[:, None] > 0)).any(axis=0)
    assert float(pop @ a.scores) == pytest.approx(float(sup[reaching].sum()), rel=1e-9, abs=1e-9)


def test_fitness_circle_threshold_in_metres_or_minutes() -> None:
    from sportsgov.coverage import RURAL_FITNESS_CIRCLE, URBAN_FITNESS_CIRCLE

    minutes = np.array([[9.0], [14.0]])
    a = two_step_fca([10, 30], [4], minutes, threshold=URBAN_FITNESS_CIRCLE, cost_unit="minute")
    assert a.threshold == 10.0 and a.reached.tolist() == [True, False]
    b = two_step_fca([10, 30], [4], minutes, threshold=RURAL_FITNESS_CIRCLE, cost_unit="minute")
    assert b.reached.tolist() == [True, True]
    metres = two_step_fca([10], [4], [[0.7]], threshold=URBAN_FITNESS_CIRCLE, cost_unit="km")
    assert metres.threshold == URBAN_FITNESS_CIRCLE.radius / 1000
    with pytest.raises(UnitError, match="costs carry no unit"):
        two_step_fca([10], [4], [[0.7]], threshold=URBAN_FITNESS_CIRCLE)
    with pytest.raises(InvalidInputError, match=r"threshold=shape \(1,\): must be a number or"):
        two_step_fca([1, 2], [1], [[1.0], [1.0]], threshold=[3.0])
    with pytest.raises(InvalidInputError, match=r"threshold\[1\]=-1.0: must be finite and >= 0"):
        two_step_fca([1, 2], [1], [[1.0], [1.0]], threshold=[3.0, -1.0])


def test_variable_radius_on_points() -> None:
    homes = Points([113.600, 113.610], [34.75, 34.75], weight=[10, 20])
    gym = Points([113.605], [34.75])  # about 457 m from both
    a = two_step_fca(homes, gym, threshold=[300, 600])
    assert a.reached.tolist() == [False, True] and a.scores.tolist() == [0.0, 0.05]


@given(
    instances(),
    st.lists(st.integers(1, 10), min_size=1, max_size=4),
    st.lists(st.floats(0.05, 1.0), min_size=4, max_size=4),
)
def test_e2sfca_matches_brute_force(inst, steps: list[int], weights: list[float]) -> None:
    pop, sup, cost = inst
    edges = np.cumsum(steps).astype(float).tolist()
    zones = list(zip(edges, weights[: len(edges)], strict=True))
    a = enhanced_two_step_fca(pop, sup, cost, zones=zones)
    scores, ratios = brute_2sfca(pop, sup, cost, zoned(zones))
    assert close(a.scores, scores) and close(a.supply_ratios, ratios)


@given(instances(), st.sampled_from([3.0, 10.0, 25.0]), st.booleans())
def test_supply_is_conserved(inst, threshold: float, enhanced: bool) -> None:
    pop, sup, cost = inst
    if enhanced:
        a = enhanced_two_step_fca(pop, sup, cost, zones=[(threshold / 2, 1.0), (threshold, 0.5)])
    else:
        a = two_step_fca(pop, sup, cost, threshold=threshold)
    # supply that reaches at least one person (independent of a.served)
    reaching = ((cost <= threshold) & (pop[:, None] > 0)).any(axis=0)
    assert float(pop @ a.scores) == pytest.approx(float(sup[reaching].sum()), rel=1e-9, abs=1e-9)
    assert a.served.tolist() == reaching.tolist()


@given(instances(), st.sampled_from([4.0, 15.0]))
def test_gaussian_matches_brute_force(inst, threshold: float) -> None:
    pop, sup, cost = inst
    tail = math.exp(-0.5)

    def w(c: float) -> float | None:
        if c > threshold:
            return None
        return (math.exp(-0.5 * (c / threshold) ** 2) - tail) / (1 - tail)

    a = two_step_fca(pop, sup, cost, threshold=threshold, decay="gaussian")
    scores, ratios = brute_2sfca(pop, sup, cost, w)
    assert close(a.scores, scores) and close(a.supply_ratios, ratios)


@given(st.from_type(CostTable), st.lists(st.integers(0, 99), min_size=16, max_size=16))
@example(CostTable.from_rows([(0, 0, 0.0)], shape=(1, 3)), [5] * 16)  # rows read as (1, 3)
def test_cost_table_forms_round_trip(table: CostTable, people: list[int]) -> None:
    dense = table.to_dense()
    again = CostTable.from_dense(dense, unit=table.unit)
    coo = sparse.coo_array((table.cost, (table.demand, table.supply)), shape=table.shape)
    rows = list(
        zip(table.demand.tolist(), table.supply.tolist(), table.cost.tolist(), strict=True)
    )
    for other in (again, CostTable.from_sparse(coo, unit=table.unit)):
        assert other == table  # shape, unit, ids
        assert other.demand.tolist() == table.demand.tolist()
        assert other.supply.tolist() == table.supply.tolist()
        assert other.cost.tolist() == table.cost.tolist()
    m, n = table.shape
    assert m <= len(people)
    pop = np.array(people[:m], float)
    sup = np.ones(n)
    if len(rows) == m and n == 3:
        # m rows of 3 values also read as an (m, 3) matrix: refused, by design
        with pytest.raises(InvalidInputError, match=r"costs=list of \d+ rows of 3: ambiguous"):
            two_step_fca(pop, sup, rows, threshold=30)
        a = two_step_fca(pop, sup, CostTable.from_rows(rows, shape=(m, n)), threshold=30)
    else:
        a = two_step_fca(pop, sup, rows, threshold=30)
    scores, _ = brute_2sfca(pop, sup, dense, step(30))
    assert close(a.scores, scores)


@given(st.data())
def test_great_circle_catchments_match_dense_haversine(data: st.DataObject) -> None:
    m = data.draw(st.integers(1, 12))
    n = data.draw(st.integers(1, 8))
    coords = st.tuples(st.floats(113.60, 113.64), st.floats(34.74, 34.77))
    dem = data.draw(st.lists(coords, min_size=m, max_size=m))
    sup = data.draw(st.lists(coords, min_size=n, max_size=n))
    pop = data.draw(st.lists(st.integers(0, 500), min_size=m, max_size=m))
    d = Points([p[0] for p in dem], [p[1] for p in dem], weight=pop)
    s = Points([p[0] for p in sup], [p[1] for p in sup], weight=[100] * n)
    dense = great_circle_distance(
        np.array(d.lon)[:, None], np.array(d.lat)[:, None], s.lon[None, :], s.lat[None, :]
    )
    a = two_step_fca(d, s, threshold=1500)
    scores, _ = brute_2sfca(np.array(pop, float), np.full(n, 100.0), dense, step(1500))
    assert close(a.scores, scores)
    table = catchment_costs(d, s, max_distance=1500)
    assert table.nnz == int((dense <= 1500).sum())
    assert close(table.cost, dense[table.demand, table.supply])


@given(st.data())
def test_network_costs_match_networkx(data: st.DataObject) -> None:
    k = data.draw(st.integers(2, 9))
    directed = data.draw(st.booleans())
    edge = st.tuples(st.integers(0, k - 1), st.integers(0, k - 1), st.integers(0, 400))
    edges = [e for e in data.draw(st.lists(edge, max_size=20)) if e[0] != e[1]]
    lon = [113.6 + 0.002 * v for v in range(k)]
    net = RoadNetwork.from_edges(
        {"id": list(range(k)), "lon": lon, "lat": [34.75] * k}, edges, directed=directed
    )
    dn = data.draw(st.lists(st.integers(0, k - 1), min_size=1, max_size=6))
    sn = data.draw(st.lists(st.integers(0, k - 1), min_size=1, max_size=5))
    demand = Points([lon[v] for v in dn], [34.75] * len(dn))
    supply = Points([lon[v] for v in sn], [34.75] * len(sn))
    limit = data.draw(st.sampled_from([100.0, 300.0, 700.0]))
    table = network_costs(net, demand, supply, max_cost=limit, max_snap=1)
    g = nx.DiGraph() if directed else nx.Graph()
    g.add_nodes_from(range(k))
    for u, v, w in edges:  # parallel edges: the shortest counts
        if not g.has_edge(u, v) or g[u][v]["weight"] > w:
            g.add_edge(u, v, weight=w)
    expected = np.full((len(dn), len(sn)), np.inf)
    for i, a in enumerate(dn):
        reach = nx.single_source_dijkstra_path_length(g, a, cutoff=limit, weight="weight")
        for j, b in enumerate(sn):
            if b in reach and reach[b] <= limit:
                expected[i, j] = reach[b]
    assert table.to_dense().tolist() == expected.tolist()
    assert table.unit == "m"


def test_network_costs_snap_and_time() -> None:
    net = RoadNetwork.from_edges(
        {"id": ["a", "b"], "lon": [113.60, 113.61], "lat": [34.75, 34.75]},
        [("a", "b", 1000.0)],
        directed=True,
        speed=6,
    )
    near_a = Points([113.6001], [34.75])  # about 9 m from node a
    at_b = Points([113.61], [34.75])
    length = network_costs(net, near_a, at_b, max_cost=2000, max_snap=50, add_snap=True)
    assert length.cost.tolist() == pytest.approx([1000 + 9.14], abs=0.01)
    time = network_costs(net, near_a, at_b, max_cost=10, cost="time", max_snap=50)
    assert time.cost.tolist() == [10.0] and time.unit == "minute"
    # one-way street: b cannot reach a
    assert network_costs(net, at_b, near_a, max_cost=5000, max_snap=50).nnz == 0
    far = Points([113.70], [34.75])  # off the network
    assert network_costs(net, far, at_b, max_cost=5000, max_snap=50).nnz == 0
    with pytest.raises(InvalidInputError, match="max_snap=None: give max_snap"):
        network_costs(net, near_a, at_b, max_cost=10)
    with pytest.raises(InvalidInputError, match="cost='hops': expected one of"):
        network_costs(net, near_a, at_b, max_cost=10, cost="hops", max_snap=5)  # type: ignore[arg-type]


def test_datums_are_aligned_before_catchments() -> None:
    wgs = Points([113.62, 113.63], [34.75, 34.76], weight=[10, 20])
    site = Points([113.625], [34.755])
    a = two_step_fca(wgs, site, threshold=1000)
    b = two_step_fca(wgs, site.to("gcj02"), threshold=1000)
    assert close(a.scores, b.scores)


# ---------------------------------------------------------------- bad input


@pytest.mark.parametrize(
    ("costs", "match"),
    [
        (np.array([[np.nan]]), r"costs\[0, 0\]=nan: must be >= 0"),
        (np.array([[-1.0]]), r"costs\[0, 0\]=-1.0: must be >= 0"),
        (sparse.csr_array(np.array([[-2.0]])), r"costs\[0, 0\]=-2.0: must be finite and >= 0"),
        ([(0, 0, float("nan"))], r"row 1, field cost: cost=nan: must be a number >= 0"),
        ([(0, 0, -3)], r"row 1, field cost: cost=-3"),
        (np.array([[1.0, 2.0]]), r"shape must be \(1, 1\)"),
        ([(0, 5, 1.0)], r"supply=5: index out of range"),
        ([(0, "gym", 1.0)], r"supply='gym': expected a 0-based index"),
        ("costs.csv", r"expected an \(m, n\) array"),
        (5, r"costs=5: expected an \(m, n\) array"),
    ],
)
def test_bad_costs(costs, match: str) -> None:
    with pytest.raises(InvalidInputError, match=match):
        two_step_fca([1], [1], costs, threshold=1)


def test_duplicate_sparse_entries_refused() -> None:
    coo = sparse.coo_array(([1.0, 2.0], ([0, 0], [0, 0])), shape=(1, 1))
    with pytest.raises(InvalidInputError, match=r"pair \(0, 0\) repeated"):
        two_step_fca([1], [1], coo, threshold=5)


def test_unknown_ids_named() -> None:
    with pytest.raises(DataError, match=r"row 2, field supply: supply='pool': unknown supply id"):
        two_step_fca({"a": 1}, {"gym": 1}, [("a", "gym", 1.0), ("a", "pool", 2.0)], threshold=3)


def test_mismatched_id_sets_named() -> None:
    table = CostTable.from_rows([("a", "gym", 1.0)], demand_ids=["a", "b"], supply_ids=["gym"])
    with pytest.raises(DataError, match=r"only in demand: \['c'\]; only in the table: \['b'\]"):
        two_step_fca({"a": 1, "c": 2}, {"gym": 1}, table, threshold=3)


def test_ambiguous_list_refused() -> None:
    with pytest.raises(InvalidInputError, match="ambiguous"):
        two_step_fca([1, 1, 1], [1, 1, 1], [[0, 1, 2.0]] * 3, threshold=3)


@pytest.mark.parametrize(
    ("demand", "supply", "match"),
    [
        ([1, -5], [1], r"demand\[1\]=-5.0: population must be finite and >= 0"),
        ([1, float("nan")], [1], r"demand\[1\]=nan"),
        ([1, 1], [float("inf")], r"supply\[0\]=inf: capacity must be finite"),
        ({"x": -1, "y": 1}, [1], r"demand\['x'\]=-1.0"),
        ([[1, 2]], [1], "expected a 1-D sequence of population"),
    ],
)
def test_bad_weights(demand, supply, match: str) -> None:
    with pytest.raises(InvalidInputError, match=match):
        two_step_fca(demand, supply, np.zeros((2, 1)), threshold=1)


def test_bad_threshold_and_decay() -> None:
    with pytest.raises(InvalidInputError, match=r"threshold=-1: must be finite and >= 0"):
        two_step_fca([1], [1], [[0.0]], threshold=-1)
    with pytest.raises(InvalidInputError, match="decay='linear': expected one of 'step'"):
        two_step_fca([1], [1], [[0.0]], threshold=1, decay="linear")  # type: ignore[arg-type]
    with pytest.raises(UnitError, match="costs carry no unit"):
        two_step_fca([1], [1], [[0.0]], threshold=Q_(5, "minute"))
    with pytest.raises(UnitError, match=r"threshold=1 km: expected \[time\]"):
        two_step_fca([1], [1], [[0.0]], threshold=Q_(1, "km"), cost_unit="minute")
    with pytest.raises(InvalidInputError, match="costs are required unless"):
        two_step_fca([1], [1], threshold=1)
    p = Points([113.6], [34.7])
    with pytest.raises(InvalidInputError, match=r"threshold=0 m: must be > 0 m"):
        two_step_fca(p, p, threshold=0)
    with pytest.raises(InvalidInputError, match=r"max_distance=-3 m: must be > 0 m"):
        catchment_costs(p, p, max_distance=-3)
    with pytest.raises(InvalidInputError, match=r"demand=.*must be a Points layer"):
        catchment_costs([1.0], p, max_distance=3)


@pytest.mark.parametrize(
    ("zones", "match"),
    [
        ([], "expected a non-empty list"),
        ([(5, 1.0), (5, 0.5)], r"zones\[1\] edge=5: edges must be strictly increasing"),
        ([(0, 1.0)], r"zones\[0\] edge=0: must be > 0"),
        ([(5, 0.0)], r"zones\[0\] weight=0.0: must be finite and > 0"),
        ([(5,)], r"zones\[0\]=\(5,\): expected a pair"),
    ],
)
def test_bad_zones(zones, match: str) -> None:
    with pytest.raises(InvalidInputError, match=match):
        enhanced_two_step_fca([1], [1], [[0.0]], zones=zones)


def test_cost_table_direct_init_checks() -> None:
    with pytest.raises(InvalidInputError, match="sorted by"):
        CostTable([1, 0], [0, 0], [1.0, 1.0], (2, 1))
    with pytest.raises(InvalidInputError, match=r"cost=-1.0: must be finite and >= 0"):
        CostTable([0], [0], [-1.0], (1, 1))
    with pytest.raises(InvalidInputError, match="same length"):
        CostTable([0], [0, 1], [1.0], (1, 2))


def test_results_and_tables_pickle_across_processes() -> None:
    import pickle

    table = CostTable.from_rows([(0, 0, 0.0), (1, 0, 4.0)], shape=(2, 1), unit="minute")
    a = two_step_fca({"x": 3, "y": 1}, [8], table, threshold=5)
    for obj in (table, a):
        again = pickle.loads(pickle.dumps(obj))
        assert again == obj


@given(instances(), st.data())
def test_summary_by_group_matches_direct_sums(inst, data: st.DataObject) -> None:
    pop, sup, cost = inst
    m = pop.size
    groups = data.draw(
        st.lists(st.sampled_from(["城区", "乡镇", "开发区"]), min_size=m, max_size=m)
    )
    a = two_step_fca(pop, sup, cost, threshold=10)
    rows = a.summary(by=groups)
    assert [r.group for r in rows] == list(dict.fromkeys(groups))
    for r in rows:
        mask = np.array([g == r.group for g in groups])
        p = pop[mask].sum()
        assert r.population == p
        expected = (pop[mask] * a.scores[mask]).sum() / p if p > 0 else 0.0
        assert r.mean_score == pytest.approx(expected, rel=1e-12, abs=1e-15)
        assert r.unreached_population == pop[mask & ~a.reached].sum()
    (total,) = a.summary()
    assert total.group == "all" and total.population == pop.sum()
    with pytest.raises(InvalidInputError, match=rf"by={m + 1} labels: must give one group per"):
        a.summary(by=["x"] * (m + 1))


def test_numbers_beyond_float64_and_capacities_near_1e308_are_refused() -> None:
    with pytest.raises(
        InvalidInputError,
        match=r"supply\[0\]=<int of about 401 digits>: capacity must fit a finite float64",
    ):
        two_step_fca([1.0], [10**400], np.array([[1.0]]), threshold=5)
    with pytest.raises(InvalidInputError, match=r"costs\[0, 1\]=<int of about 401 digits>: costs"):
        two_step_fca([1.0], [1.0, 1.0], [[1.0, 10**400]], threshold=5)
    with pytest.raises(InvalidInputError, match=r"threshold=<int of about 401 digits>"):
        two_step_fca([1.0], [1.0], np.array([[1.0]]), threshold=10**400)
    with pytest.raises(InvalidInputError, match=r"supply\[0\]=1e\+308: must be <= 1e\+15$"):
        two_step_fca([1.0], [1e308], np.array([[1.0]]), threshold=5)
    with pytest.raises(
        InvalidInputError, match=r"demand=total 2e\+15 persons: must be <= 1e\+15 persons in all"
    ):
        two_step_fca([1e15, 1e15], [1.0], np.array([[1.0], [1.0]]), threshold=5)
    with pytest.raises(
        InvalidInputError, match=r"supply\[0\]=1e\+15: the supply-to-demand ratios overflow"
    ):
        two_step_fca([1e-300], [1e15], np.array([[1.0]]), threshold=5)


@given(
    st.lists(st.just(0.0) | st.floats(1.0, 1e14), min_size=1, max_size=5),
    st.lists(st.floats(1e13, 1e14), min_size=1, max_size=5),
    st.data(),
)
def test_supply_is_conserved_near_the_bound(pop: list[float], sup: list[float], data) -> None:
    """Capacities and populations up to the 1e15 bound: sum(pop * score) == reached supply."""
    m, n = len(pop), len(sup)
    cost = np.array(
        data.draw(st.lists(st.sampled_from([1.0, 9.0]), min_size=m * n, max_size=m * n))
    )
    cost = cost.reshape(m, n)
    p, s = np.array(pop), np.array(sup)
    a = two_step_fca(p, s, cost, threshold=5)
    reaching = ((cost <= 5) & (p[:, None] > 0)).any(axis=0)
    assert np.isfinite(a.scores).all()
    assert float(p @ a.scores) == pytest.approx(float(s[reaching].sum()), rel=1e-9)


def test_an_overflowing_ratio_next_to_a_pair_outside_the_catchment() -> None:
    # found by the fuzz suite: a subnormal demand in reach overflowed the ratio to inf,
    # and inf times the weight 0 of the pair outside the catchment was NaN, a
    # RuntimeWarning ("invalid value encountered in multiply") before the refusal
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(
            InvalidInputError,
            match=r"^supply\[0\]=6\.55e\+12: the supply-to-demand ratios overflow",
        ):
            two_step_fca([1.0, 2.2250738585e-313], [6.55e12], [[5e-324], [0.0]], threshold=0.0)
