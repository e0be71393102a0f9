"""Population projection (sportsgov.regions.projection and .population, PopulationTable.project).

Independent checks: numpy.polyfit for the linear trend; the closed-form compound
growth rate for the geometric trend; a given projection table taken verbatim.
"""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from sportsgov.errors import DataError, InvalidInputError
from sportsgov.regions import PopulationTable, ProjectedPopulation, RegionTree, project_population
from sportsgov.regions.projection import fit_trend


@given(
    st.lists(st.integers(1_000, 5_000_000), min_size=3, max_size=8),
    st.integers(1, 6),
)
def test_linear_matches_numpy_polyfit(values: list[int], ahead: int) -> None:
    years = list(range(2015, 2015 + len(values)))
    pop = PopulationTable({("A", y): v for y, v in zip(years, values, strict=True)})
    to = years[-1] + ahead
    p = pop.project(to, method="linear")
    slope, intercept = np.polyfit(years, values, 1)
    expected = slope * to + intercept
    assert abs(p.get("A", to) - max(0.0, expected)) <= 0.5 + 1e-6 * abs(expected)
    assert float(p.fits["A"].rate) == pytest.approx(slope, rel=1e-9, abs=1e-6)
    assert p.fits["A"].years == tuple(years)
    assert isinstance(p, ProjectedPopulation) and p.method == "linear"


@given(
    st.lists(st.integers(1_000, 5_000_000), min_size=3, max_size=8),
    st.integers(1, 6),
)
def test_geometric_closed_form(values: list[int], ahead: int) -> None:
    years = list(range(2015, 2015 + len(values)))
    pop = PopulationTable({("A", y): v for y, v in zip(years, values, strict=True)})
    to = years[-1] + ahead
    p = pop.project(to, method="geometric")
    rate = (values[-1] / values[0]) ** (1 / (len(values) - 1)) - 1
    assert p.fits["A"].rate == pytest.approx(rate, rel=1e-12, abs=1e-15)
    assert p.get("A", to) == math.floor(values[-1] * (1 + rate) ** ahead + 0.5)


def test_worked_example_and_roll_up() -> None:
    tree = RegionTree.from_records(
        [
            {"code": "C", "name": "City", "level": "city", "parent": None},
            {"code": "D1", "name": "One", "level": "district", "parent": "C"},
            {"code": "D2", "name": "Two", "level": "district", "parent": "C"},
        ]
    )
    figures = {("D1", 2021): 100, ("D1", 2022): 104, ("D1", 2023): 105}
    figures |= {("D2", 2021): 200, ("D2", 2022): 200, ("D2", 2023): 200}
    pop = PopulationTable(figures, tree=tree)
    p = pop.project(2025, method="linear")
    # D1: least squares slope = (105 - 100) / 2 = 2.5, mean 103 at 2022 -> 2025: 110.5 -> 111
    assert p.get("D1", 2025) == 111
    assert p.get("D1", 2024) == 108  # 105.5 + ... = 103 + 2.5*2 = 108
    assert p.get("C", 2025) == 311  # the parent rolls up
    assert p.describe() == "linear projection to 2025 from the years 2021–2023"
    assert p.projection_data()["fits"]["D1"]["rate"] == "5/2"
    # the original table is untouched (frozen; projection is a new object)
    with pytest.raises(DataError):
        pop.get("D1", 2025)


def test_table_method_uses_the_published_projection() -> None:
    pop = PopulationTable({("A", 2023): 100})
    p = pop.project(2025, method="table", projections={("A", 2024): 120, ("A", 2025): 130})
    assert (p.get("A", 2024), p.get("A", 2025), p.method) == (120, 130, "table")
    with pytest.raises(DataError, match=r"region='A' year=2025: the projection table"):
        pop.project(2025, method="table", projections={("A", 2024): 120})


def test_refuses_short_history_and_bad_method() -> None:
    pop = PopulationTable({("A", 2022): 100, ("A", 2023): 110})
    with pytest.raises(InvalidInputError, match=r"region='A' has 2 known year\(s\).*needs >= 3"):
        pop.project(2025, method="linear")
    with pytest.raises(InvalidInputError, match=r"method='spline': expected one of 'linear'"):
        project_population(pop, 2025, method="spline")  # type: ignore[arg-type]
    with pytest.raises(InvalidInputError, match="method='table' needs a projection table"):
        pop.project(2025, method="table")
    with pytest.raises(InvalidInputError, match="to_year='2025'"):
        pop.project("2025")  # type: ignore[arg-type]


def test_years_selects_the_fit_window() -> None:
    pop = PopulationTable(
        {("A", y): v for y, v in [(2019, 50), (2021, 100), (2022, 110), (2023, 120)]}
    )
    p = pop.project(2024, method="linear", years=[2021, 2022, 2023])
    assert p.get("A", 2024) == 130 and p.fits["A"].years == (2021, 2022, 2023)


# -- the pure fit (sportsgov.regions.projection), without a table -------------------


@given(
    st.dictionaries(st.integers(2000, 2030), st.integers(0, 5_000_000), min_size=3, max_size=8),
    st.integers(0, 6),
)
@example({2006: 4460891, 2007: 0, 2008: 4461015}, 0)  # polyfit's 62.000001 for 62
def test_fit_trend_linear_matches_exact_least_squares(history: dict[int, int], ahead: int) -> None:
    # oracle: ordinary least squares in exact fractions (numpy.polyfit on raw years
    # near 2000 is ill-conditioned: it gave 62.000001 for an exact slope of 62)
    years = sorted(history)
    to = years[-1] + ahead
    fit = fit_trend("A", history, to, method="linear")
    x_bar = Fraction(sum(years), len(years))
    y_bar = Fraction(sum(history.values()), len(years))
    slope = sum((x - x_bar) * (history[x] - y_bar) for x in years) / sum(
        (x - x_bar) ** 2 for x in years
    )
    assert float(fit.rate) == pytest.approx(float(slope), rel=1e-12, abs=1e-9)
    check = np.polyfit(np.array(years) - float(x_bar), [history[y] for y in years], 1)[0]
    assert float(fit.rate) == pytest.approx(check, rel=1e-9, abs=1e-6)  # and numpy, centred
    assert fit.years == tuple(years)
    assert sorted(fit.projected) == list(range(years[-1] + 1, to + 1))
    for y, v in fit.projected.items():
        expected = float(y_bar + slope * (y - x_bar))
        assert abs(v - max(0.0, expected)) <= 0.5 + 1e-9 * abs(expected)


def test_fit_trend_is_what_the_table_projection_uses() -> None:
    history = {2020: 1000, 2021: 1050, 2022: 1100}
    pop = PopulationTable({("A", y): v for y, v in history.items()})
    for method in ("linear", "geometric"):
        fit = fit_trend("A", history, 2025, method=method)
        assert pop.project(2025, method=method).fits["A"] == fit


def test_fit_trend_refuses_bad_input() -> None:
    with pytest.raises(InvalidInputError, match=r"^method='linear': region='A' has 2 known"):
        fit_trend("A", {2020: 1, 2021: 2}, 2025)
    with pytest.raises(InvalidInputError, match=r"^method='table': expected one of 'linear'"):
        fit_trend("A", {2020: 1, 2021: 2, 2022: 3}, 2025, method="table")
    with pytest.raises(InvalidInputError, match="geometric growth needs positive"):
        fit_trend("A", {2020: 0, 2021: 2, 2022: 3}, 2025, method="geometric")
