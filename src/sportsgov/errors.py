"""The sportsgov error tree.

Every error raised on purpose by sportsgov is a :class:`SportsgovError`. The
subclasses also derive from the builtin a caller would naturally catch
(``ValueError``, ``LookupError``), in the manner of pint's
``DimensionalityError(PintTypeError)``, so both ``except SportsgovError`` and
``except ValueError`` work.

Messages follow one style, borrowed from Hypothesis: ``name=value: what is
allowed``, for example ``radius=-5 m: must be > 0 m``. The parts are kept as
attributes (:attr:`InvalidInputError.argument`, :attr:`~InvalidInputError.value`,
:attr:`~InvalidInputError.allowed`) so services can build their own messages.

Examples
--------
>>> from sportsgov.errors import InvalidInputError
>>> err = InvalidInputError.bad("radius", -5, "must be > 0 m", shown="-5 m")
>>> str(err)
'radius=-5 m: must be > 0 m'
>>> isinstance(err, ValueError)
True
>>> err.argument, err.value
('radius', -5)
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

__all__ = [
    "BudgetExceededError",
    "DataError",
    "DatumError",
    "InfeasibleError",
    "InvalidInputError",
    "NotFoundError",
    "SportsgovError",
    "TieError",
    "UnitError",
    "format_value",
]

_MISSING: Any = object()


def format_value(value: object, *, limit: int = 60) -> str:
    """Render a received value for an error message, compactly.

    Strings are quoted, quantities shown as ``magnitude unit``, long sequences
    and arrays are shortened so a message never floods a log.

    Examples
    --------
    >>> format_value("dhont")
    "'dhont'"
    >>> format_value(2.5)
    '2.5'
    >>> format_value(list(range(100)))
    '[0, 1, 2, 3, 4, ... (100 items)]'
    """
    if isinstance(value, str):
        text = repr(value[: limit + 2]) if len(value) > limit else repr(value)
    elif isinstance(value, int) and value.bit_length() > 4 * limit:
        # huge ints: str() is quadratic and refused past 4300 digits
        text = f"<int of about {int(value.bit_length() * 0.30103) + 1} digits>"
    elif hasattr(value, "magnitude") and hasattr(value, "units"):
        text = f"{value.magnitude} {value.units:~}" if str(value.units) else f"{value.magnitude}"
    elif hasattr(value, "shape") and hasattr(value, "dtype") and getattr(value, "size", 0) > 5:
        flat = list(value.ravel()[:5].tolist())  # type: ignore[attr-defined]
        text = f"array({flat[:5]!r}... shape={value.shape}, dtype={value.dtype})"
    elif (
        isinstance(value, Sequence) and not isinstance(value, bytes | bytearray) and len(value) > 5
    ):
        head = ", ".join(repr(v) for v in list(value)[:5])
        text = f"[{head}, ... ({len(value)} items)]"
    else:
        try:
            text = str(value) if isinstance(value, int | float) else repr(value)
        except ValueError:  # e.g. a Decimal or Fraction with more than 4300 digits
            text = f"<{type(value).__name__} too long to show>"
    if len(text) > limit:
        text = text[: limit - 3] + "..."
    return text


class SportsgovError(Exception):
    """Root of every error sportsgov raises on purpose."""


class InvalidInputError(SportsgovError, ValueError):
    """An argument has a value that is not allowed.

    Parameters
    ----------
    message
        The full message. Prefer :meth:`bad`, which composes the standard
        ``name=value: what is allowed`` form.
    argument
        Name of the offending argument or field, if known.
    value
        The value received.
    allowed
        What would have been accepted, in words.
    """

    def __init__(
        self,
        message: str,
        *,
        argument: str | None = None,
        value: object = _MISSING,
        allowed: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.argument = argument
        self.value = None if value is _MISSING else value
        self.allowed = allowed

    @classmethod
    def bad(
        cls,
        argument: str,
        value: object,
        allowed: str,
        *,
        shown: str | None = None,
        **extra: Any,
    ) -> InvalidInputError:
        """Build the standard message ``argument=value: allowed``.

        ``shown`` overrides how the value is rendered (e.g. ``"-5 m"``).
        """
        text = shown if shown is not None else format_value(value)
        return cls(
            f"{argument}={text}: {allowed}",
            argument=argument,
            value=value,
            allowed=allowed,
            **extra,
        )

    def __reduce__(self) -> tuple[Any, ...]:
        # Errors cross process boundaries (multiprocessing, Dask): keep the parts.
        return (_rebuild, (type(self), self.message, dict(self.__dict__)))


def _rebuild(cls: type[SportsgovError], message: str, state: dict[str, Any]) -> SportsgovError:
    err = cls.__new__(cls)
    Exception.__init__(err, message)
    err.__dict__.update(state)
    return err


class UnitError(SportsgovError, ValueError):
    """A quantity has the wrong dimension or an unknown unit.

    Example message: ``area=120 m: expected an area (e.g. m², 亩, ha), got a length``.
    """

    def __init__(self, message: str, *, argument: str | None = None, value: object = None) -> None:
        super().__init__(message)
        self.message = message
        self.argument = argument
        self.value = value


class DatumError(InvalidInputError):
    """Coordinates are in an unknown datum, or layers in different datums are mixed."""


class NotFoundError(InvalidInputError, LookupError):
    """A code, name or id is not known (a region, a facility kind, a target, a plan...)."""


class DataError(InvalidInputError):
    """A data file or record is invalid; says where.

    Parameters
    ----------
    message
        What is wrong, in the ``field=value: allowed`` style.
    source
        File name or other description of the data source.
    row
        1-based data row number (header excluded), if known.
    line
        1-based physical line number in the file, if known.
    field
        Column or key at fault, if known.

    Examples
    --------
    >>> str(DataError("area=-3: must be >= 0", source="venues.csv", row=12, field="area"))
    'venues.csv, row 12, field area: area=-3: must be >= 0'
    """

    def __init__(
        self,
        message: str,
        *,
        source: str | None = None,
        row: int | None = None,
        line: int | None = None,
        field: str | None = None,
        argument: str | None = None,
        value: object = _MISSING,
        allowed: str | None = None,
    ) -> None:
        where = []
        if source is not None:
            where.append(str(source))
        if row is not None:
            where.append(f"row {row}")
        if line is not None:
            where.append(f"line {line}")
        if field is not None:
            where.append(f"field {field}")
        full = f"{', '.join(where)}: {message}" if where else message
        super().__init__(
            full,
            argument=argument if argument is not None else field,
            value=value,
            allowed=allowed,
        )
        self.detail = message
        self.source = source
        self.row = row
        self.line = line
        self.field = field


class InfeasibleError(SportsgovError, ValueError):
    """The constraints cannot all be met (floors above the total, unreachable targets...)."""


class TieError(SportsgovError, ValueError):
    """A tie decides the result and no tie policy was given.

    ``tied`` lists the units (keys or indices) that are tied.
    """

    def __init__(self, message: str, *, tied: Sequence[object] = ()) -> None:
        super().__init__(message)
        self.message = message
        self.tied = tuple(tied)


class BudgetExceededError(SportsgovError):
    """Paying would take a ledger or budget beyond what it holds."""
