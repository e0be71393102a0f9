"""Private: the rules and outcomes of a subsidy program (public through :mod:`.subsidy`).

:class:`SubsidyProgram` (the rules), :class:`ClaimResult` (the outcome of one
claim) and :class:`ClaimRecord` (a recorded claim), with the converters that check
their fields. The ledger that applies the rules is
:class:`~sportsgov.budget.subsidy.SubsidyLedger`; every name here is documented and
imported from :mod:`sportsgov.budget.subsidy`.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable, Mapping
from fractions import Fraction
from typing import Any, Literal

from attrs import field, frozen

from sportsgov.budget._numbers import as_date, as_fraction, as_money_fen, money
from sportsgov.errors import DataError, InvalidInputError, NotFoundError
from sportsgov.money import Money
from sportsgov.periods import Period, as_period

__all__ = [
    "ClaimRecord",
    "ClaimResult",
    "Limit",
    "Status",
    "SubsidyProgram",
    "fen_field",
]

Limit = Literal["rate", "per_claim_cap", "per_person_cap", "budget"]
Status = Literal["accepted", "rejected"]


def _kinds(value: object) -> tuple[str, ...]:
    if isinstance(value, str):
        value = (value,)
    if not isinstance(value, Iterable):
        raise InvalidInputError.bad("kinds", value, "expected a list of kind names")
    kinds = tuple(value)
    if not kinds:
        raise InvalidInputError.bad("kinds", kinds, "must name at least one kind")
    for k in kinds:
        if not isinstance(k, str) or not k:
            raise InvalidInputError.bad("kinds", kinds, "kind names must be non-empty strings")
    if len(set(kinds)) != len(kinds):
        raise InvalidInputError.bad("kinds", kinds, "kind names must be unique")
    return kinds


def _rate_value(value: object, argument: str) -> Fraction:
    r = as_fraction(value, argument)
    if not 0 < r <= 1:
        raise InvalidInputError.bad(
            argument, value, "must be > 0 and <= 1 (a share of the amount)"
        )
    return r


def _rates(value: object) -> Fraction | dict[str, Fraction]:
    if isinstance(value, Mapping):
        return {str(k): _rate_value(v, f"rate[{k!r}]") for k, v in value.items()}
    return _rate_value(value, "rate")


def _cap(value: object, argument: str) -> Money | None:
    fen = as_money_fen(value, argument, allow_none=True)
    return None if fen is None else money(fen)


def _claim_caps(value: object) -> Money | dict[str, Money] | None:
    if isinstance(value, Mapping):
        out: dict[str, Money] = {}
        for k, v in value.items():
            c = _cap(v, f"per_claim_cap[{k!r}]")
            if c is not None:
                out[str(k)] = c
        return out
    return _cap(value, "per_claim_cap")


def _person_cap(value: object) -> Money | None:
    return _cap(value, "per_person_cap")


def _budget(value: object) -> Money:
    fen = as_money_fen(value, "budget")
    assert fen is not None
    return money(fen)


def fen_field(value: object, name: str) -> Money:
    """Money from an integer-fen JSON field; anything but an int is refused."""
    if type(value) is not int:
        raise InvalidInputError.bad(name, value, "expected an integer number of fen")
    return money(value)


@frozen
class SubsidyProgram:
    """The rules of a subsidy program.

    Attributes
    ----------
    name : str
        Program name, e.g. ``"乐冰雪 2020—2021 snow season"``.
    kinds : sequence of str
        The kinds of purchase covered (e.g. ``"ski_ticket"``, ``"coaching"``, ``"training"``).
    rate : number or mapping {kind: number}
        Share of the amount paid, in (0, 1] (1 = 全额补贴, full subsidy); one rate
        for all kinds or one per kind (every kind must then have one).
    per_claim_cap : Money, mapping {kind: Money} or None
        Most paid on one claim (per kind if a mapping; kinds not listed are uncapped).
    per_person_cap : Money or None
        Most paid to one person over the program.
    budget : Money
        The program's total budget; never exceeded.
    period : Period
        Claims dated outside it are rejected (a string such as ``"2020-12/2021-03"`` is parsed).

    Examples
    --------
    >>> from sportsgov import Money, Period
    >>> p = SubsidyProgram(
    ...     "ski", ["ski_ticket", "coaching"], "50%", Money.yuan(100), Money.yuan(300),
    ...     Money.parse("100万元"), Period.parse("2020-12/2021-03"),
    ... )
    >>> p.rate_for("coaching"), p.claim_cap_for("ski_ticket")
    (Fraction(1, 2), Money('100.00'))
    """

    name: str = field()
    kinds: tuple[str, ...] = field(converter=_kinds)
    rate: Fraction | dict[str, Fraction] = field(converter=_rates)
    per_claim_cap: Money | dict[str, Money] | None = field(converter=_claim_caps)
    per_person_cap: Money | None = field(converter=_person_cap)
    budget: Money = field(converter=_budget)
    period: Period = field(converter=as_period)

    @name.validator
    def _check_name(self, _attr: object, value: object) -> None:
        if not isinstance(value, str) or not value.strip():
            raise InvalidInputError.bad("name", value, "must be a non-empty string")

    def __attrs_post_init__(self) -> None:
        known = set(self.kinds)
        if isinstance(self.rate, dict):
            missing = [k for k in self.kinds if k not in self.rate]
            extra = [k for k in self.rate if k not in known]
            if missing:
                raise InvalidInputError.bad("rate", self.rate, f"no rate for kinds {missing}")
            if extra:
                raise InvalidInputError.bad("rate", self.rate, f"unknown kinds {extra}")
        if isinstance(self.per_claim_cap, dict):
            extra = [k for k in self.per_claim_cap if k not in known]
            if extra:
                raise InvalidInputError.bad(
                    "per_claim_cap", self.per_claim_cap, f"unknown kinds {extra}"
                )

    def rate_for(self, kind: str) -> Fraction:
        """The rate paid on claims of ``kind``."""
        self._known(kind)
        return self.rate[kind] if isinstance(self.rate, dict) else self.rate

    def claim_cap_for(self, kind: str) -> Money | None:
        """The per-claim cap for ``kind`` (None: uncapped)."""
        self._known(kind)
        if isinstance(self.per_claim_cap, dict):
            return self.per_claim_cap.get(kind)
        return self.per_claim_cap

    def _known(self, kind: str) -> None:
        if kind not in self.kinds:
            raise NotFoundError.bad(
                "kind", kind, f"not covered by program {self.name!r} (kinds: {list(self.kinds)})"
            )

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (money in integer fen, rates as exact strings)."""

        def fen(m: Money | None) -> int | None:
            return None if m is None else m.fen

        rate: Any = (
            {k: str(v) for k, v in self.rate.items()}
            if isinstance(self.rate, dict)
            else str(self.rate)
        )
        cap: Any = (
            {k: v.fen for k, v in self.per_claim_cap.items()}
            if isinstance(self.per_claim_cap, dict)
            else fen(self.per_claim_cap)
        )
        return {
            "name": self.name,
            "kinds": list(self.kinds),
            "rate": rate,
            "per_claim_cap_fen": cap,
            "per_person_cap_fen": fen(self.per_person_cap),
            "budget_fen": self.budget.fen,
            "period": [self.period.start.isoformat(), self.period.end.isoformat()],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> SubsidyProgram:
        """Rebuild a program from :meth:`to_dict` output."""
        try:
            cap = data["per_claim_cap_fen"]
            claim_cap: Any = (
                {k: fen_field(v, f"per_claim_cap_fen[{k!r}]") for k, v in cap.items()}
                if isinstance(cap, Mapping)
                else (None if cap is None else fen_field(cap, "per_claim_cap_fen"))
            )
            person = data["per_person_cap_fen"]
            start, end = data["period"]
            return cls(
                name=data["name"],
                kinds=data["kinds"],
                rate=data["rate"],
                per_claim_cap=claim_cap,
                per_person_cap=None if person is None else fen_field(person, "per_person_cap_fen"),
                budget=fen_field(data["budget_fen"], "budget_fen"),
                period=Period(as_date(start, "period"), as_date(end, "period")),
            )
        except (KeyError, TypeError, ValueError) as exc:
            if isinstance(exc, InvalidInputError):
                raise DataError(str(exc), field="program") from None
            raise DataError(f"program: malformed ({exc!r})", field="program") from None


@frozen
class ClaimResult:
    """The outcome of one claim.

    Attributes
    ----------
    paid : Money
        Amount paid on this claim (0 if rejected).
    binding_limit : {"rate", "per_claim_cap", "per_person_cap", "budget"} or None
        The limit that set ``paid`` (None for a rejected claim).
    remaining : Money
        Program budget left after this claim.
    claim_id : str
        The claim's id.
    status : {"accepted", "rejected"}
        Rejected claims pay nothing and are not recorded.
    reason : str or None
        Why a claim was rejected.
    requested : Money or None
        ``rate × amount`` rounded half-up, before caps.
    person_remaining : Money or None
        The person's cap left after this claim (None if no per-person cap).

    Examples
    --------
    >>> from sportsgov import Money
    >>> r = ClaimResult(Money.yuan(50), "rate", Money.yuan(950))
    >>> r.accepted, r.paid
    (True, Money('50.00'))
    """

    paid: Money
    binding_limit: Limit | None
    remaining: Money
    claim_id: str = ""
    status: Status = "accepted"
    reason: str | None = None
    requested: Money | None = None
    person_remaining: Money | None = None

    @property
    def accepted(self) -> bool:
        """True unless the claim was rejected."""
        return self.status == "accepted"


@frozen
class ClaimRecord:
    """One recorded claim in a ledger (see :meth:`SubsidyLedger.claims`).

    Examples
    --------
    >>> import datetime
    >>> from sportsgov import Money
    >>> r = ClaimResult(Money.yuan(5), "rate", Money.yuan(95), claim_id="c1")
    >>> ClaimRecord("c1", "p", "ski_ticket", Money.yuan(10), datetime.date(2021, 1, 2), r).paid
    Money('5.00')
    """

    claim_id: str
    person: str
    kind: str
    amount: Money
    on: _dt.date
    result: ClaimResult
    reversed: bool = False

    @property
    def paid(self) -> Money:
        """Amount paid (before any reversal)."""
        return self.result.paid
