"""pandas in and out: DataFrames to the table reader, results to DataFrames.

pandas is optional (the ``pandas`` extra) and imported only when one of these
functions runs; without it they raise
:class:`~sportsgov._common.extras.MissingExtraError` saying
``pip install "sportsgov[pandas]"``.

* :func:`frame_columns` reads a DataFrame the way :func:`~sportsgov._common.tables.read_table`
  reads a file: the same header aliases and ``columns=`` map, cells as text, and
  row numbers as a spreadsheet exported from the frame would show them (position
  + 2: the header is row 1).
* :func:`to_frame` builds a DataFrame from columns or records: money as exact
  :class:`~decimal.Decimal` yuan in a column named ``<name>_yuan``, quantities as
  floats in one unit named in the column (``area`` in m² -> ``area_m2``).

Examples
--------
>>> import pandas as pd
>>> df = pd.DataFrame({"编号": ["F1", "F2"], "类型": ["篮球场", "足球场"],
...                    "所属区县": [410102, 410103], "面积(平方米)": [420.0, 7140.5]})
>>> t = frame_columns(df, table="facilities")
>>> t.fields["region"], t.fields["area"], t.rows.tolist()
(('410102', '410103'), ('420', '7140.5'), [2, 3])
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from typing import Any

from sportsgov._common.aliases import FieldSpec
from sportsgov._common.extras import require
from sportsgov._common.tables import (
    Errors,
    RawTable,
    build_table,
    field_specs,
    user_columns,
)
from sportsgov.errors import InvalidInputError, UnitError
from sportsgov.money import Money

__all__ = ["frame_columns", "pandas", "to_frame", "unit_suffix"]


def pandas(what: str = "this feature") -> Any:
    """The :mod:`pandas` module, or :class:`MissingExtraError` naming the extra.

    Examples
    --------
    >>> pandas().__name__
    'pandas'
    """
    return require("pandas", "pandas", what=what)


def frame_columns(
    df: Any,
    *,
    table: str | None = None,
    fields: Mapping[str, FieldSpec] | Sequence[str] | None = None,
    columns: Mapping[str, str] | None = None,
    source: str = "<DataFrame>",
    errors: Errors = "raise",
) -> RawTable:
    """Read a pandas DataFrame into a :class:`~sportsgov._common.tables.RawTable`.

    The column labels are the header (matched through the same aliases as files);
    the cells become text as a workbook's would (whole floats without ``.0``,
    timestamps as ISO dates, missing values ``""``). Row numbers are the position
    in the frame + 2 (header = row 1), whatever the index.

    Parameters
    ----------
    df : pandas.DataFrame
        The table.
    table, fields, columns, errors
        As for :func:`~sportsgov._common.tables.read_table`.
    source : str, default "<DataFrame>"
        Name used in errors.

    Raises
    ------
    InvalidInputError
        ``df`` is not a DataFrame (or another argument is bad).
    DataError
        A required column is missing (as for files).

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"年份": [2024], "地区": ["410102"], "常住人口": [725000]},
    ...                   index=[17])
    >>> frame_columns(df, table="population").records().__next__()
    (2, {'year': '2024', 'region': '410102', 'population': '725000'})
    """
    pd = pandas("reading a DataFrame")
    if not isinstance(df, pd.DataFrame):
        raise InvalidInputError.bad("df", df, "expected a pandas DataFrame")
    if errors not in ("raise", "collect"):
        raise InvalidInputError.bad("errors", errors, "expected one of 'raise', 'collect'")
    specs = field_specs(table, fields)
    user = user_columns(columns, specs)
    header = [str(c) for c in df.columns]
    cols: list[list[Any]] = []
    for j in range(df.shape[1]):
        series = df.iloc[:, j]
        values = series.tolist()
        missing = series.isna().to_numpy()
        if missing.any():
            values = ["" if m else v for v, m in zip(values, missing, strict=True)]
        # a frame's floats are exact binary values, not Excel's 15 digits: keep them
        # in full (shortest round-trip text), so from_frame(x.to_frame()) == x
        values = [
            repr(float(v))
            if isinstance(v, float) and math.isfinite(v) and not v.is_integer()
            else v
            for v in values
        ]
        cols.append(values)
    body = [list(r) for r in zip(*cols, strict=True)] if cols else []
    # A frame has no title rows: the header must be row 1, so search only there.
    return build_table(
        [header, *body],
        specs=specs,
        user=user,
        source=source,
        fmt="frame",
        errors=errors,
        search=1,
    )


_SUFFIX_WORDS = {
    "m^2": "m2",
    "meter ** 2": "m2",
    "m**2": "m2",
    "km**2": "km2",
    "km^2": "km2",
    "kilometer ** 2": "km2",
    "meter": "m",
    "kilometer": "km",
    "minute": "min",
    "hour": "h",
    "second": "s",
}


def unit_suffix(unit: str) -> str:
    """Column-name suffix of a unit (``"m^2/person"`` -> ``"m2_per_person"``).

    Examples
    --------
    >>> unit_suffix("m^2"), unit_suffix("m^2/person"), unit_suffix("km"), unit_suffix("minute")
    ('m2', 'm2_per_person', 'km', 'min')
    """
    parts = [p.strip() for p in re.split(r"\s*/\s*", unit.strip())]
    words = [_SUFFIX_WORDS.get(p, p) for p in parts]
    return "_per_".join(re.sub(r"[^0-9A-Za-z_]+", "", w.replace("^", "")) for w in words)


def _is_quantity(value: object) -> bool:
    return hasattr(value, "magnitude") and hasattr(value, "units") and hasattr(value, "to")


def to_frame(
    data: Mapping[str, Sequence[Any]] | Sequence[Mapping[str, Any]],
    *,
    units: Mapping[str, str] | None = None,
    index: str | None = None,
) -> Any:
    """Build a pandas DataFrame from columns or records, money exact, units named.

    * :class:`~sportsgov.money.Money` cells become exact :class:`~decimal.Decimal`
      yuan and the column is named ``<name>_yuan`` (``None`` stays missing);
    * pint quantities are converted to one unit -- ``units[name]`` or the unit of the
      column's first quantity -- stored as float magnitudes, and the column is named
      ``<name>_<unit>`` (``area`` in m² -> ``area_m2``);
    * everything else (text, int, Decimal, Fraction, dates) is kept as given.

    Parameters
    ----------
    data : mapping of str to sequence, or sequence of mappings
        Columns by name, or records (the first record's keys are the columns).
    units : mapping of str to str, optional
        Unit per quantity column (``{"area": "m^2"}``).
    index : str, optional
        Column (before renaming) to use as the index.

    Raises
    ------
    InvalidInputError
        Columns of different lengths, a quantity column mixing in plain numbers,
        a unit that does not fit the column, or ``index`` not a column.

    Examples
    --------
    >>> from sportsgov.money import Money
    >>> from sportsgov.units import Q_
    >>> df = to_frame({"region": ["A", "B"], "budget": [Money.parse("12.5万元"), Money(1)],
    ...                "area": [Q_(1, "ha"), Q_(420, "m^2")]}, units={"area": "m^2"})
    >>> list(df.columns)
    ['region', 'budget_yuan', 'area_m2']
    >>> df["budget_yuan"].tolist(), df["area_m2"].tolist()
    ([Decimal('125000.00'), Decimal('0.01')], [10000.0, 420.0])
    """
    pd = pandas("building a DataFrame")
    if isinstance(data, Mapping):
        columns = {str(k): list(v) for k, v in data.items()}
    else:
        records = list(data)
        keys = list(records[0]) if records else []
        columns = {str(k): [r.get(k) for r in records] for k in keys}
    lengths = {len(v) for v in columns.values()}
    if len(lengths) > 1:
        shown = {k: len(v) for k, v in columns.items()}
        raise InvalidInputError.bad("data", shown, "columns must have the same length")
    wanted = dict(units or {})
    for name in wanted:
        if name not in columns:
            raise InvalidInputError.bad(
                "units", name, f"not a column; columns are {list(columns)}"
            )
    out: dict[str, list[Any]] = {}
    renamed: dict[str, str] = {}
    for name, values in columns.items():
        present = [v for v in values if v is not None]
        if present and all(isinstance(v, Money) for v in present):
            label = f"{name}_yuan"
            out[label] = [None if v is None else v.to_decimal() for v in values]
        elif present and any(_is_quantity(v) for v in present):
            label, out[label] = _quantity_column(name, values, wanted.get(name))
        else:
            label = name
            out[label] = values
        renamed[name] = label
    frame = pd.DataFrame(out)
    if index is not None:
        if index not in renamed:
            raise InvalidInputError.bad(
                "index", index, f"not a column; columns are {list(columns)}"
            )
        frame = frame.set_index(renamed[index])
    return frame


def _quantity_column(name: str, values: list[Any], unit: str | None) -> tuple[str, list[Any]]:
    from sportsgov.units import as_quantity

    first = next(v for v in values if _is_quantity(v))
    target = unit if unit is not None else f"{first.units:~C}"
    out: list[Any] = []
    for k, v in enumerate(values):
        if v is None:
            out.append(float("nan"))
            continue
        if not _is_quantity(v):
            raise InvalidInputError.bad(
                f"{name}[{k}]", v, f"expected a quantity like the rest of column {name!r}"
            )
        q = as_quantity(v, argument=f"{name}[{k}]")
        try:
            out.append(float(q.to(target).magnitude))
        except Exception as exc:  # pint's DimensionalityError / UndefinedUnitError
            raise UnitError(
                f"units[{name!r}]={target!r}: cannot express {q:~} in it ({type(exc).__name__})",
                argument="units",
                value=target,
            ) from None
    return f"{name}_{unit_suffix(target)}", out
