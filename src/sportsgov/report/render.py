"""Render a :class:`~sportsgov.report.document.Report` as Markdown, HTML or JSON.

The HTML is one self-contained file: styles inline, charts embedded as base64 PNG data
URIs, no scripts, no external requests. JSON keeps numbers as numbers and carries each
section's machine-readable ``data``.

Examples
--------
>>> from sportsgov.report.document import Report, Section, Table
>>> rep = Report(title="Demo", subtitle="as of 2024-09-30", lang="en", sections=(
...     Section(key="ind", title="Indicators", tables=(
...         Table(columns=("District", "Per capita"), rows=(("East", 2.7123),)),)),))
>>> print(to_markdown(rep))  # doctest: +NORMALIZE_WHITESPACE
# Demo
<BLANKLINE>
as of 2024-09-30
<BLANKLINE>
## Indicators
<BLANKLINE>
| District | Per capita |
|---|---|
| East | 2.712 |
<BLANKLINE>
>>> "<table" in to_html(rep) and "data:" not in to_html(rep)
True
"""

from __future__ import annotations

import base64
import contextlib
import html
import json
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any, Literal

from sportsgov.errors import InvalidInputError
from sportsgov.report.document import Cell, Report, Section, Table

__all__ = [
    "Format",
    "format_cell",
    "to_html",
    "to_json",
    "to_markdown",
    "to_xlsx",
    "write_report",
]

Format = Literal["html", "md", "json", "xlsx"]
_FILES: dict[str, str] = {
    "html": "index.html",
    "md": "report.md",
    "json": "report.json",
    "xlsx": "report.xlsx",
}
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


def format_cell(value: Cell) -> str:
    """Format one cell for people: thousands separators for integers, 3 significant decimals.

    Examples
    --------
    >>> format_cell(4180000), format_cell(2.71234), format_cell(None), format_cell(0.5)
    ('4,180,000', '2.712', '—', '0.5')
    """
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "✓" if value else "✗"
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float):
        if value != value:  # NaN never reaches a report silently
            return "—"
        text = f"{value:,.3f}".rstrip("0").rstrip(".")
        return text if text not in ("-0", "") else "0"
    return str(value)


def _md_escape(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _md_table(table: Table) -> list[str]:
    lines = []
    if table.caption:
        lines += [f"*{table.caption}*", ""]
    lines.append("| " + " | ".join(_md_escape(c) for c in table.columns) + " |")
    lines.append("|" + "---|" * len(table.columns))
    for row in table.rows:
        lines.append("| " + " | ".join(_md_escape(format_cell(c)) for c in row) + " |")
    lines.append("")
    return lines


def to_markdown(report: Report, *, figure_dir: str | None = None) -> str:
    """Render as GitHub-flavoured Markdown; figures are linked from ``figure_dir`` if given."""
    lines = [f"# {report.title}", ""]
    if report.subtitle:
        lines += [report.subtitle, ""]
    for note in report.notes:
        lines += [f"> {note}", ""]
    for section in report.sections:
        lines += [f"## {section.title}", ""]
        for para in section.paragraphs:
            lines += [para, ""]
        for table in section.tables:
            lines += _md_table(table)
        for fig in section.figures:
            if fig.png is not None and figure_dir is not None:
                lines += [f"![{fig.alt or fig.title}]({figure_dir}/{fig.key}.png)", ""]
    return "\n".join(lines)


_CSS = """
body{font-family:-apple-system,"Segoe UI","PingFang SC","Noto Sans CJK SC","Microsoft YaHei",
sans-serif;margin:0 auto;max-width:1100px;padding:24px;color:#1f2933;line-height:1.5}
h1{font-size:1.7rem;margin-bottom:0}
h2{border-bottom:2px solid #e4e7eb;padding-bottom:4px;margin-top:2em}
.subtitle{color:#52606d;margin-top:4px}
.note{background:#fff8e1;border-left:4px solid #f0b429;padding:8px 12px}
table{border-collapse:collapse;width:100%;margin:12px 0;font-size:.92rem}
th,td{border:1px solid #e4e7eb;padding:4px 8px;text-align:left}th{background:#f5f7fa}
td.num{text-align:right;font-variant-numeric:tabular-nums}
caption{caption-side:top;text-align:left;color:#52606d}
tr.met td,tr.ahead td{background:#e3f9e5}tr.on_track td,tr.on_pace td{background:#eaf2fb}
tr.behind td{background:#fff3c4}tr.missed td{background:#ffe3e3}tr.no_data td{color:#9aa5b1}
table.scorecard td:nth-child(-n+3){white-space:nowrap}td{vertical-align:top}
figure{margin:16px 0}figure img{max-width:100%;border:1px solid #e4e7eb}figcaption{color:#52606d}
nav ol{columns:2}footer{margin-top:3em;color:#9aa5b1;font-size:.85rem}
"""


_NUMERIC = re.compile(r"[-+]?[\d,]+(\.\d+)?%?")
"""Text cells that are formatted numbers (``1,800.00``, ``74.9%``) align right like numbers."""


def _html_table(table: Table) -> str:
    out = ['<table class="scorecard">' if table.key == "scores" else "<table>"]
    if table.caption:
        out.append(f"<caption>{html.escape(table.caption)}</caption>")
    out.append(
        "<thead><tr>"
        + "".join(f"<th>{html.escape(c)}</th>" for c in table.columns)
        + "</tr></thead>"
    )
    out.append("<tbody>")
    for i, row in enumerate(table.rows):
        cls = (
            f' class="{html.escape(table.status[i])}"'
            if i < len(table.status) and table.status[i]
            else ""
        )
        cells = "".join(
            f'<td class="num">{html.escape(format_cell(c))}</td>'
            if (isinstance(c, int | float) and not isinstance(c, bool))
            or (isinstance(c, str) and _NUMERIC.fullmatch(c))
            else f"<td>{html.escape(format_cell(c))}</td>"
            for c in row
        )
        out.append(f"<tr{cls}>{cells}</tr>")
    out.append("</tbody></table>")
    return "\n".join(out)


def _html_section(section: Section) -> str:
    out = [f'<section id="{html.escape(section.key)}"><h2>{html.escape(section.title)}</h2>']
    out += [f"<p>{html.escape(p)}</p>" for p in section.paragraphs]
    out += [_html_table(t) for t in section.tables]
    if section.html:
        out.append(section.html)
    for fig in section.figures:
        if fig.png is None:
            continue
        data = base64.b64encode(fig.png).decode("ascii")
        alt = html.escape(fig.alt or fig.title)
        out.append(
            f'<figure><img src="data:image/png;base64,{data}" alt="{alt}">'
            f"<figcaption>{html.escape(fig.title)}</figcaption></figure>"
        )
    out.append("</section>")
    return "\n".join(out)


def to_html(report: Report) -> str:
    """Render as one self-contained HTML page (inline CSS, embedded PNG charts, no scripts)."""
    lang = "zh-CN" if report.lang == "zh" else "en"
    toc = "".join(
        f'<li><a href="#{html.escape(s.key)}">{html.escape(s.title)}</a></li>'
        for s in report.sections
    )
    notes = "".join(f'<p class="note">{html.escape(n)}</p>' for n in report.notes)
    footer = html.escape(str(report.meta.get("generated_by", "")))
    body = "\n".join(_html_section(s) for s in report.sections)
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{html.escape(report.title)}</title><style>{_CSS}</style></head>\n<body>\n"
        f"<header><h1>{html.escape(report.title)}</h1>"
        f'<p class="subtitle">{html.escape(report.subtitle)}</p>{notes}</header>\n'
        f"<nav><ol>{toc}</ol></nav>\n{body}\n<footer>{footer}</footer>\n</body></html>\n"
    )


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, bytes):
        return None
    if isinstance(value, float) and value != value:
        return None
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    return str(value)


def to_json(report: Report) -> str:
    """Render as JSON: every table with typed cells, and each section's ``data``."""
    doc = {
        "title": report.title,
        "subtitle": report.subtitle,
        "lang": report.lang,
        "notes": list(report.notes),
        "meta": _jsonable(report.meta),
        "sections": [
            {
                "key": s.key,
                "title": s.title,
                "paragraphs": list(s.paragraphs),
                "tables": [
                    {
                        "key": t.key,
                        "caption": t.caption,
                        "columns": list(t.columns),
                        "rows": _jsonable(t.rows),
                        "status": list(t.status),
                    }
                    for t in s.tables
                ],
                "figures": [
                    {"key": f.key, "title": f.title, "rendered": f.png is not None}
                    for f in s.figures
                ],
                "data": _jsonable(s.data),
                "seconds": round(s.seconds, 3),
            }
            for s in report.sections
        ],
    }
    return json.dumps(doc, ensure_ascii=False, indent=2)


def to_xlsx(report: Report, path: str | Path) -> Path:
    """Write the report as an Excel workbook: one sheet per section, numbers as numbers.

    Each sheet starts with the section's title and paragraphs, then its tables, each
    with its header row (the report language's labels: Chinese by default) and
    typed cells (a number stays a number Excel can sum). Needs openpyxl (the
    ``excel`` extra).

    Raises
    ------
    MissingExtraError
        openpyxl is not installed.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> from sportsgov.report.document import Report, Section, Table
    >>> table = Table(columns=("区县", "人均面积 (m²/人)"), rows=(("东城区", 2.71),))
    >>> rep = Report(title="示例", subtitle="", lang="zh",
    ...              sections=(Section(key="s", title="指标: 人均/面积", tables=(table,)),))
    >>> p = to_xlsx(rep, pathlib.Path(tempfile.mkdtemp()) / "report.xlsx")
    >>> import openpyxl
    >>> sheet = openpyxl.load_workbook(p).worksheets[0]
    >>> sheet.title, sheet.cell(2, 1).value, sheet.cell(3, 2).value
    ('指标 人均面积', '区县', 2.71)
    """
    from sportsgov._common.extras import require

    openpyxl = require("openpyxl", "excel", what="writing report.xlsx")
    book = openpyxl.Workbook()
    book.remove(book.active)
    used: set[str] = set()
    for section in report.sections:
        name = _SHEET_FORBIDDEN.sub("", section.title).strip()[:28] or section.key
        base, n = name, 2
        while name.casefold() in used:
            name = f"{base[:25]} {n}"
            n += 1
        used.add(name.casefold())
        sheet = book.create_sheet(name)
        sheet.append([section.title])
        for paragraph in section.paragraphs:
            sheet.append([paragraph])
        for table in section.tables:
            if table.caption:
                sheet.append([table.caption])
            sheet.append(list(table.columns))
            for row in table.rows:
                sheet.append(list(row))
            sheet.append([])
    out = Path(path)
    book.save(out)
    return out


def write_report(
    report: Report, out_dir: str | Path, *, formats: Iterable[Format] = ("html", "md", "json")
) -> dict[str, Path]:
    """Write the report files into ``out_dir`` (created if needed); return format → path.

    Files: ``index.html``, ``report.md`` (with charts saved beside it in ``figures/``),
    ``report.json`` and ``report.xlsx`` (one sheet per section; needs openpyxl, the
    ``excel`` extra: without it the workbook is skipped and the other files written).
    """
    out = Path(out_dir)
    chosen = list(formats)
    for fmt in chosen:
        if fmt not in _FILES:
            raise InvalidInputError.bad(
                "formats", fmt, "expected some of 'html', 'md', 'json', 'xlsx'"
            )
    out.mkdir(parents=True, exist_ok=True)
    written: dict[str, Path] = {}
    if "html" in chosen:
        written["html"] = out / _FILES["html"]
        written["html"].write_text(to_html(report), encoding="utf-8")
    if "md" in chosen:
        figs = [f for s in report.sections for f in s.figures if f.png is not None]
        if figs:
            (out / "figures").mkdir(exist_ok=True)
            for fig in figs:
                assert fig.png is not None
                (out / "figures" / f"{fig.key}.png").write_bytes(fig.png)
        written["md"] = out / _FILES["md"]
        written["md"].write_text(to_markdown(report, figure_dir="figures"), encoding="utf-8")
    if "json" in chosen:
        written["json"] = out / _FILES["json"]
        written["json"].write_text(to_json(report), encoding="utf-8")
    if "xlsx" in chosen:
        from sportsgov._common.extras import MissingExtraError

        with contextlib.suppress(MissingExtraError):  # the CLI says so; others are written
            written["xlsx"] = to_xlsx(report, out / _FILES["xlsx"])
    return written
