"""Plausibility checks of a city's data: nonsense is reported, never silently scored.

:func:`check_city` reads every file of a city data directory (the layout of
:mod:`sportsgov.citydata`) and returns every problem at once as typed
:class:`Finding` s: **errors** (a file that cannot be read, a bad cell: the report
would refuse it) and **warnings** (figures that read but cannot be right). It is what
``sportsgov check --data DIR`` prints, and the report's data-quality section lists the
warnings of the city it scores.

Warnings (the rules and their sources are in the explanation "Plausibility rules"):

* ``area``: a facility of area 0, or larger than any real venue of its kind
  (``max_area`` of the kinds table, with its source);
* ``population``: a region's population outside the range of its level, or one that
  looks typed in 万人 (×10,000 lands in the range);
* ``spent``: spending above the budget line;
* ``lon``/``lat``: a facility far outside its district (the box of the district's
  population grid cells, else of its facilities, widened);
* ``duplicate``: the same coordinates under different ids;
* ``year``: no population figure for the as-of date's year: the report falls back
  to the latest earlier year and says so;
* rows set aside by the reader: a total row (合计, 全市合计) or the notes under a
  table (注：…, 填表人：…), which are not read as data, each named with its row.

Examples
--------
>>> from sportsgov.citydata import sample_city_path
>>> findings = check_city(sample_city_path())
>>> [f for f in findings if f.level == "error"]
[]
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import numpy as np
from attrs import frozen

from sportsgov.errors import DataError, SportsgovError

if TYPE_CHECKING:
    from sportsgov.citydata import CityData

__all__ = [
    "POPULATION_RANGES",
    "Finding",
    "check_city",
    "check_data",
    "population_year_for",
]

Level = Literal["error", "warning"]

#: Plausible resident population of one region by level [persons]: (min, max).
#: Sources: 《第七次全国人口普查公报》 (国家统计局, 2021-05-11): the largest province
#: (广东, 126,012,510) and prefecture-level city (重庆, 32,054,159); the most populous
#: district (深圳市宝安区, 4,476,554); streets and townships from a few hundred
#: residents (border townships) to about 1.5 million (the largest 街道 of 深圳).
POPULATION_RANGES: dict[int, tuple[int, int]] = {
    0: (1_000_000, 2_000_000_000),  # country
    1: (300_000, 150_000_000),  # province
    2: (100_000, 40_000_000),  # city
    3: (5_000, 6_000_000),  # district / county
    4: (100, 2_000_000),  # street / township
    5: (10, 200_000),  # community / village
}

_PER_RULE = 20  # findings listed per rule before "and N more"
_MARGIN_DEG = 0.1  # ~10 km added around a district's box
_PRESENT_STEMS = (
    "regions.csv",
    "population.csv",
    "facilities.csv",
    "population_grid.csv",
    "instructors.csv",
    "events.csv",
    "budget_lines.csv",
    "subsidy_claims.csv",
    "talent_rates.csv",
    "talent_stock.csv",
    "schools.csv",
    "observations.csv",
)


@frozen
class Finding:
    """One problem found in a city's data.

    Attributes
    ----------
    level : {"error", "warning"}
        ``"error"``: the data cannot be used as is; ``"warning"``: it reads but a
        figure cannot be right.
    file : str
        File name inside the city directory (``""`` for the city as a whole).
    row : int or None
        Spreadsheet row (header = row 1), when known.
    field : str or None
        Column at fault, when known.
    message : str
        What is wrong and what was expected.

    Examples
    --------
    >>> str(Finding("warning", "facilities.csv", 7, "area", "area=1e+15 m²: too large"))
    'warning: facilities.csv, row 7, field area: area=1e+15 m²: too large'
    """

    level: Level
    file: str
    row: int | None
    field: str | None
    message: str

    def __str__(self) -> str:
        where = [self.file] if self.file else []
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.field is not None:
            where.append(f"field {self.field}")
        place = ", ".join(where)
        return (
            f"{self.level}: {place}: {self.message}" if place else f"{self.level}: {self.message}"
        )

    def to_data(self) -> dict[str, Any]:
        """Plain data for JSON: ``{"level", "file", "row", "field", "message"}``."""
        return {
            "level": self.level,
            "file": self.file,
            "row": self.row,
            "field": self.field,
            "message": self.message,
        }


def _error(exc: SportsgovError, file: str) -> Finding:
    if isinstance(exc, DataError):
        source = Path(str(exc.source)).name if exc.source else file
        return Finding("error", source, exc.row, exc.field, exc.detail)
    return Finding("error", file, None, getattr(exc, "argument", None), str(exc))


def check_city(
    path: str | Path, *, as_of: object = None, population_year: int | None = None
) -> list[Finding]:
    """Every problem in a city data directory: unreadable files, bad cells, implausible figures.

    Each file is read on its own, so one bad file does not hide the problems of
    the others; a facility list is read with ``errors="collect"`` so every bad row
    is listed. When everything reads, the plausibility rules of :func:`check_data`
    run on the loaded city.

    Parameters
    ----------
    path : str or Path
        The city directory.
    as_of : date or str, optional
        Assessment date for the population-year rule; default ``as_of`` of
        ``city.toml``, else today.
    population_year : int, optional
        The population year the report will divide by (default: the year-end
        before ``as_of``, falling back to the latest earlier year).

    Returns
    -------
    list of Finding
        Errors first (in file order), then warnings.

    Examples
    --------
    >>> import pathlib, shutil, tempfile
    >>> from sportsgov.citydata import sample_city_path
    >>> city = pathlib.Path(tempfile.mkdtemp()) / "city"
    >>> _ = shutil.copytree(sample_city_path(), city)
    >>> text = (city / "population.csv").read_text("utf-8").replace(",227704", ",23")
    >>> _ = (city / "population.csv").write_text(text, "utf-8")
    >>> [str(f) for f in check_city(city) if f.field == "population"][0]
    'warning: population.csv, row 2, field population: population=23 (street 990102001, 2021): ...'
    """
    from sportsgov.citydata import CityData, find_table
    from sportsgov.facilities import Inventory
    from sportsgov.regions import PopulationTable, RegionTree

    root = Path(path)
    if not root.is_dir():
        return [Finding("error", str(root), None, None, "not a directory")]
    findings = [
        Finding("error", stem, None, None, "missing required file")
        for stem in ("regions.csv", "population.csv", "facilities.csv")
        if find_table(root, stem) is None
    ]
    regions_file = find_table(root, "regions.csv")
    tree = None
    if regions_file is not None:  # each required table on its own: all problems at once
        try:
            tree = RegionTree.from_file(regions_file)
        except SportsgovError as exc:
            findings.append(_error(exc, regions_file.name))
    population_file = find_table(root, "population.csv")
    if population_file is not None:
        try:
            PopulationTable.from_file(population_file, tree=tree)
        except SportsgovError as exc:
            findings.append(_error(exc, population_file.name))
    facilities = find_table(root, "facilities.csv")
    if facilities is not None:
        try:
            loaded = Inventory.from_file(facilities, errors="collect")
        except SportsgovError as exc:
            findings.append(_error(exc, facilities.name))
        else:
            findings.extend(_error(e, facilities.name) for e in loaded.errors)
    findings.extend(_set_aside(root))
    city: CityData | None = None
    if not any(f.level == "error" for f in findings):
        try:
            city = CityData.load(root)
        except SportsgovError as exc:
            findings.append(_error(exc, ""))
    if city is None:
        return findings
    try:
        findings.extend(check_data(city, as_of=as_of, population_year=population_year))
    except SportsgovError as exc:
        findings.append(_error(exc, ""))
    return findings


# file stem -> the table kind its headers are read as (sportsgov._common.aliases)
_TABLE_KINDS = {
    "regions.csv": "regions",
    "population.csv": "population",
    "facilities.csv": "facilities",
    "population_grid.csv": "population_grid",
    "roads_nodes.csv": "road_nodes",
    "roads_edges.csv": "road_edges",
    "instructors.csv": "instructors",
    "events.csv": "events",
    "budget_lines.csv": "budget_lines",
    "subsidy_claims.csv": "subsidy_claims",
    "talent_rates.csv": "talent_rates",
    "talent_stock.csv": "talent_stock",
    "schools.csv": "schools",
    "observations.csv": "observations",
    "projects.csv": "projects",
}


def _set_aside(root: Path) -> list[Finding]:
    """A warning for every total or note row the reader set aside (not read as data).

    The loaders skip the 合计 rows and the notes (注：…, 填表人：…) around a table's
    data; this says which rows of which file, so that nothing is dropped unseen.
    """
    from sportsgov._common.tables import read_table
    from sportsgov.citydata import find_table

    out: list[Finding] = []
    for stem, kind in _TABLE_KINDS.items():
        path = find_table(root, stem)
        if path is None:
            continue
        try:
            raw = read_table(path, table=kind, errors="collect")
        except SportsgovError:
            continue  # unreadable: the loaders report it
        out.extend(
            Finding(
                "warning",
                path.name,
                row,
                None,
                f"not read as data: a total or note row ({label!r})",
            )
            for row, label in raw.skipped
        )
    return out


def population_year_for(
    city: CityData, as_of: _dt.date, population_year: int | None = None
) -> tuple[int, str | None]:
    """The population year to divide by at ``as_of``, and a note when it is a fallback.

    The indicators divide by the year-end population of the year before ``as_of``
    (:func:`sportsgov.indicators.population_year`). Before the statistics bulletin
    that year is often not published yet: then the latest earlier year with a
    figure for the city is used and the note says so. An explicit
    ``population_year`` is used as given (a note when it has no figure).

    Examples
    --------
    >>> from sportsgov.citydata import CityData
    >>> import datetime as dt
    >>> population_year_for(CityData.sample(), dt.date(2024, 9, 30))
    (2023, None)
    >>> population_year_for(CityData.sample(), dt.date(2031, 3, 1))[0]
    2024
    """
    from sportsgov.indicators import population_year as wanted_year

    years = _city_years(city)
    if population_year is not None:
        if population_year in years:
            return population_year, None
        known = ", ".join(str(y) for y in years) or "none"
        return population_year, (
            f"population_year={population_year}: no figure for the city "
            f"(years with figures: {known})"
        )
    wanted = wanted_year(as_of)
    if wanted in years or not years:
        return wanted, None
    earlier = [y for y in years if y < wanted]
    if not earlier:
        return wanted, None
    chosen = max(earlier)
    return chosen, (
        f"no population figure for {wanted} (the year-end before {as_of.isoformat()}); "
        f"using {chosen}, the latest earlier year"
    )


def _city_years(city: CityData) -> list[int]:
    """Years for which the city's root population resolves (own or from its children)."""
    table = city.population
    candidates = table.years()
    out = []
    for year in candidates:
        try:
            table.get(city.root_code, year)
        except SportsgovError:
            continue
        out.append(year)
    return out


def check_data(
    city: CityData, *, as_of: object = None, population_year: int | None = None
) -> list[Finding]:
    """The plausibility warnings of a loaded city (see the module documentation).

    Examples
    --------
    >>> from sportsgov.citydata import CityData
    >>> [f.field for f in check_data(CityData.sample())]
    []
    """
    from sportsgov.periods import as_date, today

    day = (
        as_date(as_of, argument="as_of")
        if as_of is not None
        else city.as_of
        if city.as_of is not None
        else today()
    )
    findings: list[Finding] = []
    files = _files(city)
    findings += _capped(_areas(city, files["facilities"]))
    findings += _capped(_populations(city, files["population"]))
    findings += _capped(_spending(city, files.get("budget_lines", "budget_lines.csv")))
    findings += _capped(_outside(city, files["facilities"]))
    findings += _capped(_duplicates(city, files["facilities"]))
    _, note = population_year_for(city, day, population_year)
    if note is not None:
        findings.append(Finding("warning", files["population"], None, "year", note))
    return findings


def _files(city: CityData) -> dict[str, str]:
    from sportsgov.citydata import find_table

    out = {}
    for stem in _PRESENT_STEMS:
        found = find_table(city.root, stem)
        key = stem.removesuffix(".csv")
        out[key] = found.name if found is not None else stem
    return out


def _capped(found: Iterable[Finding]) -> list[Finding]:
    items = list(found)
    if len(items) <= _PER_RULE:
        return items
    first = items[0]
    more = Finding(
        "warning",
        first.file,
        None,
        first.field,
        f"and {len(items) - _PER_RULE} more like the above",
    )
    return [*items[:_PER_RULE], more]


def _facility_rows(city: CityData) -> dict[str, int]:
    """Facility id -> spreadsheet row, by re-reading the ids (row numbers are not kept)."""
    from sportsgov._common.tables import read_table
    from sportsgov.citydata import find_table

    path = find_table(city.root, "facilities.csv")
    if path is None:
        return {}
    raw = read_table(path, table="facilities")
    return {i.strip(): r for i, r in zip(raw.column("id"), raw.rows.tolist(), strict=True)}


def _areas(city: CityData, file: str) -> list[Finding]:
    inv = city.facilities
    if inv.area is None or not len(inv):
        return []
    kinds = inv.kinds.kinds
    bound = np.array([np.inf if k.max_area is None else k.max_area for k in kinds])
    by_area = np.array([k.measure == "area" for k in kinds])
    area = inv.area
    kind = inv.kind.astype(np.intp)
    too_big = area > bound[kind]
    zero = (area == 0) & by_area[kind]
    flagged = np.flatnonzero(too_big | zero)
    if not flagged.size:
        return []
    rows = _facility_rows(city)
    out = []
    for i in flagged.tolist():
        k = kinds[kind[i]]
        fid = str(inv.ids[i])
        if zero[i]:
            message = f"area=0 m² (facility {fid}, {k.code}): a venue has an area; missing?"
        else:
            message = (
                f"area={float(area[i]):g} m² (facility {fid}, {k.code}): larger than any real "
                f"{k.name_en or k.code} (at most {k.max_area:g} m²: {k.bounds_source}); "
                "typed in the wrong unit?"
            )
        out.append(Finding("warning", file, rows.get(fid), "area", message))
    return out


def _populations(city: CityData, file: str) -> list[Finding]:
    from sportsgov._common.tables import read_table
    from sportsgov.citydata import find_table
    from sportsgov.regions import LEVEL_TIER
    from sportsgov.regions._names import RegionNames

    path = find_table(city.root, "population.csv")
    if path is None:
        return []
    raw = RegionNames(city.regions).recode(read_table(path, table="population"))  # names: codes
    out = []
    regions = {r.code: r for r in city.regions}
    for row, rec in raw.canonical_records():
        code = rec.get("region", "").strip()
        region = regions.get(code)
        if region is None:
            continue
        try:
            value = city.population.get(code, int(rec["year"]))
        except (SportsgovError, ValueError):
            continue
        low, high = POPULATION_RANGES.get(LEVEL_TIER.get(region.level, 3), (1, 2_000_000_000))
        if low <= value <= high:
            continue
        what = f"population={value} ({region.level} {code}, {rec['year']})"
        if value < low and low <= value * 10_000 <= high:
            message = (
                f"{what}: looks typed in 万人 (×10,000 = {value * 10_000:,} is plausible); "
                f"a {region.level} has {low:,}-{high:,} residents"
            )
        else:
            message = f"{what}: outside {low:,}-{high:,}, the plausible range for a {region.level}"
        out.append(Finding("warning", file, row, "population", message))
    return out


def _spending(city: CityData, file: str) -> list[Finding]:
    out = []
    for n, line in enumerate(city.budget_lines or (), start=2):
        budget, spent = line.budget, line.spent
        if spent.fen > budget.fen:
            ratio = (
                f"{spent.fen / budget.fen:.0%} of the budget" if budget.fen > 0 else "no budget"
            )
            out.append(
                Finding(
                    "warning",
                    file,
                    line.row or n,
                    "spent",
                    f"spent={spent} above budget={budget} on line {line.line} "
                    f"({ratio}): over-spending or a unit slip (元 vs 万元)?",
                )
            )
    return out


def _district_boxes(city: CityData) -> dict[str, tuple[float, float, float, float]]:
    """District code -> (lon_min, lon_max, lat_min, lat_max) of its population grid cells."""
    root = city.root_code
    district_of: dict[str, str] = {}
    for d in city.regions.children(root):
        for r in city.regions.descendants(d.code, include_self=True):
            district_of[r.code] = d.code
    boxes: dict[str, tuple[float, float, float, float]] = {}
    if city.grid is None or city.grid_regions is None:
        return boxes
    regions = np.asarray(city.grid_regions)
    lon = np.asarray(city.grid.lon, dtype=float)
    lat = np.asarray(city.grid.lat, dtype=float)
    keys = np.array([district_of.get(str(c), "") for c in regions])
    for d in set(keys.tolist()) - {""}:
        m = keys == d
        boxes[d] = (
            float(lon[m].min()),
            float(lon[m].max()),
            float(lat[m].min()),
            float(lat[m].max()),
        )
    return boxes


def _outside(city: CityData, file: str) -> list[Finding]:
    inv = city.facilities
    if inv.lon is None or inv.lat is None or not len(inv):
        return []
    root = city.root_code
    district_of: dict[str, str] = {}
    for d in city.regions.children(root):
        for r in city.regions.descendants(d.code, include_self=True):
            district_of[r.code] = d.code
    codes = np.array([district_of.get(c, "") for c in inv.region_codes])[inv.region]
    lon = np.asarray(inv.lon, dtype=float)
    lat = np.asarray(inv.lat, dtype=float)
    has = np.isfinite(lon) & np.isfinite(lat)
    boxes = _district_boxes(city)
    for d in set(codes.tolist()) - {""} - set(boxes):
        m = (codes == d) & has
        if m.sum() >= 5:  # robust box of the district's own facilities: median +- 6 MAD
            half = []
            for values in (lon[m], lat[m]):
                mid = float(np.median(values))
                mad = float(np.median(np.abs(values - mid))) * 1.4826
                half.append((mid, 6 * mad))
            (cx, rx), (cy, ry) = half
            boxes[d] = (cx - rx, cx + rx, cy - ry, cy + ry)
    out: list[Finding] = []
    flagged = []
    for code, (x0, x1, y0, y1) in boxes.items():
        mx = _MARGIN_DEG + 0.5 * (x1 - x0)
        my = _MARGIN_DEG + 0.5 * (y1 - y0)
        m = (codes == code) & has
        far = m & ((lon < x0 - mx) | (lon > x1 + mx) | (lat < y0 - my) | (lat > y1 + my))
        flagged += [(i, code) for i in np.flatnonzero(far).tolist()]
    if not flagged:
        return out
    rows = _facility_rows(city)
    for i, code in sorted(flagged):
        fid = str(inv.ids[i])
        x0, x1, y0, y1 = boxes[code]
        out.append(
            Finding(
                "warning",
                file,
                rows.get(fid),
                "lon",
                f"lon={float(lon[i]):.6f}, lat={float(lat[i]):.6f} (facility {fid}): far "
                f"outside its district {code} "
                f"(about lon {x0:.3f}-{x1:.3f}, lat {y0:.3f}-{y1:.3f}); "
                "shifted or swapped coordinates?",
            )
        )
    return out


def _duplicates(city: CityData, file: str) -> list[Finding]:
    inv = city.facilities
    if inv.lon is None or inv.lat is None or len(inv) < 2:
        return []
    lon = np.round(np.asarray(inv.lon, dtype=float), 6)
    lat = np.round(np.asarray(inv.lat, dtype=float), 6)
    has = np.isfinite(lon) & np.isfinite(lat)
    idx = np.flatnonzero(has)
    if not idx.size:
        return []
    pairs = np.stack([lon[idx], lat[idx]], axis=1)
    _, inverse, counts = np.unique(pairs, axis=0, return_inverse=True, return_counts=True)
    inverse = inverse.reshape(-1)
    dup_groups = np.flatnonzero(counts > 1)
    if not dup_groups.size:
        return []
    rows = _facility_rows(city)
    out = []
    for g in dup_groups.tolist():
        members = idx[inverse == g]
        ids = [str(inv.ids[i]) for i in members.tolist()]
        first = members[0]
        shown = ", ".join(ids[:5]) + (f" and {len(ids) - 5} more" if len(ids) > 5 else "")
        out.append(
            Finding(
                "warning",
                file,
                rows.get(ids[1]),
                "lon",
                f"lon={float(lon[first]):.6f}, lat={float(lat[first]):.6f}: the same coordinates "
                f"under {len(ids)} ids ({shown}); copied rows or a default position?",
            )
        )
    return out
