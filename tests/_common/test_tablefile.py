"""The table-class readers written once (``sportsgov/_common/tablefile.py``)."""

from __future__ import annotations

import inspect
import io
from collections.abc import Mapping
from pathlib import Path
from typing import Any, ClassVar, Literal, cast

import pytest
from attrs import frozen
from hypothesis import given, settings
from hypothesis import strategies as st

from sportsgov import EventCatalog, Inventory, ObservationTable, PopulationTable, RegionTree
from sportsgov._common.tablefile import RegionTableFile, TableFile, TableReader
from sportsgov.budget import BudgetLineTable, SubsidyClaimTable
from sportsgov.errors import DataError, InvalidInputError, NotFoundError
from sportsgov.planning import ProjectTable
from sportsgov.talent import InstructorTable, MedalTable, PipelineModel, SchoolTable
from sportsgov.testing import (
    budget_line_tables,
    instructor_tables,
    school_tables,
    subsidy_claim_tables,
)

# tables with a region column: their readers are RegionTableFile's (with tree=)
REGION_TABLES = [
    ObservationTable,
    EventCatalog,
    ProjectTable,
    InstructorTable,
    SchoolTable,
    BudgetLineTable,
]
TABLE_CLASSES = [*REGION_TABLES, RegionTree, SubsidyClaimTable]
# classes whose readers take more keywords declare them, delegating to the mixin
TYPED_READERS = [PopulationTable, PipelineModel, MedalTable, Inventory, *REGION_TABLES]
ALL_READERS = list(dict.fromkeys(TABLE_CLASSES + TYPED_READERS))
READERS = ("from_file", "from_frame", "from_csv")


@pytest.mark.parametrize("cls", TABLE_CLASSES)
def test_the_readers_are_the_mixins(cls: type[Any]) -> None:
    # one definition: nothing in the class body shadows the mixin's readers
    mixin = RegionTableFile if cls in REGION_TABLES else TableFile
    for name in READERS:
        assert name not in vars(cls)
        assert getattr(cls, name).__func__ is getattr(mixin, name).__func__
    assert "_from_raw" not in vars(cls)  # the default row builder hook


@pytest.mark.parametrize("cls", ALL_READERS)
def test_every_keyword_is_spelled_out(cls: type[Any]) -> None:
    # no **options: a type checker sees each keyword a reader takes
    assert issubclass(cls, TableReader)
    for name in READERS:
        kinds = [p.kind for p in inspect.signature(getattr(cls, name)).parameters.values()]
        assert inspect.Parameter.VAR_KEYWORD not in kinds, (cls, name)
    if cls in TYPED_READERS:
        for option in cls.file_options:
            for name in ("from_file", "from_frame"):
                assert option in inspect.signature(getattr(cls, name)).parameters


@pytest.mark.parametrize("cls", ALL_READERS)
def test_from_csv_takes_the_readers_keywords(cls: type[Any]) -> None:
    # from_csv is from_file without sheet=: the same keywords on every table
    csv = set(inspect.signature(cls.from_csv).parameters)
    assert csv == set(inspect.signature(cls.from_file).parameters) - {"sheet"}, cls


def test_pipeline_and_medals_from_csv_pass_their_keywords_on(tmp_path: Path) -> None:
    path = tmp_path / "rates.csv"
    path.write_bytes("起点,终点,比率\n一线,一线,0.5\n".encode("gbk"))
    cols = {"起点": "from", "终点": "to", "比率": "rate"}
    model = PipelineModel.from_csv(path, encoding="gbk", columns=cols)
    assert (model.codes, model.source) == (("一线",), str(path))
    path.write_bytes("队伍,金,银,铜\n焦作,3,2,1\n".encode("gbk"))
    cols = {"队伍": "unit", "金": "gold", "银": "silver", "铜": "bronze"}
    medals = MedalTable.from_csv(path, encoding="gbk", columns=cols, name="Games")
    assert (medals.name, medals.medals("焦作").gold) == ("Games", 3)
    with pytest.raises(InvalidInputError, match=r"^errors='collect': expected 'raise'$"):
        MedalTable.from_csv(path, errors="collect")  # type: ignore[arg-type]


def test_inventory_from_csv_passes_encoding_and_columns_on(tmp_path: Path) -> None:
    path = tmp_path / "f.csv"
    path.write_bytes("编号,类型,区县,场馆面积\nF1,篮球场,410102,420\n".encode("gbk"))
    inv = Inventory.from_csv(path, encoding="gbk", columns={"场馆面积": "area"})
    assert (inv[0].kind, float(inv.area[0])) == ("basketball", 420.0)


@pytest.mark.parametrize("cls", [c for c in ALL_READERS if c is not Inventory])
def test_errors_collect_is_refused_alike_everywhere(cls: type[Any], tmp_path: Path) -> None:
    # refused before the file is opened, with one message for every table
    with pytest.raises(InvalidInputError, match=r"^errors='collect': expected 'raise'$"):
        cls.from_file(tmp_path / "none.csv", errors="collect")
    with pytest.raises(InvalidInputError, match=r"^errors='collect': expected 'raise'$"):
        cls._read_frame(None, None, "collect")


def test_only_the_inventory_collects(tmp_path: Path) -> None:
    p = tmp_path / "f.csv"
    p.write_text("id,kind,region,area\nF1,gym,A,100\nF2,gym,A,x\n", encoding="utf-8")
    res = Inventory.from_file(p, errors="collect")
    assert len(res.inventory) == 1 and [getattr(e, "row", None) for e in res.errors] == [3]
    with pytest.raises(InvalidInputError, match=r"^errors='skip': expected one of 'raise', "):
        Inventory.from_file(p, errors="skip")  # type: ignore[call-overload]


@frozen
class _Counts(TableFile):
    table_kind: ClassVar[str] = "instructors"
    file_options: ClassVar[tuple[str, ...]] = ("scale",)

    rows: tuple[tuple[str, int, int], ...]
    source: str | None = None

    @classmethod
    def from_records(
        cls, records: list[dict[str, str]], *, source: str | None = None, scale: int = 1
    ) -> _Counts:
        out = []
        for n, r in enumerate(records, start=1):
            if not r["instructors"].isdigit():
                raise DataError(
                    f"instructors={r['instructors']!r}: expected a whole number",
                    source=source,
                    row=n,
                    field="instructors",
                )
            out.append((r["region"], int(r["year"]), int(r["instructors"]) * scale))
        return cls(tuple(out), source)

    # the pattern for a row builder keyword: readers spelled out, work in the mixin
    @classmethod
    def from_file(
        cls,
        path: Any,
        *,
        encoding: str | None = None,
        sheet: str | int | None = None,
        columns: Mapping[str, str] | None = None,
        errors: Literal["raise"] = "raise",
        scale: int = 1,
    ) -> _Counts:
        return cast(
            _Counts,
            cls._read_file(path, encoding, sheet, columns, errors, scale=scale),
        )

    @classmethod
    def from_frame(
        cls, df: Any, *, columns: Mapping[str, str] | None = None, scale: int = 1
    ) -> _Counts:
        return cast(_Counts, cls._read_frame(df, columns, "raise", scale=scale))


def test_a_new_class_gets_gbk_title_rows_and_sheet_rows(tmp_path: Path) -> None:
    p = tmp_path / "指导员.csv"
    text = "2024年社会体育指导员,,\n地区,年份,社会体育指导员\nA,2024,12\nB,2024,x\n"
    p.write_bytes(text.encode("gbk"))
    with pytest.raises(DataError) as exc:
        _Counts.from_file(p)
    # record 2 of the builder is spreadsheet row 4 (title row 1, header row 2)
    assert str(exc.value) == (
        "指导员.csv, row 4, field instructors: instructors='x': expected a whole number"
    )
    p.write_bytes(text.replace(",x", ",3").encode("gbk"))
    got = _Counts.from_file(p, scale=2)
    assert got.rows == (("A", 2024, 24), ("B", 2024, 6))
    assert got.source == "指导员.csv"
    assert _Counts.from_csv(p) == _Counts.from_file(p, scale=1)


def test_options_not_listed_are_refused_before_reading() -> None:
    with pytest.raises(
        TypeError, match=r"from_file\(\) got an unexpected keyword argument 'tree'"
    ):
        RegionTree.from_file("no-such-file.csv", tree=None)  # type: ignore[call-arg]
    # the mixin's own check, for a class delegating with a keyword it does not list
    with pytest.raises(TypeError, match=r"_Counts.from_frame\(\) got an unexpected keyword"):
        _Counts._read_frame(None, None, "raise", scales=2)


def test_from_frame_rows_are_frame_position_plus_two() -> None:
    pd = pytest.importorskip("pandas")
    df = pd.DataFrame({"地区": ["A", "B"], "年份": [2024, 2024], "指导员": ["1", "y"]})
    with pytest.raises(DataError, match=r"row 3, field instructors"):
        _Counts.from_frame(df)
    assert _Counts.from_frame(df.iloc[:1]).rows == (("A", 2024, 1),)


def test_population_tree_option_reaches_the_row_builder() -> None:
    tree = RegionTree.from_records(
        [
            {"code": "C", "name": "City", "level": "city"},
            {"code": "C1", "name": "East", "level": "district", "parent": "C"},
            {"code": "C2", "name": "West", "level": "district", "parent": "C"},
        ]
    )
    text = "地区,年份,常住人口(万人)\nC1,2024,1.5\nC2,2024,2\n"
    pop = PopulationTable.from_file(io.StringIO(text), tree=tree)
    assert pop.get("C", 2024) == 35_000  # rolled up through the tree, 万人 scaled exactly
    with pytest.raises(NotFoundError, match="region='C': no population figures"):
        PopulationTable.from_file(io.StringIO(text)).get("C", 2024)


# The four city tables of plain rows: one round trip for all (records, a DataFrame,
# that frame written as CSV and read back through the tolerant reader, JSON).
CITY_TABLES = [
    (InstructorTable, instructor_tables, ["region", "year", "instructors"]),
    (SchoolTable, school_tables, ["school", "region", "coaches", "athletes"]),
    (BudgetLineTable, budget_line_tables, ["line", "name", "region", "budget_yuan", "spent_yuan"]),
    (SubsidyClaimTable, subsidy_claim_tables, ["claim_id", "person", "kind", "amount_yuan", "on"]),
]


@pytest.mark.parametrize(
    ("cls", "tables", "columns"), CITY_TABLES, ids=[c[0].__name__ for c in CITY_TABLES]
)
@settings(max_examples=25, deadline=None)
@given(data=st.data())
def test_city_tables_round_trip(
    cls: type[Any], tables: Any, columns: list[str], data: st.DataObject
) -> None:
    from sportsgov import io as sio

    table = data.draw(tables())
    assert cls.from_records(table.to_records()) == table
    assert sio.from_json(sio.to_json(table), cls) == table
    pytest.importorskip("pandas")
    frame = table.to_frame()
    assert list(frame.columns) == columns
    if len(table):  # an empty CSV has no header row to find
        assert cls.from_frame(frame) == table
        buffer = io.StringIO()
        frame.to_csv(buffer, index=False)
        assert cls.from_file(io.StringIO(buffer.getvalue())) == table
