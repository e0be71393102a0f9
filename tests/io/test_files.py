"""Tests for ``sportsgov.io.files``: dump and load by suffix, CSV records."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import attrs
import pytest
from tests.io.models import Book, line

from sportsgov import DataError, InvalidInputError
from sportsgov.io import (
    dump,
    from_csv,
    from_json,
    load,
    to_csv,
    to_json,
    to_toml,
)
from sportsgov.money import Money
from sportsgov.periods import Period
from sportsgov.units import Q_, Quantity


@attrs.frozen
class Row:
    """A flat record, as a facility or budget table row."""

    name: str
    amount: Money
    period: Period
    area: Quantity
    opened: dt.date
    share: Fraction
    public: bool
    note: str | None
    rate: Decimal = Decimal("0.15")


def _row(**over: Any) -> Row:
    base: dict[str, Any] = {
        "name": "东区体育公园",
        "amount": Money.parse("7668.28万元"),
        "period": Period.quarter(2024, 2),
        "area": Q_(2.65, "m^2"),
        "opened": dt.date(2024, 7, 1),
        "share": Fraction(1, 3),
        "public": True,
        "note": None,
    }
    base.update(over)
    return Row(**base)


def test_dump_and_load_by_suffix(tmp_path: Path) -> None:
    book = Book("x", [line()])
    for name in ("book.json", "book.TOML"):
        path = dump(book, tmp_path / name)
        assert load(path, Book) == book
        assert load(str(path), Book) == book
    assert (tmp_path / "book.json").read_text(encoding="utf-8").endswith("}\n")
    assert "万" not in (tmp_path / "book.json").read_text(encoding="utf-8")
    assert "新建" in (tmp_path / "book.json").read_text(encoding="utf-8")


def test_loading_never_executes_code(tmp_path: Path) -> None:
    payload = "__import__('os').system('echo pwned')"
    assert from_json(json.dumps({"a": payload}), dict[str, str]) == {"a": payload}
    path = tmp_path / "evil.toml"
    path.write_text(f'a = "{payload}"\n', encoding="utf-8")
    assert load(path, dict[str, str]) == {"a": payload}
    with pytest.raises(DataError, match=r"write money as a yuan string"):
        from_json(json.dumps({"__class__": "Money", "fen": 1, "x": 2}), Money)


def test_bad_output_and_suffix(tmp_path: Path) -> None:
    with pytest.raises(InvalidInputError, match=r"cannot be written as JSON"):
        to_json({"x": float("nan")})
    with pytest.raises(InvalidInputError, match=r"TOML cannot hold None inside an array"):
        to_toml({"xs": [1, None]})
    with pytest.raises(InvalidInputError, match=r"path='.*a\.yaml': expected a file name ending"):
        dump({"a": 1}, tmp_path / "a.yaml")
    with pytest.raises(InvalidInputError, match=r"expected a file name ending"):
        load(tmp_path / "a.xlsx", dict)


def test_csv_round_trip_and_cells(tmp_path: Path) -> None:
    rows = [_row(), _row(name="西区", public=False, note="室内, 24h", rate=Decimal("0.5"))]
    text = to_csv(rows)
    lines = text.splitlines()
    assert lines[0] == "name,amount,period,area,opened,share,public,note,rate"
    assert lines[1] == "东区体育公园,76682800.00,2024-Q2,2.65 meter ** 2,2024-07-01,1/3,true,,0.15"
    assert '"室内, 24h"' in lines[2]  # quoted by the csv module
    assert from_csv(text, list[Row]) == rows
    path = dump(rows, tmp_path / "rows.csv")
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())  # Excel's byte order mark
    assert load(path, list[Row]) == rows
    assert to_csv([]) == ""


def test_csv_reads_human_cells() -> None:
    text = (
        "name,amount,period,area,opened,share,public,note\n"
        "a,1.2万元,2024,3 亩,2024-01-02,0.25,是,\n"
    )
    (row,) = from_csv(text, list[Row])
    assert row.amount == Money.yuan(12000)
    assert row.area.to("m^2").magnitude == pytest.approx(2000.0)
    assert row.share == Fraction(1, 4) and row.public is True and row.note is None
    assert row.rate == Decimal("0.15")  # empty/missing cell -> default


@pytest.mark.parametrize(
    ("text", "match"),
    [
        (
            "name,amount,period,area,opened,share,public,note\n"
            "a,1.00,2024,1 m^2,2024-01-01,1/2,true,\n"
            "b,12.5.0,2024,1 m^2,2024-01-01,1/2,true,\n",
            r"^t\.csv, row 2, line 3, field amount: ",
        ),
        (
            "name,amount,period,area,opened,share,public,note,colour\n",
            r"^t\.csv, line 1: unknown column\(s\) \['colour'\]",
        ),
        (
            "name,amount,period,area,opened,share,public,note\n"
            "a,1.00,2024,1 m^2,2024-01-01,1/2,true,,extra\n",
            r"^t\.csv, row 1, line 2: more cells than columns",
        ),
        (
            "name,amount,period,area,opened,share,public,note\na,1.00,2024,1 m^2,,1/2,true,\n",
            r"^t\.csv, row 1, line 2, field opened: ",
        ),
        (
            "name,amount,period,area,opened,share,public,note\n"
            "a,1.00,2024,1 m^2,2024-01-01,1/2,maybe,\n",
            r"^t\.csv, row 1, line 2, field public",
        ),
    ],
)
def test_csv_errors_name_row_line_and_field(text: str, match: str) -> None:
    with pytest.raises(DataError, match=match):
        from_csv(text, list[Row], source="t.csv")


def test_csv_refuses_non_records() -> None:
    with pytest.raises(InvalidInputError, match=r"CSV needs list\[Record\]"):
        from_csv("a\n1\n", dict[str, int])
    with pytest.raises(InvalidInputError, match=r"CSV holds flat records"):
        to_csv([line()])  # has a tuple field
    with pytest.raises(InvalidInputError, match=r"expected records of one attrs class"):
        to_csv([_row(), Money(1)])


# -- files that cannot be read (hardening) -----------------------------------------


def test_load_a_directory_or_a_missing_file_is_not_found(tmp_path: Path) -> None:
    from sportsgov.errors import NotFoundError

    (tmp_path / "d.toml").mkdir()
    with pytest.raises(NotFoundError, match=r"^path='.*: is a directory, not a file$"):
        load(tmp_path / "d.toml", list[Period])
    with pytest.raises(NotFoundError, match=r"^path='.*: no such file$"):
        load(tmp_path / "none.json", list[Period])


def test_load_unreadable_file_is_a_data_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    p = tmp_path / "p.json"
    p.write_text("[]", encoding="utf-8")

    def denied(*args: object, **kwargs: object) -> str:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "read_text", denied)
    with pytest.raises(DataError, match=r"p\.json: cannot be read: Permission denied$"):
        load(p, list[Period])
