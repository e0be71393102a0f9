"""Tests for sportsgov.budget.subsidy (乐冰雪-style subsidy programs and ledgers)."""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import sys
import threading
from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal, localcontext
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sportsgov.budget import ClaimResult, SubsidyLedger, SubsidyProgram
from sportsgov.errors import DataError, InvalidInputError, NotFoundError
from sportsgov.money import Money
from sportsgov.periods import Period
from sportsgov.testing import subsidy_claims, subsidy_programs

# Zhangjiakou's 乐冰雪 app pays ski-ticket and pass (雪票、套票), coaching (教学补贴),
# training (培训补贴) and event (赛事补贴) subsidies (张家口市…扎实推进冬奥筹办, 河北日报,
# 2021-01-22).
SEASON = Period.parse("2020-12/2021-03")


def _program(**kw: Any) -> SubsidyProgram:
    args: dict[str, Any] = {
        "name": "乐冰雪 2020—2021",
        "kinds": ["ski_ticket", "coaching", "training", "event"],
        "rate": {"ski_ticket": "50%", "coaching": "30%", "training": 1, "event": "40%"},
        "per_claim_cap": {"ski_ticket": Money.yuan(100), "coaching": Money.yuan(150)},
        "per_person_cap": Money.yuan(300),
        "budget": Money.yuan(1000),
        "period": SEASON,
    }
    args.update(kw)
    return SubsidyProgram(**args)


def rechain(data: dict[str, Any]) -> dict[str, Any]:
    """Recompute a document's plain SHA-256 chain, as an editor with file access could."""
    prev = hashlib.sha256(
        ("sportsgov.subsidy-ledger/2\n" + _canon(data["program"])).encode()
    ).hexdigest()
    data["chain"]["genesis"] = prev
    for entry in data["log"]:
        body = {k: v for k, v in entry.items() if k != "hash"}
        prev = hashlib.sha256(f"{prev}\n{_canon(body)}".encode()).hexdigest()
        entry["hash"] = prev
    data["chain"]["head"] = prev
    data["chain"]["length"] = len(data["log"])
    return data


def _canon(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _snapshot(ledger: SubsidyLedger) -> tuple[Any, ...]:
    return (
        ledger.paid_total,
        ledger.remaining,
        ledger.totals(by="kind"),
        ledger.totals(by="person"),
        ledger.totals(by="day"),
        len(ledger),
    )


# ---------------------------------------------------------------- worked example


def test_worked_season() -> None:
    ledger = SubsidyLedger(_program())
    r1 = ledger.claim("c1", "zhang", "ski_ticket", Money.yuan(180), "2021-01-09")
    assert (r1.paid, r1.binding_limit, r1.remaining) == (Money.yuan(90), "rate", Money.yuan(910))
    r2 = ledger.claim("c2", "zhang", "ski_ticket", Money.yuan(260), dt.date(2021, 1, 10))
    assert (r2.paid, r2.binding_limit, r2.requested) == (
        Money.yuan(100),
        "per_claim_cap",
        Money.yuan(130),
    )
    # 全额补贴 training (rate 1): 200 yuan asked, only 110 left under zhang's 300 cap
    r3 = ledger.claim("c3", "zhang", "training", Money.yuan(200), "2021-02-01")
    assert (r3.paid, r3.binding_limit, r3.person_remaining) == (
        Money.yuan(110),
        "per_person_cap",
        Money.yuan(0),
    )
    # coaching 30 % of 333.35 = 100.005 -> half-up to 100.01
    r4 = ledger.claim("c4", "li", "coaching", Money.yuan("333.35"), "2021-02-02")
    assert r4.paid == Money.yuan("100.01")
    # the rest of the budget: 1000 - 90 - 100 - 110 - 100.01 = 599.99
    r5 = ledger.claim("c5", "wang", "training", Money.yuan(800), "2021-03-31")
    assert (r5.paid, r5.binding_limit) == (Money.yuan(300), "per_person_cap")
    r6 = ledger.claim("c6", "zhao", "training", Money.yuan(800), "2021-03-31")
    assert (r6.paid, r6.binding_limit, r6.remaining) == (
        Money.yuan("299.99"),
        "budget",
        Money.yuan(0),
    )
    r7 = ledger.claim("c7", "sun", "event", Money.yuan(50), "2021-03-31")
    assert (r7.paid, r7.binding_limit, r7.accepted) == (Money(0), "budget", False)
    assert r7.reason == "paid=0.00: the program budget is spent (binding limit: budget)"
    assert ledger.claim("c7", "sun", "event", Money.yuan(50), "2021-03-31") == r7  # idempotent
    assert ledger.totals(by="kind") == {
        "ski_ticket": Money.yuan(190),
        "training": Money.yuan("709.99"),
        "coaching": Money.yuan("100.01"),
    }
    assert ledger.totals(by="day")[dt.date(2021, 3, 31)] == Money.yuan("599.99")
    # refund zhang's ski ticket: budget and his cap come back
    assert ledger.reverse("c1") == Money.yuan(90)
    assert ledger.remaining == Money.yuan(90)
    assert ledger.person_remaining("zhang") == Money.yuan(90)
    assert ledger.claim("c8", "zhang", "event", Money.yuan(500), "2021-03-01").paid == Money.yuan(
        90
    )


def test_rejections_are_results_and_record_nothing() -> None:
    ledger = SubsidyLedger(_program())
    before = _snapshot(ledger)
    r = ledger.claim("x1", "zhang", "lift_pass", Money.yuan(10), "2021-01-01")
    assert r.status == "rejected" and r.paid == Money(0) and r.binding_limit is None
    assert "kind='lift_pass': not covered" in (r.reason or "")
    r = ledger.claim("x1", "zhang", "ski_ticket", Money.yuan(10), "2021-04-01")
    assert r.reason == "on=2021-04-01: outside the program period 2020-12-01 to 2021-03-31"
    assert _snapshot(ledger) == before
    assert "x1" not in ledger  # the id is still free
    assert ledger.claim("x1", "zhang", "ski_ticket", Money.yuan(10), "2021-03-01").accepted


def test_idempotent_and_conflicting_repeat() -> None:
    ledger = SubsidyLedger(_program())
    first = ledger.claim("c1", "zhang", "ski_ticket", Money.yuan(50), "2021-01-01")
    again = ledger.claim("c1", "zhang", "ski_ticket", Money.yuan(50), "2021-01-01")
    assert again is first and ledger.paid_total == Money.yuan(25)
    with pytest.raises(InvalidInputError, match=r"claim_id='c1': already used for a different"):
        ledger.claim("c1", "zhang", "ski_ticket", Money.yuan(51), "2021-01-01")
    assert ledger.paid_total == Money.yuan(25)


def test_bad_input_raises_and_changes_nothing() -> None:
    ledger = SubsidyLedger(_program())
    ledger.claim("c1", "zhang", "ski_ticket", Money.yuan(50), "2021-01-01")
    before = _snapshot(ledger)
    with pytest.raises(InvalidInputError, match=r"amount=-5.00: must be >= 0"):
        ledger.claim("c2", "zhang", "ski_ticket", Money.yuan(-5), "2021-01-01")
    with pytest.raises(InvalidInputError, match=r"amount=12.5: floats are refused for money"):
        ledger.claim("c2", "zhang", "ski_ticket", 12.5, "2021-01-01")  # type: ignore[arg-type]
    with pytest.raises(InvalidInputError, match=r"on='2021-13-01': not a valid date"):
        ledger.claim("c2", "zhang", "ski_ticket", Money.yuan(5), "2021-13-01")
    with pytest.raises(InvalidInputError, match=r"claim_id='': must be a non-empty string"):
        ledger.claim("", "zhang", "ski_ticket", Money.yuan(5), "2021-01-01")
    with pytest.raises(NotFoundError, match=r"claim_id='nope': no such claim"):
        ledger.reverse("nope")
    assert _snapshot(ledger) == before


def test_program_validation() -> None:
    with pytest.raises(InvalidInputError, match=r"rate='1.5': must be > 0 and <= 1"):
        _program(rate="1.5")
    with pytest.raises(InvalidInputError, match=r"no rate for kinds \['event'\]"):
        _program(rate={"ski_ticket": 1, "coaching": 1, "training": 1})
    with pytest.raises(InvalidInputError, match=r"budget=-1.00: must be >= 0"):
        _program(budget=Money.yuan(-1))
    with pytest.raises(InvalidInputError, match=r"per_person_cap=300.0: floats are refused"):
        _program(per_person_cap=300.0)
    with pytest.raises(InvalidInputError, match=r"kinds=\(\): must name at least one kind"):
        _program(kinds=[])


def test_claim_many_batch() -> None:
    ledger = SubsidyLedger(_program())
    rows = [
        {
            "claim_id": "1",
            "person": "a",
            "kind": "ski_ticket",
            "amount": "120",
            "on": "2021-01-01",
        },
        {"claim_id": "2", "person": "a", "kind": "ski_ticket", "amount": "x", "on": "2021-01-01"},
        ("3", "b", "coaching", Money.yuan(100), "2021-01-02"),
        {"claim_id": "4", "person": "a"},
    ]
    results = ledger.claim_many(rows, on_error="reject")
    assert [r.status for r in results] == ["accepted", "rejected", "accepted", "rejected"]
    assert results[1].claim_id == "2" and "amount='x'" in (results[1].reason or "")
    assert "missing fields" in (results[3].reason or "")
    with pytest.raises(InvalidInputError, match=r"amount='x'"):
        SubsidyLedger(_program()).claim_many(rows)


# ---------------------------------------------------------------- persistence


def test_save_and_load_round_trip(tmp_path: Path) -> None:
    ledger = SubsidyLedger(_program())
    ledger.claim("c1", "张三", "ski_ticket", Money.yuan(180), "2021-01-09")
    ledger.claim("c2", "李四", "coaching", Money.yuan("99.99"), "2021-01-10")
    ledger.reverse("c1")
    ledger.claim("c3", "张三", "training", Money.yuan(500), "2021-01-11")
    path = tmp_path / "ledger.json"
    ledger.save(path)
    again = SubsidyLedger.load(path)
    assert _snapshot(again) == _snapshot(ledger)
    assert again.claims() == ledger.claims()
    assert again.program == ledger.program
    # tampering is detected
    data = json.loads(path.read_text(encoding="utf-8"))
    data["log"][0]["paid_fen"] += 1
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(DataError, match=r"ledger.json, row 1, field hash: entry 1 does not match"):
        SubsidyLedger.load(path)
    # an editor who recomputes the (unkeyed) chain is still caught by the replay
    path.write_text(json.dumps(rechain(data)), encoding="utf-8")
    with pytest.raises(DataError, match=r"ledger.json, row 1, field paid_fen: paid_fen=9001"):
        SubsidyLedger.load(path)
    with pytest.raises(DataError, match=r"not a sportsgov\.subsidy-ledger document"):
        SubsidyLedger.from_json("{}")


def test_json_with_a_5000_digit_number_is_a_data_error(tmp_path: Path) -> None:
    # the fuzz suite's long run: json.loads refuses ints past 4300 digits with a ValueError
    ledger = SubsidyLedger(_program())
    ledger.claim("c1", "张三", "ski_ticket", Money.yuan(180), "2021-01-09")
    text = ledger.to_json().replace('"paid_fen": 9000', '"paid_fen": ' + "9" * 5000, 1)
    assert "9" * 5000 in text
    with pytest.raises(
        DataError, match=r"^ledger\.json: not valid JSON \(a number with more than 4300 digits\)$"
    ):
        SubsidyLedger.from_json(text, source="ledger.json")
    path = tmp_path / "ledger.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataError, match=r"not valid JSON \(a number with more than 4300 digits"):
        SubsidyLedger.load(path)


# ---------------------------------------------------------------- properties


def _reference(program: SubsidyProgram, claims: list[tuple[Any, ...]]) -> list[Any]:
    """Independent re-implementation (Decimal ROUND_HALF_UP) of the paying rule."""
    person_paid: dict[str, int] = defaultdict(int)
    seen: dict[str, tuple[Any, Any]] = {}
    spent = 0
    out: list[Any] = []
    for cid, person, kind, amount, on in claims:
        key = (person, kind, amount.fen, on)
        if cid in seen:
            out.append(seen[cid][1] if seen[cid][0] == key else "conflict")
            continue
        if kind not in program.kinds or not (program.period.start <= on <= program.period.end):
            out.append("rejected")
            continue
        rate = program.rate_for(kind)
        with localcontext() as ctx:
            ctx.prec = 60
            req = int(
                (Decimal(amount.fen) * rate.numerator / rate.denominator).quantize(
                    Decimal(1), rounding=ROUND_HALF_UP
                )
            )
        limits = [("rate", req)]
        cap = program.claim_cap_for(kind)
        if cap is not None:
            limits.append(("per_claim_cap", cap.fen))
        if program.per_person_cap is not None:
            limits.append(("per_person_cap", program.per_person_cap.fen - person_paid[person]))
        limits.append(("budget", program.budget.fen - spent))
        paid = min(v for _, v in limits)
        binding = next(name for name, v in limits if v == paid)
        person_paid[person] += paid
        spent += paid
        seen[cid] = (key, (paid, binding))
        out.append((paid, binding))
    return out


@given(subsidy_programs(), subsidy_claims())
def test_matches_reference_and_never_overspends(program: SubsidyProgram, claims: list) -> None:
    ledger = SubsidyLedger(program)
    expected = _reference(program, claims)
    paid_once: dict[str, int] = {}
    for claim, exp in zip(claims, expected, strict=True):
        before = _snapshot(ledger)
        if exp == "conflict":
            with pytest.raises(InvalidInputError, match="already used for a different claim"):
                ledger.claim(*claim)
            assert _snapshot(ledger) == before
            continue
        r = ledger.claim(*claim)
        if exp == "rejected":
            assert r.status == "rejected" and r.paid == Money(0)
            assert _snapshot(ledger) == before  # a failed claim changes nothing
            continue
        assert (r.paid.fen, r.binding_limit) == exp
        assert r.status == ("accepted" if r.paid.fen else "rejected")  # ¥0 is refused
        paid_once.setdefault(claim[0], r.paid.fen)
        assert ledger.paid_total <= program.budget
        assert ledger.paid_total.fen == sum(paid_once.values())  # never pays twice
    for total in ledger.totals(by="person").values():
        if program.per_person_cap is not None:
            assert total <= program.per_person_cap
    assert sum(ledger.totals(by="kind").values(), Money(0)) == ledger.paid_total
    assert sum(ledger.totals(by="day").values(), Money(0)) == ledger.paid_total


@given(subsidy_programs(), subsidy_claims(), st.data())
def test_claim_then_reverse_restores_state_exactly(
    program: SubsidyProgram, claims: list, data: Any
) -> None:
    ledger = SubsidyLedger(program)
    for claim in claims:
        with contextlib.suppress(InvalidInputError):
            ledger.claim(*claim)
    before = _snapshot(ledger)
    people = {c[1] for c in claims} | {"new"}
    caps_before = {p: ledger.person_remaining(p) for p in people}
    new = (
        "fresh-id",
        data.draw(st.sampled_from(sorted(people))),
        program.kinds[0],
        Money(data.draw(st.integers(0, 10**5))),
        dt.date(2024, 6, 1),
    )
    r = ledger.claim(*new)
    refunded = ledger.reverse("fresh-id")
    assert refunded == r.paid
    after = _snapshot(ledger)
    assert after[:5] == before[:5] and after[5] == before[5] + 1
    assert {p: ledger.person_remaining(p) for p in people} == caps_before
    assert ledger.reverse("fresh-id") == Money(0)  # a second reversal refunds nothing
    assert _snapshot(ledger) == after


@given(subsidy_programs(), subsidy_claims(max_size=60))
def test_concurrent_claims_equal_a_serial_run(program: SubsidyProgram, claims: list) -> None:
    """Four threads share the claims; the result equals replaying the ledger's own log
    serially, the budget is never exceeded and no claim id is paid twice."""
    ledger = SubsidyLedger(program)
    errors: list[BaseException] = []

    def worker(part: list) -> None:
        for claim in part:
            try:
                ledger.claim(*claim)
            except InvalidInputError:
                pass
            except BaseException as exc:  # pragma: no cover - would fail the test
                errors.append(exc)

    old = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    try:
        threads = [threading.Thread(target=worker, args=(claims[i::4],)) for i in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    finally:
        sys.setswitchinterval(old)
    assert not errors
    assert ledger.paid_total <= program.budget
    records = ledger.claims()
    assert len({r.claim_id for r in records}) == len(records)
    assert sum((r.paid for r in records), Money(0)) == ledger.paid_total
    replay = SubsidyLedger.from_json(ledger.to_json())
    assert _snapshot(replay) == _snapshot(ledger)


def test_many_threads_hammer_one_budget() -> None:
    program = SubsidyProgram(
        "event", ["event"], 1, None, None, Money.yuan(1000), Period.year(2024)
    )
    ledger = SubsidyLedger(program)
    results: list[ClaimResult] = []
    lock = threading.Lock()

    def worker(t: int) -> None:
        for i in range(200):
            r = ledger.claim(f"{t}-{i}", f"p{t}", "event", Money.yuan(1), "2024-03-01")
            with lock:
                results.append(r)

    threads = [threading.Thread(target=worker, args=(t,)) for t in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert ledger.paid_total == Money.yuan(1000)
    assert sum(r.paid.fen for r in results) == 100_000
    assert sum(1 for r in results if r.binding_limit == "budget") == 600


def test_rate_rounding_half_up_fraction() -> None:
    program = SubsidyProgram("s", ["a"], Fraction(1, 8), None, None, Money.yuan(10), "2024")
    ledger = SubsidyLedger(program)
    assert ledger.claim("1", "x", "a", Money(4), "2024-01-01").paid == Money(1)  # 0.5 -> 1
    assert ledger.claim("2", "x", "a", Money(3), "2024-01-01").paid == Money(0)  # 0.375 -> 0


def test_internal_money_constructor_matches_public() -> None:
    """The ledger's hot path builds Money without re-validation; it must be the same value."""
    from sportsgov.budget._numbers import money as fast

    for fen in (0, 1, -5, 10**12):
        m = fast(fen)
        assert type(m) is Money
        assert m == Money(fen) and hash(m) == hash(Money(fen)) and repr(m) == repr(Money(fen))
        assert m + Money(1) == Money(fen + 1)


def test_pickle_and_pendulum_dates() -> None:
    """Ledgers and results cross process boundaries; pendulum dates are accepted."""
    import pickle

    import pendulum

    ledger = SubsidyLedger(_program())
    r = ledger.claim("c1", "zhang", "ski_ticket", Money.yuan(180), pendulum.date(2021, 1, 9))
    assert type(ledger.claims()[0].on) is dt.date
    again = pickle.loads(pickle.dumps(ledger))
    assert _snapshot(again) == _snapshot(ledger)
    assert pickle.loads(pickle.dumps(r)) == r
    assert again.claim("c2", "li", "coaching", Money.yuan(10), "2021-01-10").paid == Money.yuan(3)


def test_load_refuses_non_integer_fen() -> None:
    ledger = SubsidyLedger(_program())
    ledger.claim("c1", "zhang", "ski_ticket", Money.yuan(180), "2021-01-09")
    data = ledger.to_dict()
    data["log"][0]["amount_fen"] = 18000.5
    rechain(data)
    with pytest.raises(DataError, match=r"row 1, field log: .*amount_fen=18000.5: expected an"):
        SubsidyLedger.from_dict(data, source="x.json")
    data = ledger.to_dict()
    data["program"]["budget_fen"] = "100000"
    rechain(data)
    with pytest.raises(DataError, match=r"field program: budget_fen='100000': expected an"):
        SubsidyLedger.from_dict(data)
