"""Tests for the private TOML reader :mod:`sportsgov._common.tomlfiles` (hardening)."""

from __future__ import annotations

from pathlib import Path

import pytest

from sportsgov._common.tomlfiles import malformed, parse_toml, read_toml, tables
from sportsgov.assessment import load_scheme_file
from sportsgov.errors import DataError, NotFoundError
from sportsgov.facilities import FacilityKinds
from sportsgov.plans import load_file

LOADERS = [read_toml, load_file, load_scheme_file, FacilityKinds.load]


@pytest.mark.parametrize("load", LOADERS)
def test_a_directory_is_not_found(tmp_path: Path, load: object) -> None:
    d = tmp_path / "x.toml"
    d.mkdir()
    with pytest.raises(NotFoundError, match=r"^path='.*: is a directory, not a file$") as e:
        load(d)  # type: ignore[operator]
    assert e.value.value == str(d)


@pytest.mark.parametrize("load", LOADERS)
def test_deep_nesting_is_a_data_error_not_a_recursion_error(tmp_path: Path, load: object) -> None:
    p = tmp_path / "deep.toml"
    p.write_text('name = "x"\na = ' + "[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"^deep\.toml: not valid TOML: .* nested too deeply$"):
        load(p)  # type: ignore[operator]


@pytest.mark.parametrize("load", LOADERS)
def test_permission_denied_is_a_data_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, load: object
) -> None:
    p = tmp_path / "locked.toml"
    p.write_text('name = "x"\n', encoding="utf-8")

    def denied(*args: object, **kwargs: object) -> str:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "read_text", denied)
    with pytest.raises(DataError, match=r"^locked\.toml: cannot be read: Permission denied$"):
        load(p)  # type: ignore[operator]


def test_parse_toml_nesting_limit_is_the_parser_s() -> None:
    nested: list[object] = []
    for _ in range(49):
        nested = [nested]
    assert parse_toml("a = " + "[" * 50 + "]" * 50, source="x") == {"a": nested}


@pytest.mark.parametrize(
    ("value", "pattern"),
    [
        (5, r"^p, field t: t=5: expected an array of tables \(\[\[t\]\]\)$"),
        ("abc", r"^p, field t: t='abc': expected an array"),
        ({"a": 1}, r"^p, field t: t=\{'a': 1\}: expected an array"),
        ([{}, [1]], r"^p, row 2, field t\[2\]: t\[2\]=\[1\]: expected a table$"),
    ],
)
def test_tables_refuses_other_shapes(value: object, pattern: str) -> None:
    with pytest.raises(DataError, match=pattern):
        tables(value, "t", source="p")


def test_malformed_names_the_path() -> None:
    err = malformed(
        AttributeError("'int' object has no attribute 'get'"), source="s", where="x[1]"
    )
    assert (err.source, err.field) == ("s", "x[1]")
    assert (
        str(err)
        == "s, field x[1]: x[1]: malformed (AttributeError: 'int' object has no attribute 'get')"
    )
