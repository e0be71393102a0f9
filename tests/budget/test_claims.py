"""SubsidyClaim / SubsidyClaimTable (``sportsgov/budget/claims.py``).

Oracles: the fen and dates worked by hand from the cells, openpyxl writing the
workbook (an Excel date cell), the ledger fed the same claims one by one through its
own :meth:`~sportsgov.budget.SubsidyLedger.claim_many`, and round trips.
"""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from pathlib import Path

import pytest

from sportsgov.budget import SubsidyClaim, SubsidyClaimTable, SubsidyLedger, SubsidyProgram
from sportsgov.errors import DataError, InvalidInputError
from sportsgov.money import Money
from sportsgov.periods import Period

GBK_TEXT = (
    "申请编号,申请人,补贴类型,申请金额(元),申请日期\n"
    "C1,P1,ski_ticket,180,2024/1/9\n"
    "C2,P1,coaching,1.2万元,2024-01-10\n"
    "C3,P2,lift,99.99,2024年2月1日\n"
)


def _program() -> SubsidyProgram:
    return SubsidyProgram(
        "ski",
        ["ski_ticket", "coaching"],
        "1/2",
        Money.yuan(100),
        Money.yuan(150),
        Money.yuan(1000),
        Period.parse("2023-12/2024-03"),
    )


def test_gbk_csv_with_chinese_headers(tmp_path: Path) -> None:
    path = tmp_path / "补贴申请.csv"
    path.write_bytes(GBK_TEXT.encode("gbk"))
    t = SubsidyClaimTable.from_file(path)
    assert [c.claim_id for c in t] == ["C1", "C2", "C3"]
    assert [c.amount.fen for c in t] == [180_00, 12_000_00, 99_99]
    assert [c.on for c in t] == [dt.date(2024, 1, 9), dt.date(2024, 1, 10), dt.date(2024, 2, 1)]
    assert [c.row for c in t] == [2, 3, 4]
    assert t.amount_total == Money(180_00 + 12_000_00 + 99_99)


def test_amounts_in_wan_yuan_are_exact() -> None:
    text = "单号,用户,类型,金额(万元),消费日期\nC1,P1,a,0.0123,2024-01-09\n"
    assert SubsidyClaimTable.from_file(io.StringIO(text))[0].amount == Money(123_00)


def test_xlsx_with_a_title_row_and_excel_dates(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["乐冰雪消费补贴申请明细"])
    ws.merge_cells("A1:E1")
    ws.append(["订单号", "申请人", "补贴类型", "消费金额", "申请日期"])
    ws.append(["C1", "P1", "ski_ticket", 329.53, dt.datetime(2024, 1, 9)])
    ws.append(["C2", "P2", "coaching", 200, 45300])  # an Excel serial number in a date cell
    path = tmp_path / "claims.xlsx"
    wb.save(path)
    t = SubsidyClaimTable.from_file(path)
    assert [(c.claim_id, c.amount.fen, c.on) for c in t] == [
        ("C1", 329_53, dt.date(2024, 1, 9)),
        ("C2", 200_00, dt.date(1899, 12, 30) + dt.timedelta(days=45300)),
    ]
    assert [c.row for c in t] == [3, 4]


@pytest.mark.parametrize(
    ("text", "row", "field", "message"),
    [
        (
            "claim_id,person,kind,amount,on\nC1,P1,a,100,2024-01-01\nC2,P1,a,100,2024-13-01\n",
            3,
            "on",
            "on='2024-13-01': not a valid date (month must be in 1..12)",
        ),
        ("claim_id,person,kind,amount,on\nC1,P1,a,-5,2024-01-01\n", 2, "amount", "must be >= 0"),
        (
            "claim_id,person,kind,amount,on\nC1,P1,a,many,2024-01-01\n",
            2,
            "amount",
            "amount='many': expected a money amount",
        ),
        ("claim_id,person,kind,amount,on\nC1,,a,1,2024-01-01\n", 2, "person", "person: missing"),
    ],
)
def test_bad_rows_name_file_row_and_field(text: str, row: int, field: str, message: str) -> None:
    with pytest.raises(DataError) as info:
        SubsidyClaimTable.from_file(io.StringIO(text))
    assert (info.value.row, info.value.field) == (row, field)
    assert message in str(info.value)


def test_submit_pays_what_the_ledger_pays_claim_by_claim() -> None:
    t = SubsidyClaimTable.from_file(io.StringIO(GBK_TEXT))
    ledger = SubsidyLedger(_program())
    got = t.submit(ledger)
    keys = ("claim_id", "person", "kind", "amount", "on")
    rows = [
        ("C1", "P1", "ski_ticket", "180", "2024-01-09"),
        ("C2", "P1", "coaching", "12000", "2024-01-10"),
        ("C3", "P2", "lift", "99.99", "2024-02-01"),
    ]
    oracle = SubsidyLedger(_program()).claim_many([dict(zip(keys, r, strict=True)) for r in rows])
    assert list(got) == oracle
    # by hand: C1 half of 180 = 90; C2 capped at 100 per claim, then 60 left of P1's 150
    assert [r.paid for r in got] == [Money(90_00), Money(60_00), Money(0)]
    assert [r.binding_limit for r in got] == ["rate", "per_person_cap", None]
    assert ledger.paid_total == Money(150_00)


def test_submit_names_the_row_of_a_reused_claim_id(tmp_path: Path) -> None:
    path = tmp_path / "claims.csv"
    path.write_text(
        "claim_id,person,kind,amount,on\n"
        "C1,P1,ski_ticket,100,2024-01-09\n"
        "C1,P1,ski_ticket,100,2024-01-09\n"  # the same claim again: paid once
        "C1,P2,ski_ticket,100,2024-01-09\n",  # the id reused for another claim
        encoding="utf-8",
    )
    t = SubsidyClaimTable.from_file(path)
    with pytest.raises(DataError, match=r"claims\.csv, row 4, field claim_id: claim_id='C1'"):
        t.submit(SubsidyLedger(_program()))
    ledger = SubsidyLedger(_program())
    with pytest.raises(InvalidInputError, match=r"ledger=.*expected a SubsidyLedger"):
        t.submit(ledger.program)  # type: ignore[arg-type]
    assert SubsidyClaimTable(t.claims[:2]).submit(ledger)[1].paid == Money(50_00)
    assert ledger.paid_total == Money(50_00)


def test_frame_columns_are_exact_decimal_yuan() -> None:
    pytest.importorskip("pandas")
    t = SubsidyClaimTable([SubsidyClaim("C1", "P1", "a", "0.0001万元", "2024-01-09")])
    df = t.to_frame()
    assert list(df.columns) == ["claim_id", "person", "kind", "amount_yuan", "on"]
    assert df["amount_yuan"].tolist() == [Decimal("1.00")]
    assert df["on"].tolist() == [dt.date(2024, 1, 9)]


def test_missing_column_names_the_file_and_header_row(tmp_path: Path) -> None:
    path = tmp_path / "申请明细.csv"
    path.write_bytes("申请编号,申请人,补贴类型,申请日期\nC1,P1,a,2024-01-01\n".encode("gbk"))
    with pytest.raises(DataError, match=r"^申请明细\.csv, row 1: missing column amount") as info:
        SubsidyClaimTable.from_file(path)
    assert (info.value.source, info.value.row) == ("申请明细.csv", 1)
