"""Tests for ``sportsgov.facilities.inventory``: the columnar inventory."""

from __future__ import annotations

import csv
import datetime as dt
import re
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from sportsgov.errors import DataError, DatumError, InvalidInputError, NotFoundError, UnitError
from sportsgov.facilities import FacilityKinds, Inventory, Location
from sportsgov.io import from_json, from_toml, to_json, to_toml
from sportsgov.regions import RegionTree
from sportsgov.testing import facility_records, inventories, region_trees
from sportsgov.units import Q_

TREE = RegionTree.from_records(
    [
        {"code": "C", "name": "City", "level": "city", "parent": None},
        {"code": "D1", "name": "East", "level": "district", "parent": "C"},
        {"code": "D2", "name": "West", "level": "county", "parent": "C"},
        {"code": "S11", "name": "S11", "level": "street", "parent": "D1"},
        {"code": "S12", "name": "S12", "level": "street", "parent": "D1"},
        {"code": "T21", "name": "T21", "level": "township", "parent": "D2"},
    ]
)


RECORDS: list[dict[str, Any]] = [
    {
        "id": "F1",
        "kind": "football_11",
        "region": "S11",
        "area": 7140,
        "lon": 113.6,
        "lat": 34.7,
        "opened": "2015-06-01",
        "closed": None,
    },
    {
        "id": "F2",
        "kind": "football_7",
        "region": "S12",
        "area": 2000,
        "lon": 113.7,
        "lat": 34.8,
        "opened": "2024-12-31",
        "closed": None,
    },
    {
        "id": "F3",
        "kind": "football_5",
        "region": "D1",
        "area": 800,
        "lon": None,
        "lat": None,
        "opened": None,
        "closed": "2024-12-31",
    },
    {
        "id": "F4",
        "kind": "basketball",
        "region": "T21",
        "area": "1亩",
        "lon": 113.9,
        "lat": 34.5,
        "opened": "2020-01-01",
        "closed": "2025-01-01",
    },
    {
        "id": "F5",
        "kind": "greenway",
        "region": "T21",
        "area": 30_000,
        "lon": None,
        "lat": None,
        "opened": "2020-01-01",
        "closed": None,
        "length": 5000,
    },
    {
        "id": "F6",
        "kind": "trail",
        "region": "D2",
        "area": None,
        "lon": None,
        "lat": None,
        "opened": "2021-01-01",
        "closed": None,
        "length": 3000,
    },
]


@pytest.fixture
def inv() -> Inventory:
    return Inventory.from_records(RECORDS, tree=TREE)


# --------------------------------------------------------------------------- Inventory: worked


def test_call_shape_from_records(inv: Inventory) -> None:
    assert len(inv) == 6
    assert inv.area[3] == pytest.approx(10000 / 15)  # 1 亩
    assert np.isnan(inv.area[5])  # trail without area, measured by length
    assert inv.region_of.tolist() == ["S11", "S12", "D1", "T21", "T21", "D2"]


def test_as_of_boundaries(inv: Inventory) -> None:
    """opened on d: counted on d; closed on d: not counted on d; NaT opened: always."""
    assert inv.as_of("2024-12-30").ids.tolist() == ["F1", "F3", "F4", "F5", "F6"]
    assert inv.as_of("2024-12-31").ids.tolist() == ["F1", "F2", "F4", "F5", "F6"]
    assert inv.as_of("2025-01-01").ids.tolist() == ["F1", "F2", "F5", "F6"]
    assert inv.as_of(dt.date(2010, 1, 1)).ids.tolist() == ["F3"]


def test_total_area_grouped_over_the_tree(inv: Inventory) -> None:
    mu = 10000 / 15
    by_district = inv.total_area(by="district", as_of="2024-12-31")
    assert set(by_district) == {"D1", "D2"}  # districts and counties share a tier
    assert by_district["D1"].magnitude == pytest.approx(7140 + 2000)  # includes its streets
    assert by_district["D2"].magnitude == pytest.approx(mu)  # greenway not counted, trail 0
    assert inv.total_area(region="City", as_of="2024-12-31").magnitude == pytest.approx(9140 + mu)
    by_region = inv.total_area(by="region", as_of="2024-12-30")
    assert by_region["C"].magnitude == pytest.approx(7140 + 800 + mu)
    assert by_region["S12"].magnitude == 0.0
    by_kind = inv.total_area(by="kind")
    assert by_kind["greenway"].magnitude == 0.0 and by_kind["football_7"].magnitude == 2000
    assert inv.total_area(by="street")["S11"].magnitude == 7140


def test_counts(inv: Inventory) -> None:
    assert inv.pitch_count(as_of="2024-12-31") == 2  # 11 + 7 (the 5-a-side closed that day)
    assert inv.pitch_count(as_of="2024-12-30") == 2  # 11 + 5 (the 7-a-side not yet open)
    assert inv.pitch_count(as_of="2024-12-31", region="D2") == 0
    assert inv.count(flag="ball_court", as_of="2024-12-31") == 3
    assert inv.count_by_kind(region="D2") == {"basketball": 1, "trail": 1, "greenway": 1}
    assert len(inv.filter(kind="football_5")) == 1
    assert len(inv.filter(region="D1")) == 3
    assert len(inv.filter(public=False)) == 0


def test_from_arrays_call_shape_matches_records(inv: Inventory) -> None:
    arrays = Inventory.from_arrays(
        id=np.array(["F1", "F2", "F3", "F4", "F5", "F6"]),
        kind=np.array(
            ["football_11", "football_7", "football_5", "basketball", "greenway", "trail"]
        ),
        region=np.array(["S11", "S12", "D1", "T21", "T21", "D2"]),
        area=np.array([7140, 2000, 800, 10000 / 15, 30000, np.nan]),
        opened=np.array(
            ["2015-06-01", "2024-12-31", "NaT", "2020-01-01", "2020-01-01", "2021-01-01"],
            dtype="datetime64[D]",
        ),
        closed=np.array(["", "", "2024-12-31", "2025-01-01", "", ""]),
        length=np.array([np.nan, np.nan, np.nan, np.nan, 5000, 3000]),
        tree=TREE,
    )
    for as_of in ("2024-12-30", "2024-12-31"):
        assert arrays.total_area(by="region", as_of=as_of) == inv.total_area(
            by="region", as_of=as_of
        )
        assert arrays.pitch_count(as_of=as_of) == inv.pitch_count(as_of=as_of)


def test_from_arrays_does_not_alias_inputs() -> None:
    area = np.array([100.0, 200.0])
    built = Inventory.from_arrays(
        id=np.arange(2), kind=np.array(["gym", "gym"]), region=np.array(["A", "A"]), area=area
    )
    area[0] = -1.0
    assert built.area[0] == 100.0
    assert not built.area.flags.writeable
    shared = np.array([100.0, 200.0])
    view = Inventory.from_arrays(
        id=np.arange(2),
        kind=np.array(["gym", "gym"]),
        region=np.array(["A", "A"]),
        area=shared,
        copy=False,
    )
    assert shared.flags.writeable  # the caller's array keeps its flags
    assert not view.area.flags.writeable
    shared[1] = 50.0  # copy=False: documented to be visible
    assert view.area[1] == 50.0


def test_csv_sample_city_layout(tmp_path: Path) -> None:
    p = tmp_path / "facilities.csv"
    p.write_text(
        "id,name,kind,region,area,length,lon,lat,datum,opened,closed,public\n"
        "F1,东区体育公园足球场,football_11,S11,7140,,113.6,34.7,gcj02,2015-06-01,,true\n"
        "F2,,trail,D2,,3000,,,,2021-01-01,,false\n"
        "F3,游泳馆,swimming_pool,D1,3亩,,113.7,34.8,wgs84,,,\n",
        encoding="utf-8",
    )
    got = Inventory.from_csv(p, tree=TREE)
    assert got.ids.tolist() == ["F1", "F2", "F3"]
    assert got.area[2] == pytest.approx(2000.0)  # 3 亩
    assert got.public.tolist() == [True, False, True]
    assert got.datum is not None and got.datum.tolist() == [1, -1, 0]
    assert got.names is not None and got.names[0] == "东区体育公园足球场"
    with pytest.raises(DatumError, match="several datums"):
        got.coordinates()
    lon, lat, datum = got.filter(kind="swimming_pool").coordinates()
    assert (lon.tolist(), lat.tolist(), datum) == ([113.7], [34.8], "wgs84")


@pytest.mark.parametrize("missing", ["kind", "region"])
def test_collect_mode_with_a_required_column_missing_reads_no_row(
    tmp_path: Path, missing: str
) -> None:
    # a bureau export: GBK, a title row, Chinese headers, one required column absent
    headers = {
        "id": "编号",
        "kind": "场地类型",
        "region": "所属区县",
        "area": "场地面积（平方米）",
    }
    row = {"id": "F1", "kind": "篮球场", "region": "S11", "area": "1,200.5"}
    keep = [f for f in headers if f != missing]
    p = tmp_path / "场地.csv"
    p.write_bytes(
        (
            "某市体育场地统计表\n"
            + ",".join(headers[f] for f in keep)
            + "\n"
            + ",".join(row[f] for f in keep if f != "area")
            + ',"1,200.5"\n'
        ).encode("gbk")
    )
    res = Inventory.from_file(p, tree=TREE, errors="collect")
    assert len(res.inventory) == 0
    assert [type(e) for e in res.errors] == [DataError]
    assert f"场地.csv, row 2: missing column {missing}" in str(res.errors[0])
    with pytest.raises(DataError, match=f"missing column {missing}"):
        Inventory.from_file(p, tree=TREE)


def test_csv_collect_mode_reports_every_bad_row(tmp_path: Path) -> None:
    p = tmp_path / "facilities.csv.gz"
    import gzip

    lines = [
        "id,name,kind,region,area,length,lon,lat,datum,opened,closed,public",
        "F1,,gym,S11,300,,,,,,,",
        "F2,,gym,S11,-5,,,,,,,",  # negative
        "F3,,pool,S11,300,,,,,,,",  # unknown kind
        "F4,,gym,S11,120 m,,,,,,,",  # a length
        "F5,,gym,S11,nan,,,,,,,",  # NaN
        "F1,,gym,S11,30,,,,,,,",  # duplicate id
        "F7,,gym,X9,30,,,,,,,",  # region not in tree
        "F8,,gym,S11,30,,34.7,113.6,,,,",  # swapped
        "F9,,gym,S11,30,,,,,2024-05-01,2024-04-01,",  # closed before opened
        "F10,,gym,S11,30,,,,,,,maybe",  # bad public
        "F11,,gym,S11,30,,,,,2024-13-01,,",  # bad date
        "F12,,gym,S11",  # short row
        "F13,,trail,S11,,,,,,,,",  # trail without area or length
        "F14,,gym,S11,1.5亩,,,,,,,",  # fine (converted)
    ]
    p.write_bytes(gzip.compress(("\n".join(lines) + "\n").encode("utf-8")))
    res = Inventory.from_csv(p, tree=TREE, errors="collect")
    assert res.inventory.ids.tolist() == ["F1", "F14"]
    messages = [str(e) for e in res.errors]
    expected = [
        r"row 3, field area: area=-5.0: must be >= 0 m²",
        r"row 4, field kind: kind='pool': unknown facility kind; known kinds: football_11,",
        r"row 5, field area: area=120 m: expected \[area\]",
        r"row 6, field area: area='nan': missing: required for kind 'gym'",
        r"row 7, field id: id='F1': duplicate id \(first seen in row 2\)",
        r"row 8, field region: region='X9': not a region of the tree",
        r"row 9, field lat: lat=113.6: must be in \[-90, 90\] \(are lon and lat swapped\?\)",
        r"row 10, field closed: closed='2024-04-01': must be after opened=2024-05-01",
        r"row 11, field public: public='maybe': must be true or false",
        r"row 12, field opened: opened='2024-13-01': not a valid date",
        r"row 13, field area: area='': missing: required for kind 'gym'",  # short row
        r"row 14, field area: area='': missing: a trail needs an area \[m²\] or a length \[m\]",
    ]
    assert len(messages) == len(expected)
    for message, pattern in zip(messages, expected, strict=True):
        assert message.startswith("facilities.csv.gz, ")
        assert re.search(pattern, message), (message, pattern)
    assert isinstance(res.errors[2], UnitError) and res.errors[2].row == 5  # type: ignore[attr-defined]
    with pytest.raises(DataError, match=r"facilities.csv.gz, row 3, field area: area=-5.0"):
        Inventory.from_csv(p, tree=TREE)


def test_records_bad_input_raise_with_row() -> None:
    good = {"id": "F1", "kind": "gym", "region": "A", "area": 10}
    with pytest.raises(DataError, match=r"row 2, field kind: kind='pool': unknown facility kind"):
        Inventory.from_records([good, {**good, "id": "F2", "kind": "pool"}])
    with pytest.raises(UnitError, match=r"row 1, field area: area=120 m: expected \[area\]"):
        Inventory.from_records([{**good, "area": Q_(120, "m")}])
    with pytest.raises(DataError, match=r"row 1, field area: area=nan: missing: required"):
        Inventory.from_records([{**good, "area": float("nan")}])
    with pytest.raises(DataError, match=r"row 1, field region: region='A': not a region"):
        Inventory.from_records([good], tree=TREE)
    with pytest.raises(InvalidInputError, match=r"errors='skip': expected one of 'raise'"):
        Inventory.from_records([good], errors="skip")  # type: ignore[call-overload]


def test_from_arrays_bad_input_names_rows() -> None:
    base: dict[str, Any] = {
        "id": np.arange(3),
        "kind": np.array(["gym", "gym", "gym"]),
        "region": np.array(["A", "A", "A"]),
        "area": np.array([1.0, 2.0, 3.0]),
    }
    with pytest.raises(DataError, match=r"row 2, field area: area=-2.0: must be >= 0 m²"):
        Inventory.from_arrays(**{**base, "area": np.array([1.0, -2.0, 3.0])})
    with pytest.raises(DataError, match=r"row 3, field area: area=nan: missing: required"):
        Inventory.from_arrays(**{**base, "area": np.array([1.0, 2.0, np.nan])})
    with pytest.raises(UnitError, match=r"area=.*: expected \[area\]"):
        Inventory.from_arrays(**{**base, "area": Q_(np.array([1.0, 2.0, 3.0]), "m")})
    with pytest.raises(DataError, match=r"row 2, field kind: kind='quidditch': unknown .* gym"):
        Inventory.from_arrays(**{**base, "kind": np.array(["gym", "quidditch", "gym"])})
    with pytest.raises(
        DataError, match=r"row 3, field id: id=1: duplicate id \(first seen in row 2\)"
    ):
        Inventory.from_arrays(**{**base, "id": np.array([0, 1, 1])})
    with pytest.raises(DataError, match=r"row 1, field region: region='A': not a region"):
        Inventory.from_arrays(**base, tree=TREE)
    with pytest.raises(DataError, match=r"row 2, field closed: closed=2020-01-01: must be after"):
        Inventory.from_arrays(
            **base,
            opened=np.array(["2019-01-01", "2021-01-01", ""]),
            closed=np.array(["", "2020-01-01", ""]),
        )
    with pytest.raises(
        DataError, match=r"row 2, field kind: kind=7: code outside kind_categories"
    ):
        Inventory.from_arrays(**{**base, "kind": np.array([0, 7, 0])}, kind_categories=["gym"])
    with pytest.raises(InvalidInputError, match=r"area=.*: must have 3 values"):
        Inventory.from_arrays(**{**base, "area": np.array([1.0, 2.0])})
    with pytest.raises(
        DataError,
        match=r"row 1, field opened: opened='yesterday': expected a date such as 2024-03",
    ):
        Inventory.from_arrays(**base, opened=["yesterday", None, None])


def test_unknown_regions_against_a_tree(inv: Inventory) -> None:
    plain = Inventory.from_records(
        [
            {"id": 1, "kind": "gym", "region": "S11", "area": 10},
            {"id": 2, "kind": "gym", "region": "ZZ", "area": 10},
        ]
    )
    with pytest.raises(DataError, match=r"row 2, field region: region='ZZ': not a region of the"):
        plain.total_area(by="district", tree=TREE)
    with pytest.raises(InvalidInputError, match=r"by='district': grouping by level needs"):
        plain.total_area(by="district")
    with pytest.raises(InvalidInputError, match=r"by='colour': expected None, 'kind', 'region'"):
        inv.total_area(by="colour")


# --------------------------------------------------------------------------- properties


def _brute_alive(rec: dict[str, Any], day: dt.date) -> bool:
    opened, closed = rec["opened"], rec["closed"]
    return (opened is None or opened <= day) and (closed is None or closed > day)


@given(facility_records(max_size=25), st.dates(dt.date(1989, 1, 1), dt.date(2036, 1, 1)))
def test_as_of_and_area_match_brute_force(records: list[dict[str, Any]], day: dt.date) -> None:
    inv = Inventory.from_records(records)
    kinds = FacilityKinds.default()
    alive = [r for r in records if _brute_alive(r, day)]
    assert inv.as_of(day).ids.tolist() == [r["id"] for r in alive]
    expected = sum((r["area"] or 0.0) for r in alive if kinds[r["kind"]].counts_toward_area)
    assert inv.total_area(as_of=day).magnitude == pytest.approx(expected, rel=1e-12, abs=1e-6)
    pitches = sum(1 for r in alive if kinds[r["kind"]].counts_as_pitch)
    assert inv.pitch_count(as_of=day) == pitches
    for region in {r["region"] for r in records}:
        want = sum(
            (r["area"] or 0.0)
            for r in alive
            if r["region"] == region and kinds[r["kind"]].counts_toward_area
        )
        got = inv.total_area(as_of=day, region=region).magnitude
        assert got == pytest.approx(want, rel=1e-12, abs=1e-6)


@given(region_trees(max_size=12), st.data())
def test_area_by_level_rolls_up(tree: RegionTree, data: st.DataObject) -> None:
    inv = data.draw(inventories(tree=tree, max_size=15))
    per_region = inv.total_area(by="region")
    own = dict.fromkeys(tree.codes, 0.0)
    for rec in inv.to_records():
        if FacilityKinds.default()[rec["kind"]].counts_toward_area:
            own[rec["region"]] += rec["area"] or 0.0
    for region in tree:
        want = own[region.code] + sum(own[d.code] for d in tree.descendants(region.code))
        assert per_region[region.code].magnitude == pytest.approx(want, abs=1e-6)
    root = tree.roots()[0].code
    assert inv.total_area().magnitude == pytest.approx(per_region[root].magnitude, abs=1e-6)


@given(facility_records(max_size=15))
def test_records_csv_and_io_round_trips(records: list[dict[str, Any]]) -> None:
    inv = Inventory.from_records(records)
    again = Inventory.from_records(inv.to_records())
    assert again.to_records() == inv.to_records()
    assert from_json(to_json(inv), Inventory).to_records() == inv.to_records()
    assert from_toml(to_toml(inv), Inventory).to_records() == inv.to_records()
    arrays = Inventory.from_arrays(
        id=inv.ids,
        kind=inv.kind_codes,
        region=inv.region_of,
        area=inv.area,
        opened=inv.opened,
        closed=inv.closed,
        length=inv.length,
        public=inv.public,
    )
    assert arrays.total_area(by="region") == inv.total_area(by="region")


def test_csv_round_trip_exact(tmp_path: Path, inv: Inventory) -> None:
    inv.to_csv(tmp_path / "f.csv")
    again = Inventory.from_csv(tmp_path / "f.csv", tree=TREE)
    assert again.to_records() == inv.to_records()
    assert again.to_data() == inv.to_data()


@given(facility_records(max_size=12))
def test_csv_round_trip_property(records: list[dict[str, Any]]) -> None:
    import tempfile

    inv = Inventory.from_records(records)
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "f.csv"
        inv.to_csv(path)
        assert Inventory.from_csv(path).to_records() == inv.to_records()


def test_lookup_errors(inv: Inventory) -> None:
    with pytest.raises(NotFoundError, match=r"kind='quidditch': unknown facility kind"):
        inv.filter(kind="quidditch")
    with pytest.raises(NotFoundError, match=r"region='Nowhere': unknown region code or name"):
        inv.filter(region="Nowhere")
    with pytest.raises(InvalidInputError, match=r"index=6: must be an integer in \[-6, 6\)"):
        inv[6]
    assert inv[0].kind == "football_11" and inv[-1].length.magnitude == 3000.0


def test_csv_chunks_keep_file_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Rows parsed the slow way (unit strings) are merged back in file order across chunks."""
    import sportsgov.facilities.inventory as inventory_module

    monkeypatch.setattr(inventory_module, "CHUNK", 3)
    header = "id,name,kind,region,area,length,lon,lat,datum,opened,closed,public"
    areas = ["100", "1亩", "300", "0.1 ha", "500", "", "700", "8 m^2"]
    lines = [header] + [
        f"F{i},,{'trail' if a == '' else 'gym'},A,{a},{'900' if a == '' else ''},,,,,,"
        for i, a in enumerate(areas)
    ]
    lines.insert(4, "")  # a blank line is skipped but still numbered
    (tmp_path / "f.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    got = Inventory.from_csv(tmp_path / "f.csv")
    assert got.ids.tolist() == [f"F{i}" for i in range(8)]
    expected = [100, 10000 / 15, 300, 1000, 500, np.nan, 700, 8]
    np.testing.assert_allclose(got.area, expected)
    (tmp_path / "g.csv").write_text(
        "\n".join([*lines, "F9,,gym,A,-1,,,,,,,"]) + "\n", encoding="utf-8"
    )
    with pytest.raises(DataError, match=r"g.csv, row 11, field area: area=-1.0"):
        Inventory.from_csv(tmp_path / "g.csv")


def test_models_pickle(inv: Inventory) -> None:
    import pickle

    again = pickle.loads(pickle.dumps(inv))
    assert again.to_records() == inv.to_records()
    assert again.total_area(by="district") == inv.total_area(by="district")
    assert pickle.loads(pickle.dumps(TREE)) == TREE
    f = inv[3]
    assert pickle.loads(pickle.dumps(f)) == f
    assert (
        pickle.loads(pickle.dumps(FacilityKinds.default())).codes == FacilityKinds.default().codes
    )


def test_from_records_accepts_facilities(inv: Inventory) -> None:
    again = Inventory.from_records(list(inv), tree=TREE)
    assert again.to_records() == inv.to_records()


@given(facility_records(min_size=1, max_size=10), st.data())
def test_collect_mode_rejects_exactly_the_corrupted_row(
    records: list[dict[str, Any]], data: st.DataObject
) -> None:
    import tempfile

    bad = data.draw(st.integers(0, len(records) - 1))
    corruption = data.draw(
        st.sampled_from([("area", "-1"), ("kind", "quidditch"), ("opened", "2024-02-30")])
    )
    inv = Inventory.from_records(records)
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "f.csv"
        inv.to_csv(path)
        lines = path.read_text(encoding="utf-8").splitlines()
        header = lines[0].split(",")
        cells = next(csv.reader([lines[bad + 1]]))
        cells[header.index(corruption[0])] = corruption[1]
        lines[bad + 1] = ",".join(f'"{c}"' if "," in c else c for c in cells)
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        res = Inventory.from_csv(path, errors="collect")
    assert [e.row for e in res.errors] == [bad + 2]  # type: ignore[attr-defined]  # header = row 1
    assert res.errors[0].field == corruption[0]  # type: ignore[attr-defined]
    kept = [r for i, r in enumerate(inv.to_records()) if i != bad]
    assert res.inventory.to_records() == kept


@given(st.lists(st.booleans(), min_size=1, max_size=30), st.data())
def test_kind_selection_equals_gather(flags: list[bool], data: st.DataObject) -> None:
    from sportsgov.facilities._columns import kind_selection

    table = np.array(flags, dtype=bool)
    codes = data.draw(st.lists(st.integers(0, len(flags) - 1), max_size=50))
    kind = np.array(codes, dtype=np.int16)
    np.testing.assert_array_equal(kind_selection(kind, table), table[kind])


@given(facility_records(max_size=10))
def test_value_equality(records: list[dict[str, Any]]) -> None:
    inv = Inventory.from_records(records)
    assert Inventory.from_records(inv.to_records()) == inv
    assert Inventory.from_data(inv.to_data()) == inv
    if records:
        changed = [dict(r) for r in records]
        changed[-1]["public"] = not changed[-1]["public"]
        assert Inventory.from_records(changed) != inv
        assert inv.filter(kind="ice_rink") == inv.filter(kind="ice_rink")


# --------------------------------------------------------------- dates, datums, points, totals


def test_csv_dates_in_every_accepted_form(tmp_path: Path) -> None:
    """The CSV loader reads dates through the one parser (2024/3/1, 2024年3月1日 ...)."""
    header = "id,name,kind,region,area,length,lon,lat,datum,opened,closed,public"
    rows = [
        "F1,a,gym,A,10,,,,,2024/3/1,,true",
        "F2,b,gym,A,10,,,,,2024年3月1日,2024.6.30,true",
        "F3,c,gym,A,10,,,,,20240301,—,true",
        "F4,d,gym,A,10,,,,,2024-03-01,NA,true",
    ]
    p = tmp_path / "f.csv"
    p.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    inv = Inventory.from_csv(p)
    assert {str(f.opened) for f in inv} == {"2024-03-01"}
    assert [f.closed for f in inv] == [None, dt.date(2024, 6, 30), None, None]


def test_location_accepts_every_datum_alias() -> None:

    assert Location(120.0, 30.0, "gps").datum == "wgs84"
    assert Location(120.0, 30.0, "amap").datum == "gcj02"
    assert Location(120.0, 30.0, "BD-09").datum == "bd09"


def test_to_points_converts_to_one_datum() -> None:
    """Oracle: the coverage module's own datum conversion, applied row by row."""
    from sportsgov.coverage import convert

    inv = Inventory.from_records(
        [
            {"id": 1, "kind": "gym", "region": "A", "area": 10, "lon": 113.6, "lat": 34.7},
            {
                "id": 2,
                "kind": "gym",
                "region": "A",
                "area": 20,
                "lon": 113.7,
                "lat": 34.8,
                "datum": "gcj02",
            },
            {"id": 3, "kind": "gym", "region": "A", "area": 30},
            {
                "id": 4,
                "kind": "gym",
                "region": "A",
                "area": 40,
                "lon": 113.8,
                "lat": 34.9,
                "closed": "2024-01-01",
            },
        ]
    )
    pts = inv.to_points(weight="area", as_of="2024-06-30")
    lon2, lat2 = convert([113.7], [34.8], src="gcj02", dst="wgs84")
    assert pts.datum == "wgs84"
    np.testing.assert_allclose(pts.lon, [113.6, float(lon2[0])], atol=1e-12)
    np.testing.assert_allclose(pts.lat, [34.7, float(lat2[0])], atol=1e-12)
    assert pts.weight is not None and pts.weight.tolist() == [10.0, 20.0]
    gcj = inv.to_points(datum="amap", weight=[1, 2, 3, 4])
    assert gcj.datum == "gcj02" and gcj.weight is not None and gcj.weight.tolist() == [1, 2, 4]
    with pytest.raises(
        InvalidInputError, match=r"^weight=array of shape \(2,\): must have one value per facility"
    ):
        inv.to_points(weight=[1, 2])
    with pytest.raises(InvalidInputError, match=r"^weight='size': expected 'area'"):
        inv.to_points(weight="size")  # type: ignore[arg-type]


@given(
    st.lists(
        st.tuples(
            st.sampled_from(["A1", "A2", "B1"]),
            st.sampled_from(["gym", "greenway", "football_5"]),
            st.integers(0, 1000),
        ),
        min_size=1,
        max_size=20,
    )
)
def test_totals_by_region_equals_brute_force(rows: list[tuple[str, str, int]]) -> None:
    """Oracle: sums over the records, each region including its descendants."""
    from sportsgov.regions import RegionTree

    tree = RegionTree.from_records(
        [
            {"code": "C", "name": "city", "level": "city", "parent": None},
            {"code": "A", "name": "a", "level": "district", "parent": "C"},
            {"code": "A1", "name": "a1", "level": "street", "parent": "A"},
            {"code": "A2", "name": "a2", "level": "street", "parent": "A"},
            {"code": "B1", "name": "b1", "level": "district", "parent": "C"},
        ]
    )
    records = [{"id": i, "region": r, "kind": k, "area": a} for i, (r, k, a) in enumerate(rows)]
    inv = Inventory.from_records(records)
    within = {"C": {"A1", "A2", "B1"}, "A": {"A1", "A2"}, "A1": {"A1"}, "B1": {"B1"}}
    codes = ["C", "A", "A1", "B1"]
    got = inv.totals_by_region(codes, tree=tree, flag="counts_toward_area")
    for j, code in enumerate(codes):
        chosen = [r for r in records if r["region"] in within[code] and r["kind"] != "greenway"]
        assert got.values[j] == sum(r["area"] for r in chosen)
        assert got.counts[j] == len(chosen)
    counted = inv.totals_by_region(codes, tree=tree, weighted=False)
    assert counted.values.tolist() == [
        sum(r["region"] in within[c] for r in records) for c in codes
    ]


def test_totals_by_region_unknown_regions() -> None:
    from sportsgov.regions import RegionTree

    tree = RegionTree.from_records([{"code": "C", "name": "c", "level": "city", "parent": None}])
    inv = Inventory.from_records(
        [
            {"id": 1, "kind": "gym", "region": "C", "area": 1},
            {"id": 2, "kind": "gym", "region": "X", "area": 2},
        ]
    )
    with pytest.raises(DataError, match=r"region='X': not a region of the tree"):
        inv.totals_by_region(["C"], tree=tree)
    t = inv.totals_by_region(["C"], tree=tree, unknown_regions="exclude")
    assert (t.values.tolist(), t.excluded) == ([1.0], 1)
    with pytest.raises(InvalidInputError, match=r"^unknown_regions='skip': expected one of"):
        inv.totals_by_region(unknown_regions="skip")  # type: ignore[arg-type]


def test_old_region_totals_are_deprecated() -> None:
    inv = Inventory.from_records([{"id": 1, "kind": "gym", "region": "A", "area": 10}])
    with pytest.warns(DeprecationWarning, match=r"Inventory.region_sums\(\) is deprecated"):
        assert inv.region_sums()[0].tolist() == [10.0]
    with pytest.warns(DeprecationWarning, match=r"region_counts"):
        assert inv.region_counts().tolist() == [1]
    with pytest.warns(DeprecationWarning, match=r"region_kind_totals"):
        area, n = inv.region_kind_totals()
    assert float(area.sum()) == 10.0 and n is not None and int(n.sum()) == 1


# -- ids compared by their text (hardening) --------------------------------------------


@pytest.mark.parametrize(("first", "second"), [(1, "1"), ("1", 1), (7, " 7"), (3.0, "3")])
def test_ids_equal_as_text_are_duplicates(first: Any, second: Any) -> None:
    recs = [
        {"id": first, "kind": "football_7", "region": "A", "area": 100},
        {"id": second, "kind": "football_7", "region": "A", "area": 100},
    ]
    with pytest.raises(
        DataError, match=r"^row 2, field id: id=.*: duplicate id \(first seen in row 1\)$"
    ):
        Inventory.from_records(recs)
    ids = np.array([first, second], dtype=object)
    with pytest.raises(DataError, match=r"duplicate id \(first seen in row 1\)$"):
        Inventory.from_arrays(id=ids, kind=["football_7"] * 2, region=["A", "A"], area=[1.0, 2.0])


def test_ids_of_different_text_are_kept() -> None:
    recs = [
        {"id": 1, "kind": "football_7", "region": "A", "area": 100},
        {"id": "01", "kind": "football_7", "region": "A", "area": 100},
    ]
    assert len(Inventory.from_records(recs)) == 2


def test_area_int_beyond_the_float_range_is_a_data_error() -> None:
    rec = {"id": 1, "kind": "football_7", "region": "A", "area": 10**400}
    with pytest.raises(
        DataError, match=r"^row 1, field area: area=<int of about 401 digits>: must"
    ):
        Inventory.from_records([rec])


@pytest.mark.parametrize("dup", [1, 2, 4, 7])
def test_duplicate_ids_across_chunks_name_the_first_row(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, dup: int
) -> None:
    """Ids are checked a chunk at a time as sets; a brute-force scan of the rows in
    file order (first occurrence wins) is the oracle, also when the first occurrence
    was parsed the slow way (an area in 亩) or sits in an earlier chunk."""
    import sportsgov.facilities.inventory as inventory_module

    monkeypatch.setattr(inventory_module, "CHUNK", 3)
    areas = ["100", "1亩", "300", "400", "500", "600", "700", "800"]
    opened = ["2020-01-0" + str(1 + i % 2) for i in range(8)]  # dates repeat across chunks
    ids = [f"F{i}" for i in range(8)]
    ids.append(ids[dup])  # the 9th row repeats an earlier id
    lines = ["id,kind,region,area,opened"] + [
        f"{fid},gym,A,{areas[i % 8]},{opened[i % 8]}" for i, fid in enumerate(ids)
    ]
    (tmp_path / "f.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    first_row = {}
    for row, fid in enumerate(ids, start=2):
        if fid in first_row:
            expected = (row, first_row[fid])
            break
        first_row[fid] = row
    pattern = rf"^f.csv, row {expected[0]}, field id: id='F{dup}': duplicate id "
    with pytest.raises(DataError, match=pattern + rf"\(first seen in row {expected[1]}\)$"):
        Inventory.from_file(tmp_path / "f.csv")
    loaded = Inventory.from_file(tmp_path / "f.csv", errors="collect")
    assert loaded.inventory.ids.tolist() == ids[:8]
    assert [str(d) for d in loaded.inventory.opened] == opened
    assert [e.row for e in loaded.errors] == [expected[0]]
