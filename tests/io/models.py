"""Small models with every hooked type, shared by the io tests."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction
from typing import Any

import attrs

from sportsgov import InvalidInputError
from sportsgov.money import Money
from sportsgov.periods import Period
from sportsgov.units import Q_, Quantity


@attrs.frozen
class Line:
    """A small model with every hooked type, as other areas' models will have."""

    name: str
    amount: Money = attrs.field()
    period: Period
    area: Quantity
    opened: dt.date
    share: Fraction
    rate: Decimal
    tags: tuple[str, ...] = ()
    note: str | None = None

    @amount.validator
    def _check(self, _: Any, value: Money) -> None:
        if value < Money(0):
            raise InvalidInputError.bad("amount", value, "must be >= 0.00")


@attrs.frozen
class Book:
    title: str
    lines: list[Line]


def line(**over: Any) -> Line:
    base: dict[str, Any] = {
        "name": "pitches",
        "amount": Money.parse("7668.28万元"),
        "period": Period.parse("2020-06/2022-08"),
        "area": Q_(2.65, "m^2/person"),
        "opened": dt.date(2024, 7, 1),
        "share": Fraction(1, 3),
        "rate": Decimal("0.15"),
        "tags": ("新建", "football_11"),
    }
    base.update(over)
    return Line(**base)
