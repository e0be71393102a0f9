"""Quantities with units: one private, lean pint registry.

sportsgov never uses pint's application registry and never loads pint's full
definitions file. It builds one small registry with only the units the domain
needs, so ``import sportsgov.units`` costs a few milliseconds once pint itself is
imported:

| dimension | units (symbol, Chinese names accepted in strings) |
|---|---|
| ``[length]`` | m 米, km 公里/千米, cm 厘米 |
| ``[area]`` | m² 平方米/平米/㎡, km² 平方公里, ha 公顷, ``mu_cn`` 亩 (10000/15 m²) |
| ``[time]`` | second 秒, minute 分钟, hour 小时, day 天, week 周, year 年 (= 365.25 days) |
| ``[speed]`` | km/h, m/s (any length / time) |
| ``[population]`` | person 人 |
| dimensionless | percent % (and ‰ ``permille``) |

亩 is ``mu_cn``: pint's own ``mu`` is not 亩.

Strings are parsed by :func:`as_quantity`: a number (``,`` thousands
separators and full-width digits allowed), an optional Chinese multiplier
(万/萬 = 10⁴, 亿/億 = 10⁸, 千 = 10³, 百 = 10²) and a unit: ``"2.65 m^2"``,
``"2.65 m²"``, ``"2.65平方米"``, ``"6.1万亩"``, ``"200万 m^2"``, ``"45%"``.

pint's own string entry points (``Q_("5 m")``, ``Q_(5, "m")``, ``Unit("m")``,
``q.to("km")``, ``registry("5 m")``, ``registry.parse_expression``,
``registry.parse_units``, ``registry.get_dimensionality``) go through the same
grammar: pint never evaluates text as arithmetic here (``"10**10**10 m"`` is
refused at once, not computed), and the errors are :class:`UnitError` /
:class:`InvalidInputError` naming the argument. A conversion between dimensions
(``Q_(5, "m").to("m^2")``) raises a :class:`UnitError` that is also pint's
``DimensionalityError``. Comparing with text (``q.units == "m"``,
``q.dimensionality == "[length]"``) reads it under the same grammar; text that is
not a unit or dimension there is unequal, never evaluated.

Quantities from any other pint registry are accepted and rebuilt in ours from
their magnitude and unit by :func:`as_quantity`, :func:`magnitude_in`,
:func:`check_dimension` (so by every function built on them) and by ``Q_(q)``.
pint's operators cannot convert: ``Q_(5, "m") + their_quantity`` raises a
:class:`UnitError` saying to convert it with :func:`as_quantity` first.
Quantities of ours pickle into our registry in any process (pint#725 does not
bite), but for storage use magnitude + unit string (``q.magnitude``,
``f"{q.units}"``), never pickle.

Size: about 1,020 lines, on purpose: every string entry point of pint's registry,
unit and quantity is routed through one grammar here, and splitting the overrides
from the grammar would spread that one guarantee over two modules.

Examples
--------
>>> from sportsgov.units import Q_, as_quantity, magnitude_in
>>> as_quantity("6.1万亩").to("ha")
<Quantity(4066.66667, 'hectare')>
>>> as_quantity("2.65平方米/人")
<Quantity(2.65, 'meter ** 2 / person')>
>>> magnitude_in("3 公顷", "m^2", argument="area")
30000.0
>>> Q_(5, "km/h").to("m/s")
<Quantity(1.38888889, 'meter / second')>
>>> Q_("10**10**10 m")
Traceback (most recent call last):
...
sportsgov.errors.UnitError: value='10**10**10 m': unit='**10**10 m': expected unit names ...
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any, TypeAlias, overload

import numpy as np
import numpy.typing as npt
import pint
from pint.facets.plain import PlainQuantity, PlainUnit, UnitDefinition
from pint.util import UnitsContainer

from sportsgov._common.numbers import CN_MULTIPLIERS
from sportsgov.errors import InvalidInputError, UnitError, format_value

__all__ = [
    "Q_",
    "Quantity",
    "Unit",
    "as_quantity",
    "check_dimension",
    "format_quantity",
    "magnitude_in",
    "registry",
]

# --------------------------------------------------------------------------- registry

_DEFINITIONS = """
meter = [length] = m = metre = meters
second = [time] = s = sec = seconds
person = [population] = _ = persons = people
[area] = [length] ** 2
[speed] = [length] / [time]
kilo- = 1e3 = k-
centi- = 1e-2 = c-
milli- = 1e-3 = m-
minute = 60 * second = min = minutes
hour = 60 * minute = h = hr = hours
day = 24 * hour = d = days
week = 7 * day = _ = weeks
year = 365.25 * day = yr = years
hectare = 10000 * meter ** 2 = ha = hectares
mu_cn = 10000 / 15 * meter ** 2
percent = 0.01 = %
permille = 0.001 = ‰
"""


class _UnknownUnitError(UnitError, pint.UndefinedUnitError):
    """An unknown unit name; pint's UndefinedUnitError (an AttributeError) too, so pint's
    own handling (``"acre" in registry``, ``hasattr(registry, name)``) keeps working."""

    def __init__(self, message: str, *, argument: str = "units", value: object = None) -> None:
        super().__init__(message, argument=argument, value=value)
        self.unit_names = (str(value),)

    def __str__(self) -> str:
        return self.message

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.message,), dict(self.__dict__))


class _DimensionError(UnitError, pint.DimensionalityError):
    """A conversion between dimensions (``Q_(5, "m").to("m^2")``); pint's
    DimensionalityError too, so pint's own handling (``is_compatible_with``) keeps working."""

    def __init__(self, message: str, *, argument: str = "units", value: object = None) -> None:
        super().__init__(message, argument=argument, value=value)
        self.units1, self.units2, self.dim1, self.dim2, self.extra_msg = value, "", "", "", ""

    def __str__(self) -> str:
        return self.message

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.message,), dict(self.__dict__))


class _Dimensions(UnitsContainer):
    """A dimensionality (``q.dimensionality``) compared with text through the grammar.

    pint's ``UnitsContainer == "..."`` evaluates the text as arithmetic
    (``q.dimensionality == "10**10**10"`` never ends); here the text must be
    ``[name]`` factors with small integer powers, and anything else is unequal.
    """

    __slots__ = ()
    __hash__ = UnitsContainer.__hash__

    def __eq__(self, other: object) -> bool:
        if isinstance(other, str):
            try:  # "" is dimensionless, as in pint
                other = _UREG.get_dimensionality(other) if other.strip() else UnitsContainer()
            except UnitError:
                return False
        return bool(super().__eq__(other))

    def __ne__(self, other: object) -> bool:
        return not self == other


class _SafeRegistry(pint.UnitRegistry):  # type: ignore[type-arg]
    """pint's registry with every string entry point behind sportsgov's grammar.

    pint evaluates unit and quantity text as arithmetic (``"m**10**10**10"`` and
    ``"10**10**10 m"`` never end). Unit text (``Unit("...")``, ``Q_(x, "...")``,
    ``q.to("...")``, ``registry.parse_units``) must be unit names joined by ``*``,
    ``/`` or spaces with small integer powers; quantity text (``Q_("...")``,
    ``registry("...")``, ``registry.parse_expression``) must be what
    :func:`as_quantity` reads (a bounded number, a Chinese multiplier, a unit);
    dimension text (``registry.get_dimensionality``) must be ``[name]`` factors
    with small integer powers.
    """

    def parse_units_as_container(
        self,
        input_string: str,
        as_delta: bool | None = None,
        case_sensitive: bool | None = None,
    ) -> UnitsContainer:
        expr = _check_unit_text(input_string, "units")
        try:
            container: UnitsContainer = super().parse_units_as_container(
                expr, as_delta, case_sensitive
            )
        except UnitError:
            raise
        except Exception:  # UndefinedUnitError, or pint's tokenizer on '½' (AssertionError)
            raise _UnknownUnitError(
                f"units={format_value(input_string)}: not a unit sportsgov knows ({_KNOWN_UNITS})",
                argument="units",
                value=input_string,
            ) from None
        return container

    def parse_expression(
        self, input_string: str, case_sensitive: bool | None = None, **values: Any
    ) -> Any:
        if values:
            raise UnitError(
                f"values={format_value(sorted(values))}: sportsgov's registry does not "
                "substitute names into expressions; build the quantity with Q_(magnitude, unit)",
                argument="values",
                value=values,
            )
        return _expression_quantity(input_string, "input_string")

    __call__ = parse_expression

    def _convert(self, value: Any, src: Any, dst: Any, *args: Any, **kwargs: Any) -> Any:
        try:
            return super()._convert(value, src, dst, *args, **kwargs)
        except pint.DimensionalityError as exc:
            if isinstance(exc, UnitError):
                raise
            theirs, wanted = self.get_dimensionality(src), self.get_dimensionality(dst)
            shown = f"{self.Unit(dst):~P}" or "dimensionless"
            raise _DimensionError(
                f"units={shown!r}: cannot convert {self.Unit(src):~P} "
                f"({_dim_label(theirs)}) to {_dim_label(wanted)}; expected "
                f"{_dim_label(theirs, examples=True)}",
                argument="units",
                value=shown,
            ) from None

    def _get_dimensionality(self, input_units: UnitsContainer | None) -> UnitsContainer:
        dims = super()._get_dimensionality(input_units)
        return dims if isinstance(dims, _Dimensions) else _Dimensions(dims)

    def get_dimensionality(self, input_units: Any) -> UnitsContainer:
        if not isinstance(input_units, str):
            return super().get_dimensionality(input_units)
        _check_dimension_text(input_units, "dimension")
        try:
            dims: UnitsContainer = super().get_dimensionality(input_units)
        except Exception:  # pint's tokenizer on '[½]'
            raise UnitError(
                f"dimension={format_value(input_units)}: not a dimension sportsgov knows "
                "([length], [area], [time], [speed], [population], or products of them)",
                argument="dimension",
                value=input_units,
            ) from None
        return dims


def _build_registry() -> Any:
    ureg: Any = _SafeRegistry(
        None,  # no default definitions file: we define only what the domain needs
        cache_folder=None,
        autoconvert_offset_to_baseunit=False,
        on_redefinition="raise",
    )
    for line in _DEFINITIONS.strip().splitlines():
        ureg.define(line)
    # pint#725: pint's own __reduce__ rebuilds quantities in the *application*
    # registry of the receiving process. Ours rebuild in ours.
    setattr(ureg.Quantity, "__reduce__", _reduce_quantity)  # noqa: B010
    setattr(ureg.Unit, "__reduce__", _reduce_unit)  # noqa: B010
    # A string or a foreign quantity given to Q_ goes through our grammar and
    # conversion; pint's own arithmetic with a foreign quantity says how to convert.
    pint_new = ureg.Quantity.__new__

    def quantity_new(cls: Any, value: Any, units: Any = None) -> Any:
        if isinstance(value, str):
            q = _expression_quantity(value, "value")
            return q if units is None else _converted(q, _unit_of(units, "units"), "value")
        if isinstance(value, PlainQuantity) and value._REGISTRY is not _UREG:
            value = _from_foreign(value, "value")
        foreign_unit = isinstance(units, PlainUnit) and units._REGISTRY is not _UREG
        if foreign_unit and not isinstance(value, PlainQuantity):  # as a foreign quantity
            return _from_foreign(units._REGISTRY.Quantity(value, units), "value")
        if isinstance(units, PlainUnit | PlainQuantity) or not (
            units is None or isinstance(units, str | UnitsContainer | UnitDefinition)
        ):
            units = _unit_of(units, "units")  # a UnitError for Q_(5, 3), not pint's TypeError
        return pint_new(cls, value, units)

    pint_compare = ureg.Quantity.compare

    def compare(self: Any, other: Any, op: Any) -> Any:
        _check_registry(self, other)
        return pint_compare(self, other, op)

    pint_unit_eq = ureg.Unit.__eq__

    def unit_eq(self: Any, other: Any) -> bool:
        # pint compares text by evaluating it as arithmetic, and by raw names ("m" != meter)
        if isinstance(other, str):
            try:
                theirs = self._REGISTRY.parse_units_as_container(other)
            except UnitError:
                return False  # not a unit under the grammar: unequal, never evaluated
            return bool(self._units == theirs)
        return bool(pint_unit_eq(self, other))

    setattr(ureg.Unit, "__eq__", unit_eq)  # noqa: B010
    setattr(ureg.Quantity, "__new__", staticmethod(quantity_new))  # noqa: B010
    setattr(ureg.Quantity, "compare", compare)  # noqa: B010
    setattr(ureg.Quantity, "_check", _check_registry)  # noqa: B010
    setattr(ureg.Unit, "_check", _check_registry)  # noqa: B010
    return ureg


def _check_registry(self: Any, other: Any) -> bool:
    """pint's same-registry check, refusing a foreign quantity with a UnitError."""
    if self._REGISTRY is getattr(other, "_REGISTRY", None):
        return True
    if isinstance(other, PlainQuantity | PlainUnit):
        raise UnitError(
            f"other={format_value(other)}: a quantity or unit of another pint registry; "
            "convert it first with sportsgov.units.as_quantity(other) (rebuilt in "
            "sportsgov's registry from its magnitude and unit)",
            argument="other",
            value=other,
        )
    return False


def _unpickle_quantity(magnitude: Any, units: dict[str, Any]) -> Any:
    return _UREG.Quantity(magnitude, UnitsContainer(units))


def _unpickle_unit(units: dict[str, Any]) -> Any:
    return _UREG.Unit(UnitsContainer(units))


def _reduce_quantity(self: Any) -> tuple[Any, ...]:
    return (_unpickle_quantity, (self._magnitude, dict(self._units)))


def _reduce_unit(self: Any) -> tuple[Any, ...]:
    return (_unpickle_unit, (dict(self._units),))


_UREG = _build_registry()

registry = _UREG
"""sportsgov's private :class:`pint.UnitRegistry` (use it, never replace it).

Examples
--------
>>> from sportsgov.units import registry
>>> (registry.mu_cn * 15).to("m^2")
<Quantity(10000.0, 'meter ** 2')>
"""

Q_ = _UREG.Quantity
"""Quantity class of sportsgov's registry: ``Q_(magnitude, unit)`` (see :data:`Quantity`).

Examples
--------
>>> Q_(3, "ha").to("mu_cn")
<Quantity(45.0, 'mu_cn')>
"""

Q_.__doc__ = """Quantity class of sportsgov's registry; call it as ``Q_(magnitude, unit)``.

Prefer :func:`as_quantity` for user input (strings, Chinese units, quantities
of other registries). Put the unit in the constructor (or on the left,
``registry.m * array``): ``array * unit`` is slow in pint (pint#1915).

Examples
--------
>>> from sportsgov.units import Q_
>>> Q_(2.65, "m^2/person")
<Quantity(2.65, 'meter ** 2 / person')>
>>> Q_([1, 2], "km").to("m").magnitude.tolist()
[1000.0, 2000.0]
"""

if TYPE_CHECKING:
    Quantity: TypeAlias = pint.Quantity[Any]
    Unit: TypeAlias = pint.Unit
else:
    Quantity = _UREG.Quantity
    """Type of sportsgov quantities, for annotations (``area: Quantity``); same class as `Q_`.

    Every quantity sportsgov returns is an instance of it and belongs to
    :data:`registry`; quantities of other pint registries are not (convert them
    with :func:`as_quantity`).
    """
    Unit = _UREG.Unit
    """Type of sportsgov units, for annotations."""


# ----------------------------------------------------------------- dimension labels

_LABELS: dict[UnitsContainer, tuple[str, str]] = {}


def _label_table() -> dict[UnitsContainer, tuple[str, str]]:
    if not _LABELS:
        dim = _UREG.get_dimensionality
        for spec, label, examples in [
            ("[length]", "[length]", "m, km"),
            ("[area]", "[area]", "m², 亩, ha"),
            ("[time]", "[time]", "minute, hour, day"),
            ("[speed]", "[speed]", "km/h, m/s"),
            ("[population]", "[population]", "person"),
            ("[area] / [population]", "[area per person]", "m²/person"),
            ("[length] / [population]", "[length per person]", "m/person"),
            ("[population] / [area]", "[population density]", "person/km²"),
        ]:
            _LABELS[dim(spec)] = (label, examples)
        _LABELS[UnitsContainer()] = ("dimensionless", "a plain number, %")
    return _LABELS


def _dim_label(dimensionality: UnitsContainer, *, examples: bool = False) -> str:
    label, ex = _label_table().get(dimensionality, (str(dimensionality), ""))
    if examples and ex:
        return f"{label} ({ex})"
    return label


def format_quantity(q: Any) -> str:
    """Render a quantity compactly for messages and reports: ``'120 m'``, ``'3 m²'``.

    Examples
    --------
    >>> format_quantity(Q_(120, "m^2/person"))
    '120 m²/person'
    >>> format_quantity(Q_(0.5, "dimensionless"))
    '0.5'
    """
    mag = q.magnitude
    if isinstance(mag, np.ndarray):
        mag_text = format_value(mag)
    else:
        mag_text = f"{mag:g}" if isinstance(mag, float) else str(mag)
    unit_text = f"{q.units:~P}"
    return f"{mag_text} {unit_text}" if unit_text else mag_text


# -------------------------------------------------------------------- string parsing

_FULLWIDTH = str.maketrans(
    "０１２３４５６７８９．，－＋％　",
    "0123456789.,-+% ",
)
_NUMBER_RE = re.compile(
    r"""^\s*
    (?P<number>[+\-−]?\s*
        (?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d*)?(?:[eE][+\-]?\d+)?
        |[+\-−]?\s*\.\d+(?:[eE][+\-]?\d+)?
    )
    \s*(?P<mult>[万萬亿億千百]*)
    \s*(?P<unit>.*?)\s*$""",
    re.VERBOSE,
)
# Longest names first, so 平方公里 wins over 公里 and 分钟 over 分.
_CHINESE_UNITS = [
    ("平方公里", " km**2 "),
    ("平方千米", " km**2 "),
    ("平方米", " m**2 "),
    ("平米", " m**2 "),
    ("㎡", " m**2 "),
    ("公顷", " ha "),
    ("公頃", " ha "),
    ("亩", " mu_cn "),
    ("畝", " mu_cn "),
    ("公里", " km "),
    ("千米", " km "),
    ("厘米", " cm "),
    ("米", " m "),
    ("人", " person "),
    ("分钟", " minute "),
    ("小时", " hour "),
    ("秒", " second "),
    ("天", " day "),
    ("周", " week "),
    ("年", " year "),
    ("每", " / "),
]
_SUPERSCRIPTS = str.maketrans({"²": "**2", "³": "**3"})
_TRAILING_POWER_RE = re.compile(r"\b(m|km|cm)([23])\b")


def _normalise_unit_text(text: str) -> str:
    """Chinese unit names, superscripts and ``m2`` to pint syntax.

    Also installed as a pint preprocessor of our registry, so ``Q_(5, "亩")`` and
    ``q.to("公顷")`` work too.
    """
    if text.isascii() and not _TRAILING_POWER_RE.search(text):
        return text
    expr = text.translate(_FULLWIDTH)
    for zh, ascii_name in _CHINESE_UNITS:
        if zh in expr:
            expr = expr.replace(zh, ascii_name)
    expr = expr.translate(_SUPERSCRIPTS).replace("·", "*")
    return _TRAILING_POWER_RE.sub(r"\1**\2", expr)


_MAX_UNIT_TEXT = 200
_MAX_NUMBER_DIGITS = 400
_UNIT_NAME = r"(?:[^\W\d]\w*|%|1)"
_UNIT_FACTOR = rf"{_UNIT_NAME}(?:\s*\*\*\s*[+-]?[0-9]{{1,2}})?"
_UNIT_GRAMMAR = re.compile(rf"\s*{_UNIT_FACTOR}(?:\s*(?:\*(?!\*)|/|\s)\s*{_UNIT_FACTOR})*\s*")


_KNOWN_UNITS = (
    "m, km, cm, m², km², ha/公顷, 亩, person/人, second, minute, hour, day, week, year, km/h, %"
)
_DIMENSION_FACTOR = r"\[[^\W\d]\w*\](?:\s*\*\*\s*[+-]?[0-9]{1,2})?"
_DIMENSION_GRAMMAR = re.compile(
    rf"\s*{_DIMENSION_FACTOR}(?:\s*(?:\*(?!\*)|/)\s*{_DIMENSION_FACTOR})*\s*"
)


@functools.lru_cache(maxsize=512)
def _check_unit_text(text: str, argument: str) -> str:
    """Unit text in pint syntax, after checking it is only names and small powers.

    pint evaluates unit text as arithmetic (``"m**10**10**10"`` never ends): only
    names joined by ``*``, ``/`` or spaces, each with a small integer power, reach it.
    """
    if not isinstance(text, str):
        raise UnitError(
            f"{argument}={format_value(text)}: expected a unit string such as 'm^2'",
            argument=argument,
            value=text,
        )
    expr = _normalise_unit_text(text.strip()).replace("^", "**").strip()
    expr = re.sub(r"\s*/\s*", "/", expr)
    if expr.startswith("/"):
        expr = "1" + expr
    if expr in {"", "1"}:
        return expr
    if len(expr) > _MAX_UNIT_TEXT or not _UNIT_GRAMMAR.fullmatch(expr):
        raise UnitError(
            f"{argument}={format_value(text)}: expected unit names joined by '*', '/' or "
            "spaces, each with an optional integer power of at most two digits (e.g. 'm^2', "
            "'km/h', 'm**2/person')",
            argument=argument,
            value=text,
        )
    return expr


def _check_dimension_text(text: str, argument: str) -> None:
    """Refuse dimension text pint would evaluate as arithmetic (``[length]**10**10``)."""
    if len(text) > _MAX_UNIT_TEXT or not _DIMENSION_GRAMMAR.fullmatch(text):
        raise UnitError(
            f"{argument}={format_value(text)}: expected dimensions such as '[area]' or "
            "'[length] / [time]', joined by '*' or '/', each with an optional integer power "
            "of at most two digits",
            argument=argument,
            value=text,
        )


@functools.lru_cache(maxsize=512)
def _parse_unit(text: str, argument: str = "unit") -> Any:
    """Parse a unit expression (Chinese names allowed) into one of our Units."""
    expr = _check_unit_text(text, argument)
    if expr in {"", "1"}:
        return _UREG.Unit("dimensionless")
    try:
        return _UREG.parse_units(expr)
    except Exception:  # pint raises many kinds for garbage: normalise them
        raise UnitError(
            f"{argument}={format_value(text)}: not a unit sportsgov knows ({_KNOWN_UNITS})",
            argument=argument,
            value=text,
        ) from None


def _unit_of(unit: Any, argument: str = "unit") -> Any:
    """Our Unit from a unit string, one of our Units, or a foreign Unit."""
    if isinstance(unit, str):
        return _parse_unit(unit, argument)
    if isinstance(unit, PlainUnit):
        if unit._REGISTRY is _UREG:
            return unit
        return _parse_unit(str(unit), argument)
    if isinstance(unit, PlainQuantity):
        return _unit_of(unit.units, argument)
    raise UnitError(
        f"{argument}={format_value(unit)}: expected a unit string such as 'm^2' or a pint Unit",
        argument=argument,
        value=unit,
    )


def _parse_quantity_text(text: str, argument: str) -> tuple[float | int, Any]:
    """``(magnitude, unit)``; ``unit`` is None when the text is a bare number."""
    match = _NUMBER_RE.match(text.translate(_FULLWIDTH))
    if match is None:
        raise InvalidInputError.bad(
            argument,
            text,
            "expected a number followed by a unit, e.g. '2.65 m²', '6.1万亩', '45%'",
        )
    number_text = re.sub(r"[\s,]", "", match["number"]).replace("−", "-")
    mantissa, _, exponent = number_text.lower().partition("e")
    if (
        len(mantissa) > _MAX_NUMBER_DIGITS
        or len(exponent.lstrip("+-")) > 3
        or len(match["mult"]) > 2
    ):
        raise InvalidInputError.bad(
            argument,
            text,
            f"a number has at most {_MAX_NUMBER_DIGITS} digits, an exponent of at most 3 "
            "digits and at most two multipliers (万, 亿, 万亿)",
        )
    factor = 1
    for char in match["mult"]:
        factor *= CN_MULTIPLIERS[char]
    unit = _parse_unit(match["unit"]) if match["unit"] else None
    if factor == 1 and re.fullmatch(r"[+\-]?\d+", number_text):
        magnitude: float | int = int(number_text)
    else:
        magnitude = float(Decimal(number_text) * factor)
    return magnitude, unit


def _expression_quantity(text: str, argument: str) -> Any:
    """A quantity of ours from text given to pint's own entry points (``Q_("5 m")``).

    What :func:`as_quantity` reads, plus a bare unit (``"km/h"`` is 1 km/h), as
    pint allows; never pint's expression evaluation.
    """
    if not isinstance(text, str):
        raise InvalidInputError.bad(argument, text, "expected a string such as '2.65 m²'")
    if not text.strip():
        raise InvalidInputError.bad(argument, text, "expected a number and a unit, not ''")
    if _NUMBER_RE.match(text.translate(_FULLWIDTH)) is None:
        try:
            return _UREG.Quantity(1, _parse_unit(text, argument))
        except UnitError:
            raise InvalidInputError.bad(
                argument,
                text,
                "expected a number followed by a unit (e.g. '2.65 m²', '6.1万亩', '45%') "
                "or a unit alone (e.g. 'km/h'); pint's arithmetic is not evaluated",
            ) from None
    try:
        magnitude, unit = _parse_quantity_text(text, argument)
    except UnitError as exc:  # name the argument and the whole text, then the unit part
        raise UnitError(
            f"{argument}={format_value(text)}: {exc.message}", argument=argument, value=text
        ) from None
    if isinstance(magnitude, float) and not math.isfinite(magnitude):
        raise InvalidInputError.bad(argument, text, _TOO_BIG)
    return _UREG.Quantity(magnitude, unit)


def _converted(q: Any, target: Any, argument: str) -> Any:
    """``q`` in ``target`` after a dimension check (a UnitError, not pint's error)."""
    if q.units == target:
        return q
    _require_dimension(q, target.dimensionality, argument)
    return q.to(target)


_UREG.preprocessors.append(_normalise_unit_text)

# ------------------------------------------------------------------------ public API


def _is_quantity(value: object) -> bool:
    return isinstance(value, PlainQuantity)


def _same_unit_meaning(foreign_units: Any, ours: Any) -> bool:
    """Whether a foreign unit and ours of the same name are the same size."""
    try:
        theirs = foreign_units._REGISTRY.Quantity(1.0, foreign_units).to_root_units()
        mine = _UREG.Quantity(1.0, ours).to_root_units()
        return str(theirs.units) == str(mine.units) and math.isclose(
            theirs.magnitude, mine.magnitude, rel_tol=1e-12
        )
    except Exception:
        return False


def _from_foreign(value: Any, argument: str) -> Any:
    """Rebuild a quantity of another pint registry in ours."""
    try:
        unit = _parse_unit(str(value.units))
        if not _same_unit_meaning(value.units, unit):
            # Same name, other size (someone's "year" of 365 days): use base units.
            raise UnitError("redefined unit")
    except UnitError:
        # A unit we do not define (foot, acre...): go through the foreign
        # registry's base units, which are SI names we share (meter, second).
        try:
            base = value.to_base_units()
            unit = _parse_unit(str(base.units))
        except Exception:
            raise UnitError(
                f"{argument}={format_value(value)}: a quantity of another pint registry "
                f"whose unit {str(value.units)!r} sportsgov cannot express, not even through "
                "that registry's base units; convert it there to one of sportsgov's units "
                f"({_KNOWN_UNITS}) first",
                argument=argument,
                value=value,
            ) from None
        value = base
    return _UREG.Quantity(value.magnitude, unit)


def _check_finite(value: Any, argument: str, shown: Any) -> None:
    mag = value
    if isinstance(mag, np.ndarray):
        if mag.dtype.kind in "fc" and not bool(np.isfinite(mag).all()):
            raise InvalidInputError.bad(
                argument, shown, "must be finite (no NaN or infinity)", shown=format_value(shown)
            )
    elif isinstance(mag, float) and not math.isfinite(mag):
        raise InvalidInputError.bad(argument, shown, "must be finite (no NaN or infinity)")


_MAX_INT = 10**300
_TOO_BIG = "must be within ±1e300 (numbers are stored as 64-bit floats)"


def _clean_magnitude(value: Any, argument: str) -> Any:
    """Plain magnitude: int/float kept, Decimal/Fraction to float, arrays to ndarray."""
    if isinstance(value, bool):
        raise InvalidInputError.bad(argument, value, "expected a number, not a bool")
    if isinstance(value, int):
        if not -_MAX_INT <= value <= _MAX_INT:  # a float conversion would overflow
            raise InvalidInputError.bad(argument, value, _TOO_BIG)
        return value
    if isinstance(value, float):
        return value
    if isinstance(value, Decimal | Fraction):
        if isinstance(value, Decimal) and not value.is_finite():
            raise InvalidInputError.bad(
                argument, value, "must be finite (no NaN or infinity)", shown=str(value)
            )
        try:
            return float(value)
        except (OverflowError, ValueError):
            raise InvalidInputError.bad(argument, value, _TOO_BIG) from None
    if isinstance(value, np.generic):
        if value.dtype.kind in "iuf":
            return value.item()
        raise InvalidInputError.bad(argument, value, "expected a number")
    if isinstance(value, np.ndarray | list | tuple):
        try:
            array = np.asarray(value)
        except ValueError:
            raise InvalidInputError.bad(argument, value, "expected a rectangular array") from None
        if array.dtype.kind not in "iuf":
            if array.dtype == object:
                try:
                    return np.asarray(value, dtype=float)
                except (TypeError, ValueError):
                    pass
            raise InvalidInputError.bad(
                argument, value, "expected numbers (an array of int or float)"
            )
        return array
    raise InvalidInputError.bad(
        argument,
        value,
        "expected a number, an array, a Quantity or a string such as '2.65 m²'",
    )


def as_quantity(
    value: Any,
    unit: Any = None,
    *,
    argument: str = "value",
    finite: bool = True,
) -> Quantity:
    """Make a quantity of sportsgov's registry from almost anything.

    Parameters
    ----------
    value
        A number or array (combined with ``unit``); a list of quantities or
        strings (one array, in ``unit`` or the first element's unit); a string with a number and a
        unit (``"2.65 m²"``, ``"2.65平方米"``, ``"6.1万亩"``, ``"200万 m^2"``,
        ``"3 公顷"``, ``"45%"``); a quantity of sportsgov's registry (returned as
        is, or converted to ``unit``); or a quantity of any other pint registry
        (rebuilt in ours from its magnitude and unit).
    unit
        Unit string (``"m^2"``, ``"亩"``) or pint Unit. For a bare number it is
        the number's unit (default: dimensionless); for a value that already has
        a unit the result is converted to it, after a dimension check.
    argument
        Name used in error messages.
    finite
        Refuse NaN and infinities (the default).

    Returns
    -------
    Quantity
        Decimal and Fraction magnitudes become floats; ints stay ints until a
        conversion needs floats; lists become numpy arrays.

    Raises
    ------
    UnitError
        Unknown unit, or ``unit`` of another dimension than ``value``.
    InvalidInputError
        Not a number, not finite, or a string that is not ``number unit``.

    Examples
    --------
    >>> as_quantity(5, "m^2")
    <Quantity(5, 'meter ** 2')>
    >>> as_quantity("200万 m^2").to("km^2")
    <Quantity(2.0, 'kilometer ** 2')>
    >>> as_quantity("45%").to("dimensionless")
    <Quantity(0.45, 'dimensionless')>
    >>> as_quantity("1,200 m", "km")
    <Quantity(1.2, 'kilometer')>
    >>> import pint
    >>> other = pint.UnitRegistry()
    >>> as_quantity(other.Quantity(2, "acre"), "mu_cn")
    <Quantity(12.1406178, 'mu_cn')>
    >>> as_quantity("120 m", "m^2", argument="area")
    Traceback (most recent call last):
    ...
    sportsgov.errors.UnitError: area=120 m: expected [area] (m², 亩, ha), got [length]
    """
    q: Quantity
    if isinstance(value, str):
        magnitude, parsed_unit = _parse_quantity_text(value, argument)
        if parsed_unit is None:  # a bare number in a string counts as a bare number
            return as_quantity(magnitude, unit, argument=argument, finite=finite)
        q = _UREG.Quantity(magnitude, parsed_unit)
    elif _is_quantity(value):
        q = value if value._REGISTRY is _UREG else _from_foreign(value, argument)
    elif isinstance(value, list | tuple) and any(
        isinstance(v, str) or _is_quantity(v) for v in value
    ):
        # A list of quantities/strings: one array in `unit`, or in the unit of
        # the first element that has one.
        if unit is None:
            first = next(v for v in value if isinstance(v, str) or _is_quantity(v))
            unit = as_quantity(first, argument=argument, finite=False).units
        target = _unit_of(unit)
        mags = magnitude_in(value, target, argument=argument, finite=finite)
        q = _UREG.Quantity(mags, target)
        return q
    else:
        magnitude = _clean_magnitude(value, argument)
        if finite:
            _check_finite(magnitude, argument, value)
        q = _UREG.Quantity(magnitude, _unit_of(unit) if unit is not None else None)
        return q
    if finite:
        _check_finite(q.magnitude, argument, q.magnitude)
    if unit is not None:
        q = _converted(q, _unit_of(unit), argument)
    return q


def _require_dimension(q: Any, dimensionality: UnitsContainer, argument: str) -> None:
    if q.dimensionality != dimensionality:
        raise UnitError(
            f"{argument}={format_quantity(q)}: expected "
            f"{_dim_label(dimensionality, examples=True)}, got {_dim_label(q.dimensionality)}",
            argument=argument,
            value=q,
        )


def _dimensionality_of(unit_or_dim: Any) -> UnitsContainer:
    if isinstance(unit_or_dim, str) and unit_or_dim.strip().startswith("["):
        try:
            dims: UnitsContainer = _UREG.get_dimensionality(unit_or_dim)
            return dims
        except UnitError:
            raise
        except Exception:
            raise UnitError(
                f"dimension={unit_or_dim!r}: not a dimension sportsgov knows "
                "([length], [area], [time], [speed], [population], or products of them)",
                argument="dimension",
                value=unit_or_dim,
            ) from None
    dims = _unit_of(unit_or_dim).dimensionality
    return dims


def check_dimension(value: Any, unit_or_dim: Any, *, argument: str = "value") -> Quantity:
    """Return ``value`` as a quantity of ours, checking it has the dimension wanted.

    Unlike :func:`magnitude_in`, a bare number is *dimensionless* here: use this
    where the caller must say the unit.

    Parameters
    ----------
    value
        Anything :func:`as_quantity` accepts.
    unit_or_dim
        A unit (``"m^2"``: any area passes) or a dimension (``"[area]"``,
        ``"[length] / [time]"``).
    argument
        Name used in the error message.

    Returns
    -------
    Quantity
        The value in its own unit (not converted).

    Raises
    ------
    UnitError
        Dimension mismatch, unknown unit.

    Examples
    --------
    >>> check_dimension("6.1万亩", "[area]", argument="area")
    <Quantity(61000.0, 'mu_cn')>
    >>> check_dimension("15 km", "m^2", argument="area")
    Traceback (most recent call last):
    ...
    sportsgov.errors.UnitError: area=15 km: expected [area] (m², 亩, ha), got [length]
    """
    q = as_quantity(value, argument=argument)
    _require_dimension(q, _dimensionality_of(unit_or_dim), argument)
    return q


_Scalar: TypeAlias = int | float | Decimal | Fraction | np.integer[Any] | np.floating[Any]


@overload
def magnitude_in(
    value: _Scalar, unit: Any, *, argument: str = ..., finite: bool = ...
) -> float: ...
@overload
def magnitude_in(
    value: npt.NDArray[Any] | Sequence[Any],
    unit: Any,
    *,
    argument: str = ...,
    finite: bool = ...,
) -> npt.NDArray[np.float64]: ...
@overload
def magnitude_in(
    value: Any, unit: Any, *, argument: str = ..., finite: bool = ...
) -> float | npt.NDArray[np.float64]: ...


def magnitude_in(
    value: Any, unit: Any, *, argument: str = "value", finite: bool = True
) -> float | npt.NDArray[np.float64]:
    """The magnitude of ``value`` in ``unit``, as a float or a float array.

    The one call a calculator needs to accept "a number in the documented unit,
    or anything with a unit". A bare number or array is taken as already in
    ``unit``; a quantity (of any pint registry) or a string such as ``"3 公顷"``
    is converted.

    Parameters
    ----------
    value
        Number, array-like, quantity or string.
    unit
        The unit wanted (``"m"``, ``"m^2"``, ``"minute"``...).
    argument
        Name used in error messages (``area=120 m: expected [area] ...``).
    finite
        Refuse NaN and infinities (the default).

    Returns
    -------
    float or numpy.ndarray
        ``float`` for scalars, ``float64`` array for arrays.

    Raises
    ------
    UnitError
        ``value`` has another dimension than ``unit``; unknown unit.
    InvalidInputError
        Not a number, or not finite.

    Examples
    --------
    >>> magnitude_in(500, "m", argument="radius")
    500.0
    >>> magnitude_in("1.5 km", "m", argument="radius")
    1500.0
    >>> magnitude_in([1, 2], "km")
    array([1., 2.])
    >>> magnitude_in(Q_(120, "m"), "m^2", argument="area")
    Traceback (most recent call last):
    ...
    sportsgov.errors.UnitError: area=120 m: expected [area] (m², 亩, ha), got [length]
    """
    target = _unit_of(unit)
    theirs: Any = value  # the caller's array, if any, must never be returned
    if isinstance(value, str) or _is_quantity(value):
        if _is_quantity(value):
            theirs = value.magnitude
        mag = as_quantity(value, target, argument=argument, finite=finite).magnitude
    elif isinstance(value, list | tuple) and any(
        isinstance(v, str) or _is_quantity(v) for v in value
    ):
        return np.array(
            [magnitude_in(v, target, argument=argument, finite=finite) for v in value],
            dtype=float,
        )
    else:
        mag = _clean_magnitude(value, argument)
        if finite:
            _check_finite(mag, argument, value)
    if isinstance(mag, np.ndarray):
        # Always a new array: callers may work on it in place without touching
        # the caller's data (inputs are never mutated). Copy only if needed.
        if mag.dtype == np.float64 and not (
            isinstance(theirs, np.ndarray) and np.may_share_memory(mag, theirs)
        ):
            return mag
        return np.array(mag, dtype=np.float64, copy=True)
    return float(mag)
