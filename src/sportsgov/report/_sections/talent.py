"""Section 3: the talent pipeline projection and the school standard."""

from __future__ import annotations

from typing import Any

import numpy as np

from sportsgov._i18n import t
from sportsgov.report._charts import (
    stock_lines,
)
from sportsgov.report._context import Context
from sportsgov.report.document import Cell, Figure, Section, Table

__all__ = ["build"]


def build(ctx: Context) -> Section:
    """Compute and lay out the talent section."""
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
            png = stock_lines(
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
