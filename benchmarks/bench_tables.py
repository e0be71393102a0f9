"""Table reader: GBK CSV and xlsx against the bare readers (pandas, python-calamine).

``read_table`` is what ``Inventory.from_file`` runs before parsing cells; the
``Inventory.from_file`` cases time the whole load (read, map the Chinese kind names,
parse and check every cell) -- the issue-12 target: a 1,000,000-row GBK CSV with
Chinese headers (8 facility columns) against ``pandas.read_csv(encoding="gb18030",
dtype=str)``, and a 200,000-row xlsx against python-calamine's own ``to_python``.
Aim: ratio <= 2. Needs the ``excel`` and ``pandas`` extras (skipped without them).

Region names: the same CSV with district names (中原区 ...) instead of codes, loaded
with ``tree=``, against the codes file loaded with the same tree: names are resolved
once per distinct cell, so the two should take the same time (aim: ratio <= 1.2).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import random
import tempfile
from pathlib import Path

from benchmarks.run import Case
from sportsgov._common.tables import read_table
from sportsgov.facilities import Inventory
from sportsgov.regions import RegionTree

HEADER = ["场地编号", "场地名称", "场地类型", "行政区划代码"]
HEADER += ["面积(平方米)", "经度", "纬度", "建成日期"]
KINDS = ["篮球场", "足球场", "游泳馆", "健身步道", "全民健身路径"]
KINDS += ["羽毛球场", "乒乓球场", "健身房"]
DISTRICTS = ["中原区", "二七区", "管城回族区", "金水区", "上街区", "惠济区", "中牟县"]
DISTRICTS += [f"第{k}区" for k in range(8, 20)]
# Generated files are kept between runs (they take a while at full size).
_DIR = Path(tempfile.gettempdir()) / "sportsgov-bench-tables"


def _rows(n: int) -> list[list[object]]:
    rng = random.Random(0)
    start = dt.date(2000, 1, 1).toordinal()
    return [
        [
            f"F{i:07d}",
            f"第{i}号{KINDS[i % 8]}",
            KINDS[rng.randrange(8)],
            f"4101{rng.randrange(1, 20):02d}",
            round(rng.uniform(50, 9000), 1),
            round(113 + rng.random(), 6),
            round(34 + rng.random(), 6),
            dt.date.fromordinal(start + rng.randrange(9000)),
        ]
        for i in range(n)
    ]


def _gbk_csv(n: int, *, names: bool = False) -> Path:
    path = _DIR / f"facilities-{n}{'-names' if names else ''}.csv"
    if not path.exists():
        buf = io.StringIO(newline="")
        w = csv.writer(buf, lineterminator="\r\n")
        w.writerow(HEADER if not names else [*HEADER[:3], "所属区县", *HEADER[4:]])
        for r in _rows(n):
            region = DISTRICTS[int(str(r[3])[-2:]) - 1] if names else r[3]
            w.writerow([*r[:3], region, *r[4:7], r[7].isoformat()])
        path.write_bytes(buf.getvalue().encode("gbk"))
    return path


def _tree() -> RegionTree:
    city = {"code": "4101", "name": "郑州市", "level": "city"}
    districts = [
        {"code": f"4101{k:02d}", "name": name, "level": "district", "parent": "4101"}
        for k, name in enumerate(DISTRICTS, start=1)
    ]
    return RegionTree.from_records([city, *districts])


def _xlsx(n: int) -> Path:
    import openpyxl

    path = _DIR / f"facilities-{n}.xlsx"
    if not path.exists():
        wb = openpyxl.Workbook(write_only=True)
        ws = wb.create_sheet("场地")
        ws.append(HEADER)
        for r in _rows(n):
            ws.append(r)
        wb.save(path)
    return path


def cases(quick: bool) -> list[Case]:
    _DIR.mkdir(exist_ok=True)
    try:
        import pandas as pd
        import python_calamine
    except ImportError:  # pragma: no cover - extras missing
        return []
    n_csv = 20_000 if quick else 1_000_000
    n_xlsx = 5_000 if quick else 200_000
    csv_path = _gbk_csv(n_csv)
    names_path = _gbk_csv(n_csv, names=True)
    xlsx_path = _xlsx(n_xlsx)
    tree = _tree()

    def bare_xlsx() -> object:
        book = python_calamine.CalamineWorkbook.from_path(str(xlsx_path))
        return book.get_sheet_by_index(0).to_python()

    repeat = 5 if quick else 3
    return [
        Case(
            f"read_table GBK CSV, {n_csv:,} rows x 8",
            lambda: read_table(csv_path, table="facilities"),
            lambda: pd.read_csv(csv_path, encoding="gb18030", dtype=str, keep_default_na=False),
            'pandas.read_csv(encoding="gb18030", dtype=str)',
            target="ratio <= 2",
            repeat=repeat,
        ),
        Case(
            f"read_table xlsx, {n_xlsx:,} rows x 8",
            lambda: read_table(xlsx_path, table="facilities"),
            bare_xlsx,
            "python-calamine to_python()",
            target="ratio <= 2",
            repeat=repeat,
        ),
        Case(
            f"Inventory.from_file GBK CSV, {n_csv:,} rows x 8",
            lambda: Inventory.from_file(csv_path),
            lambda: pd.read_csv(csv_path, encoding="gb18030", dtype=str, keep_default_na=False),
            'pandas.read_csv(encoding="gb18030", dtype=str)',
            target="ratio <= 2 (read, map Chinese kinds, parse and check every cell)",
            repeat=repeat,
            max_ratio=None if quick else 2.0,  # fixed costs dominate the quick sizes
        ),
        Case(
            f"Inventory.from_file xlsx, {n_xlsx:,} rows x 8",
            lambda: Inventory.from_file(xlsx_path),
            bare_xlsx,
            "python-calamine to_python()",
            target="ratio <= 2 (read, map Chinese kinds, parse and check every cell)",
            repeat=repeat,
            max_ratio=None if quick else 2.0,  # fixed costs dominate the quick sizes
        ),
        Case(
            f"Inventory.from_file GBK CSV, district names, tree=, {n_csv:,} rows x 8",
            lambda: Inventory.from_file(names_path, tree=tree),
            lambda: Inventory.from_file(csv_path, tree=tree),
            "the same file with codes, tree=",
            target="ratio <= 1.2 (names resolved once per distinct cell)",
            repeat=repeat,
            max_ratio=None if quick else 1.2,
        ),
    ]
