"""Section 2: fitness-circle coverage (great circle and roads) and the suggested new sites."""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Literal

import attrs
import numpy as np

from sportsgov._i18n import t
from sportsgov.errors import InvalidInputError
from sportsgov.report._charts import (
    coverage_map,
)
from sportsgov.report._context import Context, pct
from sportsgov.report.document import Figure, Section, Table

__all__ = ["CoverageData", "DistrictCoverage", "SuggestedSite", "build", "compute", "layout"]


def _facility_points(ctx: Context) -> Any:
    """In-service facilities as WGS-84 Points (rows recorded in GCJ-02 are converted)."""
    inv = ctx.city.facilities
    if inv.lon is None or inv.lat is None or inv.datum is None:
        raise InvalidInputError.bad(
            "facilities", None, "coverage needs facility coordinates (lon, lat)"
        )
    return inv.to_points(datum="wgs84", as_of=ctx.as_of)


Status = Literal["met", "on_track", "behind"]


@attrs.frozen
class DistrictCoverage:
    """One district's row: share of residents inside its fitness circle, and its status."""

    code: str
    settlement: str
    radius: float  # [m]
    share: float  # great-circle share of residents covered [fraction of 1]
    road_share: float | None  # the same along the roads (None without a road network)
    uncovered: float  # residents outside the circle [people]
    status: Status


@attrs.frozen
class SuggestedSite:
    """A suggested new site and the residents it would bring inside a circle."""

    region: str
    lon: float  # [degrees, WGS-84]
    lat: float  # [degrees, WGS-84]
    gain: float  # [people]


@attrs.frozen
class CoverageData:
    """What the coverage section computes, before any layout."""

    sphere: Any  # CoverageResult, great circle
    road: Any  # CoverageResult along the roads, or None
    demand: Any  # Points: the population grid
    facilities: Any  # Points: facilities in service, WGS-84
    districts: tuple[DistrictCoverage, ...]
    sites: tuple[SuggestedSite, ...] | None  # None when every resident is covered
    observations: tuple[Any, ...]  # Observation of fitness_circle_coverage per district


def compute(ctx: Context) -> CoverageData:
    """Coverage by great circle and along the roads, district statuses and suggested sites."""
    from sportsgov.assessment import Observation
    from sportsgov.coverage import (
        FITNESS_CIRCLES,
        Points,
        circle_coverage,
        radius_by_settlement,
        suggest_sites,
    )

    city, settings = ctx.city, ctx.settings
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
            max_snap=settings.max_snap,
            add_snap=True,
        )
    # where to build next: greedy maximal covering over the uncovered residents
    unc = ~np.asarray(sphere.covered)
    sites = None
    if unc.any():
        weights = np.asarray(demand.weight)[unc]
        order = np.argsort(-weights, kind="stable")[: settings.candidate_limit]
        u_lon, u_lat = np.asarray(demand.lon)[unc], np.asarray(demand.lat)[unc]
        demand_u = Points(u_lon, u_lat, weight=weights)
        candidates = Points(u_lon[order], u_lat[order])
        # each resident's own circle: urban 10 minutes, rural 15 minutes
        radius = radius_by_settlement(settlement, by[unc])
        selection = suggest_sites(
            demand_u, candidates, radius=radius, count=settings.suggested_sites
        )
        site_idx = order[np.asarray(selection.sites, dtype=int)]
        u_by = by[unc][site_idx]
        sites = tuple(
            SuggestedSite(
                str(u_by[k]), float(u_lon[site_idx[k]]), float(u_lat[site_idx[k]]), float(g)
            )
            for k, g in enumerate(selection.gains)
        )
    districts = []
    observations = []
    for d in ctx.districts:
        reg = sphere.regions[d]
        share = float(reg.share or 0.0)
        observations.append(
            Observation(
                "fitness_circle_coverage",
                d,
                Decimal(str(round(share * 100, 2))),
                ctx.as_of,
                unit="%",
            )
        )
        met, on_track = settings.coverage_met, settings.coverage_on_track
        status: Status = "met" if share >= met else ("on_track" if share >= on_track else "behind")
        districts.append(
            DistrictCoverage(
                d,
                ctx.settlement[d],
                FITNESS_CIRCLES.for_settlement(ctx.settlement[d]).radius,
                share,
                None if road is None else float(road.regions[d].share or 0.0),
                float(reg.total_population - reg.covered_population),
                status,
            )
        )
    return CoverageData(
        sphere, road, demand, facilities, tuple(districts), sites, tuple(observations)
    )


def layout(data: CoverageData, ctx: Context) -> Section:
    """The coverage section's tables, map and paragraphs from its computed data."""
    from sportsgov.coverage import FITNESS_CIRCLES, Points, coordinate_columns

    lang = ctx.lang
    sites_table = None
    site_lon = np.array([s.lon for s in data.sites or ()])
    site_lat = np.array([s.lat for s in data.sites or ()])
    # both datums, as site_table and the map popups give them: WGS-84 for GIS and
    # GPS, GCJ-02 for Amap / Tencent maps (what the bureau's staff open)
    both = coordinate_columns(Points(site_lon, site_lat, datum="wgs84"))
    datums = ("lon_wgs84", "lat_wgs84", "lon_gcj02", "lat_gcj02")
    site_rows: list[dict[str, Any]] = [
        {
            "order": k + 1,
            "region": s.region,
            **{key: float(both[key][k]) for key in datums},
            "gain": s.gain,
        }
        for k, s in enumerate(data.sites or ())
    ]
    if data.sites is not None:
        sites_table = Table(
            key="sites",
            columns=(
                "#",
                t("col.region", lang),
                *(t(f"col.{key}", lang) for key in datums),
                t("col.gain", lang),
            ),
            rows=[
                (
                    row["order"],
                    ctx.label(row["region"]),
                    *(f"{row[key]:.5f}" for key in datums),
                    round(row["gain"]),
                )
                for row in site_rows
            ],
            caption=t(
                "cap.sites",
                lang,
                urban=round(FITNESS_CIRCLES.for_settlement("urban").radius),
                rural=round(FITNESS_CIRCLES.for_settlement("rural").radius),
            ),
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
        rows=[
            (
                ctx.label(d.code),
                t(f"settlement.{d.settlement}", lang),
                round(d.radius),
                pct(d.share),
                None if d.road_share is None else pct(d.road_share),
                round(d.uncovered),
            )
            for d in data.districts
        ],
        status=[d.status for d in data.districts],
        caption=t("cap.coverage", lang),
    )
    sphere, road = data.sphere, data.road
    figures = []
    if ctx.charts:
        png = coverage_map(
            np.asarray(data.demand.lon),
            np.asarray(data.demand.lat),
            np.asarray(sphere.covered),
            np.asarray(data.facilities.lon),
            np.asarray(data.facilities.lat),
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
    if data.sites is not None:
        paragraphs.append(
            t(
                "para.sites",
                lang,
                n=len(data.sites),
                gain=f"{sum(s.gain for s in data.sites):,.0f}",
            )
        )
    from sportsgov.report.map import section_map_html

    map_html = section_map_html(ctx, data)
    if map_html:
        paragraphs.append(t("map.note", lang))
    return Section(
        key="coverage",
        title=t("section.coverage", lang),
        paragraphs=tuple(paragraphs),
        tables=(table,) if sites_table is None else (table, sites_table),
        figures=tuple(figures),
        html=map_html,
        data={
            "share": float(sphere.share),
            "by_district": {d.code: d.share for d in data.districts},
            "road_share": None if road is None else float(road.share),
            # suggested sites, WGS-84 and GCJ-02 [°] and gain [persons]; [] when none
            "sites": site_rows,
        },
    )


def build(ctx: Context) -> Section:
    """Compute the coverage data, hand its observations to the assessment, lay it out."""
    data = compute(ctx)
    ctx.observations.extend(data.observations)
    return layout(data, ctx)
