"""Section 1: per-capita venue area, pitches per 10,000 and instructors per 1,000 by district."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import attrs

from sportsgov._i18n import t
from sportsgov.errors import DataError
from sportsgov.report._charts import bars_vs_target
from sportsgov.report._context import Context, as_float
from sportsgov.report.document import Figure, Section, Table

__all__ = ["IndicatorsData", "RegionIndicators", "build", "compute", "layout"]


@attrs.frozen
class RegionIndicators:
    """One row: the city or a district, its indicators and whether the area target is met."""

    code: str
    population: int  # year-end residents [people]
    area: float  # venue area [m²]
    per_capita_area: float  # [m²/person]
    pitches_per_10k: float  # [pitches per 10,000 residents]
    instructors_per_1000: float | None  # [per 1,000 residents]; None without instructors.csv
    met: bool  # per-capita area at or above the plan's target (True without a target)


@attrs.frozen
class IndicatorsData:
    """What the indicators section computes, before any layout."""

    regions: tuple[RegionIndicators, ...]  # the city first, then its districts
    target_area: float | None  # the plan's per-capita area target [m²/person]
    target_pitches: float | None  # the plan's pitches-per-10,000 target
    population_year: int | None  # the population year the indicators divide by
    observations: tuple[Any, ...]  # Observation of both indicators per region


def compute(ctx: Context) -> IndicatorsData:
    """The three indicators for the city and each district, against the plan's targets."""
    from sportsgov.assessment import Observation
    from sportsgov.indicators import (
        instructors_per_1000,
        per_capita_area,
        pitches_per_10k,
    )

    city = ctx.city
    codes = [ctx.root, *ctx.districts]
    area = per_capita_area(
        city.facilities,
        city.population,
        region=codes,
        as_of=ctx.as_of,
        tree=city.regions,
        population_year=ctx.population_year,
    )
    pitches = pitches_per_10k(
        city.facilities,
        city.population,
        region=codes,
        as_of=ctx.as_of,
        tree=city.regions,
        population_year=ctx.population_year,
    )
    instr: list[Any] = [None] * len(codes)
    if city.instructors:
        year = city.instructors.latest_year(ctx.as_of.year)
        if year is None:  # every figure is after the report date: none applies
            raise DataError(
                f"year: no instructor figure for {ctx.as_of.year} or earlier (report as_of="
                f"{ctx.as_of.isoformat()}; years in the file: "
                + ", ".join(str(y) for y in city.instructors.years())
                + ")",
                source=city.instructors.source or "instructors.csv",
                field="year",
            )
        counts = city.instructors.counts(year)
        per_1000 = instructors_per_1000(
            counts,
            city.population,
            region=codes,
            as_of=ctx.as_of,
            tree=city.regions,
            population_year=ctx.population_year,
        )
        instr = per_1000 if isinstance(per_1000, list) else [per_1000]
    target_area = ctx.target_value("per_capita_area")
    rows = []
    observations = []
    for code, a, p, i in zip(codes, area, pitches, instr, strict=True):
        value = as_float(a.value)
        observations.append(
            Observation(
                "per_capita_area",
                code,
                Decimal(str(round(value, 4))),
                ctx.as_of,
                unit="m^2/person",
            )
        )
        observations.append(
            Observation(
                "pitches_per_10k", code, Decimal(str(round(as_float(p.value), 4))), ctx.as_of
            )
        )
        population = a.denominator
        rows.append(
            RegionIndicators(
                code,
                int(getattr(population, "magnitude", population)),
                as_float(a.numerator),
                value,
                as_float(p.value),
                None if i is None else as_float(i.value),
                target_area is None or value >= target_area,
            )
        )
    return IndicatorsData(
        tuple(rows),
        target_area,
        ctx.target_value("pitches_per_10k"),
        getattr(area[0], "population_year", None),
        tuple(observations),
    )


def layout(data: IndicatorsData, ctx: Context) -> Section:
    """The indicators table, the per-capita chart and the summary from computed data."""
    lang = ctx.lang
    target_area = data.target_area
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
        rows=[
            (
                ctx.label(r.code),
                t(f"settlement.{ctx.settlement.get(r.code, 'mixed')}", lang),
                r.population,
                round(r.area),
                round(r.per_capita_area, 3),
                round(r.pitches_per_10k, 3),
                None if r.instructors_per_1000 is None else round(r.instructors_per_1000, 2),
                t("status.met" if r.met else "status.below", lang),
            )
            for r in data.regions
        ],
        status=["met" if r.met else "behind" for r in data.regions],
        caption=t("cap.indicators", lang, as_of=ctx.as_of.isoformat(), target=target_area or "—"),
    )
    figures = []
    if ctx.charts:
        png = bars_vs_target(
            [ctx.chart_label(r.code) for r in data.regions[1:]],
            [r.per_capita_area for r in data.regions[1:]],
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
    city = data.regions[0]
    paragraphs = (
        t(
            "para.indicators",
            lang,
            city=ctx.city.name,
            value=f"{city.per_capita_area:.2f}",
            target=target_area or "—",
            pitches=f"{city.pitches_per_10k:.2f}",
            pitch_target=data.target_pitches or "—",
        ),
    )
    return Section(
        key="indicators",
        title=t("section.indicators", lang),
        paragraphs=paragraphs,
        tables=(table,),
        figures=tuple(figures),
        data={
            "per_capita_area": {r.code: r.per_capita_area for r in data.regions},
            "pitches_per_10k": {r.code: r.pitches_per_10k for r in data.regions},
            "population_year": data.population_year,
        },
    )


def build(ctx: Context) -> Section:
    """Compute the indicators, hand their observations to the assessment, lay them out."""
    data = compute(ctx)
    ctx.observations.extend(data.observations)
    return layout(data, ctx)
