"""Command-line interface: ``sportsgov``.

The CLI is a thin face over the public API::

    sportsgov report [--data DIR] [--plan NAME|FILE] [--as-of DATE] [--out DIR]
                     [--format html,md,json,xlsx] [--lang zh|en] [--population-year YEAR] [--quiet]
    sportsgov check --data DIR [--as-of DATE] [--population-year YEAR]
    sportsgov coverage DEMAND.csv FACILITIES.csv --radius 1000 [--by region] [--out FILE]
    sportsgov apportion TOTAL A=5 B=3 C=2 [--method hamilton] [--floor A=1] [--cap B=2]
    sportsgov plans list | show NAME | check FILE
    sportsgov gaps [--data DIR] [--by DATE] [--out DIR] [--lang zh|en]
    sportsgov whatif [--data DIR] (--scenario FILE | --projects FILE --budget 5000万元) [--out DIR]
    sportsgov --version

Exit codes: ``0`` success; ``1`` the work could not be done (bad data, infeasible
constraints, a file that cannot be read: one line names the file/row at fault);
``2`` usage error (unknown option, missing argument). ``--debug`` shows the traceback
instead of the one-line message.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
import time
import warnings
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TextIO, cast

from sportsgov._version import __version__
from sportsgov.errors import InvalidInputError, SportsgovError

__all__ = ["EXIT_FAILED", "EXIT_OK", "EXIT_USAGE", "main"]

EXIT_OK = 0
"""The command did its work."""
EXIT_FAILED = 1
"""The work could not be done: bad data, infeasible constraints, unreadable files."""
EXIT_USAGE = 2
"""The command line itself is wrong."""


class _UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> Any:  # argparse would exit; we raise and decide
        raise _UsageError(f"{self.prog}: {message}")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="sportsgov", description="Sports-governance calculators and reports.")
    parser.add_argument("--version", action="version", version=f"sportsgov {__version__}")
    parser.add_argument(
        "--debug", action="store_true", help="show tracebacks instead of one-line errors"
    )
    # --debug is accepted after the subcommand too; SUPPRESS keeps the top-level value otherwise.
    common = _Parser(add_help=False)
    common.add_argument(
        "--debug", action="store_true", default=argparse.SUPPRESS, help=argparse.SUPPRESS
    )
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)

    rep = sub.add_parser(
        "report",
        parents=[common],
        help="assess a city against a plan and write a scorecard report",
    )
    rep.add_argument(
        "--data",
        type=Path,
        default=None,
        help="city data directory (default: bundled sample city)",
    )
    rep.add_argument("--plan", default=None, help="bundled plan name or a plan TOML file")
    rep.add_argument(
        "--as-of",
        dest="as_of",
        default=None,
        help="assessment date YYYY-MM-DD (default: as_of in city.toml, else today, Beijing time)",
    )
    rep.add_argument(
        "--out", type=Path, default=Path("report"), help="output directory (default ./report)"
    )
    rep.add_argument(
        "--format",
        default="html,md,json,xlsx",
        help="comma-separated: html, md, json, xlsx (default all; xlsx needs the excel extra)",
    )
    rep.add_argument(
        "--lang", choices=("zh", "en"), default="zh", help="report language (default zh)"
    )
    rep.add_argument(
        "--population-year",
        dest="population_year",
        type=int,
        default=None,
        help="year-end population to divide by (default: the year before --as-of, else "
        "the latest earlier year with figures, stated in the report)",
    )
    rep.add_argument(
        "--quiet",
        action="store_true",
        help="no progress bars, no summary, no matplotlib font warnings",
    )

    rep.add_argument(
        "--basemap",
        choices=("osm",),
        default=None,
        help="online OpenStreetMap tiles under the map (default: none, works offline)",
    )

    chk = sub.add_parser(
        "check",
        parents=[common],
        help="read every file of a city and list every problem (exit 1 on any error)",
    )
    chk.add_argument("--data", type=Path, required=True, help="city data directory")
    chk.add_argument(
        "--as-of",
        dest="as_of",
        default=None,
        help="assessment date YYYY-MM-DD (default: city.toml)",
    )
    chk.add_argument(
        "--population-year",
        dest="population_year",
        type=int,
        default=None,
        help="the population year the report will divide by",
    )

    cov = sub.add_parser(
        "coverage", parents=[common], help="population share within a radius of a facility"
    )
    cov.add_argument("demand", type=Path, help="CSV with lon, lat, population [, region]")
    cov.add_argument("facilities", type=Path, help="CSV with lon, lat [, datum]")
    cov.add_argument("--radius", required=True, help="catchment radius, metres or e.g. '1 km'")
    cov.add_argument("--datum", default="wgs84", help="datum of the demand file (default wgs84)")
    cov.add_argument(
        "--facility-datum",
        default=None,
        help="datum of the facility file (default: its datum column or --datum)",
    )
    cov.add_argument(
        "--by", default=None, help="column of the demand file to group by (e.g. region)"
    )
    cov.add_argument(
        "--out", type=Path, default=None, help="write the uncovered points (.csv or .geojson)"
    )

    app = sub.add_parser(
        "apportion", parents=[common], help="apportion whole units among claimants"
    )
    app.add_argument("total", type=int, help="number of seats/places to hand out")
    app.add_argument("weights", nargs="+", help="NAME=WEIGHT pairs")
    app.add_argument(
        "--method",
        default="hamilton",
        metavar="METHOD",
        help="hamilton (default; = largest-remainder, hare, hare-niemeyer), jefferson "
        "(= dhondt), webster (= sainte-lague), huntington-hill, adams",
    )
    app.add_argument("--floor", nargs="*", default=[], help="NAME=MIN pairs")
    app.add_argument("--cap", nargs="*", default=[], help="NAME=MAX pairs")
    app.add_argument("--ties", choices=("error", "order"), default="error")

    pl = sub.add_parser("plans", parents=[common], help="list, show or check plans")
    pl_sub = pl.add_subparsers(dest="plans_command", parser_class=_Parser)
    pl_sub.add_parser("list", parents=[common], help="list the bundled plans")
    show = pl_sub.add_parser("show", parents=[common], help="show one plan's targets")
    show.add_argument("name", help="bundled plan name or a plan TOML file")
    check = pl_sub.add_parser("check", parents=[common], help="validate a plan TOML file")
    check.add_argument("file", type=Path)

    def planning_options(cmd: argparse.ArgumentParser, out: str) -> None:
        cmd.add_argument(
            "--data", type=Path, default=None, help="city data directory (default: sample city)"
        )
        cmd.add_argument("--plan", default=None, help="bundled plan name or a plan TOML file")
        cmd.add_argument("--as-of", dest="as_of", default=None, help="assessment date YYYY-MM-DD")
        cmd.add_argument(
            "--out", type=Path, default=Path(out), help=f"output directory (default ./{out})"
        )
        cmd.add_argument(
            "--format",
            default="html,md,json,xlsx",
            help="comma-separated: html, md, json, xlsx (default all; xlsx needs the excel extra)",
        )
        cmd.add_argument("--lang", choices=("zh", "en"), default="zh")
        cmd.add_argument("--quiet", action="store_true", help="no summary on stdout")

    gp = sub.add_parser(
        "gaps", parents=[common], help="what is left of every target and the pace to close it"
    )
    planning_options(gp, "gaps")
    gp.add_argument(
        "--by", default=None, help="close every gap by this date (default: each target's deadline)"
    )
    wi = sub.add_parser(
        "whatif", parents=[common], help="a scenario, or the best projects within a budget"
    )
    planning_options(wi, "whatif")
    wi.add_argument("--scenario", type=Path, default=None, help="scenario file (.toml or .json)")
    wi.add_argument(
        "--projects",
        type=Path,
        default=None,
        help="candidate projects: CSV (any encoding), xlsx or xls",
    )
    wi.add_argument("--budget", default=None, help="money for --projects, e.g. 5000万元")
    wi.add_argument(
        "--objective",
        choices=("covered_population", "targets_met"),
        default=None,
        help="what the portfolio maximises (default: plan_objective in city.toml)",
    )
    return parser


def _pairs(items: Sequence[str], argument: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for item in items:
        name, sep, value = item.partition("=")
        if not sep or not name:
            raise InvalidInputError.bad(argument, item, "expected NAME=NUMBER")
        out[name] = value
    return out


def _number(text: str, argument: str) -> Any:
    from decimal import Decimal, InvalidOperation

    try:
        value = Decimal(text)
    except InvalidOperation:
        raise InvalidInputError.bad(argument, text, "expected a number") from None
    return int(value) if value == value.to_integral_value() else value


def _cmd_apportion(args: argparse.Namespace, out: TextIO) -> int:
    from sportsgov.apportionment import apportion

    weights = {k: _number(v, f"weights[{k}]") for k, v in _pairs(args.weights, "weights").items()}
    floors = {
        k: int(_number(v, f"floor[{k}]")) for k, v in _pairs(args.floor, "floor").items()
    } or None
    caps = {k: int(_number(v, f"cap[{k}]")) for k, v in _pairs(args.cap, "cap").items()} or None
    result = apportion(
        args.total, weights, method=args.method, floors=floors, caps=caps, ties=args.ties
    )
    width = max(len(k) for k in weights)
    print(f"{'unit'.ljust(width)}  weight  quota      seats", file=out)
    for key, seats in result.seats.items():
        quota = float(result.quotas[key])
        print(f"{key.ljust(width)}  {weights[key]!s:>6}  {quota:9.4f}  {seats:5d}", file=out)
    print(f"method={result.method}  total={sum(result.seats.values())}", file=out)
    return EXIT_OK


def _read_points_csv(
    path: Path, *, datum: str | None, weight: bool
) -> tuple[Any, list[dict[str, str]]]:
    import numpy as np

    from sportsgov._common.csvfiles import open_text, read_rows
    from sportsgov._common.degrees import degrees
    from sportsgov.coverage import Points
    from sportsgov.errors import DataError, InvalidInputError

    try:
        handle = open_text(path)
    except OSError as exc:
        raise DataError(f"cannot read: {exc.strerror}", source=str(path)) from None
    with handle:
        rows = [record for _, record in read_rows(handle)]
    if not rows:
        raise DataError("no data rows", source=str(path))
    lon = np.empty(len(rows))
    lat = np.empty(len(rows))
    pop = np.empty(len(rows))
    for i, row in enumerate(rows, start=1):
        for name, arr in (("lon", lon), ("lat", lat)) + ((("population", pop),) if weight else ()):
            try:
                if name == "population":
                    arr[i - 1] = float(row[name])
                else:  # decimal or degrees-minutes-seconds (113°36′12″E)
                    arr[i - 1] = degrees(row[name], name, axis="lon" if name == "lon" else "lat")
            except KeyError:
                raise DataError(
                    f"missing column {name!r}", source=str(path), row=i, field=name
                ) from None
            except InvalidInputError as exc:  # a coordinate: degrees() says what is wrong
                raise DataError(exc.message, source=str(path), row=i, field=name) from None
            except (TypeError, ValueError):
                raise DataError(
                    f"{name}={row.get(name)!r}: expected a number",
                    source=str(path),
                    row=i,
                    field=name,
                ) from None
    datums = {row.get("datum") or datum or "wgs84" for row in rows}
    if len(datums) > 1:
        raise DataError(
            f"datum={sorted(datums)}: one datum per file expected", source=str(path), field="datum"
        )
    points = Points(lon, lat, datum=datums.pop(), weight=pop if weight else None)
    return points, rows


def _cmd_coverage(args: argparse.Namespace, out: TextIO) -> int:
    from sportsgov.coverage import circle_coverage
    from sportsgov.units import Quantity, as_quantity

    radius = (
        as_quantity(args.radius, "m")
        if any(c.isalpha() for c in args.radius)
        else float(args.radius)
    )
    demand, rows = _read_points_csv(args.demand, datum=args.datum, weight=True)
    facilities, _ = _read_points_csv(
        args.facilities, datum=args.facility_datum or args.datum, weight=False
    )
    by = None
    if args.by:
        if args.by not in rows[0]:
            raise InvalidInputError.bad(
                "--by", args.by, f"expected a column of {args.demand.name}: {sorted(rows[0])}"
            )
        by = [row[args.by] for row in rows]
    result = circle_coverage(demand, facilities, radius=radius, by=by)
    unit = "" if isinstance(radius, Quantity) else " m"
    print(
        f"covered {result.covered_population:,.0f} of {result.total_population:,.0f} residents "
        f"({float(result.share):.2%}) within {args.radius}{unit}",
        file=out,
    )
    if by is not None:
        for key, reg in sorted(result.regions.items()):
            share = "—" if reg.share is None else f"{float(reg.share):.2%}"
            counts = f"{reg.covered_population:,.0f} of {reg.total_population:,.0f}"
            print(f"  {key}: {share} ({counts})", file=out)
    if args.out is not None:
        _write_uncovered(args.out, rows, result)
        print(f"uncovered points written to {args.out}", file=out)
    return EXIT_OK


def _write_uncovered(path: Path, rows: list[dict[str, str]], result: Any) -> None:
    import numpy as np

    idx = np.flatnonzero(~np.asarray(result.covered))
    if path.suffix.lower() == ".geojson":
        features = [
            {
                "type": "Feature",
                "geometry": {
                    "type": "Point",
                    "coordinates": [float(rows[i]["lon"]), float(rows[i]["lat"])],
                },
                "properties": {**rows[i], "nearest_m": float(result.nearest[i])},
            }
            for i in idx
        ]
        path.write_text(
            json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False),
            "utf-8",
        )
        return
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        header = [*rows[0].keys(), "nearest_m"]
        writer.writerow(header)
        for i in idx:
            writer.writerow([*rows[i].values(), f"{float(result.nearest[i]):.1f}"])


def _cmd_plans(args: argparse.Namespace, out: TextIO) -> int:
    from sportsgov import plans

    if args.plans_command in (None, "list"):
        for entry in plans.catalog():
            name = getattr(entry, "name", entry)
            title = getattr(entry, "title", "")
            print(f"{name:<24} {title}", file=out)
        return EXIT_OK
    if args.plans_command == "show":
        plan = (
            plans.load_file(Path(args.name))
            if args.name.endswith(".toml")
            else plans.load(args.name)
        )
        print(f"{plan.name}: {len(plan.targets)} targets", file=out)
        for target in plan.targets:
            print(
                f"  {target.id:<28} {target.indicator} {target.comparator} {target.value}",
                file=out,
            )
        return EXIT_OK
    plan = plans.load_file(args.file)
    print(f"{args.file}: ok, {len(plan.targets)} targets", file=out)
    return EXIT_OK


class _Progress:
    """Progress on stderr: a rich bar with the ``cli`` extra, plain lines otherwise."""

    def __init__(self, quiet: bool) -> None:
        self.quiet = quiet
        self._bar: Any = None
        self._task: Any = None
        self._start = time.perf_counter()

    def __enter__(self) -> _Progress:
        if self.quiet:
            return self
        try:
            from rich.console import Console
            from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn
        except ImportError:
            return self
        self._bar = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            TimeElapsedColumn(),
            transient=True,
            console=Console(stderr=True),
        )
        self._bar.__enter__()
        self._task = self._bar.add_task("sportsgov report", total=1.0)
        return self

    def __call__(self, fraction: float, message: str) -> None:
        if self.quiet:
            return
        if self._bar is not None:
            self._bar.update(self._task, completed=fraction, description=message)
        else:
            print(
                f"[{time.perf_counter() - self._start:5.1f}s] {message}",
                file=sys.stderr,
                flush=True,
            )

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.__exit__(None, None, None)


def _cmd_report(args: argparse.Namespace, out: TextIO) -> int:
    from sportsgov.report import build_report, write_report

    formats = _formats(args)
    with _Progress(args.quiet) as progress, warnings.catch_warnings():
        if args.quiet:  # matplotlib warns about each glyph a font lacks
            warnings.filterwarnings("ignore", category=UserWarning, module="matplotlib")
            warnings.filterwarnings("ignore", message=r".*[Gg]lyph.*missing from.*")
        report = build_report(
            data=args.data,
            plan=args.plan,
            as_of=args.as_of,
            lang=args.lang,
            progress=progress,
            population_year=args.population_year,
            basemap=args.basemap,
        )
    written = write_report(report, args.out, formats=cast(Any, formats))
    if not args.quiet:
        from sportsgov._i18n import t

        for line in report.meta.get("summary", []):
            print(line, file=out)
        for path in written.values():
            print(t("cli.wrote", args.lang, path=path), file=out)
        if "xlsx" in formats and "xlsx" not in written:
            print(t("cli.no_xlsx", args.lang), file=out)
    return EXIT_OK


def _cmd_check(args: argparse.Namespace, out: TextIO) -> int:
    from sportsgov.quality import check_city

    findings = check_city(args.data, as_of=args.as_of, population_year=args.population_year)
    for finding in findings:
        print(finding, file=out)
    errors = sum(f.level == "error" for f in findings)
    warned = len(findings) - errors
    print(f"{args.data}: {errors} errors, {warned} warnings", file=out)
    return EXIT_FAILED if errors else EXIT_OK


def _formats(args: argparse.Namespace) -> list[str]:
    """The ``--format`` list; a wrong value is a usage error (exit 2)."""
    formats = [f.strip() for f in args.format.split(",") if f.strip()]
    for fmt in formats or [args.format]:
        if fmt not in ("html", "md", "json", "xlsx"):
            raise _UsageError(
                f"sportsgov {args.command}: argument --format: {fmt!r}: "
                "expected a comma-separated list of html, md, json, xlsx"
            )
    return formats


def _planning_inputs(args: argparse.Namespace) -> tuple[Any, Any, Any, Any]:
    """The city, plan, assessment date and report settings of gaps/whatif."""
    from sportsgov import plans
    from sportsgov.citydata import CityData
    from sportsgov.periods import as_date, today
    from sportsgov.report import ReportSettings

    city = CityData.load(args.data) if args.data is not None else CityData.sample()
    ref = args.plan if args.plan is not None else city.manifest.get("plan")
    if ref is None:
        raise InvalidInputError.bad("--plan", None, "name a plan or set plan in city.toml")
    plan = plans.load_file(Path(ref)) if str(ref).endswith(".toml") else plans.load(str(ref))
    day = as_date(args.as_of, argument="--as-of") if args.as_of else city.as_of or today()
    settings = ReportSettings.from_table(
        city.manifest.get("report"), source=str(city.root / "city.toml")
    )
    return city, plan, day, settings


def _write_section(
    args: argparse.Namespace, out: TextIO, city: Any, plan: Any, day: Any, section: Any
) -> int:
    from sportsgov._i18n import t
    from sportsgov._version import __version__
    from sportsgov.report import Report, write_report

    lang = args.lang
    report = Report(
        title=t("report.title", lang, city=city.name),
        subtitle=t("report.subtitle", lang, as_of=day.isoformat(), plan=plan.title),
        lang=lang,
        sections=(section,),
        notes=(t("report.synthetic", lang),) if city.synthetic else (),
        meta={
            "city": city.name,
            "city_code": city.root_code,
            "as_of": day.isoformat(),
            "plan": plan.name,
            "synthetic": city.synthetic,
            "generated_by": t("report.generated", lang, version=__version__),
        },
    )
    formats = _formats(args)
    written = write_report(report, args.out, formats=cast(Any, formats))
    if not args.quiet:
        for line in section.paragraphs:
            print(line, file=out)
        for path in written.values():
            print(t("cli.wrote", lang, path=path), file=out)
        if "xlsx" in formats and "xlsx" not in written:
            print(t("cli.no_xlsx", lang), file=out)
    return EXIT_OK


def _charts() -> tuple[bool, bool]:
    from sportsgov.report._charts import has_cjk_font

    try:
        import matplotlib  # noqa: F401
    except ImportError:
        return False, False
    return True, has_cjk_font()


def _cmd_gaps(args: argparse.Namespace, out: TextIO) -> int:
    from sportsgov.periods import as_date
    from sportsgov.report._sections.plan import compute, layout

    _formats(args)
    city, plan, day, settings = _planning_inputs(args)
    by = as_date(args.by, argument="--by") if args.by else None
    data = compute(city, plan, day, settings, by=by, projects=(), sites=False)
    charts, cjk = _charts()
    section = layout(
        data, city, args.lang, key="gaps", charts=charts, cjk=cjk, parts=("gaps", "area")
    )
    return _write_section(args, out, city, plan, day, section)


def _cmd_whatif(args: argparse.Namespace, out: TextIO) -> int:
    import attrs

    from sportsgov.errors import DataError
    from sportsgov.money import Money
    from sportsgov.planning import ProjectTable
    from sportsgov.report._sections.plan import compute, layout, scenario_section

    _formats(args)
    if (args.scenario is None) == (args.projects is None):
        raise _UsageError("sportsgov whatif: give either --scenario FILE or --projects FILE")
    if args.projects is not None and args.budget is None:
        raise _UsageError("sportsgov whatif: --projects needs --budget (e.g. --budget 5000万元)")
    if args.scenario is not None and (args.budget is not None or args.objective is not None):
        raise _UsageError("sportsgov whatif: --budget and --objective go with --projects")
    budget = None
    if args.budget is not None:
        try:
            budget = Money.parse(args.budget)
        except InvalidInputError:
            raise InvalidInputError.bad(
                "--budget", args.budget, "expected an amount of money such as '5000万元'"
            ) from None
        if budget < Money(0):
            raise InvalidInputError.bad("--budget", args.budget, "must be >= 0")
    city, plan, day, settings = _planning_inputs(args)
    charts, cjk = _charts()
    if args.scenario is not None:
        from sportsgov.planning import Scenario

        path = args.scenario
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as exc:
            raise DataError(f"cannot read: {exc.strerror}", source=str(path)) from None
        try:
            if path.suffix.lower() == ".json":
                try:
                    raw = json.loads(text)
                except json.JSONDecodeError as exc:
                    raise DataError(f"scenario: not valid JSON: {exc}") from None
                scenario = Scenario.from_data(raw, base=city)
            else:
                scenario = Scenario.from_toml(text, base=city)
        except DataError as exc:
            if exc.source is None:
                raise DataError(
                    exc.detail, source=str(path), row=exc.row, field=exc.field
                ) from None
            raise
        section = scenario_section(
            city,
            scenario,
            args.lang,
            plan=plan if args.plan or scenario.plan is None else scenario.plan,
            as_of=day if args.as_of or scenario.as_of is None else scenario.as_of,
            charts=charts,
            cjk=cjk,
        )
        return _write_section(args, out, city, plan, day, section)
    if args.objective is not None:
        settings = attrs.evolve(settings, plan_objective=args.objective)
    projects = ProjectTable.from_file(args.projects).rows
    data = compute(city, plan, day, settings, projects=projects, budget=budget, sites=False)
    section = layout(
        data, city, args.lang, key="portfolio", charts=charts, cjk=cjk, parts=("portfolio",)
    )
    return _write_section(args, out, city, plan, day, section)


_COMMANDS: dict[str, Callable[[argparse.Namespace, TextIO], int]] = {
    "report": _cmd_report,
    "check": _cmd_check,
    "gaps": _cmd_gaps,
    "whatif": _cmd_whatif,
    "coverage": _cmd_coverage,
    "apportion": _cmd_apportion,
    "plans": _cmd_plans,
}


def main(
    argv: Sequence[str] | None = None, *, out: TextIO | None = None, err: TextIO | None = None
) -> int:
    """Run the ``sportsgov`` command; return the exit code (0 ok, 1 failed, 2 usage).

    Examples
    --------
    >>> main(["apportion", "10", "A=5", "B=3", "C=2", "--method", "dhondt"])
    unit  weight  quota      seats
    A          5     5.0000      5
    B          3     3.0000      3
    C          2     2.0000      2
    method=jefferson  total=10
    0
    >>> main(["apportion", "10", "A=x"], err=sys.stdout)
    sportsgov: error: weights[A]='x': expected a number
    1
    """
    out = out if out is not None else sys.stdout
    err = err if err is not None else sys.stderr
    parser = _parser()
    args_list = list(sys.argv[1:] if argv is None else argv)
    try:
        args = parser.parse_args(args_list)
    except _UsageError as exc:
        print(f"{exc}\nTry 'sportsgov --help'.", file=err)
        return EXIT_USAGE
    except SystemExit as exc:  # --help / --version
        return int(exc.code or 0)
    if args.command is None:
        parser.print_help(out)
        return EXIT_USAGE
    try:
        return _COMMANDS[args.command](args, out)
    except _UsageError as exc:
        print(f"{exc}\nTry 'sportsgov --help'.", file=err)
        return EXIT_USAGE
    except (SportsgovError, OSError) as exc:
        if args.debug:
            raise
        print(f"sportsgov: error: {cli_spelling(str(exc), _options(parser))}", file=err)
        return EXIT_FAILED


def _options(parser: argparse.ArgumentParser) -> set[str]:
    """Every ``--option`` of the command and its subcommands."""
    found: set[str] = set()
    stack = [parser]
    while stack:
        current = stack.pop()
        for action in current._actions:
            found.update(o for o in action.option_strings if o.startswith("--"))
            if isinstance(action, argparse._SubParsersAction):
                stack.extend(action.choices.values())
    return found


def cli_spelling(message: str, options: set[str]) -> str:
    """Rewrite the library's hints (``pass ties='order'``) as the CLI spells them.

    Only arguments the CLI has an option for are rewritten.

    Examples
    --------
    >>> cli_spelling("tied; pass ties='order' to give them by input order", {"--ties"})
    'tied; pass --ties order to give them by input order'
    >>> cli_spelling("pass interpolate=True", {"--ties"})
    'pass interpolate=True'
    """

    def repl(match: re.Match[str]) -> str:
        option = "--" + match.group(1).replace("_", "-")
        if option not in options:
            return match.group(0)
        value = match.group(2) if match.group(2) is not None else match.group(3)
        return f"pass {option} {value}"

    return re.sub(r"pass (\w+)=(?:'([^']*)'|(\w+))", repl, message)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
