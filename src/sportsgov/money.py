"""Money exact to the fen (分): parse, compute, format and split amounts of CNY.

:class:`Money` holds one integer, the amount in **fen** (1 元 = 100 分), so sums
never drift and equal amounts compare equal. ``Money(123)`` is 1.23 元; build
amounts in yuan with :meth:`Money.yuan` or parse text with :meth:`Money.parse`.

Rules (see ``docs/explanation/rounding.md``):

- ``+``/``-`` only between :class:`Money` values (``0 + m`` is allowed so that
  ``sum()`` works); comparisons only between :class:`Money` values: a bare
  number could be fen or yuan, so ``Money.yuan(1) == Decimal("1.00")`` is
  ``False`` (unlike types are unequal, as everywhere in Python) and
  ``Money.yuan(1) < Decimal("2")`` raises
  :class:`~sportsgov.errors.InvalidInputError` ("compare Money < Money ... use
  Money.yuan(x)"), which is also a ``TypeError`` as Python's own refusal is.
- Bounds: a number read from text or a :class:`~decimal.Decimal` (in
  :meth:`Money.parse`, :meth:`Money.yuan`, ``*`` and ``/``) has at most 1000
  digits and a decimal exponent within ±1000; beyond that it is refused at once
  (``Money.yuan(1) * Decimal("1E+100000000")`` would otherwise build a
  100-million-digit integer).
- ``m * k`` and ``m / k`` take ``int``, :class:`~decimal.Decimal` or
  :class:`~fractions.Fraction` and round **half up** (四舍五入, half away from
  zero, like ``decimal.ROUND_HALF_UP``) to the fen. Python's ``round()`` rounds
  half to even and is never used.
- Floats are refused everywhere: ``0.1 + 0.2 != 0.3``. Write ``Decimal("0.15")``.
- ``m1 / m2`` is an exact :class:`~fractions.Fraction`.
- :func:`allocate` splits an amount by weights exactly (largest remainder in
  fen, ties by input order): the parts always add up to the total.

Size: one topic (an amount and its exact split, :class:`Allocation`); about half of
the lines are numpy-style docstrings with runnable examples.

Examples
--------
>>> from decimal import Decimal
>>> from sportsgov.money import Money, allocate
>>> fund = Money.parse("7668.28万元")
>>> fund
Money('76682800.00')
>>> format(fund, "万元"), format(fund, ",元")
('7668.28万元', '76,682,800.00元')
>>> fund * Decimal("0.15")
Money('11502420.00')
>>> allocate(fund, [3, 3, 1])
[Money('32864057.14'), Money('32864057.14'), Money('10954685.72')]
"""

from __future__ import annotations

import math
import numbers
import re
from collections.abc import Hashable, Iterable, Mapping, Sequence
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from typing import Any, Literal, TypeAlias, TypeVar, overload

import attrs

from sportsgov._exact import MAX_DIGITS, MAX_EXPONENT, Reason, decimal_in_range, to_fraction
from sportsgov.errors import InvalidInputError, TieError, format_value

__all__ = [
    "Allocation",
    "AllocationRow",
    "Money",
    "Rounding",
    "allocate",
    "allocate_detailed",
]

Rounding: TypeAlias = Literal["half_up", "half_even", "down", "up", "floor", "ceiling"]
"""Rounding modes accepted where an amount must be brought to whole fen.

``"half_up"`` is 四舍五入 (half away from zero, ``decimal.ROUND_HALF_UP``);
``"half_even"`` is banker's rounding (Python's ``round``); ``"down"`` truncates
toward zero, ``"up"`` away from zero; ``"floor"``/``"ceiling"`` toward -∞/+∞.
"""

_ROUNDINGS = ("half_up", "half_even", "down", "up", "floor", "ceiling")
_UNITS = {"元": 0, "万元": 4, "亿元": 8}
K = TypeVar("K", bound=Hashable)


def _round(value: Fraction, rounding: str) -> int:
    """Round an exact fraction to an integer by the named rule."""
    n, d = value.numerator, value.denominator  # d > 0
    if d == 1:
        return n
    q, r = divmod(abs(n), d)  # |value| = q + r/d, 0 < r < d
    negative = n < 0
    if rounding == "half_up":
        up = 2 * r >= d
    elif rounding == "half_even":
        up = 2 * r > d or (2 * r == d and q % 2 == 1)
    elif rounding == "down":
        up = False
    elif rounding == "up":
        up = True
    elif rounding == "floor":
        up = negative
    else:  # ceiling
        up = not negative
    q += up
    return -q if negative else q


def _check_rounding(rounding: object) -> None:
    if rounding is not None and rounding not in _ROUNDINGS:
        allowed = ", ".join(repr(r) for r in _ROUNDINGS)
        raise InvalidInputError.bad("rounding", rounding, f"expected None or one of {allowed}")


def _to_fen(value: object) -> int:
    """attrs converter for ``Money.fen``: ints (and numpy ints) only."""
    if type(value) is int:
        if value.bit_length() > _MAX_BITS:
            raise _out_of_range("fen", value)
        return value
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        if isinstance(value, str):
            allowed = (
                f"Money() takes an int number of fen (分); for yuan use "
                f"Money.yuan({value!r}) or Money.parse({value!r})"
            )
        elif isinstance(value, float):
            allowed = "Money() takes an int number of fen (分); floats are refused for money"
        else:
            allowed = "Money() takes an int number of fen (分); use Money.yuan() for yuan"
        raise InvalidInputError.bad("fen", value, allowed)
    return _to_fen(int(value))


_MAX_BITS = 3322  # 10**1000 < 2**3322: ints of at most MAX_DIGITS digits


def _refuse_float(argument: str, value: float) -> InvalidInputError:
    return InvalidInputError.bad(
        argument,
        value,
        f"floats are refused for money (0.1 + 0.2 != 0.3); "
        f"use Decimal('{value!r}'), Fraction or an int",
    )


def _out_of_range(argument: str, value: object) -> InvalidInputError:
    return InvalidInputError.bad(
        argument,
        value,
        f"must have at most {MAX_DIGITS} digits and a magnitude within "
        f"1E-{MAX_EXPONENT} .. 1E+{MAX_EXPONENT}",
    )


def _exact(value: object, argument: str) -> Fraction:
    """int / Decimal / Fraction -> Fraction; floats and the rest refused."""
    if isinstance(value, bool):
        raise InvalidInputError.bad(argument, value, "expected int, Decimal or Fraction, not bool")
    if isinstance(value, int | Fraction):
        return Fraction(value)
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise InvalidInputError.bad(argument, value, "must be finite", shown=str(value))
        if not decimal_in_range(value):
            raise _out_of_range(argument, value)
        return Fraction(value)
    if isinstance(value, float):
        raise _refuse_float(argument, value)
    if isinstance(value, numbers.Integral):
        return Fraction(int(value))
    raise InvalidInputError.bad(argument, value, "expected int, Decimal or Fraction")


# ------------------------------------------------------------------------ parsing

_FULLWIDTH = str.maketrans("０１２３４５６７８９．，－＋　￥", "0123456789.,-+ ¥")
_PARSE_RE = re.compile(
    r"""^\s*
    (?P<sign1>[+\-−]?)\s*
    (?P<cur>¥|RMB|CNY|人民币)?\s*
    (?P<sign2>[+\-−]?)\s*
    (?P<number>(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d*)?|\.\d+)\s*
    (?P<mult>[万萬亿億千百]?)\s*
    (?P<unit>元|圆|块|分|CNY|RMB)?\s*$""",
    re.VERBOSE,
)
_SPEC_RE = re.compile(
    r"(?:(?P<fill>.)?(?P<align>[<>^]))?(?P<width>\d+)?"
    r"(?P<sym>¥)?(?P<group>,)?(?:\.(?P<places>\d+))?(?P<unit>元|万元|亿元)?"
)
_MULT = {"": 0, "百": 2, "千": 3, "万": 4, "萬": 4, "亿": 8, "億": 8}


# Rates a ledger applies again and again (a 35 % subsidy to 100,000 claims): their
# range check and exact ratio once each. An entry holds the Decimal it was checked
# for and serves only that Decimal or one written the same: the range check counts
# digits, so Decimal("1") must not vouch for an equal 1.000...0 of 1,005 digits (the
# outcome would depend on what was multiplied before). Bounded, cleared when full.
_DECIMAL_RATIOS: dict[Decimal, tuple[Decimal, int, int]] = {}
_DECIMAL_RATIOS_MAX = 256


def _new(fen: int) -> Money:
    """Fast internal constructor (``fen`` is known to be an int)."""
    money = _object_new(Money)
    _set_fen(money, fen)
    return money


@attrs.frozen(eq=False, order=False, repr=False)
class Money:
    """An amount of CNY held exactly as an integer number of fen (分).

    ``Money(fen)`` takes **fen**: ``Money(123)`` is 1.23 元. Use :meth:`yuan`,
    :meth:`parse` or :meth:`from_fen` to say which you mean. Instances are
    immutable, hashable and ordered; ``repr`` shows the yuan amount
    (``Money('76682800.00')``), ``str`` the yuan with two decimals.

    Attributes
    ----------
    fen : int [分]
        The amount in fen, the constructor's one argument. Strings, floats and
        bools are refused.

    Examples
    --------
    >>> Money(123)
    Money('1.23')
    >>> Money.yuan("12.50") + Money(50)
    Money('13.00')
    >>> sum([Money.yuan(1), Money.yuan(2)])
    Money('3.00')
    >>> Money.yuan(10) / 3
    Money('3.33')
    >>> Money.yuan(-1) / 8   # -0.125 rounds half away from zero
    Money('-0.13')
    >>> Money.yuan(1) * 0.15
    Traceback (most recent call last):
    ...
    sportsgov.errors.InvalidInputError: factor=0.15: floats are refused ... Decimal('0.15'), ...
    """

    fen: int = attrs.field(converter=_to_fen)

    # ----------------------------------------------------------- constructors
    @classmethod
    def from_fen(cls, fen: int) -> Money:
        """The amount of ``fen`` fen (the same as ``Money(fen)``, but says so).

        Examples
        --------
        >>> Money.from_fen(76682800_00)
        Money('76682800.00')
        """
        return cls(fen)

    @classmethod
    def zero(cls) -> Money:
        """Zero yuan.

        Examples
        --------
        >>> Money.zero()
        Money('0.00')
        """
        return _new(0)

    @classmethod
    def yuan(
        cls,
        amount: int | Decimal | Fraction | str,
        *,
        rounding: Rounding | None = None,
    ) -> Money:
        """The amount of ``amount`` yuan (元), exactly.

        Parameters
        ----------
        amount : int, Decimal, Fraction or str [元]
            A string is a plain decimal number (``"12.50"``, ``"-3.2"``); use
            :meth:`parse` for text with units, separators or 万/亿.
        rounding
            ``None`` (default) refuses amounts with fractions of a fen; otherwise
            a :data:`Rounding` mode brings them to whole fen.

        Raises
        ------
        InvalidInputError
            A float (use ``Decimal("0.15")``), a bool, a non-number, NaN, or
            fractions of a fen without ``rounding``.

        Examples
        --------
        >>> Money.yuan(12)
        Money('12.00')
        >>> Money.yuan("0.125", rounding="half_up")
        Money('0.13')
        >>> Money.yuan(Fraction(1, 3), rounding="half_up")
        Money('0.33')
        >>> Money.yuan("0.125")
        Traceback (most recent call last):
        ...
        sportsgov.errors.InvalidInputError: amount='0.125': is not a whole number of fen (分); ...
        """
        _check_rounding(rounding)
        if isinstance(amount, str):
            text = amount.strip().translate(_FULLWIDTH)
            try:
                number = Decimal(text)
                if number.is_finite() and not decimal_in_range(number):
                    raise _out_of_range("amount", amount)
                value = Fraction(number)
            except InvalidInputError:
                raise
            except (InvalidOperation, ValueError, OverflowError):
                raise InvalidInputError.bad(
                    "amount",
                    amount,
                    "expected a decimal number of yuan such as '12.50' "
                    "(Money.parse reads '7668.28万元', '¥1,234.50')",
                ) from None
        else:
            value = _exact(amount, "amount")
        return _new(_fen_of(value * 100, amount, rounding, "amount"))

    @classmethod
    def parse(cls, text: str, *, rounding: Rounding | None = None) -> Money:
        """Read an amount written the way Chinese documents write it.

        Accepts an optional sign, an optional currency mark (``¥``, ``￥``,
        ``RMB``, ``CNY``, ``人民币``), a number with optional ``,`` thousands
        separators (full-width digits too), an optional multiplier
        (百, 千, 万/萬, 亿/億) and an optional unit (元, 圆, 块, or 分 for fen).
        Without a unit the number is in yuan.

        Parameters
        ----------
        text
            The amount, e.g. ``"7668.28万元"``, ``"61.56亿元"``, ``"¥1,234.50"``.
        rounding
            As in :meth:`yuan`: by default fractions of a fen are refused.

        Raises
        ------
        InvalidInputError
            Text that is not an amount, or fractions of a fen without ``rounding``.

        Examples
        --------
        >>> Money.parse("7668.28万元")
        Money('76682800.00')
        >>> Money.parse("61.56亿元")
        Money('6156000000.00')
        >>> Money.parse("¥1,234.50"), Money.parse("-3.20元"), Money.parse("12.5")
        (Money('1234.50'), Money('-3.20'), Money('12.50'))
        >>> Money.parse("7668.28萬元")  # traditional characters, as in 張家口新聞傳媒集團 reports
        Money('76682800.00')
        >>> Money.parse("12,34元")
        Traceback (most recent call last):
        ...
        sportsgov.errors.InvalidInputError: text='12,34元': expected an amount such as ...
        """
        _check_rounding(rounding)
        if not isinstance(text, str):
            raise InvalidInputError.bad(
                "text", text, "expected a string (use Money.yuan for numbers)"
            )
        match = _PARSE_RE.match(text if text.isascii() else text.translate(_FULLWIDTH))
        if match is None or (match["sign1"] and match["sign2"]):
            raise InvalidInputError.bad(
                "text",
                text,
                "expected an amount such as '7668.28万元', '¥1,234.50', '-3.20元' or '12.5'",
            )
        whole, _, decimals = match["number"].replace(",", "").partition(".")
        if len(whole) + len(decimals) > MAX_DIGITS:
            raise _out_of_range("text", text)
        exponent = _MULT[match["mult"]] + (0 if match["unit"] == "分" else 2) - len(decimals)
        mantissa = int(whole + decimals) if whole or decimals else 0
        if (match["sign1"] or match["sign2"]) in {"-", "−"}:
            mantissa = -mantissa
        if exponent >= 0:
            return _new(mantissa * 10**exponent)
        return _new(_fen_of(Fraction(mantissa, 10**-exponent), text, rounding, "text"))

    # ----------------------------------------------------------- conversions
    def to_decimal(self, unit: Literal["元", "万元", "亿元"] = "元") -> Decimal:
        """The amount as an exact :class:`~decimal.Decimal` in ``unit``.

        Examples
        --------
        >>> m = Money.parse("7668.28万元")
        >>> m.to_decimal()
        Decimal('76682800.00')
        >>> m.to_decimal("万元")
        Decimal('7668.280000')
        """
        shift = _unit_shift(unit)
        return Decimal(self.fen).scaleb(-2 - shift)

    def to_fraction(self) -> Fraction:
        """The amount in yuan as an exact :class:`~fractions.Fraction`.

        Examples
        --------
        >>> Money(150).to_fraction()
        Fraction(3, 2)
        """
        return Fraction(self.fen, 100)

    def format(
        self,
        unit: Literal["元", "万元", "亿元"] | None = "元",
        *,
        places: int | None = None,
        grouping: bool = False,
        symbol: bool = False,
    ) -> str:
        """Render the amount for people.

        Parameters
        ----------
        unit
            ``"元"``, ``"万元"`` or ``"亿元"``, appended to the number; ``None``
            gives the number of yuan with no suffix.
        places
            Decimal places. Default: 2 for yuan; for 万元 and 亿元 as many as
            needed to be exact (at least 2). Fewer places round half up.
        grouping
            Thousands separators (``1,234,567.00``).
        symbol
            Prefix ``¥``.

        Notes
        -----
        ``format(m, spec)`` and f-strings take the same choices in a short
        spec ``[[fill]align][width][¥][,][.places][unit]``: ``f"{m:,元}"``,
        ``f"{m:.1亿元}"``, ``f"{m:¥,}"``, ``f"{m:>16,}"`` (width and alignment
        as for numbers: right-aligned by default). An empty spec is ``str(m)``.

        Examples
        --------
        >>> m = Money.parse("7668.28万元")
        >>> m.format("万元"), m.format("亿元"), m.format(grouping=True, symbol=True)
        ('7668.28万元', '0.766828亿元', '¥76,682,800.00元')
        >>> f"{m:.1亿元}", f"{m:,}", f"{Money.parse('-3.2元'):¥}"
        ('0.8亿元', '76,682,800.00', '-¥3.20')
        """
        shift = _unit_shift(unit or "元")
        if places is not None and (
            isinstance(places, bool) or not isinstance(places, int) or places < 0
        ):
            raise InvalidInputError.bad("places", places, "expected an int >= 0 or None")
        value = Fraction(abs(self.fen), 10 ** (2 + shift))
        if places is None:
            # exact: the fewest places (>= 2) that show every fen
            places = 2
            while (value * 10**places).denominator != 1:
                places += 1
        scaled = _round(value * 10**places, "half_up")
        whole, frac = divmod(scaled, 10**places)
        text = f"{whole:,}" if grouping else str(whole)
        if places:
            text += "." + str(frac).rjust(places, "0")
        if symbol:
            text = "¥" + text
        if self.fen < 0 and scaled:
            text = "-" + text
        return text + (unit or "")

    def __format__(self, spec: str) -> str:
        if not spec:
            return str(self)
        match = _SPEC_RE.fullmatch(spec)
        if match is None:
            raise InvalidInputError.bad(
                "format_spec",
                spec,
                "expected [[fill]align][width][¥][,][.places][元|万元|亿元], "
                "e.g. ',元', '.2万元', '¥,', '>16,'",
            )
        text = self.format(
            match["unit"],  # type: ignore[arg-type]
            places=int(match["places"]) if match["places"] else None,
            grouping=bool(match["group"]),
            symbol=bool(match["sym"]),
        )
        if match["width"]:
            align = match["align"] or ">"  # numbers align right by default
            text = format(text, f"{match['fill'] or ' '}{align}{match['width']}")
        return text

    def __str__(self) -> str:
        whole, frac = divmod(abs(self.fen), 100)
        return f"{'-' if self.fen < 0 else ''}{whole}.{frac:02d}"

    def __repr__(self) -> str:
        return f"Money('{self}')"

    # ----------------------------------------------------------- arithmetic
    def __add__(self, other: Money | int) -> Money:
        if type(other) is Money or isinstance(other, Money):
            money = _object_new(Money)
            _set_fen(money, self.fen + other.fen)
            return money
        if type(other) is int and other == 0:
            return self
        _refuse_number("+", other)
        return NotImplemented

    def __radd__(self, other: Money | int) -> Money:
        # 0 + money: so that sum() works.
        return self.__add__(other)

    def __sub__(self, other: Money | int) -> Money:
        if isinstance(other, Money):
            return _new(self.fen - other.fen)
        if type(other) is int and other == 0:
            return self
        _refuse_number("-", other)
        return NotImplemented

    def __rsub__(self, other: Money | int) -> Money:
        if type(other) is int and other == 0:
            return _new(-self.fen)
        _refuse_number("-", other)
        return NotImplemented

    def __neg__(self) -> Money:
        return _new(-self.fen)

    def __pos__(self) -> Money:
        return self

    def __abs__(self) -> Money:
        return self if self.fen >= 0 else _new(-self.fen)

    def __bool__(self) -> bool:
        return self.fen != 0

    def __mul__(self, factor: int | Decimal | Fraction) -> Money:
        if type(factor) is int:
            if factor.bit_length() > _MAX_BITS:
                raise _out_of_range("factor", factor)
            return _new(self.fen * factor)
        if isinstance(factor, Decimal) and factor.is_finite():
            known = _DECIMAL_RATIOS.get(factor)
            if known is None or (known[0] is not factor and str(known[0]) != str(factor)):
                if not decimal_in_range(factor):
                    raise _out_of_range("factor", factor)
                known = (factor, *factor.as_integer_ratio())
                if len(_DECIMAL_RATIOS) >= _DECIMAL_RATIOS_MAX:
                    _DECIMAL_RATIOS.clear()
                _DECIMAL_RATIOS[factor] = known
            _, n, d = known
        elif isinstance(factor, Fraction):
            n, d = factor.numerator, factor.denominator
        else:
            ratio = _exact(factor, "factor")
            n, d = ratio.numerator, ratio.denominator
        # round half up (away from zero) of fen * n / d, with d > 0
        q, r = divmod(abs(self.fen * n), d)
        if 2 * r >= d:
            q += 1
        return _new(q if self.fen * n >= 0 else -q)

    __rmul__ = __mul__

    @overload
    def __truediv__(self, other: Money) -> Fraction: ...
    @overload
    def __truediv__(self, other: int | Decimal | Fraction) -> Money: ...
    def __truediv__(self, other: Money | int | Decimal | Fraction) -> Money | Fraction:
        if isinstance(other, Money):
            if other.fen == 0:
                raise InvalidInputError.bad("divisor", other, "must not be zero")
            return Fraction(self.fen, other.fen)
        divisor = _exact(other, "divisor")
        if divisor == 0:
            raise InvalidInputError.bad("divisor", other, "must not be zero")
        return _new(_round(self.fen / divisor, "half_up"))

    # ----------------------------------------------------------- comparisons
    def __eq__(self, other: object) -> bool:
        if isinstance(other, Money):
            return self.fen == other.fen
        return NotImplemented

    def __ne__(self, other: object) -> bool:
        if isinstance(other, Money):
            return self.fen != other.fen
        return NotImplemented

    def __lt__(self, other: Money) -> bool:
        if isinstance(other, Money):
            return self.fen < other.fen
        raise _unordered("<", other)

    def __le__(self, other: Money) -> bool:
        if isinstance(other, Money):
            return self.fen <= other.fen
        raise _unordered("<=", other)

    def __gt__(self, other: Money) -> bool:
        if isinstance(other, Money):
            return self.fen > other.fen
        raise _unordered(">", other)

    def __ge__(self, other: Money) -> bool:
        if isinstance(other, Money):
            return self.fen >= other.fen
        raise _unordered(">=", other)

    def __hash__(self) -> int:
        return hash(self.fen)

    # ----------------------------------------------------------- splitting
    def allocate(self, weights: Any, *, ties: Literal["order", "error"] = "order") -> Any:
        """Split this amount by ``weights``; the same as ``allocate(self, weights)``.

        Examples
        --------
        >>> Money.yuan(100).allocate([1, 1, 1])
        [Money('33.34'), Money('33.33'), Money('33.33')]
        """
        return allocate(self, weights, ties=ties)


_object_new = object.__new__
_set_fen = Money.__dict__["fen"].__set__  # slot descriptor: bypasses the frozen __setattr__


def _unit_shift(unit: object) -> int:
    shift = _UNITS.get(unit) if isinstance(unit, str) else None
    if shift is None:
        raise InvalidInputError.bad("unit", unit, "expected one of '元', '万元', '亿元'")
    return shift


def _fen_of(fen: Fraction, shown: object, rounding: str | None, argument: str) -> int:
    if fen.denominator == 1:
        return fen.numerator
    if rounding is None:
        raise InvalidInputError.bad(
            argument,
            shown,
            "is not a whole number of fen (分); pass rounding='half_up' (四舍五入) "
            "or another rounding mode",
        )
    return _round(fen, rounding)


class _UnorderedError(InvalidInputError, TypeError):
    """Money ordered against a non-Money: an InvalidInputError that is also the
    TypeError Python would have raised (so ``except TypeError`` keeps working)."""


def _unordered(op: str, other: object) -> InvalidInputError:
    """Money is ordered only against Money: a bare number could be fen or yuan."""
    return _UnorderedError.bad(
        "other",
        other,
        f"compare Money {op} Money; a bare {type(other).__name__} could be fen or yuan: "
        "use Money.yuan(x) or Money(fen)",
    )


def _refuse_number(op: str, other: object) -> None:
    """Raise a helpful error for a bare number or any other non-Money (numpy arrays,
    which broadcast on their own, fall through to NotImplemented)."""
    if isinstance(other, float):
        raise _refuse_float("other", other)
    verb = "add" if op == "+" else "subtract"
    if isinstance(other, numbers.Number | Decimal):
        raise InvalidInputError.bad(
            "other",
            other,
            f"cannot {verb} a bare number {op} Money; use Money.yuan(...) or Money(fen)",
        )
    if not hasattr(other, "__array_ufunc__"):
        raise _UnorderedError.bad(
            "other",
            other,
            f"cannot {verb} a {type(other).__name__} {op} Money; "
            "use Money.parse(...), Money.yuan(...) or Money(fen)",
        )


# ------------------------------------------------------------------------ allocation


@attrs.frozen(repr=False)
class Allocation:
    """The result of :func:`allocate_detailed`: the parts and how they were found.

    Attributes
    ----------
    total : Money
        The amount split.
    parts : list[Money] or dict[key, Money]
        One part per weight, in input order (a dict for a mapping of weights).
        ``sum(parts) == total`` always.
    quotas : list[Fraction] or dict[key, Fraction] [分]
        The exact shares in fen (``total.fen * weight / sum(weights)``).
    remainder_to : tuple
        Keys (indices for a sequence) that received one fen more than the whole
        part of their quota, largest remainder first (for a negative total: one
        fen more *owed*).
    tied : tuple
        Keys whose equal remainders competed for the last extra fen, so that the
        tie rule decided who got it (empty if no tie mattered).
    ties : str
        The tie rule used (``"order"``: earlier in the input wins).

    Examples
    --------
    >>> a = allocate_detailed(Money(10), {"A": 1, "B": 1, "C": 1})
    >>> a.parts
    {'A': Money('0.04'), 'B': Money('0.03'), 'C': Money('0.03')}
    >>> a.remainder_to, a.tied
    (('A',), ('A', 'B', 'C'))
    """

    total: Money
    parts: list[Money] | dict[Any, Money]
    quotas: list[Fraction] | dict[Any, Fraction]
    remainder_to: tuple[Any, ...]
    tied: tuple[Any, ...]
    ties: str = "order"

    def as_list(self) -> list[Money]:
        """The parts in input order, as a list (whatever the input was).

        Examples
        --------
        >>> allocate_detailed(Money(10), {"A": 1, "B": 2}).as_list()
        [Money('0.03'), Money('0.07')]
        """
        return list(self.parts.values()) if isinstance(self.parts, dict) else list(self.parts)

    def as_dict(self) -> dict[Any, Money]:
        """The parts keyed by the input keys (indices ``0..n-1`` for a sequence).

        Examples
        --------
        >>> allocate_detailed(Money(10), [1, 2]).as_dict()
        {0: Money('0.03'), 1: Money('0.07')}
        """
        return dict(self.parts) if isinstance(self.parts, dict) else dict(enumerate(self.parts))

    def rows(self) -> list[AllocationRow]:
        """One row per unit: key, part, exact quota and whether it got an extra fen.

        Examples
        --------
        >>> for row in allocate_detailed(Money(10), {"A": 1, "B": 2}).rows():
        ...     print(row.key, row.part, row.quota, row.extra_fen)
        A 0.03 10/3 False
        B 0.07 20/3 True
        """
        quotas = self.quotas if isinstance(self.quotas, dict) else dict(enumerate(self.quotas))
        extra = set(self.remainder_to)
        return [
            AllocationRow(key, part, quotas[key], key in extra)
            for key, part in self.as_dict().items()
        ]

    def to_frame(self) -> Any:
        """The rows as a pandas DataFrame ``key, part_yuan, quota_fen, extra_fen``.

        ``part_yuan`` is exact :class:`~decimal.Decimal` yuan; ``quota_fen`` the exact
        quota in fen (:class:`~fractions.Fraction`); ``extra_fen`` whether the unit got
        a remainder fen. Needs the ``pandas`` extra.

        Examples
        --------
        >>> allocate_detailed(Money(10), {"A": 1, "B": 2}).to_frame().values.tolist()
        [['A', Decimal('0.03'), Fraction(10, 3), False], ['B', Decimal('0.07'), Fraction(20, 3), True]]
        """  # noqa: E501
        from sportsgov._common.extras import require

        pd = require("pandas", "pandas", what="Allocation.to_frame")
        return pd.DataFrame(
            [[r.key, r.part.to_decimal(), r.quota, r.extra_fen] for r in self.rows()],
            columns=["key", "part_yuan", "quota_fen", "extra_fen"],
        )

    def __repr__(self) -> str:
        """Short: the total and the first parts, never one line per unit of a large split.

        Examples
        --------
        >>> allocate_detailed(Money(10), {"A": 1, "B": 1, "C": 1})
        Allocation(total=Money('0.10'), ties='order', parts=[A: 0.04, B: 0.03, C: 0.03])
        """
        from sportsgov._common.display import text_repr

        parts = self.as_dict()
        return text_repr(
            "Allocation",
            [("total", self.total), ("ties", self.ties)],
            (f"{k}: {v}" for k, v in parts.items()),
            count=len(parts),
            label="parts",
        )

    def _repr_html_(self) -> str:
        """A notebook table of the first parts (key, part in yuan, exact quota in fen)."""
        from sportsgov._common.display import html_table

        rows = self.rows()
        return html_table(
            f"Allocation of {self.total} yuan among {len(rows):,} units",
            ["key", "part_yuan", "quota_fen", "extra_fen"],
            ((r.key, r.part, r.quota, r.extra_fen) for r in rows),
            count=len(rows),
        )


@attrs.frozen
class AllocationRow:
    """One unit of an :class:`Allocation`: its key, part, exact quota [分] and extra fen flag."""

    key: Any
    part: Money
    quota: Fraction
    extra_fen: bool


_WEIGHT_ALLOWED: dict[Reason, str] = {
    "finite": "must be finite",
    "type": "expected int, Decimal, Fraction, float or Money",
}


def _weight(value: object, key: object) -> Fraction:
    """A non-negative split weight; a Money counts its fen, floats their binary value."""
    name = f"weights[{key!r}]"
    if isinstance(value, Money):
        if value.fen < 0:
            raise InvalidInputError.bad(name, value, "must be >= 0")
        return Fraction(value.fen)
    if isinstance(value, numbers.Real) and not isinstance(value, int | float | Fraction):
        # numpy scalars: messages show the plain number they hold
        value = value.item() if hasattr(value, "item") else float(value)
    return to_fraction(
        value, name, floats="binary", strings=False, negative=False, allowed=_WEIGHT_ALLOWED
    )


@overload
def allocate_detailed(
    total: Money, weights: Mapping[K, Any], *, ties: Literal["order", "error"] = ...
) -> Allocation: ...
@overload
def allocate_detailed(
    total: Money, weights: Iterable[Any], *, ties: Literal["order", "error"] = ...
) -> Allocation: ...
def allocate_detailed(
    total: Money,
    weights: Mapping[Any, Any] | Iterable[Any],
    *,
    ties: Literal["order", "error"] = "order",
) -> Allocation:
    """Split ``total`` in proportion to ``weights``, exact to the fen, with the workings.

    The rule (largest remainder, Hamilton/Hare-Niemeyer, applied to fen): each
    part gets the whole fen of its exact quota ``total × weight / Σweights``;
    the fen left over (fewer than the number of parts) go one each to the
    largest remainders; equal remainders are served in input order
    (``ties="order"``) or raise :class:`~sportsgov.errors.TieError`
    (``ties="error"``). A negative total is split as its absolute value and
    negated, so refunds mirror payments.

    Parameters
    ----------
    total : Money
        The amount to split.
    weights : sequence or mapping of int, Decimal, Fraction, float or Money
        Non-negative, not all zero. Floats are taken at their exact binary
        value (``Fraction(0.1)``); prefer ``Decimal("0.1")`` for decimal weights.
        A mapping gives a dict keyed the same.
    ties : {"order", "error"}
        What to do when equal remainders compete for the last fen.

    Returns
    -------
    Allocation
        ``parts``, exact ``quotas``, ``remainder_to`` and ``tied``.

    Raises
    ------
    InvalidInputError
        ``total`` is not Money; a weight is negative, not a number, or all are zero.
    TieError
        ``ties="error"`` and a tie decides who gets a fen.

    Examples
    --------
    >>> a = allocate_detailed(Money.parse("7668.28万元"), [3, 3, 1])
    >>> a.parts
    [Money('32864057.14'), Money('32864057.14'), Money('10954685.72')]
    >>> a.remainder_to
    (2,)
    """
    if not isinstance(total, Money):
        raise InvalidInputError.bad(
            "total", total, "expected Money (Money.yuan(...), Money.parse(...))"
        )
    if ties not in ("order", "error"):
        raise InvalidInputError.bad("ties", ties, "expected one of 'order', 'error'")
    if isinstance(weights, Mapping):
        keys: list[Any] = list(weights.keys())
        values = list(weights.values())
        keyed = True
    elif isinstance(weights, str | bytes) or not isinstance(weights, Iterable):
        raise InvalidInputError.bad(
            "weights", weights, "expected a sequence or a mapping of numbers"
        )
    else:
        values = list(weights)
        keys = list(range(len(values)))
        keyed = False
    if not values:
        raise InvalidInputError.bad("weights", weights, "must not be empty")
    fractions = [_weight(v, k) for k, v in zip(keys, values, strict=True)]

    # Integer weights over a common denominator: exact and fast.
    denominator = math.lcm(*(f.denominator for f in fractions))
    ints = [f.numerator * (denominator // f.denominator) for f in fractions]
    weight_sum = sum(ints)
    if weight_sum == 0:
        raise InvalidInputError.bad("weights", weights, "must not all be zero")

    sign = -1 if total.fen < 0 else 1
    amount = abs(total.fen)
    whole: list[int] = []
    remainders: list[int] = []
    for w in ints:
        q, r = divmod(amount * w, weight_sum)
        whole.append(q)
        remainders.append(r)
    left = amount - sum(whole)
    order = sorted(range(len(ints)), key=lambda i: (-remainders[i], i))
    receivers = order[:left]
    tied_idx: list[int] = []
    if 0 < left < len(order) and remainders[order[left - 1]] == remainders[order[left]]:
        boundary = remainders[order[left]]
        tied_idx = [i for i in range(len(ints)) if remainders[i] == boundary]
        if ties == "error":
            tied_keys = [keys[i] for i in tied_idx]
            raise TieError(
                f"weights: units {format_value(tied_keys)} tie for the last "
                f"{sum(1 for i in tied_idx if i in set(receivers))} fen; "
                "pass ties='order' to serve them in input order",
                tied=tied_keys,
            )
    for i in receivers:
        whole[i] += 1

    parts = [_new(sign * f) for f in whole]
    quotas = [Fraction(sign * amount * w, weight_sum) for w in ints]
    remainder_to = tuple(keys[i] for i in receivers)
    tied = tuple(keys[i] for i in tied_idx)
    if keyed:
        return Allocation(
            total,
            dict(zip(keys, parts, strict=True)),
            dict(zip(keys, quotas, strict=True)),
            remainder_to,
            tied,
            ties,
        )
    return Allocation(total, parts, quotas, remainder_to, tied, ties)


@overload
def allocate(
    total: Money, weights: Mapping[K, Any], *, ties: Literal["order", "error"] = ...
) -> dict[K, Money]: ...
@overload
def allocate(
    total: Money, weights: Sequence[Any] | Iterable[Any], *, ties: Literal["order", "error"] = ...
) -> list[Money]: ...
def allocate(
    total: Money,
    weights: Mapping[Any, Any] | Iterable[Any],
    *,
    ties: Literal["order", "error"] = "order",
) -> list[Money] | dict[Any, Money]:
    """Split ``total`` in proportion to ``weights``, exact to the fen.

    The parts always add up to ``total``; each is within one fen of its exact
    share; a zero weight gets zero; ``allocate(-x, w)`` is ``allocate(x, w)``
    negated. The leftover fen go to the largest remainders, ties by input order.
    :func:`allocate_detailed` gives the same parts with the exact quotas and who
    got the extra fen.

    Parameters
    ----------
    total : Money
        The amount to split.
    weights : sequence or mapping of int, Decimal, Fraction, float or Money
        Non-negative, not all zero (see :func:`allocate_detailed`).
    ties : {"order", "error"}
        Equal remainders competing for the last fen: served in input order
        (default), or :class:`~sportsgov.errors.TieError`.

    Returns
    -------
    list[Money] or dict[key, Money]
        In the order (or with the keys) of ``weights``.

    Raises
    ------
    InvalidInputError
        Bad total or weights.
    TieError
        ``ties="error"`` and a tie decides a fen.

    Examples
    --------
    >>> allocate(Money.parse("7668.28万元"), [3, 3, 1])
    [Money('32864057.14'), Money('32864057.14'), Money('10954685.72')]
    >>> allocate(Money.yuan("0.05"), {"北区": 1, "南区": 1})
    {'北区': Money('0.03'), '南区': Money('0.02')}
    >>> allocate(Money.yuan("-0.05"), [1, 1])
    [Money('-0.03'), Money('-0.02')]
    >>> allocate(Money.yuan(1), [0, 0])
    Traceback (most recent call last):
    ...
    sportsgov.errors.InvalidInputError: weights=[0, 0]: must not all be zero
    """
    return allocate_detailed(total, weights, ties=ties).parts
