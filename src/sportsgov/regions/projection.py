"""Trend fitting for population projection (人口预测): pure functions over ``{year: persons}``.

This module knows nothing of tables or regions trees: it fits one region's known
figures and returns a :class:`ProjectionFit`.
:func:`~sportsgov.regions.population.project_population` (and
:meth:`PopulationTable.project <sportsgov.regions.PopulationTable.project>`) run it
for every region of a table.

Methods, always stated in the result (never a silent extrapolation):

``"linear"``
    ordinary least squares ``P(t) = a + b·t`` over the region's known years
    (at least ``min_years``, default 3), exact in :class:`~fractions.Fraction`;
    the fitted slope ``b`` [persons/year] is the rate shown.
``"geometric"``
    constant compound growth between the first and the last known year,
    ``r = (P_last / P_first) ** (1 / (t_last - t_first)) - 1`` (closed form), and
    ``P(t) = P_last · (1 + r) ** (t - t_last)``; ``r`` is the rate shown.
``"table"``
    figures taken from a given projection table (official projections are often
    published); no fitting.

Projected figures are rounded half up to whole persons.

Examples
--------
>>> fit = fit_trend("A", {2021: 100, 2022: 110, 2023: 120}, 2025, method="linear")
>>> fit.rate, dict(fit.projected)
(Fraction(10, 1), {2024: 130, 2025: 140})
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from fractions import Fraction
from typing import Any, Literal, get_args

from attrs import field, frozen

from sportsgov.errors import InvalidInputError

__all__ = [
    "PROJECTION_METHODS",
    "ProjectionFit",
    "ProjectionMethod",
    "fit_trend",
]

ProjectionMethod = Literal["linear", "geometric", "table"]
PROJECTION_METHODS: tuple[str, ...] = get_args(ProjectionMethod)


def _years(value: Iterable[int]) -> tuple[int, ...]:
    return tuple(int(v) for v in value)


@frozen
class ProjectionFit:
    """How one region was projected: method, the years used and the fitted rate.

    Attributes
    ----------
    region
        Region code.
    method
        ``"linear"``, ``"geometric"`` or ``"table"``.
    years
        Known years the fit used (for ``"table"``: the years taken from the table).
    rate
        Linear: slope [persons/year]; geometric: yearly growth rate (a share, e.g.
        ``0.012``); ``None`` for ``"table"``.
    intercept
        Linear only: fitted population at ``years[0]`` [persons].
    projected
        ``{year: persons}`` added by the projection.
    """

    region: str
    method: str
    years: tuple[int, ...] = field(converter=_years)
    rate: Fraction | float | None
    intercept: Fraction | None = None
    projected: Mapping[int, int] = field(factory=dict)

    def to_data(self) -> dict[str, Any]:
        """Plain data (strings and numbers) for JSON."""
        return {
            "region": self.region,
            "method": self.method,
            "years": list(self.years),
            "rate": None if self.rate is None else str(self.rate),
            "intercept": None if self.intercept is None else str(self.intercept),
            "projected": {str(y): v for y, v in sorted(self.projected.items())},
        }


def _half_up(x: Fraction) -> int:
    return math.floor(x + Fraction(1, 2))


def _linear(points: list[tuple[int, int]]) -> tuple[Fraction, Fraction]:
    """Exact least squares slope and intercept (at the first year) of ``points``."""
    n = len(points)
    t0 = points[0][0]
    xs = [Fraction(t - t0) for t, _ in points]
    ys = [Fraction(p) for _, p in points]
    mx = sum(xs, Fraction(0)) / n
    my = sum(ys, Fraction(0)) / n
    sxx = sum(((x - mx) ** 2 for x in xs), Fraction(0))
    sxy = sum(((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)), Fraction(0))
    slope = sxy / sxx
    return slope, my - slope * mx


def fit_trend(
    region: str,
    history: Mapping[int, int],
    to_year: int,
    *,
    method: Literal["linear", "geometric"] = "linear",
    min_years: int = 3,
) -> ProjectionFit:
    """Fit a trend to one region's known figures and project it to ``to_year``.

    Parameters
    ----------
    region
        Region code (for the result and the messages).
    history
        Known figures ``{year: persons}`` (at least ``min_years`` of them).
    to_year
        Last year to project; every year after the last known year up to
        ``to_year`` is added (none when ``to_year`` is not after it).
    method
        ``"linear"`` or ``"geometric"`` (see the module docstring).
    min_years
        Fewest known years the fit needs (default 3).

    Returns
    -------
    ProjectionFit
        The years used, the fitted rate and the projected ``{year: persons}``.

    Raises
    ------
    InvalidInputError
        Fewer than ``min_years`` known years; a non-positive population for
        ``"geometric"``; an unknown method.

    Examples
    --------
    >>> fit = fit_trend("A", {2020: 1000, 2021: 1050, 2022: 1100}, 2024, method="geometric")
    >>> fit.projected[2024], round(float(fit.rate), 5)
    (1210, 0.04881)
    >>> fit_trend("A", {2020: 1000, 2021: 1050}, 2024)
    Traceback (most recent call last):
    ...
    sportsgov.errors.InvalidInputError: method='linear': region='A' has 2 known year(s) ...
    """
    code = region
    points = sorted(history.items())
    if method not in ("linear", "geometric"):
        raise InvalidInputError.bad("method", method, "expected one of 'linear', 'geometric'")
    if len(points) < min_years:
        raise InvalidInputError.bad(
            "method",
            method,
            f"region={code!r} has {len(points)} known year(s) "
            f"({', '.join(str(t) for t, _ in points)}); a trend needs >= {min_years}",
        )
    wanted = list(range(points[-1][0] + 1, to_year + 1))
    added: dict[int, int] = {}
    used = tuple(t for t, _ in points)
    if method == "linear":
        slope, intercept = _linear(points)
        for y in wanted:
            added[y] = max(0, _half_up(intercept + slope * (y - points[0][0])))
        return ProjectionFit(code, method, used, slope, intercept, added)
    (t0, p0), (t1, p1) = points[0], points[-1]
    if p0 <= 0 or p1 <= 0:
        raise InvalidInputError.bad(
            "method",
            method,
            f"region={code!r}: geometric growth needs positive populations",
        )
    rate = (p1 / p0) ** (1.0 / (t1 - t0)) - 1.0
    for y in wanted:
        added[y] = max(0, math.floor(p1 * (1.0 + rate) ** (y - t1) + 0.5))
    return ProjectionFit(code, method, used, rate, None, added)
