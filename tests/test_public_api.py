"""The front door: every public name is exported, importable, documented and typed."""

from __future__ import annotations

import ast
import importlib
import inspect
import pickle
import subprocess
import sys
from pathlib import Path

import pytest

import sportsgov

ROOT = Path(__file__).resolve().parent.parent
INIT = ROOT / "src" / "sportsgov" / "__init__.py"
REFERENCE = ROOT / "docs" / "reference"


def _type_checking_imports() -> dict[str, str]:
    tree = ast.parse(INIT.read_text(encoding="utf-8"))
    names: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and getattr(node.test, "id", None) == "TYPE_CHECKING":
            for stmt in node.body:
                if isinstance(stmt, ast.ImportFrom) and stmt.module:
                    for alias in stmt.names:
                        names[alias.asname or alias.name] = stmt.module
    return names


def test_lazy_exports_match_type_checking_block() -> None:
    assert _type_checking_imports() == sportsgov._EXPORTS


@pytest.mark.parametrize("name", sorted(sportsgov._EXPORTS))
def test_public_name_importable_and_documented(name: str) -> None:
    obj = getattr(sportsgov, name)
    module = sportsgov._EXPORTS[name]
    assert getattr(importlib.import_module(module), name) is obj
    assert inspect.getdoc(obj), f"{name} has no docstring"
    # The defining module (or a parent package re-exporting it) is rendered in the reference.
    pages = "\n".join(p.read_text(encoding="utf-8") for p in REFERENCE.glob("*.md"))
    candidates = {module, module.rsplit(".", 1)[0]} | {f"{module}.{name}"}
    assert any(f"::: {c}\n" in pages or f"::: {c}" in pages.split() for c in candidates) or any(
        f"::: {c}" in pages for c in candidates
    ), f"{name} ({module}) is not rendered in docs/reference"


def test_all_is_sorted_and_complete() -> None:
    assert sportsgov.__all__[0] == "__version__"
    assert sportsgov.__all__[1:] == sorted(sportsgov._EXPORTS)
    assert set(dir(sportsgov)) >= set(sportsgov.__all__)


def test_unknown_attribute_raises_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no attribute 'Nope'"):
        sportsgov.Nope  # noqa: B018


def test_import_is_light() -> None:
    """``import sportsgov`` must not pull in scipy, pint or matplotlib."""
    heavy = "('scipy', 'pint', 'matplotlib', 'numpy')"
    code = f"import sys, sportsgov; print(sorted(m for m in {heavy} if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_py_typed_shipped() -> None:
    assert (ROOT / "src" / "sportsgov" / "py.typed").exists()


@pytest.mark.parametrize("name", [n for n in sorted(sportsgov._EXPORTS) if n.endswith("Error")])
def test_errors_pickle(name: str) -> None:
    cls = getattr(sportsgov, name)
    assert issubclass(cls, sportsgov.SportsgovError)
    err = cls("x=1: must be 2")
    again = pickle.loads(pickle.dumps(err))
    assert type(again) is cls and str(again) == str(err)
