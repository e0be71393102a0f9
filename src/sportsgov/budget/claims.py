"""Subsidy claims (补贴申请) as a typed table, ready to be paid by a ledger.

A city's ``subsidy_claims.csv`` -- or the platform's export, with headers such as
申请编号, 申请人, 补贴类型, 申请金额(元), 申请日期 -- read through the one tolerant table
reader into a :class:`SubsidyClaimTable` of :class:`SubsidyClaim` rows: amounts exact
(:class:`~sportsgov.money.Money`, integer fen; a header unit such as 万元 multiplies
the bare numbers under it), dates as :class:`datetime.date` (``2024/3/1``, ISO text
and Excel serial numbers accepted). :meth:`SubsidyClaimTable.submit` hands the claims,
in file order, to a :class:`~sportsgov.budget.SubsidyLedger`, which decides what each
one is paid.

Examples
--------
>>> import io
>>> text = "申请编号,申请人,补贴类型,申请金额(元),申请日期\\nC1,P1,ski_ticket,180,2024/1/9\\n"
>>> claims = SubsidyClaimTable.from_file(io.StringIO(text))
>>> claims[0].amount, claims[0].on
(Money('180.00'), datetime.date(2024, 1, 9))
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, ClassVar

from attrs import field, frozen

from sportsgov._common.cells import text_cell
from sportsgov._common.tablefile import TableFile
from sportsgov.budget._numbers import day_cell, money, money_cell
from sportsgov.budget.subsidy import ClaimResult, SubsidyLedger
from sportsgov.errors import DataError, InvalidInputError
from sportsgov.money import Money

__all__ = ["SubsidyClaim", "SubsidyClaimTable"]

_FIELDS = ("claim_id", "person", "kind", "amount", "on")


def _claim_id(value: object) -> str:
    return text_cell(value, "claim_id")


def _person(value: object) -> str:
    return text_cell(value, "person")


def _kind(value: object) -> str:
    return text_cell(value, "kind")


def _amount(value: object) -> Money:
    return money_cell(value, "amount")


def _on(value: object) -> _dt.date:
    return day_cell(value, "on")


@frozen
class SubsidyClaim:
    """One claim on a subsidy program: who bought what, for how much, on which day.

    Attributes
    ----------
    claim_id : str
        The claim's id (申请编号), the ledger's idempotency key.
    person : str
        Who claims (申请人); the per-person cap applies to this id.
    kind : str
        What was bought (补贴类型, e.g. ``"ski_ticket"``).
    amount : Money
        The purchase amount the rate applies to [元, exact to the fen], >= 0.
    on : datetime.date
        Date of the purchase (消费日期 / 申请日期).
    row : int or None
        Spreadsheet row it was read from (header = row 1), for messages; not compared.

    Examples
    --------
    >>> c = SubsidyClaim("C1", "P1", "ski_ticket", "180元", "2024/1/9")
    >>> c.amount, c.on
    (Money('180.00'), datetime.date(2024, 1, 9))
    >>> SubsidyClaim("C1", "P1", "ski_ticket", "180", "2024-13-01")
    Traceback (most recent call last):
    ...
    sportsgov.errors.InvalidInputError: on='2024-13-01': not a valid date (month must be in 1..12)
    """

    claim_id: str = field(converter=_claim_id)
    person: str = field(converter=_person)
    kind: str = field(converter=_kind)
    amount: Money = field(converter=_amount)
    on: _dt.date = field(converter=_on)
    row: int | None = field(default=None, eq=False, repr=False, kw_only=True)


def _claims(value: Iterable[SubsidyClaim]) -> tuple[SubsidyClaim, ...]:
    return tuple(value)


@frozen
class SubsidyClaimTable(TableFile):
    """Subsidy claims in arrival (file) order (built by the ``from_*`` methods).

    :meth:`from_file` reads ``subsidy_claims.csv`` or a GBK file or workbook:
    Chinese headers mapped (申请编号, 申请人, 补贴类型, 金额 / 申请金额 with a unit in
    brackets such as 申请金额(元), 消费日期 / 申请日期), ``columns={"header":
    "field"}`` for others; each claim's ``row`` is the spreadsheet row (header =
    row 1). :meth:`from_frame` reads :meth:`to_frame` back (an ``amount_yuan``
    column).

    A claim id may repeat: the ledger pays a repeated identical claim once and
    refuses a repeat with other content (see :meth:`submit`).

    Attributes
    ----------
    claims : tuple of SubsidyClaim
        The claims, in order.
    source : str or None
        The file they were read from (for messages); not compared.

    Examples
    --------
    >>> t = SubsidyClaimTable.from_records([
    ...     {"claim_id": "C1", "person": "P1", "kind": "ski_ticket", "amount": "180",
    ...      "on": "2024-01-09"},
    ...     {"claim_id": "C2", "person": "P1", "kind": "coaching", "amount": "1.2万元",
    ...      "on": "2024-01-10"},
    ... ])
    >>> len(t), t.amount_total
    (2, Money('12180.00'))
    """

    table_kind: ClassVar[str] = "subsidy_claims"
    row_field: ClassVar[str | None] = "claims"

    claims: tuple[SubsidyClaim, ...] = field(converter=_claims)
    source: str | None = field(default=None, eq=False)

    @claims.validator
    def _check(self, _attr: object, value: tuple[object, ...]) -> None:
        for i, claim in enumerate(value):
            if not isinstance(claim, SubsidyClaim):
                raise InvalidInputError.bad(f"claims[{i}]", claim, "expected a SubsidyClaim")

    def __len__(self) -> int:
        return len(self.claims)

    def __iter__(self) -> Iterator[SubsidyClaim]:
        return iter(self.claims)

    def __getitem__(self, i: int) -> SubsidyClaim:
        return self.claims[i]

    @property
    def amount_total(self) -> Money:
        """Sum of the claimed amounts [元] (before any rate or cap)."""
        return money(sum(c.amount.fen for c in self.claims))

    def submit(self, ledger: SubsidyLedger) -> tuple[ClaimResult, ...]:
        """Hand every claim, in order, to ``ledger``; one result per claim.

        Claims of a kind the program does not cover or dated outside its period come
        back rejected (nothing recorded); a repeated identical claim returns its
        first result and pays nothing more.

        Raises
        ------
        DataError
            A claim id already used for a different claim, naming this table's file,
            the claim's spreadsheet row and ``claim_id``. Claims before it are paid
            (each claim is atomic, the batch is not).

        Examples
        --------
        >>> from sportsgov.budget import SubsidyProgram
        >>> from sportsgov.periods import Period
        >>> program = SubsidyProgram("ski", ["ski_ticket"], "1/2", Money.yuan(100), None,
        ...                          Money.yuan(1000), Period.year(2024))
        >>> claims = SubsidyClaimTable([
        ...     SubsidyClaim("C1", "P1", "ski_ticket", "180", "2024-01-09"),
        ...     SubsidyClaim("C2", "P1", "lift", "50", "2024-01-09"),
        ... ])
        >>> [(r.status, r.paid) for r in claims.submit(SubsidyLedger(program))]
        [('accepted', Money('90.00')), ('rejected', Money('0.00'))]
        """
        if not isinstance(ledger, SubsidyLedger):
            raise InvalidInputError.bad("ledger", ledger, "expected a SubsidyLedger")
        out: list[ClaimResult] = []
        for c in self.claims:
            try:
                out.append(ledger.claim(c.claim_id, c.person, c.kind, c.amount, c.on))
            except DataError:
                raise
            except InvalidInputError as exc:
                raise DataError(
                    str(exc), source=self.source, row=c.row, field=exc.argument
                ) from None
        return tuple(out)

    # -- in and out ------------------------------------------------------------------
    @classmethod
    def from_records(
        cls, records: Iterable[Mapping[str, Any]], *, source: str | None = None
    ) -> SubsidyClaimTable:
        """Build from mappings with keys ``claim_id, person, kind, amount, on``.

        Parameters
        ----------
        records : iterable of mapping
            One mapping per claim. ``amount`` is :class:`Money` or text (``"120.50"``
            in 元, ``"1.2万元"``) [元]; ``on`` a date or its text (``2024/1/9``).
            Empty strings count as missing.
        source : str, optional
            File name for error messages.

        Raises
        ------
        DataError
            A missing or bad cell, naming the record (1-based) and the field.

        Examples
        --------
        >>> t = SubsidyClaimTable.from_records([{"claim_id": "C1", "person": "P1",
        ...     "kind": "ski_ticket", "amount": "1.2万元", "on": "2024/1/9"}])
        >>> t[0].amount, t[0].on
        (Money('12000.00'), datetime.date(2024, 1, 9))
        """
        return _build(cls, records, source)

    def to_records(self) -> list[dict[str, str]]:
        """Records in the ``subsidy_claims.csv`` layout: money as 元 text, ISO dates.

        Examples
        --------
        >>> t = SubsidyClaimTable([SubsidyClaim("C1", "P1", "ski", "1.5万元", "2024/1/9")])
        >>> t.to_records()[0]["amount"], t.to_records()[0]["on"]
        ('15000.00', '2024-01-09')
        """
        return [
            {
                "claim_id": c.claim_id,
                "person": c.person,
                "kind": c.kind,
                "amount": str(c.amount),
                "on": c.on.isoformat(),
            }
            for c in self.claims
        ]

    def __repr__(self) -> str:
        """Short: the total amount and the first claims (never every claim).

        Examples
        --------
        >>> SubsidyClaimTable.from_records([{"claim_id": "C1", "person": "P1",
        ...     "kind": "ski_ticket", "amount": "180", "on": "2024-01-09"}])
        SubsidyClaimTable(source=None, amount=Money('180.00'), claims=[C1: 180.00])
        """
        from sportsgov._common.display import text_repr

        return text_repr(
            "SubsidyClaimTable",
            [("source", self.source), ("amount", self.amount_total)],
            (f"{c.claim_id}: {c.amount}" for c in self.claims),
            count=len(self.claims),
            label="claims",
        )

    def _repr_html_(self) -> str:
        """A notebook table of the first claims, columns as :meth:`to_frame`."""
        from sportsgov._common.display import html_table

        return html_table(
            f"SubsidyClaimTable: {len(self.claims):,} claims, {self.amount_total} yuan",
            ["claim_id", "person", "kind", "amount_yuan", "on"],
            ((c.claim_id, c.person, c.kind, c.amount, c.on) for c in self.claims),
            count=len(self.claims),
        )

    def to_frame(self) -> Any:
        """A pandas DataFrame ``claim_id, person, kind, amount_yuan, on``.

        ``amount_yuan`` holds exact :class:`~decimal.Decimal` yuan (two places), named
        with the unit; ``on`` holds :class:`datetime.date` objects. :meth:`from_frame`
        reads the frame back. Needs the ``pandas`` extra.

        Examples
        --------
        >>> t = SubsidyClaimTable([SubsidyClaim("C1", "P1", "ski", "180.5", "2024-01-09")])
        >>> df = t.to_frame()
        >>> list(df.columns), df["amount_yuan"].tolist()
        (['claim_id', 'person', 'kind', 'amount_yuan', 'on'], [Decimal('180.50')])
        >>> SubsidyClaimTable.from_frame(df) == t
        True
        """
        from sportsgov._common.frames import pandas

        pd = pandas("SubsidyClaimTable.to_frame")
        data = {
            "claim_id": [c.claim_id for c in self.claims],
            "person": [c.person for c in self.claims],
            "kind": [c.kind for c in self.claims],
            "amount_yuan": [c.amount.to_decimal() for c in self.claims],
            "on": [c.on for c in self.claims],
        }
        return pd.DataFrame(data, columns=list(data))


def _build(
    cls: type[SubsidyClaimTable], records: Iterable[Mapping[str, Any]], source: str | None
) -> SubsidyClaimTable:
    """The table; errors and each row's ``row`` name the record (1-based)."""
    claims: list[SubsidyClaim] = []
    for n, rec in enumerate(records, start=1):
        if not isinstance(rec, Mapping):
            raise DataError(
                "expected a mapping with claim_id, person, kind, amount, on", source=source, row=n
            )
        for key in _FIELDS:
            value = rec.get(key)
            if value is None or (isinstance(value, str) and not value.strip()):
                raise DataError(f"{key}: missing", source=source, row=n, field=key)
        try:
            claims.append(
                SubsidyClaim(
                    rec["claim_id"],
                    rec["person"],
                    rec["kind"],
                    rec["amount"],
                    rec["on"],
                    row=n,
                )
            )
        except InvalidInputError as exc:
            raise DataError(str(exc), source=source, row=n, field=exc.argument) from None
    return cls(tuple(claims), source)
