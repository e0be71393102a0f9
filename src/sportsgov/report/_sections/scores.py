"""Section 5: the plan assessment, the district scores and the ranking.

:func:`compute` assesses the plan and scores the districts (no language, no layout)
and returns a :class:`ScoresData`; :func:`layout` turns it into the report section.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import attrs

from sportsgov._i18n import Lang, t
from sportsgov.report._context import Context, pct, scaled
from sportsgov.report.document import Section, Table

__all__ = ["ScoresData", "build", "compute", "layout"]

_STATUSES = ("met", "on_track", "behind", "missed", "no_data")


@attrs.frozen
class ScoresData:
    """What the scores section computes, before any layout."""

    assessment: Any  # Assessment of the plan at as_of, every target and region
    status_counts: dict[str, int]  # status -> number of assessment rows, in first-seen order
    ignored_observations: tuple[str, ...]  # observed targets that are not the plan's, sorted
    city_rows: tuple[Any, ...]  # the assessment rows of the city itself, in plan order
    card: Any  # Scorecard of the districts under the city's scheme, or None without one
    rank_status: tuple[str, ...]  # status of each card.regions row (ReportSettings)


def compute(ctx: Context) -> ScoresData:
    """Assess the plan on the city's observations (and events) and score the districts.

    A district without deductions is *met*; one with deductions *on track* when
    ranked at or above ``ReportSettings.scores_amber_rank``, *behind* below it.
    """
    from sportsgov.assessment import assess, score

    city = ctx.city
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
    for row in assessment.rows:
        counts[row.status] = counts.get(row.status, 0) + 1
    scheme = city.manifest.get("scheme")
    card = score(assessment, scheme) if scheme else None
    amber = ctx.settings.scores_amber_rank
    rank_status = () if card is None else tuple(
        "met" if not _deducted(reg) else ("on_track" if reg.rank <= amber else "behind")
        for reg in card.regions
    )  # fmt: skip
    return ScoresData(
        assessment=assessment,
        status_counts=counts,
        ignored_observations=tuple(ignored),
        city_rows=tuple(r for r in assessment.rows if r.region == ctx.root),
        card=card,
        rank_status=rank_status,
    )


def _deducted(reg: Any) -> bool:
    """Whether a district lost or had points deducted (it has a reason in words)."""
    return bool(reg.reasons())


def _status_row(row: Any, lang: Lang) -> tuple[Any, ...]:
    unit = getattr(row.target, "unit", None)
    actual, label = scaled(row.actual, unit, lang)
    numeric = isinstance(row.target.value, int | float | Decimal)
    goal = scaled(row.target.value, unit, lang)[0] if numeric else str(row.target.value)
    return (
        row.target.title if hasattr(row.target, "title") else row.target_id,
        label,
        actual,
        goal,
        None if row.ratio is None else pct(row.ratio),
        pct(row.time_progress),
        t(f"status.{row.status}", lang),
    )


def layout(data: ScoresData, ctx: Context) -> Section:
    """The assessment table of the city, the ranking table and their paragraphs.

    The ranking's colours are ``data.rank_status``, decided in :func:`compute`.
    """
    lang = ctx.lang
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
            rows=[_status_row(row, lang) for row in data.city_rows],
            status=[row.status for row in data.city_rows],
            caption=t("cap.assessment", lang, plan=ctx.plan.title),
        )
    ]
    counts = data.status_counts
    out: dict[str, Any] = {
        "status_counts": dict(counts),
        "ignored_observations": list(data.ignored_observations),
    }
    paragraphs = [t("para.assessment", lang, **{k: counts.get(k, 0) for k in _STATUSES})]
    card = data.card
    if card is not None:
        rows = []
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
                status=data.rank_status,
                caption=t(
                    "cap.scores",
                    lang,
                    scheme=card.scheme.title if lang == "zh" else card.scheme.name,
                ),
            )
        )
        out["ranking"] = [(r.rank, r.region, float(r.total)) for r in card.regions]
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
        data=out,
    )


def build(ctx: Context) -> Section:
    """Compute and lay out the scores section."""
    return layout(compute(ctx), ctx)
