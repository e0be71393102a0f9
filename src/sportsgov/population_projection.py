"""Population projection (人口预测): trend extrapolation of a :class:`PopulationTable`.

A models-layer module beside :mod:`sportsgov.regions`: it needs only the table
itself, so :meth:`PopulationTable.project <sportsgov.regions.PopulationTable.project>`
can delegate here without importing anything above the models layer (the planning
package, a policy layer, uses it; it must not be imported by the models).

Methods, always stated in the result (never a silent extrapolation):

``"linear"``
    ordinary least squares ``P(t) = a + b·t`` over the region's known years
    (at least ``min_years``, default 3); the fitted slope ``b`` [persons/year] is
    the rate shown.
``"geometric"``
    constant compound growth between the first and the last known year,
    ``r = (P_last / P_first) ** (1 / (t_last - t_first)) - 1`` (closed form), and
    ``P(t) = P_last · (1 + r) ** (t - t_last)``; ``r`` is the rate shown.
``"table"``
    figures taken from a given projection table (official projections are often
    published); no fitting.

Projected figures are rounded half up to whole persons. Only regions with their own
figures are projected; parents roll up through the tree as usual.

Examples
--------
>>> from sportsgov.regions import PopulationTable
>>> pop = PopulationTable({("A", 2021): 100, ("A", 2022): 110, ("A", 2023): 120})
>>> p = pop.project(2025, method="linear")
>>> p.get("A", 2025), p.method, p.fits["A"].rate
(140, 'linear', Fraction(10, 1))
>>> p.fits["A"].years
(2021, 2022, 2023)
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from fractions import Fraction
from typing import Any, Literal, get_args

from attrs import field, frozen

from sportsgov.errors import DataError, InvalidInputError
from sportsgov.regions import PopulationTable

__all__ = [
    "PROJECTION_METHODS",
    "ProjectedPopulation",
    "ProjectionFit",
    "ProjectionMethod",
    "project_population",
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


def project_population(
    table: PopulationTable,
    to_year: int,
    *,
    method: ProjectionMethod = "linear",
    projections: PopulationTable | Mapping[tuple[str, int], int] | None = None,
    years: Iterable[int] | None = None,
    min_years: int = 3,
) -> ProjectedPopulation:
    """Project every region with its own figures to ``to_year`` [persons].

    Parameters
    ----------
    table
        The :class:`~sportsgov.regions.PopulationTable` with the history.
    to_year
        Last year to project; every year after a region's last known year up to
        ``to_year`` is added.
    method
        ``"linear"``, ``"geometric"`` or ``"table"`` (see the module docstring).
    projections
        For ``method="table"``: the published projection, a PopulationTable or a
        mapping ``{(region, year): persons}``.
    years
        Restrict the fit to these known years (default: all known years).
    min_years
        Fewest known years a trend fit needs (default 3).

    Returns
    -------
    ProjectedPopulation
        A :class:`~sportsgov.regions.PopulationTable` with ``method``, ``to_year``
        and ``fits`` (one :class:`ProjectionFit` per region) stating what was done.

    Raises
    ------
    InvalidInputError
        Unknown method; a region with fewer than ``min_years`` known years; a
        non-positive population for ``"geometric"``.
    DataError
        ``method="table"`` and the projection lacks a year that is needed.

    Examples
    --------
    >>> from sportsgov.regions import PopulationTable
    >>> pop = PopulationTable({("A", 2020): 1000, ("A", 2021): 1050, ("A", 2022): 1100})
    >>> p = project_population(pop, 2024, method="geometric")
    >>> p.get("A", 2024), round(float(p.fits["A"].rate), 5)
    (1210, 0.04881)
    >>> project_population(pop, 2024, method="cubic")
    Traceback (most recent call last):
    ...
    sportsgov.errors.InvalidInputError: method='cubic': expected one of 'linear', ...
    """
    if method not in PROJECTION_METHODS:
        raise InvalidInputError.bad(
            "method", method, "expected one of " + ", ".join(repr(m) for m in PROJECTION_METHODS)
        )
    if isinstance(to_year, bool) or not isinstance(to_year, int):
        raise InvalidInputError.bad("to_year", to_year, "expected a whole year such as 2025")
    if min_years < 2:
        raise InvalidInputError.bad("min_years", min_years, "must be >= 2")
    chosen = None if years is None else {int(y) for y in years}
    history: dict[str, list[tuple[int, int]]] = {}
    for (code, year), value in sorted(table.figures.items()):
        if chosen is None or year in chosen:
            history.setdefault(code, []).append((year, value))
    if method == "table":
        if projections is None:
            raise InvalidInputError.bad(
                "projections", None, "method='table' needs a projection table"
            )
        given = (
            projections
            if isinstance(projections, PopulationTable)
            else PopulationTable(dict(projections))
        )
    figures = dict(table.figures)
    fits: dict[str, ProjectionFit] = {}
    for code, points in history.items():
        last = points[-1][0]
        wanted = list(range(last + 1, to_year + 1))
        added: dict[int, int] = {}
        if method == "table":
            for y in wanted:
                try:
                    added[y] = given.get(code, y)
                except (DataError, InvalidInputError):
                    raise DataError(
                        f"region={code!r} year={y}: the projection table has no figure"
                    ) from None
            fits[code] = ProjectionFit(code, method, tuple(added), None, None, added)
        else:
            if len(points) < min_years:
                raise InvalidInputError.bad(
                    "method",
                    method,
                    f"region={code!r} has {len(points)} known year(s) "
                    f"({', '.join(str(t) for t, _ in points)}); a trend needs >= {min_years}",
                )
            used = tuple(t for t, _ in points)
            if method == "linear":
                slope, intercept = _linear(points)
                for y in wanted:
                    added[y] = max(0, _half_up(intercept + slope * (y - points[0][0])))
                fits[code] = ProjectionFit(code, method, used, slope, intercept, added)
            else:
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
                fits[code] = ProjectionFit(code, method, used, rate, None, added)
        for y, v in added.items():
            figures[(code, y)] = v
    first = min((p[0][0] for p in history.values()), default=to_year)
    label = f"{table.source or 'population'}: {method} projection to {to_year}"
    return ProjectedPopulation(
        figures,
        tree=table.tree,
        source=label,
        method=method,
        to_year=to_year,
        fits=fits,
        base_years=(first, max((p[-1][0] for p in history.values()), default=first)),
    )


@frozen
class ProjectedPopulation(PopulationTable):
    """A :class:`~sportsgov.regions.PopulationTable` extended by a projection.

    Attributes
    ----------
    method
        ``"linear"``, ``"geometric"`` or ``"table"``.
    to_year
        Last projected year.
    fits
        ``{region: ProjectionFit}``: years used and fitted rate per region.
    base_years
        ``(first, last)`` known year of the history.
    """

    method: str = field(default="linear", kw_only=True)
    to_year: int = field(default=0, kw_only=True)
    fits: Mapping[str, ProjectionFit] = field(factory=dict, kw_only=True, eq=False)
    base_years: tuple[int, int] = field(default=(0, 0), kw_only=True)

    def describe(self) -> str:
        """One line stating the method and the years used.

        Examples
        --------
        >>> pop = PopulationTable({("A", 2021): 1, ("A", 2022): 2, ("A", 2023): 3})
        >>> pop.project(2025, method="linear").describe()
        'linear projection to 2025 from the years 2021–2023'
        """
        a, b = self.base_years
        return f"{self.method} projection to {self.to_year} from the years {a}–{b}"

    def projection_data(self) -> dict[str, Any]:
        """The projection's statement as plain data (method, years, fits)."""
        return {
            "method": self.method,
            "to_year": self.to_year,
            "base_years": list(self.base_years),
            "fits": {c: f.to_data() for c, f in sorted(self.fits.items())},
        }
