"""A city's data directory, loaded in one call: the input of ``sportsgov report``.

The layout (``.csv.gz``, ``.xlsx`` or ``.xls`` accepted wherever ``.csv`` is; any
encoding Excel writes -- UTF-8, UTF-8 with BOM, GBK/GB18030; Chinese headers such as
编号, 场地类型, 所属区县, 面积(平方米) and dates such as ``2024/3/1`` through the one
table reader, see the how-to "Load your own spreadsheets"). Required:

- ``regions.csv``: ``code,name,level,parent,settlement``
- ``population.csv``: ``region,year,population`` (year-end resident population)
- ``facilities.csv``: ``id,name,kind,region,area,length,lon,lat,datum,opened,closed,public``
  (area [m²], length [m])

Optional (the report leaves out a section whose files are absent and says so):

- ``city.toml``: ``name``, ``code`` (root region), ``as_of``, ``plan``, ``scheme``,
  ``synthetic``, ``walk_speed``, tables ``[talent]`` and ``[standard]``
- ``population_grid.csv``: ``lon,lat,population,region`` (WGS-84)
- ``roads_nodes.csv`` (``id,lon,lat``) with ``roads_edges.csv``
  (``source,target,length`` [m])
- ``instructors.csv``: ``region,year,instructors``
  (read into a :class:`~sportsgov.talent.InstructorTable`)
- ``events.csv``: ``date,name,level,category,model,cost,rate,cap,organizer,region``
- ``budget_lines.csv``: ``line,name,region,budget,spent`` (money strings: ``12.5万元``,
  or bare numbers under a header such as 预算(万元)), read as a
  :class:`~sportsgov.budget.BudgetLineTable`
- ``subsidy_program.toml``: ``name,kinds,rate,per_claim_cap,per_person_cap,budget,period``
  with ``subsidy_claims.csv``: ``claim_id,person,kind,amount,on``, read as a
  :class:`~sportsgov.budget.SubsidyClaimTable`
- ``talent_rates.csv`` (``from,to,rate``) with ``talent_stock.csv`` (``region,tier,stock``)
- ``schools.csv``: ``school,region,coaches,athletes``
  (read into a :class:`~sportsgov.talent.SchoolTable`)
- ``observations.csv``: ``target,region,value,unit,as_of``

Region cells may name the region instead of giving its code (所属区县 = 中原区,
街道 = 文化路街道, or qualified: 清河市中原区, 中原区（清河市）): ``regions.csv`` gives
the tree, and every other file's region column is resolved against it and stored
as codes (the rules of :meth:`Inventory.from_file
<sportsgov.facilities.Inventory.from_file>`). A name shared by several regions is
a :class:`~sportsgov.errors.DataError` naming the file, row and candidates. In the
optional files a cell that is no region of the tree is kept as written (the
observations' ``city``; the data-quality checks report the others).

Examples
--------
>>> city = CityData.load(sample_city_path())
>>> city.name, city.synthetic, len(city.facilities) >= 5000
('清河市', True, True)
>>> city.root_code, [r.code for r in city.regions.children(city.root_code)][:2]
('990100', ['990102', '990103'])
"""

from __future__ import annotations

import contextlib
import datetime as _dt
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
from attrs import frozen

from sportsgov._common.degrees import degrees
from sportsgov._common.tomlfiles import read_toml
from sportsgov.errors import DataError, InvalidInputError

if TYPE_CHECKING:
    from sportsgov._common.tables import RawTable
    from sportsgov.assessment import ObservationTable
    from sportsgov.budget import (
        BudgetLineTable,
        EventCatalog,
        SubsidyClaimTable,
        SubsidyProgram,
    )
    from sportsgov.coverage import Points, RoadNetwork
    from sportsgov.facilities import Inventory
    from sportsgov.regions import PopulationTable, RegionTree
    from sportsgov.talent import InstructorTable, PipelineModel, SchoolTable

__all__ = ["CityData", "sample_city_path"]


def sample_city_path() -> Path:
    """Directory of the bundled, synthetic sample city (清河市).

    Examples
    --------
    >>> (sample_city_path() / "city.toml").exists()
    True
    """
    return Path(__file__).resolve().parent / "data" / "sample_city"


_SUFFIXES = (".csv", ".csv.gz", ".xlsx", ".xlsm", ".xls", ".tsv", ".tsv.gz", ".txt")


def find_table(root: Path, stem: str) -> Path | None:
    """The file of a table: ``stem`` with any suffix the table reader accepts.

    ``stem`` may be written with ``.csv`` (``"regions.csv"``): a ``regions.csv.gz``,
    ``regions.xlsx`` or ``regions.xls`` is found as well, in that order.
    """
    base = stem[: -len(".csv")] if stem.endswith(".csv") else stem
    for suffix in _SUFFIXES:
        path = root / f"{base}{suffix}"
        if path.exists():
            return path
    return None


def table_records(
    path: Path, table: str, prepare: Callable[[RawTable], RawTable] | None = None
) -> list[tuple[int, dict[str, str]]]:
    """``(spreadsheet row, {field: cell})`` of a city table file, through the one reader.

    Cells are in canonical units (常住人口(万人) multiplied out, 预算(万元) kept as
    money text), date fields in ISO form when they parse (``2024/3/1`` ->
    ``2024-03-01``), surrounding blanks removed; ``prepare`` (region names to
    codes) is applied to the raw cells first.
    """
    from sportsgov._common.tables import read_table
    from sportsgov.periods import as_date

    raw = read_table(path, table=table, source=str(path))
    if prepare is not None:
        raw = prepare(raw)
    dates = [name for name, spec in raw.specs.items() if spec.type == "date"]
    out: list[tuple[int, dict[str, str]]] = []
    for row, rec in raw.canonical_records():
        record = {k: v.strip() for k, v in rec.items()}
        for name in dates:
            text = record.get(name, "")
            if text:  # a bad date is left for the table's own check, which names the row
                with contextlib.suppress(InvalidInputError):
                    record[name] = as_date(text, argument=name).isoformat()
        out.append((row, record))
    return out


def _load_toml(path: Path) -> dict[str, Any]:
    return read_toml(path, source=str(path))


def _count(value: Any) -> str | None:
    """Why ``value`` is not a whole number >= 0 (an int, or its digits as text), or None."""
    if isinstance(value, bool) or not isinstance(value, int | str):
        return "expected a whole number"
    if isinstance(value, str):
        return _whole(value.strip())
    return None if value >= 0 else "must be >= 0"


def _year(value: Any) -> str | None:
    problem = _count(value)
    if problem is None and not 1900 <= int(value) <= 2200:
        return "expected a year between 1900 and 2200"
    return problem


def _check_manifest(manifest: Mapping[str, Any], *, source: str) -> None:
    """Check the tables of ``city.toml`` that the report reads as numbers.

    ``[standard]``: ``coaches`` and ``athletes`` (required), ``reserve_target`` (optional)
    whole numbers >= 0; ``[talent]``: ``start`` and ``horizon`` years, ``target`` a table
    of whole numbers >= 0.

    Raises
    ------
    DataError
        Naming ``source`` and the field path (``standard.coaches``).

    Examples
    --------
    >>> _check_manifest({"standard": {"coaches": "3", "athletes": 51}}, source="city.toml")
    >>> _check_manifest({"standard": {"coaches": "many", "athletes": 51}}, source="city.toml")
    ... # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    sportsgov.errors.DataError: city.toml, field standard.coaches: standard.coaches='many': ...
    """
    checks: list[tuple[str, Any, Callable[[Any], str | None]]] = []
    for table in ("standard", "talent"):
        if table in manifest and not isinstance(manifest[table], Mapping):
            raise DataError(
                f"{table}={manifest[table]!r:.60}: expected a table [{table}]",
                source=source,
                field=table,
            )
    standard = manifest.get("standard")
    if standard:
        for key in ("coaches", "athletes"):
            if key not in standard:
                raise DataError(f"standard.{key}: missing", source=source, field=f"standard.{key}")
            checks.append((f"standard.{key}", standard[key], _count))
        if standard.get("reserve_target") is not None:
            checks.append(("standard.reserve_target", standard["reserve_target"], _count))
    talent = manifest.get("talent") or {}
    checks.extend((f"talent.{k}", talent[k], _year) for k in ("start", "horizon") if k in talent)
    target = talent.get("target", {})
    if not isinstance(target, Mapping):
        checks.append(("talent.target", target, lambda _: "expected a table of whole numbers"))
    else:
        checks.extend((f"talent.target.{k}", v, _count) for k, v in target.items())
    for name, value, check in checks:
        problem = check(value)
        if problem is not None:
            raise DataError(f"{name}={value!r:.60}: {problem}", source=source, field=name)


def _grid(
    path: Path, prepare: Callable[[RawTable], RawTable]
) -> tuple[Points, np.ndarray[Any, np.dtype[np.str_]]]:
    from sportsgov.coverage import Points

    lon: list[float] = []
    lat: list[float] = []
    pop: list[float] = []
    region: list[str] = []
    for row, rec in table_records(path, "population_grid", prepare):
        try:
            lon.append(degrees(rec["lon"], "lon", axis="lon"))
            lat.append(degrees(rec["lat"], "lat", axis="lat"))
        except InvalidInputError as exc:
            raise DataError(exc.message, source=str(path), row=row, field=exc.argument) from None
        try:
            pop.append(float(rec["population"]))
        except ValueError:
            raise DataError(
                f"population={rec['population']!r}: expected a number",
                source=str(path),
                row=row,
                field="population",
            ) from None
        region.append(rec.get("region", "") or "")
    points = Points(np.array(lon), np.array(lat), datum="wgs84", weight=np.array(pop))
    return points, np.array(region)


@frozen
class CityData:
    """Everything ``sportsgov report`` reads about one city (see the module doc for the layout).

    Optional parts are ``None`` when their files are absent; the report leaves out the
    sections that need them and says so.
    """

    root: Path
    manifest: dict[str, Any]
    regions: RegionTree
    population: PopulationTable
    facilities: Inventory
    grid: Points | None = None
    grid_regions: Any = None
    roads: RoadNetwork | None = None
    instructors: InstructorTable | None = None
    events: EventCatalog | None = None
    budget_lines: BudgetLineTable | None = None
    subsidy_program: SubsidyProgram | None = None
    subsidy_claims: SubsidyClaimTable | None = None
    talent: PipelineModel | None = None
    talent_stock: dict[str, dict[str, int]] | None = None
    schools: SchoolTable | None = None
    observations: ObservationTable | None = None

    @property
    def name(self) -> str:
        """City name from ``city.toml`` (default: the root region's name)."""
        return str(self.manifest.get("name") or self.regions.get(self.root_code).name)

    @property
    def root_code(self) -> str:
        """Code of the city's root region."""
        code = self.manifest.get("code")
        if code:
            return str(code)
        roots = self.regions.roots()
        if len(roots) != 1:
            raise DataError(
                f"regions has {len(roots)} roots: name the city's code in city.toml (code = ...)",
                source=str(self.root / "regions.csv"),
            )
        return roots[0].code

    @property
    def synthetic(self) -> bool:
        """Whether the data is labelled synthetic (``synthetic = true`` in ``city.toml``)."""
        return bool(self.manifest.get("synthetic", False))

    @property
    def as_of(self) -> _dt.date | None:
        """Default assessment date from ``city.toml``, if any."""
        from sportsgov.periods import as_date

        value = self.manifest.get("as_of")
        return None if value is None else as_date(value, argument="city.toml as_of")

    @classmethod
    def load(cls, path: str | Path) -> CityData:
        """Load a city data directory; bad files raise :class:`~sportsgov.errors.DataError`.

        ``regions.csv`` is read first; the region cells of the other files may be
        codes or region names (stored as codes, see the module documentation).

        Parameters
        ----------
        path : str or Path
            The directory (layout in the module documentation).
        """
        from sportsgov.facilities import Inventory
        from sportsgov.regions import PopulationTable, RegionTree
        from sportsgov.regions._names import RegionNames

        root = Path(path)
        if not root.is_dir():
            raise DataError(f"data={str(root)!r}: not a directory", source=str(root))
        manifest = _load_toml(root / "city.toml") if (root / "city.toml").exists() else {}
        _check_manifest(manifest, source=str(root / "city.toml"))

        def need(stem: str) -> Path:
            found = find_table(root, stem)
            if found is None:
                raise DataError(f"missing required file {stem}", source=str(root))
            return found

        tree = RegionTree.from_file(need("regions.csv"))
        coded = RegionNames(tree).recode  # region names -> codes in the grid and stock files
        population = PopulationTable.from_file(need("population.csv"), tree=tree)
        facilities = Inventory.from_file(need("facilities.csv"), tree=tree)
        if not len(facilities):
            raise DataError(
                "no facility rows: the file has a header but no data rows",
                source=str(need("facilities.csv")),
                row=2,
            )
        parts: dict[str, Any] = {}

        grid_path = find_table(root, "population_grid.csv")
        if grid_path is not None:
            parts["grid"], parts["grid_regions"] = _grid(grid_path, coded)
        nodes, edges = find_table(root, "roads_nodes.csv"), find_table(root, "roads_edges.csv")
        if nodes is not None and edges is not None:
            from sportsgov.coverage import RoadNetwork

            try:
                parts["roads"] = RoadNetwork.from_csv(
                    nodes, edges, speed=manifest.get("walk_speed", "4.5 km/h")
                )
            except DataError as exc:  # name the file, not just "nodes"/"edges"
                where = {"nodes": nodes, "edges": edges}.get(str(exc.source), exc.source)
                raise DataError(
                    exc.detail, source=str(where), row=exc.row, field=exc.field
                ) from None
        instructors, schools = find_table(root, "instructors.csv"), find_table(root, "schools.csv")
        if instructors is not None or schools is not None:
            from sportsgov.talent import InstructorTable, SchoolTable

            if instructors is not None:
                parts["instructors"] = InstructorTable.from_file(instructors, tree=tree)
            if schools is not None:
                parts["schools"] = SchoolTable.from_file(schools, tree=tree)
        events = find_table(root, "events.csv")
        if events is not None:
            from sportsgov.budget import EventCatalog

            parts["events"] = EventCatalog.from_file(events, tree=tree)
        lines = find_table(root, "budget_lines.csv")
        if lines is not None:
            from sportsgov.budget import BudgetLineTable

            parts["budget_lines"] = BudgetLineTable.from_file(lines, tree=tree)
        claims = find_table(root, "subsidy_claims.csv")
        if claims is not None:
            from sportsgov.budget import SubsidyClaimTable

            parts["subsidy_claims"] = SubsidyClaimTable.from_file(claims)
        program = root / "subsidy_program.toml"
        if program.exists():
            parts["subsidy_program"] = _program(program)
        rates, stock = find_table(root, "talent_rates.csv"), find_table(root, "talent_stock.csv")
        if rates is not None:
            from sportsgov.talent import PipelineModel

            parts["talent"] = PipelineModel.from_file(rates)
            if stock is not None:
                parts["talent_stock"] = _stock(stock, coded)
        observations = find_table(root, "observations.csv")
        if observations is not None:
            from sportsgov.assessment import ObservationTable

            parts["observations"] = ObservationTable.from_file(observations, tree=tree)
        return cls(
            root=root,
            manifest=manifest,
            regions=tree,
            population=population,
            facilities=facilities,
            **parts,
        )

    @classmethod
    def sample(cls) -> CityData:
        """The bundled synthetic sample city (清河市)."""
        return cls.load(sample_city_path())


def _program(path: Path) -> SubsidyProgram:
    from sportsgov.budget import SubsidyProgram

    data = _load_toml(path)
    known = {"name", "kinds", "rate", "per_claim_cap", "per_person_cap", "budget", "period"}
    unknown = sorted(set(data) - known)
    if unknown:
        raise DataError(f"unknown keys {unknown}: expected {sorted(known)}", source=str(path))
    try:
        return SubsidyProgram(**data)
    except TypeError as exc:
        raise DataError(f"incomplete program: {exc}", source=str(path)) from None
    except InvalidInputError as exc:
        raise DataError(str(exc), source=str(path), field=exc.argument) from None


def _whole(text: str) -> str | None:
    try:
        value = int(text)
    except ValueError:
        return "expected a whole number"
    return None if value >= 0 else "must be >= 0"


def _stock(path: Path, prepare: Callable[[RawTable], RawTable]) -> dict[str, dict[str, int]]:
    out: dict[str, dict[str, int]] = {}
    for row, rec in table_records(path, "talent_stock", prepare):
        try:
            value = int(rec["stock"])
        except ValueError:
            raise DataError(
                f"stock={rec['stock']!r}: expected a whole number",
                source=str(path),
                row=row,
                field="stock",
            ) from None
        if value < 0:
            raise DataError(
                f"stock={value}: must be >= 0", source=str(path), row=row, field="stock"
            )
        out.setdefault(rec["region"], {})[rec["tier"]] = value
    return out
