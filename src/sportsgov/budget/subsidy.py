"""Consumer subsidy programs (惠民补贴): pay claims first-come-first-served under caps.

Modelled on Zhangjiakou's 乐冰雪 app (张家口市…扎实推进冬奥筹办, 河北日报, 2021-01-22): the
designated platform for the city's ice-and-snow consumer subsidies, covering ski
tickets and passes (雪票、套票), coaching (教学补贴), training (培训补贴) and
events (赛事补贴).

A :class:`SubsidyProgram` states the rules; a :class:`SubsidyLedger` takes claims
one at a time, in arrival order, and pays

    paid = min(rate × amount, per-claim cap, person's remaining cap, program remaining)

with ``rate × amount`` rounded half-up to the fen (四舍五入). The limit that cut the
payment is recorded as :attr:`ClaimResult.binding_limit` (``"rate"`` when no cap
cut it; a cap is reported only when it is strictly below the amounts before it).

Behaviour, all guaranteed by tests:

* **Never over budget**: the sum paid (net of reversals) never exceeds ``budget``,
  also under concurrent claims from many threads (one lock per ledger).
* **Idempotent by claim id**: a repeated ``claim_id`` with the same content
  returns the first result and pays nothing; with different content it raises
  :class:`~sportsgov.errors.InvalidInputError`.
* **Rejections are results, errors are errors**: a claim of a kind the program
  does not cover, or dated outside the program period, returns a
  :class:`ClaimResult` with ``status="rejected"``, ``paid=0`` and a ``reason``,
  and is *not* recorded (the id stays free, so a corrected claim may reuse it).
  Malformed input (negative or float amounts, bad dates, empty ids) raises
  :class:`~sportsgov.errors.InvalidInputError`. Either way nothing is
  half-applied: a claim that does not pay changes nothing. For batches,
  :meth:`SubsidyLedger.claim_many` with ``on_error="reject"`` turns malformed
  records into rejected results too.
* **Reversals** (:meth:`SubsidyLedger.reverse`) refund a claim and restore the
  program budget, the person's cap and every total exactly.
* **Save and reload** as JSON (:meth:`SubsidyLedger.save` / :meth:`SubsidyLedger.load`):
  the file holds the program and the ordered log of claims and reversals; loading
  replays the log through the same rules and checks every recorded payment, so no
  claim is lost and a tampered file is refused with :class:`~sportsgov.errors.DataError`.
"""

# This module is the public door. Its parts live in private modules: the program's
# rules and the result types in _subsidy_program, the JSON export with its hash chain
# in _ledger_export, the SQL backend in _ledger_store.

from __future__ import annotations

import datetime as _dt
import json
import os
import threading
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, Literal

from sportsgov.budget._ledger_export import (
    canonical,
    chained_document,
    checked_log,
    parse_json,
    parse_key,
    read_text,
    write_atomic,
)
from sportsgov.budget._ledger_store import MAX_FEN, Decision, Row, SqlStore, open_store
from sportsgov.budget._numbers import as_date, as_money_fen, money
from sportsgov.budget._subsidy_program import (
    ClaimRecord,
    ClaimResult,
    Limit,
    Status,
    SubsidyProgram,
    fen_field,
)
from sportsgov.errors import DataError, InvalidInputError, NotFoundError
from sportsgov.money import Money

__all__ = ["ClaimRecord", "ClaimResult", "SubsidyLedger", "SubsidyProgram"]

TotalsBy = Literal["kind", "person", "day"]


class _Entry:
    __slots__ = ("amount", "kind", "on", "paid", "person", "result", "reversed")

    def __init__(
        self, person: str, kind: str, amount: int, on: _dt.date, paid: int, result: ClaimResult
    ) -> None:
        self.person = person
        self.kind = kind
        self.amount = amount
        self.on = on
        self.paid = paid
        self.result = result
        self.reversed = False


def _add(table: dict[Any, int], key: Any, fen: int) -> None:
    v = table.get(key, 0) + fen
    if v:
        table[key] = v
    else:
        table.pop(key, None)


_ZERO_REASON = {
    "rate": "the amount × rate rounds to 0 fen",
    "per_claim_cap": "the per-claim cap for this kind is 0",
    "per_person_cap": "the person has reached the per-person cap",
    "budget": "the program budget is spent",
}


def _decide(
    rule: tuple[int, int, int | None],
    amt: int,
    person_paid: int,
    paid_total: int,
    person_cap: int | None,
    budget: int,
) -> tuple[int, Limit, int, int, int | None, Status, str | None]:
    """paid, binding limit, requested, remaining, person remaining, status, reason."""
    p, q, cap = rule
    requested = (2 * amt * p + q) // (2 * q)  # rate × amount, half-up (amt >= 0)
    paid = requested
    limit: Limit = "rate"
    if cap is not None and cap < paid:
        paid = cap
        limit = "per_claim_cap"
    person_left: int | None = None
    if person_cap is not None:
        person_left = person_cap - person_paid
        if person_left < paid:
            paid = person_left
            limit = "per_person_cap"
    budget_left = budget - paid_total
    if budget_left < paid:
        paid = budget_left
        limit = "budget"
    paid = max(paid, 0)
    if paid == 0:
        reason = f"paid=0.00: {_ZERO_REASON[limit]} (binding limit: {limit})"
        return 0, limit, requested, budget_left, person_left, "rejected", reason
    return (
        paid,
        limit,
        requested,
        budget_left - paid,
        None if person_left is None else person_left - paid,
        "accepted",
        None,
    )


class SubsidyLedger:
    """A ledger that pays claims against a :class:`SubsidyProgram`, thread-safely.

    Parameters
    ----------
    program : SubsidyProgram
        The rules.

    Examples
    --------
    A 乐冰雪-style ski-ticket subsidy: half the ticket price, at most 100 yuan a
    ticket and 300 yuan a person, from a 1,000 yuan budget:

    >>> from sportsgov import Money, Period
    >>> program = SubsidyProgram(
    ...     "ski", ["ski_ticket"], "1/2", Money.yuan(100), Money.yuan(300),
    ...     Money.yuan(1000), Period.parse("2020-12/2021-03"),
    ... )
    >>> ledger = SubsidyLedger(program)
    >>> ledger.claim("c1", "zhang", "ski_ticket", Money.yuan(180), "2021-01-09")
    ClaimResult(paid=Money('90.00'), binding_limit='rate', remaining=Money('910.00'), ...)
    >>> ledger.claim("c2", "zhang", "ski_ticket", Money.yuan(260), "2021-01-10").binding_limit
    'per_claim_cap'
    >>> ledger.claim("c2", "zhang", "ski_ticket", Money.yuan(260), "2021-01-10").paid  # repeat
    Money('100.00')
    >>> r = ledger.claim("c3", "zhang", "lift_pass", Money.yuan(99), "2021-01-11")
    >>> r.status, r.reason
    ('rejected', "kind='lift_pass': not covered by program 'ski' (kinds: ['ski_ticket'])")
    >>> ledger.paid_total, ledger.remaining
    (Money('190.00'), Money('810.00'))
    >>> ledger.reverse("c1")
    Money('90.00')
    >>> ledger.totals(by="person")
    {'zhang': Money('100.00')}
    """

    def __init__(self, program: SubsidyProgram) -> None:
        if not isinstance(program, SubsidyProgram):
            raise InvalidInputError.bad("program", program, "expected a SubsidyProgram")
        self._program = program
        self._lock = threading.Lock()
        self._store: SqlStore | None = None
        self._target: str | None = None
        self._entries: dict[str, _Entry] = {}
        self._log: list[tuple[str, str]] = []
        self._paid = 0
        self._budget = program.budget.fen
        pcap = program.per_person_cap
        self._person_cap = None if pcap is None else pcap.fen
        self._start = _dt.date(
            program.period.start.year, program.period.start.month, program.period.start.day
        )
        self._end = _dt.date(
            program.period.end.year, program.period.end.month, program.period.end.day
        )
        self._rules: dict[str, tuple[int, int, int | None]] = {}
        for k in program.kinds:
            r = program.rate_for(k)
            cap = program.claim_cap_for(k)
            self._rules[k] = (r.numerator, r.denominator, None if cap is None else cap.fen)
        self._by_person: dict[str, int] = {}
        self._by_kind: dict[str, int] = {}
        self._by_day: dict[_dt.date, int] = {}

    @classmethod
    def open(
        cls,
        target: str | os.PathLike[str],
        program: SubsidyProgram | None = None,
        *,
        timeout: float = 30.0,
    ) -> SubsidyLedger:
        """A ledger stored in a database: a SQLite file or a PostgreSQL server.

        Every claim is one committed transaction that takes the program's write
        lock first (SQLite ``BEGIN IMMEDIATE`` in WAL mode with ``synchronous=FULL``;
        PostgreSQL ``SELECT ... FOR UPDATE`` on the program row) and checks the
        budget and the caps against the committed totals inside it, so any number
        of processes (and machines, with PostgreSQL) sharing the ledger never
        overspend. A claim is durable when :meth:`claim` returns, idempotent by
        claim id across processes, and costs O(1) (no file is rewritten).

        Parameters
        ----------
        target : str or path
            A SQLite file (created if missing) or a ``postgresql://`` DSN (needs the
            ``postgres`` extra, psycopg 3).
        program : SubsidyProgram or None
            The program; stored on first open. Later opens may omit it; if given it
            must equal the stored one.
        timeout : float [s]
            How long to wait for another process's claim to commit.

        Raises
        ------
        DataError
            The database cannot be opened, or holds a different program.
        InvalidInputError
            ``target`` is neither a path nor a DSN, or a fresh database without ``program``.

        Examples
        --------
        >>> import tempfile, os
        >>> from sportsgov import Money, Period
        >>> p = SubsidyProgram("s", ["a"], 1, None, None, Money.yuan(10), Period.year(2024))
        >>> path = os.path.join(tempfile.mkdtemp(), "ledger.sqlite")
        >>> with SubsidyLedger.open(path, p) as ledger:
        ...     ledger.claim("1", "x", "a", Money.yuan(4), "2024-05-01").paid
        Money('4.00')
        >>> with SubsidyLedger.open(path) as again:  # another process sees the same ledger
        ...     again.paid_total, again.claim("1", "x", "a", Money.yuan(4), "2024-05-01").paid
        (Money('4.00'), Money('4.00'))
        """
        if isinstance(timeout, bool) or not isinstance(timeout, int | float) or not timeout > 0:
            raise InvalidInputError.bad("timeout", timeout, "must be a number of seconds > 0")
        if program is not None and not isinstance(program, SubsidyProgram):
            raise InvalidInputError.bad("program", program, "expected a SubsidyProgram or None")
        if program is not None:
            for name, m in (
                ("budget", program.budget),
                ("per_person_cap", program.per_person_cap),
            ):
                if m is not None and m.fen > MAX_FEN:
                    raise InvalidInputError.bad(
                        name, m, f"must be <= {money(MAX_FEN)} in a database-backed ledger"
                    )
        store = open_store(target, timeout=float(timeout))
        try:
            body = None if program is None else canonical(program.to_dict())
            stored = store.bind(body)
            if stored is None:
                raise InvalidInputError.bad(
                    "program", None, f"{store.label} holds no ledger yet: pass the program"
                )
            if body is not None and stored != body:
                raise DataError(
                    f"holds the ledger of another program "
                    f"({json.loads(stored).get('name')!r}, not {program.name!r})"  # type: ignore[union-attr]
                    " or the same program with other rules",
                    source=store.label,
                    field="program",
                )
            if program is None:
                program = SubsidyProgram.from_dict(json.loads(stored))
        except BaseException:
            store.close()
            raise
        ledger = cls(program)
        ledger._store = store
        ledger._target = os.fspath(target)
        return ledger

    def close(self) -> None:
        """Close the database connection of a ledger from :meth:`open` (no-op otherwise)."""
        if self._store is not None:
            self._store.close()

    def __enter__(self) -> SubsidyLedger:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __reduce__(self) -> tuple[Any, ...]:
        # A database ledger crosses process boundaries as its target (each process
        # opens its own connection); an in-memory one as its JSON-ready log.
        if self._target is not None:
            return (SubsidyLedger.open, (self._target, self._program))
        return (SubsidyLedger.from_dict, (self.to_dict(),))

    # -- queries -----------------------------------------------------------------
    @property
    def program(self) -> SubsidyProgram:
        """The program this ledger pays."""
        return self._program

    @property
    def paid_total(self) -> Money:
        """Total paid, net of reversals."""
        if self._store is not None:
            return money(self._store.paid_total())
        return money(self._paid)

    @property
    def remaining(self) -> Money:
        """Program budget left."""
        return money(self._budget - self.paid_total.fen)

    def __len__(self) -> int:
        """Number of recorded claims (reversed and refused ones included)."""
        if self._store is not None:
            return self._store.count()
        return len(self._entries)

    def __contains__(self, claim_id: object) -> bool:
        if self._store is not None:
            return isinstance(claim_id, str) and self._store.get(claim_id) is not None
        return claim_id in self._entries

    def person_paid(self, person: str) -> Money:
        """Total paid to ``person``, net of reversals."""
        if self._store is not None:
            return money(self._store.person_paid(person))
        return money(self._by_person.get(person, 0))

    def person_remaining(self, person: str) -> Money | None:
        """What ``person`` may still receive under the per-person cap (None: no cap)."""
        if self._person_cap is None:
            return None
        return money(self._person_cap - self.person_paid(person).fen)

    def totals(self, by: TotalsBy = "kind") -> dict[Any, Money]:
        """Paid totals (net of reversals) by ``"kind"``, ``"person"`` or ``"day"`` (claim date).

        Keys with nothing paid are left out.

        Examples
        --------
        >>> from sportsgov import Money, Period
        >>> p = SubsidyProgram("s", ["a"], 1, None, None, Money.yuan(10), Period.year(2024))
        >>> ledger = SubsidyLedger(p)
        >>> _ = ledger.claim("1", "x", "a", Money.yuan(3), "2024-05-01")
        >>> ledger.totals(by="day")
        {datetime.date(2024, 5, 1): Money('3.00')}
        """
        if by not in ("kind", "person", "day"):
            raise InvalidInputError.bad("by", by, "expected one of 'kind', 'person', 'day'")
        if self._store is not None:
            if by == "day":
                days = {_dt.date.fromisoformat(k): v for k, v in self._store.totals("on_date")}
                return {k: money(v) for k, v in sorted(days.items())}
            return {k: money(v) for k, v in self._store.totals(by)}
        with self._lock:
            if by == "kind":
                table: dict[Any, int] = dict(self._by_kind)
            elif by == "person":
                table = dict(self._by_person)
            else:
                table = dict(sorted(self._by_day.items()))
        return {k: money(v) for k, v in table.items()}

    def claims(self) -> tuple[ClaimRecord, ...]:
        """Every recorded claim, in arrival order."""
        if self._store is not None:
            out = []
            for row in self._store.rows():
                cid, person, kind, amt, on, *_ = row
                out.append(
                    ClaimRecord(
                        cid,
                        person,
                        kind,
                        money(amt),
                        _dt.date.fromisoformat(on),
                        _result_of(row),
                        row[12],
                    )
                )
            return tuple(out)
        with self._lock:
            return tuple(
                ClaimRecord(cid, e.person, e.kind, money(e.amount), e.on, e.result, e.reversed)
                for cid, e in self._entries.items()
            )

    def result(self, claim_id: str) -> ClaimResult:
        """The result first returned for ``claim_id``."""
        if self._store is not None:
            row = self._store.get(claim_id) if isinstance(claim_id, str) else None
            if row is None:
                raise NotFoundError.bad("claim_id", claim_id, "no such claim in this ledger")
            return _result_of(row)
        entry = self._entries.get(claim_id)
        if entry is None:
            raise NotFoundError.bad("claim_id", claim_id, "no such claim in this ledger")
        return entry.result

    def to_frame(self) -> Any:
        """The recorded claims (:meth:`claims`) as a pandas DataFrame, in arrival order.

        Columns: ``claim_id, person, kind, amount_yuan, on`` (the claim date,
        :class:`datetime.date`), ``status``, ``paid_yuan`` (before any reversal),
        ``binding_limit``, ``requested_yuan``, ``person_remaining_yuan``,
        ``remaining_yuan`` (program budget left after the claim), ``reason``,
        ``reversed``. Money is exact :class:`~decimal.Decimal` yuan (None where the
        claim has no such figure). Needs the ``pandas`` extra.

        Examples
        --------
        >>> from sportsgov import Money, Period
        >>> p = SubsidyProgram("s", ["a"], "1/2", None, None, Money.yuan(10), Period.year(2024))
        >>> ledger = SubsidyLedger(p)
        >>> _ = ledger.claim("1", "x", "a", Money.yuan(3), "2024-05-01")
        >>> ledger.to_frame()[["claim_id", "amount_yuan", "paid_yuan", "binding_limit"]].values.tolist()
        [['1', Decimal('3.00'), Decimal('1.50'), 'rate']]
        """  # noqa: E501
        from sportsgov._common.frames import pandas

        pd = pandas("SubsidyLedger.to_frame")

        def yuan(m: Money | None) -> Any:
            return None if m is None else m.to_decimal()

        columns = ["claim_id", "person", "kind", "amount_yuan", "on", "status", "paid_yuan"]
        columns += ["binding_limit", "requested_yuan", "person_remaining_yuan"]
        columns += ["remaining_yuan", "reason", "reversed"]
        rows = [
            [
                c.claim_id, c.person, c.kind, yuan(c.amount), c.on, c.result.status,
                yuan(c.result.paid), c.result.binding_limit, yuan(c.result.requested),
                yuan(c.result.person_remaining), yuan(c.result.remaining), c.result.reason,
                c.reversed,
            ]
            for c in self.claims()
        ]  # fmt: skip
        return pd.DataFrame(rows, columns=columns)

    def __repr__(self) -> str:
        """Short: the program, the totals and the number of claims (never the claims).

        Examples
        --------
        >>> from sportsgov import Money, Period
        >>> p = SubsidyProgram("ski", ["a"], 1, None, None, Money.yuan(10), Period.year(2024))
        >>> SubsidyLedger(p)
        SubsidyLedger(program='ski', claims=0, paid_total=Money('0.00'), remaining=Money('10.00'))
        """
        from sportsgov._common.display import text_repr

        return text_repr(
            "SubsidyLedger",
            [
                ("program", self._program.name),
                ("claims", len(self)),
                ("paid_total", self.paid_total),
                ("remaining", self.remaining),
            ],
        )

    def _repr_html_(self) -> str:
        """A notebook table of the first claims (id, person, kind, amount, date, paid)."""
        from sportsgov._common.display import html_table

        claims = self.claims()
        return html_table(
            f"SubsidyLedger {self._program.name}: {len(claims):,} claims, "
            f"{self.paid_total} yuan paid, {self.remaining} yuan left",
            [
                *("claim_id", "person", "kind", "amount_yuan", "on", "status", "paid_yuan"),
                *("binding_limit", "reversed"),
            ],
            (
                (
                    c.claim_id,
                    c.person,
                    c.kind,
                    c.amount,
                    c.on,
                    c.result.status,
                    c.paid,
                    c.result.binding_limit,
                    c.reversed,
                )
                for c in claims
            ),
            count=len(claims),
        )

    # -- claims ------------------------------------------------------------------
    def _rejected(self, claim_id: str, reason: str) -> ClaimResult:
        return ClaimResult(
            money(0),
            None,
            self.remaining,
            claim_id=claim_id,
            status="rejected",
            reason=reason,
        )

    def claim(
        self,
        claim_id: str,
        person: str,
        kind: str,
        amount: Money,
        on: _dt.date | str,
    ) -> ClaimResult:
        """Take one claim: pay min(rate × amount, caps, budget left), or reject it.

        Parameters
        ----------
        claim_id : str
            Unique id of the claim (idempotency key).
        person : str
            Who claims (the per-person cap applies to this id).
        kind : str
            What was bought; must be one of the program's kinds or the claim is rejected.
        amount : Money
            The purchase amount (>= 0, at most 2**62 fen = 46,116,860,184,273,879.04 元,
            the 64-bit bound every ledger shares with its database) the rate applies to.
        on : date or ISO string
            Date of the purchase; outside the program period the claim is rejected.

        Returns
        -------
        ClaimResult
            ``status="accepted"`` with ``paid`` and ``binding_limit``, or
            ``status="rejected"`` with a ``reason`` (nothing recorded).

        Raises
        ------
        InvalidInputError
            Malformed input, or ``claim_id`` already used for a different claim.

        Examples
        --------
        >>> from sportsgov import Money, Period
        >>> p = SubsidyProgram("s", ["a"], "0.3", None, None, Money.yuan(10), Period.year(2024))
        >>> ledger = SubsidyLedger(p)
        >>> ledger.claim("1", "x", "a", Money.yuan("0.05"), "2024-05-01").paid  # 1.5 fen -> 2
        Money('0.02')
        >>> ledger.claim("2", "x", "a", Money.yuan(100), "2024-05-01")
        ClaimResult(paid=Money('9.98'), binding_limit='budget', remaining=Money('0.00'), ...)
        >>> ledger.claim("3", "x", "a", Money.yuan(1), "2025-01-01").reason
        'on=2025-01-01: outside the program period 2024-01-01 to 2024-12-31'
        """
        if type(claim_id) is not str or not claim_id:
            raise InvalidInputError.bad("claim_id", claim_id, "must be a non-empty string")
        if type(person) is not str or not person:
            raise InvalidInputError.bad("person", person, "must be a non-empty string")
        if type(kind) is not str:
            raise InvalidInputError.bad("kind", kind, "must be a string")
        if type(amount) is Money:
            amt = amount.fen
            if amt < 0:
                raise InvalidInputError.bad("amount", amount, "must be >= 0", shown=str(amount))
        else:
            fen = as_money_fen(amount, "amount")
            assert fen is not None
            amt = fen
        if amt > MAX_FEN:  # the same bound in memory and in a database (64-bit fen)
            raise InvalidInputError.bad(
                "amount", money(amt), f"must be <= {money(MAX_FEN)}", shown=str(money(amt))
            )
        d = on if type(on) is _dt.date else as_date(on, "on")
        if self._store is not None:
            return self._claim_stored(claim_id, person, kind, amt, d)
        with self._lock:
            return self._claim(claim_id, person, kind, amt, d)

    def _why_rejected(self, kind: str, d: _dt.date) -> str | None:
        if kind not in self._rules:
            return (
                f"kind={kind!r}: not covered by program {self._program.name!r} "
                f"(kinds: {list(self._program.kinds)})"
            )
        if d < self._start or d > self._end:
            return (
                f"on={d.isoformat()}: outside the program period "
                f"{self._start.isoformat()} to {self._end.isoformat()}"
            )
        return None

    def _claim_stored(
        self, claim_id: str, person: str, kind: str, amt: int, d: _dt.date
    ) -> ClaimResult:
        assert self._store is not None
        why = self._why_rejected(kind, d)
        seen: list[int] = []

        def decide(person_paid: int, paid_total: int) -> Decision | None:
            seen.append(paid_total)
            if why is not None:
                return None
            return _decide(
                self._rules[kind], amt, person_paid, paid_total, self._person_cap, self._budget
            )

        on = d.isoformat()
        old, decision = self._store.claim(claim_id, person, kind, amt, on, decide)
        if old is not None:
            if old[1:5] == (person, kind, amt, on):
                return _result_of(old)
            raise InvalidInputError.bad(
                "claim_id",
                claim_id,
                f"already used for a different claim (person={old[1]!r}, "
                f"kind={old[2]!r}, amount={money(old[3])}, on={old[4]})",
            )
        if decision is None:
            return ClaimResult(
                money(0),
                None,
                money(self._budget - seen[0]),
                claim_id=claim_id,
                status="rejected",
                reason=why,
            )
        return _claim_result(claim_id, decision)

    def _claim(self, claim_id: str, person: str, kind: str, amt: int, d: _dt.date) -> ClaimResult:
        prev = self._entries.get(claim_id)
        if prev is not None:
            if prev.person == person and prev.kind == kind and prev.amount == amt and prev.on == d:
                return prev.result
            raise InvalidInputError.bad(
                "claim_id",
                claim_id,
                f"already used for a different claim (person={prev.person!r}, "
                f"kind={prev.kind!r}, amount={money(prev.amount)}, on={prev.on.isoformat()})",
            )
        why = self._why_rejected(kind, d)
        if why is not None:
            return self._rejected(claim_id, why)
        rule = self._rules[kind]
        paid, limit, requested, remaining, person_left, status, reason = _decide(
            rule, amt, self._by_person.get(person, 0), self._paid, self._person_cap, self._budget
        )
        paid_m = money(paid)
        result = ClaimResult(
            paid_m,
            limit,
            money(remaining),
            claim_id,
            status,
            reason,
            paid_m if requested == paid else money(requested),
            None if person_left is None else money(person_left),
        )
        self._entries[claim_id] = _Entry(person, kind, amt, d, paid, result)
        self._log.append(("claim", claim_id))
        if paid:  # paid > 0 here, so the totals stay positive (no zero keys to drop)
            self._paid += paid
            by = self._by_person
            by[person] = by.get(person, 0) + paid
            by = self._by_kind
            by[kind] = by.get(kind, 0) + paid
            days = self._by_day
            days[d] = days.get(d, 0) + paid
        return result

    def claim_many(
        self,
        records: Iterable[Mapping[str, Any] | tuple[Any, ...]],
        *,
        on_error: Literal["raise", "reject"] = "raise",
    ) -> list[ClaimResult]:
        """Take claims in order; each is atomic (the batch as a whole is not).

        Parameters
        ----------
        records : iterable of mappings or tuples
            ``{"claim_id", "person", "kind", "amount", "on"}`` mappings (amount as
            Money or a string such as ``"120.50"``), or tuples in that order.
        on_error : {"raise", "reject"}
            ``"reject"`` turns malformed records into rejected results (with the
            error message as the reason) instead of stopping the batch.

        Examples
        --------
        >>> from sportsgov import Money, Period
        >>> p = SubsidyProgram("s", ["a"], 1, None, None, Money.yuan(10), Period.year(2024))
        >>> rows = [
        ...     {"claim_id": "1", "person": "x", "kind": "a", "amount": "4", "on": "2024-02-01"},
        ...     {"claim_id": "2", "person": "y", "kind": "a", "amount": "-1", "on": "2024-02-01"},
        ... ]
        >>> [r.status for r in SubsidyLedger(p).claim_many(rows, on_error="reject")]
        ['accepted', 'rejected']
        """
        if on_error not in ("raise", "reject"):
            raise InvalidInputError.bad("on_error", on_error, "expected one of 'raise', 'reject'")
        out: list[ClaimResult] = []
        names = ("claim_id", "person", "kind", "amount", "on")
        for n, rec in enumerate(records, start=1):
            cid = ""
            try:
                if isinstance(rec, Mapping):
                    missing = [k for k in names if k not in rec]
                    if missing:
                        raise DataError(f"missing fields {missing}", row=n)
                    args = [rec[k] for k in names]
                else:
                    if len(rec) != len(names):
                        raise DataError(f"expected 5 values {names}, got {len(rec)}", row=n)
                    args = list(rec)
                cid = args[0] if isinstance(args[0], str) else ""
                out.append(self.claim(args[0], args[1], args[2], args[3], args[4]))
            except InvalidInputError as exc:
                if on_error == "raise":
                    raise
                out.append(self._rejected(cid, str(exc)))
        return out

    def reverse(self, claim_id: str) -> Money:
        """Refund a claim: restore the budget, the person's cap and every total exactly.

        Returns the amount refunded; reversing an already reversed claim refunds
        nothing and returns 0 (safe to retry). The claim id stays used.

        Raises
        ------
        NotFoundError
            No claim with this id.

        Examples
        --------
        >>> from sportsgov import Money, Period
        >>> p = SubsidyProgram("s", ["a"], 1, None, None, Money.yuan(10), Period.year(2024))
        >>> ledger = SubsidyLedger(p)
        >>> _ = ledger.claim("1", "x", "a", Money.yuan(4), "2024-03-01")
        >>> ledger.reverse("1"), ledger.reverse("1"), ledger.remaining
        (Money('4.00'), Money('0.00'), Money('10.00'))
        """
        if self._store is not None:
            got = self._store.reverse(claim_id) if isinstance(claim_id, str) else None
            if got is None:
                raise NotFoundError.bad("claim_id", claim_id, "no such claim in this ledger")
            return money(got)
        with self._lock:
            entry = self._entries.get(claim_id)
            if entry is None:
                raise NotFoundError.bad("claim_id", claim_id, "no such claim in this ledger")
            if entry.reversed or not entry.paid:  # nothing to refund on a refused claim
                return money(0)
            entry.reversed = True
            self._log.append(("reverse", claim_id))
            paid = entry.paid
            if paid:
                self._paid -= paid
                _add(self._by_person, entry.person, -paid)
                _add(self._by_kind, entry.kind, -paid)
                _add(self._by_day, entry.on, -paid)
            return money(paid)

    # -- persistence ---------------------------------------------------------------
    def _log_entries(self) -> list[dict[str, Any]]:
        if self._store is not None:
            rows = {r[0]: r for r in self._store.rows()}
            ops = self._store.log()
            facts = {cid: (r[1], r[2], r[3], r[4], r[5]) for cid, r in rows.items()}
        else:
            with self._lock:
                ops = list(self._log)
                facts = {
                    cid: (e.person, e.kind, e.amount, e.on.isoformat(), e.paid)
                    for cid, e in self._entries.items()
                }
        log: list[dict[str, Any]] = []
        for op, cid in ops:
            if op == "reverse":
                log.append({"op": "reverse", "claim_id": cid})
                continue
            person, kind, amount, on, paid = facts[cid]
            log.append(
                {
                    "op": "claim",
                    "claim_id": cid,
                    "person": person,
                    "kind": kind,
                    "amount_fen": amount,
                    "on": on,
                    "paid_fen": paid,
                }
            )
        return log

    def to_dict(self, *, key: bytes | str | None = None) -> dict[str, Any]:
        """The program and the ordered log of claims and reversals, JSON-ready.

        Each log entry carries ``hash``: SHA-256 (HMAC-SHA-256 with ``key``) over the
        previous entry's hash and the entry's canonical JSON; the chain starts from a
        hash of the program, and ``chain`` records its length and head, so any edit,
        insertion, deletion or truncation is found by :meth:`from_dict`.

        Parameters
        ----------
        key : bytes or str or None
            Secret for an HMAC chain, kept outside the file: without it, someone who
            can write the file can recompute a plain SHA-256 chain.
        """
        return chained_document(self._program.to_dict(), self._log_entries(), parse_key(key))

    def to_json(self, *, key: bytes | str | None = None) -> str:
        """:meth:`to_dict` as a JSON string (UTF-8 text, Chinese kept as is)."""
        return json.dumps(self.to_dict(key=key), ensure_ascii=False, indent=1)

    @classmethod
    def from_dict(
        cls,
        data: Mapping[str, Any],
        *,
        source: str | None = None,
        key: bytes | str | None = None,
    ) -> SubsidyLedger:
        """Rebuild a ledger by replaying a saved log; the hash chain and every payment are checked.

        Raises
        ------
        DataError
            Wrong format; a hash that does not match (an entry edited, inserted or
            deleted: the row named is the first entry that fails); a log shorter or
            longer than the chain says (truncated); a signed file read without its
            key or the other way round; a malformed entry; or a replayed payment that
            differs from the recorded one.
        """
        log = checked_log(data, parse_key(key), source)
        try:
            program = SubsidyProgram.from_dict(data["program"])
        except DataError as exc:
            raise DataError(exc.detail, source=source, field="program") from None
        except InvalidInputError as exc:
            raise DataError(str(exc), source=source, field="program") from None
        ledger = cls(program)
        ledger._replay(log, source)
        return ledger

    def _replay(self, log: list[Any], source: str | None) -> None:
        for row, item in enumerate(log, start=1):
            try:
                op = item["op"]
                if op == "reverse":
                    self.reverse(item["claim_id"])
                    continue
                if op != "claim":
                    raise DataError(f"op={op!r}: expected 'claim' or 'reverse'", field="op")
                r = self.claim(
                    item["claim_id"],
                    item["person"],
                    item["kind"],
                    fen_field(item["amount_fen"], "amount_fen"),
                    item["on"],
                )
                recorded = fen_field(item["paid_fen"], "paid_fen").fen
                if r.paid.fen != recorded or r.binding_limit is None:
                    raise DataError(
                        f"paid_fen={item['paid_fen']!r}: replaying the claim pays "
                        f"{r.paid.fen} ({r.reason or r.binding_limit})",
                        field="paid_fen",
                    )
            except DataError as exc:
                raise DataError(exc.detail, source=source, row=row, field=exc.field) from None
            except (InvalidInputError, KeyError, TypeError, ValueError) as exc:
                raise DataError(
                    f"malformed entry ({exc})", source=source, row=row, field="log"
                ) from None

    @classmethod
    def from_json(
        cls, text: str, *, source: str | None = None, key: bytes | str | None = None
    ) -> SubsidyLedger:
        """Rebuild a ledger from :meth:`to_json` text."""
        return cls.from_dict(parse_json(text, source), source=source, key=key)

    def save(self, path: str | os.PathLike[str], *, key: bytes | str | None = None) -> None:
        """Export the ledger to ``path`` as JSON with a hash chain, atomically and durably.

        The text goes to a temporary file in the same directory, is flushed and
        fsync'ed, and replaces ``path`` in one ``os.replace``; the directory is
        fsync'ed too. On any failure the temporary file is removed and ``path`` is
        untouched. (For a ledger taking claims, use :meth:`open`: this rewrites the
        whole file and is meant for export and archiving.)

        Raises
        ------
        DataError
            The file cannot be written (the OS error is named).
        """
        write_atomic(Path(path), self.to_json(key=key))

    @classmethod
    def load(
        cls,
        path: str | os.PathLike[str],
        *,
        key: bytes | str | None = None,
        into: str | os.PathLike[str] | None = None,
    ) -> SubsidyLedger:
        """Read a ledger written by :meth:`save`, checking its hash chain and replaying its log.

        Parameters
        ----------
        path : path
            The JSON file.
        key : bytes or str or None
            The HMAC key the file was saved with (required if it was signed).
        into : path or DSN or None
            Import into a database (see :meth:`open`) that holds no claims yet,
            instead of returning an in-memory ledger.
        """
        p = Path(path)
        ledger = cls.from_json(read_text(p), source=str(p), key=key)
        if into is None:
            return ledger
        stored = cls.open(into, ledger.program)
        try:
            if len(stored):
                raise DataError(
                    "already holds claims: import into an empty ledger", source=str(into)
                )
            stored._replay(ledger.to_dict()["log"], str(p))
        except BaseException:
            stored.close()
            raise
        return stored


def _result_of(row: Row) -> ClaimResult:
    cid, _person, _kind, _amt, _on, paid, limit, requested, remaining, pr, status, reason, _ = row
    return _claim_result(cid, (paid, limit, requested, remaining, pr, status, reason))


def _claim_result(claim_id: str, decision: Decision) -> ClaimResult:
    """The :class:`ClaimResult` of a stored or fresh decision (amounts in fen)."""
    paid, limit, requested, remaining, person_left, status, reason = decision
    return ClaimResult(
        money(paid),
        limit,  # type: ignore[arg-type]
        money(remaining),
        claim_id,
        status,  # type: ignore[arg-type]
        reason,
        money(requested),
        None if person_left is None else money(person_left),
    )
