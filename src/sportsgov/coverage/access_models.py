"""More accessibility models on the same cost tables: 3SFCA, RAAM, gravity, catchment, FCA ratio.

The ``access`` family (pysal's ``access`` 1.1.10) beside
:func:`~sportsgov.coverage.fca.two_step_fca`, computed on the reachable pairs of
a :class:`~sportsgov.coverage.fca.CostTable` (never a dense matrix, except
nowhere at all: RAAM works on the pairs too):

* :func:`three_step_fca` — 3SFCA (Wan, Zou & Sternberg 2012): 2SFCA where each
  demand location's population is shared among the sites it can reach in
  proportion to their weights (the selection weight ``G_ij``).
* :func:`raam` — the rational agent access model (Saxon & Snow 2020): agents
  move between sites until travel time / τ plus congestion is balanced; the
  score is a *cost* (lower is better).
* :func:`gravity` — the gravity (potential) model ``A_i = Σ_j S_j f(c_ij)``
  (Hansen 1959); with ``competition=True`` the Joseph & Bantock (1982) form
  that divides by the weighted demand around each site.
* :func:`weighted_catchment` — ``A_i = Σ_{j: c_ij <= d0} S_j w(c_ij)``: the
  supply in reach, optionally weighted.
* :func:`fca_ratio` — supply in reach divided by demand in reach (the demand
  catchment uses demand-to-demand costs).

Every function takes one supply column or several (a mapping ``{name:
capacities}``, e.g. gyms, pitches and pools), can normalise each column by its
mean or population-weighted mean and then combine them into one composite score
(as ``access``'s ``score``), and returns an :class:`AccessScores` with
``to_frame()``. Demand with nothing in reach scores ``0.0`` and has
``reached=False`` (``access`` returns NaN there). Boundary: ``cost <= threshold``.

References
----------
Wan, N., Zou, B. & Sternberg, T. (2012). A three-step floating catchment area
method for analyzing spatial access to health services. *International Journal
of Geographical Information Science* 26(6), 1073–1089.

Saxon, J. & Snow, D. (2020). A rational agent model for the spatial
accessibility of primary health care. *Annals of the American Association of
Geographers* 110(1), 205–222.

Joseph, A. E. & Bantock, P. R. (1982). Measuring potential physical accessibility
to general practitioners in rural areas. *Social Science & Medicine* 16(1), 85–90.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Mapping, Sequence
from typing import Any, Literal

import attrs
import numpy as np
from attrs import field, frozen
from numpy.typing import NDArray

from sportsgov.coverage._costs import CostTable, as_cost_table, check_weights
from sportsgov.coverage.weights import Weight, as_weight, inverse_power
from sportsgov.errors import InvalidInputError, UnitError

__all__ = [
    "AccessScores",
    "Normalize",
    "fca_ratio",
    "gravity",
    "raam",
    "three_step_fca",
    "weighted_catchment",
]

FloatArray = NDArray[np.float64]
Normalize = Literal["mean", "weighted_mean"]
_NORMALIZE = ("mean", "weighted_mean")
_COLUMN_EQ = attrs.cmp_using(
    eq=lambda a, b: a.keys() == b.keys() and all(np.array_equal(a[k], b[k]) for k in a)
)
_ARRAY_EQ = attrs.cmp_using(eq=np.array_equal)


def _ro_float(value: Any) -> FloatArray:
    arr = np.array(value, dtype=np.float64)
    arr.flags.writeable = False
    return arr


def _ro_bool(value: Any) -> NDArray[np.bool_]:
    arr = np.array(value, dtype=np.bool_)
    arr.flags.writeable = False
    return arr


def _ro_columns(value: Mapping[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for k, v in value.items():
        arr = np.array(v)
        arr.flags.writeable = False
        out[k] = arr
    return out


def _opt_ids(value: Sequence[Hashable] | None) -> tuple[Hashable, ...] | None:
    return None if value is None else tuple(value)


@frozen
class AccessScores:
    """The result of an accessibility model on one or several supply columns.

    Parameters
    ----------
    method : str
        ``"3sfca"``, ``"raam"``, ``"gravity"``, ``"weighted_catchment"`` or ``"fca_ratio"``.
    scores : array of float, shape (m,)
        The score of each demand location: the one supply column (normalised if
        ``normalize`` was given), or with several columns the composite
        ``Σ_k w_k · normalised_k``. 0.0 where nothing is in reach; never NaN.
        Units: supply per person (3SFCA, FCA ratio), supply (gravity,
        catchment), or minutes / τ (RAAM, a cost: lower is better) — unitless
        once normalised.
    reached : array of bool, shape (m,)
        True where at least one site of any column is in reach.
    raw : dict of str to array (m,)
        The un-normalised score of each supply column.
    reached_by : dict of str to bool array (m,)
        ``reached`` per supply column.
    normalized : dict of str to array (m,)
        Each column divided by its (population-weighted) mean; empty when
        ``normalize`` is None and there is one column.
    normalize : {"mean", "weighted_mean"} or None
        The normalisation used.
    composite_weights : dict of str to float
        Weight of each column in the composite (one column: ``{name: 1.0}``).
    population : array of float, shape (m,)
        Demand population [persons].
    parameters : tuple of (str, object)
        Threshold, weight function, τ ... as used.
    demand_ids : tuple or None
        Demand ids when demand was a mapping or Points with ids.

    Examples
    --------
    >>> r = weighted_catchment([10, 20], {"gym": [1, 2], "pool": [1, 0]},
    ...                        [[1.0, 9.0], [9.0, 1.0]], threshold=5)
    >>> r.raw["gym"].tolist(), r.raw["pool"].tolist()
    ([1.0, 2.0], [1.0, 0.0])
    >>> r.scores.round(4).tolist()  # mean of the weighted-mean-normalised columns
    [1.8, 0.6]
    """

    method: str
    scores: FloatArray = field(converter=_ro_float, eq=_ARRAY_EQ, hash=False)
    reached: NDArray[np.bool_] = field(converter=_ro_bool, eq=_ARRAY_EQ, hash=False)
    raw: dict[str, FloatArray] = field(converter=_ro_columns, eq=_COLUMN_EQ, hash=False)
    reached_by: dict[str, NDArray[np.bool_]] = field(
        converter=_ro_columns, eq=_COLUMN_EQ, hash=False
    )
    normalized: dict[str, FloatArray] = field(converter=_ro_columns, eq=_COLUMN_EQ, hash=False)
    normalize: str | None
    composite_weights: dict[str, float] = field(hash=False)
    population: FloatArray = field(converter=_ro_float, eq=_ARRAY_EQ, hash=False)
    parameters: tuple[tuple[str, object], ...] = ()
    demand_ids: tuple[Hashable, ...] | None = field(default=None, converter=_opt_ids)

    @property
    def unreached(self) -> NDArray[np.int64]:
        """Indices of demand locations with nothing in reach."""
        return np.flatnonzero(~self.reached)

    def mean_score(self) -> float:
        """Population-weighted mean of ``scores`` (0.0 without population).

        Examples
        --------
        >>> gravity([1, 3], [10], [[1.0], [2.0]], decay="inverse_power").mean_score()
        6.25
        """
        total = float(self.population.sum())
        return float(self.population @ self.scores / total) if total > 0 else 0.0

    def to_frame(self) -> Any:
        """A pandas DataFrame per demand location, as :meth:`Accessibility.to_frame`.

        Columns: ``id`` (demand ids, or the position), ``population_persons``, the
        model's raw columns ``<method>_<supply column>`` and normalised ones
        (``..._norm``), ``score``, ``reached``. Needs the ``pandas`` extra.

        Examples
        --------
        >>> r = three_step_fca({"A": 10, "B": 30}, [20], [[1.0], [2.0]], threshold=5)
        >>> df = r.to_frame()
        >>> list(df.columns)
        ['id', 'population_persons', '3sfca_supply', 'score', 'reached']
        """
        from sportsgov._common.frames import pandas

        pd = pandas("AccessScores.to_frame")
        n = self.population.size
        ids = list(range(n)) if self.demand_ids is None else list(self.demand_ids)
        data: dict[str, Any] = {"id": ids, "population_persons": self.population}
        for name, col in self.raw.items():
            data[f"{self.method}_{name}"] = col
        for name, col in self.normalized.items():
            data[f"{self.method}_{name}_norm"] = col
        data["score"] = self.scores
        data["reached"] = self.reached
        return pd.DataFrame(data)


# ------------------------------------------------------------------ inputs ---


def _is_multi(supply: Any) -> bool:
    if not isinstance(supply, Mapping) or not supply:
        return False
    return all(np.ndim(v) == 1 and not isinstance(v, str | bytes) for v in supply.values())


def _columns(supply: Any) -> tuple[dict[str, FloatArray], tuple[Hashable, ...] | None]:
    if _is_multi(supply):
        columns: dict[str, FloatArray] = {}
        size: int | None = None
        for name, values in supply.items():
            arr, _ = check_weights(values, f"supply[{name!r}]", "capacity")
            if size is not None and arr.size != size:
                raise InvalidInputError.bad(
                    f"supply[{name!r}]",
                    values,
                    f"every supply column must have the same length ({size})",
                    shown=f"length {arr.size}",
                )
            size = arr.size
            columns[str(name)] = arr
        return columns, None
    arr, ids = check_weights(supply, "supply", "capacity")
    return {"supply": arr}, ids


def _limit(value: object, unit: str | None, name: str) -> float:
    """A threshold > 0 in the table's unit (a number, or a Quantity when the unit is known)."""
    is_quantity = isinstance(value, str) or (
        hasattr(value, "magnitude") and hasattr(value, "units")
    )
    if is_quantity:
        if unit is None:
            raise UnitError(
                f"{name}={value}: the costs carry no unit, so a quantity cannot be converted; "
                "pass cost_unit='m' (or 'minute') or a plain number in the costs' unit",
                argument=name,
                value=value,
            )
        from sportsgov.units import magnitude_in

        mag: Any = magnitude_in(value, unit, argument=name)
    else:
        mag = value
    if isinstance(mag, bool) or not isinstance(mag, int | float | np.integer | np.floating):
        raise InvalidInputError.bad(name, value, "must be a number > 0 (or a Quantity)")
    number = float(mag)
    if not math.isfinite(number) or number <= 0:
        raise InvalidInputError.bad(name, value, f"must be finite and > 0 {unit or ''}".rstrip())
    return number


def _prepare(
    demand: Any, supply: Any, costs: Any, cost_unit: str | None, *, max_distance: object = None
) -> tuple[FloatArray, dict[str, FloatArray], CostTable, tuple[Hashable, ...] | None]:
    population, demand_ids = check_weights(demand, "demand", "population")
    columns, supply_ids = _columns(supply)
    n = next(iter(columns.values())).size
    shape = (population.size, n)
    if costs is None:
        from sportsgov.coverage.fca import catchment_costs
        from sportsgov.coverage.geo import Points

        if not (isinstance(demand, Points) and isinstance(supply, Points)) or max_distance is None:
            raise InvalidInputError.bad(
                "costs",
                None,
                "costs are required unless demand and supply are both Points and a "
                "threshold is given (then great-circle distances in metres are used)",
            )
        table = catchment_costs(demand, supply, max_distance=max_distance)
    else:
        table = as_cost_table(
            costs, shape=shape, demand_ids=demand_ids, supply_ids=supply_ids, unit=cost_unit
        )
    return population, columns, table, demand_ids


def _normalized(
    raw: dict[str, FloatArray], population: FloatArray, how: str
) -> dict[str, FloatArray]:
    out: dict[str, FloatArray] = {}
    for name, col in raw.items():
        if how == "mean":
            mean = float(col.mean()) if col.size else 0.0
        else:
            total = float(population.sum())
            mean = float(population @ col / total) if total > 0 else 0.0
        out[name] = col / mean if mean > 0 else np.zeros_like(col)
    return out


def _finish(
    method: str,
    raw: dict[str, FloatArray],
    reached_by: dict[str, NDArray[np.bool_]],
    population: FloatArray,
    *,
    normalize: str | None,
    composite: Mapping[str, float] | None,
    parameters: tuple[tuple[str, object], ...],
    demand_ids: tuple[Hashable, ...] | None,
) -> AccessScores:
    if normalize is not None and normalize not in _NORMALIZE:
        raise InvalidInputError.bad(
            "normalize", normalize, "expected one of None, 'mean', 'weighted_mean'"
        )
    names = list(raw)
    if composite is None:
        weights = {k: 1.0 / len(names) for k in names}
    else:
        if not isinstance(composite, Mapping) or set(composite) != set(names):
            raise InvalidInputError.bad(
                "composite", composite, f"expected one weight per supply column {names}"
            )
        weights = {}
        for k in names:
            w = composite[k]
            if (
                isinstance(w, bool)
                or not isinstance(w, int | float)
                or not math.isfinite(w)
                or w < 0
            ):
                raise InvalidInputError.bad(f"composite[{k!r}]", w, "must be a finite number >= 0")
            weights[k] = float(w)
    how = normalize if normalize is not None else ("weighted_mean" if len(names) > 1 else None)
    normalized = _normalized(raw, population, how) if how is not None else {}
    base = normalized if normalized else raw
    scores = np.zeros(population.size)
    for k in names:
        scores = scores + weights[k] * base[k]
    reached = np.zeros(population.size, dtype=bool)
    for col in reached_by.values():
        reached |= col
    return AccessScores(
        method=method,
        scores=scores,
        reached=reached,
        raw=raw,
        reached_by=reached_by,
        normalized=normalized,
        normalize=how,
        composite_weights=weights,
        population=population,
        parameters=parameters,
        demand_ids=demand_ids,
    )


def _weight_of(value: object, *, name: str, default: Weight | None) -> Weight | None:
    if value is None:
        return default
    if isinstance(value, str):
        named = {"inverse_power": inverse_power(1.0), "inverse_square": inverse_power(2.0)}
        if value not in named:
            raise InvalidInputError.bad(
                name,
                value,
                "expected 'inverse_power', 'inverse_square', a weight from "
                "sportsgov.coverage.weights or a vectorized callable of costs",
            )
        return named[value]
    return as_weight(value, name=name)


# -------------------------------------------------------------- the models ---


def three_step_fca(
    demand: Any,
    supply: Any,
    costs: Any = None,
    *,
    threshold: object,
    weight: object = None,
    normalize: Normalize | None = None,
    composite: Mapping[str, float] | None = None,
    cost_unit: str | None = None,
) -> AccessScores:
    """Three-step floating catchment area accessibility (3SFCA, 三步移动搜寻法).

    Within the catchment ``c_ij <= d0``, with weights ``W_ij = w(c_ij)``:

    1. selection weights ``G_ij = W_ij / Σ_{k: c_ik <= d0} W_ik`` (a demand
       location's population is shared among the sites it reaches);
    2. ``R_j = S_j / Σ_i P_i G_ij W_ij``;
    3. ``A_i = Σ_j R_j G_ij W_ij``.

    Parameters
    ----------
    demand : sequence of float, mapping {id: float} or Points, length m
        Population [persons], ``>= 0``.
    supply : sequence, mapping {id: float}, Points, or mapping {name: sequence}
        Capacity of each site [area m², places...], or several capacity columns
        at the same sites (``{"gym": [...], "pool": [...]}``).
    costs : (m, n) array, scipy sparse, CostTable or rows (i, j, cost)
        Travel cost demand → site (``None`` with two Points layers: great-circle
        metres).
    threshold : float or Quantity
        Catchment ``d0`` [cost unit]; boundary ``cost <= d0``.
    weight : Weight or callable, optional
        Distance decay ``w(c)`` (see :mod:`sportsgov.coverage.weights`); default
        1 within the catchment. Wan et al. (2012) use Gaussian zones, e.g.
        ``zones([(10, 1.0), (20, 0.68), (30, 0.22)])``.
    normalize : {"mean", "weighted_mean"}, optional
        Divide each column by its mean (population-weighted mean).
    composite : mapping {name: weight}, optional
        Weights of the columns in ``scores`` (default equal); with several
        columns they are normalised (weighted mean unless ``normalize`` says).
    cost_unit : str, optional
        Unit of the costs when ``threshold`` is a Quantity.

    Returns
    -------
    AccessScores
        ``method="3sfca"``; unreached demand 0.0 with ``reached=False``.

    Notes
    -----
    ``access`` 1.1.10 computes ``G_ij`` over *every* pair of its cost table,
    including pairs beyond ``max_cost``; this follows Wan et al. and uses the
    pairs within the catchment. The two agree when the cost table holds only
    pairs within the catchment (or when the weight is 0 beyond it).

    Examples
    --------
    >>> r = three_step_fca([100, 100], [30, 10], [[1.0, 2.0], [1.0, np.inf]], threshold=5)
    >>> r.scores.round(4).tolist()
    [0.2, 0.2]
    >>> float(r.scores @ [100, 100])  # all 40 units of supply are shared out
    40.0
    """
    population, columns, table, d_ids = _prepare(
        demand, supply, costs, cost_unit, max_distance=threshold
    )
    d0 = _limit(threshold, table.unit, "threshold")
    w = _weight_of(weight, name="weight", default=None)
    inside = table.within(d0)
    m, n = inside.shape
    i, j = inside.demand, inside.supply
    big_w = np.ones(inside.nnz) if w is None else w(inside.cost)
    row = np.bincount(i, weights=big_w, minlength=m)
    g = np.divide(big_w, row[i], out=np.zeros(inside.nnz), where=row[i] > 0)
    gw = g * big_w
    demand_at = np.bincount(j, weights=population[i] * gw, minlength=n)
    raw: dict[str, FloatArray] = {}
    reached_by: dict[str, NDArray[np.bool_]] = {}
    for name, capacity in columns.items():
        ratio = np.divide(capacity, demand_at, out=np.zeros(n), where=demand_at > 0)
        raw[name] = np.bincount(i, weights=ratio[j] * gw, minlength=m).astype(np.float64)
        reached_by[name] = np.bincount(i, weights=(capacity[j] > 0), minlength=m) > 0
    params: tuple[tuple[str, object], ...] = (
        ("threshold", d0),
        ("weight", "step" if w is None else w.describe()),
    )
    return _finish(
        "3sfca",
        raw,
        reached_by,
        population,
        normalize=normalize,
        composite=composite,
        parameters=params,
        demand_ids=d_ids,
    )


def weighted_catchment(
    demand: Any,
    supply: Any,
    costs: Any = None,
    *,
    threshold: object = None,
    weight: object = None,
    normalize: Normalize | None = None,
    composite: Mapping[str, float] | None = None,
    cost_unit: str | None = None,
) -> AccessScores:
    """Supply within reach, optionally weighted: ``A_i = Σ_{j: c_ij <= d0} S_j w(c_ij)``.

    No competition: the count (or area) of facilities a resident can reach
    (e.g. "gyms within 15 minutes"). ``access``'s ``weighted_catchment``.

    Parameters
    ----------
    demand, supply, costs, normalize, composite, cost_unit
        As in :func:`three_step_fca`; the population is used for the weighted
        mean only.
    threshold : float or Quantity, optional
        Catchment ``d0`` [cost unit], boundary ``cost <= d0``; default: every
        pair of the cost table.
    weight : Weight or callable, optional
        Distance decay ``w(c)``; default 1.

    Returns
    -------
    AccessScores
        ``method="weighted_catchment"``, scores in supply units.

    Examples
    --------
    >>> weighted_catchment([1, 1], [3, 5], [[1.0, 20.0], [4.0, 6.0]], threshold=5).scores.tolist()
    [3.0, 3.0]
    """
    population, columns, table, d_ids = _prepare(
        demand, supply, costs, cost_unit, max_distance=threshold
    )
    d0 = None if threshold is None else _limit(threshold, table.unit, "threshold")
    w = _weight_of(weight, name="weight", default=None)
    raw, reached_by = _potential(population, columns, table, d0, w)
    params = (("threshold", d0), ("weight", "1" if w is None else w.describe()))
    return _finish(
        "weighted_catchment",
        raw,
        reached_by,
        population,
        normalize=normalize,
        composite=composite,
        parameters=params,
        demand_ids=d_ids,
    )


def _potential(
    population: FloatArray,
    columns: dict[str, FloatArray],
    table: CostTable,
    d0: float | None,
    w: Weight | None,
    *,
    competition: bool = False,
) -> tuple[dict[str, FloatArray], dict[str, NDArray[np.bool_]]]:
    inside = table if d0 is None else table.within(d0)
    m, n = inside.shape
    i, j = inside.demand, inside.supply
    big_w = np.ones(inside.nnz) if w is None else w(inside.cost)
    raw: dict[str, FloatArray] = {}
    reached_by: dict[str, NDArray[np.bool_]] = {}
    factor = np.ones(n)
    if competition:
        around = np.bincount(j, weights=population[i] * big_w, minlength=n)
        factor = np.divide(1.0, around, out=np.zeros(n), where=around > 0)
    for name, capacity in columns.items():
        raw[name] = np.bincount(i, weights=(capacity * factor)[j] * big_w, minlength=m).astype(
            np.float64
        )
        reached_by[name] = np.bincount(i, weights=(capacity[j] > 0), minlength=m) > 0
    return raw, reached_by


def gravity(
    demand: Any,
    supply: Any,
    costs: Any = None,
    *,
    decay: object,
    threshold: object = None,
    competition: bool = False,
    normalize: Normalize | None = None,
    composite: Mapping[str, float] | None = None,
    cost_unit: str | None = None,
) -> AccessScores:
    """Gravity (potential) accessibility ``A_i = Σ_j S_j f(c_ij)`` (Hansen 1959).

    With ``competition=True`` each site's supply is first divided by the demand
    that it attracts, ``V_j = Σ_k P_k f(c_kj)`` (Joseph & Bantock 1982; the same
    as 2SFCA with a continuous decay and no cut-off).

    Parameters
    ----------
    demand, supply, costs, normalize, composite, cost_unit
        As in :func:`three_step_fca`.
    decay : Weight, callable or {"inverse_power", "inverse_square"}
        ``f(c)``: a weight from :mod:`sportsgov.coverage.weights`
        (``inverse_power(beta, scale=, min_cost=)``, ``exponential(beta)``,
        ``gaussian(sigma)``...), any vectorized callable of costs, or the names
        ``"inverse_power"`` (``1/c``) and ``"inverse_square"`` (``1/c²``).
    threshold : float or Quantity, optional
        Ignore pairs with ``cost > threshold`` [cost unit]; default: every pair
        of the cost table.
    competition : bool
        Divide by the weighted demand around each site.

    Returns
    -------
    AccessScores
        ``method="gravity"``.

    Examples
    --------
    >>> gravity([1, 1], [10, 20], [[1.0, 2.0], [2.0, 4.0]], decay="inverse_power").scores.tolist()
    [20.0, 10.0]
    >>> r = gravity([100, 300], [40], [[1.0], [3.0]], decay=lambda c: 1 / c, competition=True)
    >>> r.scores.round(4).tolist()  # 40 / (100/1 + 300/3) = 0.2 per person at cost 1
    [0.2, 0.0667]
    """
    population, columns, table, d_ids = _prepare(
        demand, supply, costs, cost_unit, max_distance=threshold
    )
    d0 = None if threshold is None else _limit(threshold, table.unit, "threshold")
    w = _weight_of(decay, name="decay", default=None)
    assert w is not None
    raw, reached_by = _potential(population, columns, table, d0, w, competition=competition)
    params = (("decay", w.describe()), ("threshold", d0), ("competition", competition))
    return _finish(
        "gravity",
        raw,
        reached_by,
        population,
        normalize=normalize,
        composite=composite,
        parameters=params,
        demand_ids=d_ids,
    )


def fca_ratio(
    demand: Any,
    supply: Any,
    costs: Any,
    *,
    demand_costs: Any,
    threshold: object,
    weight: object = None,
    normalize: Normalize | None = None,
    composite: Mapping[str, float] | None = None,
    cost_unit: str | None = None,
) -> AccessScores:
    """Floating catchment ratio: supply in reach over demand in reach (``access``'s ``fca_ratio``).

    ``A_i = Σ_{j: c_ij <= d0} S_j w(c_ij) / Σ_{k: c'_ik <= d0} P_k w(c'_ik)``
    where ``c'`` are demand-to-demand costs (usually including ``c'_ii = 0``).

    Parameters
    ----------
    demand, supply, costs, weight, normalize, composite, cost_unit
        As in :func:`three_step_fca`.
    demand_costs : (m, m) array, scipy sparse, CostTable or rows
        Costs between demand locations [cost unit].
    threshold : float or Quantity
        Catchment ``d0`` for both sums [cost unit].

    Returns
    -------
    AccessScores
        ``method="fca_ratio"``; 0.0 and ``reached=False`` where no supply is in
        reach or the demand in reach is 0.

    Examples
    --------
    >>> between = [[0.0, 3.0], [3.0, 0.0]]
    >>> fca_ratio([100, 300], [40], [[1.0], [9.0]], demand_costs=between,
    ...           threshold=5).scores.tolist()
    [0.1, 0.0]
    """
    population, columns, table, d_ids = _prepare(demand, supply, costs, cost_unit)
    d0 = _limit(threshold, table.unit, "threshold")
    w = _weight_of(weight, name="weight", default=None)
    m = population.size
    near = as_cost_table(
        demand_costs, shape=(m, m), demand_ids=d_ids, supply_ids=d_ids, unit=table.unit
    ).within(d0)
    nw = np.ones(near.nnz) if w is None else w(near.cost)
    around = np.bincount(near.demand, weights=population[near.supply] * nw, minlength=m)
    supplied, reached_supply = _potential(population, columns, table, d0, w)
    raw: dict[str, FloatArray] = {}
    reached_by: dict[str, NDArray[np.bool_]] = {}
    for name in columns:
        ok = reached_supply[name] & (around > 0)
        raw[name] = np.divide(supplied[name], around, out=np.zeros(m), where=ok)
        reached_by[name] = ok
    params = (("threshold", d0), ("weight", "1" if w is None else w.describe()))
    return _finish(
        "fca_ratio",
        raw,
        reached_by,
        population,
        normalize=normalize,
        composite=composite,
        parameters=params,
        demand_ids=d_ids,
    )


def raam(
    demand: Any,
    supply: Any,
    costs: Any,
    *,
    tau: object,
    rho: float | None = None,
    max_cost: object = None,
    max_cycles: int = 150,
    initial_step: float = 0.2,
    min_step: float = 0.005,
    half_life: float = 50,
    normalize: Normalize | None = None,
    composite: Mapping[str, float] | None = None,
    cost_unit: str | None = None,
) -> AccessScores:
    """Rational agent access model (RAAM, Saxon & Snow 2020): travel plus congestion cost.

    Residents of each demand location choose among the sites they can reach;
    the cost of site ``j`` for location ``i`` is ``c_ij / τ + D_j / (ρ S_j)``,
    travel time scaled by ``τ`` plus congestion (the demand ``D_j`` assigned to
    it over its supply, relative to the region's mean ratio ``ρ = ΣP / ΣS``).
    Demand is shifted, in whole persons, from each location's costliest used
    site to its cheapest one until the costs balance; the score is the
    population-weighted cost each location ends up with. **Lower is better.**

    The iteration (step sizes, half-life, the anti-crowding rescaling in the
    first 20 cycles, integer moves) is the one of ``access`` 1.1.10, run on the
    reachable pairs instead of a dense matrix, so the results agree with it.

    Parameters
    ----------
    demand, supply, costs, normalize, composite, cost_unit
        As in :func:`three_step_fca` (costs: every pair listed is an option).
    tau : float or Quantity
        Travel cost equivalent to congestion at the mean ratio [cost unit], > 0
        (``access`` default: 60 minutes).
    rho : float, optional
        Mean demand per unit of supply; default ``ΣP / ΣS`` over positive
        demand and supply.
    max_cost : float or Quantity, optional
        Ignore options with ``cost > max_cost`` [cost unit].
    max_cycles, initial_step, min_step, half_life
        Iteration controls (``access`` defaults).

    Returns
    -------
    AccessScores
        ``method="raam"``. A location with no site in reach scores 0.0 with
        ``reached=False`` (filter on ``reached``: 0 is otherwise the best cost);
        a reached location without population gets its cheapest option.

    Examples
    --------
    Two equal sites, all residents next to the first: half of them move.

    >>> r = raam([100], [50, 50], [[0.0, 1.0]], tau=10)
    >>> r.scores.round(2).tolist()  # 52.5 stay, 47.5 travel 1 minute: 52.5/50 = 47.5/50 + 0.1
    [1.05]
    """
    population, columns, table, d_ids = _prepare(demand, supply, costs, cost_unit)
    t = _limit(tau, table.unit, "tau")
    if max_cost is not None:
        table = table.within(_limit(max_cost, table.unit, "max_cost"))
    if isinstance(max_cycles, bool) or not isinstance(max_cycles, int) or max_cycles < 1:
        raise InvalidInputError.bad("max_cycles", max_cycles, "must be an integer >= 1")
    raw: dict[str, FloatArray] = {}
    reached_by: dict[str, NDArray[np.bool_]] = {}
    for name, capacity in columns.items():
        r = rho
        if r is None:
            total_s = float(capacity[capacity > 0].sum())
            r = float(population[population > 0].sum()) / total_s if total_s > 0 else 1.0
        elif (
            isinstance(r, bool)
            or not isinstance(r, int | float)
            or not (math.isfinite(r) and r > 0)
        ):
            raise InvalidInputError.bad("rho", rho, "must be a finite number > 0")
        raw[name], reached_by[name] = _raam_column(
            population,
            capacity,
            table,
            tau=t,
            rho=float(r),
            max_cycles=max_cycles,
            initial_step=initial_step,
            min_step=min_step,
            half_life=half_life,
        )
    params = (("tau", t), ("rho", rho), ("max_cycles", max_cycles))
    return _finish(
        "raam",
        raw,
        reached_by,
        population,
        normalize=normalize,
        composite=composite,
        parameters=params,
        demand_ids=d_ids,
    )


def _first_at(
    values: FloatArray, target: FloatArray, starts: NDArray[np.int64]
) -> NDArray[np.int64]:
    """Per row (pairs from ``starts[r]`` on), the first pair index whose value is ``target[r]``."""
    k = values.size
    rows = np.repeat(np.arange(starts.size), np.diff(np.append(starts, k)))
    cand = np.where(values == target[rows], np.arange(k), k)
    return np.minimum.reduceat(cand, starts)


def _raam_column(
    population: FloatArray,
    capacity: FloatArray,
    table: CostTable,
    *,
    tau: float,
    rho: float,
    max_cycles: int,
    initial_step: float,
    min_step: float,
    half_life: float,
) -> tuple[FloatArray, NDArray[np.bool_]]:
    m, n = table.shape
    keep = capacity[table.supply] > 0
    reached = np.bincount(table.demand[keep], minlength=m) > 0
    keep &= population[table.demand] > 0
    pi, pj = table.demand[keep], table.supply[keep]
    travel = table.cost[keep] / tau
    scores = np.zeros(m)
    s = capacity * rho
    if pi.size:
        rows, starts = np.unique(pi, return_index=True)
        row_of = np.repeat(np.arange(rows.size), np.diff(np.append(starts, pi.size)))
        demand = population[rows]
        x = np.zeros(pi.size)
        pmin = _first_at(travel, np.minimum.reduceat(travel, starts), starts)
        x[pmin] = demand
        total = travel
        for cycle in range(max_cycles):
            at = np.bincount(pj, weights=x, minlength=n).astype(np.float64)
            congestion = np.divide(at, s, out=np.zeros(n), where=s > 0)
            total = congestion[pj] + travel
            pmin = _first_at(total, np.minimum.reduceat(total, starts), starts)
            used = np.where(x != 0, total, -np.inf)
            pmax = _first_at(used, np.maximum.reduceat(used, starts), starts)
            jmin, jmax = pj[pmin], pj[pmax]
            slmin, slmax = s[jmin], s[jmax]
            dmin, dmax = x[pmin], x[pmax]
            other_min = at[jmin] - dmin
            other_max = at[jmax] - dmax
            new_min = (slmin * slmax / (slmin + slmax)) * (
                (travel[pmax] - travel[pmin])
                + (dmin + dmax + other_max) / slmax
                - other_min / slmin
            )
            delta = np.minimum(new_min - dmin, dmax)
            delta = np.where(pmax == pmin, 0.0, delta)
            size = max(initial_step * 0.5 ** (cycle / half_life), min_step)
            delta = np.trunc(np.minimum(delta, size * demand))
            if cycle < 20:
                naive = np.bincount(jmin, weights=delta, minlength=n)
                scale = np.maximum(np.divide(naive, s, out=np.zeros(n), where=s > 0), 1.0)
                delta = np.round(delta / scale[jmin])
            np.add.at(x, pmin, delta)
            np.add.at(x, pmax, -delta)
        cost = np.bincount(row_of, weights=total * x, minlength=rows.size)
        mass = np.bincount(row_of, weights=x, minlength=rows.size)
        scores[rows] = cost / mass
    # reached locations without population: their cheapest option at the final congestion
    lonely = reached & ~(population > 0)
    if bool(lonely.any()):
        at = np.bincount(pj, weights=x, minlength=n).astype(np.float64) if pi.size else np.zeros(n)
        congestion = np.divide(at, s, out=np.zeros(n), where=s > 0)
        sub = (capacity[table.supply] > 0) & lonely[table.demand]
        c = table.cost[sub] / tau + congestion[table.supply[sub]]
        best = np.full(m, np.inf)
        np.minimum.at(best, table.demand[sub], c)
        scores[lonely] = best[lonely]
    return scores, reached
