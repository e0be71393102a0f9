"""3SFCA, RAAM, gravity, weighted catchment and FCA ratio, checked against ``access`` 1.1.10.

The oracle runs on the same pairs: a long table of (origin, dest, cost) rows cut to
the catchment, so both sides see the same options. ``access`` returns NaN (or drops
the row) where we return 0.0 with ``reached=False``; the comparisons align on that.
"""

from __future__ import annotations

import contextlib
import importlib.util
import math
import os
import warnings
from collections.abc import Iterator
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sportsgov.coverage import weights as W
from sportsgov.coverage.access_models import (
    AccessScores,
    fca_ratio,
    gravity,
    raam,
    three_step_fca,
    weighted_catchment,
)
from sportsgov.coverage.fca import CostTable, enhanced_two_step_fca, two_step_fca
from sportsgov.errors import InvalidInputError, UnitError

pd = pytest.importorskip("pandas")
access_fca = pytest.importorskip("access.fca")
access_raam = pytest.importorskip("access.raam")
access_weights = pytest.importorskip("access.weights")


# ----------------------------------------------------------------- fixtures ---


def random_case(
    seed: int, m: int = 40, n: int = 12, d0: float = 30.0
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    pop = rng.integers(0, 500, m).astype(float)
    cap = rng.integers(1, 50, n).astype(float)
    cost = rng.uniform(0.0, 2 * d0, (m, n))
    cost[rng.random((m, n)) < 0.2] = np.inf
    return pop, cap, cost


def frames(pop: np.ndarray, cap: np.ndarray, cost: np.ndarray, limit: float = np.inf) -> Any:
    demand_df = pd.DataFrame({"geoid": np.arange(pop.size), "demand": pop})
    supply_df = pd.DataFrame({"supply": cap}, index=pd.Index(np.arange(cap.size), name="geoid"))
    i, j = np.nonzero(np.isfinite(cost) & (cost <= limit))
    cost_df = pd.DataFrame({"origin": i, "dest": j, "cost": cost[i, j]})
    return demand_df, supply_df, cost_df


@contextlib.contextmanager
def quiet_peer() -> Iterator[None]:
    """access 1.1.10 uses pandas' deprecated ``inplace=`` and warns about its own inputs."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        yield


def aligned(series: Any, m: int) -> np.ndarray:
    out = np.zeros(m)
    values = series.to_numpy(dtype=float)
    index = series.index.to_numpy(dtype=int)
    ok = np.isfinite(values)
    out[index[ok]] = values[ok]
    return out


def sf_case() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Network distances [m] from 205 San Francisco tracts to 16 stores (spopt test data)."""
    spec = importlib.util.find_spec("spopt")
    if spec is None or spec.origin is None:
        pytest.skip("spopt is not installed")
    base = os.path.join(os.path.dirname(spec.origin), "tests", "test_locate", "data")
    path = os.path.join(base, "SF_network_distance_candidateStore_16_censusTract_205_new.csv")
    if not os.path.exists(path):
        pytest.skip("spopt's SF test data are not shipped in this install")
    df = pd.read_csv(path, dtype={"DestinationName": str})
    tracts = sorted(df["DestinationName"].unique())
    stores = sorted(df["name"].unique(), key=lambda s: int(s.split("_")[1]))
    ti = {t: k for k, t in enumerate(tracts)}
    si = {s: k for k, s in enumerate(stores)}
    cost = np.full((len(tracts), len(stores)), np.inf)
    cost[df["DestinationName"].map(ti), df["name"].map(si)] = df["distance"]
    pop = df.groupby("DestinationName")["demand"].first().loc[tracts].to_numpy(float)
    cap = np.random.default_rng(7).integers(5, 60, len(stores)).astype(float)
    return pop, cap, cost


CASES = [("random", 1), ("random", 2), ("random", 3), ("sf", 0)]


def case(kind: str, seed: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, float]:
    if kind == "sf":
        pop, cap, cost = sf_case()
        return pop, cap, cost, 2500.0
    pop, cap, cost = random_case(seed)
    return pop, cap, cost, 30.0


# ----------------------------------------------------------------- 3SFCA ---


@pytest.mark.parametrize(("kind", "seed"), CASES)
@pytest.mark.parametrize("weight", ["step", "zones", "gaussian"])
def test_three_step_fca_matches_access(kind: str, seed: int, weight: str) -> None:
    pop, cap, cost, d0 = case(kind, seed)
    ours_w, theirs_w = {
        "step": (W.step(d0), access_weights.step_fn({d0: 1})),
        "zones": (
            W.zones([(d0 / 3, 1.0), (2 * d0 / 3, 0.68), (d0, 0.22)]),
            access_weights.step_fn({d0 / 3: 1.0, 2 * d0 / 3: 0.68, d0: 0.22}),
        ),
        "gaussian": (W.gaussian(d0 / 2), access_weights.gaussian(d0 / 2)),
    }[weight]
    r = three_step_fca(pop, cap, cost, threshold=d0, weight=ours_w)
    demand_df, supply_df, cost_df = frames(pop, cap, cost, limit=d0)
    with quiet_peer():
        theirs = access_fca.three_stage_fca(demand_df, supply_df, cost_df, d0, weight_fn=theirs_w)
    expected = aligned(theirs, pop.size)
    np.testing.assert_allclose(r.scores, expected, rtol=1e-12, atol=1e-15)
    assert r.scores[~r.reached].tolist() == [0.0] * int((~r.reached).sum())
    assert np.isfinite(r.scores).all()


@settings(max_examples=30, deadline=None)
@given(st.integers(0, 10_000))
def test_three_step_fca_shares_out_all_supply(seed: int) -> None:
    # every unit of supply at a site with demand in reach goes to someone:
    # Σ_i P_i A_i = Σ_{served j} S_j
    pop, cap, cost = random_case(seed, m=12, n=5)
    r = three_step_fca(pop, cap, cost, threshold=30.0)
    t = CostTable.from_dense(cost).within(30.0)
    demand_at = np.bincount(t.supply, weights=pop[t.demand], minlength=cap.size)
    assert math.isclose(float(pop @ r.scores), float(cap[demand_at > 0].sum()), rel_tol=1e-9)


def test_three_step_fca_with_one_site_each_is_2sfca() -> None:
    # when every demand location reaches exactly one site, G = 1 and 3SFCA = 2SFCA
    cost = np.array([[1.0, np.inf], [2.0, np.inf], [np.inf, 3.0]])
    a = three_step_fca([10, 20, 30], [6, 9], cost, threshold=5)
    b = two_step_fca([10, 20, 30], [6, 9], cost, threshold=5)
    np.testing.assert_allclose(a.scores, b.scores)


# ----------------------------------------------------- catchment & gravity ---


@pytest.mark.parametrize(("kind", "seed"), CASES)
def test_weighted_catchment_matches_access(kind: str, seed: int) -> None:
    pop, cap, cost, d0 = case(kind, seed)
    r = weighted_catchment(pop, cap, cost, threshold=d0, weight=W.gaussian(d0))
    _, supply_df, cost_df = frames(pop, cap, cost)
    theirs = access_fca.weighted_catchment(
        supply_df,
        cost_df,
        d0,
        cost_source="dest",
        cost_dest="origin",
        loc_index=True,
        loc_value="supply",
        weight_fn=access_weights.gaussian(d0),
    )
    np.testing.assert_allclose(r.scores, aligned(theirs, pop.size), rtol=1e-12)


@pytest.mark.parametrize(("kind", "seed"), CASES)
def test_gravity_matches_access(kind: str, seed: int) -> None:
    pop, cap, cost, d0 = case(kind, seed)
    r = gravity(pop, cap, cost, decay=W.inverse_power(1.5, scale=d0, min_cost=1.0))
    _, supply_df, cost_df = frames(pop, cap, cost)
    theirs = access_fca.weighted_catchment(
        supply_df,
        cost_df,
        None,
        cost_source="dest",
        cost_dest="origin",
        loc_index=True,
        loc_value="supply",
        weight_fn=access_weights.gravity(d0, -1.5, 1.0),
    )
    np.testing.assert_allclose(r.scores, aligned(theirs, pop.size), rtol=1e-12)


def test_gravity_with_competition_is_2sfca_with_the_decay() -> None:
    # Joseph & Bantock: brute force over the dense matrix
    pop, cap, cost = random_case(5, m=15, n=6)
    f = W.exponential(0.05)
    r = gravity(pop, cap, cost, decay=f, competition=True)
    fw = np.where(np.isfinite(cost), np.exp(-0.05 * np.where(np.isfinite(cost), cost, 0)), 0.0)
    v = pop @ fw
    expected = fw @ np.where(v > 0, cap / np.where(v > 0, v, 1), 0.0)
    np.testing.assert_allclose(r.scores, expected, rtol=1e-12)


def test_gravity_accepts_names_and_callables() -> None:
    cost = [[1.0, 2.0]]
    assert gravity([1], [4, 4], cost, decay="inverse_square").scores.tolist() == [5.0]
    assert gravity([1], [4, 4], cost, decay=lambda c: 1 / c).scores.tolist() == [6.0]


# ------------------------------------------------------------- FCA ratio ---


@pytest.mark.parametrize(("kind", "seed"), [("random", 1), ("random", 4)])
def test_fca_ratio_matches_access(kind: str, seed: int) -> None:
    pop, cap, cost, d0 = case(kind, seed)
    rng = np.random.default_rng(seed)
    xy = rng.uniform(0, 60, (pop.size, 2))
    between = np.hypot(*(xy[:, None, :] - xy[None, :, :]).transpose(2, 0, 1))
    r = fca_ratio(pop, cap, cost, demand_costs=between, threshold=d0)
    demand_df, supply_df, cost_df = frames(pop, cap, cost)
    k, ll = np.nonzero(np.isfinite(between))
    neigh = pd.DataFrame({"origin": k, "dest": ll, "cost": between[k, ll]})
    with quiet_peer():  # access warns when a tract has no supply pair
        theirs = access_fca.fca_ratio(demand_df, supply_df, neigh, cost_df, d0)
    expected = aligned(theirs, pop.size)
    np.testing.assert_allclose(r.scores, expected, rtol=1e-12)


# ------------------------------------------------------------------ RAAM ---


@pytest.mark.parametrize(("kind", "seed"), CASES)
def test_raam_matches_access(kind: str, seed: int) -> None:
    pop, cap, cost, d0 = case(kind, seed)
    tau = d0 * 2
    r = raam(pop, cap, cost, tau=tau)
    demand_df, supply_df, cost_df = frames(pop, cap, cost)
    theirs = access_raam.raam(demand_df.set_index("geoid"), supply_df, cost_df, tau=tau)
    expected = np.zeros(pop.size)
    expected[theirs.index.to_numpy(dtype=int)] = theirs.to_numpy()
    ok = pop > 0
    np.testing.assert_allclose(r.scores[ok], expected[ok], rtol=1e-9)


def test_raam_balances_two_sites() -> None:
    # equilibrium: x0/50 = x1/50 + 0.1  ->  52.5 stay, 47.5 move: cost 1.05
    r = raam([100], [50, 50], [[0.0, 1.0]], tau=10)
    assert abs(float(r.scores[0]) - 1.05) < 0.02


def test_raam_unreached_is_zero_and_flagged() -> None:
    r = raam([10, 20, 0], [5], [(0, 0, 3.0), (2, 0, 1.0)], tau=10)
    assert r.reached.tolist() == [True, False, True]
    assert r.scores[1] == 0.0
    assert r.scores[2] > 0  # reached without population: its cheapest option


# -------------------------------------------- several supplies, normalise ---


def test_several_supply_columns_and_composite_match_access_score() -> None:
    pop, cap, cost = random_case(11)
    pools = np.random.default_rng(3).integers(0, 5, cap.size).astype(float)
    supply = {"gym": cap, "pool": pools}
    r = weighted_catchment(pop, supply, cost, threshold=30.0, composite={"gym": 0.8, "pool": 0.2})
    for name, col in supply.items():
        single = weighted_catchment(pop, col, cost, threshold=30.0)
        np.testing.assert_array_equal(r.raw[name], single.scores)
    wmean = {k: pop @ v / pop.sum() for k, v in r.raw.items()}
    expected = 0.8 * r.raw["gym"] / wmean["gym"] + 0.2 * r.raw["pool"] / wmean["pool"]
    np.testing.assert_allclose(r.scores, expected, rtol=1e-12)
    assert r.normalize == "weighted_mean"
    df = r.to_frame()
    assert list(df.columns) == [
        "id",
        "population_persons",
        "weighted_catchment_gym",
        "weighted_catchment_pool",
        "weighted_catchment_gym_norm",
        "weighted_catchment_pool_norm",
        "score",
        "reached",
    ]


def test_normalize_by_mean() -> None:
    r = three_step_fca([1, 3], [8], [[1.0], [1.0]], threshold=2, normalize="mean")
    assert r.raw["supply"].tolist() == [2.0, 2.0]
    assert r.scores.tolist() == [1.0, 1.0]


def test_to_frame_uses_demand_ids() -> None:
    r = gravity({"A": 1, "B": 2}, [4], [[1.0], [2.0]], decay="inverse_power")
    df = r.to_frame()
    assert df["id"].tolist() == ["A", "B"]  # a column, as in Accessibility.to_frame
    assert df["population_persons"].tolist() == [1.0, 2.0]
    assert df["score"].tolist() == [4.0, 2.0]
    assert isinstance(r, AccessScores)


# ------------------------------------------------------------- bad input ---


def test_bad_inputs_raise_with_messages() -> None:
    with pytest.raises(InvalidInputError, match=r"threshold=-1: must be finite and > 0"):
        three_step_fca([1], [1], [[1.0]], threshold=-1)
    with pytest.raises(InvalidInputError, match=r"normalize='median': expected one of"):
        three_step_fca([1], [1], [[1.0]], threshold=1, normalize="median")  # type: ignore[arg-type]
    with pytest.raises(InvalidInputError, match=r"decay='cubic': expected 'inverse_power'"):
        gravity([1], [1], [[1.0]], decay="cubic")
    with pytest.raises(InvalidInputError, match=r"weights must be finite and >= 0"):
        gravity([1], [1], [[0.0]], decay="inverse_power")
    with pytest.raises(InvalidInputError, match=r"composite=.*one weight per supply column"):
        gravity([1], {"a": [1], "b": [2]}, [[1.0]], decay="inverse_power", composite={"a": 1})
    with pytest.raises(InvalidInputError, match=r"supply\['b'\]=.*same length"):
        gravity([1], {"a": [1], "b": [2, 3]}, [[1.0]], decay="inverse_power")
    with pytest.raises(UnitError, match=r"threshold=1 km: the costs carry no unit"):
        three_step_fca([1], [1], [[1.0]], threshold="1 km")
    with pytest.raises(InvalidInputError, match=r"tau=0: must be finite and > 0"):
        raam([1], [1], [[1.0]], tau=0)
    with pytest.raises(InvalidInputError, match=r"one weight per cost"):
        gravity([1], [1, 1], [[1.0, 2.0]], decay=lambda c: np.array([1.0]))


def test_quantity_threshold_with_a_unit() -> None:
    t = CostTable.from_dense([[300.0, 1200.0]], unit="m")
    r = weighted_catchment([1], [2, 3], t, threshold="1 km")
    assert r.scores.tolist() == [2.0]


def test_enhanced_2sfca_weights_agree_with_zones_weight() -> None:
    # the zones weight is the E2SFCA rule: same edges, same inclusive upper edges
    z = [(10, 1.0), (20, 0.68), (30, 0.22)]
    pop, cap, cost = random_case(8)
    e = enhanced_two_step_fca(pop, cap, cost, zones=z)
    t = CostTable.from_dense(cost).within(30.0)
    w = W.zones(z)(t.cost)
    demand_at = np.bincount(t.supply, weights=pop[t.demand] * w, minlength=cap.size)
    np.testing.assert_allclose(e.weighted_demand, demand_at)


@pytest.mark.parametrize(("kind", "seed"), CASES)
def test_2sfca_with_any_weight_is_gravity_with_competition(kind: str, seed: int) -> None:
    # access's two_stage_fca(weight_fn=w) applies w in both steps, as Joseph & Bantock
    pop, cap, cost, d0 = case(kind, seed)
    r = gravity(pop, cap, cost, decay=W.gaussian(d0 / 2), threshold=d0, competition=True)
    demand_df, supply_df, cost_df = frames(pop, cap, cost)
    with quiet_peer():
        theirs = access_fca.two_stage_fca(
            demand_df, supply_df, cost_df, d0, weight_fn=access_weights.gaussian(d0 / 2)
        )
    np.testing.assert_allclose(r.scores, aligned(theirs, pop.size), rtol=1e-12, atol=1e-15)


@pytest.mark.parametrize(("kind", "seed"), CASES)
def test_existing_2sfca_and_e2sfca_match_access(kind: str, seed: int) -> None:
    # the first wave's two_step_fca / enhanced_two_step_fca, now with access as the oracle
    pop, cap, cost, d0 = case(kind, seed)
    zones = [(d0 / 3, 1.0), (2 * d0 / 3, 0.68), (d0, 0.22)]
    demand_df, supply_df, cost_df = frames(pop, cap, cost)
    with quiet_peer():
        plain = access_fca.two_stage_fca(demand_df, supply_df, cost_df, d0)
        zoned = access_fca.two_stage_fca(
            demand_df, supply_df, cost_df, d0, weight_fn=access_weights.step_fn(dict(zones))
        )
    a = two_step_fca(pop, cap, cost, threshold=d0)
    e = enhanced_two_step_fca(pop, cap, cost, zones=zones)
    np.testing.assert_allclose(a.scores, aligned(plain, pop.size), rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(e.scores, aligned(zoned, pop.size), rtol=1e-12, atol=1e-15)


@settings(max_examples=30, deadline=None)
@given(st.integers(0, 10_000), st.sampled_from(["mean", "weighted_mean"]))
def test_normalised_columns_average_to_one(seed: int, how: str) -> None:
    pop, cap, cost = random_case(seed, m=10, n=4)
    r = weighted_catchment(pop, cap, cost, threshold=30.0, normalize=how)  # type: ignore[arg-type]
    col = r.normalized["supply"]
    if not r.raw["supply"].any() or (how == "weighted_mean" and not (pop @ r.raw["supply"]) > 0):
        assert not col.any()
        return
    mean = col.mean() if how == "mean" else pop @ col / pop.sum()
    assert math.isclose(float(mean), 1.0, rel_tol=1e-9)
