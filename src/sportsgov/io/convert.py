"""The cattrs converter of sportsgov's models, and JSON and TOML through it.

:data:`converter` turns every public model into plain data (:func:`unstructure`)
and back (:func:`structure`), with the lossless text forms and the loading rules
described in :mod:`sportsgov.io`; :func:`to_json`/:func:`from_json` and
:func:`to_toml`/:func:`from_toml` are the two text formats.
:mod:`sportsgov.io.files` adds files by suffix and CSV tables on top.

Examples
--------
>>> from sportsgov.money import Money
>>> to_json(Money.parse("7668.28万元"))
'"76682800.00"'
>>> from_json('"1,234.50元"', Money)
Money('1234.50')
"""

from __future__ import annotations

import datetime as _dt
import functools
import json
import tomllib
from collections.abc import Callable, Iterator, Mapping
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from typing import Any, TypeVar, cast, get_args, get_origin

import attrs
import cattrs
import numpy as np
import tomli_w
from cattrs.errors import (
    AttributeValidationNote,
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)
from cattrs.gen import make_dict_structure_fn

from sportsgov._common.dates import as_date
from sportsgov.errors import DataError, InvalidInputError, SportsgovError

__all__ = [
    "converter",
    "from_json",
    "from_toml",
    "structure",
    "to_json",
    "to_toml",
    "unstructure",
]

T = TypeVar("T")


def _make_converter() -> cattrs.Converter:
    conv = cattrs.Converter(forbid_extra_keys=True)
    # Protocol: a class with to_data / from_data handles itself.
    conv.register_unstructure_hook_func(
        lambda t: isinstance(t, type) and callable(getattr(t, "to_data", None)),
        lambda obj: obj.to_data(),
    )
    conv.register_structure_hook_func(
        lambda t: isinstance(t, type) and callable(getattr(t, "from_data", None)),
        lambda data, t: t.from_data(data),
    )
    # Exact numbers, booleans and dates.
    conv.register_structure_hook(bool, _structure_bool)
    conv.register_unstructure_hook(Fraction, _fraction_text)
    conv.register_structure_hook(Fraction, _structure_fraction)
    conv.register_unstructure_hook(Decimal, str)
    conv.register_structure_hook(Decimal, _structure_decimal)
    conv.register_unstructure_hook(_dt.date, lambda d: d.isoformat())
    conv.register_structure_hook(_dt.date, _structure_date)
    conv.register_unstructure_hook_func(
        lambda t: isinstance(t, type) and issubclass(t, np.ndarray), lambda a: a.tolist()
    )
    conv.register_structure_hook_func(_is_array_type, _structure_array)
    conv.register_unstructure_hook_func(
        lambda t: isinstance(t, type) and issubclass(t, np.generic), lambda x: x.item()
    )
    # Domain types, imported lazily: io works while an area is still missing.
    conv.register_unstructure_hook_func(_is_quantity_type, _unstructure_quantity)
    conv.register_structure_hook_func(_is_quantity_type, _structure_quantity)
    conv.register_unstructure_hook_func(_is_named("sportsgov.money", "Money"), _money_text)
    conv.register_structure_hook_func(_is_named("sportsgov.money", "Money"), _structure_money)
    conv.register_unstructure_hook_func(_is_named("sportsgov.periods", "Period"), str)
    conv.register_structure_hook_func(_is_named("sportsgov.periods", "Period"), _structure_period)
    conv.register_unstructure_hook_func(_is_apportionment, _unstructure_apportionment)
    conv.register_structure_hook_func(_is_apportionment, _structure_apportionment)
    # Fields typed Any (e.g. attrs fields with a converter): give back the quantities
    # we wrote as {"magnitude", "unit"}; pass everything else through.
    conv.register_structure_hook_func(lambda t: t is Any, _structure_any)
    return conv


def _structure_any(data: Any, _: Any) -> Any:
    if isinstance(data, Mapping) and set(data) == {"magnitude", "unit"}:
        return _structure_quantity(data, None)
    return data


# ---------------------------------------------------------------------------- hooks


def _is_named(module: str, name: str) -> Callable[[Any], bool]:
    def predicate(t: Any) -> bool:
        return (
            isinstance(t, type) and getattr(t, "__module__", None) == module and t.__name__ == name
        )

    return predicate


def _is_array_type(t: Any) -> bool:
    return t is np.ndarray or get_origin(t) is np.ndarray


def _structure_bool(data: Any, _: Any) -> bool:
    if isinstance(data, bool):
        return data
    if isinstance(data, int) and data in (0, 1):
        return bool(data)
    raise InvalidInputError.bad("value", data, "expected true or false")


def _fraction_text(value: Fraction) -> str:
    return f"{value.numerator}/{value.denominator}" if value.denominator != 1 else str(value)


def _refuse_float(value: object, what: str, example: str) -> None:
    if isinstance(value, float):
        raise InvalidInputError.bad(
            "value",
            value,
            f"floats are refused for {what}; write a string such as {example!r}",
        )


def _structure_fraction(data: Any, _: Any) -> Fraction:
    _refuse_float(data, "exact fractions", "3/7")
    if isinstance(data, bool) or not isinstance(data, int | str):
        raise InvalidInputError.bad("value", data, "expected a fraction string such as '3/7'")
    try:
        return Fraction(data)
    except (ValueError, ZeroDivisionError):
        raise InvalidInputError.bad(
            "value", data, "expected a fraction string such as '3/7' or '0.25'"
        ) from None


def _structure_decimal(data: Any, _: Any) -> Decimal:
    _refuse_float(data, "decimals", "0.15")
    if isinstance(data, bool) or not isinstance(data, int | str):
        raise InvalidInputError.bad("value", data, "expected a decimal string such as '0.15'")
    try:
        value = Decimal(data)
    except InvalidOperation:
        raise InvalidInputError.bad(
            "value", data, "expected a decimal string such as '0.15'"
        ) from None
    if not value.is_finite():
        raise InvalidInputError.bad("value", data, "must be a finite decimal")
    return value


def _structure_date(data: Any, _: Any) -> _dt.date:
    return as_date(data, "value")


def _structure_array(data: Any, _: Any) -> np.ndarray[Any, Any]:
    if not isinstance(data, list):
        raise InvalidInputError.bad("value", data, "expected a list of numbers")
    try:
        return np.asarray(data)
    except ValueError:  # ragged
        raise InvalidInputError.bad("value", data, "expected a rectangular list") from None


def _is_quantity_type(t: Any) -> bool:
    if not isinstance(t, type):
        return False
    try:
        from pint.facets.plain import PlainQuantity
    except ImportError:  # pragma: no cover - pint is a dependency
        return False
    return issubclass(t, PlainQuantity)


def _plain_magnitude(m: Any) -> Any:
    if isinstance(m, np.ndarray):
        return m.tolist()
    if isinstance(m, np.generic):
        return m.item()
    if isinstance(m, Fraction):
        return _fraction_text(m)
    if isinstance(m, Decimal):
        return str(m)
    return m


def _unstructure_quantity(q: Any) -> dict[str, Any]:
    return {"magnitude": _plain_magnitude(q.magnitude), "unit": str(q.units)}


def _structure_quantity(data: Any, _: Any) -> Any:
    from sportsgov.units import Q_, as_quantity

    if isinstance(data, str):
        return as_quantity(data)
    if not isinstance(data, Mapping) or set(data) != {"magnitude", "unit"}:
        raise InvalidInputError.bad(
            "value",
            data,
            "expected {'magnitude': number, 'unit': str} or a string such as '2.65 m^2'",
        )
    magnitude, unit = data["magnitude"], data["unit"]
    if not isinstance(unit, str):
        raise InvalidInputError.bad("unit", unit, "expected a unit string such as 'm^2'")
    if isinstance(magnitude, list):
        magnitude = np.asarray(magnitude, dtype=np.float64)
    elif isinstance(magnitude, str):
        magnitude = Fraction(magnitude) if "/" in magnitude else Decimal(magnitude)
    elif isinstance(magnitude, bool) or not isinstance(magnitude, int | float):
        raise InvalidInputError.bad("magnitude", magnitude, "expected a number")
    if isinstance(magnitude, float) and magnitude != magnitude:  # NaN
        raise InvalidInputError.bad("magnitude", magnitude, "must be a number, not NaN")
    try:
        return Q_(magnitude, unit)
    except SportsgovError:
        raise
    except Exception:
        return as_quantity(magnitude, unit)  # Chinese unit names and multipliers


def _money_text(m: Any) -> str:
    fen = int(m.fen)
    sign = "-" if fen < 0 else ""
    whole, cents = divmod(abs(fen), 100)
    return f"{sign}{whole}.{cents:02d}"


def _structure_money(data: Any, t: Any) -> Any:
    if isinstance(data, str):
        return t.parse(data)
    if isinstance(data, Mapping) and set(data) == {"fen"}:
        fen = data["fen"]
        if isinstance(fen, bool) or not isinstance(fen, int):
            raise InvalidInputError.bad("fen", fen, "expected an integer number of fen")
        return t(fen)
    raise InvalidInputError.bad(
        "value",
        data,
        "write money as a yuan string such as '1234.50' or '7668.28万元', or as {fen = 123456}",
    )


def _structure_period(data: Any, t: Any) -> Any:
    if not isinstance(data, str):
        raise InvalidInputError.bad("value", data, "expected a period string such as '2024-Q2'")
    return t.parse(data)


def _is_apportionment(t: Any) -> bool:
    return _is_named("sportsgov.apportionment", "Apportionment")(t) or _is_named(
        "sportsgov.apportionment", "Apportionment"
    )(get_origin(t))


def _unstructure_apportionment(r: Any) -> dict[str, Any]:
    out: dict[str, Any] = {"method": r.method, "total": r.total}
    if isinstance(r.seats, dict):
        keys = list(r.seats)
        if all(isinstance(k, str) for k in keys):
            out["seats"] = dict(r.seats)
            out["quotas"] = {k: _fraction_text(q) for k, q in r.quotas.items()}
        else:
            out["keys"] = [_plain_magnitude(k) for k in keys]
            out["seats"] = list(r.seats.values())
            out["quotas"] = [_fraction_text(q) for q in r.quotas.values()]
    else:
        out["seats"] = list(r.seats)
        out["quotas"] = [_fraction_text(q) for q in r.quotas]
    out["tied"] = [_plain_magnitude(k) for k in r.tied]
    out["divisor"] = None if r.divisor is None else _fraction_text(r.divisor)
    out["notes"] = list(r.notes)
    return out


def _structure_apportionment(data: Any, _: Any) -> Any:
    from sportsgov.apportionment import Apportionment

    if not isinstance(data, Mapping):
        raise InvalidInputError.bad("value", data, "expected a table of apportionment fields")
    allowed = {"method", "total", "seats", "quotas", "tied", "divisor", "notes", "keys"}
    extra = sorted(set(data) - allowed)
    if extra:
        raise InvalidInputError.bad("value", extra, f"unknown field(s) {extra!r}")
    for name in ("method", "total", "seats", "quotas"):
        if name not in data:
            raise InvalidInputError.bad(name, None, "required field missing", shown="(missing)")
    seats_raw, quotas_raw = data["seats"], data["quotas"]
    total = data["total"]
    if isinstance(total, bool) or not isinstance(total, int):
        raise InvalidInputError.bad("total", total, "expected an integer")

    def count(v: Any) -> int:
        if isinstance(v, bool) or not isinstance(v, int) or v < 0:
            raise InvalidInputError.bad("seats", v, "expected non-negative integers")
        return v

    seats: Any
    quotas: Any
    if isinstance(seats_raw, Mapping):
        if not isinstance(quotas_raw, Mapping) or set(quotas_raw) != set(seats_raw):
            raise InvalidInputError.bad("quotas", quotas_raw, "must have the keys of seats")
        seats = {k: count(v) for k, v in seats_raw.items()}
        quotas = {k: _structure_fraction(quotas_raw[k], Fraction) for k in seats}
    else:
        if not isinstance(seats_raw, list) or not isinstance(quotas_raw, list):
            raise InvalidInputError.bad("seats", seats_raw, "expected a list or a table")
        if len(quotas_raw) != len(seats_raw):
            raise InvalidInputError.bad("quotas", quotas_raw, "must be as long as seats")
        seats = [count(v) for v in seats_raw]
        quotas = [_structure_fraction(q, Fraction) for q in quotas_raw]
        if "keys" in data:
            keys = [tuple(k) if isinstance(k, list) else k for k in data["keys"]]
            if len(keys) != len(seats):
                raise InvalidInputError.bad("keys", data["keys"], "must be as long as seats")
            seats = dict(zip(keys, seats, strict=True))
            quotas = dict(zip(keys, quotas, strict=True))
    total_seats = sum(seats.values()) if isinstance(seats, dict) else sum(seats)
    if total_seats != total:
        raise InvalidInputError.bad("seats", seats_raw, f"must sum to total={total}")
    method = data["method"]
    from sportsgov.apportionment import METHODS

    if method not in set(METHODS.values()):
        raise InvalidInputError.bad("method", method, "expected a canonical method name")
    divisor = data.get("divisor")
    tied = data.get("tied", [])
    notes = data.get("notes", [])
    if not isinstance(tied, list) or not isinstance(notes, list):
        raise InvalidInputError.bad("tied", tied, "expected lists for tied and notes")
    return Apportionment(
        seats=seats,
        quotas=quotas,
        method=method,
        total=total,
        tied=tuple(tuple(k) if isinstance(k, list) else k for k in tied),
        divisor=None if divisor is None else _structure_fraction(divisor, Fraction),
        notes=tuple(str(n) for n in notes),
    )


converter: cattrs.Converter = _make_converter()
"""sportsgov's :class:`cattrs.Converter` (extra keys forbidden; hooks above).

Register hooks for your own types on it, or use the ``to_data``/``from_data``
protocol described in the module docstring.

Examples
--------
>>> from fractions import Fraction
>>> from sportsgov.io import converter
>>> converter.unstructure({"share": Fraction(1, 3)})
{'share': '1/3'}
"""


# ---------------------------------------------------------------------------- errors


def _walk(exc: BaseException, path: str) -> Iterator[tuple[str, BaseException]]:
    if isinstance(exc, ClassValidationError | IterableValidationError):
        with_notes, without = exc.group_exceptions()
        for inner, note in with_notes:
            sub = path
            if isinstance(note, AttributeValidationNote):
                sub = f"{path}.{note.name}" if path else str(note.name)
            elif isinstance(note, IterableValidationNote):
                index = note.index
                if isinstance(index, str):
                    sub = f"{path}.{index}" if path else index
                else:
                    sub = f"{path}[{index!r}]"
            yield from _walk(inner, sub)
        for inner in without:
            # raised while building the object (validators): name its field
            arg = (
                getattr(inner, "argument", None) if isinstance(inner, InvalidInputError) else None
            )
            sub = (f"{path}.{arg}" if path else str(arg)) if isinstance(arg, str) else path
            yield from _walk(inner, sub)
    elif isinstance(exc, BaseExceptionGroup):
        for member in exc.exceptions:
            yield from _walk(member, path)
    else:
        yield path, exc


def _describe(exc: BaseException) -> str:
    if isinstance(exc, ForbiddenExtraKeysError):
        return f"unknown field(s) {sorted(exc.extra_fields)!r}"
    if isinstance(exc, KeyError):
        return "required field missing"
    if isinstance(exc, InvalidInputError):
        return exc.message
    if isinstance(exc, SportsgovError):
        return str(exc)
    text = str(exc) or type(exc).__name__
    return f"{type(exc).__name__}: {text}" if not isinstance(exc, ValueError) else text


def _data_error(exc: BaseException, source: str | None) -> DataError:
    problems = list(_walk(exc, ""))
    if not problems:  # pragma: no cover - defensive
        problems = [("", exc)]
    field = problems[0][0] or None
    if isinstance(problems[0][1], ForbiddenExtraKeysError) and not field:
        field = None
    parts = [
        (f"{p}: " if p and i else "") + _describe(e) for i, (p, e) in enumerate(problems[:10])
    ]
    if len(problems) > 10:
        parts.append(f"... ({len(problems)} problems)")
    return DataError("; ".join(parts), source=source, field=field)


# ---------------------------------------------------------------------------- public


def unstructure(obj: Any) -> Any:
    """Plain data (dicts, lists, strings, numbers, None) for ``obj``.

    Parameters
    ----------
    obj : Any
        A sportsgov model, or containers of them, or plain values.

    Returns
    -------
    Any
        JSON-ready data: Money as yuan strings, quantities as magnitude + unit,
        dates as ISO strings, fractions as ``"p/q"``.

    Examples
    --------
    >>> from sportsgov.units import Q_
    >>> unstructure({"area": Q_(2.65, "m^2/person")})
    {'area': {'magnitude': 2.65, 'unit': 'meter ** 2 / person'}}
    """
    return converter.unstructure(obj)


def structure(data: Any, cls: type[T] | Any, *, source: str | None = None) -> T:
    """Build a ``cls`` from plain data, validating it.

    Parameters
    ----------
    data : Any
        Plain data as produced by :func:`unstructure` or read from a file.
    cls : type
        The target type (a model class, ``list[Model]``, ``dict[str, Money]`` ...).
    source : str, optional
        Where the data came from, for error messages.

    Returns
    -------
    cls
        The structured object.

    Raises
    ------
    DataError
        The data does not fit ``cls``; the message names the source and the
        field path at fault.

    Examples
    --------
    >>> from sportsgov.money import Money
    >>> structure({"a": "12.50", "b": "3万元"}, dict[str, Money])
    {'a': Money('12.50'), 'b': Money('30000.00')}
    >>> structure({"a": 12.5}, dict[str, Money], source="budget.json")
    Traceback (most recent call last):
    ...
    sportsgov.errors.DataError: budget.json, field a: value=12.5: write money as a yuan string ...
    """
    return cast(T, structure_with(converter, data, cls, source))


def structure_with(conv: cattrs.Converter, data: Any, cls: Any, source: str | None) -> Any:
    try:
        return conv.structure(data, cls)
    except DataError:
        raise
    except (ClassValidationError, IterableValidationError) as exc:
        raise _data_error(exc, source) from None
    except ForbiddenExtraKeysError as exc:
        raise DataError(_describe(exc), source=source) from exc
    except SportsgovError as exc:
        field = getattr(exc, "argument", None)
        message = exc.message if isinstance(exc, InvalidInputError) else str(exc)
        raise DataError(message, source=source, field=field) from exc
    except (ValueError, TypeError, KeyError, AttributeError) as exc:
        raise DataError(_describe(exc), source=source) from exc


def to_json(obj: Any, *, indent: int | None = None) -> str:
    """``obj`` as JSON text (UTF-8 characters kept, no NaN/Infinity).

    Parameters
    ----------
    obj : Any
        What to write.
    indent : int, optional
        Pretty-print with this indent.

    Returns
    -------
    str
        The JSON document.

    Raises
    ------
    InvalidInputError
        ``obj`` holds NaN or infinite floats, or values JSON cannot hold.

    Examples
    --------
    >>> from fractions import Fraction
    >>> from sportsgov.money import Money
    >>> print(to_json({"东区": Money.yuan(100), "share": Fraction(1, 3)}))
    {"东区": "100.00", "share": "1/3"}
    """
    data = unstructure(obj)
    try:
        return json.dumps(
            data, ensure_ascii=False, allow_nan=False, indent=indent, default=_json_default
        )
    except ValueError as exc:
        raise InvalidInputError.bad("obj", obj, f"cannot be written as JSON: {exc}") from exc


def _json_default(value: Any) -> Any:
    if isinstance(value, np.ndarray | np.generic | Fraction | Decimal):
        return _plain_magnitude(value)
    if isinstance(value, _dt.date):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON serializable")


def from_json(text: str | bytes, cls: type[T] | Any, *, source: str | None = None) -> T:
    """Parse JSON ``text`` and structure it as ``cls``.

    Parameters
    ----------
    text : str or bytes
        A JSON document.
    cls : type
        Target type.
    source : str, optional
        Name of the source for error messages (default ``"<json>"``).

    Returns
    -------
    cls
        The structured object.

    Raises
    ------
    DataError
        Malformed JSON (with its line) or data that does not fit ``cls``.

    Examples
    --------
    >>> from fractions import Fraction
    >>> from_json('["1/3", "2"]', list[Fraction])
    [Fraction(1, 3), Fraction(2, 1)]
    >>> from_json('{"a": }', dict, source="x.json")
    Traceback (most recent call last):
    ...
    sportsgov.errors.DataError: x.json, line 1: invalid JSON: Expecting value (column 7)
    """
    name = source or "<json>"
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise DataError(
            f"invalid JSON: {exc.msg} (column {exc.colno})", source=name, line=exc.lineno
        ) from exc
    except RecursionError:
        raise DataError("invalid JSON: arrays or objects nested too deeply", source=name) from None
    return cast(T, structure(data, cls, source=name))


def _toml_ready(data: Any, path: str) -> Any:
    """TOML has no null: drop None values from tables; refuse them in arrays."""
    if isinstance(data, dict):
        return {
            str(k): _toml_ready(v, f"{path}.{k}" if path else str(k))
            for k, v in data.items()
            if v is not None
        }
    if isinstance(data, list | tuple):
        if any(v is None for v in data):
            raise InvalidInputError.bad(
                path or "obj", list(data), "TOML cannot hold None inside an array"
            )
        return [_toml_ready(v, f"{path}[{i}]") for i, v in enumerate(data)]
    return _json_default(data) if isinstance(data, np.generic | np.ndarray) else data


def to_toml(obj: Any) -> str:
    """``obj`` as a TOML document.

    TOML has no null, so fields that are ``None`` are left out (loading gives
    them their defaults). A value that is not a table is written under the key
    ``value`` (and :func:`from_toml` unwraps it).

    Parameters
    ----------
    obj : Any
        What to write.

    Returns
    -------
    str
        The TOML document.

    Examples
    --------
    >>> from sportsgov.money import Money
    >>> print(to_toml({"budget": Money.parse("7668.28万元"), "note": None}), end="")
    budget = "76682800.00"
    """
    data = unstructure(obj)
    if not isinstance(data, dict):
        data = {"value": data}
    return tomli_w.dumps(_toml_ready(data, ""))


def from_toml(text: str, cls: type[T] | Any, *, source: str | None = None) -> T:
    """Parse TOML ``text`` and structure it as ``cls``.

    Parameters
    ----------
    text : str
        A TOML document.
    cls : type
        Target type. A document with the single key ``value`` holding a
        non-table is unwrapped (see :func:`to_toml`).
    source : str, optional
        Name of the source for error messages (default ``"<toml>"``).

    Returns
    -------
    cls
        The structured object.

    Raises
    ------
    DataError
        Malformed TOML (with its line) or data that does not fit ``cls``.

    Examples
    --------
    >>> from sportsgov.periods import Period
    >>> from_toml('value = ["2024-Q1", "2024-07"]', list[Period])
    [Period('2024-Q1'), Period('2024-07')]
    """
    name = source or "<toml>"
    try:
        data: Any = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise DataError(f"invalid TOML: {exc}", source=name) from exc
    except RecursionError:
        raise DataError("invalid TOML: arrays or tables nested too deeply", source=name) from None
    if set(data) == {"value"} and not isinstance(data["value"], dict):
        data = data["value"]
    return cast(T, structure_with(toml_converter(), data, cls, name))


def allows_none(t: Any) -> bool:
    return t is None or t is type(None) or t is Any or type(None) in get_args(t)


def _has_own_hook(t: Any) -> bool:
    return (
        callable(getattr(t, "from_data", None))
        or _is_apportionment(t)
        or _is_named("sportsgov.money", "Money")(t)
        or _is_named("sportsgov.periods", "Period")(t)
    )


@functools.cache
def toml_converter() -> cattrs.Converter:
    """:data:`converter` plus: a missing field that may be None is None.

    TOML has no null, so :func:`to_toml` leaves such fields out; reading them
    back must not call them missing. (A copy taken at first use.)
    """
    conv = converter.copy()

    def factory(cls: Any) -> Any:
        base = make_dict_structure_fn(cls, conv)
        attrs.resolve_types(cls)
        fill = [
            a.alias
            for a in attrs.fields(cls)
            if a.init and a.default is attrs.NOTHING and allows_none(a.type)
        ]
        if not fill:
            return base

        def hook(data: Any, t: Any) -> Any:
            if isinstance(data, Mapping):
                missing = [name for name in fill if name not in data]
                if missing:
                    data = {**data, **dict.fromkeys(missing)}
            return base(data, t)

        return hook

    conv.register_structure_hook_factory(lambda t: attrs.has(t) and not _has_own_hook(t), factory)
    return conv
