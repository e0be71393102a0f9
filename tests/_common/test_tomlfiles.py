"""Tests for ``sportsgov._common.tomlfiles``: not-found and invalid-TOML errors."""

from __future__ import annotations

import pytest

# ------------------------------------------------------------------------------ TOML files


def test_toml_files_one_not_found_and_one_invalid_error(tmp_path: object) -> None:
    from pathlib import Path

    from sportsgov._common.tomlfiles import read_toml
    from sportsgov.errors import DataError, NotFoundError
    from sportsgov.facilities import FacilityKinds

    root = Path(str(tmp_path))
    with pytest.raises(NotFoundError, match=r"^path='.*: no such file$"):
        read_toml(root / "none.toml")
    bad = root / "bad.toml"
    bad.write_text("a = ", encoding="utf-8")
    with pytest.raises(DataError, match=r"^bad\.toml: not valid TOML: "):
        read_toml(bad)
    with pytest.raises(DataError, match=r"^bad\.toml: not valid TOML: "):
        FacilityKinds.load(bad)
    (root / "ok.toml").write_text('a = "b"\n', encoding="utf-8")
    assert read_toml(root / "ok.toml") == {"a": "b"}
