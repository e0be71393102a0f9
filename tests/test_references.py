"""The project cites documents by their public identity, never by a path outside the repo.

A citation names the title, the issuing body, the date and the document number where there
is one (``2024年郑州市体育工作要点, 郑州市体育局, 2024-07-25, 索引号 005252290/2024-00022``).
A path such as ``sources/002_….txt``, a design note kept outside the repository or an issue
number means nothing to a reader of the installed package, so this test fails on any.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCANNED = ("src", "docs", "examples", "benchmarks", "tools", "tests", "README.md", "CHANGELOG.md")
SUFFIXES = {".py", ".md", ".toml", ".txt", ".csv", ".json", ".yml", ".yaml", ".html", ".cfg"}

_SRC = "sources" + "/"
FORBIDDEN = re.compile(
    "|".join(
        [
            re.escape(_SRC) + r"[\w*.-]+\.(?:txt|md)",  # sources/002_….txt, sources/x.md
            r"\b" + re.escape(_SRC) + r"\d{3}",  # sources/002
            r"`" + re.escape(_SRC) + "`",  # `sources/`
            r"\b(?:DESIGN|STYLE)" + r"\.md\b",  # design notes kept outside the repo
            re.escape("../" + "shared"),  # the working copy's neighbour directory
            r"\bissue" + r" #?\d+\b",  # tracker numbers
        ]
    )
)


def _files() -> list[Path]:
    out: list[Path] = []
    for name in SCANNED:
        path = ROOT / name
        if path.is_file():
            out.append(path)
        elif path.is_dir():
            out.extend(
                p
                for p in path.rglob("*")
                if p.is_file() and p.suffix in SUFFIXES and "__pycache__" not in p.parts
            )
    return sorted(p for p in out if p != Path(__file__).resolve())  # this file shows examples


def offending_lines(text: str) -> list[str]:
    """The lines of ``text`` that cite a document by a path or an issue number."""
    return [line.strip() for line in text.splitlines() if FORBIDDEN.search(line)]


def test_the_pattern_catches_path_citations() -> None:
    bad = [
        "# " + _SRC + "002_0a0dcc848cdd1f59.txt: 人均场地面积",
        "(``" + _SRC + "national-targets.md``)",
        "see DESIGN" + ".md",
        "the traps listed in STYLE" + ".md",
        "read ../" + "shared/sources",
        "the sizes issue" + " 9 asks for",
    ]
    assert [offending_lines(b) for b in bad] == [[b.strip()] for b in bad]
    good = "2024年郑州市体育工作要点, 郑州市体育局, 2024-07-25, 索引号 005252290/2024-00022"
    assert offending_lines(good) == []
    assert offending_lines("pendulum#899, pint#1915 (upstream bugs by number)") == []


@pytest.mark.parametrize("path", _files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_no_path_citations(path: Path) -> None:
    text = path.read_text("utf-8", errors="replace")
    assert offending_lines(text) == [], f"{path.relative_to(ROOT)} cites by path"
