"""Section 6: data quality (数据质量): the plausibility findings of the city's data."""

from __future__ import annotations

from sportsgov._i18n import t
from sportsgov.report._context import Context
from sportsgov.report.document import Section, Table

__all__ = ["build"]


def build(ctx: Context) -> Section:
    """List the warnings of :func:`sportsgov.quality.check_data` (file, row, field, message)."""
    lang = ctx.lang
    findings = ctx.findings
    warnings = [f for f in findings if f.level == "warning"]
    paragraphs = [
        t("quality.summary", lang, count=len(warnings)) if warnings else t("quality.none", lang)
    ]
    if ctx.population_note:
        paragraphs.append(t("quality.population_year", lang, note=ctx.population_note))
    table = Table(
        key="quality",
        columns=(
            t("col.level", lang),
            t("col.file", lang),
            t("col.row", lang),
            t("col.field", lang),
            t("col.message", lang),
        ),
        rows=[
            (t(f"level.{f.level}", lang), f.file, f.row, f.field or "", f.message)
            for f in findings
        ],
        status=["behind" if f.level == "warning" else "missed" for f in findings],
    )
    return Section(
        key="quality",
        title=t("section.quality", lang),
        paragraphs=paragraphs,
        tables=(table,) if findings else (),
        data={
            "warnings": len(warnings),
            "population_year": ctx.population_year,
            "population_note": ctx.population_note,
            "findings": [f.to_data() for f in findings],
        },
    )
