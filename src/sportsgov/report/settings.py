"""The report's thresholds and sizes, with documented defaults, read from ``city.toml``.

Every number the report uses that is a choice rather than a fact lives here. A city
overrides any of them in a ``[report]`` table of its ``city.toml``::

    [report]
    coverage_met = 0.995      # share of residents inside the circle counted as "met"
    suggested_sites = 20      # how many new sites to suggest
    max_snap = "250 m"        # farthest a resident may be from the road network
    execution_tolerance = 0.03  # budget lines within 3 points of 序时进度 are on pace

A key that is not a setting is an error that names it (a typo must not silently keep
the default).

Examples
--------
>>> from sportsgov.report.settings import ReportSettings
>>> s = ReportSettings.from_table({"suggested_sites": 20, "max_snap": "250 m"})
>>> s.suggested_sites, s.max_snap, s.coverage_met
(20, 250.0, 0.999)
>>> ReportSettings.from_table({"sugested_sites": 20}, source="city.toml")
Traceback (most recent call last):
...
sportsgov.errors.DataError: city.toml, field report.sugested_sites: [report] sugested_sites: ...
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import attrs

from sportsgov.errors import DataError, InvalidInputError, UnitError

__all__ = ["ReportSettings"]


@attrs.frozen(kw_only=True)
class ReportSettings:
    """Thresholds and sizes of the scorecard report (defaults in brackets).

    Attributes
    ----------
    coverage_met : float [0.999]
        A district's fitness-circle coverage counts as *met* from this share of its
        residents inside the circle [fraction of 1]. Not exactly 1 so that a few
        residents of a grid cell on the boundary do not turn a complete circle red.
    coverage_on_track : float [0.9]
        Below ``coverage_met``, a district is *on track* from this share, *behind*
        under it [fraction of 1].
    candidate_limit : int [1500]
        Candidate sites for new facilities: the most populous uncovered grid points,
        at most this many (the greedy maximal-covering search grows with it).
    suggested_sites : int [10]
        How many new sites the coverage section suggests.
    max_snap : float [300.0]
        Road-network coverage: residents farther than this from the network are not
        snapped and count as uncovered [m]. In ``city.toml`` a number of metres or a
        quantity string such as ``"0.3 km"``.
    talent_years : int [2]
        The talent pipeline is projected this many years past ``[talent] start``
        when ``city.toml`` gives no ``[talent] horizon`` [years].
    plan_year : int [2025]
        The "next year" plan section (明年计划): the year whose year-end population
        (projected linearly when the table stops earlier) the area target is met in.
    plan_area_target : float [2.65]
        Venue area per resident to reach by the end of ``plan_year`` [m²/person]
        (the 2.65 m² of the Zhengzhou 2024 work points).
    plan_unit_cost : str ["2000元"]
        Cost of one m² of venue area, every kind [yuan/m²], for the cost of the area
        to add (illustrative; set your own).
    plan_budget : str ["5000万元"]
        The money the best portfolio of candidate projects may spend [Money text].
    plan_objective : str ["covered_population"]
        What the portfolio maximises: ``"covered_population"`` (residents brought
        into a fitness circle by the candidate sites) or ``"targets_met"`` (district
        area gaps of ``plan_year`` closed).
    scores_amber_rank : int [3]
        The ranking of the scores section (成绩排名): a district with deductions is
        shown *on track* (amber) when ranked at or above this place, *behind* (red)
        below it; a district without deductions is *met*. 0 shows every district
        with deductions red.
    execution_tolerance : float [0.05]
        The budget section: a line whose execution rate (spent / budget) is within
        this many points of the time progress (序时进度) is *on pace*, further above
        *ahead*, further below *behind* [fraction of 1: 0.05 = 5 percentage points;
        taken exactly at its decimal value]. Must be >= 0 and < 1.
    execution_basis : str ["day"]
        How the budget section counts 序时进度 of the calendar (fiscal) year:
        ``"day"`` (days elapsed through ``as_of`` / days in the year), ``"month"`` or
        ``"quarter"`` (whole months or quarters elapsed), as in
        :func:`~sportsgov.periods.time_progress`.

    Raises
    ------
    InvalidInputError
        A value outside its range (shares in (0, 1] with ``coverage_on_track <=
        coverage_met``; counts >= 1; ``max_snap`` > 0 m; ``scores_amber_rank`` >= 0;
        ``execution_tolerance`` in [0, 1); ``execution_basis`` one of the three;
        ``talent_years`` in 1..50).

    Examples
    --------
    >>> s = ReportSettings(execution_tolerance=0.03, execution_basis="month")
    >>> s.execution_tolerance, s.scores_amber_rank
    (0.03, 3)
    >>> ReportSettings(execution_basis="week")
    Traceback (most recent call last):
    ...
    sportsgov.errors.InvalidInputError: execution_basis='week': expected one of 'day', ...
    """

    coverage_met: float = 0.999
    coverage_on_track: float = 0.9
    candidate_limit: int = 1500
    suggested_sites: int = 10
    max_snap: float = 300.0
    talent_years: int = 2
    plan_year: int = 2025
    plan_area_target: float = 2.65
    plan_unit_cost: str = "2000元"
    plan_budget: str = "5000万元"
    plan_objective: str = "covered_population"
    scores_amber_rank: int = 3
    execution_tolerance: float = 0.05
    execution_basis: str = "day"

    def __attrs_post_init__(self) -> None:
        for name in ("coverage_met", "coverage_on_track"):
            value = getattr(self, name)
            if not 0 < value <= 1:
                raise InvalidInputError.bad(name, value, "must be a share in (0, 1]")
        if self.coverage_on_track > self.coverage_met:
            raise InvalidInputError.bad(
                "coverage_on_track",
                self.coverage_on_track,
                f"must be <= coverage_met={self.coverage_met}",
            )
        for name in ("candidate_limit", "suggested_sites"):
            if getattr(self, name) < 1:
                raise InvalidInputError.bad(name, getattr(self, name), "must be >= 1")
        if self.scores_amber_rank < 0:
            raise InvalidInputError.bad(
                "scores_amber_rank", self.scores_amber_rank, "must be >= 0"
            )
        if not self.max_snap > 0:
            raise InvalidInputError.bad(
                "max_snap", self.max_snap, "must be > 0 m", shown=f"{self.max_snap} m"
            )
        if not 1 <= self.talent_years <= 50:
            raise InvalidInputError.bad("talent_years", self.talent_years, "must be in 1..50")
        if not 2000 <= self.plan_year <= 2100:
            raise InvalidInputError.bad("plan_year", self.plan_year, "must be in 2000..2100")
        if not 0 < self.plan_area_target < 1000:
            raise InvalidInputError.bad(
                "plan_area_target", self.plan_area_target, "must be in (0, 1000) m²/person"
            )
        from sportsgov.money import Money

        for name in ("plan_unit_cost", "plan_budget"):
            try:
                amount = Money.parse(getattr(self, name))
            except InvalidInputError:
                raise InvalidInputError.bad(
                    name, getattr(self, name), "expected an amount of money such as '5000万元'"
                ) from None
            if amount < Money(0):
                raise InvalidInputError.bad(name, getattr(self, name), "must be >= 0")
        if self.plan_objective not in ("covered_population", "targets_met"):
            raise InvalidInputError.bad(
                "plan_objective",
                self.plan_objective,
                "expected one of 'covered_population', 'targets_met'",
            )
        if not 0 <= self.execution_tolerance < 1:
            raise InvalidInputError.bad(
                "execution_tolerance",
                self.execution_tolerance,
                "must be >= 0 and < 1 (a share: 0.05 = 5 percentage points)",
            )
        if self.execution_basis not in ("day", "month", "quarter"):
            raise InvalidInputError.bad(
                "execution_basis",
                self.execution_basis,
                "expected one of 'day', 'month', 'quarter'",
            )

    @classmethod
    def from_table(
        cls, table: Mapping[str, Any] | None, *, source: str = "city.toml"
    ) -> ReportSettings:
        """Settings from the ``[report]`` table of a ``city.toml`` (missing keys: defaults).

        Parameters
        ----------
        table
            The parsed ``[report]`` table, or None for all defaults.
        source
            Name of the file, for error messages.

        Raises
        ------
        DataError
            An unknown key, a value of the wrong type or out of range; the message
            names the key (``field`` is ``report.<key>``).

        Examples
        --------
        >>> ReportSettings.from_table({"max_snap": "0.25 km", "talent_years": 3}).max_snap
        250.0
        >>> ReportSettings.from_table({"talent_years": 0})
        Traceback (most recent call last):
        ...
        sportsgov.errors.DataError: city.toml, field report.talent_years: talent_years=0: ...
        """
        if table is None:
            return cls()
        if not isinstance(table, Mapping):
            raise DataError(
                f"report={table!r}: expected a [report] table", source=source, field="report"
            )
        fields = {f.name: f for f in attrs.fields(cls)}
        values: dict[str, Any] = {}
        for key, raw in table.items():
            if key not in fields:
                raise DataError(
                    f"[report] {key}: unknown key; expected one of {sorted(fields)}",
                    source=source,
                    field=f"report.{key}",
                )
            try:
                values[key] = _convert(key, raw, fields[key].type)
            except (InvalidInputError, UnitError) as exc:
                raise DataError(str(exc), source=source, field=f"report.{key}") from None
        try:
            return cls(**values)
        except InvalidInputError as exc:
            key = exc.argument or ""
            raise DataError(str(exc), source=source, field=f"report.{key}") from None


def _convert(key: str, raw: Any, kind: Any) -> float | int | str:
    if key == "max_snap":
        from sportsgov.units import magnitude_in

        if isinstance(raw, bool):
            raise InvalidInputError.bad(key, raw, "expected metres or a length such as '300 m'")
        text = raw if not isinstance(raw, int | float) else f"{raw} m"
        return float(magnitude_in(text, "m", argument=key))
    if kind in ("str", str):
        if not isinstance(raw, str):
            raise InvalidInputError.bad(key, raw, "expected a text value")
        return raw
    if kind in ("int", int):
        if isinstance(raw, bool) or not isinstance(raw, int):
            raise InvalidInputError.bad(key, raw, "expected a whole number")
        return raw
    if isinstance(raw, bool) or not isinstance(raw, int | float):
        raise InvalidInputError.bad(key, raw, "expected a number")
    return float(raw)
