"""Section 4: budget execution against time progress (序时进度) and the subsidy ledger."""

from __future__ import annotations

from typing import Any

from sportsgov._i18n import MESSAGES, t
from sportsgov.report._charts import (
    execution_bars,
)
from sportsgov.report._context import Context, pct, wan, yuan
from sportsgov.report.document import Figure, Section, Table

__all__ = ["build"]


def build(ctx: Context) -> Section:
    """Compute and lay out the budget section."""
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
                    wan(line.budget),
                    wan(line.spent),
                    pct(line.rate),
                    pct(line.time_progress),
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
                rate=pct(total.rate),
                progress=pct(progress),
                behind=sum(1 for s in status if s == "behind"),
            )
        )
        data["execution"] = {
            "rate": float(total.rate),
            "time_progress": float(progress),
            "behind": [str(line.line) for line in table.rows if line.status == "behind"],
        }
        if ctx.charts:
            png = execution_bars(
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
            (t(f"kind.{k}", lang), len(v), yuan(sum(v, Money(0))))
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
                paid=yuan(paid_total),
                budget=yuan(city.subsidy_program.budget),
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
