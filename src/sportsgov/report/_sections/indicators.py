"""Section 1: per-capita venue area, pitches per 10,000 and instructors per 1,000 by district."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from sportsgov._i18n import t
from sportsgov.report._charts import (
    bars_vs_target,
)
from sportsgov.report._context import Context, as_float
from sportsgov.report.document import Figure, Section, Table

__all__ = ["build"]


def build(ctx: Context) -> Section:
    """Compute and lay out the indicators section."""
    from sportsgov.indicators import (
        instructors_per_1000,
        per_capita_area,
        pitches_per_10k,
    )

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
        value = as_float(a.value)
        ctx.observe("per_capita_area", code, Decimal(str(round(value, 4))), "m^2/person")
        ctx.observe("pitches_per_10k", code, Decimal(str(round(as_float(p.value), 4))))
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
                round(as_float(a.numerator)),
                round(value, 3),
                round(as_float(p.value), 3),
                None if i is None else round(as_float(i.value), 2),
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
        png = bars_vs_target(
            [ctx.chart_label(c) for c in ctx.districts],
            [as_float(a.value) for a in area[1:]],
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
    city_value = as_float(area[0].value)
    paragraphs = (
        t(
            "para.indicators",
            lang,
            city=ctx.city.name,
            value=f"{city_value:.2f}",
            target=target_area or "—",
            pitches=f"{as_float(pitches[0].value):.2f}",
            pitch_target=target_pitch or "—",
        ),
    )
    data = {
        "per_capita_area": {c: as_float(a.value) for c, a in zip(codes, area, strict=True)},
        "pitches_per_10k": {c: as_float(p.value) for c, p in zip(codes, pitches, strict=True)},
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
