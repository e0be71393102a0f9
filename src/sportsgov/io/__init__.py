"""JSON, TOML and CSV in and out for sportsgov's models, through one cattrs converter.

Every public model is an attrs class, so :data:`converter` turns it into plain
data (:func:`unstructure`) and back (:func:`structure`) field by field. The
domain types have fixed, lossless text forms:

- ``Money``: a yuan string with two decimals, ``"7668.28"`` (exactly the integer
  fen, 分); read from any ``Money.parse`` text (``"7668.28万元"``,
  ``"¥1,234.50"``) or ``{"fen": 766828}``.
- quantities (pint): ``{"magnitude": 2.65, "unit": "meter ** 2"}``, rebuilt in
  sportsgov's registry; also read from strings (``"2.65 m^2"``, ``"6.1万亩"``).
- ``Period``: its string form, ``"2024-Q2"``, ``"2020-06/2022-08"``.
- ``datetime.date``: ISO ``"2024-07-01"`` (TOML dates are read too).
- ``Fraction``: ``"3/7"`` (ints and ``"0.25"`` are read too).
- ``Decimal``: ``"0.15"`` (ints are read too).
- numpy arrays: lists.
- ``Apportionment``: method, total, seats, quotas (``"p/q"``), tied, divisor and
  notes; non-string keys are written as a separate ``keys`` list.

Money is written in yuan (not fen) because people edit these files; the string
always has exactly two decimals, so it is the integer number of fen, exactly,
and never passes through a binary float. A bare number is refused as Money
(is ``500`` yuan or fen?). Floats are refused where exactness matters
(``Fraction``, ``Decimal``, ``Money``): write them as strings.

Loading validates: unknown keys, missing fields, wrong types and values that a
model's validators refuse all raise :class:`~sportsgov.errors.DataError` naming
the source and the field path (``plan.toml, field targets[2].value: ...``).
Loading never executes code: JSON and TOML are parsed as data (no pickle, no
``eval``, no YAML tags).

Tables of flat records (one attrs class, scalar fields) also go to and from CSV
(:func:`to_csv`, :func:`from_csv`, and :func:`load`/:func:`dump` with a ``.csv``
suffix); errors then name the data row and line as well.

Other models plug in without this module importing them: a class may define
``to_data(self)`` and a classmethod ``from_data(cls, data)``; the converter uses
them when present (for classes that are not plain attrs records, such as tables
with numpy columns).

Examples
--------
>>> from sportsgov.io import to_json, from_json
>>> from sportsgov.money import Money
>>> to_json(Money.parse("7668.28万元"))
'"76682800.00"'
>>> from_json('"1,234.50元"', Money)
Money('1234.50')
>>> from sportsgov.periods import Period
>>> from_json(to_json({"q2": Period.quarter(2024, 2)}), dict[str, Period])
{'q2': Period('2024-Q2')}
"""

from sportsgov.io.convert import (
    converter,
    from_json,
    from_toml,
    structure,
    to_json,
    to_toml,
    unstructure,
)
from sportsgov.io.files import dump, from_csv, load, to_csv

__all__ = [
    "converter",
    "dump",
    "from_csv",
    "from_json",
    "from_toml",
    "load",
    "structure",
    "to_csv",
    "to_json",
    "to_toml",
    "unstructure",
]
