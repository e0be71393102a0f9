"""Distance-decay weights (距离衰减权重) for the accessibility models.

A weight turns travel costs into weights in ``[0, ∞)``: 1 means "as good as
next door", 0 means "out of reach". Every weight is a small frozen object that
is called with an array of costs (in the cost table's unit) and returns an
array of the same shape; it carries its name and parameters so results can say
how they were computed. Any vectorized callable ``f(costs) -> weights`` is
accepted too (:func:`as_weight` checks its output).

* :func:`step` — 1 if ``c <= d0`` else 0 (access ``step_fn({d0: 1})``);
* :func:`zones` — ``w_r`` for ``edge_{r-1} < c <= edge_r``, 0 beyond
  (access ``step_fn(dict)``, the E2SFCA zones);
* :func:`gaussian_dai` — ``(e^{-½(c/d0)²} − e^{-½}) / (1 − e^{-½})``, 0 beyond
  ``d0`` (Dai 2010; the 2SFCA ``decay="gaussian"``);
* :func:`gaussian` — ``e^{-c² / (2σ²)}`` (access ``gaussian(sigma)``);
* :func:`inverse_power` — ``(max(c, c_min) / s)^{-β}`` (access ``gravity(s, -β, c_min)``);
* :func:`exponential` — ``e^{-β c}``.

The two Gaussians differ: Dai's kernel reaches exactly 0 at the catchment
edge ``d0``; access's ``gaussian(sigma)`` is the plain bell ``e^{-c²/2σ²}``
(0.61 at ``c = σ``, never 0).

Examples
--------
>>> import numpy as np
>>> zones([(10, 1.0), (20, 0.68), (30, 0.22)])(np.array([0, 10, 15, 30, 31])).tolist()
[1.0, 1.0, 0.68, 0.22, 0.0]
>>> gaussian(20)(np.array([0.0, 20.0])).round(4).tolist()
[1.0, 0.6065]
>>> gaussian_dai(30)(np.array([0.0, 30.0, 40.0])).tolist()
[1.0, 0.0, 0.0]
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
from attrs import field, frozen
from numpy.typing import NDArray

from sportsgov.errors import InvalidInputError

__all__ = [
    "Weight",
    "as_weight",
    "exponential",
    "gaussian",
    "gaussian_dai",
    "inverse_power",
    "step",
    "zones",
]

FloatArray = NDArray[np.float64]

_TAIL = math.exp(-0.5)


def _number(name: str, value: object, *, positive: bool = True) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float | np.integer | np.floating):
        raise InvalidInputError.bad(name, value, "must be a number")
    number = float(value)
    if not math.isfinite(number) or (number <= 0 if positive else number < 0):
        raise InvalidInputError.bad(
            name, value, f"must be finite and {'>' if positive else '>='} 0"
        )
    return number


def _show(value: object) -> str:
    if isinstance(value, float | int) and not isinstance(value, bool):
        return f"{value:g}"
    return repr(value)


@frozen
class Weight:
    """A named distance-decay weight ``w(cost)``, vectorized over cost arrays.

    Build one with :func:`step`, :func:`zones`, :func:`gaussian_dai`,
    :func:`gaussian`, :func:`inverse_power`, :func:`exponential` or
    :func:`as_weight`.

    Parameters
    ----------
    name : str
        ``"step"``, ``"zones"``, ``"gaussian_dai"``, ``"gaussian"``,
        ``"inverse_power"``, ``"exponential"`` or ``"callable"``.
    parameters : tuple of (str, object)
        The parameters, for results and reports.
    function : callable
        ``f(costs: ndarray) -> ndarray`` of the same shape.
    reach : float
        Largest cost with a positive weight (``inf`` when the weight never
        reaches 0) [cost unit].

    Examples
    --------
    >>> w = exponential(0.1)
    >>> w.name, w.parameters, round(float(w(np.array([10.0]))[0]), 4)
    ('exponential', (('beta', 0.1),), 0.3679)
    """

    name: str
    parameters: tuple[tuple[str, object], ...]
    function: Callable[[FloatArray], Any] = field(eq=False, repr=False)
    reach: float = math.inf

    def __call__(self, costs: Any) -> FloatArray:
        """Weights of ``costs`` (finite, >= 0); a bad callable raises InvalidInputError."""
        c = np.asarray(costs, dtype=np.float64)
        try:
            out = np.asarray(self.function(c), dtype=np.float64)
        except (TypeError, ValueError, ArithmeticError) as exc:
            raise InvalidInputError.bad(
                "weight", self.name, f"the weight function failed on the costs: {exc}"
            ) from exc
        if out.shape != c.shape:
            out = np.broadcast_to(out, c.shape).copy() if out.ndim == 0 else out
        if out.shape != c.shape:
            raise InvalidInputError.bad(
                "weight",
                self.name,
                f"must return one weight per cost (shape {c.shape}), got shape {out.shape}; "
                "write it with numpy operations so it works on arrays",
            )
        bad = ~np.isfinite(out) | (out < 0)
        if bool(bad.any()):
            k = int(np.flatnonzero(bad.reshape(-1))[0])
            raise InvalidInputError.bad(
                "weight",
                self.name,
                f"gave {float(out.reshape(-1)[k])!r} at cost {float(c.reshape(-1)[k])!r}: "
                "weights must be finite and >= 0 (an inverse power needs min_cost > 0 "
                "when a cost is 0)",
            )
        return out

    def describe(self) -> str:
        """``name(param=value, ...)``, e.g. ``"gaussian(sigma=20)"``.

        Examples
        --------
        >>> gaussian(20).describe()
        'gaussian(sigma=20)'
        """
        inner = ", ".join(f"{k}={_show(v)}" for k, v in self.parameters)
        return f"{self.name}({inner})"


def step(d0: float) -> Weight:
    """1 within the catchment ``cost <= d0``, 0 beyond (classic 2SFCA) [d0 in the cost unit].

    Examples
    --------
    >>> step(10)(np.array([0.0, 10.0, 10.5])).tolist()
    [1.0, 1.0, 0.0]
    """
    edge = _number("d0", d0)
    return Weight("step", (("d0", d0),), lambda c: (c <= edge).astype(np.float64), edge)


def zones(pairs: Sequence[tuple[float, float]]) -> Weight:
    """Piecewise-constant weight: ``w_r`` for ``edge_{r-1} < cost <= edge_r``, 0 beyond.

    The same rule as E2SFCA zones and access's ``step_fn``: the first zone starts
    at cost 0 inclusive, every upper edge is inclusive.

    Parameters
    ----------
    pairs : sequence of (edge, weight)
        Strictly increasing edges > 0 [cost unit] and weights >= 0.

    Examples
    --------
    >>> zones([(20, 1), (40, 0.68), (60, 0.22)])(np.arange(0, 71, 10)).tolist()
    [1.0, 1.0, 1.0, 0.68, 0.68, 0.22, 0.22, 0.0]
    """
    if isinstance(pairs, str | bytes) or not isinstance(pairs, Sequence) or not pairs:  # type: ignore[unreachable]
        raise InvalidInputError.bad(
            "zones", pairs, "expected a non-empty list of (edge, weight), e.g. [(5, 1.0)]"
        )
    edges: list[float] = []
    values: list[float] = []
    for k, pair in enumerate(pairs):
        try:
            edge, value = pair
        except (TypeError, ValueError):
            raise InvalidInputError.bad(f"zones[{k}]", pair, "expected (edge, weight)") from None
        e = _number(f"zones[{k}] edge", edge)
        if edges and e <= edges[-1]:
            raise InvalidInputError.bad(
                f"zones[{k}] edge",
                edge,
                f"edges must be strictly increasing (previous {edges[-1]:g})",
            )
        edges.append(e)
        values.append(_number(f"zones[{k}] weight", value, positive=False))
    edge_arr = np.array(edges)
    table = np.array([*values, 0.0])

    def fn(c: FloatArray) -> FloatArray:
        return table[np.searchsorted(edge_arr, c, side="left")]

    params = tuple((f"{e:g}", v) for e, v in zip(edges, values, strict=True))
    return Weight("zones", params, fn, edges[-1])


def gaussian_dai(d0: float) -> Weight:
    """Dai's (2010) Gaussian catchment weight: 1 at cost 0, exactly 0 at ``d0`` and beyond.

    ``w(c) = (e^{-½(c/d0)²} − e^{-½}) / (1 − e^{-½})`` for ``c <= d0`` [d0 in the
    cost unit]; the decay :func:`~sportsgov.coverage.fca.two_step_fca` uses with
    ``decay="gaussian"``.

    Examples
    --------
    >>> gaussian_dai(10)(np.array([0.0, 5.0, 10.0, 20.0])).round(4).tolist()
    [1.0, 0.7014, 0.0, 0.0]
    """
    edge = _number("d0", d0)

    def fn(c: FloatArray) -> FloatArray:
        w = (np.exp(-0.5 * (c / edge) ** 2) - _TAIL) / (1.0 - _TAIL)
        return np.where(c <= edge, np.maximum(w, 0.0), 0.0)

    return Weight("gaussian_dai", (("d0", d0),), fn, edge)


def gaussian(sigma: float) -> Weight:
    """The plain Gaussian ``e^{-c² / (2σ²)}`` of access's ``gaussian(sigma)`` [σ: cost unit].

    Never reaches 0; combine it with a ``threshold`` to cut the catchment.

    Examples
    --------
    >>> gaussian(20)(np.array([0.0, 20.0, 40.0])).round(4).tolist()
    [1.0, 0.6065, 0.1353]
    """
    s = _number("sigma", sigma)
    return Weight("gaussian", (("sigma", sigma),), lambda c: np.exp(-c * c / (2 * s * s)))


def inverse_power(beta: float, *, scale: float = 1.0, min_cost: float = 0.0) -> Weight:
    """Gravity weight ``(max(c, min_cost) / scale)^{-β}`` (access ``gravity(scale, -β, ...)``).

    Parameters
    ----------
    beta : float
        Decay exponent, > 0 (1 and 2 are common).
    scale : float
        Cost at which the weight is 1 [cost unit], > 0.
    min_cost : float
        Costs below it count as ``min_cost`` [cost unit], >= 0; give it > 0 when a
        cost can be 0 (the weight would be infinite).

    Examples
    --------
    >>> w = inverse_power(2, scale=20, min_cost=1)
    >>> w(np.array([0.0, 1.0, 2.0, 20.0, 40.0])).round(6).tolist()
    [400.0, 400.0, 100.0, 1.0, 0.25]
    """
    b = _number("beta", beta)
    s = _number("scale", scale)
    lo = _number("min_cost", min_cost, positive=False)

    def fn(c: FloatArray) -> FloatArray:
        base = np.maximum(c, lo) / s
        with np.errstate(divide="ignore"):
            return np.power(base, -b)

    params = (("beta", beta), ("scale", scale), ("min_cost", min_cost))
    return Weight("inverse_power", params, fn)


def exponential(beta: float) -> Weight:
    """Negative exponential ``e^{-β c}`` [β in 1 / cost unit].

    Examples
    --------
    >>> exponential(0.5)(np.array([0.0, 2.0])).round(4).tolist()
    [1.0, 0.3679]
    """
    b = _number("beta", beta)
    return Weight("exponential", (("beta", beta),), lambda c: np.exp(-b * c))


def as_weight(value: object, *, name: str = "weight") -> Weight:
    """A :class:`Weight` from a Weight or any vectorized callable ``f(costs) -> weights``.

    Examples
    --------
    >>> w = as_weight(lambda c: 1 / (1 + c))
    >>> w.name, w(np.array([0.0, 1.0])).tolist()
    ('callable', [1.0, 0.5])
    """
    if isinstance(value, Weight):
        return value
    if callable(value):
        label = getattr(value, "__name__", "callable")
        return Weight("callable", (("function", label),), value)
    raise InvalidInputError.bad(
        name,
        value,
        "expected a weight (step, zones, gaussian_dai, gaussian, inverse_power, "
        "exponential from sportsgov.coverage.weights) or a vectorized callable of costs",
    )
