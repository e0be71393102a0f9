"""Section 2: fitness-circle coverage (great circle and roads) and the suggested new sites."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import numpy as np

from sportsgov._i18n import t
from sportsgov.errors import InvalidInputError
from sportsgov.report._charts import (
    coverage_map,
)
from sportsgov.report._context import Context, pct
from sportsgov.report.document import Figure, Section, Table

__all__ = ["build"]


def _facility_points(ctx: Context) -> Any:
    """In-service facilities as WGS-84 Points (rows recorded in GCJ-02 are converted)."""
    from sportsgov.coverage import Points, convert
    from sportsgov.coverage.geo import DATUMS

    inv = ctx.city.facilities
    if inv.lon is None or inv.lat is None or inv.datum is None:
        raise InvalidInputError.bad(
            "facilities", None, "coverage needs facility coordinates (lon, lat)"
        )
    mask = inv.in_service(ctx.as_of) & (inv.datum >= 0)
    lon = inv.lon[mask].copy()
    lat = inv.lat[mask].copy()
    datum = inv.datum[mask]
    for code in np.unique(datum):
        name = DATUMS[int(code)]
        if name != "wgs84":
            sel = datum == code
            lon[sel], lat[sel] = convert(lon[sel], lat[sel], src=name, dst="wgs84")
    return Points(lon, lat, datum="wgs84")


def build(ctx: Context) -> Section:
    """Compute and lay out the coverage section."""
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
            max_snap=ctx.settings.max_snap,
            add_snap=True,
        )
    # where to build next: greedy maximal covering over the uncovered residents
    unc = ~np.asarray(sphere.covered)
    sites_table = None
    site_lon = site_lat = np.array([])
    selection = None
    if unc.any():
        weights = np.asarray(demand.weight)[unc]
        order = np.argsort(-weights, kind="stable")[: ctx.settings.candidate_limit]
        u_lon, u_lat = np.asarray(demand.lon)[unc], np.asarray(demand.lat)[unc]
        demand_u = Points(u_lon, u_lat, weight=weights)
        candidates = Points(u_lon[order], u_lat[order])
        # each resident's own circle: urban 10 minutes, rural 15 minutes
        radius = radius_by_settlement(settlement, by[unc])
        selection = suggest_sites(
            demand_u, candidates, radius=radius, count=ctx.settings.suggested_sites
        )
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
        met, on_track = ctx.settings.coverage_met, ctx.settings.coverage_on_track
        status.append("met" if share >= met else ("on_track" if share >= on_track else "behind"))
        rows.append(
            (
                ctx.label(d),
                t(f"settlement.{ctx.settlement[d]}", lang),
                round(FITNESS_CIRCLES.for_settlement(ctx.settlement[d]).radius),
                pct(share),
                None if road_share is None else pct(road_share),
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
        png = coverage_map(
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
            share=pct(sphere.share),
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
