"""Section 6: the next-year plan (明年计划) — gaps, area to add, sites, best portfolio.

Also the sections of ``sportsgov gaps`` and ``sportsgov whatif``. Everything is
computed by :mod:`sportsgov.planning` on the city evaluated by
:func:`~sportsgov.planning.evaluate_city`; this module only chooses inputs from
:class:`~sportsgov.report.settings.ReportSettings` and lays the results out.

* gaps: :func:`~sportsgov.planning.gaps` at ``as_of`` (each target's own deadline,
  or ``by``), against the population projected linearly to ``plan_year``;
* area: :func:`~sportsgov.planning.area_to_add` to reach ``plan_area_target`` m² per
  resident at the end of ``plan_year``, costed at ``plan_unit_cost`` per m²;
* sites: :func:`~sportsgov.planning.sites_to_reach` with share 1 (every resident
  inside a fitness circle: urban 10, rural 15 minutes), exact (HiGHS); candidates are
  the candidate projects with a location and every resident not yet covered;
* portfolio: :func:`~sportsgov.planning.best_portfolio` over the candidate projects
  (``projects.csv``, read by :class:`~sportsgov.planning.ProjectTable`) within
  ``plan_budget``, and the city re-evaluated with the chosen
  projects built (before/after).
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import numpy as np
from attrs import frozen

from sportsgov._i18n import Lang, t
from sportsgov.errors import DataError, InfeasibleError
from sportsgov.money import Money
from sportsgov.planning.projects import CandidateProject, ProjectTable
from sportsgov.report._charts import bars_vs_target
from sportsgov.report._context import Context, pct, scaled, wan
from sportsgov.report.document import Figure, Section, Table
from sportsgov.report.settings import ReportSettings

if TYPE_CHECKING:
    from sportsgov.planning import AreaPlan, CoverPlan, Gaps, Portfolio, ScenarioResult

__all__ = [
    "PlanData",
    "build",
    "compute",
    "layout",
    "scenario_section",
]

_EARTH_R = 6_371_008.8  # mean Earth radius [m], as in sportsgov.coverage


@frozen
class PlanData:
    """What the plan section computes, before any layout."""

    base: ScenarioResult  # the city as it is
    gaps: Gaps  # what is left of every target, and the pace to close it
    area: AreaPlan  # venue area to add by the end of plan_year [m²], and its cost
    cover: CoverPlan | None  # the fewest sites for full coverage (None: see cover_note)
    cover_note: str  # why there is no cover plan ("" when there is one)
    candidates: int  # candidate sites offered to the cover
    sites: tuple[tuple[float, float], ...]  # (lon, lat) of the cover's sites [WGS-84]
    projects: tuple[CandidateProject, ...]  # the candidate projects (projects.csv)
    portfolio: Portfolio | None  # the best projects within the budget (None: no projects)
    after: ScenarioResult | None  # the city with the portfolio built (None: no projects)
    budget: Money  # what the portfolio may spend
    year: int  # plan_year


def _xyz(lon: Any, lat: Any) -> Any:
    lo, la = np.radians(lon), np.radians(lat)
    return np.column_stack([np.cos(la) * np.cos(lo), np.cos(la) * np.sin(lo), np.sin(la)])


def _reach_rows(
    lon: Any, lat: Any, radius: Any, idx: Any, site_lon: Any, site_lat: Any
) -> list[Any]:
    """For each site, the demand indices (among ``idx``) within their own radius [m]."""
    from scipy.spatial import cKDTree

    if idx.size == 0:
        return [np.zeros(0, dtype=np.int64) for _ in range(len(site_lon))]
    pts = _xyz(lon[idx], lat[idx])
    tree = cKDTree(pts)
    sites = _xyz(np.asarray(site_lon, dtype=float), np.asarray(site_lat, dtype=float))
    chord = 2 * np.sin(float(radius[idx].max()) / (2 * _EARTH_R))
    out = []
    for v in sites:
        got = np.asarray(tree.query_ball_point(v, chord), dtype=np.int64)
        if got.size:
            half_chord = np.clip(np.linalg.norm(pts[got] - v, axis=1) / 2, 0, 1)
            dist = 2 * _EARTH_R * np.arcsin(half_chord)
            got = got[dist <= radius[idx][got]]
        out.append(np.sort(idx[got]))
    return out


def compute(
    city: Any,
    plan: Any,
    as_of: _dt.date,
    settings: ReportSettings,
    *,
    by: _dt.date | str | None = None,
    projects: Sequence[CandidateProject] | None = None,
    budget: Money | str | None = None,
    sites: bool = True,
) -> PlanData:
    """Gaps, area to add, full-coverage sites and the best portfolio for one city.

    ``projects`` default to the city's ``projects.csv`` (none without it); ``budget``
    to ``settings.plan_budget``; ``sites=False`` skips the full-coverage set cover.
    """
    from sportsgov.coverage import FITNESS_CIRCLES, CostTable, circle_coverage
    from sportsgov.coverage.presets import radius_by_settlement
    from sportsgov.planning import (
        AddArea,
        AddFacility,
        Need,
        Project,
        area_to_add,
        best_portfolio,
        evaluate_city,
        gaps,
        sites_to_reach,
    )

    year = settings.plan_year
    base = evaluate_city(city, plan=plan, as_of=as_of)
    # the population at every deadline (and at the end of plan_year): linear trend
    last = max([year] + [r.deadline.year for r in base.assessment.rows if r.deadline])
    pop = city.population
    try:
        pop.get(city.root_code, last)
    except (DataError, LookupError):
        pop = pop.project(last, method="linear")
    try:
        g = gaps(base.assessment.plan, base.assessment, by=by, population=pop)
    except DataError:  # a population the trend cannot give: gaps without the area to add
        g = gaps(base.assessment.plan, base.assessment, by=by)
    root = city.root_code
    districts = [r.code for r in city.regions.children(root)]
    area = area_to_add(
        Decimal(str(settings.plan_area_target)),
        {d: Decimal(str(round(base.area[d], 2))) for d in districts},
        pop,
        year=year,
        unit_costs={"*": settings.plan_unit_cost},
    )
    if projects is None:
        path = city.root / "projects.csv"
        projects = ProjectTable.from_file(path).rows if path.is_file() else ()
    projects = tuple(projects)
    cash = Money.parse(budget) if isinstance(budget, str) else budget
    if cash is None:
        cash = Money.parse(settings.plan_budget)

    cover, note, n_candidates = None, "", 0
    chosen_sites: list[tuple[float, float]] = []
    covers: list[Any] = [np.zeros(0, dtype=np.int64) for _ in projects]
    mask = None
    pop_grid = None
    if city.grid is not None and city.grid_regions is not None:
        district_of: dict[str, str] = {}
        for d in districts:
            for r in city.regions.descendants(d, include_self=True):
                district_of[r.code] = d
        by_pt = np.array([district_of.get(str(c), str(c)) for c in city.grid_regions])
        settlement = {d: city.regions.get(d).settlement for d in districts}
        facilities = city.facilities.to_points(datum="wgs84", as_of=as_of)
        mask = np.asarray(
            circle_coverage(
                city.grid, facilities, radius=FITNESS_CIRCLES, by=by_pt, regions=settlement
            ).covered
        )
        lon, lat = np.asarray(city.grid.lon), np.asarray(city.grid.lat)
        pop_grid = np.asarray(city.grid.weight, dtype=np.float64)
        radius = radius_by_settlement(settlement, by_pt)
        open_idx = np.flatnonzero(~mask)
        located = [i for i, p in enumerate(projects) if p.lon is not None]
        site_rows = _reach_rows(
            lon,
            lat,
            radius,
            open_idx,
            [projects[i].lon for i in located],
            [projects[i].lat for i in located],
        )
        for i, rows in zip(located, site_rows, strict=True):
            covers[i] = rows
        if sites and open_idx.size:
            # candidates: the located projects, then every uncovered resident's own point
            own = _reach_rows(lon, lat, radius, open_idx, lon[open_idx], lat[open_idx])
            columns = site_rows + own
            n_candidates = len(columns)
            demand = np.concatenate(columns)
            supply = np.concatenate([np.full(c.size, j) for j, c in enumerate(columns)])
            table = CostTable.from_arrays(
                demand,
                supply,
                np.zeros(demand.size),
                shape=(lon.size, n_candidates),
            )
            try:
                cover = sites_to_reach(
                    pop_grid, table, share=1, threshold=0.0, by=by_pt.tolist(), existing=mask
                )
            except InfeasibleError as exc:
                note = str(exc)
            else:
                site_lon = [float(projects[i].lon or 0) for i in located] + lon[open_idx].tolist()
                site_lat = [float(projects[i].lat or 0) for i in located] + lat[open_idx].tolist()
                chosen_sites = [(site_lon[j], site_lat[j]) for j in cover.sites]
    portfolio = after = None
    if projects:
        candidates = [
            Project(
                p.id,
                p.cost,
                adds={"area_m2": p.area},
                region=p.region,
                covers=covers[i].tolist(),
                name=p.name,
            )
            for i, p in enumerate(projects)
        ]
        objective = settings.plan_objective
        if objective == "covered_population" and pop_grid is None:
            objective = "targets_met"
        if objective == "covered_population":
            portfolio = best_portfolio(
                candidates,
                cash,
                objective="covered_population",
                population=pop_grid,
                covered=mask,
            )
        else:
            needs = [
                Need(f"area@{r.region}", "area_m2", r.to_add, region=r.region)
                for r in area.rows
                if r.to_add > 0
            ]
            portfolio = best_portfolio(candidates, cash, objective="targets_met", needs=needs)
        by_id = {p.id: p for p in projects}
        changes: list[Any] = []
        for pid in portfolio.chosen:
            p = by_id[pid]
            if p.lon is not None:
                changes.append(
                    AddFacility(p.id, p.kind, p.region, p.area, lon=p.lon, lat=p.lat, cost=p.cost)
                )
            else:
                changes.append(AddArea(p.region, p.area, facility_kind=p.kind, cost=p.cost))
        after = evaluate_city(city, changes, plan=plan, as_of=as_of)
    return PlanData(
        base=base,
        gaps=g,
        area=area,
        cover=cover,
        cover_note=note,
        candidates=n_candidates,
        sites=tuple(chosen_sites),
        projects=projects,
        portfolio=portfolio,
        after=after,
        budget=cash,
        year=year,
    )


def _num(value: Any, places: int = 2) -> float | None:
    return None if value is None else round(float(value), places)


def gaps_table(data: PlanData, names: dict[str, str], lang: Lang) -> Table:
    """Open gaps (shortfall > 0): target, region, shortfall, pace per month, on course."""
    rows, status = [], []
    for r in data.gaps.rows:
        if not r.shortfall:
            continue
        unit = scaled(r.value, r.unit, lang)[1]
        rows.append(
            (
                r.target_id,
                names.get(r.region, r.region),
                unit,
                _num(scaled(r.actual, r.unit, lang)[0]),
                _num(scaled(r.value, r.unit, lang)[0]),
                _num(scaled(r.shortfall, r.unit, lang)[0]),
                _num(scaled(r.per_month, r.unit, lang)[0]),
                r.deadline.isoformat(),
                t("plan.yes" if r.on_course else "plan.no", lang),
            )
        )
        status.append("on_track" if r.on_course else "behind")
    return Table(
        key="gaps",
        columns=(
            t("col.target_id", lang),
            t("col.region", lang),
            t("col.unit", lang),
            t("col.actual", lang),
            t("col.target", lang),
            t("col.shortfall", lang),
            t("col.per_month", lang),
            t("col.deadline", lang),
            t("col.on_course", lang),
        ),
        rows=rows,
        status=status,
        caption=t("cap.gaps", lang, as_of=data.gaps.as_of.isoformat()),
    )


def area_table(data: PlanData, names: dict[str, str], lang: Lang) -> Table:
    """Area to add per district for the per-capita target of ``plan_year``, costed."""
    rows = [
        (
            names.get(r.region, r.region),
            r.population,
            _num(r.area_now, 0),
            _num(r.needed, 0),
            _num(r.to_add, 0),
            wan(r.cost) if r.cost is not None else None,
        )
        for r in data.area.rows
    ]
    return Table(
        key="area_to_add",
        columns=(
            t("col.region", lang),
            t("col.population_year", lang, year=data.year),
            t("col.area", lang),
            t("col.area_needed", lang),
            t("col.area_to_add", lang),
            t("col.cost_wan", lang),
        ),
        rows=rows,
        caption=t(
            "cap.area_to_add",
            lang,
            target=data.area.target,
            year=data.year,
            source=data.area.population_source,
        ),
    )


def before_after_table(before: Any, after: Any, names: dict[str, str], lang: Lang) -> Table:
    """Per district: area per resident, coverage, score and rank, before and after."""
    rows = []
    for code in before.ranks or before.coverage:
        if code not in before.per_capita:
            continue
        rows.append(
            (
                names.get(code, code),
                _num(before.per_capita.get(code), 3),
                _num(after.per_capita.get(code), 3),
                pct(before.coverage[code]) if code in before.coverage else None,
                pct(after.coverage[code]) if code in after.coverage else None,
                _num(before.scores.get(code)),
                _num(after.scores.get(code)),
                before.ranks.get(code),
                after.ranks.get(code),
            )
        )
    return Table(
        key="before_after",
        columns=(
            t("col.region", lang),
            t("col.per_capita_before", lang),
            t("col.per_capita_after", lang),
            t("col.coverage_before", lang),
            t("col.coverage_after", lang),
            t("col.score_before", lang),
            t("col.score_after", lang),
            t("col.rank_before", lang),
            t("col.rank_after", lang),
        ),
        rows=rows,
        caption=t("cap.before_after", lang),
    )


def _flips_table(d: Any, names: dict[str, str], lang: Lang) -> Table:
    return Table(
        key="flips",
        columns=(
            t("col.target_id", lang),
            t("col.region", lang),
            t("col.status_before", lang),
            t("col.status_after", lang),
        ),
        rows=[
            (
                f.target,
                names.get(f.region, f.region),
                t(f"status.{f.before}", lang),
                t(f"status.{f.after}", lang),
            )
            for f in d.flips
        ],
        status=[f.after for f in d.flips],
        caption=t("cap.flips", lang),
    )


def _names(city: Any) -> dict[str, str]:
    return {r.code: r.name for r in city.regions}


def layout(
    data: PlanData,
    city: Any,
    lang: Lang,
    *,
    key: str = "plan",
    charts: bool = False,
    cjk: bool = False,
    parts: Sequence[str] = ("gaps", "area", "sites", "portfolio"),
) -> Section:
    """Lay out ``parts`` of the plan data as a report section."""
    from sportsgov.planning import diff

    names = _names(city)
    paragraphs: list[str] = []
    tables: list[Table] = []
    figures: list[Figure] = []
    out: dict[str, Any] = {"year": data.year}
    if "gaps" in parts:
        off = data.gaps.off_course()
        paragraphs.append(
            t(
                "para.gaps",
                lang,
                open=sum(1 for r in data.gaps.rows if r.shortfall),
                off=len(off),
                as_of=data.gaps.as_of.isoformat(),
            )
        )
        tables.append(gaps_table(data, names, lang))
        out["gaps"] = data.gaps.to_data()
    if "area" in parts:
        paragraphs.append(
            t(
                "para.area_to_add",
                lang,
                target=data.area.target,
                year=data.year,
                area=f"{float(data.area.total_to_add):,.0f}",
                cost=wan(data.area.total_cost) if data.area.total_cost is not None else "—",
            )
        )
        tables.append(area_table(data, names, lang))
        out["area_to_add"] = data.area.to_data()
        if charts:
            districts = [r.region for r in data.area.rows]
            per_capita = [float(data.base.per_capita[d]) for d in districts]
            label_lang: Lang = lang if cjk else "en"
            png = bars_vs_target(
                [names.get(d, d) if cjk else d for d in districts],
                per_capita,
                float(data.area.target),
                ylabel=t("col.per_capita", label_lang),
                title=t("fig.plan_area", label_lang, year=data.year),
            )
            figures.append(
                Figure(
                    key=f"{key}_area",
                    title=t("fig.plan_area", lang, year=data.year),
                    png=png,
                    alt=t("fig.plan_area", lang, year=data.year),
                )
            )
    if "sites" in parts:
        if data.cover is not None:
            chosen = list(data.cover.sites)
            located = sum(1 for p in data.projects if p.lon is not None)
            from_projects = sum(1 for j in chosen if j < located)
            paragraphs.append(
                t(
                    "para.sites_to_reach",
                    lang,
                    sites=len(chosen),
                    projects=from_projects,
                    candidates=data.candidates,
                    optimal=t("plan.optimal" if data.cover.optimal else "plan.not_optimal", lang),
                )
            )
            out["sites_to_reach"] = {
                **data.cover.to_data(),
                "sites_lonlat": [list(s) for s in data.sites],
                "candidates": data.candidates,
            }
        elif data.cover_note:
            paragraphs.append(t("para.sites_infeasible", lang, why=data.cover_note))
            out["sites_to_reach"] = {"error": data.cover_note}
    if "portfolio" in parts and data.portfolio is not None:
        p = data.portfolio
        by_id = {c.id: c for c in data.projects}
        paragraphs.append(
            t(
                "para.portfolio",
                lang,
                budget=wan(data.budget),
                chosen=len(p.chosen),
                offered=len(data.projects),
                cost=wan(p.cost),
                objective=t(f"objective.{p.objective}", lang),
                value=f"{float(p.value):,.0f}",
                optimal=t("plan.optimal" if p.optimal else "plan.not_optimal", lang),
            )
        )
        tables.append(
            Table(
                key="portfolio",
                columns=(
                    t("col.project", lang),
                    t("col.region", lang),
                    t("col.kind", lang),
                    t("col.area_m2", lang),
                    t("col.cost_wan", lang),
                ),
                rows=[
                    (
                        by_id[i].name,
                        names.get(by_id[i].region, by_id[i].region),
                        by_id[i].kind,
                        int(by_id[i].area),
                        wan(by_id[i].cost),
                    )
                    for i in p.chosen
                ],
                caption=t("cap.portfolio", lang, budget=wan(data.budget)),
            )
        )
        out["portfolio"] = p.to_data()
        if data.after is not None:
            tables.append(before_after_table(data.base, data.after, names, lang))
            d = diff(data.base, data.after)
            if d.flips:
                tables.append(_flips_table(d, names, lang))
            out["diff"] = d.to_data()
            if charts:
                figures.append(_coverage_figure(data.base, data.after, names, lang, cjk, key))
    return Section(
        key=key,
        title=t(f"section.{key}", lang),
        paragraphs=tuple(paragraphs),
        tables=tuple(tables),
        figures=tuple(figures),
        data=out,
    )


def _coverage_figure(
    before: Any, after: Any, names: dict[str, str], lang: Lang, cjk: bool, key: str
) -> Figure:
    codes = [c for c in after.coverage if c in before.ranks]
    label_lang: Lang = lang if cjk else "en"
    png = bars_vs_target(
        [names.get(c, c) if cjk else c for c in codes],
        [float(after.coverage[c]) for c in codes],
        None,
        ylabel=t("col.coverage_after", label_lang),
        title=t("fig.coverage_after", label_lang),
    )
    return Figure(
        key=f"{key}_coverage",
        title=t("fig.coverage_after", lang),
        png=png,
        alt=t("fig.coverage_after", lang),
    )


def scenario_section(
    city: Any,
    scenario: Any,
    lang: Lang,
    *,
    plan: Any = None,
    as_of: _dt.date | None = None,
    charts: bool = False,
    cjk: bool = False,
) -> Section:
    """The what-if section of a :class:`~sportsgov.planning.Scenario` on ``city``."""
    from sportsgov.planning import diff, evaluate_city

    plan = plan if plan is not None else scenario.plan
    as_of = as_of if as_of is not None else scenario.as_of
    before = evaluate_city(city, plan=plan, as_of=as_of)
    after = evaluate_city(city, scenario.changes, plan=plan, as_of=as_of)
    d = diff(before, after)
    names = _names(city)
    paragraphs = [
        t(
            "para.whatif",
            lang,
            name=scenario.name or "—",
            changes=len(scenario.changes),
            flips=len(d.flips),
            moves=len(d.rank_moves),
            money=wan(d.money_spent),
        )
    ]
    tables = [before_after_table(before, after, names, lang)]
    if d.flips:
        tables.append(_flips_table(d, names, lang))
    figures = [_coverage_figure(before, after, names, lang, cjk, "whatif")] if charts else []
    return Section(
        key="whatif",
        title=t("section.whatif", lang),
        paragraphs=tuple(paragraphs),
        tables=tuple(tables),
        figures=tuple(figures),
        data={
            "scenario": scenario.to_data(),
            "before": before.to_data(),
            "after": after.to_data(),
            "diff": d.to_data(),
        },
    )


def build(ctx: Context) -> Section:
    """Compute and lay out the next-year plan section of the report."""
    data = compute(ctx.city, ctx.plan, ctx.as_of, ctx.settings)
    return layout(data, ctx.city, ctx.lang, charts=ctx.charts, cjk=ctx.cjk)
