"""Fuzz the subsidy ledger (in memory and on SQLite) and its JSON import."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from fuzzutil import HOSTILE, bounded, budget, call
from hypothesis import given
from hypothesis import strategies as st

from sportsgov.budget import SubsidyLedger, SubsidyProgram
from sportsgov.money import Money
from sportsgov.periods import Period

PROGRAM = SubsidyProgram(
    "fuzz", ["a", "b"], "1/3", Money.yuan(50), Money.yuan(120), Money.yuan(500), Period.year(2024)
)

claims = st.lists(
    st.tuples(
        st.one_of(st.sampled_from(["c1", "c2", "c3", "c4"]), st.text(max_size=5)),
        st.one_of(st.sampled_from(["p1", "p2"]), st.text(max_size=3)),
        st.sampled_from(["a", "b", "z", ""]),
        st.one_of(
            st.integers(-5, 10**6).map(Money),
            st.sampled_from([Money(2**70), "12.50", "1e100000000", 1.5, None]),
            st.sampled_from(HOSTILE),
        ),
        st.one_of(
            st.dates(dt.date(2023, 12, 1), dt.date(2025, 1, 31)),
            st.sampled_from(["2024-02-30", "2024-06-01", "x", 20240601]),
        ),
    ),
    max_size=12,
)


def _check(ledger: SubsidyLedger) -> None:
    assert ledger.paid_total <= PROGRAM.budget
    assert PROGRAM.per_person_cap is not None
    for v in ledger.totals(by="person").values():
        assert Money(0) < v <= PROGRAM.per_person_cap
    for c in ledger.claims():
        assert (c.result.status == "accepted") == (c.paid > Money(0))  # ¥0 is refused


@budget
@given(claims, st.lists(st.sampled_from(["c1", "c2", "nope"]), max_size=3))
@bounded
def test_ledger_claims(items: list[tuple[Any, ...]], reversals: list[str]) -> None:
    ledger = SubsidyLedger(PROGRAM)
    for item in items:
        call("SubsidyLedger.claim", ledger.claim, *item)
    for cid in reversals:
        call("SubsidyLedger.reverse", ledger.reverse, cid)
    _check(ledger)
    again = call("SubsidyLedger.from_json", SubsidyLedger.from_json, ledger.to_json())
    assert again is not None and again.to_dict() == ledger.to_dict()


@budget
@given(claims)
@bounded
def test_sqlite_ledger_matches_memory(tmp_path: Path, items: list[tuple[Any, ...]]) -> None:
    path = tmp_path / f"l{abs(hash(repr(items)))}.sqlite"
    memory = SubsidyLedger(PROGRAM)
    with SubsidyLedger.open(path, PROGRAM) as stored:
        for item in items:
            a = call("SubsidyLedger.claim", memory.claim, *item)
            b = call("SubsidyLedger.claim[sqlite]", stored.claim, *item)
            assert a == b
        _check(stored)
        assert stored.to_dict() == memory.to_dict()


@budget
@given(st.data())
@bounded
def test_ledger_import_edits(data: Any) -> None:
    ledger = SubsidyLedger(PROGRAM)
    for i in range(4):
        ledger.claim(f"c{i}", f"p{i % 2}", "a", Money.yuan(30 + i), "2024-03-01")
    text = ledger.to_json()
    i = data.draw(st.integers(0, len(text) - 1))
    new = data.draw(st.one_of(st.characters(), st.sampled_from(HOSTILE)))
    edited = text[:i] + new + text[i + 1 :]
    again = call("SubsidyLedger.from_json", SubsidyLedger.from_json, edited)
    if again is not None:  # accepted only if the edit changed nothing that matters
        assert json.loads(edited) == json.loads(text) or again.to_dict() == ledger.to_dict()
