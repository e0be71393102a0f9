"""The front door: every public name is exported, importable, documented and typed."""

from __future__ import annotations

import ast
import importlib
import importlib.util
import inspect
import pickle
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

import sportsgov

ROOT = Path(__file__).resolve().parent.parent
INIT = ROOT / "src" / "sportsgov" / "__init__.py"
STUB = INIT.with_suffix(".pyi")
REFERENCE = ROOT / "docs" / "reference"


def _stub_tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "gen_init_stub", ROOT / "tools" / "gen_init_stub.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _stub_imports() -> dict[str, str]:
    tree = ast.parse(STUB.read_text(encoding="utf-8"))
    return {
        alias.asname or alias.name: node.module
        for node in tree.body
        if isinstance(node, ast.ImportFrom) and node.module and node.module != "sportsgov"
        for alias in node.names
    }


def test_committed_stub_is_what_the_generator_writes() -> None:
    """``__init__.pyi`` is generated from ``_EXPORTS``: a stale stub fails here."""
    expected = _stub_tool().render(INIT.read_text(encoding="utf-8"))
    assert STUB.read_text(encoding="utf-8") == expected, "run: python tools/gen_init_stub.py"


def test_stub_names_match_the_lazy_exports() -> None:
    names = _stub_imports()
    assert names.pop("__version__") == "sportsgov._version"
    assert names == sportsgov._EXPORTS
    sub = ast.parse(STUB.read_text(encoding="utf-8")).body
    submodules = {
        a.name for n in sub if isinstance(n, ast.ImportFrom) and n.module == "sportsgov"
        for a in n.names
    }  # fmt: skip
    assert submodules == sportsgov._SUBMODULES


def test_generator_detects_a_stale_stub() -> None:
    tool = _stub_tool()
    source = INIT.read_text(encoding="utf-8").replace(
        '"score": "sportsgov.assessment",',
        '"score": "sportsgov.assessment",\n    "x": "sportsgov.y",',
    )
    text = tool.render(source)
    assert "from sportsgov.y import x as x\n" in text and '    "x",\n' in text
    assert text != STUB.read_text(encoding="utf-8")


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
