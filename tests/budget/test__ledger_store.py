"""Database-backed subsidy ledgers (SQLite, PostgreSQL), the JSON export's hash chain,
and the concurrency guarantee: N processes on one ledger never overspend or lose a claim.

The oracle for the concurrency tests is the invariant itself, checked from the
database's raw rows (not from the ledger's running totals): every acknowledged
claim is present with the paid amount the process was told, the sum paid is
<= budget, no person is paid beyond the cap, and the running totals equal the
sums recomputed from the claim rows.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import signal
import sqlite3
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest

from sportsgov.budget import SubsidyLedger, SubsidyProgram
from sportsgov.errors import DataError, InvalidInputError, NotFoundError
from sportsgov.money import Money
from sportsgov.periods import Period

PG_DSN = os.environ.get("SPORTSGOV_TEST_POSTGRES_DSN")


def _program(budget: int = 500, name: str = "冰雪") -> SubsidyProgram:
    return SubsidyProgram(
        name,
        ["ski_ticket", "coaching"],
        1,
        Money.yuan(5),
        Money.yuan(20),
        Money.yuan(budget),
        Period.year(2024),
    )


def _reset_pg() -> None:
    psycopg = pytest.importorskip("psycopg")
    assert PG_DSN is not None
    with psycopg.connect(PG_DSN, autocommit=True) as conn:
        for t in ("sg_program", "sg_claims", "sg_people", "sg_log"):
            conn.execute(f"DROP TABLE IF EXISTS {t}")


@pytest.fixture(params=["sqlite", "postgres"])
def target(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return str(tmp_path / "ledger.sqlite")
    if not PG_DSN:
        pytest.skip("no PostgreSQL: set SPORTSGOV_TEST_POSTGRES_DSN (tools/pg_test_server.sh)")
    _reset_pg()
    return PG_DSN


# ------------------------------------------------------------------ behaviour


def test_stored_ledger_matches_in_memory_ledger(target: str) -> None:
    memory = SubsidyLedger(_program(20))
    claims = [
        ("c1", "zhang", "ski_ticket", Money.yuan(3), "2024-01-02"),
        ("c2", "zhang", "coaching", Money.yuan(9), "2024-01-03"),
        ("c3", "li", "lift", Money.yuan(9), "2024-01-03"),  # kind not covered
        ("c4", "li", "coaching", Money.yuan(9), "2025-01-03"),  # outside the period
        ("c5", "wang", "coaching", Money.yuan(9), "2024-02-03"),
        ("c6", "zhao", "coaching", Money.yuan(9), "2024-02-03"),
        ("c7", "qian", "coaching", Money.yuan(9), "2024-02-04"),  # budget binds
        ("c8", "sun", "coaching", Money.yuan(9), "2024-02-05"),  # ¥0: refused
        ("c9", "sun", "coaching", Money(0), "2024-02-05"),  # ¥0 by the rate
    ]
    with SubsidyLedger.open(target, _program(20)) as stored:
        for c in claims:
            assert stored.claim(*c) == memory.claim(*c)
        for c in claims:  # repeats are idempotent, also the refused ones
            assert stored.claim(*c) == memory.claim(*c)
        assert stored.claim(
            "c8", "sun", "coaching", Money.yuan(9), "2024-02-05"
        ).binding_limit == ("budget")
        assert stored.reverse("c2") == memory.reverse("c2") == Money.yuan(5)
        assert stored.reverse("c2") == Money(0)
        assert stored.reverse("c8") == Money(0)
        with pytest.raises(NotFoundError, match="claim_id='nope': no such claim"):
            stored.reverse("nope")
        with pytest.raises(InvalidInputError, match="already used for a different claim"):
            stored.claim("c1", "zhang", "ski_ticket", Money.yuan(4), "2024-01-02")
        for by in ("kind", "person", "day"):
            assert stored.totals(by=by) == memory.totals(by=by)  # type: ignore[arg-type]
        assert stored.claims() == memory.claims()
        assert (stored.paid_total, stored.remaining, len(stored)) == (
            memory.paid_total,
            memory.remaining,
            len(memory),
        )
        assert stored.person_remaining("zhang") == memory.person_remaining("zhang")
        assert stored.result("c5") == memory.result("c5")
        assert "c1" in stored and "c3" not in stored
        assert stored.to_dict() == memory.to_dict()


def test_open_refuses_another_program_and_needs_one(target: str) -> None:
    SubsidyLedger.open(target, _program()).close()
    with pytest.raises(
        DataError, match=r"holds the ledger of another program \('冰雪', not 'x'\)"
    ):
        SubsidyLedger.open(target, _program(name="x"))
    with pytest.raises(DataError, match="or the same program with other rules"):
        SubsidyLedger.open(target, _program(budget=501))
    with SubsidyLedger.open(target) as again:
        assert again.program == _program()


def test_open_bad_targets(tmp_path: Path) -> None:
    with pytest.raises(InvalidInputError, match="holds no ledger yet: pass the program"):
        SubsidyLedger.open(tmp_path / "new.sqlite")
    with pytest.raises(InvalidInputError, match="target=42: expected a SQLite file path"):
        SubsidyLedger.open(42, _program())  # type: ignore[arg-type]
    (tmp_path / "junk.sqlite").write_bytes(b"not a database" * 100)
    with pytest.raises(DataError, match=r"junk\.sqlite: cannot open as SQLite"):
        SubsidyLedger.open(tmp_path / "junk.sqlite", _program())
    big = r"amount=11805916207174113034\.24: must be <= 46116860184273879\.04"
    with (
        SubsidyLedger.open(tmp_path / "a.sqlite", _program()) as ledger,
        pytest.raises(InvalidInputError, match=big),
    ):
        ledger.claim("1", "x", "coaching", Money(2**70), "2024-01-01")


def test_export_import_round_trip_into_database(tmp_path: Path) -> None:
    memory = SubsidyLedger(_program(12))
    for i in range(5):
        memory.claim(f"c{i}", f"p{i % 2}", "coaching", Money.yuan(4), "2024-03-01")
    memory.reverse("c1")
    memory.save(tmp_path / "x.json", key="k")
    db = tmp_path / "x.sqlite"
    with SubsidyLedger.load(tmp_path / "x.json", key="k", into=db) as stored:
        assert stored.to_dict() == memory.to_dict()
    with pytest.raises(DataError, match="already holds claims"):
        SubsidyLedger.load(tmp_path / "x.json", key="k", into=db)
    assert [p.name for p in tmp_path.iterdir() if p.suffix == ".tmp"] == []


def test_pickled_database_ledger_reopens(tmp_path: Path) -> None:
    import pickle

    with SubsidyLedger.open(tmp_path / "p.sqlite", _program()) as ledger:
        ledger.claim("1", "x", "coaching", Money.yuan(1), "2024-01-01")
        with pickle.loads(pickle.dumps(ledger)) as again:
            assert again.paid_total == Money.yuan(1) and len(again) == 1


# ------------------------------------------------------------------ hash chain


def _saved(tmp_path: Path, key: str | None = None) -> Path:
    ledger = SubsidyLedger(_program())
    for i in range(4):
        ledger.claim(f"c{i}", f"p{i}", "coaching", Money.yuan(3 + i), "2024-03-01")
    ledger.reverse("c2")
    path = tmp_path / "ledger.json"
    ledger.save(path, key=key)
    return path


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (
            lambda d: d["log"][1].update(paid_fen=4000),
            r"row 2, field hash: entry 2 does not match",
        ),
        (
            lambda d: d["log"][1].update(claim_id="c9"),
            r"row 2, field hash: entry 2 does not match",
        ),
        (lambda d: d["program"].update(budget_fen=100000), r"field program: .*genesis hash"),
        (lambda d: d["log"].pop(1), r"row 2, field hash: entry 2 does not match"),
        (lambda d: d["log"].pop(), r"log has 4 entries but the chain says length=5: truncated"),
        (lambda d: d["log"].clear(), r"log has 0 entries but the chain says length=5"),
        (lambda d: d.pop("chain"), r"field chain: chain: missing"),
        (lambda d: d["chain"].update(head="0" * 64), r"head hash does not match"),
        (lambda d: d.update(version=1), r"version=1: expected 2"),
    ],
)
def test_load_refuses_every_targeted_edit(tmp_path: Path, edit: Any, message: str) -> None:
    path = _saved(tmp_path)
    assert len(SubsidyLedger.load(path)) == 4
    data = json.loads(path.read_text(encoding="utf-8"))
    edit(data)
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(DataError, match=message):
        SubsidyLedger.load(path)


def test_load_refuses_every_digit_flip(tmp_path: Path) -> None:
    """Exhaustive: each digit of the file changed, one at a time, is refused."""
    path = _saved(tmp_path)
    text = path.read_text(encoding="utf-8")
    flips = [i for i, ch in enumerate(text) if ch.isdigit()]
    accepted = []
    for i in flips:
        flipped = text[:i] + str((int(text[i]) + 1) % 10) + text[i + 1 :]
        try:
            SubsidyLedger.from_json(flipped)
        except DataError:
            continue
        accepted.append(i)
    assert len(flips) > 300 and accepted == []


def test_hmac_key(tmp_path: Path) -> None:
    path = _saved(tmp_path, key="secret")
    assert len(SubsidyLedger.load(path, key="secret")) == 4
    with pytest.raises(DataError, match=r"signed \(hmac-sha256\): pass its key"):
        SubsidyLedger.load(path)
    with pytest.raises(DataError, match=r"genesis hash .* or the key is wrong"):
        SubsidyLedger.load(path, key="wrong")
    plain = _saved(tmp_path)
    with pytest.raises(DataError, match="a key was given but the file is not signed"):
        SubsidyLedger.load(plain, key="secret")


def test_save_leaves_no_temporary_file_on_failure(tmp_path: Path) -> None:
    ledger = SubsidyLedger(_program())
    (tmp_path / "dir.json").mkdir()  # os.replace onto a directory fails
    with pytest.raises(DataError, match=r"dir\.json: cannot write"):
        ledger.save(tmp_path / "dir.json")
    with pytest.raises(DataError, match="cannot write"):
        ledger.save(tmp_path / "missing" / "x.json")
    with pytest.raises(DataError, match="cannot read"):
        SubsidyLedger.load(tmp_path / "nope.json")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dir.json"]


# ------------------------------------------------------------------ concurrency

WORKERS = 4
CLAIMS = 200


def _worker(target: str, worker: int, ack: str, delay: float) -> None:
    """Claim CLAIMS times; after each claim returns, append 'id paid status' to ``ack``."""
    with SubsidyLedger.open(target) as ledger, open(ack, "a", encoding="utf-8") as out:
        for i in range(CLAIMS):
            cid = f"w{worker}-{i}"
            amount = Money.yuan(1 + (i * 7 + worker) % 9)
            kind = "coaching" if i % 3 else "ski_ticket"
            r = ledger.claim(cid, f"p{(i + worker) % 23}", kind, amount, "2024-06-01")
            if i % 10 == 0:  # retries of the same claim from another process
                ledger.claim(cid, f"p{(i + worker) % 23}", kind, amount, "2024-06-01")
            out.write(f"{cid} {r.paid.fen} {r.status}\n")
            out.flush()
            if delay:
                time.sleep(delay)


def _raw_rows(target: str) -> list[tuple[str, str, int, int]]:
    sql = "SELECT claim_id, person, paid_fen, reversed FROM sg_claims"
    if target.startswith("postgresql://"):
        import psycopg

        with psycopg.connect(target) as conn:
            return [tuple(r) for r in conn.execute(sql).fetchall()]  # type: ignore[misc]
    conn = sqlite3.connect(target)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        return [tuple(r) for r in conn.execute(sql).fetchall()]
    finally:
        conn.close()


def _check_invariants(target: str, acks: list[Path], program: SubsidyProgram) -> int:
    rows = _raw_rows(target)
    paid = {cid: fen for cid, _, fen, _ in rows}
    acked = 0
    for ack in acks:
        for line in ack.read_text(encoding="utf-8").splitlines():
            cid, fen, _status = line.split()
            assert paid[cid] == int(fen), cid  # every acknowledged claim is there, as told
            acked += 1
    total = sum(fen for *_, fen, rev in rows if not rev)
    assert 0 < total <= program.budget.fen
    by_person: dict[str, int] = defaultdict(int)
    for _, person, fen, _ in rows:
        by_person[person] += fen
    assert program.per_person_cap is not None
    assert max(by_person.values()) <= program.per_person_cap.fen
    with SubsidyLedger.open(target) as ledger:  # running totals == sums of the rows
        assert ledger.paid_total.fen == total
        assert {k: v.fen for k, v in ledger.totals(by="person").items()} == {
            k: v for k, v in by_person.items() if v
        }
        assert len(ledger) == len(rows)
    return acked


def _run(target: str, tmp_path: Path, *, kill: bool) -> None:
    program = _program(budget=1500)
    SubsidyLedger.open(target, program).close()
    ctx = multiprocessing.get_context("spawn")
    acks = [tmp_path / f"ack{w}.txt" for w in range(WORKERS)]
    procs = [
        ctx.Process(
            target=_worker, args=(target, w, str(acks[w]), 0.005 if kill and w == 0 else 0)
        )
        for w in range(WORKERS)
    ]
    for p in procs:
        p.start()
    if kill:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if acks[0].exists() and len(acks[0].read_text().splitlines()) >= 20:
                break
            time.sleep(0.01)
        assert procs[0].pid is not None
        os.kill(procs[0].pid, signal.SIGKILL)
    for p in procs:
        p.join(300)
    codes = [p.exitcode for p in procs]
    if kill:
        assert codes[0] == -signal.SIGKILL and codes[1:] == [0] * (WORKERS - 1)
    else:
        assert codes == [0] * WORKERS
    acked = _check_invariants(target, [a for a in acks if a.exists()], program)
    assert acked >= (WORKERS - 1) * CLAIMS + (20 if kill else CLAIMS)
    with SubsidyLedger.open(target) as ledger:
        refused = [c for c in ledger.claims() if c.result.status == "rejected"]
        assert refused and all(c.result.binding_limit for c in refused)  # the budget bound


def test_processes_share_one_ledger(target: str, tmp_path: Path) -> None:
    _run(target, tmp_path, kill=False)


def test_process_killed_mid_claim(target: str, tmp_path: Path) -> None:
    _run(target, tmp_path, kill=True)
