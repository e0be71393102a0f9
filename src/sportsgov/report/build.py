"""Build the scorecard report for a city: every calculator, one section each.

:func:`build_report` is what ``sportsgov report`` runs. It loads a city data directory
(:class:`~sportsgov.citydata.CityData`; the bundled sample city by default), computes

1. per-capita venue area (人均体育场地面积), pitches per 10,000 and instructors per 1,000
   by district against the plan's targets;
2. fitness-circle coverage (urban 10 / rural 15 minutes, by great circle and along the
   roads) with the top suggested sites;
3. the talent pipeline projection and the "2351" school standard;
4. budget execution against time progress (序时进度) and the subsidy ledger;
5. the plan assessment and the automatic district scores and ranking with the reasons
   for every point lost,
6. data quality (数据质量): the plausibility warnings of :mod:`sportsgov.quality`,

and returns a :class:`~sportsgov.report.document.Report` to render with
:mod:`sportsgov.report.render`. Sections whose input files are absent are left out and
listed in ``report.meta["skipped"]``.

Examples
--------
>>> from sportsgov.report import build_report
>>> report = build_report(lang="en", charts=False)
>>> [s.key for s in report.sections]
['indicators', 'coverage', 'talent', 'budget', 'scores', 'plan', 'quality']
>>> report.meta["as_of"], report.meta["synthetic"]
('2024-09-30', True)
"""

from __future__ import annotations

import datetime as _dt
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, Literal

from sportsgov._i18n import Lang, t
from sportsgov._version import __version__
from sportsgov.citydata import CityData
from sportsgov.errors import InvalidInputError
from sportsgov.report._context import Context
from sportsgov.report._sections import BUILDERS, SECTIONS, needs
from sportsgov.report.document import Report, Section
from sportsgov.report.settings import ReportSettings

__all__ = ["Progress", "build_report"]

Progress = Callable[[float, str], None]
"""Progress callback: ``progress(fraction_done, message)``."""


def build_report(
    *,
    data: str | Path | CityData | None = None,
    plan: str | Path | Any = None,
    as_of: _dt.date | str | None = None,
    lang: Lang = "zh",
    progress: Progress | None = None,
    charts: bool = True,
    settings: ReportSettings | None = None,
    population_year: int | None = None,
    basemap: Literal["osm"] | None = None,
) -> Report:
    """Compute every section of the scorecard report for one city.

    Parameters
    ----------
    data : path or CityData, optional
        City data directory (layout in :mod:`sportsgov.citydata`); default: the bundled
        synthetic sample city.
    plan : str, path or Plan, optional
        A bundled plan name (``"zhengzhou-2024"``), a plan TOML file or a loaded plan;
        default: ``plan`` in the city's ``city.toml``.
    as_of : date or ISO string, optional
        Assessment date; default: ``as_of`` in ``city.toml``, else today in Beijing
        time (:func:`sportsgov.periods.today`).
    lang : {"zh", "en"}
        Report language (labels from one message catalog).
    progress : callable, optional
        ``progress(fraction_done, message)`` called before each section.
    charts : bool, default True
        Draw PNG charts (needs the ``plot`` extra; silently skipped without it).
    settings : ReportSettings, optional
        Thresholds and sizes; default: the ``[report]`` table of ``city.toml``, else
        the documented defaults of :class:`~sportsgov.report.settings.ReportSettings`.
    population_year : int, optional
        The year-end population to divide by; default the year before ``as_of``,
        falling back to the latest earlier year with figures (stated in the notes
        and the data-quality section).
    basemap : {"osm"}, optional
        Put OpenStreetMap tiles under the coverage map (needs the network when the page
        is opened); default ``None``: vector layers only, works offline.

    Returns
    -------
    Report
    """
    from sportsgov import plans
    from sportsgov.periods import as_date, today

    if lang not in ("zh", "en"):
        raise InvalidInputError.bad("lang", lang, "expected one of 'zh', 'en'")
    if basemap not in (None, "osm"):
        raise InvalidInputError.bad("basemap", basemap, "expected 'osm' or None")
    report_start = time.perf_counter()
    if progress:
        progress(0.0, t("progress.load", lang))
    city = (
        data
        if isinstance(data, CityData)
        else CityData.load(data)
        if data is not None
        else CityData.sample()
    )
    plan_ref = plan if plan is not None else city.manifest.get("plan")
    if plan_ref is None:
        raise InvalidInputError.bad(
            "plan", None, "name a plan (--plan NAME|FILE) or set plan in city.toml"
        )
    if isinstance(plan_ref, Path) or (isinstance(plan_ref, str) and plan_ref.endswith(".toml")):
        plan_obj = plans.load_file(Path(plan_ref))
    elif isinstance(plan_ref, str):
        plan_obj = plans.load(plan_ref)
    else:
        plan_obj = plan_ref
    day = as_date(as_of, argument="as_of") if as_of is not None else city.as_of
    if day is None:
        day = today()
    if settings is None:
        settings = ReportSettings.from_table(
            city.manifest.get("report"), source=str(city.root / "city.toml")
        )
    ctx = Context(city, plan_obj, day, lang, charts, settings)
    from sportsgov.quality import check_data, population_year_for

    ctx.population_year, ctx.population_note = population_year_for(city, day, population_year)
    ctx.findings = check_data(city, as_of=day, population_year=population_year)
    ctx.basemap = basemap
    sections: list[Section] = []
    skipped: list[str] = []
    timings: dict[str, float] = {}
    for i, key in enumerate(SECTIONS):
        if not needs(city, key):
            skipped.append(key)
            continue
        if progress:
            progress(i / len(SECTIONS), t(f"section.{key}", lang))
        start = time.perf_counter()
        section = BUILDERS[key](ctx)
        seconds = time.perf_counter() - start
        timings[key] = seconds
        from attrs import evolve

        sections.append(evolve(section, seconds=seconds))
    if progress:
        progress(1.0, t("progress.done", lang))
    notes = [t("report.synthetic", lang)] if city.synthetic else []
    if ctx.population_note:
        notes.append(t("quality.population_year", lang, note=ctx.population_note))
    if skipped:
        notes.append(
            t("report.skipped", lang, sections=", ".join(t(f"section.{k}", lang) for k in skipped))
        )
    if charts and not any(f.png for s in sections for f in s.figures):
        notes.append(t("report.no_chart", lang))
    summary = [s.paragraphs[0] for s in sections if s.paragraphs]
    return Report(
        title=t("report.title", lang, city=city.name),
        subtitle=t("report.subtitle", lang, as_of=day.isoformat(), plan=plan_obj.title),
        lang=lang,
        sections=tuple(sections),
        notes=tuple(notes),
        meta={
            "city": city.name,
            "city_code": city.root_code,
            "as_of": day.isoformat(),
            "plan": plan_obj.name,
            "synthetic": city.synthetic,
            "skipped": skipped,
            "seconds": timings,
            "total_seconds": time.perf_counter() - report_start,
            "generated_by": t("report.generated", lang, version=__version__),
            "summary": summary,
            "population_year": ctx.population_year,
            "data_quality": {
                "warnings": sum(f.level == "warning" for f in ctx.findings),
                "findings": [f.to_data() for f in ctx.findings],
            },
        },
    )
