"""SQL storage for :class:`~sportsgov.budget.subsidy.SubsidyLedger` (SQLite and PostgreSQL).

One schema, one transaction rule for both databases: every claim is one
transaction that first takes the program's write lock (SQLite ``BEGIN IMMEDIATE``;
PostgreSQL ``SELECT ... FOR UPDATE`` on the program row), then reads the
running totals, decides the payment and writes the claim, the totals and the log
entry before it commits. Claims from any number of processes are therefore
serialised on the program, and the budget and caps are always checked against
committed totals. A claim id is the claims table's primary key (idempotency
across processes). The running totals make a claim O(1): nothing is rescanned.

Nothing here is public; :meth:`SubsidyLedger.open` is the entry point.
"""

from __future__ import annotations

import re
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sportsgov.errors import DataError, InvalidInputError

__all__ = ["MAX_FEN", "Decision", "Row", "SqlStore", "open_store"]

# Every fen value stored is a signed 64-bit integer in both databases.
MAX_FEN = 2**62
"""Largest budget, amount or cap (in fen) a database-backed ledger stores."""

# (paid, binding_limit, requested, remaining, person_remaining, status, reason)
Decision = tuple[int, str | None, int, int, int | None, str, str | None]
# (claim_id, person, kind, amount_fen, on, paid_fen, binding_limit, requested_fen,
#  remaining_fen, person_remaining_fen, status, reason, reversed)
Row = tuple[str, str, str, int, str, int, str | None, int, int, int | None, str, str | None, bool]

_COLUMNS = (
    "claim_id, person, kind, amount_fen, on_date, paid_fen, binding_limit, requested_fen, "
    "remaining_fen, person_remaining_fen, status, reason, reversed"
)

_SCHEMA = (
    """CREATE TABLE IF NOT EXISTS sg_program (
        id INTEGER PRIMARY KEY,
        body TEXT NOT NULL,
        paid_fen BIGINT NOT NULL,
        next_seq BIGINT NOT NULL)""",
    """CREATE TABLE IF NOT EXISTS sg_claims (
        claim_id TEXT PRIMARY KEY,
        seq BIGINT NOT NULL UNIQUE,
        person TEXT NOT NULL,
        kind TEXT NOT NULL,
        amount_fen BIGINT NOT NULL,
        on_date TEXT NOT NULL,
        paid_fen BIGINT NOT NULL,
        binding_limit TEXT,
        requested_fen BIGINT NOT NULL,
        remaining_fen BIGINT NOT NULL,
        person_remaining_fen BIGINT,
        status TEXT NOT NULL,
        reason TEXT,
        reversed INTEGER NOT NULL)""",
    """CREATE TABLE IF NOT EXISTS sg_people (
        person TEXT PRIMARY KEY,
        paid_fen BIGINT NOT NULL)""",
    """CREATE TABLE IF NOT EXISTS sg_log (
        seq BIGINT PRIMARY KEY,
        op TEXT NOT NULL,
        claim_id TEXT NOT NULL)""",
)


def _row(r: Any) -> Row:
    return (
        str(r[0]),
        str(r[1]),
        str(r[2]),
        int(r[3]),
        str(r[4]),
        int(r[5]),
        r[6],
        int(r[7]),
        int(r[8]),
        None if r[9] is None else int(r[9]),
        str(r[10]),
        r[11],
        bool(r[12]),
    )


class SqlStore:
    """A ledger's tables in one database (the connection is guarded by a lock)."""

    placeholder = "?"

    def __init__(self, conn: Any, label: str) -> None:
        self._conn = conn
        self.label = label
        self._lock = threading.RLock()

    # -- backend hooks -----------------------------------------------------------------
    def _write(self) -> Any:  # pragma: no cover - overridden
        raise NotImplementedError

    def _lock_program(self, cur: Any) -> tuple[int, int] | None:  # pragma: no cover
        raise NotImplementedError

    def _sql(self, text: str) -> str:
        return text if self.placeholder == "?" else text.replace("?", self.placeholder)

    def _run(self, cur: Any, text: str, args: tuple[Any, ...] = ()) -> Any:
        cur.execute(self._sql(text), args)
        return cur

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    # -- schema and program ----------------------------------------------------------------
    def bind(self, body: str | None) -> str | None:
        """Create the tables if needed; store ``body`` or return the stored one."""
        with self._write() as cur:
            for statement in _SCHEMA:
                self._run(cur, statement)
            row = self._run(cur, "SELECT body FROM sg_program WHERE id = 1").fetchone()
            if row is not None:
                return str(row[0])
            if body is not None:
                self._run(
                    cur,
                    "INSERT INTO sg_program (id, body, paid_fen, next_seq) VALUES (1, ?, 0, 1)",
                    (body,),
                )
            return body

    # -- writes -------------------------------------------------------------------------
    def claim(
        self,
        claim_id: str,
        person: str,
        kind: str,
        amount: int,
        on: str,
        decide: Callable[[int, int], Decision | None],
    ) -> tuple[Row | None, Decision | None]:
        """One claim in one transaction.

        Returns ``(existing_row, None)`` when the id is already used, ``(None,
        decision)`` otherwise; ``decide(person_paid, paid_total)`` returns None for a
        claim that is rejected without being recorded.
        """
        with self._write() as cur:
            paid_total, seq = self._program_row(cur)
            old = self._run(
                cur, f"SELECT {_COLUMNS} FROM sg_claims WHERE claim_id = ?", (claim_id,)
            ).fetchone()
            if old is not None:
                return _row(old), None
            got = self._run(
                cur, "SELECT paid_fen FROM sg_people WHERE person = ?", (person,)
            ).fetchone()
            person_paid = 0 if got is None else int(got[0])
            decision = decide(person_paid, paid_total)
            if decision is None:
                return None, None
            paid, limit, requested, remaining, person_left, status, reason = decision
            self._run(
                cur,
                f"INSERT INTO sg_claims (seq, {_COLUMNS}) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)",
                (
                    seq,
                    claim_id,
                    person,
                    kind,
                    amount,
                    on,
                    paid,
                    limit,
                    requested,
                    remaining,
                    person_left,
                    status,
                    reason,
                ),
            )
            self._run(
                cur,
                "INSERT INTO sg_log (seq, op, claim_id) VALUES (?, 'claim', ?)",
                (seq, claim_id),
            )
            self._run(
                cur,
                "UPDATE sg_program SET paid_fen = paid_fen + ?, next_seq = next_seq + 1 "
                "WHERE id = 1",
                (paid,),
            )
            if paid:
                self._add_person(cur, person, paid)
            return None, decision

    def reverse(self, claim_id: str) -> int | None:
        """Refund a claim: the amount refunded, 0 if already reversed, None if unknown."""
        with self._write() as cur:
            _, seq = self._program_row(cur)
            got = self._run(
                cur,
                "SELECT person, paid_fen, reversed FROM sg_claims WHERE claim_id = ?",
                (claim_id,),
            ).fetchone()
            if got is None:
                return None
            person, paid, reversed_ = str(got[0]), int(got[1]), bool(got[2])
            if reversed_ or not paid:
                return 0
            self._run(cur, "UPDATE sg_claims SET reversed = 1 WHERE claim_id = ?", (claim_id,))
            self._run(
                cur,
                "INSERT INTO sg_log (seq, op, claim_id) VALUES (?, 'reverse', ?)",
                (seq, claim_id),
            )
            self._run(
                cur,
                "UPDATE sg_program SET paid_fen = paid_fen - ?, next_seq = next_seq + 1 "
                "WHERE id = 1",
                (paid,),
            )
            self._add_person(cur, person, -paid)
            return paid

    def _program_row(self, cur: Any) -> tuple[int, int]:
        got = self._lock_program(cur)
        if got is None:
            raise DataError("the ledger tables hold no program", source=self.label)
        return got

    def _add_person(self, cur: Any, person: str, fen: int) -> None:
        self._run(
            cur,
            "INSERT INTO sg_people (person, paid_fen) VALUES (?, ?) "
            "ON CONFLICT (person) DO UPDATE SET paid_fen = sg_people.paid_fen + excluded.paid_fen",
            (person, fen),
        )

    # -- reads --------------------------------------------------------------------------
    def _read(self, text: str, args: tuple[Any, ...] = ()) -> list[Any]:
        with self._write() as cur:
            return list(self._run(cur, text, args).fetchall())

    def paid_total(self) -> int:
        return int(self._read("SELECT paid_fen FROM sg_program WHERE id = 1")[0][0])

    def person_paid(self, person: str) -> int:
        rows = self._read("SELECT paid_fen FROM sg_people WHERE person = ?", (person,))
        return int(rows[0][0]) if rows else 0

    def count(self) -> int:
        return int(self._read("SELECT COUNT(*) FROM sg_claims")[0][0])

    def get(self, claim_id: str) -> Row | None:
        rows = self._read(f"SELECT {_COLUMNS} FROM sg_claims WHERE claim_id = ?", (claim_id,))
        return _row(rows[0]) if rows else None

    def rows(self) -> list[Row]:
        return [_row(r) for r in self._read(f"SELECT {_COLUMNS} FROM sg_claims ORDER BY seq")]

    def log(self) -> list[tuple[str, str]]:
        return [
            (str(a), str(b)) for a, b in self._read("SELECT op, claim_id FROM sg_log ORDER BY seq")
        ]

    def totals(self, column: str) -> list[tuple[str, int]]:
        assert column in ("kind", "person", "on_date")
        return [
            (str(k), int(v))
            for k, v in self._read(
                f"SELECT {column}, SUM(paid_fen) FROM sg_claims WHERE reversed = 0 "
                f"GROUP BY {column} HAVING SUM(paid_fen) <> 0 ORDER BY MIN(seq)"
            )
        ]


class SqliteStore(SqlStore):
    """SQLite in WAL mode; each write is ``BEGIN IMMEDIATE`` ... ``COMMIT`` (synchronous=FULL)."""

    def __init__(self, path: Path, *, timeout: float) -> None:
        conn = None
        try:
            conn = sqlite3.connect(
                str(path), timeout=timeout, isolation_level=None, check_same_thread=False
            )
            conn.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
            deadline = time.monotonic() + timeout
            while True:
                try:
                    mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
                    break
                except sqlite3.OperationalError:
                    if time.monotonic() > deadline:
                        raise
                    time.sleep(0.05)
            if str(mode).lower() != "wal":
                raise DataError(f"journal_mode={mode!r}: WAL is required", source=str(path))
            conn.execute("PRAGMA synchronous = FULL")
        except BaseException as exc:
            if conn is not None:  # never leave the connection open behind an error
                conn.close()
            if isinstance(exc, sqlite3.Error):
                raise DataError(f"cannot open as SQLite ({exc})", source=str(path)) from None
            raise
        super().__init__(conn, str(path))

    @contextmanager
    def _write(self) -> Iterator[Any]:
        with self._lock:
            cur = self._conn.cursor()
            try:
                cur.execute("BEGIN IMMEDIATE")
            except sqlite3.Error as exc:
                raise DataError(f"cannot lock the ledger ({exc})", source=self.label) from None
            try:
                yield cur
            except BaseException:
                self._conn.rollback()
                raise
            try:
                cur.execute("COMMIT")
            except sqlite3.Error as exc:
                self._conn.rollback()
                raise DataError(f"commit failed ({exc})", source=self.label) from None

    def _lock_program(self, cur: Any) -> tuple[int, int] | None:
        got = cur.execute("SELECT paid_fen, next_seq FROM sg_program WHERE id = 1").fetchone()
        return None if got is None else (int(got[0]), int(got[1]))


class PostgresStore(SqlStore):
    """PostgreSQL through psycopg 3; claims serialise on ``SELECT ... FOR UPDATE``."""

    placeholder = "%s"

    def __init__(self, dsn: str, *, timeout: float) -> None:
        label = _redact(dsn)
        try:
            import psycopg
        except ImportError:
            raise InvalidInputError.bad(
                "target",
                label,
                "a PostgreSQL ledger needs psycopg 3: pip install 'sportsgov[postgres]'",
            ) from None
        self._errors: type[Exception] = psycopg.Error
        try:
            conn = psycopg.connect(dsn, connect_timeout=max(1, int(timeout)))
        except psycopg.Error as exc:
            raise DataError(f"cannot connect ({str(exc).strip()})", source=label) from None
        super().__init__(conn, label)

    @contextmanager
    def _write(self) -> Iterator[Any]:
        with self._lock:
            try:
                with self._conn.transaction(), self._conn.cursor() as cur:
                    cur.execute("SELECT pg_advisory_xact_lock(hashtext('sportsgov.sg_schema'))")
                    yield cur
            except self._errors as exc:
                raise DataError(
                    f"database error ({str(exc).strip()})", source=self.label
                ) from None

    def _lock_program(self, cur: Any) -> tuple[int, int] | None:
        got = cur.execute(
            "SELECT paid_fen, next_seq FROM sg_program WHERE id = 1 FOR UPDATE"
        ).fetchone()
        return None if got is None else (int(got[0]), int(got[1]))


def _redact(dsn: str) -> str:
    return re.sub(r"(://[^:/@]*):[^@]*@", r"\1:***@", re.sub(r"password=\S+", "password=***", dsn))


def open_store(target: object, *, timeout: float) -> SqlStore:
    """A store for ``target``: a ``postgresql://`` DSN or a SQLite file path."""
    if isinstance(target, str) and re.match(r"^postgres(ql)?://", target):
        return PostgresStore(target, timeout=timeout)
    if isinstance(target, str | Path) or hasattr(target, "__fspath__"):
        path = Path(target)
        if str(path) in ("", ":memory:"):
            raise InvalidInputError.bad(
                "target", target, "expected a SQLite file path or a postgresql:// DSN"
            )
        return SqliteStore(path, timeout=timeout)
    raise InvalidInputError.bad(
        "target", target, "expected a SQLite file path or a postgresql:// DSN"
    )
