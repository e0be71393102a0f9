"""Section 4: budget execution against time progress (序时进度) and the subsidy ledger."""

from __future__ import annotations

from fractions import Fraction
from typing import TYPE_CHECKING, Any, cast

import attrs

from sportsgov._i18n import MESSAGES, t
from sportsgov.report._charts import execution_bars
from sportsgov.report._context import Context, pct, wan, yuan
from sportsgov.report.document import Figure, Section, Table

if TYPE_CHECKING:
    from sportsgov.budget import BudgetLineTable, ExecutionTable, SubsidyProgram
    from sportsgov.budget.execution import Basis
    from sportsgov.money import Money

__all__ = ["BudgetData", "KindPaid", "SubsidyData", "build", "compute", "layout"]


@attrs.frozen
class KindPaid:
    """The accepted claims of one subsidy kind and what they were paid."""

    kind: str
    claims: int  # accepted claims (a repeated claim id counts each time it appears)
    paid: Money  # [元]


@attrs.frozen
class SubsidyData:
    """The subsidy claims paid by a fresh ledger of the city's program, in file order."""

    program: SubsidyProgram
    paid: Money  # total paid by the ledger [元]
    kinds: tuple[KindPaid, ...]  # sorted by kind code
    rejected: int  # claims rejected (kind not covered, outside the period, nothing left)
    binding: dict[str, int]  # binding limit -> accepted claims it set, in first-seen order


@attrs.frozen
class BudgetData:
    """What the budget section computes, before any layout."""

    lines: BudgetLineTable | None  # names and regions of the lines
    execution: ExecutionTable | None  # the lines against 序时进度 (None without lines)
    time_progress: Fraction | None  # 序时进度 of the budget year at as_of
    subsidy: SubsidyData | None  # None without a program or without claims


def compute(ctx: Context) -> BudgetData:
    """Execution of the budget lines in the year of ``as_of`` and the subsidy ledger's totals.

    The budget period is the calendar (fiscal) year of ``as_of``; the status tolerance
    and the time-progress basis come from :class:`~sportsgov.report.settings.ReportSettings`.
    """
    from sportsgov.budget import SubsidyLedger
    from sportsgov.money import Money
    from sportsgov.periods import Period, time_progress

    city, settings = ctx.city, ctx.settings
    basis = cast("Basis", settings.execution_basis)  # checked by ReportSettings
    execution = progress = None
    if city.budget_lines:
        period = Period.year(ctx.as_of.year)
        execution = city.budget_lines.execution(
            as_of=ctx.as_of, period=period, tolerance=settings.execution_tolerance, basis=basis
        )
        progress = time_progress(period, ctx.as_of, basis=basis)
    subsidy = None
    if city.subsidy_program is not None and city.subsidy_claims:
        ledger = SubsidyLedger(city.subsidy_program)
        results = city.subsidy_claims.submit(ledger)
        by_kind: dict[str, list[Any]] = {}
        rejected = 0
        binding: dict[str, int] = {}
        for claim, res in zip(city.subsidy_claims, results, strict=True):
            if res.status == "rejected":
                rejected += 1
                continue
            by_kind.setdefault(claim.kind, []).append(res.paid)
            if res.binding_limit:
                binding[str(res.binding_limit)] = binding.get(str(res.binding_limit), 0) + 1
        subsidy = SubsidyData(
            city.subsidy_program,
            ledger.paid_total,
            tuple(KindPaid(k, len(v), sum(v, Money(0))) for k, v in sorted(by_kind.items())),
            rejected,
            binding,
        )
    return BudgetData(city.budget_lines, execution, progress, subsidy)


def layout(data: BudgetData, ctx: Context) -> Section:
    """The execution and subsidy tables, the execution chart and the summaries."""
    lang = ctx.lang
    tables: list[Table] = []
    figures: list[Figure] = []
    paragraphs: list[str] = []
    out: dict[str, Any] = {}
    if data.execution is not None:
        execution, progress = data.execution, data.time_progress
        assert data.lines is not None and progress is not None
        by_id = {b.line: b for b in data.lines}
        rows = []
        for line in execution.rows:
            record = by_id[str(line.line)]
            label = record.label
            if record.region and record.region != ctx.root:
                label = f"{label} · {ctx.label(record.region)}"
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
        status = [line.status for line in execution.rows]
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
        total = execution.total
        paragraphs.append(
            t(
                "para.execution",
                lang,
                rate=pct(total.rate),
                progress=pct(progress),
                behind=sum(1 for s in status if s == "behind"),
            )
        )
        out["execution"] = {
            "rate": float(total.rate),
            "time_progress": float(progress),
            "behind": [str(line.line) for line in execution.rows if line.status == "behind"],
        }
        if ctx.charts:
            png = execution_bars(
                [
                    r[0] if ctx.cjk else str(line.line)
                    for r, line in zip(rows, execution.rows, strict=True)
                ],
                [float(line.rate) for line in execution.rows],
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
    subsidy = data.subsidy
    if subsidy is not None:
        tables.append(
            Table(
                key="subsidy",
                columns=(t("col.kind", lang), t("col.claims", lang), t("col.paid", lang)),
                rows=[(t(f"kind.{k.kind}", lang), k.claims, yuan(k.paid)) for k in subsidy.kinds],
                caption=t("cap.subsidy", lang, name=subsidy.program.name),
            )
        )
        limits = ", ".join(
            f"{t('limit.' + k, lang) if 'limit.' + k in MESSAGES else k} {v}"
            for k, v in sorted(subsidy.binding.items())
        )
        paragraphs.append(
            t(
                "para.subsidy",
                lang,
                paid=yuan(subsidy.paid),
                budget=yuan(subsidy.program.budget),
                rejected=subsidy.rejected,
                binding=limits,
            )
        )
        out["subsidy"] = {
            "paid": str(subsidy.paid),
            "budget": str(subsidy.program.budget),
            "rejected": subsidy.rejected,
            "binding": dict(subsidy.binding),
        }
    return Section(
        key="budget",
        title=t("section.budget", lang),
        paragraphs=tuple(paragraphs),
        tables=tuple(tables),
        figures=tuple(figures),
        data=out,
    )


def build(ctx: Context) -> Section:
    """Compute the budget figures and lay them out."""
    return layout(compute(ctx), ctx)
