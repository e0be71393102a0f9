"""Fast paths of the cost tables and the 2SFCA solve against plain reference code.

``CostTable.from_arrays`` sorts with packed int64 keys (or skips the sort for input
already in CSR order) and 2SFCA/E2SFCA weight the pairs instead of cutting the
table; these tests check the results equal, bit for bit, what a straightforward
implementation written here gives (Python sorting, Python loops adding in pair
order).
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from sportsgov.coverage._costs import sort_keys, unsorted_pairs
from sportsgov.coverage._geometry import reachable
from sportsgov.coverage.fca import (
    CostTable,
    catchment_costs,
    enhanced_two_step_fca,
    two_step_fca,
)
from sportsgov.coverage.geo import Points, great_circle_distance
from sportsgov.errors import InvalidInputError


@st.composite
def pair_arrays(draw: st.DrawFn) -> tuple[int, int, list[tuple[int, int, float]]]:
    """Unique (demand, supply, cost) rows of an (m, n) table, in a drawn order."""
    m = draw(st.integers(1, 7))
    n = draw(st.integers(1, 6))
    cells = draw(
        st.lists(st.tuples(st.integers(0, m - 1), st.integers(0, n - 1)), unique=True, max_size=20)
    )
    costs = draw(
        st.lists(
            st.one_of(st.floats(0, 40, allow_nan=False), st.just(math.inf)),
            min_size=len(cells),
            max_size=len(cells),
        )
    )
    rows = [(i, j, c) for (i, j), c in zip(cells, costs, strict=True)]
    if draw(st.booleans()):
        rows.sort()
    return m, n, rows


def _columns(rows: list[tuple[int, int, float]]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    return (
        np.array([r[0] for r in rows], dtype=np.int64),
        np.array([r[1] for r in rows], dtype=np.int64),
        np.array([r[2] for r in rows], dtype=np.float64),
    )


@given(pair_arrays())
def test_from_arrays_equals_python_sort(case: tuple[int, int, list]) -> None:
    m, n, rows = case
    d, s, c = _columns(rows)
    table = CostTable.from_arrays(d, s, c, shape=(m, n), unit="m")
    expected = sorted(r for r in rows if math.isfinite(r[2]))
    assert table.demand.tolist() == [r[0] for r in expected]
    assert table.supply.tolist() == [r[1] for r in expected]
    assert table.cost.tolist() == [r[2] for r in expected]
    # the public (fully checked) constructor accepts what the fast path built
    assert CostTable(table.demand, table.supply, table.cost, (m, n), "m") == table
    assert not table.demand.flags.writeable and not table.cost.flags.writeable


def test_from_arrays_does_not_freeze_the_callers_arrays() -> None:
    d, s, c = np.array([0, 1]), np.array([0, 0]), np.array([1.0, 2.0])
    CostTable.from_arrays(d, s, c, shape=(2, 1))
    assert d.flags.writeable and s.flags.writeable and c.flags.writeable


@given(pair_arrays(), st.data())
def test_from_arrays_refuses_a_repeated_pair(case: tuple[int, int, list], data) -> None:
    m, n, rows = case
    finite = [r for r in rows if math.isfinite(r[2])]
    if not finite:
        return
    twin = data.draw(st.sampled_from(finite))
    d, s, c = _columns([*rows, (twin[0], twin[1], 1.0)])
    with pytest.raises(InvalidInputError) as err:
        CostTable.from_arrays(d, s, c, shape=(m, n))
    assert str(err.value) == (
        f"costs=pair ({twin[0]}, {twin[1]}) repeated: "
        "each (demand, supply) pair may appear only once"
    )


@pytest.mark.parametrize(
    ("cost", "message"),
    [
        (-1.0, "cost=-1.0: must be finite and >= 0"),
        (math.nan, "cost=nan: must be finite and >= 0"),
    ],
)
def test_from_arrays_still_refuses_bad_costs(cost: float, message: str) -> None:
    with pytest.raises(InvalidInputError, match="must be finite and >= 0") as err:
        CostTable.from_arrays([0, 1], [0, 0], [1.0, cost], shape=(2, 1))
    assert str(err.value) == message


def test_from_arrays_still_refuses_an_index_out_of_range() -> None:
    with pytest.raises(InvalidInputError) as err:
        CostTable.from_arrays([0, 2], [0, 0], [1.0, 1.0], shape=(2, 1))
    assert str(err.value) == "demand=2: index out of range: must be in 0..1"


@given(st.lists(st.integers(0, 2**40), unique=True, max_size=30))
def test_sort_keys_matches_argsort(keys: list[int]) -> None:
    key = np.array(keys, dtype=np.int64)
    for bound in (2**40 + 1, 2**62):  # packed path, then the argsort fallback
        got, order = sort_keys(key, bound)
        assert got.tolist() == sorted(keys)
        assert key[order].tolist() == sorted(keys)


def _reference_2sfca(
    pop: list[float],
    cap: list[float],
    rows: list[tuple[int, int, float]],
    weight_of,
) -> tuple[list[float], list[bool], list[float]]:
    """2SFCA by loops over the sorted pairs inside the catchment (adding in pair order)."""
    inside = [(i, j, weight_of(c)) for i, j, c in sorted(rows) if weight_of(c) is not None]
    demand_at = [0.0] * len(cap)
    for i, j, w in inside:
        demand_at[j] += pop[i] * w
    ratios = [cap[j] / demand_at[j] if demand_at[j] > 0 else 0.0 for j in range(len(cap))]
    scores = [0.0] * len(pop)
    reached = [False] * len(pop)
    for i, j, w in inside:
        scores[i] += ratios[j] * w
        reached[i] = True
    return scores, reached, ratios


@given(pair_arrays(), st.data(), st.sampled_from(["step", "gaussian", "zones"]))
def test_weighted_solve_equals_the_cut_table_bit_for_bit(
    case: tuple[int, int, list], data, decay: str
) -> None:
    m, n, rows = case
    rows = [r for r in rows if math.isfinite(r[2])]
    pop = data.draw(st.lists(st.integers(0, 500), min_size=m, max_size=m))
    cap = data.draw(st.lists(st.integers(0, 50), min_size=n, max_size=n))
    d0 = 20.0
    table = CostTable.from_arrays(*_columns(rows), shape=(m, n))
    tail = math.exp(-0.5)
    if decay == "zones":
        a = enhanced_two_step_fca(pop, cap, table, zones=[(10.0, 1.0), (20.0, 0.5)])

        def weight_of(c: float) -> float | None:
            return None if c > 20.0 else (1.0 if c <= 10.0 else 0.5)

    else:
        a = two_step_fca(pop, cap, table, threshold=d0, decay=decay)

        def weight_of(c: float) -> float | None:
            if c > d0:
                return None
            if decay == "step":
                return 1.0
            return max((math.exp(-0.5 * (c / d0) ** 2) - tail) / (1.0 - tail), 0.0)

    scores, reached, ratios = _reference_2sfca(
        [float(p) for p in pop], [float(c) for c in cap], rows, weight_of
    )
    assert a.reached.tolist() == reached
    if decay == "gaussian":  # numpy's exp and math.exp may differ in the last bit
        np.testing.assert_allclose(a.scores, scores, rtol=1e-12, atol=0)
        np.testing.assert_allclose(a.supply_ratios, ratios, rtol=1e-12, atol=0)
    else:
        assert a.scores.tolist() == scores
        assert a.supply_ratios.tolist() == ratios


@given(st.data())
def test_step_2sfca_on_points_equals_the_table_path(data: st.DataObject) -> None:
    """The fast points path (chord test, haversine only near the boundary, no table)
    reaches exactly the pairs of ``catchment_costs`` + ``cost <= threshold``, also for
    pairs lying exactly on the boundary (thresholds taken from actual distances)."""
    m = data.draw(st.integers(1, 10))
    n = data.draw(st.integers(1, 6))
    coords = st.tuples(st.floats(113.60, 113.62), st.floats(34.74, 34.76))
    dem = data.draw(st.lists(coords, min_size=m, max_size=m))
    sup = data.draw(st.lists(coords, min_size=n, max_size=n))
    pop = data.draw(st.lists(st.integers(0, 500), min_size=m, max_size=m))
    cap = data.draw(st.lists(st.integers(0, 50), min_size=n, max_size=n))
    d = Points([p[0] for p in dem], [p[1] for p in dem], weight=pop)
    s = Points([p[0] for p in sup], [p[1] for p in sup], weight=cap)
    dist = great_circle_distance(
        np.array(d.lon)[:, None], np.array(d.lat)[:, None], s.lon[None, :], s.lat[None, :]
    )
    pick = data.draw(st.lists(st.integers(0, n - 1), min_size=m, max_size=m))
    per_point = np.maximum(dist[np.arange(m), pick], 1.0)  # on the boundary of one pair
    threshold = data.draw(st.sampled_from([per_point, float(per_point.max()), 700.0]))
    fast = two_step_fca(d, s, threshold=threshold)
    table = catchment_costs(d, s, max_distance=float(np.max(threshold)))
    slow = two_step_fca(pop, cap, table, threshold=threshold)
    inside = dist <= (threshold[:, None] if np.ndim(threshold) else threshold)
    assert fast.reached.tolist() == inside.any(axis=1).tolist() == slow.reached.tolist()
    assert fast.served.tolist() == slow.served.tolist()
    np.testing.assert_allclose(fast.scores, slow.scores, rtol=1e-12, atol=0)
    np.testing.assert_allclose(fast.supply_ratios, slow.supply_ratios, rtol=1e-12, atol=0)
    np.testing.assert_array_equal(fast.weighted_demand, (np.array(pop) @ inside).astype(float))


def test_reachable_keeps_a_pair_exactly_on_the_boundary() -> None:
    a = Points([113.6], [34.75])
    b = Points([113.6 + 1e-3, 113.6 + 2e-3], [34.75, 34.75])
    r = float(great_circle_distance(a.lon[0], a.lat[0], b.lon[1], b.lat[1]))
    i, j, inside = reachable(a, b, r)
    assert sorted(zip(i.tolist(), j.tolist(), inside.tolist(), strict=True)) == [
        (0, 0, True),
        (0, 1, True),
    ]
    _, _, inside = reachable(a, b, np.nextafter(r, 0.0))
    assert sorted(inside.tolist()) == [False, True]


@given(pair_arrays())
def test_a_dataframe_of_three_columns_is_a_long_table(case: tuple[int, int, list]) -> None:
    pd = pytest.importorskip("pandas")
    m, n, rows = case
    d, s, c = _columns(rows)
    frame = pd.DataFrame({"origin": d, "dest": s, "minutes": c})
    pop, cap = np.arange(1.0, m + 1), np.ones(n)
    a = two_step_fca(pop, cap, frame, threshold=20)
    table = CostTable.from_arrays(d, s, c, shape=(m, n))
    b = two_step_fca(pop, cap, table, threshold=20)
    # the frame's pairs are summed in its row order (no table sort): the same terms,
    # so equal to the last bits; in table order, bit for bit
    np.testing.assert_allclose(a.scores, b.scores, rtol=1e-12, atol=0)
    np.testing.assert_allclose(a.supply_ratios, b.supply_ratios, rtol=1e-12, atol=0)
    assert a.reached.tolist() == b.reached.tolist()
    assert a.served.tolist() == b.served.tolist()
    in_order = pd.DataFrame({"o": table.demand, "d": table.supply, "c": table.cost})
    assert two_step_fca(pop, cap, in_order, threshold=20).scores.tolist() == b.scores.tolist()
    e = enhanced_two_step_fca(pop, cap, frame, zones=[(10, 1.0), (20, 0.5)])
    f = enhanced_two_step_fca(pop, cap, table, zones=[(10, 1.0), (20, 0.5)])
    np.testing.assert_allclose(e.scores, f.scores, rtol=1e-12, atol=0)


def test_a_shuffled_frame_gives_the_brute_force_scores_and_the_table_errors() -> None:
    pd = pytest.importorskip("pandas")
    rng = np.random.default_rng(5)
    m, n = 300, 40
    cost = rng.uniform(0, 30, (m, n))
    cost[rng.random((m, n)) < 0.5] = np.inf  # half the pairs out of reach
    i, j = np.nonzero(np.isfinite(cost) | (rng.random((m, n)) < 0.1))  # some inf rows kept
    order = rng.permutation(i.size)
    frame = pd.DataFrame({"o": i[order], "d": j[order], "c": cost[i, j][order]})
    pop, cap = rng.integers(1, 500, m).astype(float), rng.integers(1, 9, n).astype(float)
    got = two_step_fca(pop, cap, frame, threshold=20)
    inside = cost <= 20  # brute force on the dense matrix (Luo & Wang 2003)
    ratio = np.divide(cap, pop @ inside, out=np.zeros(n), where=(pop @ inside) > 0)
    np.testing.assert_allclose(got.scores, inside @ ratio, rtol=1e-12, atol=0)
    assert got.reached.tolist() == inside.any(axis=1).tolist()
    twice = pd.concat([frame, frame.iloc[[7]]])
    with pytest.raises(InvalidInputError) as a:
        two_step_fca(pop, cap, twice, threshold=20)
    with pytest.raises(InvalidInputError) as b:
        CostTable.from_frame(twice, demand="o", supply="d", cost="c", shape=(m, n))
    assert str(a.value) == str(b.value) and "repeated" in str(a.value)
    bad = frame.assign(c=frame["c"].where(frame.index != 3, np.nan))
    with pytest.raises(InvalidInputError, match="cost"):
        two_step_fca(pop, cap, bad, threshold=20)
    far = frame.assign(o=frame["o"].where(frame.index != 3, m))
    with pytest.raises(InvalidInputError, match=rf"^demand={m}: index out of range"):
        two_step_fca(pop, cap, far, threshold=20)


@pytest.mark.parametrize(
    "shape",
    [(1, 2**32), (2, 2**31), (2**16, 2**16), (2**16 + 1, 2**16), (2, 2**32), (3, 2**31 + 1)],
)
def test_unsorted_pairs_at_the_32_bit_key_boundary(shape: tuple[int, int]) -> None:
    # the repeat check packs (demand, supply) in 32 bits when m << bits(n - 1) fits:
    # at and just past 2**32 the corner pairs must neither collide nor go unseen
    m, n = shape
    pairs = sorted({(m - 1, n - 1), (0, 0), (m - 1, 0), (0, n - 1)}, reverse=True)
    d, s = np.array([p[0] for p in pairs]), np.array([p[1] for p in pairs])
    kept = unsorted_pairs(d, s, np.ones(d.size), shape=shape)
    assert [a.tolist() for a in kept[:2]] == [d.tolist(), s.tolist()]
    with pytest.raises(InvalidInputError, match=rf"pair \({m - 1}, {n - 1}\) repeated"):
        unsorted_pairs(np.append(d, m - 1), np.append(s, n - 1), np.ones(d.size + 1), shape=shape)


def test_a_dataframe_with_object_columns_of_whole_numbers() -> None:
    # a frame built row by row (or after astype(object)) holds Python ints in object
    # columns: they are positions as much as an int64 column's (CostTable.from_rows
    # takes the same values); floats and booleans stay refused
    pd = pytest.importorskip("pandas")
    frame = pd.DataFrame({"o": [0, 1, 1], "d": [1, 0, 1], "c": [5.0, 3.0, 30.0]})
    want = two_step_fca([100, 200], [10, 20], frame, threshold=15).scores.tolist()
    boxed = frame.astype(object)
    assert two_step_fca([100, 200], [10, 20], boxed, threshold=15).scores.tolist() == want
    rows = list(boxed.itertuples(index=False))
    table = CostTable.from_rows(rows, shape=(2, 2))
    assert two_step_fca([100, 200], [10, 20], table, threshold=15).scores.tolist() == want
    for bad in (frame.assign(o=[0.0, 1.0, 1.0]), frame.assign(o=[False, True, True])):
        with pytest.raises(InvalidInputError, match="indices must be integers"):
            two_step_fca([100, 200], [10, 20], bad.astype(object), threshold=15)


def test_a_dataframe_with_ids_and_a_wrong_one() -> None:
    pd = pytest.importorskip("pandas")
    frame = pd.DataFrame({"tract": ["A", "B"], "site": ["gym", "gym"], "min": [5.0, 25.0]})
    a = two_step_fca({"A": 10, "B": 30}, {"gym": 4}, frame, threshold=10)
    assert a.as_dict() == {"A": 0.4, "B": 0.0}
    with pytest.raises(InvalidInputError) as err:
        two_step_fca([1.0], [1.0], pd.DataFrame({"a": [0], "b": [0]}), threshold=1)
    assert str(err.value) == (
        "costs=DataFrame with columns ['a', 'b']: a DataFrame of costs needs 3 columns: "
        "demand, supply, cost (in that order)"
    )


@given(st.lists(st.tuples(st.integers(0, 4), st.integers(0, 3)), unique=True, max_size=15))
def test_cost_table_from_frame_equals_from_arrays(pairs: list[tuple[int, int]]) -> None:
    pd = pytest.importorskip("pandas")
    demand = [d for d, _ in pairs]
    supply = [s for _, s in pairs]
    cost = [float(10 * d + s) for d, s in pairs]
    df = pd.DataFrame({"o": demand, "d": supply, "t": cost}, dtype=object).astype(
        {"o": "int64", "d": "int64", "t": "float64"}
    )
    got = CostTable.from_frame(df, demand="o", supply="d", cost="t", shape=(5, 4))
    assert got == CostTable.from_arrays(demand, supply, cost, shape=(5, 4))


def test_cost_table_from_frame_with_ids_and_a_missing_column() -> None:
    pd = pytest.importorskip("pandas")
    df = pd.DataFrame({"demand": ["B", "A"], "supply": ["g", "g"], "cost": [2.0, 1.0]})
    got = CostTable.from_frame(df, demand_ids=["A", "B"], supply_ids=["g"])
    assert got == CostTable.from_rows(
        [("B", "g", 2.0), ("A", "g", 1.0)], demand_ids=["A", "B"], supply_ids=["g"]
    )
    with pytest.raises(InvalidInputError, match=r"^cost='minutes': no such column"):
        CostTable.from_frame(df, cost="minutes")
