"""Section 3: the talent pipeline projection and the school standard.

:func:`compute` turns the city's talent files into figures (:class:`TalentData`);
:func:`layout` turns those into the section's tables, chart and sentences.

* Pipeline (with ``talent_rates.csv`` and ``talent_stock.csv``): the stocks of every
  tier summed over the regions are projected from ``[talent] start`` (default: the
  report year) to ``horizon`` (default: ``start`` + ``ReportSettings.talent_years``)
  with whole people. With ``[talent.target]`` the yearly intake into ``entry``
  (default: the first tier) is the smallest that brings every target tier to at
  least its target by ``horizon``, rounded up to whole people.
* Standard (with ``schools.csv`` and ``[standard]``): the schools' coaches and
  athletes against a per-school standard such as "2351" (2 coaches, 30 athletes);
  a surplus in one school never covers another's shortfall.
"""

from __future__ import annotations

from typing import Any

import attrs
import numpy as np

from sportsgov._i18n import t
from sportsgov.errors import DataError
from sportsgov.report._charts import stock_lines
from sportsgov.report._context import Context
from sportsgov.report.document import Cell, Figure, Section, Table

__all__ = ["PipelineData", "StandardData", "TalentData", "build", "compute", "layout"]

ROLES = ("coaches", "athletes")


@attrs.frozen
class PipelineData:
    """The projected 一二三线 pipeline, city-wide."""

    tiers: tuple[str, ...]  # tier codes, in the model's order
    years: tuple[int, ...]  # start .. horizon
    stocks: dict[str, tuple[int, ...]]  # tier -> people at the end of each year [people]
    intake_per_year: dict[str, int]  # tier -> yearly intake [people/year]; 0 without target
    entry: str  # the tier new athletes enter
    target: dict[str, int]  # tier -> people wanted by the horizon (empty: no target)

    @property
    def horizon(self) -> int:
        """The last projected year."""
        return self.years[-1]


@attrs.frozen
class StandardData:
    """The schools against a per-school staffing standard ("2351")."""

    name: str  # the standard's name
    schools: int  # schools compared
    required: dict[str, int]  # role -> people the standard requires over all schools
    actual: dict[str, int]  # role -> people the schools have
    shortfall: dict[str, int]  # role -> people missing in the schools below the standard
    short_schools: tuple[str, ...]  # schools short in at least one role, in file order
    reserve_target: int | None  # the city's reserve-talent target [people], if stated


@attrs.frozen
class TalentData:
    """What the talent section computes, before any layout (None: input files absent)."""

    pipeline: PipelineData | None
    standard: StandardData | None


def compute(ctx: Context) -> TalentData:
    """The pipeline projection and the standard's gaps from the city's talent files."""
    return TalentData(_pipeline(ctx), _standard(ctx))


def _pipeline(ctx: Context) -> PipelineData | None:
    city = ctx.city
    if city.talent is None or not city.talent_stock:
        return None
    settings = city.manifest.get("talent", {})
    model = city.talent
    tiers = tuple(tier.code for tier in model.tiers)
    total = {name: sum(s.get(name, 0) for s in city.talent_stock.values()) for name in tiers}
    start = int(settings.get("start", ctx.as_of.year))
    horizon = int(settings.get("horizon", start + ctx.settings.talent_years))
    years = horizon - start
    if years < 1:
        raise DataError(
            f"talent.horizon={horizon}: must be after talent.start={start}",
            source=str(city.root / "city.toml"),
            field="talent.horizon",
        )
    target = {str(k): int(v) for k, v in settings.get("target", {}).items()}
    entry = str(settings.get("entry", tiers[0]))
    intake = dict.fromkeys(tiers, 0)
    if target:
        plan = model.required_intake(target, years, stock=total, entry=[entry], match="at_least")
        intake = dict(zip(tiers, plan.whole_per_year, strict=True))
    projection = model.project(total, years, intake=[intake[n] for n in tiers], mode="integer")
    stocks = np.asarray(projection.stocks)
    return PipelineData(
        tiers=tiers,
        years=tuple(range(start, horizon + 1)),
        stocks={
            n: tuple(int(stocks[y][i]) for y in range(years + 1)) for i, n in enumerate(tiers)
        },
        intake_per_year=intake,
        entry=entry,
        target=target,
    )


def _standard(ctx: Context) -> StandardData | None:
    from sportsgov.talent import QuotaStandard

    standard = ctx.city.manifest.get("standard")
    schools = ctx.city.schools
    if not schools or not standard:
        return None
    std = QuotaStandard(
        str(standard.get("name", "standard")),
        {"coaches": int(standard["coaches"]), "athletes": int(standard["athletes"])},
    )
    actual = schools.staffing()
    need = std.requirements(len(actual))
    gaps = std.gaps(actual)
    reserve = standard.get("reserve_target")
    return StandardData(
        name=std.name,
        schools=len(actual),
        required={role: int(need[role]) for role in ROLES},
        actual=schools.totals(),
        shortfall={role: int(gaps.total_shortfall[role]) for role in ROLES},
        short_schools=gaps.short_units,
        reserve_target=None if reserve is None else int(reserve),
    )


def layout(data: TalentData, ctx: Context) -> Section:
    """The pipeline and standard tables, the pipeline chart and the sentences."""
    lang = ctx.lang
    tables: list[Table] = []
    figures: list[Figure] = []
    paragraphs: list[str] = []
    out: dict[str, Any] = {}
    p = data.pipeline
    if p is not None:
        if p.target:
            paragraphs.append(
                t(
                    "para.talent_intake",
                    lang,
                    intake=p.intake_per_year[p.entry],
                    entry=p.entry,
                    year=p.horizon,
                    target=", ".join(f"{k} ≥ {v}" for k, v in p.target.items()),
                )
            )
        rows: list[tuple[Cell, ...]] = [(name, *p.stocks[name]) for name in p.tiers]
        tables.append(
            Table(
                key="pipeline",
                columns=(t("col.tier", lang), *[str(y) for y in p.years]),
                rows=rows,
                caption=t("cap.pipeline", lang),
            )
        )
        out["pipeline"] = {name: list(p.stocks[name]) for name in p.tiers}
        out["intake_per_year"] = dict(p.intake_per_year)
        if ctx.charts:
            png = stock_lines(
                list(p.years),
                {
                    (n if ctx.cjk else f"tier {i + 1}"): list(p.stocks[n])
                    for i, n in enumerate(p.tiers)
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
    s = data.standard
    if s is not None:
        tables.append(
            Table(
                key="standard",
                columns=(
                    t("col.role", lang),
                    t("col.required", lang),
                    t("col.actual", lang),
                    t("col.shortfall", lang),
                ),
                rows=[
                    (t(f"role.{role}", lang), s.required[role], s.actual[role], s.shortfall[role])
                    for role in ROLES
                ],
                caption=t(
                    "cap.standard",
                    lang,
                    name=s.name,
                    schools=s.schools,
                    reserve=s.reserve_target or "—",
                ),
            )
        )
        paragraphs.append(
            t(
                "para.standard",
                lang,
                short=len(s.short_schools),
                schools=s.schools,
                name=s.name,
            )
        )
        out["standard"] = {
            "required": dict(s.required),
            "actual": dict(s.actual),
            "short_schools": len(s.short_schools),
        }
    return Section(
        key="talent",
        title=t("section.talent", lang),
        paragraphs=tuple(paragraphs),
        tables=tuple(tables),
        figures=tuple(figures),
        data=out,
    )


def build(ctx: Context) -> Section:
    """Compute the talent figures and lay them out."""
    return layout(compute(ctx), ctx)
