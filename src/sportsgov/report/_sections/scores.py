"""Section 5: the plan assessment, the district scores and the ranking."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from sportsgov._i18n import t
from sportsgov.report._context import Context, pct, scaled
from sportsgov.report.document import Section, Table

__all__ = ["build"]


def build(ctx: Context) -> Section:
    """Compute and lay out the scores section."""
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
            actual, label = scaled(row.actual, unit, lang)
            numeric = isinstance(row.target.value, int | float | Decimal)
            goal = scaled(row.target.value, unit, lang)[0] if numeric else str(row.target.value)
            status_rows.append(
                (
                    row.target.title if hasattr(row.target, "title") else row.target_id,
                    label,
                    actual,
                    goal,
                    None if row.ratio is None else pct(row.ratio),
                    pct(row.time_progress),
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
