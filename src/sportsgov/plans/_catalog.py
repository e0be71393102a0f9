"""Read plan files (TOML) with a schema check that names file, row and field."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Mapping
from importlib import resources
from pathlib import Path
from typing import Any

from attrs import frozen

from sportsgov._common.tomlfiles import MALFORMED, malformed, parse_toml, read_toml, tables
from sportsgov.errors import (
    DataError,
    InvalidInputError,
    NotFoundError,
    SportsgovError,
    UnitError,
    format_value,
)
from sportsgov.periods import as_period
from sportsgov.plans._indicators import INDICATORS
from sportsgov.plans._model import (
    COMPARATORS,
    Baseline,
    Milestone,
    Phase,
    Plan,
    SourceRef,
    Target,
    Task,
)
from sportsgov.plans._units import convert

__all__ = ["CatalogEntry", "catalog", "load", "load_file", "parse_plan"]

_PLAN_KEYS = {
    "name",
    "title",
    "title_en",
    "issuer",
    "region",
    "period",
    "published",
    "source",
    "quote",
    "last_verified",
    "lead",
    "phases",
    "targets",
    "tasks",
    "baselines",
    "note",
}
_TARGET_KEYS = {
    "id",
    "indicator",
    "comparator",
    "value",
    "upper",
    "unit",
    "period",
    "scope",
    "lead",
    "partners",
    "quote",
    "document",
    "cites",
    "verified",
    "last_verified",
    "baseline",
    "pace",
    "title",
    "note",
}
_TASK_KEYS = {
    "id",
    "title",
    "lead",
    "partners",
    "deadline",
    "milestones",
    "quote",
    "document",
    "note",
}
_BASELINE_KEYS = {
    "indicator",
    "value",
    "unit",
    "as_of",
    "region",
    "quote",
    "document",
    "cites",
    "title",
    "note",
}
_PHASE_KEYS = {"name", "period", "description"}


@frozen
class CatalogEntry:
    """One bundled plan in :func:`catalog`: its name, titles, issuer, period and size.

    Examples
    --------
    >>> from sportsgov import plans
    >>> [e.name for e in plans.catalog()][:2]
    ['jiaozuo-2024', 'national-2025-2035']
    """

    name: str
    title: str
    title_en: str
    issuer: str
    period: str
    source: str
    targets: int


def _err(
    source: str, section: str, row: int | None, field: str, msg: str, ident: str = ""
) -> DataError:
    where = f"{section}[{row}]" if row is not None else section
    if ident:
        where += f" (id={ident!r})"
    return DataError(f"{where}: {msg}", source=source, row=row, field=field)


def _source_ref(
    entry: Mapping[str, Any], default_doc: str, last_verified: dt.date | None
) -> SourceRef | None:
    doc = entry.get("document", default_doc)
    quote = entry.get("quote", "")
    if not doc and not quote:
        return None
    return SourceRef(
        document=str(doc),
        quote=str(quote),
        cites=str(entry.get("cites", "")),
        verified=bool(entry.get("verified", True)),
        last_verified=entry.get("last_verified", last_verified),
    )


def _unknown_keys(entry: Mapping[str, Any], allowed: set[str]) -> list[str]:
    return sorted(k for k in entry if k not in allowed)


def parse_plan(data: Mapping[str, Any], *, source: str = "<plan>") -> Plan:
    """Build a :class:`Plan` from parsed TOML data, checking every row.

    Raises
    ------
    DataError
        Naming the file, the row (1-based index in ``targets``/``tasks``/...) and the
        field, for unknown keys, indicators, comparators or units, malformed periods
        or dates, missing fields and duplicate target ids; a section that is not an
        array of tables, a value of the wrong shape (``indicator = [1]``) or a number
        beyond the bounds (at most 1000 digits, exponent within ±1000), naming the
        field path (``targets[3]``).

    Notes
    -----
    ``partners`` is a list of unit names; one name alone (``partners = "市教育局"``)
    is read as a list of one, never split into characters.

    Examples
    --------
    >>> base = {"name": "x", "issuer": "y", "period": "2024"}
    >>> parse_plan({**base, "targets": 5}, source="p.toml")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    sportsgov.errors.DataError: p.toml, field targets: targets=5: expected an array of tables ...
    """
    at = ["plan"]
    try:
        return _parse_plan(data, source, at)
    except MALFORMED as exc:
        if isinstance(exc, SportsgovError):
            raise
        raise malformed(exc, source=source, where=at[0]) from None


def _parse_plan(data: Mapping[str, Any], source: str, at: list[str]) -> Plan:
    if not isinstance(data, Mapping):
        raise DataError(f"plan={format_value(data)}: expected a table", source=source)
    for key in _unknown_keys(data, _PLAN_KEYS):
        raise _err(
            source,
            "plan",
            None,
            key,
            f"{key}: unknown key; allowed: {', '.join(sorted(_PLAN_KEYS))}",
        )
    for key in ("name", "issuer", "period"):
        if key not in data:
            raise _err(source, "plan", None, key, f"{key}: missing")
    try:
        plan_period = as_period(data["period"])
    except InvalidInputError as exc:
        raise _err(source, "plan", None, "period", str(exc)) from None
    doc = str(data.get("source", ""))
    plan_lv = data.get("last_verified")
    default_lead = str(data.get("lead", data["issuer"]))

    phases = []
    for i, row in enumerate(tables(data.get("phases", []), "phases", source=source), start=1):
        at[0] = f"phases[{i}]"
        for key in _unknown_keys(row, _PHASE_KEYS):
            raise _err(source, "phases", i, key, f"{key}: unknown key")
        try:
            period = as_period(row["period"]) if "period" in row else None
        except InvalidInputError as exc:
            raise _err(source, "phases", i, "period", str(exc)) from None
        phases.append(Phase(str(row.get("name", "")), period, str(row.get("description", ""))))

    targets = []
    seen: dict[str, int] = {}
    for i, row in enumerate(tables(data.get("targets", []), "targets", source=source), start=1):
        at[0] = f"targets[{i}]"
        ident = str(row.get("id", ""))
        for key in _unknown_keys(row, _TARGET_KEYS):
            raise _err(source, "targets", i, key, f"{key}: unknown key", ident)
        for key in ("id", "indicator", "comparator", "value"):
            if key not in row:
                raise _err(source, "targets", i, key, f"{key}: missing", ident)
        if ident in seen:
            raise _err(
                source, "targets", i, "id", f"id={ident!r}: duplicate of row {seen[ident]}", ident
            )
        seen[ident] = i
        if not isinstance(row["indicator"], str) or row["indicator"] not in INDICATORS:
            import difflib

            close = difflib.get_close_matches(str(row["indicator"]), INDICATORS, n=3)
            hint = f"; did you mean {', '.join(map(repr, close))}?" if close else ""
            raise _err(
                source,
                "targets",
                i,
                "indicator",
                f"indicator={row['indicator']!r}: unknown indicator{hint}",
                ident,
            )
        if row["comparator"] not in COMPARATORS:
            raise _err(
                source,
                "targets",
                i,
                "comparator",
                f"comparator={row['comparator']!r}: expected one of "
                + ", ".join(repr(c) for c in COMPARATORS),
                ident,
            )
        try:
            period = as_period(row.get("period", plan_period))
        except InvalidInputError as exc:
            raise _err(source, "targets", i, "period", str(exc), ident) from None
        field_name = "value"
        try:
            unit = row.get("unit")
            ind_unit = INDICATORS[row["indicator"]].unit
            value = convert(row["value"], unit, ind_unit, argument="value")
            field_name = "upper"
            upper = (
                None
                if "upper" not in row
                else convert(row["upper"], unit, ind_unit, argument="upper")
            )
            field_name = "baseline"
            base = (
                None
                if "baseline" not in row
                else convert(row["baseline"], unit, ind_unit, argument="baseline")
            )
        except UnitError as exc:
            raise _err(source, "targets", i, "unit", str(exc), ident) from None
        except InvalidInputError as exc:
            raise _err(source, "targets", i, field_name, str(exc), ident) from None
        try:
            targets.append(
                Target(
                    id=ident,
                    indicator=str(row["indicator"]),
                    comparator=row["comparator"],
                    value=value,
                    period=period,
                    scope=str(row.get("scope", "city")),
                    lead=str(row.get("lead", default_lead)),
                    partners=row.get("partners", ()),
                    source=_source_ref(row, doc, plan_lv),
                    upper=upper,
                    baseline=base,
                    pace=row.get("pace", "none"),
                    title=str(row.get("title", "")),
                )
            )
        except InvalidInputError as exc:
            raise _err(source, "targets", i, exc.argument or "", str(exc), ident) from None

    tasks = []
    for i, row in enumerate(tables(data.get("tasks", []), "tasks", source=source), start=1):
        at[0] = f"tasks[{i}]"
        ident = str(row.get("id", ""))
        for key in _unknown_keys(row, _TASK_KEYS):
            raise _err(source, "tasks", i, key, f"{key}: unknown key", ident)
        if "title" not in row:
            raise _err(source, "tasks", i, "title", "title: missing", ident)
        try:
            tasks.append(
                Task(
                    title=str(row["title"]),
                    lead=str(row.get("lead", default_lead)),
                    partners=row.get("partners", ()),
                    deadline=row.get("deadline"),
                    milestones=tuple(
                        Milestone(m["on"], str(m.get("what", "")))
                        for m in tables(
                            row.get("milestones", []), f"tasks[{i}].milestones", source=source
                        )
                    ),
                    source=_source_ref(row, doc, plan_lv),
                    id=ident,
                )
            )
        except DataError:
            raise
        except (InvalidInputError, KeyError, TypeError) as exc:
            raise _err(
                source, "tasks", i, getattr(exc, "argument", None) or "deadline", str(exc), ident
            ) from None

    baselines = []
    for i, row in enumerate(
        tables(data.get("baselines", []), "baselines", source=source), start=1
    ):
        at[0] = f"baselines[{i}]"
        for key in _unknown_keys(row, _BASELINE_KEYS):
            raise _err(source, "baselines", i, key, f"{key}: unknown key")
        for key in ("indicator", "value", "as_of"):
            if key not in row:
                raise _err(source, "baselines", i, key, f"{key}: missing")
        if not isinstance(row["indicator"], str) or row["indicator"] not in INDICATORS:
            raise _err(
                source,
                "baselines",
                i,
                "indicator",
                f"indicator={row['indicator']!r}: unknown indicator",
            )
        try:
            value = convert(row["value"], row.get("unit"), INDICATORS[row["indicator"]].unit)
            baselines.append(
                Baseline(
                    indicator=str(row["indicator"]),
                    value=value,
                    as_of=row["as_of"],
                    region=str(row.get("region", "city")),
                    source=_source_ref(row, doc, plan_lv),
                    title=str(row.get("title", "")),
                )
            )
        except UnitError as exc:
            raise _err(source, "baselines", i, "unit", str(exc)) from None
        except InvalidInputError as exc:
            raise _err(source, "baselines", i, exc.argument or "value", str(exc)) from None

    at[0] = "plan"
    try:
        return Plan(
            name=str(data["name"]),
            issuer=str(data["issuer"]),
            period=plan_period,
            phases=phases,
            targets=targets,
            tasks=tasks,
            title=str(data.get("title", "")),
            title_en=str(data.get("title_en", "")),
            region=str(data.get("region", "")),
            source=_source_ref({"quote": data.get("quote", "")}, doc, plan_lv) if doc else None,
            published=data.get("published"),
            baselines=baselines,
        )
    except InvalidInputError as exc:
        name = exc.argument or "plan"
        raise _err(source, "plan", None, name, str(exc)) from None


def load_file(path: str | Path) -> Plan:
    """Load a plan from a TOML file of your own (see the plan-schema reference).

    Raises
    ------
    DataError
        If the file is not valid TOML or fails the schema check (file, row, field named).
    NotFoundError
        If the file does not exist.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> text = '''
    ... name = "my-county-2025"
    ... issuer = "某县体育局"
    ... period = "2025"
    ... [[targets]]
    ... id = "events"
    ... indicator = "mass_sports_events"
    ... comparator = ">="
    ... value = 120
    ... unit = "场次"
    ... '''
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "plan.toml"
    >>> _ = p.write_text(text, encoding="utf-8")
    >>> load_file(p).target("events").value
    Decimal('120')
    """
    path = Path(path)
    return parse_plan(read_toml(path, missing="no such plan file"), source=path.name)


def _parse_text(text: str, source: str) -> Plan:
    return parse_plan(parse_toml(text, source=source), source=source)


def _data_dir() -> Any:
    return resources.files("sportsgov.plans").joinpath("data")


def _bundled_names() -> list[str]:
    return sorted(
        p.name[: -len(".toml")] for p in _data_dir().iterdir() if p.name.endswith(".toml")
    )


@functools.cache
def load(name: str) -> Plan:
    """Load a bundled plan by name (``"zhengzhou-2024"``).

    Raises
    ------
    NotFoundError
        If no bundled plan has that name; the message lists the names.

    Examples
    --------
    >>> plan = load("zhengzhou-2024")
    >>> plan.issuer, len(plan.targets) > 20
    ('郑州市体育局', True)
    """
    names = _bundled_names()
    if name not in names:
        raise NotFoundError.bad(
            "name", name, "no bundled plan; expected one of " + ", ".join(map(repr, names))
        )
    text = _data_dir().joinpath(f"{name}.toml").read_text(encoding="utf-8")
    return _parse_text(text, f"{name}.toml")


def catalog() -> list[CatalogEntry]:
    """The bundled plans: name, titles, issuer, period, source document, number of targets.

    Examples
    --------
    >>> names = [e.name for e in catalog()]
    >>> "zhengzhou-2024" in names and "national-2025-2035" in names
    True
    """
    out = []
    for name in _bundled_names():
        plan = load(name)
        out.append(
            CatalogEntry(
                name=plan.name,
                title=plan.title,
                title_en=plan.title_en,
                issuer=plan.issuer,
                period=str(plan.period),
                source=plan.source.document if plan.source else "",
                targets=len(plan.targets),
            )
        )
    return out
