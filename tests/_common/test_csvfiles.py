"""Tests for the private CSV reader :mod:`sportsgov._common.csvfiles` shared by the loaders."""

from __future__ import annotations

import csv
import gzip
import io
import tempfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sportsgov._common.csvfiles import open_text, read_rows
from sportsgov.errors import DataError, InvalidInputError, NotFoundError

TEXT = "name,area\nPark,2000\n体育馆,1500\n"
EXPECTED = [(1, {"name": "Park", "area": "2000"}), (2, {"name": "体育馆", "area": "1500"})]


def _write(path: Path, text: str, *, encoding: str = "utf-8") -> Path:
    if path.suffix == ".gz":
        with gzip.open(path, "wt", encoding=encoding, newline="") as fh:
            fh.write(text)
    else:
        path.write_text(text, encoding=encoding, newline="")
    return path


# --- worked examples --------------------------------------------------------------------


@pytest.mark.parametrize("name", ["f.csv", "f.csv.gz"])
@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig"])
def test_plain_gz_and_bom_read_the_same(tmp_path: Path, name: str, encoding: str) -> None:
    path = _write(tmp_path / name, TEXT, encoding=encoding)
    assert list(read_rows(path, ("name", "area"))) == EXPECTED
    with open_text(path) as fh:
        assert fh.read() == TEXT  # BOM dropped, gzip decompressed, newlines untouched


def test_gz_is_really_compressed_and_plain_open_fails(tmp_path: Path) -> None:
    path = _write(tmp_path / "f.csv.gz", TEXT)
    assert path.read_bytes()[:2] == b"\x1f\x8b"
    with pytest.raises(UnicodeDecodeError):
        path.read_text(encoding="utf-8")


def test_plain_utf8_encoding_keeps_the_bom(tmp_path: Path) -> None:
    # The encoding is a parameter; utf-8 (not utf-8-sig) keeps a BOM in the first name.
    path = _write(tmp_path / "f.csv", TEXT, encoding="utf-8-sig")
    [(_, record), _second] = list(read_rows(path, encoding="utf-8"))
    assert list(record) == ["\ufeffname", "area"]


def test_row_numbers_exclude_the_header_and_count_from_one(tmp_path: Path) -> None:
    path = _write(tmp_path / "f.csv", "a\n" + "".join(f"{i}\n" for i in range(10, 15)))
    assert [(n, r["a"]) for n, r in read_rows(path, ("a",))] == [
        (1, "10"),
        (2, "11"),
        (3, "12"),
        (4, "13"),
        (5, "14"),
    ]


def test_quoted_newline_keeps_row_numbers_per_record() -> None:
    rows = list(read_rows(io.StringIO('a,b\n"x\ny",1\nz,2\n'), ("a", "b")))
    assert rows == [(1, {"a": "x\ny", "b": "1"}), (2, {"a": "z", "b": "2"})]


def test_handle_is_read_but_not_closed() -> None:
    handle = io.StringIO(TEXT)
    assert list(read_rows(handle, ("name",))) == EXPECTED
    assert not handle.closed


def test_lines_iterable_is_accepted() -> None:
    assert list(read_rows(TEXT.splitlines(), ("area",))) == EXPECTED


def test_strip_header_strips_keys_not_values() -> None:
    rows = list(read_rows(io.StringIO(" name , area\n Park ,1\n"), ("name",), strip_header=True))
    assert rows == [(1, {"name": " Park ", "area": "1"})]


def test_without_strip_header_padded_names_do_not_match() -> None:
    with pytest.raises(DataError, match=r"columns=\[' name ', 'area'\]: missing name"):
        list(read_rows(io.StringIO(" name ,area\nPark,1\n"), ("name",)))


def test_file_is_opened_lazily_and_closed_when_exhausted(tmp_path: Path) -> None:
    rows = read_rows(tmp_path / "absent.csv", ("a",))  # nothing happens yet
    with pytest.raises(NotFoundError, match=r"^path='.*: no such file$"):
        next(rows)
    path = _write(tmp_path / "f.csv", TEXT)
    first = read_rows(path)
    assert next(first) == EXPECTED[0]
    first.close()  # closing early closes the file (no ResourceWarning under -W error)


# --- errors: class, message, fields -----------------------------------------------------


def test_missing_columns_default_error(tmp_path: Path) -> None:
    path = _write(tmp_path / "venues.csv", "name,lon\nPark,1\n")
    with pytest.raises(
        DataError,
        match=r"^venues\.csv, line 1, field area: columns=\['name', 'lon'\]: missing area, lat$",
    ) as info:
        list(read_rows(path, ("name", "area", "lat")))
    err = info.value
    assert isinstance(err, InvalidInputError)
    assert (err.source, err.row, err.line, err.field) == ("venues.csv", None, 1, "area")
    assert err.detail == "columns=['name', 'lon']: missing area, lat"


def test_source_defaults_and_override(tmp_path: Path) -> None:
    with pytest.raises(DataError, match=r"^<csv>, line 1, field b: "):
        list(read_rows(io.StringIO("a\n1\n"), ("b",)))
    path = _write(tmp_path / "x.csv.gz", "a\n1\n")
    with pytest.raises(DataError, match=r"^x\.csv\.gz, line 1, field b: "):
        list(read_rows(path, ("b",)))
    with pytest.raises(DataError, match=r"^data/x\.csv, line 1, field b: ") as info:
        list(read_rows(path, ("b",), source="data/x.csv"))
    assert info.value.source == "data/x.csv"


def test_empty_file_lacks_every_required_column() -> None:
    with pytest.raises(DataError, match=r"columns=\[\]: missing a, b$"):
        list(read_rows(io.StringIO(""), ("a", "b")))
    assert list(read_rows(io.StringIO(""))) == []


# --- properties (independent oracle: the table written with csv.writer) -----------------

_names = st.lists(
    st.text(
        st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00\ufeff"),
        min_size=1,
        max_size=6,
    ),
    min_size=1,
    max_size=4,
    unique=True,
)
_cell = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=8
)


@st.composite
def _tables(draw: st.DrawFn) -> tuple[list[str], list[list[str]]]:
    header = draw(_names)
    body = draw(st.lists(st.lists(_cell, min_size=len(header), max_size=len(header)), max_size=6))
    return header, body


@given(_tables(), st.sampled_from(["t.csv", "t.csv.gz"]), st.booleans())
def test_round_trip_matches_the_written_table(
    table: tuple[list[str], list[list[str]]], name: str, bom: bool
) -> None:
    header, body = table
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(body)
    with tempfile.TemporaryDirectory() as tmp:
        path = _write(Path(tmp) / name, out.getvalue(), encoding="utf-8-sig" if bom else "utf-8")
        got = list(read_rows(path, header))
    # A record whose cells are all empty with one column is written as '""', still a row.
    assert got == [(i, dict(zip(header, row, strict=True))) for i, row in enumerate(body, 1)]


@given(_names, _names)
def test_missing_lists_exactly_the_absent_required_columns(
    header: list[str], required: list[str]
) -> None:
    out = io.StringIO(newline="")
    csv.writer(out).writerow(header)
    absent = [c for c in required if c not in header]
    rows = read_rows(io.StringIO(out.getvalue()), required, source="s.csv")
    if not absent:
        assert list(rows) == []
        return
    with pytest.raises(DataError) as info:
        list(rows)
    assert info.value.detail == f"columns={header}: missing {', '.join(absent)}"
    assert (info.value.field, info.value.line, info.value.row) == (absent[0], 1, None)


# -- read failures (hardening): every class a DataError or NotFoundError naming the file --


def _inventory_csv(rows: int = 2000) -> bytes:
    return b"id,kind,region,area\n" + b"F1,football_7,A,100\n" * rows


def test_field_beyond_the_csv_limit_is_a_data_error_naming_file_and_row(tmp_path: Path) -> None:
    p = _write(tmp_path / "big.csv", "a,b\n1,2\n" + "x" * (csv.field_size_limit() + 1) + ",3\n")
    with pytest.raises(DataError, match=r"^big\.csv, row 2: cannot be read: field larger") as e:
        list(read_rows(p, ("a",)))
    assert (e.value.source, e.value.row) == ("big.csv", 2)


def test_truncated_gz_is_a_data_error(tmp_path: Path) -> None:
    p = tmp_path / "t.csv.gz"
    p.write_bytes(gzip.compress(_inventory_csv())[:80])
    with pytest.raises(DataError, match=r"^t\.csv\.gz, row \d+: cannot be read: truncated: "):
        list(read_rows(p, ("id",)))


def test_not_gzip_under_a_gz_name_is_a_data_error(tmp_path: Path) -> None:
    p = tmp_path / "t.csv.gz"
    p.write_bytes(b"id,kind\n1,2\n")
    with pytest.raises(DataError, match=r"^t\.csv\.gz, line 1: cannot be read: Not a gzipped"):
        list(read_rows(p, ("id",)))


def test_a_directory_is_not_found_naming_it(tmp_path: Path) -> None:
    d = tmp_path / "x.csv"
    d.mkdir()
    with pytest.raises(NotFoundError, match=r"^path='.*: is a directory, not a file$") as e:
        list(read_rows(d))
    assert e.value.value == str(d)


def test_permission_denied_is_a_data_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the tests may run as root, for whom chmod 000 changes nothing: refuse the open itself
    p = _write(tmp_path / "locked.csv", TEXT)

    def denied(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "open", denied)
    with pytest.raises(DataError, match=r"^locked\.csv: cannot be read: Permission denied$"):
        list(read_rows(p))


@pytest.mark.parametrize(
    ("body", "pattern"),
    [
        (
            gzip.compress(_inventory_csv())[:80],
            r"^f\.csv\.gz: cannot decompress the gzip file: Compressed file ended",
        ),
        (b"id,kind\n", r"^f\.csv\.gz: named \.gz but not gzip-compressed"),
    ],
)
def test_inventory_reads_a_bad_gz_as_a_data_error(
    tmp_path: Path, body: bytes, pattern: str
) -> None:
    from sportsgov.facilities import Inventory

    p = tmp_path / "f.csv.gz"
    p.write_bytes(body)
    with pytest.raises(DataError, match=pattern):
        Inventory.from_csv(p)


def test_inventory_field_beyond_the_csv_limit(tmp_path: Path) -> None:
    from sportsgov.facilities import Inventory

    p = _write(tmp_path / "f.csv", "id,kind,region,area\n" + "x" * 2**18 + ",gym,A,1\n")
    # the tolerant table reader has no field limit: the cell is read, never a csv.Error
    assert len(Inventory.from_csv(p).ids[0]) == 2**18
