"""Header aliases and facility kind names for the tolerant table reader.

The data live in ``sportsgov/data/aliases.toml``: for each table kind
(``"facilities"``, ``"population"``, ``"regions"``, ...) its canonical fields, which
of them a loader requires, the cell type (``"text"``, ``"code"`` -- a region code,
text whose Excel text-marker apostrophe is dropped --, ``"number"``, ``"date"``),
the canonical unit of a quantity and the header texts (Chinese and English) that
mean the field. This module loads them once and answers three questions:

* :func:`normalize_header` -- the comparison key of a header text and the unit
  written in brackets after it (``"面积（万平方米）"`` -> ``("面积", "万平方米")``);
* :func:`table_fields` -- the :class:`FieldSpec` of every field of a table kind;
* :func:`kind_code` -- the facility kind code of a name seen in a spreadsheet
  (``"七人制足球场"`` -> ``"football_7"``);

:func:`fold_text` is the comparison key of a name cell behind both (and behind
region names in region columns: ``"中原区　"`` and ``"中原 区"`` are ``"中原区"``);

and :func:`unit_scale` converts a header unit to the field's canonical unit exactly.

Examples
--------
>>> normalize_header(" *场地面积（㎡） ")
('场地面积', 'm2')
>>> table_fields("facilities")["area"].unit
'm^2'
>>> kind_code("足球场"), kind_code("室内游泳馆"), kind_code("沙壶球场") is None
('football_11', 'swimming_pool', True)
>>> unit_scale("万平方米", "m^2", field="area")
Fraction(10000, 1)
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from collections.abc import Mapping
from fractions import Fraction
from functools import cache
from importlib import resources
from typing import Any, Literal

from attrs import frozen

from sportsgov._common.numbers import CN_MULTIPLIERS
from sportsgov.errors import InvalidInputError, NotFoundError

__all__ = [
    "FieldSpec",
    "FieldType",
    "alias_index",
    "cell_quantity",
    "fold_text",
    "kind_code",
    "normalize_header",
    "table_fields",
    "table_kinds",
    "unit_scale",
]

FieldType = Literal["text", "code", "number", "date"]

_FIELD_TYPES = ("text", "code", "number", "date")
# A trailing bracketed part: 面积(平方米), 面积[m2], 面积【㎡】 (after NFKC, （） are ()).
_UNIT_RE = re.compile(r"^(.*?)\s*[\(\[【〔<]\s*([^\(\)\[\]【】〔〕<>]*?)\s*[\)\]】〕>]\s*$")
_SPACE_RE = re.compile(r"[\s\u3000]+")
# Kind names often carry a place or a size the taxonomy does not record.
_KIND_PREFIXES = ("室内", "室外", "标准", "灯光", "公共", "社区", "小型", "大型", "露天")


@frozen
class FieldSpec:
    """One canonical field of a table kind.

    Parameters
    ----------
    name : str
        Canonical field name (``"area"``).
    required : bool, default False
        Whether the loader needs the column.
    type : {"text", "code", "number", "date"}, default "text"
        What the cells hold; ``"date"`` columns also accept Excel serial numbers,
        ``"code"`` (region codes) drop Excel's text-marker apostrophe (``'0410102``).
    unit : str, optional
        Canonical unit of a quantity (``"m^2"``, ``"m"``, ``"yuan"``, ``"person"``);
        a unit written in the header is converted to it.
    aliases : tuple of str, default ()
        Header texts that mean this field, in order of preference.

    Examples
    --------
    >>> FieldSpec("area", required=True, type="number", unit="m^2", aliases=("面积",)).required
    True
    """

    name: str
    required: bool = False
    type: FieldType = "text"
    unit: str | None = None
    aliases: tuple[str, ...] = ()


def fold_text(text: str) -> str:
    """Comparison key of a name cell: full-width folded (NFKC), blanks removed, case-folded.

    The one text normalisation of the reader's name lookups (headers, facility
    kinds, region names).

    Examples
    --------
    >>> fold_text(" 中原 区　"), fold_text("ＥＡＳＴ"), fold_text("中原区（清河市）")
    ('中原区', 'east', '中原区(清河市)')
    """
    return _SPACE_RE.sub("", unicodedata.normalize("NFKC", text)).casefold()


def normalize_header(text: object) -> tuple[str, str | None]:
    """Comparison key of a header cell and the unit written in brackets after it.

    Blanks (also inside) and leading ``*`` markers are removed, full-width characters
    folded to half-width (NFKC, so ``㎡`` becomes ``m2``), letters case-folded, and a
    trailing bracketed part set aside as the unit.

    Parameters
    ----------
    text : object
        The header cell (``None`` is an empty header).

    Returns
    -------
    tuple of (str, str or None)
        The key and the unit text (``None`` when there is no bracketed part).

    Examples
    --------
    >>> normalize_header("面积(万平方米)")
    ('面积', '万平方米')
    >>> normalize_header("Area [M2]")
    ('area', 'm2')
    >>> normalize_header("ＩＤ")
    ('id', None)
    """
    raw = "" if text is None else str(text)
    folded = unicodedata.normalize("NFKC", raw).strip().lstrip("*").strip()
    unit: str | None = None
    match = _UNIT_RE.match(folded)
    if match is not None and match.group(1):
        folded, unit = match.group(1), _SPACE_RE.sub("", match.group(2)).casefold() or None
    return fold_text(folded), unit


@cache
def _data() -> dict[str, Any]:
    text = resources.files("sportsgov").joinpath("data/aliases.toml").read_text("utf-8")
    return tomllib.loads(text)


@cache
def _tables() -> dict[str, dict[str, FieldSpec]]:
    out: dict[str, dict[str, FieldSpec]] = {}
    for table, body in _data()["tables"].items():
        specs: dict[str, FieldSpec] = {}
        for name, spec in body["fields"].items():
            kind = spec.get("type", "text")
            if kind not in _FIELD_TYPES:  # pragma: no cover - guarded by the data tests
                raise InvalidInputError.bad(f"{table}.{name}.type", kind, str(_FIELD_TYPES))
            specs[name] = FieldSpec(
                name,
                required=bool(spec.get("required", False)),
                type=kind,
                unit=spec.get("unit"),
                aliases=tuple(spec.get("aliases", ())),
            )
        out[table] = specs
    return out


def table_kinds() -> tuple[str, ...]:
    """The table kinds that have bundled header aliases, sorted.

    Examples
    --------
    >>> "facilities" in table_kinds() and "population" in table_kinds()
    True
    """
    return tuple(sorted(_tables()))


def table_fields(table: str) -> dict[str, FieldSpec]:
    """The fields of a table kind, in the order of the bundled data.

    Raises
    ------
    NotFoundError
        ``table`` has no bundled aliases; the message lists the kinds that do.

    Examples
    --------
    >>> [f.name for f in table_fields("population").values()]
    ['region', 'year', 'population']
    >>> table_fields("venues")
    Traceback (most recent call last):
    ...
    sportsgov.errors.NotFoundError: table='venues': expected one of 'budget_lines', ...
    """
    tables = _tables()
    if table not in tables:
        kinds = ", ".join(repr(k) for k in sorted(tables))
        raise NotFoundError.bad("table", table, f"expected one of {kinds}")
    return dict(tables[table])


def alias_index(fields: Mapping[str, FieldSpec]) -> dict[str, tuple[str, int]]:
    """Map every normalised alias to ``(field, priority)``; lower priority wins.

    The canonical name has priority 0, the aliases 1, 2, ... in their listed order.
    An alias claimed by two fields goes to the first field listed.

    Examples
    --------
    >>> alias_index(table_fields("facilities"))["场地面积"]
    ('area', 2)
    """
    index: dict[str, tuple[str, int]] = {}
    for name, spec in fields.items():
        for priority, text in enumerate((name, *spec.aliases)):
            key = normalize_header(text)[0]
            if key and key not in index:
                index[key] = (name, priority)
    return index


@cache
def _kinds() -> dict[str, str]:
    out: dict[str, str] = {}
    text = resources.files("sportsgov").joinpath("data/facility_kinds.toml").read_text("utf-8")
    for kind in tomllib.loads(text).get("kind", []):
        code = kind["code"]
        for name in (code, kind.get("name_zh", ""), kind.get("name_en", ""), *kind["aliases"]):
            if name:
                out.setdefault(normalize_header(name)[0], code)
    for name, code in _data().get("kinds", {}).items():
        out[normalize_header(name)[0]] = code
    return out


def kind_code(name: object) -> str | None:
    """The facility kind code of a kind name seen in a spreadsheet, or ``None``.

    Accepts the codes themselves, the Chinese and English names and aliases of
    ``facility_kinds.toml`` and the extra names of ``aliases.toml``; a name not
    found is retried without a bracketed note and without a prefix such as 室内,
    室外, 标准 or 灯光. A bare 足球场 is an 11-a-side pitch.

    Parameters
    ----------
    name : object
        The cell (compared after :func:`normalize_header`).

    Examples
    --------
    >>> kind_code("七人制足球场"), kind_code("Basketball"), kind_code("健身步道（环湖）")
    ('football_7', 'basketball', 'trail')
    >>> kind_code("灯光篮球场"), kind_code("")
    ('basketball', None)
    """
    kinds = _kinds()
    raw = "" if name is None else str(name)
    key = normalize_header(raw)[0]
    if not key:
        return None
    if key in kinds:
        return kinds[key]
    base = fold_text(raw)
    for candidate in (base, key):
        for prefix in _KIND_PREFIXES:
            if candidate.startswith(prefix) and candidate[len(prefix) :] in kinds:
                return kinds[candidate[len(prefix) :]]
    return None


_SCALES: dict[str, dict[str, Fraction]] = {
    "m^2": {
        "m2": Fraction(1),
        "m^2": Fraction(1),
        "平方米": Fraction(1),
        "平米": Fraction(1),
        "万平方米": Fraction(10_000),
        "万m2": Fraction(10_000),
        "公顷": Fraction(10_000),
        "ha": Fraction(10_000),
        "亩": Fraction(10_000, 15),
        "万亩": Fraction(100_000_000, 15),
        "平方公里": Fraction(1_000_000),
        "平方千米": Fraction(1_000_000),
        "km2": Fraction(1_000_000),
    },
    "m": {
        "m": Fraction(1),
        "米": Fraction(1),
        "公里": Fraction(1000),
        "千米": Fraction(1000),
        "km": Fraction(1000),
    },
    "yuan": {
        "元": Fraction(1),
        "yuan": Fraction(1),
        "千元": Fraction(1000),
        "万元": Fraction(10_000),
        "亿元": Fraction(100_000_000),
    },
    "person": {
        "人": Fraction(1),
        "人次": Fraction(1),
        "person": Fraction(1),
        "persons": Fraction(1),
        "万人": Fraction(10_000),
    },
}


def unit_scale(unit: str | None, canonical: str, *, field: str) -> Fraction:
    """Exact factor turning a number in the header's ``unit`` into ``canonical`` units.

    Parameters
    ----------
    unit : str or None
        Unit text from :func:`normalize_header` (``None``: already canonical).
    canonical : str
        The field's canonical unit: ``"m^2"``, ``"m"``, ``"yuan"`` or ``"person"``.
    field : str
        Field name, for the error message.

    Raises
    ------
    InvalidInputError
        The unit is not one known for that quantity; the message lists those that are.

    Examples
    --------
    >>> unit_scale("亩", "m^2", field="area")
    Fraction(2000, 3)
    >>> unit_scale("km", "m", field="length"), unit_scale(None, "m", field="length")
    (Fraction(1000, 1), Fraction(1, 1))
    >>> unit_scale("kg", "m^2", field="area")
    Traceback (most recent call last):
    ...
    sportsgov.errors.InvalidInputError: area unit='kg': expected one of 'm2', 'm^2', ...
    """
    if unit is None:
        return Fraction(1)
    known = _SCALES.get(canonical, {canonical: Fraction(1)})
    key = normalize_header(unit)[0]
    if key in known:
        return known[key]
    listed = ", ".join(repr(k) for k in known)
    raise InvalidInputError.bad(f"{field} unit", unit, f"expected one of {listed}")


_CELL_UNIT_RE = re.compile(r"^([-+]?(?:\d+(?:\.\d*)?|\.\d+))\s*([万亿萬億]?)\s*(.*)$")


def cell_quantity(text: str, canonical: str | None) -> Fraction | None:
    """A number cell written with its own 万/亿 and unit, exactly in ``canonical`` units.

    ``None`` when the cell has neither (a plain number), or a unit that is not
    one of ``canonical``'s (the table's parser then reports the cell as written).

    Examples
    --------
    >>> cell_quantity("0.3亩", "m^2"), cell_quantity("1.2万", None)
    (Fraction(200, 1), Fraction(12000, 1))
    >>> cell_quantity("1.2万人", "person")
    Fraction(12000, 1)
    >>> cell_quantity("420米", "m^2") is None, cell_quantity("420", "m^2") is None
    (True, True)
    """
    match = _CELL_UNIT_RE.match(text.strip())
    if not match or not (match[2] or match[3]):
        return None
    factor = Fraction(CN_MULTIPLIERS[match[2]]) if match[2] else Fraction(1)
    if match[3]:
        if canonical is None:
            return None
        try:
            factor *= unit_scale(match[3], canonical, field="cell")
        except InvalidInputError:
            return None
    return Fraction(match[1]) * factor
