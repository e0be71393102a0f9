"""Build the scorecard report for a city: every calculator, one section each.

:func:`build_report` is what ``sportsgov report`` runs. It loads a city data directory
(:class:`~sportsgov.citydata.CityData`; the bundled sample city by default), computes

1. per-capita venue area (人均体育场地面积), pitches per 10,000 and instructors per 1,000
   by district against the plan's targets;
2. fitness-circle coverage (urban 10 / rural 15 minutes, by great circle and along the
   roads) with the top suggested sites;
3. the talent pipeline projection and the "2351" school standard;
4. budget execution against time progress (序时进度) and the subsidy ledger;
5. the plan assessment and the automatic district scores and ranking with the reasons
   for every point lost,

and returns a :class:`~sportsgov.report.document.Report` to render with
:mod:`sportsgov.report.render`. Sections whose input files are absent are left out and
listed in ``report.meta["skipped"]``.

Examples
--------
>>> from sportsgov.report import build_report
>>> report = build_report(lang="en", charts=False)
>>> [s.key for s in report.sections]
['indicators', 'coverage', 'talent', 'budget', 'scores']
>>> report.meta["as_of"], report.meta["synthetic"]
('2024-09-30', True)
"""

from __future__ import annotations

import datetime as _dt
import time
from collections.abc import Callable
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import numpy as np

from sportsgov._i18n import MESSAGES, Lang, t
from sportsgov._version import __version__
from sportsgov.citydata import CityData
from sportsgov.errors import InvalidInputError
from sportsgov.report import _charts
from sportsgov.report.document import Cell, Figure, Report, Section, Table

__all__ = ["Progress", "build_report"]

Progress = Callable[[float, str], None]
"""Progress callback: ``progress(fraction_done, message)``."""

_SECTIONS = ("indicators", "coverage", "talent", "budget", "scores")


class _Context:
    """What every section builder needs, computed once."""

    def __init__(
        self, city: CityData, plan: Any, as_of: _dt.date, lang: Lang, charts: bool
    ) -> None:
        self.city = city
        self.plan = plan
        self.as_of = as_of
        self.lang = lang
        self.charts = charts
        self.cjk = _charts.has_cjk_font() if charts else False
        root = city.root_code
        self.root = root
        self.districts = [r.code for r in city.regions.children(root)]
        self.names = {r.code: r.name for r in city.regions}
        self.settlement = {r.code: r.settlement for r in city.regions}
        # leaf or street code -> district code (child of the root)
        self.district_of: dict[str, str] = {}
        for d in self.districts:
            for r in city.regions.descendants(d, include_self=True):
                self.district_of[r.code] = d
        self.observations: list[Any] = []  # computed observations fed to the assessment

    def label(self, code: str) -> str:
        """A region's display name (its code when charts cannot draw Chinese)."""
        return self.names.get(code, code)

    def chart_label(self, code: str) -> str:
        return (
            self.label(code)
            if self.cjk or (self.lang == "en" and self.label(code).isascii())
            else code
        )

    def target_value(self, indicator: str) -> float | None:
        """The city-wide target on ``indicator`` in force at ``as_of`` (None if there is none)."""
        from sportsgov.errors import NotFoundError

        try:
            target = self.plan.target_for(indicator, as_of=self.as_of, outside="none")
        except NotFoundError:  # the plan does not use this indicator at all
            return None
        if target is None or target.comparator not in (">=", ">", "<=", "<", "=="):
            return None
        return float(target.value)

    def observe(self, indicator: str, region: str, value: Any, unit: str | None = None) -> None:
        from sportsgov.assessment import Observation

        self.observations.append(Observation(indicator, region, value, self.as_of, unit=unit))


def _f(value: Any) -> float:
    return float(getattr(value, "magnitude", value))


def _pct(value: float | Fraction | Decimal) -> str:
    return f"{float(value):.1%}"


def _wan(money: Any) -> str:
    """Money as a number of 万元 with thousands separators (the column header names the unit)."""
    return str(format(money, ",.2万元")).removesuffix("万元")


def _yuan(money: Any) -> str:
    """Money in 元 with thousands separators."""
    return str(format(money, ",")).removesuffix("元")


def _scaled(value: Any, unit: str | None, lang: Lang) -> tuple[Cell, str]:
    """A target/actual value for display and its unit label: yuan is shown in 亿元."""
    if value is None:
        return None, ""
    number = float(getattr(value, "magnitude", value))
    if unit == "yuan":
        return round(number / 1e8, 2), t("unit.yuan_1e8", lang)
    if unit in (None, "", "count"):
        return number, ""
    key = f"unit.{unit}"
    return number, t(key, lang) if key in MESSAGES else str(unit)


# ---------------------------------------------------------------------------------------
def _indicators(ctx: _Context) -> Section:
    from sportsgov.indicators import instructors_per_1000, per_capita_area, pitches_per_10k

    city, lang = ctx.city, ctx.lang
    codes = [ctx.root, *ctx.districts]
    area = per_capita_area(
        city.facilities, city.population, region=codes, as_of=ctx.as_of, tree=city.regions
    )
    pitches = pitches_per_10k(
        city.facilities, city.population, region=codes, as_of=ctx.as_of, tree=city.regions
    )
    instr: list[Any] = [None] * len(codes)
    if city.instructors:
        year = max(int(r["year"]) for r in city.instructors if int(r["year"]) <= ctx.as_of.year)
        counts = {
            r["region"]: int(r["instructors"]) for r in city.instructors if int(r["year"]) == year
        }
        per_1000 = instructors_per_1000(
            counts, city.population, region=codes, as_of=ctx.as_of, tree=city.regions
        )
        instr = per_1000 if isinstance(per_1000, list) else [per_1000]
    target_area = ctx.target_value("per_capita_area")
    target_pitch = ctx.target_value("pitches_per_10k")
    rows = []
    status = []
    for code, a, p, i in zip(codes, area, pitches, instr, strict=True):
        value = _f(a.value)
        ctx.observe("per_capita_area", code, Decimal(str(round(value, 4))), "m^2/person")
        ctx.observe("pitches_per_10k", code, Decimal(str(round(_f(p.value), 4))))
        met = target_area is None or value >= target_area
        status.append("met" if met else "behind")
        rows.append(
            (
                ctx.label(code),
                t(f"settlement.{ctx.settlement.get(code, 'mixed')}", lang),
                int(
                    a.denominator
                    if not hasattr(a.denominator, "magnitude")
                    else a.denominator.magnitude
                ),
                round(_f(a.numerator)),
                round(value, 3),
                round(_f(p.value), 3),
                None if i is None else round(_f(i.value), 2),
                t("status.met" if met else "status.below", lang),
            )
        )
    table = Table(
        key="indicators",
        columns=(
            t("col.region", lang),
            t("col.settlement", lang),
            t("col.population", lang),
            t("col.area", lang),
            t("col.per_capita", lang),
            t("col.pitches", lang),
            t("col.instructors", lang),
            t("col.status", lang),
        ),
        rows=rows,
        status=status,
        caption=t("cap.indicators", lang, as_of=ctx.as_of.isoformat(), target=target_area or "—"),
    )
    figures = []
    if ctx.charts:
        png = _charts.bars_vs_target(
            [ctx.chart_label(c) for c in ctx.districts],
            [_f(a.value) for a in area[1:]],
            target_area,
            ylabel=t("col.per_capita", lang if ctx.cjk else "en"),
            title=t("fig.per_capita", lang)
            if ctx.cjk or lang == "en"
            else "per-capita venue area",
        )
        figures.append(
            Figure(
                key="per_capita_area",
                title=t("fig.per_capita", lang),
                png=png,
                alt=t("fig.per_capita", lang),
            )
        )
    city_value = _f(area[0].value)
    paragraphs = (
        t(
            "para.indicators",
            lang,
            city=ctx.city.name,
            value=f"{city_value:.2f}",
            target=target_area or "—",
            pitches=f"{_f(pitches[0].value):.2f}",
            pitch_target=target_pitch or "—",
        ),
    )
    data = {
        "per_capita_area": {c: _f(a.value) for c, a in zip(codes, area, strict=True)},
        "pitches_per_10k": {c: _f(p.value) for c, p in zip(codes, pitches, strict=True)},
        "population_year": getattr(area[0], "population_year", None),
    }
    return Section(
        key="indicators",
        title=t("section.indicators", lang),
        paragraphs=paragraphs,
        tables=(table,),
        figures=tuple(figures),
        data=data,
    )


# ---------------------------------------------------------------------------------------
def _facility_points(ctx: _Context) -> Any:
    """In-service facilities as WGS-84 Points (rows recorded in GCJ-02 are converted)."""
    inv = ctx.city.facilities
    if inv.lon is None or inv.lat is None or inv.datum is None:
        raise InvalidInputError.bad(
            "facilities", None, "coverage needs facility coordinates (lon, lat)"
        )
    return inv.to_points(datum="wgs84", as_of=ctx.as_of)


def _coverage(ctx: _Context) -> Section:
    from sportsgov.coverage import (
        FITNESS_CIRCLES,
        Points,
        circle_coverage,
        radius_by_settlement,
        suggest_sites,
    )

    city, lang = ctx.city, ctx.lang
    assert city.grid is not None
    demand = city.grid
    by = np.array([ctx.district_of.get(str(c), str(c)) for c in city.grid_regions])
    facilities = _facility_points(ctx)
    settlement = {d: ctx.settlement[d] for d in ctx.districts}
    sphere = circle_coverage(demand, facilities, radius=FITNESS_CIRCLES, by=by, regions=settlement)
    road = None
    if city.roads is not None:
        road = circle_coverage(
            demand,
            facilities,
            radius=FITNESS_CIRCLES,
            by=by,
            regions=settlement,
            network=city.roads,
            max_snap=300.0,
            add_snap=True,
        )
    # where to build next: greedy maximal covering over the uncovered residents
    unc = ~np.asarray(sphere.covered)
    sites_table = None
    site_lon = site_lat = np.array([])
    selection = None
    if unc.any():
        weights = np.asarray(demand.weight)[unc]
        order = np.argsort(-weights, kind="stable")[:1500]
        u_lon, u_lat = np.asarray(demand.lon)[unc], np.asarray(demand.lat)[unc]
        demand_u = Points(u_lon, u_lat, weight=weights)
        candidates = Points(u_lon[order], u_lat[order])
        # each resident's own circle: urban 10 minutes, rural 15 minutes
        radius = radius_by_settlement(settlement, by[unc])
        selection = suggest_sites(demand_u, candidates, radius=radius, count=10)
        site_idx = order[np.asarray(selection.sites, dtype=int)]
        site_lon, site_lat = u_lon[site_idx], u_lat[site_idx]
        u_by = by[unc][site_idx]
        sites_table = Table(
            key="sites",
            columns=(
                "#",
                t("col.region", lang),
                t("col.lon", lang),
                t("col.lat", lang),
                t("col.gain", lang),
            ),
            rows=[
                (
                    k + 1,
                    ctx.label(str(u_by[k])),
                    f"{float(site_lon[k]):.5f}",
                    f"{float(site_lat[k]):.5f}",
                    round(float(g)),
                )
                for k, g in enumerate(selection.gains)
            ],
            caption=t(
                "cap.sites",
                lang,
                urban=round(FITNESS_CIRCLES.for_settlement("urban").radius),
                rural=round(FITNESS_CIRCLES.for_settlement("rural").radius),
            ),
        )
    rows, status = [], []
    shares = {}
    for d in ctx.districts:
        reg = sphere.regions[d]
        share = float(reg.share or 0.0)
        shares[d] = share
        ctx.observe("fitness_circle_coverage", d, Decimal(str(round(share * 100, 2))), "%")
        road_share = None if road is None else float(road.regions[d].share or 0.0)
        status.append("met" if share >= 0.999 else ("on_track" if share >= 0.9 else "behind"))
        rows.append(
            (
                ctx.label(d),
                t(f"settlement.{ctx.settlement[d]}", lang),
                round(FITNESS_CIRCLES.for_settlement(ctx.settlement[d]).radius),
                _pct(share),
                None if road_share is None else _pct(road_share),
                round(float(reg.total_population - reg.covered_population)),
            )
        )
    table = Table(
        key="coverage",
        columns=(
            t("col.region", lang),
            t("col.settlement", lang),
            t("col.radius", lang),
            t("col.covered_share", lang),
            t("col.road_share", lang),
            t("col.uncovered", lang),
        ),
        rows=rows,
        status=status,
        caption=t("cap.coverage", lang),
    )
    figures = []
    if ctx.charts:
        png = _charts.coverage_map(
            np.asarray(demand.lon),
            np.asarray(demand.lat),
            np.asarray(sphere.covered),
            np.asarray(facilities.lon),
            np.asarray(facilities.lat),
            site_lon,
            site_lat,
            title=t("fig.coverage", lang)
            if ctx.cjk or lang == "en"
            else "fitness-circle coverage",
            legend=[
                t(k, lang if ctx.cjk else "en")
                for k in ("leg.covered", "leg.uncovered", "leg.facility", "leg.site")
            ],
        )
        figures.append(
            Figure(
                key="coverage_map",
                title=t("fig.coverage", lang),
                png=png,
                alt=t("fig.coverage", lang),
            )
        )
    paragraphs = [
        t(
            "para.coverage",
            lang,
            share=_pct(sphere.share),
            covered=f"{sphere.covered_population:,.0f}",
            total=f"{sphere.total_population:,.0f}",
        ),
    ]
    if selection is not None:
        paragraphs.append(
            t(
                "para.sites",
                lang,
                n=len(selection.sites),
                gain=f"{sum(float(g) for g in selection.gains):,.0f}",
            )
        )
    return Section(
        key="coverage",
        title=t("section.coverage", lang),
        paragraphs=tuple(paragraphs),
        tables=(table,) if sites_table is None else (table, sites_table),
        figures=tuple(figures),
        data={
            "share": float(sphere.share),
            "by_district": shares,
            "road_share": None if road is None else float(road.share),
        },
    )


# ---------------------------------------------------------------------------------------
def _talent(ctx: _Context) -> Section:
    from sportsgov.talent import QuotaStandard

    city, lang = ctx.city, ctx.lang
    tables: list[Table] = []
    figures: list[Figure] = []
    paragraphs: list[str] = []
    data: dict[str, Any] = {}
    settings = ctx.city.manifest.get("talent", {})
    if city.talent is not None and city.talent_stock:
        model = city.talent
        tiers = [tier.code for tier in model.tiers]
        total = {name: sum(s.get(name, 0) for s in city.talent_stock.values()) for name in tiers}
        start = int(settings.get("start", ctx.as_of.year))
        horizon = int(settings.get("horizon", start + 2))
        years = horizon - start
        target = {k: int(v) for k, v in settings.get("target", {}).items()}
        entry = settings.get("entry", tiers[0])
        intake_per_year: dict[str, Any] = dict.fromkeys(tiers, 0)
        if target:
            plan = model.required_intake(
                target, years, stock=total, entry=[entry], match="at_least"
            )
            intake_per_year = dict(
                zip(tiers, (int(np.ceil(float(x))) for x in plan.per_year), strict=True)
            )
            paragraphs.append(
                t(
                    "para.talent_intake",
                    lang,
                    intake=intake_per_year[entry],
                    entry=entry,
                    year=horizon,
                    target=", ".join(f"{k} ≥ {v}" for k, v in target.items()),
                )
            )
        projection = model.project(
            total, years, intake=[intake_per_year[n] for n in tiers], mode="integer"
        )
        stocks = np.asarray(projection.stocks)
        rows: list[tuple[Cell, ...]] = [
            (name, *[int(stocks[y][i]) for y in range(years + 1)]) for i, name in enumerate(tiers)
        ]
        tables.append(
            Table(
                key="pipeline",
                columns=(t("col.tier", lang), *[str(start + y) for y in range(years + 1)]),
                rows=rows,
                caption=t("cap.pipeline", lang),
            )
        )
        data["pipeline"] = {
            name: [int(stocks[y][i]) for y in range(years + 1)] for i, name in enumerate(tiers)
        }
        data["intake_per_year"] = intake_per_year
        if ctx.charts:
            png = _charts.stock_lines(
                [start + y for y in range(years + 1)],
                {
                    (n if ctx.cjk else f"tier {i + 1}"): data["pipeline"][n]
                    for i, n in enumerate(tiers)
                },
                title=t("fig.pipeline", lang if ctx.cjk else "en"),
                ylabel=t("col.people", lang if ctx.cjk else "en"),
            )
            figures.append(
                Figure(
                    key="pipeline",
                    title=t("fig.pipeline", lang),
                    png=png,
                    alt=t("fig.pipeline", lang),
                )
            )
    standard = ctx.city.manifest.get("standard")
    if city.schools and standard:
        std = QuotaStandard(
            str(standard.get("name", "standard")),
            {"coaches": int(standard["coaches"]), "athletes": int(standard["athletes"])},
        )
        actual = {
            r["school"]: {"coaches": int(r["coaches"]), "athletes": int(r["athletes"])}
            for r in city.schools
        }
        need = std.requirements(len(actual))
        gaps = std.gaps(actual)
        have = {role: sum(v[role] for v in actual.values()) for role in ("coaches", "athletes")}
        reserve = standard.get("reserve_target")
        rows = [
            (
                t(f"role.{role}", lang),
                int(need[role]),
                int(have[role]),
                int(gaps.total_shortfall[role]),
            )
            for role in ("coaches", "athletes")
        ]
        tables.append(
            Table(
                key="standard",
                columns=(
                    t("col.role", lang),
                    t("col.required", lang),
                    t("col.actual", lang),
                    t("col.shortfall", lang),
                ),
                rows=rows,
                caption=t(
                    "cap.standard",
                    lang,
                    name=std.name,
                    schools=len(actual),
                    reserve=reserve or "—",
                ),
            )
        )
        paragraphs.append(
            t(
                "para.standard",
                lang,
                short=len(gaps.short_units),
                schools=len(actual),
                name=std.name,
            )
        )
        data["standard"] = {
            "required": {k: int(v) for k, v in need.items()},
            "actual": have,
            "short_schools": len(gaps.short_units),
        }
    return Section(
        key="talent",
        title=t("section.talent", lang),
        paragraphs=tuple(paragraphs),
        tables=tuple(tables),
        figures=tuple(figures),
        data=data,
    )


# ---------------------------------------------------------------------------------------
def _budget(ctx: _Context) -> Section:
    from sportsgov.budget import SubsidyLedger, execution_table
    from sportsgov.money import Money
    from sportsgov.periods import Period, time_progress

    city, lang = ctx.city, ctx.lang
    tables: list[Table] = []
    figures: list[Figure] = []
    paragraphs: list[str] = []
    data: dict[str, Any] = {}
    if city.budget_lines:
        period = Period.year(ctx.as_of.year)
        by_line = {r["line"]: r for r in city.budget_lines}
        table = execution_table(
            [
                {"line": r["line"], "spent": r["spent"], "budget": r["budget"]}
                for r in city.budget_lines
            ],
            as_of=ctx.as_of,
            period=period,
        )
        progress = time_progress(period, ctx.as_of)
        rows, status, rates = [], [], []
        for line in table.rows:
            record = by_line[str(line.line)]
            label = record.get("name") or str(line.line)
            region = record.get("region", "")
            if region and region != ctx.root:
                label = f"{label} · {ctx.label(region)}"
            rows.append(
                (
                    label,
                    _wan(line.budget),
                    _wan(line.spent),
                    _pct(line.rate),
                    _pct(line.time_progress),
                    t(f"status.{line.status}", lang),
                )
            )
            status.append(line.status)
            rates.append(float(line.rate))
        tables.append(
            Table(
                key="execution",
                columns=(
                    t("col.line", lang),
                    t("col.budget", lang),
                    t("col.spent", lang),
                    t("col.execution", lang),
                    t("col.time_progress", lang),
                    t("col.status", lang),
                ),
                rows=rows,
                status=status,
                caption=t("cap.execution", lang, as_of=ctx.as_of.isoformat()),
            )
        )
        total = table.total
        paragraphs.append(
            t(
                "para.execution",
                lang,
                rate=_pct(total.rate),
                progress=_pct(progress),
                behind=sum(1 for s in status if s == "behind"),
            )
        )
        data["execution"] = {
            "rate": float(total.rate),
            "time_progress": float(progress),
            "behind": [str(line.line) for line in table.rows if line.status == "behind"],
        }
        if ctx.charts:
            png = _charts.execution_bars(
                [
                    r[0] if ctx.cjk else str(line.line)
                    for r, line in zip(rows, table.rows, strict=True)
                ],
                rates,
                float(progress),
                title=t("fig.execution", lang if ctx.cjk else "en"),
                xlabel=t("col.execution", lang if ctx.cjk else "en"),
            )
            figures.append(
                Figure(
                    key="execution",
                    title=t("fig.execution", lang),
                    png=png,
                    alt=t("fig.execution", lang),
                )
            )
    if city.subsidy_program is not None and city.subsidy_claims:
        ledger = SubsidyLedger(city.subsidy_program)
        results = [
            ledger.claim(r["claim_id"], r["person"], r["kind"], Money.parse(r["amount"]), r["on"])
            for r in city.subsidy_claims
        ]
        by_kind: dict[str, list[Any]] = {}
        rejected = 0
        binding: dict[str, int] = {}
        for rec, res in zip(city.subsidy_claims, results, strict=True):
            if res.status == "rejected":
                rejected += 1
                continue
            by_kind.setdefault(rec["kind"], []).append(res.paid)
            if res.binding_limit:
                binding[str(res.binding_limit)] = binding.get(str(res.binding_limit), 0) + 1
        kind_rows = [
            (t(f"kind.{k}", lang), len(v), _yuan(sum(v, Money(0))))
            for k, v in sorted(by_kind.items())
        ]
        tables.append(
            Table(
                key="subsidy",
                columns=(t("col.kind", lang), t("col.claims", lang), t("col.paid", lang)),
                rows=kind_rows,
                caption=t("cap.subsidy", lang, name=city.subsidy_program.name),
            )
        )
        paid_total = ledger.paid_total
        limits = ", ".join(
            f"{t('limit.' + k, lang) if 'limit.' + k in MESSAGES else k} {v}"
            for k, v in sorted(binding.items())
        )
        paragraphs.append(
            t(
                "para.subsidy",
                lang,
                paid=_yuan(paid_total),
                budget=_yuan(city.subsidy_program.budget),
                rejected=rejected,
                binding=limits,
            )
        )
        data["subsidy"] = {
            "paid": str(paid_total),
            "budget": str(city.subsidy_program.budget),
            "rejected": rejected,
            "binding": binding,
        }
    return Section(
        key="budget",
        title=t("section.budget", lang),
        paragraphs=tuple(paragraphs),
        tables=tuple(tables),
        figures=tuple(figures),
        data=data,
    )


# ---------------------------------------------------------------------------------------
def _scores(ctx: _Context) -> Section:
    from sportsgov.assessment import assess, score

    city, lang = ctx.city, ctx.lang
    observations = list(city.observations or ())
    observed = {(o.target, o.region) for o in observations}
    events = []
    if city.events is not None:
        from sportsgov.assessment import observations_from_events

        events = observations_from_events(city.events, as_of=ctx.as_of, city=ctx.root)
    extra = [o for o in [*ctx.observations, *events] if (o.target, o.region) not in observed]
    known = {tg.indicator for tg in ctx.plan.targets} | {tg.id for tg in ctx.plan.targets}
    extra = [o for o in extra if o.target in known]
    # observations.csv may carry figures for another plan's targets (--plan chooses one): skip them
    ignored = sorted({o.target for o in observations if o.target not in known})
    observations = [o for o in observations if o.target in known]
    assessment = assess(ctx.plan, [*observations, *extra], as_of=ctx.as_of, regions=city.regions)
    counts: dict[str, int] = {}
    status_rows, status_cls = [], []
    for row in assessment.rows:
        counts[row.status] = counts.get(row.status, 0) + 1
        if row.region == ctx.root:
            unit = getattr(row.target, "unit", None)
            actual, label = _scaled(row.actual, unit, lang)
            numeric = isinstance(row.target.value, int | float | Decimal)
            goal = _scaled(row.target.value, unit, lang)[0] if numeric else str(row.target.value)
            status_rows.append(
                (
                    row.target.title if hasattr(row.target, "title") else row.target_id,
                    label,
                    actual,
                    goal,
                    None if row.ratio is None else _pct(row.ratio),
                    _pct(row.time_progress),
                    t(f"status.{row.status}", lang),
                )
            )
            status_cls.append(row.status)
    tables = [
        Table(
            key="assessment",
            columns=(
                t("col.indicator", lang),
                t("col.unit", lang),
                t("col.actual", lang),
                t("col.target", lang),
                t("col.progress", lang),
                t("col.time_progress", lang),
                t("col.status", lang),
            ),
            rows=status_rows,
            status=status_cls,
            caption=t("cap.assessment", lang, plan=ctx.plan.title),
        )
    ]
    scheme = ctx.city.manifest.get("scheme")
    data: dict[str, Any] = {"status_counts": counts, "ignored_observations": ignored}
    paragraphs = [
        t(
            "para.assessment",
            lang,
            **{k: counts.get(k, 0) for k in ("met", "on_track", "behind", "missed", "no_data")},
        )
    ]
    if scheme:
        card = score(assessment, scheme)
        rows, cls = [], []
        for reg in card.regions:
            reasons = reg.reasons(lang)
            rows.append(
                (
                    reg.rank,
                    ctx.label(reg.region),
                    float(reg.total),
                    "; ".join(reasons) if reasons else "—",
                )
            )
            cls.append("met" if not reasons else ("on_track" if reg.rank <= 3 else "behind"))
        tables.append(
            Table(
                key="scores",
                columns=(
                    t("col.rank", lang),
                    t("col.region", lang),
                    t("col.score", lang),
                    t("col.reasons", lang),
                ),
                rows=rows,
                status=cls,
                caption=t(
                    "cap.scores",
                    lang,
                    scheme=card.scheme.title if lang == "zh" else card.scheme.name,
                ),
            )
        )
        data["ranking"] = [(r.rank, r.region, float(r.total)) for r in card.regions]
        best = card.regions[0]
        paragraphs.append(
            t(
                "para.scores",
                lang,
                first=ctx.label(best.region),
                score=f"{float(best.total):g}",
                n=len(card.regions),
            )
        )
    return Section(
        key="scores",
        title=t("section.scores", lang),
        paragraphs=tuple(paragraphs),
        tables=tuple(tables),
        data=data,
    )


_BUILDERS: dict[str, Callable[[_Context], Section]] = {
    "indicators": _indicators,
    "coverage": _coverage,
    "talent": _talent,
    "budget": _budget,
    "scores": _scores,
}


def _needs(city: CityData, key: str) -> bool:
    if key == "coverage":
        return city.grid is not None
    if key == "talent":
        return city.talent is not None or bool(city.schools)
    if key == "budget":
        return bool(city.budget_lines) or city.subsidy_program is not None
    return True


def build_report(
    *,
    data: str | Path | CityData | None = None,
    plan: str | Path | Any = None,
    as_of: _dt.date | str | None = None,
    lang: Lang = "zh",
    progress: Progress | None = None,
    charts: bool = True,
) -> Report:
    """Compute every section of the scorecard report for one city.

    Parameters
    ----------
    data : path or CityData, optional
        City data directory (layout in :mod:`sportsgov.citydata`); default: the bundled
        synthetic sample city.
    plan : str, path or Plan, optional
        A bundled plan name (``"zhengzhou-2024"``), a plan TOML file or a loaded plan;
        default: ``plan`` in the city's ``city.toml``.
    as_of : date or ISO string, optional
        Assessment date; default: ``as_of`` in ``city.toml``.
    lang : {"zh", "en"}
        Report language (labels from one message catalog).
    progress : callable, optional
        ``progress(fraction_done, message)`` called before each section.
    charts : bool, default True
        Draw PNG charts (needs the ``plot`` extra; silently skipped without it).

    Returns
    -------
    Report
    """
    from sportsgov import plans
    from sportsgov.periods import as_date

    if lang not in ("zh", "en"):
        raise InvalidInputError.bad("lang", lang, "expected one of 'zh', 'en'")
    report_start = time.perf_counter()
    if progress:
        progress(0.0, t("progress.load", lang))
    city = (
        data
        if isinstance(data, CityData)
        else CityData.load(data)
        if data is not None
        else CityData.sample()
    )
    plan_ref = plan if plan is not None else city.manifest.get("plan")
    if plan_ref is None:
        raise InvalidInputError.bad(
            "plan", None, "name a plan (--plan NAME|FILE) or set plan in city.toml"
        )
    if isinstance(plan_ref, Path) or (isinstance(plan_ref, str) and plan_ref.endswith(".toml")):
        plan_obj = plans.load_file(Path(plan_ref))
    elif isinstance(plan_ref, str):
        plan_obj = plans.load(plan_ref)
    else:
        plan_obj = plan_ref
    day = as_date(as_of, argument="as_of") if as_of is not None else city.as_of
    if day is None:
        raise InvalidInputError.bad(
            "as_of", None, "give --as-of YYYY-MM-DD or set as_of in city.toml"
        )
    ctx = _Context(city, plan_obj, day, lang, charts)
    sections: list[Section] = []
    skipped: list[str] = []
    timings: dict[str, float] = {}
    for i, key in enumerate(_SECTIONS):
        if not _needs(city, key):
            skipped.append(key)
            continue
        if progress:
            progress(i / len(_SECTIONS), t(f"section.{key}", lang))
        start = time.perf_counter()
        section = _BUILDERS[key](ctx)
        seconds = time.perf_counter() - start
        timings[key] = seconds
        from attrs import evolve

        sections.append(evolve(section, seconds=seconds))
    if progress:
        progress(1.0, t("progress.done", lang))
    notes = [t("report.synthetic", lang)] if city.synthetic else []
    if skipped:
        notes.append(
            t("report.skipped", lang, sections=", ".join(t(f"section.{k}", lang) for k in skipped))
        )
    if charts and not any(f.png for s in sections for f in s.figures):
        notes.append(t("report.no_chart", lang))
    summary = [s.paragraphs[0] for s in sections if s.paragraphs]
    return Report(
        title=t("report.title", lang, city=city.name),
        subtitle=t("report.subtitle", lang, as_of=day.isoformat(), plan=plan_obj.title),
        lang=lang,
        sections=tuple(sections),
        notes=tuple(notes),
        meta={
            "city": city.name,
            "city_code": city.root_code,
            "as_of": day.isoformat(),
            "plan": plan_obj.name,
            "synthetic": city.synthetic,
            "skipped": skipped,
            "seconds": timings,
            "total_seconds": time.perf_counter() - report_start,
            "generated_by": t("report.generated", lang, version=__version__),
            "summary": summary,
        },
    )
